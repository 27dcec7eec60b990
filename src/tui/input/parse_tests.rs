//! The byte parser's rules, one class of sequence at a time, and a random-bytes fuzz.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::super::Input;
use super::super::paste::{MAX_BYTES, PasteNote};
use super::{MAX_SEQUENCE, Parser, Waiting};
use crate::workbook::Rng;

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn feed(parser: &mut Parser, bytes: &[u8]) -> Vec<Input> {
    let mut out = Vec::new();
    parser.feed(bytes, &mut out);
    out
}

fn parse(bytes: &[u8]) -> Vec<Input> {
    feed(&mut Parser::new(), bytes)
}

fn expire(parser: &mut Parser) -> Vec<Input> {
    let mut out = Vec::new();
    parser.expire(&mut out);
    out
}

fn k(code: KeyCode, modifiers: KeyModifiers) -> Input {
    Input::Event(Event::Key(KeyEvent::new(code, modifiers)))
}

fn ch(c: char) -> Input {
    k(KeyCode::Char(c), NONE)
}

fn pasted(text: &str) -> Input {
    Input::Event(Event::Paste(text.into()))
}

fn click(kind: MouseEventKind, column: u16, row: u16, modifiers: KeyModifiers) -> Input {
    Input::Event(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    }))
}

#[test]
fn printable_text_and_utf8_split_across_reads() {
    assert_eq!(parse(b"ab"), [ch('a'), ch('b')]);
    assert_eq!(parse(b"G"), [k(KeyCode::Char('G'), SHIFT)]);
    assert_eq!(
        parse(" é€😀".as_bytes()),
        [ch(' '), ch('é'), ch('€'), ch('😀')]
    );
    let emoji = "😀".as_bytes();
    for cut in 1..emoji.len() {
        let mut parser = Parser::new();
        assert!(feed(&mut parser, &emoji[..cut]).is_empty(), "cut at {cut}");
        assert_eq!(parser.waiting(), Waiting::Sequence);
        assert_eq!(feed(&mut parser, &emoji[cut..]), [ch('😀')], "cut at {cut}");
        assert_eq!(parser.waiting(), Waiting::Nothing);
    }
}

#[test]
fn invalid_utf8_is_dropped_not_typed() {
    assert_eq!(parse(b"a\xffb\x80c"), [ch('a'), ch('b'), ch('c')]);
    // A lead byte followed by something that cannot continue it.
    assert_eq!(parse(b"\xc3x"), [ch('x')]);
    // Half a character that never gets its end.
    let mut parser = Parser::new();
    assert!(feed(&mut parser, b"\xe2\x82").is_empty());
    assert!(expire(&mut parser).is_empty());
    assert_eq!(feed(&mut parser, b"z"), [ch('z')]);
}

#[test]
fn control_bytes_are_ctrl_keys() {
    assert_eq!(parse(b"\x01"), [k(KeyCode::Char('a'), CTRL)]);
    assert_eq!(parse(b"\x13"), [k(KeyCode::Char('s'), CTRL)]);
    assert_eq!(parse(b"\x1a"), [k(KeyCode::Char('z'), CTRL)]);
    assert_eq!(parse(b"\x12\x05\x0f"), {
        [
            k(KeyCode::Char('r'), CTRL),
            k(KeyCode::Char('e'), CTRL),
            k(KeyCode::Char('o'), CTRL),
        ]
    });
    assert_eq!(parse(b"\t"), [k(KeyCode::Tab, NONE)]);
    assert_eq!(
        parse(b"\r\n"),
        [k(KeyCode::Enter, NONE), k(KeyCode::Enter, NONE)]
    );
    assert_eq!(
        parse(b"\x7f\x08"),
        [k(KeyCode::Backspace, NONE), k(KeyCode::Backspace, NONE)]
    );
    assert_eq!(parse(b"\x00"), [k(KeyCode::Char(' '), CTRL)]);
    assert_eq!(parse(b"\x1c"), [k(KeyCode::Char('4'), CTRL)]);
}

