//! How deep a formula may nest. pulldown-latex, the tree builder and both writers recurse as a
//! formula nests, and a stack overflow aborts the process (it cannot be caught like a panic),
//! so nesting is bounded: [`check`] refuses what would overflow pulldown-latex or make it slow
//! before it parses, and `tree.rs` stops at [`MAX_NESTING`] what gets past that.
//!
//! The bounds are far above what people write (the shipped course and the golden corpus nest
//! at most 10 deep and chain at most 10 commands) and far below what overflows: about 200
//! levels of the writers, or 130 chained commands in pulldown-latex, fill a 2 MiB thread stack
//! in a debug build.

use super::lex;

/// How deep elements may nest (groups, scripts, fractions, roots, font and style changes,
/// `\left…\right`, environments).
pub(super) const MAX_NESTING: usize = 64;

/// How many control sequences may follow one another with nothing but blanks and groups
/// between them. pulldown-latex parses an unbraced argument that is itself a command by
/// recursion (`\sqrt\sqrt\sqrt…x`, `\frac{a}\frac{a}…`, `\hat\hat…`), one large frame per
/// command. The count also takes in commands without arguments (`\alpha \beta`).
pub(super) const MAX_CHAIN: usize = 64;

/// What [`check`] refuses, and the byte of the text where the bound is first passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(super) enum TooMuch {
    #[error(
        "the formula nests more than {MAX_NESTING} levels deep (groups, scripts, fractions, \
         font changes); split it or simplify it"
    )]
    Nesting { at: usize },
    #[error(
        "more than {MAX_CHAIN} commands follow one another with no symbol between them, too \
         many for the LaTeX parser; brace the arguments (`\\sqrt{{\\sqrt{{x}}}}`) or separate \
         the commands"
    )]
    Chain { at: usize },
    #[error(
        "a macro is defined inside the formula; define it once in `notes/macros.tex` with \
         `\\newcommand` and use it anywhere"
    )]
    Definition { at: usize },
}

impl TooMuch {
    pub fn at(self) -> usize {
        match self {
            TooMuch::Nesting { at } | TooMuch::Chain { at } | TooMuch::Definition { at } => at,
        }
    }
}

/// Scans the expanded text of a formula once, in linear time.
///
/// Definitions inside a formula (`\def`, `\newcommand`, `\let`…) are refused: pulldown-latex
/// expands `\def` itself, up to its own depth limit, so a few hundred bytes of recursive
/// definitions become hundreds of thousands of events; and course macros belong in one place.
///
/// Nesting counts open `{`, `\left` and `\begin`. pulldown-latex finds the end of each group
/// by scanning ahead, so thousands of levels also take it seconds, not only stack.
///
/// A chain over-approximates pulldown-latex's recursion depth: every control sequence extends
/// the current run; any other token but blanks ends it. A group, `{…}` or `[…]` (an optional
/// argument), is parsed later from pulldown-latex's own stack, not by recursion, so its content
/// starts a run of its own and the run around it goes on after it closes (`\frac{a}\frac…`,
/// `\sqrt[3]\sqrt…`). pulldown-latex counts only braces inside braces and only brackets inside
/// brackets, so a closer ends the innermost group of its own kind.
pub(super) fn check(text: &str) -> Result<(), TooMuch> {
    if clearly_within(text) {
        return Ok(());
    }
    scan(text)
}

/// True for a text that cannot pass any bound, known without the scan (nearly every formula):
/// nesting counts open braces and commands, so it is at most the number of `{` and `\`; a
/// chain counts commands; and a definition is a command word. Control symbols (`\{`) are
/// skipped whole, as the scan skips them.
fn clearly_within(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut commands, mut braces) = (0, 0);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'{' => braces += 1,
            b'\\' => {
                commands += 1;
                let cs = lex::control_seq(text, i - 1);
                if is_definition(cs.name) {
                    return false;
                }
                i = cs.end;
            }
            _ => {}
        }
    }
    commands <= MAX_CHAIN && commands + braces <= MAX_NESTING
}

/// The commands that define macros.
fn is_definition(word: &str) -> bool {
    matches!(
        word,
        "def"
            | "gdef"
            | "edef"
            | "xdef"
            | "let"
            | "futurelet"
            | "newcommand"
            | "renewcommand"
            | "providecommand"
            | "DeclareMathOperator"
    )
}

