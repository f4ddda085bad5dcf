//! LaTeX math: one parse, three outputs. A formula is expanded with the course's macros
//! (`notes/macros.tex`), parsed once by pulldown-latex into events, and written as MathML for
//! HTML (pulldown-latex's own writer), as Typst math for the PDF and as plain Unicode for the
//! terminal (ours, over the same events), so the three always agree.
//!
//! This module knows nothing of courses, files or the terminal: callers hand it a formula's
//! text and get strings or [`MathError`]s whose offsets point into that text as the author
//! wrote it (at the macro call when the problem is inside an expansion); placing them in a
//! file is the caller's job.
//!
//! ```text
//! tex ──expand/──▶ text ──parse.rs──▶ events ──┬─▶ mathml.rs  (pulldown-latex's writer)
//!     (macros,       (+ source map)            └─▶ tree.rs ──┬─▶ typst/
//!      rewrites)                                             └─▶ unicode/
//! ```
//!
//! For HTML, a page needs [`STYLESHEET`] and the font [`math_font`] beside it as
//! [`MATH_FONT_FILE`]. [`render`] gives all three outputs from one parse; [`check`] lists every
//! problem (`notes check`); [`corpus`] is the golden-test formulas, for screenshots and
//! benchmarks (286 formulas through all three outputs take about 2 ms in release).
//!
//! Panics inside pulldown-latex (it has `panic!`s for states it believes unreachable) are
//! caught and become errors; the inputs known to reach them are refused before parsing.

mod alphabet;
mod expand;
mod lex;
mod limits;
mod macros;
mod mathml;
mod parse;
mod tree;
mod typst;
mod unicode;

#[cfg(test)]
mod tests;

use pulldown_latex::Storage;
use pulldown_latex::event::Event;

pub use macros::{MacroError, Macros};
pub use mathml::{MATH_FONT_FILE, STYLESHEET, math_font, xml_escape};

use tree::Node;

/// A formula that would not render, or would render wrong, in at least one output.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct MathError {
    /// Byte offset into the formula as the author wrote it (before macro expansion).
    pub offset: usize,
    pub message: String,
    /// The command at fault, e.g. `\foo`, when one can be named.
    pub command: Option<String>,
}

/// All three renderings of one formula, from one parse.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub mathml: String,
    pub typst: String,
    pub unicode: String,
}

/// A complete `<math …>…</math>` element (`display="block"` when `display`).
pub fn to_mathml(tex: &str, display: bool, macros: &Macros) -> Result<String, MathError> {
    with_parse(tex, macros, |events, _| mathml::write(events, display, tex)).map_err(first)
}

/// A complete Typst math expression including its `$`s: `$x^2$` inline, `$ x^2 $` display.
pub fn to_typst(tex: &str, display: bool, macros: &Macros) -> Result<String, MathError> {
    with_parse(tex, macros, |_, nodes| typst::write(nodes, display)).map_err(first)
}

/// Plain Unicode for the terminal; a top-level `aligned` (or `align*`, `gathered`) gives one
/// line per row, its columns lined up.
pub fn to_unicode(tex: &str, macros: &Macros) -> Result<String, MathError> {
    with_parse(tex, macros, |_, nodes| unicode::write(nodes)).map_err(first)
}

/// All three renderings from a single parse (what the sheet and the benchmark want).
pub fn render(tex: &str, display: bool, macros: &Macros) -> Result<Rendered, MathError> {
    with_parse(tex, macros, |events, nodes| Rendered {
        mathml: mathml::write(events, display, tex),
        typst: typst::write(nodes, display),
        unicode: unicode::write(nodes),
    })
    .map_err(first)
}

/// Every problem that would show in any output; empty when the formula renders everywhere.
/// The same answer as [`render`] gives, without writing the outputs or building the tree
/// they are written from (unless it cannot be built: then its error is the answer).
pub fn check(tex: &str, macros: &Macros) -> Vec<MathError> {
    let result = parsed(tex, macros, |events| {
        if tree::buildable(events) {
            Ok(())
        } else {
            tree::build(events).map(drop)
        }
    });
    match result {
        Ok(()) => Vec::new(),
        Err(errors) => errors,
    }
}

