//! Answer grading: turns what the user typed into right or wrong, for the auto-graded kinds
//! (true-false, numeric, choice). Pure functions: no terminal, no course loading.
//!
//! An answer that cannot be read at all (`maybe` to a true-false question, `abc` to a numeric
//! one, `z` with four options) is an error, not a wrong answer: the caller asks again, so a typo
//! never costs a lapse. [`parse_number`] is shared with the course checker, which reads the
//! expected answers of numeric questions with it, so both sides accept the same notation.
//!
//! # Numbers
//! A decimal (`0.04`, `.5`, `+3`), a fraction of two such numbers (`1/25`, `-3/4`), or
//! scientific notation (`-4.93e3`, `1E-6`, also inside a fraction: `1e3/7`). Whitespace anywhere
//! is ignored (`1 / 25`, `- 4.93e3`, `1 000`) and the Unicode minus sign `−` counts as `-`.
//! Not accepted: `inf`, `NaN`, thousands commas (`1,000` is ambiguous), percentages, and results
//! that overflow.
//!
//! # Tolerance
//! A numeric answer is right when `|given − expected| ≤ bound`, where the bound is the absolute
//! tolerance, or the relative tolerance times `|expected|`. A few units in the last place are
//! added so that a value typed exactly on the boundary (`100.001` against `100 ± 0.001`) passes
//! despite binary rounding. **The default, when a question gives none, is 0.5 % relative**: it
//! accepts any answer correctly rounded to three significant figures (rounding moves a value by
//! at most half a unit in the third figure, under 0.5 % of it), and rejects the usual slips
//! (a wrong sign, a wrong power of ten, a wrong second digit). Being relative it suits any scale,
//! from `1e-12` to `6.02e23`; the flip side is that an expected value of exactly `0` accepts only
//! `0`, so such questions should set an absolute tolerance.
//!
//! # Choices
//! Options are lettered `a`, `b`, `c`… in order. An answer is one letter or several, in any
//! order and case, separated by commas, semicolons, spaces or nothing (`a,c`, `a c`, `ca`, `A;C`);
//! it is compared with the expected letters as a set, so every right option and no wrong one
//! must be given.
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    #[error("no answer given")]
    Empty,
    #[error(
        "`{0}` is not a number: write a decimal (0.04), a fraction (1/25) or scientific notation (-4.93e3)"
    )]
    NotANumber(String),
    #[error("`{0}` divides by zero")]
    DivisionByZero(String),
    #[error("`{0}` is too large to compute with")]
    Overflow(String),
    #[error("`{0}` is not true or false: answer t, f, true, false, y, n, yes or no")]
    NotTrueFalse(String),
    #[error(
        "invalid tolerance `{0}`: write a non-negative absolute amount (0.001) or percentage (0.5%)"
    )]
    InvalidTolerance(String),
    #[error("`{0}` is not a choice: answer with option letters, such as `b` or `a,c`")]
    NotAChoice(String),
    #[error("there is no option `{letter}`: the options are a to {last}")]
    NoSuchOption { letter: char, last: char },
    #[error("a choice question has 1 to 26 options, not {0}")]
    OptionCount(usize),
}

/// Reads a number as described in the module docs; the result is always finite.
pub fn parse_number(s: &str) -> Result<f64, GradeError> {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if compact.is_empty() {
        return Err(GradeError::Empty);
    }
    let not_a_number = || GradeError::NotANumber(s.trim().to_owned());
    let value = match compact.split_once('/') {
        None => parse_plain(&compact).ok_or_else(not_a_number)?,
        Some((num, den)) => {
            let num = parse_plain(num).ok_or_else(not_a_number)?;
            let den = parse_plain(den).ok_or_else(not_a_number)?;
            if den == 0.0 {
                return Err(GradeError::DivisionByZero(s.trim().to_owned()));
            }
            num / den
        }
    };
    if value.is_finite() {
        Ok(value)
    } else {
        Err(GradeError::Overflow(s.trim().to_owned()))
    }
}

/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, checked by hand because
/// `f64::from_str` also takes `inf`, `NaN` and `infinity`.
fn parse_plain(s: &str) -> Option<f64> {
    let bytes = s.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    s.parse().ok()
}

/// How far a numeric answer may be from the expected value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// At most this far from the expected value (YAML `tolerance: 0.001`).
    Absolute(f64),
    /// At most this fraction of |expected| away: `Relative(0.005)` is YAML `tolerance: "0.5%"`.
    Relative(f64),
}

impl Tolerance {
    /// Relative 0.5 %: see the module docs for why.
    pub const DEFAULT: Tolerance = Tolerance::Relative(0.005);

