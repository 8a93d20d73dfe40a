//! Writes `operations.js` (the `operations()` metadata as an ES module) into the folder given
//! as the first argument. `.ci/build-pkg` runs it for `pkg/`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: export-metadata <dir>")?,
    );
    let metadata = loyalty_sdk::meta::operations()?;
    let module = format!(
        "// Generated from src/alsc/catalog.rs by `cargo run --example export-metadata`.\nexport default {};\n",
        metadata.to_json()
    );
    std::fs::write(dir.join("operations.js"), module)?;
    Ok(())
}
