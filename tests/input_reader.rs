//! The input reader on a pipe in place of a terminal: keys arrive in order, a lone ESC becomes
//! Esc after its wait, an unfinished paste ends after its idle time (and not while bytes keep
//! coming), a paste past the limit is cut and said, a flood of keys waits in the terminal,
//! SIGWINCH becomes a resize, the end of input is delivered, and dropping the reader stops its
//! thread.
#![cfg(unix)]

use std::io::Write;
use std::time::{Duration, Instant};

use partnerplan::tui::input::Input;
use partnerplan::tui::input::reader::{Options, Reader};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESCAPE_WAIT: Duration = Duration::from_millis(100);
const PASTE_IDLE: Duration = Duration::from_millis(400);
/// Longer than any wait here, so a loaded machine still passes; a passing test never waits it.
const PATIENCE: Duration = Duration::from_secs(10);

fn options() -> Options {
    Options {
        escape_wait: ESCAPE_WAIT,
        paste_idle: PASTE_IDLE,
        size: None,
    }
}

fn reader_on_pipe(options: Options) -> (Reader, std::io::PipeWriter) {
    let (read, write) = std::io::pipe().expect("a pipe");
    let reader = Reader::spawn(read.into(), options).expect("starting the reader");
    (reader, write)
}

fn next(reader: &mut Reader) -> Input {
    assert!(reader.poll(PATIENCE), "nothing arrived within {PATIENCE:?}");
    reader.read().expect("an input")
}

fn key(code: KeyCode) -> Input {
    Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn keys_arrive_in_order() {
    let (mut reader, mut pipe) = reader_on_pipe(options());
    pipe.write_all(b"a\x1b[A\r\x1b[3~").expect("writing");
    for expected in [
        key(KeyCode::Char('a')),
        key(KeyCode::Up),
        key(KeyCode::Enter),
        key(KeyCode::Delete),
    ] {
        assert_eq!(next(&mut reader), expected);
    }
    assert!(!reader.poll(Duration::from_millis(50)), "nothing more");
}

#[test]
fn a_lone_esc_is_esc_after_its_wait() {
    let (mut reader, mut pipe) = reader_on_pipe(options());
    let sent = Instant::now();
    pipe.write_all(b"\x1b").expect("writing");
    assert_eq!(next(&mut reader), key(KeyCode::Esc));
    let waited = sent.elapsed();
    assert!(waited >= ESCAPE_WAIT, "Esc came after {waited:?}");
}

#[test]
fn an_unfinished_paste_ends_after_its_idle_time_and_reading_goes_on() {
    let (mut reader, mut pipe) = reader_on_pipe(options());
    let sent = Instant::now();
    pipe.write_all(b"\x1b[200~half a paste").expect("writing");
    assert_eq!(
        next(&mut reader),
        Input::Event(Event::Paste("half a paste".into()))
    );
    let waited = sent.elapsed();
    assert!(waited >= PASTE_IDLE, "the paste ended after {waited:?}");
    let Input::Note(note) = next(&mut reader) else {
        panic!("a note on the paste");
    };
    assert!(note.unfinished && note.chars == 12, "{note:?}");
    pipe.write_all(b"q").expect("writing");
    assert_eq!(next(&mut reader), key(KeyCode::Char('q')));
}

#[test]
fn a_paste_stays_open_while_its_bytes_keep_coming() {
    // A longer idle time here, so that a slow machine's late pieces still come within it.
    let idle = Duration::from_millis(1500);
    let (mut reader, mut pipe) = reader_on_pipe(Options {
        paste_idle: idle,
        ..options()
    });
    pipe.write_all(b"\x1b[200~").expect("writing");
    let mut sent = String::new();
    // Every piece comes well within the idle time; together they take longer.
    for n in 0..12 {
        std::thread::sleep(idle / 10);
        let piece = format!("piece {n}; ");
        pipe.write_all(piece.as_bytes()).expect("writing");
        sent.push_str(&piece);
        assert!(!reader.poll(Duration::ZERO), "the paste ended early");
    }
    pipe.write_all(b"\x1b[201~").expect("writing");
    assert_eq!(next(&mut reader), Input::Event(Event::Paste(sent)));
    assert!(
        !reader.poll(idle + PASTE_IDLE),
        "an ended paste brings no note"
    );
}

fn fake_size() -> std::io::Result<(u16, u16)> {
    Ok((123, 45))
}

#[test]
fn sigwinch_becomes_a_resize() {
    let (mut reader, _pipe) = reader_on_pipe(Options {
        size: Some(fake_size),
        ..options()
    });
    signal_hook::low_level::raise(signal_hook::consts::SIGWINCH).expect("raising SIGWINCH");
    assert_eq!(next(&mut reader), Input::Event(Event::Resize(123, 45)));
}

#[test]
fn the_end_of_input_delivers_what_came_then_nothing() {
    let (mut reader, mut pipe) = reader_on_pipe(options());
    pipe.write_all(b"x\x1b[200~cut").expect("writing");
    drop(pipe);
    assert_eq!(next(&mut reader), key(KeyCode::Char('x')));
    assert_eq!(next(&mut reader), Input::Event(Event::Paste("cut".into())));
    assert!(matches!(next(&mut reader), Input::Note(n) if n.unfinished));
    let started = Instant::now();
    assert!(!reader.poll(Duration::from_millis(100)));
    assert!(reader.read().is_none(), "nothing after the end");
    assert!(started.elapsed() < PATIENCE);
}

#[test]
fn dropping_the_reader_stops_its_thread_and_closes_the_input() {
    let (reader, mut pipe) = reader_on_pipe(options());
    let started = Instant::now();
    drop(reader);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "dropping took {took:?}");
    // The thread closed its end of the pipe: nobody reads what is written now.
    let err = pipe
        .write_all(b"for the shell")
        .expect_err("the reading end is closed");
    assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
}

