//! Substring search and digit runs on bytes. `str::find(&str)` brings the Two-Way searcher and, through it,
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

#[cfg(test)]
mod tests {
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
