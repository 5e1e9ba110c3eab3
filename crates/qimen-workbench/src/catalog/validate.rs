//! The checks every data file goes through at first use: texts present in both languages, ids well formed
//! and unique, links that are real http(s) addresses, waiting times that make sense. Each failure names the
//! file and the entry, so whoever edits a data file knows where to look.

use super::{CatalogError, Link, SourceRef, Wait};
use qimen_core::text::Text;
use std::collections::HashSet;

/// Checks on behalf of one data file.
pub(crate) struct Checker {
    pub file: &'static str,
}

impl Checker {
    pub fn new(file: &'static str) -> Self {
        Checker { file }
    }

    pub fn fail(&self, entry: &str, problem: impl Into<String>) -> CatalogError {
        CatalogError::Invalid {
            file: self.file,
            entry: entry.to_string(),
            problem: problem.into(),
        }
    }

    /// Both languages present and not blank.
    pub fn text(&self, entry: &str, field: &str, text: &Text) -> Result<(), CatalogError> {
        if text.zh.trim().is_empty() {
            return Err(self.fail(
                entry,
                format!("`{field}.zh` is empty: write the document's Chinese text"),
            ));
        }
        if text.en.trim().is_empty() {
            return Err(self.fail(
                entry,
                format!("`{field}.en` is empty: write the English translation"),
            ));
        }
        Ok(())
    }

    pub fn opt_text(
        &self,
        entry: &str,
        field: &str,
        text: Option<&Text>,
    ) -> Result<(), CatalogError> {
        text.map_or(Ok(()), |t| self.text(entry, field, t))
    }

    /// An id: lower-case ASCII letters, digits and `_`, starting with a letter.
    pub fn id(&self, entry: &str, id: &str) -> Result<(), CatalogError> {
        let mut chars = id.chars();
        let starts_well = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        if !starts_well
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(self.fail(
                entry,
                format!("id `{id}` is not valid: use lower-case letters, digits and `_`, starting with a letter"),
            ));
        }
        Ok(())
    }

    /// No id used twice among `ids`.
    pub fn unique<'a>(
        &self,
        what: &str,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), CatalogError> {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                return Err(self.fail(
                    id,
                    format!("{what} id `{id}` is used twice: give each {what} its own id"),
                ));
            }
        }
        Ok(())
    }

    /// An absolute http or https address with a host.
    pub fn url(&self, entry: &str, url: &str) -> Result<(), CatalogError> {
        match url::Url::parse(url) {
            Ok(parsed)
                if matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some() =>
            {
                Ok(())
            }
            Ok(_) => Err(self.fail(
                entry,
                format!("link `{url}` is not an http(s) address with a host"),
            )),
            Err(e) => Err(self.fail(entry, format!("link `{url}` is not a valid address: {e}"))),
        }
    }

    pub fn link(&self, entry: &str, link: &Link) -> Result<(), CatalogError> {
        self.text(entry, "label", &link.label)?;
        self.url(entry, &link.url)
    }

    pub fn links(&self, entry: &str, links: &[Link]) -> Result<(), CatalogError> {
        links.iter().try_for_each(|l| self.link(entry, l))
    }

    /// A range wait has `0 < min <= max`.
    /// A source passage is quoted (not blank) and its part, when given, is written.
    pub fn source(&self, entry: &str, source: Option<&SourceRef>) -> Result<(), CatalogError> {
        match source {
            Some(s) if s.quote.trim().is_empty() => {
                Err(self.fail(entry, "source quote is empty: quote the passage"))
            }
            Some(s) if s.section.as_deref().is_some_and(|v| v.trim().is_empty()) => Err(self.fail(
                entry,
                "source section is blank: write the part or leave it out",
            )),
            _ => Ok(()),
        }
    }

    pub fn wait(&self, entry: &str, wait: &Wait) -> Result<(), CatalogError> {
        match wait {
            Wait::Instant => Ok(()),
            Wait::Range { min, max, .. } if *min > 0 && min <= max => Ok(()),
            Wait::Range { min, max, .. } => Err(self.fail(
                entry,
                format!("wait {min}..{max} is not a range: write min >= 1 and min <= max"),
            )),
        }
    }
}
