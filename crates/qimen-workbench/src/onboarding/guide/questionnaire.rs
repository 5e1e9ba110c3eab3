//! "Which app type should I apply for?": two answers (who is applying, what they build) turn document
//! 000 into a short list, each app type with whether this applicant may apply and why, and one
//! recommendation.
//!
//! Eligibility comes only from the document's markers and remarks. An app type printed without a marker is
//! "not stated": it is listed, never recommended. A Tmall merchant is not in the document's legend, so
//! the markers say nothing about them; only a remark that names Tmall merchants ("天猫商家不支持接入")
//! decides, and everything else is "not stated" for them.

use crate::catalog::app_types::{AppTypeCatalog, AppTypeRef, NoteKind};
use crate::catalog::search::{query_terms, score, MatchField};
use crate::catalog::{Applicant, Link};
use qimen_core::text::Text;
use serde::{Deserialize, Serialize};

/// What the applicant builds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum Building {
    /// Words in Chinese or English ("仓储", "WMS", "erp").
    Keywords(String),
    /// A first-level category id from the catalogue (`fliggy`, `ecommerce_management` …).
    Category(String),
    /// No preference: every app type.
    Anything,
}

/// The two answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Questionnaire {
    pub applicant: Applicant,
    pub building: Building,
}

/// Whether this applicant may apply for an app type, according to the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Eligible,
    NotStated,
    NotEligible,
}

/// Why: a short sentence in both languages, citing the document where it can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Reason {
    pub kind: ReasonKind,
    pub text: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// The entry carries the applicant's marker.
    Marked,
    /// The entry carries markers, none of them the applicant's.
    NotMarked,
    /// The entry has no marker at all.
    NoMarker,
    /// The applicant has no marker in the legend (Tmall merchant).
    NotInLegend,
    /// The applicant's marker is read from the entries, not printed in the legend.
    LegendInferred,
    /// A remark of the document (cited).
    Note(NoteKind),
    /// How the entry matched the question.
    Matched,
}

/// One app type, judged for the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppTypeVerdict {
    pub id: String,
    pub kind_id: String,
    pub category_id: String,
    pub name: Text,
    pub availability: Availability,
    pub reasons: Vec<Reason>,
    /// How well it matched the keywords (0 for a category or "anything").
    pub match_score: u32,
}

/// The answer to the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct QuestionnaireResult {
    pub applicant: Applicant,
    /// Matching app types: eligible first, then not stated, then not eligible; best match first within.
    pub candidates: Vec<AppTypeVerdict>,
    /// The id of the recommended app type, always an eligible one.
    pub recommended: Option<String>,
    /// One sentence on the outcome.
    pub summary: Text,
    /// The document's onboarding links (which onboarding to do before applying).
    pub links: Vec<Link>,
}

/// A question the catalogue cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionnaireError {
    #[error("category `{0}` is not in the app-type catalogue: choose one of its category ids, or search by keywords")]
    UnknownCategory(String),
    #[error("keywords are empty: type a few words about what you build, or choose a category")]
    EmptyKeywords,
}

