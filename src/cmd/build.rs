//! `notes build`: the revision sheet as a self-contained HTML page and a PDF.
//!
//! Wires the domain together: loads the course, its templates and (when it exists) the
//! progress database, builds the sheet model once, renders the outputs asked for, writes each
//! atomically (a temporary file in the same folder, then a rename), removes the temporary files
//! that killed builds left behind, and reports what it wrote.
//! Exit status: 0 built; 1 a template or Typst error stopped an output (located diagnostics
//! printed, the other output still written); 2 could not run.

use std::io::{IsTerminal, Write as _};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::bail;

use super::{Context, clock, db_path, scheduler_for};
use crate::cli::BuildArgs;
use crate::diag::{Diagnostic, Loc, SourceLookup, render_human};
use crate::sheet::{self, Options, Progress, Templates, html};
use crate::store::Store;

pub fn run(args: BuildArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let want_html = args.html || !args.pdf;
    let want_pdf = args.pdf || !args.html;
    if args.pdf && !cfg!(feature = "pdf") {
        bail!(
            "this `notes` was built without the PDF engine (cargo feature `pdf`), so it cannot \
             write the PDF: use --html, or reinstall with the default features (`cargo install --path .`)"
        );
    }
    let (course, diags) = ctx.load()?;
    let topics = course
        .resolve_topics(&args.topic)
        .map_err(anyhow::Error::msg)?;
    let templates = Templates::load(&course.root)?;
    let now = clock()?;
    let date = now.to_zoned_datetime(jiff::tz::TimeZone::system()).date();
    let db = db_path(&course, args.db.as_deref());
    // The weak spots are a bonus: a database that cannot be read costs them, not the sheet.
    let cards = match Store::open_existing(&db).and_then(|s| s.map(|s| s.cards()).transpose()) {
        Ok(Some(cards)) => Some(cards),
        Ok(None) => {
            if args.db.is_some() {
                eprintln!(
                    "note: no progress database at {}, so the sheet has no weak spots",
                    db.display()
                );
            }
            None
        }
        Err(e) => {
            // The error names the file and says it was left untouched.
            eprintln!(
                "warning: the sheet has no weak spots: {}",
                super::one_line(&e)
            );
            None
        }
    };
    let scheduler = scheduler_for(&course, None)?;
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| course.root.join("build"));
    std::fs::create_dir_all(&out_dir).map_err(|e| {
        // The folder that could not be written is the deepest one that exists.
        let parent = out_dir.ancestors().find(|a| a.is_dir()).unwrap_or(&out_dir);
        unwritable(
            e,
            parent,
            format!("cannot create the folder {}", out_dir.display()),
        )
    })?;

    let stderr_style = ctx.style(std::io::stderr().is_terminal());
    let errors_in_course = diags.iter().filter(|d| d.is_error()).count();
    if errors_in_course > 0 {
        eprintln!(
            "note: the course has {} (`notes check` lists them); questions with errors are left out",
            crate::diag::plural(errors_in_course, "error")
        );
    }

    let bar = Bar::start(std::io::stderr().is_terminal());
    let options = Options {
        topics: &topics,
        answers_inline: args.answers,
        date,
        progress: cards.as_ref().map(|cards| Progress {
            cards,
            scheduler: &scheduler,
            now,
        }),
    };
    let sheet = sheet::build(&course, &options, &mut |done, total| {
        bar.set("notes and questions", done, total)
    });
    let mut problems = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    let mut wrote = Vec::new();
    if want_html {
        bar.set("HTML page", 0, 0);
        let generator = format!("notes {}", env!("CARGO_PKG_VERSION"));
        match html::render(&sheet, &course.macros, &templates, &generator) {
            Ok(page) => {
                let path = out_dir.join("revision.html");
                write_atomic(&path, page.html.as_bytes())?;
                wrote.push((path, page.html.len(), None));
                problems.extend(page.problems);
            }
            Err(e) => errors.push(
                Diagnostic::error(
                    "template",
                    Loc::new(&e.file, e.line, e.column).with_len(e.len),
                    format!("the HTML template failed: {}", e.message),
                )
                .help("fix the template, or delete it from templates/ to use the built-in one"),
            ),
        }
    }
    #[cfg(feature = "pdf")]
    if want_pdf {
        bar.set("typesetting the PDF", 0, 0);
        match sheet::typst::compile(&sheet, &course.macros, &templates, &course.sources) {
            Ok(compiled) => {
                let path = out_dir.join("revision.pdf");
                write_atomic(&path, &compiled.pdf.bytes)?;
                wrote.push((path, compiled.pdf.bytes.len(), Some(compiled.pdf.pages)));
                problems.extend(compiled.problems);
                warnings.extend(compiled.warnings);
            }
            Err(diags) => errors.extend(diags),
        }
    }
    bar.finish();
    remove_stale_temporaries(&out_dir);

    problems.extend(sheet.problems.iter().cloned());
    for p in &problems {
        let d = sheet.diagnostic(p, &course.sources);
        if !warnings.contains(&d) {
            warnings.push(d);
        }
    }
    let lookup = Lookup {
        course: &course.sources,
        templates: &templates,
    };
    let mut report = String::new();
    for d in warnings.iter().chain(&errors) {
        report.push_str(&render_human(d, &lookup, stderr_style));
    }
    eprint!("{report}");
    let mut out = String::new();
    for (path, size, pages) in &wrote {
        let shown = path.strip_prefix(&ctx.cwd).unwrap_or(path);
        out.push_str(&format!("wrote {} ({}", shown.display(), human_size(*size)));
        if let Some(p) = pages {
            out.push_str(&format!(", {}", crate::diag::plural(*p, "page")));
        }
        out.push_str(")\n");
    }
    if want_pdf && !cfg!(feature = "pdf") {
        out.push_str(
            "no PDF: this `notes` was built without the PDF engine (cargo feature `pdf`)\n",
        );
    }
    super::print(&out);
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The outputs of a build, whose temporary files [`remove_stale_temporaries`] may delete.
const OUTPUTS: [&str; 2] = ["revision.html", "revision.pdf"];

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that
/// a reader never sees half a sheet and a failed build leaves the previous one in place.
/// The temporary file, `.{name}.{pid}.tmp`, is locked while it is written: a build killed
/// midway leaves it behind unlocked, and the next build removes it.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        // Where locks are not supported, stale temporary files are merely not cleaned up.
        let _ = file.lock();
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| unwritable(e, dir, format!("cannot write {}", path.display())))
}

