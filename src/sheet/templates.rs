//! The sheet's templates: built-in defaults embedded in the binary, each replaceable by a file
//! of the same name in the course's `templates/` folder.
//!
//! | file | used by | what it is |
//! |---|---|---|
//! | `sheet.html` | HTML | the page (tera 2) |
//! | `sheet.css` | HTML | its stylesheet, included by `sheet.html` (tera 2) |
//! | `question.html` | HTML | one self-test question, included by `sheet.html` (tera 2) |
//! | `sheet.typ` | PDF | the Typst functions the generated source calls |

use std::path::{Path, PathBuf};

/// One template: its name, its text and where that text came from.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: &'static str,
    pub text: String,
    /// Course-relative path of the course's override; `None` for the built-in.
    pub overridden: Option<PathBuf>,
}

impl Template {
    /// The path diagnostics show: the course's file, or `<built-in>/NAME`.
    pub fn display_path(&self) -> PathBuf {
        self.overridden
            .clone()
            .unwrap_or_else(|| Path::new("<built-in>").join(self.name))
    }
}

const BUILT_IN: [(&str, &str); 4] = [
    ("sheet.html", include_str!("../../templates/sheet.html")),
    ("sheet.css", include_str!("../../templates/sheet.css")),
    (
        "question.html",
        include_str!("../../templates/question.html"),
    ),
    ("sheet.typ", include_str!("../../templates/sheet.typ")),
];

/// Why the course's templates could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the template {}: {source}", .path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

#[derive(Debug, Clone)]
pub struct Templates {
    files: Vec<Template>,
}

impl Templates {
    /// The built-in templates only.
    pub fn built_in() -> Templates {
        Templates {
            files: BUILT_IN
                .iter()
                .map(|(name, text)| Template {
                    name,
                    text: (*text).to_string(),
                    overridden: None,
                })
                .collect(),
        }
    }

    /// The built-ins, each replaced by `<root>/templates/NAME` when the course has that file.
    pub fn load(root: &Path) -> Result<Templates, ReadError> {
        let mut t = Templates::built_in();
        for file in &mut t.files {
            let rel = Path::new("templates").join(file.name);
            let path = root.join(&rel);
            if path.is_file() {
                let bytes = std::fs::read(&path).map_err(|source| ReadError {
                    path: rel.clone(),
                    source,
                })?;
                file.text = crate::course::decode(bytes).map_err(|at| ReadError {
                    path: rel.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("not UTF-8 (invalid byte at offset {at})"),
                    ),
                })?;
                file.overridden = Some(rel);
            }
        }
        Ok(t)
    }

    /// Replaces a template's text (tests, and callers that make templates themselves).
    pub fn replace(&mut self, name: &str, text: &str) {
        if let Some(t) = self.files.iter_mut().find(|t| t.name == name) {
            t.text = text.to_string();
        }
    }

    pub fn get(&self, name: &str) -> Option<&Template> {
        self.files.iter().find(|f| f.name == name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Template> {
        self.files.iter()
    }

    /// The template text for `name`; empty for an unknown name (callers use known names).
    pub fn text(&self, name: &str) -> &str {
        self.get(name).map_or("", |t| t.text.as_str())
    }
}

impl crate::diag::SourceLookup for Templates {
    fn source(&self, file: &Path) -> Option<&str> {
        self.files
            .iter()
            .find(|t| t.display_path() == file)
            .map(|t| t.text.as_str())
    }
}
