//! Runs of typed characters: consecutive plain character keys already waiting, handed on
//! together so that a text field takes them in one go.
//!
//! A terminal without bracketed paste (or `tmux send-keys`) sends text as one key per
//! character. The text-area widget measures its whole text on every edit, so 10,000 such keys
//! inserted one by one into a note took seconds; as one run they cost one measure.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::Input;

/// What the app handles next, in the order it came.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Plain character keys, one after another (at least one).
    Typed(Vec<KeyEvent>),
    /// Anything else: another key, a paste, a click, a resize, a note on a paste.
    Input(Input),
}

/// The key when it types a plain character: pressed, no Ctrl or Alt (Shift is part of the
/// character), and a character that shows (never a control character).
pub fn plain_char(event: &Event) -> Option<KeyEvent> {
    let Event::Key(key) = event else {
        return None;
    };
    let typing = key.kind == KeyEventKind::Press
        && (key.modifiers - KeyModifiers::SHIFT).is_empty()
        && matches!(key.code, KeyCode::Char(c) if !c.is_control());
    typing.then_some(*key)
}

/// The characters `keys` type.
pub fn text_of(keys: &[KeyEvent]) -> String {
    keys.iter()
        .filter_map(|key| match key.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Groups `inputs` into steps: each run of plain character keys becomes one `Typed` step, every
/// other input stays a step of its own, and the order is kept.
pub fn group(inputs: impl IntoIterator<Item = Input>) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut run: Vec<KeyEvent> = Vec::new();
    for input in inputs {
        if let Input::Event(event) = &input
            && let Some(key) = plain_char(event)
        {
            run.push(key);
            continue;
        }
        if !run.is_empty() {
            steps.push(Step::Typed(std::mem::take(&mut run)));
        }
        steps.push(Step::Input(input));
    }
    if !run.is_empty() {
        steps.push(Step::Typed(run));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventState, MouseEvent, MouseEventKind};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Input {
        Input::Event(Event::Key(KeyEvent::new(code, modifiers)))
    }

    fn char_key(c: char) -> Input {
        key(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn typed(text: &str) -> Step {
        Step::Typed(
            text.chars()
                .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
                .collect(),
        )
    }

    #[test]
    fn consecutive_characters_make_one_run_and_other_keys_end_it_in_order() {
        let inputs = "ab"
            .chars()
            .map(char_key)
            .chain([key(KeyCode::Enter, KeyModifiers::NONE)])
            .chain("cd".chars().map(char_key))
            .chain([Input::Event(Event::Paste("pasted".into()))])
            .chain([char_key('e')]);
        assert_eq!(
            group(inputs),
            vec![
                typed("ab"),
                Step::Input(key(KeyCode::Enter, KeyModifiers::NONE)),
                typed("cd"),
                Step::Input(Input::Event(Event::Paste("pasted".into()))),
                typed("e"),
            ]
        );
    }

    #[test]
    fn ctrl_alt_control_characters_and_releases_are_not_typing() {
        let ctrl_s = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        let alt_x = key(KeyCode::Char('x'), KeyModifiers::ALT);
        let tab_char = char_key('\t');
        let mut release = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        release.state = KeyEventState::NONE;
        let click = Input::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 1,
            row: 1,
            modifiers: KeyModifiers::NONE,
        }));
        let inputs = vec![
            char_key('a'),
            ctrl_s.clone(),
            char_key('b'),
            alt_x.clone(),
            tab_char.clone(),
            Input::Event(Event::Key(release)),
            click.clone(),
            char_key('c'),
        ];
        assert_eq!(
            group(inputs),
            vec![
                typed("a"),
                Step::Input(ctrl_s),
                typed("b"),
                Step::Input(alt_x),
                Step::Input(tab_char),
                Step::Input(Input::Event(Event::Key(release))),
                Step::Input(click),
                typed("c"),
            ]
        );
    }

    #[test]
    fn shifted_characters_keep_their_key_in_the_run() {
        let upper = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        let steps = group([Input::Event(Event::Key(upper)), char_key('b')]);
        let [Step::Typed(keys)] = steps.as_slice() else {
            panic!("one run: {steps:?}");
        };
        assert_eq!(keys[0], upper);
        assert_eq!(text_of(keys), "Ab");
    }

    #[test]
    fn nothing_waiting_is_no_step() {
        assert!(group(Vec::new()).is_empty());
    }
}
