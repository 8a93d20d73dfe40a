//! The buffer the host writes a call's text into (parameters, answers), inside the core's
//! memory: the host's `TextEncoder.encodeInto` fills it in place, so a text crosses once, with
//! no copy and no allocation per call. Passed as an argument instead, every text was encoded
//! into a host buffer, copied into a fresh allocation and freed; past the host's 64 KB buffer
//! the text was also encoded into a new host array first, which made `parse()` 2.5 times
//! slower per byte there (BENCHMARKS.md).
//!
//! Each client has its own, as large as its largest text up to [`KEPT`]; a larger text grows
//! it for that call only, and [`Input::read`] gives that room back afterwards, so a large page
//! leaves free memory behind it for the next, not a buffer held for ever.

/// The most a buffer keeps between calls: every prepared call and most answers fit in it.
pub const KEPT: usize = 64 * 1024;

use crate::error::Error;

#[derive(Debug, Default)]
pub struct Input(Vec<u8>);

impl Input {
    /// Room for at least `len` bytes, keeping the bytes already written: where it starts.
    /// The host writes there before its next call into the core.
    pub fn room(&mut self, len: usize) -> *mut u8 {
        if self.0.len() < len {
            // Zeroed once as it grows (safe code has no uninitialised room), not per call.
            let mut grown = vec![0; len];
            if let Some(head) = grown.get_mut(..self.0.len()) {
                head.copy_from_slice(&self.0);
            }
            self.0 = grown;
        }
        self.0.as_mut_ptr()
    }

    /// Runs `f` over the first `len` bytes the host wrote (as UTF-8), then lets go of a
    /// buffer that grew past [`KEPT`].
    pub fn read<T>(&mut self, len: usize, f: impl FnOnce(Result<&str, Error>) -> T) -> T {
        let text = self
            .0
            .get(..len)
            .and_then(|bytes| core::str::from_utf8(bytes).ok())
            .ok_or_else(|| Error::decode("the text is not UTF-8"));
        let out = f(text);
        if self.0.len() > KEPT {
            self.0 = Vec::new();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_was_written_as_it_grows_and_lets_a_large_buffer_go() {
        let mut input = Input::default();
        assert!(!input.room(3).is_null());
        input.0[..3].copy_from_slice("abc".as_bytes());
        input.room(KEPT + 10);
        assert_eq!(
            input.read(3, |t| t.map(str::to_string)).ok().as_deref(),
            Some("abc")
        );
        assert_eq!(input.0.capacity(), 0, "the large buffer is gone");
        // More than it holds, or bytes that are not UTF-8, read as an error.
        assert!(input.read(1, |t| t.is_err()));
        input.room(2);
        input.0[..2].copy_from_slice(&[0xe4, 0xb8]);
        assert!(input.read(2, |t| t.is_err()));
    }
}
