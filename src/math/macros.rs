//! Course macros from `notes/macros.tex`: `\newcommand{\E}{\mathbb{E}}`,
//! `\newcommand{\KL}[2]{D_{\mathrm{KL}}(#1 \,\|\, #2)}`, `\renewcommand`, `\providecommand` and
//! `\DeclareMathOperator(*)`. Parsing collects every problem as a located [`MacroError`]; the
//! expansion itself lives in `expand.rs`, so that all three outputs see the same text.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::lex::{self, Arg};

/// The macros a course defines, ready to be expanded before every formula is parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Macros {
    /// Looked up at every control word of every formula: a fast hash (the names are the
    /// course's own).
    defs: FxHashMap<String, Macro>,
}

/// One definition: how many arguments it takes and its body with `#1`…`#9` placeholders.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Macro {
    pub params: u8,
    pub body: String,
}

/// A problem in macros.tex, located by byte offsets into that file.
#[derive(Debug, Clone, PartialEq)]
pub struct MacroError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
}

impl Macros {
    /// No macros at all: formulas are parsed as written.
    pub fn empty() -> Macros {
        Macros::default()
    }

    /// Parses `\newcommand{\name}{body}` and `\newcommand{\name}[n]{body with #1..#n}` (also
    /// `\renewcommand`, `\providecommand`, `\DeclareMathOperator` and their starred forms), `%`
    /// comments and blank lines. `\def` is refused: its parameter syntax is a language of its
    /// own, and `\newcommand` covers what a course needs. Collects every error and keeps every
    /// definition that parsed.
    pub fn parse(src: &str) -> (Macros, Vec<MacroError>) {
        let mut parser = DefParser {
            src,
            macros: Macros::empty(),
            errors: Vec::new(),
            defined_at: HashMap::new(),
        };
        parser.run();
        (parser.macros, parser.errors)
    }

    /// The definition of `\name`, if the course has one.
    pub(super) fn get(&self, name: &str) -> Option<&Macro> {
        self.defs.get(name)
    }

    /// The number of macros defined.
    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// True when no macro is defined.
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }
}

struct DefParser<'s> {
    src: &'s str,
    macros: Macros,
    errors: Vec<MacroError>,
    /// Where each name was first defined, for the "already defined" message.
    defined_at: HashMap<String, usize>,
}

/// What kind of definition command introduced a macro.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    New,
    Renew,
    Provide,
    Operator { starred: bool },
}

