//! The course model and its parser.
//!
//! A course is a folder with `notes/` (Markdown, optional front matter, inline ```question
//! blocks), optional `questions/` (YAML banks), `notes/course.yaml` and `notes/macros.tex`.
//! [`load`] reads all of it in one pass and returns the model together with every problem it
//! found; only a course that cannot be read at all is an `Err`. Nothing here prints.

mod cache;
mod discover;
mod files;
/// Public only for the `inline_math` fuzz target, which holds it to pulldown-cmark.
#[doc(hidden)]
pub mod inline_math;
mod math_check;
pub use math_check::all_formulas;
/// Public only for the `inline_math` fuzz target, its reference.
#[doc(hidden)]
pub use math_check::each_formula;
pub mod note;
mod parallel;
#[cfg(test)]
mod proptests;
pub mod question;
pub mod settings;
mod validate;
pub use validate::question_file;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use discover::{DiscoverError, discover};
pub use files::decode;
pub use note::{Heading, Note, slug};
pub use question::{Answer, Kind, Question, Questions};
pub use settings::Settings;

use crate::diag::{Diagnostic, LineIndex, Loc, SourceLookup};
use crate::math::Macros;

/// A topic: declared by the notes that carry its id.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub order: Option<i64>,
    pub aliases: Vec<String>,
    /// Indices into [`Course::notes`], in file order.
    #[serde(skip)]
    pub notes: Vec<usize>,
}

/// Everything `notes` knows about a course.
#[derive(Debug)]
pub struct Course {
    pub root: PathBuf,
    pub settings: Settings,
    pub macros: Macros,
    /// Sorted by `order`, then id.
    pub topics: Vec<Topic>,
    pub notes: Vec<Note>,
    pub questions: Questions,
    /// How many question files `questions/` holds.
    pub question_files: usize,
    /// The text of every file read (normalised), for quoting in diagnostics.
    pub sources: Sources,
}

/// File texts by course-relative path, each with a line index built the first time one of
/// its lines is asked for (by the renderer, or by checks that locate text).
#[derive(Debug, Default)]
pub struct Sources(HashMap<PathBuf, (String, OnceLock<LineIndex>)>);

impl Sources {
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.0.insert(path, (text, OnceLock::new()));
    }
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.0.get(path).map(|(t, _)| t.as_str())
    }
    /// The text of a file and its line index.
    pub fn indexed(&self, path: &Path) -> Option<(&str, &LineIndex)> {
        let (text, index) = self.0.get(path)?;
        Some((text, index.get_or_init(|| LineIndex::new(text))))
    }
}

impl SourceLookup for Sources {
    fn source(&self, file: &Path) -> Option<&str> {
        self.get(file)
    }
    fn line(&self, file: &Path, line: usize) -> Option<&str> {
        let (text, index) = self.indexed(file)?;
        index.line(text, line)
    }
    fn is_ascii_line(&self, file: &Path, line: usize) -> bool {
        self.indexed(file)
            .is_some_and(|(text, index)| index.is_ascii(text, line))
    }
}

/// Why a course could not be read at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{} has no `notes/` folder: a course is a folder with its notes in `notes/`", .0.display())]
    NoNotes(PathBuf),
    #[error("the course at {} is empty: `notes/` holds no Markdown (.md) files", .0.display())]
    Empty(PathBuf),
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Course {
    /// The topic with this id or alias.
    pub fn topic(&self, name: &str) -> Option<&Topic> {
        self.topics
            .iter()
            .find(|t| t.id == name || t.aliases.iter().any(|a| a == name))
    }

    /// Resolves `--topic` names to topic ids; an unknown name is an error that suggests the
    /// closest topic and lists them all.
    pub fn resolve_topics(&self, names: &[String]) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for name in names {
            match self.topic(name) {
                Some(t) => {
                    if !out.contains(&t.id) {
                        out.push(t.id.clone());
                    }
                }
                None => return Err(self.unknown_topic_message(name)),
            }
        }
        Ok(out)
    }

    pub fn unknown_topic_message(&self, name: &str) -> String {
        let names = self.topics.iter().flat_map(|t| {
            std::iter::once(t.id.as_str()).chain(t.aliases.iter().map(String::as_str))
        });
        let ids: Vec<&str> = self.topics.iter().map(|t| t.id.as_str()).collect();
        match crate::diag::did_you_mean(name, names) {
            Some(m) => format!(
                "no topic `{name}` in this course: did you mean `{m}`? (topics: {})",
                ids.join(", ")
            ),
            None => format!(
                "no topic `{name}` in this course (topics: {})",
                ids.join(", ")
            ),
        }
    }

    /// The title shown on the sheet and in listings.
    pub fn title(&self) -> String {
        self.settings.title.clone().unwrap_or_else(|| {
            self.root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "Course".into())
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().map(Box::as_ref).find(|q| q.id == id)
    }

    /// Every topic's questions, in course order, found in one pass over the bank: filtering the
    /// bank once per topic costs topics × questions, minutes at 100,000 questions.
    pub fn questions_by_topic(&self) -> HashMap<&str, Vec<&Question>> {
        let mut out: HashMap<&str, Vec<&Question>> = HashMap::with_capacity(self.topics.len());
        for q in &self.questions {
            out.entry(q.topic.as_str()).or_default().push(q);
        }
        out
    }

    /// Questions of the given topics (all when empty), in course order.
    pub fn questions_in<'a>(&'a self, topics: &'a [String]) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .map(Box::as_ref)
            .filter(move |q| topics.is_empty() || topics.contains(&q.topic))
    }
}

