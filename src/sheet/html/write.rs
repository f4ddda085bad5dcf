//! The sheet's document tree as XHTML fragments: well-formed XML (every element closed, every
//! attribute quoted, only the five XML entities), so that the page parses as XML as well as HTML.

use std::collections::{HashMap, HashSet};

use crate::math::{Macros, MathError};
use crate::sheet::doc::{Align, Block, Href, Inline};
use crate::sheet::images::{Image, base64};
use crate::sheet::model::{At, Footnote, Problem};

/// Writes blocks and inlines; collects formulas it could not convert.
pub struct Writer<'a> {
    macros: &'a Macros,
    images: &'a [Image],
    /// `data:` URIs of the images, made on first use.
    uris: HashMap<usize, String>,
    footnotes: HashMap<&'a str, &'a Footnote>,
    /// Footnotes already referenced (the first reference gets the back-link anchor).
    referenced: HashSet<String>,
    /// MathML of formulas already converted: a course repeats about half of its formulas.
    /// Inline formulas at index 0, display formulas at 1.
    mathml: [HashMap<String, Result<String, MathError>>; 2],
    pub problems: Vec<Problem>,
}

/// How many formulas [`Writer`] remembers. The first ones include those a course repeats
/// most (`\theta`, `p_\theta(x)`); the bound keeps a course of a million distinct formulas
/// from holding all their MathML twice.
const MATHML_CACHE: usize = 20_000;

