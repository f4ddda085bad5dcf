//! One module per command, each with the same entry point: `run(args, &Context) ->
//! anyhow::Result<ExitCode>`. Only this layer prints. Exit codes: 0 clean, 1 findings,
//! 2 could not run (bad usage, unreadable course) — `main` maps an `Err` to 2.

mod build;
mod check;
mod completions;
mod list;
mod quiz;
mod show;
mod stats;

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

    /// Finds and loads the course with every check; diagnostics are returned for the caller
    /// to judge. Formulas of files that were clean last time are not checked again, unless
    /// `--no-cache`.
    pub fn load(&self) -> anyhow::Result<(Course, Vec<crate::diag::Diagnostic>)> {
        let root = course::discover(self.global.root.as_deref(), &self.cwd)?;
        Ok(course::load_with(
            &root,
            course::LoadOptions {
                math: true,
                cache: !self.global.no_cache,
            },
        )?)
    }

    /// Loads the course without rendering every formula: for commands that only read the
    /// bank (quiz, show, stats, list), which start faster so.
    pub fn load_bank(&self) -> anyhow::Result<(Course, Vec<crate::diag::Diagnostic>)> {
        let root = course::discover(self.global.root.as_deref(), &self.cwd)?;
        Ok(course::load_with(
            &root,
            course::LoadOptions {
                math: false,
                cache: false,
            },
        )?)
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
        Command::Build(args) => build::run(args, &ctx),
        Command::Check(args) => check::run(args, &ctx),
        Command::List(args) => list::run(args, &ctx),
        Command::Quiz(args) => quiz::run(args, &ctx),
        Command::Show(args) => show::run(args, &ctx),
        Command::Stats(args) => stats::run(args, &ctx),
        Command::Completions(args) => completions::run(args, &ctx),
    }
}

/// Turns an error into the user's message: the whole cause chain, never `{:?}`.
pub fn report_error(err: &anyhow::Error) -> String {
    let mut msg = format!("error: {err}");
    for c in causes(err.chain().skip(1), &msg) {
        msg.push_str(&format!("\n  caused by: {c}"));
    }
    msg
}

/// An error and its causes on one line, for a warning.
pub fn one_line(err: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = err.to_string();
    let mut source = err.source();
    let chain = std::iter::from_fn(|| {
        let next = source?;
        source = next.source();
        Some(next)
    });
    for c in causes(chain, &msg) {
        msg.push_str(&format!(": {c}"));
    }
    msg
}

/// The causes that say something new: not already in `head` or an earlier cause, and not the
/// previous one with only a prefix added (SQLite's "Error code 11: database disk image is
/// malformed" under "database disk image is malformed").
fn causes<'a>(
    chain: impl Iterator<Item = &'a (dyn std::error::Error + 'static)>,
    head: &str,
) -> Vec<String> {
    let mut seen = head.to_string();
    let mut prev = String::new();
    let mut out: Vec<String> = Vec::new();
    for cause in chain {
        let c = cause.to_string();
        let repeats_prev = !prev.is_empty() && c.ends_with(prev.as_str());
        if !seen.contains(&c) && !repeats_prev {
            seen.push('\n');
            seen.push_str(&c);
            out.push(c.clone());
        }
        prev = c;
    }
    out
}

/// The one place the clock is read. `NOTES_NOW` (RFC 3339) fixes it for tests and replays.
pub fn clock() -> anyhow::Result<jiff::Timestamp> {
    match std::env::var("NOTES_NOW") {
        Ok(v) if !v.is_empty() => v.parse::<jiff::Timestamp>().with_context(|| {
            format!("NOTES_NOW=`{v}` is not an RFC 3339 time such as 2026-11-25T09:00:00Z")
        }),
        _ =>
        {
            #[allow(
                clippy::disallowed_methods,
                reason = "the command layer's single clock read"
            )]
            Ok(jiff::Timestamp::now())
        }
    }
}

/// The progress database: `--db`/`NOTES_DB`, else `<course>/.notes/progress.db`.
pub fn db_path(course: &Course, explicit: Option<&std::path::Path>) -> PathBuf {
    explicit.map_or_else(
        || course.root.join(".notes").join("progress.db"),
        std::path::Path::to_path_buf,
    )
}

pub fn open_store(
    _ctx: &Context,
    course: &Course,
    explicit: Option<&std::path::Path>,
) -> anyhow::Result<crate::store::Store> {
    let path = db_path(course, explicit);
    crate::store::Store::open(&path).map_err(|e| match e {
        // One line that says what to do: the usual case is a read-only course folder.
        crate::store::StoreError::NotWritable { .. } => anyhow::anyhow!(
            "{e}; pass --db PATH or set NOTES_DB=PATH to keep your progress elsewhere"
        ),
        // Every other error names the file already.
        e => anyhow::Error::new(e),
    })
}

/// The scheduler at `--retention`, else the course's, else the default.
pub fn scheduler_for(
    course: &Course,
    retention: Option<f64>,
) -> anyhow::Result<crate::drill::scheduler::Scheduler> {
    let r = retention
        .or(course.settings.retention)
        .unwrap_or(crate::drill::scheduler::DEFAULT_RETENTION);
    Ok(crate::drill::scheduler::Scheduler::new(r)?)
}

/// "in 3 days (Sat 28 Nov)", "in 10 minutes", "now".
pub fn when(t: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let secs = t.as_second() - now.as_second();
    if secs <= 0 {
        return "now".into();
    }
    let rel = if secs < 3600 {
        let m = (secs + 59) / 60;
        crate::diag::plural(usize::try_from(m).unwrap_or(0), "minute")
    } else if secs < 86_400 {
        crate::diag::plural(usize::try_from(secs / 3600).unwrap_or(0), "hour")
    } else {
        crate::diag::plural(
            usize::try_from((secs + 43_200) / 86_400).unwrap_or(0),
            "day",
        )
    };
    let date = t
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%a %-d %b %H:%M UTC");
    format!("in {rel} ({date})")
}

/// Writes to stdout; a closed pipe (`notes … | head`) is not an error.
pub fn print(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
