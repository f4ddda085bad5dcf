//! `notes build`: the revision sheet, through the real binary, on the fixture course
//! `tests/fixtures/build/course` (two topics, every Markdown construct the sheet renders, one
//! question of each kind) and on the shipped course. Checks that need Chromium or poppler fail
//! with a hint when the tool is missing: `bash tests/run.sh` installs them.

mod html;
mod outputs;
#[cfg(feature = "pdf")]
mod pdf;
mod templates;
mod weak;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const NOW: &str = "2026-11-25T09:00:00Z";

/// The repository root (the shipped course).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder in the temp dir");
    for entry in std::fs::read_dir(from).expect("read a fixture folder") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

/// The fixture course, copied into a temp dir (the guard keeps it alive).
pub fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_dir(&repo().join("tests/fixtures/build/course"), dir.path());
    dir
}

#[cfg(feature = "pdf")]
/// The shipped course's notes and questions, copied (its templates are the built-in ones).
pub fn shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for part in ["notes", "questions"] {
        copy_dir(&repo().join(part), &dir.path().join(part));
    }
    dir
}

pub fn notes(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_notes"))
        .args(args)
        .current_dir(root)
        .env("NOTES_ROOT", root)
        .env("NOTES_NOW", NOW)
        .env("NO_COLOR", "1")
        .env_remove("NOTES_DB")
        .output()
        .expect("run notes")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `notes build ARGS` and expects success.
pub fn build(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = notes(root, &all);
    assert!(
        out.status.success(),
        "notes {all:?} failed: {}\n{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// A program the test needs; a missing one fails the test with the way to get it.
pub fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("`{name}` is not installed: run `bash tests/run.sh`, which installs Chromium and poppler-utils")
    })
}

pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new(tool("pdftotext"))
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext: {}", stderr(&out));
    // One space between words; a word broken at a line's end by its own hyphen stays joined.
    stdout(&out)
        .replace("-\n", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(feature = "pdf")]
pub fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new(tool("pdfinfo"))
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    stdout(&out)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count from pdfinfo: {}", stdout(&out)))
}

pub fn html_of(root: &Path) -> String {
    std::fs::read_to_string(root.join("build/revision.html")).expect("the HTML was written")
}
