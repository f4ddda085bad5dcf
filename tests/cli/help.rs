//! The command line itself: clap's own consistency check, and an example in every `--help`.

use clap::CommandFactory;

use crate::support::{Course, notes};

#[test]
fn clap_definition_is_consistent() {
    notes::Cli::command().debug_assert();
}

#[test]
fn every_command_help_shows_examples() {
    let dir = Course::empty();
    let cli = notes::Cli::command();
    let mut paths: Vec<Vec<String>> = vec![vec![]];
    for sub in cli.get_subcommands() {
        paths.push(vec![sub.get_name().to_string()]);
        for subsub in sub.get_subcommands() {
            paths.push(vec![
                sub.get_name().to_string(),
                subsub.get_name().to_string(),
            ]);
        }
    }
    assert!(paths.len() >= 4, "{paths:?}");
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let run = notes(&args, dir.root());
        run.expect_code(0);
        assert!(
            run.stdout.contains("Examples:\n  notes"),
            "`notes {}` shows no example:\n{}",
            args.join(" "),
            run.stdout
        );
    }
}

#[test]
fn bad_usage_is_exit_2() {
    let dir = Course::empty();
    let run = notes(&["check", "--format", "xml"], dir.root());
    run.expect_code(2);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
    notes(&["frobnicate"], dir.root()).expect_code(2);
}

#[test]
fn completions_are_printed() {
    let dir = Course::empty();
    for shell in ["bash", "zsh", "fish"] {
        let run = notes(&["completions", shell], dir.root());
        run.expect_code(0);
        assert!(run.stdout.contains("check"), "{shell}: {}", run.stdout);
    }
}
