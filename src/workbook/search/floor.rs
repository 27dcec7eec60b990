//! The least name a filter's matches can have, so that a roster window in name order seeks to it
//! in the name index instead of walking every name before the first match.

/// Ends a row's first field (the name) in the index's text.
const FIELD_END: u8 = 0x01;

/// The least ASCII start of the matching rows' folded names, as a search meets them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Floor {
    least: Option<Vec<u8>>,
    /// A match was set without its text (a letter answered by the signature alone, a block
    /// that could not be read): the least name is unknown.
    blind: bool,
}

impl Floor {
    /// Notes a matching row's text (its folded name first).
    pub(super) fn offer(&mut self, row_text: &[u8]) {
        // The folded name's ASCII start: SQLite's NOCASE folds ASCII only, and every other byte
        // sorts after ASCII, so this start sorts at or before the stored name.
        let end = row_text
            .iter()
            .position(|&b| b == FIELD_END || !b.is_ascii())
            .unwrap_or(row_text.len());
        let name = row_text.get(..end).unwrap_or_default();
        if self.least.as_deref().is_none_or(|least| name < least) {
            self.least = Some(name.to_vec());
        }
    }

    pub(super) fn blind(&mut self) {
        self.blind = true;
    }

    pub(super) fn merge(&mut self, other: Floor) {
        self.blind |= other.blind;
        if let Some(name) = other.least {
            self.offer(&name);
        }
    }

    /// The least name, when every match was seen and there was one.
    pub(crate) fn bound(&self) -> Option<String> {
        let least = self.least.as_ref().filter(|_| !self.blind)?;
        String::from_utf8(least.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_ascii_start_of_the_names_seen_unless_one_was_not_seen() {
        let mut floor = Floor::default();
        assert_eq!(floor.bound(), None);
        floor.offer(b"meridian labs 7\x01dana\x01notes");
        floor.offer(b"orbital\x01x");
        floor.offer("meridián\u{1}".as_bytes());
        assert_eq!(floor.bound().as_deref(), Some("meridi"));
        let mut other = Floor::default();
        other.offer(b"cobalt");
        floor.merge(other);
        assert_eq!(floor.bound().as_deref(), Some("cobalt"));
        floor.blind();
        assert_eq!(floor.bound(), None);
    }
}
