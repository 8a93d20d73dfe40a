//! `TopClient`: the two halves of a TOP call, prepare and parse, for declared and untyped
//! methods alike.

use crate::alsc::{self, seeds::SeedRequest};
use crate::error::Error;
use crate::json::Value;
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

    /// Validates (declared methods), encodes and signs a call. Methods outside the table are
    /// sent as given: each parameter as text, objects as compact JSON.
    pub fn prepare(
        &self,
        method: &str,
        params: &Value,
        timestamp: Timestamp,
    ) -> Result<SignedRequest, Error> {
        let business = match alsc::find(method) {
            Some(op) => alsc::encode(op, params)?,
            None => alsc::encode_untyped(params)?,
        };
        top::prepare(&self.config, method, business, timestamp)
    }

    /// Reads an answer: gateway errors, business refusals, or the typed result envelope
    /// (the untyped response, big numbers as strings, for methods outside the table).
    pub fn parse(&self, method: &str, status: u16, body: &str) -> Result<Value, Error> {
        let content = top::response_content(method, status, body)?;
        match alsc::find(method) {
            Some(op) => alsc::decode(op, content),
            None => Ok(alsc::normalize_untyped(content)),
        }
    }

    pub fn prepare_seed<R: SeedRequest>(
        &self,
        request: &R,
        timestamp: Timestamp,
    ) -> Result<SignedRequest, Error> {
        self.prepare(R::METHOD, &request.to_params(), timestamp)
    }

    pub fn parse_seed<R: SeedRequest>(&self, status: u16, body: &str) -> Result<R::Output, Error> {
        R::output(&self.parse(R::METHOD, status, body)?)
    }
}
