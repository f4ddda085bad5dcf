//! The JSON form of `notes check`: its exact shape, which CI scripts and editors rely on.

use serde_json::{Value, json};

use crate::support::Course;

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[test]
fn check_json_has_diagnostics_and_a_summary() {
    let course = Course::fixture("check/clean");
    let run = course.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(keys(&v), ["diagnostics", "summary"]);
    assert_eq!(v["diagnostics"], json!([]));
    assert_eq!(
        v["summary"],
        json!({"notes": 3, "questions": 7, "topics": 2, "errors": 0, "warnings": 0})
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn every_diagnostic_has_the_same_fields() {
    // A fixture with errors, warnings, help, no help, and related places.
    let course = Course::fixture("check/id-duplicated");
    course.write(
        "notes/vae.md",
        "---\ntopic: vae\n---\n# VAE\n![remote](https://example.org/x.png)\n",
    );
    let run = course.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let v = run.json();
    let diags = v["diagnostics"].as_array().expect("a list");
    assert!(diags.len() >= 3, "{v}");
    for d in diags {
        assert_eq!(
            keys(d),
            [
                "code", "column", "file", "help", "line", "message", "related", "severity"
            ],
            "{d}"
        );
        assert!(d["code"].is_string() && d["message"].is_string(), "{d}");
        assert!(d["line"].as_u64().is_some_and(|l| l >= 1), "{d}");
        assert!(d["column"].as_u64().is_some_and(|c| c >= 1), "{d}");
        assert!(d["help"].is_string() || d["help"].is_null(), "{d}");
        assert!(
            d["severity"] == "error" || d["severity"] == "warning",
            "{d}"
        );
        let file = d["file"].as_str().expect("file is a string");
        assert!(
            !file.starts_with('/') && !file.contains('\\'),
            "course-relative, forward slashes: {file}"
        );
        for r in d["related"].as_array().expect("related is a list") {
            assert_eq!(keys(r), ["column", "file", "line", "message"], "{r}");
        }
    }
    let dup = diags
        .iter()
        .find(|d| d["code"] == "duplicate-id" && d["file"] == "questions/a.yaml")
        .expect("the duplicate id in a.yaml");
    assert_eq!(
        dup["related"],
        json!([{"message": "first used here", "file": "notes/flows.md", "line": 12, "column": 5}])
    );
    let remote = diags
        .iter()
        .find(|d| d["code"] == "remote-image")
        .expect("the remote image warning");
    assert_eq!(remote["severity"], "warning");
    assert_eq!(
        v["summary"],
        json!({"notes": 2, "questions": 2, "topics": 2, "errors": 2, "warnings": 2})
    );
}

/// The human summary and the JSON summary count the same things.
#[test]
fn human_and_json_agree() {
    let course = Course::fixture("check/unknown-field");
    let human = course.run(&["check"]);
    let json = course.run(&["check", "--format", "json"]).json();
    let s = &json["summary"];
    let last = human.stdout.lines().last().unwrap_or_default().to_string();
    assert_eq!(
        last,
        format!(
            "checked {} notes, {} question: {} errors, {} warnings",
            s["notes"], s["questions"], s["errors"], s["warnings"]
        )
    );
    let headers = human
        .stdout
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .count();
    assert_eq!(headers, json["diagnostics"].as_array().map_or(0, Vec::len));
}
