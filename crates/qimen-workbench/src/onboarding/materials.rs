//! The materials checklist of a profile (document 003 §三.1 and §三.3): choose case 1 or case 2, mark
//! items done, attach files (the shell opens the native file dialog and passes the path; the name and
//! size are read here), and export the checklist with its file list as Markdown. The client login
//! item's password lives in the keyring: the checklist shows only whether one is stored, and the
//! export never contains it.

use super::error::GuideError;
use super::ipc::{ClientLoginStatus, MaterialItemView, MaterialsExport, MaterialsView};
use crate::catalog::wdt::{CaseId, MaterialsCatalog};
use crate::onboarding::guide::materials::MaterialsChecklist;
use crate::secrets::{SecretKey, SecretKind};
use crate::store::{AttachedFile, StoredMaterials};
use crate::{IpcError, Workbench, WorkbenchError};
use qimen_core::text::Lang;
use std::path::Path;

/// The checklist of the stored case with the stored progress on it.
fn checklist_of(catalog: &MaterialsCatalog, stored: &StoredMaterials) -> MaterialsChecklist {
    let mut list = MaterialsChecklist::new(catalog, stored.case);
    for item in &mut list.items {
        item.done = stored.done.iter().any(|(id, done)| *id == item.id && *done);
        item.files = stored
            .files
            .iter()
            .filter(|f| f.item_id == item.id)
            .map(|f| f.path.clone())
            .collect();
    }
    list
}

/// The checklist back to rows, keeping each file's name, size and date from `known`.
fn stored_of(list: &MaterialsChecklist, known: &[AttachedFile]) -> StoredMaterials {
    StoredMaterials {
        case: list.case,
        done: list.items.iter().map(|i| (i.id.clone(), i.done)).collect(),
        files: list
            .items
            .iter()
            .flat_map(|i| {
                i.files.iter().filter_map(|path| {
                    known
                        .iter()
                        .find(|f| f.item_id == i.id && &f.path == path)
                        .cloned()
                })
            })
            .collect(),
    }
}

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

impl Workbench {
    fn client_login(&self, profile_id: i64) -> Result<ClientLoginStatus, GuideError> {
        let login_name = self
            .store
            .app_details_get(profile_id)?
            .and_then(|d| d.client_login_name);
        let password_stored = self
            .secrets()
            .get(&SecretKey::new(profile_id, SecretKind::ClientPassword))?
            .is_some();
        Ok(ClientLoginStatus {
            login_name,
            password_stored,
        })
    }

    fn materials_view(&self, profile_id: i64) -> Result<MaterialsView, GuideError> {
        let catalog = crate::catalog::materials()?;
        let stored = self.store.materials_get(profile_id)?;
        let items = match &stored {
            None => Vec::new(),
            Some(s) => checklist_of(catalog, s)
                .items
                .into_iter()
                .map(|i| MaterialItemView {
                    files: s
                        .files
                        .iter()
                        .filter(|f| f.item_id == i.id)
                        .cloned()
                        .collect(),
                    id: i.id,
                    section: i.section,
                    text: i.text,
                    holds_secret: i.holds_secret,
                    done: i.done,
                })
                .collect(),
        };
        Ok(MaterialsView {
            profile_id,
            case: stored.as_ref().map(|s| s.case),
            cases: catalog.cases.clone(),
            sections: catalog.sections.clone(),
            done: items.iter().filter(|i| i.done).count(),
            total: items.len(),
            items,
            client_login: self.client_login(profile_id)?,
        })
    }

    /// Loads the checklist, applies `change`, saves it, and returns the new view.
    fn materials_change(
        &self,
        profile_id: i64,
        change: impl FnOnce(&mut MaterialsChecklist, &mut Vec<AttachedFile>) -> Result<(), GuideError>,
    ) -> Result<MaterialsView, GuideError> {
        let catalog = crate::catalog::materials()?;
        let stored = self
            .store
            .materials_get(profile_id)?
            .ok_or(GuideError::NoCase)?;
        let mut list = checklist_of(catalog, &stored);
        let mut files = stored.files;
        change(&mut list, &mut files)?;
        self.store
            .materials_save(profile_id, &stored_of(&list, &files))?;
        self.materials_view(profile_id)
    }

    /// `materials_get`
    pub async fn materials_get(&self, profile_id: i64) -> Result<MaterialsView, IpcError> {
        let result = self.materials_view(profile_id);
        self.guide(result)
    }

