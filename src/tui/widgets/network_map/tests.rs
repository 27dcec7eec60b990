//! The network map drawn into buffers: its area kept, marks read without colour, link patterns,
//! names that never run into each other.

use super::*;

fn scene() -> MapScene {
    let dot = |x, y, label: &str, emphasis| MapDot {
        x,
        y,
        mark: "●T".into(),
        label: label.into(),
        emphasis,
    };
    MapScene {
        dots: vec![
            dot(0.0, 0.0, "Corner partner with a long name", Emphasis::Other),
            dot(1.0, 1.0, "Far corner partner", Emphasis::Neighbour),
            dot(0.5, 0.5, "Selected partner", Emphasis::Selected),
        ],
        lines: vec![
            MapLine {
                from: (0.0, 0.0),
                to: (1.0, 1.0),
                look: LinkLook::Active,
                kind: Some('i'),
                emphasis: Emphasis::Selected,
            },
            MapLine {
                from: (1.0, 0.0),
                to: (0.0, 1.0),
                look: LinkLook::Planned,
                kind: None,
                emphasis: Emphasis::Other,
            },
        ],
        hub: Some((0.9, 0.1)),
        viewport: Viewport::default(),
        title: "Network".into(),
    }
}

/// Draws into the middle of a larger buffer: every cell outside the area stays blank.
#[test]
fn the_map_never_draws_outside_its_area_at_any_size() {
    for width in [1u16, 2, 3, 5, 9, 20, 41] {
        for height in [1u16, 2, 3, 4, 7, 15] {
            let outer = Rect::new(0, 0, width + 10, height + 10);
            let mut buf = Buffer::empty(outer);
            let area = Rect::new(5, 5, width, height);
            render_map(&scene(), area, &mut buf, &Theme::mono());
            for y in 0..outer.height {
                for x in 0..outer.width {
                    let inside = x >= 5 && x < 5 + width && y >= 5 && y < 5 + height;
                    if !inside {
                        assert_eq!(buf[(x, y)].symbol(), " ", "{width}×{height} at {x},{y}");
                    }
                }
            }
        }
    }
}

#[test]
fn an_area_past_the_buffer_is_cut_to_it() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
    render_map(&scene(), Rect::new(6, 2, 30, 30), &mut buf, &Theme::mono());
    assert_eq!(buf[(0, 0)].symbol(), " ");
}

