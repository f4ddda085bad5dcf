//! What authors read: the human output of `notes check` and the one-sentence errors around the
//! edges, as reviewed snapshots (`tests/cli/snapshots/`). Colours are off: the binary colours
//! only a terminal, and `NO_COLOR` is set besides. Temp paths are redacted to `[ROOT]`.

use crate::support::{Course, notes};

/// `notes check` on a fixture, stdout and exit code, ready to snapshot.
fn check_output(fixture: &str) -> String {
    let course = Course::fixture(&format!("check/{fixture}"));
    let run = course.run(&["check"]);
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    format!(
        "exit: {}\n{}",
        run.code.map_or("none".into(), |c| c.to_string()),
        course.redact(&run.stdout)
    )
}

#[test]
fn check_human_clean() {
    insta::assert_snapshot!("check_clean", check_output("clean"));
}

#[test]
fn check_human_duplicate_ids_name_both_places() {
    insta::assert_snapshot!("check_id_duplicated", check_output("id-duplicated"));
}

#[test]
fn check_human_did_you_mean() {
    insta::assert_snapshot!("check_unknown_field", check_output("unknown-field"));
}

#[test]
fn check_human_inline_questions_and_warnings() {
    insta::assert_snapshot!(
        "check_inline_question_error",
        check_output("inline-question-error")
    );
}

#[test]
fn check_human_warnings_only() {
    insta::assert_snapshot!(
        "check_topic_without_questions",
        check_output("topic-without-questions")
    );
}

#[test]
fn check_human_images_and_placeholders() {
    insta::assert_snapshot!("check_missing_image", check_output("missing-image"));
    insta::assert_snapshot!(
        "check_missing_answer_placeholder",
        check_output("missing-answer-placeholder")
    );
}

#[test]
fn check_human_math() {
    insta::assert_snapshot!("check_math", check_output("math"));
}

#[test]
fn check_human_not_utf8() {
    insta::assert_snapshot!("check_not_utf8", check_output("not-utf8"));
}

/// The messages that end a run with exit 2, one sentence each.
#[test]
fn errors_around_the_edges() {
    let mut out = String::new();
    let mut record = |what: &str, course: &Course, run: crate::support::Run| {
        assert_eq!(run.code, Some(2), "{what}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{what}: stdout {}", run.stdout);
        out.push_str(&format!("{what}:\n{}\n", course.redact(&run.stderr)));
    };

    let empty = Course::empty();
    let run = notes(&["check"], empty.root());
    record("no course found", &empty, run);

    let run = notes(&["list", "--root", "elsewhere"], empty.root());
    record("--root names no folder", &empty, run);

    let not_course = Course::with_files(&[("README.md", "# not a course\n")]);
    let run = not_course.run(&["check"]);
    record("--root is not a course", &not_course, run);

    let empty_course = Course::with_files(&[("notes/README.txt", "no markdown here\n")]);
    let run = empty_course.run(&["check"]);
    record("empty course", &empty_course, run);

    let course = Course::fixture("check/clean");
    let run = course.run(&["list", "--topic", "flwos"]);
    record("--topic with a typo", &course, run);
    let run = course.run(&["list", "--topic", "diffusion"]);
    record("--topic naming nothing", &course, run);

    insta::assert_snapshot!("errors_around_the_edges", out);
}

/// Colours: never on a pipe by default, never with `--color never`, always with `--color
/// always` (even with `NO_COLOR`, which only governs the automatic choice).
#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let course = Course::fixture("check/unknown-kind");
    let plain = course.run(&["check"]);
    assert!(!plain.stdout.contains('\x1b'), "{}", plain.stdout);
    let never = course.run(&["check", "--color", "never"]);
    assert_eq!(never.stdout, plain.stdout);
    let always = course.run(&["check", "--color", "always"]);
    assert!(
        always
            .stdout
            .contains("\x1b[1;31merror[unknown-kind]\x1b[0m"),
        "{}",
        always.stdout
    );
    let stripped = strip_ansi(&always.stdout);
    assert_eq!(stripped, plain.stdout);
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
