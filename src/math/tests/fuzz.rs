//! Regressions found by fuzzing the math module (`fuzz/`, target `math`; see
//! `fuzz/README.md`). Each test inlines the input that failed — for nesting, the construct and
//! a count past the bound, since the failure is the depth itself — and pins what must happen
//! instead.
//!
//! Before the fixes these did not fail an assertion: a stack overflow aborts the whole test
//! binary ("fatal runtime error: stack overflow") and the exponential ones never finish.

use crate::math::limits::{MAX_CHAIN, MAX_NESTING};
use crate::math::{Macros, check, render, to_unicode};

fn nest(open: &str, inner: &str, close: &str, n: usize) -> String {
    format!("{}{inner}{}", open.repeat(n), close.repeat(n))
}

/// `{{{…x…}}}` 5,000 deep overflowed the stack in the tree builder (`tree.rs`, `element`);
/// `\left(` and `\begin{aligned}` in the Typst writer (`seq`, `env`); `\frac{`, `x^{`, `\sqrt{`
/// likewise. Each construct must render up to the bound and be refused past it, on the 2 MiB
/// stack of a test thread in a debug build, where frames are largest.
#[test]
fn regression_fuzz_math_deep_nesting_overflowed_the_stack() {
    let m = Macros::empty();
    let constructs = [
        ("{", "}"),
        (r"\left(", r"\right)"),
        (r"\begin{aligned}", r"\end{aligned}"),
        (r"\frac{", "}{y}"),
        ("x^{", "}"),
        (r"\sqrt{", "}"),
        (r"\overline{", "}"),
    ];
    for (open, close) in constructs {
        let deepest = (1..=MAX_NESTING + 1)
            .take_while(|&n| render(&nest(open, "x", close, n), true, &m).is_ok())
            .last()
            .unwrap_or(0);
        assert!(
            (MAX_NESTING / 4..=MAX_NESTING).contains(&deepest),
            "{open}: renders {deepest} deep"
        );
        let tex = nest(open, "x", close, 5000);
        let errors = check(&tex, &m);
        assert_eq!(errors.len(), 1, "{open}: {errors:?}");
        assert!(errors[0].message.contains("nests more than"), "{errors:?}");
    }
    // Refused before parsing, at the brace past the bound.
    let errors = check(&nest("{", "x", "}", 5000), &m);
    assert_eq!(errors[0].offset, MAX_NESTING);
}

/// `\sqrt\sqrt\sqrt…x` (20,000 of them) overflowed the stack inside pulldown-latex, which
/// parses an unbraced argument that is a command by recursion; so did the other commands that
/// take arguments. Refused before parsing, at the first command past the bound.
#[test]
fn regression_fuzz_math_chained_commands_overflowed_pulldown_latex() {
    let m = Macros::empty();
    for link in [
        r"\sqrt",
        r"\sqrt[3]",
        r"\frac{a}",
        r"\hat",
        r"\not",
        r"\mathrm",
        r"\color{red}",
        r"\displaystyle",
    ] {
        let tex = format!("{}x", link.repeat(20_000));
        let errors = check(&tex, &m);
        assert_eq!(errors.len(), 1, "{link}: {errors:?}");
        assert!(
            errors[0].message.contains("commands follow one another"),
            "{link}: {errors:?}"
        );
        assert_eq!(errors[0].offset, MAX_CHAIN * link.len(), "{link}");
    }
    // A long list of symbols is no chain.
    assert_eq!(check(&r"\alpha, ".repeat(1000), &m), vec![]);
}

/// `\color{red}x\color{red}x…` nests one level per colour change without a single brace, so
/// only the tree builder's own bound can stop it; it overflowed the stack there.
#[test]
fn regression_fuzz_math_colour_changes_nested_without_braces() {
    let m = Macros::empty();
    let errors = check(&r"\color{red}x".repeat(5000), &m);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("nests more than"), "{errors:?}");
    assert!(render(&r"\color{red}x".repeat(MAX_NESTING / 2), true, &m).is_ok());
}

/// `\not\not…\not=` struck through the combining marks of the inner negation too, doubling the
/// Unicode text per `\not`: 26 of them took 11 s and 1 GB. Now each level adds one mark per
/// letter.
#[test]
fn regression_fuzz_math_negation_doubled_the_text_per_level() {
    let m = Macros::empty();
    let tex = format!("{}=", r"\not".repeat(60));
    let text = to_unicode(&tex, &m).expect("renders");
    assert!(
        text.chars().count() <= 2 + 60,
        "{} chars",
        text.chars().count()
    );
}

/// `\overline{\overline{…ab…}}` (and `\underline`) put a line mark after the marks of the
/// inner line too, doubling the text per level: 26 levels took 23 s and 750 MB.
#[test]
fn regression_fuzz_math_overline_doubled_the_text_per_level() {
    let m = Macros::empty();
    for line in [r"\overline{", r"\underline{"] {
        let text = to_unicode(&nest(line, "ab", "}", 30), &m).expect("renders");
        assert!(text.chars().count() <= 2 * 31, "{line}: {text}");
    }
}

/// `\underset a{\underset a{…x…}}`: the Unicode writer rendered the base to try it as an
/// accent, found `a` is none, and rendered it again as a script — twice per level, 2ⁿ in all:
/// 22 levels took 30 s. The base is now rendered once. (Before the fix this test does not
/// fail, it never finishes.)
#[test]
fn regression_fuzz_math_decoration_rendered_its_base_twice() {
    let m = Macros::empty();
    for open in [r"\underset a{", r"\overset x{"] {
        let tex = nest(open, "x", "}", 30);
        assert!(to_unicode(&tex, &m).is_ok(), "{open}");
    }
}

/// `\def` inside a formula: pulldown-latex expands its own definitions up to a depth limit, so
/// the fuzzer's 731 bytes of `\def\sum_\not\KL{…}` chains gave 123,496 events and 15,041
/// errors, 60 ms in a release build and over 5 s under the fuzzer's instrumentation; doubling
/// definitions like the one below grow without end. Definitions are now refused before parsing,
/// at the command, with the place to put them instead.
#[test]
fn regression_fuzz_math_definitions_inside_a_formula_expanded_without_bound() {
    let m = Macros::empty();
    for tex in [
        r"\def\a{\a\a}\a",
        r"x = \def\sum_\not\KL{p}{q} = \sum_\not\KL{p}{q}",
        r"\newcommand{\b}{\b\b}\b",
    ] {
        let errors = check(tex, &m);
        assert_eq!(errors.len(), 1, "{tex}: {errors:?}");
        assert!(
            errors[0].message.contains("notes/macros.tex"),
            "{tex}: {errors:?}"
        );
        assert_eq!(
            errors[0].offset,
            tex.find(r"\def")
                .or(tex.find(r"\new"))
                .expect("a definition")
        );
    }
}
