//! The course model and its parser.
