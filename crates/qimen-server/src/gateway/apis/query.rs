//! Reading the query parameters every 旺店通 query API shares — the modification-time window and
//! paging — with the provider's limits: `yyyy-MM-dd HH:mm:ss` times (GMT+8), a window of at most 30
//! days, `page_size` 1–100 (default 40). Paging counts from 0, as 旺店通 企业版 documents it
//! ("不传值默认从0页开始"): `page_no=0` is the first page, `page_no=1` the second.

use super::failure::{invalid, missing};
use crate::gateway::api_contract::PlatformError;
use chrono::{DateTime, Duration, Utc};
use qimen_core::clock::parse_gmt8;
use qimen_core::sign::Params;

pub(crate) const MAX_WINDOW_DAYS: i64 = 30;
pub(crate) const DEFAULT_PAGE_SIZE: usize = 40;
pub(crate) const MAX_PAGE_SIZE: usize = 100;

/// A parameter's trimmed value, `None` when absent or blank.
pub(crate) fn text<'a>(params: &'a Params, key: &str) -> Option<&'a str> {
    params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// A closed time interval `[start, end]` on the modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at <= self.end
    }
}

fn time(params: &Params, key: &str) -> Result<Option<DateTime<Utc>>, PlatformError> {
    match text(params, key) {
        None => Ok(None),
        Some(value) => parse_gmt8(value).map(Some).ok_or_else(|| {
            invalid(
                key,
                &format!(
                    "{value} 不是 yyyy-MM-dd HH:mm:ss 格式的北京时间，例如 2024-05-20 10:00:00"
                ),
            )
        }),
    }
}

/// Reads the window named by `start_key` / `end_key`. When `required` and a bound is missing, the
/// answer is 40 naming it; half a window is also a 40 for the other half.
pub(crate) fn window(
    params: &Params,
    start_key: &str,
    end_key: &str,
    required: bool,
) -> Result<Option<Window>, PlatformError> {
    let start = time(params, start_key)?;
    let end = time(params, end_key)?;
    let how = "按最后修改时间查询，格式 yyyy-MM-dd HH:mm:ss，跨度不超过 30 天";
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        (None, None) if !required => return Ok(None),
        (None, _) => return Err(missing(start_key, how)),
        (_, None) => return Err(missing(end_key, how)),
    };
    if end < start {
        return Err(invalid(
            end_key,
            &format!("{end_key} 早于 {start_key}，结束时间必须不早于开始时间"),
        ));
    }
    if end - start > Duration::days(MAX_WINDOW_DAYS) {
        return Err(invalid(
            end_key,
            &format!(
                "{start_key} 与 {end_key} 跨度超过 {MAX_WINDOW_DAYS} 天，请缩小时间范围分段查询"
            ),
        ));
    }
    Ok(Some(Window { start, end }))
}

/// Which slice of a result set to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paging {
    /// 0-based page index.
    pub index: usize,
    pub size: usize,
}

impl Paging {
    /// The page's items; past the end it is empty.
    pub fn slice<T>(&self, items: Vec<T>) -> Vec<T> {
        let skip = self.index.saturating_mul(self.size);
        items.into_iter().skip(skip).take(self.size).collect()
    }
}

fn number(params: &Params, key: &str, what: &str) -> Result<Option<usize>, PlatformError> {
    match text(params, key) {
        None => Ok(None),
        Some(value) => value
            .parse::<usize>()
            .map(Some)
            .map_err(|_| invalid(key, &format!("{value} 不是非负整数；{what}"))),
    }
}

fn checked_size(size: Option<usize>, key: &str) -> Result<usize, PlatformError> {
    match size {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(s) if (1..=MAX_PAGE_SIZE).contains(&s) => Ok(s),
        Some(s) => Err(invalid(
            key,
            &format!("{s} 超出范围，每页条数取 1~{MAX_PAGE_SIZE}"),
        )),
    }
}

/// 旺店通 paging: `page_no` from 0 (default 0), `page_size` 1–100 (default 40).
pub(crate) fn wdt_paging(params: &Params) -> Result<Paging, PlatformError> {
    let index = number(params, "page_no", "页号从 0 开始，0 为第一页")?.unwrap_or(0);
    let size = checked_size(
        number(params, "page_size", "每页条数取 1~100")?,
        "page_size",
    )?;
    Ok(Paging { index, size })
}

