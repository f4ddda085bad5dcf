//! Command-line arguments.
use clap::Parser;

#[derive(Debug, Parser)]
#[command(name = "notes", version)]
pub struct Cli {}
