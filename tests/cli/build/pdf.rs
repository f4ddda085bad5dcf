//! The PDF (feature `pdf`): its text, its image, and its page count against the printed HTML.

use std::process::Command;

use super::{build, fixture, pdf_pages, pdf_text, shipped, stderr, stdout, tool};

#[test]
fn pdf_has_every_topic_and_question() {
    let course = fixture();
    let out = build(course.path(), &["--pdf"]);
    assert!(stdout(&out).contains("revision.pdf ("), "{}", stdout(&out));
    // The sheet on one page, the answer key on the next.
    assert!(stdout(&out).contains("2 pages)"), "{}", stdout(&out));
    let text = pdf_text(&course.path().join("build/revision.pdf"));
    let (loaded, _) = notes::course::load(course.path()).expect("the fixture loads");
    for t in &loaded.topics {
        assert!(
            text.contains(&t.title),
            "no topic `{}` in the PDF:\n{text}",
            t.title
        );
    }
    assert_eq!(loaded.questions.len(), 5);
    for q in &loaded.questions {
        let words: Vec<&str> = q
            .prompt
            .split_whitespace()
            .take_while(|w| !w.contains(['$', '*', '_', '`']))
            .take(3)
            .collect();
        assert!(!words.is_empty(), "{} starts with markup", q.id);
        let start = words.join(" ");
        assert!(
            text.contains(&start),
            "no prompt `{start}…` in the PDF:\n{text}"
        );
    }
    // Text with Typst's special characters comes through as text (piece by piece: where the
    // lines break depends on the fonts).
    for piece in [
        "costs $5,",
        "#tag,",
        "@ref_x,",
        "<kbd>,",
        "[br],",
        "~,",
        "a * b,",
        "_c_,",
        "= and + and / and //",
        "code # $.",
    ] {
        assert!(text.contains(piece), "no `{piece}` in the PDF:\n{text}");
    }
    // Answers in a key at the end, notes and question blocks kept apart.
    assert!(text.contains("Answers"), "{text}");
    assert!(
        text.contains("Q1 True — The sheet leaves question blocks out of the prose."),
        "{text}"
    );
    assert!(
        !text.contains("id: alpha-inline"),
        "a question block leaked into the prose"
    );
    let bytes = std::fs::read(course.path().join("build/revision.pdf")).expect("read the PDF");
    assert!(
        bytes.windows(14).any(|w| w == b"/Subtype/Image"),
        "the note's image is not in the PDF"
    );
    assert!(
        text.contains("The footnote, with"),
        "the footnote is missing"
    );
}

/// The printed HTML and the Typst PDF of the shipped course are the same cheat sheet: their
/// page counts are close (within a factor 1.5, or 2 pages).
#[test]
fn printed_html_has_about_as_many_pages_as_the_pdf() {
    let chromium = tool("chromium");
    let course = shipped();
    build(course.path(), &[]);
    let typst_pages = pdf_pages(&course.path().join("build/revision.pdf"));
    let profile = tempfile::tempdir().expect("a temp dir");
    let printed = course.path().join("printed.pdf");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", printed.display()))
        .arg(course.path().join("build/revision.html"))
        .output()
        .expect("run chromium");
    assert!(
        printed.is_file(),
        "chromium printed nothing: {}",
        stderr(&out)
    );
    let html_pages = pdf_pages(&printed);
    let (few, many) = (typst_pages.min(html_pages), typst_pages.max(html_pages));
    assert!(
        many <= few + 2 || many as f64 <= few as f64 * 1.5,
        "Typst {typst_pages} pages, printed HTML {html_pages} pages"
    );
}
