//! Character tables for the Unicode rendering: the Mathematical Alphanumeric Symbols block
//! (`\mathbb{E}` → 𝔼, `\mathcal{N}` → 𝒩), sub- and superscript forms, combining accents and
//! negated relations. All static `match`es: no table is built at run time.

use pulldown_latex::event::Font;

/// `c` in the alphabet of `font` (bold, script, double-struck, …); `c` itself when Unicode has
/// no such letter.
pub(super) fn styled(c: char, font: Font) -> char {
    let latin = |upper: u32, lower: u32| -> Option<u32> {
        match c {
            'A'..='Z' => Some(upper + (c as u32 - 'A' as u32)),
            'a'..='z' => Some(lower + (c as u32 - 'a' as u32)),
            _ => None,
        }
    };
    let digit = |zero: u32| -> Option<u32> { c.to_digit(10).map(|d| zero + d) };
    let code = match font {
        Font::UpRight | Font::Italic => None,
        Font::Bold => latin(0x1D400, 0x1D41A)
            .or_else(|| digit(0x1D7CE))
            .or_else(|| greek(c, 0x1D6A8)),
        Font::BoldItalic => latin(0x1D468, 0x1D482).or_else(|| greek(c, 0x1D71C)),
        Font::BoldSymbol => match c {
            // Like \boldsymbol: bold italic where the letter is italic by default, bold upright
            // for capital Greek and digits.
            'Α'..='Ω' => greek(c, 0x1D6A8),
            _ => latin(0x1D468, 0x1D482)
                .or_else(|| greek(c, 0x1D71C))
                .or_else(|| digit(0x1D7CE)),
        },
        Font::Script => return script(c).unwrap_or(c),
        Font::BoldScript => latin(0x1D4D0, 0x1D4EA),
        Font::Fraktur => return fraktur(c).unwrap_or(c),
        Font::BoldFraktur => latin(0x1D56C, 0x1D586),
        Font::DoubleStruck => return double_struck(c).unwrap_or(c),
        Font::DoubleStruckItalic => {
            return match c {
                'D' => 'ⅅ',
                'd' => 'ⅆ',
                'e' => 'ⅇ',
                'i' => 'ⅈ',
                'j' => 'ⅉ',
                _ => c,
            };
        }
        Font::SansSerif => latin(0x1D5A0, 0x1D5BA).or_else(|| digit(0x1D7E2)),
        Font::SansSerifItalic => latin(0x1D608, 0x1D622),
        Font::BoldSansSerif => latin(0x1D5D4, 0x1D5EE)
            .or_else(|| digit(0x1D7EC))
            .or_else(|| greek(c, 0x1D756)),
        Font::SansSerifBoldItalic => latin(0x1D63C, 0x1D656).or_else(|| greek(c, 0x1D790)),
        Font::Monospace => latin(0x1D670, 0x1D68A).or_else(|| digit(0x1D7F6)),
    };
    code.and_then(char::from_u32).unwrap_or(c)
}

/// Greek in one of the five math Greek alphabets, which share one layout: capitals Α–Ω, ∇,
/// small α–ω, then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
fn greek(c: char, capital_alpha: u32) -> Option<u32> {
    let index = match c {
        'Α'..='Ω' => c as u32 - 'Α' as u32,
        '∇' => 25,
        'α'..='ω' => 26 + (c as u32 - 'α' as u32),
        '∂' => 51,
        'ϵ' => 52,
        'ϑ' => 53,
        'ϰ' => 54,
        'ϕ' => 55,
        'ϱ' => 56,
        'ϖ' => 57,
        _ => return None,
    };
    Some(capital_alpha + index)
}

/// Script capitals and smalls; the letters encoded before the block have their own code points.
fn script(c: char) -> Option<char> {
    Some(match c {
        'B' => 'ℬ',
        'E' => 'ℰ',
        'F' => 'ℱ',
        'H' => 'ℋ',
        'I' => 'ℐ',
        'L' => 'ℒ',
        'M' => 'ℳ',
        'R' => 'ℛ',
        'e' => 'ℯ',
        'g' => 'ℊ',
        'o' => 'ℴ',
        'A'..='Z' => char::from_u32(0x1D49C + (c as u32 - 'A' as u32))?,
        'a'..='z' => char::from_u32(0x1D4B6 + (c as u32 - 'a' as u32))?,
        _ => return None,
    })
}