/// Whether `file_name` is a temporary file of `write_atomic` for one of [`OUTPUTS`].
fn is_temporary(file_name: &str) -> bool {
    OUTPUTS.iter().any(|out| {
        file_name
            .strip_prefix('.')
            .and_then(|n| n.strip_prefix(out))
            .and_then(|n| n.strip_prefix('.'))
            .and_then(|n| n.strip_suffix(".tmp"))
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Deletes the temporary files that killed builds left in `dir`. One that is locked belongs to
/// a build still writing it, and stays. Best effort: a file that cannot be removed stays too.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_str().is_some_and(is_temporary) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// `what` failed because of `e` in `dir`. A permission error becomes one line that says what
/// to do; other errors keep their cause.
fn unwritable(e: std::io::Error, dir: &Path, what: String) -> anyhow::Error {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => anyhow::anyhow!(
            "{what}: the folder {} is not writable ({}); write the sheet elsewhere with --out DIR",
            dir.display(),
            e.kind()
        ),
        _ => anyhow::Error::new(e).context(what),
    }
}

fn human_size(bytes: usize) -> String {
    let b = bytes as f64;
    if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.0} kB", b / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

/// Course files and templates, for quoting diagnostics.
struct Lookup<'a> {
    course: &'a crate::course::Sources,
    templates: &'a Templates,
}

impl SourceLookup for Lookup<'_> {
    fn source(&self, file: &Path) -> Option<&str> {
        self.course
            .get(file)
            .or_else(|| self.templates.source(file))
    }
}

