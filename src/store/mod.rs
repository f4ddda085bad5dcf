//! The progress database (SQLite). Never prints.
