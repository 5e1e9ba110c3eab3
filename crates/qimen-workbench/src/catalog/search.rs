//! Finding an app type by what the user types, in Chinese or English: "仓储", "WMS", "erp", "飞猪 酒店".
//!
//! Every word of the query must appear somewhere in the app type (its name, description, notes, or the
//! headings above it); a hit in the name counts more than one in the description, which counts more than
//! one in a heading. English matching ignores case.

use super::app_types::{AppTypeCatalog, AppTypeRef};
use qimen_core::text::Text;
use serde::Serialize;

/// Where a query word was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    Name,
    Description,
    Notes,
    Heading,
}

impl MatchField {
    fn weight(self) -> u32 {
        match self {
            MatchField::Name => 10,
            MatchField::Description => 4,
            MatchField::Notes => 2,
            MatchField::Heading => 1,
        }
    }
}

/// One app type that matches a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppTypeHit {
    pub id: String,
    pub kind_id: String,
    pub category_id: String,
    pub name: Text,
    /// Higher is better: the sum over the query words of the best place each was found.
    pub score: u32,
    /// The places where query words were found, best first, without repeats.
    pub matched_in: Vec<MatchField>,
}

/// The query split into lower-case words (spaces and common Chinese/Latin punctuation separate them).
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '/'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains(text: &Text, term: &str) -> bool {
    text.zh.to_lowercase().contains(term) || text.en.to_lowercase().contains(term)
}

/// The best place `term` appears in `r`, if anywhere.
fn best_field(r: &AppTypeRef<'_>, term: &str) -> Option<MatchField> {
    if contains(&r.entry.name, term) {
        Some(MatchField::Name)
    } else if r
        .entry
        .description
        .as_ref()
        .is_some_and(|d| contains(d, term))
    {
        Some(MatchField::Description)
    } else if r.entry.notes.iter().any(|n| contains(&n.text, term)) {
        Some(MatchField::Notes)
    } else if [&r.kind.name, &r.category.name, &r.group.name]
        .into_iter()
        .any(|h| contains(h, term))
    {
        Some(MatchField::Heading)
    } else {
        None
    }
}

/// Scores one app type against the terms; `None` unless every term is found.
pub fn score(r: &AppTypeRef<'_>, terms: &[String]) -> Option<(u32, Vec<MatchField>)> {
    if terms.is_empty() {
        return None;
    }
    let mut fields = Vec::new();
    let mut total = 0;
    for term in terms {
        let field = best_field(r, term)?;
        total += field.weight();
        fields.push(field);
    }
    fields.sort();
    fields.dedup();
    Some((total, fields))
}

impl AppTypeCatalog {
    /// The app types matching every word of `query`, best first (document order among equals). An empty
    /// query matches nothing.
    pub fn search(&self, query: &str) -> Vec<AppTypeHit> {
        let terms = query_terms(query);
        let mut hits: Vec<AppTypeHit> = self
            .entries()
            .filter_map(|r| {
                score(&r, &terms).map(|(score, matched_in)| AppTypeHit {
                    id: r.entry.id.clone(),
                    kind_id: r.kind.id.clone(),
                    category_id: r.category.id.clone(),
                    name: r.entry.name.clone(),
                    score,
                    matched_in,
                })
            })
            .collect();
        // A stable sort keeps document order among equal scores.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits
    }
}
