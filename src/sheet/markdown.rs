//! Markdown to the sheet's document tree: the one parse both renderers read.
//!
//! A note or a question field is parsed once with the course's Markdown options into
//! [`Block`]s and [`Inline`]s. Course links (`topic#anchor`) are resolved to ids on the sheet
//! here, images are read and numbered here (a missing or remote one becomes a warning and is
//! left out), ```` ```question ```` blocks are left out of the prose, and every formula keeps
//! where it came from so that a renderer can locate a formula it cannot convert. Nothing here
//! knows HTML or Typst.

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd,
};

use super::doc::{Align, Block, Href, Inline, Item, plain_text};
use super::images::Images;
use super::model::{At, Ids};
use crate::course::note::markdown_options;

/// What a fragment of Markdown needs to know about where it is.
pub struct Fragment<'a> {
    pub text: &'a str,
    /// Where byte 0 of `text` is, for locating formulas.
    pub at: At,
    /// The topic `#anchor` links refer to.
    pub topic: &'a str,
    /// Course-relative folder that relative image paths start from.
    pub dir: &'a std::path::Path,
    /// Anchors of the fragment's headings on the sheet, in order (notes only).
    pub heading_ids: &'a [String],
    /// Makes footnote labels unique on the sheet (a note's index).
    pub footnote_scope: &'a str,
}

/// The converted fragment: its blocks and its footnote definitions (key, blocks).
#[derive(Debug, Default)]
pub struct Converted {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<(String, Vec<Block>)>,
}

/// An open container while events stream in.
enum Frame {
    Blocks(Container, Vec<Block>),
    List(Option<u64>, Vec<Item>),
    Inlines(Span, Vec<Inline>),
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        in_head: bool,
    },
    Code(String, String),
    /// A ```question block: everything up to its end is dropped.
    Skip,
}

enum Container {
    Root,
    Quote(Option<&'static str>),
    Item(Option<bool>),
    Footnote(String),
}

enum Span {
    /// A paragraph; `true` when pulldown-cmark gave none (a tight list item).
    Para(bool),
    Heading(u8, Option<String>),
    Emph,
    Strong,
    Strike,
    Link(Href),
    Image(Option<usize>),
    Cell,
}

/// Converts one fragment. Images are added to `images`; problems with them become its warnings.
pub fn convert(frag: &Fragment<'_>, ids: &Ids, images: &mut Images) -> Converted {
    let mut c = Converter {
        frag,
        ids,
        images,
        stack: vec![Frame::Blocks(Container::Root, Vec::new())],
        footnotes: Vec::new(),
        heading: 0,
    };
    for (event, range) in Parser::new_ext(frag.text, markdown_options()).into_offset_iter() {
        c.event(event, range);
    }
    while c.stack.len() > 1 {
        c.close();
    }
    let blocks = match c.stack.pop() {
        Some(Frame::Blocks(_, blocks)) => blocks,
        _ => Vec::new(),
    };
    Converted {
        blocks,
        footnotes: c.footnotes,
    }
}

struct Converter<'a, 'b> {
    frag: &'a Fragment<'a>,
    ids: &'a Ids,
    images: &'b mut Images,
    stack: Vec<Frame>,
    footnotes: Vec<(String, Vec<Block>)>,
    heading: usize,
}

impl Converter<'_, '_> {
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        if matches!(self.stack.last(), Some(Frame::Skip)) {
            if matches!(event, Event::End(pulldown_cmark::TagEnd::CodeBlock)) {
                self.stack.pop();
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(t) => match self.stack.last_mut() {
                Some(Frame::Code(_, text)) => text.push_str(&t),
                _ => self.push_inline(Inline::Text(t.into_string())),
            },
            Event::Code(t) => self.push_inline(Inline::Code(t.into_string())),
            Event::InlineMath(t) => self.math(t.into_string(), false, range),
            Event::DisplayMath(t) => self.math(t.into_string(), true, range),
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t),
            Event::FootnoteReference(label) => {
                let key = format!("{}:{label}", self.frag.footnote_scope);
                self.push_inline(Inline::FootnoteRef(key));
            }
            Event::SoftBreak => self.push_inline(Inline::SoftBreak),
            Event::HardBreak => self.push_inline(Inline::HardBreak),
            Event::Rule => self.push_block(Block::Rule),
            Event::TaskListMarker(done) => {
                if let Some(Frame::Blocks(Container::Item(task), _)) = self.stack.last_mut() {
                    *task = Some(done);
                }
            }
        }
    }

