//! Upper-case hex digits (read with `get`: nothing in the core may panic).

/// The upper-case hex digit (ASCII) of the low four bits of `n`.
pub fn digit(n: u8) -> u8 {
    b"0123456789ABCDEF"
        .get(usize::from(n & 0xf))
        .copied()
        .unwrap_or(b'0')
}

/// Upper-case hex of a byte string.
pub fn upper(bytes: &[u8]) -> String {
    // Stored in place: a `String::push` per digit was a call each in the wasm.
    let mut out = vec![0u8; bytes.len() * 2];
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        if let [hi, lo] = pair {
            *hi = digit(b >> 4);
            *lo = digit(*b);
        }
    }
    String::from_utf8(out).unwrap_or_default()
}
