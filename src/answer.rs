//! The one shape every JS binding answers in: `{"ok":true,"value":...}` or
//! `{"ok":false,"error":{code, message, ...}}`, so no exception crosses the wasm boundary.

use crate::error::{Error, FieldError};
use crate::json::Value;

pub fn answer(result: Result<Value, Error>) -> String {
    answer_json(result.map(|v| v.to_json()))
}

/// [`answer`] for a value already written as JSON.
pub fn answer_json(result: Result<String, Error>) -> String {
    let (head, json) = match result {
        Ok(json) => ("{\"ok\":true,\"value\":", json),
        Err(e) => ("{\"ok\":false,\"error\":", error_value(&e).to_json()),
    };
    let mut out = String::with_capacity(head.len() + json.len() + 1);
    out.push_str(head);
    out.push_str(&json);
    out.push('}');
    out
}

/// The error as the JS layer receives it (camelCase; absent fields left out).
pub fn error_value(e: &Error) -> Value {
    let s = |v: &str| Value::String(v.to_string());
    let mut out = vec![
        ("code".to_string(), s(e.code.as_str())),
        ("message".to_string(), s(&e.message)),
        ("retriable".to_string(), Value::Bool(e.retriable)),
    ];
    let optional = [
        ("field", e.field.as_deref()),
        ("rule", e.rule),
        ("platformCode", e.platform_code.as_deref()),
        ("platformMsg", e.platform_msg.as_deref()),
        ("subCode", e.sub_code.as_deref()),
        ("subMsg", e.sub_msg.as_deref()),
        ("requestId", e.request_id.as_deref()),
        ("resultView", e.result_view.as_deref()),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            out.push((k.to_string(), s(v)));
        }
    }
    if let Some(ms) = e.retry_after_ms {
        out.push(("retryAfterMs".to_string(), Value::Number(ms.to_string())));
    }
    if !e.details.is_empty() {
        out.push(("details".to_string(), field_errors_value(&e.details)));
    }
    Value::Object(out)
}

/// `[{field, rule, message}]`, as `validate()` answers in JS.
pub fn field_errors_value(errors: &[FieldError]) -> Value {
    Value::Array(
        errors
            .iter()
            .map(|e| {
                Value::Object(vec![
                    ("field".to_string(), Value::String(e.field.clone())),
                    ("rule".to_string(), Value::String(e.rule.to_string())),
                    ("message".to_string(), Value::String(e.message.clone())),
                ])
            })
            .collect(),
    )
}
