-- The progress database of `notes quiz`: schema version 1 (PRAGMA user_version = 1).
-- This is migration step 1. A shipped step is never edited: a change of schema is a new step
-- appended to MIGRATIONS in src/store/migrations.rs, and bumps user_version.
--
-- Times are Unix time in milliseconds (UTC), INTEGER: they sort and compare as numbers, and
-- `datetime(reviewed_at / 1000, 'unixepoch')` shows them in the sqlite3 shell.

-- Every answer ever given. Append-only: a row is never updated, and deleted only when the user
-- undoes that very answer. Questions removed from the course keep their rows, so a question
-- that comes back (same id) comes back with its history.
CREATE TABLE reviews (
    -- AUTOINCREMENT: the id of an undone answer is never handed out again.
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id TEXT    NOT NULL,
    reviewed_at INTEGER NOT NULL,
    -- 1 again, 2 hard, 3 good, 4 easy.
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    -- What the user typed; NULL when nothing was typed (a self-graded derivation).
    answer      TEXT,
    -- 1 right, 0 wrong, NULL for a self-graded answer.
    correct     INTEGER CHECK (correct IN (0, 1)),
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    -- 'cram' answers are logged but never change the schedule (cards).
    mode        TEXT    NOT NULL CHECK (mode IN ('drill', 'cram', 'exam'))
) STRICT;

CREATE INDEX reviews_by_question ON reviews (question_id, reviewed_at, id);
CREATE INDEX reviews_by_time ON reviews (reviewed_at);

-- The scheduling state of every question answered at least once outside cram mode. A cache:
-- it always equals replaying that question's non-cram reviews, in time order, through the
-- scheduler, and `Store::rebuild` recomputes it from `reviews`.
CREATE TABLE cards (
    question_id TEXT    PRIMARY KEY,
    stability   REAL    NOT NULL,
    difficulty  REAL    NOT NULL,
    due         INTEGER NOT NULL,
    last_review INTEGER,
    reps        INTEGER NOT NULL CHECK (reps >= 0),
    lapses      INTEGER NOT NULL CHECK (lapses >= 0),
    phase       TEXT    NOT NULL CHECK (phase IN ('new', 'learning', 'review', 'relearning'))
) STRICT, WITHOUT ROWID;

CREATE INDEX cards_by_due ON cards (due);
