//! A course's templates: overrides, and located errors in broken ones.

use super::{build, fixture, html_of, notes, pdf_text, stderr};

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
    let typ =
        include_str!("../../../templates/sheet.typ").replace("[Self-test]", "[Check yourself]");
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
    let typ = include_str!("../../../templates/sheet.typ")
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
