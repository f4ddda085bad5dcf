//! A read-only course folder (a shared checkout, another user's files, a read-only mount): the
//! commands that only read work; those that would write into it stop before doing anything,
//! with one line that names the path and says where to write instead; the course is left as it
//! was.
//!
//! Root ignores file permissions, and tests and CI run as root: then the runs drop to `nobody`,
//! so that the permissions apply to them as they would to a user.

use std::io::Write as _;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use super::tree;
use crate::support::{Run, command_for, copy_dir, finish, fixtures};

/// The user `nobody` (and its group) on Debian and most Linux systems.
const NOBODY: u32 = 65534;

const NOW: &str = "2026-11-25T09:00:00Z";

/// `tests/fixtures/quiz` copied to `<temp>/course` and made read-only (folders 0555, files
/// 0444), next to a folder the runs may write, `<temp>/writable`.
struct ReadOnlyCourse {
    base: tempfile::TempDir,
    /// Whether this test runs as root, so the runs must switch to `nobody`.
    as_root: bool,
    /// The `notes` binary, where `nobody` can run it.
    program: PathBuf,
}

impl ReadOnlyCourse {
    fn new() -> ReadOnlyCourse {
        ReadOnlyCourse::with(|_| {})
    }

    /// Like [`ReadOnlyCourse::new`], with `prepare` run on the course before it is locked.
    fn with(prepare: impl FnOnce(&Path)) -> ReadOnlyCourse {
        let base = tempfile::Builder::new()
            .prefix("notes-read-only-")
            .tempdir()
            .expect("create a temp dir");
        // A new folder belongs to the effective user: uid 0 is root.
        let as_root = base.path().metadata().expect("stat the temp dir").uid() == 0;
        set_mode(base.path(), 0o755);
        let course = base.path().join("course");
        copy_dir(&fixtures().join("quiz"), &course);
        prepare(&course);
        let writable = base.path().join("writable");
        std::fs::create_dir(&writable).expect("create the writable folder");
        if as_root {
            std::os::unix::fs::chown(&writable, Some(NOBODY), Some(NOBODY))
                .expect("give the writable folder to nobody");
        }
        let program = runnable_by_nobody(base.path(), as_root);
        set_tree_mode(&course, 0o555, 0o444);
        let c = ReadOnlyCourse {
            base,
            as_root,
            program,
        };
        c.assert_read_only();
        c
    }

    fn course(&self) -> PathBuf {
        self.base.path().join("course")
    }

    fn writable(&self) -> PathBuf {
        self.base.path().join("writable")
    }

    /// Makes one folder of the course writable for the runs again.
    fn make_writable(&self, rel: &str) {
        let dir = self.course().join(rel);
        set_mode(&dir, 0o755);
        if self.as_root {
            std::os::unix::fs::chown(&dir, Some(NOBODY), Some(NOBODY))
                .expect("give the folder to nobody");
        }
    }

    /// `notes ARGS --root <course>` in the course folder, as `nobody` under root, with `stdin`
    /// as its input and the default progress database unless `env` says otherwise.
    fn notes(&self, args: &[&str], stdin: &str, env: &[(&str, &Path)]) -> Run {
        let course = self.course();
        let mut cmd = command_for(&self.program, &course);
        cmd.args(args)
            .arg("--root")
            .arg(&course)
            .env_remove("NOTES_DB")
            .env("NOTES_NOW", NOW)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        if self.as_root {
            cmd.uid(NOBODY).gid(NOBODY);
        }
        let mut child = cmd.spawn().expect("run the notes binary");
        // A run that stops before reading closes the pipe: that is not the test's concern.
        let _ = child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(stdin.as_bytes());
        finish(child.wait_with_output().expect("wait for notes"))
    }

    /// The setup itself: as the runs' user, the course can be read but not written. Without
    /// this, the tests that expect success would pass even if the permissions were not applied.
    fn assert_read_only(&self) {
        let mut sh = std::process::Command::new("sh");
        sh.args([
            "-c",
            r#"cd "$1" && ls notes >/dev/null && ! (: >"$1/probe") 2>/dev/null && ! mkdir "$1/probe" 2>/dev/null"#,
            "sh",
        ])
        .arg(self.course());
        if self.as_root {
            sh.uid(NOBODY).gid(NOBODY);
        }
        let status = sh.status().expect("run sh");
        assert!(
            status.success(),
            "setup: the course in {} must be readable and not writable for the runs",
            self.course().display()
        );
    }
}

impl Drop for ReadOnlyCourse {
    /// Writable again, so that the temp dir can be deleted by a user that is not root.
    fn drop(&mut self) {
        set_tree_mode(&self.course(), 0o755, 0o644);
    }
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

/// Folders get `dir_mode`, files `file_mode`; folders last, so that they can still be listed.
fn set_tree_mode(dir: &Path, dir_mode: u32, file_mode: u32) {
    set_mode(dir, 0o755);
    for entry in std::fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("read a folder entry").path();
        if path.is_dir() {
            set_tree_mode(&path, dir_mode, file_mode);
        } else {
            set_mode(&path, file_mode);
        }
    }
    set_mode(dir, dir_mode);
}

