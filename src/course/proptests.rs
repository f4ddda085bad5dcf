//! Property tests for the course parsers: no input panics, every diagnostic points into its
//! file, and what an author writes is what the model holds.

use std::path::Path;

use proptest::prelude::*;

use super::note::parse_note;
use super::validate::question_file;
use super::{Questions, decode, load};
use crate::diag::Diagnostic;
use crate::drill::grade::parse_number;

/// Every diagnostic lies inside the text it is about: a line that exists (or the one just past
/// the end, where a parser meets end-of-file) and a column at least 1.
fn located_inside(diags: &[Diagnostic], file: &Path, text: &str) -> Result<(), TestCaseError> {
    let lines = text.lines().count().max(1);
    for d in diags.iter().filter(|d| d.loc.file == file) {
        prop_assert!(
            d.loc.line >= 1 && d.loc.line <= lines + 1,
            "{d:?} is outside {lines} lines"
        );
        prop_assert!(d.loc.column >= 1, "{d:?}");
        prop_assert!(!d.message.is_empty(), "{d:?}");
    }
    Ok(())
}

fn check_question_file(text: &str) -> Result<(), TestCaseError> {
    let file = Path::new("questions/q.yaml");
    let mut diags = Vec::new();
    let mut qs: Questions = Vec::new();
    question_file(file, text, &mut diags, &mut qs);
    located_inside(&diags, file, text)
}

fn check_note(text: &str) -> Result<(), TestCaseError> {
    let file = Path::new("notes/n.md");
    let mut diags = Vec::new();
    let mut qs: Questions = Vec::new();
    let note = parse_note(file, text, &mut diags, &mut qs);
    located_inside(&diags, file, text)?;
    for h in &note.headings {
        prop_assert!(h.loc.line <= text.lines().count().max(1), "{h:?}");
    }
    for m in &note.math {
        prop_assert!(
            text.is_char_boundary(m.offset) && m.offset <= text.len(),
            "{m:?}"
        );
    }
    for q in &qs {
        prop_assert_eq!(&q.file, file);
        prop_assert!(q.line >= 1 && q.line <= text.lines().count() + 1, "{q:?}");
    }
    Ok(())
}

/// Characters that mean something to YAML, Markdown or the course format, plus letters.
const YAMLISH: &str = "[a-z0-9 :\\-#&*!|>'\"\\[\\]{},?%@`\\\\\n\t.$~_]{0,300}";

/// Lines that look like a question file: keys of the schema, odd values, odd indentation.
fn yaml_lines() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("topic"),
        Just("questions"),
        Just("- id"),
        Just("id"),
        Just("kind"),
        Just("prompt"),
        Just("answer"),
        Just("why"),
        Just("steps"),
        Just("options"),
        Just("tolerance"),
        Just("tags"),
        Just("see"),
        Just("source"),
        Just("anwser"),
        Just("-"),
        Just("<<"),
    ];
    let value = prop_oneof![
        Just(String::new()),
        Just("true-false".to_string()),
        Just("derivation".to_string()),
        Just("numeric".to_string()),
        Just("choice".to_string()),
        Just("TODO".to_string()),
        Just("|".to_string()),
        Just("[a, b]".to_string()),
        Just("&x 1".to_string()),
        Just("*x".to_string()),
        Just("\"1/25\"".to_string()),
        Just("-4.93e3".to_string()),
        Just(".nan".to_string()),
        Just("flows#change".to_string()),
        "[ -~]{0,20}",
    ];
    let line = (0usize..8, key, value)
        .prop_map(|(indent, k, v)| format!("{}{k}: {v}", " ".repeat(indent)));
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

/// A note: optional front matter, headings, math, links, question blocks, all shuffled.
fn note_text() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        Just("---\ntopic: t\ntitle: T\n---\n".to_string()),
        Just("---\n".to_string()),
        Just("...\n".to_string()),
        Just("# Heading {#anchor}\n".to_string()),
        Just("## Heading\n".to_string()),
        Just("$x$ and $$\\int f$$\n".to_string()),
        Just("[l](t#a) ![i](x.png)\n".to_string()),
        Just("```question\n".to_string()),
        Just("```\n".to_string()),
        Just("  - item\n".to_string()),
        Just("> quote\n".to_string()),
        Just("id: q\nkind: true-false\nprompt: p\nanswer: true\nwhy: w\n".to_string()),
        "[ -~\n]{0,40}",
        "\\PC{0,20}",
    ];
    prop::collection::vec(block, 0..30).prop_map(|b| b.concat())
}

