//! The text decoder (`operation::decode_text`, what `parse()` runs in JS) against the tree
//! decoder (`TopClient::parse`): over thousands of random answers shaped by every operation's
//! declared result — lists as arrays, wrappers and lone items, numbers where strings are
//! declared and the reverse, ids beyond 2^53, escapes, odd whitespace, refusals, gateway
//! errors, cut and mangled bodies — whenever the text decoder answers, the tree decoder
//! accepts the same body and means exactly the same value. Bodies are written by this file's
//! own serializer, not the crate's.
use loyalty_sdk::json;

use crate::common::{top_client, Rng, Value};
use loyalty_sdk::operation::{decode_text, Field, Kind, Operation, Platform, OPERATIONS};
use loyalty_sdk::top::response_name;

const TEXTS: &[&str] = &[
    "",
    " ",
    "null",
    "12",
    " 7 ",
    "-3",
    "1.50",
    "true",
    "false",
    "abc",
    "机会均等",
    "a\"b\\c",
    "line\nbreak",
    "tab\there",
    "😀",
    "9007199254740993",
    "2019-08-08 15:15:41",
];
const NUMBERS: &[&str] = &[
    "0",
    "7",
    "-65",
    "4000",
    "9007199254740991",
    "9007199254740992",
    "-9007199254740993",
    "123456789012345678901234567890",
    "1.5",
    "-0.25",
    "1e3",
    "2E-2",
    "0.0",
];

fn number(rng: &mut Rng) -> Value {
    Value::Number(rng.pick(NUMBERS).to_string().into())
}

fn text(rng: &mut Rng) -> Value {
    Value::String(rng.pick(TEXTS).to_string().into())
}

/// Anything at all, for undeclared keys and wrong kinds.
fn anything(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 2 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 | 3 => number(rng),
        4 => text(rng),
        5 => Value::Array(
            (0..rng.below(3))
                .map(|_| anything(rng, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..rng.below(3))
                .map(|i| (format!("k{i}").into(), anything(rng, depth + 1)))
                .collect(),
        ),
    }
}

fn object(rng: &mut Rng, fields: &[Field], depth: usize) -> Value {
    let mut entries: Vec<json::Entry<'static>> = Vec::new();
    for f in fields {
        if rng.chance(80) {
            entries.push((f.name.into(), value(rng, f, depth + 1)));
        }
    }
    if rng.chance(15) {
        let key = rng.pick(&["undeclared", "备注😀", "x"]);
        entries.push((key.into(), anything(rng, depth + 1)));
    }
    if entries.len() > 1 && rng.chance(20) {
        let a = rng.below(entries.len());
        let b = rng.below(entries.len());
        entries.swap(a, b);
    }
    Value::Object(entries)
}

fn item(rng: &mut Rng, f: &Field, depth: usize) -> Value {
    match f.kind {
        Kind::ObjectList if rng.chance(90) => object(rng, f.fields(), depth),
        Kind::StringList if rng.chance(50) => number(rng),
        Kind::StringList if rng.chance(80) => text(rng),
        _ => anything(rng, depth),
    }
}

fn list(rng: &mut Rng, f: &Field, depth: usize) -> Value {
    let items = Value::Array((0..rng.below(4)).map(|_| item(rng, f, depth + 1)).collect());
    match rng.below(10) {
        0 => Value::Object(vec![(rng.pick(&["wrapper_dto", "列表"]).into(), items)]),
        1 => Value::Object(vec![("wrapper_dto".into(), item(rng, f, depth + 1))]),
        2 => item(rng, f, depth),
        3 => Value::String("".into()),
        4 => Value::Object(vec![
            ("wrapper_dto".into(), items),
            ("total".into(), number(rng)),
        ]),
        5 => Value::Object(Vec::new()),
        _ => items,
    }
}

