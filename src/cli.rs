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
        after_help = "Examples:\n  notes check\n  notes check --root ~/courses/cs236 --format json\n\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 could not run."
    )]
    Check(CheckArgs),
    /// List topics with their question counts, or one topic's questions
    #[command(
        after_help = "Examples:\n  notes list\n  notes list --topic flows\n  notes list --format json | jq '.questions[].id'"
    )]
    List(ListArgs),
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

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
