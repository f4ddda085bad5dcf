//! The built-in rewrites: each because pulldown-latex 0.8 gets the original wrong.
//! - `\operatorname*{arg\,max}` swallows the rest of the formula → `\mathop{arg max}` (limits,
//!   movable like amsmath's); `\operatorname{arg\,max}` shows a literal `\,` → spacing becomes a
//!   plain space inside the name.
//! - `\bm` and `\mathscr` are unknown → `\boldsymbol` and `\mathcal` (Unicode has a single
//!   script alphabet, so `\mathscr` and `\mathcal` cannot differ in MathML anyway).
//! - `\mu` is the micro sign µ, which `\boldsymbol` leaves thin → the Greek letter μ.
//! - `\text{…}` shows its argument raw → escapes (`\%`, `\&`), `~`, braces and `$…$` inside
//!   it are resolved here; `\mbox`, `\textnormal`, `\hbox` become `\text`.
//! - `~` and `\ ` render as the literal text `&nbsp;` → `\;`.
//! - `\lvert x \rvert` is spaced like `|x |` in browsers → plain bars.
//! - `x^{\prime}` draws a tiny raised prime in MathML → `x'`.
//! - Numbered environments (`align`, `equation`, …) would number every formula from (1) in
//!   HTML but not in the PDF → their starred forms; `\nonumber`, `\notag`, `\label` are dropped
//!   and `\tag{x}` becomes `\qquad\text{(x)}`.
//! - `\char` and `alignat` with a non-ASCII argument make the parser panic → refused here.

use super::{Expander, Origin};
use crate::math::lex::{self, Arg};

impl Expander<'_> {
    /// The rewrite of `cs` at `at`, if it has one: where scanning resumes (after flushing
    /// `s[copied..at]`), or `None` to leave it for pulldown-latex as written.
    pub(super) fn builtin(
        &mut self,
        s: &str,
        at: usize,
        cs: lex::ControlSeq<'_>,
        origin: Origin,
        depth: u32,
        copied: usize,
    ) -> Option<usize> {
        let name = cs.name;
        let rewritten = match name {
            "bm" => "\\boldsymbol",
            "mathscr" => "\\mathcal",
            "mu" => "μ",
            // Not after \left, where they are delimiter tokens that render well.
            "lvert" | "rvert" | "vert" if !after_left(s, at) => "|",
            "lVert" | "rVert" | "Vert" if !after_left(s, at) => "\\|",
            "char" => return self.char_code(s, at, cs.end, origin, copied),
            " " | "\n" | "\t" | "\r" => "\\;",
            "nonumber" | "notag" => "",
            "operatorname" => return self.operatorname(s, at, cs.end, origin, copied),
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
        let number = |radix: u32, digits: &str| {
            let digits: String = digits.chars().take_while(|c| c.is_digit(radix)).collect();
            u32::from_str_radix(&digits, radix).ok()
        };
        let mut chars = rest.chars();
        let code = match chars.next() {
            Some(c) if c.is_ascii_digit() => number(10, rest),
            Some('\'') => number(8, &rest[1..]),
            Some('"') => number(16, &rest[1..]),
            Some('`') => match chars.next() {
                Some('\\') => chars.next().map(u32::from),
                c => c.map(u32::from),
            },
            _ => None,
        };
        // Control characters are no text and not even allowed in XML.
        if code.is_some_and(|c| (32..=255).contains(&c) && c != 127) {
            return None;
        }
        self.copy(s, copied, at, origin);
        self.error(
            origin.offset(at),
            Some("char"),
            "\\char needs a printable character code from 32 to 255, such as 65 or `A".into(),
        );
        self.emit("{}", origin.offset(at), false);
        Some(after_name)
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
pub(super) fn prime_superscript(s: &str) -> Option<(&'static str, usize)> {
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
    use crate::math::Macros;
    use crate::math::expand::expand;

    fn run(tex: &str) -> (String, Vec<crate::math::MathError>) {
        let (x, errors) = expand(tex, &Macros::empty(), true);
        (x.text.trim().to_owned(), errors)
    }

    #[test]
    fn rewrites_known_gaps() {
        assert_eq!(
            run(r"\operatorname*{arg\,max}_x f").0,
            r"\mathop{arg max}_x f"
        );
        assert_eq!(run(r"\operatorname{arg\,max}").0, r"\operatorname{arg max}");
        assert_eq!(run(r"\bm{x} \mathscr{L}").0, r"\boldsymbol{x} \mathcal{L}");
        assert_eq!(run(r"a~b\ c").0, r"a\;b\;c");
        assert_eq!(
            run(r"x^{\prime} + y^\prime_1 + z^\primex").0,
            r"x' + y'_1 + z^\primex"
        );
        assert_eq!(
            run(r"\lvert x \rvert \left\lVert y \right\rVert").0,
            r"| x | \left\lVert y \right\rVert"
        );
        assert_eq!(
            run(r"\begin{align} a \nonumber \end{align}").0,
            r"\begin{align*} a  \end{align*}"
        );
        assert_eq!(run(r"x \tag{1}").0, r"x \qquad\text{(1)}");
    }

    #[test]
    fn text_is_made_plain() {
        assert_eq!(
            run(r"\text{50\% of {all}~x}").0,
            r"{\text{50}\%\text{ of all x}}"
        );
        assert_eq!(run(r"\text{if $x>0$}").0, r"{\text{if }{x>0}}");
        assert_eq!(run(r"\mbox{}").0, r"{}");
        let (_, errors) = run(r"\text{a \alpha}");
        assert_eq!(errors[0].command.as_deref(), Some("\\alpha"));
        assert_eq!(errors[0].offset, 8);
    }
}