fn value(rng: &mut Rng, f: &Field, depth: usize) -> Value {
    if rng.chance(8) {
        return Value::Null;
    }
    if rng.chance(10) || depth > 6 {
        return anything(rng, depth);
    }
    match f.kind {
        Kind::String | Kind::Date => match rng.below(4) {
            0 => number(rng),
            1 => Value::Bool(rng.chance(50)),
            _ => text(rng),
        },
        Kind::Number => {
            if rng.chance(70) {
                number(rng)
            } else {
                text(rng)
            }
        }
        Kind::Boolean => match rng.below(3) {
            0 => text(rng),
            _ => Value::Bool(rng.chance(50)),
        },
        Kind::Money | Kind::Decimal => {
            if rng.chance(50) {
                number(rng)
            } else {
                text(rng)
            }
        }
        Kind::Json => anything(rng, depth),
        Kind::Object => {
            if rng.chance(85) {
                object(rng, f.fields(), depth)
            } else {
                text(rng)
            }
        }
        Kind::StringList | Kind::ObjectList => list(rng, f, depth),
    }
}

/// JSON written independently of the crate: random spaces, and characters escaped in
/// several legal ways (`\uXXXX`, `\/`).
fn write(rng: &mut Rng, v: &Value, out: &mut String) {
    let space = |rng: &mut Rng, out: &mut String| {
        if rng.chance(10) {
            out.push_str(rng.pick(&[" ", "\n  ", "\t", "\r\n"]));
        }
    };
    space(rng, out);
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_string(rng, s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(rng, item, out);
            }
            space(rng, out);
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out);
                write_string(rng, k, out);
                space(rng, out);
                out.push(':');
                write(rng, item, out);
            }
            space(rng, out);
            out.push('}');
        }
    }
    space(rng, out);
}

