//! The operation table against the platform's published definitions
//! (`../shared/alsc-crm-api/*.json`), field by field; and every operation walked end to end
//! with a sample request and a response fixture built from its documented shape.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use loyalty_sdk::alsc::{self, Kind, Node, Operation, OPERATIONS};
use loyalty_sdk::json::{self, Value};
use loyalty_sdk::{Secret, Timestamp, TopClient, TopConfig};

fn definitions() -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/alsc-crm-api");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the drift test needs shared/ beside the repository)",
                dir.display()
            )
        })
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| json::parse(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn params<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    let mut out: Vec<&Value> = Vec::new();
    if let Some(Value::Array(items)) = v.get(key) {
        for item in items {
            // The published definitions repeat one response field (card.bindcustomer); the
            // table declares it once.
            if !out.iter().any(|o| text(o, "name") == text(item, "name")) {
                out.push(item);
            }
        }
    }
    out
}

/// Every difference between declared fields and documented ones, as readable lines.
fn compare(path: &str, declared: &[Node], documented: &[&Value], out: &mut Vec<String>) {
    for d in documented {
        let name = text(d, "name");
        let Some(n) = declared.iter().find(|n| n.name == name) else {
            out.push(format!("{path}{name}: documented but not declared"));
            continue;
        };
        let doc_type = text(d, "type");
        if n.doc_type() != doc_type {
            out.push(format!(
                "{path}{name}: declared {} but documented {doc_type}",
                n.doc_type()
            ));
        }
        let required = d.get("required") == Some(&Value::Bool(true));
        if n.required != required {
            out.push(format!(
                "{path}{name}: declared required={} but documented required={required}",
                n.required
            ));
        }
        compare(
            &format!("{path}{name}."),
            &n.children,
            &params(d, "subParams"),
            out,
        );
    }
    for n in declared {
        if !documented.iter().any(|d| text(d, "name") == n.name) {
            out.push(format!("{path}{}: declared but not documented", n.name));
        }
    }
}

fn drift(op: &Operation, def: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if op.title_zh != text(def, "apiChineseName") {
        out.push(format!(
            "title_zh `{}` != `{}`",
            op.title_zh,
            text(def, "apiChineseName")
        ));
    }
    if def.get("id").and_then(Value::as_i64) != Some(i64::from(op.doc_id)) {
        out.push("doc_id differs".into());
    }
    let request = loyalty_sdk::alsc::schema::parse_fields(op.request).unwrap();
    compare(
        "request.",
        &request,
        &params(def, "requestParams"),
        &mut out,
    );
    compare(
        "response.",
        &op.response_fields().unwrap(),
        &params(def, "responseParams"),
        &mut out,
    );
    let shape = op.request_shape().unwrap();
    let has_request_id = shape.fields.iter().any(|f| f.name == "request_id");
    if op.writes != has_request_id {
        out.push(format!(
            "writes={} but request_id present={has_request_id}",
            op.writes
        ));
    }
    out
}

