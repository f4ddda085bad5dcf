//! The drill: scheduling (FSRS-6), grading, session queues and statistics. Never prints.

pub mod grade;
pub mod queue;
pub mod render;
pub mod scheduler;
pub mod stats;