/// Judges one app type for one applicant.
pub fn availability(
    catalog: &AppTypeCatalog,
    r: &AppTypeRef<'_>,
    applicant: Applicant,
) -> (Availability, Vec<Reason>) {
    let entry = r.entry;
    let mut reasons = Vec::new();
    let marked_for = |lang_zh: bool| -> String {
        let sep = if lang_zh { "、" } else { ", " };
        entry
            .markers
            .iter()
            .filter_map(|m| catalog.legend.iter().find(|l| &l.marker == m))
            .map(|l| {
                format!(
                    "{} {}",
                    l.marker,
                    if lang_zh { &l.label.zh } else { &l.label.en }
                )
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    let availability = if applicant == Applicant::TmallMerchant {
        reasons.push(Reason {
            kind: ReasonKind::NotInLegend,
            text: Text::new(
                "文档的可申请标记只涵盖境内淘宝（企业）、跨境天猫和个人，没有说明天猫商家是否可申请。",
                "The document's markers cover domestic Taobao enterprises, cross-border Tmall and individuals; they do not say whether a Tmall merchant may apply.",
            ),
        });
        if entry.has_note(NoteKind::NotForTmallMerchants) {
            Availability::NotEligible
        } else {
            Availability::NotStated
        }
    } else if entry.applicants.is_empty() {
        reasons.push(Reason {
            kind: ReasonKind::NoMarker,
            text: Text::new(
                "文档未给此类型标注可申请身份，是否可申请未说明。",
                "The document prints this type without a marker: who may apply is not stated.",
            ),
        });
        Availability::NotStated
    } else if entry.applicants.contains(&applicant) {
        reasons.push(Reason {
            kind: ReasonKind::Marked,
            text: Text::new(
                format!("文档标注可申请：{}。", marked_for(true)),
                format!("The document marks it for: {}.", marked_for(false)),
            ),
        });
        if let Some(l) = catalog
            .legend_for(applicant)
            .filter(|l| !l.in_document_legend)
        {
            if let Some(remark) = &l.remark {
                reasons.push(Reason {
                    kind: ReasonKind::LegendInferred,
                    text: remark.clone(),
                });
            }
        }
        Availability::Eligible
    } else {
        reasons.push(Reason {
            kind: ReasonKind::NotMarked,
            text: Text::new(
                format!("文档只标注可申请：{}。", marked_for(true)),
                format!("The document marks it only for: {}.", marked_for(false)),
            ),
        });
        Availability::NotEligible
    };
    for note in &entry.notes {
        let cited = if note.kind == NoteKind::NotForTmallMerchants
            && applicant == Applicant::TmallMerchant
        {
            Text::new(
                format!("文档注明：“{}”。", note.text.zh),
                format!("The document says: \"{}\".", note.text.en),
            )
        } else {
            Text::new(
                format!("注意：{}。", note.text.zh),
                format!("Note: {}.", note.text.en),
            )
        };
        reasons.push(Reason {
            kind: ReasonKind::Note(note.kind),
            text: cited,
        });
    }
    (availability, reasons)
}

fn matched_reason(fields: &[MatchField], keywords: &str) -> Reason {
    let (zh, en) = match fields.first() {
        Some(MatchField::Name) => ("名称", "name"),
        Some(MatchField::Description) => ("说明", "description"),
        Some(MatchField::Notes) => ("备注", "notes"),
        _ => ("所属类目", "category headings"),
    };
    Reason {
        kind: ReasonKind::Matched,
        text: Text::new(
            format!("“{keywords}”出现在其{zh}中。"),
            format!("\"{keywords}\" appears in its {en}."),
        ),
    }
}

/// How many remarks narrow who or what the type is for; fewer is the safer recommendation.
fn restriction_count(r: &AppTypeRef<'_>) -> usize {
    r.entry
        .notes
        .iter()
        .filter(|n| {
            matches!(
                n.kind,
                NoteKind::RestrictedAudience | NoteKind::LimitedScope | NoteKind::OnlyOneAllowed
            )
        })
        .count()
}

/// Answers the questionnaire over the catalogue.
pub fn recommend(
    catalog: &AppTypeCatalog,
    q: &Questionnaire,
) -> Result<QuestionnaireResult, QuestionnaireError> {
    let matches: Vec<(AppTypeRef<'_>, u32, Option<Reason>)> = match &q.building {
        Building::Keywords(words) => {
            let terms = query_terms(words);
            if terms.is_empty() {
                return Err(QuestionnaireError::EmptyKeywords);
            }
            catalog
                .entries()
                .filter_map(|r| {
                    score(&r, &terms).map(|(s, f)| (r, s, Some(matched_reason(&f, words.trim()))))
                })
                .collect()
        }
        Building::Category(id) => {
            if catalog.category(id).is_none() {
                return Err(QuestionnaireError::UnknownCategory(id.clone()));
            }
            catalog
                .entries()
                .filter(|r| &r.category.id == id)
                .map(|r| (r, 0, None))
                .collect()
        }
        Building::Anything => catalog.entries().map(|r| (r, 0, None)).collect(),
    };
    let mut ranked: Vec<(AppTypeVerdict, usize)> = matches
        .into_iter()
        .map(|(r, match_score, matched)| {
            let (availability, mut reasons) = availability(catalog, &r, q.applicant);
            reasons.extend(matched);
            let verdict = AppTypeVerdict {
                id: r.entry.id.clone(),
                kind_id: r.kind.id.clone(),
                category_id: r.category.id.clone(),
                name: r.entry.name.clone(),
                availability,
                reasons,
                match_score,
            };
            (verdict, restriction_count(&r))
        })
        .collect();
    // Stable: document order among equals.
    ranked.sort_by_key(|(v, restrictions)| {
        (
            v.availability,
            std::cmp::Reverse(v.match_score),
            *restrictions,
        )
    });
    let candidates: Vec<AppTypeVerdict> = ranked.into_iter().map(|(v, _)| v).collect();
    let recommended = candidates
        .iter()
        .find(|v| v.availability == Availability::Eligible);
    let summary = summarise(&candidates, recommended);
    Ok(QuestionnaireResult {
        applicant: q.applicant,
        recommended: recommended.map(|v| v.id.clone()),
        candidates,
        summary,
        links: catalog.links.clone(),
    })
}

fn summarise(candidates: &[AppTypeVerdict], recommended: Option<&AppTypeVerdict>) -> Text {
    let count = |a: Availability| candidates.iter().filter(|v| v.availability == a).count();
    let (eligible, not_stated, not_eligible) = (
        count(Availability::Eligible),
        count(Availability::NotStated),
        count(Availability::NotEligible),
    );
    match recommended {
        _ if candidates.is_empty() => Text::new(
            "没有匹配的应用类型：换个关键词，或按类目浏览。",
            "No app type matches: try other words, or browse by category.",
        ),
        Some(v) => Text::new(
            format!("推荐“{}”。匹配 {} 个类型：{eligible} 个可申请，{not_stated} 个未说明，{not_eligible} 个不可申请。", v.name.zh, candidates.len()),
            format!("Recommended: \"{}\". {} types match: {eligible} open to you, {not_stated} not stated, {not_eligible} not open to you.", v.name.en, candidates.len()),
        ),
        None => Text::new(
            format!("匹配的 {} 个类型中没有文档标注您可申请的：{not_stated} 个未说明（需向平台确认），{not_eligible} 个不可申请。", candidates.len()),
            format!("None of the {} matching types is marked for you: {not_stated} not stated (ask the platform), {not_eligible} not open to you.", candidates.len()),
        ),
    }
}
