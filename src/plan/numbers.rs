//! How counts are written for people: thousands separators and a noun that agrees with the count.

/// 1204 → "1,204".
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// "1 gap", "0 gaps", "1,204 roles": the count, grouped, and the noun that agrees with it.
pub fn count_of(n: usize, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    format!("{} {noun}", group_thousands(n))
}

/// "1,204 partners", or "12 of 1,204 partners" when a filter narrows them.
pub fn count_of_total(matching: i64, total: i64, singular: &str, plural: &str) -> String {
    let noun = if total == 1 { singular } else { plural };
    if matching == total {
        format!("{} {noun}", group_thousands(total))
    } else {
        format!(
            "{} of {} {noun}",
            group_thousands(matching),
            group_thousands(total)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_with_commas() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_204), "1,204");
        assert_eq!(group_thousands(100_000), "100,000");
        assert_eq!(group_thousands(-1_234_567), "-1,234,567");
    }

    #[test]
    fn the_noun_agrees_with_the_count() {
        assert_eq!(count_of(0, "gap", "gaps"), "0 gaps");
        assert_eq!(count_of(1, "gap", "gaps"), "1 gap");
        assert_eq!(count_of(2, "gap", "gaps"), "2 gaps");
        assert_eq!(count_of(1_000, "role", "roles"), "1,000 roles");
    }
}
