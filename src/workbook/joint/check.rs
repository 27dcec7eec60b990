//! What `check` says of a file's joint plans beyond counting them: parts linked to another
//! partner's joint goal, and words or done dates the app's forms would not have written (another
//! tool wrote them). The file is never changed; each finding says how to set it right.

use rusqlite::Connection;

use crate::plan::joint::{COMMITMENT_STATUSES, GOAL_STATUSES, MILESTONE_STATUSES};

fn count(conn: &Connection, sql: &str) -> rusqlite::Result<i64> {
    conn.query_row(sql, [], |r| r.get(0))
}

/// Whether the file has `table` (a file from before its schema step has not).
fn has_table(conn: &Connection, table: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )
}

fn words(list: &[&str]) -> String {
    list.iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The findings on the file's joint plans; none in a file from before they existed.
pub(crate) fn joint_notes(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    if !has_table(conn, "joint_goals")? {
        return Ok(Vec::new());
    }
    let mut notes = Vec::new();
    let crossed = count(
        conn,
        "SELECT (SELECT count(*) FROM joint_commitments c JOIN joint_goals g \
         ON g.id = c.joint_goal_id WHERE g.partner_id != c.partner_id) + \
         (SELECT count(*) FROM joint_milestones m JOIN joint_goals g \
         ON g.id = m.joint_goal_id WHERE g.partner_id != m.partner_id)",
    )?;
    if crossed > 0 {
        notes.push(format!(
            "{crossed} joint commitment(s) or milestone(s) belong to a joint goal of another \
             partner; another tool wrote them. Open the partner's joint plan and choose one of \
             its own goals for them."
        ));
    }
    if has_table(conn, "joint_goal_kpis")? {
        let crossed_links = count(
            conn,
            "SELECT (SELECT count(*) FROM joint_goal_kpis l JOIN joint_goals g \
             ON g.id = l.joint_goal_id WHERE g.partner_id != l.partner_id) + \
             (SELECT count(*) FROM joint_goal_offerings l JOIN joint_goals g \
             ON g.id = l.joint_goal_id WHERE g.partner_id != l.partner_id)",
        )?;
        if crossed_links > 0 {
            notes.push(format!(
                "{crossed_links} KPI or offering link(s) of a joint goal name another partner \
                 than the goal's; another tool wrote them. Edit the goal and save it, or link the \
                 KPI or offering again."
            ));
        }
    }
    for (table, list, what) in [
        ("joint_goals", &GOAL_STATUSES[..], "joint goal"),
        (
            "joint_commitments",
            &COMMITMENT_STATUSES[..],
            "joint commitment",
        ),
        (
            "joint_milestones",
            &MILESTONE_STATUSES[..],
            "joint milestone",
        ),
    ] {
        let n = count(
            conn,
            &format!(
                "SELECT count(*) FROM {table} WHERE status NOT IN ({})",
                words(list)
            ),
        )?;
        if n > 0 {
            notes.push(format!(
                "{n} {what}(s) have a status partnerplan does not know; edit them and choose one \
                 of {}.",
                list.join(", ")
            ));
        }
    }
    let undone = count(
        conn,
        "SELECT count(*) FROM joint_milestones WHERE done_on IS NOT NULL AND status != 'done'",
    )?;
    if undone > 0 {
        notes.push(format!(
            "{undone} joint milestone(s) have a done date but are not done; edit them and clear \
             the date or mark them done."
        ));
    }
    Ok(notes)
}
