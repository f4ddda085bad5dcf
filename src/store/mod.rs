//! The progress database (SQLite). Never prints, never reads the clock.
//!
//! It owns the file format of `.notes/progress.db`: an append-only log of every answer
//! (`reviews`) and the scheduling state of each question (`cards`), a cache that always equals
//! replaying the question's non-cram reviews through the [`Scheduler`]. The schema is
//! `schema.sql`; versions and forward migrations are in `migrations.rs`. Where the file lives
//! (`--db`, `NOTES_DB`, the course default) is the command layer's business.
//!
//! # Guarantees
//! - **Durable answers.** [`Store::record`] commits one transaction (the review and the new card
//!   state) before it returns, with `synchronous = FULL` in WAL mode: an acknowledged answer
//!   survives the process being killed, and also an OS crash or power cut. (`NORMAL` would
//!   survive a killed process too, but could lose the last answers on a power cut; at the pace of
//!   a person answering questions the fsync per answer costs nothing noticeable.)
//! - **Several processes.** WAL lets readers and a writer work at once; writes take the write
//!   lock up front (`BEGIN IMMEDIATE`) and wait up to [`BUSY_TIMEOUT`] for it, so two `notes
//!   quiz` sessions on one database queue their writes instead of failing with "database is
//!   locked".
//! - **A place that cannot be written is refused at once.** [`Store::open`] tries the file (or
//!   its folder) for writing first, so a read-only course stops a quiz before its first question
//!   with [`StoreError::NotWritable`], not at its first answer.
//! - **Files that are not ours are left alone.** A corrupt or non-SQLite file, another
//!   program's database, or one from a newer `notes` is refused with a typed error before
//!   anything is written to it.
//! - **History is kept.** Nothing here deletes reviews except [`Store::undo`] of that very
//!   answer; questions removed from the course keep their rows.
//! - **Rebuilding equals recording**, as long as reviews are recorded in time order per question
//!   with one desired retention (a different retention reschedules due dates only).
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::drill::scheduler::{CardState, Phase, Rating, Scheduler};

mod migrations;

/// How long a write waits for another process's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {} for the progress database", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Permissions or a read-only file system forbid writing the database: refused before
    /// the first question rather than failing at the first answer.
    #[error("cannot write the progress database {}: {why}", path.display())]
    NotWritable { path: PathBuf, why: Unwritable },
    #[error("cannot open the progress database {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "{} is not a usable progress database: it is corrupt or not an SQLite file (left untouched; move it away to start afresh)",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{} is another program's SQLite database, not a notes progress database (left untouched)", path.display())]
    Foreign { path: PathBuf },
    #[error(
        "{} was written by a newer notes (schema version {found}; this notes knows up to {supported}): upgrade notes to use it",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("there is no review with id {0} to undo")]
    NoSuchReview(i64),
    #[error("a {mode} review must {} a new card state", if *mode == Mode::Cram { "not come with" } else { "come with" })]
    StateMismatch { mode: Mode },
    #[error("progress database error")]
    Db(#[from] rusqlite::Error),
}

/// What may not be written, for [`StoreError::NotWritable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwritable {
    /// A folder in which the database, a folder for it, or SQLite's `-wal` and `-shm` files
    /// beside it would have to be created.
    Folder(PathBuf),
    /// The database file itself.
    File,
    /// The file system is mounted read-only.
    FileSystem,
}

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unwritable::Folder(dir) => write!(f, "the folder {} is not writable", dir.display()),
            Unwritable::File => f.write_str("the file is not writable"),
            Unwritable::FileSystem => f.write_str("the file system is read-only"),
        }
    }
}

/// How an answer was given. Cram answers are logged but do not change the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Drill,
    Cram,
    Exam,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Drill => "drill",
            Mode::Cram => "cram",
            Mode::Exam => "exam",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Mode {
    type Err = String;

    fn from_str(s: &str) -> Result<Mode, String> {
        [Mode::Drill, Mode::Cram, Mode::Exam]
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| format!("unknown review mode `{s}`"))
    }
}

/// One answer, as the command layer records it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewReview {
    pub question_id: String,
    /// Kept to the millisecond.
    pub reviewed_at: Timestamp,
    pub rating: Rating,
    /// What the user typed; `None` when nothing was (self-graded).
    pub answer: Option<String>,
    /// `None` for a self-graded answer.
    pub correct: Option<bool>,
    pub duration_ms: u64,
    pub mode: Mode,
}

/// One answer as stored, with its id (for [`Store::undo`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewRow {
    pub id: i64,
    pub question_id: String,
    pub reviewed_at: Timestamp,
    pub rating: Rating,
    pub answer: Option<String>,
    pub correct: Option<bool>,
    pub duration_ms: u64,
    pub mode: Mode,
}

/// An open progress database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const REVIEW_COLUMNS: &str =
    "id, question_id, reviewed_at, rating, answer, correct, duration_ms, mode";
const CARD_COLUMNS: &str = "stability, difficulty, due, last_review, reps, lapses, phase";

