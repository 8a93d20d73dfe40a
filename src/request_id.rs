//! Idempotency ids: a UUID v4 made from 16 random bytes the host gives.

/// The UUID v4 text of 16 random bytes.
pub fn from_bytes(mut bytes: [u8; 16]) -> String {
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0f) | 0x40;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    let hex = crate::hex::upper(&bytes).to_ascii_lowercase();
    let part = |r: core::ops::Range<usize>| hex.get(r).unwrap_or("");
    text!(
        part(0..8),
        "-",
        part(8..12),
        "-",
        part(12..16),
        "-",
        part(16..20),
        "-",
        part(20..32)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_ids_are_uuid_v4() {
        assert_eq!(
            super::from_bytes([0xff; 16]),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        assert_eq!(
            super::from_bytes([0; 16]),
            "00000000-0000-4000-8000-000000000000"
        );
    }
}