proptest! {
    #[test]
    fn question_files_of_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(text) = decode(bytes) {
            check_question_file(&text)?;
        }
    }

    #[test]
    fn question_files_of_arbitrary_text(text in "\\PC{0,400}") {
        check_question_file(&text)?;
    }

    #[test]
    fn question_files_of_yaml_characters(text in YAMLISH) {
        check_question_file(&text)?;
    }

    #[test]
    fn question_files_of_schema_lines(text in yaml_lines()) {
        check_question_file(&text)?;
        check_question_file(&format!("questions:\n{text}"))?;
    }

    #[test]
    fn notes_of_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(text) = decode(bytes) {
            check_note(&text)?;
        }
    }

    #[test]
    fn notes_of_markdown_pieces(text in note_text()) {
        check_note(&text)?;
    }

    #[test]
    fn front_matter_of_yaml_characters(fm in YAMLISH, closed in any::<bool>()) {
        let close = if closed { "---\n# Body\n" } else { "" };
        check_note(&format!("---\n{fm}\n{close}"))?;
    }

    #[test]
    fn question_blocks_of_schema_lines(yaml in yaml_lines(), indent in 0usize..4) {
        let pad = " ".repeat(indent);
        let block: String = yaml.lines().map(|l| format!("{pad}{l}\n")).collect();
        check_note(&format!("# T\n\n{pad}```question\n{block}{pad}```\n"))?;
    }

    /// Whatever prompt an author writes (as a YAML double-quoted string), the model holds it.
    #[test]
    fn prompts_round_trip(prompt in "[^\\p{Cc}\u{feff}\u{fffe}\u{ffff}]{1,80}") {
        prop_assume!(!prompt.trim().is_empty());
        let quoted = serde_json::to_string(&prompt).expect("a JSON string");
        let text = format!(
            "topic: t\nquestions:\n  - id: q\n    kind: derivation\n    prompt: {quoted}\n    answer: \"x\"\n    steps: [{quoted}]\n    source: {quoted}\n"
        );
        let mut diags = Vec::new();
        let mut qs = Vec::new();
        question_file(Path::new("questions/q.yaml"), &text, &mut diags, &mut qs);
        prop_assert!(diags.is_empty(), "{diags:?}");
        prop_assert_eq!(&qs[0].prompt, &prompt);
        prop_assert_eq!(&qs[0].steps, &vec![prompt.clone()]);
        prop_assert_eq!(qs[0].source.as_deref(), Some(prompt.as_str()));
    }

    /// Any finite number written plainly reads back as itself, from YAML and from text.
    #[test]
    fn numbers_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        prop_assert_eq!(parse_number(&x.to_string()).ok(), Some(x));
        prop_assert_eq!(parse_number(&format!("{x:e}")).ok(), Some(x));
        let text = format!(
            "topic: t\nquestions:\n  - id: q\n    kind: numeric\n    prompt: p\n    answer: {x:e}\n"
        );
        let mut diags = Vec::new();
        let mut qs = Vec::new();
        question_file(Path::new("questions/q.yaml"), &text, &mut diags, &mut qs);
        prop_assert!(diags.is_empty(), "{diags:?}");
        match &qs[0].answer {
            super::Answer::Number { value, text } => {
                prop_assert_eq!(*value, x);
                prop_assert_eq!(text, &format!("{x:e}"));
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The whole loader, on a course of one arbitrary note and one arbitrary question file:
    /// never an `Err` (the folder is a course), never a panic, diagnostics sorted and inside.
    #[test]
    fn whole_course_of_arbitrary_files(note in note_text(), bank in yaml_lines()) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("notes")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("questions")).expect("mkdir");
        std::fs::write(dir.path().join("notes/n.md"), &note).expect("write");
        let bank = format!("questions:\n{bank}");
        std::fs::write(dir.path().join("questions/q.yaml"), &bank).expect("write");
        let (course, diags) = load(dir.path()).expect("a course");
        located_inside(&diags, Path::new("notes/n.md"), &note)?;
        located_inside(&diags, Path::new("questions/q.yaml"), &bank)?;
        let keys: Vec<_> = diags.iter().map(|d| (&d.loc.file, d.loc.line, d.loc.column)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);
        prop_assert!(course.questions.iter().all(|q| !q.broken));
        // Every listed question's topic exists, and ids are unique.
        let mut ids: Vec<&str> = course.questions.iter().map(|q| q.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        prop_assert_eq!(ids.len(), n);
        for q in &course.questions {
            prop_assert!(course.topic(&q.topic).is_some(), "{q:?}");
        }
    }
}