fn fraktur(c: char) -> Option<char> {
    Some(match c {
        'C' => 'ℭ',
        'H' => 'ℌ',
        'I' => 'ℑ',
        'R' => 'ℜ',
        'Z' => 'ℨ',
        'A'..='Z' => char::from_u32(0x1D504 + (c as u32 - 'A' as u32))?,
        'a'..='z' => char::from_u32(0x1D51E + (c as u32 - 'a' as u32))?,
        _ => return None,
    })
}

fn double_struck(c: char) -> Option<char> {
    Some(match c {
        'C' => 'ℂ',
        'H' => 'ℍ',
        'N' => 'ℕ',
        'P' => 'ℙ',
        'Q' => 'ℚ',
        'R' => 'ℝ',
        'Z' => 'ℤ',
        'A'..='Z' => char::from_u32(0x1D538 + (c as u32 - 'A' as u32))?,
        'a'..='z' => char::from_u32(0x1D552 + (c as u32 - 'a' as u32))?,
        '0'..='9' => char::from_u32(0x1D7D8 + (c as u32 - '0' as u32))?,
        _ => return None,
    })
}

/// The superscript form of `c`, if Unicode has one that terminals commonly show.
pub(super) fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' | '−' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'a' => 'ᵃ',
        'b' => 'ᵇ',
        'c' => 'ᶜ',
        'd' => 'ᵈ',
        'e' => 'ᵉ',
        'f' => 'ᶠ',
        'g' => 'ᵍ',
        'h' => 'ʰ',
        'i' => 'ⁱ',
        'j' => 'ʲ',
        'k' => 'ᵏ',
        'l' => 'ˡ',
        'm' => 'ᵐ',
        'n' => 'ⁿ',
        'o' => 'ᵒ',
        'p' => 'ᵖ',
        'r' => 'ʳ',
        's' => 'ˢ',
        't' => 'ᵗ',
        'u' => 'ᵘ',
        'v' => 'ᵛ',
        'w' => 'ʷ',
        'x' => 'ˣ',
        'y' => 'ʸ',
        'z' => 'ᶻ',
        'A' => 'ᴬ',
        'B' => 'ᴮ',
        'D' => 'ᴰ',
        'E' => 'ᴱ',
        'G' => 'ᴳ',
        'H' => 'ᴴ',
        'I' => 'ᴵ',
        'J' => 'ᴶ',
        'K' => 'ᴷ',
        'L' => 'ᴸ',
        'M' => 'ᴹ',
        'N' => 'ᴺ',
        'O' => 'ᴼ',
        'P' => 'ᴾ',
        'R' => 'ᴿ',
        'T' | '⊤' => 'ᵀ',
        'U' => 'ᵁ',
        'V' => 'ⱽ',
        'W' => 'ᵂ',
        'β' => 'ᵝ',
        'γ' => 'ᵞ',
        'δ' => 'ᵟ',
        'θ' => 'ᶿ',
        'φ' | 'ϕ' => 'ᵠ',
        'χ' => 'ᵡ',
        _ => return None,
    })
}

