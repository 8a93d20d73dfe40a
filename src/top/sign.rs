//! TOP signatures: sort, concatenate, hash. Every step is a pure function.

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

use crate::error::{Error, RuleName};
use crate::secret::Secret;

/// The three sign methods the gateway accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignMethod {
    /// `MD5(secret + s + secret)`.
    Md5,
    /// HMAC-MD5 keyed by the secret.
    HmacMd5,
    /// HMAC-SHA256 keyed by the secret.
    HmacSha256,
}

impl SignMethod {
    /// The `sign_method` parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            SignMethod::Md5 => "md5",
            SignMethod::HmacMd5 => "hmac",
            SignMethod::HmacSha256 => "hmac-sha256",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "md5" => Ok(SignMethod::Md5),
            "hmac" => Ok(SignMethod::HmacMd5),
            "hmac-sha256" => Ok(SignMethod::HmacSha256),
            other => Err(Error::config(
                "signMethod",
                RuleName::OneOf,
                text!(
                    "sign method `",
                    other,
                    "` is not one of md5, hmac, hmac-sha256"
                ),
            )),
        }
    }
}

/// `name1value1name2value2...` over the parameters that are not blank (empty or whitespace
/// only), sorted by name in byte order.
/// `sign` itself is left out. It never contains the secret.
pub fn string_to_sign<'a, I>(params: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    // A call has a dozen parameters: inserting each at its place is enough, and keeps a
    // general-purpose sort out of the wasm.
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(16);
    for (k, v) in params {
        if crate::text::is_blank(v) || k == "sign" {
            continue;
        }
        let at = pairs.partition_point(|(name, _)| name.as_bytes() <= k.as_bytes());
        pairs.insert(at, (k, v));
    }
    let mut s = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len()).sum());
    for (k, v) in pairs {
        s.push_str(k);
        s.push_str(v);
    }
    s
}

/// Signs a string-to-sign; upper-case hex.
pub fn sign_string(s: &str, secret: &Secret, method: SignMethod) -> String {
    let key = secret.expose().as_bytes();
    match method {
        SignMethod::Md5 => {
            let mut h = Md5::new();
            h.update(key);
            h.update(s.as_bytes());
            h.update(key);
            crate::hex::upper(&h.finalize())
        }
        SignMethod::HmacMd5 => match Hmac::<Md5>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(s.as_bytes());
                crate::hex::upper(&mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        },
        SignMethod::HmacSha256 => match Hmac::<Sha256>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(s.as_bytes());
                crate::hex::upper(&mac.finalize().into_bytes())
            }
            Err(_) => String::new(),
        },
    }
}

/// Signs a parameter set: `sign_string(string_to_sign(params))`.
pub fn sign<'a, I>(params: I, secret: &Secret, method: SignMethod) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    sign_string(&string_to_sign(params), secret, method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_key_of_any_length_is_accepted() {
        // HMAC takes keys of any length; an Err arm above is unreachable in practice.
        let long = Secret::new("k".repeat(1000));
        assert_eq!(sign_string("x", &long, SignMethod::HmacSha256).len(), 64);
        assert_eq!(
            sign_string("x", &Secret::new(""), SignMethod::HmacMd5).len(),
            32
        );
    }
}