#[test]
fn a_flood_of_keys_waits_in_the_terminal_not_in_memory() {
    const FLOOD: usize = 1 << 20;
    let (mut reader, mut pipe) = reader_on_pipe(options());
    let written = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writer = {
        let written = std::sync::Arc::clone(&written);
        std::thread::spawn(move || {
            let chunk = [b'x'; 4096];
            while written.load(std::sync::atomic::Ordering::SeqCst) < FLOOD {
                pipe.write_all(&chunk).expect("writing");
                written.fetch_add(chunk.len(), std::sync::atomic::Ordering::SeqCst);
            }
        })
    };
    // Nobody takes keys for a while: the reader stops reading once its queue is full, and the
    // writer waits on the full pipe.
    std::thread::sleep(Duration::from_millis(500));
    let stalled = written.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        stalled < FLOOD / 4,
        "{stalled} bytes were taken while nobody read keys"
    );
    // Every key still arrives, in order, once the app reads.
    for n in 0..FLOOD {
        assert_eq!(next(&mut reader), key(KeyCode::Char('x')), "key {n}");
    }
    writer.join().expect("the writer finished");
    drop(reader);
}

#[test]
fn dropping_a_reader_with_a_full_queue_stops_it() {
    let (reader, mut pipe) = reader_on_pipe(options());
    pipe.write_all(&[b'y'; 32 * 1024]).expect("writing");
    // Time for the reader to fill its queue and wait for room.
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    drop(reader);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "dropping took {took:?}");
}

#[test]
fn a_paste_past_the_limit_is_cut_and_said() {
    use partnerplan::tui::input::paste::MAX_BYTES;
    let (mut reader, mut pipe) = reader_on_pipe(options());
    let total = MAX_BYTES + MAX_BYTES / 2;
    let writer = std::thread::spawn(move || {
        pipe.write_all(b"\x1b[200~").expect("writing");
        pipe.write_all(&vec![b'p'; total]).expect("writing");
        pipe.write_all(b"\x1b[201~k").expect("writing");
    });
    let Input::Event(Event::Paste(text)) = next(&mut reader) else {
        panic!("a paste");
    };
    assert_eq!(text.len(), MAX_BYTES);
    let Input::Note(note) = next(&mut reader) else {
        panic!("a note on the cut");
    };
    assert_eq!((note.kept, note.dropped), (MAX_BYTES, total - MAX_BYTES));
    assert!(!note.unfinished, "{note:?}");
    assert!(
        note.message()
            .contains("Paste cut to its first 1.0 MB (512 KB left out)"),
        "{}",
        note.message()
    );
    assert_eq!(next(&mut reader), key(KeyCode::Char('k')));
    writer.join().expect("the writer finished");
}
