//! The compiled operation table against the vendored definitions (`spec/alsc-crm/*.json`,
//! `spec/u8/*.json`, read here with the core's own JSON reader, not the build's serde), field
//! by field; the either-or audit of every description; and every operation walked end to end
//! with a sample request and a response fixture built from its documented shape.
use std::path::PathBuf;

use loyalty_sdk::json;

use crate::common::{list, now, sample_object, text, top_client, Value};
use loyalty_sdk::operation::{self, Body, Field, Kind, Operation, Platform, Rule, OPERATIONS};

fn read(path: PathBuf) -> Value {
    json::parse(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .into_owned()
}

fn definitions() -> Vec<Value> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("spec");
    let mut files: Vec<PathBuf> = ["alsc-crm", "u8"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.into_iter().map(read).collect()
}

fn overlay() -> Value {
    read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("spec/overlay.json"))
}

fn params<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    let mut out: Vec<&Value> = Vec::new();
    for item in list(v, key) {
        // The overlay drops a field a definition lists twice, identically (card.bindcustomer).
        if !out.iter().any(|o| text(o, "name") == text(item, "name")) {
            out.push(item);
        }
    }
    out
}

/// The overlay's corrections of an operation: (request or result path, new type, new required).
fn corrections(method: &str) -> Vec<(String, Option<String>, Option<bool>)> {
    let overlay = overlay();
    let op = overlay
        .get("operations")
        .and_then(|o| o.get(method))
        .unwrap();
    list(op, "corrections")
        .iter()
        .filter_map(|c| {
            let path = match (c.get("field"), c.get("result")) {
                (Some(f), _) => format!("request.{}", f.as_str()?),
                (_, Some(r)) => format!("response.{}", r.as_str()?),
                _ => return None,
            };
            let ty = c.get("type").and_then(Value::as_str).map(String::from);
            let required = match c.get("required") {
                Some(Value::Bool(b)) => Some(*b),
                _ => None,
            };
            Some((path, ty, required))
        })
        .collect()
}

fn kind_of(doc_type: &str, has_fields: bool) -> Option<Kind> {
    Some(match doc_type {
        "String" => Kind::String,
        "Number" => Kind::Number,
        "Boolean" => Kind::Boolean,
        "Date" => Kind::Date,
        "String[]" => Kind::StringList,
        "Json" => Kind::Json,
        "Money" => Kind::Money,
        "Decimal" => Kind::Decimal,
        t if has_fields && t.ends_with("[]") => Kind::ObjectList,
        _ if has_fields => Kind::Object,
        _ => return None,
    })
}

/// Every difference between compiled fields and documented ones (after the overlay's
/// corrections), as readable lines.
fn compare(
    path: &str,
    declared: &[Field],
    documented: &[&Value],
    fixes: &[(String, Option<String>, Option<bool>)],
    out: &mut Vec<String>,
) {
    for d in documented {
        let name = text(d, "name");
        let here = format!("{path}{name}");
        let Some(n) = declared.iter().find(|n| n.name == name) else {
            out.push(format!("{here}: documented but not declared"));
            continue;
        };
        let fix = fixes.iter().find(|(p, _, _)| *p == here);
        let doc_type = fix
            .and_then(|(_, t, _)| t.as_deref())
            .unwrap_or(text(d, "type"));
        let expected = kind_of(doc_type, d.get("subParams").is_some());
        if expected != Some(n.kind) {
            out.push(format!(
                "{here}: declared {:?} but documented {doc_type}",
                n.kind
            ));
        }
        let required = fix
            .and_then(|(_, _, r)| *r)
            .unwrap_or(d.get("required") == Some(&Value::Bool(true)));
        if n.required != required {
            out.push(format!(
                "{here}: declared required={} but documented required={required}",
                n.required
            ));
        }
        compare(
            &format!("{here}."),
            n.fields(),
            &params(d, "subParams"),
            fixes,
            out,
        );
    }
    for n in declared {
        if !documented.iter().any(|d| text(d, "name") == n.name) {
            out.push(format!("{path}{}: declared but not documented", n.name));
        }
    }
}

/// The documented request fields a caller fills in: inside the one wrapper or list.
fn documented_fields<'a>(op: &Operation, def: &'a Value) -> Vec<&'a Value> {
    let top = params(def, "requestParams");
    match (&op.body, top.as_slice()) {
        (Body::Wrapped(name), [w]) if text(w, "name") == *name => params(w, "subParams"),
        (Body::Records { .. }, [records]) => params(records, "subParams"),
        _ => top,
    }
}

