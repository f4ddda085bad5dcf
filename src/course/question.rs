//! Questions: the model and its validation from a located YAML tree.
//!
//! Validation collects every problem of a question (unknown fields, wrong types, a missing
//! answer, …) instead of stopping at the first. A question with errors is still returned when
//! it has an id, so that course-wide checks (duplicate ids, topics) can run on it too.

use std::path::PathBuf;

use serde::Serialize;

use super::yaml::{Node, Pos, Value};
use crate::diag::{Diagnostic, Loc, did_you_mean};
use crate::drill::grade::{Tolerance, parse_number};

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

/// One question of the bank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub kind: Kind,
    pub prompt: String,
    pub answer: Answer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_tol")]
    pub tolerance: Option<Tolerance>,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub see: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub file: PathBuf,
    pub line: usize,
    /// Where each Markdown field sits, for locating math problems: (field, position).
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

const FIELDS: [&str; 12] = [
    "id",
    "kind",
    "topic",
    "prompt",
    "answer",
    "why",
    "steps",
    "options",
    "tolerance",
    "tags",
    "see",
    "source",
];

const PLACEHOLDERS: [&str; 7] = ["todo", "tbd", "?", "??", "???", "...", "…"];

/// Translates positions inside a YAML text to file locations (question blocks in notes start
/// at a line offset).
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: PathBuf,
    pub line_offset: usize,
}

