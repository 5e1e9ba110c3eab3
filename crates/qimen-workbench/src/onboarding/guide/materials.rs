//! "Which documents do I prepare, and which are ready?": the materials of document 003 for case 1 (sold by
//! the vendor's agent) or case 2 (sold by the vendor), each item with a done flag and the names of the
//! files attached to it, and an export to a Markdown document the user can send on.
//!
//! The client login item holds a password: the checklist never stores it (it belongs in the keyring) and
//! the export says it is handed over separately.

use crate::catalog::wdt::{CaseId, MaterialsCatalog, SectionId};
use qimen_core::text::{Lang, Text};
use serde::{Deserialize, Serialize};

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ChecklistItem {
    pub id: String,
    pub section: SectionId,
    pub text: Text,
    pub holds_secret: bool,
    pub done: bool,
    /// Attached files, as the user chose them (a name or a path); the export shows the name only.
    pub files: Vec<String>,
}

/// The materials of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MaterialsChecklist {
    pub case: CaseId,
    pub items: Vec<ChecklistItem>,
}

/// A change the checklist refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    #[error("material `{0}` is not on this checklist: use one of its item ids")]
    UnknownItem(String),
    #[error("the file name is empty: choose a file to attach")]
    EmptyFileName,
    #[error("`{file}` is already attached to `{item}`")]
    AlreadyAttached { item: String, file: String },
    #[error("`{file}` is not attached to `{item}`: nothing to remove")]
    NotAttached { item: String, file: String },
}

/// The last component of a path, whichever separator the system uses.
fn display_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

impl MaterialsChecklist {
    /// A fresh checklist for `case`: every item of that case, none done.
    pub fn new(catalog: &MaterialsCatalog, case: CaseId) -> Self {
        let items = catalog
            .items_for(case)
            .map(|i| ChecklistItem {
                id: i.id.clone(),
                section: i.section,
                text: i.text.clone(),
                holds_secret: i.holds_secret,
                done: false,
                files: Vec::new(),
            })
            .collect();
        MaterialsChecklist { case, items }
    }

    /// The checklist for another case, keeping the work done on the items both cases share.
    pub fn switch_case(&self, catalog: &MaterialsCatalog, case: CaseId) -> Self {
        let mut next = Self::new(catalog, case);
        for item in &mut next.items {
            if let Some(old) = self.items.iter().find(|o| o.id == item.id) {
                item.done = old.done;
                item.files = old.files.clone();
            }
        }
        next
    }

    fn item_mut(&mut self, id: &str) -> Result<&mut ChecklistItem, ChecklistError> {
        self.items
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| ChecklistError::UnknownItem(id.to_string()))
    }

    pub fn set_done(&mut self, id: &str, done: bool) -> Result<(), ChecklistError> {
        self.item_mut(id)?.done = done;
        Ok(())
    }

    pub fn attach(&mut self, id: &str, file: &str) -> Result<(), ChecklistError> {
        let file = file.trim();
        if file.is_empty() || display_name(file).is_empty() {
            return Err(ChecklistError::EmptyFileName);
        }
        let item = self.item_mut(id)?;
        if item.files.iter().any(|f| f == file) {
            return Err(ChecklistError::AlreadyAttached {
                item: id.into(),
                file: file.into(),
            });
        }
        item.files.push(file.to_string());
        Ok(())
    }

    pub fn detach(&mut self, id: &str, file: &str) -> Result<(), ChecklistError> {
        let item = self.item_mut(id)?;
        let before = item.files.len();
        item.files.retain(|f| f != file);
        if item.files.len() == before {
            return Err(ChecklistError::NotAttached {
                item: id.into(),
                file: file.into(),
            });
        }
        Ok(())
    }

    /// (done, total).
    pub fn progress(&self) -> (usize, usize) {
        (
            self.items.iter().filter(|i| i.done).count(),
            self.items.len(),
        )
    }

    pub fn is_complete(&self) -> bool {
        self.items.iter().all(|i| i.done)
    }

    /// A Markdown document listing every item with its state and files, for sending on.
    pub fn to_markdown(
        &self,
        catalog: &MaterialsCatalog,
        company_name: Option<&Text>,
        lang: Lang,
    ) -> String {
        let zh = lang == Lang::ZhCn;
        let pick = |t: &Text| t.get(lang).to_string();
        let mut out = String::new();
        let (done, total) = self.progress();
        out.push_str(if zh {
            "# 奇门应用申请资料清单\n\n"
        } else {
            "# Qimen app application: materials checklist\n\n"
        });
        if let Some(case) = catalog.case(self.case) {
            out.push_str(&format!(
                "**{}**\n\n{}\n\n",
                escape(&pick(&case.title)),
                escape(&pick(&case.text))
            ));
        }
        out.push_str(&if zh {
            format!("完成 {done} / {total} 项。\n")
        } else {
            format!("{done} of {total} items done.\n")
        });
        for section in &catalog.sections {
            let items: Vec<&ChecklistItem> = self
                .items
                .iter()
                .filter(|i| i.section == section.id)
                .collect();
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n## {}\n\n", escape(&pick(&section.name))));
            if let Some(intro) = &section.intro {
                out.push_str(&format!("{}\n\n", escape(&pick(intro))));
            }
            for item in items {
                let mark = if item.done { "x" } else { " " };
                out.push_str(&format!("- [{mark}] {}\n", escape(&pick(&item.text))));
                for file in &item.files {
                    out.push_str(&format!("  - {}\n", escape(display_name(file))));
                }
                if item.holds_secret {
                    out.push_str(if zh {
                        "  - 密码不在本文档中，将另行安全提供。\n"
                    } else {
                        "  - The password is not in this document; it is provided separately and securely.\n"
                    });
                }
            }
        }
        if let Some(name) = company_name {
            out.push_str(&format!("\n---\n\n{}\n", escape(&pick(name))));
        }
        out
    }
}

/// Escapes the characters Markdown would read as formatting.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
