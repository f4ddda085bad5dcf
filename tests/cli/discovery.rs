//! Finding the course: `--root`, then `NOTES_ROOT`, then walking up from the current folder.

use crate::support::{Course, command, finish, notes};

fn summary(stdout: &str) -> &str {
    stdout.lines().last().unwrap_or_default()
}

#[test]
fn walks_up_from_a_subdirectory() {
    let course = Course::fixture("check/clean");
    let deep = course.root().join("questions/deeper/still");
    std::fs::create_dir_all(&deep).expect("mkdir");
    let run = notes(&["check"], &deep);
    run.expect_code(0);
    assert_eq!(
        summary(&run.stdout),
        "checked 3 notes, 7 questions: 0 errors, 0 warnings"
    );
}

#[test]
fn notes_root_names_the_course() {
    let course = Course::fixture("check/clean");
    let elsewhere = Course::empty();
    let run = finish(
        command(elsewhere.root())
            .env("NOTES_ROOT", course.root())
            .arg("check")
            .output()
            .expect("run"),
    );
    run.expect_code(0);
    assert_eq!(
        summary(&run.stdout),
        "checked 3 notes, 7 questions: 0 errors, 0 warnings"
    );
}

#[test]
fn root_beats_notes_root_and_the_current_folder() {
    let clean = Course::fixture("check/clean");
    let broken = Course::fixture("check/id-missing");
    let run = finish(
        command(broken.root())
            .env("NOTES_ROOT", broken.root())
            .args(["check", "--root"])
            .arg(clean.root())
            .output()
            .expect("run"),
    );
    run.expect_code(0);
}

#[test]
fn notes_root_beats_the_current_folder() {
    let clean = Course::fixture("check/clean");
    let broken = Course::fixture("check/id-missing");
    let run = finish(
        command(broken.root())
            .env("NOTES_ROOT", clean.root())
            .arg("check")
            .output()
            .expect("run"),
    );
    run.expect_code(0);
}

#[test]
fn a_relative_root_is_relative_to_the_current_folder() {
    let course = Course::fixture("check/clean");
    let run = notes(&["check", "--root", "."], course.root());
    run.expect_code(0);
    let parent = course.root().parent().expect("temp dir has a parent");
    let name = course.root().file_name().expect("a name");
    let run = notes(&["check", "--root", &name.to_string_lossy()], parent);
    run.expect_code(0);
}

#[test]
fn an_explicit_root_is_not_searched_upwards() {
    let course = Course::fixture("check/clean");
    let run = notes(&["check", "--root", "questions"], course.root());
    run.expect_code(2);
    assert!(run.stderr.contains("is not a course"), "{}", run.stderr);
}

#[test]
fn no_course_anywhere_is_exit_2_with_one_sentence() {
    let empty = Course::empty();
    // The walk goes up to `/`: this test needs no `notes/` folder above the temp dir.
    if let Some(found) = empty.root().ancestors().find(|d| d.join("notes").is_dir()) {
        panic!(
            "{} has a notes/ folder; run the tests with TMPDIR elsewhere",
            found.display()
        );
    }
    let run = notes(&["list"], empty.root());
    run.expect_code(2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: no course found"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}
