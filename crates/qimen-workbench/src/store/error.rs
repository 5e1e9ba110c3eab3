//! What can go wrong with the database, each case naming what to do, in both languages.

use super::profile::ProfileErrors;
use qimen_core::text::Lang;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("data folder {path}: cannot be created ({reason}); choose a folder you can write to")]
    DataDir { path: String, reason: String },
    #[error("database {path}: cannot be opened ({reason}); check that the file is not damaged and the folder is writable")]
    Open { path: String, reason: String },
    #[error("database: it was written by a newer Qimen Workbench (schema {found}, this version knows up to {known}); update the app to open it")]
    TooNew { found: i64, known: i64 },
    #[error("database: written by an older Qimen Workbench (schema {found}, this build reads {known}); open the desktop app once so it updates its data, then try again")]
    TooOld { found: i64, known: i64 },
    #[error("database: upgrading to schema {version} failed ({reason}); nothing was changed, report this with the file attached")]
    Migration { version: i64, reason: String },
    #[error("profile: {0}")]
    Invalid(ProfileErrors),
    #[error("name: a profile named \"{0}\" already exists; choose another name")]
    DuplicateName(String),
    #[error("profile {0} does not exist; it may have been deleted, reload the list")]
    ProfileNotFound(i64),
    #[error(
        "history entry {0} does not exist; it may have been deleted or pruned, reload the list"
    )]
    HistoryNotFound(i64),
    /// A value outside what is allowed; `en` and `zh` say the allowed range.
    #[error("{field}: {en}")]
    BadValue {
        field: &'static str,
        en: String,
        zh: String,
    },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// A stable code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::DataDir { .. } => "store_data_dir",
            StoreError::Open { .. } => "store_open",
            StoreError::TooNew { .. } => "store_too_new",
            StoreError::TooOld { .. } => "store_too_old",
            StoreError::Migration { .. } => "store_migration",
            StoreError::Invalid(_) => "profile_invalid",
            StoreError::DuplicateName(_) => "profile_duplicate_name",
            StoreError::ProfileNotFound(_) => "profile_not_found",
            StoreError::HistoryNotFound(_) => "history_not_found",
            StoreError::BadValue { .. } => "bad_value",
            StoreError::Sqlite(_) => "store_failed",
        }
    }

    /// The message for a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            StoreError::DataDir { path, reason } => {
                format!("无法创建数据文件夹 {path}（{reason}）。请选择一个有写入权限的文件夹。")
            }
            StoreError::Open { path, reason } => format!(
                "无法打开数据库 {path}（{reason}）。请检查文件是否损坏、所在文件夹是否可写。"
            ),
            StoreError::TooNew { found, known } => format!(
                "数据库由更新版本的 Qimen Workbench 写入（结构版本 {found}，本版本最高支持 {known}）。请升级应用后再打开。"
            ),
            StoreError::TooOld { found, known } => format!(
                "数据库由较早版本的 Qimen Workbench 写入（结构版本 {found}，本版本读取 {known}）。请先打开一次桌面应用让它更新数据，再重试。"
            ),
            StoreError::Migration { version, reason } => format!(
                "升级数据库结构到版本 {version} 失败（{reason}），数据未被改动。请附上数据库文件反馈此问题。"
            ),
            StoreError::Invalid(errors) => errors.message(lang),
            StoreError::DuplicateName(name) => {
                format!("名称：已存在名为“{name}”的配置，请换一个名称。")
            }
            StoreError::ProfileNotFound(id) => {
                format!("配置 {id} 不存在，可能已被删除，请刷新列表。")
            }
            StoreError::HistoryNotFound(id) => {
                format!("历史记录 {id} 不存在，可能已被删除或按保留上限清理，请刷新列表。")
            }
            StoreError::BadValue { field, zh, .. } => format!("{field}：{zh}"),
            StoreError::Sqlite(e) => format!("数据库出错：{e}"),
        }
    }
}
