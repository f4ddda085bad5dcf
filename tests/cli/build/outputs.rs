//! What gets written where: --html, --pdf, --out, --answers, --topic, settings, images.

use std::process::Command;

use crate::support::names;

use super::{build, fixture, html_of, notes, pdf_text, stderr, stdout, tool};

#[test]
fn html_only_and_pdf_only_write_only_that_atomically() {
    let course = fixture();
    let out = build(course.path(), &["--html"]);
    let build_dir = course.path().join("build");
    assert_eq!(names(&build_dir), vec!["revision.html"]);
    assert!(
        stdout(&out).starts_with("wrote build/revision.html ("),
        "{}",
        stdout(&out)
    );
    if !cfg!(feature = "pdf") {
        return;
    }
    std::fs::remove_dir_all(&build_dir).expect("clean");
    let out = build(course.path(), &["--pdf"]);
    assert_eq!(names(&build_dir), vec!["revision.pdf"]);
    assert!(stdout(&out).contains("page"), "{}", stdout(&out));
    // Both, twice: the second build replaces the first, and no temporary file is left.
    build(course.path(), &[]);
    build(course.path(), &[]);
    assert_eq!(names(&build_dir), vec!["revision.html", "revision.pdf"]);
}

#[test]
fn out_folder_is_relative_to_the_current_folder() {
    let course = fixture();
    build(course.path(), &["--html", "--out", "sheets/v1"]);
    assert_eq!(
        names(&course.path().join("sheets/v1")),
        vec!["revision.html"]
    );
    assert!(!course.path().join("build").exists());
}

#[test]
fn answers_inline_instead_of_hidden_or_in_a_key() {
    let course = fixture();
    build(course.path(), &["--html"]);
    let hidden = html_of(course.path());
    assert_eq!(hidden.matches("<details>").count(), 5);
    build(course.path(), &["--answers"]);
    let inline = html_of(course.path());
    assert!(!inline.contains("<details>"));
    assert_eq!(inline.matches("class=\"answer\"").count(), 5);
    if !cfg!(feature = "pdf") {
        return;
    }
    let text = pdf_text(&course.path().join("build/revision.pdf"));
    assert!(
        !text.contains("Answers"),
        "no answer key with --answers:\n{text}"
    );
    assert!(text.contains("Answer True"), "{text}");
}

#[test]
fn topic_selection_leaves_other_topics_out_and_their_links_as_text() {
    let course = fixture();
    build(course.path(), &["--html", "--topic", "beta"]);
    let html = html_of(course.path());
    assert!(html.contains("Beta decay"));
    assert!(!html.contains("Alpha waves"));
    assert!(!html.contains("href=\"#alpha--cov\""));
    assert!(html.contains("alpha's change of variables"));
    let out = notes(course.path(), &["build", "--topic", "gamma"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no topic `gamma`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn paper_columns_and_orientation_come_from_the_course_settings() {
    let course = fixture();
    let settings = course.path().join("notes/course.yaml");
    let text = std::fs::read_to_string(&settings).expect("read")
        + "sheet:\n  paper: letter\n  columns: 2\n  landscape: false\n";
    std::fs::write(&settings, text).expect("write");
    build(course.path(), &[]);
    let html = html_of(course.path());
    assert!(html.contains("size: letter portrait;"), "no letter @page");
    assert!(html.contains("column-count: 2;"), "not two printed columns");
    if cfg!(feature = "pdf") {
        let out = Command::new(tool("pdfinfo"))
            .arg(course.path().join("build/revision.pdf"))
            .output()
            .expect("run pdfinfo");
        assert!(
            stdout(&out).contains("612 x 792 pts (letter)"),
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn a_missing_image_is_left_out_with_a_warning() {
    let course = fixture();
    let note = course.path().join("notes/beta.md");
    let text = std::fs::read_to_string(&note).expect("read") + "\n![gone](img/gone.png)\n";
    std::fs::write(&note, text).expect("write");
    let out = build(course.path(), &[]);
    let err = stderr(&out);
    assert!(err.contains("warning[missing-image]"), "{err}");
    assert!(err.contains("--> notes/beta.md:14:1"), "{err}");
    assert!(!html_of(course.path()).contains("alt=\"gone\""));
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_the_pdf_feature_is_a_clear_error() {
    let course = fixture();
    let out = notes(course.path(), &["build", "--pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("without the PDF engine"),
        "{}",
        stderr(&out)
    );
    let out = build(course.path(), &[]);
    assert!(stdout(&out).contains("no PDF"), "{}", stdout(&out));
    assert_eq!(names(&course.path().join("build")), vec!["revision.html"]);
}
