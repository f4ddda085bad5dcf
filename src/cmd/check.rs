//! `notes check`: the CI gate. Every problem of the course at once, rustc-style or as JSON.

use std::io::Write as _;
use std::process::ExitCode;

use serde_json::json;

use super::Context;
use crate::cli::{CheckArgs, Format};
use crate::diag::{self, Diagnostic, render_human};

pub fn run(args: CheckArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let (course, diags) = ctx.load()?;
    let (errors, warnings) = diag::tally(&diags);
    let out = match args.format {
        Format::Json => {
            let value = json!({
                "diagnostics": diags.iter().map(to_json).collect::<Vec<_>>(),
                "summary": {
                    "notes": course.notes.len(),
                    "questions": course.questions.len(),
                    "topics": course.topics.len(),
                    "errors": errors,
                    "warnings": warnings,
                },
            });
            format!("{}\n", serde_json::to_string_pretty(&value)?)
        }
        Format::Human => {
            let style = ctx.stdout_style();
            let mut out = String::new();
            for d in &diags {
                out.push_str(&render_human(d, &course.sources, style));
                out.push('\n');
            }
            out.push_str(&format!(
                "checked {}, {}: {}, {}\n",
                diag::plural(course.notes.len(), "note"),
                diag::plural(course.questions.len(), "question"),
                diag::plural(errors, "error"),
                diag::plural(warnings, "warning"),
            ));
            out
        }
    };
    // A closed pipe (`notes check | head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    // The process ends next: freeing the course's many small allocations one by one would
    // cost several percent of a large check for nothing.
    std::mem::forget(course);
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The JSON form: {severity, code, message, file, line, column, help}.
pub fn to_json(d: &Diagnostic) -> serde_json::Value {
    json!({
        "severity": d.severity,
        "code": d.code,
        "message": d.message,
        "file": d.loc.file.to_string_lossy().replace('\\', "/"),
        "line": d.loc.line,
        "column": d.loc.column,
        "help": d.help,
        "related": d.related.iter().map(|r| json!({
            "message": r.message,
            "file": r.loc.file.to_string_lossy().replace('\\', "/"),
            "line": r.loc.line,
            "column": r.loc.column,
        })).collect::<Vec<_>>(),
    })
}
