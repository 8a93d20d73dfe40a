//! `TopClient`: the two halves of a TOP call, prepare and parse, for declared and untyped
//! methods alike.

use crate::error::Error;
use crate::json::Value;
use crate::operation::{self, Edits};
use crate::time::Timestamp;
use crate::top::{self, SignedRequest, TopConfig};

#[derive(Clone, Debug)]
pub struct TopClient {
    pub config: TopConfig,
}

impl TopClient {
    pub fn new(config: TopConfig) -> Result<Self, Error> {
        config.check()?;
        Ok(TopClient { config })
    }

    /// Validates (declared methods), encodes and signs a call. A method of the ALSC CRM family
    /// that is not declared is refused with the nearest known name; methods outside the family
    /// are sent as given: each parameter as text, objects as compact JSON.
    pub fn prepare(
        &self,
        method: &str,
        params: &Value,
        timestamp: Timestamp,
    ) -> Result<SignedRequest, Error> {
        let business = match operation::find(method) {
            Some(op) => operation::encode(op, params)?,
            None => {
                if let Some(unknown) = operation::unknown_in_family(method) {
                    return Err(Error::from_field_errors(vec![unknown])
                        .unwrap_or_else(|| Error::invalid("method", "unknown", "unknown method")));
                }
                operation::encode_untyped(params)?
            }
        };
        top::prepare(&self.config, method, business, timestamp)
    }

    /// Reads an answer: gateway errors, business refusals, or the typed result envelope
    /// (the untyped response, big numbers as strings, for methods outside the table).
    pub fn parse<'a>(&self, method: &str, status: u16, body: &'a str) -> Result<Value<'a>, Error> {
        let content = top::response_content(method, status, body)?;
        match operation::find(method) {
            Some(op) => operation::decode(op, content),
            None => Ok(operation::normalize_untyped(content)),
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
