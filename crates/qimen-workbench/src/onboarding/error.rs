//! The guide's failures as the UI receives them: a stable code (`validation.app_details.developer_phone`,
//! `validation.onboarding.step`, `not_found.scenario` …) and a message in the UI language that names
//! the field and the fix. The pure modules word their errors in English; the Chinese is written here.

use crate::catalog::CatalogError;
use crate::onboarding::guide::materials::ChecklistError;
use crate::onboarding::guide::questionnaire::QuestionnaireError;
use crate::onboarding::guide::taobaoke::{ApplicationError, FiguresError};
use crate::onboarding::guide::tracker::TrackerError;
use crate::{IpcError, WorkbenchError};
use qimen_core::text::Lang;

/// Every way a guide command fails.
#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    #[error(transparent)]
    Workbench(#[from] WorkbenchError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Questionnaire(#[from] QuestionnaireError),
    #[error(transparent)]
    Figures(#[from] FiguresError),
    #[error(transparent)]
    Tracker(#[from] TrackerError),
    #[error(transparent)]
    Checklist(#[from] ChecklistError),
    #[error(transparent)]
    Application(#[from] ApplicationError),
    /// Form fields that fail their checks: (field, zh, en) each.
    #[error("invalid fields")]
    Fields(Vec<(String, String, String)>),
    #[error("unknown scenario {0}")]
    UnknownScenario(String),
    #[error("no case chosen")]
    NoCase,
    #[error("file {path}: {reason}")]
    File { path: String, reason: String },
}

impl From<crate::store::StoreError> for GuideError {
    fn from(e: crate::store::StoreError) -> Self {
        GuideError::Workbench(WorkbenchError::Store(e))
    }
}

impl From<crate::secrets::SecretError> for GuideError {
    fn from(e: crate::secrets::SecretError) -> Self {
        GuideError::Workbench(WorkbenchError::Secret(e))
    }
}

impl GuideError {
    /// The error in `lang`.
    pub fn to_ipc(&self, lang: Lang) -> IpcError {
        match self {
            GuideError::Workbench(e) => e.to_ipc(lang),
            GuideError::Catalog(e) => IpcError::new(
                "internal.catalog",
                lang.pick(format!("内置的向导资料有误：{e}"), e.to_string()),
            ),
            GuideError::Questionnaire(e) => {
                let zh = match e {
                    QuestionnaireError::UnknownCategory(c) => {
                        format!("类目“{c}”不在应用类型目录中：请从列表选择类目，或改用关键词搜索")
                    }
                    QuestionnaireError::EmptyKeywords => {
                        "关键词为空：请输入几个词描述您要做的系统，或选择一个类目".to_string()
                    }
                };
                IpcError::new("validation.questionnaire.building", lang.pick(zh, e.to_string()))
            }
            GuideError::Figures(e) => {
                let FiguresError::NotANonNegativeNumber { field, value } = e;
                IpcError::new(
                    format!("validation.taobaoke.{field}"),
                    lang.pick::<String>(
                        format!("{field}：{value} 不是有效数值，请填写 0 或更大的数字"),
                        e.to_string(),
                    ),
                )
            }
            GuideError::Application(e) => {
                let zh = match e {
                    ApplicationError::Instant(_) => {
                        "淘宝客基础API申请后即时出结果，没有需要等待的时间：无需记录".to_string()
                    }
                    ApplicationError::InTheFuture { applied_on, today } => format!(
                        "申请日期 {applied_on} 晚于今天（{today}）：请填写实际提交申请表的日期"
                    ),
                };
                IpcError::new("validation.taobaoke.applied_on", lang.pick(zh, e.to_string()))
            }
            GuideError::Tracker(e) => IpcError::new("validation.onboarding.step", lang.pick(tracker_zh(e), e.to_string())),
            GuideError::Checklist(e) => {
                let (code, zh) = match e {
                    ChecklistError::UnknownItem(i) => (
                        "validation.materials.item",
                        format!("资料项“{i}”不在当前清单中：请从清单中选择"),
                    ),
                    ChecklistError::EmptyFileName => (
                        "validation.materials.file",
                        "文件名为空：请选择要附加的文件".to_string(),
                    ),
                    ChecklistError::AlreadyAttached { item, file } => (
                        "validation.materials.file",
                        format!("“{file}”已附加在“{item}”上，无需重复添加"),
                    ),
                    ChecklistError::NotAttached { item, file } => (
                        "validation.materials.file",
                        format!("“{file}”没有附加在“{item}”上，无需移除"),
                    ),
                };
                IpcError::new(code, lang.pick(zh, e.to_string()))
            }
            GuideError::Fields(fields) => {
                let code = fields
                    .first()
                    .map_or("validation.app_details".to_string(), |(f, _, _)| {
                        format!("validation.app_details.{f}")
                    });
                let sep = lang.pick("\n", "; ");
                let text = fields
                    .iter()
                    .map(|(_, zh, en)| lang.pick(zh.as_str(), en.as_str()))
                    .collect::<Vec<_>>()
                    .join(sep);
                IpcError::new(code, text)
            }
            GuideError::UnknownScenario(id) => IpcError::new(
                "not_found.scenario",
                lang.pick::<String>(
                    format!("场景“{id}”不存在：请从场景列表中选择"),
                    format!("scenario \"{id}\" does not exist: choose one from the scenario list"),
                ),
            ),
            GuideError::NoCase => IpcError::new(
                "validation.materials.case",
                lang.pick::<String>(
                    "还没有选择情况：请先选择情况1（代理商售卖）或情况2（厂商直营），清单随之确定".into(),
                    "no case chosen yet: choose case 1 (sold by an agent) or case 2 (sold by the vendor) first; the checklist follows from it".into(),
                ),
            ),
            GuideError::File { path, reason } => IpcError::new(
                "io.file",
                lang.pick::<String>(
                    format!("无法读取文件 {path}（{reason}）：请确认文件存在且可读，然后重新选择"),
                    format!("cannot read the file {path} ({reason}): check that it exists and is readable, then choose it again"),
                ),
            ),
        }
    }
}

fn tracker_zh(e: &TrackerError) -> String {
    let state = |s: &str| match s {
        "not started" => "未开始",
        "in progress" => "进行中",
        "waiting for review" => "等待审核",
        "done" => "已完成",
        "skipped" => "已跳过",
        _ => "未知状态",
    };
    match e {
        TrackerError::UnknownStep(s) => format!("步骤“{s}”不是接入步骤：请从步骤列表中选择"),
        TrackerError::NotSkippable(s) => {
            format!("步骤“{s}”不能跳过：文档没有说明可以忽略此步骤，请标记为进行中或已完成")
        }
        TrackerError::NoReview(s) => {
            format!("步骤“{s}”没有需要等待的审核：请标记为进行中或已完成")
        }
        TrackerError::SinceInFuture { step, since, today } => {
            format!("步骤“{step}”的提交日期 {since} 晚于今天（{today}）：请填写实际提交的日期")
        }
        TrackerError::Transition { step, from, to, .. } => {
            let hint = match (*from, *to) {
                ("waiting for review", _) => "已提交的申请请改回“进行中”后重新提交",
                ("done", _) => "请先重新打开（标记为进行中）",
                _ => "请先重新开始（标记为进行中）",
            };
            format!(
                "步骤“{step}”不能从“{}”改为“{}”：{hint}",
                state(from),
                state(to)
            )
        }
    }
}
