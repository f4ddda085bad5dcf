//! The HTML page: snapshot, well-formedness, no raw TeX, unique anchors.

use super::{build, fixture, html_of};

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
