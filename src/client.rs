//! `TopClient`: the two halves of a TOP call, prepare and parse, for declared and untyped
//! methods alike.

use crate::error::{Error, RuleName};
use crate::json::Value;
use crate::operation::{self, Edits};
use crate::time::Timestamp;
use crate::top::{self, SignedRequest, TopConfig};

/// How one call is sent, beside its method and parameters.
#[derive(Clone, Copy, Debug, Default)]
pub struct Call<'a> {
    /// Sent as given, not checked against a declaration (see [`TopClient::prepare_untyped`]).
    pub untyped: bool,
    /// The user's authorization for this call, instead of the client's `session`.
    pub session: Option<&'a str>,
}

#[derive(Clone, Debug)]
pub struct TopClient {
    pub config: TopConfig,
}

impl TopClient {
    pub fn new(config: TopConfig) -> Result<Self, Error> {
        config.check()?;
        Ok(TopClient { config })
    }

    /// Validates, encodes and signs a call of a declared operation. A method the table does not
    /// have is refused (with the nearest declared name in the ALSC CRM family): send it with
    /// [`TopClient::prepare_untyped`].
    pub fn prepare(
        &self,
        method: &str,
        params: &Value,
        timestamp: Timestamp,
    ) -> Result<SignedRequest, Error> {
        self.prepare_with(method, params, timestamp, &Call::default())
    }

    /// Encodes and signs a call as given, whatever the method: each parameter as text,
    /// objects as compact JSON, checked only against the system parameters. For an API a
    /// release of the SDK does not declare yet.
    pub fn prepare_untyped(
        &self,
        method: &str,
        params: &Value,
        timestamp: Timestamp,
    ) -> Result<SignedRequest, Error> {
        let call = Call {
            untyped: true,
            ..Call::default()
        };
        self.prepare_with(method, params, timestamp, &call)
    }

    /// [`TopClient::prepare`] or [`TopClient::prepare_untyped`], as `call` says.
    pub fn prepare_with(
        &self,
        method: &str,
        params: &Value,
        timestamp: Timestamp,
        call: &Call<'_>,
    ) -> Result<SignedRequest, Error> {
        let business = match (call.untyped, operation::find(method)) {
            (true, _) => operation::encode_untyped(params)?,
            (false, Some(op)) => operation::encode(op, params)?,
            (false, None) => {
                let why = operation::undeclared(method).map_or_else(String::new, |e| e.message);
                return Err(Error::invalid("method", RuleName::Unknown, why));
            }
        };
        top::prepare(&self.config, method, business, timestamp, call.session)
    }

    /// Reads an answer: gateway errors, business refusals, or the typed result envelope of a
    /// declared operation (the response as sent, big numbers as strings, when `untyped` or
    /// for a method the table does not have).
    pub fn parse<'a>(&self, method: &str, status: u16, body: &'a str) -> Result<Value<'a>, Error> {
        self.parse_traced(method, status, body, false)
            .map(|(v, _)| v)
    }

    /// [`TopClient::parse`], with the platform's trace id (`request_id`) of a success, and of
    /// a business refusal in its error.
    pub fn parse_traced<'a>(
        &self,
        method: &str,
        status: u16,
        body: &'a str,
        untyped: bool,
    ) -> Result<(Value<'a>, Option<String>), Error> {
        let content = top::response_content(method, status, body)?;
        let trace = content.get("request_id").and_then(Value::as_text);
        let typed = match operation::find(method).filter(|_| !untyped) {
            Some(op) => operation::decode(op, content),
            None => Ok(operation::normalize_untyped(content)),
        };
        match typed {
            Ok(v) => Ok((v, trace)),
            Err(mut e) => {
                if e.request_id.is_none() {
                    e.request_id = trace;
                }
                Err(e)
            }
        }
    }

    /// A declared operation's JSON success answer typed in place: the edits that turn its
    /// text into the typed `result` envelope (see [`operation::decode_edits`]). `None` for
    /// anything else, which [`TopClient::parse`] reads and explains.
    pub fn parse_edits(&self, method: &str, status: u16, body: &str) -> Option<Edits> {
        if !(200..300).contains(&status) {
            return None;
        }
        let op = operation::find(method)?;
        operation::decode_edits(op, &top::response_name(method), body)
    }

    /// [`TopClient::prepare`] for a typed request model (`--features models`).
    #[cfg(feature = "models")]
    pub fn prepare_request<R: crate::models::Request>(
        &self,
        request: &R,
        timestamp: Timestamp,
    ) -> Result<SignedRequest, Error> {
        self.prepare(R::METHOD, &crate::models::to_value(request)?, timestamp)
    }

    /// [`TopClient::parse`] into the request model's typed answer (`--features models`).
    #[cfg(feature = "models")]
    pub fn parse_answer<R: crate::models::Request>(
        &self,
        status: u16,
        body: &str,
    ) -> Result<R::Answer, Error> {
        crate::models::from_value(&self.parse(R::METHOD, status, body)?)
    }
}
