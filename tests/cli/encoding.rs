//! A file with a UTF-8 byte-order mark and CRLF line endings is read like any other: every
//! fixture, rewritten that way, gives the same diagnostics at the same lines and columns.

use std::path::Path;

use crate::check::{Key, key_of};
use crate::support::{Course, files_under, fixtures};

fn keys(course: &Course) -> (Option<i32>, Vec<Key>) {
    let run = course.run(&["check", "--format", "json"]);
    let json = run.json();
    let mut keys: Vec<Key> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(key_of)
        .collect();
    keys.sort();
    (run.code, keys)
}

/// BOM + CRLF for every `.md` and `.yaml` file of the course.
fn to_bom_crlf(root: &Path) {
    for rel in files_under(root) {
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["md", "yaml", "yml"].contains(&ext) {
            continue;
        }
        let path = root.join(&rel);
        let bytes = std::fs::read(&path).expect("read");
        let mut out = vec![0xEF, 0xBB, 0xBF];
        for &b in &bytes {
            if b == b'\n' {
                out.push(b'\r');
            }
            out.push(b);
        }
        std::fs::write(&path, out).expect("write");
    }
}

#[test]
fn bom_and_crlf_change_nothing() {
    let dir = fixtures().join("check");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut compared = 0;
    for name in &names {
        let lf = Course::fixture(&format!("check/{name}"));
        let crlf = Course::fixture(&format!("check/{name}"));
        to_bom_crlf(crlf.root());
        let (want_code, want) = keys(&lf);
        let (code, got) = keys(&crlf);
        assert_eq!(got, want, "{name}: BOM + CRLF changed the diagnostics");
        assert_eq!(code, want_code, "{name}: BOM + CRLF changed the exit code");
        compared += 1;
    }
    assert!(compared >= 30);
}

#[test]
fn bom_and_crlf_are_not_in_the_text() {
    let course = Course::with_files(&[
        (
            "notes/flows.md",
            "\u{feff}---\r\ntopic: flows\r\ntitle: Flows\r\n---\r\n# Flows\r\n\r\n## Jacobians\r\n",
        ),
        (
            "questions/q.yaml",
            "\u{feff}topic: flows\r\nquestions:\r\n  - id: q\r\n    kind: derivation\r\n    prompt: |\r\n      two\r\n      lines\r\n    answer: x\r\n    steps: [a]\r\n    see: flows#jacobians\r\n",
        ),
    ]);
    let run = course.run(&["list", "--format", "json"]);
    run.expect_code(0);
    let v = run.json();
    assert_eq!(v["topics"][0]["title"], "Flows");
    assert_eq!(v["questions"][0]["prompt"], "two\nlines\n");
    course.run(&["check"]).expect_code(0);
}