fn write_string(rng: &mut Rng, s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str(if rng.chance(50) { "\\t" } else { "\\u0009" }),
            '/' if rng.chance(50) => out.push_str("\\/"),
            c if (c as u32) < 0x10000 && !c.is_ascii() && rng.chance(20) => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn answer(rng: &mut Rng, op: &Operation) -> String {
    let result_field = op.response.iter().find(|f| f.name == "result");
    let mut result = match result_field {
        Some(f) => object(rng, f.fields(), 1),
        None => anything(rng, 1),
    };
    if let Value::Object(entries) = &mut result {
        entries.retain(|(k, _)| k != "biz_success");
        let biz = match rng.below(10) {
            0 => Some(Value::Bool(false)),
            1 => Some(Value::String("false".into())),
            2 => None,
            _ => Some(Value::Bool(true)),
        };
        if let Some(b) = biz {
            entries.insert(0, ("biz_success".into(), b));
        }
    }
    let mut content: Vec<json::Entry<'static>> = vec![("result".into(), result)];
    if rng.chance(30) {
        content.push(("request_id".into(), text(rng)));
    }
    let doc = match rng.below(12) {
        0 => Value::Object(vec![(
            "error_response".into(),
            json::parse(r#"{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited","request_id":"3x"}"#).unwrap(),
        )]),
        1..=5 => Value::Object(content),
        _ => Value::Object(vec![(response_name(op.method).into(), Value::Object(content))]),
    };
    let mut out = String::new();
    write(rng, &doc, &mut out);
    out
}

fn mangle(rng: &mut Rng, body: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let at = rng.below(chars.len() + 1);
    match rng.below(3) {
        0 => chars[..at].iter().collect(),
        1 => {
            let mut c = chars.clone();
            c.insert(
                at,
                rng.pick(&["{", "}", "[", "]", ",", ":", "\"", "\\", "0", "x"])
                    .chars()
                    .next()
                    .unwrap(),
            );
            c.into_iter().collect()
        }
        _ => {
            let mut c = chars.clone();
            if at < c.len() {
                c.remove(at);
            }
            c.into_iter().collect()
        }
    }
}

/// The edits applied the way `sdk.js` applies them, on UTF-16 code units (written here
/// again, apart from `Edits::apply`).
fn apply_units(body: &str, edits: &[u32]) -> String {
    let text: Vec<u16> = body.encode_utf16().collect();
    let mut out: Vec<u16> = Vec::new();
    let mut at = edits[0] as usize;
    // After the result span and the trace span.
    let mut k = 4;
    while k < edits.len() {
        let n = edits[k + 2] as usize;
        out.extend_from_slice(&text[at..edits[k] as usize]);
        out.extend(edits[k + 3..k + 3 + n].iter().map(|&c| c as u16));
        at = edits[k + 1] as usize;
        k += 3 + n;
    }
    out.extend_from_slice(&text[at..edits[1] as usize]);
    String::from_utf16(&out).unwrap()
}

#[test]
fn the_text_decoder_means_what_the_tree_decoder_means() {
    let client = top_client("k", "s");
    let ops: Vec<&Operation> = OPERATIONS
        .iter()
        .filter(|op| op.platform == Platform::Top)
        .collect();
    let (mut cases, mut typed_as_text) = (0, 0);
    for seed in 1..=6000u64 {
        let mut rng = Rng::case(seed);
        let op = ops[rng.below(ops.len())];
        let mut body = answer(&mut rng, op);
        if rng.chance(15) {
            body = mangle(&mut rng, &body);
        }
        cases += 1;
        let tree = client.parse(op.method, 200, &body);
        let text = decode_text(op, &response_name(op.method), &body);
        let Some(text) = text else { continue };
        typed_as_text += 1;
        let tree = match tree {
            Ok(v) => v,
            Err(e) => panic!(
                "{}: the text decoder accepted what the tree decoder refuses ({e}):\n{body}",
                op.method
            ),
        };
        let meant = json::parse(&text).unwrap_or_else(|e| {
            panic!(
                "{}: the text decoder wrote bad JSON ({e}):\n{text}",
                op.method
            )
        });
        assert_eq!(meant, tree, "{}:\n{body}\n=> {text}", op.method);
        // And what the JS layer receives is the same text either way, and the same edits
        // applied to the body's UTF-16 text (as JS applies them) give the same text.
        let units = client.parse_edits(op.method, 200, &body).unwrap().0;
        assert_eq!(apply_units(&body, &units), text, "{}:\n{body}", op.method);
    }
    // Most well-formed answers take the fast path; if none did, this test would prove nothing.
    assert!(
        typed_as_text * 3 > cases,
        "only {typed_as_text} of {cases} answers were typed as text"
    );
}

#[test]
fn answers_the_text_decoder_leaves_alone_still_decode() {
    let client = top_client("k", "s");
    let method = "alibaba.alsc.crm.recharge.accountflows.get";
    let op = loyalty_sdk::operation::find(method).unwrap();
    let wanted = response_name(method);
    let refusal = r#"{"result":{"biz_success":false,"result_code":"E1","result_desc":"余额不足"}}"#;
    let gateway = r#"{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"isp.x"}}"#;
    let xml = "<alibaba_alsc_crm_recharge_accountflows_get_response><result><biz_success>true</biz_success></result></alibaba_alsc_crm_recharge_accountflows_get_response>";
    let deep = format!(
        r#"{{"result":{{"biz_success":true,"x":{}1{}}}}}"#,
        "[".repeat(40),
        "]".repeat(40)
    );
    for body in [refusal, gateway, xml, deep.as_str()] {
        assert_eq!(decode_text(op, &wanted, body), None, "{body}");
    }
    assert_eq!(
        client.parse(method, 200, refusal).unwrap_err().code,
        loyalty_sdk::ErrorCode::BizError
    );
    assert_eq!(
        client.parse(method, 200, gateway).unwrap_err().code,
        loyalty_sdk::ErrorCode::RateLimited
    );
    assert!(client.parse(method, 200, xml).is_ok());
    assert!(client.parse(method, 200, &deep).is_ok());
    // A success body on a failed status is the status's error, never edits.
    let ok = r#"{"result":{"biz_success":true}}"#;
    assert!(client.parse_edits(method, 200, ok).is_some());
    assert_eq!(client.parse_edits(method, 502, ok), None);
    // Methods outside the table are read as trees.
    assert_eq!(client.parse_edits("taobao.time.get", 200, ok), None);
}