#[test]
fn a_lone_esc_is_the_esc_key_once_nothing_follows() {
    let mut parser = Parser::new();
    assert!(feed(&mut parser, b"\x1b").is_empty());
    assert_eq!(parser.waiting(), Waiting::Sequence);
    assert_eq!(expire(&mut parser), [k(KeyCode::Esc, NONE)]);
    assert_eq!(parser.waiting(), Waiting::Nothing);
    // Twice in one read: two keys.
    let mut parser = Parser::new();
    assert_eq!(feed(&mut parser, b"\x1b\x1b"), [k(KeyCode::Esc, NONE)]);
    assert_eq!(expire(&mut parser), [k(KeyCode::Esc, NONE)]);
    // The start of a sequence that stops: an Alt key, or nothing.
    let mut parser = Parser::new();
    feed(&mut parser, b"\x1b[");
    assert_eq!(expire(&mut parser), [k(KeyCode::Char('['), ALT)]);
    feed(&mut parser, b"\x1bO");
    assert_eq!(expire(&mut parser), [k(KeyCode::Char('O'), ALT | SHIFT)]);
    feed(&mut parser, b"\x1b[1;");
    assert!(expire(&mut parser).is_empty());
    assert_eq!(feed(&mut parser, b"j"), [ch('j')]);
}

#[test]
fn esc_before_a_key_is_alt() {
    assert_eq!(parse(b"\x1bx"), [k(KeyCode::Char('x'), ALT)]);
    assert_eq!(parse(b"\x1bX"), [k(KeyCode::Char('X'), ALT | SHIFT)]);
    assert_eq!(parse("\x1bé".as_bytes()), [k(KeyCode::Char('é'), ALT)]);
    assert_eq!(parse(b"\x1b\r"), [k(KeyCode::Enter, ALT)]);
    assert_eq!(parse(b"\x1b\x7f"), [k(KeyCode::Backspace, ALT)]);
    assert_eq!(parse(b"\x1b\x13"), [k(KeyCode::Char('s'), CTRL | ALT)]);
}

#[test]
fn cursor_and_edit_keys_in_every_form() {
    let cases: &[(&[u8], KeyCode, KeyModifiers)] = &[
        (b"\x1b[A", KeyCode::Up, NONE),
        (b"\x1b[B", KeyCode::Down, NONE),
        (b"\x1b[C", KeyCode::Right, NONE),
        (b"\x1b[D", KeyCode::Left, NONE),
        (b"\x1bOA", KeyCode::Up, NONE),
        (b"\x1bOD", KeyCode::Left, NONE),
        (b"\x1b[1;5A", KeyCode::Up, CTRL),
        (b"\x1b[1;2C", KeyCode::Right, SHIFT),
        (b"\x1b[1;3D", KeyCode::Left, ALT),
        (b"\x1b[1;6B", KeyCode::Down, CTRL.union(SHIFT)),
        (b"\x1bO5A", KeyCode::Up, CTRL),
        (b"\x1b[H", KeyCode::Home, NONE),
        (b"\x1b[F", KeyCode::End, NONE),
        (b"\x1bOH", KeyCode::Home, NONE),
        (b"\x1bOF", KeyCode::End, NONE),
        (b"\x1b[1~", KeyCode::Home, NONE),
        (b"\x1b[7~", KeyCode::Home, NONE),
        (b"\x1b[4~", KeyCode::End, NONE),
        (b"\x1b[8~", KeyCode::End, NONE),
        (b"\x1b[2~", KeyCode::Insert, NONE),
        (b"\x1b[3~", KeyCode::Delete, NONE),
        (b"\x1b[3;5~", KeyCode::Delete, CTRL),
        (b"\x1b[5~", KeyCode::PageUp, NONE),
        (b"\x1b[6~", KeyCode::PageDown, NONE),
        (b"\x1b[5;2~", KeyCode::PageUp, SHIFT),
        (b"\x1b[Z", KeyCode::BackTab, SHIFT),
        (b"\x1bOM", KeyCode::Enter, NONE),
    ];
    for (bytes, code, modifiers) in cases {
        assert_eq!(parse(bytes), [k(*code, *modifiers)], "{bytes:?}");
    }
}

