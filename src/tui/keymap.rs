//! The keymap as data: (context, keys) → action, with a description. The status line's hints, the
//! `?` help and the `:` palette are all generated from it, so they never disagree with the keys.
//! A key itself (normalised, parsed, labelled) is in `key.rs`, where it is pressed in `context.rs`,
//! the default table in `defaults.rs`.

mod context;
mod defaults;
mod hints;
mod key;
mod spell;

pub use context::Context;
pub use hints::{Hint, fitted, needs_selection};
pub use key::Key;

use std::path::Path;

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use crate::config::{ConfigProblem, KeyOverride};
use defaults::defaults;

/// One binding: in `context`, any of `keys` runs `action`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    /// Shown in the status line's hints.
    pub hint: bool,
}

impl Binding {
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join("/")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults(),
        }
    }
}

impl Keymap {
    /// The defaults with the user's overrides applied; every override that cannot be used is
    /// reported (unknown context, action or key, a key that would block typing, a conflict).
    pub fn with_overrides(overrides: &[KeyOverride], file: &Path) -> (Keymap, Vec<ConfigProblem>) {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for binding in overrides {
            let key_name = format!("keys.{}.{}", binding.context, binding.action);
            let mut problem = |message: String| {
                problems.push(ConfigProblem {
                    file: file.to_path_buf(),
                    line: binding.line,
                    key: key_name.clone(),
                    message,
                });
            };
            let Some(context) = Context::ALL
                .iter()
                .copied()
                .find(|c| c.name() == binding.context)
            else {
                let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                problem(format!(
                    "unknown context {:?}; use one of {}",
                    binding.context,
                    names.join(", ")
                ));
                continue;
            };
            let Some(action) = Action::from_name(&binding.action) else {
                problem(format!(
                    "unknown action {:?}; the help screen (?) lists them",
                    binding.action
                ));
                continue;
            };
            let Some(index) = keymap
                .bindings
                .iter()
                .position(|b| b.context == context && b.action == action)
            else {
                let names: Vec<String> = keymap
                    .bindings
                    .iter()
                    .filter(|b| b.context == context)
                    .map(|b| b.action.name())
                    .collect();
                problem(format!(
                    "{} is not an action of the {} context; actions there: {}",
                    binding.action,
                    context.name(),
                    names.join(", ")
                ));
                continue;
            };
            let keys: Result<Vec<Key>, String> =
                binding.keys.iter().map(|k| Key::parse(k)).collect();
            let keys = match keys {
                Ok(keys) if keys.is_empty() => {
                    problem("needs at least one key".into());
                    continue;
                }
                Ok(keys) => keys,
                Err(message) => {
                    problem(message);
                    continue;
                }
            };
            if let Some(key) = keys.iter().find(|k| context.takes_text() && k.is_text()) {
                problem(format!(
                    "{} would stop you typing {:?} in fields; use a Ctrl- or Alt- key",
                    key.label(),
                    key.label()
                ));
                continue;
            }
            let clash = keymap.bindings.iter().find(|other| {
                other.action != action
                    && (other.context == context
                        || (context.uses_global() && other.context == Context::Global)
                        || (context == Context::Global && other.context.uses_global()))
                    && other.keys.iter().any(|k| keys.contains(k))
            });
            if let Some(other) = clash {
                let key = other
                    .keys
                    .iter()
                    .find(|k| keys.contains(k))
                    .map(Key::label)
                    .unwrap_or_default();
                problem(format!(
                    "{key} is already bound to {} in the {} context; choose another key or rebind that one too",
                    other.action.name(),
                    other.context.name()
                ));
                continue;
            }
            keymap.bindings[index].keys = keys;
        }
        (keymap, problems)
    }

