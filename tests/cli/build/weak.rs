//! Weak spots: present with a progress database, absent without.

use std::path::Path;

use super::{build, fixture, html_of, pdf_text, stderr};

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
        stderr(&out).contains(
            "warning: the sheet has no weak spots: broken.db is not a usable progress database"
        ),
        "{}",
        stderr(&out)
    );
}