#[test]
fn function_keys_f1_to_f12() {
    let cases: &[(&[u8], u8, KeyModifiers)] = &[
        (b"\x1bOP", 1, NONE),
        (b"\x1bOQ", 2, NONE),
        (b"\x1bOR", 3, NONE),
        (b"\x1bOS", 4, NONE),
        (b"\x1b[11~", 1, NONE),
        (b"\x1b[15~", 5, NONE),
        (b"\x1b[17~", 6, NONE),
        (b"\x1b[18~", 7, NONE),
        (b"\x1b[19~", 8, NONE),
        (b"\x1b[20~", 9, NONE),
        (b"\x1b[21~", 10, NONE),
        (b"\x1b[23~", 11, NONE),
        (b"\x1b[24~", 12, NONE),
        (b"\x1b[1;5P", 1, CTRL),
        (b"\x1b[15;2~", 5, SHIFT),
        (b"\x1b[[A", 1, NONE),
        (b"\x1b[[E", 5, NONE),
    ];
    for (bytes, n, modifiers) in cases {
        assert_eq!(parse(bytes), [k(KeyCode::F(*n), *modifiers)], "{bytes:?}");
    }
}

#[test]
fn sequences_split_at_every_byte_parse_the_same() {
    let all: &[u8] = b"\x1b[1;5A\x1b[5;2~\x1bOP\x1b[<0;10;5Mx\x1b[200~a\r\nb\x1b[201~\x1b[Z";
    let whole = parse(all);
    assert_eq!(whole.len(), 7, "{whole:?}");
    for cut in 1..all.len() {
        let mut parser = Parser::new();
        let mut out = feed(&mut parser, &all[..cut]);
        out.extend(feed(&mut parser, &all[cut..]));
        assert_eq!(out, whole, "cut at {cut}");
    }
}

#[test]
fn sgr_mouse_press_release_drag_wheel_and_modifiers() {
    use MouseEventKind::*;
    let cases: &[(&[u8], MouseEventKind, u16, u16, KeyModifiers)] = &[
        (b"\x1b[<0;10;5M", Down(MouseButton::Left), 9, 4, NONE),
        (b"\x1b[<0;10;5m", Up(MouseButton::Left), 9, 4, NONE),
        (b"\x1b[<1;1;1M", Down(MouseButton::Middle), 0, 0, NONE),
        (b"\x1b[<2;300;100M", Down(MouseButton::Right), 299, 99, NONE),
        (b"\x1b[<32;11;5M", Drag(MouseButton::Left), 10, 4, NONE),
        (b"\x1b[<35;3;3M", Moved, 2, 2, NONE),
        (b"\x1b[<64;4;2M", ScrollUp, 3, 1, NONE),
        (b"\x1b[<65;4;2M", ScrollDown, 3, 1, NONE),
        (b"\x1b[<4;1;1M", Down(MouseButton::Left), 0, 0, SHIFT),
        (b"\x1b[<8;1;1M", Down(MouseButton::Left), 0, 0, ALT),
        (b"\x1b[<16;1;1M", Down(MouseButton::Left), 0, 0, CTRL),
        (b"\x1b[<80;1;1M", ScrollUp, 0, 0, CTRL),
        // The older encodings: rxvt's numbers, and X10's bytes (32 + value).
        (b"\x1b[32;7;3M", Down(MouseButton::Left), 6, 2, NONE),
        (b"\x1b[M !!", Down(MouseButton::Left), 0, 0, NONE),
        (b"\x1b[M#*%", Up(MouseButton::Left), 9, 4, NONE),
        (b"\x1b[Ma!!", ScrollDown, 0, 0, NONE),
    ];
    for (bytes, kind, column, row, modifiers) in cases {
        assert_eq!(
            parse(bytes),
            [click(*kind, *column, *row, *modifiers)],
            "{bytes:?}"
        );
    }
    // A cell 0 or a number too big is not a report: dropped whole.
    assert!(parse(b"\x1b[<0;0;5M").is_empty());
    assert!(parse(b"\x1b[<0;99999;5M").is_empty());
    assert!(parse(b"\x1b[<0;1M").is_empty());
}

