//! The one shape every JS binding answers in: `{"ok":true,"value":...}` or
//! `{"ok":false,"error":{code, message, ...}}`, so no exception crosses the wasm boundary.
//! Codes and rules cross as their place in the vocabulary (`ErrorCode::ALL`,
//! `RuleName::ALL`), which the generated `operations.js` lists in the same order: the names
//! stay out of the wasm.

use crate::error::{Error, FieldError};
use crate::json::{write_string, Value};

pub fn answer(result: Result<Value, Error>) -> String {
    answer_in(result, String::new())
}

/// [`answer`] written into `out` (room made for it), in place: a large page's JSON copied
/// after the prefix, or grown by doubling, was a megabyte more of the wasm memory's
/// high-water mark each.
fn answer_in(result: Result<Value, Error>, mut out: String) -> String {
    match result {
        Ok(v) => {
            out.push_str("{\"ok\":true,\"value\":");
            crate::json::write_json(&v, &mut out);
            out.push('}');
            out
        }
        Err(e) => answer_json(Err(e)),
    }
}

/// [`answer`] with the platform's trace id beside the value: `{"ok":true,"value":...,
/// "trace":"..."}`, in room for `room` bytes (the answer's own length is a fair guess).
pub fn answer_traced(result: Result<(Value, Option<String>), Error>, room: usize) -> String {
    let mut trace = None;
    let value = result.map(|(value, t)| {
        trace = t;
        value
    });
    let mut out = answer_in(value, String::with_capacity(room));
    if let Some(t) = trace {
        out.pop();
        out.push_str(",\"trace\":");
        write_string(&t, &mut out);
        out.push('}');
    }
    out
}

/// [`answer`] for a value already written as JSON.
pub fn answer_json(result: Result<String, Error>) -> String {
    match result {
        Ok(json) => {
            let mut out = String::with_capacity(json.len() + 20);
            out.push_str("{\"ok\":true,\"value\":");
            out.push_str(&json);
            out.push('}');
            out
        }
        Err(e) => {
            let mut out = String::from("{\"ok\":false,\"error\":");
            write_error(&e, &mut out);
            out.push('}');
            out
        }
    }
}

/// The error as the JS layer receives it (camelCase; absent fields left out), written
/// straight to JSON.
fn write_error(e: &Error, out: &mut String) {
    let field = |out: &mut String, key: &str, value: &str| {
        out.push(',');
        write_string(key, out);
        out.push(':');
        write_string(value, out);
    };
    out.push_str("{\"code\":");
    crate::text::push_decimal(e.code as u64, 1, out);
    field(out, "message", &e.message);
    out.push_str(if e.retriable {
        ",\"retriable\":true"
    } else {
        ",\"retriable\":false"
    });
    if let Some(rule) = e.rule {
        out.push_str(",\"rule\":");
        crate::text::push_decimal(rule as u64, 1, out);
    }
    let optional = [
        ("field", e.field.as_deref()),
        ("platformCode", e.platform_code.as_deref()),
        ("platformMsg", e.platform_msg.as_deref()),
        ("subCode", e.sub_code.as_deref()),
        ("subMsg", e.sub_msg.as_deref()),
        ("requestId", e.request_id.as_deref()),
        ("resultView", e.result_view.as_deref()),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            field(out, k, v);
        }
    }
    if let Some(ms) = e.retry_after_ms {
        out.push_str(",\"retryAfterMs\":");
        crate::text::push_decimal(ms, 1, out);
    }
    if !e.details.is_empty() {
        out.push_str(",\"details\":");
        out.push_str(&field_errors_json(&e.details));
    }
    out.push('}');
}

/// `[{field, rule, message}]`, as `validate()` answers in JS.
pub fn field_errors_json(errors: &[FieldError]) -> String {
    let mut out = String::from("[");
    for (i, e) in errors.iter().enumerate() {
        out.push_str(if i == 0 {
            "{\"field\":"
        } else {
            ",{\"field\":"
        });
        write_string(&e.field, &mut out);
        out.push_str(",\"rule\":");
        crate::text::push_decimal(e.rule as u64, 1, &mut out);
        out.push_str(",\"message\":");
        write_string(&e.message, &mut out);
        out.push('}');
    }
    out.push(']');
    out
}
