//! Every formula of the course must render in all three outputs (MathML, Typst, Unicode).
//! Problems are reported at the formula's own line and column, inside YAML block scalars too.

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

/// A formula that failed, with where to look for it: (position of its field, TeX, errors).
type Failed = (Pos, String, Vec<math::MathError>);

/// The formulas of a question's Markdown fields that do not parse.
fn question_failures(q: &Question, macros: &math::Macros) -> Vec<Failed> {
    let mut out = Vec::new();
    for (field, pos) in &q.texts {
        // Formulas need a `$`: a field without one needs no Markdown parse.
        let Some(value) = q.text_of(field).filter(|v| v.contains('$')) else {
            continue;
        };
        for (tex, _, _) in formulas(value) {
            let errors = math::check(&tex, macros);
            if !errors.is_empty() {
                out.push((*pos, tex, errors));
            }
        }
    }
    out
}

/// Parsing every formula is most of this check: it runs on every core, and the diagnostics
/// are then made on this thread, in course order.
pub fn check(course: &Course, diags: &mut Vec<Diagnostic>) {
    let macros = &course.macros;
    let in_notes = parallel::map(&course.notes, 16, |note| {
        note.math
            .iter()
            .map(|m| (m.offset, math::check(&m.tex, macros)))
            .filter(|(_, errors)| !errors.is_empty())
            .collect::<Vec<_>>()
    });
    for (note, failed) in course.notes.iter().zip(in_notes) {
        for (offset, errors) in failed {
            report(errors, diags, |off| {
                match course.sources.indexed(&note.file) {
                    Some((text, lines)) => lines.loc(&note.file, text, offset + off),
                    None => Loc::file(&note.file),
                }
            });
        }
    }
    let in_questions = parallel::map(&course.questions, 256, |q| question_failures(q, macros));
    for (q, failed) in course.questions.iter().zip(in_questions) {
        for (pos, tex, errors) in failed {
            // Find the formula as written in the file, from the field's line on; YAML escapes
            // can hide it, and then the field's own position stands in.
            report(errors, diags, |off| {
                let found = course.sources.indexed(&q.file).and_then(|(text, lines)| {
                    let from = lines.line_start(pos.line, text);
                    let at = from + text.get(from..)?.find(&tex)?;
                    Some(lines.loc(&q.file, text, at + off))
                });
                found.unwrap_or_else(|| Loc::new(&q.file, pos.line, pos.column))
            });
        }
    }
}

fn report(errors: Vec<math::MathError>, diags: &mut Vec<Diagnostic>, loc: impl Fn(usize) -> Loc) {
    for e in errors {
        let d = Diagnostic::error("math", loc(e.offset), e.message);
        diags.push(match e.command {
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
