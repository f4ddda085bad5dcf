//! A build killed midway — by SIGKILL, or by Ctrl-C or SIGTERM, which `notes` does not catch —
//! leaves `build/revision.html` as it was or as the new complete sheet, never part of one. The
//! temporary file it may leave says what it is by its name, and the next build removes it
//! (but not one that another build is still writing).

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::names;
use crate::support::{Course, command};

const NOW: &str = "2026-11-25T09:00:00Z";
/// The day of the "previous" build: its sheet differs from today's by the date in it.
const EARLIER: &str = "2026-11-18T09:00:00Z";

/// A course of `topics` notes with math and one question each: big enough that a debug build
/// takes a noticeable fraction of a second, so that kills land in every stage of it.
fn big_course(topics: usize) -> Course {
    let course = Course::empty();
    for t in 0..topics {
        let mut note =
            format!("---\ntopic: t{t}\ntitle: Topic {t}\norder: {t}\n---\n# Topic {t}\n");
        for s in 0..6 {
            note.push_str(&format!(
                "\n## Section {s} {{#s{s}}}\n\nThe density $p_{{{t}}}(x_{s}) = \\frac{{1}}{{\\sqrt{{2\\pi}}}} \
                 e^{{-x^2/2}}$ integrates to one, and $\\log p(x) \\ge \\mathbb{{E}}_{{q(z)}}[\\log \
                 p(x, z) - \\log q(z)]$ for every $q$.\n\n$$\\sum_{{i=1}}^{{{s}}} \\int_0^1 \
                 \\left(\\frac{{\\partial f_i}}{{\\partial x}}\\right)^2 dx \\le {t}$$\n"
            ));
        }
        course.write(&format!("notes/t{t}.md"), note);
        course.write(
            &format!("questions/t{t}.yaml"),
            format!(
                "topic: t{t}\nquestions:\n  - id: t{t}-tf\n    kind: true-false\n    \
                 prompt: $p_{{{t}}}$ integrates to one.\n    answer: true\n    \
                 why: It is a density.\n    see: t{t}#s0\n"
            ),
        );
    }
    course
}

