//! Columns and keys an older schema step used and a later one replaced: left out of the text, or
//! read from an older text as records of the link tables that replaced them.

/// Columns an older schema step used and a later one replaced, left empty in the file and out
/// of the text: `(table, column)`.
pub const RETIRED_COLUMNS: &[(&str, &str)] = &[("offerings", "goal_id"), ("offerings", "kpi_id")];

/// The joint goals' single links of schema step 13, links of their own since step 16.
pub const RETIRED_JOINT_COLUMNS: &[(&str, &str)] = &[
    ("joint_goals", "kpi_id"),
    ("joint_goals", "kpi_direction"),
    ("joint_goals", "kpi_target"),
    ("joint_goals", "offering_id"),
];

/// A key an older text wrote on a record that is now a record of a link table of its own: an
/// offering's single `goal` / `kpi` (before schema step 9), read as one `offering_goals` /
/// `offering_kpis` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetiredKey {
    /// The table the key was written on, and the key.
    pub table: &'static str,
    pub key: &'static str,
    /// The link table it becomes a record of: its first column refers to the record the key was
    /// on, its second to the key's value.
    pub into: &'static str,
}

pub const RETIRED_KEYS: &[RetiredKey] = &[
    RetiredKey {
        table: "offerings",
        key: "goal",
        into: "offering_goals",
    },
    RetiredKey {
        table: "offerings",
        key: "kpi",
        into: "offering_kpis",
    },
    RetiredKey {
        table: "joint_goals",
        key: "kpi",
        into: "joint_goal_kpis",
    },
    RetiredKey {
        table: "joint_goals",
        key: "offering",
        into: "joint_goal_offerings",
    },
];

/// Keys an older text wrote beside a retired key that travel with it onto the link record it
/// becomes, under the same key there: `(table, key, into)`. A record's other keys that the link
/// also has (the joint goal's partner) are copied onto it as well.
pub const CARRIED_KEYS: &[(&str, &str, &str)] = &[
    ("joint_goals", "kpi_direction", "joint_goal_kpis"),
    ("joint_goals", "kpi_target", "joint_goal_kpis"),
];

/// The UUID of the link record a retired key of the record `uuid` becomes: that UUID with the
/// version digit set to 8, and for a KPI the variant digit to c — what schema step 9 gives the
/// links it migrates, so a file and a workbook migrated apart agree.
pub fn retired_link_uuid(uuid: &str, into: &str) -> String {
    let mut chars: Vec<char> = uuid.chars().collect();
    if chars.len() == 36 {
        chars[14] = '8';
        if into == "offering_kpis" {
            chars[19] = 'c';
        }
        // Schema step 16's joint goal links.
        if into.starts_with("joint_goal_") {
            chars[14] = 'a';
        }
        if into == "joint_goal_offerings" {
            chars[19] = 'c';
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::connection;
    use crate::workbook::layout::{ColumnKind, table_by_key};

    /// The link a retired key becomes has the UUID schema step 9 gives the link it migrates.
    #[test]
    fn retired_link_uuids_match_the_migration() {
        let conn = connection::open_in_memory().unwrap();
        let uuid = "0190a1b2-c3d4-7e5f-a678-9abcdef01234";
        let (goal, kpi): (String, String) = conn
            .query_row(
                "SELECT substr(?1, 1, 14) || '8' || substr(?1, 16), \
                 substr(?1, 1, 14) || '8' || substr(?1, 16, 4) || 'c' || substr(?1, 21)",
                [uuid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(goal, "0190a1b2-c3d4-8e5f-a678-9abcdef01234");
        assert_eq!(retired_link_uuid(uuid, "offering_goals"), goal);
        assert_eq!(retired_link_uuid(uuid, "offering_kpis"), kpi);
        assert_ne!(goal, kpi);
        for key in RETIRED_KEYS {
            let layout = table_by_key(key.table).unwrap();
            assert!(
                layout.column(key.key).is_none(),
                "{} is exported still",
                key.key
            );
            let into = table_by_key(key.into).unwrap();
            assert_eq!(into.columns[0].kind, ColumnKind::Reference(layout.table));
        }
    }
}
