//! The names of a network's partners, all in a few large texts: a million names cost their
//! letters and four bytes each, instead of a string's 24 bytes and an allocation of its own; and
//! the texts are filled a mebibyte at a time, so no growing text is ever copied (a single text
//! of 21 MB, doubled as it grew, held 48 MB at once).

/// Letters a text holds before the next one starts (a longer name gets a text of its own size).
const CHUNK: usize = 1 << 20;

/// Name `i` ends at `ends[i]` in its text and starts where name `i - 1` ended, or at 0 when it
/// is its text's first (`firsts` holds the first name of each text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    texts: Vec<String>,
    firsts: Vec<usize>,
    ends: Vec<u32>,
}

impl Names {
    /// Room for `names` names, so that their ends are never copied as they come.
    pub fn with_capacity(names: usize) -> Names {
        Names {
            ends: Vec::with_capacity(names),
            ..Names::default()
        }
    }

    /// Adds a name at the end.
    pub fn push(&mut self, name: &str) {
        let fits = self
            .texts
            .last()
            .is_some_and(|text| text.len() + name.len() <= text.capacity());
        if !fits {
            self.texts
                .push(String::with_capacity(CHUNK.max(name.len())));
            self.firsts.push(self.ends.len());
        }
        if let Some(text) = self.texts.last_mut() {
            text.push_str(name);
            // Texts are at most a mebibyte or one name: always within u32.
            self.ends
                .push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = usize::try_from(*self.ends.get(i)?).ok()?;
        let chunk = self
            .firsts
            .partition_point(|&first| first <= i)
            .checked_sub(1)?;
        let start = if self.firsts[chunk] == i {
            0
        } else {
            usize::try_from(self.ends[i - 1]).ok()?
        };
        self.texts.get(chunk)?.get(start..end)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or(""))
    }
}

impl<S: AsRef<str>> FromIterator<S> for Names {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Names {
        let mut all = Names::default();
        for name in names {
            all.push(name.as_ref());
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_comes_back_as_it_went_in() {
        let given = ["Acme", "", "Ünïcode GmbH", "x", ""];
        let names: Names = given.iter().collect();
        assert_eq!(names.len(), given.len());
        for (i, name) in given.iter().enumerate() {
            assert_eq!(names.get(i), Some(*name), "name {i}");
        }
        assert_eq!(names.get(given.len()), None);
        assert_eq!(names.iter().collect::<Vec<_>>(), given);
        assert!(Names::default().is_empty());
    }

    #[test]
    fn names_across_many_texts_and_one_longer_than_a_text_come_back() {
        // 300,000 names of 7 to 12 letters fill several texts; one name is longer than a text.
        let mut given: Vec<String> = (0..300_000).map(|i| format!("Partner {i}")).collect();
        given.insert(150_000, "y".repeat(CHUNK + 5));
        let names: Names = given.iter().collect();
        assert!(names.texts.len() > 3, "{} texts", names.texts.len());
        assert!(names.texts.iter().all(|t| t.len() <= t.capacity()));
        for (i, name) in given.iter().enumerate() {
            assert_eq!(names.get(i), Some(name.as_str()), "name {i}");
        }
    }
}
