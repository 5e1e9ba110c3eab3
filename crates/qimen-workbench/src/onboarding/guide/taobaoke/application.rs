//! Waiting for a Taobaoke answer: the link and three-party packages answer 10-15 working days after
//! the application form is sent (document 002's FAQ). From the day it was sent and today, this counts
//! the working days gone and left, and says when the answer is late. The basic package answers at
//! once, so there is nothing to wait for.

use crate::catalog::taobaoke::{Package, PackageId};
use crate::catalog::{Wait, WaitUnit};
use chrono::{Datelike, NaiveDate, Weekday};
use qimen_core::text::Text;
use serde::Serialize;

/// Where one application stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ApplicationClock {
    pub package: PackageId,
    pub name: Text,
    pub applied_on: NaiveDate,
    /// The document's stated wait.
    pub wait: Wait,
    /// Working days (Monday to Friday) after `applied_on`, up to and including today.
    pub elapsed: u32,
    /// Working days until the earliest and the latest day the answer is due (0 once reached).
    pub remaining_min: u32,
    pub remaining_max: u32,
    /// More working days have passed than the document's upper bound.
    pub overdue: bool,
    pub text: Text,
}

/// An application the clock cannot follow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplicationError {
    #[error("the {0} answers at once when applied for: there is no wait to follow")]
    Instant(String),
    #[error("the application date {applied_on} is after today ({today}): enter the day the form was sent")]
    InTheFuture {
        applied_on: NaiveDate,
        today: NaiveDate,
    },
}

/// Monday-to-Friday days after `since`, up to and including `today` (public holidays are not known).
pub fn working_days_between(since: NaiveDate, today: NaiveDate) -> u32 {
    let mut count = 0;
    let mut day = since;
    while day < today {
        day = day.succ_opt().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            count += 1;
        }
        if day == NaiveDate::MAX {
            break;
        }
    }
    count
}

/// The clock of an application to `package` sent on `applied_on`.
pub fn clock(
    package: &Package,
    applied_on: NaiveDate,
    today: NaiveDate,
) -> Result<ApplicationClock, ApplicationError> {
    if applied_on > today {
        return Err(ApplicationError::InTheFuture { applied_on, today });
    }
    let (min, max, working) = match package.wait {
        Wait::Instant => return Err(ApplicationError::Instant(package.name.en.to_string())),
        Wait::Range { min, max, unit, .. } => (min, max, unit == WaitUnit::WorkingDays),
    };
    let elapsed = if working {
        working_days_between(applied_on, today)
    } else {
        u32::try_from((today - applied_on).num_days()).unwrap_or(u32::MAX)
    };
    let (remaining_min, remaining_max) = (min.saturating_sub(elapsed), max.saturating_sub(elapsed));
    let overdue = elapsed > max;
    let (unit_zh, unit_en) = if working {
        ("个工作日", "working days")
    } else {
        ("天", "days")
    };
    let name = &package.name;
    let text = if overdue {
        Text::new(
            format!("{applied_on} 提交申请，已过 {elapsed} {unit_zh}，超过文档说的 {min}–{max} {unit_zh}：请查看旺旺和邮件，仍无结果可联系阿里妈妈询问“{}”的进度。", name.zh),
            format!("Applied on {applied_on}; {elapsed} {unit_en} have passed, more than the {min}-{max} {unit_en} the document states: check Wangwang and your email, and if there is still no answer ask Alimama about the {}.", name.en),
        )
    } else if remaining_min == 0 {
        Text::new(
            format!("{applied_on} 提交申请，已过 {elapsed} {unit_zh}：结果随时可能通过旺旺或邮件送达，最迟还有 {remaining_max} {unit_zh}。"),
            format!("Applied on {applied_on}; {elapsed} {unit_en} have passed: the answer may arrive by Wangwang or email any day now, at the latest in {remaining_max} {unit_en}."),
        )
    } else {
        Text::new(
            format!("{applied_on} 提交申请，已过 {elapsed} {unit_zh}；预计还需 {remaining_min}–{remaining_max} {unit_zh}，结果通过旺旺或邮件通知。"),
            format!("Applied on {applied_on}; {elapsed} {unit_en} have passed; the answer is expected in {remaining_min}-{remaining_max} more {unit_en}, by Wangwang or email."),
        )
    };
    Ok(ApplicationClock {
        package: package.id,
        name: name.clone(),
        applied_on,
        wait: package.wait,
        elapsed,
        remaining_min,
        remaining_max,
        overdue,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn package(id: PackageId) -> &'static Package {
        crate::catalog::taobaoke().unwrap().package(id).unwrap()
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // 2024-05-17 is a Friday: Saturday and Sunday do not count, Monday does.
        assert_eq!(
            working_days_between(day("2024-05-17"), day("2024-05-17")),
            0
        );
        assert_eq!(
            working_days_between(day("2024-05-17"), day("2024-05-19")),
            0
        );
        assert_eq!(
            working_days_between(day("2024-05-17"), day("2024-05-20")),
            1
        );
        assert_eq!(
            working_days_between(day("2024-05-17"), day("2024-05-31")),
            10
        );
    }

    #[test]
    fn the_link_package_clock_runs_10_to_15_working_days() {
        let link = package(PackageId::Link);
        let fresh = clock(link, day("2024-05-20"), day("2024-05-20")).unwrap();
        assert_eq!(
            (fresh.elapsed, fresh.remaining_min, fresh.remaining_max),
            (0, 10, 15)
        );
        assert!(!fresh.overdue);
        assert!(
            fresh.text.zh.contains("预计还需 10–15 个工作日"),
            "{}",
            fresh.text.zh
        );
        // Two calendar weeks later: 10 working days, the earliest day is reached.
        let due = clock(link, day("2024-05-20"), day("2024-06-03")).unwrap();
        assert_eq!(
            (due.elapsed, due.remaining_min, due.remaining_max),
            (10, 0, 5)
        );
        assert!(due.text.en.contains("any day now"), "{}", due.text.en);
        // Three weeks and a day: 16 working days, later than the document says.
        let late = clock(link, day("2024-05-20"), day("2024-06-11")).unwrap();
        assert_eq!(late.elapsed, 16);
        assert!(late.overdue);
        assert_eq!(late.remaining_max, 0);
    }

    #[test]
    fn the_basic_package_and_future_dates_are_refused() {
        assert!(matches!(
            clock(
                package(PackageId::Basic),
                day("2024-05-20"),
                day("2024-05-21")
            ),
            Err(ApplicationError::Instant(_))
        ));
        assert!(matches!(
            clock(
                package(PackageId::ThreeParty),
                day("2024-05-22"),
                day("2024-05-21")
            ),
            Err(ApplicationError::InTheFuture { .. })
        ));
    }
}
