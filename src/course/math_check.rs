//! Every formula of the course must render in all three outputs (MathML, Typst, Unicode).
//! Problems are reported at the formula's own line and column, inside YAML block scalars too.
//!
//! Parsing formulas is most of `notes check`, so it is done file by file on the threads that
//! parse the files (see `files::parse_all`); each thread parses a distinct formula once (a
//! course repeats about half of its formulas), and files that were clean last time are skipped
//! (see `cache.rs`).

use std::cell::OnceCell;

use hashbrown::HashTable;
use pulldown_cmark::{CowStr, Event, Parser};
use xxhash_rust::xxh3::xxh3_128;

use super::cache::{FileKind, MathCache};
use super::note::{Note, markdown_options};
use super::{Course, Question};
use crate::diag::{Diagnostic, LineIndex, Loc};
use crate::math::{self, Macros, MathError};

/// Calls `f(tex, display, offset)` for each math span of a Markdown string, in order; `offset`
/// is the byte offset of the TeX (inside its delimiters) in `markdown`.
pub fn each_formula(markdown: &str, mut f: impl FnMut(&str, bool, usize)) {
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        if let Event::InlineMath(t) | Event::DisplayMath(t) = &event {
            let display = matches!(event, Event::DisplayMath(_));
            f(t, display, tex_offset(markdown, range, t));
        }
    }
}

/// Calls `f(tex)` for each math span of a question field, in order: found by
/// `inline_math` when the field is plain prose, else by the Markdown parser.
fn field_formulas(markdown: &str, mut f: impl FnMut(&str)) {
    match super::inline_math::spans(markdown) {
        Some(spans) => spans.into_iter().for_each(|(tex, _)| f(tex)),
        None => each_formula(markdown, |tex, _, _| f(tex)),
    }
}

/// Where the TeX of a math span starts in `markdown`, `range` being the whole span with its
/// delimiters. pulldown-cmark hands out the TeX as a slice of the input, whose address says
/// where it is; it copies the TeX only when it had to change it, and then it is searched for.
pub(super) fn tex_offset(markdown: &str, range: std::ops::Range<usize>, tex: &CowStr) -> usize {
    if let CowStr::Borrowed(t) = tex {
        let at = (t.as_ptr() as usize).wrapping_sub(markdown.as_ptr() as usize);
        if at <= markdown.len() && range.contains(&at) {
            return at;
        }
    }
    let raw = markdown.get(range.clone()).unwrap_or_default();
    let delim = if raw.starts_with("$$") { 2 } else { 1 };
    range.start + raw.find(tex.as_ref()).unwrap_or(delim.min(raw.len()))
}

/// A formula checked, by the 128-bit XXH3 hash of its TeX (as the cache names files: two
/// formulas of a course never share one in practice), with what was wrong with it (usually
/// nothing). Keeping the hash rather than a copy of the TeX saves an allocation per formula.
type Checked = (u128, Box<[MathError]>);

/// The formulas one thread has checked so far. Each thread keeps its own: a table shared by
/// both cores cost more in locks and cache lines passed between them (a tenth of the check)
/// than the formulas both threads meet and parse twice.
#[derive(Default)]
pub(super) struct Seen(HashTable<Checked>);

/// What the threads that parse the files share: the macros, and the files known from
/// earlier runs to be clean.
pub(super) struct Checker<'m> {
    macros: &'m Macros,
    cache: Option<MathCache>,
}

impl<'m> Checker<'m> {
    pub fn new(macros: &'m Macros, cache: Option<MathCache>) -> Checker<'m> {
        Checker { macros, cache }
    }

    /// The problems of one formula; parsed only the first time this thread meets it.
    fn errors(&self, seen: &mut Seen, tex: &str) -> Vec<MathError> {
        let key = xxh3_128(tex.as_bytes());
        // The table's own hash is the key's low half: already as good as a hash can be.
        if let Some((_, found)) = seen.0.find(key as u64, |(k, _)| *k == key) {
            return found.to_vec();
        }
        let errors = math::check(tex, self.macros);
        let checked = (key, errors.clone().into_boxed_slice());
        seen.0
            .insert_unique(key as u64, checked, |(k, _)| *k as u64);
        errors
    }

    /// Checks the formulas of one file, unless the cache knows it to be clean. Returns the
    /// file's cache key when every formula rendered (whether checked now or before), for
    /// [`Checker::remember`].
    pub fn file_cached(
        &self,
        seen: &mut Seen,
        kind: FileKind,
        text: &str,
        note: Option<&Note>,
        questions: &[Box<Question>],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<u128> {
        let key = self.cache.as_ref().map(|c| (c, c.key(kind, text)));
        if let Some((cache, key)) = key
            && cache.knows(key)
        {
            return Some(key);
        }
        let before = diags.len();
        self.file(seen, text, note, questions, diags);
        key.filter(|_| diags.len() == before).map(|(_, k)| k)
    }

    /// Saves the clean files of this run as the cache (see `cache.rs`).
    pub fn remember(&self, clean: &[u128]) {
        if let Some(cache) = &self.cache {
            cache.save(clean);
        }
    }

    /// Checks the formulas of one file: a note's (when `note` is given) and those of the
    /// questions read from it. `text` is the file's text, to place each problem.
    fn file(
        &self,
        seen: &mut Seen,
        text: &str,
        note: Option<&Note>,
        questions: &[Box<Question>],
        diags: &mut Vec<Diagnostic>,
    ) {
        // Built only when a formula has a problem to place.
        let lines = OnceCell::new();
        let index = || lines.get_or_init(|| LineIndex::new(text));
        if let Some(note) = note {
            for m in &note.math {
                report(self.errors(seen, &m.tex), diags, |off| {
                    index().loc(&note.file, text, m.offset + off)
                });
            }
        }
        for q in questions {
            for (field, pos) in &q.texts {
                // Formulas need a `$`: a field without one needs no Markdown parse.
                let Some(value) = q.text_of(field).filter(|v| v.contains('$')) else {
                    continue;
                };
                field_formulas(value, |tex| {
                    // Find the formula as written in the file, from the field's line on; YAML
                    // escapes can hide it, and then the field's own position stands in.
                    report(self.errors(seen, tex), diags, |off| {
                        let lines = index();
                        let from = lines.line_start(pos.line, text);
                        text.get(from..)
                            .and_then(|rest| rest.find(tex))
                            .map(|at| lines.loc(&q.file, text, from + at + off))
                            .unwrap_or_else(|| Loc::new(&q.file, pos.line, pos.column))
                    });
                });
            }
        }
    }
}

fn report(errors: Vec<MathError>, diags: &mut Vec<Diagnostic>, loc: impl Fn(usize) -> Loc) {
    for e in errors {
        let d = Diagnostic::error("math", loc(e.offset), e.message);
        diags.push(match &e.command {
            Some(c) => d.help(format!(
                "`{c}` is not supported; define it in notes/macros.tex or rewrite the formula"
            )),
            None => d,
        });
    }
}

/// Every formula of the course, notes and questions alike: (TeX, display). For benchmarks and
/// the sheet's statistics.
pub fn all_formulas(course: &Course) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = course
        .notes
        .iter()
        .flat_map(|n| n.math.iter().map(|m| (m.tex.clone(), m.display)))
        .collect();
    for q in &course.questions {
        for (field, _) in &q.texts {
            if let Some(text) = q.text_of(field) {
                each_formula(text, |t, d, _| out.push((t.to_string(), d)));
            }
        }
    }
    out
}
