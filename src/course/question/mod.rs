//! Questions: the model (kinds, answers, the question itself), where a question's text sits
//! in its file ([`Origin`]), and — in [`parse`] — its validation from a located YAML tree.

mod parse;

pub(crate) use parse::example_id;
pub use parse::parse_question;

use std::path::PathBuf;

use serde::Serialize;

use super::yaml::Pos;
use crate::diag::Loc;
use crate::drill::grade::Tolerance;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    TrueFalse,
    Derivation,
    Numeric,
    Choice,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::TrueFalse,
        Kind::Derivation,
        Kind::Numeric,
        Kind::Choice,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::TrueFalse => "true-false",
            Kind::Derivation => "derivation",
            Kind::Numeric => "numeric",
            Kind::Choice => "choice",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A checked answer, in the form its kind needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Bool(bool),
    /// A derivation's final result (Markdown).
    Text(String),
    /// A numeric answer, with the text the author wrote (`"1/25"`).
    Number {
        value: f64,
        text: String,
    },
    /// Choice answers as 0-based option indices, sorted.
    Choice(Vec<usize>),
}

/// JSON shows answers as an author would write them: a boolean, text, a number, letters.
impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Bool(b) => s.serialize_bool(*b),
            Answer::Text(t) => s.serialize_str(t),
            Answer::Number { value, .. } => s.serialize_f64(*value),
            Answer::Choice(ix) if ix.len() == 1 => s.serialize_str(&letter(ix[0])),
            Answer::Choice(ix) => s.collect_seq(ix.iter().map(|i| letter(*i))),
        }
    }
}

/// Questions, each in an allocation of its own. The threads that parse the files allocate them
/// as they go; gathering a course's questions in file order then moves pointers, not whole
/// questions (472 bytes each: 4.7 MB at 10,000, written to fresh memory in 0.7 ms, or 5 to 10
/// ms when the kernel is slow to find the pages).
#[allow(
    clippy::vec_box,
    reason = "the boxes are what is allocated per thread; see above"
)]
pub type Questions = Vec<Box<Question>>;

/// One question of the bank. Its JSON form (`notes list --format json`) always has every
/// field, `null` or `[]` when absent, so that consumers see one stable shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub kind: Kind,
    pub prompt: String,
    pub answer: Answer,
    pub why: Option<String>,
    pub steps: Vec<String>,
    pub options: Vec<String>,
    #[serde(serialize_with = "ser_tol")]
    pub tolerance: Option<Tolerance>,
    pub tags: Vec<String>,
    pub see: Option<String>,
    pub source: Option<String>,
    pub file: PathBuf,
    pub line: usize,
    /// Where each Markdown field sits in the file (not in a question block), for locating math
    /// problems: (field, position).
    #[serde(skip)]
    pub texts: Vec<(&'static str, Pos)>,
    #[serde(skip)]
    pub id_loc: Loc,
    #[serde(skip)]
    pub topic_loc: Option<Loc>,
    #[serde(skip)]
    pub see_loc: Option<Loc>,
    /// The question has errors of its own; it takes part in course-wide checks (ids, topics)
    /// but not in the bank.
    #[serde(skip)]
    pub broken: bool,
}

fn ser_tol<S: serde::Serializer>(t: &Option<Tolerance>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(Tolerance::Absolute(x)) => s.serialize_f64(*x),
        Some(Tolerance::Relative(r)) => s.serialize_str(&format!("{}%", r * 100.0)),
        None => s.serialize_none(),
    }
}

impl Question {
    /// The Markdown text of a field named in [`Question::texts`] (`steps[2]` and
    /// `options[1]` included).
    pub fn text_of(&self, field: &str) -> Option<&str> {
        let indexed = |name: &str, list: &'_ [String]| -> Option<usize> {
            field
                .strip_prefix(name)?
                .strip_prefix('[')?
                .strip_suffix(']')?
                .parse::<usize>()
                .ok()
                .filter(|i| *i < list.len())
        };
        match field {
            "prompt" => Some(&self.prompt),
            "why" => self.why.as_deref(),
            "answer" => match &self.answer {
                Answer::Text(t) => Some(t),
                _ => None,
            },
            _ => {
                if let Some(i) = indexed("steps", &self.steps) {
                    Some(&self.steps[i])
                } else {
                    indexed("options", &self.options).map(|i| self.options[i].as_str())
                }
            }
        }
    }

    /// The letters of a choice answer: `b`, `a, c`.
    pub fn answer_text(&self) -> String {
        match &self.answer {
            Answer::Bool(b) => b.to_string(),
            Answer::Text(t) => t.clone(),
            Answer::Number { text, .. } => text.clone(),
            Answer::Choice(ix) => ix.iter().map(|i| letter(*i)).collect::<Vec<_>>().join(", "),
        }
    }
}

/// `0 → 'a'`.
pub fn letter(i: usize) -> String {
    char::from(b'a' + u8::try_from(i.min(25)).unwrap_or(25)).to_string()
}

/// Translates positions inside a YAML text to file locations (question blocks in notes start
/// at a line offset).
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: PathBuf,
    pub line_offset: usize,
    /// Characters cut from the start of each line before parsing: the indentation of a
    /// question block inside a list item, or the `> ` of a block quote.
    pub column_offset: usize,
}

impl Origin {
    /// A whole file, or front matter `line_offset` lines down.
    pub fn new(file: impl Into<PathBuf>, line_offset: usize) -> Origin {
        Origin {
            file: file.into(),
            line_offset,
            column_offset: 0,
        }
    }

    /// The position in the file of a position in the parsed text.
    pub fn pos(&self, pos: Pos) -> Pos {
        Pos {
            line: pos.line + self.line_offset,
            column: pos.column + self.column_offset,
            ..pos
        }
    }

    pub fn loc(&self, pos: Pos) -> Loc {
        let pos = self.pos(pos);
        Loc::new(self.file.clone(), pos.line, pos.column).with_len(pos.len)
    }
}

/// Whether a string is a valid id or topic: lowercase letters, digits and '-', starting with a
/// letter or digit.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
