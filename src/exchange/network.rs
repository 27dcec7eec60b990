//! The partner network for the tools consultants draw with: Kumu's spreadsheet import (an
//! elements and a connections CSV) and Graphviz DOT.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;

use crate::workbook::{LinkRecord, NetworkElement, Workbook};

/// The partners and every link between them (any status: a map filters by the Status field).
#[derive(Debug, Clone, Default)]
pub struct NetworkExport {
    pub elements: Vec<NetworkElement>,
    pub links: Vec<LinkRecord>,
}

/// The file names Kumu's import is given, in the folder the user names.
pub const KUMU_ELEMENTS: &str = "elements.csv";
pub const KUMU_CONNECTIONS: &str = "connections.csv";

/// How Kumu's connection direction field reads a link's direction.
fn kumu_direction(direction: &str) -> &'static str {
    if direction == "one way" {
        "directed"
    } else {
        "mutual"
    }
}

impl NetworkExport {
    pub fn read(workbook: &Workbook) -> Result<NetworkExport> {
        Ok(NetworkExport {
            elements: workbook.network_elements()?,
            links: workbook.links()?,
        })
    }

    fn uuids(&self) -> HashMap<i64, &str> {
        self.elements
            .iter()
            .map(|e| (e.id, e.uuid.as_str()))
            .collect()
    }

    // The shape follows Kumu's guide "Structure your data for Kumu" (docs.kumu.io, Import): an
    // elements sheet and a connections sheet, each with a header row. With "ID" as the first
    // column, connections name their ends by ID in "From" and "To", so a partner name holding
    // Kumu's multi-value separator "|" or repeated between partners still draws right. Other
    // columns become fields: "Type" and "Description" are Kumu's own, the rest are ours.

    /// The elements sheet: one row a partner.
    pub fn write_kumu_elements(&self, out: &mut dyn Write) -> Result<usize> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record([
            "ID", "Label", "Type", "Stage", "Sector", "Tier", "Region", "Tags",
        ])?;
        for e in &self.elements {
            csv.write_record([
                e.uuid.as_str(),
                safe_cell(&e.name).as_str(),
                e.partner_type.as_str(),
                e.stage.as_str(),
                e.sector.as_str(),
                e.tier.as_str(),
                e.region.as_str(),
                "partner",
            ])?;
        }
        csv.flush()?;
        Ok(self.elements.len())
    }

    /// The connections sheet: one row a link.
    pub fn write_kumu_connections(&self, out: &mut dyn Write) -> Result<usize> {
        let uuids = self.uuids();
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record([
            "ID",
            "From",
            "To",
            "Type",
            "Direction",
            "Status",
            "Strength",
            "Role",
            "Description",
        ])?;
        let mut rows = 0;
        for l in &self.links {
            let (Some(from), Some(to)) = (uuids.get(&l.link.from), uuids.get(&l.link.to)) else {
                continue;
            };
            csv.write_record([
                l.uuid.as_str(),
                from,
                to,
                l.link.kind.as_str(),
                kumu_direction(&l.link.direction),
                l.link.status.as_str(),
                l.link.strength.to_string().as_str(),
                safe_cell(l.role_name.as_deref().unwrap_or("")).as_str(),
                safe_cell(&l.link.note).as_str(),
            ])?;
            rows += 1;
        }
        csv.flush()?;
        Ok(rows)
    }

    /// The network as a Graphviz digraph: partners as nodes labelled by name, links as edges
    /// labelled by kind (both ways: arrows at both ends), planned links dashed, ended ones
    /// dotted, thicker the stronger.
    pub fn write_dot(&self, out: &mut dyn Write) -> Result<usize> {
        writeln!(out, "digraph partners {{")?;
        writeln!(out, "  graph [overlap=false];")?;
        writeln!(out, "  node [shape=ellipse];")?;
        let mut node = HashMap::new();
        for (i, e) in self.elements.iter().enumerate() {
            node.insert(e.id, i);
            writeln!(
                out,
                "  p{i} [label={}, tooltip={}];",
                dot_string(&e.name),
                dot_string(&format!("{} · {}", e.partner_type, e.stage))
            )?;
        }
        let mut edges = 0;
        for l in &self.links {
            let (Some(a), Some(b)) = (node.get(&l.link.from), node.get(&l.link.to)) else {
                continue;
            };
            let dir = if l.link.direction == "one way" {
                "forward"
            } else {
                "both"
            };
            let style = match l.link.status.as_str() {
                "active" => "solid",
                "ended" => "dotted",
                _ => "dashed",
            };
            writeln!(
                out,
                "  p{a} -> p{b} [label={}, dir={dir}, style={style}, penwidth={}];",
                dot_string(&l.link.kind),
                l.link.strength.clamp(1, 3)
            )?;
            edges += 1;
        }
        writeln!(out, "}}")?;
        Ok(edges)
    }
}

/// A DOT quoted string: backslashes and quotes escaped, line breaks as DOT's `\n`.
pub fn dot_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '\\' => quoted.push_str("\\\\"),
            '"' => quoted.push_str("\\\""),
            '\n' => quoted.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => quoted.push(' '),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A cell a spreadsheet will not run as a formula (the CSV export's rule).
fn safe_cell(text: &str) -> String {
    super::csv::escape_formula(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_line_breaks() {
        assert_eq!(dot_string("Plain"), "\"Plain\"");
        assert_eq!(dot_string("A \"B\" \\ C"), "\"A \\\"B\\\" \\\\ C\"");
        assert_eq!(dot_string("one\r\ntwo"), "\"one\\ntwo\"");
    }

    #[test]
    fn formula_like_cells_are_defused() {
        assert_eq!(safe_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe_cell("Nimbus"), "Nimbus");
    }
}
