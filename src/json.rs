//! A small JSON value that keeps numbers as their literal text.
//!
//! The platforms send 64-bit ids and amounts as JSON numbers; parsing them into `f64` (as
//! `JSON.parse` does) silently corrupts anything above 2^53. Keeping the literal lets each
//! field decide: ids become strings, safe integers stay numbers. The parser is bounded
//! (depth limit) and total: it returns an error for any input, never panics.

use std::borrow::Cow;

use crate::error::Error;
use crate::text::decimal;

/// A JSON value. Objects keep their keys in document order. Text borrows from the document
/// it was parsed from and is copied only where an escape had to be decoded: `prepare()`
/// parses its parameters on every call, and a `String` per key and value was about a tenth
/// of it (BENCHMARKS.md). `Value<'static>` owns its text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written in the document (validated JSON number syntax).
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<Entry<'a>>),
}

/// An object's key and value.
pub type Entry<'a> = (Cow<'a, str>, Value<'a>);

/// Largest integer a JavaScript number holds exactly.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

const MAX_DEPTH: usize = 64;

impl<'a> Value<'a> {
    /// The same value owning its text, free of the document it was read from.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(Cow::Owned(n.into_owned())),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }

    /// Looks a key up in an object; `None` for other values or a missing key.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Entry<'a>]> {
        match self {
            Value::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value as an `i64` when it is an integer literal or a string of digits (how JS
    /// passes big values).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) | Value::String(n) => parse_integer(n),
            _ => None,
        }
    }

    /// A string or number as its text; `None` for an empty string and for other values.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::String(s) if !s.is_empty() => Some(s.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// True for `null`, an empty string, an empty array: what TOP treats as "not given".
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The text a scalar is sent as in a form parameter; objects and arrays as compact JSON.
    pub fn to_param_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Bool(b) => if *b { "true" } else { "false" }.to_string(),
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.to_string(),
            Value::Array(_) | Value::Object(_) => self.to_json(),
        }
    }

    /// Compact JSON text (no spaces), non-ASCII written as UTF-8.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_json(self, &mut out);
        out
    }
}

/// Parses an integer literal (optional `-`, digits only) that fits in `i64`.
pub fn parse_integer(text: &str) -> Option<i64> {
    match text.strip_prefix('-') {
        Some(digits) => 0i64.checked_sub_unsigned(crate::text::digits_value(digits, 10)?),
        None => i64::try_from(crate::text::digits_value(text, 10)?).ok(),
    }
}

/// An integer literal within ±(2^53 − 1), which a JS number holds exactly. Told from its
/// digits without parsing them: every number of an answer passes here, and parsing them cost
/// `parse()` about 6 %.
pub fn is_safe_integer(lit: &str) -> bool {
    const MAX: &[u8] = b"9007199254740991";
    // Bytes, not `str` patterns: a `char` pattern is encoded to UTF-8 on each call in the wasm.
    let digits = match lit.as_bytes() {
        [b'-', rest @ ..] => rest,
        all => all,
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    // JSON numbers have no leading zeros; other texts may (one zero stays for `0`).
    let zeros = digits.iter().take_while(|&&b| b == b'0').count();
    let significant = digits.get(zeros.min(digits.len() - 1)..).unwrap_or(digits);
    significant.len() < MAX.len() || significant.len() == MAX.len() && significant <= MAX
}

/// Whether `text` is exactly one JSON number.
pub fn is_number_literal(text: &str) -> bool {
    number_end(text.as_bytes(), 0) == Ok(text.len())
}

/// Where the JSON number starting at `at` ends; where its grammar breaks and what was
/// expected there otherwise. The one number grammar: the tree parser and the answer scanner
/// (`operation::transcode`) both read numbers with it, so they accept the same ones.
pub fn number_end(s: &[u8], at: usize) -> Result<usize, (usize, &'static str)> {
    let digits = |from: usize| {
        let mut i = from;
        while matches!(s.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        (i, i - from)
    };
    let mut i = at;
    if matches!(s.get(i), Some(b'-')) {
        i += 1;
    }
    let (end, int_len) = digits(i);
    if int_len == 0 || (int_len > 1 && matches!(s.get(i), Some(b'0'))) {
        return Err((end, "a number"));
    }
    i = end;
    if matches!(s.get(i), Some(b'.')) {
        let (end, n) = digits(i + 1);
        if n == 0 {
            return Err((end, "digits after `.`"));
        }
        i = end;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let (end, n) = digits(i);
        if n == 0 {
            return Err((end, "exponent digits"));
        }
        i = end;
    }
    Ok(i)
}

/// Appends `value` as compact JSON.
pub fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
    }
}

pub fn write_string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Copy the runs that need no escaping whole: answers carry long URLs and bodies, and a
    // short key is one run (a test per byte; the `match` runs only at an escape).
    let mut rest = s;
    while let Some(at) = rest
        .bytes()
        .position(|b| b == b'"' || b == b'\\' || b < 0x20)
    {
        out.push_str(rest.get(..at).unwrap_or_default());
        let b = rest.as_bytes().get(at).copied().unwrap_or_default();
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(crate::hex::digit(b >> 4)));
                out.push(char::from(crate::hex::digit(b)));
            }
        }
        rest = rest.get(at + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out.push('"');
}

