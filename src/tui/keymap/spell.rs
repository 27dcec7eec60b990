//! Key names in sentences users read come from the keymap, so an override changes them too:
//! text says `‹undo›` or `‹risks:facets›` (an action's config name, after its context's) and
//! `Keymap::spell` puts the key in its place.

use super::{Context, Keymap};
use crate::tui::action::Action;

impl Keymap {
    /// `text` with every `‹action›` / `‹context:action›` replaced by the action's first key
    /// (in that context, else the list's or the global one); an unknown name stays as written.
    pub fn spell(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find('‹') {
            out.push_str(&rest[..start]);
            let after = &rest[start + '‹'.len_utf8()..];
            let Some(end) = after.find('›') else {
                out.push_str(&rest[start..]);
                return out;
            };
            let name = &after[..end];
            match self.key_named(name) {
                Some(key) => out.push_str(&key),
                None => out.push_str(&rest[start..start + '‹'.len_utf8() + end + '›'.len_utf8()]),
            }
            rest = &after[end + '›'.len_utf8()..];
        }
        out.push_str(rest);
        out
    }

    fn key_named(&self, name: &str) -> Option<String> {
        let (context, action) = match name.split_once(':') {
            Some((context, action)) => (
                Context::ALL.iter().copied().find(|c| c.name() == context)?,
                action,
            ),
            None => (Context::List, name),
        };
        let action = Action::from_name(action)?;
        [context, Context::List, Context::Global]
            .iter()
            .find_map(|c| {
                self.bindings
                    .iter()
                    .find(|b| b.context == *c && b.action == action)
            })
            .and_then(|b| b.keys.first())
            .map(super::Key::label)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::KeyOverride;

    #[test]
    fn names_become_the_keys_in_effect() {
        let map = Keymap::default();
        assert_eq!(map.spell("(‹undo› undoes it)"), "(u undoes it)");
        assert_eq!(map.spell("‹risks:facets› changes it"), "f changes it");
        assert_eq!(map.spell("‹decision-aid:answer-yes› yes"), "y yes");
        assert_eq!(map.spell("‹nonsense› stays"), "‹nonsense› stays");
        assert_eq!(map.spell("no tokens ‹"), "no tokens ‹");
        let (map, problems) = Keymap::with_overrides(
            &[KeyOverride {
                context: "global".into(),
                action: "undo".into(),
                keys: vec!["ctrl-z".into()],
                line: 1,
            }],
            Path::new("c.toml"),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map.spell("(‹undo› undoes it)"), "(Ctrl-z undoes it)");
    }
}
