//! The Taobao Open Platform `router/rest` protocol: system parameters, signing, form
//! encoding, response decoding and gateway errors. No I/O: `prepare` describes a request,
//! the host sends it, `response_content` reads what came back.

pub mod decode;
pub mod encode;
pub mod sign;

pub use decode::{response_content, response_name, top_error};
pub use sign::{sign, sign_string, string_to_sign, SignMethod};

use crate::error::{Error, RuleName};
use crate::http::HttpRequest;
use crate::secret::Secret;
use crate::text::is_blank;
use crate::time::Timestamp;

/// The production HTTPS gateway.
pub const DEFAULT_GATEWAY: &str = "https://eco.taobao.com/router/rest";

/// Names the gateway reserves: a business parameter may not reuse them.
pub const SYSTEM_PARAMS: [&str; 11] = [
    "method",
    "app_key",
    "timestamp",
    "v",
    "sign_method",
    "sign",
    "format",
    "simplify",
    "session",
    "partner_id",
    "target_app_key",
];

/// Answer format asked of the gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "json" => Ok(Format::Json),
            "xml" => Ok(Format::Xml),
            other => Err(Error::config(
                "format",
                RuleName::OneOf,
                text!("format `", other, "` is not json or xml"),
            )),
        }
    }
}

/// What a TOP app needs to call the gateway. The secret stays redacted in `Debug`.
#[derive(Clone, Debug)]
pub struct TopConfig {
    pub app_key: String,
    pub app_secret: Secret,
    pub sign_method: SignMethod,
    pub gateway: String,
    pub format: Format,
    pub simplify: bool,
    pub session: Option<String>,
    pub partner_id: Option<String>,
    pub target_app_key: Option<String>,
}

impl TopConfig {
    /// The defaults a new integration wants: hmac-sha256 (the strongest method the gateway
    /// offers), JSON, simplified (ids as strings), the production gateway.
    pub fn new(app_key: impl Into<String>, app_secret: Secret) -> Self {
        TopConfig {
            app_key: app_key.into(),
            app_secret,
            sign_method: SignMethod::HmacSha256,
            gateway: DEFAULT_GATEWAY.to_string(),
            format: Format::Json,
            simplify: true,
            session: None,
            partner_id: None,
            target_app_key: None,
        }
    }

    /// Reads `{appKey, appSecret, signMethod?, gateway?, format?, simplify?, session?,
    /// partnerId?, targetAppKey?}` as the JS `TopClient` takes it.
    pub fn from_value(v: &crate::json::Value) -> Result<Self, Error> {
        let text = |k: &str| -> Result<Option<String>, Error> {
            match v.get(k) {
                None | Some(crate::json::Value::Null) => Ok(None),
                Some(crate::json::Value::String(s)) => Ok(Some(s.to_string())),
                Some(_) => Err(Error::config(
                    k,
                    RuleName::Type,
                    text!("TopClient option `", k, "` must be a string"),
                )),
            }
        };
        let mut config = TopConfig::new(
            text("appKey")?.unwrap_or_default(),
            Secret::new(text("appSecret")?.unwrap_or_default()),
        );
        if let Some(m) = text("signMethod")? {
            config.sign_method = SignMethod::parse(&m)?;
        }
        if let Some(g) = text("gateway")? {
            config.gateway = g;
        }
        if let Some(f) = text("format")? {
            config.format = Format::parse(&f)?;
        }
        match v.get("simplify") {
            None | Some(crate::json::Value::Null) => {}
            Some(crate::json::Value::Bool(b)) => config.simplify = *b,
            Some(_) => {
                return Err(Error::config(
                    "simplify",
                    RuleName::Type,
                    "TopClient option `simplify` must be true or false",
                ))
            }
        }
        config.session = text("session")?;
        config.partner_id = text("partnerId")?;
        config.target_app_key = text("targetAppKey")?;
        config.check()?;
        Ok(config)
    }

    pub fn check(&self) -> Result<(), Error> {
        if self.app_key.trim().is_empty() {
            return Err(Error::config(
                "appKey",
                RuleName::Required,
                "appKey is empty",
            ));
        }
        if self.app_secret.is_empty() {
            return Err(Error::config(
                "appSecret",
                RuleName::Required,
                "appSecret is empty",
            ));
        }
        if !(self.gateway.starts_with("https://") || self.gateway.starts_with("http://"))
            || self.gateway.bytes().any(|b| b <= b' ')
        {
            return Err(Error::config(
                "gateway",
                RuleName::Url,
                text!("gateway `", self.gateway, "` is not an http(s) URL"),
            ));
        }
        Ok(())
    }
}

