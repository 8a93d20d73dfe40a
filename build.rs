//! Field descriptions in the operation table (`«...»`) feed `operations()` metadata, which is
//! generated natively at build time; the wasm never reads them. For wasm32 this copies the
//! table without them (about 20 KB of Chinese text); other targets get it as written.

use std::{env, fs, path::Path};

fn main() {
    const TABLE: &str = "src/alsc/catalog.rs";
    println!("cargo:rerun-if-changed={TABLE}");
    let source = fs::read_to_string(TABLE).unwrap_or_default();
    let wasm = env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"));
    let mut out = String::with_capacity(source.len());
    let mut in_description = false;
    for line in source.lines() {
        // `include!` takes items, not the module's inner doc comment.
        if line.starts_with("//!") {
            continue;
        }
        for c in line.chars() {
            match c {
                '«' if wasm => in_description = true,
                '»' if wasm => in_description = false,
                _ if !in_description => out.push(c),
                _ => {}
            }
        }
        out.push('\n');
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("catalog.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
