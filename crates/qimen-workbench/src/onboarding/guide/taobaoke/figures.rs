//! The applicant's own figures for the Taobaoke checker, as they type them. Every figure is optional:
//! a missing one makes a rule "not enough information" naming it, never a guess.

use crate::catalog::taobaoke::{Figure, PackageId};
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};

/// What the promotion medium is; rules that name "网站" or "无线APP" apply only to that medium.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Website,
    App,
    Both,
}

/// The figures document 002's rules look at, plus what the applicant already holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct TaobaokeFigures {
    pub medium: Option<Medium>,
    pub filed_and_approved: Option<bool>,
    pub taodianjin_deployed: Option<bool>,
    pub site_deduction_score: Option<f64>,
    pub monthly_avg_daily_clicks: Option<f64>,
    pub monthly_avg_daily_alipay_amount: Option<f64>,
    pub app_downloads: Option<f64>,
    pub app_dau: Option<f64>,
    pub is_rebate_site: Option<bool>,
    pub is_entry_site: Option<bool>,
    pub is_daigou_site: Option<bool>,
    /// Whether the medium is a platform-type medium (平台类媒体), for the three-party package.
    pub is_platform_media: Option<bool>,
    pub platform_media_dau: Option<f64>,
    /// Packages already granted (none when empty).
    pub held_packages: Vec<PackageId>,
    /// Consecutive days without calls on a held package's APIs, for the revocation rule.
    pub days_without_calls: Option<u32>,
    /// Consecutive days without transactions, for the revocation rule.
    pub days_without_transactions: Option<u32>,
}

/// One figure's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(untagged)]
pub enum FigureValue {
    YesNo(bool),
    Number(f64),
}

/// A figure that cannot be a real value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FiguresError {
    #[error("`{field}` is {value}: enter a number of 0 or more")]
    NotANonNegativeNumber { field: &'static str, value: f64 },
}

/// A field the checker needs and the applicant left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MissingField {
    /// The field name in [`TaobaokeFigures`].
    pub key: &'static str,
    pub label: Text,
}

pub(super) fn medium_label() -> Text {
    Text {
        zh: "媒体类型（网站或无线APP）".into(),
        en: "Type of medium (website or mobile app)".into(),
    }
}

impl TaobaokeFigures {
    /// The value of one figure, if given.
    pub fn value(&self, figure: Figure) -> Option<FigureValue> {
        use FigureValue::{Number, YesNo};
        match figure {
            Figure::FiledAndApproved => self.filed_and_approved.map(YesNo),
            Figure::TaodianjinDeployed => self.taodianjin_deployed.map(YesNo),
            Figure::SiteDeductionScore => self.site_deduction_score.map(Number),
            Figure::MonthlyAvgDailyClicks => self.monthly_avg_daily_clicks.map(Number),
            Figure::MonthlyAvgDailyAlipayAmount => self.monthly_avg_daily_alipay_amount.map(Number),
            Figure::AppDownloads => self.app_downloads.map(Number),
            Figure::AppDau => self.app_dau.map(Number),
            Figure::IsRebateSite => self.is_rebate_site.map(YesNo),
            Figure::IsEntrySite => self.is_entry_site.map(YesNo),
            Figure::IsDaigouSite => self.is_daigou_site.map(YesNo),
            Figure::IsPlatformMedia => self.is_platform_media.map(YesNo),
            Figure::PlatformMediaDau => self.platform_media_dau.map(Number),
        }
    }

    pub fn holds(&self, package: PackageId) -> bool {
        self.held_packages.contains(&package)
    }

    /// Rejects numbers that no real figure can have (negative, NaN, infinite).
    pub fn validate(&self) -> Result<(), FiguresError> {
        for figure in Figure::ALL {
            if let Some(FigureValue::Number(value)) = self.value(figure) {
                if !value.is_finite() || value < 0.0 {
                    return Err(FiguresError::NotANonNegativeNumber {
                        field: figure.key(),
                        value,
                    });
                }
            }
        }
        Ok(())
    }
}

/// A number as people write it: no decimals when whole, otherwise up to two.
pub(super) fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_and_nan_figures_are_rejected_naming_the_field() {
        let figures = TaobaokeFigures {
            app_dau: Some(-1.0),
            ..Default::default()
        };
        let err = figures.validate().unwrap_err();
        assert!(err.to_string().contains("app_dau"), "{err}");
        let figures = TaobaokeFigures {
            site_deduction_score: Some(f64::NAN),
            ..Default::default()
        };
        assert!(figures.validate().is_err());
        assert!(TaobaokeFigures::default().validate().is_ok());
    }

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(format_number(50000.0), "50000");
        assert_eq!(format_number(49999.5), "49999.5");
        // Two decimals at most, trailing zeros dropped.
        assert_eq!(format_number(0.126), "0.13");
        assert_eq!(format_number(17.50), "17.5");
    }
}