fn build_command(course: &Course, now: &str) -> std::process::Command {
    let mut cmd = command(course.root());
    cmd.args(["build", "--html", "--root"])
        .arg(course.root())
        .env_remove("NOTES_DB")
        .env("NOTES_NOW", now)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Builds to the end.
fn build(course: &Course, now: &str) {
    let out = build_command(course, now)
        .stderr(Stdio::piped())
        .output()
        .expect("run notes build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A small deterministic generator for kill points (as in `quiz.rs`).
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

/// A signal `notes` does not handle ends it as SIGKILL does; sent with kill(1).
fn signal(child: &mut Child, name: &str) {
    if name == "KILL" {
        let _ = child.kill();
        return;
    }
    let status = std::process::Command::new("kill")
        .args(["-s", name, &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -s {name}");
}

/// A name that `write_atomic` gives its temporary file: `.revision.html.<pid>.tmp`.
fn is_temporary(name: &str) -> bool {
    name.strip_prefix(".revision.html.")
        .and_then(|n| n.strip_suffix(".tmp"))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Waits until the build starts writing into `dir` (a new file, or `revision.html` replaced or
/// changed) or ends.
fn wait_for_writing(child: &mut Child, dir: &Path) {
    use std::os::unix::fs::MetadataExt as _;
    let sheet = dir.join("revision.html");
    let old = std::fs::metadata(&sheet).expect("stat the sheet");
    let files = names(dir);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        let changed = std::fs::metadata(&sheet)
            .map_or(true, |m| m.ino() != old.ino() || m.len() != old.len());
        if changed || names(dir) != files {
            return;
        }
        std::thread::sleep(Duration::from_micros(50));
    }
    panic!("the build neither wrote nor ended within 30 s");
}

#[test]
fn a_killed_build_leaves_the_old_sheet_or_the_new_one_never_part_of_one() {
    let course = big_course(80);
    let dir = course.root().join("build");
    let sheet = dir.join("revision.html");
    build(&course, EARLIER);
    let old = std::fs::read(&sheet).expect("the earlier sheet");
    let started = Instant::now();
    build(&course, NOW);
    let took = started.elapsed();
    let new = std::fs::read(&sheet).expect("today's sheet");
    assert_ne!(
        old, new,
        "the two sheets must differ for the test to tell them apart"
    );
    assert!(
        new.ends_with(b"</html>\n"),
        "a complete sheet ends the page"
    );

    let mut seed = 7;
    let (mut kept_old, mut got_new) = (0, 0);
    for round in 0..10 {
        std::fs::write(&sheet, &old).expect("put the earlier sheet back");
        let mut child = build_command(&course, NOW)
            .spawn()
            .expect("spawn notes build");
        let how = match round % 4 {
            0 | 2 => {
                // Anywhere in the build: loading, rendering, writing, or after it ended.
                let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
                std::thread::sleep(Duration::from_micros(
                    lcg(&mut seed) % (micros + micros / 4),
                ));
                ["TERM", "INT"][round % 4 / 2]
            }
            1 => {
                // The moment it starts writing: the window a write in place would expose.
                wait_for_writing(&mut child, &dir);
                "KILL"
            }
            _ => {
                // While it writes, or just after.
                wait_for_writing(&mut child, &dir);
                std::thread::sleep(Duration::from_micros(lcg(&mut seed) % 20_000));
                "KILL"
            }
        };
        signal(&mut child, how);
        let _ = child.wait();

        let now = std::fs::read(&sheet).expect("the sheet is still there");
        assert!(
            now == old || now == new,
            "round {round} (SIG{how}): a sheet of {} bytes that is neither the old ({}) nor the \
             new one ({}); it ends with {:?}",
            now.len(),
            old.len(),
            new.len(),
            String::from_utf8_lossy(&now[now.len().saturating_sub(40)..])
        );
        if now == old {
            kept_old += 1;
        } else {
            got_new += 1;
        }
        for name in names(&dir) {
            assert!(
                name == "revision.html" || is_temporary(&name),
                "round {round}: a file in build/ that is not clearly temporary: {name}"
            );
        }
    }
    assert!(
        kept_old > 0,
        "no kill landed inside a build ({got_new} rounds ended with the new sheet)"
    );

    // The next build replaces the sheet and removes what the killed ones left.
    build(&course, NOW);
    assert_eq!(names(&dir), ["revision.html"]);
    assert!(std::fs::read(&sheet).expect("the sheet") == new);
}

#[test]
fn the_next_build_removes_stale_temporary_files_but_not_one_being_written() {
    let course = Course::fixture("quiz");
    let dir = course.root().join("build");
    std::fs::create_dir(&dir).expect("create build/");
    let stale = [".revision.html.4000001.tmp", ".revision.pdf.77.tmp"];
    let others = [".revision.html.tmp", "revision.html.1.tmp", "notes.txt"];
    for name in stale.iter().chain(&others) {
        std::fs::write(dir.join(name), "<html><body>half a sh").expect("write");
    }
    // A build still writing its temporary file holds a lock on it.
    let live = dir.join(".revision.html.4000002.tmp");
    let writing = std::fs::File::create(&live).expect("create");
    writing.lock().expect("lock");

    build(&course, NOW);
    let mut expected = vec!["revision.html", ".revision.html.4000002.tmp"];
    expected.extend(others);
    expected.sort_unstable();
    assert_eq!(names(&dir), expected);

    // Once that build has ended (here: dropped its lock), its file is stale too.
    drop(writing);
    build(&course, NOW);
    expected.retain(|n| *n != ".revision.html.4000002.tmp");
    assert_eq!(names(&dir), expected);
}
