//! The `timestamp` window: the platform refuses a request whose timestamp is more than 10 minutes
//! from its clock (domain reference §1.2). A diagnosis measures against the time the request was
//! sent when the input says it, else against now.

use super::causes::{cause, CauseId};
use super::Cause;
use crate::clock::parse_timestamp_param;
use crate::sign::is_blank;
use crate::text::Text;
use chrono::{DateTime, Utc};

/// The platform's allowed clock difference.
pub(crate) const WINDOW_MINUTES: i64 = 10;

/// The timestamp's cause, if any. A missing timestamp is a missing system parameter, not this.
pub(crate) fn check(
    timestamp: Option<&str>,
    sent_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Cause> {
    let value = timestamp.filter(|v| !is_blank(v))?;
    let Some(at) = parse_timestamp_param(value) else {
        return Some(unreadable(value));
    };
    let reference = sent_at.unwrap_or(now);
    let off_seconds = (at - reference).num_seconds();
    if off_seconds.abs() <= WINDOW_MINUTES * 60 {
        return None;
    }
    Some(out_of_window(value, off_seconds, sent_at.is_some()))
}

fn unreadable(value: &str) -> Cause {
    cause(
        CauseId::TimestampUnreadable,
        Some(value.to_string()),
        Text::new(
            format!("timestamp 参数的值“{value}”既不是 yyyy-MM-dd HH:mm:ss 格式，也不是毫秒时间戳，平台无法识别。"),
            format!("The timestamp parameter \"{value}\" is neither yyyy-MM-dd HH:mm:ss nor epoch milliseconds; the platform cannot read it."),
        ),
        Text::fixed(
            "按 yyyy-MM-dd HH:mm:ss 格式发送北京时间（GMT+8），例如 2024-05-20 10:15:30。",
            "Send Beijing time (GMT+8) as yyyy-MM-dd HH:mm:ss, for example 2024-05-20 10:15:30.",
        ),
    )
}

/// `off_seconds`: timestamp minus reference; negative when the timestamp is behind.
fn out_of_window(value: &str, off_seconds: i64, against_sent_time: bool) -> Cause {
    // Rounded up, so the figure shown always exceeds the limit.
    let minutes = (off_seconds.abs() + 59) / 60;
    let sign = if off_seconds < 0 { "-" } else { "+" };
    let hours = whole_hours(off_seconds);
    let detail = match hours {
        Some(h) => format!("{sign}{minutes} min ({h:+} h)"),
        None => format!("{sign}{minutes} min"),
    };
    let (zh_ref, en_ref) = if against_sent_time {
        ("请求发送的时间", "the time the request was sent")
    } else {
        ("现在的时间", "the current time")
    };
    let (zh_dir, en_dir) = if off_seconds < 0 {
        ("早", "behind")
    } else {
        ("晚", "ahead of")
    };
    let (zh_zone, en_zone) = match hours {
        Some(-8) => (
            "相差正好约 8 个小时，通常是时区错了：发送方用了 UTC 时间，平台要求北京时间（GMT+8）。".to_string(),
            " That is about 8 whole hours: the wrong time zone. The sender used UTC; the platform expects Beijing time (GMT+8).".to_string(),
        ),
        Some(h) => (
            format!("相差约 {} 个整小时，通常是时区错了：平台要求北京时间（GMT+8），发送方用了别的时区。", h.abs()),
            format!(" That is about {} whole hours: the wrong time zone. The platform expects Beijing time (GMT+8); the sender used another zone.", h.abs()),
        ),
        None => (String::new(), String::new()),
    };
    cause(
        CauseId::TimestampOutOfWindow,
        Some(detail),
        Text::new(
            format!("timestamp 参数“{value}”比{zh_ref}{zh_dir} {minutes} 分钟，超出了平台允许的 {WINDOW_MINUTES} 分钟。{zh_zone}"),
            format!("The timestamp parameter \"{value}\" is {minutes} minutes {en_dir} {en_ref}, more than the {WINDOW_MINUTES} minutes the platform allows.{en_zone}"),
        ),
        Text::fixed(
            "校准发送方服务器的时钟，并按北京时间（GMT+8）生成 yyyy-MM-dd HH:mm:ss 格式的时间，不要用服务器本地时区。",
            "Sync the sender's clock and write the time in Beijing time (GMT+8) as yyyy-MM-dd HH:mm:ss, not in the server's local zone.",
        ),
    )
}

/// The whole number of hours `off_seconds` is, give or take the window; `None` when it is not
/// near a whole hour.
fn whole_hours(off_seconds: i64) -> Option<i64> {
    let hours = (off_seconds as f64 / 3600.0).round() as i64;
    let rest = off_seconds - hours * 3600;
    (hours != 0 && rest.abs() <= WINDOW_MINUTES * 60).then_some(hours)
}