impl<'a> Writer<'a> {
    pub fn new(macros: &'a Macros, images: &'a [Image]) -> Writer<'a> {
        Writer {
            macros,
            images,
            uris: HashMap::new(),
            footnotes: HashMap::new(),
            referenced: HashSet::new(),
            mathml: Default::default(),
            problems: Vec::new(),
        }
    }

    /// The footnotes references resolve to from now on (one topic's).
    pub fn set_footnotes(&mut self, footnotes: &'a [Footnote]) {
        self.footnotes = footnotes.iter().map(|f| (f.key.as_str(), f)).collect();
    }

    pub fn blocks_to_string(&mut self, blocks: &[Block]) -> String {
        let mut out = String::new();
        self.blocks(&mut out, blocks);
        out
    }

    /// Blocks whose only block is a paragraph become its inlines (a one-line answer or option
    /// reads better without a paragraph's margins).
    pub fn compact(&mut self, blocks: &[Block]) -> String {
        match blocks {
            [Block::Para(inlines)] => {
                let mut out = String::new();
                self.inlines(&mut out, inlines);
                out
            }
            _ => self.blocks_to_string(blocks),
        }
    }

    pub fn blocks(&mut self, out: &mut String, blocks: &[Block]) {
        for b in blocks {
            self.block(out, b);
        }
    }

    fn block(&mut self, out: &mut String, block: &Block) {
        match block {
            Block::Heading { level, id, content } => {
                match id {
                    Some(id) => out.push_str(&format!("<h{level} id=\"{}\">", attr(id))),
                    None => out.push_str(&format!("<h{level}>")),
                }
                self.inlines(out, content);
                if let Some(id) = id {
                    out.push_str(&format!(
                        "<a class=\"anchor\" href=\"#{}\" aria-label=\"link to this section\">§</a>",
                        attr(id)
                    ));
                }
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::Para(inlines) => {
                out.push_str("<p>");
                self.inlines(out, inlines);
                out.push_str("</p>\n");
            }
            Block::List { start, items } => {
                match start {
                    Some(1) => out.push_str("<ol>\n"),
                    Some(n) => out.push_str(&format!("<ol start=\"{n}\">\n")),
                    None => out.push_str("<ul>\n"),
                }
                for item in items {
                    match item.task {
                        Some(done) => {
                            out.push_str("<li class=\"task\">");
                            out.push_str(if done { "☑ " } else { "☐ " });
                        }
                        None => out.push_str("<li>"),
                    }
                    // A tight item is one paragraph: write it without the <p>.
                    match item.blocks.as_slice() {
                        [Block::Para(inlines), rest @ ..]
                            if rest.iter().all(|b| matches!(b, Block::List { .. })) =>
                        {
                            self.inlines(out, inlines);
                            self.blocks(out, rest);
                        }
                        blocks => self.blocks(out, blocks),
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(if start.is_some() {
                    "</ol>\n"
                } else {
                    "</ul>\n"
                });
            }
            Block::Quote { kind, blocks } => {
                match kind {
                    Some(k) => out.push_str(&format!(
                        "<blockquote class=\"alert {k}\"><p class=\"alert-title\">{}</p>\n",
                        capitalise(k)
                    )),
                    None => out.push_str("<blockquote>\n"),
                }
                self.blocks(out, blocks);
                out.push_str("</blockquote>\n");
            }
            Block::Code { lang, text } => {
                if lang.is_empty() {
                    out.push_str("<pre><code>");
                } else {
                    out.push_str(&format!("<pre><code class=\"language-{}\">", attr(lang)));
                }
                out.push_str(&text_escape(text.strip_suffix('\n').unwrap_or(text)));
                out.push_str("</code></pre>\n");
            }
            Block::Table { align, head, rows } => {
                out.push_str("<div class=\"table\"><table>\n<thead><tr>");
                for (i, cell) in head.iter().enumerate() {
                    self.cell(out, "th", align.get(i), cell);
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        self.cell(out, "td", align.get(i), cell);
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table></div>\n");
            }
            Block::Rule => out.push_str("<hr/>\n"),
        }
    }

    fn cell(&mut self, out: &mut String, tag: &str, align: Option<&Align>, cell: &[Inline]) {
        match align {
            Some(Align::Left) => out.push_str(&format!("<{tag} class=\"l\">")),
            Some(Align::Center) => out.push_str(&format!("<{tag} class=\"c\">")),
            Some(Align::Right) => out.push_str(&format!("<{tag} class=\"r\">")),
            _ => out.push_str(&format!("<{tag}>")),
        }
        self.inlines(out, cell);
        out.push_str(&format!("</{tag}>"));
    }

    pub fn inlines(&mut self, out: &mut String, inlines: &[Inline]) {
        for i in inlines {
            self.inline(out, i);
        }
    }

    fn inline(&mut self, out: &mut String, inline: &Inline) {
        match inline {
            Inline::Text(t) => out.push_str(&text_escape(t)),
            Inline::Code(t) => {
                out.push_str("<code>");
                out.push_str(&text_escape(t));
                out.push_str("</code>");
            }
            Inline::Math { tex, display, at } => self.math(out, tex, *display, *at),
            Inline::Emph(c) => self.wrap(out, "em", c),
            Inline::Strong(c) => self.wrap(out, "strong", c),
            Inline::Strike(c) => self.wrap(out, "del", c),
            Inline::Link { href, content } => match href {
                Href::Internal(id) => {
                    out.push_str(&format!("<a href=\"#{}\">", attr(id)));
                    self.inlines(out, content);
                    out.push_str("</a>");
                }
                Href::External(url) => {
                    out.push_str(&format!("<a href=\"{}\">", attr(url)));
                    self.inlines(out, content);
                    out.push_str("</a>");
                }
                Href::None => self.wrap(out, "span", content),
            },
            Inline::Image { index, alt } => {
                let Some(img) = self.images.get(*index) else {
                    return;
                };
                let uri = self
                    .uris
                    .entry(*index)
                    .or_insert_with(|| format!("data:{};base64,{}", img.mime, base64(&img.bytes)));
                out.push_str(&format!("<img src=\"{uri}\" alt=\"{}\"/>", attr(alt)));
            }
            Inline::FootnoteRef(key) => {
                let Some(f) = self.footnotes.get(key.as_str()) else {
                    return;
                };
                let id = if self.referenced.insert(key.clone()) {
                    format!(" id=\"{}\"", attr(&f.ref_anchor))
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "<sup class=\"fn\"><a{id} href=\"#{}\">{}</a></sup>",
                    attr(&f.anchor),
                    f.number
                ));
            }
            Inline::SoftBreak => out.push('\n'),
            Inline::HardBreak => out.push_str("<br/>\n"),
        }
    }

    /// A formula as MathML; a long inline one as several `<math>` elements that the line may
    /// break between (see [`super::breaks`]).
    fn math(&mut self, out: &mut String, tex: &str, display: bool, at: At) {
        let pieces = super::breaks::pieces(tex);
        if pieces.len() > 1 {
            // A display formula's pieces keep display style, centred as one block that wraps.
            const STYLE: &str = "\\displaystyle ";
            let converted: Result<Vec<String>, _> = pieces
                .iter()
                .map(|(_, p)| {
                    if display {
                        self.convert(&format!("{STYLE}{p}"), false)
                            .map(|m| m.replace(&format!("x-tex\">{STYLE}"), "x-tex\">"))
                    } else {
                        self.convert(p, false)
                    }
                })
                .collect();
            if let Ok(parts) = converted {
                let class = if display { "dmath" } else { "math-run" };
                out.push_str(&format!("<span class=\"{class}\">"));
                out.push_str(&parts.join("<wbr/>"));
                out.push_str("</span>");
                return;
            }
        }
        match self.convert(tex, display) {
            Ok(mathml) => out.push_str(&mathml),
            Err(e) => {
                self.problems.push(Problem::warning(
                    at.shifted(e.offset),
                    "math",
                    format!("formula shown as TeX: {}", e.message),
                ));
                out.push_str("<code class=\"tex\">");
                out.push_str(&text_escape(tex));
                out.push_str("</code>");
            }
        }
    }

    /// [`crate::math::to_mathml`], remembered for the first [`MATHML_CACHE`] formulas.
    fn convert(&mut self, tex: &str, display: bool) -> Result<String, MathError> {
        let cache = &mut self.mathml[usize::from(display)];
        if let Some(done) = cache.get(tex) {
            return done.clone();
        }
        let done = crate::math::to_mathml(tex, display, self.macros);
        if cache.len() < MATHML_CACHE {
            cache.insert(tex.to_string(), done.clone());
        }
        done
    }

    fn wrap(&mut self, out: &mut String, tag: &str, content: &[Inline]) {
        out.push_str(&format!("<{tag}>"));
        self.inlines(out, content);
        out.push_str(&format!("</{tag}>"));
    }

    /// A topic's footnotes as an ordered list with back-links.
    pub fn footnotes(&mut self, footnotes: &[Footnote]) -> String {
        if footnotes.is_empty() {
            return String::new();
        }
        let mut out = String::from("<ol class=\"footnotes\">\n");
        for f in footnotes {
            out.push_str(&format!(
                "<li id=\"{}\" value=\"{}\">",
                attr(&f.anchor),
                f.number
            ));
            out.push_str(&self.compact(&f.blocks));
            if self.referenced.contains(&f.key) {
                out.push_str(&format!(
                    " <a class=\"back\" href=\"#{}\" aria-label=\"back\">↩</a>",
                    attr(&f.ref_anchor)
                ));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
        out
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Escapes text content (one XML escaper for the math and the sheet).
pub use crate::math::xml_escape as text_escape;

/// Escapes an attribute value (double-quoted).
pub fn attr(s: &str) -> String {
    text_escape(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::doc::Item;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(text_escape("a < b & c > d"), "a &lt; b &amp; c &gt; d");
        assert_eq!(attr("say \"hi\""), "say &quot;hi&quot;");
    }

    /// The MathML cache: a repeated formula converts as the first copy did, and a repeated
    /// formula that fails is reported at every copy, each at its own place.
    #[test]
    fn repeated_formulas_render_and_fail_like_the_first() {
        let macros = Macros::empty();
        let mut w = Writer::new(&macros, &[]);
        let at = |offset| At { origin: 0, offset };
        let (mut first, mut second) = (String::new(), String::new());
        w.math(&mut first, r"\frac{1}{2}", false, at(0));
        w.math(&mut second, r"\frac{1}{2}", false, at(10));
        assert_eq!(
            first,
            crate::math::to_mathml(r"\frac{1}{2}", false, &macros).expect("converts")
        );
        assert_eq!(first, second);
        let mut display = String::new();
        w.math(&mut display, r"\frac{1}{2}", true, at(20));
        assert_ne!(display, first, "display and inline are cached apart");
        for offset in [30, 40] {
            w.math(&mut String::new(), r"\nosuchcommand x", false, at(offset));
        }
        let places: Vec<usize> = w.problems.iter().map(|p| p.at.offset).collect();
        assert_eq!(places.len(), 2);
        assert!(
            places[0] >= 30 && places[0] < 40 && places[1] >= 40,
            "{places:?}"
        );
    }

    #[test]
    fn tight_list_items_have_no_paragraphs() {
        let macros = Macros::empty();
        let mut w = Writer::new(&macros, &[]);
        let list = Block::List {
            start: None,
            items: vec![Item {
                task: Some(true),
                blocks: vec![Block::Para(vec![Inline::Text("done".into())])],
            }],
        };
        assert_eq!(
            w.blocks_to_string(&[list]),
            "<ul>\n<li class=\"task\">☑ done</li>\n</ul>\n"
        );
    }
}
