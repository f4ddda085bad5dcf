//! Everything done to a formula's text before pulldown-latex parses it: course macros are
//! expanded (with arguments, nested, with limits), and the known gaps of pulldown-latex 0.8 are
//! rewritten into what it renders well. A [`SourceMap`] remembers where every byte of the
//! result came from, so that errors point at what the author wrote (at the call site when the
//! error is inside an expansion).
//!
//! Rewrites, each because pulldown-latex 0.8 gets the original wrong:
//! - `\operatorname*{arg\,max}` swallows the rest of the formula → `\mathop{arg max}` (limits,
//!   movable like amsmath's); `\operatorname{arg\,max}` shows a literal `\,` → spacing becomes a
//!   plain space inside the name.
//! - `\bm` and `\mathscr` are unknown → `\boldsymbol` and `\mathcal` (Unicode has a single
//!   script alphabet, so `\mathscr` and `\mathcal` cannot differ in MathML anyway).
//! - `\text{…}` shows its argument raw → escapes (`\%`, `\&`), `~`, braces and `$…$` inside
//!   it are resolved here; `\mbox`, `\textnormal`, `\hbox` become `\text`.
//! - `~` and `\ ` render as the literal text `&nbsp;` → `\;`.
//! - Numbered environments (`align`, `equation`, …) would number every formula from (1) in
//!   HTML but not in the PDF → their starred forms; `\nonumber`, `\notag`, `\label` are dropped
//!   and `\tag{x}` becomes `\qquad\text{(x)}`.

use super::MathError;
use super::lex::{self, Arg};
use super::macros::Macros;

/// Blanks put around the expanded text. pulldown-latex reports an error's place only as a
/// context window of 12 bytes either side; with this much padding the window always starts
/// inside the text, so the error's offset can be recovered exactly (see `parse.rs`).
pub(super) const PAD: usize = 12;

/// A macro may expand into macros at most this deep: a recursive definition must fail fast.
const MAX_DEPTH: u32 = 32;
/// An expansion may grow the formula to at most this many bytes.
const MAX_OUTPUT: usize = 256 * 1024;

/// The text handed to pulldown-latex and where each of its bytes came from.
#[derive(Debug)]
pub(super) struct Expanded {
    pub text: String,
    pub map: SourceMap,
}

/// Maps byte offsets of the expanded text back to the author's text.
#[derive(Debug, Default)]
pub(super) struct SourceMap {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Where the piece starts in the expanded text.
    out: usize,
    /// Where it came from in the author's text.
    src: usize,
    /// Copied byte for byte (offsets inside map linearly), or produced by an expansion or a
    /// rewrite (every offset inside maps to `src`, the call site).
    verbatim: bool,
}

impl SourceMap {
    /// The author's byte offset for a byte offset into the expanded text.
    pub fn source_offset(&self, out: usize) -> usize {
        let idx = self.pieces.partition_point(|p| p.out <= out);
        match idx.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(p) if p.verbatim => p.src + (out - p.out),
            Some(p) => p.src,
            None => 0,
        }
    }
}

/// Where the text being scanned came from.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// The author's own text, starting at this offset of the formula.
    Author(usize),
    /// The body of an expansion whose outermost call starts at this offset.
    Call(usize),
}

impl Origin {
    fn offset(self, local: usize) -> usize {
        match self {
            Origin::Author(base) => base + local,
            Origin::Call(at) => at,
        }
    }
}

/// Expands `tex` with the course's macros and the built-in rewrites. Problems found on the way
/// (a missing macro argument, a runaway recursion, an unsupported command inside `\text`) are
/// returned with the text, which is still as complete as possible so that parsing can go on and
/// find further problems.
pub(super) fn expand(tex: &str, macros: &Macros) -> (Expanded, Vec<MathError>) {
    let mut x = Expander {
        macros,
        out: String::with_capacity(tex.len() + 2 * PAD + 16),
        map: SourceMap::default(),
        errors: Vec::new(),
        overflowed: false,
    };
    x.emit(&" ".repeat(PAD), 0, false);
    x.run(tex, Origin::Author(0), 0);
    x.emit(&" ".repeat(PAD), tex.len(), false);
    (
        Expanded {
            text: x.out,
            map: x.map,
        },
        x.errors,
    )
}

