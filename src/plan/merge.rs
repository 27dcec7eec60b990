//! The three-way merge's rules, record by record and field by field: what the common base, our
//! copy and their copy hold decides whether a change is taken, kept or put to the user.

/// Which copy a value or a decision comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn word(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}

/// What a field becomes when both copies are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldMerge {
    /// Both copies hold the same value (changed the same way, or not at all).
    Same,
    /// Only their copy changed it: take theirs.
    TakeTheirs,
    /// Only our copy changed it: keep ours.
    KeepOurs,
    /// Both changed it differently, or there is no base to tell who did: the user decides.
    Conflict,
}

/// One field: `base` is `None` when no common base is known, and then any difference is a
/// conflict — never "theirs wins".
pub fn field<T: PartialEq>(base: Option<&T>, ours: &T, theirs: &T) -> FieldMerge {
    if ours == theirs {
        return FieldMerge::Same;
    }
    match base {
        Some(base) if base == ours => FieldMerge::TakeTheirs,
        Some(base) if base == theirs => FieldMerge::KeepOurs,
        _ => FieldMerge::Conflict,
    }
}

/// Whether a copy holds a record, and if it does not, whether it says it deleted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Present,
    /// Absent, with a tombstone (or absent where the base had it).
    Deleted,
    /// Absent and never known to this copy.
    Unknown,
}

/// What happens to one record (matched by UUID) when the copies are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordMerge {
    /// Only ours has it, or theirs deleted nothing: nothing to do.
    Keep,
    /// Only their copy has it, and ours never had it: add it.
    Add,
    /// Both have it: merge field by field.
    Fields,
    /// Their copy deleted it and ours did not change it: delete it.
    Delete,
    /// Deleted in ours and not changed in theirs (or deleted in both): stays deleted.
    StaysDeleted,
    /// Deleted in one copy and changed in the other: the user decides. The side names who
    /// deleted it.
    DeleteOrKeep(Side),
}

/// The record-level rule. `changed_ours` / `changed_theirs` say whether that copy's record differs
/// from the base's (`true` when there is no base: without one, nobody can say it did not change).
pub fn record(
    ours: Presence,
    theirs: Presence,
    changed_ours: bool,
    changed_theirs: bool,
) -> RecordMerge {
    use Presence::*;
    match (ours, theirs) {
        (Present, Present) => RecordMerge::Fields,
        (Present, Unknown) => RecordMerge::Keep,
        (Present, Deleted) if changed_ours => RecordMerge::DeleteOrKeep(Side::Theirs),
        (Present, Deleted) => RecordMerge::Delete,
        (Unknown, Present) => RecordMerge::Add,
        (Deleted, Present) if changed_theirs => RecordMerge::DeleteOrKeep(Side::Ours),
        (Deleted, Present) => RecordMerge::StaysDeleted,
        (Deleted | Unknown, Deleted | Unknown) => RecordMerge::StaysDeleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_changed_on_one_side_takes_that_side() {
        assert_eq!(field(Some(&3), &2, &3), FieldMerge::KeepOurs);
        assert_eq!(field(Some(&3), &3, &2), FieldMerge::TakeTheirs);
    }

    #[test]
    fn a_field_changed_alike_on_both_sides_is_fine() {
        assert_eq!(field(Some(&3), &2, &2), FieldMerge::Same);
        assert_eq!(field(Some(&3), &3, &3), FieldMerge::Same);
    }

    #[test]
    fn a_field_changed_differently_on_both_sides_is_a_conflict() {
        assert_eq!(field(Some(&3), &1, &2), FieldMerge::Conflict);
    }

    #[test]
    fn without_a_base_every_difference_is_a_conflict_never_theirs_wins() {
        assert_eq!(field(None, &2, &3), FieldMerge::Conflict);
        assert_eq!(field(None::<&i32>, &2, &2), FieldMerge::Same);
    }

    #[test]
    fn records_present_on_one_side() {
        use Presence::*;
        assert_eq!(record(Present, Unknown, true, true), RecordMerge::Keep);
        assert_eq!(record(Unknown, Present, true, true), RecordMerge::Add);
    }

    #[test]
    fn a_deletion_travels_unless_the_other_side_changed_the_record() {
        use Presence::*;
        assert_eq!(record(Present, Deleted, false, false), RecordMerge::Delete);
        assert_eq!(
            record(Present, Deleted, true, false),
            RecordMerge::DeleteOrKeep(Side::Theirs)
        );
        assert_eq!(
            record(Deleted, Present, false, false),
            RecordMerge::StaysDeleted
        );
        assert_eq!(
            record(Deleted, Present, false, true),
            RecordMerge::DeleteOrKeep(Side::Ours)
        );
    }

    #[test]
    fn deleted_on_both_sides_stays_deleted() {
        use Presence::*;
        assert_eq!(
            record(Deleted, Deleted, true, true),
            RecordMerge::StaysDeleted
        );
        assert_eq!(
            record(Deleted, Unknown, true, true),
            RecordMerge::StaysDeleted
        );
    }

    #[test]
    fn both_present_merges_field_by_field() {
        assert_eq!(
            record(Presence::Present, Presence::Present, true, true),
            RecordMerge::Fields
        );
    }
}