    fn math(&mut self, tex: String, display: bool, range: std::ops::Range<usize>) {
        // Locate the TeX itself, between its delimiters.
        let raw = &self.frag.text[range.clone()];
        let inner = raw.find(tex.as_str()).unwrap_or(0);
        let at = self.frag.at.shifted(range.start + inner);
        self.push_inline(Inline::Math { tex, display, at });
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::TableHead => {
                if let Some(Frame::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(Frame::Table { rows, row, .. }) = self.stack.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            // Tags that open no frame (see `start`).
            TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
            _ => self.close(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        let frame = match tag {
            Tag::Paragraph => Frame::Inlines(Span::Para(false), Vec::new()),
            Tag::Heading { level, .. } => {
                let id = self.frag.heading_ids.get(self.heading).cloned();
                self.heading += 1;
                let level = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 3,
                    HeadingLevel::H3 => 4,
                    HeadingLevel::H4 => 5,
                    HeadingLevel::H5 | HeadingLevel::H6 => 6,
                };
                Frame::Inlines(Span::Heading(level, id), Vec::new())
            }
            Tag::BlockQuote(kind) => Frame::Blocks(Container::Quote(kind.map(alert)), Vec::new()),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                if lang == "question" {
                    Frame::Skip
                } else {
                    Frame::Code(lang, String::new())
                }
            }
            Tag::List(start) => Frame::List(start, Vec::new()),
            Tag::Item => Frame::Blocks(Container::Item(None), Vec::new()),
            Tag::FootnoteDefinition(label) => Frame::Blocks(
                Container::Footnote(format!("{}:{label}", self.frag.footnote_scope)),
                Vec::new(),
            ),
            Tag::Table(align) => Frame::Table {
                align: align.into_iter().map(align_of).collect(),
                head: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                in_head: false,
            },
            Tag::TableHead => {
                if let Some(Frame::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = true;
                }
                return;
            }
            Tag::TableRow => return,
            Tag::TableCell => Frame::Inlines(Span::Cell, Vec::new()),
            Tag::Emphasis => Frame::Inlines(Span::Emph, Vec::new()),
            Tag::Strong => Frame::Inlines(Span::Strong, Vec::new()),
            Tag::Strikethrough => Frame::Inlines(Span::Strike, Vec::new()),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let href = self.href(&dest_url, link_type);
                Frame::Inlines(Span::Link(href), Vec::new())
            }
            Tag::Image { dest_url, .. } => {
                let at = self.frag.at.shifted(range.start);
                let index = self.images.add(self.frag.dir, &dest_url, at);
                Frame::Inlines(Span::Image(index), Vec::new())
            }
            // Not enabled by the course's options; their content still shows.
            Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => return,
        };
        if !matches!(frame, Frame::Inlines(ref s, _) if s.is_inline()) {
            self.end_implicit_para();
        }
        self.stack.push(frame);
    }

    /// Pops the innermost frame and hands its result to its parent.
    fn close(&mut self) {
        // A tight item's implicit paragraph ends with the item.
        self.end_implicit_para();
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Inlines(span, content) => self.close_span(span, content),
            Frame::Blocks(container, blocks) => match container {
                Container::Root => self.stack.push(Frame::Blocks(Container::Root, blocks)),
                Container::Quote(kind) => self.push_block(Block::Quote { kind, blocks }),
                Container::Item(task) => {
                    if let Some(Frame::List(_, items)) = self.stack.last_mut() {
                        items.push(Item { task, blocks });
                    }
                }
                Container::Footnote(key) => self.footnotes.push((key, blocks)),
            },
            Frame::List(start, items) => self.push_block(Block::List { start, items }),
            Frame::Table {
                align, head, rows, ..
            } => self.push_block(Block::Table { align, head, rows }),
            Frame::Code(lang, text) => self.push_block(Block::Code { lang, text }),
            Frame::Skip => {}
        }
    }

    fn close_span(&mut self, span: Span, content: Vec<Inline>) {
        match span {
            Span::Para(_) => {
                if !content.is_empty() {
                    self.push_block(Block::Para(content));
                }
            }
            Span::Heading(level, id) => self.push_block(Block::Heading { level, id, content }),
            Span::Emph => self.push_inline(Inline::Emph(content)),
            Span::Strong => self.push_inline(Inline::Strong(content)),
            Span::Strike => self.push_inline(Inline::Strike(content)),
            Span::Link(href) => self.push_inline(Inline::Link { href, content }),
            Span::Image(Some(index)) => self.push_inline(Inline::Image {
                index,
                alt: plain_text(&content),
            }),
            Span::Image(None) => {}
            Span::Cell => {
                if let Some(Frame::Table {
                    head, row, in_head, ..
                }) = self.stack.last_mut()
                {
                    if *in_head {
                        head.push(content);
                    } else {
                        row.push(content);
                    }
                }
            }
        }
    }

    fn end_implicit_para(&mut self) {
        if let Some(Frame::Inlines(Span::Para(true), _)) = self.stack.last()
            && let Some(Frame::Inlines(span, content)) = self.stack.pop()
        {
            self.close_span(span, content);
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines(_, content)) => content.push(inline),
            Some(Frame::Blocks(..)) => self
                .stack
                .push(Frame::Inlines(Span::Para(true), vec![inline])),
            // Inline content outside any block (not produced by pulldown-cmark) is dropped.
            _ => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        self.end_implicit_para();
        if let Some(Frame::Blocks(_, blocks)) = self.stack.last_mut() {
            blocks.push(block);
        }
    }

    /// Raw HTML is not copied into the sheet (it could break the page or load things): a line
    /// break tag becomes a line break, comments vanish, anything else shows as text.
    fn html(&mut self, html: &str) {
        let t = html.trim();
        if t.starts_with("<!--") {
            return;
        }
        let tag = t
            .trim_start_matches('<')
            .trim_end_matches('>')
            .trim_end_matches('/');
        if tag.trim().eq_ignore_ascii_case("br") {
            self.push_inline(Inline::HardBreak);
        } else if !t.is_empty() {
            self.push_inline(Inline::Text(html.trim_end_matches('\n').to_string()));
        }
    }

    fn href(&self, dest: &str, link_type: LinkType) -> Href {
        if link_type == LinkType::Email {
            return Href::External(format!("mailto:{dest}"));
        }
        match dest.split_once('#') {
            Some((topic, anchor)) if !dest.contains([':', '/', '.']) => {
                let topic = if topic.is_empty() {
                    self.frag.topic
                } else {
                    topic
                };
                self.ids
                    .course_link(topic, anchor)
                    .map_or(Href::None, Href::Internal)
            }
            _ => Href::External(dest.to_string()),
        }
    }
}

impl Span {
    fn is_inline(&self) -> bool {
        !matches!(self, Span::Para(_) | Span::Heading(..) | Span::Cell)
    }
}

fn alert(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

fn align_of(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

#[cfg(test)]
mod tests;
