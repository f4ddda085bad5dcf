//! The sheet's document tree as Typst markup. Text is escaped character by character, code and
//! URLs go through Typst strings, formulas come from the math module. Every formula's place in
//! the generated source is recorded, so that a Typst error inside one can be traced back to
//! the note or question it came from.

use std::collections::{HashMap, HashSet};

/// Formulas (by their TeX) whose Typst conversion Typst rejected, with Typst's message: every
/// copy of such a formula is shown as TeX.
pub type RawMath = HashMap<String, String>;
use std::fmt::Write as _;
use std::ops::Range;

use crate::sheet::doc::{Align, Block, Href, Inline};
use crate::sheet::images::Image;
use crate::sheet::model::{At, Footnote, Problem};

/// A formula in the generated source.
#[derive(Debug, Clone)]
pub struct MathSpan {
    pub range: Range<usize>,
    pub at: At,
    pub tex: String,
}

/// Converts a formula (TeX, display?) to a Typst math expression: the math module, or a stand-in
/// in tests.
pub type ToTypst<'a> = &'a dyn Fn(&str, bool) -> Result<String, String>;

pub struct Writer<'a> {
    convert: ToTypst<'a>,
    images: &'a [Image],
    footnotes: HashMap<&'a str, &'a Footnote>,
    /// Footnotes already written (later references point to the first).
    written: HashSet<String>,
    /// Formulas to show as TeX because Typst rejected their conversion before, with why.
    raw_math: &'a RawMath,
    /// Whether to attach labels (off where content is repeated, as in the weak spots).
    pub labels: bool,
    /// Display formulas of more atoms than this (see [`atoms`]) may be wider than a column, and
    /// go through the template's `fit-math`, which measures them; the rest are set as they are.
    pub narrow_atoms: usize,
    pub out: String,
    pub math: Vec<MathSpan>,
    /// (offset in `out`, origin) at the start of every note and question.
    pub marks: Vec<(usize, At)>,
    pub problems: Vec<Problem>,
}

impl<'a> Writer<'a> {
    pub fn new(convert: ToTypst<'a>, images: &'a [Image], raw_math: &'a RawMath) -> Self {
        Writer {
            convert,
            images,
            footnotes: HashMap::new(),
            written: HashSet::new(),
            raw_math,
            labels: true,
            narrow_atoms: 0,
            out: String::new(),
            math: Vec::new(),
            marks: Vec::new(),
            problems: Vec::new(),
        }
    }

    pub fn set_footnotes(&mut self, footnotes: &'a [Footnote]) {
        self.footnotes = footnotes.iter().map(|f| (f.key.as_str(), f)).collect();
    }

    pub fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub fn mark(&mut self, at: At) {
        self.marks.push((self.out.len(), at));
    }

    /// `[…]` around blocks.
    pub fn content(&mut self, blocks: &[Block]) {
        self.out.push('[');
        self.blocks(blocks);
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out.push(']');
    }

