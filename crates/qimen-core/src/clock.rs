//! Time, injected: the platform's timestamps are GMT+8 wall-clock strings, and the gateway's
//! 10-minute window and token expiry depend on "now", so logic takes a [`Clock`] instead of
//! calling the system time deep inside.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use std::sync::Mutex;

/// The platform's timestamp format, always in GMT+8 (Asia/Shanghai has no daylight saving).
pub const TOP_TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until moved; for tests and reproductions.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(at))
    }

    /// A clock at the given GMT+8 wall-clock time (`2024-05-20 10:15:30`).
    pub fn at_gmt8(text: &str) -> Option<Self> {
        parse_gmt8(text).map(Self::new)
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// GMT+8, the zone of every platform timestamp.
pub fn gmt8() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("8 hours is a valid offset")
}

/// `yyyy-MM-dd HH:mm:ss` in GMT+8, whatever the machine's zone.
pub fn format_gmt8(at: DateTime<Utc>) -> String {
    at.with_timezone(&gmt8())
        .format(TOP_TIMESTAMP_FORMAT)
        .to_string()
}

/// Parses a `yyyy-MM-dd HH:mm:ss` wall-clock string as GMT+8.
pub fn parse_gmt8(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), TOP_TIMESTAMP_FORMAT).ok()?;
    gmt8()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// Parses a `timestamp` parameter in any form an official SDK sends: the GMT+8 string (Java, and
/// Node/PHP when the machine is in GMT+8) or epoch milliseconds (the Python SDK).
pub fn parse_timestamp_param(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if !text.is_empty() && text.len() <= 16 && text.bytes().all(|b| b.is_ascii_digit()) {
        let millis: i64 = text.parse().ok()?;
        return Utc.timestamp_millis_opt(millis).single();
    }
    parse_gmt8(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_gmt8_regardless_of_machine_zone() {
        // The Java SDK's own run: epoch 1716171330000 -> 2024-05-20 10:15:30.
        let at = Utc.timestamp_millis_opt(1_716_171_330_000).unwrap();
        assert_eq!(format_gmt8(at), "2024-05-20 10:15:30");
    }

    #[test]
    fn parses_both_sdk_timestamp_forms_to_the_same_instant() {
        let a = parse_timestamp_param("2024-05-20 10:15:30").unwrap();
        let b = parse_timestamp_param("1716171330000").unwrap();
        assert_eq!(a, b);
        assert!(parse_timestamp_param("2024/05/20 10:15").is_none());
        assert!(parse_timestamp_param("").is_none());
    }

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap();
        clock.advance(chrono::Duration::minutes(11));
        assert_eq!(format_gmt8(clock.now()), "2024-05-20 10:26:30");
    }
}
