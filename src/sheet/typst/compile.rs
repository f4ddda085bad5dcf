//! Compiling the generated source with the embedded Typst, and tracing its errors back to the
//! course. A formula whose Typst conversion Typst rejects is shown as TeX and the sheet is
//! compiled again (a warning says which), so one bad formula does not cost the whole PDF.

use std::path::Path;

use super::{Generated, RawMath, ToTypst, generate_with};
use crate::course::Sources;
use crate::diag::{Diagnostic, Loc};
use crate::math::Macros;
use crate::sheet::model::{Problem, Sheet};
use crate::sheet::pdf::{self, Asset, Pdf, TypstError};
use crate::sheet::templates::Templates;

/// How often a sheet is recompiled with rejected formulas shown as TeX. Typst stops evaluating
/// at its first error, so each round finds one bad formula (all its copies at once); a round
/// that fails in evaluation is cheap, as layout never starts.
const MAX_ROUNDS: usize = 16;

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
    let convert = |tex: &str, display: bool| {
        crate::math::to_typst(tex, display, macros).map_err(|e| e.message)
    };
    compile_with(sheet, &convert, templates, sources)
}

/// [`compile`] with another formula converter.
pub fn compile_with(
    sheet: &Sheet,
    convert: ToTypst<'_>,
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
        let generated = generate_with(sheet, convert, &raw_math);
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
                    if let Some(tex) = ctx.formula_at(e)
                        && !raw_math.contains_key(tex)
                    {
                        raw_math.insert(tex.to_string(), e.message.clone());
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

    /// The TeX of the formula a diagnostic points into.
    fn formula_at(&self, e: &TypstError) -> Option<&str> {
        let off = self.offset(e)?;
        self.generated
            .math
            .iter()
            .find(|m| m.range.contains(&off))
            .map(|m| m.tex.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A course whose formula `\bad` converts to Typst that Typst rejects, three times over.
    fn sheet_with_a_bad_formula() -> (tempfile::TempDir, crate::course::Course, Sheet) {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir_all(dir.path().join("notes")).expect("notes/");
        std::fs::write(
            dir.path().join("notes/a.md"),
            "# A\n\nGood $x^2$, bad $\\bad$ and again $\\bad$.\n\n$$\\bad$$\n",
        )
        .expect("a note");
        let (course, _) = crate::course::load(dir.path()).expect("the course loads");
        let opts = crate::sheet::Options {
            topics: &[],
            answers_inline: false,
            date: jiff::civil::date(2026, 11, 25),
            progress: None,
        };
        let sheet = crate::sheet::build(&course, &opts, &mut |_, _| {});
        (dir, course, sheet)
    }

    #[test]
    fn a_formula_typst_rejects_is_shown_as_tex_with_a_warning() {
        let (_dir, course, sheet) = sheet_with_a_bad_formula();
        let convert = |tex: &str, display: bool| -> Result<String, String> {
            let body = if tex == "\\bad" { "nope(1)" } else { "x^2" };
            Ok(if display {
                format!("$ {body} $")
            } else {
                format!("${body}$")
            })
        };
        let compiled = compile_with(&sheet, &convert, &Templates::built_in(), &course.sources)
            .unwrap_or_else(|e| panic!("the sheet should compile: {e:#?}"));
        assert_eq!(compiled.pdf.pages, 1);
        let warnings: Vec<String> = compiled
            .problems
            .iter()
            .map(|p| format!("{} {}", sheet.locate(p.at, &course.sources).line, p.message))
            .collect();
        assert_eq!(warnings.len(), 3, "{warnings:#?}");
        assert!(
            warnings[0].contains("Typst rejected its conversion (unknown variable: nope)"),
            "{warnings:#?}"
        );
        assert!(
            warnings
                .iter()
                .all(|w| w.starts_with('3') || w.starts_with('5')),
            "{warnings:#?}"
        );
    }

    /// The promise behind `fit-math`: a display formula of at most `narrow_atoms` atoms is never
    /// wider than a column of the default sheet, so it needs no measuring. Typst measures every
    /// such formula of the golden corpus, and crafted worst cases (the widest letters, relations
    /// with their spaces, display operators), in the default template's type.
    #[test]
    fn display_formulas_of_few_atoms_fit_the_default_column() {
        use super::super::write::{atoms, narrow_atoms};
        // The default sheet: A4 landscape in three columns.
        let column_mm = super::super::column_width_mm("a4", true, 3);
        let limit = narrow_atoms(column_mm);
        let macros = crate::math::Macros::parse(crate::math::corpus_macros()).0;
        let n = limit;
        let mut formulas: Vec<String> = crate::math::corpus()
            .into_iter()
            .filter(|tex| atoms(tex) <= limit)
            .map(str::to_string)
            .collect();
        assert!(formulas.len() > 50, "{} short formulas", formulas.len());
        formulas.push("W".repeat(n));
        formulas.push(r"W=".repeat(n / 2));
        formulas.push(r"\sum".repeat(n / 2));
        formulas.push(r"\int".repeat(n / 2));
        formulas.push(r"\Longrightarrow".repeat(n / 2));
        formulas.push(r"\quad".repeat(n));
        formulas.push(r"\mathbb{W}".repeat(n));
        for f in &formulas[formulas.len() - 7..] {
            assert!(atoms(f) <= limit, "{f}: {} atoms", atoms(f));
        }
        let mut doc = format!(
            "#set text(font: \"Libertinus Serif\", size: 7.2pt)\n#let column = {column_mm}mm\n"
        );
        for (i, tex) in formulas.iter().enumerate() {
            let typst = crate::math::to_typst(tex, true, &macros)
                .unwrap_or_else(|e| panic!("{tex}: {}", e.message));
            doc.push_str(&format!(
                "#context {{ let w = measure({typst}).width; \
                 if w > column {{ panic(\"formula {i} is \" + repr(w) + \" wide\") }} }}\n"
            ));
        }
        if let Err(errors) = crate::sheet::pdf::compile(&doc, &[], None) {
            let first = &errors[0];
            let i: usize = first
                .message
                .split("formula ")
                .nth(1)
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            panic!("{}: {}", first.message, formulas[i]);
        }
    }

    #[test]
    fn an_error_in_the_template_is_located_in_it() {
        let (_dir, course, sheet) = sheet_with_a_bad_formula();
        let convert = |_: &str, _: bool| Ok("$x$".to_string());
        let mut templates = Templates::built_in();
        templates.replace("sheet.typ", "#let sheet(..args) = missing\n");
        let errors = compile_with(&sheet, &convert, &templates, &course.sources)
            .err()
            .expect("the template is broken");
        let e = &errors[0];
        assert_eq!(e.loc.file, std::path::Path::new("<built-in>/sheet.typ"));
        assert_eq!((e.loc.line, e.loc.column), (1, 22), "{e:#?}");
        assert!(e.message.contains("unknown variable: missing"), "{e:#?}");
    }
}
