//! The answers per API, kept in `receiver-templates.json` in the data folder between runs (the
//! documented success answer for every API until the user picks others), and a template refused
//! in the user's language.

use crate::error::WorkbenchError;
use crate::lock;
use crate::IpcError;
use qimen_core::text::Lang;
use qimen_server::receiver::{AnswerTemplate, TemplateProblem, ANY_API, MAX_DELAY_MS};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The templates file in the data folder.
pub const TEMPLATES_FILE: &str = "receiver-templates.json";

/// The saved templates, read once.
pub(super) struct TemplateFile {
    path: PathBuf,
    cached: Mutex<Option<Vec<AnswerTemplate>>>,
}

impl TemplateFile {
    pub fn new(data_dir: &Path) -> TemplateFile {
        TemplateFile {
            path: data_dir.join(TEMPLATES_FILE),
            cached: Mutex::new(None),
        }
    }

    /// The saved templates; the default success answer for every API when none were saved or the
    /// file cannot be read (which is logged, and replaced on the next save).
    pub fn load(&self) -> Vec<AnswerTemplate> {
        let mut cached = lock(&self.cached);
        if let Some(templates) = cached.as_ref() {
            return templates.clone();
        }
        let read = match std::fs::read(&self.path) {
            Ok(bytes) => match serde_json::from_slice::<Vec<AnswerTemplate>>(&bytes) {
                Ok(templates) if templates.iter().all(|t| t.check().is_ok()) => Some(templates),
                Ok(_) | Err(_) => {
                    tracing::warn!(
                        "{} cannot be read as templates; using the default answer",
                        self.path.display()
                    );
                    None
                }
            },
            Err(_) => None,
        };
        let templates = read.unwrap_or_else(|| vec![AnswerTemplate::starter(ANY_API)]);
        *cached = Some(templates.clone());
        templates
    }

    /// Saves the templates (owner-only) for this and later runs.
    pub fn save(&self, templates: &[AnswerTemplate]) -> Result<(), WorkbenchError> {
        let text = serde_json::to_vec_pretty(templates).map_err(|e| WorkbenchError::Save {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        })?;
        crate::places::write_private(&self.path, &text).map_err(|e| WorkbenchError::Save {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        })?;
        *lock(&self.cached) = Some(templates.to_vec());
        Ok(())
    }
}

/// A template that cannot be used, naming the API and the field, in the UI language.
pub(super) fn problem_error(problem: &TemplateProblem, lang: Lang) -> IpcError {
    let api = &problem.api;
    let zh = match problem.field {
        "api" => "请填写调用方发送的 API 名（method 参数），例如 taobao.qimen.entryorder.create；填 * 表示其余所有 API。".to_string(),
        "xml" => "XML 应答需要以 < 开头，例如 <response><flag>success</flag>…</response>。".to_string(),
        "json" => "JSON 应答不是有效的 JSON：请修改，或点“恢复起始模板”。".to_string(),
        "code" => "业务失败需要填写调用方会读到的错误码，例如 B001。".to_string(),
        _ => format!("延迟最多 {MAX_DELAY_MS} 毫秒：再长只会触发调用方自己的超时。"),
    };
    IpcError::new(
        format!("validation.receiver.{}", problem.field),
        lang.pick(
            format!("应答模板“{api}”：{zh}"),
            format!("Answer template \"{api}\": {problem}"),
        ),
    )
}
