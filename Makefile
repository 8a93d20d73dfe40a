# The two commands of README.md: `make demo` and `make test`. Each installs what is missing
# first (.ci/setup), so both work on a fresh machine and are quick on a warm one.
.PHONY: demo test setup lint rust-test wasm-test pkg js-test bench

export WRANGLER_SEND_METRICS := false

demo: setup pkg
	node www/demo.mjs

test: setup lint rust-test wasm-test pkg js-test

setup:
	bash .ci/setup

# The JS: prettier for the layout, eslint for the rest (configs at the top of the tree;
# `node_modules` there is a link to www/'s tools, made by .ci/setup).
# The package's hand-written JS (src/js/) and the proxy's are type-checked from their JSDoc
# (tsc --checkJs) against the package's generated types, so they need pkg/ built first.
lint: pkg
	node_modules/.bin/prettier --check --log-level warn .
	node_modules/.bin/eslint .
	node_modules/.bin/tsc -p src/js/tsconfig.json
	node_modules/.bin/tsc -p www/worker/tsconfig.json
	cargo fmt --check
	cargo clippy --all-targets --all-features -- -D warnings
	cargo clippy --lib --test wasm --target wasm32-unknown-unknown -- -D warnings

rust-test:
	cargo test --all-features

# The core's key tests inside wasm: in Node, then in headless Chromium.
wasm-test:
	cargo test --target wasm32-unknown-unknown --test wasm
	WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm

pkg:
	bash .ci/build-pkg

js-test:
	node --test --test-concurrency=2 tests/js/

# Figures for BENCHMARKS.md (prints; asserts nothing).
bench: setup pkg
	node tests/bench/bench.mjs
	node tests/bench/proxy.mjs
	node tests/bench/books.mjs
	node tests/bench/jobs.mjs
