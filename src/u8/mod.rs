//! Yonyou U8 OpenAPI, sans-IO: the token flow, `tradeid`, and `points/change`.
//!
//! Requests are built from typed input plus the host's time; replies are read from status
//! plus body. U8 answers `errcode` as a string or a number, and serves JSON as `text/html`,
//! so the body is read for what it is whatever the content type.

pub mod reply;

pub use reply::{classify_errcode, U8Failure};

use crate::error::{Error, RuleName};
use crate::http::HttpRequest;
use crate::json::Value;
use crate::operation::{self, Platform};
use crate::secret::Secret;
use crate::time::Timestamp;
use crate::top::encode::form_encode;

pub const DEFAULT_BASE_URL: &str = "https://api.yonyouup.com";

/// Renew a token this long before it expires (the official SDK renews at 1 h 55 min of 2 h).
pub const RENEW_MARGIN_MS: i64 = 5 * 60 * 1000;

/// The accounts and app of one U8 connection. The secret is redacted in `Debug`.
#[derive(Clone, Debug)]
pub struct U8Config {
    /// 调用方id
    pub from_account: String,
    /// 提供方id (the enterprise)
    pub to_account: String,
    pub app_key: String,
    pub app_secret: Secret,
    /// 数据源序号; the app's first data source when absent.
    pub ds_sequence: Option<u32>,
    pub base_url: String,
}

impl U8Config {
    pub fn new(from_account: &str, to_account: &str, app_key: &str, app_secret: Secret) -> Self {
        U8Config {
            from_account: from_account.to_string(),
            to_account: to_account.to_string(),
            app_key: app_key.to_string(),
            app_secret,
            ds_sequence: None,
            base_url: DEFAULT_BASE_URL.to_string(),
        }
    }

    /// Reads `{fromAccount, toAccount, appKey, appSecret, dsSequence?, baseUrl?}` as the JS
    /// `U8Client` takes it.
    pub fn from_value(v: &Value) -> Result<Self, Error> {
        let text = |k: &str| -> Result<String, Error> {
            match v.get(k) {
                None | Some(Value::Null) => Ok(String::new()),
                Some(Value::String(s)) => Ok(s.to_string()),
                Some(_) => Err(Error::config(
                    k,
                    RuleName::Type,
                    text!("U8Client option `", k, "` must be a string"),
                )),
            }
        };
        let mut config = U8Config::new(
            &text("fromAccount")?,
            &text("toAccount")?,
            &text("appKey")?,
            Secret::new(text("appSecret")?),
        );
        match v.get("dsSequence") {
            None | Some(Value::Null) => {}
            Some(d) => {
                let n = d.as_i64().and_then(|n| u32::try_from(n).ok());
                config.ds_sequence = Some(n.ok_or_else(|| {
                    Error::config(
                        "dsSequence",
                        RuleName::Integer,
                        "U8Client option `dsSequence` must be a non-negative integer",
                    )
                })?);
            }
        }
        let base = text("baseUrl")?;
        if !base.is_empty() {
            config.base_url = base;
        }
        config.check()?;
        Ok(config)
    }

    pub fn check(&self) -> Result<(), Error> {
        for (name, value) in [
            ("fromAccount", &self.from_account),
            ("toAccount", &self.to_account),
            ("appKey", &self.app_key),
        ] {
            if value.trim().is_empty() {
                return Err(Error::config(
                    name,
                    RuleName::Required,
                    text!("U8 ", name, " is empty"),
                ));
            }
        }
        if self.app_secret.is_empty() {
            return Err(Error::config(
                "appSecret",
                RuleName::Required,
                "U8 appSecret is empty",
            ));
        }
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            return Err(Error::config(
                "baseUrl",
                RuleName::Url,
                text!("U8 baseUrl `", self.base_url, "` is not an http(s) URL"),
            ));
        }
        Ok(())
    }

    fn url(&self, path: &str, query: &[(&str, &str)]) -> String {
        text!(
            self.base_url.trim_end_matches('/'),
            path,
            "?",
            form_encode(query)
        )
    }
}

/// A U8 access token and when it stops working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub id: String,
    pub expires_at: Timestamp,
}

impl Token {
    /// True once `now` is within [`RENEW_MARGIN_MS`] of expiry (or past it).
    pub fn needs_renewal(&self, now: Timestamp) -> bool {
        now.epoch_millis() >= self.renew_at_millis()
    }

    /// From this instant (epoch ms) on, the token must be renewed.
    pub fn renew_at_millis(&self) -> i64 {
        self.expires_at
            .epoch_millis()
            .saturating_sub(RENEW_MARGIN_MS)
    }
}

