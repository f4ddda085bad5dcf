//! `notes completions <shell>`: a completion script on stdout.

use std::process::ExitCode;

use clap::CommandFactory;

use super::Context;
use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs, _ctx: &Context) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "notes", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
