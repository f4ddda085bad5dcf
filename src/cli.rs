//! Command-line arguments. Parsing only: every command lives in `cmd/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "notes",
    version,
    about = "Study notes compiler and exam drill: check a course, drill it with spaced repetition, build a revision sheet",
    after_help = "Examples:\n  notes check                   check the course in this folder (or above)\n  notes quiz --topic flows      drill one topic\n  notes build                   write build/revision.html and build/revision.pdf\n\nThe course is found from --root, else NOTES_ROOT, else the nearest folder at or above the current one that has a notes/ folder."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The course folder (the one holding notes/)
    #[arg(long, global = true, env = "NOTES_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// When to use colours: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Check every formula again instead of skipping the files that were clean last time
    /// (the cache is in $XDG_CACHE_HOME/notes, else ~/.cache/notes)
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the whole course: answers, ids, topics, links, math; every problem at once
    #[command(
        after_help = "Examples:\n  notes check\n  notes check --root ~/courses/cs236 --format json\n  notes check --no-cache      render every formula again (the cache: README, Commands)\n\nFiles whose formulas all rendered last time are remembered in $XDG_CACHE_HOME/notes\n(else ~/.cache/notes) and their formulas skipped while nothing they depend on changes.\n\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 could not run."
    )]
    Check(CheckArgs),
    /// List topics with their question counts, or one topic's questions
    #[command(
        after_help = "Examples:\n  notes list\n  notes list --topic flows\n  notes list --format json | jq '.questions[].id'"
    )]
    List(ListArgs),
    /// Drill questions with spaced repetition (FSRS-6); progress is saved after every answer
    #[command(
        after_help = "Examples:\n  notes quiz --topic flows\n  notes quiz --kind numeric --limit 10\n  notes quiz --cram --topic gans          drill without changing the schedule\n  notes quiz --exam 20 --time 45m         a timed mock exam across all topics\n\nAnswers: t/f for true-false, a number (0.04, 1/25, -4.93e3), a letter (b) or letters (a,c);\nderivations reveal their steps one per Enter, then you grade yourself 1-4.\nKeys: ? help · s skip · u undo the last answer · q or Ctrl-D quit.\nThe database is <course>/.notes/progress.db unless --db or NOTES_DB say otherwise.\nNOTES_NOW=<RFC 3339 time> fixes the clock (tests, replays)."
    )]
    Quiz(QuizArgs),
    /// Show one question with its answer and working
    #[command(after_help = "Examples:\n  notes show flows-rotation-invariance")]
    Show(ShowArgs),
    /// Progress per topic: new, learning, review, due, retention, leeches
    #[command(
        after_help = "Examples:\n  notes stats\n  notes stats --topic flows\n  notes stats --format json | jq '.questions[] | select(.lapses >= 8)'"
    )]
    Stats(StatsArgs),
    /// Build the revision sheet: a self-contained HTML page and a PDF
    #[command(
        after_help = "Examples:\n  notes build                                 build/revision.html and build/revision.pdf\n  notes build --html --topic flows            one topic, the HTML page only\n  notes build --pdf --answers --out ~/print   answers after each question\n\nWith a progress database (--db, NOTES_DB, else <course>/.notes/progress.db) the sheet opens\nwith your weak spots. Files in the course's templates/ folder replace the built-in templates\nof the same name: sheet.html, sheet.css, question.html (tera 2) and sheet.typ (Typst).\nExit status: 0 built, 1 a template or Typst error stopped an output, 2 could not run."
    )]
    Build(BuildArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  notes completions bash > ~/.local/share/bash-completion/completions/notes\n  notes completions zsh > ~/.zfunc/_notes\n  notes completions fish > ~/.config/fish/completions/notes.fish"
    )]
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show this topic's questions (an id or alias)
    #[arg(long, short)]
    pub topic: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Question kinds for `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    TrueFalse,
    Derivation,
    Numeric,
    Choice,
}

impl KindArg {
    pub fn as_kind(self) -> crate::course::Kind {
        use crate::course::Kind;
        match self {
            KindArg::TrueFalse => Kind::TrueFalse,
            KindArg::Derivation => Kind::Derivation,
            KindArg::Numeric => Kind::Numeric,
            KindArg::Choice => Kind::Choice,
        }
    }
}

#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Only these topics (ids or aliases; repeat for several)
    #[arg(long, short)]
    pub topic: Vec<String>,
    /// Only these kinds of question (repeat for several)
    #[arg(long, short, value_enum)]
    pub kind: Vec<KindArg>,
    /// Only questions with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// At most this many questions in the session
    #[arg(long, short = 'n')]
    pub limit: Option<usize>,
    /// New questions per day
    #[arg(long, default_value_t = 20)]
    pub new: usize,
    /// Drill everything selected, due or not, without changing the schedule
    #[arg(long, conflicts_with = "exam")]
    pub cram: bool,
    /// Seed for the order of questions (reproducible sessions)
    #[arg(long)]
    pub seed: Option<u64>,
    /// A mock exam of N questions across the chosen topics: no feedback until the end
    #[arg(long, value_name = "N")]
    pub exam: Option<usize>,
    /// Time limit of the exam, e.g. 45m, 1h30m, 90s
    #[arg(long, value_parser = parse_duration, requires = "exam")]
    pub time: Option<std::time::Duration>,
    /// Desired retention for scheduling (default: course.yaml's, else 0.9)
    #[arg(long)]
    pub retention: Option<f64>,
    /// The progress database
    #[arg(long, env = "NOTES_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The question's id
    pub id: String,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only these topics
    #[arg(long, short)]
    pub topic: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Desired retention (default: course.yaml's, else 0.9)
    #[arg(long)]
    pub retention: Option<f64>,
    /// The progress database
    #[arg(long, env = "NOTES_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Only these topics (ids or aliases; repeat for several)
    #[arg(long, short)]
    pub topic: Vec<String>,
    /// The folder to write to (default: build/ in the course)
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Build the HTML page (only it, unless --pdf is given too)
    #[arg(long)]
    pub html: bool,
    /// Build the PDF (only it, unless --html is given too)
    #[arg(long)]
    pub pdf: bool,
    /// Show each answer right after its question (default: hidden in HTML, a key at the end of the PDF)
    #[arg(long)]
    pub answers: bool,
    /// The progress database, for the weak spots
    #[arg(long, env = "NOTES_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

/// `45m`, `1h30m`, `90s`, `2h`; a bare number is minutes.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    if let Ok(m) = t.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(m * 60));
    }
    let mut total = 0u64;
    let mut num = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u64 = num
            .parse()
            .map_err(|_| format!("`{s}` is not a duration: write 45m, 1h30m or 90s"))?;
        num.clear();
        total += n * match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(format!("`{s}` is not a duration: write 45m, 1h30m or 90s")),
        };
    }
    if !num.is_empty() || total == 0 {
        return Err(format!("`{s}` is not a duration: write 45m, 1h30m or 90s"));
    }
    Ok(std::time::Duration::from_secs(total))
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
