//! What `build.rs` generates from `spec/` for JavaScript, kept here so the package build
//! (`cargo run --example export-metadata`) writes the same text the core was built with.
//! Nothing in the wasm reads these.

/// `operations.js`: the metadata `operations()` answers (fields, types, rules, labels,
/// amounts, order ids), as an ES module.
pub const OPERATIONS_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/operations.js"));

/// `operations.d.ts`: each operation's parameter and result types.
pub const OPERATIONS_D_TS: &str = include_str!(concat!(env!("OUT_DIR"), "/operations.d.ts"));