    /// `[…]` around inlines.
    pub fn inline_content(&mut self, inlines: &[Inline]) {
        self.out.push('[');
        self.inlines(inlines);
        self.out.push(']');
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
            self.out.push_str("\n\n");
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, id, content } => {
                let _ = write!(
                    self.out,
                    "#heading(level: {})",
                    level.saturating_sub(1).max(1)
                );
                self.inline_content(content);
                if let Some(id) = id.as_ref().filter(|_| self.labels) {
                    let _ = write!(self.out, " <{id}>");
                }
            }
            Block::Para(inlines) => self.inlines(inlines),
            Block::List { start, items } => {
                match start {
                    Some(n) => {
                        let _ = write!(self.out, "#enum(start: {n}");
                    }
                    None => self.out.push_str("#list("),
                }
                for (i, item) in items.iter().enumerate() {
                    if start.is_some() || i > 0 {
                        self.out.push_str(", ");
                    }
                    self.out.push('[');
                    if let Some(done) = item.task {
                        self.out.push_str(if done { "☑ " } else { "☐ " });
                    }
                    self.blocks(&item.blocks);
                    while self.out.ends_with('\n') {
                        self.out.pop();
                    }
                    self.out.push(']');
                }
                self.out.push(')');
            }
            Block::Quote { kind, blocks } => {
                match kind {
                    Some(k) => {
                        let _ = write!(self.out, "#alert(\"{k}\")");
                    }
                    None => self.out.push_str("#quote(block: true)"),
                }
                self.content(blocks);
            }
            Block::Code { lang, text } => {
                self.out.push_str("#raw(block: true, ");
                if !lang.is_empty() {
                    let _ = write!(self.out, "lang: {}, ", string(lang));
                }
                self.out
                    .push_str(&string(text.strip_suffix('\n').unwrap_or(text)));
                self.out.push(')');
            }
            Block::Table { align, head, rows } => {
                let aligns: Vec<&str> = align
                    .iter()
                    .map(|a| match a {
                        Align::Center => "center",
                        Align::Right => "right",
                        _ => "left",
                    })
                    .collect();
                let _ = write!(
                    self.out,
                    "#table(columns: {}, align: ({},), table.header(",
                    align.len().max(1),
                    aligns.join(", ")
                );
                for (i, cell) in head.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.inline_content(cell);
                }
                self.out.push(')');
                for row in rows {
                    // Short rows are padded: Typst fills a table cell by cell.
                    for i in 0..align.len().max(1) {
                        self.out.push_str(", ");
                        match row.get(i) {
                            Some(cell) => self.inline_content(cell),
                            None => self.out.push_str("[]"),
                        }
                    }
                }
                self.out.push(')');
            }
            Block::Rule => self.out.push_str("#rule()"),
        }
    }

    pub fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            self.inline(i);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(t) => escape(t, &mut self.out),
            Inline::Code(t) => {
                let _ = write!(self.out, "#raw({})", string(t));
            }
            Inline::Math { tex, display, at } => self.math(tex, *display, *at),
            Inline::Emph(c) => self.wrap("emph", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strike(c) => self.wrap("strike", c),
            Inline::Link { href, content } => match href {
                Href::Internal(id) => {
                    let _ = write!(self.out, "#link(<{id}>)");
                    self.inline_content(content);
                }
                Href::External(url) => {
                    let _ = write!(self.out, "#link({})", string(url));
                    self.inline_content(content);
                }
                Href::None => self.inlines(content),
            },
            Inline::Image { index, alt } => {
                if let Some(img) = self.images.get(*index) {
                    let _ = write!(
                        self.out,
                        "#sheet-image({}, alt: {})",
                        string(&img.vpath),
                        string(alt)
                    );
                }
            }
            Inline::FootnoteRef(key) => {
                let Some(f) = self.footnotes.get(key.as_str()).copied() else {
                    return;
                };
                if self.labels && !self.written.insert(key.clone()) {
                    let _ = write!(self.out, "#footnote(<{}>)", f.anchor);
                } else {
                    self.out.push_str("#footnote");
                    self.content(&f.blocks);
                    if self.labels {
                        let _ = write!(self.out, " <{}>", f.anchor);
                    }
                }
            }
            // One paragraph is one line of source: no line of text can start a list or heading.
            Inline::SoftBreak => self.out.push(' '),
            Inline::HardBreak => self.out.push_str("#linebreak() "),
        }
    }

    fn wrap(&mut self, func: &str, content: &[Inline]) {
        let _ = write!(self.out, "#{func}");
        self.inline_content(content);
    }

    fn math(&mut self, tex: &str, display: bool, at: At) {
        let converted = if let Some(why) = self.raw_math.get(tex) {
            Err(format!("Typst rejected its conversion ({why})"))
        } else {
            (self.convert)(tex, display)
        };
        match converted {
            Ok(converted) => {
                let start = self.out.len();
                // A formula glued to a word (`$x$-axis`) must not merge with it.
                if !display && self.out.ends_with(|c: char| c.is_alphanumeric()) {
                    self.out.push_str("#h(0pt)");
                }
                let fit = display && atoms(tex) > self.narrow_atoms;
                if fit {
                    self.out.push_str("#fit-math(");
                }
                self.out.push_str(&converted);
                if fit {
                    self.out.push(')');
                }
                self.math.push(MathSpan {
                    range: start..self.out.len(),
                    at,
                    tex: tex.to_string(),
                });
            }
            Err(message) => {
                self.problems.push(Problem::warning(
                    at,
                    "math",
                    format!("formula shown as TeX: {message}"),
                ));
                let _ = write!(self.out, "#tex-fallback({})", string(tex));
            }
        }
    }
}

