//! A question's validation from a located YAML tree.
//!
//! Validation collects every problem of a question (unknown fields, wrong types, a missing
//! answer, …) instead of stopping at the first. A question with errors is still returned when
//! it has an id, so that course-wide checks (duplicate ids, topics) can run on it too.

use super::{Answer, Kind, Origin, Question, is_valid_id, letter};
use crate::course::yaml::{Node, Pos, Value};
use crate::diag::{Diagnostic, did_you_mean};
use crate::drill::grade::{Tolerance, parse_number};

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

/// "for example `flows-upper`" for a malformed id, when its slug is a valid id.
pub(crate) fn example_id(s: &str) -> Option<String> {
    let slug = crate::course::slug(s);
    is_valid_id(&slug).then(|| format!("for example `{slug}`"))
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
    // This question's own diagnostics are the ones pushed from here on (counting all of them
    // for every question would make a file of many broken questions quadratic).
    let diags_before = diags.len();
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
            Some(s) if s.trim().is_empty() => {
                q.diags.push(
                    Diagnostic::error("bad-id", origin.loc(n.pos), "question has an empty `id`")
                        .help("name it for what it asks, e.g. `flows-rotation-invariance`"),
                );
                None
            }
            Some(s) => {
                q.diags.push(
                    Diagnostic::error(
                        "bad-id",
                        origin.loc(n.pos),
                        format!("id `{s}` is not lowercase letters, digits and '-'"),
                    )
                    .maybe_help(example_id(s)),
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
    if absent_or_blank(node.get("prompt")) {
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
                            q.err(
                                "wrong-type",
                                item.pos,
                                format!(
                                    "each item of `{name}` must be text, found {}",
                                    item.type_name()
                                ),
                            );
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
            // The grading error already says what to write instead.
            Some(Err(e)) => {
                q.err("bad-tolerance", n.pos, e.to_string());
                None
            }
            None => {
                q.wrong_type(n, "tolerance", "a number or a percentage string");
                None
            }
        },
    };
    if tolerance.is_some()
        && kind.is_some_and(|k| k != Kind::Numeric)
        && let Some(n) = node.get("tolerance")
    {
        q.warn(
            "unused-field",
            n.pos,
            "`tolerance` only applies to numeric questions".into(),
        );
    }

    let answer = kind.and_then(|k| {
        let answer = check_answer(&mut q, node, k, options.as_deref(), &mut texts);
        // A field that is present but of the wrong type already has its error; "missing"
        // means absent, null or blank.
        if k == Kind::TrueFalse && absent_or_blank(node.get("why")) {
            q.diags.push(
                Diagnostic::error(
                    "missing-why",
                    origin.loc(id_node.map_or(node.pos, |n| n.pos)),
                    "true-false question has no `why`",
                )
                .help("give the rationale: a true/false answer alone teaches nothing"),
            );
        }
        if k == Kind::Derivation && absent_or_blank(node.get("steps")) {
            q.diags.push(
                Diagnostic::error(
                    "missing-steps",
                    origin.loc(node.get("steps").map_or(node.pos, |n| n.pos)),
                    "derivation has no `steps`",
                )
                .help("list the working in order under `steps:`"),
            );
        }
        let written = match node.get("options").map(|n| &n.value) {
            None | Some(Value::Null) => Some(0),
            Some(Value::Seq(items)) => Some(items.len()),
            Some(_) => None,
        };
        if let Some(count @ 0..2) = written.filter(|_| k == Kind::Choice) {
            q.diags.push(
                Diagnostic::error(
                    "too-few-options",
                    origin.loc(node.get("options").map_or(node.pos, |n| n.pos)),
                    format!("choice question has {count} option(s); it needs at least 2"),
                )
                .help("list the options under `options:`"),
            );
        }
        answer
    });

    let broken = id.is_none()
        || q.diags[diags_before..].iter().any(Diagnostic::is_error)
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
        texts: texts.into_iter().map(|(f, p)| (f, origin.pos(p))).collect(),
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

/// Whether a field is missing: absent, null, a blank string or an empty list.
fn absent_or_blank(n: Option<&Node>) -> bool {
    n.is_none_or(|n| match &n.value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        Value::Seq(items) => items.is_empty(),
        _ => false,
    })
}

/// Checks `answer` against the kind. Returns the answer when it is usable.
fn check_answer(
    q: &mut Fields,
    node: &Node,
    kind: Kind,
    options: Option<&[String]>,
    texts: &mut Vec<(&'static str, Pos)>,
) -> Option<Answer> {
    let Some(n) = node.get("answer") else {
        q.diags.push(
            Diagnostic::error(
                "missing-answer",
                q.origin.loc(node.pos),
                "question has no `answer`",
            )
            .help("every question in the bank needs a real answer"),
        );
        return None;
    };
    let placeholder = match &n.value {
        Value::Null => true,
        Value::Str(s) => is_placeholder(s),
        Value::Seq(items) => items.is_empty(),
        _ => false,
    };
    if placeholder {
        let written = n.scalar_text().unwrap_or_default();
        let message = match written.trim() {
            "" => "question has an empty `answer`".to_string(),
            w => format!("question has no answer: `{w}` is a placeholder"),
        };
        q.diags.push(
            Diagnostic::error("missing-answer", q.origin.loc(n.pos), message)
                .help("write the answer, or move the question out of the bank until you know it"),
        );
        return None;
    }
    match kind {
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
    }
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
