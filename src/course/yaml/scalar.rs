//! What a scalar means: the YAML 1.2 core schema for plain scalars (`~`/`null`, `true`/`false`,
//! integers, floats), strings for quoted and block scalars, and the core tags (`!!str 1`).
//!
//! Only the 1.2 spellings count: `yes`, `on` and `y` are words (with YAML 1.1's booleans,
//! `options: [Yes, No]` would read as `true`/`false`), and `1_000` or `0b101` are not numbers,
//! as `notes` reads numbers elsewhere (`drill::grade::parse_number`). `.inf` and `.nan` stay words
//! too: a numeric answer must be finite, and the checker says so better than a parse error.

use super::Value;

/// The value of an untagged plain scalar, and the author's spelling of it when the value
/// would print differently (`0.10`, `007`).
pub(super) fn plain(text: &str) -> (Value, Option<Box<str>>) {
    let value = match text {
        "" | "~" | "null" | "Null" | "NULL" => return (Value::Null, None),
        "true" | "True" | "TRUE" => return (Value::Bool(true), None),
        "false" | "False" | "FALSE" => return (Value::Bool(false), None),
        _ => match number(text) {
            Some(v) => v,
            None => return (Value::Str(text.to_string()), None),
        },
    };
    let printed = match value {
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        _ => String::new(),
    };
    let raw = (printed != text).then(|| text.into());
    (value, raw)
}

/// A plain scalar as an integer or a finite float, if the core schema reads it as a number.
fn number(text: &str) -> Option<Value> {
    let b = text.as_bytes();
    let first = *b.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.bytes().all(|c| c.is_ascii_hexdigit()))
            .map(Value::Int);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8)
            .ok()
            .filter(|_| oct.bytes().all(|c| matches!(c, b'0'..=b'7')))
            .map(Value::Int);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        // Too large for an i64: still a number, as a float.
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(text.parse::<f64>().ok()?),
        });
    }
    is_float(digits)
        .then(|| text.parse::<f64>().ok())
        .flatten()
        .filter(|f| f.is_finite())
        .map(Value::Float)
}

/// `( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`, the core schema's float
/// without its sign.
fn is_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    let mantissa_ok = all_digits(int)
        && frac.is_none_or(all_digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// A scalar with a core-schema tag (`!!str`, `!!int`, …): the tag decides. Other tags are
/// ignored, and the scalar read as if untagged.
pub(super) fn tagged(
    text: &str,
    plain_style: bool,
    suffix: &str,
) -> Result<(Value, Option<Box<str>>), String> {
    let (value, raw) = plain(text);
    let ok = match suffix {
        "str" => return Ok((Value::Str(text.to_string()), None)),
        "null" => matches!(value, Value::Null),
        "bool" => matches!(value, Value::Bool(_)),
        "int" => matches!(value, Value::Int(_)),
        "float" => {
            if let Value::Int(i) = value {
                return Ok((Value::Float(i as f64), Some(text.into())));
            }
            matches!(value, Value::Float(_))
        }
        _ => {
            return Ok(if plain_style {
                (value, raw)
            } else {
                (Value::Str(text.to_string()), None)
            });
        }
    };
    if ok {
        Ok((value, raw))
    } else {
        Err(format!("`{text}` is not a valid !!{suffix}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        plain(text).0
    }

    #[test]
    fn core_schema_words() {
        for t in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(value(t), Value::Null, "{t:?}");
        }
        for t in ["true", "True", "TRUE"] {
            assert_eq!(value(t), Value::Bool(true), "{t}");
        }
        for t in ["false", "False", "FALSE"] {
            assert_eq!(value(t), Value::Bool(false), "{t}");
        }
        for t in [
            "yes", "no", "on", "off", "y", "n", "tRue", "nUll", "Yes", "NO",
        ] {
            assert_eq!(value(t), Value::Str(t.into()), "{t}");
        }
    }

    #[test]
    fn core_schema_numbers() {
        let ints = [
            ("0", 0),
            ("-0", 0),
            ("+1", 1),
            ("007", 7),
            ("-007", -7),
            ("0o17", 15),
            ("0x1F", 31),
            ("0xff", 255),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775808", i64::MIN),
        ];
        for (t, i) in ints {
            assert_eq!(value(t), Value::Int(i), "{t}");
        }
        let floats = [
            ("1e3", 1000.0),
            ("1E3", 1000.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("-.5", -0.5),
            ("+.5", 0.5),
            ("1.0e+3", 1000.0),
            ("1e-3", 0.001),
            ("0.10", 0.1),
            ("-4.93e3", -4930.0),
            ("9223372036854775808", 9.223_372_036_854_776e18),
        ];
        for (t, f) in floats {
            assert_eq!(value(t), Value::Float(f), "{t}");
        }
        let words = [
            "1e400", ".inf", "-.inf", ".NaN", "0O17", "0XFF", "0b101", "1_000", "1,000", "12:30",
            "1.2.3", "0.1e", "1e", "0x", "0o", ".", "-", "+", "e3", "0x_1F", "1.5_0", "١٢",
        ];
        for t in words {
            assert_eq!(value(t), Value::Str(t.into()), "{t}");
        }
    }

    #[test]
    fn numbers_keep_their_spelling_when_it_differs() {
        assert_eq!(plain("0.10").1.as_deref(), Some("0.10"));
        assert_eq!(plain("4.605170").1.as_deref(), Some("4.605170"));
        assert_eq!(plain("007").1.as_deref(), Some("007"));
        assert_eq!(plain("0.1").1, None);
        assert_eq!(plain("40").1, None);
    }

    #[test]
    fn core_tags_decide() {
        assert_eq!(tagged("1", true, "str"), Ok((Value::Str("1".into()), None)));
        assert_eq!(tagged("2", false, "int").map(|v| v.0), Ok(Value::Int(2)));
        assert_eq!(
            tagged("3", true, "float").map(|v| v.0),
            Ok(Value::Float(3.0))
        );
        assert_eq!(tagged("", true, "null").map(|v| v.0), Ok(Value::Null));
        assert!(tagged("abc", true, "int").is_err());
        assert!(tagged("yes", true, "bool").is_err());
        assert_eq!(
            tagged("x", true, "custom").map(|v| v.0),
            Ok(Value::Str("x".into()))
        );
        assert_eq!(
            tagged("1", false, "custom").map(|v| v.0),
            Ok(Value::Str("1".into()))
        );
    }
}
