//! Time as an input: epoch milliseconds from the host, formatted in GMT+8.
//!
//! Nothing here reads a clock (`SystemTime::now()` traps on wasm32). The TOP gateway wants
//! `yyyy-MM-dd HH:mm:ss` in China time whatever the host's zone; a Worker runs in UTC.

use crate::error::{Error, RuleName};

/// A point in time, in milliseconds since the Unix epoch, as the host's clock gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(i64);

const CHINA_OFFSET_MS: i64 = 8 * 3600 * 1000;
/// 9999-12-31 23:59:59 China time: beyond it the format breaks.
const MAX_MS: i64 = 253_402_271_999_000;

impl Timestamp {
    /// Accepts 1970-01-01 up to the year 9999.
    pub fn from_epoch_millis(ms: i64) -> Result<Self, Error> {
        if !(0..=MAX_MS).contains(&ms) {
            return Err(Error::invalid(
                "timestamp",
                RuleName::Range,
                text!(
                    "timestamp ",
                    crate::text::signed_decimal(ms),
                    " ms is outside 1970..9999"
                ),
            ));
        }
        Ok(Timestamp(ms))
    }

    /// From a JavaScript number (`Date.now()`): must be finite; fractions are dropped.
    pub fn from_js_millis(ms: f64) -> Result<Self, Error> {
        if !ms.is_finite() || ms < 0.0 || ms > MAX_MS as f64 {
            return Err(Error::invalid(
                "timestamp",
                RuleName::Range,
                "timestamp must be epoch milliseconds within 1970..9999",
            ));
        }
        Timestamp::from_epoch_millis(ms as i64)
    }

    pub fn epoch_millis(self) -> i64 {
        self.0
    }

    /// `yyyy-MM-dd HH:mm:ss` in GMT+8.
    pub fn to_china_string(self) -> String {
        let text = self.china_text();
        core::str::from_utf8(&text).unwrap_or_default().to_string()
    }

    /// [`Timestamp::to_china_string`] as the 19 ASCII bytes of its text, on the stack: every
    /// `prepare()` signs one.
    pub fn china_text(self) -> [u8; 19] {
        let local_s = (self.0 + CHINA_OFFSET_MS).div_euclid(1000);
        let (y, m, d) = civil_from_days(local_s.div_euclid(86_400));
        let secs = local_s.rem_euclid(86_400).unsigned_abs();
        let mut out = *b"0000-00-00 00:00:00";
        for (end, width, n) in [
            (4, 4, y.unsigned_abs()),
            (7, 2, u64::from(m)),
            (10, 2, u64::from(d)),
            (13, 2, secs / 3600),
            (16, 2, secs % 3600 / 60),
            (19, 2, secs % 60),
        ] {
            crate::text::put_digits(out.get_mut(end - width..end).unwrap_or_default(), n);
        }
        out
    }
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Checks `yyyy-MM-dd HH:mm:ss` with real calendar ranges (leap years included).
pub fn is_valid_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 19 {
        return false;
    }
    let shape_ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => *c == b' ',
        13 | 16 => *c == b':',
        _ => c.is_ascii_digit(),
    });
    if !shape_ok {
        return false;
    }
    let num = |r: core::ops::Range<usize>| {
        s.get(r)
            .and_then(|t| crate::text::digits_value(t, 10))
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(u32::MAX)
    };
    let (y, mo, d, h, mi, se) = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days_in_month).contains(&d) && h < 24 && mi < 60 && se < 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn china(ms: i64) -> String {
        Timestamp::from_epoch_millis(ms).unwrap().to_china_string()
    }

    #[test]
    fn formats_in_china_time_whatever_the_host_zone() {
        // 2016-01-01 04:00:00 UTC is noon in Beijing: the official vector's timestamp.
        assert_eq!(china(1_451_620_800_000), "2016-01-01 12:00:00");
        assert_eq!(china(0), "1970-01-01 08:00:00");
    }

    #[test]
    fn crosses_the_date_line_at_16_utc() {
        // 2024-02-28 15:59:59.999 UTC is 23:59:59 in Beijing; one ms later it is the 29th (leap year).
        assert_eq!(china(1_709_135_999_999), "2024-02-28 23:59:59");
        assert_eq!(china(1_709_136_000_000), "2024-02-29 00:00:00");
        // New Year arrives in Beijing at 16:00 UTC on 31 December.
        assert_eq!(china(1_735_660_800_000), "2025-01-01 00:00:00");
        assert_eq!(china(1_735_660_799_000), "2024-12-31 23:59:59");
    }

    #[test]
    fn refuses_times_it_cannot_format() {
        assert!(Timestamp::from_epoch_millis(-1).is_err());
        assert!(Timestamp::from_js_millis(f64::NAN).is_err());
        assert!(Timestamp::from_js_millis(f64::INFINITY).is_err());
        assert!(Timestamp::from_epoch_millis(MAX_MS + 1).is_err());
        assert_eq!(
            Timestamp::from_epoch_millis(MAX_MS)
                .unwrap()
                .to_china_string(),
            "9999-12-31 23:59:59"
        );
    }

    #[test]
    fn validates_datetimes() {
        assert!(is_valid_datetime("2019-07-04 15:32:17"));
        assert!(is_valid_datetime("2024-02-29 00:00:00"));
        for bad in [
            "2019-07-04",
            "2019-7-04 15:32:17",
            "2023-02-29 00:00:00",
            "2019-13-01 00:00:00",
            "2019-07-04T15:32:17",
            "2019-07-04 24:00:00",
            "2019-07-04 15:60:00",
            "２019-07-04 15:32:17",
        ] {
            assert!(!is_valid_datetime(bad), "{bad}");
        }
    }
}
