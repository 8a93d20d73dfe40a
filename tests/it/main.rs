//! The integration tests, one binary (`cargo test --test it`): the core as a user of the crate
//! sees it. `tests/wasm.rs` runs the key ones inside WebAssembly; it is its own target.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

mod catalog;
mod decode_text;
#[cfg(feature = "models")]
mod models;
mod robustness;
mod spec_build;
mod top_decode;
mod top_signing;
mod u8_api;
mod validation;
mod vocabulary;
mod xml_json;
