use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = notes::Cli::parse();
    match notes::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", notes::cmd::report_error(&err));
            ExitCode::from(2)
        }
    }
}
