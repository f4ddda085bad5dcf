//! Diagnostics as data.
//!
//! Parsers record where a problem is (file, line, column, length); this module owns the one
//! renderer that turns a [`Diagnostic`] into rustc-style text (`--> file:line:col`, the source
//! line and a caret) and the JSON form machines read. It never prints: callers get strings.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

/// How bad a finding is. Errors fail `notes check`; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a course file. Lines and columns are 1-based; columns count characters, as
/// editors do. `len` is the width of the caret underline in characters (at least 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loc {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub len: usize,
}

impl Loc {
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Loc {
        Loc {
            file: file.into(),
            line: line.max(1),
            column: column.max(1),
            len: 1,
        }
    }

    /// The start of a file, for problems that concern a whole file.
    pub fn file(file: impl Into<PathBuf>) -> Loc {
        Loc::new(file, 1, 1)
    }

    pub fn with_len(mut self, len: usize) -> Loc {
        self.len = len.max(1);
        self
    }

    /// Location of a byte offset in `text`.
    pub fn at_offset(file: impl Into<PathBuf>, text: &str, offset: usize) -> Loc {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Loc::new(file, line, column)
    }
}

/// Where each line of a text starts, so that offsets become lines (and lines become text)
/// without rescanning the file for every diagnostic, heading or link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Whether each line is ASCII, where a character column is a byte offset: quoting a
    /// multi-megabyte line then costs nothing, however many diagnostics point into it. Found
    /// when a diagnostic is first quoted: every note is indexed, few are quoted.
    ascii: OnceLock<Vec<bool>>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        // Every note is indexed when it is parsed: the line breaks are found many bytes at a
        // time. Room for lines of 40 bytes on average (notes run about 60): rarely a regrowth,
        // and no pass over the text just to count its lines.
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        LineIndex {
            starts,
            ascii: OnceLock::new(),
        }
    }

    /// Whether 1-based `line` of `text` (the text this index was made from) is pure ASCII.
    pub fn is_ascii(&self, text: &str, line: usize) -> bool {
        let ascii = self
            .ascii
            .get_or_init(|| text.split('\n').map(str::is_ascii).collect());
        line.checked_sub(1)
            .and_then(|i| ascii.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The byte where 1-based `line` starts (the text's end past the last line).
    pub fn line_start(&self, line: usize, text: &str) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len())
    }

    /// The location of byte `offset` of `text`: a binary search, then the characters of one
    /// line (where [`Loc::at_offset`] counts the whole text before the offset).
    pub fn loc(&self, file: impl Into<PathBuf>, text: &str, offset: usize) -> Loc {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line, text).min(offset);
        Loc::new(file, line, text[start..offset].chars().count() + 1)
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(text.len(), |&e| e - 1);
        text.get(start..end.max(start))
    }
}

/// Turns byte offsets of one text into [`Loc`]s. Offsets asked in increasing order (as a
/// parser meets them) cost only the distance between them, even on one multi-megabyte line.
#[derive(Debug)]
pub struct Locator<'a> {
    file: PathBuf,
    text: &'a str,
    index: LineIndex,
    /// The last answer: (byte offset, its line, its column).
    last: (usize, usize, usize),
}

impl<'a> Locator<'a> {
    pub fn new(file: impl Into<PathBuf>, text: &'a str) -> Locator<'a> {
        Locator {
            file: file.into(),
            text,
            index: LineIndex::new(text),
            last: (0, 1, 1),
        }
    }

    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index.line_of(offset)
    }

    pub fn loc(&mut self, offset: usize) -> Loc {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.index.line_of(offset);
        let (last_off, last_line, last_col) = self.last;
        let column = if line == last_line && offset >= last_off {
            last_col + self.text[last_off..offset].chars().count()
        } else {
            let start = self.index.line_start(line, self.text);
            self.text[start..offset].chars().count() + 1
        };
        self.last = (offset, line, column);
        Loc::new(self.file.clone(), line, column)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One finding. `code` is a stable kebab-case identifier (`missing-answer`) that tests, docs
/// and JSON consumers match on; `message` is for people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub loc: Loc,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Secondary places, such as the first definition of a duplicated id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub message: String,
    #[serde(flatten)]
    pub loc: Loc,
}

impl Diagnostic {
    pub fn error(code: &'static str, loc: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            loc,
            help: None,
            related: Vec::new(),
        }
    }

