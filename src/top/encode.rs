//! `application/x-www-form-urlencoded` with UTF-8 percent-encoding.
//!
//! Everything but the RFC 3986 unreserved set is escaped (space as `%20`, never `+`), so
//! Chinese text, `+`, `&`, `=` and emoji all arrive as they were signed.

use crate::error::Error;

/// For each byte, whether it is sent as is (the RFC 3986 unreserved set): one load per byte
/// instead of five comparisons, on the loop that encodes every call's URL and body.
// Built at compile time, where an index out of range fails the build rather than a call.
#[allow(clippy::indexing_slicing)]
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~');
        b += 1;
    }
    table
};

fn unreserved(b: u8) -> bool {
    matches!(UNRESERVED.get(usize::from(b)), Some(true))
}

/// `k1=v1&k2=v2` in the given order.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    encode_after("", pairs)
}

/// `base` with `pairs` as its query (after `?`, or `&` when `base` has a query already).
pub fn url_with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    encode_after(base, pairs)
}

/// `base` (if any) then the pairs, form-encoded. The room for the worst case (every byte
/// escaped) is made once, zeroed in one go, and the bytes stored in place: a `Vec` call per
/// run, and `Vec::resize`'s byte-by-byte zeroing after it, were a quarter of `prepare()`
/// (BENCHMARKS.md).
fn encode_after(base: &str, pairs: &[(&str, &str)]) -> String {
    let room = pairs
        .iter()
        .fold(base.len() + 1, |n, (k, v)| n + 3 * (k.len() + v.len()) + 2);
    let mut out = vec![0u8; room];
    let mut at = base.len();
    if let Some(head) = out.get_mut(..at) {
        head.copy_from_slice(base.as_bytes());
    }
    if !base.is_empty() {
        at = put(&mut out, at, if base.contains('?') { b'&' } else { b'?' });
    }
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            at = put(&mut out, at, b'&');
        }
        at = put_encoded(&mut out, at, k);
        at = put(&mut out, at, b'=');
        at = put_encoded(&mut out, at, v);
    }
    out.truncate(at);
    // The base is UTF-8 and the rest ASCII, so this never falls back.
    String::from_utf8(out).unwrap_or_default()
}

/// Stores the percent-encoding of `s` at `at`; where it ends.
fn put_encoded(out: &mut [u8], mut at: usize, s: &str) -> usize {
    for &b in s.as_bytes() {
        at = if unreserved(b) {
            put(out, at, b)
        } else {
            let at = put(out, at, b'%');
            let at = put(out, at, crate::hex::digit(b >> 4));
            put(out, at, crate::hex::digit(b))
        };
    }
    at
}

/// Stores a byte in room already made (`encode_after` made three per byte); the next
/// position.
#[inline(always)]
fn put(out: &mut [u8], at: usize, b: u8) -> usize {
    if let Some(slot) = out.get_mut(at) {
        *slot = b;
    }
    at + 1
}

/// Decodes a form body (`+` is a space, as browsers send it). Errors on bad escapes or
/// bytes that are not UTF-8.
pub fn form_decode(body: &str) -> Result<Vec<(String, String)>, Error> {
    body.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

fn percent_decode(s: &str) -> Result<String, Error> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s
                    .get(i + 1..i + 3)
                    .ok_or_else(|| Error::decode(text!("bad %-escape in `", s, "`")))?;
                let v = crate::text::digits_value(hex, 16)
                    .and_then(|v| u8::try_from(v).ok())
                    .ok_or_else(|| Error::decode(text!("bad %-escape in `", s, "`")))?;
                out.push(v);
                i += 2;
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| Error::decode("form value is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::{form_encode, url_with_query};

    #[test]
    fn a_url_gets_its_query_after_question_mark_or_ampersand() {
        let pairs = [("a b", "x&y=z"), ("中", "~-_.")];
        let query = "a%20b=x%26y%3Dz&%E4%B8%AD=~-_.";
        assert_eq!(form_encode(&pairs), query);
        assert_eq!(
            url_with_query("https://gw.example/router/rest", &pairs),
            format!("https://gw.example/router/rest?{query}")
        );
        assert_eq!(
            url_with_query("https://gw.example/router/rest?tenant=7", &pairs),
            format!("https://gw.example/router/rest?tenant=7&{query}")
        );
        assert_eq!(
            url_with_query("https://gw.example/r", &[]),
            "https://gw.example/r?"
        );
        assert_eq!(form_encode(&[]), "");
    }
}
