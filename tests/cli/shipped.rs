//! The shipped CS236 course: it passes its own gate, and every numeric answer equals a value
//! recomputed from first principles (`shipped_numeric_a.rs`, `shipped_numeric_b.rs`), so a typo
//! in a YAML answer cannot ship.

use std::collections::HashMap;
use std::process::Command;

use crate::{shipped_numeric_a, shipped_numeric_b};

fn notes(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_notes"))
        .arg("--root")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("NOTES_ROOT")
        .output()
        .expect("run notes")
}

#[test]
fn the_shipped_course_passes_its_own_gate() {
    let o = notes(&["check"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.ends_with("0 errors, 0 warnings\n"), "{out}");
}

#[test]
fn every_topic_has_ten_questions_of_every_kind() {
    let o = notes(&["list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let topics = v["topics"].as_array().expect("topics");
    assert_eq!(topics.len(), 7);
    let mut total = 0;
    for t in topics {
        let n = t["questions"].as_u64().expect("count");
        assert!(n >= 10, "{} has only {n} questions", t["id"]);
        for kind in ["true-false", "derivation", "numeric", "choice"] {
            assert!(
                t["by_kind"][kind].as_u64() > Some(0),
                "{} has no {kind}",
                t["id"]
            );
        }
        total += n;
    }
    assert!(total >= 90, "the bank has {total} questions");
}

/// `0.001` (absolute) or `"0.5%"` (relative); the default is 0.5 % relative.
fn within(expected: f64, answer: f64, tolerance: &serde_json::Value) -> bool {
    let bound = match tolerance {
        serde_json::Value::Number(n) => n.as_f64().unwrap_or(0.0),
        serde_json::Value::String(s) => {
            let pct: f64 = s.trim_end_matches('%').parse().expect("tolerance");
            pct / 100.0 * expected.abs()
        }
        _ => 0.005 * expected.abs(),
    };
    (answer - expected).abs() <= bound + 1e-12
}

#[test]
fn every_numeric_answer_is_recomputed_and_matches() {
    let o = notes(&["list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let mut expected: HashMap<&str, f64> = HashMap::new();
    for (id, value) in shipped_numeric_a::expected()
        .into_iter()
        .chain(shipped_numeric_b::expected())
    {
        assert!(
            expected.insert(id, value).is_none(),
            "{id} is recomputed twice"
        );
    }
    let mut seen = Vec::new();
    for q in v["questions"].as_array().expect("questions") {
        if q["kind"] != "numeric" {
            continue;
        }
        let id = q["id"].as_str().expect("id");
        let answer = q["answer"].as_f64().expect("numeric answer");
        let Some(value) = expected.get(id) else {
            panic!("numeric question {id} has no recomputed value");
        };
        assert!(
            within(*value, answer, &q["tolerance"]),
            "{id}: the bank says {answer}, first principles give {value} (tolerance {})",
            q["tolerance"]
        );
        seen.push(id.to_string());
    }
    for id in expected.keys() {
        assert!(
            seen.iter().any(|s| s == id),
            "{id} is recomputed but is not a numeric question"
        );
    }
}

/// Every formula of the shipped course compiles in Typst as converted: the sheet shows none of
/// them as raw TeX.
#[cfg(feature = "pdf")]
#[test]
fn the_shipped_sheet_builds_without_math_fallbacks() {
    let out = tempfile::tempdir().expect("tempdir");
    let o = notes(&["build", "--out", &out.path().to_string_lossy()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(out.path().join("revision.pdf").is_file());
    assert!(out.path().join("revision.html").is_file());
}