struct Expander<'m> {
    macros: &'m Macros,
    out: String,
    map: SourceMap,
    errors: Vec<MathError>,
    overflowed: bool,
}

/// The commands rewritten to `\text`, and those pulldown-latex already knows as text.
fn text_command(name: &str) -> Option<&'static str> {
    Some(match name {
        "text" | "mbox" | "hbox" | "textnormal" | "textup" | "textmd" => "text",
        "textrm" => "textrm",
        "textbf" => "textbf",
        "textit" => "textit",
        "textsf" => "textsf",
        "texttt" => "texttt",
        _ => return None,
    })
}

/// Environments that number their lines in LaTeX; we render their starred forms.
fn numbered_environment(name: &str) -> bool {
    matches!(name, "equation" | "align" | "gather" | "alignat")
}

impl Expander<'_> {
    /// Appends `s`, remembering that it came from `src` (byte for byte when `verbatim`).
    fn emit(&mut self, s: &str, src: usize, verbatim: bool) {
        if s.is_empty() {
            return;
        }
        let out = self.out.len();
        let continues = self
            .map
            .pieces
            .last()
            .is_some_and(|p| p.verbatim && verbatim && p.src + (out - p.out) == src);
        if !continues {
            self.map.pieces.push(Piece { out, src, verbatim });
        }
        self.out.push_str(s);
    }

    /// Copies `s[from..to]` as it is.
    fn copy(&mut self, s: &str, from: usize, to: usize, origin: Origin) {
        if from < to {
            let verbatim = matches!(origin, Origin::Author(_));
            self.emit(&s[from..to], origin.offset(from), verbatim);
        }
    }

    fn error(&mut self, offset: usize, command: Option<&str>, message: String) {
        self.errors.push(MathError {
            offset,
            message,
            command: command.map(|c| format!("\\{c}")),
        });
    }

    /// Scans `s`, copying it to the output with expansions and rewrites applied.
    fn run(&mut self, s: &str, origin: Origin, depth: u32) {
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut copied = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => {
                    let cs = lex::control_seq(s, i);
                    if let Some(end) = self.control(s, i, cs, origin, depth, copied) {
                        i = end;
                        copied = end;
                    } else {
                        i = cs.end.max(i + 1);
                    }
                }
                b'%' => {
                    self.copy(s, copied, i, origin);
                    self.emit(" ", origin.offset(i), false);
                    i = lex::line_end(s, i);
                    copied = i;
                }
                b'~' => {
                    self.copy(s, copied, i, origin);
                    self.emit("\\;", origin.offset(i), false);
                    i += 1;
                    copied = i;
                }
                b'^' if prime_superscript(&s[i..]).is_some() => {
                    // `x^{\prime}` as a MathML superscript draws a tiny raised prime; the
                    // prime character is already a superscript glyph, as `x'` gives it.
                    let (primes, len) = prime_superscript(&s[i..]).unwrap_or(("", 1));
                    self.copy(s, copied, i, origin);
                    self.emit(primes, origin.offset(i), false);
                    i += len;
                    copied = i;
                }
                b'\n' | b'\r' | b'\t' => {
                    self.copy(s, copied, i, origin);
                    self.emit(" ", origin.offset(i), false);
                    i += 1;
                    copied = i;
                }
                _ => i += 1,
            }
        }
        self.copy(s, copied, bytes.len(), origin);
    }

    /// Handles the control sequence `cs` whose backslash is at `at`. Returns where scanning
    /// resumes when it was expanded or rewritten (after flushing `s[copied..at]`), `None` when it
    /// is left for pulldown-latex as written.
    fn control(
        &mut self,
        s: &str,
        at: usize,
        cs: lex::ControlSeq<'_>,
        origin: Origin,
        depth: u32,
        copied: usize,
    ) -> Option<usize> {
        let name = cs.name;
        if cs.is_word()
            && let Some(def) = self.macros.get(name)
        {
            let (params, body) = (def.params, def.body.clone());
            self.copy(s, copied, at, origin);
            return Some(self.call(s, at, cs.end, name, params, &body, origin, depth));
        }
        let rewritten = match name {
            "bm" => "\\boldsymbol",
            "mathscr" => "\\mathcal",
            // pulldown-latex makes \mu the micro sign µ, which no math alphabet (\boldsymbol)
            // maps; the Greek letter is what the author meant.
            "mu" => "μ",
            // As delimiters of their own (not after \left) pulldown-latex writes these as
            // opening and closing operators, which browsers space like `|x |`.
            "lvert" | "rvert" | "vert" if !after_left(s, at) => "|",
            "lVert" | "rVert" | "Vert" if !after_left(s, at) => "\\|",
            "char" => return self.char_code(s, at, cs.end, origin, copied),
            " " | "\n" | "\t" | "\r" => "\\;",
            "nonumber" | "notag" => "",
            "operatorname" => {
                return self.operatorname(s, at, cs.end, origin, copied);
            }
            "label" | "tag" => return self.tag(s, at, cs.end, name, origin, depth, copied),
            "begin" | "end" => return self.environment(s, at, cs.end, name, origin, copied),
            _ => match text_command(name) {
                Some(target) => return self.text(s, at, cs.end, target, origin, depth, copied),
                None => return None,
            },
        };
        self.copy(s, copied, at, origin);
        self.emit(rewritten, origin.offset(at), false);
        Some(cs.end)
    }

    /// `\char` must be followed by a number (`65`, `'101`, `"41`, `` `A ``); pulldown-latex 0.8
    /// panics on a non-ASCII character there, so anything else is refused here.
    fn char_code(
        &mut self,
        s: &str,
        at: usize,
        after_name: usize,
        origin: Origin,
        copied: usize,
    ) -> Option<usize> {
        let rest = &s[lex::skip_blank(s, after_name)..];
        let mut chars = rest.chars();
        let ok = match chars.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some('\'' | '"') => chars.next().is_some_and(|c| c.is_ascii_hexdigit()),
            Some('`') => match chars.next() {
                Some('\\') => chars.next().is_some_and(|c| c.is_ascii()),
                Some(c) => c.is_ascii(),
                None => false,
            },
            _ => false,
        };
        if ok {
            return None;
        }
        self.copy(s, copied, at, origin);
        self.error(
            origin.offset(at),
            Some("char"),
            "\\char needs a character code such as 65 or `A".into(),
        );
        self.emit("{}", origin.offset(at), false);
        Some(after_name)
    }

    /// Expands one call of a course macro whose name ends at `after_name`.
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site; the state is the scanner's"
    )]
    fn call(
        &mut self,
        s: &str,
        at: usize,
        after_name: usize,
        name: &str,
        params: u8,
        body: &str,
        origin: Origin,
        depth: u32,
    ) -> usize {
        let call_site = origin.offset(at);
        let mut args: Vec<&str> = Vec::with_capacity(usize::from(params));
        let mut end = after_name;
        for n in 1..=params {
            match lex::argument(s, end) {
                Arg::Found { text, end: next } => {
                    args.push(&s[text]);
                    end = next;
                }
                Arg::Missing { unclosed, .. } => {
                    let why = if unclosed {
                        format!("argument {n} of \\{name} is never closed with }}")
                    } else {
                        let takes = if params == 1 {
                            "1 argument".to_owned()
                        } else {
                            format!("{params} arguments")
                        };
                        format!("\\{name} takes {takes} but argument {n} is missing")
                    };
                    self.error(call_site, Some(name), why);
                    self.emit("{}", call_site, false);
                    return end;
                }
            }
        }
        if self.overflowed {
            return end;
        }
        if depth >= MAX_DEPTH || self.out.len() > MAX_OUTPUT {
            self.overflowed = true;
            self.error(
                call_site,
                Some(name),
                format!("\\{name} expands without end (a macro that uses itself?); stopped after {MAX_DEPTH} levels"),
            );
            return end;
        }
        let expansion = substitute(body, &args);
        self.run(&expansion, Origin::Call(call_site), depth + 1);
        let letter_follows = s[end..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic());
        if letter_follows && lex::ends_with_control_word(&expansion) {
            // `\newcommand{\x}{\alpha}` then `\x y` must not become `\alphay`.
            self.emit(" ", call_site, false);
        }
        end
    }

    /// `\operatorname{arg\,max}` → `\operatorname{arg max}`; `\operatorname*{…}` → `\mathop{…}`.
    fn operatorname(
        &mut self,
        s: &str,
        at: usize,
        after_name: usize,
        origin: Origin,
        copied: usize,
    ) -> Option<usize> {
        let starred = s[after_name..].starts_with('*');
        let arg_at = after_name + usize::from(starred);
        let Arg::Found { text, end } = lex::argument(s, arg_at) else {
            return None;
        };
        self.copy(s, copied, at, origin);
        let call_site = origin.offset(at);
        let raw = &s[text];
        match clean_operator_name(raw) {
            Ok(clean) if clean.is_empty() => {
                self.error(
                    call_site,
                    Some("operatorname"),
                    "\\operatorname{…} is empty".into(),
                );
                self.emit("{}", call_site, false);
            }
            Ok(clean) => {
                let rewritten = if !starred {
                    format!("\\operatorname{{{clean}}}")
                } else if clean.chars().count() > 1 {
                    // pulldown-latex renders a multi-letter \mathop group as an operator name
                    // with movable limits, which is exactly amsmath's \operatorname*.
                    format!("\\mathop{{{clean}}}")
                } else {
                    format!("\\operatorname{{{clean}}}\\limits")
                };
                self.emit(&rewritten, call_site, false);
            }
            Err(bad) => {
                self.error(
                    call_site,
                    Some("operatorname"),
                    format!("\\operatorname{{…}} may hold only letters and spacing, not `{bad}`"),
                );
                self.emit("{}", call_site, false);
            }
        }
        Some(end)
    }

    /// `\label{…}` is dropped; `\tag{x}` becomes `\qquad\text{(x)}` (`\tag*{x}`: without parens).
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site; the state is the scanner's"
    )]
    fn tag(
        &mut self,
        s: &str,
        at: usize,
        after_name: usize,
        name: &str,
        origin: Origin,
        depth: u32,
        copied: usize,
    ) -> Option<usize> {
        let starred = s[after_name..].starts_with('*');
        let Arg::Found { text, end } = lex::argument(s, after_name + usize::from(starred)) else {
            return None;
        };
        self.copy(s, copied, at, origin);
        if name == "tag" {
            let call_site = origin.offset(at);
            let label = &s[text];
            let wrapped = if starred {
                format!("{{{label}}}")
            } else {
                format!("{{({label})}}")
            };
            self.emit("\\qquad", call_site, false);
            self.text(&wrapped, 0, 0, "text", Origin::Call(call_site), depth, 0);
        }
        Some(end)
    }

    /// `\begin{align}` → `\begin{align*}` and so on for numbered environments.
    fn environment(
        &mut self,
        s: &str,
        at: usize,
        after_name: usize,
        name: &str,
        origin: Origin,
        copied: usize,
    ) -> Option<usize> {
        let Arg::Found { text, end } = lex::argument(s, after_name) else {
            return None;
        };
        let env = s[text.clone()].trim();
        if name == "begin" && env.trim_end_matches('*').ends_with("alignat") || env == "alignedat" {
            // pulldown-latex 0.8 panics on a non-ASCII column count; insist on digits.
            let digits = match lex::argument(s, end) {
                Arg::Found { text, .. } => {
                    !s[text.clone()].is_empty() && s[text].bytes().all(|b| b.is_ascii_digit())
                }
                Arg::Missing { .. } => false,
            };
            if !digits {
                self.copy(s, copied, at, origin);
                self.error(
                    origin.offset(at),
                    Some("begin"),
                    format!(
                        "\\begin{{{env}}} needs its number of columns, as in \\begin{{{env}}}{{2}}"
                    ),
                );
                self.emit("{}", origin.offset(at), false);
                return Some(end);
            }
        }
        if !numbered_environment(env) || !s[..end].ends_with('}') {
            return None;
        }
        self.copy(s, copied, at, origin);
        self.emit(&format!("\\{name}{{{env}*}}"), origin.offset(at), false);
        Some(end)
    }

    /// Resolves what pulldown-latex would show raw inside `\text{…}`: escapes, `~`, braces,
    /// and `$…$` (expanded as math between text pieces).
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site; the state is the scanner's"
    )]
    fn text(
        &mut self,
        s: &str,
        at: usize,
        after_name: usize,
        target: &str,
        origin: Origin,
        depth: u32,
        copied: usize,
    ) -> Option<usize> {
        let Arg::Found { text, end } = lex::argument(s, after_name) else {
            return None;
        };
        if !s[..end].ends_with('}') {
            // A single-token argument (`\text x`) is fine as it is.
            return None;
        }
        self.copy(s, copied, at, origin);
        let content = &s[text.clone()];
        let base = text.start;
        let mut parts = TextParts {
            target,
            run: String::new(),
            run_at: origin.offset(base),
            pieces: 0,
            wrap_at: self.out.len(),
        };
        let bytes = content.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = content[i..].chars().next().unwrap_or(' ');
            if parts.run.is_empty() {
                parts.run_at = origin.offset(base + i);
            }
            match c {
                '\\' => {
                    let cs = lex::control_seq(content, i);
                    match cs.name {
                        "&" | "#" | "_" | "$" => parts.run.push_str(cs.name),
                        // A raw % would start a comment inside pulldown-latex's text group.
                        "{" | "}" | "%" => {
                            parts.flush(self);
                            self.emit(&format!("\\{}", cs.name), origin.offset(base + i), false);
                            parts.pieces += 1;
                        }
                        " " | "," | ";" | ":" | ">" | "quad" | "qquad" | "enspace"
                        | "thinspace" => {
                            parts.push_space();
                        }
                        other => {
                            let shown = if other.is_empty() {
                                "\\".to_owned()
                            } else {
                                format!("\\{other}")
                            };
                            self.error(
                                origin.offset(base + i),
                                Some(text_command_name(other)),
                                format!("{shown} inside \\{target}{{…}} would be shown as written; put it outside the text"),
                            );
                        }
                    }
                    i = cs.end.max(i + 1);
                    continue;
                }
                '$' => {
                    let close = content[i + 1..].find('$').map(|j| i + 1 + j);
                    let Some(close) = close else {
                        self.error(
                            origin.offset(base + i),
                            Some(target),
                            format!("a $ inside \\{target}{{…}} is never closed"),
                        );
                        i += 1;
                        continue;
                    };
                    parts.flush(self);
                    let inner_origin = match origin {
                        Origin::Author(b) => Origin::Author(b + base + i + 1),
                        call => call,
                    };
                    self.emit("{", origin.offset(base + i), false);
                    self.run(&content[i + 1..close], inner_origin, depth);
                    self.emit("}", origin.offset(base + close), false);
                    parts.pieces += 1;
                    i = close + 1;
                    continue;
                }
                '{' | '}' => {}
                '~' | ' ' | '\n' | '\t' | '\r' => parts.push_space(),
                '%' => {
                    i = lex::line_end(content, i);
                    continue;
                }
                c => parts.run.push(c),
            }
            i += c.len_utf8();
        }
        parts.flush(self);
        parts.finish(self, origin.offset(at));
        Some(end)
    }
}

