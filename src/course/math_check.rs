//! Every formula of the course must render in all three outputs (MathML, Typst, Unicode).
//! Problems are reported at the formula's own line and column, inside YAML block scalars too.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser};

use super::note::markdown_options;
use super::yaml::Pos;
use super::{Course, Question, parallel};
use crate::diag::{Diagnostic, Loc};
use crate::math;

/// Math spans of a Markdown string: (tex, display, byte offset of the tex in the string).
pub fn formulas(markdown: &str) -> Vec<(String, bool, usize)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        if let Event::InlineMath(t) | Event::DisplayMath(t) = &event {
            let raw = &markdown[range.clone()];
            let inner = raw.find(t.as_ref()).unwrap_or(0);
            out.push((
                t.to_string(),
                matches!(event, Event::DisplayMath(_)),
                range.start + inner,
            ));
        }
    }
    out
}

/// The formulas of a question's Markdown fields, with each field's position in the file.
fn question_formulas(q: &Question) -> Vec<(Pos, String)> {
    let mut out = Vec::new();
    for (field, pos) in &q.texts {
        // Formulas need a `$`: a field without one needs no Markdown parse.
        let Some(value) = q.text_of(field).filter(|v| v.contains('$')) else {
            continue;
        };
        out.extend(formulas(value).into_iter().map(|(tex, _, _)| (*pos, tex)));
    }
    out
}

/// Parsing formulas is most of this check, so each distinct formula is parsed once (a course
/// repeats about half of its formulas), on every core; the diagnostics are then made on this
/// thread, in course order.
pub fn check(course: &Course, diags: &mut Vec<Diagnostic>) {
    let in_questions = parallel::map(&course.questions, 256, question_formulas);
    let all = || {
        course
            .notes
            .iter()
            .flat_map(|n| n.math.iter().map(|m| m.tex.as_str()))
            .chain(in_questions.iter().flatten().map(|(_, tex)| tex.as_str()))
    };
    // Sized once: growing a map of a million formulas rehashes every key at each doubling.
    // Each formula's slot in `distinct` is kept in course order, so the report below hashes
    // nothing again.
    let count = all().count();
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(count);
    let mut distinct: Vec<&str> = Vec::new();
    let mut slots: Vec<usize> = Vec::with_capacity(count);
    for tex in all() {
        slots.push(*index.entry(tex).or_insert_with(|| {
            distinct.push(tex);
            distinct.len() - 1
        }));
    }
    drop(index);
    let results = parallel::map(&distinct, 64, |tex| math::check(tex, &course.macros));
    let mut slots = slots.into_iter();
    let mut errors_next = || slots.next().map_or(&[][..], |i| &results[i][..]);

    for note in &course.notes {
        for m in &note.math {
            report(errors_next(), diags, |off| {
                match course.sources.indexed(&note.file) {
                    Some((text, lines)) => lines.loc(&note.file, text, m.offset + off),
                    None => Loc::file(&note.file),
                }
            });
        }
    }
    for (q, found) in course.questions.iter().zip(&in_questions) {
        for (pos, tex) in found {
            // Find the formula as written in the file, from the field's line on; YAML escapes
            // can hide it, and then the field's own position stands in.
            report(errors_next(), diags, |off| {
                let found = course.sources.indexed(&q.file).and_then(|(text, lines)| {
                    let from = lines.line_start(pos.line, text);
                    let at = from + text.get(from..)?.find(tex.as_str())?;
                    Some(lines.loc(&q.file, text, at + off))
                });
                found.unwrap_or_else(|| Loc::new(&q.file, pos.line, pos.column))
            });
        }
    }
}

fn report(errors: &[math::MathError], diags: &mut Vec<Diagnostic>, loc: impl Fn(usize) -> Loc) {
    for e in errors {
        let d = Diagnostic::error("math", loc(e.offset), e.message.clone());
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
                out.extend(formulas(text).into_iter().map(|(t, d, _)| (t, d)));
            }
        }
    }
    out
}