    /// The action `key` runs in `context`, falling back to global bindings where they apply.
    pub fn action(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(key);
        let find = |context: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == context && b.keys.contains(&key))
                .map(|b| b.action)
        };
        find(context).or_else(|| {
            if context.uses_global() {
                find(Context::Global)
            } else {
                None
            }
        })
    }

    /// The bindings in effect in `context`, its own first, then the global ones that apply.
    pub fn bindings(&self, context: Context) -> Vec<&Binding> {
        let own = self.bindings.iter().filter(move |b| b.context == context);
        let global = self
            .bindings
            .iter()
            .filter(move |b| context.uses_global() && b.context == Context::Global);
        own.chain(global).collect()
    }

    /// The status line's hints for `context`: (keys, description), most useful first.
    pub fn hints(&self, context: Context) -> Vec<(String, String)> {
        self.bindings(context)
            .into_iter()
            .filter(|b| b.hint)
            .map(|b| {
                (
                    b.keys.first().map(Key::label).unwrap_or_default(),
                    b.action.hint(context),
                )
            })
            .collect()
    }

    /// The keys of `action` as the list binds it, else globally, else in forms.
    pub fn keys_for(&self, action: Action) -> Option<String> {
        self.keys_among(&[Context::List, Context::Global, Context::Form], action)
    }

    /// The keys of `action` where it is pressed in `context` (its own binding, else the global).
    pub fn keys_in(&self, context: Context, action: Action) -> Option<String> {
        self.keys_among(&[context, Context::Global], action)
    }

    /// The keys of `action` in the first of `contexts` that binds it.
    fn keys_among(&self, contexts: &[Context], action: Action) -> Option<String> {
        contexts
            .iter()
            .find_map(|c| {
                self.bindings
                    .iter()
                    .find(|b| b.context == *c && b.action == action)
            })
            .map(Binding::keys_label)
    }

    pub fn all(&self) -> &[Binding] {
        &self.bindings
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::config::KeyOverride;

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn override_(context: &str, action: &str, keys: &[&str]) -> KeyOverride {
        KeyOverride {
            context: context.into(),
            action: action.into(),
            keys: keys.iter().map(|k| (*k).into()).collect(),
            line: 7,
        }
    }

    #[test]
    fn every_default_key_name_parses() {
        let lines = defaults::default_lines();
        assert!(lines.len() > 100, "{} lines", lines.len());
        for (context, keys, action, _) in &lines {
            assert!(!keys.is_empty(), "{context:?} {action:?} has no key");
            for name in *keys {
                assert!(
                    Key::parse(name).is_ok(),
                    "{context:?} {action:?}: {name:?} does not parse"
                );
            }
        }
        // And the keymap keeps every one of them.
        let map = Keymap::default();
        let kept: usize = map.all().iter().map(|b| b.keys.len()).sum();
        let written: usize = lines.iter().map(|(_, keys, _, _)| keys.len()).sum();
        assert_eq!(kept, written);
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        let map = Keymap::default();
        for context in Context::ALL {
            let mut seen: Vec<(&Key, Action)> = Vec::new();
            for binding in map.all().iter().filter(|b| b.context == context) {
                for key in &binding.keys {
                    if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                        panic!(
                            "{context:?}: {} is both {first:?} and {:?}",
                            key.label(),
                            binding.action
                        );
                    }
                    seen.push((key, binding.action));
                }
            }
        }
    }

    #[test]
    fn list_falls_back_to_global_but_forms_do_not() {
        let map = Keymap::default();
        let q = event(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.action(Context::List, &q), Some(Action::Quit));
        assert_eq!(map.action(Context::Form, &q), None);
        let ctrl_c = event(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(Context::Form, &ctrl_c), Some(Action::ForceQuit));
        let shift_s = event(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(
            map.action(Context::List, &shift_s),
            Some(Action::SortReverse)
        );
    }

    #[test]
    fn overrides_replace_single_bindings() {
        let (map, problems) = Keymap::with_overrides(
            &[override_("list", "delete", &["x", "del"])],
            Path::new("c.toml"),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            map.action(
                Context::List,
                &event(KeyCode::Char('x'), KeyModifiers::NONE)
            ),
            Some(Action::Delete)
        );
        assert_eq!(
            map.action(
                Context::List,
                &event(KeyCode::Char('d'), KeyModifiers::NONE)
            ),
            None
        );
        assert_eq!(
            map.action(
                Context::List,
                &event(KeyCode::Char('a'), KeyModifiers::NONE)
            ),
            Some(Action::Add)
        );
        assert!(
            map.hints(Context::List)
                .contains(&("x".into(), "delete".into()))
        );
        assert!(
            map.hints(Context::List)
                .contains(&("/".into(), "filter".into()))
        );
    }

    #[test]
    fn bad_overrides_are_reported_with_line_and_key() {
        let (map, problems) = Keymap::with_overrides(
            &[
                override_("lists", "delete", &["x"]),
                override_("list", "explode", &["x"]),
                override_("list", "delete", &["a"]),
                override_("list", "delete", &["q"]),
                override_("form", "save", &["s"]),
                override_("list", "save", &["x"]),
                override_("list", "add", &["ctrl-"]),
            ],
            Path::new("c.toml"),
        );
        assert_eq!(problems.len(), 7, "{problems:#?}");
        assert!(
            problems
                .iter()
                .all(|p| p.line == 7 && p.file == Path::new("c.toml"))
        );
        assert!(problems[2].message.contains("already bound to add"));
        assert!(problems[3].message.contains("already bound to quit"));
        assert!(problems[4].message.contains("stop you typing"));
        assert_eq!(map, Keymap::default());
    }
}