/// Parses a complete JSON document. Whitespace may surround the value; nothing else may.
pub fn parse(text: &str) -> Result<Value<'_>, Error> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("end of document"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn err(&self, expected: &str) -> Error {
        let found = match self.s.get(self.i) {
            None => "end of input".to_string(),
            Some(_) => text!(
                "`",
                crate::error::excerpt(self.text.get(self.i..).unwrap_or("")),
                "`"
            ),
        };
        Error::decode(text!(
            "invalid JSON at byte ",
            decimal(self.i as u64),
            ": expected ",
            expected,
            ", found ",
            found
        ))
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// Moves past `b` if it comes next: the punctuation between every two tokens, so a byte
    /// test rather than a slice comparison (a `memcmp` call in the wasm).
    #[inline(always)]
    fn eat_byte(&mut self, b: u8) -> bool {
        let next = matches!(self.peek(), Some(c) if c == b);
        if next {
            self.i += 1;
        }
        next
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s.get(self.i..self.i + lit.len()) == Some(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::decode(text!(
                "JSON nested deeper than ",
                decimal(MAX_DEPTH as u64),
                " levels"
            )));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') if self.eat("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat("null") => Ok(Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.err("a JSON value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        self.i += 1;
        let mut entries = Vec::new();
        self.ws();
        if self.eat_byte(b'}') {
            return Ok(Value::Object(entries));
        }
        loop {
            self.ws();
            if !matches!(self.peek(), Some(b'"')) {
                return Err(self.err("an object key"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat_byte(b':') {
                return Err(self.err("`:`"));
            }
            self.ws();
            let v = self.value(depth + 1)?;
            entries.push((key, v));
            self.ws();
            if self.eat_byte(b',') {
                continue;
            }
            if self.eat_byte(b'}') {
                return Ok(Value::Object(entries));
            }
            return Err(self.err("`,` or `}`"));
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat_byte(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat_byte(b',') {
                continue;
            }
            if self.eat_byte(b']') {
                return Ok(Value::Array(items));
            }
            return Err(self.err("`,` or `]`"));
        }
    }

    fn number(&mut self) -> Result<Value<'a>, Error> {
        let start = self.i;
        match number_end(self.s, start) {
            Ok(end) => {
                self.i = end;
                Ok(Value::Number(Cow::Borrowed(
                    self.text.get(start..end).unwrap_or(""),
                )))
            }
            Err((at, expected)) => {
                self.i = at;
                Err(self.err(expected))
            }
        }
    }

    /// A string's text: borrowed from the document unless an escape had to be decoded.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.i += 1;
        let start = self.i;
        self.skip_unescaped();
        if matches!(self.peek(), Some(b'"')) {
            let text = self.text.get(start..self.i).unwrap_or("");
            self.i += 1;
            return Ok(Cow::Borrowed(text));
        }
        let mut out = String::from(self.text.get(start..self.i).unwrap_or(""));
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                _ => return Err(self.err("a closing `\"`")),
            }
            let run_start = self.i;
            self.skip_unescaped();
            out.push_str(self.text.get(run_start..self.i).unwrap_or(""));
        }
    }

    /// Moves past the characters a string holds as they are.
    fn skip_unescaped(&mut self) {
        while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
            self.i += 1;
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.i += 1;
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if !self.eat("\\u") {
                        return Err(self.err("a low surrogate escape"));
                    }
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.err("a low surrogate escape"));
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                return Ok(());
            }
            _ => return Err(self.err("a valid escape")),
        };
        self.i += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("4 hex digits"))?;
        let code = crate::text::digits_value(digits, 16)
            .and_then(|c| u32::try_from(c).ok())
            .ok_or_else(|| self.err("4 hex digits"))?;
        self.i += 4;
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_big_integers_exact() {
        let v = parse(r#"{"id": 7027365982937563912722, "n": -12, "f": 1.5e3}"#).unwrap();
        assert_eq!(
            v.get("id"),
            Some(&Value::Number("7027365982937563912722".into()))
        );
        assert_eq!(v.get("n").and_then(Value::as_i64), Some(-12));
        assert_eq!(v.get("f"), Some(&Value::Number("1.5e3".into())));
    }

    #[test]
    fn round_trips_escapes_and_unicode() {
        let v = parse(r#"["a\"b\\c\n", "\u4e2d\ud83d\ude00", "中文😀"]"#).unwrap();
        assert_eq!(v.to_json(), "[\"a\\\"b\\\\c\\n\",\"中😀\",\"中文😀\"]");
    }

    #[test]
    fn rejects_bad_documents_with_a_position() {
        for bad in [
            "",
            "{",
            "[1,]",
            "01",
            "1.",
            "\"abc",
            "{\"a\" 1}",
            "nul",
            "[1] x",
            "\"\\x\"",
            "-",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code, crate::error::ErrorCode::DecodeError, "{bad}");
            assert!(e.message.contains("invalid JSON"), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn safe_integers_are_told_as_parsing_would() {
        for lit in [
            "0",
            "-0",
            "7",
            "-12",
            "007",
            "9007199254740991",
            "-9007199254740991",
            "9007199254740992",
            "-9007199254740992",
            "09007199254740991",
            "00000000000000001",
            "99999999999999999999",
            "1.5",
            "1e3",
            "-",
            "",
            "+1",
            "12a",
        ] {
            let parsed =
                parse_integer(lit).is_some_and(|n| n.unsigned_abs() <= MAX_SAFE_INTEGER as u64);
            assert_eq!(is_safe_integer(lit), parsed, "{lit}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).unwrap_err().message.contains("deeper"));
    }
}