/// True when the control sequence at `at` is the delimiter of a `\left`, `\right`,
/// `\middle` or `\big…`, which need a delimiter token (and draw `\lvert` well).
fn after_left(s: &str, at: usize) -> bool {
    let head = s[..at].trim_end();
    let word = head.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let name = &head[word.len()..];
    word.ends_with('\\')
        && (matches!(name, "left" | "right" | "middle")
            || name.to_ascii_lowercase().starts_with("big"))
}

/// `^\prime`, `^{\prime}` or `^{\prime\prime}` at the start of `s`: the primes to write
/// instead (`'`, `''`) and how many bytes they replace.
fn prime_superscript(s: &str) -> Option<(&'static str, usize)> {
    const FORMS: [(&str, &str); 4] = [
        ("^{\\prime\\prime}", "''"),
        ("^{\\prime}", "'"),
        ("^\\prime", "'"),
        ("^{\\dprime}", "''"),
    ];
    FORMS.iter().find_map(|&(form, primes)| {
        let rest = s.strip_prefix(form)?;
        // `^\primes` is another command; `^\prime_1` is fine.
        let word_goes_on =
            form.ends_with('e') && rest.starts_with(|c: char| c.is_ascii_alphabetic());
        (!word_goes_on).then_some((primes, form.len()))
    })
}

