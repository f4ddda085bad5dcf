//! Benchmark helper: fills a progress database with N reviews of a course's questions, spread
//! over the year before `--now`, deterministically from `--seed`, then rebuilds the card states
//! through the real scheduler. Used by `bench/drill.sh`.
//!
//! cargo run --release --no-default-features --example gen_reviews -- COURSE DB N [SEED]

use std::path::PathBuf;

use notes::drill::scheduler::{DEFAULT_RETENTION, Scheduler};
use notes::store::Store;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [course, db, n, rest @ ..] = args.as_slice() else {
        anyhow::bail!("usage: gen_reviews COURSE DB N [SEED]");
    };
    let n: usize = n.parse()?;
    let mut seed: u64 = rest.first().map_or(Ok(1), |s| s.parse())?;
    let (course, _) = notes::course::load(&PathBuf::from(course))?;
    let ids: Vec<&str> = course.questions.iter().map(|q| q.id.as_str()).collect();
    anyhow::ensure!(!ids.is_empty(), "the course has no questions");
    let db = PathBuf::from(db);
    let _ = std::fs::remove_file(&db);
    drop(Store::open(&db)?);
    let now_ms: i64 = 1_795_597_200_000; // 2026-11-25T09:00:00Z
    let year_ms: i64 = 365 * 86_400_000;
    let mut conn = rusqlite::Connection::open(&db)?;
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare(
            "INSERT INTO reviews (question_id, reviewed_at, rating, answer, correct, duration_ms, mode)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'drill')",
        )?;
        for i in 0..n {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let r = seed >> 33;
            let id = ids[i % ids.len()];
            // Reviews of one question in time order: position i / len through the year.
            let at = now_ms - year_ms + (i as i64 * year_ms / n as i64);
            let rating = 1 + (r % 10).min(3) as i64; // mostly Good/Easy, some Again/Hard
            let correct = i64::from(rating > 1);
            stmt.execute(rusqlite::params![
                id,
                at,
                rating,
                "x",
                correct,
                1500 + (r % 9000) as i64
            ])?;
        }
    }
    tx.commit()?;
    drop(conn);
    let mut store = Store::open(&db)?;
    store.rebuild(&Scheduler::new(DEFAULT_RETENTION)?)?;
    println!("{n} reviews of {} questions in {}", ids.len(), db.display());
    Ok(())
}
