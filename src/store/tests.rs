//! Store tests on real files in temporary folders.
#![allow(clippy::unwrap_used, reason = "tests: a panic is a failure")]

use std::sync::{Arc, Barrier};

use jiff::SignedDuration;
use tempfile::TempDir;

use super::*;

fn t0() -> Timestamp {
    "2024-03-01T09:00:00Z".parse().unwrap()
}

fn sched() -> Scheduler {
    Scheduler::new(0.9).unwrap()
}

fn review(question_id: &str, at: Timestamp, rating: Rating, mode: Mode) -> NewReview {
    NewReview {
        question_id: question_id.to_owned(),
        reviewed_at: at,
        rating,
        answer: Some("1/25".to_owned()),
        correct: Some(rating != Rating::Again),
        duration_ms: 4200,
        mode,
    }
}

/// Answers like the quiz will: schedule from the stored card, then record both.
fn answer(
    store: &mut Store,
    s: &Scheduler,
    question_id: &str,
    at: Timestamp,
    rating: Rating,
) -> i64 {
    let prev = store.card(question_id).unwrap();
    let next = s.review(prev.as_ref(), rating, at);
    store
        .record(&review(question_id, at, rating, Mode::Drill), Some(&next))
        .unwrap()
}

fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("course/.notes/progress.db");
    (dir, path)
}

#[test]
fn open_creates_folders_and_uses_wal_with_full_sync() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    let mode: String = store
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let sync: i64 = store
        .conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let version: i64 = store
        .conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, version), ("wal", 2, 1));
    drop(store);
    // Reopening an up-to-date database changes nothing.
    assert!(Store::open(&path).is_ok());
}

#[test]
fn open_existing_is_none_without_a_file_and_creates_nothing() {
    let (dir, path) = temp_db();
    assert!(Store::open_existing(&path).unwrap().is_none());
    assert!(!dir.path().join("course").exists());
    Store::open(&path).unwrap();
    assert!(Store::open_existing(&path).unwrap().is_some());
}

#[test]
fn round_trip_of_reviews_and_cards() {
    let (_dir, path) = temp_db();
    let s = sched();
    let mut store = Store::open(&path).unwrap();
    let first = review("flows-jacobian", t0(), Rating::Good, Mode::Drill);
    let state = s.review(None, Rating::Good, t0());
    let id = store.record(&first, Some(&state)).unwrap();
    let later = t0() + SignedDuration::from_hours(30);
    let self_graded = NewReview {
        answer: None,
        correct: None,
        ..review("vae-elbo", later, Rating::Hard, Mode::Exam)
    };
    let elbo = s.review(None, Rating::Hard, later);
    let id2 = store.record(&self_graded, Some(&elbo)).unwrap();
    assert!(id2 > id);
    drop(store);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.card("flows-jacobian").unwrap(), Some(state.clone()));
    assert_eq!(store.card("unknown").unwrap(), None);
    let cards = store.cards().unwrap();
    assert_eq!(cards.len(), 2);
    assert_eq!(cards["vae-elbo"], elbo);

    let rows = store.reviews(None).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        ReviewRow {
            id,
            question_id: "flows-jacobian".to_owned(),
            reviewed_at: t0(),
            rating: Rating::Good,
            answer: Some("1/25".to_owned()),
            correct: Some(true),
            duration_ms: 4200,
            mode: Mode::Drill,
        }
    );
    assert_eq!((rows[1].answer.as_deref(), rows[1].correct), (None, None));
    assert_eq!(rows[1].mode, Mode::Exam);
    let since = store
        .reviews(Some(t0() + SignedDuration::from_hours(1)))
        .unwrap();
    assert_eq!(since.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id2]);
}

