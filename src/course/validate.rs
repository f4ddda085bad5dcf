//! Course-wide checks: question files, topics, duplicate ids, `see:` targets, links, images
//! and math. Each check appends to the diagnostics and never stops the others.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};

use super::question::{Origin, Question, Questions, parse_question};
use super::yaml::{self, Value};
use super::{Course, Topic};
use crate::diag::{Diagnostic, Loc, did_you_mean};

/// A `questions/*.yaml` file: `topic:` (optional default) and `questions:` (a list).
pub fn question_file(
    rel: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    questions: &mut Questions,
) {
    let origin = Origin::new(rel, 0);
    let node = match yaml::parse(text) {
        Ok(n) => n,
        Err(e) => {
            diags.push(Diagnostic::error(
                "yaml-syntax",
                origin.loc(e.pos),
                format!("not valid YAML: {}", e.message),
            ));
            return;
        }
    };
    let empty = |diags: &mut Vec<Diagnostic>| {
        diags.push(
            Diagnostic::warning(
                "empty-question-file",
                Loc::file(rel),
                format!("{} holds no questions", rel.display()),
            )
            .help("add questions under `questions:`, or delete the file"),
        );
    };
    let entries = match &node.value {
        Value::Map(e) => e,
        Value::Null => return empty(diags),
        _ => {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    origin.loc(node.pos),
                    format!(
                        "a question file must be a mapping, found {}",
                        node.type_name()
                    ),
                )
                .help("write `questions:` followed by a list of questions"),
            );
            return;
        }
    };
    let mut default_topic = None;
    let mut list = None;
    for (k, v) in entries {
        match k.as_str().unwrap_or_default() {
            "topic" => match v.as_str() {
                Some(t) => default_topic = Some((t.to_string(), origin.loc(v.pos))),
                None => diags.push(Diagnostic::error(
                    "wrong-type",
                    origin.loc(v.pos),
                    format!("`topic` must be a string, found {}", v.type_name()),
                )),
            },
            "questions" => list = Some(v),
            other => diags.push(
                Diagnostic::error(
                    "unknown-field",
                    origin.loc(k.pos),
                    format!("unknown field `{other}` in a question file"),
                )
                .help(match did_you_mean(other, ["topic", "questions"]) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => "a question file has `topic:` and `questions:`".into(),
                }),
            ),
        }
    }
    let items = match list.map(|l| &l.value) {
        Some(Value::Seq(items)) => items,
        Some(Value::Null) | None => return empty(diags),
        Some(_) => {
            if let Some(l) = list {
                diags.push(Diagnostic::error(
                    "wrong-type",
                    origin.loc(l.pos),
                    format!("`questions` must be a list, found {}", l.type_name()),
                ));
            }
            return;
        }
    };
    if items.is_empty() {
        return empty(diags);
    }
    let before = questions.len();
    for item in items {
        if let Some(mut q) = parse_question(
            item,
            default_topic.as_ref().map(|t| t.0.as_str()),
            &origin,
            diags,
        ) {
            if q.topic_loc.is_none() {
                q.topic_loc = default_topic.as_ref().map(|t| t.1.clone());
            }
            questions.push(Box::new(q));
        }
    }
    let _ = before;
}

/// Topics, ids, references, links and images (formulas are checked as files are parsed).
pub fn course(course: &mut Course, diags: &mut Vec<Diagnostic>) {
    build_topics(course, diags);
    canonical_topics(course);
    duplicate_ids(course, diags);
    let index = Index::new(course);
    topics_and_see(course, &index, diags);
    links_and_images(course, &index, diags);
    let asked: FxHashSet<&str> = course.questions.iter().map(|q| q.topic.as_str()).collect();
    for t in &course.topics {
        if !asked.contains(t.id.as_str()) {
            let loc = t
                .notes
                .first()
                .map(|&i| course.notes[i].topic_loc.clone())
                .unwrap_or_else(|| Loc::file("notes"));
            diags.push(
                Diagnostic::warning(
                    "topic-without-questions",
                    loc,
                    format!("topic `{}` has notes but no questions", t.id),
                )
                .help("add questions with this topic so the drill can test it"),
            );
        }
    }
}

/// Topics by id or alias, and each topic's heading anchors: built once, so that checking a
/// reference costs a lookup rather than a walk over every topic and heading.
struct Index<'a> {
    /// Like [`Course::topic`]: the first topic, in course order, with that id or alias.
    by_name: FxHashMap<&'a str, usize>,
    anchors: Vec<FxHashSet<&'a str>>,
}

