//! The math spans of a question field, found without a full Markdown parse when the field is
//! plain prose: one paragraph whose only Markdown is `$…$` / `$$…$$` math, emphasis and
//! backslash escapes. A 10,000-question course has some 40,000 such fields, and a parser per
//! field cost `notes check` a sixth of its time.
//!
//! [`spans`] answers only when it can answer exactly as pulldown-cmark 0.13 does (the same
//! spans, the same TeX, inline or display); for anything else it says `None` and the caller
//! parses the field. Its two steps mirror pulldown-cmark's: the first pass, which marks every
//! unescaped `$` with whether it may open or close math and with its brace context (so that
//! `$` inside `{…}` does not close), and the inline pass, which pairs the marks (see
//! `handle_inline_pass1` and `make_math_span` in pulldown-cmark's `parse.rs`, including its
//! cache of delimiters). The differential tests below, and the `inline_math` fuzz target,
//! hold the two to the same answer.

use std::collections::VecDeque;
use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

/// One unescaped `$` of the field.
#[derive(Debug, Clone, Copy)]
struct Dollar {
    at: usize,
    can_open: bool,
    can_close: bool,
    /// The brace context: a `$` closes only a span opened in the same one.
    context: u8,
}

/// pulldown-cmark's limit of brace nesting tracked exactly; past it braces are only counted.
const MAX_NESTING: usize = 25;

/// The math of `field`, `(TeX, display)` in order, or `None` when the field is not plain
/// prose and needs the Markdown parser.
pub fn spans(field: &str) -> Option<Vec<(&str, bool)>> {
    let (dollars, risky) = dollars(field)?;
    let spans = pair(&dollars);
    // Code spans, inline HTML, autolinks and links are found in the same left-to-right pass
    // as math, and each may take in a `$` that comes after it; inside a math span they are
    // already TeX by the time the pass reaches them. So every backtick, `<`, `[` or `]` must
    // lie inside a span.
    let mut at = spans.iter().map(|(range, _)| range).peekable();
    for p in risky {
        while at.peek().is_some_and(|r| r.end <= p) {
            at.next();
        }
        if at.peek().is_none_or(|r| r.start > p) {
            return None;
        }
    }
    Some(
        spans
            .into_iter()
            .map(|(range, display)| (&field[range], display))
            .collect(),
    )
}

/// The first pass: checks that the field is one plain paragraph, marks its dollars, and notes
/// where the characters are that could start code, HTML or links.
fn dollars(field: &str) -> Option<(Vec<Dollar>, Vec<usize>)> {
    let bytes = field.as_bytes();
    // Every line must be paragraph text that nothing can turn into another block: it starts
    // with a letter, `$` or `(` (no indentation, list, quote, heading, fence, table row,
    // HTML, link definition, setext underline). Blank lines would start a new paragraph,
    // except at the very end.
    let body = field.trim_end_matches('\n');
    for line in body.split('\n') {
        match line.as_bytes().first() {
            Some(b) if b.is_ascii_alphabetic() || *b == b'$' || *b == b'(' => {}
            _ => return None,
        }
    }
    // Sized for most fields, so that they do not grow dollar by dollar.
    let mut dollars = Vec::with_capacity(8);
    let mut risky = Vec::new();
    let mut stack: Vec<u8> = Vec::with_capacity(8);
    let mut next = 0usize;
    let mut line_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        match b {
            b'`' | b'<' | b'[' | b']' => risky.push(i),
            b'\n' => line_start = i + 1,
            // Tabs and other control characters change indentation and blanks.
            0..=0x1F => return None,
            // A backslash escapes ASCII punctuation (`\$`, `\{`, `\\`): what it escapes is text.
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                i += 2;
                continue;
            }
            b'$' => {
                let can_open = bytes.get(i + 1).is_some_and(|&n| !is_blank(n));
                let can_close = i > line_start && !is_blank(bytes[i - 1]);
                let context = if stack.len() > MAX_NESTING {
                    next as u8
                } else if let Some(&top) = stack.last() {
                    top
                } else {
                    stack.push(!0);
                    !0
                };
                dollars.push(Dollar {
                    at: i,
                    can_open,
                    can_close,
                    context,
                });
            }
            b'{' => {
                if stack.len() == MAX_NESTING {
                    stack.push(next as u8);
                    next = MAX_NESTING;
                } else if stack.len() > MAX_NESTING {
                    next += 1;
                } else if !stack.is_empty() {
                    // Braces before the first `$` are not tracked.
                    stack.push(next as u8);
                    next += 1;
                }
            }
            b'}' => {
                if let [top] = &mut stack[..] {
                    // An unbalanced `}` starts a context of its own.
                    *top = top.wrapping_sub(1);
                } else if stack.len() > MAX_NESTING {
                    if next <= MAX_NESTING {
                        stack.pop();
                    } else {
                        next -= 1;
                    }
                } else {
                    stack.pop();
                }
            }
            _ => {}
        }
        i += 1;
    }
    Some((dollars, risky))
}

