//! XML and JSON answers of the same content type to the same result: over thousands of random
//! answers shaped by every operation's declared result, each written twice by this file's own
//! writers — as JSON (numbers and booleans bare where the field may take them) and as XML
//! (entities, CDATA, comments, attributes, empty and self-closing elements, lists of none, one
//! or several items in a wrapper, nested objects, ids past 2^53, Chinese text) — both decode
//! to the same value and trace id, or fail with the same error; and what the JS layer receives
//! for the JSON answer (the text decoder's output) is the XML answer's value.
use loyalty_sdk::json::{self, is_number_literal};
use loyalty_sdk::operation::{decode_text, Field, Kind, Operation, Platform, OPERATIONS};
use loyalty_sdk::top::response_name;

use crate::common::{top_client, Rng};

const TEXTS: &[&str] = &[
    "",
    " ",
    "null",
    "0",
    "12",
    "-65",
    " 7 ",
    "007",
    "1.50",
    "-0.25",
    "1e3",
    "9007199254740991",
    "9007199254740993",
    "123456789012345678901234567890",
    "true",
    "false",
    "abc",
    "机会均等",
    "中文 and ASCII",
    "a\"b\\c",
    "x<y & y>z",
    "&amp; written out",
    "line\nbreak",
    "tab\there",
    "😀",
    "2019-08-08 15:15:41",
];