impl<'a> Index<'a> {
    fn new(course: &'a Course) -> Index<'a> {
        let mut by_name = FxHashMap::default();
        for (i, t) in course.topics.iter().enumerate() {
            for name in std::iter::once(&t.id).chain(&t.aliases) {
                by_name.entry(name.as_str()).or_insert(i);
            }
        }
        let anchors = course
            .topics
            .iter()
            .map(|t| {
                t.notes
                    .iter()
                    .flat_map(|&i| course.notes[i].headings.iter().map(|h| h.anchor.as_str()))
                    .collect()
            })
            .collect();
        Index { by_name, anchors }
    }

    fn topic(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

fn build_topics(course: &mut Course, diags: &mut Vec<Diagnostic>) {
    let mut topics: Vec<Topic> = Vec::new();
    let mut position: FxHashMap<String, usize> = FxHashMap::default();
    let mut title_at: FxHashMap<String, Loc> = FxHashMap::default();
    for (i, n) in course.notes.iter().enumerate() {
        let idx = match position.get(&n.topic) {
            Some(&ix) => ix,
            None => {
                position.insert(n.topic.clone(), topics.len());
                topics.push(Topic {
                    id: n.topic.clone(),
                    title: String::new(),
                    order: None,
                    aliases: Vec::new(),
                    notes: Vec::new(),
                });
                topics.len() - 1
            }
        };
        let t = &mut topics[idx];
        t.notes.push(i);
        if let (Some(title), Some(loc)) = (&n.title, &n.title_loc) {
            if let Some(first) = title_at.get(&t.id) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-title",
                        loc.clone(),
                        format!("topic `{}` is given a title twice", t.id),
                    )
                    .related(first.clone(), "first title here")
                    .help("exactly one note of a topic gives its `title`"),
                );
            } else {
                title_at.insert(t.id.clone(), loc.clone());
                t.title = title.clone();
            }
        }
        if let Some(o) = n.order {
            t.order = Some(t.order.map_or(o, |x: i64| x.min(o)));
        }
        for a in &n.aliases {
            if !t.aliases.contains(a) {
                t.aliases.push(a.clone());
            }
        }
    }
    for t in &mut topics {
        if t.title.is_empty() {
            t.title = t
                .notes
                .iter()
                .find_map(|&i| course.notes[i].first_heading.clone())
                .unwrap_or_else(|| t.id.clone());
        }
    }
    topics.sort_by(|a, b| {
        (a.order.unwrap_or(i64::MAX), &a.id).cmp(&(b.order.unwrap_or(i64::MAX), &b.id))
    });
    course.topics = topics;
}

/// A question may name its topic by an alias (`topic: nf`); from here on it carries the
/// topic's id, so listings, counts and the drill find it under its topic.
fn canonical_topics(course: &mut Course) {
    let ids: FxHashMap<&str, &str> = course
        .topics
        .iter()
        .flat_map(|t| t.aliases.iter().map(move |a| (a.as_str(), t.id.as_str())))
        .collect();
    if ids.is_empty() {
        return;
    }
    let real: FxHashSet<&str> = course.topics.iter().map(|t| t.id.as_str()).collect();
    for q in &mut course.questions {
        if real.contains(q.topic.as_str()) {
            continue;
        }
        if let Some(id) = ids.get(q.topic.as_str()) {
            q.topic = (*id).to_string();
        }
    }
}

/// Every later use of an id is an error, and leaves the bank: the drill keys a question's
/// history by its id, so two questions under one id would share (and corrupt) it.
fn duplicate_ids(course: &mut Course, diags: &mut Vec<Diagnostic>) {
    // Sized once: growing to 10,000 ids rehashed them a dozen times.
    let mut seen: FxHashMap<&str, &Question> =
        FxHashMap::with_capacity_and_hasher(course.questions.len(), Default::default());
    let mut later = Vec::new();
    for (i, q) in course.questions.iter().enumerate() {
        if q.id.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(q.id.as_str()) {
            later.push(i);
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    q.id_loc.clone(),
                    format!("question id `{}` is used twice", q.id),
                )
                .related(first.id_loc.clone(), "first used here")
                .help("ids identify a question's history: give this one a new id"),
            );
        } else {
            seen.insert(&q.id, q);
        }
    }
    for i in later {
        course.questions[i].broken = true;
    }
}

