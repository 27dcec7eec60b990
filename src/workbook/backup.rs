//! Copies of a workbook made through SQLite (`VACUUM INTO`), never by copying bytes of a live file.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::connection::{self, Access};
use super::open::{move_into_place, temp_sibling};

/// Writes a consistent copy of `source` to `target` (which must not exist): into a temporary file
/// beside it, synced, then moved into place.
pub fn copy_through_sqlite(source: &Path, target: &Path) -> Result<()> {
    let temp = temp_sibling(target, "copy");
    let result = (|| -> Result<()> {
        let conn = connection::open(source, Access::ReadOnly)?;
        // VACUUM INTO works through an attached database that it creates: allow exactly that on
        // this connection, which reads a file that has already passed every check.
        conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 1)?;
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_ATTACH_CREATE,
            true,
        )?;
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_ATTACH_WRITE,
            true,
        )?;
        conn.execute("VACUUM INTO ?1", [temp.to_string_lossy()])
            .with_context(|| format!("copying {} with VACUUM INTO", source.display()))?;
        drop(conn);
        File::open(&temp)?.sync_all()?;
        move_into_place(&temp, target)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Keeps the pre-migration file as `NAME.schemaN-backup[-K].partnerplan` beside it.
pub fn backup_before_migration(path: &Path, version: i64) -> Result<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path.extension().map(|e| e.to_string_lossy().into_owned());
    let dir = super::open::parent_dir(path);
    let name = |k: u32| {
        let counter = if k == 0 {
            String::new()
        } else {
            format!("-{k}")
        };
        match &extension {
            Some(ext) => format!("{stem}.schema{version}-backup{counter}.{ext}"),
            None => format!("{stem}.schema{version}-backup{counter}"),
        }
    };
    let target = (0..1000)
        .map(|k| dir.join(name(k)))
        .find(|candidate| !candidate.exists())
        .context("too many backups beside the workbook; remove some old ones")?;
    copy_through_sqlite(path, &target)
        .with_context(|| format!("backing up {} before upgrading it", path.display()))?;
    Ok(target)
}