#[test]
fn cram_reviews_are_logged_but_leave_the_card_alone() {
    let (_dir, path) = temp_db();
    let s = sched();
    let mut store = Store::open(&path).unwrap();
    answer(&mut store, &s, "q", t0(), Rating::Good);
    let before = store.card("q").unwrap();
    let cram = review(
        "q",
        t0() + SignedDuration::from_hours(1),
        Rating::Again,
        Mode::Cram,
    );
    store.record(&cram, None).unwrap();
    assert_eq!(store.card("q").unwrap(), before);
    assert_eq!(store.reviews(None).unwrap().len(), 2);
    store.rebuild(&s).unwrap();
    assert_eq!(store.card("q").unwrap(), before);
    // A state with a cram review, or none with a drill review, is a caller's mistake.
    let state = before.unwrap();
    assert!(matches!(
        store.record(&cram, Some(&state)),
        Err(StoreError::StateMismatch { mode: Mode::Cram })
    ));
    assert!(matches!(
        store.record(&review("q", t0(), Rating::Good, Mode::Drill), None),
        Err(StoreError::StateMismatch { mode: Mode::Drill })
    ));
    assert_eq!(store.reviews(None).unwrap().len(), 2);
}

#[test]
fn undo_restores_the_previous_state_exactly() {
    let (_dir, path) = temp_db();
    let s = sched();
    let mut store = Store::open(&path).unwrap();
    let first = answer(&mut store, &s, "q", t0(), Rating::Again);
    answer(
        &mut store,
        &s,
        "q",
        t0() + SignedDuration::from_mins(10),
        Rating::Good,
    );
    answer(
        &mut store,
        &s,
        "other",
        t0() + SignedDuration::from_mins(11),
        Rating::Easy,
    );
    answer(
        &mut store,
        &s,
        "q",
        t0() + SignedDuration::from_hours(50),
        Rating::Good,
    );
    let before_lapse = store.card("q").unwrap().unwrap();
    let other = store.card("other").unwrap();
    let lapse = answer(
        &mut store,
        &s,
        "q",
        t0() + SignedDuration::from_hours(400),
        Rating::Again,
    );
    assert_eq!(store.card("q").unwrap().unwrap().lapses, 1);

    store.undo(lapse, &s).unwrap();
    assert_eq!(store.card("q").unwrap(), Some(before_lapse));
    assert_eq!(store.card("other").unwrap(), other);
    assert_eq!(store.reviews(None).unwrap().len(), 4);
    assert!(matches!(store.undo(lapse, &s), Err(StoreError::NoSuchReview(id)) if id == lapse));

    // Undoing the only answer of a question makes it new again.
    let only = answer(&mut store, &s, "fresh", t0(), Rating::Good);
    store.undo(only, &s).unwrap();
    assert_eq!(store.card("fresh").unwrap(), None);
    // An undone id is never reused.
    let next = answer(&mut store, &s, "fresh", t0(), Rating::Good);
    assert!(next > only && first < only);
}