impl Store {
    /// Opens the database at `path`, creating it (and its parent folders) if needed, and
    /// migrating an older schema forward.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|source| {
            // The folder that could not be written is the deepest one that exists.
            let existing = parent.ancestors().find(|a| a.is_dir()).unwrap_or(parent);
            not_writable(path, &source, Unwritable::Folder(existing.to_owned())).unwrap_or(
                StoreError::CreateDir {
                    path: parent.to_owned(),
                    source,
                },
            )
        })?;
        // SQLite would say only "unable to open database file" here, or fail at the first
        // answer for a read-only file: opening it for writing first says which it is. An
        // empty file is what SQLite creates too, and a valid empty database.
        let existed = path.exists();
        if let Err(e) = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
        {
            let what = if existed {
                Unwritable::File
            } else {
                Unwritable::Folder(parent.to_owned())
            };
            if let Some(err) = not_writable(path, &e, what) {
                return Err(err);
            }
        }
        Store::connect(path, OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// Opens the database at `path` only if the file exists: `None` when it does not.
    pub fn open_existing(path: &Path) -> Result<Option<Store>, StoreError> {
        // An error here (a folder we may not read) is left for SQLite to report.
        if matches!(path.try_exists(), Ok(false)) {
            return Ok(None);
        }
        Store::connect(path, OpenFlags::empty()).map(Some)
    }

    fn connect(path: &Path, create: OpenFlags) -> Result<Store, StoreError> {
        let open_error = |source: rusqlite::Error| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::NotWritable {
                path: path.to_owned(),
                why: read_only_why(path, &source),
            },
            _ => StoreError::Open {
                path: path.to_owned(),
                source,
            },
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | create;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        // Nothing is written before the file has been checked.
        migrations::check(&conn, path, migrations::MIGRATIONS)?;
        wal_mode(&conn).map_err(open_error)?;
        conn.pragma_update(None, "synchronous", "full")
            .map_err(open_error)?;
        migrations::migrate(&mut conn, path, migrations::MIGRATIONS)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Logs one answer and stores the card's new state, in one transaction that is durable when
    /// this returns. Drill and exam answers come with the state computed by
    /// [`Scheduler::review`]; cram answers come without (they do not reschedule). Returns the id
    /// of the review, for [`Store::undo`].
    pub fn record(
        &mut self,
        review: &NewReview,
        new_state: Option<&CardState>,
    ) -> Result<i64, StoreError> {
        if (review.mode == Mode::Cram) == new_state.is_some() {
            return Err(StoreError::StateMismatch { mode: review.mode });
        }
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO reviews (question_id, reviewed_at, rating, answer, correct, duration_ms, mode)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(rusqlite::params![
            review.question_id,
            review.reviewed_at.as_millisecond(),
            review.rating,
            review.answer,
            review.correct,
            i64::try_from(review.duration_ms).unwrap_or(i64::MAX),
            review.mode,
        ])?;
        let id = tx.last_insert_rowid();
        if let Some(state) = new_state {
            put_card(&tx, &review.question_id, state)?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Deletes review `review_id` (the user took that answer back) and recomputes its question's
    /// card from the reviews that remain: the state from before that answer. A question left
    /// with no (non-cram) review has no card again: it is new.
    pub fn undo(&mut self, review_id: i64, sched: &Scheduler) -> Result<(), StoreError> {
        let tx = self.write()?;
        let question_id: Option<String> = tx
            .query_row(
                "SELECT question_id FROM reviews WHERE id = ?1",
                [review_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(question_id) = question_id else {
            return Err(StoreError::NoSuchReview(review_id));
        };
        tx.execute("DELETE FROM reviews WHERE id = ?1", [review_id])?;
        let log = {
            let mut stmt = tx.prepare_cached(
                "SELECT rating, reviewed_at FROM reviews
                 WHERE question_id = ?1 AND mode != 'cram' ORDER BY reviewed_at, id",
            )?;
            stmt.query_map([&question_id], |r| Ok((r.get(0)?, timestamp(r, 1)?)))?
                .collect::<rusqlite::Result<Vec<(Rating, Timestamp)>>>()?
        };
        match sched.replay(log) {
            Some(state) => put_card(&tx, &question_id, &state)?,
            None => {
                tx.execute("DELETE FROM cards WHERE question_id = ?1", [&question_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The card of one question; `None` if it was never answered outside cram mode.
    pub fn card(&self, question_id: &str) -> Result<Option<CardState>, StoreError> {
        let sql = format!("SELECT {CARD_COLUMNS} FROM cards WHERE question_id = ?1");
        let card = self
            .conn
            .prepare_cached(&sql)?
            .query_row([question_id], |r| card_from_row(r, 0))
            .optional()?;
        Ok(card)
    }

    /// Every card, by question id, including questions no longer in the course.
    pub fn cards(&self) -> Result<HashMap<String, CardState>, StoreError> {
        let sql = format!("SELECT question_id, {CARD_COLUMNS} FROM cards");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let cards = stmt
            .query_map([], |r| Ok((r.get(0)?, card_from_row(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cards)
    }

    /// The reviews at or after `since` (all of them for `None`), oldest first.
    pub fn reviews(&self, since: Option<Timestamp>) -> Result<Vec<ReviewRow>, StoreError> {
        let sql = format!(
            "SELECT {REVIEW_COLUMNS} FROM reviews WHERE reviewed_at >= ?1 ORDER BY reviewed_at, id"
        );
        let since = since.map_or(i64::MIN, Timestamp::as_millisecond);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([since], review_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Recomputes every card from the review log (after a change of retention, or to repair
    /// the cache). Questions no longer in the course are rebuilt too.
    pub fn rebuild(&mut self, sched: &Scheduler) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute("DELETE FROM cards", [])?;
        let mut logs: Vec<(String, Vec<(Rating, Timestamp)>)> = Vec::new();
        {
            let mut stmt = tx.prepare(
                "SELECT question_id, rating, reviewed_at FROM reviews
                 WHERE mode != 'cram' ORDER BY question_id, reviewed_at, id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let question_id: String = row.get(0)?;
                let review = (row.get(1)?, timestamp(row, 2)?);
                match logs.last_mut() {
                    Some((last, log)) if *last == question_id => log.push(review),
                    _ => logs.push((question_id, vec![review])),
                }
            }
        }
        for (question_id, log) in logs {
            if let Some(state) = sched.replay(log) {
                put_card(&tx, &question_id, &state)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// A write transaction holding the write lock from its start, so that it never fails midway
    /// on a lock another process holds (it waits up to [`BUSY_TIMEOUT`] to begin instead).
    fn write(&mut self) -> rusqlite::Result<Transaction<'_>> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
    }
}

/// [`StoreError::NotWritable`] when `e` is a permission or read-only-file-system error.
fn not_writable(path: &Path, e: &std::io::Error, what: Unwritable) -> Option<StoreError> {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => what,
        std::io::ErrorKind::ReadOnlyFilesystem => Unwritable::FileSystem,
        _ => return None,
    };
    Some(StoreError::NotWritable {
        path: path.to_owned(),
        why,
    })
}

/// Puts the database in WAL mode. Leaving the rollback journal takes the file's exclusive
/// lock, and when two processes open a new database at once both may hold its shared lock
/// and ask for that: SQLite then refuses one at once (`SQLITE_BUSY`, a deadlock its busy
/// handler does not wait out). The one refused tries again, up to [`BUSY_TIMEOUT`].
fn wal_mode(conn: &Connection) -> rusqlite::Result<()> {
    let start = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "wal") {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            result => return result,
        }
    }
}

/// Which part SQLite found read-only. `SQLITE_READONLY_DIRECTORY`: it cannot create its
/// `-wal` and `-shm` files beside the database, which it needs even to read a WAL database.
pub(super) fn read_only_why(path: &Path, e: &rusqlite::Error) -> Unwritable {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_READONLY_DIRECTORY =>
        {
            Unwritable::Folder(
                path.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .to_owned(),
            )
        }
        _ => Unwritable::File,
    }
}

fn put_card(tx: &Transaction<'_>, question_id: &str, state: &CardState) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO cards
         (question_id, stability, difficulty, due, last_review, reps, lapses, phase)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        question_id,
        state.stability,
        state.difficulty,
        state.due.as_millisecond(),
        state.last_review.map(Timestamp::as_millisecond),
        state.reps,
        state.lapses,
        state.phase,
    ])?;
    Ok(())
}

fn card_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<CardState> {
    Ok(CardState {
        stability: r.get(at)?,
        difficulty: r.get(at + 1)?,
        due: timestamp(r, at + 2)?,
        last_review: r
            .get::<_, Option<i64>>(at + 3)?
            .map(|ms| millis(at + 3, ms))
            .transpose()?,
        reps: r.get(at + 4)?,
        lapses: r.get(at + 5)?,
        phase: r.get(at + 6)?,
    })
}

fn review_from_row(r: &Row<'_>) -> rusqlite::Result<ReviewRow> {
    Ok(ReviewRow {
        id: r.get(0)?,
        question_id: r.get(1)?,
        reviewed_at: timestamp(r, 2)?,
        rating: r.get(3)?,
        answer: r.get(4)?,
        correct: r.get(5)?,
        duration_ms: r.get::<_, i64>(6)?.try_into().unwrap_or(0),
        mode: r.get(7)?,
    })
}

fn timestamp(r: &Row<'_>, at: usize) -> rusqlite::Result<Timestamp> {
    millis(at, r.get(at)?)
}

fn millis(at: usize, ms: i64) -> rusqlite::Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Integer, Box::new(e))
    })
}

impl ToSql for Rating {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(i64::from(self.number()).into())
    }
}

impl FromSql for Rating {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let n = i64::column_result(value)?;
        u8::try_from(n)
            .ok()
            .and_then(Rating::from_number)
            .ok_or(FromSqlError::OutOfRange(n))
    }
}

impl ToSql for Phase {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.name().into())
    }
}

impl FromSql for Phase {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_str()?.parse().map_err(FromSqlError::other)
    }
}

impl ToSql for Mode {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.name().into())
    }
}

impl FromSql for Mode {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: String| FromSqlError::Other(e.into()))
    }
}

#[cfg(test)]
mod tests;
