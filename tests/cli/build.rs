//! `notes build`: the revision sheet, through the real binary, on the fixture course
//! `tests/fixtures/build/course` (two topics, every Markdown construct the sheet renders, one
//! question of each kind) and on the shipped course. Checks that need Chromium or poppler fail
//! with a hint when the tool is missing: `bash tests/run.sh` installs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-11-25T09:00:00Z";

/// The repository root (the shipped course).
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder in the temp dir");
    for entry in std::fs::read_dir(from).expect("read a fixture folder") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

/// The fixture course, copied into a temp dir (the guard keeps it alive).
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_dir(&repo().join("tests/fixtures/build/course"), dir.path());
    dir
}

/// The shipped course's notes and questions, copied (its templates are the built-in ones).
fn shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for part in ["notes", "questions"] {
        copy_dir(&repo().join(part), &dir.path().join(part));
    }
    dir
}

fn notes(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_notes"))
        .args(args)
        .current_dir(root)
        .env("NOTES_ROOT", root)
        .env("NOTES_NOW", NOW)
        .env("NO_COLOR", "1")
        .env_remove("NOTES_DB")
        .output()
        .expect("run notes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `notes build ARGS` and expects success.
fn build(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = notes(root, &all);
    assert!(
        out.status.success(),
        "notes {all:?} failed: {}\n{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// A program the test needs; a missing one fails the test with the way to get it.
fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("`{name}` is not installed: run `bash tests/run.sh`, which installs Chromium and poppler-utils")
    })
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new(tool("pdftotext"))
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext: {}", stderr(&out));
    // One space between words; a word broken at a line's end by its own hyphen stays joined.
    stdout(&out)
        .replace("-\n", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new(tool("pdfinfo"))
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    stdout(&out)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count from pdfinfo: {}", stdout(&out)))
}

fn html_of(root: &Path) -> String {
    std::fs::read_to_string(root.join("build/revision.html")).expect("the HTML was written")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the build folder exists")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn html_snapshot_of_the_fixture_course() {
    let course = fixture();
    build(course.path(), &["--html"]);
    let html = html_of(course.path());
    let mut settings = insta::Settings::clone_current();
    // The math module's stylesheet and font and its MathML are its own business (and snapshot
    // tests): here a formula shows as its TeX.
    settings.add_filter(
        r#"(?s)<style id="math-css">.*?</style>"#,
        r#"<style id="math-css">[math stylesheet and font]</style>"#,
    );
    // The stylesheet is a template of its own; its print settings are checked elsewhere.
    settings.add_filter(
        r#"(?s)<style id="sheet-css">.*?</style>"#,
        r#"<style id="sheet-css">[templates/sheet.css]</style>"#,
    );
    settings.add_filter(
        r#"(?s)<math[^>]*?display="(\w+)"[^>]*>.*?<annotation encoding="application/x-tex">(.*?)</annotation>.*?</math>"#,
        r#"<math display="$1">$2</math>"#,
    );
    settings.add_filter(r"notes \d+\.\d+\.\d+", "notes [version]");
    settings.bind(|| insta::assert_snapshot!("fixture_html", html));
}

#[test]
fn html_is_well_formed_and_has_no_raw_tex() {
    let course = fixture();
    build(course.path(), &["--html"]);
    let html = html_of(course.path());
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("the page is not well-formed XML: {e}"));
    let verbatim = ["annotation", "code", "pre", "style"];
    let mut checked = 0;
    for node in doc.descendants().filter(|n| n.is_text()) {
        if node
            .ancestors()
            .any(|a| verbatim.contains(&a.tag_name().name()))
        {
            continue;
        }
        let text = node.text().unwrap_or_default();
        checked += 1;
        assert!(
            text.matches('$').count() < 2,
            "raw $…$ in the page's text: {text:?}"
        );
        let command = text.char_indices().any(|(i, c)| {
            c == '\\' && text[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic())
        });
        assert!(!command, "a LaTeX command in the page's text: {text:?}");
    }
    assert!(
        checked > 50,
        "only {checked} text nodes: is this the sheet?"
    );
    // Every formula became MathML; none is left as TeX.
    let formulas = doc.descendants().filter(|n| n.has_tag_name("math")).count();
    assert!(formulas > 10, "only {formulas} formulas");
    assert!(
        !html.contains("class=\"tex\""),
        "a formula fell back to TeX"
    );
    // Self-contained: nothing from the network, no script.
    assert!(!html.contains("<script"));
    assert!(!html.contains("src=\"http"), "an external resource");
    assert!(!html.contains("url(http"), "an external resource in CSS");
    assert!(
        html.contains("src=\"data:image/png;base64,"),
        "the image is embedded"
    );
    assert!(html.contains("@font-face"), "the math font is declared");
    // Print: the paper and columns of the course settings (defaults: A4 landscape, 3).
    assert!(html.contains("size: A4 landscape;"), "no @page size");
    assert!(html.contains("column-count: 3;"), "no printed columns");
    assert!(html.contains("@media print"));
    assert!(html.contains("prefers-color-scheme: dark"), "no dark theme");
}

#[test]
fn anchors_are_unique_and_course_links_land_on_them() {
    let course = fixture();
    build(course.path(), &["--html"]);
    let html = html_of(course.path());
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("well-formed");
    let ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in {ids:?}");
    // Both topics have a `## Summary`: each keeps its own anchor.
    for id in [
        "alpha",
        "beta",
        "alpha--cov",
        "alpha--summary",
        "beta--summary",
    ] {
        assert!(ids.contains(&id), "no #{id} in {ids:?}");
    }
    for link in doc.descendants().filter_map(|n| n.attribute("href")) {
        if let Some(target) = link.strip_prefix('#') {
            assert!(ids.contains(&target), "link to a missing anchor #{target}");
        }
    }
    assert!(
        html.contains("href=\"#beta--summary\""),
        "beta#summary became an in-sheet link"
    );
    assert!(
        html.contains("href=\"#alpha--cov\""),
        "#cov became an in-sheet link"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_has_every_topic_and_question() {
    let course = fixture();
    let out = build(course.path(), &["--pdf"]);
    assert!(stdout(&out).contains("revision.pdf ("), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 page)"), "{}", stdout(&out));
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
    // Text with Typst's special characters comes through as text.
    assert!(
        text.contains("costs $5, #tag, @ref_x, <kbd>, [br], ~, a * b, _c_, = and + and / and // and -- and code # $."),
        "{text}"
    );
    // Answers in a key at the end, notes and question blocks kept apart.
    assert!(text.contains("Answers Q1 True"), "{text}");
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

#[test]
fn html_only_and_pdf_only_write_only_that_atomically() {
    let course = fixture();
    let out = build(course.path(), &["--html"]);
    let build_dir = course.path().join("build");
    assert_eq!(files_in(&build_dir), vec!["revision.html"]);
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
    assert_eq!(files_in(&build_dir), vec!["revision.pdf"]);
    assert!(stdout(&out).contains("page"), "{}", stdout(&out));
    // Both, twice: the second build replaces the first, and no temporary file is left.
    build(course.path(), &[]);
    build(course.path(), &[]);
    assert_eq!(files_in(&build_dir), vec!["revision.html", "revision.pdf"]);
}

#[test]
fn out_folder_is_relative_to_the_current_folder() {
    let course = fixture();
    build(course.path(), &["--html", "--out", "sheets/v1"]);
    assert_eq!(
        files_in(&course.path().join("sheets/v1")),
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
        !text.contains("Answers Q1"),
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

/// Writes reviews to a progress database with the library's own store and scheduler.
fn progress_db(path: &Path) {
    use notes::drill::{Rating, Scheduler};
    use notes::store::{Mode, NewReview, Store};
    let sched = Scheduler::new(0.9).expect("a valid retention");
    let mut store = Store::open(path).expect("create the database");
    let reviews = [
        ("alpha-log-det", "2026-11-01T09:00:00Z", Rating::Good),
        ("alpha-log-det", "2026-11-03T09:00:00Z", Rating::Again),
        ("alpha-volume", "2026-11-20T09:00:00Z", Rating::Easy),
        ("beta-electron", "2026-10-01T09:00:00Z", Rating::Hard),
    ];
    for (id, at, rating) in reviews {
        let at: jiff::Timestamp = at.parse().expect("a valid time");
        let prev = store.card(id).expect("read a card");
        let state = sched.review(prev.as_ref(), rating, at);
        let review = NewReview {
            question_id: id.into(),
            reviewed_at: at,
            rating,
            answer: None,
            correct: None,
            duration_ms: 1000,
            mode: Mode::Drill,
        };
        store
            .record(&review, Some(&state))
            .expect("record a review");
    }
}

#[test]
fn weak_spots_with_a_database_and_none_without() {
    let course = fixture();
    build(course.path(), &[]);
    assert!(!html_of(course.path()).contains("id=\"weak-spots\""));
    if cfg!(feature = "pdf") {
        let text = pdf_text(&course.path().join("build/revision.pdf"));
        assert!(!text.contains("Weak spots"));
    }

    progress_db(&course.path().join(".notes/progress.db"));
    build(course.path(), &[]);
    let html = html_of(course.path());
    let weak = html
        .split("id=\"weak-spots\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("a weak-spots section");
    // The three reviewed questions, the least likely recalled first, each with its answer,
    // and the chart with one bar per topic.
    let order: Vec<usize> = ["Q5", "Q2", "Q3"]
        .iter()
        .map(|q| {
            weak.find(&format!(">{q}<"))
                .unwrap_or_else(|| panic!("no {q} in {weak}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "order {order:?} in {weak}"
    );
    assert!(
        !weak.contains(">Q1<") && !weak.contains(">Q4<"),
        "new questions are not weak spots"
    );
    assert_eq!(weak.matches("class=\"answer\"").count(), 3);
    assert!(weak.contains("1 lapse"), "{weak}");
    assert_eq!(weak.matches("class=\"bar\"").count(), 2);
    if cfg!(feature = "pdf") {
        let text = pdf_text(&course.path().join("build/revision.pdf"));
        assert!(text.contains("Weak spots"), "{text}");
        assert!(text.contains("Predicted recall now"), "{text}");
    }

    // --db points elsewhere: no database there, no weak spots, and a note says so.
    let out = build(course.path(), &["--html", "--db", "elsewhere.db"]);
    assert!(!html_of(course.path()).contains("id=\"weak-spots\""));
    assert!(
        stderr(&out).contains("no progress database at elsewhere.db"),
        "{}",
        stderr(&out)
    );
    // A database that cannot be read costs the weak spots, not the sheet.
    std::fs::write(course.path().join("broken.db"), b"not a database").expect("write");
    let out = build(course.path(), &["--html", "--db", "broken.db"]);
    assert!(!html_of(course.path()).contains("id=\"weak-spots\""));
    assert!(
        stderr(&out).contains("warning: the progress database broken.db cannot be read"),
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
fn a_course_template_replaces_the_built_in_one() {
    let course = fixture();
    let templates = course.path().join("templates");
    std::fs::create_dir_all(&templates).expect("a templates folder");
    std::fs::write(
        templates.join("sheet.html"),
        "<html><body><h1>{{ title }}</h1>{% for t in topics %}<p>custom {{ t.title }}</p>{% endfor %}</body></html>\n",
    )
    .expect("write a template");
    let typ = include_str!("../../templates/sheet.typ").replace("[Self-test]", "[Check yourself]");
    std::fs::write(templates.join("sheet.typ"), typ).expect("write a template");
    build(course.path(), &[]);
    let html = html_of(course.path());
    assert_eq!(
        html,
        "<html><body><h1>Fixture course</h1><p>custom Alpha waves</p><p>custom Beta decay</p></body></html>\n"
    );
    if cfg!(feature = "pdf") {
        let text = pdf_text(&course.path().join("build/revision.pdf"));
        assert!(text.contains("Check yourself"), "{text}");
        assert!(!text.contains("Self-test"), "{text}");
    }
}

/// Exit status 1 for a template error, located in the course's template, rustc-style; the
/// other output is still written.
#[test]
fn broken_templates_are_located_errors() {
    let course = fixture();
    let templates = course.path().join("templates");
    std::fs::create_dir_all(&templates).expect("a templates folder");
    std::fs::write(
        templates.join("sheet.html"),
        "<html>\n<body>\n  {% if title %}{{ title }\n</body></html>\n",
    )
    .expect("write a template");
    let out = notes(course.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error[template]"), "{err}");
    assert!(err.contains("--> templates/sheet.html:3:"), "{err}");
    assert!(err.contains("3 |   {% if title %}{{ title }"), "{err}");
    assert!(!course.path().join("build/revision.html").exists());
    assert!(!err.contains("panicked"), "{err}");
    if !cfg!(feature = "pdf") {
        return;
    }
    assert!(course.path().join("build/revision.pdf").exists());

    std::fs::remove_file(templates.join("sheet.html")).expect("remove");
    let typ = include_str!("../../templates/sheet.typ")
        .replace("#let rule() = line(", "#let rule() = nope(\n  ");
    std::fs::write(templates.join("sheet.typ"), typ).expect("write a template");
    // The fixture has no `---` rule: add one so that the broken function is called.
    let note = course.path().join("notes/beta.md");
    let text = std::fs::read_to_string(&note).expect("read") + "\n---\n\nAfter the rule.\n";
    std::fs::write(&note, text).expect("write");
    let out = notes(course.path(), &["build", "--pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error[typst]"), "{err}");
    assert!(err.contains("unknown variable: nope"), "{err}");
    assert!(err.contains("--> templates/sheet.typ:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
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

/// The printed HTML and the Typst PDF of the shipped course are the same cheat sheet: their
/// page counts are close (within a factor 1.5, or 2 pages).
#[cfg(feature = "pdf")]
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
    assert_eq!(
        files_in(&course.path().join("build")),
        vec!["revision.html"]
    );
}
