//! A progress database that is damaged, is not a database at all, or was written by a newer
//! `notes`: `quiz` and `stats` refuse it with a message that names the file, `build` makes the
//! sheet without its weak spots and says why, and none of them changes the file — not a byte,
//! not its modification time — or leaves anything beside it.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use crate::support::names;
use crate::support::{Course, Run, command, finish};

const NOW: &str = "2026-11-25T09:00:00Z";

/// The quiz fixture with a progress database at the default place, holding one answer.
fn course_with_progress() -> (Course, PathBuf) {
    use notes::drill::{Rating, Scheduler};
    use notes::store::{Mode, NewReview, Store};
    let course = Course::fixture("quiz");
    let db = course.root().join(".notes/progress.db");
    let mut store = Store::open(&db).expect("create the database");
    let at: jiff::Timestamp = "2026-11-20T09:00:00Z".parse().expect("a time");
    let state = Scheduler::new(0.9)
        .expect("a retention")
        .review(None, Rating::Good, at);
    let review = NewReview {
        question_id: "alpha-tf".into(),
        reviewed_at: at,
        rating: Rating::Good,
        answer: Some("t".into()),
        correct: Some(true),
        duration_ms: 1000,
        mode: Mode::Drill,
    };
    store.record(&review, Some(&state)).expect("record");
    (course, db)
}

/// What a run must not change: the bytes, the modification time, the folder's other files.
#[derive(Debug, PartialEq)]
struct Untouched {
    bytes: Vec<u8>,
    modified: SystemTime,
    folder: Vec<String>,
}

impl Untouched {
    /// Sets the file's time back a day first: a write now, even within the same second as the
    /// setup, shows as a different time.
    fn record(db: &Path) -> Untouched {
        let a_day_ago = std::fs::metadata(db)
            .and_then(|m| m.modified())
            .expect("stat the database")
            - Duration::from_secs(86_400);
        std::fs::File::options()
            .write(true)
            .open(db)
            .and_then(|f| f.set_modified(a_day_ago))
            .expect("set the database's time");
        Untouched::now(db)
    }

    fn now(db: &Path) -> Untouched {
        Untouched {
            bytes: std::fs::read(db).expect("read the database"),
            modified: std::fs::metadata(db)
                .and_then(|m| m.modified())
                .expect("stat the database"),
            folder: names(db.parent().expect("a folder")),
        }
    }
}

fn notes(course: &Course, args: &[&str]) -> Run {
    finish(
        command(course.root())
            .args(args)
            .arg("--root")
            .arg(course.root())
            .env_remove("NOTES_DB")
            .env("NOTES_NOW", NOW)
            .stdin(Stdio::null())
            .output()
            .expect("run the notes binary"),
    )
}

/// Quiz and stats stop with `first_line`; build writes the sheet without weak spots and warns
/// with the same words; the database is as it was after each.
fn refused_and_untouched(course: &Course, db: &Path, first_line: &str) {
    let before = Untouched::record(db);
    for command in ["quiz", "stats"] {
        let run = notes(course, &[command]);
        run.expect_code(2);
        assert_eq!(
            run.stdout, "",
            "`notes {command}` printed nothing but the error"
        );
        assert!(
            run.stderr.starts_with(&format!("error: {first_line}\n")),
            "`notes {command}`:\n{}",
            run.stderr
        );
        assert!(
            Untouched::now(db) == before,
            "`notes {command}` changed {db:?}"
        );
    }
    let run = notes(course, &["build", "--html"]);
    run.expect_code(0);
    assert!(
        run.stderr.starts_with(&format!(
            "warning: the sheet has no weak spots: {first_line}"
        )),
        "{}",
        run.stderr
    );
    let html = std::fs::read_to_string(course.root().join("build/revision.html"))
        .expect("the sheet was written");
    assert!(!html.contains("id=\"weak-spots\""));
    assert!(Untouched::now(db) == before, "`notes build` changed {db:?}");
}

#[test]
fn a_damaged_progress_database_is_refused_and_left_untouched() {
    let (course, db) = course_with_progress();
    // The 100-byte header stays; the rest of page 1, the schema table, is scribbled over.
    let mut bytes = std::fs::read(&db).expect("read the database");
    bytes[100..4096].fill(0xA5);
    std::fs::write(&db, &bytes).expect("damage the database");
    let corrupt = format!(
        "{} is not a usable progress database: it is corrupt or not an SQLite file (left \
         untouched; move it away to start afresh)",
        db.display()
    );
    refused_and_untouched(&course, &db, &corrupt);

    // Not an SQLite file at all: some other file saved under that name.
    std::fs::write(&db, "reviews:\n  - alpha-tf: good\n".repeat(200)).expect("write");
    refused_and_untouched(&course, &db, &corrupt);
}

#[test]
fn a_progress_database_from_a_newer_notes_is_refused_and_left_untouched() {
    let (course, db) = course_with_progress();
    let conn = rusqlite::Connection::open(&db).expect("open the database");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("read the schema version");
    conn.pragma_update(None, "user_version", version + 1)
        .expect("set a newer schema version");
    drop(conn);
    let newer = format!(
        "{} was written by a newer notes (schema version {}; this notes knows up to {version}): \
         upgrade notes to use it",
        db.display(),
        version + 1
    );
    refused_and_untouched(&course, &db, &newer);
}
