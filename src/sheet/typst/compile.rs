//! Compiling the generated source with the embedded Typst, and tracing its errors back to the
//! course. A formula whose Typst conversion Typst rejects is shown as TeX and the sheet is
//! compiled again (a warning says which), so one bad formula does not cost the whole PDF.

use std::path::Path;

use super::{Generated, RawMath, generate};
use crate::course::Sources;
use crate::diag::{Diagnostic, Loc};
use crate::math::Macros;
use crate::sheet::model::{At, Problem, Sheet};
use crate::sheet::pdf::{self, Asset, Pdf, TypstError};
use crate::sheet::templates::Templates;

/// How often a sheet is recompiled with rejected formulas shown as TeX.
const MAX_ROUNDS: usize = 4;

/// A compiled sheet: the PDF, the problems met while generating it, and Typst's warnings.
pub struct Compiled {
    pub pdf: Pdf,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Diagnostic>,
}

/// Compiles the sheet to PDF with `templates`' `sheet.typ`. Errors are located in the course:
/// the template, an image, or the note or question that produced the failing source.
pub fn compile(
    sheet: &Sheet,
    macros: &Macros,
    templates: &Templates,
    sources: &Sources,
) -> Result<Compiled, Vec<Diagnostic>> {
    let mut assets = vec![Asset {
        path: "sheet.typ".into(),
        bytes: templates.text("sheet.typ").as_bytes().to_vec(),
    }];
    assets.extend(sheet.images.iter().map(|img| Asset {
        path: img.vpath.clone(),
        bytes: img.bytes.clone(),
    }));
    let mut raw_math = RawMath::new();
    let mut round = 0;
    loop {
        round += 1;
        let generated = generate(sheet, macros, &raw_math);
        let ctx = Trace {
            generated: &generated,
            sheet,
            templates,
            sources,
        };
        match pdf::compile(&generated.main, &assets, Some(sheet.date)) {
            Ok(pdf) => {
                let warnings = pdf
                    .warnings
                    .iter()
                    .map(|w| ctx.diagnose(w, false))
                    .collect();
                return Ok(Compiled {
                    pdf,
                    problems: generated.problems,
                    warnings,
                });
            }
            Err(errors) => {
                let mut new = false;
                for e in &errors {
                    if let Some(m) = ctx.formula_at(e)
                        && !raw_math.contains_key(&m)
                    {
                        raw_math.insert(m, e.message.clone());
                        new = true;
                    }
                }
                if !new || round >= MAX_ROUNDS {
                    return Err(errors.iter().map(|e| ctx.diagnose(e, true)).collect());
                }
            }
        }
    }
}

/// What is needed to say where a Typst diagnostic comes from.
struct Trace<'a> {
    generated: &'a Generated,
    sheet: &'a Sheet,
    templates: &'a Templates,
    sources: &'a Sources,
}

impl Trace<'_> {
    /// The byte offset of a diagnostic in the generated source, if it points there.
    fn offset(&self, e: &TypstError) -> Option<usize> {
        if e.path.is_some() || e.line == 0 {
            return None;
        }
        let main = &self.generated.main;
        let mut start = 0;
        for _ in 1..e.line {
            start += main[start..].find('\n')? + 1;
        }
        let line = &main[start..];
        let col = line
            .char_indices()
            .nth(e.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        Some(start + col)
    }

    fn formula_at(&self, e: &TypstError) -> Option<At> {
        let off = self.offset(e)?;
        self.generated
            .math
            .iter()
            .find(|m| m.range.contains(&off))
            .map(|m| m.at)
    }

    fn diagnose(&self, e: &TypstError, error: bool) -> Diagnostic {
        let make = |loc: Loc, message: String| {
            if error {
                Diagnostic::error("typst", loc, message)
            } else {
                Diagnostic::warning("typst", loc, message)
            }
        };
        let mut help: Vec<String> = e.hints.clone();
        let d = match e.path.as_deref() {
            Some("sheet.typ") => {
                let file = self
                    .templates
                    .get("sheet.typ")
                    .map(|t| t.display_path())
                    .unwrap_or_else(|| Path::new("<built-in>/sheet.typ").to_path_buf());
                make(
                    Loc::new(file, e.line, e.column),
                    format!("in the PDF template: {}", e.message),
                )
            }
            Some(other) => {
                let file = self
                    .sheet
                    .images
                    .iter()
                    .find(|i| i.vpath == other)
                    .map_or_else(|| Path::new(other).to_path_buf(), |i| i.path.clone());
                make(Loc::file(file), format!("Typst: {}", e.message))
            }
            None => match self.offset(e) {
                Some(off) => self.in_main(off, e, &mut help, make),
                None => make(
                    Loc::file("<generated>/main.typ"),
                    format!("Typst: {}", e.message),
                ),
            },
        };
        if help.is_empty() {
            d
        } else {
            d.help(help.join("; "))
        }
    }

    /// A diagnostic in the generated source, placed at the formula, note or question behind it.
    fn in_main(
        &self,
        off: usize,
        e: &TypstError,
        help: &mut Vec<String>,
        make: impl Fn(Loc, String) -> Diagnostic,
    ) -> Diagnostic {
        let g = self.generated;
        if let Some(m) = g.math.iter().find(|m| m.range.contains(&off)) {
            help.insert(
                0,
                format!(
                    "the formula's Typst conversion is `{}`",
                    &g.main[m.range.clone()]
                ),
            );
            return make(
                self.sheet.locate(m.at, self.sources),
                format!(
                    "Typst cannot typeset the formula `{}`: {}",
                    m.tex, e.message
                ),
            );
        }
        let line = g.main.lines().nth(e.line.saturating_sub(1)).unwrap_or("");
        let shown: String = line.chars().take(160).collect();
        help.insert(0, format!("generated Typst, line {}: {shown}", e.line));
        match g.marks.iter().rev().find(|(o, _)| *o <= off) {
            Some((_, at)) if self.sheet.origins.get(at.origin).is_some() => make(
                self.sheet.locate(*at, self.sources),
                format!("Typst failed on the sheet made from here: {}", e.message),
            ),
            _ => make(
                Loc::new("<generated>/main.typ", e.line, e.column),
                format!("Typst: {}", e.message),
            ),
        }
    }
}
