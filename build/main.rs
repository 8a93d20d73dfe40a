//! Compiles `spec/` (the platforms' published definitions and the reviewed overlay) once,
//! into everything that declares an operation: the core's table, the JS metadata, the
//! TypeScript types and the Rust models. A malformed definition or overlay entry stops the
//! build, naming the file, the API and the field.

mod metadata;
mod models;
mod spec;
mod table;
mod typescript;
// The core's error codes and rule names, which the build writes for JS and TypeScript.
#[path = "../src/vocabulary.rs"]
mod vocabulary;

use std::path::{Path, PathBuf};

fn run() -> Result<(), String> {
    for input in ["spec", "src/vocabulary.rs", "src/operation/kind.rs"] {
        println!("cargo:rerun-if-changed={input}");
    }
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let spec = spec::load(&root.join("spec"))?;
    let (models, model_list) = models::write(&spec);
    for (name, text) in [
        ("table.rs", table::write(&spec)),
        ("operations.js", metadata::write(&spec)?),
        ("operations.d.ts", typescript::write(&spec)),
        ("models.rs", models),
        ("model_list.rs", model_list),
    ] {
        write(&out.join(name), &text)?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() {
    if let Err(e) = run() {
        eprintln!("spec/: {e}");
        std::process::exit(1);
    }
}