impl DefParser<'_> {
    fn error(&mut self, offset: usize, len: usize, message: impl Into<String>) {
        self.errors.push(MacroError {
            offset,
            len: len.max(1),
            message: message.into(),
        });
    }

    fn run(&mut self) {
        let mut at = 0;
        while at < self.src.len() {
            at = lex::skip_blank(self.src, at);
            if at >= self.src.len() {
                break;
            }
            at = self.definition(at);
        }
    }

    /// Parses one definition starting at `at`; on error, reports it and resumes at the next line.
    fn definition(&mut self, at: usize) -> usize {
        let src = self.src;
        if !src[at..].starts_with('\\') {
            let end = lex::line_end(src, at);
            self.error(
                at,
                end - at,
                "expected \\newcommand, \\renewcommand or \\DeclareMathOperator",
            );
            return end;
        }
        let cs = lex::control_seq(src, at);
        let mut pos = cs.end;
        let starred = src[pos..].starts_with('*');
        if starred {
            pos += 1;
        }
        let kind = match cs.name {
            "newcommand" => Kind::New,
            "renewcommand" => Kind::Renew,
            "providecommand" => Kind::Provide,
            "DeclareMathOperator" => Kind::Operator { starred },
            "def" | "gdef" | "edef" | "let" => {
                let end = lex::line_end(src, at);
                self.error(
                    at,
                    cs.end - at,
                    format!(
                        "\\{} is not supported in macros.tex; use \\newcommand{{\\name}}[n]{{body}}",
                        cs.name
                    ),
                );
                return end;
            }
            _ => {
                let end = lex::line_end(src, at);
                self.error(
                    at,
                    cs.end - at,
                    format!(
                        "\\{} is not a definition; macros.tex may only hold \\newcommand, \\renewcommand and \\DeclareMathOperator",
                        cs.name
                    ),
                );
                return end;
            }
        };
        match self.definition_body(at, pos, kind) {
            Ok(end) => end,
            Err(end) => end,
        }
    }

    /// After `\newcommand` (or friends) at `start`, reads `{\name}[n]{body}` from `pos`.
    /// Returns where parsing should resume, as `Err` when an error was reported.
    fn definition_body(&mut self, start: usize, pos: usize, kind: Kind) -> Result<usize, usize> {
        let src = self.src;
        let command = &src[start..pos];
        let recover = lex::line_end(src, start);
        let (name_range, mut pos) = match lex::argument(src, pos) {
            Arg::Found { text, end } => (text, end),
            Arg::Missing { at, .. } => {
                self.error(
                    at,
                    1,
                    format!("{command} needs the macro's name, as in {command}{{\\E}}"),
                );
                return Err(recover);
            }
        };
        let name_text = src[name_range.clone()].trim();
        let name_offset = name_range.start
            + (src[name_range.clone()].len() - src[name_range.clone()].trim_start().len());
        let cs_ok = name_text.starts_with('\\')
            && name_text.len() > 1
            && lex::control_seq(name_text, 0).end == name_text.len();
        if !cs_ok {
            self.error(
                name_offset,
                name_text.len(),
                format!(
                    "the macro's name must be one control sequence such as \\E, not `{name_text}`"
                ),
            );
            return Err(recover);
        }
        let name = &name_text[1..];

        let mut params = 0u8;
        if !matches!(kind, Kind::Operator { .. })
            && let Some((count, end)) = lex::optional(src, pos)
        {
            match src[count.clone()].trim().parse::<u8>() {
                Ok(n @ 0..=9) => params = n,
                _ => {
                    self.error(
                        count.start,
                        count.len(),
                        "the number of arguments must be a whole number from 0 to 9",
                    );
                    return Err(recover);
                }
            }
            pos = end;
            if let Some((default, end)) = lex::optional(src, pos) {
                self.error(
                    default.start.saturating_sub(1),
                    default.len() + 2,
                    "optional arguments with a default ([…]) are not supported; make every argument required",
                );
                pos = end;
            }
        }

        let body_at = lex::skip_blank(src, pos);
        if !src[body_at..].starts_with('{') {
            self.error(
                body_at,
                1,
                format!("\\{name} needs its body in braces: {command}{{\\{name}}}{{…}}"),
            );
            return Err(recover);
        }
        let Some((body_range, end)) = lex::group(src, body_at) else {
            self.error(
                body_at,
                1,
                format!("the body of \\{name} is never closed with }}"),
            );
            return Err(src.len());
        };
        let raw_body = &src[body_range.clone()];
        if let Err((offset, message)) = check_placeholders(raw_body, params, name) {
            self.error(body_range.start + offset, 2, message);
            return Err(end);
        }
        let body = strip_comments(raw_body);
        let body = match kind {
            Kind::Operator { starred } => {
                format!("\\operatorname{}{{{body}}}", if starred { "*" } else { "" })
            }
            _ => body,
        };
        self.define(
            kind,
            name,
            name_offset,
            name_text.len(),
            Macro { params, body },
        );
        Ok(end)
    }

    fn define(&mut self, kind: Kind, name: &str, offset: usize, len: usize, def: Macro) {
        if let Some(&first) = self.defined_at.get(name) {
            match kind {
                Kind::Renew => {}
                Kind::Provide => return,
                Kind::New | Kind::Operator { .. } => {
                    let line = self.src[..first].matches('\n').count() + 1;
                    self.error(
                        offset,
                        len,
                        format!("\\{name} is already defined on line {line}; use \\renewcommand to replace it"),
                    );
                    return;
                }
            }
        } else if matches!(kind, Kind::New | Kind::Operator { .. })
            && super::parse::is_builtin(name)
        {
            self.error(
                offset,
                len,
                format!("\\{name} is already a LaTeX command; use \\renewcommand to replace it"),
            );
            return;
        }
        self.defined_at.entry(name.to_owned()).or_insert(offset);
        self.macros.defs.insert(name.to_owned(), def);
    }
}

