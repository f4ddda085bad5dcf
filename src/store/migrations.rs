//! Schema versions: checking what a file holds before touching it, and migrating forward.
//!
//! The version is `PRAGMA user_version`: step `n` of [`MIGRATIONS`] takes a database from
//! version `n - 1` to `n`, in one transaction with the version bump. `PRAGMA application_id`
//! marks the file as ours, so `notes` never adds tables to another program's database.
use std::path::Path;

use rusqlite::{Connection, ErrorCode, TransactionBehavior};

use super::StoreError;

/// "NOTE" in ASCII: `PRAGMA application_id` of every progress database.
pub(super) const APPLICATION_ID: i32 = 0x4E4F_5445;

/// Forward migration steps, oldest first; the schema version is their number.
pub(super) const MIGRATIONS: &[&str] = &[include_str!("schema.sql")];

/// What a database file holds, read without writing anything.
struct Probe {
    application_id: i32,
    version: i64,
    objects: i64,
}

/// One statement, so one snapshot: read separately, the three could straddle another process's
/// migration commit and mix "empty" with "has tables".
fn probe(conn: &Connection) -> rusqlite::Result<Probe> {
    conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version),
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |r| {
            Ok(Probe {
                application_id: r.get(0)?,
                version: r.get(1)?,
                objects: r.get(2)?,
            })
        },
    )
}

/// Refuses, before any write, a file that is not an SQLite database, is corrupt, belongs to
/// another program or comes from a newer `notes`.
pub(super) fn check(conn: &Connection, path: &Path, steps: &[&str]) -> Result<(), StoreError> {
    let found = probe(conn).map_err(|source| match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_owned(),
            source,
        },
        Some(ErrorCode::ReadOnly) => StoreError::NotWritable {
            path: path.to_owned(),
            why: super::read_only_why(path, &source),
        },
        _ => StoreError::Open {
            path: path.to_owned(),
            source,
        },
    })?;
    let ours = found.application_id == APPLICATION_ID;
    let empty = found.application_id == 0 && found.version == 0 && found.objects == 0;
    if !ours && !empty {
        return Err(StoreError::Foreign {
            path: path.to_owned(),
        });
    }
    too_new(path, found.version, steps)
}

fn too_new(path: &Path, found: i64, steps: &[&str]) -> Result<(), StoreError> {
    let supported = latest(steps);
    if found > supported {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found,
            supported,
        });
    }
    Ok(())
}

fn latest(steps: &[&str]) -> i64 {
    i64::try_from(steps.len()).unwrap_or(i64::MAX)
}

/// Applies the steps the database lacks. The version is read again under the write lock, so two
/// processes opening one new database at once migrate it once.
pub(super) fn migrate(
    conn: &mut Connection,
    path: &Path,
    steps: &[&str],
) -> Result<(), StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == latest(steps) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    too_new(path, version, steps)?;
    let done = usize::try_from(version).unwrap_or(0);
    for step in steps.iter().skip(done) {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", latest(steps))?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}
