//! loyalty-sdk: typed, validated, correctly signed calls to the Taobao Open Platform ALSC CRM
//! APIs and the Yonyou U8 OpenAPI, as a sans-IO core.
//!
//! Nothing here does I/O or reads a clock: a call is *prepared* from a typed request,
//! credentials and a host-supplied [`time::Timestamp`] into an HTTP request description,
//! the host sends it, and the answer's status and body are *parsed* into a typed result or
//! an [`Error`] with a stable code.
//!
//! ```
//! use loyalty_sdk::{json, Secret, TopClient, TopConfig, Timestamp};
//!
//! let client = TopClient::new(TopConfig::new("12345678", Secret::new("helloworld"))).unwrap();
//! let params = json::parse(r#"{"biz_channel":"CS","brand_id":"32132","shop_id":"3332312",
//!     "change_point":323,"customer_id":"7027365982937563912722","operator_id":"33322123",
//!     "out_biz_id":"3231231312312","request_id":"323412"}"#).unwrap();
//! let now = Timestamp::from_epoch_millis(1_451_620_800_000).unwrap();
//! let req = client.prepare("alibaba.alsc.crm.point.extra.consume", &params, now).unwrap();
//! assert_eq!(req.http.method, "POST");
//! assert!(req.string_to_sign.contains("timestamp2016-01-01 12:00:00"));
//! ```

/// `text!(a, b, ...)`: one `String` from pieces of text (`&str`, `String`, `Cow<str>`): how the
/// core writes its messages, without the formatting machinery (see [`text::cat`]).
macro_rules! text {
    ($($part:expr),+ $(,)?) => {
        $crate::text::cat(&[$(::core::convert::AsRef::<str>::as_ref(&$part)),+])
    };
}

pub mod answer;
pub mod client;
pub mod error;
mod hex;
mod hint;
pub mod http;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod input;
pub mod json;
pub mod metadata;
#[cfg(feature = "models")]
pub mod models;
pub mod operation;
pub mod request_id;
pub mod secret;
mod text;
pub mod time;
pub mod top;
pub mod u8;
pub mod vocabulary;
pub mod xml;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use client::TopClient;
pub use error::{Error, ErrorCode, FieldError, RuleName};
pub use http::HttpRequest;
pub use secret::Secret;
pub use time::Timestamp;
pub use top::{SignMethod, TopConfig};