/// The bytes the first pass looks at; prose between them is skipped a byte at a time.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    let mut i = 0;
    let listed = b"`<[]\\${}";
    while i < listed.len() {
        t[listed[i] as usize] = true;
        i += 1;
    }
    t
};

/// pulldown-cmark's ASCII whitespace.
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// The inline pass: pairs the dollars, left to right, as pulldown-cmark does, and gives each
/// span as the byte range of its TeX in the field.
fn pair(d: &[Dollar]) -> Vec<(Range<usize>, bool)> {
    // Whether dollar `i` is followed at once by another (`$$`).
    let doubled = |i: usize| d.get(i + 1).is_some_and(|n| n.at == d[i].at + 1);
    let mut out = Vec::with_capacity(d.len() / 2);
    // The delimiters met by a search that found no closer, by brace context: (index, can
    // close, doubled). Later openers take from it instead of searching again.
    let mut cache: HashMap<u8, VecDeque<(usize, bool, bool)>> = HashMap::default();
    let mut cur = 0;
    while cur < d.len() {
        let open = d[cur];
        if !open.can_open {
            cur += 1;
            continue;
        }
        let display = doubled(cur);
        let found = if !cache.is_empty() {
            find(&mut cache, d, cur, display)
        } else {
            let mut found = None;
            let mut invalid = false;
            for (j, dj) in d.iter().enumerate().skip(cur + 1 + usize::from(display)) {
                let j_doubled = doubled(j);
                if !invalid && dj.context == open.context {
                    if (!display && dj.can_close) || (display && j_doubled) {
                        cache.clear();
                        found = Some(j);
                        break;
                    }
                    // Math cannot hold a `$` of its own context: no later closer counts.
                    invalid = true;
                }
                cache
                    .entry(dj.context)
                    .or_default()
                    .push_back((j, dj.can_close, j_doubled));
            }
            found
        };
        let Some(mut close) = found else {
            cur += 1;
            continue;
        };
        let display = close != cur + 1 && doubled(cur) && doubled(close);
        let (start, end) = if display {
            let start = d[cur].at + 2;
            close += 1;
            (start, d[close].at - 1)
        } else if d[close].at == open.at + 1 {
            // An empty inline span is text; the closer may open the next one.
            cur += 1;
            continue;
        } else {
            (open.at + 1, d[close].at)
        };
        // A span may run over lines: with no container (quote, list) around the paragraph
        // and no indentation, pulldown-cmark keeps its line breaks as they are.
        out.push((start..end, display));
        cur = close + 1;
    }
    out
}