/// Removes `%` comments (an escaped `\%` stays) and turns line breaks into spaces, so a body
/// spread over several lines expands like one written on one line.
fn strip_comments(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push('\\');
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '%' => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Checks that every `#` in a body is `#1`…`#n` (or `##`), returning the offset and message of
/// the first bad one.
fn check_placeholders(body: &str, params: u8, name: &str) -> Result<(), (usize, String)> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'#' => match bytes.get(i + 1) {
                Some(b'#') => i += 1,
                Some(d @ b'1'..=b'9') if d - b'0' <= params => i += 1,
                Some(d @ b'1'..=b'9') => {
                    let n = d - b'0';
                    let takes = match params {
                        0 => "takes no arguments (add [n] after the name)".to_owned(),
                        1 => "takes 1 argument".to_owned(),
                        p => format!("takes {p} arguments"),
                    };
                    return Err((i, format!("#{n} is used but \\{name} {takes}")));
                }
                _ => {
                    return Err((
                        i,
                        "a # in a body must be followed by a digit, as in #1".to_owned(),
                    ));
                }
            },
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_course_macros() {
        let src = "% comment\n\\newcommand{\\E}{\\mathbb{E}}\n\n\\newcommand{\\KL}[2]{D_{\\mathrm{KL}}(#1 \\,\\|\\, #2)}\n\\newcommand\\R{\\mathbb{R}}\n";
        let (macros, errors) = Macros::parse(src);
        assert_eq!(errors, vec![]);
        assert_eq!(macros.len(), 3);
        let kl = macros.get("KL").map(|m| (m.params, m.body.as_str()));
        assert_eq!(kl, Some((2, r"D_{\mathrm{KL}}(#1 \,\|\, #2)")));
        assert_eq!(
            macros.get("R").map(|m| m.body.as_str()),
            Some(r"\mathbb{R}")
        );
    }

    #[test]
    fn operators_become_operatorname() {
        let (macros, errors) = Macros::parse(
            "\\DeclareMathOperator*{\\argmax}{arg\\,max}\n\\DeclareMathOperator{\\Var}{Var}",
        );
        assert_eq!(errors, vec![]);
        assert_eq!(
            macros.get("argmax").map(|m| m.body.as_str()),
            Some(r"\operatorname*{arg\,max}")
        );
        assert_eq!(
            macros.get("Var").map(|m| m.body.as_str()),
            Some(r"\operatorname{Var}")
        );
    }

    #[test]
    fn collects_every_error_with_its_place() {
        let src = "\\newcommand{\\A}{a}\n\\def\\B{b}\nhello\n\\newcommand{\\C}[1]{#2}\n\\newcommand{\\A}{x}\n\\newcommand{\\D}[x]{d}\n\\newcommand{\\sum}{s}\n\\newcommand{\\F}{f}";
        let (macros, errors) = Macros::parse(src);
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (&src[e.offset..e.offset + e.len], e.message.as_str()))
            .collect();
        assert_eq!(found.len(), 6, "{found:#?}");
        assert_eq!(found[0].0, "\\def");
        assert_eq!(found[1].0, "hello");
        assert_eq!(found[2].0, "#2");
        assert!(found[2].1.contains("takes 1 argument"));
        assert_eq!(found[3].0, "\\A");
        assert!(found[3].1.contains("line 1"));
        assert_eq!(found[4].0, "x");
        assert_eq!(found[5].0, "\\sum");
        // The good definitions survive the bad ones around them.
        assert!(macros.get("A").is_some() && macros.get("F").is_some());
    }

    #[test]
    fn unclosed_body_is_located() {
        let (_, errors) = Macros::parse("\\newcommand{\\A}{a");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].offset, 15);
    }

    #[test]
    fn renew_replaces_and_provide_keeps() {
        let (macros, errors) = Macros::parse(
            "\\newcommand{\\A}{a}\\renewcommand{\\A}{b}\\providecommand{\\A}{c}\\renewcommand{\\vec}[1]{\\mathbf{#1}}",
        );
        assert_eq!(errors, vec![]);
        assert_eq!(macros.get("A").map(|m| m.body.as_str()), Some("b"));
        assert_eq!(macros.get("vec").map(|m| m.params), Some(1));
    }
}
