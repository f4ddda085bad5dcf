//! `notes check` over the fixture courses of `tests/fixtures/check/`: each fixture states in its
//! `expected.txt` exactly which diagnostics it must produce, and where.
//!
//! `expected.txt` holds one line per diagnostic, `file:line:column severity code`, optionally
//! followed by indented detail lines that the same diagnostic must satisfy:
//!
//! ```text
//! # a comment
//! questions/bank.yaml:11:5 error unknown-field
//!   message ~ `anwser`
//!   help ~ did you mean `answer`?
//!   related questions/other.yaml:3:9
//! ```
//!
//! The set of (file, line, column, severity, code) must equal the expectation exactly, and the
//! exit code must be 1 when an error is expected and 0 otherwise.

use std::fmt;
use std::path::Path;

use serde_json::Value;

use crate::support::{Course, fixtures};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub severity: String,
    pub code: String,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{} {} {}",
            self.file, self.line, self.column, self.severity, self.code
        )
    }
}

#[derive(Debug, Default)]
struct Details {
    message: Vec<String>,
    help: Vec<String>,
    related: Vec<String>,
}

struct Expectation {
    key: Key,
    details: Details,
}

fn parse_key(s: &str) -> Result<Key, String> {
    let mut words = s.split_whitespace();
    let (Some(place), Some(severity), Some(code), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return Err(format!(
            "expected `file:line:col severity code`, found `{s}`"
        ));
    };
    let mut parts = place.rsplitn(3, ':');
    let (Some(col), Some(line), Some(file)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("expected `file:line:col`, found `{place}`"));
    };
    if severity != "error" && severity != "warning" {
        return Err(format!(
            "severity must be error or warning, found `{severity}`"
        ));
    }
    Ok(Key {
        file: file.to_string(),
        line: line.parse().map_err(|_| format!("bad line in `{place}`"))?,
        column: col
            .parse()
            .map_err(|_| format!("bad column in `{place}`"))?,
        severity: severity.to_string(),
        code: code.to_string(),
    })
}

fn parse_expectations(text: &str) -> Result<Vec<Expectation>, String> {
    let mut out: Vec<Expectation> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let at = |e: String| format!("expected.txt:{}: {e}", n + 1);
        if line.starts_with(char::is_whitespace) {
            let last = out
                .last_mut()
                .ok_or_else(|| at("a detail line before any diagnostic".into()))?;
            let detail = line.trim();
            if let Some(s) = detail.strip_prefix("message ~ ") {
                last.details.message.push(s.to_string());
            } else if let Some(s) = detail.strip_prefix("help ~ ") {
                last.details.help.push(s.to_string());
            } else if let Some(s) = detail.strip_prefix("related ") {
                last.details.related.push(s.trim().to_string());
            } else {
                return Err(at(format!("unknown detail `{detail}`")));
            }
        } else {
            out.push(Expectation {
                key: parse_key(line).map_err(at)?,
                details: Details::default(),
            });
        }
    }
    Ok(out)
}

pub fn key_of(d: &Value) -> Key {
    Key {
        file: d["file"].as_str().unwrap_or_default().to_string(),
        line: d["line"].as_u64().unwrap_or_default(),
        column: d["column"].as_u64().unwrap_or_default(),
        severity: d["severity"].as_str().unwrap_or_default().to_string(),
        code: d["code"].as_str().unwrap_or_default().to_string(),
    }
}

/// What is wrong with one diagnostic against its expected details.
fn detail_problems(d: &Value, want: &Details) -> Vec<String> {
    let mut problems = Vec::new();
    let message = d["message"].as_str().unwrap_or_default();
    for m in &want.message {
        if !message.contains(m.as_str()) {
            problems.push(format!("message `{message}` does not contain `{m}`"));
        }
    }
    let help = d["help"].as_str().unwrap_or_default();
    for h in &want.help {
        if !help.contains(h.as_str()) {
            problems.push(format!("help `{help}` does not contain `{h}`"));
        }
    }
    let related: Vec<String> = d["related"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            format!(
                "{}:{}:{}",
                r["file"].as_str().unwrap_or(""),
                r["line"],
                r["column"]
            )
        })
        .collect();
    for r in &want.related {
        if !related.contains(r) {
            problems.push(format!("related {related:?} does not include `{r}`"));
        }
    }
    problems
}

