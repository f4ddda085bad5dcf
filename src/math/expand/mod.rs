//! Everything done to a formula's text before pulldown-latex parses it: course macros are
//! expanded (with arguments, nested, with limits), and the known gaps of pulldown-latex 0.8 are
//! rewritten (`rewrite.rs`) into what it renders well. A [`SourceMap`] remembers where every
//! byte of the result came from, so that errors point at what the author wrote (at the call
//! site when the error is inside an expansion).

mod rewrite;

use rewrite::prime_superscript;

use super::MathError;
use super::lex::{self, Arg};
use super::macros::Macros;

/// Blanks put around the expanded text when its errors are to be located. pulldown-latex
/// reports an error's place only as a context window of 12 bytes either side; with this much
/// padding the window always starts inside the text, so the error's offset can be recovered
/// exactly (see `parse.rs`). A formula without errors parses to the same events without it.
pub(super) const PAD: usize = 12;
const PADDING: &str = "            ";
const _: () = assert!(PADDING.len() == PAD);

/// A macro may expand into macros at most this deep: a recursive definition must fail fast.
const MAX_DEPTH: u32 = 32;
/// An expansion may grow the formula to at most this many bytes.
const MAX_OUTPUT: usize = 256 * 1024;

/// The text handed to pulldown-latex and where each of its bytes came from.
#[derive(Debug)]
pub(super) struct Expanded {
    pub text: String,
    pub map: SourceMap,
    /// The blanks on either side of `text`: [`PAD`], or 0 when expanded without them.
    pub pad: usize,
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
///
/// With `padded`, [`PAD`] blanks go on either side of the text, for pulldown-latex's errors to
/// be located; without, the text is the same but for them, and the same errors are found.
pub(super) fn expand(tex: &str, macros: &Macros, padded: bool) -> (Expanded, Vec<MathError>) {
    let pad = if padded { PAD } else { 0 };
    let mut x = Expander {
        macros,
        out: String::with_capacity(tex.len() + 2 * pad + 16),
        // Room for the pieces of most formulas: growing it from empty was 1 % of a check.
        map: SourceMap {
            pieces: Vec::with_capacity(8),
        },
        errors: Vec::new(),
        overflowed: false,
        pad,
    };
    // Control characters render as nothing (or break XML); they are typing accidents. They
    // are C0 (below a space), DEL and C1 (U+0080 to U+009F, whose UTF-8 starts with 0xC2): a
    // formula without such bytes, nearly every one, needs no decoding to know it has none.
    if has_control_bytes(tex.as_bytes()) {
        for (at, c) in tex
            .char_indices()
            .filter(|&(_, c)| c.is_control() && !c.is_whitespace())
        {
            x.error(
                at,
                None,
                format!("control character U+{:04X} in the formula", u32::from(c)),
            );
        }
    }
    x.emit(&PADDING[..pad], 0, false);
    x.run(tex, Origin::Author(0), 0);
    x.emit(&PADDING[..pad], tex.len(), false);
    (
        Expanded {
            text: x.out,
            map: x.map,
            pad,
        },
        x.errors,
    )
}

/// Whether any byte is below a space, DEL or 0xC2. In blocks of 16 without an early exit, which
/// the compiler turns into vector instructions: byte by byte this was 1 % of a check.
fn has_control_bytes(bytes: &[u8]) -> bool {
    bytes.chunks(16).any(|block| {
        block.iter().fold(false, |found, &b| {
            found | (b < b' ') | (b == 0x7F) | (b == 0xC2)
        })
    })
}

struct Expander<'m> {
    macros: &'m Macros,
    out: String,
    map: SourceMap,
    errors: Vec<MathError>,
    overflowed: bool,
    /// The blanks put on either side (see [`expand`]).
    pad: usize,
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

    /// Handles the control sequence `cs` whose backslash is at `at`: a course macro is
    /// expanded, a known gap rewritten. Returns where scanning resumes when it did either
    /// (after flushing `s[copied..at]`), `None` when it is left for pulldown-latex as written.
    fn control(
        &mut self,
        s: &str,
        at: usize,
        cs: lex::ControlSeq<'_>,
        origin: Origin,
        depth: u32,
        copied: usize,
    ) -> Option<usize> {
        // The definitions outlive the expander: no copy of a body is needed to go on writing.
        let macros: &Macros = self.macros;
        if cs.is_word()
            && let Some(def) = macros.get(cs.name)
        {
            self.copy(s, copied, at, origin);
            return Some(self.call(s, at, cs.end, cs.name, def.params, &def.body, origin, depth));
        }
        self.builtin(s, at, cs, origin, depth, copied)
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
        // Measured as if padded, so that the limit is the same with or without the padding.
        if depth >= MAX_DEPTH || self.out.len() + (PAD - self.pad) > MAX_OUTPUT {
            self.overflowed = true;
            self.error(
                call_site,
                Some(name),
                format!("\\{name} expands without end (a macro that uses itself?); stopped after {MAX_DEPTH} levels"),
            );
            return end;
        }
        // Without arguments or `#`, the body is the expansion as it stands.
        let expansion = if args.is_empty() && !body.contains('#') {
            std::borrow::Cow::Borrowed(body)
        } else {
            std::borrow::Cow::Owned(substitute(body, &args))
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bytes_are_found_anywhere() {
        let plain: Vec<u8> = (b' '..0x7F)
            .chain(0x80..=0xFF)
            .filter(|&b| b != 0xC2)
            .collect();
        assert!(!has_control_bytes(&plain));
        for bad in (0..b' ').chain([0x7F, 0xC2]) {
            for at in [0, 5, 15, 16, 17, plain.len() - 1] {
                let mut bytes = plain.clone();
                bytes[at] = bad;
                assert!(has_control_bytes(&bytes), "{bad:#x} at {at}");
            }
        }
        assert!(!has_control_bytes(b""));
    }

    fn run(tex: &str, macros: &str) -> (String, Vec<MathError>) {
        let (macros, errors) = Macros::parse(macros);
        assert_eq!(errors, vec![]);
        let (x, errors) = expand(tex, &macros, true);
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
    fn offsets_map_back_to_the_author_text() {
        let (macros, _) = Macros::parse(r"\newcommand{\E}{\mathbb{E}}");
        let tex = "x + \\E_q y";
        let (x, _) = expand(tex, &macros, true);
        let y = x.text.find('y').unwrap_or(0);
        assert_eq!(x.map.source_offset(y), 9);
        let bb = x.text.find("mathbb").unwrap_or(0);
        assert_eq!(x.map.source_offset(bb), 4);
        assert_eq!(x.map.source_offset(0), 0);
    }
}
