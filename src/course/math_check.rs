//! Every formula of the course must render in all three outputs (MathML, Typst, Unicode).
//! Problems are reported at the formula's own line and column, inside YAML block scalars too.

use pulldown_cmark::{Event, Parser};

use super::Course;
use super::note::markdown_options;
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

pub fn check(course: &Course, diags: &mut Vec<Diagnostic>) {
    for note in &course.notes {
        let Some(text) = course.sources.get(&note.file) else {
            continue;
        };
        for m in &note.math {
            report(&m.tex, &course.macros, diags, |off| {
                Loc::at_offset(&note.file, text, m.offset + off)
            });
        }
    }
    for q in &course.questions {
        let Some(text) = course.sources.get(&q.file) else {
            continue;
        };
        for (field, pos) in &q.texts {
            let Some(value) = q.text_of(field) else {
                continue;
            };
            let line_start = line_offset(text, pos.line);
            for (tex, _, _) in formulas(value) {
                // Find the formula as written in the file, from the field's line on; YAML
                // escapes can hide it, and then the field's own position stands in.
                let found = text
                    .get(line_start..)
                    .and_then(|rest| rest.find(&tex))
                    .map(|i| line_start + i);
                report(&tex, &course.macros, diags, |off| match found {
                    Some(at) => Loc::at_offset(&q.file, text, at + off),
                    None => Loc::new(&q.file, pos.line, pos.column),
                });
            }
        }
    }
}

fn report(
    tex: &str,
    macros: &math::Macros,
    diags: &mut Vec<Diagnostic>,
    loc: impl Fn(usize) -> Loc,
) {
    for e in math::check(tex, macros) {
        let d = Diagnostic::error("math", loc(e.offset), e.message.clone());
        diags.push(match &e.command {
            Some(c) => d.help(format!(
                "`{c}` is not supported; define it in notes/macros.tex or rewrite the formula"
            )),
            None => d,
        });
    }
}

/// Byte offset where 1-based `line` starts.
fn line_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
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
