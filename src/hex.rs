//! Hex digits without table indexing (nothing in the core may panic).

/// The upper-case hex digit (ASCII) of the low four bits of `n`.
pub fn digit(n: u8) -> u8 {
    let n = n & 0xf;
    if n < 10 {
        b'0' + n
    } else {
        b'A' + n - 10
    }
}

/// Upper-case hex of a byte string.
pub fn upper(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(digit(b >> 4)));
        s.push(char::from(digit(*b)));
    }
    s
}
