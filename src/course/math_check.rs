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
        let Some((text, lines)) = course.sources.indexed(&note.file) else {
            continue;
        };
        for m in &note.math {
            report(&m.tex, &course.macros, diags, |off| {
                lines.loc(&note.file, text, m.offset + off)
            });
        }
    }
    for q in &course.questions {
        for (field, pos) in &q.texts {
            let Some(value) = q.text_of(field) else {
                continue;
            };
            for (tex, _, _) in formulas(value) {
                // Located only when there is something to report: find the formula as written
                // in the file, from the field's line on; YAML escapes can hide it, and then the
                // field's own position stands in.
                report(&tex, &course.macros, diags, |off| {
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
