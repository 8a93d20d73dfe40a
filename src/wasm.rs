//! JS bindings: strings in, one answer string out (`answer`: `{"ok":...}` JSON), except on the
//! two hot paths: a signed request comes as lines and a typed answer as edits to its own text
//! (BENCHMARKS.md: the copies those save). No logic lives here.

use wasm_bindgen::prelude::*;

use crate::answer::{answer, answer_json, answer_traced, field_errors_json};
use crate::client::Call;
use crate::error::Error;
use crate::json::{self, Value};
use crate::operation::{self, encode_untyped};
use crate::text::signed_decimal;
use crate::time::Timestamp;
use crate::top::{self, SignMethod, TopConfig};
use crate::u8::{self, U8Config};
use crate::{Secret, TopClient};

/// Text the host encoded with `TextEncoder` (so always UTF-8; checked all the same).
fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|_| Error::decode("the text is not UTF-8"))
}

fn params(text: &str) -> Result<Value<'_>, Error> {
    json::parse(text)
}

// Talc instead of the default dlmalloc: smaller in the module and faster (its benchmarks).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen]
pub struct TopCore {
    client: TopClient,
}

#[wasm_bindgen]
impl TopCore {
    /// Throws the JSON answer of an `INVALID_CONFIG` error when the options are unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str) -> Result<TopCore, String> {
        let config = params(config_json).and_then(|v| TopConfig::from_value(&v));
        match config.and_then(TopClient::new) {
            Ok(client) => Ok(TopCore { client }),
            Err(e) => Err(answer(Err(e))),
        }
    }

    /// The signed request as lines (`SignedRequest::to_lines`), or an error's JSON answer.
    /// `call` is the parameters' JSON, a line break, this call's session (empty: the
    /// client's), a line break, then the method, as UTF-8 in one buffer (one copy into the
    /// wasm, not two): compact JSON holds no raw line break, so the first one ends it, and
    /// the JS layer refuses a session with one. `untyped` sends it as given.
    pub fn prepare(&self, call: &[u8], timestamp_ms: f64, untyped: bool) -> String {
        let signed = Timestamp::from_js_millis(timestamp_ms).and_then(|ts| {
            let text = utf8(call)?;
            let (params_json, rest) = text.split_once('\n').unwrap_or((text, ""));
            let (session, method) = rest.split_once('\n').unwrap_or(("", rest));
            let how = Call {
                untyped,
                session: Some(session).filter(|s| !s.is_empty()),
            };
            self.client
                .prepare_with(method, &params(params_json)?, ts, &how)
        });
        match signed {
            Ok(request) => request.to_lines(),
            Err(e) => answer(Err(e)),
        }
    }

    /// `body` as UTF-8 bytes, like `parseEdits`; the answer carries the trace id.
    pub fn parse(&self, method: &str, status: u16, body: &[u8], untyped: bool) -> String {
        answer_traced(
            utf8(body).and_then(|body| self.client.parse_traced(method, status, body, untyped)),
        )
    }

    /// The typed answer as edits to its own text (`Edits`), for the host's `JSON.parse`;
    /// nothing when the answer needs `parse`. The body comes as UTF-8 the host encoded (a
    /// string's ASCII start crossed a character at a time in JS: 45 KB of ASCII took as long
    /// as reading it).
    #[wasm_bindgen(js_name = parseEdits)]
    pub fn parse_edits(&self, method: &str, status: u16, body: &[u8]) -> Option<Vec<u32>> {
        let body = utf8(body).ok()?;
        self.client.parse_edits(method, status, body).map(|e| e.0)
    }
}

#[wasm_bindgen]
pub struct U8Core {
    config: U8Config,
}

#[wasm_bindgen]
impl U8Core {
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str) -> Result<U8Core, String> {
        match params(config_json).and_then(|v| U8Config::from_value(&v)) {
            Ok(config) => Ok(U8Core { config }),
            Err(e) => Err(answer(Err(e))),
        }
    }

    #[wasm_bindgen(js_name = prepareToken)]
    pub fn prepare_token(&self) -> String {
        answer_json(u8::prepare_token(&self.config).map(|r| r.to_json()))
    }

    #[wasm_bindgen(js_name = parseToken)]
    pub fn parse_token(&self, status: u16, body: &str, now_ms: f64) -> String {
        answer((|| {
            let t = u8::parse_token(status, body, Timestamp::from_js_millis(now_ms)?)?;
            Ok(Value::Object(vec![
                (
                    "expiresAt".into(),
                    Value::Number(signed_decimal(t.expires_at.epoch_millis()).into()),
                ),
                (
                    "renewAt".into(),
                    Value::Number(signed_decimal(t.renew_at_millis()).into()),
                ),
                ("token".into(), Value::String(t.id.into())),
            ]))
        })())
    }

    #[wasm_bindgen(js_name = prepareTradeid)]
    pub fn prepare_tradeid(&self, token: &str) -> String {
        answer_json(u8::prepare_tradeid(&self.config, token).map(|r| r.to_json()))
    }

    #[wasm_bindgen(js_name = parseTradeid)]
    pub fn parse_tradeid(&self, status: u16, body: &str) -> String {
        answer(u8::parse_tradeid(status, body).map(|id| Value::String(id.into())))
    }

    pub fn prepare(&self, api: &str, body_json: &str, token: &str) -> String {
        answer_json(
            params(body_json)
                .and_then(|b| u8::prepare(&self.config, api, &b, token))
                .map(|r| r.to_json()),
        )
    }

    pub fn parse(&self, api: &str, status: u16, body: &str) -> String {
        answer(u8::parse(api, status, body))
    }
}

/// `[]` or `[{field, rule, message}]`.
#[wasm_bindgen]
pub fn validate(method: &str, params_json: &str) -> String {
    answer_json(
        params(params_json).map(|p| field_errors_json(&operation::validate_method(method, &p))),
    )
}

#[wasm_bindgen(js_name = signTop)]
pub fn sign_top(params_json: &str, secret: &str, sign_method: &str) -> String {
    answer((|| {
        let p = encode_untyped(&params(params_json)?)?;
        let method = SignMethod::parse(sign_method)?;
        Ok(Value::String(
            top::sign(
                p.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                &Secret::new(secret),
                method,
            )
            .into(),
        ))
    })())
}

#[wasm_bindgen(js_name = stringToSign)]
pub fn string_to_sign(params_json: &str) -> String {
    answer(params(params_json).and_then(|v| {
        let p = encode_untyped(&v)?;
        Ok(Value::String(
            top::string_to_sign(p.iter().map(|(k, v)| (k.as_str(), v.as_str()))).into(),
        ))
    }))
}

/// A UUID v4 from the host's `crypto.getRandomValues`.
#[wasm_bindgen(js_name = newRequestId)]
pub fn new_request_id() -> String {
    let mut bytes = [0u8; 16];
    match getrandom::fill(&mut bytes) {
        Ok(()) => answer(Ok(Value::String(
            crate::request_id::from_bytes(bytes).into(),
        ))),
        Err(_) => answer(Err(Error::new(
            crate::ErrorCode::Internal,
            "the host gave no randomness (crypto.getRandomValues)",
        ))),
    }
}
