//! The operation table (`src/alsc/catalog.rs`) is written for people. Field descriptions
//! (`«...»`), titles and Chinese choice labels feed `operations()` metadata, and object type
//! names (`DedutOpenReq{`) the drift test and the TypeScript types, all generated natively;
//! the wasm reads none of them. So for wasm32 this writes a compact copy of the table:
//! without them, and with the most repeated
//! pieces (`brand_id:S `, `result_code:S `, ...) replaced by one-character codes that
//! `alsc::catalog::expand` puts back when a declaration is first parsed (about 40 KB less in
//! all). Other targets get the table as written and an empty dictionary.

use std::collections::HashMap;
use std::{env, fs, path::Path};

/// Characters the compacted declarations never use, free to stand for dictionary entries.
const CODES: &str = "ACEFGHIKLMOPQRTUVWXYZ#$%&'()*+,-./;<=>?@^`|~\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{b}\u{c}\u{e}\u{f}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f}";

/// Strips descriptions and object type names from one declaration.
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
                // An object type's name goes; a scalar type code (`S`, `N`, `S[]`, ...) stays.
                let object = match chars.peek() {
                    Some('{') => true,
                    Some('[') => name.len() > 1,
                    _ => false,
                };
                if !object {
                    out.push_str(&name);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Empties the string values of `title_zh:`, `title_en:` and `zh:` on a line of code.
fn drop_labels(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = ["title_zh: \"", "title_en: \"", "zh: \""]
        .iter()
        .filter_map(|k| rest.find(k).map(|i| (i, k.len())))
        .min()
    {
        let (start, len) = at;
        out.push_str(&rest[..start + len]);
        let after = &rest[start + len..];
        let end = after.find('"').unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Pieces of a declaration: each runs up to and including its next space or `{`; `}` alone.
fn pieces(declaration: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in declaration.char_indices() {
        if c == '}' {
            if start < i {
                out.push(&declaration[start..i]);
            }
            out.push("}");
            start = i + 1;
        } else if c == ' ' || c == '{' {
            out.push(&declaration[start..=i]);
            start = i + 1;
        }
    }
    if start < declaration.len() {
        out.push(&declaration[start..]);
    }
    out
}

fn main() {
    const TABLE: &str = "src/alsc/catalog.rs";
    println!("cargo:rerun-if-changed={TABLE}");
    let source = fs::read_to_string(TABLE).unwrap_or_default();
    let wasm = env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"));
    // `include!` takes items, not the module's inner doc comment.
    let text = source
        .lines()
        .filter(|l| !l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity(text.len());
    if wasm {
        // Split the file into code and declarations (`r#"..."#`), compacting the declarations.
        let mut parts: Vec<(bool, String)> = Vec::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find("r#\"") {
            let body = &rest[start + 3..];
            let Some(len) = body.find("\"#") else { break };
            parts.push((false, drop_labels(&rest[..start])));
            parts.push((true, compact(&body[..len])));
            rest = &body[len + 2..];
        }
        parts.push((false, drop_labels(rest)));
        // The pieces that save the most when replaced by one character.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (_, d) in parts.iter().filter(|(is_decl, _)| *is_decl) {
            for p in pieces(d) {
                *counts.entry(p).or_default() += 1;
            }
        }
        let mut ranked: Vec<(usize, &str)> = counts
            .into_iter()
            .map(|(p, n)| ((n * (p.len() - 1)).saturating_sub(p.len() + 4), p))
            .filter(|(gain, _)| *gain > 0)
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let dictionary: Vec<&str> = ranked
            .into_iter()
            .map(|(_, p)| p)
            .take(CODES.chars().count())
            .collect();
        let code_of: HashMap<&str, char> = dictionary.iter().copied().zip(CODES.chars()).collect();
        for (is_decl, s) in &parts {
            if *is_decl {
                let encoded: String = pieces(s)
                    .into_iter()
                    .map(|p| {
                        code_of
                            .get(p)
                            .map_or_else(|| p.to_string(), |c| c.to_string())
                    })
                    .collect();
                out.push_str(&format!("{encoded:?}"));
            } else {
                out.push_str(s);
            }
        }
        let codes: String = CODES.chars().take(dictionary.len()).collect();
        out.push_str(&format!("\n/// Codes of the compact table and what each stands for.\npub const CODES: &str = {codes:?};\npub const DICTIONARY: &[&str] = &{dictionary:?};\n"));
    } else {
        out.push_str(&text);
        out.push_str("\n/// Natively the table is as written: nothing to expand.\npub const CODES: &str = \"\";\npub const DICTIONARY: &[&str] = &[];\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("catalog.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
