//! The little TeX lexing we do ourselves, before pulldown-latex sees the formula: enough to find
//! control sequences, brace groups and macro arguments with byte offsets, so that course macros
//! can be expanded and known parser gaps rewritten while every position still maps back to what
//! the author wrote. Shared by `macros.rs` (reading macros.tex) and `expand.rs`.

/// A control sequence starting at a `\`: a control word (`\alpha`) or a control symbol (`\,`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ControlSeq<'a> {
    /// The name without the backslash; empty for a lone `\` at the end of the input.
    pub name: &'a str,
    /// Byte offset just past the name.
    pub end: usize,
}

impl ControlSeq<'_> {
    /// A control word is made of letters; TeX skips the spaces after it.
    pub fn is_word(&self) -> bool {
        self.name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
    }
}

/// Reads the control sequence whose backslash is at `at` (the caller checked `s[at] == '\\'`).
pub(super) fn control_seq(s: &str, at: usize) -> ControlSeq<'_> {
    let start = at + 1;
    let rest = s.get(start..).unwrap_or("");
    let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let len = if letters > 0 {
        letters
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    ControlSeq {
        name: &rest[..len],
        end: start + len,
    }
}

/// Skips spaces, tabs, newlines and `%` comments from `at`; returns the new position.
pub(super) fn skip_blank(s: &str, mut at: usize) -> usize {
    let bytes = s.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\n' | b'\r' => at += 1,
            b'%' => at = line_end(s, at),
            _ => break,
        }
    }
    at
}

/// The position of the newline ending the line that contains `at` (or the end of `s`); used to
/// skip a `%` comment.
pub(super) fn line_end(s: &str, at: usize) -> usize {
    s.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(s.len(), |i| at + i)
}

/// A brace group `{…}` whose `{` is at `open`: returns the byte range of its content and the
/// position just past the closing `}`. Escaped braces (`\{`) do not count; `%` comments are
/// skipped. `None` when the group is never closed.
pub(super) fn group(s: &str, open: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                // Skip the escaped character whole, even when it is multi-byte.
                i += 1;
                if let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
                    i += c.len_utf8();
                }
                continue;
            }
            b'%' => {
                i = line_end(s, i);
                continue;
            }
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some((open + 1..i, i + 1));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// One macro argument as TeX reads it: after optional blanks, a brace group (its content) or a
/// single token (a control sequence or one character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Arg {
    /// The argument's text (without braces) and the position just past it.
    Found {
        text: std::ops::Range<usize>,
        end: usize,
    },
    /// Nothing usable: end of input, a closing brace, or an unclosed group (`unclosed` is set).
    Missing { at: usize, unclosed: bool },
}

/// Reads one macro argument starting at `at`.
pub(super) fn argument(s: &str, at: usize) -> Arg {
    let at = skip_blank(s, at);
    let Some(c) = s.get(at..).and_then(|r| r.chars().next()) else {
        return Arg::Missing {
            at,
            unclosed: false,
        };
    };
    match c {
        '{' => match group(s, at) {
            Some((text, end)) => Arg::Found { text, end },
            None => Arg::Missing { at, unclosed: true },
        },
        '}' => Arg::Missing {
            at,
            unclosed: false,
        },
        '\\' => {
            let cs = control_seq(s, at);
            Arg::Found {
                text: at..cs.end,
                end: cs.end,
            }
        }
        _ => Arg::Found {
            text: at..at + c.len_utf8(),
            end: at + c.len_utf8(),
        },
    }
}

/// Reads an optional `[…]` argument at `at` (after blanks); `None` when there is none. Brackets
/// nested in braces do not close it.
pub(super) fn optional(s: &str, at: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let at = skip_blank(s, at);
    if !s.get(at..)?.starts_with('[') {
        return None;
    }
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b']' if depth == 0 => return Some((at + 1..i, i + 1)),
            _ => {}
        }
        i += 1;
    }
    None
}

/// True when `s` ends with a control word (`…\alpha`), so that appending a letter would change
/// the word: an expansion ending like that needs a space after it.
pub(super) fn ends_with_control_word(s: &str) -> bool {
    let trimmed = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let backslashes = trimmed.len() - trimmed.trim_end_matches('\\').len();
    trimmed.len() < s.len() && backslashes % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_words_and_symbols() {
        assert_eq!(control_seq(r"\alpha_1", 0).name, "alpha");
        assert_eq!(control_seq(r"\alpha_1", 0).end, 6);
        assert_eq!(control_seq(r"\,x", 0).name, ",");
        assert_eq!(control_seq(r"\", 0).name, "");
        assert_eq!(control_seq("\\é", 0).name, "é");
    }

    #[test]
    fn groups_respect_escapes_and_nesting() {
        let s = r"{a\}{b}c}d";
        assert_eq!(group(s, 0), Some((1..8, 9)));
        assert_eq!(group("{a", 0), None);
    }

    #[test]
    fn arguments() {
        assert_eq!(argument("  {xy} ", 0), Arg::Found { text: 3..5, end: 6 });
        assert_eq!(argument(r" \beta", 0), Arg::Found { text: 1..6, end: 6 });
        assert_eq!(argument("ab", 0), Arg::Found { text: 0..1, end: 1 });
        assert_eq!(
            argument(" }", 0),
            Arg::Missing {
                at: 1,
                unclosed: false
            }
        );
        assert_eq!(optional(" [2]{", 0), Some((2..3, 4)));
    }

    #[test]
    fn control_word_endings() {
        assert!(ends_with_control_word(r"\mathbb{E}\alpha"));
        assert!(!ends_with_control_word(r"\mathbb{E}"));
        assert!(!ends_with_control_word(r"a\\b"));
        assert!(ends_with_control_word(r"\\\alpha"));
    }
}