#[test]
fn focus_reports() {
    assert_eq!(parse(b"\x1b[I"), [Input::Event(Event::FocusGained)]);
    assert_eq!(parse(b"\x1b[O"), [Input::Event(Event::FocusLost)]);
}

#[test]
fn a_bracketed_paste_is_one_event_with_line_breaks_as_newlines() {
    assert_eq!(
        parse(b"\x1b[200~one\rtwo\r\nthree\nfour\x1b[201~x"),
        [pasted("one\ntwo\nthree\nfour"), ch('x')]
    );
    // Escape sequences inside are text, for the field to clean; keys after the end are keys.
    assert_eq!(
        parse(b"\x1b[200~a\x1b[Aq\x1b[201~q"),
        [pasted("a\x1b[Aq"), ch('q')]
    );
    // An empty paste brings nothing; a stray end marker is dropped.
    assert!(parse(b"\x1b[200~\x1b[201~").is_empty());
    assert_eq!(parse(b"\x1b[201~k"), [ch('k')]);
    // A CR at the end of one read and the LF at the start of the next are one line break.
    let mut parser = Parser::new();
    assert!(feed(&mut parser, b"\x1b[200~a\r").is_empty());
    assert_eq!(parser.waiting(), Waiting::PasteEnd);
    assert_eq!(feed(&mut parser, b"\nb\x1b[201~"), [pasted("a\nb")]);
}

#[test]
fn a_paste_without_its_end_marker_ends_when_it_expires() {
    let mut parser = Parser::new();
    assert!(feed(&mut parser, b"\x1b[200~half a paste").is_empty());
    assert!(feed(&mut parser, b", and q").is_empty());
    assert_eq!(parser.waiting(), Waiting::PasteEnd);
    let note = PasteNote {
        chars: 19,
        unfinished: true,
        kept: 19,
        dropped: 0,
    };
    assert_eq!(
        expire(&mut parser),
        [pasted("half a paste, and q"), Input::Note(note.clone())]
    );
    assert_eq!(parser.waiting(), Waiting::Nothing);
    // Reading goes on: keys are keys again.
    assert_eq!(
        feed(&mut parser, b"q\x1b[B"),
        [ch('q'), k(KeyCode::Down, NONE)]
    );
    let message = note.message();
    assert!(message.contains("no end marker"), "{message}");
    assert!(message.contains("19 characters"), "{message}");
    // Nothing at all came: only the note.
    let mut parser = Parser::new();
    feed(&mut parser, b"\x1b[200~");
    let out = expire(&mut parser);
    assert!(matches!(out.as_slice(), [Input::Note(n)] if n.unfinished && n.chars == 0));
}

#[test]
fn a_paste_larger_than_the_limit_is_cut_at_a_character_and_said() {
    let mut parser = Parser::new();
    feed(&mut parser, b"\x1b[200~");
    // 'é' is two bytes and the limit is even: one more byte puts the cut inside a character.
    feed(&mut parser, b"x");
    let chunk = "é".repeat(4096);
    let mut sent = 1;
    while sent < MAX_BYTES + 10_000 {
        assert!(feed(&mut parser, chunk.as_bytes()).is_empty());
        assert!(parser.paste.as_ref().is_some_and(|p| p.kept() <= MAX_BYTES));
        sent += chunk.len();
    }
    let out = feed(&mut parser, b"\x1b[201~z");
    let [Input::Event(Event::Paste(text)), Input::Note(note), after] = out.as_slice() else {
        panic!("a paste, a note and a key: {out:?}");
    };
    assert_eq!(after, &ch('z'));
    assert!(text.len() < MAX_BYTES && text.len() > MAX_BYTES - 4);
    assert!(!text.contains('\u{fffd}'), "no half character at the cut");
    assert_eq!(note.kept, text.len());
    assert_eq!(note.kept + note.dropped, sent);
    assert!(!note.unfinished);
    assert!(
        note.message().contains("Paste cut to its first"),
        "{}",
        note.message()
    );
}

