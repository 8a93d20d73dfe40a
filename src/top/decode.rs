//! Reading a TOP answer: which document it is, where the response sits, and gateway errors.

use crate::error::{excerpt, Error, ErrorCode};
use crate::json::{self, Entry, Value};
use crate::xml;

/// `alibaba.alsc.crm.point.extra.consume` -> `alibaba_alsc_crm_point_extra_consume_response`.
pub fn response_name(method: &str) -> String {
    let base = method.strip_prefix("taobao.").unwrap_or(method);
    let mut name = base.replace('.', "_");
    name.push_str("_response");
    name
}

/// Finds the response object in a body (JSON plain or simplified, or XML), or the error the
/// gateway answered. The content is left untyped; the operation's schema types it.
pub fn response_content<'a>(method: &str, status: u16, body: &'a str) -> Result<Value<'a>, Error> {
    let ok_status = (200..300).contains(&status);
    let trimmed = body.trim_start();
    let parsed = if trimmed.starts_with(['{', '[']) {
        json::parse(body).map(Document::Json)
    } else if trimmed.starts_with('<') {
        xml::parse(body).map(|(root, v)| Document::Xml(root, v))
    } else if trimmed.is_empty() {
        Err(Error::decode(text!(
            "empty body, expected a `",
            response_name(method),
            "` document"
        )))
    } else {
        Err(Error::decode(text!(
            "expected a JSON or XML `",
            response_name(method),
            "` document, found `",
            excerpt(body),
            "`"
        )))
    };
    let doc = match parsed {
        Ok(doc) => doc,
        // A proxy's error page or a cut body on a failed status: the status is the news.
        Err(_) if !ok_status => return Err(Error::http(status, body)),
        Err(e) => return Err(e),
    };
    let wanted = response_name(method);
    let found = match doc {
        Document::Json(Value::Object(mut entries)) => {
            if let Some(err) = take(&mut entries, "error_response") {
                return Err(top_error(&err));
            }
            match take(&mut entries, &wanted) {
                Some(content) => Ok(content),
                // Simplified JSON: the root object is the response.
                None if entries.iter().all(|(k, _)| !k.ends_with("_response")) => {
                    Ok(Value::Object(entries))
                }
                None => Err(shape_error(&wanted, body)),
            }
        }
        Document::Xml("error_response", content) => return Err(top_error(&content)),
        Document::Xml(root, content) if root == wanted => Ok(content),
        Document::Json(_) | Document::Xml(..) => Err(shape_error(&wanted, body)),
    };
    // Only a gateway error explains a failed status; anything else there is an HTTP error.
    if !ok_status {
        return Err(Error::http(status, body));
    }
    found
}

enum Document<'a> {
    Json(Value<'a>),
    Xml(&'a str, Value<'a>),
}

fn take<'a>(entries: &mut Vec<Entry<'a>>, key: &str) -> Option<Value<'a>> {
    let pos = entries.iter().position(|(k, _)| k == key)?;
    Some(entries.swap_remove(pos).1)
}

fn shape_error(wanted: &str, body: &str) -> Error {
    Error::decode(text!(
        "expected `",
        wanted,
        "` or `error_response`, found `",
        excerpt(body),
        "`"
    ))
}

/// Builds `TOP_ERROR` (`RATE_LIMITED` for a ban, code 7) from an `error_response` object,
/// with its retry verdict.
pub fn top_error(err: &Value) -> Error {
    let code = err.get("code").and_then(Value::as_text);
    let msg = err.get("msg").and_then(Value::as_text);
    let sub_code = err.get("sub_code").and_then(Value::as_text);
    let sub_msg = err.get("sub_msg").and_then(Value::as_text);
    let mut message = text!(
        "TOP error ",
        code.as_deref().unwrap_or("?"),
        ": ",
        msg.as_deref().unwrap_or("(no message)")
    );
    if let Some(sc) = &sub_code {
        message.push_str(&text!(" [", sc, "]"));
    }
    if let Some(sm) = &sub_msg {
        message.push(' ');
        message.push_str(sm);
    }
    // A ban has its own code: how long it lasts decides whether waiting for it is worth it.
    let kind = if code.as_deref() == Some("7") {
        ErrorCode::RateLimited
    } else {
        ErrorCode::TopError
    };
    let mut e = Error::new(kind, message);
    let (retriable, retry_after_ms) =
        classify(code.as_deref(), sub_code.as_deref(), sub_msg.as_deref());
    e.retriable = retriable;
    e.retry_after_ms = retry_after_ms;
    e.platform_code = code;
    e.platform_msg = msg;
    e.sub_code = sub_code;
    e.sub_msg = sub_msg;
    e.request_id = err.get("request_id").and_then(Value::as_text);
    e
}

/// The gateway's error families: `isp.*` is a platform fault (retry), `isv.*` a caller error
/// (do not); code 7 is a ban whose length `sub_msg` gives; 10 is "service unavailable".
pub fn classify(
    code: Option<&str>,
    sub_code: Option<&str>,
    sub_msg: Option<&str>,
) -> (bool, Option<u64>) {
    if let Some(sc) = sub_code {
        if sc.starts_with("isv.") {
            return (false, None);
        }
        if sc.starts_with("isp.") {
            return (true, None);
        }
    }
    match code {
        Some("7") => (
            true,
            Some(
                sub_msg
                    .and_then(ban_seconds)
                    .unwrap_or(1)
                    .saturating_mul(1000),
            ),
        ),
        Some("10") => (true, None),
        _ => (false, None),
    }
}

/// "This ban will last for 2 more seconds" -> 2.
pub fn ban_seconds(sub_msg: &str) -> Option<u64> {
    let at = crate::text::find(sub_msg, "last for")? + "last for".len();
    let after = sub_msg.get(at..)?;
    let after = after.trim_start();
    let end = after
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(after.len());
    crate::text::digits_value(after.get(..end)?, 10)
}
