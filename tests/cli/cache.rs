//! The math cache of `notes check` (src/course/cache.rs): files whose formulas all rendered are
//! not checked again, and nothing a user sees may depend on it. Each test has a cache folder of
//! its own.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::support::{Course, Run, command, finish};

/// `notes <args> --root <course>` with `XDG_CACHE_HOME` at `cache`.
fn run_with_cache(course: &Course, cache: &Path, args: &[&str]) -> Run {
    let root = course.root().to_str().expect("temp path is UTF-8");
    finish(
        command(course.root())
            .args(args)
            .args(["--root", root])
            .env("XDG_CACHE_HOME", cache)
            .output()
            .expect("run the notes binary"),
    )
}

/// The cache files under `cache` (one per course).
fn cache_files(cache: &Path) -> Vec<PathBuf> {
    let dir = cache.join("notes").join("check");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn the_cache_file(cache: &Path) -> PathBuf {
    let files = cache_files(cache);
    assert_eq!(files.len(), 1, "one cache file: {files:?}");
    files[0].clone()
}

fn temp() -> TempDir {
    tempfile::tempdir().expect("a temp dir")
}

#[test]
fn a_warm_check_reports_exactly_what_a_cold_one_does() {
    let course = Course::fixture("check/clean");
    // One broken formula in a file of its own; the other files are clean and get cached.
    course.write("notes/broken.md", "# Broken\n\nSee $\\nosuch{x}$ here.\n");
    let cache = temp();
    let cold = run_with_cache(&course, cache.path(), &["check", "--format", "json"]);
    cold.expect_code(1);
    let cached = std::fs::read(the_cache_file(cache.path())).expect("the cache is written");
    let warm = run_with_cache(&course, cache.path(), &["check", "--format", "json"]);
    warm.expect_code(1);
    assert_eq!(cold.stdout, warm.stdout);
    let uncached = run_with_cache(
        &course,
        cache.path(),
        &["check", "--format", "json", "--no-cache"],
    );
    assert_eq!(cold.stdout, uncached.stdout);
    assert_eq!(
        std::fs::read(the_cache_file(cache.path())).expect("still there"),
        cached,
        "an unchanged course leaves the cache as it was"
    );
    let human_cold = run_with_cache(&course, cache.path(), &["check", "--no-cache"]);
    let human_warm = run_with_cache(&course, cache.path(), &["check"]);
    assert_eq!(human_cold.stdout, human_warm.stdout);
    assert!(
        human_warm.stdout.contains("nosuch"),
        "{}",
        human_warm.stdout
    );
}

#[test]
fn an_edit_to_a_cached_file_is_checked_again() {
    let course = Course::fixture("check/clean");
    let cache = temp();
    run_with_cache(&course, cache.path(), &["check"]).expect_code(0);
    let note = course.root().join("notes/vae.md");
    let text = std::fs::read_to_string(&note).expect("the note");
    course.write(
        "notes/vae.md",
        format!("{text}\nA new line with $\\badcommand + 1$.\n"),
    );
    let run = run_with_cache(&course, cache.path(), &["check", "--format", "json"]);
    run.expect_code(1);
    let d = &run.json()["diagnostics"][0];
    assert_eq!(d["code"], "math", "{}", run.stdout);
    assert_eq!(d["file"], "notes/vae.md");
    assert_eq!(d["line"], text.lines().count() as u64 + 2);
    // Put back, it is clean again.
    course.write("notes/vae.md", &text);
    run_with_cache(&course, cache.path(), &["check"]).expect_code(0);
}

#[test]
fn a_change_to_the_macros_rechecks_files_that_did_not_change() {
    let course = Course::fixture("check/clean");
    let cache = temp();
    run_with_cache(&course, cache.path(), &["check"]).expect_code(0);
    // vae.md uses \E; without its definition the unchanged note is wrong.
    course.write("notes/macros.tex", "% no macros any more\n");
    let run = run_with_cache(&course, cache.path(), &["check", "--format", "json"]);
    run.expect_code(1);
    let json = run.json();
    let errors: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| d["code"] == "math" && d["file"] == "notes/vae.md")
        .collect();
    assert!(!errors.is_empty(), "{}", run.stdout);
    assert!(
        errors
            .iter()
            .any(|d| d["message"].as_str().is_some_and(|m| m.contains("\\E"))),
        "{}",
        run.stdout
    );
}

#[test]
fn a_damaged_cache_is_ignored_and_replaced() {
    let course = Course::fixture("check/clean");
    let cache = temp();
    run_with_cache(&course, cache.path(), &["check"]).expect_code(0);
    let file = the_cache_file(cache.path());
    let good = std::fs::read(&file).expect("the cache");
    for damaged in [&b""[..], b"garbage", &good[..good.len() - 3]] {
        std::fs::write(&file, damaged).expect("damage the cache");
        let run = run_with_cache(&course, cache.path(), &["check"]);
        run.expect_code(0);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        assert_eq!(std::fs::read(&file).expect("rewritten"), good);
    }
}

#[test]
fn no_cache_writes_nothing_and_an_unusable_cache_folder_is_no_error() {
    let course = Course::fixture("check/clean");
    let cache = temp();
    run_with_cache(&course, cache.path(), &["check", "--no-cache"]).expect_code(0);
    assert!(cache_files(cache.path()).is_empty());
    // A file where the folder should be: the cache cannot be written, and check goes on.
    let blocked = cache.path().join("blocked");
    std::fs::write(&blocked, "not a folder").expect("a file");
    for _ in 0..2 {
        let run = run_with_cache(&course, &blocked, &["check"]);
        run.expect_code(0);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }
    // A relative XDG_CACHE_HOME is ignored, as the XDG spec says (HOME is used instead).
    let home = temp();
    let run = finish(
        command(course.root())
            .args(["check", "--root", course.root().to_str().expect("UTF-8")])
            .env("XDG_CACHE_HOME", "relative/cache")
            .env("HOME", home.path())
            .output()
            .expect("run"),
    );
    run.expect_code(0);
    assert!(!course.root().join("relative").exists());
    assert_eq!(cache_files(&home.path().join(".cache")).len(), 1);
}

#[test]
fn another_build_of_notes_does_not_trust_the_cache() {
    let course = Course::fixture("check/clean");
    let cache = temp();
    run_with_cache(&course, cache.path(), &["check"]).expect_code(0);
    let file = the_cache_file(cache.path());
    let first = std::fs::read(&file).expect("the cache");
    // A copy of the binary stands for a rebuilt one: another size or modification time.
    let bin = temp();
    let copy = bin.path().join("notes");
    std::fs::copy(env!("CARGO_BIN_EXE_notes"), &copy).expect("copy the binary");
    let other_time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&copy)
        .and_then(|f| f.set_modified(other_time))
        .expect("touch the copy");
    // Another test's child, forked while the copy was open for writing, may hold it open until
    // it execs: running the copy fails with "text file busy" until then.
    let mut tries = 0;
    let output = loop {
        match crate::support::command_for(&copy, course.root())
            .args(["check", "--root", course.root().to_str().expect("UTF-8")])
            .env("XDG_CACHE_HOME", cache.path())
            .output()
        {
            Err(e) if e.raw_os_error() == Some(26) && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            result => break result.expect("run the copy"),
        }
    };
    let run = finish(output);
    run.expect_code(0);
    let second = std::fs::read(&file).expect("the cache");
    assert_ne!(first, second, "the copy made keys of its own");
}
