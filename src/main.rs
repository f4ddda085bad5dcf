use clap::Parser;

fn main() -> std::process::ExitCode {
    notes::run(notes::Cli::parse()).unwrap_or(std::process::ExitCode::from(2))
}