/// The subscript form of `c`, if Unicode has one.
pub(super) fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '₀',
        '1' => '₁',
        '2' => '₂',
        '3' => '₃',
        '4' => '₄',
        '5' => '₅',
        '6' => '₆',
        '7' => '₇',
        '8' => '₈',
        '9' => '₉',
        '+' => '₊',
        '-' | '−' => '₋',
        '=' => '₌',
        '(' => '₍',
        ')' => '₎',
        'a' => 'ₐ',
        'e' => 'ₑ',
        'h' => 'ₕ',
        'i' => 'ᵢ',
        'j' => 'ⱼ',
        'k' => 'ₖ',
        'l' => 'ₗ',
        'm' => 'ₘ',
        'n' => 'ₙ',
        'o' => 'ₒ',
        'p' => 'ₚ',
        'r' => 'ᵣ',
        's' => 'ₛ',
        't' => 'ₜ',
        'u' => 'ᵤ',
        'v' => 'ᵥ',
        'x' => 'ₓ',
        'β' => 'ᵦ',
        'γ' => 'ᵧ',
        'ρ' => 'ᵨ',
        'φ' | 'ϕ' => 'ᵩ',
        'χ' => 'ᵪ',
        _ => return None,
    })
}

/// The combining character for an accent that pulldown-latex draws over a base.
pub(super) fn combining_accent(accent: char) -> Option<char> {
    Some(match accent {
        '^' => '\u{302}',
        '~' => '\u{303}',
        '‾' | '¯' => '\u{304}',
        '˙' => '\u{307}',
        '¨' => '\u{308}',
        '´' => '\u{301}',
        '`' => '\u{300}',
        '˘' => '\u{306}',
        'ˇ' => '\u{30C}',
        '˚' => '\u{30A}',
        '→' => '\u{20D7}',
        '←' => '\u{20D6}',
        '↔' => '\u{20E1}',
        _ => return None,
    })
}

/// A name for an accent, used when the base is too wide for a combining character.
pub(super) fn accent_name(accent: char) -> &'static str {
    match accent {
        '^' => "hat",
        '~' => "tilde",
        '‾' | '¯' => "bar",
        '˙' => "dot",
        '¨' => "ddot",
        '→' | '←' | '↔' | '⇒' | '⇀' | '↼' => "vec",
        _ => "accent",
    }
}

/// The negated form of a relation or symbol (`\not=` → ≠).
pub(super) fn negated(c: char) -> Option<char> {
    Some(match c {
        '=' => '≠',
        '<' => '≮',
        '>' => '≯',
        '≤' => '≰',
        '≥' => '≱',
        '∈' => '∉',
        '∋' => '∌',
        '∼' => '≁',
        '≃' => '≄',
        '≅' => '≇',
        '≈' => '≉',
        '≡' => '≢',
        '⊂' => '⊄',
        '⊃' => '⊅',
        '⊆' => '⊈',
        '⊇' => '⊉',
        '∣' => '∤',
        '∥' => '∦',
        '∃' => '∄',
        '→' => '↛',
        '←' => '↚',
        '↔' => '↮',
        '⇒' => '⇏',
        '⇔' => '⇎',
        '⊢' => '⊬',
        '⊨' => '⊭',
        _ => return None,
    })
}

/// True for combining marks, which take no column of their own in a terminal.
pub(super) fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{20D0}'..='\u{20FF}' | '\u{FE00}'..='\u{FE0F}')
}

/// The number of terminal columns `s` takes, close enough for aligning rows.
pub(super) fn width(s: &str) -> usize {
    s.chars().filter(|&c| !is_combining(c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabets() {
        assert_eq!(styled('E', Font::DoubleStruck), '𝔼');
        assert_eq!(styled('R', Font::DoubleStruck), 'ℝ');
        assert_eq!(styled('N', Font::Script), '𝒩');
        assert_eq!(styled('L', Font::Script), 'ℒ');
        assert_eq!(styled('x', Font::Bold), '𝐱');
        assert_eq!(styled('θ', Font::BoldSymbol), '𝜽');
        assert_eq!(styled('Σ', Font::BoldSymbol), '𝚺');
        assert_eq!(styled('x', Font::BoldSymbol), '𝒙');
        assert_eq!(styled('g', Font::Fraktur), '𝔤');
        assert_eq!(styled('+', Font::Bold), '+');
    }

    #[test]
    fn scripts_and_marks() {
        assert_eq!(superscript('2'), Some('²'));
        assert_eq!(subscript('t'), Some('ₜ'));
        assert_eq!(subscript('θ'), None);
        assert_eq!(width("x\u{302}y"), 2);
    }
}