impl Origin {
    pub fn loc(&self, pos: Pos) -> Loc {
        Loc::new(self.file.clone(), pos.line + self.line_offset, pos.column).with_len(pos.len)
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

/// Validates one question mapping. `default_topic` comes from the file or the enclosing note.
pub fn parse_question(
    node: &Node,
    default_topic: Option<&str>,
    origin: &Origin,
    diags: &mut Vec<Diagnostic>,
) -> Option<Question> {
    let Value::Map(entries) = &node.value else {
        diags.push(
            Diagnostic::error(
                "wrong-type",
                origin.loc(node.pos),
                format!("a question must be a mapping, found {}", node.type_name()),
            )
            .help("write `- id: …` followed by `kind:`, `prompt:` and `answer:`"),
        );
        return None;
    };
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let mut q = Fields { origin, diags };
    for (k, _) in entries {
        let Some(name) = k.as_str() else {
            q.err("wrong-type", k.pos, "field names must be strings".into());
            continue;
        };
        if !FIELDS.contains(&name) {
            let d = Diagnostic::error(
                "unknown-field",
                origin.loc(k.pos),
                format!("unknown field `{name}` in a question"),
            )
            .maybe_help(
                did_you_mean(name, FIELDS)
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some(format!("the fields are: {}", FIELDS.join(", ")))),
            );
            q.diags.push(d);
        }
    }

    let id_node = node.get("id");
    let id = match id_node {
        None => {
            q.err("missing-id", node.pos, "question has no `id`".into());
            None
        }
        Some(n) => match n.as_str() {
            Some(s) if is_valid_id(s) => Some(s.to_string()),
            Some(s) => {
                q.diags.push(
                    Diagnostic::error(
                        "bad-id",
                        origin.loc(n.pos),
                        format!("id `{s}` is not lowercase letters, digits and '-'"),
                    )
                    .help(format!("for example `{}`", super::slug(s))),
                );
                None
            }
            None => {
                q.wrong_type(n, "id", "a string");
                None
            }
        },
    };
    let kind = match node.get("kind") {
        None => {
            q.err(
                "missing-kind",
                node.pos,
                "question has no `kind` (true-false, derivation, numeric or choice)".into(),
            );
            None
        }
        Some(n) => match n.as_str() {
            Some(s) => Kind::parse(s).or_else(|| {
                let names = Kind::ALL.map(Kind::name);
                q.diags.push(
                    Diagnostic::error(
                        "unknown-kind",
                        origin.loc(n.pos),
                        format!("unknown question kind `{s}`"),
                    )
                    .help(match did_you_mean(s, names) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None => format!("the kinds are: {}", names.join(", ")),
                    }),
                );
                None
            }),
            None => {
                q.wrong_type(n, "kind", "a string");
                None
            }
        },
    };
    let mut texts = Vec::new();
    let mut text = |q: &mut Fields, name: &'static str| -> Option<String> {
        let n = node.get(name)?;
        match &n.value {
            Value::Str(s) => {
                texts.push((name, n.pos));
                Some(s.clone())
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => n.scalar_text(),
            Value::Null => None,
            _ => {
                q.wrong_type(n, name, "Markdown text");
                None
            }
        }
    };
    let prompt = text(&mut q, "prompt");
    if prompt.as_deref().is_none_or(|p| p.trim().is_empty()) {
        q.err(
            "missing-prompt",
            node.pos,
            "question has no `prompt`".into(),
        );
    }
    let why = text(&mut q, "why").filter(|w| !w.trim().is_empty());
    let source = text(&mut q, "source");
    let list = |q: &mut Fields, name: &'static str, texts: &mut Vec<(&'static str, Pos)>| {
        let n = node.get(name)?;
        match &n.value {
            Value::Seq(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| match item.scalar_text() {
                        Some(s) => {
                            if item.as_str().is_some() {
                                texts.push((field_name(name, i), item.pos));
                            }
                            Some(s)
                        }
                        None => {
                            q.wrong_type(item, name, "a string");
                            None
                        }
                    })
                    .collect::<Vec<_>>(),
            ),
            Value::Null => Some(Vec::new()),
            _ => {
                q.wrong_type(n, name, "a list");
                None
            }
        }
    };
    let steps = list(&mut q, "steps", &mut texts);
    let options = list(&mut q, "options", &mut texts);
    let tags = list(&mut q, "tags", &mut Vec::new()).unwrap_or_default();
    let see_node = node.get("see");
    let see = see_node.and_then(|n| match n.as_str() {
        Some(s) => Some(s.to_string()),
        None => {
            q.wrong_type(n, "see", "a string such as `flows#change-of-variables`");
            None
        }
    });
    let topic_node = node.get("topic");
    let topic = match topic_node {
        Some(n) => match n.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                q.wrong_type(n, "topic", "a string");
                None
            }
        },
        None => default_topic.map(str::to_string),
    };
    if topic.is_none() {
        q.err(
            "missing-topic",
            node.pos,
            "question has no `topic`, and its file gives none".into(),
        );
    }
    let tolerance = match node.get("tolerance") {
        None => None,
        Some(n) => match tolerance_of(n) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                q.err(
                    "bad-tolerance",
                    n.pos,
                    format!("{e}: write `0.001` (absolute) or `\"0.5%\"` (relative)"),
                );
                None
            }
            None => {
                q.wrong_type(n, "tolerance", "a number or a percentage string");
                None
            }
        },
    };
    if tolerance.is_some() && kind.is_some_and(|k| k != Kind::Numeric) {
        if let Some(n) = node.get("tolerance") {
            q.warn(
                "unused-field",
                n.pos,
                "`tolerance` only applies to numeric questions".into(),
            );
        }
    }

    let answer = kind.and_then(|k| {
        let (answer, steps_ok) = check_answer(&mut q, node, k, options.as_deref(), &mut texts);
        if k == Kind::TrueFalse && why.is_none() {
            q.diags.push(
                Diagnostic::error(
                    "missing-why",
                    origin.loc(id_node.map_or(node.pos, |n| n.pos)),
                    "true-false question has no `why`",
                )
                .help("give the rationale: a true/false answer alone teaches nothing"),
            );
        }
        if k == Kind::Derivation && steps.as_ref().is_none_or(Vec::is_empty) {
            q.diags.push(
                Diagnostic::error(
                    "missing-steps",
                    origin.loc(node.get("steps").map_or(node.pos, |n| n.pos)),
                    "derivation has no `steps`",
                )
                .help("list the working in order under `steps:`"),
            );
        }
        if k == Kind::Choice && options.as_ref().is_none_or(|o| o.len() < 2) {
            q.diags.push(
                Diagnostic::error(
                    "too-few-options",
                    origin.loc(node.get("options").map_or(node.pos, |n| n.pos)),
                    format!(
                        "choice question has {} option(s); it needs at least 2",
                        options.as_ref().map_or(0, Vec::len)
                    ),
                )
                .help("list the options under `options:`"),
            );
        }
        let _ = steps_ok;
        answer
    });

    let broken = id.is_none()
        || q.diags.iter().filter(|d| d.is_error()).count() > errors_before
        || kind.is_none()
        || answer.is_none();
    Some(Question {
        id: id.unwrap_or_default(),
        topic: topic.unwrap_or_default(),
        kind: kind.unwrap_or(Kind::TrueFalse),
        prompt: prompt.unwrap_or_default(),
        answer: answer.unwrap_or(Answer::Text(String::new())),
        why,
        steps: steps.unwrap_or_default(),
        options: options.unwrap_or_default(),
        tolerance,
        tags,
        see,
        source,
        file: origin.file.clone(),
        line: node.pos.line + origin.line_offset,
        texts,
        id_loc: origin.loc(id_node.map_or(node.pos, |n| n.pos)),
        topic_loc: topic_node.map(|n| origin.loc(n.pos)),
        see_loc: see_node.map(|n| origin.loc(n.pos)),
        broken,
    })
}

