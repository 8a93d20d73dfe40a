//! `operations.js`: what `operations()` answers in JS, so a console builds a form for any
//! operation and the proxy reads amounts and order ids without a list of names of its own;
//! and the vocabulary (`vocabulary()`: every error code and rule name, with labels) and the
//! enumerations (`Choices`), declared once in the core and the overlay.

use serde_json::{json, Map, Value};

use crate::spec::{Body, Choice, Field, Kind, Operation, Platform, Rule, Spec};
use crate::vocabulary::{ErrorCode, RuleName};

fn field(spec: &Spec, op: &Operation, path: &str, f: &Field) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(f.name));
    out.insert("type".into(), json!(f.doc_type()));
    out.insert("required".into(), json!(f.required));
    out.insert("description".into(), json!(f.description));
    if let Some(l) = spec.labels.get(&f.name) {
        out.insert("label".into(), json!({ "zh": l.zh, "en": l.en }));
    }
    if let Some(choices) = op.choices(spec, path) {
        let list: Vec<Value> = choices
            .iter()
            .map(|c| json!({ "value": c.value, "zh": c.zh, "en": c.en }))
            .collect();
        out.insert("choices".into(), Value::Array(list));
    }
    if op.is_positive(path) {
        out.insert("positive".into(), json!(true));
    }
    if matches!(f.kind, Kind::String | Kind::StringList) {
        let most = f.max_length.unwrap_or(spec.max_text);
        out.insert("maxLength".into(), json!(most));
    }
    if f.kind.is_object() {
        let children: Vec<Value> = f
            .children
            .iter()
            .map(|c| field(spec, op, &format!("{path}.{}", c.name), c))
            .collect();
        out.insert("fields".into(), Value::Array(children));
    }
    Value::Object(out)
}

fn rule(r: &Rule) -> Option<Value> {
    match r {
        Rule::AnyOf(names) => Some(json!({ "kind": "any_of", "fields": names })),
        Rule::RequiredWhen {
            field,
            when,
            values,
        } => {
            Some(json!({ "kind": "required_when", "field": field, "when": when, "values": values }))
        }
        Rule::OneOf(..) | Rule::Positive(_) | Rule::NonNegative(_) | Rule::MaxLength(..) => None,
    }
}

fn operation(spec: &Spec, op: &Operation) -> Value {
    let fields: Vec<Value> = op
        .fields
        .iter()
        .map(|f| field(spec, op, &f.name, f))
        .collect();
    let mut out = Map::new();
    out.insert("method".into(), json!(op.method));
    out.insert(
        "platform".into(),
        json!(match op.platform {
            Platform::Top => "top",
            Platform::U8 => "u8",
        }),
    );
    out.insert("titleZh".into(), json!(op.title_zh));
    out.insert("titleEn".into(), json!(op.title_en));
    out.insert("description".into(), json!(op.description));
    if let Some(id) = op.doc_id {
        out.insert("docId".into(), json!(id));
    }
    out.insert("writes".into(), json!(op.writes()));
    out.insert("idempotencyKey".into(), json!(op.idempotency_key));
    out.insert("paged".into(), json!(op.paged));
    match &op.body {
        Body::Wrapped { name, .. } => {
            out.insert("param".into(), json!(name));
        }
        Body::Flat => {
            out.insert("param".into(), Value::Null);
        }
        Body::Records { max, .. } => {
            out.insert("param".into(), Value::Null);
            out.insert("list".into(), json!(true));
            out.insert("maxRecords".into(), json!(max));
        }
    }
    out.insert("fields".into(), Value::Array(fields));
    out.insert(
        "rules".into(),
        Value::Array(op.rules.iter().filter_map(rule).collect()),
    );
    // Amounts are paths inside the business object (inside each record for U8): the
    // proxy's limits and the console's confirmations read them from here.
    out.insert(
        "amounts".into(),
        json!({ "points": op.points, "value": op.value, "scale": op.scale }),
    );
    out.insert("orderId".into(), json!(op.order_id));
    // What the proxy bounds and checks beyond the amounts, and the console shows (spec/README.md).
    out.insert("vouchers".into(), json!(op.vouchers));
    let faces: Vec<Value> = op
        .voucher_faces
        .iter()
        .map(|f| json!({ "list": f.list, "id": f.id, "amount": f.amount }))
        .collect();
    out.insert("voucherFaces".into(), Value::Array(faces));
    let reverses = op.reverses.as_ref().map(|r| {
        json!({ "order": r.order, "of": r.of, "returns": r.returns, "partial": r.partial,
                "when": r.when, "in": r.values })
    });
    out.insert("reverses".into(), json!(reverses));
    out.insert(
        "reason".into(),
        json!(op.manual.as_ref().map(|m| m.reason.as_str())),
    );
    let permissions: Vec<Value> = op
        .permissions
        .iter()
        .map(|p| json!({ "name": p.name, "when": p.when, "in": p.values }))
        .collect();
    out.insert("permissions".into(), Value::Array(permissions));
    out.insert(
        "unbounded".into(),
        json!(op.unbounded.as_ref().map(|u| u.why.as_str())),
    );
    Value::Object(out)
}

