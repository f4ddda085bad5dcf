//! Typst's math syntax as the writer needs it: how tokens join, what may follow `_` without
//! parentheses, string literals, and the names of operators, accents, braces and spaces.

use crate::math::tree::Node;

/// How a token joins the previous one.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Tok {
    Open,
    Close,
    Punct,
    Letter,
    Number,
    /// Strings and the fences `|` `‖`: Typst renders a space next to them (they are "spaced"
    /// items), so no space is written unless LaTeX had one.
    Glued,
    Other,
}

pub(super) fn classify(s: &str) -> Tok {
    match s {
        "(" | "[" | "{" | "\\(" | "\\[" | "\\{" => Tok::Open,
        ")" | "]" | "}" | "\\)" | "\\]" | "\\}" => Tok::Close,
        "," | ";" | "\\," | "\\;" | "." => Tok::Punct,
        "|" | "‖" => Tok::Glued,
        _ if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') => Tok::Glued,
        // A fence with scripts (`‖_2`) is as spaced as the fence.
        _ if s.starts_with(['|', '‖']) => Tok::Glued,
        _ if s.chars().count() == 1 && s.chars().all(char::is_alphabetic) => Tok::Letter,
        _ if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') => Tok::Number,
        _ => Tok::Other,
    }
}

/// True when `s` can follow `_` or `^` without parentheses: a name, a number, a string or a
/// call such as `bb(E)`.
pub(super) fn single_token(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    if s.chars().count() == 1 {
        return s.chars().all(|c| c.is_alphanumeric() || !c.is_ascii());
    }
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        let digits = s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let name = s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) && !s.ends_with('.');
        return digits || name;
    }
    if s.starts_with('"') && s.ends_with('"') && s.len() >= 2 {
        return !s[1..s.len() - 1].replace("\\\"", "").contains('"');
    }
    // A call: a name, then one parenthesised argument list that closes at the end.
    // A single letter before `(` is no call in Typst: `q(z)` is `q`, then `(z)`.
    let name_len = s
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
        .count();
    if name_len < 2 || !s[name_len..].starts_with('(') || !s.ends_with(')') {
        return false;
    }
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in s.bytes().enumerate().skip(name_len) {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' => escaped = true,
            b'"' => in_string = !in_string,
            b'(' if !in_string => depth += 1,
            b')' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return i == s.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// A Typst string literal.
pub(super) fn string(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 2);
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Typst's predefined text operators, and whether they take limits.
pub(super) fn typst_op(name: &str) -> Option<(&'static str, bool)> {
    Some(match name {
        "arccos" => ("arccos", false),
        "arcsin" => ("arcsin", false),
        "arctan" => ("arctan", false),
        "arg" => ("arg", false),
        "cos" => ("cos", false),
        "cosh" => ("cosh", false),
        "cot" => ("cot", false),
        "coth" => ("coth", false),
        "csc" => ("csc", false),
        "deg" => ("deg", false),
        "det" => ("det", true),
        "dim" => ("dim", false),
        "exp" => ("exp", false),
        "gcd" => ("gcd", true),
        "hom" => ("hom", false),
        "inf" => ("inf", true),
        "ker" => ("ker", false),
        "lg" => ("lg", false),
        "lim" => ("lim", true),
        "lim inf" => ("liminf", true),
        "lim sup" => ("limsup", true),
        "ln" => ("ln", false),
        "log" => ("log", false),
        "max" => ("max", true),
        "min" => ("min", true),
        "mod" => ("mod", false),
        "Pr" => ("Pr", true),
        "sec" => ("sec", false),
        "sin" => ("sin", false),
        "sinh" => ("sinh", false),
        "sup" => ("sup", true),
        "tan" => ("tan", false),
        "tanh" => ("tanh", false),
        _ => return None,
    })
}

/// An operator name: Typst's own when it has one, else `op("…")` (with limits when LaTeX
/// puts them above and below, as for `\operatorname*`).
pub(super) fn function(name: &str, limits: bool) -> String {
    match typst_op(name) {
        Some((typst, _)) => typst.to_owned(),
        None if limits => format!("op({}, limits: #true)", string(name)),
        None => format!("op({})", string(name)),
    }
}

/// Horizontal space: Typst's named spaces where they match TeX's, else `#h`.
pub(super) fn space(em: f32) -> String {
    let near = |x: f32| (em - x).abs() < 0.01;
    if near(0.0) {
        String::new()
    } else if near(3.0 / 18.0) {
        "thin".into()
    } else if near(4.0 / 18.0) {
        "med".into()
    } else if near(5.0 / 18.0) {
        "thick".into()
    } else if near(1.0) {
        "quad".into()
    } else if near(2.0) {
        "wide".into()
    } else {
        format!("#h({}em)", (em * 1000.0).round() / 1000.0)
    }
}

/// The Typst function for an accent character pulldown-latex puts over a base.
pub(super) fn accent(c: char) -> Option<&'static str> {
    Some(match c {
        '^' => "hat",
        '~' => "tilde",
        '‾' | '¯' => "overline",
        '˙' => "dot",
        '¨' => "dot.double",
        '´' => "acute",
        '`' => "grave",
        '˘' => "breve",
        'ˇ' => "caron",
        '˚' => "circle",
        '→' => "arrow",
        '←' => "arrow.l",
        '↔' => "arrow.l.r",
        '⇀' => "harpoon",
        '↼' => "harpoon.lt",
        _ => return None,
    })
}

/// The Typst function for a brace or bracket drawn over or under a base.
pub(super) fn brace_name(sub: Option<&Node<'_>>, sup: Option<&Node<'_>>) -> Option<&'static str> {
    Some(match (sub, sup) {
        (Some(Node::Ord { c, .. }), None) => match c {
            '⏟' => "underbrace",
            '⎵' => "underbracket",
            '⏝' => "underparen",
            '⏡' => "undershell",
            _ => return None,
        },
        (None, Some(Node::Ord { c, .. })) => match c {
            '⏞' => "overbrace",
            '⎴' => "overbracket",
            '⏜' => "overparen",
            '⏠' => "overshell",
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::typst::symbols::NAMES;

    #[test]
    fn symbol_names_are_sorted_for_binary_search() {
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn single_tokens() {
        for s in [
            "x",
            "12",
            "2.5",
            "theta",
            "arrow.r",
            "bb(E)",
            "\"max\"",
            "θ",
            "frac(a, b)",
        ] {
            assert!(single_token(s), "{s}");
        }
        for s in [
            "a b",
            "(a)",
            "x.",
            "bb(E) (x)",
            "f(a)(b)",
            "+",
            "",
            "i = 1",
            "q(z)",
        ] {
            assert!(!single_token(s), "{s}");
        }
    }
}