fn field_name(list: &str, i: usize) -> &'static str {
    // Field names are used as labels; a small static table avoids leaking strings.
    const STEPS: [&str; 16] = [
        "steps[0]",
        "steps[1]",
        "steps[2]",
        "steps[3]",
        "steps[4]",
        "steps[5]",
        "steps[6]",
        "steps[7]",
        "steps[8]",
        "steps[9]",
        "steps[10]",
        "steps[11]",
        "steps[12]",
        "steps[13]",
        "steps[14]",
        "steps[15]",
    ];
    const OPTIONS: [&str; 8] = [
        "options[0]",
        "options[1]",
        "options[2]",
        "options[3]",
        "options[4]",
        "options[5]",
        "options[6]",
        "options[7]",
    ];
    match list {
        "steps" => STEPS.get(i).copied().unwrap_or("steps"),
        _ => OPTIONS.get(i).copied().unwrap_or("options"),
    }
}

/// A YAML number is an absolute tolerance; a string may be `"0.5%"` (relative) or a number.
fn tolerance_of(n: &Node) -> Option<Result<Tolerance, crate::drill::GradeError>> {
    match n.value {
        Value::Int(i) => Some(Tolerance::absolute(i as f64)),
        Value::Float(f) => Some(Tolerance::absolute(f)),
        Value::Str(ref s) => Some(Tolerance::parse(s)),
        _ => None,
    }
}

fn is_placeholder(s: &str) -> bool {
    let t = s.trim().to_ascii_lowercase();
    t.is_empty() || PLACEHOLDERS.contains(&t.as_str())
}