/// The `notes` binary if every folder on its way lets anyone through (as here), else a link or
/// a copy in `base` (CI keeps its build in root's home, which `nobody` may not enter).
fn runnable_by_nobody(base: &Path, as_root: bool) -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_notes"));
    let anyone_may_enter = |p: &Path| {
        p.metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o001 != 0)
    };
    if !as_root || bin.ancestors().all(anyone_may_enter) {
        return bin.to_path_buf();
    }
    let copy = base.join("notes");
    if std::fs::hard_link(bin, &copy).is_err() {
        std::fs::copy(bin, &copy).expect("copy the notes binary");
    }
    copy
}

#[test]
fn a_read_only_course_can_be_checked_listed_shown_and_built_elsewhere() {
    let c = ReadOnlyCourse::new();
    let before = tree(&c.course());
    for args in [&["check"][..], &["list"], &["show", "alpha-tf"], &["stats"]] {
        c.notes(args, "", &[]).expect_code(0);
    }
    let out = c.writable().join("sheet");
    let run = c.notes(
        &["build", "--html", "--out", out.to_str().expect("UTF-8")],
        "",
        &[],
    );
    run.expect_code(0);
    assert!(out.join("revision.html").is_file(), "{}", run.stderr);
    assert!(tree(&c.course()) == before, "a run wrote into the course");
}

#[test]
fn quiz_on_a_read_only_course_stops_before_the_first_question_and_says_where_progress_can_go() {
    let c = ReadOnlyCourse::new();
    let before = tree(&c.course());
    // One question, beta-tf (false): answered, then Enter at "how did it feel", then the end.
    let beta_tf = ["quiz", "--topic", "beta", "--kind", "true-false"];
    let run = c.notes(&beta_tf, "f\n\n", &[]);
    run.expect_code(2);
    assert_eq!(run.stdout, "", "nothing is asked");
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot write the progress database {}: the folder {} is not writable; \
             pass --db PATH or set NOTES_DB=PATH to keep your progress elsewhere\n",
            c.course().join(".notes/progress.db").display(),
            c.course().display()
        )
    );
    assert!(tree(&c.course()) == before, "quiz wrote into the course");

    // Both ways out that the message names work.
    let by_flag = c.writable().join("flag.db");
    let mut args = beta_tf.to_vec();
    args.extend(["--db", by_flag.to_str().expect("UTF-8")]);
    let by_env = c.writable().join("env.db");
    for (run, db) in [
        (c.notes(&args, "f\n\n", &[]), &by_flag),
        (
            c.notes(&beta_tf, "f\n\n", &[("NOTES_DB", &by_env)]),
            &by_env,
        ),
    ] {
        run.expect_code(0);
        assert!(run.stdout.contains("✓ right"), "{}", run.stdout);
        let reviews: i64 = rusqlite::Connection::open(db)
            .expect("open the database")
            .query_row("SELECT count(*) FROM reviews", [], |r| r.get(0))
            .expect("count the reviews");
        assert_eq!(reviews, 1, "the answer is saved in {}", db.display());
    }
    assert!(tree(&c.course()) == before, "quiz wrote into the course");
}

#[test]
fn quiz_with_a_read_only_progress_database_stops_before_the_first_question() {
    // Progress from earlier, in a course that has become read-only (or is another user's):
    // first all of it, then only the database file, where SQLite alone would open the file
    // read-only and fail at the first answer.
    for folder_writable in [false, true] {
        let c = ReadOnlyCourse::with(|course| {
            let db = course.join(".notes/progress.db");
            notes::store::Store::open(&db).expect("create a progress database");
        });
        if folder_writable {
            c.make_writable(".notes");
        }
        let before = tree(&c.course());
        let run = c.notes(&["quiz"], "f\n\n", &[]);
        run.expect_code(2);
        assert_eq!(run.stdout, "", "nothing is asked");
        assert_eq!(
            run.stderr,
            format!(
                "error: cannot write the progress database {}: the file is not writable; \
                 pass --db PATH or set NOTES_DB=PATH to keep your progress elsewhere\n",
                c.course().join(".notes/progress.db").display(),
            )
        );
        assert!(tree(&c.course()) == before, "quiz wrote into the course");
    }
}

#[test]
fn build_into_a_read_only_course_fails_and_leaves_nothing_behind() {
    let c = ReadOnlyCourse::new();
    let before = tree(&c.course());
    let run = c.notes(&["build", "--html"], "", &[]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot create the folder {}: the folder {} is not writable (permission \
             denied); write the sheet elsewhere with --out DIR\n",
            c.course().join("build").display(),
            c.course().display()
        )
    );
    assert!(tree(&c.course()) == before, "build wrote into the course");
}

#[test]
fn build_over_a_read_only_sheet_fails_and_keeps_the_old_one() {
    let c = ReadOnlyCourse::with(|course| {
        std::fs::create_dir(course.join("build")).expect("create build/");
        std::fs::write(course.join("build/revision.html"), "<html>old</html>\n")
            .expect("write an old sheet");
    });
    let before = tree(&c.course());
    let run = c.notes(&["build", "--html"], "", &[]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    let build = c.course().join("build");
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot write {}: the folder {} is not writable (permission denied); write \
             the sheet elsewhere with --out DIR\n",
            build.join("revision.html").display(),
            build.display()
        )
    );
    assert!(
        tree(&c.course()) == before,
        "the old sheet is kept and no temporary file is left"
    );
}
