//! Notes: front matter, headings and their anchors, inline question blocks, math, links and
//! images — everything the checker, the drill and the sheet need to know about a Markdown file.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::question::{Origin, Questions, example_id, is_valid_id, parse_question};
use super::yaml::{self, Node, Value};
use crate::diag::{Diagnostic, LineIndex, Loc, Locator, did_you_mean};

/// One Markdown file of `notes/`.
#[derive(Debug, Clone)]
pub struct Note {
    /// Path relative to the course root, e.g. `notes/flows.md`.
    pub file: PathBuf,
    pub topic: String,
    pub topic_loc: Loc,
    /// The `title:` of the front matter, if it gives one.
    pub title: Option<String>,
    pub title_loc: Option<Loc>,
    pub first_heading: Option<String>,
    pub order: Option<i64>,
    pub aliases: Vec<String>,
    /// Where the Markdown body starts in the file's text (after the front matter); the text
    /// itself is kept once, in [`crate::course::Course::sources`]: see [`Note::body`].
    pub body_start: usize,
    /// How many lines the front matter took: body line `n` is file line `n + body_line_offset`.
    pub body_line_offset: usize,
    pub headings: Vec<Heading>,
    pub math: Vec<MathSpan>,
    pub links: Vec<Link>,
    pub images: Vec<Link>,
    /// Byte ranges in `body` of the ```question blocks, which the sheet leaves out of prose.
    pub question_blocks: Vec<std::ops::Range<usize>>,
}

impl Note {
    /// The Markdown body (front matter removed) of the note whose file's text is `text`.
    pub fn body<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.body_start..).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    pub loc: Loc,
}

/// A formula in a note: its TeX (without delimiters), whether it is display math, and the
/// byte offset of the TeX in the whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct MathSpan {
    pub tex: String,
    pub display: bool,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub dest: String,
    pub loc: Loc,
}

pub const FRONT_MATTER_FIELDS: [&str; 4] = ["topic", "title", "order", "aliases"];

/// The Markdown extensions the course format allows.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// GitHub-style slug: lowercase, letters and digits kept, spaces and dashes become '-'.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c == ' ' || c == '-' || c == '_') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A leading `---` front matter block.
struct FrontMatter<'a> {
    yaml: &'a str,
    /// Byte where the body starts.
    body_start: usize,
    /// Lines before the body.
    lines: usize,
    /// Whether a `---` (or YAML's `...`) line ends it.
    closed: bool,
}

/// Splits off a leading front matter block, or `None` when the file has none.
fn split_front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let rest = text.strip_prefix("---\n")?;
    let mut pos = 4;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end_matches('\n');
        if l == "---" || l == "..." {
            let body_start = pos + line.len();
            return Some(FrontMatter {
                yaml: &text[4..pos],
                body_start,
                lines: text[..body_start].matches('\n').count(),
                closed: true,
            });
        }
        pos += line.len();
    }
    // An opening `---` without a closing one: treat everything as front matter so the author
    // gets an error rather than a silently swallowed note.
    Some(FrontMatter {
        yaml: &text[4..],
        body_start: text.len(),
        lines: text.matches('\n').count(),
        closed: false,
    })
}

