//! Reads an SQLite file's 100-byte header ourselves, so most refusals happen before SQLite opens it.

use std::fs::File;
use std::io::{self, Read};

use super::Refusal;
use std::path::Path;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header of a file that looks like SQLite tells us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub page_size: u64,
    pub wal_mode: bool,
    pub user_version: i64,
    pub application_id: i32,
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Reads and checks the header of `path`: magic string, page size, and that the file holds as many
/// whole pages as the header claims. Opens the file read-only and never writes.
pub fn read_header(path: &Path) -> Result<Header, Refusal> {
    let refuse_io = |err: io::Error| match err.kind() {
        io::ErrorKind::PermissionDenied => Refusal::NoPermission {
            path: path.to_path_buf(),
            detail: "permission denied".into(),
        },
        _ => Refusal::NotSqlite {
            path: path.to_path_buf(),
            detail: format!("it could not be read ({err})"),
        },
    };
    let metadata = std::fs::metadata(path).map_err(refuse_io)?;
    if metadata.is_dir() {
        return Err(Refusal::NotSqlite {
            path: path.to_path_buf(),
            detail: "it is a folder".into(),
        });
    }
    if !metadata.is_file() {
        return Err(Refusal::NotSqlite {
            path: path.to_path_buf(),
            detail: "it is not a regular file (a device, pipe or socket)".into(),
        });
    }
    let mut file = File::open(path).map_err(refuse_io)?;
    let mut bytes = Vec::with_capacity(100);
    (&mut file)
        .take(100)
        .read_to_end(&mut bytes)
        .map_err(refuse_io)?;
    // With a rollback journal beside it the file may be mid-change (pages added or cut by a
    // crashed transaction): its size is only meaningful after SQLite has rolled the journal back.
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let file_len = if Path::new(&journal).exists() {
        None
    } else {
        Some(metadata.len())
    };
    parse(path, &bytes, file_len)
}

fn parse(path: &Path, bytes: &[u8], file_len: Option<u64>) -> Result<Header, Refusal> {
    let not_sqlite = |detail: &str| Refusal::NotSqlite {
        path: path.to_path_buf(),
        detail: detail.into(),
    };
    let damaged = |detail: String| Refusal::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    if bytes.is_empty() {
        return Err(not_sqlite("the file is empty (0 bytes)"));
    }
    if bytes.len() < 100 {
        if MAGIC.starts_with(&bytes[..bytes.len().min(16)]) {
            return Err(not_sqlite(
                "it is cut off inside the SQLite header (a truncated copy?)",
            ));
        }
        return Err(not_sqlite("it does not start with the SQLite header"));
    }
    if &bytes[..16] != MAGIC {
        return Err(not_sqlite("it does not start with the SQLite header"));
    }
    let raw_page_size = u16::from_be_bytes([bytes[16], bytes[17]]);
    let page_size: u64 = if raw_page_size == 1 {
        65_536
    } else {
        u64::from(raw_page_size)
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(damaged(format!(
            "its header gives an impossible page size ({raw_page_size})"
        )));
    }
    let (write_version, read_version) = (bytes[18], bytes[19]);
    if !(1..=2).contains(&write_version) || !(1..=2).contains(&read_version) {
        return Err(damaged(format!(
            "its header gives an unknown file format (versions {write_version}/{read_version})"
        )));
    }
    let Some(file_len) = file_len else {
        return Ok(Header::from_bytes(
            bytes,
            page_size,
            write_version,
            read_version,
        ));
    };
    if !file_len.is_multiple_of(page_size) {
        return Err(damaged(format!(
            "it is truncated: {file_len} bytes is not a whole number of {page_size}-byte pages"
        )));
    }
    let change_counter = be_u32(bytes, 24);
    let valid_for = be_u32(bytes, 92);
    let page_count = u64::from(be_u32(bytes, 28));
    if change_counter == valid_for && page_count * page_size > file_len {
        return Err(damaged(format!(
            "it is truncated: its header counts {page_count} pages but the file holds {}",
            file_len / page_size
        )));
    }
    Ok(Header::from_bytes(
        bytes,
        page_size,
        write_version,
        read_version,
    ))
}

impl Header {
    fn from_bytes(bytes: &[u8], page_size: u64, write_version: u8, read_version: u8) -> Header {
        Header {
            page_size,
            wal_mode: write_version == 2 || read_version == 2,
            user_version: i64::from(be_u32(bytes, 60) as i32),
            application_id: be_u32(bytes, 68) as i32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_bytes(page_size: u16, pages: u32) -> Vec<u8> {
        let mut bytes = vec![0u8; 100];
        bytes[..16].copy_from_slice(MAGIC);
        bytes[16..18].copy_from_slice(&page_size.to_be_bytes());
        bytes[18] = 1;
        bytes[19] = 1;
        bytes[24..28].copy_from_slice(&7u32.to_be_bytes());
        bytes[28..32].copy_from_slice(&pages.to_be_bytes());
        bytes[92..96].copy_from_slice(&7u32.to_be_bytes());
        bytes[60..64].copy_from_slice(&3u32.to_be_bytes());
        bytes[68..72].copy_from_slice(&0x5050_4C4Eu32.to_be_bytes());
        bytes
    }

    #[test]
    fn reads_version_and_application_id() {
        let header = parse(Path::new("x"), &header_bytes(4096, 2), Some(8192)).unwrap();
        assert_eq!(header.user_version, 3);
        assert_eq!(header.application_id, 0x5050_4C4E);
        assert_eq!(header.page_size, 4096);
        assert!(!header.wal_mode);
    }

    #[test]
    fn refuses_empty_short_and_foreign_bytes() {
        let p = Path::new("x");
        assert!(matches!(
            parse(p, b"", Some(0)),
            Err(Refusal::NotSqlite { .. })
        ));
        assert!(
            matches!(parse(p, b"SQLite form", Some(11)), Err(Refusal::NotSqlite { detail, .. }) if detail.contains("cut off"))
        );
        assert!(matches!(
            parse(p, &[b'x'; 100], Some(100)),
            Err(Refusal::NotSqlite { .. })
        ));
    }

    #[test]
    fn refuses_truncated_pages() {
        let p = Path::new("x");
        assert!(matches!(
            parse(p, &header_bytes(4096, 2), Some(4096 + 10)),
            Err(Refusal::Damaged { .. })
        ));
        assert!(matches!(
            parse(p, &header_bytes(4096, 3), Some(8192)),
            Err(Refusal::Damaged { .. })
        ));
        assert!(matches!(
            parse(p, &header_bytes(1000, 1), Some(1000)),
            Err(Refusal::Damaged { .. })
        ));
    }

    #[test]
    fn size_checks_wait_for_a_journal_rollback() {
        // With a journal beside it the size is unknown until SQLite rolls back: no refusal yet.
        assert!(parse(Path::new("x"), &header_bytes(4096, 3), None).is_ok());
    }
}
