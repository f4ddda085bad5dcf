//! One module per command, each with the same entry point: `run(args, &Context) ->
//! anyhow::Result<ExitCode>`. Only this layer prints. Exit codes: 0 clean, 1 findings,
//! 2 could not run (bad usage, unreadable course) — `main` maps an `Err` to 2.

mod check;
mod completions;
mod list;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{Cli, ColorChoice, Command, Global};
use crate::course::{self, Course};
use crate::diag::Style;

/// What every command may need: the global options, resolved once.
pub struct Context {
    pub global: Global,
    pub cwd: PathBuf,
}

impl Context {
    /// Colours only on a terminal, and never with `NO_COLOR` set (no-color.org).
    pub fn style(&self, stream_is_tty: bool) -> Style {
        let color = match self.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Style { color }
    }

    pub fn stdout_style(&self) -> Style {
        self.style(std::io::stdout().is_terminal())
    }

    /// Finds and loads the course; diagnostics are returned for the caller to judge.
    pub fn load(&self) -> anyhow::Result<(Course, Vec<crate::diag::Diagnostic>)> {
        let root = course::discover(self.global.root.as_deref(), &self.cwd)?;
        Ok(course::load(&root)?)
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let ctx = Context {
        global: cli.global,
        cwd,
    };
    match cli.command {
        Command::Check(args) => check::run(args, &ctx),
        Command::List(args) => list::run(args, &ctx),
        Command::Completions(args) => completions::run(args, &ctx),
    }
}

/// Turns an error into the user's message: the whole cause chain, never `{:?}`.
pub fn report_error(err: &anyhow::Error) -> String {
    let mut msg = format!("error: {err}");
    for cause in err.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(&format!("\n  caused by: {c}"));
        }
    }
    msg
}
