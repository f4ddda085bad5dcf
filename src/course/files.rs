//! Reading a course's files: finding them, decoding them as the format allows (UTF-8, an
//! optional BOM, CRLF or LF), and parsing the notes and question banks — on every core, since
//! parsing is most of what `notes check` does and each file parses on its own.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::cache::FileKind;
use super::math_check::{Checker, Seen};
use super::note::{self, Note};
use super::question::Questions;
use super::{LoadError, parallel, validate};
use crate::diag::{Diagnostic, Loc};

/// Reads text as the format allows: UTF-8, an optional BOM, CRLF or LF line endings.
/// Returns the byte offset of the first invalid byte for non-UTF-8 files.
pub fn decode(bytes: Vec<u8>) -> Result<String, usize> {
    decode_or_return(bytes).map_err(|(_, at)| at)
}

/// [`decode`], handing the bytes back with the offset when they are not UTF-8.
fn decode_or_return(bytes: Vec<u8>) -> Result<String, (Vec<u8>, usize)> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        (e.into_bytes(), at)
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // Every file is searched: memchr compares 32 bytes at a time, `str::contains` 16.
    Ok(if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// A file read for parsing: its text, or why there is none (and, for a non-UTF-8 file, a
/// lossy copy to quote in the diagnostic).
pub(super) enum Text {
    Ok(String),
    Bad {
        diag: Diagnostic,
        quote: Option<String>,
    },
}

pub(super) fn read(root: &Path, rel: &Path) -> Text {
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            return Text::Bad {
                diag: Diagnostic::error(
                    "unreadable",
                    Loc::file(rel),
                    format!("cannot read {}: {e}", rel.display()),
                ),
                quote: None,
            };
        }
    };
    match decode_or_return(bytes) {
        Ok(text) => Text::Ok(text),
        Err((bytes, at)) => {
            // Located like any other file (BOM and CRLF read away), and quoted from a lossy
            // copy so the author sees the offending line.
            let before = decode(bytes[..at].to_vec()).unwrap_or_default();
            let loc = Loc::at_offset(rel, &before, before.len());
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            Text::Bad {
                diag: Diagnostic::error(
                    "not-utf8",
                    loc,
                    format!(
                        "{} is not UTF-8 text (invalid byte at offset {at})",
                        rel.display()
                    ),
                )
                .help("save the file as UTF-8"),
                quote: decode(lossy.into_bytes()).ok(),
            }
        }
    }
}

/// One note or question file, parsed.
pub(super) struct Parsed {
    pub rel: PathBuf,
    /// The text to keep for quoting in diagnostics.
    pub text: Option<String>,
    pub diags: Vec<Diagnostic>,
    pub note: Option<Note>,
    pub questions: Questions,
    /// The file's key in the math cache, when every formula in it rendered.
    pub clean: Option<u128>,
}

fn parse_file(
    root: &Path,
    rel: &Path,
    kind: FileKind,
    math: Option<&Checker>,
    seen: &mut Seen,
) -> Parsed {
    let mut parsed = Parsed {
        rel: rel.to_path_buf(),
        text: None,
        diags: Vec::new(),
        note: None,
        questions: Vec::new(),
        clean: None,
    };
    match read(root, rel) {
        Text::Ok(text) => {
            match kind {
                FileKind::Note => {
                    parsed.note = Some(note::parse_note(
                        rel,
                        &text,
                        &mut parsed.diags,
                        &mut parsed.questions,
                    ));
                }
                FileKind::Bank => {
                    validate::question_file(rel, &text, &mut parsed.diags, &mut parsed.questions);
                }
            }
            if let Some(math) = math {
                parsed.clean = math.file_cached(
                    seen,
                    kind,
                    &text,
                    parsed.note.as_ref(),
                    &parsed.questions,
                    &mut parsed.diags,
                );
            }
            parsed.text = Some(text);
        }
        Text::Bad { diag, quote } => {
            parsed.diags.push(diag);
            parsed.text = quote;
        }
    }
    parsed
}

/// Below this many files per core, threads cost more than they save.
const FILES_PER_THREAD: usize = 8;

/// Parses the notes, then the question banks, in that order, using the available cores; with
/// `math`, checks every formula of each file as it is parsed.
pub(super) fn parse_all(
    root: &Path,
    notes: &[PathBuf],
    banks: &[PathBuf],
    math: Option<&Checker>,
) -> Vec<Parsed> {
    let jobs: Vec<(&Path, FileKind)> = notes
        .iter()
        .map(|p| (p.as_path(), FileKind::Note))
        .chain(banks.iter().map(|p| (p.as_path(), FileKind::Bank)))
        .collect();
    parallel::map_with(
        &jobs,
        FILES_PER_THREAD,
        Seen::default,
        |seen, &(rel, kind)| parse_file(root, rel, kind, math, seen),
    )
}

/// Files under `dir` with one of the extensions, relative to `root`, sorted. Hidden entries
/// are skipped. Symlinked folders are followed, each real folder once: a link back up the
/// tree would otherwise be walked forever.
pub(super) fn walk(root: &Path, dir: &Path, exts: &[&str]) -> Result<Vec<PathBuf>, LoadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoadError::Io { path, source }
    };
    let mut seen = HashSet::new();
    seen.insert(std::fs::canonicalize(dir).map_err(io(dir))?);
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .map_err(io(&d))?
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            // The type comes with the entry on most systems: only a symlink (or a system that
            // does not say) needs a `stat` to know whether it leads to a folder.
            .map(|e| {
                let path = e.path();
                let dir = match e.file_type() {
                    Ok(t) if t.is_dir() => true,
                    Ok(t) if t.is_file() => false,
                    _ => path.is_dir(),
                };
                (path, dir)
            })
            .collect();
        // In name order, so that which of two routes to a folder is taken never varies.
        entries.sort();
        for (path, dir) in entries.into_iter().rev() {
            if dir {
                if std::fs::canonicalize(&path).is_ok_and(|real| seen.insert(real)) {
                    stack.push(path);
                }
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
            {
                out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}
