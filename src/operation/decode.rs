//! Answers typed by the declared result: lists are arrays in every format (wrappers such as
//! `{"voucher_status_info": [...]}` removed, a lone XML item made a list), integers beyond
//! 2^53 and fractions become exact strings, and a TOP business refusal (`biz_success=false`)
//! becomes `BIZ_ERROR`.

use super::{Field, Kind, Operation};
use crate::error::{Error, ErrorCode};
use std::borrow::Cow;

use crate::json::{self, Value};

/// Types a TOP answer's content and unwraps the business layer. Returns the normalized
/// `result` envelope (`CommonResult` or `CommonPageResult`).
pub fn decode<'a>(op: &Operation, content: Value<'a>) -> Result<Value<'a>, Error> {
    let Value::Object(entries) = content else {
        return Err(Error::decode(text!(
            op.method,
            ": the response is not an object"
        )));
    };
    let Some((_, raw)) = entries.into_iter().find(|(k, _)| k == "result") else {
        return Err(Error::decode(text!(
            op.method,
            ": the response has no `result`"
        )));
    };
    let envelope = match op.response.iter().find(|f| f.name == "result") {
        Some(f) => normalize(f, raw),
        None => normalize_untyped(raw),
    };
    if !matches!(envelope, Value::Object(_)) {
        return Err(Error::decode(text!(
            op.method,
            ": `result` is not an object"
        )));
    }
    if envelope.get("biz_success") == Some(&Value::Bool(false)) {
        return Err(biz_error(&envelope));
    }
    Ok(envelope)
}

/// Types a successful U8 reply: `{ data: [...typed records], errmsg? }`.
pub fn decode_records<'a>(op: &Operation, reply: Value<'a>) -> Value<'a> {
    let data_field = op.response.iter().find(|f| f.name == "data");
    let mut data = Value::Array(Vec::new());
    let mut errmsg = None;
    if let Value::Object(entries) = reply {
        for (k, v) in entries {
            match k.as_ref() {
                "data" => {
                    data = match data_field {
                        Some(f) => normalize(f, v),
                        None => normalize_untyped(v),
                    }
                }
                "errmsg" => errmsg = Some(v),
                _ => {}
            }
        }
    }
    let mut out = vec![("data".into(), data)];
    if let Some(m) = errmsg {
        out.push(("errmsg".into(), m));
    }
    Value::Object(out)
}

fn display_text(v: Option<&Value>) -> Option<String> {
    let s = v?.to_param_text();
    // The documentation's own examples send `""` (two quote characters) for "no message".
    let s = s.trim();
    if s.is_empty() || s == "\"\"" {
        None
    } else {
        Some(s.to_string())
    }
}

fn biz_error(envelope: &Value) -> Error {
    let code = display_text(envelope.get("result_code"));
    let desc = display_text(envelope.get("result_desc"));
    let view = display_text(envelope.get("result_view"));
    let text = view
        .clone()
        .or_else(|| desc.clone())
        .unwrap_or_else(|| "the platform refused the operation".into());
    let mut e = Error::new(
        ErrorCode::BizError,
        text!(
            "business refusal ",
            code.as_deref().unwrap_or("?"),
            ": ",
            text
        ),
    );
    e.platform_code = code;
    e.sub_msg = desc;
    e.result_view = view;
    e
}

/// Types an untyped value: integers beyond 2^53 and fractions become strings, so JavaScript
/// never sees a lossy number. Used for methods outside the table.
pub fn normalize_untyped(v: Value<'_>) -> Value<'_> {
    match v {
        Value::Number(n) => number_or_string(n),
        Value::Array(items) => Value::Array(items.into_iter().map(normalize_untyped).collect()),
        Value::Object(entries) => Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k, normalize_untyped(v)))
                .collect(),
        ),
        other => other,
    }
}

/// A safe integer stays a number; anything else (beyond 2^53, fractions, exponents) becomes
/// its exact text.
fn number_or_string(lit: Cow<'_, str>) -> Value<'_> {
    if json::is_safe_integer(&lit) {
        Value::Number(lit)
    } else {
        Value::String(lit)
    }
}

fn normalize_object<'a>(fields: &[Field], v: Value<'a>) -> Value<'a> {
    match v {
        Value::Object(entries) => Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let typed = match fields.iter().find(|f| f.name == k) {
                        Some(f) => normalize(f, v),
                        None => normalize_untyped(v),
                    };
                    (k, typed)
                })
                .collect(),
        ),
        other => normalize_untyped(other),
    }
}

/// Strips a list wrapper: `{"voucher_status_info": [...]}` (JSON plain, XML) -> `[...]`; a
/// single XML item arrives as an object or a scalar, not an array.
fn list_items<'a>(f: &Field, v: Value<'a>) -> Vec<Value<'a>> {
    match v {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        Value::String(s) if s.is_empty() => Vec::new(),
        Value::Object(mut entries)
            if entries.len() == 1
                && entries
                    .first()
                    .is_some_and(|(k, _)| !f.fields().iter().any(|c| c.name == k)) =>
        {
            match entries.pop().map(|(_, inner)| inner) {
                Some(Value::Array(items)) => items,
                Some(one) => vec![one],
                None => Vec::new(),
            }
        }
        one => vec![one],
    }
}

fn normalize<'a>(f: &Field, v: Value<'a>) -> Value<'a> {
    match (f.kind, v) {
        (_, Value::Null) => Value::Null,
        (Kind::String | Kind::Date | Kind::Money | Kind::Decimal, Value::Number(n)) => {
            Value::String(n)
        }
        (Kind::String | Kind::Date, Value::Bool(b)) => {
            Value::String(if b { "true" } else { "false" }.into())
        }
        (Kind::Number, Value::Number(n)) => number_or_string(n),
        // XML has no null: an empty element, or the text `null` as the documentation's
        // examples write it, stands for one where a number or a boolean is declared.
        (Kind::Number | Kind::Boolean, Value::String(s))
            if s.trim().is_empty() || s.trim() == "null" =>
        {
            Value::Null
        }
        (Kind::Number, Value::String(s)) if json::is_number_literal(s.trim()) => {
            number_or_string(Cow::Owned(s.trim().to_string()))
        }
        (Kind::Boolean, Value::String(s)) if s == "true" || s == "false" => {
            Value::Bool(s == "true")
        }
        // XML writes an empty object as an empty element.
        (Kind::Object | Kind::Json, Value::String(s)) if s.trim().is_empty() => {
            Value::Object(Vec::new())
        }
        (Kind::StringList, v) => Value::Array(
            list_items(f, v)
                .into_iter()
                .map(|item| match item {
                    Value::Number(n) => Value::String(n),
                    other => normalize_untyped(other),
                })
                .collect(),
        ),
        (Kind::Object, v) => normalize_object(f.fields(), v),
        (Kind::ObjectList, v) => Value::Array(
            list_items(f, v)
                .into_iter()
                .map(|item| normalize_object(f.fields(), item))
                .collect(),
        ),
        (_, other) => normalize_untyped(other),
    }
}
