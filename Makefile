# The two commands of README.md: `make demo` and `make test`. Each installs what is missing
# first (see .ci/setup), so both work on a fresh machine and are quick on a warm one.
.PHONY: demo test setup lint rust-test

demo: setup
	cargo run -q --example signed-requests

test: setup lint rust-test

setup:
	bash .ci/setup

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

rust-test:
	cargo test
