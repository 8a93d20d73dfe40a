//! The request description a host sends with its own `fetch`.

use core::fmt;

/// An HTTP request, exactly as signed. `Debug` redacts query values that carry a secret
/// (the U8 token request sends `app_secret` in its URL).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    /// Every header the core sets is fixed text: static, so a call allocates none.
    pub headers: &'static [(&'static str, &'static str)],
    pub body: String,
}

/// Query parameters whose value must never be printed.
const SECRET_PARAMS: [&str; 1] = ["app_secret"];

/// The URL with every secret query value replaced by `[REDACTED]`.
pub fn redact_url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let mut out = String::with_capacity(url.len());
    out.push_str(base);
    for (i, part) in query.split('&').enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        match part.split_once('=') {
            Some((k, _)) if SECRET_PARAMS.contains(&k) => {
                out.push_str(k);
                out.push_str("=[REDACTED]");
            }
            _ => out.push_str(part),
        }
    }
    out
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
    /// `{"method":..,"url":..,"headers":{name: value},"body":..}` for the host's `fetch`,
    /// written straight to JSON (it is on every call's path).
    pub fn to_json(&self) -> String {
        use crate::json::write_string;
        let mut out = String::with_capacity(self.url.len() + self.body.len() + 128);
        out.push_str("{\"method\":");
        write_string(self.method, &mut out);
        out.push_str(",\"url\":");
        write_string(&self.url, &mut out);
        out.push_str(",\"headers\":{");
        for (i, (k, v)) in self.headers.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_string(k, &mut out);
            out.push(':');
            write_string(v, &mut out);
        }
        out.push_str("},\"body\":");
        write_string(&self.body, &mut out);
        out.push('}');
        out
    }
}