/// `command` for an error about `\name` inside `\text`: the name itself.
fn text_command_name(name: &str) -> &str {
    if name.is_empty() { "text" } else { name }
}

/// The text pieces of one `\text{…}` being rebuilt.
struct TextParts<'t> {
    target: &'t str,
    run: String,
    run_at: usize,
    /// How many pieces (text runs, math, braces) were emitted.
    pieces: usize,
    /// Where in the output this `\text` starts, to wrap several pieces in a group.
    wrap_at: usize,
}

impl TextParts<'_> {
    fn push_space(&mut self) {
        if !self.run.ends_with(' ') {
            self.run.push(' ');
        }
    }

    fn flush(&mut self, x: &mut Expander<'_>) {
        if !self.run.is_empty() {
            let piece = format!("\\{}{{{}}}", self.target, self.run);
            x.emit(&piece, self.run_at, false);
            self.pieces += 1;
            self.run.clear();
        }
    }

    /// An empty text still has to be one element (it may be a script); several pieces are
    /// grouped so that `x_\text{a $b$}` keeps them all in the subscript.
    fn finish(&self, x: &mut Expander<'_>, call_site: usize) {
        match self.pieces {
            0 => x.emit("{}", call_site, false),
            1 => {}
            _ => {
                x.out.insert(self.wrap_at, '{');
                for p in x.map.pieces.iter_mut().filter(|p| p.out >= self.wrap_at) {
                    p.out += 1;
                }
                x.emit("}", call_site, false);
            }
        }
    }
}