/// An upper bound on how many em-wide pieces a formula sets in a row: every control word and
/// every other visible character counts once (a fraction, a script or a `\text` are counted as
/// if side by side), and spacing commands count for their width. Measuring a display formula in
/// Typst costs a second layout of it; one that is at most [`Writer::narrow_atoms`] atoms long
/// is narrower than the column without being measured.
pub fn atoms(tex: &str) -> usize {
    let mut n = 0;
    let mut chars = tex.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut word = String::new();
                while let Some(&l) = chars.peek().filter(|l| l.is_ascii_alphabetic()) {
                    word.push(l);
                    chars.next();
                }
                n += match word.as_str() {
                    // Commands that set nothing themselves: styles, delimiter sizes, fractions
                    // (their parts are counted as if side by side).
                    "left" | "right" | "middle" | "big" | "Big" | "bigg" | "Bigg" | "bigl"
                    | "bigr" | "Bigl" | "Bigr" | "limits" | "nolimits" | "displaystyle"
                    | "textstyle" | "mathrm" | "mathbf" | "mathit" | "mathsf" | "mathtt"
                    | "mathcal" | "mathbb" | "mathfrak" | "mathscr" | "boldsymbol" | "bm"
                    | "text" | "textrm" | "textbf" | "textit" | "operatorname" | "frac"
                    | "dfrac" | "tfrac" | "sqrt" | "hat" | "bar" | "tilde" | "vec" | "dot"
                    | "ddot" | "overline" | "underline" | "widehat" | "widetilde" => 0,
                    // Display operators (1.6 em) and long arrows.
                    "sum" | "prod" | "coprod" | "int" | "iint" | "iiint" | "oint" | "bigcup"
                    | "bigcap" | "bigoplus" | "bigotimes" | "bigvee" | "bigwedge" | "qquad"
                    | "longrightarrow" | "Longrightarrow" | "longleftarrow" | "Longleftarrow"
                    | "longleftrightarrow" | "Longleftrightarrow" | "longmapsto" | "iff" => 2,
                    // A symbol, an operator, a control symbol (`\,`, `\{`), `\quad`.
                    _ => 1,
                };
            }
            '{' | '}' | '^' | '_' | '&' => {}
            c if c.is_whitespace() => {}
            _ => n += 1,
        }
    }
    n
}

/// How many atoms fit in a column `width_mm` wide for sure: an atom is at most 1.4 em (a
/// relation with its spaces, a display operator) of the 7.2 pt body type, 10 pt.
pub fn narrow_atoms(width_mm: f64) -> usize {
    let points = width_mm * 72.0 / 25.4;
    (points / 10.0).floor().max(0.0) as usize
}