/// Parses one note. `text` has BOM and CRLF already normalised. Inline questions are appended
/// to `questions`.
pub fn parse_note(
    file: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    questions: &mut Questions,
) -> Note {
    let stem_topic = slug(
        &file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let mut note = Note {
        file: file.to_path_buf(),
        topic: stem_topic,
        topic_loc: Loc::file(file),
        title: None,
        title_loc: None,
        first_heading: None,
        order: None,
        aliases: Vec::new(),
        body_start: 0,
        body_line_offset: 0,
        headings: Vec::new(),
        math: Vec::new(),
        links: Vec::new(),
        images: Vec::new(),
        question_blocks: Vec::new(),
    };
    let (body_start, line_offset) = match split_front_matter(text) {
        Some(fm) => {
            if !fm.closed {
                diags.push(
                    Diagnostic::error(
                        "front-matter",
                        Loc::file(file),
                        "front matter opened with `---` is never closed",
                    )
                    .help("end the front matter with a line holding only `---`"),
                );
            }
            front_matter(&mut note, fm.yaml, file, diags);
            (fm.body_start, fm.lines)
        }
        None => (0, 0),
    };
    note.body_start = body_start;
    note.body_line_offset = line_offset;
    scan_body(&mut note, text, body_start, diags, questions);
    note
}

fn front_matter(note: &mut Note, fm: &str, file: &Path, diags: &mut Vec<Diagnostic>) {
    let origin = Origin::new(file, 1);
    let node = match yaml::parse(fm) {
        Ok(n) => n,
        Err(e) => {
            diags.push(Diagnostic::error(
                "front-matter",
                origin.loc(e.pos),
                format!("front matter is not valid YAML: {}", e.message),
            ));
            return;
        }
    };
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Null => return,
        _ => {
            diags.push(Diagnostic::error(
                "front-matter",
                origin.loc(node.pos),
                format!("front matter must be a mapping, found {}", node.type_name()),
            ));
            return;
        }
    };
    for (k, v) in entries {
        let key = k.as_str().unwrap_or_default();
        let loc = origin.loc(v.pos);
        let str_value = |diags: &mut Vec<Diagnostic>| match v.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                diags.push(Diagnostic::error(
                    "wrong-type",
                    loc.clone(),
                    format!("`{key}` must be a string, found {}", v.type_name()),
                ));
                None
            }
        };
        match key {
            "topic" => {
                if let Some(t) = str_value(diags) {
                    if is_valid_id(&t) {
                        note.topic = t;
                        note.topic_loc = loc;
                    } else {
                        diags.push(
                            Diagnostic::error(
                                "bad-topic-id",
                                loc,
                                format!("topic id `{t}` is not lowercase letters, digits and '-'"),
                            )
                            .maybe_help(example_id(&t)),
                        );
                    }
                }
            }
            "title" => {
                note.title = str_value(diags);
                note.title_loc = Some(loc);
            }
            "order" => match v.value {
                Value::Int(i) => note.order = Some(i),
                _ => diags.push(Diagnostic::error(
                    "wrong-type",
                    loc,
                    format!("`order` must be a whole number, found {}", v.type_name()),
                )),
            },
            "aliases" => match &v.value {
                Value::Seq(items) => {
                    note.aliases = items.iter().filter_map(Node::scalar_text).collect();
                }
                Value::Str(s) => note.aliases = vec![s.clone()],
                _ => diags.push(Diagnostic::error(
                    "wrong-type",
                    loc,
                    format!("`aliases` must be a list, found {}", v.type_name()),
                )),
            },
            other => diags.push(
                Diagnostic::error(
                    "unknown-field",
                    origin.loc(k.pos),
                    format!("unknown front-matter field `{other}`"),
                )
                .help(match did_you_mean(other, FRONT_MATTER_FIELDS) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("the fields are: {}", FRONT_MATTER_FIELDS.join(", ")),
                }),
            ),
        }
    }
}

