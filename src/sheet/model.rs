//! The sheet model: what goes on the revision sheet and in which order. Both renderers read
//! this and nothing else of the course, so the HTML page and the PDF always agree.
//!
//! Order: title, contents, weak spots (with a progress database), then each topic in course
//! order — its notes in file order, then its self-test questions, numbered across the sheet.
//! Every anchor on the sheet is claimed here once, so ids are unique across topics.

use std::collections::{HashMap, HashSet};

pub use super::ids::Ids;
use std::path::{Path, PathBuf};

use super::doc::{self, Block, Href};
use super::images::{Image, Images};
use super::markdown::{self, Fragment};
use super::weak::{self, Progress, Weak};
use crate::course::{Answer, Course, Kind, Question};
use crate::diag::{Diagnostic, Loc};

/// Where a piece of the sheet came from: an origin and a byte offset in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct At {
    pub origin: usize,
    pub offset: usize,
}

impl At {
    pub fn shifted(self, by: usize) -> At {
        At {
            offset: self.offset + by,
            ..self
        }
    }
}

/// A file the sheet read text from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A note: offsets are byte offsets in the file's text.
    Note(PathBuf),
    /// A question: offsets are not tracked, the question's line is.
    Question { file: PathBuf, line: usize },
}

/// Something a renderer could not put on the sheet as written (a formula it cannot convert, an
/// image it cannot embed). Building goes on; the command shows these as warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub at: At,
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    pub fn warning(at: At, code: &'static str, message: String) -> Problem {
        Problem { at, code, message }
    }
}

/// What to put on the sheet.
pub struct Options<'a> {
    /// Topic ids to include, in any order; empty for all.
    pub topics: &'a [String],
    /// Answers right after each question instead of hidden (HTML) or in a key at the end (PDF).
    pub answers_inline: bool,
    pub date: jiff::civil::Date,
    /// The student's progress, for the weak spots; `None` without a database.
    pub progress: Option<Progress<'a>>,
}

#[derive(Debug)]
pub struct Sheet {
    pub title: String,
    pub subtitle: Option<String>,
    pub date: jiff::civil::Date,
    /// `a4`, `a3`, `letter` or `legal`.
    pub paper: String,
    pub columns: u8,
    pub landscape: bool,
    pub answers_inline: bool,
    pub weak: Option<Weak>,
    pub topics: Vec<TopicSection>,
    pub images: Vec<Image>,
    pub origins: Vec<Origin>,
    /// Problems met while building (images); renderers add their own.
    pub problems: Vec<Problem>,
}

#[derive(Debug)]
pub struct TopicSection {
    pub id: String,
    pub title: String,
    /// The section's anchor.
    pub anchor: String,
    /// The topic's notes, in file order.
    pub notes: Vec<NotePart>,
    pub footnotes: Vec<Footnote>,
    pub questions: Vec<QuestionView>,
}

/// One note's blocks, with where the note is.
#[derive(Debug)]
pub struct NotePart {
    pub at: At,
    pub blocks: Vec<Block>,
}

#[derive(Debug)]
pub struct Footnote {
    pub key: String,
    pub number: usize,
    pub anchor: String,
    /// The anchor of its first reference, for the way back.
    pub ref_anchor: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug)]
pub struct QuestionView {
    pub id: String,
    /// Where the question is written.
    pub at: At,
    /// Numbered 1, 2, … across the sheet.
    pub number: usize,
    pub anchor: String,
    pub answer_anchor: String,
    pub kind: Kind,
    pub prompt: Vec<Block>,
    pub options: Vec<Vec<Block>>,
    pub answer: AnswerView,
    pub why: Vec<Block>,
    pub steps: Vec<Vec<Block>>,
    /// The `see:` target on the sheet and its title.
    pub see: Option<(Href, String)>,
    pub source: Option<String>,
}

#[derive(Debug)]
pub enum AnswerView {
    Bool(bool),
    /// A derivation's result.
    Text(Vec<Block>),
    Number(String),
    /// Indices of the right options.
    Choice(Vec<usize>),
}

