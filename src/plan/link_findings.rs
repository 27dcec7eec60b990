//! What `check` says of a plan's links between partners that does not make the file unsafe:
//! links whose kind is not a word of the plan's list (a copy or another tool may bring one), and
//! a both-way link recorded twice, once from each side (two copies that each added it merge
//! into two records, the merge key having a direction).

use std::collections::HashMap;

use super::intake::word_of_list;

/// A link as `check` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFacts {
    pub from: i64,
    pub to: i64,
    pub from_name: String,
    pub to_name: String,
    pub kind: String,
    /// "both" or "one way".
    pub direction: String,
}

/// A pair's link of one kind as seen from the lower id's side and from the other's.
type Sides<'a> = (Option<&'a LinkFacts>, Option<&'a LinkFacts>);

/// How many links each finding names before it counts the rest.
pub const NAMED: usize = 10;

fn both_ways(link: &LinkFacts) -> bool {
    link.direction.trim().eq_ignore_ascii_case("both")
}

/// The findings, as sentences with the way out; `kinds` is the plan's list of link kinds.
pub fn link_findings(links: &[LinkFacts], kinds: &[String]) -> Vec<String> {
    let mut findings = Vec::new();
    let unknown: Vec<&LinkFacts> = links
        .iter()
        .filter(|l| word_of_list(&l.kind, kinds).is_none())
        .collect();
    for link in unknown.iter().take(NAMED) {
        findings.push(format!(
            "The link {} → {} is of the kind \"{}\", which is not in this plan's list of link \
             kinds; add the word to the list (W on the Partners tab) or give the link a kind of \
             the list.",
            link.from_name,
            link.to_name,
            link.kind.trim()
        ));
    }
    if unknown.len() > NAMED {
        findings.push(format!(
            "{} more links have a kind outside the list.",
            unknown.len() - NAMED
        ));
    }
    // Links by unordered pair and kind; a pair seen from both sides with a both-way link twice.
    let mut sides: HashMap<(i64, i64, String), Sides> = HashMap::new();
    for link in links {
        let kind = link.kind.trim().to_lowercase();
        let entry = sides
            .entry((link.from.min(link.to), link.from.max(link.to), kind))
            .or_default();
        let side = if link.from < link.to {
            &mut entry.0
        } else {
            &mut entry.1
        };
        side.get_or_insert(link);
    }
    let mut twice: Vec<&LinkFacts> = sides
        .values()
        .filter_map(|pair| match *pair {
            (Some(a), Some(b)) if both_ways(a) || both_ways(b) => Some(a),
            _ => None,
        })
        .collect();
    twice.sort_by(|a, b| {
        (&a.from_name, &a.to_name, &a.kind).cmp(&(&b.from_name, &b.to_name, &b.kind))
    });
    for link in twice.iter().take(NAMED) {
        findings.push(format!(
            "{} and {} have their \"{}\" link twice, once from each side, though it runs both \
             ways; delete one of the two (each undoable).",
            link.from_name,
            link.to_name,
            link.kind.trim()
        ));
    }
    if twice.len() > NAMED {
        findings.push(format!(
            "{} more pairs of partners have a both-way link twice.",
            twice.len() - NAMED
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(from: i64, to: i64, kind: &str, direction: &str) -> LinkFacts {
        let name = |id: i64| ["", "Acme", "Birch", "Cobalt"][id as usize].to_string();
        LinkFacts {
            from,
            to,
            from_name: name(from),
            to_name: name(to),
            kind: kind.into(),
            direction: direction.into(),
        }
    }

    fn kinds() -> Vec<String> {
        ["integrates with", "supplies"].map(String::from).to_vec()
    }

    #[test]
    fn a_both_way_link_recorded_from_each_side_is_flagged_once() {
        let links = [
            link(1, 2, "integrates with", "both"),
            link(2, 1, "Integrates With", "both"),
            // Two one-way links in opposite directions are two real flows, not a duplicate.
            link(1, 3, "supplies", "one way"),
            link(3, 1, "supplies", "one way"),
            // The same pair with another kind is another link.
            link(2, 1, "supplies", "both"),
        ];
        assert_eq!(
            link_findings(&links, &kinds()),
            [
                "Acme and Birch have their \"integrates with\" link twice, once from each side, \
              though it runs both ways; delete one of the two (each undoable)."
            ]
        );
        // One side both-way and the other one-way: still the same relationship twice.
        let mixed = [
            link(1, 2, "supplies", "one way"),
            link(2, 1, "supplies", "both"),
        ];
        assert_eq!(link_findings(&mixed, &kinds()).len(), 1);
    }

    #[test]
    fn a_kind_outside_the_list_is_named_and_many_are_counted() {
        let links = [link(1, 2, "resells", "both")];
        assert_eq!(
            link_findings(&links, &kinds()),
            [
                "The link Acme → Birch is of the kind \"resells\", which is not in this plan's list \
              of link kinds; add the word to the list (W on the Partners tab) or give the link a \
              kind of the list."
            ]
        );
        let many: Vec<LinkFacts> = (0..13).map(|_| link(1, 3, "resells", "one way")).collect();
        let findings = link_findings(&many, &kinds());
        assert_eq!(findings.len(), NAMED + 1);
        assert_eq!(
            findings[NAMED],
            "3 more links have a kind outside the list."
        );
        assert!(link_findings(&[link(1, 2, " SUPPLIES", "both")], &kinds()).is_empty());
    }
}