/// Qimen CRM paging: `pageNo` from 1, `pageSize` 1–100 (both required by the API).
pub(crate) fn crm_paging(params: &Params) -> Result<Paging, PlatformError> {
    let page_no = number(params, "pageNo", "页码从 1 开始")?
        .ok_or_else(|| missing("pageNo", "页码从 1 开始"))?;
    if page_no == 0 {
        return Err(invalid("pageNo", "页码从 1 开始，0 不是合法页码"));
    }
    let size = number(params, "pageSize", "每页条数取 1~100")?
        .ok_or_else(|| missing("pageSize", "每页条数取 1~100"))?;
    Ok(Paging {
        index: page_no - 1,
        size: checked_size(Some(size), "pageSize")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_window_needs_both_bounds_in_order_and_at_most_30_days() {
        let p = params(&[
            ("start_time", "2024-05-01 00:00:00"),
            ("end_time", "2024-05-20 00:00:00"),
        ]);
        assert!(window(&p, "start_time", "end_time", true)
            .unwrap()
            .is_some());
        assert_eq!(
            window(&params(&[]), "start_time", "end_time", false),
            Ok(None)
        );
        let e = window(&params(&[]), "start_time", "end_time", true).unwrap_err();
        assert_eq!(
            e.sub_code.as_deref(),
            Some("isv.missing-parameter:start_time")
        );
        let p = params(&[
            ("start_time", "2024-04-01 00:00:00"),
            ("end_time", "2024-05-20 00:00:00"),
        ]);
        let e = window(&p, "start_time", "end_time", true).unwrap_err();
        assert_eq!(
            e.sub_code.as_deref(),
            Some("isv.invalid-parameter:end_time")
        );
        let p = params(&[
            ("start_time", "2024-05-20 00:00:00"),
            ("end_time", "2024-05-01 00:00:00"),
        ]);
        assert_eq!(
            window(&p, "start_time", "end_time", true).unwrap_err().code,
            "41"
        );
        let p = params(&[
            ("start_time", "2024/05/20"),
            ("end_time", "2024-05-21 00:00:00"),
        ]);
        let e = window(&p, "start_time", "end_time", true).unwrap_err();
        assert_eq!(
            e.sub_code.as_deref(),
            Some("isv.invalid-parameter:start_time")
        );
    }

    #[test]
    fn wdt_pages_count_from_zero_and_cap_the_size() {
        assert_eq!(wdt_paging(&params(&[])), Ok(Paging { index: 0, size: 40 }));
        let p = wdt_paging(&params(&[("page_no", "1"), ("page_size", "10")])).unwrap();
        // page_no=1 is the second page: items 10..20.
        assert_eq!(p.slice((0..25).collect()), (10..20).collect::<Vec<_>>());
        assert_eq!(p.index, 1);
        assert!(wdt_paging(&params(&[("page_size", "101")])).is_err());
        assert!(wdt_paging(&params(&[("page_size", "0")])).is_err());
        assert!(wdt_paging(&params(&[("page_no", "-1")])).is_err());
        let past_end = Paging { index: 9, size: 10 };
        assert!(past_end.slice((0..25).collect::<Vec<i32>>()).is_empty());
        let huge = Paging {
            index: usize::MAX,
            size: 100,
        };
        assert!(
            huge.slice(vec![1]).is_empty(),
            "no overflow on absurd page numbers"
        );
    }

    #[test]
    fn crm_pages_count_from_one() {
        let p = crm_paging(&params(&[("pageNo", "1"), ("pageSize", "20")])).unwrap();
        assert_eq!(p, Paging { index: 0, size: 20 });
        assert_eq!(
            crm_paging(&params(&[("pageNo", "0"), ("pageSize", "20")]))
                .unwrap_err()
                .code,
            "41"
        );
        assert_eq!(
            crm_paging(&params(&[("pageNo", "1"), ("pageSize", "500")]))
                .unwrap_err()
                .code,
            "41"
        );
    }
}
