//! "Which app type should I apply for?": two answers (who is applying, what they build) turn document
//! 000 into a short list, each app type with whether this applicant may apply and why, and one
//! recommendation.
//!
//! Eligibility comes only from the document's markers and remarks. An app type printed without a marker is
//! "not stated": it is listed, never recommended. A Tmall merchant is not in the document's legend, so
//! the markers say nothing about them; only a remark that names Tmall merchants ("天猫商家不支持接入")
//! decides, and everything else is "not stated" for them.
//!
//! Keywords name a system ("ERP", "仓储"): the app types whose *name* holds those words are what the
//! user asked for, so they come first and the best of them is recommended even when the document
//! does not say who may apply (the answer then says so); a type that only mentions the words in its
//! description (the WMS "connects to ERP") follows. Every answer ends with a concrete next step.

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
    /// The keywords are in its name: it is the kind of system the user named.
    pub named: bool,
}

/// The answer to the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct QuestionnaireResult {
    pub applicant: Applicant,
    /// Matching app types: eligible first, then not stated, then not eligible; best match first within.
    pub candidates: Vec<AppTypeVerdict>,
    /// The id of the recommended app type: the best one named by the keywords that is not closed to
    /// the applicant, else the best eligible one.
    pub recommended: Option<String>,
    /// One sentence on the outcome.
    pub summary: Text,
    /// What to do now, whatever the outcome.
    pub next_step: Text,
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
        // A remark naming Tmall merchants decides; only without one do the markers leave it open.
        if entry.has_note(NoteKind::NotForTmallMerchants) {
            Availability::NotEligible
        } else {
            reasons.push(Reason {
                kind: ReasonKind::NotInLegend,
                text: Text::new(
                    "文档的可申请标记只涵盖境内淘宝（企业）、跨境天猫和个人，没有说明天猫商家是否可申请。",
                    "The document's markers cover domestic Taobao enterprises, cross-border Tmall and individuals; they do not say whether a Tmall merchant may apply.",
                ),
            });
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
    let matches: Vec<(AppTypeRef<'_>, u32, bool, Option<Reason>)> = match &q.building {
        Building::Keywords(words) => {
            let terms = query_terms(words);
            if terms.is_empty() {
                return Err(QuestionnaireError::EmptyKeywords);
            }
            catalog
                .entries()
                .filter_map(|r| {
                    score(&r, &terms).map(|(s, f)| {
                        let named = f.contains(&MatchField::Name);
                        (r, s, named, Some(matched_reason(&f, words.trim())))
                    })
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
                .map(|r| (r, 0, false, None))
                .collect()
        }
        Building::Anything => catalog.entries().map(|r| (r, 0, false, None)).collect(),
    };
    let mut ranked: Vec<(AppTypeVerdict, usize)> = matches
        .into_iter()
        .map(|(r, match_score, named, matched)| {
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
                named,
            };
            (verdict, restriction_count(&r))
        })
        .collect();
    // Stable: document order among equals. The types the user named come first.
    ranked.sort_by_key(|(v, restrictions)| {
        (
            !v.named,
            v.availability,
            std::cmp::Reverse(v.match_score),
            *restrictions,
        )
    });
    let candidates: Vec<AppTypeVerdict> = ranked.into_iter().map(|(v, _)| v).collect();
    let recommended = candidates
        .iter()
        .find(|v| v.named && v.availability != Availability::NotEligible)
        .or_else(|| {
            candidates
                .iter()
                .find(|v| v.availability == Availability::Eligible)
        });
    let summary = summarise(&candidates, recommended);
    let next_step = next_step(q.applicant, &candidates, recommended);
    // The onboarding link for this kind of applicant first.
    let own_link = if q.applicant == Applicant::TmallMerchant {
        TMALL_ONBOARDING_DOC
    } else {
        PROVIDER_ONBOARDING_DOC
    };
    let mut links = catalog.links.clone();
    links.sort_by_key(|l| !l.url.contains(own_link));
    Ok(QuestionnaireResult {
        applicant: q.applicant,
        recommended: recommended.map(|v| v.id.clone()),
        candidates,
        summary,
        next_step,
        links,
    })
}

/// The document's onboarding page for service providers, and the one for Tmall merchants developing
/// in-house (document 000's first links).
const PROVIDER_ONBOARDING_DOC: &str = "docId=101586";
const TMALL_ONBOARDING_DOC: &str = "docId=101564";

/// The concrete next step for every outcome: apply, or find out from whoever can tell.
fn next_step(
    applicant: Applicant,
    candidates: &[AppTypeVerdict],
    recommended: Option<&AppTypeVerdict>,
) -> Text {
    let ask_zh = "向您的软件服务商或旺店通销售确认应申请哪种应用类型";
    let ask_en = "ask your software provider or your 旺店通 sales representative which app type to apply for";
    let (onboard_zh, onboard_en) = if applicant == Applicant::TmallMerchant {
        (
            "先按下方“天猫自研商家需要申请”的说明完成入驻",
            "first complete onboarding as the \"Tmall merchants developing in-house\" link below describes",
        )
    } else {
        (
            "先按下方的入驻说明完成开放平台入驻",
            "first complete onboarding on the open platform as the links below describe",
        )
    };
    match recommended {
        Some(v) if v.availability == Availability::Eligible => Text::new(
            format!("下一步：{onboard_zh}，然后在开放平台控制台申请“{}”类型的应用。若您是把已有系统接入旺店通，也可{ask_zh}。", v.name.zh),
            format!("Next: {onboard_en}, then apply for a \"{}\" app in the open platform console. If you are connecting an existing system to 旺店通, you can also {ask_en}.", v.name.en),
        ),
        Some(v) => Text::new(
            format!("下一步：文档没有说明您能否申请“{}”，请{ask_zh}，确认后再提交；{onboard_zh}。", v.name.zh),
            format!("Next: the document does not say whether you may apply for \"{}\": {ask_en} before you submit anything; {onboard_en}.", v.name.en),
        ),
        None if candidates.is_empty() => Text::new(
            format!("下一步：换个说法再试，或按类目浏览；也可以直接{ask_zh}。"),
            format!("Next: try other words or browse by category, or simply {ask_en}."),
        ),
        None => Text::new(
            format!("下一步：匹配的类型都没有标注您可申请，请{ask_zh}，或咨询开放平台；{onboard_zh}。"),
            format!("Next: none of the matching types is marked for you, so {ask_en}, or ask the open platform; {onboard_en}."),
        ),
    }
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
        Some(v) if v.availability != Availability::Eligible => Text::new(
            format!("最符合您所说系统的是“{}”，但文档没有说明您是否可申请。匹配 {} 个类型：{eligible} 个可申请，{not_stated} 个未说明，{not_eligible} 个不可申请。", v.name.zh, candidates.len()),
            format!("\"{}\" fits the system you named best, but the document does not say whether you may apply. {} types match: {eligible} open to you, {not_stated} not stated, {not_eligible} not open to you.", v.name.en, candidates.len()),
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