/// Builds the sheet. `step(done, total)` is called as notes and questions are converted.
pub fn build(course: &Course, opts: &Options<'_>, step: &mut dyn FnMut(usize, usize)) -> Sheet {
    let topics: Vec<&crate::course::Topic> = course
        .topics
        .iter()
        .filter(|t| opts.topics.is_empty() || opts.topics.contains(&t.id))
        .collect();
    let mut ids = Ids::default();
    for fixed in ["contents", "weak-spots", "answer-key", "sheet-title"] {
        ids.claim(fixed);
    }
    for t in &course.topics {
        ids.name(&t.id, &t.id);
        for a in &t.aliases {
            ids.name(a, &t.id);
        }
    }
    // First every anchor, so that links may point forward.
    let mut heading_ids: HashMap<usize, Vec<String>> = HashMap::new();
    let mut sections = Vec::new();
    for t in &topics {
        sections.push(ids.section(&t.id, &t.title));
    }
    for (t, section) in topics.iter().zip(&sections) {
        for (i, &n) in t.notes.iter().enumerate() {
            let note = &course.notes[n];
            let body = note.body(course.sources.get(&note.file).unwrap_or_default());
            let absorbed = i == 0 && opens_with_title(body, note.headings.first());
            let mut list = Vec::new();
            for (k, h) in note.headings.iter().enumerate() {
                let id = if absorbed && k == 0 {
                    section.clone()
                } else {
                    ids.claim(&format!("{}--{}", t.id, h.anchor))
                };
                ids.heading(&t.id, &h.anchor, &id, &h.text);
                list.push(id);
            }
            heading_ids.insert(n, list);
        }
    }
    let by_topic = course.questions_by_topic();
    let questions_of = |t: &str| by_topic.get(t).map_or(&[][..], Vec::as_slice);
    let total = topics
        .iter()
        .map(|t| t.notes.len() + questions_of(&t.id).len())
        .sum::<usize>();
    let mut done = 0;
    let mut images = Images::new(&course.root);
    let mut origins = Vec::new();
    let mut number = 0;
    let mut out = Vec::new();
    for (t, anchor) in topics.iter().zip(sections) {
        let mut notes = Vec::new();
        let mut defs = Vec::new();
        for &n in &t.notes {
            let note = &course.notes[n];
            let text = course.sources.get(&note.file).unwrap_or_default();
            origins.push(Origin::Note(note.file.clone()));
            let ids_of = heading_ids.get(&n).map(Vec::as_slice).unwrap_or(&[]);
            let at = At {
                origin: origins.len() - 1,
                offset: note.body_start.min(text.len()),
            };
            let frag = Fragment {
                text: note.body(text),
                at,
                topic: &t.id,
                dir: note.file.parent().unwrap_or(Path::new("")),
                heading_ids: ids_of,
                footnote_scope: &format!("n{n}"),
            };
            let mut conv = markdown::convert(&frag, &ids, &mut images);
            // The note's opening `# Title` is the topic's heading on the sheet.
            if matches!(conv.blocks.first(), Some(Block::Heading { id: Some(id), .. }) if *id == anchor)
            {
                conv.blocks.remove(0);
            }
            notes.push(NotePart {
                at,
                blocks: conv.blocks,
            });
            defs.extend(conv.footnotes);
            done += 1;
            step(done, total);
        }
        let mut questions = Vec::new();
        for q in questions_of(&t.id) {
            number += 1;
            origins.push(Origin::Question {
                file: q.file.clone(),
                line: q.line,
            });
            let at = At {
                origin: origins.len() - 1,
                offset: 0,
            };
            questions.push(question(q, number, at, &mut ids, &mut images, &mut defs));
            done += 1;
            step(done, total);
        }
        let footnotes = number_footnotes(&t.id, &notes, &questions, defs, &mut ids);
        out.push(TopicSection {
            id: t.id.clone(),
            title: t.title.clone(),
            anchor,
            notes,
            footnotes,
            questions,
        });
    }
    let weak = opts
        .progress
        .as_ref()
        .and_then(|p| weak::weak_spots(&out, p));
    Sheet {
        title: course.title(),
        subtitle: course.settings.subtitle.clone(),
        date: opts.date,
        paper: course.settings.paper.clone(),
        columns: course.settings.columns,
        landscape: course.settings.landscape,
        answers_inline: opts.answers_inline,
        weak,
        topics: out,
        images: images.list,
        origins,
        problems: images.problems,
    }
}

/// Whether a note starts with a level-1 ATX heading (its title, which the topic heading shows).
fn opens_with_title(body: &str, first: Option<&crate::course::Heading>) -> bool {
    let starts = body
        .trim_start()
        .strip_prefix('#')
        .is_some_and(|rest| rest.starts_with([' ', '\t', '\n']) || rest.is_empty());
    starts && first.is_some_and(|h| h.level == 1)
}