/// [`check`], byte by byte.
fn scan(text: &str) -> Result<(), TooMuch> {
    let bytes = text.as_bytes();
    // Open groups: the closer that ends each, and the run outside it.
    let mut open: Vec<(u8, usize)> = Vec::new();
    // How many of `open` are braces ([0]) and brackets ([1]).
    let mut unclosed = [0usize; 2];
    // Open `\left` and `\begin`.
    let mut fenced = 0usize;
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                run += 1;
                if run > MAX_CHAIN {
                    return Err(TooMuch::Chain { at: i });
                }
                // A control word, or a control symbol (one character, maybe multi-byte).
                let cs = lex::control_seq(text, i);
                match cs.name {
                    "left" | "begin" => fenced += 1,
                    "right" | "end" => fenced = fenced.saturating_sub(1),
                    w if is_definition(w) => return Err(TooMuch::Definition { at: i }),
                    _ => {}
                }
                if unclosed[0] + fenced > MAX_NESTING {
                    return Err(TooMuch::Nesting { at: i });
                }
                i = cs.end;
                continue;
            }
            b'{' | b'[' => {
                let kind = usize::from(bytes[i] == b'[');
                unclosed[kind] += 1;
                if unclosed[0] + fenced > MAX_NESTING {
                    return Err(TooMuch::Nesting { at: i });
                }
                open.push((if kind == 0 { b'}' } else { b']' }, run));
                run = 0;
            }
            closer @ (b'}' | b']') => {
                let kind = usize::from(closer == b']');
                if unclosed[kind] == 0 {
                    // A stray closer (an error for pulldown-latex): nothing to go back to.
                    run = 0;
                } else {
                    // Found before the search leaves the stack, and everything searched is
                    // dropped: linear over the whole text.
                    while let Some((c, outside)) = open.pop() {
                        unclosed[usize::from(c == b']')] -= 1;
                        if c == closer {
                            run = outside;
                            break;
                        }
                    }
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => run = 0,
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The shortcut never answers what the scan would not.
        #[test]
        fn clearly_within_agrees_with_the_scan(
            pieces in proptest::collection::vec(
                prop::sample::select(vec![
                    "\\", "{", "}", "[", "]", " ", "x", "\\left(", "\\right)", "\\begin{aligned}",
                    "\\end{aligned}", "\\sqrt", "\\frac{a}", "\\def", "\\let", "\\newcommand",
                    "\\DeclareMathOperator", "\\delta", "\\letter", "\\alpha", "\\\\def",
                ]),
                0..80,
            )
        ) {
            let text = pieces.concat();
            if clearly_within(&text) {
                prop_assert_eq!(scan(&text), Ok(()), "{:?}", text);
            }
        }
    }

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("{}x{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn the_course_s_deepest_formulas_pass() {
        assert_eq!(
            check(r"\mathbb{E}_{x \sim p}{\left\| \nabla_x \log p_{\theta}(x) \right\|_2^2}"),
            Ok(())
        );
        assert_eq!(check(r"\alpha \beta \gamma \delta \epsilon \zeta"), Ok(()));
        assert_eq!(check(&nested("{", "}", MAX_NESTING)), Ok(()));
        let chain = format!("{}x", r"\sqrt".repeat(MAX_CHAIN));
        assert_eq!(check(&chain), Ok(()));
    }

    #[test]
    fn nesting_counts_braces_left_and_begin() {
        let n = MAX_NESTING + 1;
        for (open, close) in [
            ("{", "}"),
            (r"\left(", r"\right)"),
            (r"\begin{aligned}", r"\end{aligned}"),
        ] {
            let tex = nested(open, close, n);
            assert!(
                matches!(check(&tex), Err(TooMuch::Nesting { .. })),
                "{open}"
            );
        }
        // Closed groups do not add up.
        assert_eq!(check(&"{x}".repeat(10 * MAX_NESTING)), Ok(()));
        assert_eq!(check(&r"\left(x\right)".repeat(10 * MAX_NESTING)), Ok(()));
    }

    #[test]
    fn chains_go_on_across_arguments_and_end_at_a_symbol() {
        let n = MAX_CHAIN + 1;
        for link in [r"\sqrt", r"\frac{a}", r"\sqrt[3]", r"\hat ", r"\not"] {
            let tex = format!("{}x", link.repeat(n));
            assert!(matches!(check(&tex), Err(TooMuch::Chain { .. })), "{link}");
        }
        // An optional argument holding a brace is still one argument.
        let tex = format!("{}x", r"\sqrt[{]".repeat(n));
        assert!(matches!(check(&tex), Err(TooMuch::Chain { .. })));
        assert_eq!(check(&r"\alpha, ".repeat(10 * MAX_CHAIN)), Ok(()));
        assert_eq!(check(&r"\frac{a}{b} + ".repeat(10 * MAX_CHAIN)), Ok(()));
    }

    #[test]
    fn definitions_are_refused_where_they_start() {
        for tex in [
            r"x + \def\a{b}",
            r"x + \newcommand{\a}{b}",
            r"x + \let\a=b",
            r"x + \renewcommand\a{b}",
        ] {
            assert_eq!(check(tex), Err(TooMuch::Definition { at: 4 }), "{tex}");
        }
        // Only the whole word: `\default` is some other (unknown) command.
        assert_eq!(check(r"\deff + \letter + \define"), Ok(()));
    }

    #[test]
    fn the_error_points_at_the_command_past_the_bound() {
        let tex = r"\sqrt".repeat(MAX_CHAIN + 1);
        assert_eq!(check(&tex), Err(TooMuch::Chain { at: 5 * MAX_CHAIN }));
        let tex = "{".repeat(MAX_NESTING + 1);
        assert_eq!(check(&tex), Err(TooMuch::Nesting { at: MAX_NESTING }));
    }
}