    pub fn warning(code: &'static str, loc: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, loc, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    pub fn related(mut self, loc: Loc, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related {
            message: message.into(),
            loc,
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Where the renderer finds the text of a file to quote its lines.
pub trait SourceLookup {
    fn source(&self, file: &Path) -> Option<&str>;

    /// 1-based line `line` of `file`, without its line break. Implementations that keep a
    /// [`LineIndex`] answer without rescanning the file for every diagnostic.
    fn line(&self, file: &Path, line: usize) -> Option<&str> {
        self.source(file)?.lines().nth(line.checked_sub(1)?)
    }

    /// Whether `line` of `file` is known to be pure ASCII (`false` when unsure).
    fn is_ascii_line(&self, _file: &Path, _line: usize) -> bool {
        false
    }
}

/// Styles for the human renderer; `plain()` for pipes and `NO_COLOR`.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Renders one diagnostic in the rustc style:
///
/// ```text
/// error[missing-answer]: question `flows-x` has no answer
///   --> questions/flows.yaml:12:5
///    |
/// 12 |     answer: TODO
///    |             ^^^^
///    = help: write the answer, or remove the question
/// ```
pub fn render_human(d: &Diagnostic, sources: &dyn SourceLookup, style: Style) -> String {
    let mut out = String::new();
    let (label, color) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let head = format!("{label}[{}]", d.code);
    let _ = writeln!(
        out,
        "{}{}",
        style.paint(color, &head),
        style.paint("1", &format!(": {}", d.message))
    );
    let gutter = d
        .related
        .iter()
        .map(|r| r.loc.line)
        .chain([d.loc.line])
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    quote(&mut out, &d.loc, None, sources, style, gutter, color);
    for r in &d.related {
        quote(
            &mut out,
            &r.loc,
            Some(&r.message),
            sources,
            style,
            gutter,
            "1;36",
        );
    }
    if let Some(help) = &d.help {
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad} {} {help}", style.paint("1;36", "= help:"));
    }
    out
}

fn quote(
    out: &mut String,
    loc: &Loc,
    label: Option<&str>,
    sources: &dyn SourceLookup,
    style: Style,
    gutter: usize,
    color: &str,
) {
    let pad = " ".repeat(gutter);
    let arrow = style.paint("1;34", "-->");
    let _ = writeln!(
        out,
        "{pad}{arrow} {}:{}:{}",
        loc.file.display(),
        loc.line,
        loc.column
    );
    let Some(line) = sources.line(&loc.file, loc.line) else {
        return;
    };
    let line = line.trim_end_matches('\r');
    // Long lines (minified data, multi-megabyte scalars) are cut around the column. On an
    // ASCII line the cut is a byte slice; otherwise characters are counted up to it.
    let start = loc.column.saturating_sub(60);
    let window = if sources.is_ascii_line(&loc.file, loc.line) {
        line.get(start.min(line.len())..).unwrap_or_default()
    } else {
        line.char_indices()
            .nth(start)
            .map_or("", |(i, _)| &line[i..])
    };
    let shown: String = window
        .chars()
        .take(120)
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let end = start + shown.chars().count();
    let bar = style.paint("1;34", "|");
    let num = style.paint("1;34", &format!("{:>gutter$}", loc.line));
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(out, "{num} {bar} {shown}");
    let caret_col = loc.column.saturating_sub(1).saturating_sub(start);
    let width = loc.len.min(end.saturating_sub(start + caret_col)).max(1);
    let carets = style.paint(color, &"^".repeat(width));
    let label = label.map(|l| format!(" {l}")).unwrap_or_default();
    let _ = writeln!(out, "{pad} {bar} {}{carets}{label}", " ".repeat(caret_col));
}

/// Counts errors and warnings.
pub fn tally(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

/// "1 error", "2 warnings".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The closest candidate to `wanted` by edit distance, if it is close enough to be a
/// plausible typo (at most a third of the word's length, and at least one edit allowed).
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance with adjacent transpositions counted as one edit (optimal string alignment):
/// `titel` is one edit from `title`, as a typist would count it.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for transpositions), previous, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 0..a.len() {
        cur[0] = i + 1;
        for j in 0..b.len() {
            let cost = usize::from(a[i] != b[j]);
            let mut d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    struct One(&'static str);
    impl SourceLookup for One {
        fn source(&self, _: &Path) -> Option<&str> {
            Some(self.0)
        }
    }

    struct Ascii(&'static str);
    impl SourceLookup for Ascii {
        fn source(&self, _: &Path) -> Option<&str> {
            Some(self.0)
        }
        fn is_ascii_line(&self, _: &Path, _: usize) -> bool {
            true
        }
    }

    #[test]
    fn renders_caret_under_column() {
        let d = Diagnostic::error(
            "missing-answer",
            Loc::new("q.yaml", 2, 13).with_len(4),
            "no answer",
        )
        .help("write one");
        let out = render_human(&d, &One("a: 1\n    answer: TODO\n"), Style { color: false });
        assert_eq!(
            out,
            "error[missing-answer]: no answer\n --> q.yaml:2:13\n  |\n2 |     answer: TODO\n  |             ^^^^\n  = help: write one\n"
        );
    }

    #[test]
    fn line_index_lines_and_ascii_flags() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\n\n",
            "ab\nπx\n\nlast",
            "é",
            "x\né\n",
        ] {
            let index = LineIndex::new(text);
            let lines: Vec<&str> = text.split('\n').collect();
            for (i, want) in lines.iter().enumerate() {
                assert_eq!(
                    index.line(text, i + 1),
                    Some(*want),
                    "{text:?} line {}",
                    i + 1
                );
                assert_eq!(
                    index.is_ascii(text, i + 1),
                    want.is_ascii(),
                    "{text:?} line {}",
                    i + 1
                );
            }
            assert_eq!(index.line(text, lines.len() + 1), None, "{text:?}");
        }
    }

    #[test]
    fn line_index_and_locator_agree_with_at_offset() {
        let text = "ab\nπx\n\nlast";
        let mut locator = Locator::new("f", text);
        let index = LineIndex::new(text);
        // Forwards, backwards and repeated offsets, including inside a multi-byte char.
        for off in (0..=text.len())
            .chain((0..=text.len()).rev())
            .chain([4, 4, 1, 9])
        {
            let want = Loc::at_offset("f", text, off);
            assert_eq!(locator.loc(off), want, "offset {off}");
            assert_eq!(index.loc("f", text, off), want, "offset {off}");
            if text.is_char_boundary(off) {
                assert_eq!(index.line_of(off), want.line, "offset {off}");
            }
        }
        assert_eq!(index.line(text, 1), Some("ab"));
        assert_eq!(index.line(text, 3), Some(""));
        assert_eq!(index.line(text, 4), Some("last"));
        assert_eq!(index.line(text, 5), None);
        assert_eq!(index.line(text, 0), None);
        assert_eq!(index.line_start(2, text), 3);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}ERR{}", "a".repeat(1000), "b".repeat(1000));
        let d = Diagnostic::error("x", Loc::new("f", 1, 1001).with_len(3), "m");
        let src: &'static str = Box::leak(line.into_boxed_str());
        // Counting characters, and slicing bytes when the line is known to be ASCII.
        let by_chars = render_human(&d, &One(src), Style { color: false });
        let by_bytes = render_human(&d, &Ascii(src), Style { color: false });
        assert_eq!(by_chars, by_bytes);
        let quoted = by_chars.lines().nth(3).expect("the quoted line");
        assert_eq!(
            quoted,
            format!("1 | {}ERR{}", "a".repeat(59), "b".repeat(58))
        );
        let carets = by_chars.lines().nth(4).expect("the caret line");
        assert_eq!(carets, format!("  | {}^^^", " ".repeat(59)));
    }

    #[test]
    fn offsets_map_to_lines_and_char_columns() {
        let loc = Loc::at_offset("f", "ab\nπx\n", 5);
        assert_eq!((loc.line, loc.column), (2, 2));
        // Inside a multi-byte char: floor to its start.
        let loc = Loc::at_offset("f", "π", 1);
        assert_eq!((loc.line, loc.column), (1, 1));
    }

    #[test]
    fn suggests_close_names_only() {
        let c = ["answer", "prompt", "why"];
        assert_eq!(did_you_mean("anwser", c), Some("answer"));
        assert_eq!(did_you_mean("zzzzzz", c), None);
        assert_eq!(did_you_mean("alpah", ["alpha", "beta"]), Some("alpha"));
    }

    /// Regression: `titel` (a transposition) found no suggestion, because plain Levenshtein
    /// counts a swap as two edits and a five-letter word allows only one.
    #[test]
    fn transpositions_count_as_one_edit() {
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("vea", "vae"), 1);
        assert_eq!(edit_distance("anwser", "answer"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(
            did_you_mean("titel", ["topic", "title", "order"]),
            Some("title")
        );
    }
}