/// Checks `answer` against the kind. Returns the answer when it is usable.
fn check_answer(
    q: &mut Fields,
    node: &Node,
    kind: Kind,
    options: Option<&[String]>,
    texts: &mut Vec<(&'static str, Pos)>,
) -> (Option<Answer>, bool) {
    let Some(n) = node.get("answer") else {
        q.diags.push(
            Diagnostic::error(
                "missing-answer",
                q.origin.loc(node.pos),
                "question has no `answer`",
            )
            .help("every question in the bank needs a real answer"),
        );
        return (None, false);
    };
    let placeholder = match &n.value {
        Value::Null => true,
        Value::Str(s) => is_placeholder(s),
        Value::Seq(items) => items.is_empty(),
        _ => false,
    };
    if placeholder {
        q.diags.push(
            Diagnostic::error(
                "missing-answer",
                q.origin.loc(n.pos),
                format!(
                    "question has no answer: `{}` is a placeholder",
                    n.scalar_text().unwrap_or_default().trim()
                ),
            )
            .help("write the answer, or move the question out of the bank until you know it"),
        );
        return (None, false);
    }
    let answer = match kind {
        Kind::TrueFalse => match n.value {
            Value::Bool(b) => Some(Answer::Bool(b)),
            _ => {
                q.diags.push(
                    Diagnostic::error(
                        "bad-answer",
                        q.origin.loc(n.pos),
                        format!(
                            "true-false answer must be `true` or `false`, found {}",
                            n.type_name()
                        ),
                    )
                    .help("write `answer: true` or `answer: false` (unquoted)"),
                );
                None
            }
        },
        Kind::Derivation => match n.scalar_text() {
            Some(t) => {
                if n.as_str().is_some() {
                    texts.push(("answer", n.pos));
                }
                Some(Answer::Text(t))
            }
            None => {
                q.wrong_type(n, "answer", "Markdown text");
                None
            }
        },
        Kind::Numeric => {
            let text = n.scalar_text().unwrap_or_default();
            match (&n.value, parse_number(&text)) {
                (Value::Int(_) | Value::Float(_) | Value::Str(_), Ok(value)) => {
                    Some(Answer::Number { value, text })
                }
                _ => {
                    q.diags.push(
                        Diagnostic::error(
                            "bad-number",
                            q.origin.loc(n.pos),
                            format!("numeric answer `{}` is not a number", text.trim()),
                        )
                        .help("write a decimal (`0.04`), a fraction (`\"1/25\"`) or scientific notation (`-4.93e3`)"),
                    );
                    None
                }
            }
        }
        Kind::Choice => choice_answer(q, n, options.map_or(0, <[String]>::len)),
    };
    (answer, true)
}

fn choice_answer(q: &mut Fields, n: &Node, count: usize) -> Option<Answer> {
    let letters: Vec<(String, Pos)> = match &n.value {
        Value::Str(s) => vec![(s.trim().to_string(), n.pos)],
        Value::Seq(items) => items
            .iter()
            .map(|i| (i.scalar_text().unwrap_or_default(), i.pos))
            .collect(),
        _ => {
            q.wrong_type(n, "answer", "a letter such as `b`, or a list of letters");
            return None;
        }
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (l, pos) in letters {
        let lower = l.to_ascii_lowercase();
        let idx = match lower.as_bytes() {
            [c @ b'a'..=b'z'] => usize::from(c - b'a'),
            _ => {
                q.diags.push(
                    Diagnostic::error(
                        "bad-answer",
                        q.origin.loc(pos),
                        format!("choice answer `{l}` is not a letter"),
                    )
                    .help("write the option's letter: `a` for the first option, `b` for the second, …"),
                );
                ok = false;
                continue;
            }
        };
        if count >= 2 && idx >= count {
            q.diags.push(Diagnostic::error(
                "choice-out-of-range",
                q.origin.loc(pos),
                format!(
                    "answer `{l}` names no option: there are {count} (a–{})",
                    letter(count - 1)
                ),
            ));
            ok = false;
            continue;
        }
        out.push(idx);
    }
    out.sort_unstable();
    out.dedup();
    (ok && !out.is_empty()).then_some(Answer::Choice(out))
}

/// Small helper that carries the origin and the diagnostic sink through the checks.
struct Fields<'a> {
    origin: &'a Origin,
    diags: &'a mut Vec<Diagnostic>,
}

impl Fields<'_> {
    fn err(&mut self, code: &'static str, pos: Pos, message: String) {
        self.diags
            .push(Diagnostic::error(code, self.origin.loc(pos), message));
    }
    fn warn(&mut self, code: &'static str, pos: Pos, message: String) {
        self.diags
            .push(Diagnostic::warning(code, self.origin.loc(pos), message));
    }
    fn wrong_type(&mut self, n: &Node, field: &str, expected: &str) {
        self.err(
            "wrong-type",
            n.pos,
            format!("`{field}` must be {expected}, found {}", n.type_name()),
        );
    }
}