fn question(
    q: &Question,
    number: usize,
    at: At,
    ids: &mut Ids,
    images: &mut Images,
    defs: &mut Vec<(String, Vec<Block>)>,
) -> QuestionView {
    let dir = q.file.parent().unwrap_or(Path::new("")).to_path_buf();
    let scope = format!("q{number}");
    let mut md = |text: &str| {
        let frag = Fragment {
            text,
            at,
            topic: &q.topic,
            dir: &dir,
            heading_ids: &[],
            footnote_scope: &scope,
        };
        let conv = markdown::convert(&frag, ids, images);
        defs.extend(conv.footnotes);
        conv.blocks
    };
    let prompt = md(&q.prompt);
    let options = q.options.iter().map(|o| md(o)).collect();
    let steps = q.steps.iter().map(|s| md(s)).collect();
    let why = q.why.as_deref().map(&mut md).unwrap_or_default();
    let answer = match &q.answer {
        Answer::Bool(b) => AnswerView::Bool(*b),
        Answer::Text(t) => AnswerView::Text(md(t)),
        Answer::Number { text, .. } => AnswerView::Number(text.clone()),
        Answer::Choice(ix) => AnswerView::Choice(ix.clone()),
    };
    QuestionView {
        id: q.id.clone(),
        at,
        number,
        anchor: ids.claim(&format!("q-{}", q.id)),
        answer_anchor: ids.claim(&format!("a-{}", q.id)),
        kind: q.kind,
        prompt,
        options,
        answer,
        why,
        steps,
        see: q.see.as_deref().and_then(|s| ids.see(s)),
        source: q.source.clone(),
    }
}

/// Numbers a topic's footnotes in the order of their first reference (unreferenced ones last).
fn number_footnotes(
    topic: &str,
    notes: &[NotePart],
    questions: &[QuestionView],
    defs: Vec<(String, Vec<Block>)>,
    ids: &mut Ids,
) -> Vec<Footnote> {
    let mut order = Vec::new();
    for n in notes {
        doc::footnote_refs(&n.blocks, &mut order);
    }
    for q in questions {
        doc::footnote_refs(&q.prompt, &mut order);
        for part in q.options.iter().chain(&q.steps).chain([&q.why]) {
            doc::footnote_refs(part, &mut order);
        }
        if let AnswerView::Text(t) = &q.answer {
            doc::footnote_refs(t, &mut order);
        }
    }
    let mut defs: Vec<_> = defs.into_iter().collect();
    defs.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    let mut seen = HashSet::new();
    defs.into_iter()
        .filter(|(k, _)| seen.insert(k.clone()))
        .enumerate()
        .map(|(i, (key, blocks))| Footnote {
            key,
            number: i + 1,
            anchor: ids.claim(&format!("{topic}--fn-{}", i + 1)),
            ref_anchor: ids.claim(&format!("{topic}--fnref-{}", i + 1)),
            blocks,
        })
        .collect()
}

impl Sheet {
    /// Where a problem is, as a diagnostic location in the course.
    pub fn locate(&self, at: At, sources: &crate::course::Sources) -> Loc {
        match self.origins.get(at.origin) {
            Some(Origin::Note(file)) => match sources.get(file) {
                Some(text) => Loc::at_offset(file, text, at.offset),
                None => Loc::file(file),
            },
            Some(Origin::Question { file, line }) => Loc::new(file, *line, 1),
            None => Loc::file(""),
        }
    }

    /// A problem as a warning diagnostic.
    pub fn diagnostic(&self, p: &Problem, sources: &crate::course::Sources) -> Diagnostic {
        Diagnostic::warning(p.code, self.locate(p.at, sources), p.message.clone())
    }

    /// The number of questions on the sheet.
    pub fn question_count(&self) -> usize {
        self.topics.iter().map(|t| t.questions.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_open_with_their_title() {
        let h = crate::course::Heading {
            level: 1,
            text: "T".into(),
            anchor: "t".into(),
            loc: Loc::file("f"),
        };
        assert!(opens_with_title("\n# T\n\ntext", Some(&h)));
        assert!(!opens_with_title("text\n# T\n", Some(&h)));
        assert!(!opens_with_title("#hashtag", Some(&h)));
    }
}