/// Checks one fixture; returns a description of every mismatch.
fn check_fixture(dir: &Path) -> Vec<String> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.unwrap_or_default();
    let text = match std::fs::read_to_string(dir.join("expected.txt")) {
        Ok(t) => t,
        Err(e) => return vec![format!("{name}: no readable expected.txt ({e})")],
    };
    let expected = match parse_expectations(&text) {
        Ok(e) => e,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let course = Course::fixture(&format!("check/{name}"));
    let run = course.run(&["check", "--format", "json"]);
    let json: Value = match serde_json::from_str(&run.stdout) {
        Ok(v) => v,
        Err(e) => {
            return vec![format!(
                "{name}: stdout is not JSON ({e}); exit {:?}; stderr: {}",
                run.code, run.stderr
            )];
        }
    };
    let diags = json["diagnostics"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();

    let mut want: Vec<Key> = expected.iter().map(|e| e.key.clone()).collect();
    let mut got: Vec<Key> = diags.iter().map(key_of).collect();
    want.sort();
    got.sort();
    if want != got {
        let missing: Vec<String> = want
            .iter()
            .filter(|k| !got.contains(k))
            .map(|k| format!("    missing:    {k}"))
            .collect();
        let unexpected: Vec<String> = diags
            .iter()
            .filter(|d| !want.contains(&key_of(d)))
            .map(|d| format!("    unexpected: {}  ({})", key_of(d), d["message"]))
            .collect();
        problems.push(format!(
            "{name}: diagnostics differ\n{}\n{}\n    (counts: want {}, got {})",
            missing.join("\n"),
            unexpected.join("\n"),
            want.len(),
            got.len()
        ));
    }
    for e in &expected {
        if let Some(d) = diags.iter().find(|d| key_of(d) == e.key) {
            for p in detail_problems(d, &e.details) {
                problems.push(format!("{name}: {}: {p}", e.key));
            }
        }
    }

    let errors = expected
        .iter()
        .filter(|e| e.key.severity == "error")
        .count();
    let warnings = expected.len() - errors;
    let want_code = if errors > 0 { 1 } else { 0 };
    if run.code != Some(want_code) {
        problems.push(format!(
            "{name}: exit code {:?}, expected {want_code}",
            run.code
        ));
    }
    let summary = &json["summary"];
    if summary["errors"] != errors || summary["warnings"] != warnings {
        problems.push(format!(
            "{name}: summary {summary}, expected {errors} errors and {warnings} warnings"
        ));
    }
    problems
}

fn fixture_dirs() -> Vec<std::path::PathBuf> {
    let root = fixtures().join("check");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/check exists")
        .map(|e| e.expect("read a fixture entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_fixture_produces_exactly_its_expected_diagnostics() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 30, "only {} fixtures found", dirs.len());
    let problems: Vec<String> = dirs.iter().flat_map(|d| check_fixture(d)).collect();
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// Every diagnostic code the checker can emit has a fixture that produces it, so a new code
/// cannot ship untested. Skipped: `unreadable` needs a file the test makes unreadable, see
/// `an_unreadable_file_is_an_error_not_a_crash`.
#[test]
fn every_diagnostic_code_has_a_fixture() {
    let mut covered = std::collections::BTreeSet::new();
    for dir in fixture_dirs() {
        let text = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        for e in parse_expectations(&text).unwrap_or_default() {
            covered.insert(e.key.code);
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/course");
    let mut codes = std::collections::BTreeSet::new();
    for file in crate::support::files_under(&src) {
        let text = std::fs::read_to_string(src.join(&file)).unwrap_or_default();
        // Code, not its tests: cut at the first inline `#[cfg(test)] mod … {`.
        let tests_at = text.match_indices("#[cfg(test)]\nmod ").find_map(|(i, _)| {
            let line_end = text[i + 13..].find('\n').map_or(text.len(), |e| i + 13 + e);
            text[..line_end].trim_end().ends_with('{').then_some(i)
        });
        let text = &text[..tests_at.unwrap_or(text.len())];
        if file.ends_with("proptests.rs") {
            continue;
        }
        // `Diagnostic::error("code", …)`, `Diagnostic::warning(\n "code", …)` and the
        // question checker's `q.err("code", …)` helpers.
        let calls = [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "q.err(",
            "q.warn(",
            "self.err(",
        ];
        for call in calls {
            for part in text.split(call).skip(1) {
                let quoted = part.trim_start().strip_prefix('"');
                let code = quoted.and_then(|r| r.split('"').next()).unwrap_or_default();
                if !code.is_empty()
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    codes.insert(code.to_string());
                }
            }
        }
    }
    codes.remove("unreadable");
    assert!(codes.len() >= 20, "found only {codes:?} in src/course");
    let untested: Vec<_> = codes.difference(&covered).collect();
    assert!(untested.is_empty(), "codes without a fixture: {untested:?}");
}

#[test]
fn the_clean_fixture_reports_nothing() {
    let course = Course::fixture("check/clean");
    let run = course.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stdout.ends_with("0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.starts_with("checked "),
        "nothing but the summary: {}",
        run.stdout
    );
}

#[test]
fn an_unreadable_file_is_an_error_not_a_crash() {
    let course = Course::fixture("check/clean");
    // A dangling symlink cannot be read even by root, unlike a chmod 000 file.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        course.root().join("nowhere"),
        course.root().join("notes/gone.md"),
    )
    .expect("make a symlink");
    #[cfg(not(unix))]
    return;
    let run = course.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let json = run.json();
    let keys: Vec<Key> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(key_of)
        .collect();
    assert_eq!(
        keys,
        [parse_key("notes/gone.md:1:1 error unreadable").expect("key")]
    );
}

/// Regression: a symlink back up the tree made `notes check` walk forever.
#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once() {
    let course = Course::fixture("check/clean");
    let notes = course.root().join("notes");
    std::os::unix::fs::symlink("..", notes.join("up")).expect("symlink");
    std::os::unix::fs::symlink(".", notes.join("self")).expect("symlink");
    std::os::unix::fs::symlink(&notes, notes.join("img/back")).expect("symlink");
    let run = course.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .ends_with("checked 3 notes, 7 questions: 0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}
