//! Hostile files through the whole binary (parse, check, render): each run ends with a located
//! error or a success. Durations belong to the benchmark, not here.

use crate::support::Course;

const HEAD: &str =
    "topic: flows\nquestions:\n  - id: q\n    kind: true-false\n    answer: true\n    why: w\n";

fn course_with_bank(bank: &str) -> Course {
    let course = Course::fixture("check/clean");
    course.write("questions/hostile.yaml", bank);
    course
}

fn codes_in(course: &Course) -> (Option<i32>, Vec<String>) {
    let run = course.run(&["check", "--format", "json"]);
    let codes = run.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            format!("{}:{} {}", text("file"), d["line"], text("code"))
        })
        .collect();
    (run.code, codes)
}

#[test]
fn alias_bomb_in_a_question_file() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    let course = course_with_bank(&bomb);
    let (code, codes) = codes_in(&course);
    assert_eq!(code, Some(1));
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(
        codes[0].contains("hostile.yaml") && codes[0].ends_with("yaml-syntax"),
        "{codes:?}"
    );
    let human = course.run(&["check"]);
    assert!(human.stdout.contains("split the file"), "{}", human.stdout);
}

#[test]
fn ten_thousand_deep_in_a_bank_a_front_matter_and_a_question_block() {
    let course = course_with_bank(&format!("{}x\n", "- ".repeat(10_000)));
    course.write(
        "notes/deep.md",
        format!(
            "---\ntopic: {}\n---\n# Deep\n\n```question\n{}\n```\n",
            "[".repeat(10_000),
            "{a: ".repeat(10_000)
        ),
    );
    let (code, codes) = codes_in(&course);
    assert_eq!(code, Some(1));
    assert_eq!(
        codes,
        [
            // The bad `topic:` leaves the note its file name's topic, without questions.
            "notes/deep.md:1 topic-without-questions",
            "notes/deep.md:2 front-matter",
            "notes/deep.md:7 yaml-syntax",
            "questions/hostile.yaml:1 yaml-syntax",
        ],
    );
    let human = course.run(&["check"]);
    assert_eq!(
        human
            .stdout
            .matches("nest more than 24 levels deep")
            .count(),
        3,
        "{}",
        human.stdout
    );
}

#[test]
fn multi_megabyte_lines() {
    // A valid 8 MiB prompt, and an 8 MiB line of Markdown links in a note.
    let course = course_with_bank(&format!("{HEAD}    prompt: {}\n", "x".repeat(8 << 20)));
    course.write(
        "notes/long.md",
        format!(
            "---\ntopic: flows\n---\n{}\n",
            "[a](flows#rotations) ".repeat(400_000)
        ),
    );
    let (code, codes) = codes_in(&course);
    assert_eq!((code, codes), (Some(0), vec![]));

    // Many diagnostics on one long line: every one quoted, cut around its column.
    course.write(
        "notes/long.md",
        format!(
            "---\ntopic: flows\n---\n{}\n",
            "[a](flows#nowhere) ".repeat(20_000)
        ),
    );
    let run = course.run(&["check"]);
    run.expect_code(1);
    assert_eq!(run.stdout.matches("error[broken-link]").count(), 20_000);
    let longest = run.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 200, "a quoted line is {longest} bytes");
}