#[test]
fn rebuild_equals_incremental() {
    let (_dir, path) = temp_db();
    let s = sched();
    let mut store = Store::open(&path).unwrap();
    // A deterministic spread of questions, ratings and gaps (same-day ones included).
    let mut seed: u64 = 7;
    let mut now = t0();
    for _ in 0..300 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let question = format!("q{}", (seed >> 33) % 17);
        let rating = Rating::ALL[usize::try_from((seed >> 20) % 4).unwrap()];
        now += SignedDuration::from_secs(i64::try_from((seed >> 40) % 200_000).unwrap());
        if (seed >> 10).is_multiple_of(9) {
            store
                .record(&review(&question, now, rating, Mode::Cram), None)
                .unwrap();
        } else {
            answer(&mut store, &s, &question, now, rating);
        }
    }
    let incremental = store.cards().unwrap();
    assert_eq!(incremental.len(), 17);
    store
        .conn
        .execute("UPDATE cards SET stability = 1e6", [])
        .unwrap();
    store
        .conn
        .execute("DELETE FROM cards WHERE question_id = 'q3'", [])
        .unwrap();
    store.rebuild(&s).unwrap();
    assert_eq!(store.cards().unwrap(), incremental);
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let (_dir, path) = temp_db();
    Store::open(&path).unwrap();
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer notes"), "{err}");
    assert!(matches!(
        Store::open_existing(&path),
        Err(StoreError::TooNew { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let contents: [&[u8]; 3] = [
        b"hello",
        &b"reviews: this is a YAML file, not a database\n".repeat(100),
        &[0xFF; 8192],
    ];
    for content in contents {
        let (dir, path) = temp_db();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert!(matches!(
            Store::open_existing(&path),
            Err(StoreError::Corrupt { .. })
        ));
        assert_eq!(std::fs::read(&path).unwrap(), content);
        let files = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(files, 1, "no journal or WAL was created");
        drop(dir);
    }
}

#[test]
fn a_corrupt_database_is_refused_and_left_alone() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    answer(&mut store, &sched(), "q", t0(), Rating::Good);
    drop(store);
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the 100-byte header, scribble over the rest of page 1 (the schema table).
    for b in &mut bytes[100..4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn another_programs_database_is_refused_and_left_alone() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE reviews (x); INSERT INTO reviews VALUES (1);")
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::Foreign { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn migrations_apply_the_missing_steps_once() {
    let (_dir, path) = temp_db();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let v1: &[&str] = &["CREATE TABLE a (x INTEGER);"];
    let v2: &[&str] = &[
        v1[0],
        "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z);",
    ];
    let mut conn = Connection::open(&path).unwrap();
    migrations::check(&conn, &path, v1).unwrap();
    migrations::migrate(&mut conn, &path, v1).unwrap();
    conn.execute("INSERT INTO a (x) VALUES (1)", []).unwrap();
    migrations::check(&conn, &path, v2).unwrap();
    migrations::migrate(&mut conn, &path, v2).unwrap();
    migrations::migrate(&mut conn, &path, v2).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let kept: i64 = conn
        .query_row("SELECT x FROM a WHERE y IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!((version, kept), (2, 1));
    assert!(matches!(
        migrations::check(&conn, &path, v1),
        Err(StoreError::TooNew {
            found: 2,
            supported: 1,
            ..
        })
    ));
}

const ANSWERS_PER_WRITER: usize = 100;

/// One quiz-like writer: opens the database, then answers, reading between the writes.
fn quiz_writer(path: &Path, name: &str, ready: impl FnOnce()) -> Result<(), StoreError> {
    let s = sched();
    let opened = Store::open(path);
    ready();
    let mut store = opened?;
    for i in 0..ANSWERS_PER_WRITER {
        let question = format!("{name}-{}", i % 10);
        let at = t0() + SignedDuration::from_mins(i64::try_from(i).unwrap());
        let prev = store.card(&question)?;
        let next = s.review(prev.as_ref(), Rating::Good, at);
        store.record(
            &review(&question, at, Rating::Good, Mode::Drill),
            Some(&next),
        )?;
        store.cards()?;
    }
    Ok(())
}

/// Both writers' answers are all there, and the file is sound.
fn assert_both_writers_stored(path: &Path) {
    let store = Store::open(path).unwrap();
    assert_eq!(store.reviews(None).unwrap().len(), 2 * ANSWERS_PER_WRITER);
    let cards = store.cards().unwrap();
    assert_eq!(cards.len(), 20);
    assert!(cards.values().all(|c| c.reps == 10));
    let check: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// Two writers on one new database: both open it at once (one creates it, the other waits),
/// then interleave their answers. Nothing fails with "database is locked", nothing is lost.
#[test]
fn two_writers_at_once_lose_nothing() {
    let (_dir, path) = temp_db();
    let barrier = Arc::new(Barrier::new(2));
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let path = path.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                quiz_writer(&path, name, || {
                    barrier.wait();
                })
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap().unwrap();
    }
    assert_both_writers_stored(&path);
}

/// The same with two processes (this test binary run again as a writer): SQLite locks between
/// processes through the file system, not as between connections of one process.
#[test]
fn two_processes_at_once_lose_nothing() {
    const WRITER: &str = "NOTES_STORE_TEST_WRITER";
    const DB: &str = "NOTES_STORE_TEST_DB";
    if let (Ok(name), Some(path)) = (std::env::var(WRITER), std::env::var_os(DB)) {
        quiz_writer(Path::new(&path), &name, || {}).unwrap();
        return;
    }
    let (_dir, path) = temp_db();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "store::tests::two_processes_at_once_lose_nothing",
                ])
                .args(["--test-threads=1", "--nocapture"])
                .env(WRITER, name)
                .env(DB, &path)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a writer failed: {stderr}");
    }
    assert_both_writers_stored(&path);
}