fn topic_names(course: &Course) -> Vec<&str> {
    course
        .topics
        .iter()
        .flat_map(|t| std::iter::once(t.id.as_str()).chain(t.aliases.iter().map(String::as_str)))
        .collect()
}

fn topics_and_see(course: &Course, index: &Index, diags: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = course.topics.iter().map(|t| t.id.as_str()).collect();
    for q in &course.questions {
        if !q.topic.is_empty() && index.topic(&q.topic).is_none() {
            let loc = q.topic_loc.clone().unwrap_or_else(|| q.id_loc.clone());
            let help = match did_you_mean(&q.topic, topic_names(course)) {
                Some(m) => format!("did you mean `{m}`? The topics are: {}", ids.join(", ")),
                None => format!("the topics are: {}", ids.join(", ")),
            };
            diags.push(
                Diagnostic::error(
                    "unknown-topic",
                    loc,
                    if q.id.is_empty() {
                        format!("question has unknown topic `{}`", q.topic)
                    } else {
                        format!("question `{}` has unknown topic `{}`", q.id, q.topic)
                    },
                )
                .help(help),
            );
        }
        if let (Some(see), Some(loc)) = (&q.see, &q.see_loc)
            && let Err((msg, help)) = resolve_ref(course, index, see, None)
        {
            diags.push(Diagnostic::error("broken-see", loc.clone(), msg).maybe_help(help));
        }
    }
}

/// Checks a `topic#anchor` (or `#anchor` within `here`) reference.
fn resolve_ref(
    course: &Course,
    index: &Index,
    target: &str,
    here: Option<&str>,
) -> Result<(), (String, Option<String>)> {
    let (topic, anchor) = match target.split_once('#') {
        Some((t, a)) => (if t.is_empty() { here.unwrap_or("") } else { t }, Some(a)),
        None => (target, None),
    };
    let Some(ti) = index.topic(topic) else {
        let help = did_you_mean(topic, topic_names(course)).map(|m| format!("did you mean `{m}`?"));
        return Err((format!("`{target}` names no topic `{topic}`"), help));
    };
    let Some(anchor) = anchor else { return Ok(()) };
    if index.anchors[ti].contains(anchor) {
        return Ok(());
    }
    // A broken reference: the anchors in heading order, for the suggestion.
    let t = &course.topics[ti];
    let anchors: Vec<&str> = t
        .notes
        .iter()
        .flat_map(|&i| course.notes[i].headings.iter().map(|h| h.anchor.as_str()))
        .collect();
    let help = match did_you_mean(anchor, anchors.iter().copied()) {
        Some(m) => Some(format!("did you mean `{}#{m}`?", t.id)),
        None => Some(format!(
            "the headings of `{}` are: {}",
            t.id,
            anchors.join(", ")
        )),
    };
    Err((
        format!("`{target}`: topic `{}` has no heading `#{anchor}`", t.id),
        help,
    ))
}

/// Whether a link points inside the course (`topic#anchor`, `#anchor`) rather than to a URL
/// or file.
pub fn is_course_link(dest: &str) -> bool {
    dest.contains('#') && !dest.contains(':') && !dest.contains('/') && !dest.contains('.')
}

fn links_and_images(course: &Course, index: &Index, diags: &mut Vec<Diagnostic>) {
    for n in &course.notes {
        for l in &n.links {
            if is_course_link(&l.dest)
                && let Err((msg, help)) = resolve_ref(course, index, &l.dest, Some(&n.topic))
            {
                diags.push(Diagnostic::error("broken-link", l.loc.clone(), msg).maybe_help(help));
            }
        }
        for img in &n.images {
            if img.dest.contains("://") || img.dest.starts_with("data:") {
                diags.push(
                    Diagnostic::warning(
                        "remote-image",
                        img.loc.clone(),
                        format!("image `{}` is not a file in the course", img.dest),
                    )
                    .help(
                        "the sheet loads nothing from the network: save the image beside the note",
                    ),
                );
                continue;
            }
            let path = image_path(course, &n.file, &img.dest);
            if !path.is_file() {
                diags.push(Diagnostic::error(
                    "missing-image",
                    img.loc.clone(),
                    format!("image `{}` does not exist", img.dest),
                ));
            }
        }
    }
}

/// An image path as written in a note, resolved against the note's folder.
pub fn image_path(course: &Course, note_file: &Path, dest: &str) -> PathBuf {
    let dest = dest.split(['#', '?']).next().unwrap_or(dest);
    let dir = note_file.parent().unwrap_or(Path::new(""));
    course.root.join(dir).join(dest)
}