/// One value written both ways: its JSON text and its XML element content (`None`: the
/// element is empty, `<name/>`, which is `null`).
struct Both {
    json: String,
    xml: Option<String>,
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text as XML writes it, in one of several legal spellings.
fn xml_text(rng: &mut Rng, s: &str) -> String {
    if s.is_empty() {
        return rng.pick(&["", "<![CDATA[]]>", "<!-- none -->"]).to_string();
    }
    if rng.chance(20) {
        // Split between a plain piece and a CDATA piece.
        let at = s
            .char_indices()
            .nth(s.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        let (a, b) = s.split_at(at);
        return format!("{}<![CDATA[{b}]]>", escape(rng, a));
    }
    if rng.chance(15) {
        return format!("<![CDATA[{s}]]>");
    }
    escape(rng, s)
}

fn escape(rng: &mut Rng, s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str(rng.pick(&["&amp;", "&#38;", "&#x26;"])),
            '<' => out.push_str(rng.pick(&["&lt;", "&#60;"])),
            '>' if rng.chance(50) => out.push_str("&gt;"),
            '"' if rng.chance(50) => out.push_str("&quot;"),
            c if !c.is_ascii() && rng.chance(20) => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn null() -> Both {
    Both {
        json: "null".into(),
        xml: None,
    }
}

/// A text for a field of `kind`: bare in JSON where JSON would carry it bare.
fn scalar(rng: &mut Rng, kind: Kind) -> Both {
    let t = rng.pick(TEXTS);
    let bare = match kind {
        Kind::Boolean => t == "true" || t == "false",
        Kind::Json => false,
        _ => is_number_literal(t),
    };
    Both {
        json: if bare && rng.chance(70) {
            t.to_string()
        } else {
            json_string(t)
        },
        xml: Some(xml_text(rng, t)),
    }
}

fn element(rng: &mut Rng, name: &str, v: &Both) -> String {
    let open = if rng.chance(5) {
        format!("<{name} type=\"x>y\">")
    } else {
        format!("<{name}>")
    };
    match &v.xml {
        None if rng.chance(50) => format!("<{name}/>"),
        None => format!("<{name} />"),
        Some(inner) => format!("{open}{inner}</{name}>"),
    }
}

/// An object of some of `fields` (at least one entry, so it is an object in XML too).
fn object(rng: &mut Rng, fields: &[Field], depth: usize) -> Both {
    let mut entries: Vec<(String, Both)> = Vec::new();
    // The envelope's `biz_success` is written by `answer`.
    for f in fields
        .iter()
        .filter(|f| depth > 1 || f.name != "biz_success")
    {
        if rng.chance(70) {
            entries.push((f.name.to_string(), value(rng, f, depth + 1)));
        }
    }
    if entries.is_empty() || rng.chance(10) {
        entries.push(("x_undeclared".into(), scalar(rng, Kind::Json)));
    }
    let layout = rng.chance(20);
    let mut json = String::from("{");
    let mut xml = String::new();
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&json_string(k));
        json.push(':');
        json.push_str(&v.json);
        if layout {
            xml.push_str(rng.pick(&["\n  ", " ", "\t", "<!-- c -->"]));
        }
        xml.push_str(&element(rng, k, v));
    }
    if layout {
        xml.push('\n');
    }
    json.push('}');
    Both {
        json,
        xml: Some(xml),
    }
}

/// A list: an array in JSON, its items in a wrapper element in XML (none: an empty element;
/// one: the wrapper around the lone item).
fn list(rng: &mut Rng, f: &Field, depth: usize) -> Both {
    let n = [0, 1, 1, 2, 3][rng.below(5)];
    let items: Vec<Both> = (0..n)
        .map(|_| match f.kind {
            Kind::ObjectList => object(rng, f.fields(), depth + 1),
            _ if rng.chance(10) => null(),
            _ => scalar(rng, Kind::String),
        })
        .collect();
    let wrapper = if f.kind == Kind::ObjectList {
        "item_dto"
    } else {
        "string"
    };
    assert!(f.fields().iter().all(|c| c.name != wrapper));
    let json = format!(
        "[{}]",
        items
            .iter()
            .map(|i| i.json.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let xml = items.iter().map(|i| element(rng, wrapper, i)).collect();
    Both {
        json,
        xml: Some(xml),
    }
}

fn value(rng: &mut Rng, f: &Field, depth: usize) -> Both {
    if rng.chance(8) || depth > 5 {
        return null();
    }
    match f.kind {
        Kind::Object => object(rng, f.fields(), depth),
        Kind::ObjectList | Kind::StringList => list(rng, f, depth),
        kind => scalar(rng, kind),
    }
}

/// The same answer as JSON and as XML.
fn answer(rng: &mut Rng, op: &Operation) -> (String, String) {
    let fields = op
        .response
        .iter()
        .find(|f| f.name == "result")
        .map_or(&[][..], |f| f.fields());
    let mut result = object(rng, fields, 1);
    let biz = rng.chance(90);
    let (bj, bx) = if biz {
        (rng.pick(&["true", "\"true\""]), "true")
    } else {
        (rng.pick(&["false", "\"false\""]), "false")
    };
    result.json = format!("{{\"biz_success\":{bj},{}", &result.json[1..]);
    let mut xml_result = format!("<biz_success>{bx}</biz_success>");
    xml_result.push_str(result.xml.as_deref().unwrap_or(""));
    let name = response_name(op.method);
    let trace = rng.chance(50).then(|| rng.pick(&["rq8x", "", "中"]));
    let mut json = format!("{{\"{name}\":{{\"result\":{}", result.json);
    let mut xml =
        format!("<?xml version=\"1.0\" encoding=\"utf-8\" ?><{name}><result>{xml_result}</result>");
    if let Some(t) = trace {
        json.push_str(&format!(",\"request_id\":{}", json_string(t)));
        xml.push_str(&format!("<request_id>{t}</request_id>"));
    }
    json.push_str("}}");
    xml.push_str(&format!("</{name}><!--top011023105124.center.na61-->"));
    (json, xml)
}

#[test]
fn xml_and_json_answers_of_the_same_content_type_alike() {
    let client = top_client("k", "s");
    let ops: Vec<&Operation> = OPERATIONS
        .iter()
        .filter(|op| op.platform == Platform::Top)
        .collect();
    let mut typed = 0;
    for seed in 1..=4000u64 {
        let mut rng = Rng::case(seed);
        let op = ops[rng.below(ops.len())];
        let (json_body, xml_body) = answer(&mut rng, op);
        let from_json = client.parse_traced(op.method, 200, &json_body, false);
        let from_xml = client.parse_traced(op.method, 200, &xml_body, false);
        match (&from_json, &from_xml) {
            (Ok(j), Ok(x)) => {
                typed += 1;
                assert_eq!(j, x, "{}:\n{json_body}\n{xml_body}", op.method);
            }
            (Err(j), Err(x)) => assert_eq!(
                (j.code, &j.message, &j.request_id),
                (x.code, &x.message, &x.request_id),
                "{}:\n{json_body}\n{xml_body}",
                op.method
            ),
            _ => panic!(
                "{}: {from_json:?} from\n{json_body}\nbut {from_xml:?} from\n{xml_body}",
                op.method
            ),
        }
        // What `parse()` in JS builds from the JSON answer is the XML answer's value too.
        if let (Some(text), Ok((x, _))) = (
            decode_text(op, &response_name(op.method), &json_body),
            &from_xml,
        ) {
            assert_eq!(
                &json::parse(&text).unwrap(),
                x,
                "{}:\n{xml_body}",
                op.method
            );
        }
    }
    // Most answers succeed; if none did, this test would prove little.
    assert!(typed > 3000, "only {typed} of 4000 answers typed");
}
