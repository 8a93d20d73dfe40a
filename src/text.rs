//! Substring search on bytes. `str::find(&str)` brings the Two-Way searcher and, through it,
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

#[cfg(test)]
mod tests {
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