#[test]
fn every_documented_api_is_declared_exactly() {
    let defs = definitions();
    assert_eq!(defs.len(), 61);
    assert_eq!(OPERATIONS.len(), 61);
    let mut problems = Vec::new();
    for def in &defs {
        let name = text(def, "name");
        match alsc::find(name) {
            Some(op) => problems.extend(drift(op, def).into_iter().map(|p| format!("{name}: {p}"))),
            None => problems.push(format!("{name}: not declared")),
        }
    }
    for op in OPERATIONS {
        if !defs.iter().any(|d| text(d, "name") == op.method) {
            problems.push(format!("{}: declared but not documented", op.method));
        }
        assert!(
            !op.title_en.is_empty() && !op.title_zh.is_empty(),
            "{}",
            op.method
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn the_drift_test_catches_a_mutated_declaration() {
    let defs = definitions();
    let def = defs
        .iter()
        .find(|d| text(d, "name") == "alibaba.alsc.crm.point.extra.consume")
        .unwrap();
    let op = *alsc::find("alibaba.alsc.crm.point.extra.consume").unwrap();
    assert!(drift(&op, def).is_empty());

    let start = op.request.find(" reason:S").unwrap();
    let end = start + op.request[start..].find('»').unwrap() + '»'.len_utf8();
    let dropped = Operation {
        request: leak(format!("{}{}", &op.request[..start], &op.request[end..])),
        ..op
    };
    assert_eq!(
        drift(&dropped, def),
        vec!["request.param_extra_consume_point_open_req.reason: documented but not declared"]
    );

    let retyped = Operation {
        request: leak(op.request.replace("change_point!:N", "change_point!:S")),
        ..op
    };
    assert_eq!(
        drift(&retyped, def),
        vec!["request.param_extra_consume_point_open_req.change_point: declared String but documented Number"]
    );

    let optional = Operation {
        request: leak(op.request.replace("customer_id!:S", "customer_id:S")),
        ..op
    };
    assert_eq!(drift(&optional, def).len(), 1);

    let response = Operation {
        response: leak(op.response.replace(" result_view:S", "")),
        ..op
    };
    assert_eq!(
        drift(&response, def),
        vec!["response.result.result_view: documented but not declared"]
    );

    let extra = Operation {
        request: leak(op.request.replace("reason:S", "reason:S invented:S")),
        ..op
    };
    assert_eq!(
        drift(&extra, def),
        vec!["request.param_extra_consume_point_open_req.invented: declared but not documented"]
    );
}

/// A sample value of a declared field that satisfies the operation's rules.
fn sample(op: &Operation, path: &str, n: &Node) -> Value {
    if let Some(choices) = op.choices(path) {
        let c = choices[0].value;
        return if n.kind == Kind::Number {
            Value::Number(c.into())
        } else {
            Value::String(c.into())
        };
    }
    match n.kind {
        Kind::String => Value::String(format!("9007199254740993{}", n.name.len())),
        Kind::Number => Value::Number("42".into()),
        Kind::Boolean => Value::Bool(true),
        Kind::Date => Value::String("2024-02-29 23:59:59".into()),
        Kind::StringList => {
            Value::Array(vec![Value::String("a".into()), Value::String("b".into())])
        }
        Kind::Json => json::parse(r#"{"k":"v"}"#).unwrap(),
        Kind::Object => sample_object(op, path, &n.children),
        Kind::ObjectList => Value::Array(vec![sample_object(op, path, &n.children)]),
    }
}

fn sample_object(op: &Operation, prefix: &str, fields: &[Node]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| {
                let path = if prefix.is_empty() {
                    f.name.to_string()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                (f.name.to_string(), sample(op, &path, f))
            })
            .collect(),
    )
}

#[test]
fn every_operation_has_a_sample_request_that_validates_and_signs() {
    let client = TopClient::new(TopConfig::new("12345678", Secret::new("helloworld"))).unwrap();
    let ts = Timestamp::from_epoch_millis(1_700_000_000_000).unwrap();
    for op in OPERATIONS {
        let shape = op.request_shape().unwrap();
        let params = sample_object(op, "", &shape.fields);
        let errors = alsc::validate(op, &params).unwrap();
        assert!(errors.is_empty(), "{}: {errors:?}", op.method);
        let req = client.prepare(op.method, &params, ts).unwrap();
        match &shape.wrapper {
            Some(w) => {
                assert_eq!(req.business_params.len(), 1, "{}", op.method);
                assert_eq!(req.business_params[0].0, w.name);
                // The object travels as compact JSON and reads back to the same fields.
                let sent = json::parse(&req.business_params[0].1).unwrap();
                assert_eq!(sent, params, "{}", op.method);
            }
            None => assert_eq!(
                req.business_params.len(),
                shape.fields.len(),
                "{}",
                op.method
            ),
        }
    }
}

/// `RechargeAccountPropertyOpenInfo` -> `recharge_account_property_open_info`.
fn snake(type_name: &str) -> String {
    let mut out = String::new();
    for c in type_name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Plain,
    Simplified,
    Expected,
}

/// A response document value built from the *documented* shape (not the declaration).
fn documented_value(def: &Value, shape: Shape) -> Value {
    let ty = text(def, "type");
    let name = text(def, "name");
    let items = |item: Value, item_name: String| match shape {
        Shape::Plain => Value::Object(vec![(item_name, Value::Array(vec![item.clone(), item]))]),
        _ => Value::Array(vec![item.clone(), item]),
    };
    match ty {
        "String" => Value::String(format!("7027365982937563912722{}", name.len())),
        // Numbers beyond 2^53 must come out as strings; the rest as numbers.
        "Number" if name.ends_with("_id") => Value::Number("9007199254740993".into()),
        "Number" => Value::Number("42".into()),
        "Boolean" if name == "biz_success" => Value::Bool(true),
        "Boolean" => Value::Bool(false),
        "Date" => Value::String("2019-08-08 15:15:41".into()),
        "Json" => Value::Object(vec![("k".into(), Value::String("v".into()))]),
        "String[]" => items(Value::String("v".into()), "string".into()),
        t if t.ends_with("[]") => {
            let fields = params(def, "subParams")
                .iter()
                .map(|p| (text(p, "name").to_string(), documented_value(p, shape)))
                .collect();
            items(Value::Object(fields), snake(t.trim_end_matches("[]")))
        }
        _ => Value::Object(
            params(def, "subParams")
                .iter()
                .map(|p| (text(p, "name").to_string(), documented_value(p, shape)))
                .collect(),
        ),
    }
}

fn expected_value(v: Value, def: &Value) -> Value {
    // What decoding must give: big numbers as strings, everything else as documented.
    match (text(def, "type"), v) {
        ("Number", Value::Number(n)) if n.len() > 15 => Value::String(n),
        (_, Value::Object(entries)) => Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| {
                    match params(def, "subParams")
                        .into_iter()
                        .find(|p| text(p, "name") == k)
                    {
                        Some(sub) => {
                            let typed = expected_value(v, sub);
                            (k, typed)
                        }
                        None => (k, v),
                    }
                })
                .collect(),
        ),
        (_, Value::Array(items)) => {
            Value::Array(items.into_iter().map(|i| expected_value(i, def)).collect())
        }
        (_, other) => other,
    }
}

fn to_xml(name: &str, v: &Value, out: &mut String) {
    match v {
        Value::Array(items) => {
            for item in items {
                to_xml(name, item, out);
            }
        }
        Value::Object(entries) => {
            out.push_str(&format!("<{name}>"));
            for (k, v) in entries {
                to_xml(k, v, out);
            }
            out.push_str(&format!("</{name}>"));
        }
        other => {
            let t = other
                .to_param_text()
                .replace('&', "&amp;")
                .replace('<', "&lt;");
            out.push_str(&format!("<{name}>{t}</{name}>"));
        }
    }
}

#[test]
fn every_operation_decodes_its_documented_response_in_plain_simplified_and_xml() {
    let client = TopClient::new(TopConfig::new("12345678", Secret::new("helloworld"))).unwrap();
    let mut checked = 0;
    for def in definitions() {
        let method = text(&def, "name");
        let response_name = loyalty_sdk::top::response_name(method);
        let result_def = params(&def, "responseParams")[0];
        let plain_result = documented_value(result_def, Shape::Plain);
        let simplified_result = documented_value(result_def, Shape::Simplified);
        let expected = expected_value(documented_value(result_def, Shape::Expected), result_def);

        let plain = Value::Object(vec![(
            response_name.clone(),
            Value::Object(vec![("result".into(), plain_result.clone())]),
        )]);
        let simplified = Value::Object(vec![("result".into(), simplified_result)]);
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\" ?>");
        to_xml(
            &response_name,
            &Value::Object(vec![("result".into(), plain_result)]),
            &mut xml,
        );
        xml.push_str("<!--top011023105124.center.na61-->");

        for (label, body) in [
            ("plain", plain.to_json()),
            ("simplified", simplified.to_json()),
            ("xml", xml),
        ] {
            let got = client
                .parse(method, 200, &body)
                .unwrap_or_else(|e| panic!("{method} {label}: {e}"));
            assert_eq!(got, expected, "{method} {label}");
        }
        checked += 1;
    }
    assert_eq!(checked, 61);
}
