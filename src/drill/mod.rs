//! The drill: scheduling (FSRS-6), grading and session logic. Never prints.
//!
//! [`scheduler`] decides when a question comes back; [`grade`] turns a typed answer into right or
//! wrong. Both are pure: no clock, no I/O.
pub mod grade;
pub mod scheduler;

pub use grade::{GradeError, Tolerance, parse_number};
pub use scheduler::{CardState, Phase, Rating, Scheduler, SchedulerError};
