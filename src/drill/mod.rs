//! The drill: scheduling (FSRS-6), grading and session logic. Never prints.
