//! `notes quiz`, `notes show`, `notes stats`: scripted sessions as transcripts, durability under
//! SIGKILL, and two processes on one database.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-25T09:00:00Z";

/// A copy of a fixture course in a temp dir, with its own database path.
struct Course {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
}

fn course(name: &str) -> Course {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("course");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &root,
    );
    let db = dir.path().join("progress.db");
    Course {
        _dir: dir,
        root,
        db,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read fixture") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn notes(c: &Course) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_notes"));
    cmd.arg("--root")
        .arg(&c.root)
        .env("NOTES_DB", &c.db)
        .env("NOTES_NOW", NOW)
        .env("NO_COLOR", "1")
        .env_remove("NOTES_ROOT");
    cmd
}

/// Runs `notes quiz ARGS` with `input` on stdin.
fn quiz(c: &Course, args: &[&str], input: &str, now: &str) -> Output {
    let mut child = notes(c)
        .arg("quiz")
        .args(args)
        .env("NOTES_NOW", now)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn notes");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write answers");
    child.wait_with_output().expect("wait")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn redact(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        if line.starts_with("time: ") {
            out.push_str("time: [elapsed]\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn db(c: &Course) -> rusqlite::Connection {
    rusqlite::Connection::open(&c.db).expect("open db")
}

fn count(c: &Course, sql: &str) -> i64 {
    db(c).query_row(sql, [], |r| r.get(0)).expect("query")
}

#[test]
fn a_session_with_every_kind() {
    let c = course("quiz");
    // Order with seed 1: alpha-tf, alpha-deriv, beta-multi, alpha-num, beta-tf, alpha-choice,
    // then the two missed ones come back.
    let input = "t\n\n\n\n3\na,c\ne\n0.04\n\nt\nx\na\nf\n\nb\n\n";
    let o = quiz(&c, &["--seed", "1"], input, NOW);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    insta::assert_snapshot!("quiz_every_kind", redact(&text(&o)));
    // Eight answers logged; the Easy override replaced its Good, not added to it.
    assert_eq!(count(&c, "SELECT count(*) FROM reviews"), 8);
    assert_eq!(
        count(
            &c,
            "SELECT rating FROM reviews WHERE question_id = 'beta-multi'"
        ),
        4
    );
    assert_eq!(count(&c, "SELECT count(*) FROM cards"), 6);
}

#[test]
fn skip_undo_and_quit_mid_session() {
    let c = course("quiz");
    // alpha-tf answered, then undone at the next question and answered again wrongly, then
    // a skip, then quit.
    let input = "t\n\nu\nf\ns\nq\n";
    let o = quiz(&c, &["--seed", "1"], input, NOW);
    assert!(o.status.success());
    insta::assert_snapshot!("quiz_skip_undo_quit", redact(&text(&o)));
    assert_eq!(count(&c, "SELECT count(*) FROM reviews"), 1);
    assert_eq!(
        count(
            &c,
            "SELECT rating FROM reviews WHERE question_id = 'alpha-tf'"
        ),
        1,
        "the undone Good is gone; the Again stays"
    );
}

#[test]
fn nothing_due_says_when_the_next_review_is() {
    let c = course("quiz");
    let all_right = "t\n\n\n\n3\na,c\n\n0.04\n\nf\n\nb\n\n";
    let o = quiz(&c, &["--seed", "1"], all_right, NOW);
    assert!(o.status.success());
    let o = quiz(&c, &["--seed", "1"], "", NOW);
    assert!(o.status.success());
    let out = text(&o);
    assert!(
        out.starts_with("Nothing due in all topics. Next review in "),
        "{out}"
    );
    insta::assert_snapshot!("quiz_nothing_due", out);
}

#[test]
fn due_questions_come_back_later() {
    let c = course("quiz");
    let all_right = "t\n\n\n\n3\na,c\n\n0.04\n\nf\n\nb\n\n";
    quiz(&c, &["--seed", "1"], all_right, NOW);
    let later = "2026-12-30T09:00:00Z";
    let o = quiz(&c, &["--seed", "1", "--limit", "2"], "q\n", later);
    let out = text(&o);
    assert!(
        out.contains("2 questions from all topics (2 due, 0 new)"),
        "{out}"
    );
}

#[test]
fn unknown_topic_is_a_usage_error_with_a_suggestion() {
    let c = course("quiz");
    let o = quiz(&c, &["--topic", "alpah"], "", NOW);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("did you mean `alpha`?"), "{err}");
    assert!(
        !c.db.exists(),
        "no database is made for a session that never starts"
    );
}

#[test]
fn an_exam_gives_no_feedback_until_the_end() {
    let c = course("quiz");
    // Order with seed 2: alpha-deriv (self-graded Hard), alpha-tf (right), beta-multi (wrong).
    let o = quiz(&c, &["--exam", "3", "--seed", "2"], "\n2\nt\na\n", NOW);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = text(&o);
    assert!(!out.contains("✓"), "{out}");
    insta::assert_snapshot!("quiz_exam", redact(&out));
    assert_eq!(
        count(&c, "SELECT count(*) FROM reviews WHERE mode = 'exam'"),
        3
    );
}

#[test]
fn an_exam_time_limit_ends_the_exam() {
    let c = course("quiz");
    let mut child = notes(&c)
        .args(["quiz", "--exam", "4", "--time", "1s", "--seed", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Keep stdin open and silent: only the clock can end this exam.
    let _stdin = child.stdin.take();
    let o = child.wait_with_output().expect("wait");
    let out = text(&o);
    assert!(out.contains("Time is up."), "{out}");
    assert!(out.contains("4 unanswered"), "{out}");
}

#[test]
fn cram_does_not_change_the_schedule() {
    let c = course("quiz");
    let o = quiz(
        &c,
        &["--cram", "--seed", "1", "--topic", "beta"],
        "f\n\na\n",
        NOW,
    );
    assert!(o.status.success());
    assert_eq!(
        count(&c, "SELECT count(*) FROM reviews WHERE mode = 'cram'"),
        2
    );
    assert_eq!(count(&c, "SELECT count(*) FROM cards"), 0);
}

#[test]
fn show_prints_the_answer_and_working() {
    let c = course("quiz");
    let o = notes(&c)
        .args(["show", "alpha-deriv"])
        .output()
        .expect("run");
    assert!(o.status.success());
    insta::assert_snapshot!("show_derivation", text(&o));
    let o = notes(&c).args(["show", "alpha-drv"]).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `alpha-deriv`?"));
}

#[test]
fn stats_after_a_session() {
    let c = course("quiz");
    let o = notes(&c).args(["stats"]).output().expect("run");
    assert!(text(&o).contains("No progress yet"));
    quiz(&c, &["--seed", "1"], "t\n\n\n\n3\na,c\n\n0.04\n\nt\n", NOW);
    let o = notes(&c).args(["stats"]).output().expect("run");
    assert!(o.status.success());
    insta::assert_snapshot!("stats_human", text(&o));
    let o = notes(&c)
        .args(["stats", "--format", "json"])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let qs = v["questions"].as_array().expect("questions");
    let tf = qs.iter().find(|q| q["id"] == "alpha-tf").expect("alpha-tf");
    assert_eq!(tf["reps"], 1);
    assert_eq!(tf["last_review"], "2026-11-25T09:00:00Z");
    assert!(tf["stability"].as_f64().expect("stability") > 0.0);
    let beta = qs.iter().find(|q| q["id"] == "beta-tf").expect("beta-tf");
    assert_eq!(beta["lapses"], 0);
    assert_eq!(beta["phase"], "learning");
}

/// Drives a quiz like a person: answers whatever prompt is showing, counts the answers
/// acknowledged (feedback is printed only after the commit), and can be killed at any moment.
struct Driver {
    child: Child,
    out: Arc<Mutex<Vec<u8>>>,
    answered: usize,
}

impl Driver {
    fn start(c: &Course, args: &[&str]) -> Driver {
        let mut child = notes(c)
            .arg("quiz")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Driver {
            child,
            out,
            answered: 0,
        }
    }

    fn output(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().expect("lock")).into_owned()
    }

    /// Acknowledged answers so far: the verdict is printed only after the commit.
    fn acknowledged(&self) -> usize {
        let out = self.output();
        out.lines()
            .filter(|l| {
                l.starts_with("✓ right") || l.starts_with("✗ wrong") || l.starts_with("rated ")
            })
            .count()
    }

    /// Waits for a prompt and answers it. Returns false when the session is over.
    fn step(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = 0;
        loop {
            if Instant::now() > deadline {
                panic!("no prompt within 20 s:\n{}", self.output());
            }
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            let out = self.output();
            if out.len() != seen && out.ends_with("› ") {
                let last = out.rsplit('\n').next().unwrap_or("");
                let reply = if last.starts_with("true or false") {
                    "t"
                } else if last.starts_with("your answer") {
                    "1"
                } else if last.starts_with("your letter") {
                    "a"
                } else if last.starts_with("how did you do") {
                    "3"
                } else if last.starts_with("Enter next") {
                    ""
                } else {
                    "a"
                };
                let stdin = self.child.stdin.as_mut().expect("stdin");
                if writeln!(stdin, "{reply}").is_err() {
                    return false;
                }
                self.answered += 1;
                // Wait for the output to move past this prompt.
                let before = out.len();
                while self.output().len() == before {
                    if let Ok(Some(_)) = self.child.try_wait() {
                        return false;
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                return true;
            }
            seen = out.len();
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// A small deterministic generator for kill points.
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_answer() {
    let c = course("quiz");
    let mut seed = 42;
    let mut total_ack = 0;
    for round in 0..25 {
        let mut d = Driver::start(&c, &["--cram", "--seed", &round.to_string()]);
        let prompts = lcg(&mut seed) % 12;
        for _ in 0..prompts {
            if !d.step() {
                break;
            }
        }
        // Sometimes kill right after sending an answer, sometimes a little later.
        std::thread::sleep(Duration::from_micros(lcg(&mut seed) % 3000));
        let _ = d.child.kill();
        let _ = d.child.wait();
        total_ack += d.acknowledged();
        let stored = count(&c, "SELECT count(*) FROM reviews");
        assert!(
            stored as usize >= total_ack,
            "round {round}: {stored} stored < {total_ack} acknowledged"
        );
        let check: String = db(&c)
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity");
        assert_eq!(check, "ok");
    }
    assert!(total_ack > 10, "the test must actually answer questions");
}

#[test]
fn two_processes_on_one_database_lose_nothing() {
    let c = course("quiz");
    let mut a = Driver::start(&c, &["--cram", "--seed", "1"]);
    let mut b = Driver::start(&c, &["--cram", "--seed", "2"]);
    let (mut a_live, mut b_live) = (true, true);
    while a_live || b_live {
        if a_live {
            a_live = a.step();
        }
        if b_live {
            b_live = b.step();
        }
    }
    let _ = a.child.wait();
    let _ = b.child.wait();
    let acked = a.acknowledged() + b.acknowledged();
    assert!(
        acked >= 12,
        "both sessions answered all six questions: {acked}"
    );
    assert_eq!(count(&c, "SELECT count(*) FROM reviews") as usize, acked);
    let mut err = String::new();
    for d in [&mut a, &mut b] {
        if let Some(mut e) = d.child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
    }
    assert!(!err.contains("locked"), "{err}");
}