    /// `materials_set_case`: the checklist of the case, keeping the work on the items both share.
    pub async fn materials_set_case(
        &self,
        profile_id: i64,
        case: CaseId,
    ) -> Result<MaterialsView, IpcError> {
        let result = (|| {
            let catalog = crate::catalog::materials()?;
            let (list, files) = match self.store.materials_get(profile_id)? {
                Some(s) => (
                    checklist_of(catalog, &s).switch_case(catalog, case),
                    s.files,
                ),
                None => (MaterialsChecklist::new(catalog, case), Vec::new()),
            };
            self.store
                .materials_save(profile_id, &stored_of(&list, &files))?;
            self.materials_view(profile_id)
        })();
        self.guide(result)
    }

    /// `materials_set_done`
    pub async fn materials_set_done(
        &self,
        profile_id: i64,
        item_id: String,
        done: bool,
    ) -> Result<MaterialsView, IpcError> {
        let result = self.materials_change(profile_id, |list, _| {
            list.set_done(&item_id, done).map_err(GuideError::from)
        });
        self.guide(result)
    }

    /// `materials_attach`: the file at `path` (chosen in the native dialog) to an item.
    pub async fn materials_attach(
        &self,
        profile_id: i64,
        item_id: String,
        path: String,
    ) -> Result<MaterialsView, IpcError> {
        let result = self.materials_change(profile_id, |list, files| {
            let trimmed = path.trim();
            let metadata = std::fs::metadata(trimmed).map_err(|e| GuideError::File {
                path: trimmed.to_string(),
                reason: e.to_string(),
            })?;
            if !metadata.is_file() {
                return Err(GuideError::File {
                    path: trimmed.to_string(),
                    reason: "not a file".into(),
                });
            }
            list.attach(&item_id, trimmed)?;
            let name = Path::new(trimmed)
                .file_name()
                .map_or_else(|| trimmed.to_string(), |n| n.to_string_lossy().into_owned());
            files.push(AttachedFile {
                item_id: item_id.clone(),
                path: trimmed.to_string(),
                name,
                size_bytes: metadata.len(),
                attached_at: self.clock.now(),
            });
            Ok(())
        });
        self.guide(result)
    }

    /// `materials_detach`
    pub async fn materials_detach(
        &self,
        profile_id: i64,
        item_id: String,
        path: String,
    ) -> Result<MaterialsView, IpcError> {
        let result = self.materials_change(profile_id, |list, _| {
            list.detach(&item_id, &path).map_err(GuideError::from)
        });
        self.guide(result)
    }

    /// The export's text: the checklist with each item's files, then the list of attached files
    /// with their sizes, and the client login name (never its password).
    fn materials_markdown(&self, profile_id: i64, lang: Lang) -> Result<String, GuideError> {
        let catalog = crate::catalog::materials()?;
        let guide = crate::catalog::wdt_guide()?;
        let stored = self
            .store
            .materials_get(profile_id)?
            .ok_or(GuideError::NoCase)?;
        let list = checklist_of(catalog, &stored);
        let zh = lang == Lang::ZhCn;
        let mut out = list.to_markdown(catalog, Some(&guide.constants.company_name_text), lang);
        if let Some(name) = self.client_login(profile_id)?.login_name {
            out.push_str(&if zh {
                format!("\n供奇门方核实的客户端登录账号：{name}（密码另行安全提供）\n")
            } else {
                format!("\nClient login account for Qimen's verification: {name} (the password is provided separately and securely)\n")
            });
        }
        out.push_str(if zh {
            "\n## 附件清单\n\n"
        } else {
            "\n## Attached files\n\n"
        });
        if stored.files.is_empty() {
            out.push_str(if zh { "（无）\n" } else { "(none)\n" });
        }
        for f in &stored.files {
            let item = list
                .items
                .iter()
                .find(|i| i.id == f.item_id)
                .map_or(f.item_id.as_str(), |i| i.text.get(lang));
            out.push_str(&format!(
                "- {} ({}) — {}\n",
                f.name,
                size_text(f.size_bytes),
                item
            ));
        }
        Ok(out)
    }

    /// `materials_export`: writes the Markdown document to `path` (from the native save dialog).
    pub async fn materials_export(
        &self,
        profile_id: i64,
        lang: Lang,
        path: String,
    ) -> Result<MaterialsExport, IpcError> {
        let result = (|| {
            let text = self.materials_markdown(profile_id, lang)?;
            std::fs::write(&path, &text).map_err(|e| {
                GuideError::Workbench(WorkbenchError::Save {
                    path: path.clone(),
                    reason: e.to_string(),
                })
            })?;
            Ok(MaterialsExport {
                path: path.clone(),
                bytes: text.len() as u64,
            })
        })();
        self.guide(result)
    }
}
