//! Drawing the Ecosystem view: the map and its panel, the matrix or offerings over them, and
//! the forms and pick-lists open on top.

// The view's own types and the names it imports.
use super::*;

impl EcosystemView {
    /// Draws the view; every key named on it (forms, pick-lists, the matrix) as `keymap`
    /// binds it.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let Some(parts) = panel::two_parts(area, buf, area.width >= 100, 58) else {
            return;
        };
        match &self.shown {
            Shown::Offerings(pane) => {
                return self.draw_over(|a, b| pane.render(a, b, theme), area, buf, theme, keymap);
            }
            Shown::Matrix(matrix) => {
                let title = format!(
                    " Links among the {} partners on the map ",
                    matrix.partners.len()
                );
                return self.draw_over(
                    |a, b| matrix.render(&title, a, b, theme, keymap),
                    area,
                    buf,
                    theme,
                    keymap,
                );
            }
            Shown::Map => render_map(&self.scene, parts[0], buf, theme),
        }
        panel::render(
            &panel::Panel {
                name: self.selected_name(),
                mark: self
                    .data
                    .marks
                    .get(&self.selected)
                    .map_or("", String::as_str),
                links: &self.links,
                offerings: &self.offerings,
                selected_id: self.selected_id(),
                summary: &self.summary,
                link_count: self.link_count,
                updating: self.figures_due || self.reading(),
                reading: self.first_reading(),
                letter: &|kind| self.data.kind_letter(kind),
            },
            parts[1],
            buf,
            theme,
        );
        self.draw_popups(area, buf, theme, keymap);
    }

    /// The offerings or the matrix in the whole area, with any picker or form over them.
    fn draw_over(
        &self,
        body: impl FnOnce(Rect, &mut Buffer),
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        body(area, buf);
        self.draw_popups(area, buf, theme, keymap);
    }

    fn draw_popups(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let (form, picker) = match &self.popup {
            Popup::None => (None, None),
            Popup::Picker(_, picker) => (None, Some(picker)),
            Popup::Link(open) => (Some(&open.form), None),
            Popup::Offering(open, ticking) => {
                (Some(open.form()), ticking.as_ref().map(|t| &t.picker))
            }
        };
        if let Some(form) = form {
            let width = area.width.saturating_sub(4).min(72);
            let popup = crate::tui::widgets::centered(area, width, form.height(width));
            form.render_keys(popup, buf, theme, keymap);
        }
        if let Some(picker) = picker {
            picker.render_keys(area, buf, theme, keymap);
        }
    }
}