/// A progress bar on stderr, drawn by its own thread only when stderr is a terminal and the
/// build has taken over a second; it erases itself when the build ends.
struct Bar {
    state: Option<Arc<Shared>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

struct Shared {
    stage: Mutex<(&'static str, usize, usize)>,
    done: AtomicBool,
}

impl Bar {
    const DELAY: Duration = Duration::from_secs(1);
    const TICK: Duration = Duration::from_millis(100);

    fn start(tty: bool) -> Bar {
        if !tty {
            return Bar {
                state: None,
                thread: None,
            };
        }
        let shared = Arc::new(Shared {
            stage: Mutex::new(("starting", 0, 0)),
            done: AtomicBool::new(false),
        });
        let s = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            let start = Instant::now();
            let mut drawn = false;
            let mut frame = 0usize;
            while !s.done.load(Ordering::Relaxed) {
                std::thread::sleep(Self::TICK);
                if start.elapsed() < Self::DELAY || s.done.load(Ordering::Relaxed) {
                    continue;
                }
                let (stage, done, total) = *s.stage.lock().unwrap_or_else(|e| e.into_inner());
                eprint!(
                    "\r\x1b[2K{}",
                    line(stage, done, total, frame, start.elapsed())
                );
                drawn = true;
                frame += 1;
            }
            if drawn {
                eprint!("\r\x1b[2K");
            }
        });
        Bar {
            state: Some(shared),
            thread: Some(thread),
        }
    }

    fn set(&self, stage: &'static str, done: usize, total: usize) {
        if let Some(s) = &self.state {
            *s.stage.lock().unwrap_or_else(|e| e.into_inner()) = (stage, done, total);
        }
    }

    fn finish(mut self) {
        if let Some(s) = &self.state {
            s.done.store(true, Ordering::Relaxed);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// `[#########-----------]  34/120 notes and questions  1.4 s`, or a spinner when the stage
/// has no count.
fn line(stage: &str, done: usize, total: usize, frame: usize, elapsed: Duration) -> String {
    const WIDTH: usize = 24;
    let secs = elapsed.as_secs_f64();
    if total == 0 {
        const SPIN: [char; 4] = ['|', '/', '-', '\\'];
        return format!("{} {stage}…  {secs:.1} s", SPIN[frame % SPIN.len()]);
    }
    let filled = (done * WIDTH / total).min(WIDTH);
    format!(
        "[{}{}] {done:>4}/{total} {stage}  {secs:.1} s",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_lines() {
        assert_eq!(
            line("notes", 6, 12, 0, Duration::from_millis(1500)),
            "[############------------]    6/12 notes  1.5 s"
        );
        assert_eq!(
            line("typesetting", 0, 0, 1, Duration::from_secs(2)),
            "/ typesetting…  2.0 s"
        );
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(48_213), "48 kB");
        assert_eq!(human_size(1_260_000), "1.3 MB");
    }

    #[test]
    fn temporary_files_are_recognised_by_name() {
        for name in [".revision.html.123.tmp", ".revision.pdf.9.tmp"] {
            assert!(is_temporary(name), "{name}");
        }
        for name in [
            "revision.html",
            ".revision.html.tmp",
            ".revision.html.12a.tmp",
            ".notes.html.1.tmp",
            "revision.html.1.tmp",
        ] {
            assert!(!is_temporary(name), "{name}");
        }
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("out.html");
        write_atomic(&path, b"first").expect("written");
        write_atomic(&path, b"second").expect("rewritten");
        assert_eq!(std::fs::read(&path).expect("readable"), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listable")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.html")]);
    }
}
