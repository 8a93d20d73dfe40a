//! Validated calls encoded as the platform receives them: a TOP business object as compact
//! JSON in declaration order (the exact text signed is the text sent), a U8 body as a JSON
//! array of records whose every value is text.

use super::validate::{business_object, given, lookup, records, scalar_text};
use super::{Body, Field, Kind, Operation};
use crate::error::{Error, ErrorCode, FieldError, RuleName};
use crate::json::{self, parse_integer, Entry, Value};

fn refused(errors: Vec<FieldError>) -> Error {
    Error::from_field_errors(errors)
        .unwrap_or_else(|| Error::new(ErrorCode::Internal, "validation failed without a reason"))
}

/// Validates and encodes a TOP call into its business parameters.
pub fn encode(op: &Operation, params: &Value) -> Result<Vec<(String, String)>, Error> {
    match op.body {
        Body::Wrapped(name) => {
            let entries = business_object(op, params).map_err(refused)?;
            let mut text = String::with_capacity(256);
            write_canonical_object(op.fields, entries, &mut text);
            Ok(vec![(name.to_string(), text)])
        }
        Body::Flat => {
            let entries = business_object(op, params).map_err(refused)?;
            Ok(op
                .fields
                .iter()
                .filter_map(|f| {
                    let v = lookup(entries, f.name).filter(|v| !v.is_empty())?;
                    let text = match (f.kind, v.as_i64()) {
                        (Kind::Number, Some(n)) => crate::text::signed_decimal(n),
                        _ => v.to_param_text(),
                    };
                    Some((f.name.to_string(), text))
                })
                .collect())
        }
        Body::Records { .. } => Err(Error::new(
            ErrorCode::Internal,
            text!(op.method, " is sent as a list of records"),
        )),
    }
}

/// Writes the given fields as compact JSON in declaration order, empty ones dropped,
/// integers as JSON numbers (a digit string given for a Number field included).
fn write_canonical_object(fields: &[Field], entries: &[Entry<'_>], out: &mut String) {
    out.push('{');
    let mut first = true;
    for f in fields {
        let Some(v) = lookup(entries, f.name).filter(|v| !v.is_empty()) else {
            continue;
        };
        // Declared names are plain identifiers (a test keeps them so): nothing to escape.
        out.push_str(if first { "\"" } else { ",\"" });
        out.push_str(f.name);
        out.push_str("\":");
        first = false;
        match (f.kind, v) {
            (Kind::Number, _) => match v.as_i64() {
                Some(n) => crate::text::push_signed_decimal(n, out),
                None => json::write_json(v, out),
            },
            (Kind::Object, Value::Object(inner)) => write_canonical_object(f.fields(), inner, out),
            (Kind::ObjectList, Value::Array(items)) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    match item {
                        Value::Object(inner) => write_canonical_object(f.fields(), inner, out),
                        other => json::write_json(other, out),
                    }
                }
                out.push(']');
            }
            _ => json::write_json(v, out),
        }
    }
    out.push('}');
}

/// Validates and encodes a list-of-records body (U8): fields in declaration order, every
/// value as text, integers without leading zeros or sign noise.
pub fn encode_records(op: &Operation, body: &Value) -> Result<String, Error> {
    let Body::Records { max } = op.body else {
        return Err(Error::new(
            ErrorCode::Internal,
            text!(op.method, " is not sent as a list of records"),
        ));
    };
    let items = records(op, body, max).map_err(refused)?;
    let mut out = String::with_capacity(256 * items.len());
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        let entries = item.as_object().unwrap_or_default();
        let mut first = true;
        for f in op.fields {
            let Some(v) = lookup(entries, f.name).filter(|v| given(op.platform, v)) else {
                continue;
            };
            let text = scalar_text(v).unwrap_or_default();
            let integer;
            let text = match (f.kind, parse_integer(text)) {
                (Kind::Number, Some(n)) => {
                    integer = crate::text::signed_decimal(n);
                    integer.as_str()
                }
                _ => text,
            };
            if !first {
                out.push(',');
            }
            first = false;
            json::write_string(f.name, &mut out);
            out.push(':');
            json::write_string(text, &mut out);
        }
        out.push('}');
    }
    out.push(']');
    Ok(out)
}

/// Encodes an untyped call: each parameter as text, objects and lists as compact JSON.
pub fn encode_untyped(params: &Value) -> Result<Vec<(String, String)>, Error> {
    let entries = params
        .as_object()
        .ok_or_else(|| Error::invalid("params", RuleName::Type, "params must be an object"))?;
    Ok(entries
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_param_text()))
        .collect())
}
