//! `operations()`: what a console needs to build a form for any operation.

use crate::alsc::{Choice, Kind, Node, Operation, Rule, OPERATIONS};
use crate::error::Error;
use crate::json::Value;
use crate::u8::points;

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn obj(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn choices_value(choices: &[Choice]) -> Value {
    Value::Array(
        choices
            .iter()
            .map(|c| {
                obj(vec![
                    ("value", s(c.value)),
                    ("zh", s(c.zh)),
                    ("en", s(c.en)),
                ])
            })
            .collect(),
    )
}

fn field_value(op: &Operation, path: &str, n: &Node) -> Value {
    let mut entries = vec![
        ("name", s(n.name)),
        ("type", s(&n.doc_type())),
        ("required", Value::Bool(n.required)),
        ("description", s(n.description)),
    ];
    for rule in op.rules {
        match rule {
            Rule::OneOf(p, choices) if *p == path => {
                entries.push(("choices", choices_value(choices)))
            }
            Rule::Positive(p) if *p == path => entries.push(("positive", Value::Bool(true))),
            _ => {}
        }
    }
    if matches!(n.kind, Kind::Object | Kind::ObjectList) {
        let children = n
            .children
            .iter()
            .map(|c| field_value(op, &format!("{path}.{}", c.name), c))
            .collect();
        entries.push(("fields", Value::Array(children)));
    }
    obj(entries)
}

fn rule_value(rule: &Rule) -> Option<Value> {
    match *rule {
        Rule::AnyOf(names) => Some(obj(vec![
            ("kind", s("any_of")),
            ("fields", Value::Array(names.iter().map(|n| s(n)).collect())),
        ])),
        Rule::RequiredWhen {
            field,
            when,
            equals,
        } => Some(obj(vec![
            ("kind", s("required_when")),
            ("field", s(field)),
            ("when", s(when)),
            ("equals", s(equals)),
        ])),
        Rule::OneOf(..) | Rule::Positive(_) => None,
    }
}

fn operation_value(op: &Operation) -> Result<Value, Error> {
    let shape = op.request_shape()?;
    let fields = shape
        .fields
        .iter()
        .map(|f| field_value(op, f.name, f))
        .collect();
    Ok(obj(vec![
        ("method", s(op.method)),
        ("platform", s("top")),
        ("titleZh", s(op.title_zh)),
        ("titleEn", s(op.title_en)),
        ("docId", Value::Number(op.doc_id.to_string())),
        ("writes", Value::Bool(op.writes)),
        ("paged", Value::Bool(op.paged())),
        ("param", shape.wrapper.map_or(Value::Null, |w| s(w.name))),
        ("fields", Value::Array(fields)),
        (
            "rules",
            Value::Array(op.rules.iter().filter_map(rule_value).collect()),
        ),
    ]))
}

fn points_change_value() -> Value {
    let action_choices: Vec<Choice> = points::ActionType::ALL
        .iter()
        .map(|a| Choice {
            value: a.code_str(),
            zh: a.zh(),
            en: a.en(),
        })
        .collect();
    let fields = points::field_docs()
        .map(|(name, ty, required, zh)| {
            let mut entries = vec![
                ("name", s(name)),
                ("type", s(ty)),
                ("required", Value::Bool(required)),
                ("description", s(zh)),
            ];
            if name == "action_type" {
                entries.push(("choices", choices_value(&action_choices)));
            }
            obj(entries)
        })
        .collect();
    obj(vec![
        ("method", s(points::API)),
        ("platform", s("u8")),
        ("titleZh", s("积分变更")),
        ("titleEn", s("Change points")),
        ("writes", Value::Bool(true)),
        ("paged", Value::Bool(false)),
        ("param", Value::Null),
        ("list", Value::Bool(true)),
        ("maxRecords", Value::Number(points::MAX_RECORDS.to_string())),
        ("fields", Value::Array(fields)),
        (
            "rules",
            Value::Array(vec![obj(vec![
                ("kind", s("required_when")),
                ("field", s("source1")),
                ("when", s("action_type")),
                ("equals", s("16|17")),
            ])]),
        ),
    ])
}

/// Metadata of every known operation: the ALSC family, then U8 `points/change`.
pub fn operations() -> Result<Value, Error> {
    let mut all = OPERATIONS
        .iter()
        .map(operation_value)
        .collect::<Result<Vec<_>, _>>()?;
    all.push(points_change_value());
    Ok(Value::Array(all))
}

/// Validates any known operation: ALSC methods by the table, `points/change` by its rules.
/// Unknown methods have no rules to check.
pub fn validate(method: &str, params: &Value) -> Result<Vec<crate::error::FieldError>, Error> {
    if method == points::API {
        return Ok(points::validate(params));
    }
    match crate::alsc::find(method) {
        Some(op) => crate::alsc::validate(op, params),
        None => Ok(Vec::new()),
    }
}

/// A random idempotency id (UUID v4 text) from 16 bytes the host's randomness gave.
pub fn request_id_from_bytes(mut bytes: [u8; 16]) -> String {
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0f) | 0x40;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    let hex = crate::hex::upper(&bytes).to_ascii_lowercase();
    let part = |r: core::ops::Range<usize>| hex.get(r).unwrap_or("");
    format!(
        "{}-{}-{}-{}-{}",
        part(0..8),
        part(8..12),
        part(12..16),
        part(16..20),
        part(20..32)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_uuid_v4() {
        let id = request_id_from_bytes([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(
            request_id_from_bytes([0; 16]),
            "00000000-0000-4000-8000-000000000000"
        );
    }

    #[test]
    fn metadata_lists_every_operation_with_choices() {
        let Value::Array(all) = operations().unwrap() else {
            panic!()
        };
        assert_eq!(all.len(), OPERATIONS.len() + 1);
        let extra = all
            .iter()
            .find(|o| {
                o.get("method").and_then(Value::as_str)
                    == Some("alibaba.alsc.crm.point.extra.consume")
            })
            .unwrap();
        assert_eq!(
            extra.get("titleEn").and_then(Value::as_str),
            Some("Deduct extra points")
        );
        let Some(Value::Array(fields)) = extra.get("fields") else {
            panic!()
        };
        let channel = fields
            .iter()
            .find(|f| f.get("name").and_then(Value::as_str) == Some("biz_channel"))
            .unwrap();
        assert_eq!(channel.get("required"), Some(&Value::Bool(true)));
        assert!(channel.get("choices").unwrap().to_json().contains("客如云"));
        let points = all.last().unwrap();
        assert!(points.to_json().contains("退货返还抵扣积分"));
    }
}
