//! Substring search, comparison and digit runs on bytes. `str::find(&str)` brings the Two-Way searcher and, through it,
//! a panic path with `char` debug formatting into the wasm (about 5 KB); a few short
//! needles over short texts need none of that.

/// Byte offset of the first `needle` in `haystack` (always a char boundary: `needle` is UTF-8).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `a == b`, inlined and eight bytes at a time. `str::eq` calls `memcmp`, which in the wasm is
/// a byte loop behind a call: comparing keys with it was a sixth of the answer scan's time.
/// The lengths are compared here, inlined, so that a lookup only calls out for keys as long as
/// the one it seeks.
#[inline(always)]
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same`] for bytes.
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // The last word overlaps the one before it.
    let mut k = 0;
    while k + 8 < a.len() {
        if word(a, k) != word(b, k) {
            return false;
        }
        k += 8;
    }
    match a.len().checked_sub(8) {
        Some(last) => word(a, last) == word(b, last),
        None => a.iter().zip(b).all(|(x, y)| x == y),
    }
}

/// The eight bytes at `i`, if there are eight.
#[inline(always)]
fn word(s: &[u8], i: usize) -> Option<u64> {
    let bytes = s.get(i..i + 8)?;
    <[u8; 8]>::try_from(bytes).ok().map(u64::from_le_bytes)
}

/// The value of a non-empty run of digits in `radix` (no sign), if it fits in a `u64`. One
/// reader for every integer the core reads: `str::parse` brings a copy of its generic parser
/// into the wasm for each integer type.
pub fn digits_value(s: &str, radix: u32) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        n.checked_mul(u64::from(radix))?
            .checked_add(u64::from(char::from(b).to_digit(radix)?))
    })
}

/// One `String` from pieces of text. The core's messages are built with it (the `text!` macro)
/// rather than `format!`: the formatting at each of seventy-odd call sites was about 2 KB of
/// the wasm's gzip size (BENCHMARKS.md), room spent on speed instead.
/// Empty or only whitespace: a value the official TOP SDKs neither sign nor send (Java's
/// `StringUtils.isEmpty` tests `Character.isWhitespace`, PHP's `checkEmpty` trims).
pub fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

pub fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `n` in decimal, for a message.
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(n, 1, &mut out);
    out
}

/// [`decimal`] with a sign.
pub fn signed_decimal(n: i64) -> String {
    let mut out = String::new();
    push_signed_decimal(n, &mut out);
    out
}

/// Appends `n` in canonical form: a `-` when negative, no leading zeros.
pub fn push_signed_decimal(n: i64, out: &mut String) {
    if n < 0 {
        out.push('-');
    }
    push_decimal(n.unsigned_abs(), 1, out);
}

/// Appends `n` in decimal, zero-padded to at least `width` digits (up to 20). The timestamp
/// and canonical integers are written on every `prepare()`: through `format!` they were about
/// a twentieth of it (callgrind).
pub fn push_decimal(n: u64, width: usize, out: &mut String) {
    const MOST: usize = 20;
    let mut digits = [b'0'; MOST];
    let len = core::iter::successors(Some(n), |&m| (m >= 10).then_some(m / 10))
        .count()
        .max(width)
        .min(MOST);
    let field = digits.get_mut(MOST - len..).unwrap_or_default();
    put_digits(field, n);
    out.push_str(core::str::from_utf8(field).unwrap_or_default());
}

/// Fills `field` with the low digits of `n`, right-aligned and zero-padded: the one digit
/// loop behind every integer the core writes.
pub fn put_digits(field: &mut [u8], mut n: u64) {
    for digit in field.iter_mut().rev() {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn compares_like_str_eq() {
        let words = [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh1234567x",
            "abcdefgh1234567y",
            "中文键名",
            "中文键名x",
        ];
        for a in words {
            for b in words {
                assert_eq!(super::same(a, b), a == b, "{a} / {b}");
            }
        }
    }

    #[test]
    fn reads_digits_like_str_parse_without_signs() {
        for s in [
            "0",
            "7",
            "0042",
            "18446744073709551615",
            "18446744073709551616",
            "",
            "+1",
            "-1",
            "1a",
            "１",
        ] {
            let std = if s.starts_with(['+', '-']) {
                None
            } else {
                s.parse::<u64>().ok()
            };
            assert_eq!(super::digits_value(s, 10), std, "{s}");
        }
        assert_eq!(super::digits_value("fF", 16), Some(255));
        assert_eq!(super::digits_value("g", 16), None);
    }

    #[test]
    fn writes_decimals_like_format() {
        for n in [0, 7, 10, 99, 2024, 1_000_000, u64::MAX] {
            for width in [0, 1, 2, 4, 20] {
                let mut out = String::from("x");
                super::push_decimal(n, width, &mut out);
                assert_eq!(out, format!("x{n:0width$}"), "{n} / {width}");
            }
        }
    }

    #[test]
    fn finds_like_str_find() {
        for (h, n) in [
            ("abc-->x", "-->"),
            ("中文token无效", "无效"),
            ("ab", "abc"),
            ("", "a"),
            ("aaa", ""),
        ] {
            assert_eq!(super::find(h, n), h.find(n), "{h} / {n}");
        }
    }
}
