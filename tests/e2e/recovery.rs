//! A damaged database at start: the window opens on the recovery screen instead of the app exiting,
//! and moving the file aside (its bytes kept) starts the app fresh.

use std::path::Path;

use crate::harness::{ensure, AppRun, Step};

/// What a disk error or another program might leave where the database should be.
pub const JUNK: &[u8] = b"not a database: overwritten by something else\n";

pub fn damage_the_database(data_dir: &Path) -> Step {
    std::fs::write(data_dir.join("workbench.sqlite3"), JUNK.repeat(100))?;
    Ok(())
}

pub async fn damaged_database_is_set_aside(app: &AppRun) -> Step {
    app.by_test_id("recovery-screen").await?;
    app.wait_for_text("无法打开工作台的数据").await?;
    app.click_test_id("recovery-set-aside").await?;
    app.click_test_id("recovery-continue").await?;
    // The app proper: the first run's demo profile on fresh data.
    app.by_test_id("demo-tag").await?;

    let kept: Vec<_> = std::fs::read_dir(&app.data_dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("workbench.damaged-") && n.ends_with(".sqlite3"))
        })
        .collect();
    ensure(kept.len() == 1, || {
        format!("one damaged file kept aside, found {kept:?}")
    })?;
    let bytes = std::fs::read(&kept[0])?;
    ensure(bytes == JUNK.repeat(100), || {
        "the damaged file's bytes were not kept as they were".to_string()
    })
}