/// pulldown-cmark's `MathDelims::find`: the first cached delimiter of the opener's context
/// after it, if it closes; otherwise it stays as a tombstone for the next opener.
fn find(
    cache: &mut HashMap<u8, VecDeque<(usize, bool, bool)>>,
    d: &[Dollar],
    open: usize,
    display: bool,
) -> Option<usize> {
    let queue = cache.get_mut(&d[open].context)?;
    while let Some((ix, can_close, doubled)) = queue.pop_front() {
        if ix <= open || (display && ix == open + 1) {
            continue;
        }
        let can_close = can_close && d[ix].at != d[open].at + 1;
        if (!display && can_close) || (display && doubled) {
            return Some(ix);
        }
        queue.push_front((ix, can_close, doubled));
        break;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::math_check::each_formula;
    use proptest::prelude::*;

    fn parsed(field: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        each_formula(field, |t, display, _| out.push((t.to_string(), display)));
        out
    }

    fn fast(field: &str) -> Option<Vec<(String, bool)>> {
        spans(field).map(|v| v.into_iter().map(|(t, d)| (t.to_string(), d)).collect())
    }

    #[track_caller]
    fn agrees(field: &str) {
        if let Some(fast) = fast(field) {
            assert_eq!(fast, parsed(field), "{field:?}");
        }
    }

    #[test]
    fn plain_fields_are_answered_and_agree() {
        for field in [
            "What is $x$?\n",
            "Why $p_\\theta(x) = \\prod_i p(x_i \\mid x_{<i})$ holds\nand $$\\log Z$$ too.\n",
            "$a$$b$ and $$ $$ and $ x$ and $x $ and $$x$$$y$\n",
            "A *bold* _claim_ $\\text{a $b$ c}$ with \\$5 and \\\\$y$ and $}$2+2$\n",
            "(see $\\{x\\}$) $x\\$$ $a{b$c}$d$\n",
            "a span $x +\ny$ over lines, $$\\sum\ni_i$$ too\n",
            "$\\mathbb{E}[x_{<i}]$ and $`a`$ and $[$ x &amp; $a & b$ \\[ \\`\n",
        ] {
            assert!(spans(field).is_some(), "{field:?}");
            agrees(field);
        }
    }

    #[test]
    fn anything_else_goes_to_the_parser() {
        for field in [
            "- a list $x$\n",
            "    code $x$\n",
            "`code $x$`\n",
            "$x$ `code`\n",
            "a\n  $x$ b\n",
            "a <b $x$\n",
            "[a $x$] b\n",
            "<b>$x$</b>\n",
            "[link]($x$)\n",
            "two\n\nparagraphs $x$\n",
            "# heading $x$\n",
            "1. item $x$\n",
            "a\n---\n",
        ] {
            assert_eq!(fast(field), None, "{field:?}");
        }
    }

    #[test]
    fn deep_braces_are_counted_as_pulldown_cmark_counts_them() {
        let deep = format!("$x$ {} $a$ {} $b$\n", "{".repeat(30), "}".repeat(31));
        agrees(&deep);
        let deep = format!("$a{}$b$ $c{}d$\n", "{".repeat(27), "}".repeat(27));
        agrees(&deep);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn agrees_with_pulldown_cmark(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("$"), Just("$$"), Just("{"), Just("}"), Just("\\"), Just("\\$"),
                    Just("\\{"), Just("\\\\"), Just("a"), Just("x"), Just(" "), Just("\n"),
                    Just("("), Just("_"), Just("*"), Just("|"), Just("é"), Just("1"),
                    Just("~"), Just("!"), Just("\\alpha"), Just("#"), Just("-"),
                    Just("`"), Just("<"), Just("["), Just("]"), Just("&amp;"), Just("&"),
                    Just("<b>"), Just("]("), Just("![") , Just("\\["),
                ],
                0..40,
            ),
            lead in prop_oneof![Just(""), Just("a"), Just("$"), Just("(")],
        ) {
            // Most fields start with a letter: so do most generated ones, or few would be
            // answered at all.
            let field = format!("{lead}{}", parts.concat());
            if let Some(fast) = fast(&field) {
                prop_assert_eq!(fast, parsed(&field), "{:?}", field);
            }
        }
    }
}