#[test]
fn garbage_sequences_are_dropped_whole() {
    for bytes in [
        &b"\x1b[99~"[..],
        b"\x1b[1;5X",
        b"\x1b[?1;2c",
        b"\x1b[>0;95;0c",
        b"\x1b[12;40R\x1b[1;2;3A",
        b"\x1b[<0;1;1X",
        b"\x1bOz",
        b"\x1b[[Z",
        b"\x1b[1;0A",
        b"\x1b[1;300A",
    ] {
        let mut with_text = bytes.to_vec();
        with_text.extend_from_slice(b"ok");
        assert_eq!(parse(&with_text), [ch('o'), ch('k')], "{bytes:?}");
    }
    // A sequence cut short by a control byte: the control byte is a key, the rest is dropped.
    assert_eq!(parse(b"\x1b[12;\x01"), [k(KeyCode::Char('a'), CTRL)]);
}

#[test]
fn an_endless_sequence_is_skipped_in_bounded_memory() {
    let mut parser = Parser::new();
    feed(&mut parser, b"\x1b[");
    for _ in 0..1000 {
        assert!(feed(&mut parser, &[b'1'; 97]).is_empty());
        assert!(parser.pending.len() <= MAX_SEQUENCE);
    }
    assert_eq!(feed(&mut parser, b";5Ax"), [ch('x')]);
    // One that never ends is given up when nothing more comes: later digits are typed again.
    feed(&mut parser, b"\x1b[");
    feed(&mut parser, &[b'2'; 100]);
    assert_eq!(parser.waiting(), Waiting::Sequence);
    assert!(expire(&mut parser).is_empty());
    assert_eq!(parser.waiting(), Waiting::Nothing);
    assert_eq!(feed(&mut parser, b"7"), [ch('7')]);
}

/// Random bytes, many of them the ones sequences are made of, from the generator the workbook
/// generator uses (seeded, so the fuzz is the same on every run).
fn random_bytes(rng: &mut Rng, len: usize) -> Vec<u8> {
    const LIKELY: &[u8] = b"\x1b\x1b\x1b[[[O<;;~~0123456789MmAZ\r\n\x7f\xc3\xa9\xf0\x9f";
    (0..len)
        .map(|_| match rng.below(4) {
            0 => rng.next() as u8,
            1 if rng.below(40) == 0 => b"\x1b[200~\x1b[201~"[rng.below(12)],
            _ => LIKELY[rng.below(LIKELY.len())],
        })
        .collect()
}

#[test]
fn random_bytes_never_panic_and_parse_alike_however_they_are_split() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for round in 0..3000 {
        let len = 1 + rng.below(200);
        let bytes = random_bytes(&mut rng, len);
        let whole = parse(&bytes);
        let mut parser = Parser::new();
        let mut split = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let len = 1 + rng.below(bytes.len() - at);
            split.extend(feed(&mut parser, &bytes[at..at + len]));
            assert!(parser.pending.len() <= MAX_SEQUENCE + 1, "round {round}");
            at += len;
        }
        assert_eq!(split, whole, "round {round}: {bytes:?}");
        // Expiring at random points never panics and leaves nothing waiting.
        let mut parser = Parser::new();
        let mut out = Vec::new();
        for piece in bytes.chunks(1 + rng.below(8)) {
            parser.feed(piece, &mut out);
            if rng.below(3) == 0 {
                parser.expire(&mut out);
                assert_eq!(parser.waiting(), Waiting::Nothing, "round {round}");
            }
        }
    }
}

#[test]
fn random_garbage_sequences_between_letters_leave_only_the_letters() {
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    for round in 0..2000 {
        let mut bytes = Vec::new();
        let mut letters = Vec::new();
        for _ in 0..1 + rng.below(10) {
            // Parameters and a final byte no sequence of ours ends with.
            bytes.extend_from_slice(b"\x1b[");
            for _ in 0..rng.below(80) {
                bytes.push(b"0123456789;:?<=>"[rng.below(16)]);
            }
            bytes.push(b"XYabcdefghjklnopqrstvwxyz@`{|}"[rng.below(30)]);
            let letter = b'a' + rng.below(26) as u8;
            bytes.push(letter);
            letters.push(ch(char::from(letter)));
        }
        assert_eq!(parse(&bytes), letters, "round {round}: {bytes:?}");
    }
}
