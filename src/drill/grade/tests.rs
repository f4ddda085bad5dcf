//! Grading tests: examples for each notation, then properties (no input panics).
#![allow(clippy::unwrap_used, reason = "tests: a panic is a failure")]

use super::*;
use proptest::prelude::*;

fn set(indices: &[usize]) -> BTreeSet<usize> {
    indices.iter().copied().collect()
}

#[test]
fn numbers_in_every_notation() {
    let cases = [
        ("0.04", 0.04),
        ("1/25", 0.04),
        ("-4.93e3", -4930.0),
        ("+3", 3.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("  1 / 25 ", 0.04),
        ("- 4.93e3", -4930.0),
        ("1 000", 1000.0),
        ("\u{2212}2.5", -2.5),
        ("1E-6", 1e-6),
        ("6.02e+23", 6.02e23),
        ("-3/4", -0.75),
        ("3/-4", -0.75),
        ("1e3/8", 125.0),
        ("0", 0.0),
    ];
    for (text, value) in cases {
        assert_eq!(parse_number(text), Ok(value), "{text}");
    }
}

#[test]
fn not_numbers() {
    for text in [
        "abc", "inf", "NaN", "infinity", "1,000", "1/2/3", "e5", "1e", "1e+", "--1", "+-1",
        "1.2.3", ".", "-", "/", "1/", "/2", "5%", "0x10", "1_000",
    ] {
        assert!(
            matches!(parse_number(text), Err(GradeError::NotANumber(_))),
            "{text}: {:?}",
            parse_number(text)
        );
    }
    assert_eq!(parse_number("   "), Err(GradeError::Empty));
    assert!(matches!(
        parse_number("1/0"),
        Err(GradeError::DivisionByZero(_))
    ));
    assert!(matches!(
        parse_number("1/0.0e5"),
        Err(GradeError::DivisionByZero(_))
    ));
    assert!(matches!(
        parse_number("1e400"),
        Err(GradeError::Overflow(_))
    ));
    assert!(matches!(
        parse_number("1e300/1e-300"),
        Err(GradeError::Overflow(_))
    ));
}

#[test]
fn error_messages_quote_the_input() {
    let message = parse_number(" 4,5 ").unwrap_err().to_string();
    assert!(message.starts_with("`4,5` is not a number"), "{message}");
}

#[test]
fn tolerances_parse() {
    assert_eq!(Tolerance::parse("0.5%"), Ok(Tolerance::Relative(0.005)));
    assert_eq!(Tolerance::parse(" 2 % "), Ok(Tolerance::Relative(0.02)));
    assert_eq!(Tolerance::parse("0.001"), Ok(Tolerance::Absolute(0.001)));
    assert_eq!(Tolerance::parse("1e-3"), Ok(Tolerance::Absolute(0.001)));
    assert_eq!(Tolerance::parse("0"), Ok(Tolerance::Absolute(0.0)));
    assert_eq!(
        "1/1000".parse::<Tolerance>(),
        Ok(Tolerance::Absolute(0.001))
    );
    for bad in ["-0.1", "-1%", "abc", "%", "", "5%%", "inf"] {
        assert!(
            matches!(Tolerance::parse(bad), Err(GradeError::InvalidTolerance(_))),
            "{bad}"
        );
    }
    assert_eq!(Tolerance::absolute(0.01), Ok(Tolerance::Absolute(0.01)));
    assert!(Tolerance::absolute(-0.01).is_err());
    assert!(Tolerance::absolute(f64::NAN).is_err());
    assert_eq!(Tolerance::default(), Tolerance::Relative(0.005));
    assert_eq!(Tolerance::Relative(0.005).to_string(), "±0.5%");
    assert_eq!(Tolerance::Absolute(0.001).to_string(), "±0.001");
}

#[test]
fn absolute_tolerance_includes_its_boundary() {
    let tol = Tolerance::Absolute(0.001);
    assert!(tol.accepts(100.0, 100.001));
    assert!(tol.accepts(100.0, 99.999));
    assert!(!tol.accepts(100.0, 100.0011));
    assert!(!tol.accepts(100.0, f64::NAN));
}

#[test]
fn default_tolerance_accepts_three_significant_figures() {
    let tol = Tolerance::DEFAULT;
    // The worst cases of rounding to three figures: just under a half unit in the third.
    assert!(tol.accepts(1.00499, 1.00));
    assert!(tol.accepts(9.99499e-7, 9.99e-7));
    assert!(tol.accepts(-4930.27, -4.93e3));
    assert!(tol.accepts(1.0 / 3.0, 0.333));
    assert!(tol.accepts(std::f64::consts::E, 2.72));
    // Usual slips.
    assert!(!tol.accepts(-4930.0, 4930.0));
    assert!(!tol.accepts(0.04, 0.4));
    assert!(!tol.accepts(0.04, 0.041));
    assert!(!tol.accepts(std::f64::consts::E, 2.7));
    // Zero: relative means exact.
    assert!(tol.accepts(0.0, 0.0));
    assert!(!tol.accepts(0.0, 1e-12));
}

#[test]
fn numeric_grading() {
    assert_eq!(grade_numeric("1/25", 0.04, Tolerance::DEFAULT), Ok(true));
    assert_eq!(grade_numeric("0.05", 0.04, Tolerance::DEFAULT), Ok(false));
    assert_eq!(
        grade_numeric("0.045", 0.04, Tolerance::Absolute(0.01)),
        Ok(true)
    );
    assert!(grade_numeric("zero", 0.0, Tolerance::DEFAULT).is_err());
}

#[test]
fn true_false() {
    for yes in ["t", "T", "true", "TRUE", "y", "Yes", " yes "] {
        assert_eq!(parse_true_false(yes), Ok(true), "{yes}");
    }
    for no in ["f", "False", "n", "NO", "no\n"] {
        assert_eq!(parse_true_false(no), Ok(false), "{no}");
    }
    assert_eq!(parse_true_false(""), Err(GradeError::Empty));
    assert!(matches!(
        parse_true_false("maybe"),
        Err(GradeError::NotTrueFalse(_))
    ));
    assert_eq!(grade_true_false("t", true), Ok(true));
    assert_eq!(grade_true_false("n", true), Ok(false));
}

#[test]
fn choices_are_sets_of_letters() {
    assert_eq!(parse_choice("b", 4), Ok(set(&[1])));
    assert_eq!(parse_choice("B", 4), Ok(set(&[1])));
    for multi in ["a,c", "a c", "ac", "ca", "A; C", " c , a ", "aac"] {
        assert_eq!(parse_choice(multi, 4), Ok(set(&[0, 2])), "{multi}");
    }
    assert_eq!(grade_choice("c a", &set(&[0, 2]), 4), Ok(true));
    assert_eq!(grade_choice("a", &set(&[0, 2]), 4), Ok(false));
    assert_eq!(grade_choice("abc", &set(&[0, 2]), 4), Ok(false));
}

#[test]
fn choices_out_of_range_or_garbage() {
    assert_eq!(
        parse_choice("e", 4),
        Err(GradeError::NoSuchOption {
            letter: 'e',
            last: 'd'
        })
    );
    assert_eq!(
        parse_choice("e", 4).unwrap_err().to_string(),
        "there is no option `e`: the options are a to d"
    );
    assert!(matches!(
        parse_choice("1", 4),
        Err(GradeError::NotAChoice(_))
    ));
    assert!(matches!(
        parse_choice("a-b", 4),
        Err(GradeError::NotAChoice(_))
    ));
    assert!(matches!(
        parse_choice("é", 4),
        Err(GradeError::NotAChoice(_))
    ));
    assert_eq!(parse_choice(" , ", 4), Err(GradeError::Empty));
    assert_eq!(parse_choice("a", 0), Err(GradeError::OptionCount(0)));
    assert_eq!(parse_choice("a", 27), Err(GradeError::OptionCount(27)));
    assert_eq!(parse_choice("z", 26), Ok(set(&[25])));
    assert_eq!(choice_letter(0), Some('a'));
    assert_eq!(choice_letter(25), Some('z'));
    assert_eq!(choice_letter(26), None);
}

proptest! {
    #[test]
    fn no_input_panics(s in "\\PC*", options in 0usize..40, expected in any::<f64>()) {
        let _ = parse_number(&s);
        let _ = Tolerance::parse(&s);
        let _ = parse_true_false(&s);
        let _ = parse_choice(&s, options);
        let _ = grade_numeric(&s, expected, Tolerance::DEFAULT);
    }

    #[test]
    fn no_number_like_input_panics(s in "[-+ .0-9eE/\u{2212}]{0,24}") {
        if let Ok(value) = parse_number(&s) {
            prop_assert!(value.is_finite());
        }
    }

    /// What Rust prints, in either notation, reads back as the same number.
    #[test]
    fn printed_numbers_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        prop_assert_eq!(parse_number(&x.to_string()), Ok(x));
        prop_assert_eq!(parse_number(&format!("{x:e}")), Ok(x));
        prop_assert_eq!(parse_number(&format!(" {x:E} ")), Ok(x));
    }

    #[test]
    fn fractions_divide(a in -100_000i32..100_000, b in -1000i32..1000) {
        prop_assume!(b != 0);
        prop_assert_eq!(parse_number(&format!("{a}/{b}")), Ok(f64::from(a) / f64::from(b)));
    }

    #[test]
    fn every_value_is_within_any_tolerance_of_itself(x in -1e300f64..1e300, t in 0.0f64..1.0) {
        prop_assert!(Tolerance::Absolute(t).accepts(x, x));
        prop_assert!(Tolerance::Relative(t).accepts(x, x));
    }

    /// Order, case, separators and repeats do not change a choice answer.
    #[test]
    fn choice_order_and_separators_do_not_matter(
        picks in prop::collection::vec(0usize..6, 1..8),
        seps in prop::collection::vec(prop::sample::select(vec!["", ",", " ", "; ", " , "]), 8),
        upper in any::<bool>(),
    ) {
        let mut text = String::new();
        for (i, pick) in picks.iter().rev().enumerate() {
            let letter = choice_letter(*pick).unwrap();
            text.push(if upper { letter.to_ascii_uppercase() } else { letter });
            text.push_str(seps[i % seps.len()]);
        }
        let expected: BTreeSet<usize> = picks.iter().copied().collect();
        prop_assert_eq!(parse_choice(&text, 6), Ok(expected));
    }
}
