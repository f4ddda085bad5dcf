//! The drill: scheduling (FSRS-6), grading, session queues, terminal rendering of Markdown and
//! statistics. Never prints.
//!
//! [`scheduler`] decides when a question comes back; [`grade`] turns a typed answer into right
//! or wrong; [`queue`] picks a session's questions; [`stats`] sums progress up. All are pure: no
//! clock, no I/O.
pub mod grade;
pub mod queue;
pub mod render;
pub mod scheduler;
pub mod stats;

pub use grade::{GradeError, Tolerance, parse_number};
pub use scheduler::{CardState, Phase, Rating, Scheduler, SchedulerError};