/// `GET /system/token?from_account=&app_key=&app_secret=`.
pub fn prepare_token(config: &U8Config) -> Result<HttpRequest, Error> {
    config.check()?;
    let url = config.url(
        "/system/token",
        &[
            ("from_account", &config.from_account),
            ("app_key", &config.app_key),
            ("app_secret", config.app_secret.expose()),
        ],
    );
    Ok(get(url))
}

/// Reads the token reply; the expiry is `now + expiresIn` seconds.
pub fn parse_token(status: u16, body: &str, now: Timestamp) -> Result<Token, Error> {
    let v = reply::read(status, body)?;
    let token = v.get("token").ok_or_else(|| shape("token", body))?;
    let id = token
        .get("id")
        .and_then(Value::as_text)
        .ok_or_else(|| shape("token.id", body))?;
    let expires_in = token
        .get("expiresIn")
        .and_then(Value::as_i64)
        .filter(|s| *s > 0)
        .ok_or_else(|| shape("token.expiresIn", body))?;
    let expires_at = Timestamp::from_epoch_millis(
        now.epoch_millis()
            .saturating_add(expires_in.saturating_mul(1000)),
    )?;
    Ok(Token { id, expires_at })
}

/// `GET /system/tradeid?from_account=&app_key=&token=`: a one-use idempotency id.
pub fn prepare_tradeid(config: &U8Config, token: &str) -> Result<HttpRequest, Error> {
    config.check()?;
    require_token(token)?;
    let url = config.url(
        "/system/tradeid",
        &[
            ("from_account", &config.from_account),
            ("app_key", &config.app_key),
            ("token", token),
        ],
    );
    Ok(get(url))
}

pub fn parse_tradeid(status: u16, body: &str) -> Result<String, Error> {
    let v = reply::read(status, body)?;
    v.get("trade")
        .and_then(|t| t.get("id"))
        .and_then(Value::as_text)
        .ok_or_else(|| shape("trade.id", body))
}

/// `POST /api/<resource>/<action>` with the account parameters in the URL and a JSON body.
/// Declared APIs (`points/change`) are validated and encoded from the table; others send
/// `body` as given.
pub fn prepare(
    config: &U8Config,
    api: &str,
    body: &Value,
    token: &str,
) -> Result<HttpRequest, Error> {
    config.check()?;
    check_api(api)?;
    require_token(token)?;
    let json_body = match declared(api) {
        Some(op) => operation::encode_records(op, body)?,
        None => body.to_json(),
    };
    let ds = config
        .ds_sequence
        .map(|d| crate::text::decimal(u64::from(d)));
    let mut query: Vec<(&str, &str)> = vec![
        ("from_account", &config.from_account),
        ("to_account", &config.to_account),
        ("app_key", &config.app_key),
        ("token", token),
    ];
    if let Some(ds) = &ds {
        query.push(("ds_sequence", ds));
    }
    Ok(HttpRequest {
        method: "POST",
        url: config.url(&text!("/api/", api), &query),
        headers: &[("content-type", "application/json;charset=UTF-8")],
        body: json_body,
    })
}

/// Reads a business reply: declared APIs' data typed, others untyped (big numbers as
/// strings); a non-zero `errcode` is a classified `U8_ERROR`.
pub fn parse<'a>(api: &str, status: u16, body: &'a str) -> Result<Value<'a>, Error> {
    let v = reply::read(status, body)?;
    Ok(match declared(api) {
        Some(op) => operation::decode_records(op, v),
        None => operation::normalize_untyped(v),
    })
}

/// A U8 API of the operation table.
fn declared(api: &str) -> Option<&'static operation::Operation> {
    operation::find(api).filter(|op| op.platform == Platform::U8)
}

fn get(url: String) -> HttpRequest {
    HttpRequest {
        method: "GET",
        url,
        headers: &[],
        body: String::new(),
    }
}

fn require_token(token: &str) -> Result<(), Error> {
    if token.trim().is_empty() {
        return Err(Error::invalid(
            "token",
            RuleName::Required,
            "a U8 token is required: get one with prepareToken/parseToken",
        ));
    }
    Ok(())
}

/// `resource/action`, lower-case letters, digits and `_` only (it becomes a URL path).
fn check_api(api: &str) -> Result<(), Error> {
    let ok_part = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    match api.split_once('/') {
        Some((resource, action)) if ok_part(resource) && ok_part(action) => Ok(()),
        _ => Err(Error::invalid(
            "api",
            RuleName::Format,
            text!(
                "U8 api `",
                api,
                "` must be `resource/action`, e.g. `points/change`"
            ),
        )),
    }
}

fn shape(expected: &str, body: &str) -> Error {
    Error::decode(text!(
        "U8 reply has no `",
        expected,
        "`: `",
        crate::error::excerpt(body),
        "`"
    ))
}
