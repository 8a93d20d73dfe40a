//! What the tests share: the owned JSON value, lenient accessors into it, the demo app's
//! clients, a fixed time, and a sample request for any declared operation. Also compiled into
//! the wasm tests (`tests/wasm.rs`), which use only part of it.
#![allow(dead_code)]

use loyalty_sdk::json;
use loyalty_sdk::operation::{Field, Kind, Operation};
use loyalty_sdk::{Secret, Timestamp, TopClient, TopConfig};

/// Values the tests build and keep (owning their text).
pub type Value = json::Value<'static>;

/// 2023-11-14 22:13:20 UTC: the time every signed test request carries.
pub const NOW_MS: i64 = 1_700_000_000_000;

pub fn now() -> Timestamp {
    Timestamp::from_epoch_millis(NOW_MS).unwrap()
}

/// The official TOP documents' MD5 example: its parameters, signed with the secret
/// `helloworld`, give [`OFFICIAL_SIGN`].
pub const OFFICIAL: [(&str, &str); 9] = [
    ("method", "taobao.item.seller.get"),
    ("app_key", "12345678"),
    ("session", "test"),
    ("timestamp", "2016-01-01 12:00:00"),
    ("format", "json"),
    ("v", "2.0"),
    ("sign_method", "md5"),
    ("fields", "num_iid,title,nick,price,num"),
    ("num_iid", "11223344"),
];
pub const OFFICIAL_SIGN: &str = "66987CB115214E59E6EC978214934FB8";

/// A TOP client for an app key and secret (the official vector's: `12345678`, `helloworld`).
pub fn top_client(app_key: &str, secret: &str) -> TopClient {
    TopClient::new(TopConfig::new(app_key, Secret::new(secret))).unwrap()
}

/// The string at `key`, or `""` when there is none.
pub fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The list at `key`, or an empty one when there is none.
pub fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    match v.get(key) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

/// The object at `key` as (name, text) pairs, in its order: a signature vector's parameters.
pub fn text_pairs<'a>(v: &'a Value, key: &str) -> Vec<(&'a str, &'a str)> {
    v.get(key)
        .and_then(Value::as_object)
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_str().unwrap()))
        .collect()
}

/// A sample value of a declared field that satisfies the operation's rules.
fn sample(op: &Operation, path: &str, n: &Field) -> Value {
    if let Some(choices) = op.choices(path) {
        let c = choices[0].value;
        return if n.kind == Kind::Number {
            Value::Number(c.into())
        } else {
            Value::String(c.into())
        };
    }
    match n.kind {
        Kind::String => Value::String(format!("9007199254740993{}", n.name.len()).into()),
        Kind::Number => Value::Number("42".into()),
        Kind::Boolean => Value::Bool(true),
        Kind::Date => Value::String("2024-02-29 23:59:59".into()),
        Kind::StringList => {
            Value::Array(vec![Value::String("a".into()), Value::String("b".into())])
        }
        Kind::Json => json::parse(r#"{"k":"v"}"#).unwrap(),
        Kind::Money | Kind::Decimal => Value::String("12.50".into()),
        Kind::Object => sample_object(op, path, n.fields()),
        Kind::ObjectList => Value::Array(vec![sample_object(op, path, n.fields())]),
    }
}

/// Every field of an object given, each with a sample value.
pub fn sample_object(op: &Operation, prefix: &str, fields: &[Field]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| {
                let path = if prefix.is_empty() {
                    f.name.to_string()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                (f.name.into(), sample(op, &path, f))
            })
            .collect(),
    )
}

/// xorshift64*: enough randomness for shapes, reproducible from the case number.
pub struct Rng(u64);

impl Rng {
    /// The generator of case `n` (any `n`, 0 included: the state is never zero).
    pub fn case(n: u64) -> Rng {
        Rng(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