/// Replaces `#1`…`#9` in a macro body with the arguments, and `##` with `#`.
fn substitute(body: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(body.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut chars = body.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '\\' => {
                out.push('\\');
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '#' => match chars.peek().map(|&(_, d)| d) {
                Some('#') => {
                    chars.next();
                    out.push('#');
                }
                Some(d @ '1'..='9') => {
                    chars.next();
                    let n = d as usize - '1' as usize;
                    // A braced argument keeps its braces so `#1^2` squares all of it.
                    if let Some(arg) = args.get(n) {
                        out.push('{');
                        out.push_str(arg);
                        out.push('}');
                    }
                }
                _ => out.push('#'),
            },
            c => out.push(c),
        }
    }
    out
}

/// The name of an operator with spacing commands turned into spaces; `Err` holds the first
/// piece that cannot be part of an operator name.
fn clean_operator_name(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        match c {
            '\\' => {
                let cs = lex::control_seq(raw, i);
                match cs.name {
                    "," | ";" | ":" | ">" | " " | "quad" | "thinspace" | "medspace" => {
                        if !out.ends_with(' ') {
                            out.push(' ');
                        }
                    }
                    "!" | "negthinspace" => {}
                    "_" | "&" | "%" | "#" => out.push_str(cs.name),
                    _ => return Err(raw[i..cs.end].to_owned()),
                }
                i = cs.end.max(i + 1);
                continue;
            }
            '~' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '{' | '}' => {}
            '$' | '^' | '_' | '#' | '&' | '%' | '<' | '>' => return Err(c.to_string()),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
        i += c.len_utf8();
    }
    Ok(out.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(tex: &str, macros: &str) -> (String, Vec<MathError>) {
        let (macros, errors) = Macros::parse(macros);
        assert_eq!(errors, vec![]);
        let (x, errors) = expand(tex, &macros);
        (x.text.trim().to_owned(), errors)
    }

    #[test]
    fn expands_nested_macros_with_arguments() {
        let defs =
            r"\newcommand{\E}{\mathbb{E}}\newcommand{\KL}[2]{D(#1 \| #2)}\newcommand{\q}{q_\phi}";
        assert_eq!(run(r"\E_{\q}[x]", defs).0, r"\mathbb{E}_{q_\phi}[x]");
        assert_eq!(run(r"\KL{\q}{p}", defs).0, r"D({q_\phi} \| {p})");
        assert_eq!(run(r"\KL q p", defs).0, r"D({q} \| {p})");
    }

    #[test]
    fn a_macro_ending_in_a_word_keeps_its_word() {
        assert_eq!(run(r"\x y", r"\newcommand{\x}{\alpha}").0, r"\alpha y");
        assert_eq!(run(r"\x{}y", r"\newcommand{\x}{\alpha}").0, r"\alpha{}y");
        assert_eq!(run(r"\x\x", r"\newcommand{\x}{\alpha}").0, r"\alpha\alpha");
    }

    #[test]
    fn recursion_and_missing_arguments_are_errors_at_the_call_site() {
        let (_, errors) = run(r"a + \A", r"\newcommand{\A}{x\A}");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].offset, 4);
        assert_eq!(errors[0].command.as_deref(), Some("\\A"));
        let (_, errors) = run(r"x = \KL{p}", r"\newcommand{\KL}[2]{#1#2}");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].offset, 4);
        assert!(
            errors[0].message.contains("argument 2 is missing"),
            "{errors:?}"
        );
    }

    #[test]
    fn rewrites_known_gaps() {
        assert_eq!(
            run(r"\operatorname*{arg\,max}_x f", "").0,
            r"\mathop{arg max}_x f"
        );
        assert_eq!(
            run(r"\operatorname{arg\,max}", "").0,
            r"\operatorname{arg max}"
        );
        assert_eq!(
            run(r"\bm{x} \mathscr{L}", "").0,
            r"\boldsymbol{x} \mathcal{L}"
        );
        assert_eq!(run(r"a~b\ c", "").0, r"a\;b\;c");
        assert_eq!(
            run(r"x^{\prime} + y^\prime_1 + z^\primex", "").0,
            r"x' + y'_1 + z^\primex"
        );
        assert_eq!(
            run(r"\lvert x \rvert \left\lVert y \right\rVert", "").0,
            r"| x | \left\lVert y \right\rVert"
        );
        assert_eq!(
            run(r"\begin{align} a \nonumber \end{align}", "").0,
            r"\begin{align*} a  \end{align*}"
        );
        assert_eq!(run(r"x \tag{1}", "").0, r"x \qquad\text{(1)}");
    }

    #[test]
    fn text_is_made_plain() {
        assert_eq!(
            run(r"\text{50\% of {all}~x}", "").0,
            r"{\text{50}\%\text{ of all x}}"
        );
        assert_eq!(run(r"\text{if $x>0$}", "").0, r"{\text{if }{x>0}}");
        assert_eq!(run(r"\mbox{}", "").0, r"{}");
        let (_, errors) = run(r"\text{a \alpha}", "");
        assert_eq!(errors[0].command.as_deref(), Some("\\alpha"));
        assert_eq!(errors[0].offset, 8);
    }

    #[test]
    fn offsets_map_back_to_the_author_text() {
        let (macros, _) = Macros::parse(r"\newcommand{\E}{\mathbb{E}}");
        let tex = "x + \\E_q y";
        let (x, _) = expand(tex, &macros);
        let y = x.text.find('y').unwrap_or(0);
        assert_eq!(x.map.source_offset(y), 9);
        let bb = x.text.find("mathbb").unwrap_or(0);
        assert_eq!(x.map.source_offset(bb), 4);
        assert_eq!(x.map.source_offset(0), 0);
    }
}
