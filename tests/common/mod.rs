//! Shared by the integration tests: a sample request for any declared operation.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use loyalty_sdk::json;

/// Values the tests build and keep (owning their text).
type Value = json::Value<'static>;
use loyalty_sdk::operation::{Field, Kind, Operation};

/// A sample value of a declared field that satisfies the operation's rules.
fn sample(op: &Operation, path: &str, n: &Field) -> Value {
    if let Some(choices) = op.choices(path) {
        let c = choices[0].value;
        return if n.kind == Kind::Number {
            Value::Number(c.into())
        } else {
            Value::String(c.into())
        };
    }
    match n.kind {
        Kind::String => Value::String(format!("9007199254740993{}", n.name.len()).into()),
        Kind::Number => Value::Number("42".into()),
        Kind::Boolean => Value::Bool(true),
        Kind::Date => Value::String("2024-02-29 23:59:59".into()),
        Kind::StringList => {
            Value::Array(vec![Value::String("a".into()), Value::String("b".into())])
        }
        Kind::Json => json::parse(r#"{"k":"v"}"#).unwrap(),
        Kind::Money | Kind::Decimal => Value::String("12.50".into()),
        Kind::Object => sample_object(op, path, n.fields()),
        Kind::ObjectList => Value::Array(vec![sample_object(op, path, n.fields())]),
    }
}

/// Every field of an object given, each with a sample value.
pub fn sample_object(op: &Operation, prefix: &str, fields: &[Field]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| {
                let path = if prefix.is_empty() {
                    f.name.to_string()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                (f.name.into(), sample(op, &path, f))
            })
            .collect(),
    )
}
