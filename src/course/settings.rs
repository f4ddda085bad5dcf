//! `notes/course.yaml`: optional course-wide settings.

use std::path::Path;

use super::yaml::{self, Value};
use crate::diag::{Diagnostic, Loc, did_you_mean};

/// Course settings, all optional; defaults apply where a field is absent.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Settings {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    /// Desired retention for the scheduler, 0 < r < 1.
    pub retention: Option<f64>,
    /// Paper size for the printed sheet: `a4`, `a3`, `letter`, `legal`.
    pub paper: String,
    /// Columns of the printed sheet (1 to 4).
    pub columns: u8,
    /// Landscape pages (the default, for a cheat sheet).
    pub landscape: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            title: None,
            subtitle: None,
            retention: None,
            paper: "a4".into(),
            columns: 3,
            landscape: true,
        }
    }
}

const FIELDS: [&str; 4] = ["title", "subtitle", "retention", "sheet"];
const SHEET_FIELDS: [&str; 3] = ["paper", "columns", "landscape"];
pub const PAPERS: [&str; 4] = ["a4", "a3", "letter", "legal"];

/// Parses course.yaml; problems go to `diags` and the defaults stand in for them.
pub fn parse_settings(file: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Settings {
    let mut s = Settings::default();
    let loc = |p: yaml::Pos| Loc::new(file, p.line, p.column).with_len(p.len);
    let node = match yaml::parse(text) {
        Ok(n) => n,
        Err(e) => {
            diags.push(Diagnostic::error(
                "yaml-syntax",
                loc(e.pos),
                format!("course settings are not valid YAML: {}", e.message),
            ));
            return s;
        }
    };
    let entries = match &node.value {
        Value::Map(e) => e,
        Value::Null => return s,
        _ => {
            diags.push(Diagnostic::error(
                "wrong-type",
                loc(node.pos),
                "course.yaml must be a mapping of settings",
            ));
            return s;
        }
    };
    let unknown = |diags: &mut Vec<Diagnostic>, k: &yaml::Node, known: &[&str]| {
        let name = k.as_str().unwrap_or_default();
        diags.push(
            Diagnostic::error(
                "unknown-field",
                loc(k.pos),
                format!("unknown setting `{name}`"),
            )
            .help(match did_you_mean(name, known.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("the settings are: {}", known.join(", ")),
            }),
        );
    };
    for (k, v) in entries {
        let wrong = |diags: &mut Vec<Diagnostic>, what: &str| {
            diags.push(Diagnostic::error(
                "wrong-type",
                loc(v.pos),
                format!(
                    "`{}` must be {what}, found {}",
                    k.as_str().unwrap_or_default(),
                    v.type_name()
                ),
            ));
        };
        match k.as_str().unwrap_or_default() {
            "title" => match v.as_str() {
                Some(t) => s.title = Some(t.to_string()),
                None => wrong(diags, "a string"),
            },
            "subtitle" => match v.as_str() {
                Some(t) => s.subtitle = Some(t.to_string()),
                None => wrong(diags, "a string"),
            },
            "retention" => match v.value {
                Value::Float(r) if r > 0.0 && r < 1.0 => s.retention = Some(r),
                // A number, but out of range: "found a number" would not say what is wrong.
                Value::Float(_) | Value::Int(_) => diags.push(Diagnostic::error(
                    "wrong-type",
                    loc(v.pos),
                    format!(
                        "`retention` must be strictly between 0 and 1, such as 0.9, found {}",
                        v.scalar_text().unwrap_or_default()
                    ),
                )),
                _ => wrong(diags, "a number between 0 and 1, such as 0.9"),
            },
            "sheet" => match &v.value {
                Value::Map(sheet) => {
                    for (k2, v2) in sheet {
                        let bad = |diags: &mut Vec<Diagnostic>, what: &str| {
                            diags.push(Diagnostic::error(
                                "wrong-type",
                                loc(v2.pos),
                                format!(
                                    "`sheet.{}` must be {what}",
                                    k2.as_str().unwrap_or_default()
                                ),
                            ));
                        };
                        match k2.as_str().unwrap_or_default() {
                            "paper" => match v2.as_str().map(str::to_ascii_lowercase) {
                                Some(p) if PAPERS.contains(&p.as_str()) => s.paper = p,
                                _ => bad(diags, "one of a4, a3, letter, legal"),
                            },
                            "columns" => match v2.value {
                                Value::Int(c @ 1..=4) => s.columns = c as u8,
                                _ => bad(diags, "a whole number from 1 to 4"),
                            },
                            "landscape" => match v2.value {
                                Value::Bool(b) => s.landscape = b,
                                _ => bad(diags, "true or false"),
                            },
                            _ => unknown(diags, k2, &SHEET_FIELDS),
                        }
                    }
                }
                _ => wrong(diags, "a mapping (paper, columns, landscape)"),
            },
            _ => unknown(diags, k, &FIELDS),
        }
    }
    s
}