/// Escapes text for Typst markup: every character with a meaning in markup gets a backslash
/// (Typst reads `\` + any non-space character as that character; quotes are left to become
/// typographic quotes), and a digit that starts a
/// run of text is escaped so that `1. ` can never begin a numbered list.
pub fn escape(text: &str, out: &mut String) {
    let mut leading = true;
    for c in text.chars() {
        match c {
            '\\' | '#' | '$' | '*' | '_' | '@' | '<' | '>' | '[' | ']' | '`' | '~' | '/' | '-'
            | '=' | '+' => {
                out.push('\\');
                out.push(c);
            }
            '0'..='9' if leading => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
        leading &= c.is_whitespace();
    }
}

/// A Typst string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        let mut out = String::new();
        escape(
            "1. a #b $c *d* _e_ @f <g> [h] `i` \\j ~k // l -- m = n + o",
            &mut out,
        );
        assert_eq!(
            out,
            "\\1. a \\#b \\$c \\*d\\* \\_e\\_ \\@f \\<g\\> \\[h\\] \\`i\\` \\\\j \\~k \\/\\/ l \\-\\- m \\= n \\+ o"
        );
    }

    /// Escaped text parses as text and nothing else: no markup, no error, the same characters
    /// (three dots may become Typst's ellipsis shorthand, quotes typographic quotes).
    #[cfg(feature = "pdf")]
    mod parse {
        use proptest::prelude::*;
        use typst::syntax::{SyntaxKind, SyntaxNode};

        fn text_of(node: &SyntaxNode, out: &mut String) -> Result<(), String> {
            match node.kind() {
                SyntaxKind::Markup => {
                    for child in node.children() {
                        text_of(child, out)?;
                    }
                    Ok(())
                }
                SyntaxKind::Text | SyntaxKind::Space | SyntaxKind::SmartQuote => {
                    out.push_str(node.leaf_text());
                    Ok(())
                }
                SyntaxKind::Shorthand if node.leaf_text() == "..." => {
                    out.push_str("...");
                    Ok(())
                }
                SyntaxKind::Escape => {
                    out.push_str(&node.leaf_text()[1..]);
                    Ok(())
                }
                other => Err(format!("{other:?} in {:?}", node.leaf_text())),
            }
        }

        proptest! {
            #[test]
            fn escaped_text_is_plain_text(s in "[ -~é€\\n]{0,40}") {
                let mut escaped = String::new();
                super::escape(&s, &mut escaped);
                let root = typst::syntax::parse(&escaped);
                prop_assert!(root.errors_and_warnings().0.is_empty(), "{escaped:?}");
                let mut back = String::new();
                text_of(&root, &mut back).map_err(|e| TestCaseError::fail(format!("{e}: {escaped:?}")))?;
                prop_assert_eq!(back, s.replace('\n', " "));
            }
        }
    }

    #[test]
    fn atoms_count_what_is_set_side_by_side() {
        assert_eq!(atoms("x"), 1);
        assert_eq!(atoms(r"x^{2} + y_i"), 5);
        // Styles and fractions set nothing themselves; their parts count as if in a row.
        assert_eq!(atoms(r"\mathbb{E}\left[\frac{a}{b}\right]"), 5);
        assert_eq!(atoms(r"\sum_{i=1}^{n} \log p_\theta(x_i)"), 13);
        assert_eq!(atoms(r"a \quad b \qquad c"), 6);
        assert_eq!(atoms(r"\text{if } x"), 3);
    }

    #[test]
    fn a_column_of_the_default_sheet_holds_25_atoms() {
        // A4 landscape, 3 columns: (297 - 14 - 2 × 4.5) / 3 = 91.3 mm = 258.9 pt.
        assert_eq!(narrow_atoms(91.33), 25);
        assert_eq!(narrow_atoms(0.0), 0);
    }

    #[test]
    fn only_display_formulas_that_may_be_wide_are_fitted() {
        let convert = |tex: &str, display: bool| -> Result<String, String> {
            Ok(if display {
                format!("$ {tex} $")
            } else {
                format!("${tex}$")
            })
        };
        let raw = RawMath::default();
        let mut w = Writer::new(&convert, &[], &raw);
        w.narrow_atoms = 5;
        let at = At {
            origin: 0,
            offset: 0,
        };
        w.math("abcde", true, at);
        w.math("abcdef", true, at);
        w.math("abcdef", false, at);
        assert_eq!(w.out, "$ abcde $#fit-math($ abcdef $)$abcdef$");
        // The spans cover the formula itself, as Typst errors are mapped back through them.
        assert_eq!(&w.out[w.math[1].range.clone()], "#fit-math($ abcdef $)");
    }

    #[test]
    fn strings_are_quoted() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
