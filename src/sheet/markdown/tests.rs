//! The Markdown converter: question blocks, anchors, links, tables, math, footnotes, images.

use super::*;
use crate::sheet::doc::Inline::*;

fn at() -> At {
    At {
        origin: 0,
        offset: 100,
    }
}

fn convert_md(text: &str, ids: &Ids) -> Converted {
    let frag = Fragment {
        text,
        at: at(),
        topic: "alpha",
        dir: std::path::Path::new("notes"),
        heading_ids: &["alpha--one".to_string(), "alpha--two".to_string()],
        footnote_scope: "n0",
    };
    convert(
        &frag,
        ids,
        &mut Images::new(std::path::Path::new("/nonexistent")),
    )
}

fn ids() -> Ids {
    let mut ids = Ids::default();
    ids.name("alpha", "alpha");
    ids.name("beta", "beta");
    ids.name("b", "beta");
    ids.section("alpha", "Alpha");
    ids.section("beta", "Beta");
    ids.heading("beta", "second", "beta--second", "Second");
    ids.heading("alpha", "two", "alpha--two", "Two");
    ids
}

#[test]
fn question_blocks_are_left_out_and_headings_get_their_anchors() {
    let c = convert_md(
        "# One\n\ntext\n\n```question\nid: q\n```\n\n## Two\n\n```rust\nfn main() {}\n```\n",
        &ids(),
    );
    assert_eq!(c.blocks.len(), 4, "{:#?}", c.blocks);
    assert!(
        matches!(&c.blocks[0], Block::Heading { level: 3, id: Some(id), .. } if id == "alpha--one")
    );
    assert!(
        matches!(&c.blocks[2], Block::Heading { level: 3, id: Some(id), .. } if id == "alpha--two")
    );
    assert!(
        matches!(&c.blocks[3], Block::Code { lang, text } if lang == "rust" && text == "fn main() {}\n")
    );
}

#[test]
fn course_links_resolve_to_sheet_anchors() {
    let c = convert_md(
        "[a](beta#second) [b](b#second) [c](#two) [d](gamma#x) [e](https://x.org/a#b)",
        &ids(),
    );
    let Block::Para(inlines) = &c.blocks[0] else {
        panic!("{:#?}", c.blocks)
    };
    let hrefs: Vec<&Href> = inlines
        .iter()
        .filter_map(|i| match i {
            Link { href, .. } => Some(href),
            _ => None,
        })
        .collect();
    assert_eq!(
        hrefs,
        vec![
            &Href::Internal("beta--second".into()),
            &Href::Internal("beta--second".into()),
            &Href::Internal("alpha--two".into()),
            &Href::None,
            &Href::External("https://x.org/a#b".into()),
        ]
    );
}

#[test]
fn tables_keep_math_with_escaped_pipes_and_alignment() {
    let c = convert_md(
        "| a | b |\n|:--|--:|\n| $\\|x\\|$ | $\\lvert y \\rvert$ |\n",
        &ids(),
    );
    let Block::Table { align, head, rows } = &c.blocks[0] else {
        panic!("{:#?}", c.blocks)
    };
    assert_eq!(align, &vec![Align::Left, Align::Right]);
    assert_eq!(head.len(), 2);
    // GFM: `\|` in a cell is an escaped pipe, in math too; `\lvert` is untouched.
    assert!(matches!(&rows[0][0][0], Math { tex, display: false, .. } if tex == "|x|"));
    assert!(matches!(&rows[0][1][0], Math { tex, .. } if tex == "\\lvert y \\rvert"));
}

#[test]
fn math_keeps_its_place_and_kind() {
    let c = convert_md("ab $x$ and\n$$y^2$$\n", &ids());
    let Block::Para(inlines) = &c.blocks[0] else {
        panic!()
    };
    let maths: Vec<(&str, bool, usize)> = inlines
        .iter()
        .filter_map(|i| match i {
            Math { tex, display, at } => Some((tex.as_str(), *display, at.offset)),
            _ => None,
        })
        .collect();
    assert_eq!(maths, vec![("x", false, 104), ("y^2", true, 113)]);
}

#[test]
fn footnotes_nested_lists_tasks_quotes_and_html() {
    let c = convert_md(
        "Text[^n] a<br>b <b>c</b><!-- hidden -->\n\n[^n]: The *note*.\n\n- [x] done\n  1. inner\n- two\n\n> [!WARNING]\n> careful\n",
        &ids(),
    );
    assert_eq!(c.footnotes.len(), 1);
    assert_eq!(c.footnotes[0].0, "n0:n");
    let Block::Para(p) = &c.blocks[0] else {
        panic!()
    };
    assert!(p.contains(&FootnoteRef("n0:n".into())));
    assert!(p.contains(&HardBreak));
    assert!(p.contains(&Text("<b>".into())));
    let Block::List { start: None, items } = &c.blocks[1] else {
        panic!("{:#?}", c.blocks)
    };
    assert_eq!(items[0].task, Some(true));
    assert!(matches!(
        &items[0].blocks[1],
        Block::List { start: Some(1), .. }
    ));
    assert!(matches!(
        &c.blocks[2],
        Block::Quote {
            kind: Some("warning"),
            ..
        }
    ));
}

#[test]
fn missing_and_remote_images_are_left_out_with_warnings() {
    let mut images = Images::new(std::path::Path::new("/nonexistent"));
    let frag = Fragment {
        text: "![a](img/none.png) ![b](https://x.org/i.png)",
        at: at(),
        topic: "alpha",
        dir: std::path::Path::new("notes"),
        heading_ids: &[],
        footnote_scope: "n0",
    };
    let c = convert(&frag, &ids(), &mut images);
    assert!(!format!("{:?}", c.blocks).contains("Image"));
    let codes: Vec<&str> = images.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, vec!["missing-image", "remote-image"]);
    assert_eq!(images.problems[0].at.offset, 100);
}
