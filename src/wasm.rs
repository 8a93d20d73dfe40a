//! JS bindings: strings in, one answer string out (`answer`: `{"ok":...}` JSON), except on the
//! two hot paths: a signed request comes as lines and a typed answer as edits to its own text
//! (BENCHMARKS.md: the copies those save). No logic lives here.

use wasm_bindgen::prelude::*;

use crate::answer::{answer, answer_json, answer_traced, field_errors_json};
use crate::client::Call;
use crate::error::Error;
use crate::input::Input;
use crate::json::{self, Value};
use crate::operation::{self, encode_untyped};
use crate::text::signed_decimal;
use crate::time::Timestamp;
use crate::top::{self, SignMethod, TopConfig};
use crate::u8::{self, U8Config};
use crate::{Secret, TopClient};

fn params(text: &str) -> Result<Value<'_>, Error> {
    json::parse(text)
}

// Talc instead of the default dlmalloc: smaller in the module and faster (its benchmarks).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen]
pub struct TopCore {
    client: TopClient,
    input: Input,
}

#[wasm_bindgen]
impl TopCore {
    /// Throws the JSON answer of an `INVALID_CONFIG` error when the options are unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str) -> Result<TopCore, String> {
        let config = params(config_json).and_then(|v| TopConfig::from_value(&v));
        match config.and_then(TopClient::new) {
            Ok(client) => Ok(TopCore {
                client,
                input: Input::default(),
            }),
            Err(e) => Err(answer(Err(e))),
        }
    }

    /// Where the host writes the next call's text, with room for `len` bytes (`Input`).
    #[wasm_bindgen(js_name = inputRoom)]
    pub fn input_room(&mut self, len: usize) -> *mut u8 {
        self.input.room(len)
    }

    /// The signed request as lines (`SignedRequest::to_lines`; without the string-to-sign
    /// when `bare`), or an error's JSON answer. The call is the input's first `len` bytes:
    /// the parameters' JSON, a line break, this call's session (empty: the client's), a line
    /// break, then the method: compact JSON holds no raw line break, so the first one ends
    /// it, and the JS layer refuses a session with one. `untyped` sends it as given.
    pub fn prepare(&mut self, len: usize, timestamp_ms: f64, untyped: bool, bare: bool) -> String {
        let client = &self.client;
        self.input.read(len, |text| {
            let signed = Timestamp::from_js_millis(timestamp_ms).and_then(|ts| {
                let text = text?;
                let (params_json, rest) = text.split_once('\n').unwrap_or((text, ""));
                let (session, method) = rest.split_once('\n').unwrap_or(("", rest));
                let how = Call {
                    untyped,
                    session: Some(session).filter(|s| !s.is_empty()),
                };
                client.prepare_with(method, &params(params_json)?, ts, &how)
            });
            match signed {
                Ok(request) => request.to_lines(!bare),
                Err(e) => answer(Err(e)),
            }
        })
    }

    /// Like `parseEdits`; the answer carries the trace id.
    pub fn parse(&mut self, method: &str, len: usize, status: u16, untyped: bool) -> String {
        let client = &self.client;
        self.input.read(len, |body| {
            answer_traced(
                body.and_then(|body| client.parse_traced(method, status, body, untyped)),
                len,
            )
        })
    }

    /// The typed answer as edits to its own text (`Edits`), for the host's `JSON.parse`;
    /// nothing when the answer needs `parse`. The body is the input's first `len` bytes.
    #[wasm_bindgen(js_name = parseEdits)]
    pub fn parse_edits(&mut self, method: &str, len: usize, status: u16) -> Option<Vec<u32>> {
        let client = &self.client;
        self.input.read(len, |body| {
            client.parse_edits(method, status, body.ok()?).map(|e| e.0)
        })
    }
}

/// The core's memory, for the host to write into a client's input.
#[wasm_bindgen(js_name = inputMemory)]
pub fn input_memory() -> JsValue {
    wasm_bindgen::memory()
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