fn drift(op: &Operation, def: &Value) -> Vec<String> {
    let fixes = corrections(op.method);
    let mut out = Vec::new();
    compare(
        "request.",
        op.fields,
        &documented_fields(op, def),
        &fixes,
        &mut out,
    );
    compare(
        "response.",
        op.response,
        &params(def, "responseParams"),
        &fixes,
        &mut out,
    );
    let has_request_id = op.fields.iter().any(|f| f.name == "request_id");
    if op.platform == Platform::Top && op.writes() != has_request_id {
        out.push(format!(
            "writes={} but request_id present={has_request_id}",
            op.writes()
        ));
    }
    out
}

#[test]
fn every_documented_api_is_compiled_exactly() {
    let defs = definitions();
    assert_eq!(defs.len(), 62);
    assert_eq!(OPERATIONS.len(), 62);
    assert_eq!(
        OPERATIONS
            .iter()
            .filter(|o| o.platform == Platform::Top)
            .count(),
        61
    );
    let mut problems = Vec::new();
    for def in &defs {
        let name = text(def, "name");
        match operation::find(name) {
            Some(op) => problems.extend(drift(op, def).into_iter().map(|p| format!("{name}: {p}"))),
            None => problems.push(format!("{name}: not compiled")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An edit of one documented field's entries.
type Edit<'a> = &'a dyn Fn(&mut Vec<json::Entry<'static>>);

/// The definition with one documented field changed.
fn edited(def: &Value, field: &str, edit: impl Fn(&mut Vec<json::Entry<'static>>)) -> Value {
    fn walk(v: &mut Value, field: &str, edit: Edit) {
        match v {
            Value::Array(items) => {
                let at = items
                    .iter()
                    .position(|i| i.get("name").and_then(Value::as_str) == Some(field));
                match at {
                    Some(i) => {
                        if let Value::Object(entries) = &mut items[i] {
                            edit(entries);
                        }
                        if items[i] == Value::Null {
                            items.remove(i);
                        }
                    }
                    None => items.iter_mut().for_each(|i| walk(i, field, edit)),
                }
            }
            Value::Object(entries) => entries.iter_mut().for_each(|(_, v)| walk(v, field, edit)),
            _ => {}
        }
    }
    let mut def = def.clone();
    walk(&mut def, field, &edit);
    def
}

#[test]
fn the_drift_test_catches_a_changed_definition() {
    let defs = definitions();
    let method = "alibaba.alsc.crm.point.extra.consume";
    let def = defs.iter().find(|d| text(d, "name") == method).unwrap();
    let op = operation::find(method).unwrap();
    assert!(drift(op, def).is_empty());

    let retyped = edited(def, "change_point", |e| {
        e.retain(|(k, _)| k != "type");
        e.push(("type".into(), Value::String("String".into())));
    });
    assert_eq!(
        drift(op, &retyped),
        vec!["request.change_point: declared Number but documented String"]
    );
    let optional = edited(def, "customer_id", |e| e.retain(|(k, _)| k != "required"));
    assert_eq!(
        drift(op, &optional),
        vec!["request.customer_id: declared required=true but documented required=false"]
    );
    let renamed = edited(def, "reason", |e| {
        e.retain(|(k, _)| k != "name");
        e.push(("name".into(), Value::String("invented".into())));
    });
    assert_eq!(
        drift(op, &renamed),
        vec![
            "request.invented: documented but not declared",
            "request.reason: declared but not documented"
        ]
    );
}

/// Descriptions that say one of several optional fields must be given.
const EITHER_OR: &[&str] = &[
    "2选1",
    "二选一",
    "必传一",
    "必须一",
    "必传1",
    "必传其一",
    "不可同时为空",
    "不能同时为空",
];

/// Every field whose description states an either-or rule that no `AnyOf` rule of its
/// operation covers and no `not_rules` line of the overlay explains.
fn unruled(rules: impl Fn(&str) -> Vec<Vec<&'static str>>) -> Vec<String> {
    let overlay = overlay();
    let mut out = Vec::new();
    for def in definitions() {
        let method = text(&def, "name");
        let op = operation::find(method).unwrap();
        let explained: Vec<&str> = overlay
            .get("operations")
            .and_then(|o| o.get(method))
            .map(|o| {
                list(o, "not_rules")
                    .iter()
                    .map(|n| text(n, "field"))
                    .collect()
            })
            .unwrap_or_default();
        let groups = rules(method);
        for f in documented_fields(op, &def) {
            let (name, description) = (text(f, "name"), text(f, "description"));
            if EITHER_OR.iter().any(|p| description.contains(p))
                && !groups.iter().any(|g| g.contains(&name))
                && !explained.contains(&name)
            {
                out.push(format!("{method}: {name}: `{description}` has no rule"));
            }
        }
    }
    out
}

fn any_of_rules(method: &str) -> Vec<Vec<&'static str>> {
    operation::find(method)
        .unwrap()
        .rules
        .iter()
        .filter_map(|r| match r {
            Rule::AnyOf(names) => Some(names.to_vec()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_either_or_sentence_is_a_rule() {
    let missing = unruled(any_of_rules);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn the_audit_fails_when_a_rule_is_removed() {
    let without = |method: &str| {
        let mut rules = any_of_rules(method);
        if method == "alibaba.alsc.crm.customer.get" {
            rules.retain(|g| !g.contains(&"brand_id"));
        }
        rules
    };
    assert_eq!(
        unruled(without),
        vec!["alibaba.alsc.crm.customer.get: brand_id: `品牌ID 外部品牌id 2选1` has no rule"]
    );
}

#[test]
fn customer_apis_refuse_a_call_without_brand() {
    // Rules the hand-kept table lacked, found by the audit.
    for (method, params) in [
        (
            "alibaba.alsc.crm.customer.get",
            r#"{"options":["CARD"],"shop_id":"1","mobile":"13800000001"}"#,
        ),
        (
            "alibaba.alsc.crm.customer.checkppw",
            r#"{"pay_passwd":"x","customer_id":"1"}"#,
        ),
        (
            "alibaba.alsc.crm.customer.resetppw",
            r#"{"request_id":"r","customer_id":"1"}"#,
        ),
        (
            "alibaba.alsc.crm.customer.update",
            r#"{"request_id":"r","customer_id":"1"}"#,
        ),
        (
            "alibaba.alsc.crm.customer.updateppw",
            r#"{"request_id":"r","customer_id":"1"}"#,
        ),
    ] {
        let errors = operation::validate(
            operation::find(method).unwrap(),
            &json::parse(params).unwrap(),
        );
        assert!(
            errors
                .iter()
                .any(|e| e.field == "brand_id" && e.rule.as_str() == "any_of"),
            "{method}: {errors:?}"
        );
    }
}

#[test]
fn every_operation_has_a_sample_request_that_validates_and_signs() {
    let client = top_client("12345678", "helloworld");
    let ts = now();
    for op in OPERATIONS.iter().filter(|o| o.platform == Platform::Top) {
        let params = sample_object(op, "", op.fields);
        let errors = operation::validate(op, &params);
        assert!(errors.is_empty(), "{}: {errors:?}", op.method);
        let req = client.prepare(op.method, &params, ts).unwrap();
        match op.body {
            Body::Wrapped(name) => {
                assert_eq!(req.business_params.len(), 1, "{}", op.method);
                assert_eq!(req.business_params[0].0, name);
                // The object travels as compact JSON and reads back to the same fields.
                let sent = json::parse(&req.business_params[0].1).unwrap();
                assert_eq!(sent, params, "{}", op.method);
            }
            _ => assert_eq!(req.business_params.len(), op.fields.len(), "{}", op.method),
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
        Shape::Plain => Value::Object(vec![(
            item_name.into(),
            Value::Array(vec![item.clone(), item]),
        )]),
        _ => Value::Array(vec![item.clone(), item]),
    };
    match ty {
        "String" => Value::String(format!("7027365982937563912722{}", name.len()).into()),
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
                .map(|p| {
                    (
                        text(p, "name").to_string().into(),
                        documented_value(p, shape),
                    )
                })
                .collect();
            items(Value::Object(fields), snake(t.trim_end_matches("[]")))
        }
        _ => Value::Object(
            params(def, "subParams")
                .iter()
                .map(|p| {
                    (
                        text(p, "name").to_string().into(),
                        documented_value(p, shape),
                    )
                })
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
    let client = top_client("12345678", "helloworld");
    let mut checked = 0;
    for def in definitions()
        .into_iter()
        .filter(|d| text(d, "name").starts_with("alibaba."))
    {
        let method = text(&def, "name");
        let response_name = loyalty_sdk::top::response_name(method);
        let result_def = params(&def, "responseParams")[0];
        let plain_result = documented_value(result_def, Shape::Plain);
        let simplified_result = documented_value(result_def, Shape::Simplified);
        let expected = expected_value(documented_value(result_def, Shape::Expected), result_def);

        let plain = Value::Object(vec![(
            response_name.clone().into(),
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

#[test]
fn every_declared_name_is_a_plain_identifier() {
    // The canonical business JSON writes declared names without escaping them (they are on
    // every call's path), so each must be letters, digits and `_` only.
    fn walk(method: &str, fields: &[Field], bad: &mut Vec<String>) {
        for f in fields {
            if f.name.is_empty()
                || !f
                    .name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                bad.push(format!("{method}: {:?}", f.name));
            }
            walk(method, f.fields(), bad);
        }
    }
    let mut bad = Vec::new();
    for op in OPERATIONS {
        walk(op.method, op.fields, &mut bad);
        walk(op.method, op.response, &mut bad);
    }
    assert!(bad.is_empty(), "{bad:?}");
}
