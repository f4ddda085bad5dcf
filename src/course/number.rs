//! Numbers and tolerances as the course format writes them: `0.04`, `"1/25"`, `"-4.93e3"`,
//! and tolerances `0.001` (absolute) or `"0.5%"` (relative). The checker validates answers
//! with these and the drill grades typed answers with the same functions, so an answer that
//! passes `notes check` can always be graded.

use std::fmt;

/// How far a typed answer may be from the stored one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// `|given - expected| <= x`
    Absolute(f64),
    /// `|given - expected| <= x * |expected|`, stored as a fraction (`"0.5%"` is 0.005).
    Relative(f64),
}

/// When a numeric question gives no tolerance: 0.1 % relative, with an absolute floor of
/// 1e-9 so that an expected 0 is still reachable. Tight enough that a wrong digit in the first
/// three significant places is wrong, loose enough that `0.333` grades `1/3` right.
pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::Relative(0.001);

impl Tolerance {
    /// Parses `0.001`, `"0.5%"`, `"1e-3"`. Negative or non-finite values are rejected.
    pub fn parse(text: &str) -> Result<Tolerance, String> {
        let t = text.trim();
        let (num, relative) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (t, false),
        };
        let value = parse_number(num)
            .ok_or_else(|| format!("`{t}` is not a tolerance: write `0.001` or `\"0.5%\"`"))?;
        if value < 0.0 {
            return Err(format!("tolerance `{t}` is negative"));
        }
        Ok(if relative {
            Tolerance::Relative(value / 100.0)
        } else {
            Tolerance::Absolute(value)
        })
    }

    /// Whether `given` is close enough to `expected`.
    pub fn accepts(self, expected: f64, given: f64) -> bool {
        let diff = (given - expected).abs();
        match self {
            Tolerance::Absolute(t) => diff <= t + f64::EPSILON * expected.abs(),
            Tolerance::Relative(r) => diff <= (r * expected.abs()).max(1e-9),
        }
    }
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerance::Absolute(t) => write!(f, "±{t}"),
            Tolerance::Relative(r) => write!(f, "±{}%", r * 100.0),
        }
    }
}

/// Parses a decimal (`0.04`, `-3`, `+2.5`, `.5`), a fraction of two such numbers (`1/25`,
/// `-3/4`) or scientific notation (`-4.93e3`). Thousands separators and words are not numbers.
/// Returns `None` for anything else, including NaN and infinities.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if let Some((num, den)) = t.split_once('/') {
        let num = parse_plain(num.trim())?;
        let den = parse_plain(den.trim())?;
        if den == 0.0 {
            return None;
        }
        let v = num / den;
        return v.is_finite().then_some(v);
    }
    parse_plain(t)
}

fn parse_plain(t: &str) -> Option<f64> {
    // `f64::from_str` also takes "inf", "NaN" and "infinity": not answers anyone means.
    let ok = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && t.chars().any(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_formats_of_the_spec() {
        assert_eq!(parse_number("0.04"), Some(0.04));
        assert_eq!(parse_number("1/25"), Some(0.04));
        assert_eq!(parse_number(" -4.93e3 "), Some(-4930.0));
        assert_eq!(parse_number("+2"), Some(2.0));
        assert_eq!(parse_number("-3 / 4"), Some(-0.75));
        for bad in ["", "abc", "1/0", "inf", "NaN", "1,000", "e", "1/x", "--"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn tolerances() {
        assert_eq!(Tolerance::parse("0.5%"), Ok(Tolerance::Relative(0.005)));
        assert_eq!(Tolerance::parse("0.001"), Ok(Tolerance::Absolute(0.001)));
        assert!(Tolerance::parse("-1").is_err());
        assert!(Tolerance::parse("lots").is_err());
        assert!(Tolerance::Absolute(0.01).accepts(1.0, 1.005));
        assert!(!Tolerance::Absolute(0.01).accepts(1.0, 1.02));
        assert!(DEFAULT_TOLERANCE.accepts(1.0 / 3.0, 0.3333));
        assert!(!DEFAULT_TOLERANCE.accepts(1.0 / 3.0, 0.33));
        assert!(DEFAULT_TOLERANCE.accepts(0.0, 0.0));
    }
}
