//! The one error type of the SDK, with a stable machine-readable code.

use core::fmt;

use crate::text::decimal;
pub use crate::vocabulary::{ErrorCode, Outcome, RuleName};

/// One broken rule of one field, as `validate()` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field, e.g. `change_point` or `order_info.item_list[0].price`.
    pub field: String,
    pub rule: RuleName,
    pub message: String,
}

/// The SDK's error: a box around [`ErrorDetails`], so `Result`s stay one pointer wide.
/// Fields read and write through it (`err.code`, `err.field`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<ErrorDetails>);

impl core::ops::Deref for Error {
    type Target = ErrorDetails;
    fn deref(&self) -> &ErrorDetails {
        &self.0
    }
}

impl core::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorDetails {
        &mut self.0
    }
}

/// Everything an error says. Every field but `code`, `message` and `retriable` is optional.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDetails {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    pub rule: Option<RuleName>,
    /// Every broken rule, for `INVALID_PARAM` (the first is also in `field`/`rule`).
    pub details: Vec<FieldError>,
    /// TOP `code`, ALSC `result_code`, U8 `errcode`, or the HTTP status.
    pub platform_code: Option<String>,
    pub platform_msg: Option<String>,
    pub sub_code: Option<String>,
    pub sub_msg: Option<String>,
    pub request_id: Option<String>,
    /// ALSC `result_view`: the platform's message meant for display.
    pub result_view: Option<String>,
    pub retriable: bool,
    pub retry_after_ms: Option<u64>,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorDetails {
            code,
            message: message.into(),
            field: None,
            rule: None,
            details: Vec::new(),
            platform_code: None,
            platform_msg: None,
            sub_code: None,
            sub_msg: None,
            request_id: None,
            result_view: None,
            retriable: false,
            retry_after_ms: None,
        }))
    }

    pub fn decode(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::DecodeError, message)
    }

    /// An unusable client option: which one, and the rule it breaks.
    pub fn config(option: &str, rule: RuleName, message: impl Into<String>) -> Self {
        let mut e = Error::new(ErrorCode::InvalidConfig, message);
        e.field = Some(option.to_string());
        e.rule = Some(rule);
        e
    }

    /// One `INVALID_PARAM` error carrying every field error; `None` when there are none.
    pub fn from_field_errors(errors: Vec<FieldError>) -> Option<Self> {
        let first = errors.first()?;
        let mut message = first.message.clone();
        if errors.len() > 1 {
            message.push_str(&text!(" (and ", decimal(errors.len() as u64 - 1), " more)"));
        }
        let mut e = Error::new(ErrorCode::InvalidParam, message);
        e.field = Some(first.field.clone());
        e.rule = Some(first.rule);
        e.details = errors;
        Some(e)
    }

    /// A validation error for one field.
    pub fn invalid(field: &str, rule: RuleName, message: impl Into<String>) -> Self {
        let fe = FieldError {
            field: field.to_string(),
            rule,
            message: message.into(),
        };
        let mut e = Error::new(ErrorCode::InvalidParam, fe.message.clone());
        e.field = Some(fe.field.clone());
        e.rule = Some(rule);
        e.details = vec![fe];
        e
    }

    /// An HTTP status that carried no platform answer. 5xx, 408 and 429 are worth a retry.
    pub fn http(status: u16, body: &str) -> Self {
        let mut e = Error::new(
            ErrorCode::HttpError,
            text!(
                "HTTP ",
                decimal(u64::from(status)),
                " from the gateway: `",
                excerpt(body),
                "`"
            ),
        );
        e.platform_code = Some(decimal(u64::from(status)));
        e.retriable = status >= 500 || status == 408 || status == 429;
        e
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_str())?;
        f.write_str(": ")?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The first 80 characters of a body, on one line, for error messages.
pub fn excerpt(body: &str) -> String {
    const MAX: usize = 80;
    let trimmed = body.trim();
    let mut out = String::new();
    let mut chars = trimmed.chars();
    for c in chars.by_ref().take(MAX) {
        out.push(if c.is_control() { ' ' } else { c });
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out
}
