//! The request description a host sends with its own `fetch`.

use core::fmt;

/// An HTTP request, exactly as signed. `Debug` redacts query values that carry a secret
/// (the U8 token request sends `app_secret` in its URL).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// Query parameters whose value must never be printed.
const SECRET_PARAMS: [&str; 1] = ["app_secret"];

/// The URL with every secret query value replaced by `[REDACTED]`.
pub fn redact_url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|part| match part.split_once('=') {
            Some((k, _)) if SECRET_PARAMS.contains(&k) => format!("{k}=[REDACTED]"),
            _ => part.to_string(),
        })
        .collect();
    format!("{base}?{}", parts.join("&"))
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &redact_url(&self.url))
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}

impl HttpRequest {
    /// `{method, url, headers: {name: value}, body}` for the host's `fetch`.
    pub fn to_value(&self) -> crate::json::Value {
        use crate::json::Value;
        let headers = self
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        Value::Object(vec![
            ("method".to_string(), Value::String(self.method.to_string())),
            ("url".to_string(), Value::String(self.url.clone())),
            ("headers".to_string(), Value::Object(headers)),
            ("body".to_string(), Value::String(self.body.clone())),
        ])
    }
}
