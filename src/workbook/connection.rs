//! Opening SQLite connections hardened for files we did not write ourselves.

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, OpenFlags};

/// How a connection may touch the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    ReadWrite,
    /// Read-write, creating the file (only for a new workbook's temporary file).
    Create,
    /// Read-only, and SQLite may assume nobody changes the file (used for WAL-mode files with no
    /// `-wal` beside them, so checking them creates no side files).
    Immutable,
}

/// The largest value (text or blob, in bytes) a connection reads or writes.
pub const VALUE_MAX_BYTES: usize = 4_000_000;

/// Opens `path` with every safety switch set before the first statement reads the schema.
pub fn open(path: &Path, access: Access) -> rusqlite::Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    flags |= match access {
        Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
        Access::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        Access::ReadOnly | Access::Immutable => OpenFlags::SQLITE_OPEN_READ_ONLY,
    };
    let mut uri = format!("file:{}", percent_encode(path));
    if access == Access::Immutable {
        uri.push_str("?immutable=1");
    }
    let conn = Connection::open_with_flags(uri, flags)?;
    harden(&conn)?;
    Ok(conn)
}

/// Opens a private in-memory database with the same hardening (used to build the expected schema).
pub fn open_in_memory() -> rusqlite::Result<Connection> {
    let conn = Connection::open_in_memory()?;
    harden(&conn)?;
    Ok(conn)
}

/// Applies the protections of SQLite's "defense against dark arts" guidance: defensive mode, an
/// untrusted schema, no triggers or views (we use neither), no double-quoted string literals, no
/// ATTACH that creates or writes files, and tight limits on sizes and depths.
pub fn harden(conn: &Connection) -> rusqlite::Result<()> {
    let switches = [
        (DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true),
        (DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false),
        (DbConfig::SQLITE_DBCONFIG_WRITABLE_SCHEMA, false),
        (DbConfig::SQLITE_DBCONFIG_DQS_DML, false),
        (DbConfig::SQLITE_DBCONFIG_DQS_DDL, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_ATTACH_CREATE, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_ATTACH_WRITE, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, false),
    ];
    for (switch, on) in switches {
        conn.set_db_config(switch, on)?;
    }
    let limits = [
        (Limit::SQLITE_LIMIT_LENGTH, VALUE_MAX_BYTES as i32),
        (Limit::SQLITE_LIMIT_SQL_LENGTH, 100_000),
        (Limit::SQLITE_LIMIT_COLUMN, 200),
        (Limit::SQLITE_LIMIT_EXPR_DEPTH, 100),
        (Limit::SQLITE_LIMIT_COMPOUND_SELECT, 10),
        (Limit::SQLITE_LIMIT_VDBE_OP, 100_000),
        (Limit::SQLITE_LIMIT_FUNCTION_ARG, 16),
        (Limit::SQLITE_LIMIT_ATTACHED, 0),
        (Limit::SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1_000),
        (Limit::SQLITE_LIMIT_VARIABLE_NUMBER, 999),
        (Limit::SQLITE_LIMIT_TRIGGER_DEPTH, 1),
        (Limit::SQLITE_LIMIT_WORKER_THREADS, 0),
    ];
    for (limit, value) in limits {
        conn.set_limit(limit, value)?;
    }
    conn.execute_batch("PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;")?;
    Ok(())
}

/// Settings for the connection the app works through: rollback journal, full sync, foreign keys.
pub fn configure_for_work(conn: &Connection, read_only: bool) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    if read_only {
        conn.pragma_update(None, "query_only", true)?;
    } else {
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    Ok(())
}

/// Encodes a path for an SQLite `file:` URI, leaving only unreserved characters and `/` as they are.
fn percent_encode(path: &Path) -> String {
    let mut out = String::new();
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(*byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_spaces_and_question_marks() {
        assert_eq!(
            percent_encode(Path::new("/a b/c?d#e.pp")),
            "/a%20b/c%3Fd%23e.pp"
        );
    }

    #[test]
    fn hardened_connection_refuses_triggers_and_double_quoted_strings() {
        let conn = open_in_memory().unwrap();
        assert!(
            !conn
                .db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER)
                .unwrap()
        );
        assert!(conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap());
        assert!(
            !conn
                .db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)
                .unwrap()
        );
        assert!(conn.execute_batch("SELECT \"not a column\"").is_err());
        assert!(conn.execute_batch("ATTACH 'x.db' AS other").is_err());
        assert!(
            conn.execute_batch("PRAGMA writable_schema = ON; CREATE TABLE sqlite_x (a)")
                .is_err()
        );
    }
}