#[test]
fn marks_and_the_hub_read_without_colour() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 60, 20));
    render_map(&scene(), buf.area, &mut buf, &Theme::mono());
    let text: String = (0..20)
        .map(|y| {
            (0..60)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(text.contains("▶●T Selected partner"), "{text}");
    assert!(text.contains("◆ hub"), "{text}");
    assert!(text.contains('i'), "the link's kind letter:\n{text}");
    assert!(text.contains("Network"), "{text}");
    assert!(text.contains(LEGEND), "the legend:\n{text}");
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Partners crowded on one row: no name runs into another (each is whole, or cut with "…",
/// or left out with its mark), and the legend counts the marks left out.
#[test]
fn crowded_names_never_run_into_each_other() {
    let names = [
        "Alpha Partners",
        "Bravo Works",
        "Charlie Group",
        "Delta",
        "Echo",
    ];
    // x for a map 70 cells wide: its 68 inner columns span 0 to 1.
    let dot = |col: f64, mark: &str, name: &str, emphasis| MapDot {
        x: col / 67.0,
        y: 0.5,
        mark: mark.into(),
        label: name.into(),
        emphasis,
    };
    let other = Emphasis::Other;
    let dots = vec![
        dot(2.0, "●T", "Alpha Partners", other),
        dot(10.0, "●T", "Bravo Works", other),
        dot(20.0, "●T", "Charlie Group", other),
        dot(30.0, "●T", "Delta", Emphasis::Neighbour),
        dot(50.0, "●T", "Echo", other),
        dot(2.0, "●S", "Exactly here", other),
    ];
    let scene = MapScene {
        dots,
        title: "Network".into(),
        ..MapScene::default()
    };
    let mut buf = Buffer::empty(Rect::new(0, 0, 70, 12));
    render_map(&scene, buf.area, &mut buf, &Theme::mono());
    let text = rows(&buf).join("\n");
    let row = rows(&buf)
        .into_iter()
        .find(|r| r.contains("Alpha"))
        .unwrap_or_else(|| panic!("{text}"));
    // The row reads as marks, whole names and names cut with "…", nothing else.
    let mut tokens: Vec<String> = vec!["●T".into(), "●S".into()];
    for name in names.iter().chain(["Exactly here"].iter()) {
        tokens.push((*name).into());
        let chars: Vec<char> = name.chars().collect();
        for end in 1..chars.len() {
            tokens.push(chars[..end].iter().collect::<String>() + "…");
        }
    }
    tokens.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let inside = row.trim_matches('│');
    let mut rest = inside;
    while let Some(c) = rest.chars().next() {
        if c == ' ' {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let Some(token) = tokens.iter().find(|t| rest.starts_with(t.as_str())) else {
            panic!("a name ran into another at {rest:?}:\n{text}");
        };
        rest = &rest[token.len()..];
    }
    let marks = inside.matches('●').count();
    assert_eq!(marks, 4, "{text}");
    assert!(inside.contains('…'), "a name cut to its room:\n{text}");
    let hidden = 6 - marks;
    assert!(
        text.contains(&format!("{hidden} hidden")),
        "the legend counts {hidden} hidden:\n{text}"
    );
}

/// With room for every name, none is hidden and the legend says nothing of it.
#[test]
fn spread_names_are_all_whole() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 60, 20));
    render_map(&scene(), buf.area, &mut buf, &Theme::mono());
    let text = rows(&buf).join("\n");
    assert!(
        text.contains("●T Corner partner with a long name"),
        "{text}"
    );
    // At the right edge the name goes left of its mark.
    assert!(text.contains("Far corner partner ●T"), "{text}");
    assert!(!text.contains("hidden"), "{text}");
}

/// Each status has its own pattern: the braille cells a line lights differ in number.
#[test]
fn active_planned_and_ended_links_draw_different_patterns() {
    let lit = |look| {
        let scene = MapScene {
            lines: vec![MapLine {
                from: (0.0, 0.5),
                to: (1.0, 0.5),
                look,
                kind: None,
                emphasis: Emphasis::Other,
            }],
            title: "Network".into(),
            ..MapScene::default()
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 12));
        render_map(&scene, buf.area, &mut buf, &Theme::mono());
        (1..10u16)
            .flat_map(|y| (1..39u16).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                buf[(x, y)]
                    .symbol()
                    .chars()
                    .any(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
            })
            .count()
    };
    let (active, planned, ended) = (
        lit(LinkLook::Active),
        lit(LinkLook::Planned),
        lit(LinkLook::Ended),
    );
    assert!(
        active > planned && planned > ended && ended > 0,
        "{active} {planned} {ended}"
    );
    assert_eq!(LinkLook::of("active"), LinkLook::Active);
    assert_eq!(LinkLook::of("ended"), LinkLook::Ended);
    assert_eq!(LinkLook::of("planned"), LinkLook::Planned);
}

/// A legend wider than the map says first how many marks are hidden, and cuts the rest with
/// "…" (at 100×30 the Ecosystem view's map ended "◆ hub · 5 hi").
#[test]
fn a_narrow_legend_keeps_the_hidden_count_and_cuts_with_an_ellipsis() {
    let whole = legend_text(5, 80);
    assert_eq!(whole, format!("{LEGEND}  · 5 hidden: zoom in"));
    let narrow = legend_text(5, 54);
    assert!(
        narrow.starts_with("5 hidden: zoom in · ── active"),
        "{narrow}"
    );
    assert!(narrow.ends_with('…'), "{narrow}");
    assert_eq!(narrow.width(), 54, "{narrow}");
    let plain = legend_text(0, 20);
    assert!(
        plain.starts_with("── active") && plain.ends_with('…'),
        "{plain}"
    );
    assert_eq!(legend_text(0, 80), LEGEND);
}