fn scan_body(
    note: &mut Note,
    text: &str,
    body_start: usize,
    diags: &mut Vec<Diagnostic>,
    questions: &mut Questions,
) {
    let body = &text[body_start..];
    let mut locator = Locator::new(note.file.clone(), text);
    let mut heading: Option<(u8, String, Option<String>, usize)> = None;
    let mut in_question: Option<(usize, String)> = None;
    let mut anchors: FxHashSet<String> = FxHashSet::default();
    let mut suffixes: FxHashMap<String, usize> = FxHashMap::default();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    heading_level(level),
                    String::new(),
                    id.map(|s| s.to_string()),
                    range.start,
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text_, id, start)) = heading.take() {
                    let text_ = text_.trim().to_string();
                    let base = id.clone().unwrap_or_else(|| slug(&text_));
                    let mut anchor = base.clone();
                    let loc = locator
                        .loc(body_start + start)
                        .with_len(range.len().min(80));
                    if id.is_some() && anchors.contains(&anchor) {
                        diags.push(Diagnostic::error(
                            "duplicate-anchor",
                            loc.clone(),
                            format!("anchor `{anchor}` is used twice in this note"),
                        ));
                    }
                    // Implicit anchors get -1, -2 suffixes like GitHub's. The next suffix to
                    // try is remembered per base, so a thousand `# Notes` headings stay linear.
                    let next = suffixes.entry(base.clone()).or_insert(1);
                    while anchors.contains(&anchor) {
                        anchor = format!("{base}-{next}");
                        *next += 1;
                    }
                    anchors.insert(anchor.clone());
                    if note.first_heading.is_none() {
                        note.first_heading = Some(text_.clone());
                    }
                    note.headings.push(Heading {
                        level,
                        text: text_,
                        anchor,
                        loc,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s, _, _)) = heading.as_mut() {
                    s.push_str(&t);
                }
                if let Some((_, s)) = in_question.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::InlineMath(ref t) | Event::DisplayMath(ref t) => {
                let display = matches!(event, Event::DisplayMath(_));
                if let Some((_, s, _, _)) = heading.as_mut() {
                    s.push_str(t);
                }
                // The TeX sits between the delimiters; offsets point into it.
                note.math.push(MathSpan {
                    // Not `to_string`: on a `CowStr` it goes through `Display` and a formatter.
                    tex: String::from(t.as_ref()),
                    display,
                    offset: body_start + super::math_check::tex_offset(body, range, t),
                });
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("question") =>
            {
                in_question = Some((range.start, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((start, src)) = in_question.take() {
                    note.question_blocks.push(start..range.end);
                    let fence_line = locator.line_of(body_start + start);
                    let indent = block_indent(text, locator.index(), fence_line, &src);
                    inline_question(note, fence_line, indent, &src, diags, questions);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => note.links.push(Link {
                dest: dest_url.into_string(),
                loc: locator
                    .loc(body_start + range.start)
                    .with_len(range.len().min(80)),
            }),
            Event::Start(Tag::Image { dest_url, .. }) => note.images.push(Link {
                dest: dest_url.into_string(),
                loc: locator
                    .loc(body_start + range.start)
                    .with_len(range.len().min(80)),
            }),
            _ => {}
        }
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// How many characters precede a question block's text on its lines in the file: Markdown
/// strips a list item's indentation or a block quote's `> ` before the YAML parser sees it.
/// Measured on the block's first non-blank line, which the file line must end with.
fn block_indent(text: &str, lines: &LineIndex, fence_line: usize, src: &str) -> usize {
    let Some((i, first)) = src.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return 0;
    };
    let Some(file_line) = lines.line(text, fence_line + 1 + i) else {
        return 0;
    };
    if file_line.ends_with(first) {
        file_line.chars().count() - first.chars().count()
    } else {
        0
    }
}

/// A ```question block: one question in the bank's YAML schema, whose topic defaults to the
/// note's.
fn inline_question(
    note: &Note,
    fence_line: usize,
    column_offset: usize,
    src: &str,
    diags: &mut Vec<Diagnostic>,
    questions: &mut Questions,
) {
    let origin = Origin {
        file: note.file.clone(),
        line_offset: fence_line,
        column_offset,
    };
    match yaml::parse(src) {
        Ok(node) => {
            if let Some(q) = parse_question(&node, Some(&note.topic), &origin, diags) {
                questions.push(Box::new(q));
            }
        }
        Err(e) => diags.push(Diagnostic::error(
            "yaml-syntax",
            origin.loc(e.pos),
            format!("question block is not valid YAML: {}", e.message),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        assert_eq!(slug("Change of variables"), "change-of-variables");
        assert_eq!(slug("KL divergence: why?"), "kl-divergence-why");
        assert_eq!(slug("  A -- B "), "a-b");
    }

    #[test]
    fn front_matter_headings_math_and_inline_questions() {
        let text = "---\ntopic: flows\ntitle: Flows\n---\n# Flows {#top}\n\n## Change of variables\n\nInline $p_X(x)$ and\n\n$$\\log p$$\n\n```question\nid: q1\nkind: true-false\nprompt: Is it?\nanswer: true\nwhy: because\n```\n";
        let mut diags = Vec::new();
        let mut qs = Vec::new();
        let n = parse_note(Path::new("notes/f.md"), text, &mut diags, &mut qs);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(n.topic, "flows");
        assert_eq!(n.title.as_deref(), Some("Flows"));
        assert_eq!(n.headings[0].anchor, "top");
        assert_eq!(n.headings[1].anchor, "change-of-variables");
        assert_eq!(n.headings[1].loc.line, 7);
        assert_eq!(n.math.len(), 2);
        assert_eq!(&text[n.math[0].offset..n.math[0].offset + 6], "p_X(x)");
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].topic, "flows");
        assert_eq!(qs[0].line, 14);
    }

    /// Found by fuzzing (`fuzz/`, target `note_markdown`): 20,000 identical headings, which
    /// get anchors `x`, `x-1`, `x-2`, …, made `notes check` run for more than 5 minutes while
    /// each one tried every suffix from 1 against a list of all anchors so far. The anchors are
    /// now a set with the next suffix remembered per base; this pins that.
    #[test]
    fn regression_fuzz_note_identical_headings_took_cubic_time() {
        // 5,000 cost the old code n³/3 ≈ 4·10¹⁰ comparisons and stay quick in a debug build.
        let n = 5_000;
        let text = "# x\n".repeat(n);
        let note = parse_note(
            Path::new("notes/x.md"),
            &text,
            &mut Vec::new(),
            &mut Vec::new(),
        );
        assert_eq!(note.headings.len(), n);
        assert_eq!(note.headings[0].anchor, "x");
        assert_eq!(note.headings[2].anchor, "x-2");
        assert_eq!(note.headings[n - 1].anchor, format!("x-{}", n - 1));
        // A heading whose own text takes a suffix is skipped over, as before.
        let text = "# x\n# x-1\n# x\n";
        let note = parse_note(
            Path::new("notes/x.md"),
            text,
            &mut Vec::new(),
            &mut Vec::new(),
        );
        let anchors: Vec<&str> = note.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["x", "x-1", "x-2"]);
    }

    /// Regression: a question block indented in a list item reported columns two short, and
    /// its Markdown fields were located by block line rather than file line.
    #[test]
    fn indented_question_blocks_are_located_in_the_file() {
        let text = "---\ntopic: t\n---\n# T\n\n- item\n\n  ```question\n  id: q\n  kind: true-false\n  prompt: Is $x$?\n  answer: maybe\n  why: w\n  ```\n";
        let mut diags = Vec::new();
        let mut qs = Vec::new();
        parse_note(Path::new("notes/t.md"), text, &mut diags, &mut qs);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].loc.line, diags[0].loc.column), (12, 11));
        let prompt = qs[0]
            .texts
            .iter()
            .find(|(f, _)| *f == "prompt")
            .map(|(_, p)| *p);
        assert_eq!(prompt.map(|p| (p.line, p.column)), Some((11, 11)));
    }

    /// Regression: front matter closed with YAML's `...` was reported as never closed.
    #[test]
    fn front_matter_may_close_with_dots() {
        let mut diags = Vec::new();
        let n = parse_note(
            Path::new("notes/x.md"),
            "---\ntopic: dots\n...\n# Dots\n",
            &mut diags,
            &mut Vec::new(),
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(n.topic, "dots");
        assert_eq!(n.headings[0].loc.line, 4);
    }

    #[test]
    fn without_front_matter_topic_is_the_stem() {
        let mut d = Vec::new();
        let n = parse_note(
            Path::new("notes/Energy Models.md"),
            "# EBMs\n",
            &mut d,
            &mut Vec::new(),
        );
        assert_eq!(n.topic, "energy-models");
        assert_eq!(n.first_heading.as_deref(), Some("EBMs"));
    }
}