/// A signed call: the HTTP request plus every intermediate for debugging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    pub http: HttpRequest,
    /// The business parameters sent in the body, values as signed.
    pub business_params: Vec<(String, String)>,
    pub string_to_sign: String,
    pub sign: String,
}

impl SignedRequest {
    /// The request as the JS layer reads it without a JSON parse (`prepare` runs on every
    /// call, and the answer's JSON was a fifth of its time): method, URL, body, sign and
    /// content type, one per line, then the string-to-sign, the only part that may itself
    /// hold a line break. The URL and body are percent-encoded and the sign is hex, so none
    /// of them can. `with_string_to_sign` false leaves it out (a call's attempts do not
    /// read it, and it is the part with the raw text, which the host decodes slowest).
    pub fn to_lines(&self, with_string_to_sign: bool) -> String {
        let content_type = self
            .http
            .headers
            .iter()
            .find(|(k, _)| *k == "content-type")
            .map_or("", |(_, v)| *v);
        let mut out = String::with_capacity(
            self.http.url.len() + self.http.body.len() + self.string_to_sign.len() + 128,
        );
        for part in [
            self.http.method,
            &self.http.url,
            &self.http.body,
            &self.sign,
            content_type,
        ] {
            out.push_str(part);
            out.push('\n');
        }
        if with_string_to_sign {
            out.push_str(&self.string_to_sign);
        }
        out
    }
}

pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded;charset=UTF-8";

/// Signs a call whose business parameters are already text (objects already compact JSON).
/// Blank values (empty or whitespace only) are neither signed nor sent, as the official SDKs
/// drop them. `session`, when given, is this call's instead of the client's.
pub fn prepare(
    config: &TopConfig,
    method: &str,
    business: Vec<(String, String)>,
    timestamp: Timestamp,
    session: Option<&str>,
) -> Result<SignedRequest, Error> {
    config.check()?;
    if method.trim().is_empty() {
        return Err(Error::invalid(
            "method",
            RuleName::Required,
            "method is required",
        ));
    }
    if let Some((k, _)) = business
        .iter()
        .find(|(k, _)| SYSTEM_PARAMS.contains(&k.as_str()))
    {
        return Err(Error::invalid(
            k,
            RuleName::Reserved,
            text!(
                "`",
                k,
                "` is a system parameter; it cannot be a business parameter"
            ),
        ));
    }
    let stamp = timestamp.china_text();
    let timestamp = core::str::from_utf8(&stamp).unwrap_or_default();
    // Borrowed, not copied: `prepare` runs on every call, and its allocations were a tenth
    // of its time in the wasm.
    let mut system: Vec<(&str, &str)> = Vec::with_capacity(11);
    system.extend([
        ("method", method),
        ("app_key", config.app_key.as_str()),
        ("timestamp", timestamp),
        ("v", "2.0"),
        ("sign_method", config.sign_method.as_str()),
        ("format", config.format.as_str()),
    ]);
    if config.format == Format::Json && config.simplify {
        system.push(("simplify", "true"));
    }
    for (name, value) in [
        ("session", session.or(config.session.as_deref())),
        ("partner_id", config.partner_id.as_deref()),
        ("target_app_key", config.target_app_key.as_deref()),
    ] {
        if let Some(v) = value.filter(|v| !is_blank(v)) {
            system.push((name, v));
        }
    }
    let business: Vec<(String, String)> =
        business.into_iter().filter(|(_, v)| !is_blank(v)).collect();
    let business_pairs: Vec<(&str, &str)> = business
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let string_to_sign = string_to_sign(system.iter().chain(&business_pairs).copied());
    let sign = sign_string(&string_to_sign, &config.app_secret, config.sign_method);
    system.push(("sign", sign.as_str()));
    let url = encode::url_with_query(&config.gateway, &system);
    let body = encode::form_encode(&business_pairs);
    Ok(SignedRequest {
        http: HttpRequest {
            method: "POST",
            url,
            headers: &[("content-type", FORM_CONTENT_TYPE)],
            body,
        },
        business_params: business,
        string_to_sign,
        sign,
    })
}