/// The formulas of the golden tests (`corpus.tex`): every construct the course uses and
/// typical CS236 formulas, for screenshots and benchmarks. They use [`corpus_macros`].
pub fn corpus() -> Vec<&'static str> {
    include_str!("corpus.tex")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('%'))
        .collect()
}

/// The macros the corpus is written with (those of the shipped course, and a few more).
pub fn corpus_macros() -> &'static str {
    include_str!("corpus_macros.tex")
}

/// Expands and parses `tex` once, then hands the events and their tree to `f`; or returns
/// every error found on the way, located in `tex` and without duplicates.
fn with_parse<R>(
    tex: &str,
    macros: &Macros,
    f: impl FnOnce(&[Event<'_>], &[Node<'_>]) -> R,
) -> Result<R, Vec<MathError>> {
    parsed(tex, macros, |events| {
        tree::build(events).map(|nodes| f(events, &nodes))
    })
}

/// Expands and parses `tex` once, then hands the events to `f`, which turns them into a tree
/// (or says whether they make one); or returns every error found on the way, located in
/// `tex` and without duplicates.
fn parsed<R>(
    tex: &str,
    macros: &Macros,
    f: impl FnOnce(&[Event<'_>]) -> Result<R, tree::BuildError>,
) -> Result<R, Vec<MathError>> {
    // Nearly every formula is fine, and the padding that locates pulldown-latex's errors costs
    // it time (3 % of a check): a formula is parsed without it first, and again with it only
    // when something is wrong. Both give the same events (see `tests.rs`).
    let (plain, errors) = expand::expand(tex, macros, false);
    if errors.is_empty() {
        let storage = Storage::new();
        if let Ok(events) = parse::events(&plain, &storage) {
            return f(&events).map_err(|e| vec![build_error(e)]);
        }
    }
    let (expanded, mut errors) = expand::expand(tex, macros, true);
    let storage = Storage::new();
    let result: Result<(), Vec<MathError>> = match parse::events(&expanded, &storage) {
        Ok(events) if errors.is_empty() => match f(&events) {
            Ok(r) => return Ok(r),
            Err(e) => Err(vec![build_error(e)]),
        },
        Ok(_) => Err(Vec::new()),
        Err(more) => Err(more),
    };
    if let Err(more) = result {
        errors.extend(more);
    }
    for e in &mut errors {
        e.offset = floor_char_boundary(tex, e.offset);
    }
    errors.sort_by_key(|e| e.offset);
    errors.dedup_by(|a, b| a.offset == b.offset && a.message == b.message);
    Err(errors)
}

/// Whether `tex` gets the same answer from the fast path of [`check`] and the rest, as
/// that path assumes: a formula that expands without errors does so padded too, and one that
/// parses without the padding gives the same events with it. For the tests and the fuzz target.
#[doc(hidden)]
pub fn unpadded_agrees(tex: &str, macros: &Macros) -> Result<(), String> {
    let (plain, plain_errors) = expand::expand(tex, macros, false);
    let (padded, padded_errors) = expand::expand(tex, macros, true);
    if !plain_errors.is_empty() {
        return Ok(());
    }
    if !padded_errors.is_empty() {
        return Err(format!(
            "only the padded text has errors: {padded_errors:?}"
        ));
    }
    let (s1, s2) = (Storage::new(), Storage::new());
    let Ok(fast) = parse::events(&plain, &s1) else {
        return Ok(());
    };
    match parse::events(&padded, &s2) {
        Ok(slow) if format!("{fast:?}") == format!("{slow:?}") => Ok(()),
        Ok(slow) => Err(format!("the events differ:\n{fast:?}\n{slow:?}")),
        Err(e) => Err(format!("parses only without the padding: {e:?}")),
    }
}

/// The error for events that make no tree; it has no place in the formula but its start.
fn build_error(e: tree::BuildError) -> MathError {
    match e {
        tree::BuildError::TooDeep => MathError {
            offset: 0,
            message: limits::TooMuch::Nesting { at: 0 }.to_string(),
            command: None,
        },
        tree::BuildError::Malformed(why) => MathError {
            offset: 0,
            message: format!("internal error reading the parser's events: {why}"),
            command: None,
        },
    }
}

fn first(mut errors: Vec<MathError>) -> MathError {
    if errors.is_empty() {
        MathError {
            offset: 0,
            message: "the formula cannot be rendered".into(),
            command: None,
        }
    } else {
        errors.swap_remove(0)
    }
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}
