//! Issue 7, "Prove it": `notes` under the failures a user meets — a read-only course folder, a
//! damaged or newer progress database, a build killed midway. Each test runs the real binary on
//! a course in a temp dir and checks both what the user reads and what is left on disk.
//! (A quiz killed at random moments, and two quiz processes on one database, are in `quiz.rs`.)

mod database;
mod interrupted;
mod read_only;

use std::path::{Path, PathBuf};

/// Every file and folder under `dir`, each file with its bytes: equal before and after a run
/// means that the run wrote nothing there.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read a folder") {
            let path = entry.expect("read a folder entry").path();
            let rel = path.strip_prefix(dir).expect("under dir").to_path_buf();
            if path.is_dir() {
                stack.push(path);
                out.push((rel, None));
            } else {
                out.push((rel, Some(std::fs::read(&path).expect("read a file"))));
            }
        }
    }
    out.sort();
    out
}