    /// An absolute tolerance given as a YAML number; refused when negative or not finite.
    pub fn absolute(amount: f64) -> Result<Tolerance, GradeError> {
        if amount.is_finite() && amount >= 0.0 {
            Ok(Tolerance::Absolute(amount))
        } else {
            Err(GradeError::InvalidTolerance(amount.to_string()))
        }
    }

    /// A tolerance given as a string: a percentage (`"0.5%"`) is relative, a bare number
    /// (`"0.001"`, `"1e-3"`, `"1/1000"`) is absolute.
    pub fn parse(s: &str) -> Result<Tolerance, GradeError> {
        let invalid = || GradeError::InvalidTolerance(s.trim().to_owned());
        let trimmed = s.trim();
        let (number, percent) = match trimmed.strip_suffix('%') {
            Some(rest) => (rest, true),
            None => (trimmed, false),
        };
        let value = parse_number(number).map_err(|_| invalid())?;
        if value < 0.0 {
            return Err(invalid());
        }
        Ok(if percent {
            Tolerance::Relative(value / 100.0)
        } else {
            Tolerance::Absolute(value)
        })
    }

    /// Whether `given` is close enough to `expected`; never true for a non-finite value.
    pub fn accepts(self, expected: f64, given: f64) -> bool {
        if !expected.is_finite() || !given.is_finite() {
            return false;
        }
        let bound = match self {
            Tolerance::Absolute(amount) => amount,
            Tolerance::Relative(fraction) => fraction * expected.abs(),
        };
        // A value typed on the boundary should pass whatever binary rounding did to it.
        let slack = 4.0 * f64::EPSILON * expected.abs().max(given.abs());
        (given - expected).abs() <= bound + slack
    }
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance::DEFAULT
    }
}

impl FromStr for Tolerance {
    type Err = GradeError;

    fn from_str(s: &str) -> Result<Tolerance, GradeError> {
        Tolerance::parse(s)
    }
}

impl fmt::Display for Tolerance {
    /// `±0.001` or `±0.5%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerance::Absolute(amount) => write!(f, "±{amount}"),
            Tolerance::Relative(fraction) => write!(f, "±{}%", fraction * 100.0),
        }
    }
}

/// Grades a numeric answer; an unreadable one is an error (ask again), not a wrong answer.
pub fn grade_numeric(given: &str, expected: f64, tolerance: Tolerance) -> Result<bool, GradeError> {
    parse_number(given).map(|value| tolerance.accepts(expected, value))
}

/// Reads `t`/`f`/`true`/`false`/`y`/`n`/`yes`/`no`, in any case.
pub fn parse_true_false(s: &str) -> Result<bool, GradeError> {
    let answer = s.trim().to_ascii_lowercase();
    match answer.as_str() {
        "" => Err(GradeError::Empty),
        "t" | "true" | "y" | "yes" => Ok(true),
        "f" | "false" | "n" | "no" => Ok(false),
        _ => Err(GradeError::NotTrueFalse(s.trim().to_owned())),
    }
}

pub fn grade_true_false(given: &str, expected: bool) -> Result<bool, GradeError> {
    parse_true_false(given).map(|answer| answer == expected)
}

/// The letter of option `index` (0 → `a`), for display; `None` past `z`.
pub fn choice_letter(index: usize) -> Option<char> {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map(|i| char::from(b'a' + i))
}

/// Reads option letters into 0-based option indices. `options` is how many the question has.
/// Also reads the expected answer of a choice question (`b`, or the letters of a YAML list
/// joined), so both sides go through the same rules.
pub fn parse_choice(s: &str, options: usize) -> Result<BTreeSet<usize>, GradeError> {
    let last = options
        .checked_sub(1)
        .and_then(choice_letter)
        .ok_or(GradeError::OptionCount(options))?;
    let mut chosen = BTreeSet::new();
    for c in s.chars() {
        if c.is_whitespace() || c == ',' || c == ';' {
            continue;
        }
        if !c.is_ascii_alphabetic() {
            return Err(GradeError::NotAChoice(s.trim().to_owned()));
        }
        let letter = c.to_ascii_lowercase();
        let index = usize::from(letter as u8 - b'a');
        if index >= options {
            return Err(GradeError::NoSuchOption { letter, last });
        }
        chosen.insert(index);
    }
    if chosen.is_empty() {
        return Err(GradeError::Empty);
    }
    Ok(chosen)
}

/// Grades a choice answer against the set of right options (0-based indices).
pub fn grade_choice(
    given: &str,
    expected: &BTreeSet<usize>,
    options: usize,
) -> Result<bool, GradeError> {
    parse_choice(given, options).map(|chosen| &chosen == expected)
}

#[cfg(test)]
mod tests;
