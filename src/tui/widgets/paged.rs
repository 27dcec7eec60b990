//! The state of a list that holds only its visible window of rows, fetched by keyset paging.

use anyhow::Result;

use crate::workbook::{Keyed, Page};

/// Asks the workbook for up to `limit` rows at a place in the sort order.
pub type Fetch<'a, R> = dyn FnMut(Page<<R as Keyed>::Key>, usize) -> Result<Vec<R>> + 'a;

/// The visible rows of a list and which one is selected. Moving past either edge fetches the
/// next rows from the row at that edge, so a move costs one indexed query of a few rows.
#[derive(Debug, Clone)]
pub struct PagedWindow<R> {
    rows: Vec<R>,
    selected: usize,
    height: usize,
}

impl<R: Keyed + Clone> Default for PagedWindow<R> {
    fn default() -> Self {
        PagedWindow {
            rows: Vec::new(),
            selected: 0,
            height: 1,
        }
    }
}

impl<R: Keyed + Clone> PagedWindow<R> {
    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn selected(&self) -> Option<&R> {
        self.rows.get(self.selected)
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Adapts to a new visible height, keeping the top row where it is.
    pub fn set_height(&mut self, height: usize, fetch: &mut Fetch<'_, R>) -> Result<()> {
        let height = height.max(1);
        if height != self.height {
            self.height = height;
            self.reload(fetch)?;
        }
        Ok(())
    }

    /// Re-reads the window from its top row (after an edit, or when the data changed).
    pub fn reload(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        let selected_key = self.selected().map(Keyed::key);
        let rows = match self.rows.first() {
            Some(first) => fetch(Page::From(first.key()), self.height)?,
            None => fetch(Page::First, self.height)?,
        };
        self.rows = rows;
        self.fill_up(fetch)?;
        self.selected = selected_key
            .and_then(|key| self.rows.iter().position(|r| r.key() == key))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// When the window is short (rows deleted at the end), pulls earlier rows in above it.
    fn fill_up(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        let missing = self.height.saturating_sub(self.rows.len());
        if missing == 0 {
            return Ok(());
        }
        let earlier = match self.rows.first() {
            Some(first) => fetch(Page::Before(first.key()), missing)?,
            None => fetch(Page::Last, self.height)?,
        };
        self.selected += earlier.len();
        let mut rows = earlier;
        rows.append(&mut self.rows);
        self.rows = rows;
        Ok(())
    }

    pub fn top(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        self.rows = fetch(Page::First, self.height)?;
        self.selected = 0;
        Ok(())
    }

    pub fn bottom(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        self.rows = fetch(Page::Last, self.height)?;
        self.selected = self.rows.len().saturating_sub(1);
        Ok(())
    }

    pub fn down(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        if self.selected + 1 < self.rows.len() {
            self.selected += 1;
        } else if let Some(last) = self.rows.last() {
            let next = fetch(Page::After(last.key()), 1)?;
            if !next.is_empty() {
                self.rows.extend(next);
                if self.rows.len() > self.height {
                    self.rows.remove(0);
                }
                self.selected = self.rows.len() - 1;
            }
        }
        Ok(())
    }

    pub fn up(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        if self.selected > 0 {
            self.selected -= 1;
        } else if let Some(first) = self.rows.first() {
            let previous = fetch(Page::Before(first.key()), 1)?;
            if let Some(row) = previous.into_iter().next() {
                self.rows.insert(0, row);
                self.rows.truncate(self.height);
                self.selected = 0;
            }
        }
        Ok(())
    }

    pub fn page_down(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        let Some(last) = self.rows.last() else {
            return Ok(());
        };
        let next = fetch(Page::After(last.key()), self.height)?;
        if next.is_empty() {
            self.selected = self.rows.len().saturating_sub(1);
            return Ok(());
        }
        let mut rows = std::mem::take(&mut self.rows);
        rows.extend(next);
        let start = rows.len().saturating_sub(self.height);
        self.rows = rows.split_off(start);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    pub fn page_up(&mut self, fetch: &mut Fetch<'_, R>) -> Result<()> {
        let Some(first) = self.rows.first() else {
            return Ok(());
        };
        let mut previous = fetch(Page::Before(first.key()), self.height)?;
        if previous.is_empty() {
            self.selected = 0;
            return Ok(());
        }
        previous.append(&mut self.rows);
        previous.truncate(self.height);
        self.rows = previous;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Shows the window around the row with `key` (e.g. a row just added) and selects it.
    pub fn focus(&mut self, key: R::Key, fetch: &mut Fetch<'_, R>) -> Result<()> {
        let above = self.height / 2;
        let before = fetch(Page::Before(key.clone()), above)?;
        let after = fetch(Page::From(key.clone()), self.height - before.len())?;
        self.selected = before.len();
        self.rows = before;
        self.rows.extend(after);
        self.fill_up(fetch)?;
        self.selected = self.rows.iter().position(|r| r.key() == key).unwrap_or(0);
        Ok(())
    }

    /// Selects the visible row at `index` (a mouse click).
    pub fn select_visible(&mut self, index: usize) {
        if index < self.rows.len() {
            self.selected = index;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Row(u32);

    impl Keyed for Row {
        type Key = u32;
        fn key(&self) -> u32 {
            self.0
        }
    }

    /// A sorted "table" of the given numbers, paged like the workbook pages.
    fn source(data: Vec<u32>) -> impl FnMut(Page<u32>, usize) -> Result<Vec<Row>> {
        move |page, limit| {
            let rows: Vec<Row> = match page {
                Page::First => data.iter().take(limit).map(|n| Row(*n)).collect(),
                Page::Last => {
                    let start = data.len().saturating_sub(limit);
                    data[start..].iter().map(|n| Row(*n)).collect()
                }
                Page::After(k) => data
                    .iter()
                    .filter(|n| **n > k)
                    .take(limit)
                    .map(|n| Row(*n))
                    .collect(),
                Page::From(k) => data
                    .iter()
                    .filter(|n| **n >= k)
                    .take(limit)
                    .map(|n| Row(*n))
                    .collect(),
                Page::Before(k) => {
                    let earlier: Vec<u32> = data.iter().copied().filter(|n| *n < k).collect();
                    let start = earlier.len().saturating_sub(limit);
                    earlier[start..].iter().map(|n| Row(*n)).collect()
                }
            };
            Ok(rows)
        }
    }

    fn keys(window: &PagedWindow<Row>) -> Vec<u32> {
        window.rows().iter().map(|r| r.0).collect()
    }

    #[test]
    fn moves_and_pages_through_the_edges() {
        let mut fetch = source((1..=10).collect());
        let mut w = PagedWindow::default();
        w.set_height(3, &mut fetch).unwrap();
        assert_eq!(keys(&w), [1, 2, 3]);
        for _ in 0..3 {
            w.down(&mut fetch).unwrap();
        }
        assert_eq!((keys(&w), w.selected().unwrap().0), (vec![2, 3, 4], 4));
        w.page_down(&mut fetch).unwrap();
        assert_eq!(keys(&w), [5, 6, 7]);
        w.bottom(&mut fetch).unwrap();
        assert_eq!((keys(&w), w.selected().unwrap().0), (vec![8, 9, 10], 10));
        w.down(&mut fetch).unwrap();
        assert_eq!(w.selected().unwrap().0, 10);
        w.page_up(&mut fetch).unwrap();
        assert_eq!(keys(&w), [5, 6, 7]);
        w.top(&mut fetch).unwrap();
        w.up(&mut fetch).unwrap();
        assert_eq!((keys(&w), w.selected().unwrap().0), (vec![1, 2, 3], 1));
    }

    #[test]
    fn reload_after_deleting_the_last_rows_pulls_earlier_rows_in() {
        let mut fetch = source((1..=10).collect());
        let mut w = PagedWindow::default();
        w.set_height(3, &mut fetch).unwrap();
        w.bottom(&mut fetch).unwrap();
        let mut fetch = source((1..=8).collect());
        w.reload(&mut fetch).unwrap();
        assert_eq!(keys(&w), [6, 7, 8]);
        assert_eq!(w.selected().unwrap().0, 8);
    }

    #[test]
    fn focus_centres_the_row_and_empty_lists_stay_empty() {
        let mut fetch = source((1..=20).collect());
        let mut w = PagedWindow::default();
        w.set_height(5, &mut fetch).unwrap();
        w.focus(12, &mut fetch).unwrap();
        assert_eq!(
            (keys(&w), w.selected().unwrap().0),
            (vec![10, 11, 12, 13, 14], 12)
        );
        w.focus(20, &mut fetch).unwrap();
        assert_eq!(
            (keys(&w), w.selected().unwrap().0),
            (vec![16, 17, 18, 19, 20], 20)
        );
        let mut empty = source(Vec::new());
        let mut w: PagedWindow<Row> = PagedWindow::default();
        w.reload(&mut empty).unwrap();
        w.down(&mut empty).unwrap();
        w.page_up(&mut empty).unwrap();
        assert!(w.selected().is_none());
    }
}