/// A choice's constant name: its value when that is a name (`CS`, `WAIT_PAY`), else its
/// English label (`1` "charge" -> `CHARGE`), upper snake case.
pub fn choice_key(c: &Choice) -> String {
    let named = c.value.starts_with(|ch: char| ch.is_ascii_alphabetic());
    let source = if named { &c.value } else { &c.en };
    let mut key = String::new();
    for ch in source.chars() {
        if ch.is_ascii_alphanumeric() {
            key.push(ch.to_ascii_uppercase());
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    key.trim_end_matches('_').to_string()
}

/// Every error code and rule name with its labels; each code with the HTTP status a relaying
/// service answers with and what a write that failed so did.
fn vocabulary() -> Value {
    let errors: Vec<Value> = ErrorCode::ALL
        .iter()
        .map(|c| {
            let (zh, en) = c.label();
            json!({ "code": c.as_str(), "status": c.http_status(), "outcome": c.outcome().as_str(), "zh": zh, "en": en })
        })
        .collect();
    let rules: Vec<Value> = RuleName::ALL
        .iter()
        .map(|r| {
            let (zh, en) = r.label();
            json!({ "name": r.as_str(), "zh": zh, "en": en })
        })
        .collect();
    json!({ "errors": errors, "rules": rules })
}

/// `{ SET: { KEY: value } }`: a set's values are numbers where its fields are `Number`s.
pub fn choice_constants(spec: &Spec) -> Result<Value, String> {
    let mut out = Map::new();
    for (name, choices) in &spec.choices {
        let numeric = spec.choice_set_is_numeric(name);
        let mut set = Map::new();
        for c in choices {
            let key = choice_key(c);
            let value = match c.value.parse::<u64>() {
                Ok(n) if numeric => json!(n),
                _ => json!(c.value),
            };
            if key.is_empty() || set.insert(key.clone(), value).is_some() {
                return Err(format!(
                    "spec/overlay.json: choices {name}: `{}` makes the constant name `{key}` twice or not at all",
                    c.value
                ));
            }
        }
        out.insert(name.clone(), Value::Object(set));
    }
    Ok(Value::Object(out))
}

pub fn write(spec: &Spec) -> Result<String, String> {
    let all: Vec<Value> = spec
        .operations
        .iter()
        .map(|op| operation(spec, op))
        .collect();
    Ok(format!(
        "// Generated by build.rs from spec/ and src/vocabulary.rs. Do not edit.\n\
         export const VOCABULARY = {};\n\
         export const CHOICES = {};\n\
         export default {};\n",
        vocabulary(),
        choice_constants(spec)?,
        Value::Array(all)
    ))
}
