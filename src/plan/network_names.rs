//! The names of a network's partners, all in one text: a million names cost their letters and
//! four bytes each, instead of a string's 24 bytes and an allocation of its own.

/// Name `i` is `text[ends[i - 1]..ends[i]]` (from 0 for the first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    text: String,
    ends: Vec<u32>,
}

impl Names {
    /// Room for `names` names of `bytes` bytes in all, so that filling it never copies it.
    pub fn with_capacity(names: usize, bytes: usize) -> Names {
        Names {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(names),
        }
    }

    /// Adds a name at the end. The text stops growing at 4 GiB: a name past it is kept empty.
    pub fn push(&mut self, name: &str) {
        if u32::try_from(self.text.len() + name.len()).is_ok() {
            self.text.push_str(name);
        }
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = usize::try_from(*self.ends.get(i)?).ok()?;
        let start = match i.checked_sub(1) {
            Some(before) => usize::try_from(self.ends[before]).ok()?,
            None => 0,
        };
        self.text.get(start..end)
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
}
