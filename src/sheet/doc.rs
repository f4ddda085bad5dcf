//! The sheet's document tree: what a note or a question field says, after parsing, with course
//! links resolved and images numbered. Both renderers walk it; nothing here knows HTML or
//! Typst.

use super::model::At;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `level` is the heading's level on the sheet (3 to 6: the sheet title and the topic
    /// headings take 1 and 2); `id` is its anchor on the sheet, when it has one.
    Heading {
        level: u8,
        id: Option<String>,
        content: Vec<Inline>,
    },
    Para(Vec<Inline>),
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    /// A block quote; `kind` is a GFM alert (`note`, `tip`, `important`, `warning`, `caution`).
    Quote {
        kind: Option<&'static str>,
        blocks: Vec<Block>,
    },
    Code {
        lang: String,
        text: String,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// `Some(done)` for a task list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Code(String),
    Math {
        tex: String,
        display: bool,
        at: At,
    },
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Link {
        href: Href,
        content: Vec<Inline>,
    },
    /// An image of [`Images`], by index.
    Image {
        index: usize,
        alt: String,
    },
    /// A footnote reference, by its key in the topic's footnotes.
    FootnoteRef(String),
    SoftBreak,
    HardBreak,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Href {
    /// An anchor on the sheet.
    Internal(String),
    External(String),
    /// A course link whose target is not on this sheet (another topic, or broken): text only.
    None,
}

/// The text of inlines without their markup (image alt text, heading text).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Math { tex, .. } => out.push_str(tex),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => out.push_str(&plain_text(c)),
            Inline::Link { content, .. } => out.push_str(&plain_text(content)),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::FootnoteRef(_) => {}
        }
    }
    out
}

/// Footnote keys in the order of their first reference in `blocks`.
pub fn footnote_refs(blocks: &[Block], out: &mut Vec<String>) {
    fn inlines(list: &[Inline], out: &mut Vec<String>) {
        for i in list {
            match i {
                Inline::FootnoteRef(k) if !out.contains(k) => out.push(k.clone()),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inlines(c, out),
                Inline::Link { content, .. } => inlines(content, out),
                _ => {}
            }
        }
    }
    for b in blocks {
        match b {
            Block::Heading { content, .. } | Block::Para(content) => inlines(content, out),
            Block::List { items, .. } => {
                for item in items {
                    footnote_refs(&item.blocks, out);
                }
            }
            Block::Quote { blocks, .. } => footnote_refs(blocks, out),
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    inlines(cell, out);
                }
            }
            Block::Code { .. } | Block::Rule => {}
        }
    }
}
