/// Parsing a course and laying out a PDF allocate millions of small objects: mimalloc makes
/// `build --pdf` and `check` a quarter faster than the system allocator (README, dependencies).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