/// What [`load_with`] checks beyond parsing.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Render every formula in all three outputs (what `notes check` needs; the drill, whose
    /// renderer falls back to the TeX, starts faster without it).
    pub math: bool,
    /// Skip the formulas of files that were clean last time (see `cache.rs`); only with
    /// `math`.
    pub cache: bool,
}

/// Loads the course at `root` and checks everything that can be checked.
pub fn load(root: &Path) -> Result<(Course, Vec<Diagnostic>), LoadError> {
    load_with(
        root,
        LoadOptions {
            math: true,
            cache: false,
        },
    )
}

/// Loads the course, with the checks `opts` asks for.
pub fn load_with(root: &Path, opts: LoadOptions) -> Result<(Course, Vec<Diagnostic>), LoadError> {
    let notes_dir = root.join("notes");
    if !notes_dir.is_dir() {
        return Err(LoadError::NoNotes(root.to_path_buf()));
    }
    let mut diags = Vec::new();
    let mut sources = Sources::default();
    let note_files = files::walk(root, &notes_dir, &["md", "markdown"])?;
    if note_files.is_empty() {
        return Err(LoadError::Empty(root.to_path_buf()));
    }
    let questions_dir = root.join("questions");
    let question_files = if questions_dir.is_dir() {
        files::walk(root, &questions_dir, &["yaml", "yml"])?
    } else {
        Vec::new()
    };

    let mut read = |rel: &Path, diags: &mut Vec<Diagnostic>| match files::read(root, rel) {
        files::Text::Ok(text) => {
            sources.insert(rel.to_path_buf(), text.clone());
            Some(text)
        }
        files::Text::Bad { diag, quote } => {
            diags.push(diag);
            if let Some(q) = quote {
                sources.insert(rel.to_path_buf(), q);
            }
            None
        }
    };

    let settings_path = PathBuf::from("notes/course.yaml");
    let settings = if root.join(&settings_path).is_file() {
        read(&settings_path, &mut diags)
            .map(|t| settings::parse_settings(&settings_path, &t, &mut diags))
            .unwrap_or_default()
    } else {
        Settings::default()
    };
    let macros_path = PathBuf::from("notes/macros.tex");
    let macros = if root.join(&macros_path).is_file() {
        match read(&macros_path, &mut diags) {
            Some(text) => {
                let (m, errors) = Macros::parse(&text);
                for e in errors {
                    diags.push(Diagnostic::error(
                        "macro",
                        Loc::at_offset(&macros_path, &text, e.offset).with_len(e.len),
                        e.message,
                    ));
                }
                m
            }
            None => Macros::empty(),
        }
    } else {
        Macros::empty()
    };

    let math = opts.math.then(|| {
        let cache = opts
            .cache
            .then(|| cache::MathCache::open(root, sources.get(&macros_path)))
            .flatten();
        math_check::Checker::new(&macros, cache)
    });
    let parsed = files::parse_all(root, &note_files, &question_files, math.as_ref());
    if let Some(math) = math {
        math.remember(&parsed.iter().filter_map(|p| p.clean).collect::<Vec<_>>());
    }
    // Sized once: growing the bank by doubling would copy every question several times.
    let mut notes = Vec::with_capacity(parsed.len());
    let mut questions = Vec::with_capacity(parsed.iter().map(|p| p.questions.len()).sum());
    for parsed in parsed {
        if let Some(text) = parsed.text {
            sources.insert(parsed.rel, text);
        }
        diags.extend(parsed.diags);
        notes.extend(parsed.note);
        questions.extend(parsed.questions);
    }
    let mut course = Course {
        root: root.to_path_buf(),
        settings,
        macros,
        topics: Vec::new(),
        notes,
        questions,
        question_files: question_files.len(),
        sources,
    };
    validate::course(&mut course, &mut diags);
    course.questions.retain(|q| !q.broken);
    diags.sort_by(|a, b| {
        (&a.loc.file, a.loc.line, a.loc.column).cmp(&(&b.loc.file, b.loc.line, b.loc.column))
    });
    Ok((course, diags))
}
