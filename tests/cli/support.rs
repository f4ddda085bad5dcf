//! Shared helpers: fixture courses copied into temp dirs, and a runner for the real `notes`
//! binary with a controlled environment (no colours, no inherited `NOTES_ROOT`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// `tests/fixtures` in the source tree.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A course in a temp dir. Keep the value alive as long as the course is used: dropping it
/// deletes the folder.
pub struct Course {
    pub dir: TempDir,
}

impl Course {
    /// A copy of `tests/fixtures/<rel>`.
    pub fn fixture(rel: &str) -> Course {
        let course = Course::empty();
        copy_dir(&fixtures().join(rel), course.root());
        course
    }

    /// An empty temp dir (not yet a course).
    pub fn empty() -> Course {
        Course {
            dir: tempfile::Builder::new()
                .prefix("notes-test-")
                .tempdir()
                .expect("create a temp dir"),
        }
    }

    /// A course built from (path, text) pairs.
    pub fn with_files(files: &[(&str, &str)]) -> Course {
        let course = Course::empty();
        for (path, text) in files {
            course.write(path, text);
        }
        course
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folders");
        }
        std::fs::write(&path, text).expect("write a course file");
    }

    /// `notes <args> --root <this course>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().expect("temp path is UTF-8");
        all.extend(["--root", root]);
        notes(&all, self.root())
    }

    /// The binary's output with the temp dir's path replaced by `[ROOT]`.
    pub fn redact(&self, text: &str) -> String {
        let root = self.root().to_string_lossy();
        // The canonical form too, in case the temp dir sits behind a symlink.
        let canon = std::fs::canonicalize(self.root())
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| root.to_string());
        text.replace(canon.as_str(), "[ROOT]")
            .replace(root.as_ref(), "[ROOT]")
    }
}

/// What one run of the binary produced.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Panics with both streams when the exit code is not `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read a folder")
        .map(|e| {
            e.expect("read a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The cache folder of every run (`XDG_CACHE_HOME`): under the target folder, never the
/// user's own.
pub fn test_cache_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache")
}

/// The `notes` binary, with colours off, no `NOTES_ROOT` leaking in from the caller and the
/// cache in [`test_cache_home`].
pub fn command(cwd: &Path) -> Command {
    command_for(Path::new(env!("CARGO_BIN_EXE_notes")), cwd)
}

/// [`command`] with the binary at `program` (a copy another user may run).
pub fn command_for(program: &Path, cwd: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(cwd)
        .env_remove("NOTES_ROOT")
        .env("XDG_CACHE_HOME", test_cache_home())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

/// Runs `notes <args>` in `cwd`.
pub fn notes(args: &[&str], cwd: &Path) -> Run {
    finish(
        command(cwd)
            .args(args)
            .output()
            .expect("run the notes binary"),
    )
}

pub fn finish(out: Output) -> Run {
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy's folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("read a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

/// Every file under `dir`, relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read a folder") {
            let path = entry.expect("read a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).expect("under dir").to_path_buf());
            }
        }
    }
    out.sort();
    out
}
