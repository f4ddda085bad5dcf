//! `notes`: a study-notes compiler and exam drill tool.
//!
//! The library owns all logic; `main.rs` only parses arguments and turns the result of [`run`]
//! into an exit code. Domain modules (`course`, `math`, `drill`, `store`, `sheet`) never print;
//! only `cmd` talks to the terminal.

pub mod cli;
pub mod cmd;
pub mod course;
pub mod diag;
pub mod drill;
pub mod math;
pub mod sheet;
pub mod store;

pub use cli::Cli;
pub use cmd::run;
