//! The operation table (`src/alsc/catalog.rs`) is written for people: field descriptions
//! (`«...»`) feed `operations()` metadata and object type names (`DedutOpenReq{`) the drift
//! test and the TypeScript types, all generated natively. The wasm never reads either, so for
//! wasm32 this copies the table without them (about 25 KB); other targets get it as written.

use std::{env, fs, path::Path};

/// Strips descriptions and object type names from one `r#"..."#` declaration.
fn compact(declaration: &str) -> String {
    let mut out = String::with_capacity(declaration.len());
    let mut chars = declaration.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' => {
                for d in chars.by_ref() {
                    if d == '»' {
                        break;
                    }
                }
            }
            ':' if chars.peek().is_some_and(char::is_ascii_uppercase) => {
                out.push(':');
                let mut name = String::new();
                while let Some(&n) = chars.peek().filter(|n| n.is_ascii_alphanumeric()) {
                    name.push(n);
                    chars.next();
                }
                // An object type's name goes; a scalar type code (`S`, `N`, ...) stays.
                if !matches!(chars.peek(), Some('{' | '['))
                    || name.len() == 1 && chars.peek() == Some(&'[')
                {
                    out.push_str(&name);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn main() {
    const TABLE: &str = "src/alsc/catalog.rs";
    println!("cargo:rerun-if-changed={TABLE}");
    let source = fs::read_to_string(TABLE).unwrap_or_default();
    let wasm = env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"));
    let mut out = String::with_capacity(source.len());
    // `include!` takes items, not the module's inner doc comment.
    let mut rest = source
        .lines()
        .filter(|l| !l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join("\n");
    while let Some(start) = rest.find("r#\"").filter(|_| wasm) {
        let body_start = start + 3;
        let Some(len) = rest[body_start..].find("\"#") else {
            break;
        };
        out.push_str(&rest[..body_start]);
        out.push_str(&compact(&rest[body_start..body_start + len]));
        rest = rest[body_start + len..].to_string();
    }
    out.push_str(&rest);
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("catalog.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
