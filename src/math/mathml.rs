//! The HTML rendering: pulldown-latex's own MathML writer over our events, plus what a page
//! needs for MathML to look right — its stylesheet and the Latin Modern Math font, whose
//! stretchy glyphs make delimiters, roots and sums grow (system fonts mostly lack them).

use std::convert::Infallible;

use pulldown_latex::config::{DisplayMode, RenderConfig};
use pulldown_latex::event::Event;

/// CSS the HTML needs for MathML to look right: pulldown-latex 0.8's stylesheet (environment
/// alignment, `\cancel`, array rules) with an `@font-face` for Latin Modern Math that loads
/// [`MATH_FONT_FILE`] relative to the stylesheet's own URL. Write [`math_font`] beside the
/// page under that name, or replace the `url(…)` with a `data:font/woff2;base64,…` URL to make
/// the page self-contained.
pub const STYLESHEET: &str = include_str!("styles.css");

/// The file name [`STYLESHEET`] expects [`math_font`] under.
pub const MATH_FONT_FILE: &str = "latinmodern-math.woff2";

/// Latin Modern Math (WOFF2, 388 KB), shipped with pulldown-latex 0.8 and copied here
/// unmodified; GUST Font License, free to redistribute.
pub fn math_font() -> &'static [u8] {
    include_bytes!("latinmodern-math.woff2")
}

/// A complete `<math>` element for the events, with the author's LaTeX kept as an annotation
/// (copy-paste and screen readers use it).
pub(super) fn write(events: &[Event<'_>], display: bool, source: &str) -> String {
    let annotation = xml_escape(source.trim());
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(&annotation),
        xml: true,
        ..RenderConfig::default()
    };
    let mut out = String::with_capacity(events.len() * 24 + annotation.len() + 128);
    // Writing to a String cannot fail; a failure would leave a partial element, which the
    // well-formedness test would catch.
    let _ = pulldown_latex::push_mathml(
        &mut out,
        events.iter().cloned().map(Ok::<_, Infallible>),
        config,
    );
    well_formed(out)
}

/// Repairs what pulldown-latex 0.8 writes that is not well-formed XML (HTML forgives it, XML
/// tools and the EPUB-style consumers of MathML do not):
/// - sized delimiters (`\bigl(`, `\middle|`) lack the space before `minsize`;
/// - `<`, `>` and `&` as symbols are written raw (`<mo><</mo>`);
/// - spaces at the ends of `\text{…}` become `&nbsp;`, an entity XML does not know.
fn well_formed(mut out: String) -> String {
    if out.contains("\"minsize=") {
        out = out.replace("\"minsize=", "\" minsize=");
    }
    if out.contains("&nbsp;") {
        out = out.replace("&nbsp;", "&#160;");
    }
    for (raw, escaped) in [('<', "&lt;"), ('>', "&gt;"), ('&', "&amp;")] {
        for mark in ["", "\u{338}"] {
            let bad = format!(">{raw}{mark}</");
            if out.contains(&bad) {
                out = out.replace(&bad, &format!(">{escaped}{mark}</"));
            }
        }
    }
    out
}

/// Escapes XML text content (`&`, `<`, `>`). pulldown-latex writes the annotation as given, so
/// it must arrive escaped; the sheet's HTML writer escapes its text with the same function.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_is_a_woff2_file() {
        assert!(math_font().starts_with(b"wOF2"));
        assert!(STYLESHEET.contains(MATH_FONT_FILE));
    }
}
