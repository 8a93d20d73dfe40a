//! U8 replies: `errcode` as a string or a number, and what a failure means for the caller.
//!
//! The public documentation lists only `30021` (此应用未上线) and `2001` (fail). The other
//! classes are read from `errmsg` (inferred from the platform's messages, not documented):
//! token expired or invalid -> renew the token and retry once; app not online, not
//! authorized, client offline -> the enterprise admin must act, no retry; busy or timed out
//! -> retry later.

use crate::error::{excerpt, Error, ErrorCode};
use crate::json::{self, Value};

/// What a U8 failure asks of the caller; its name is the error's `sub_code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum U8Failure {
    /// Get a new token and retry once.
    TokenInvalid,
    /// The app is not online (30021): the enterprise admin must put it online.
    AppNotOnline,
    /// The enterprise has not authorized this app.
    NotAuthorized,
    /// The enterprise's U8 client is offline.
    ClientOffline,
    /// A passing fault: retry later.
    Transient,
    /// The call itself was refused.
    Rejected,
}

impl U8Failure {
    pub fn as_str(self) -> &'static str {
        match self {
            U8Failure::TokenInvalid => "token_invalid",
            U8Failure::AppNotOnline => "app_not_online",
            U8Failure::NotAuthorized => "not_authorized",
            U8Failure::ClientOffline => "client_offline",
            U8Failure::Transient => "transient",
            U8Failure::Rejected => "rejected",
        }
    }

    fn advice(self) -> &'static str {
        match self {
            U8Failure::TokenInvalid => "the token is invalid or expired: get a new token and retry",
            U8Failure::AppNotOnline => "the app is not online for this enterprise: the enterprise's U8 admin must put the app online in the Yonyou open platform console",
            U8Failure::NotAuthorized => "the enterprise has not authorized this app: the enterprise's U8 admin must grant it in the Yonyou open platform console",
            U8Failure::ClientOffline => "the enterprise's U8 client is offline: the enterprise's admin must start the U8 OpenAPI client on their server",
            U8Failure::Transient => "a passing fault at Yonyou: retry later",
            U8Failure::Rejected => "the call was refused",
        }
    }
}

/// Classifies a non-zero `errcode` with its `errmsg`.
pub fn classify_errcode(errcode: &str, errmsg: &str) -> U8Failure {
    // ASCII-only lowering: Chinese text is unaffected, and no Unicode tables ship in the wasm.
    let m = errmsg.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| crate::text::contains(&m, w));
    if errcode == "30021" || has(&["未上线", "not online"]) {
        U8Failure::AppNotOnline
    } else if crate::text::contains(&m, "token")
        && has(&[
            "无效",
            "过期",
            "失效",
            "invalid",
            "expire",
            "不存在",
            "错误",
        ])
    {
        U8Failure::TokenInvalid
    } else if has(&[
        "未授权",
        "没有授权",
        "无权",
        "not authorized",
        "unauthorized",
    ]) {
        U8Failure::NotAuthorized
    } else if has(&["离线", "不在线", "offline"]) {
        U8Failure::ClientOffline
    } else if has(&["超时", "繁忙", "稍后", "timeout", "busy", "try again"]) {
        U8Failure::Transient
    } else {
        U8Failure::Rejected
    }
}

/// Reads a reply body whatever its content type; `errcode` 0 (string or number) is success.
pub fn read(status: u16, body: &str) -> Result<Value<'_>, Error> {
    let ok_status = (200..300).contains(&status);
    let v = match json::parse(body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) if ok_status => {
            return Err(Error::decode(text!(
                "expected a U8 reply object, found `",
                excerpt(body),
                "`"
            )))
        }
        Err(e) if ok_status => {
            return Err(Error::decode(text!(
                "expected a U8 JSON reply (",
                e.message,
                "), found `",
                excerpt(body),
                "`"
            )))
        }
        _ => return Err(Error::http(status, body)),
    };
    let errcode = v.get("errcode").and_then(Value::as_text);
    match errcode.as_deref() {
        Some("0") if ok_status => Ok(v),
        Some("0") | None if !ok_status => Err(Error::http(status, body)),
        None => Err(Error::decode(text!(
            "U8 reply has no `errcode`: `",
            excerpt(body),
            "`"
        ))),
        Some(code) => Err(u8_error(
            code,
            v.get("errmsg")
                .and_then(Value::as_text)
                .as_deref()
                .unwrap_or(""),
        )),
    }
}

fn u8_error(code: &str, errmsg: &str) -> Error {
    let kind = classify_errcode(code, errmsg);
    let mut e = Error::new(
        ErrorCode::U8Error,
        text!("U8 error ", code, " ", errmsg, ": ", kind.advice()),
    );
    e.platform_code = Some(code.to_string());
    e.platform_msg = Some(errmsg.to_string()).filter(|m| !m.is_empty());
    e.sub_code = Some(kind.as_str().to_string());
    // A bad token is not retried as it is: the caller renews it first (U8Client.call does).
    e.retriable = kind == U8Failure::Transient;
    e
}
