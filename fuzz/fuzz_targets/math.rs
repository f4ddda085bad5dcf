//! Arbitrary text as a formula, with or without course macros. Input up to the first NUL byte
//! is `notes/macros.tex`, the rest the formula; without a NUL, all of it is the formula and the
//! macros are empty. Besides "no panic, no hang", it checks the promises of `notes::math`:
//! `check` is empty exactly when every output renders, error offsets point into the formula
//! as written, and the unpadded first parse agrees with the padded one.

#![no_main]

use libfuzzer_sys::fuzz_target;
use notes::math::{self, Macros};
use notes_fuzz::install_panic_policy;

fuzz_target!(init: install_panic_policy(), |data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (macros_src, tex) = match text.split_once('\0') {
        Some((m, t)) => (m, t),
        None => ("", text.as_ref()),
    };
    let (macros, macro_errors) = Macros::parse(macros_src);
    for e in &macro_errors {
        assert!(
            e.offset <= macros_src.len(),
            "macro error offset {} past {macros_src:?}",
            e.offset
        );
        assert!(macros_src.is_char_boundary(e.offset), "macro error offset inside a character");
    }
    let empty = Macros::empty();
    formula(tex, &empty);
    if !macros.is_empty() {
        formula(tex, &macros);
    }
});

fn formula(tex: &str, macros: &Macros) {
    if let Err(why) = math::unpadded_agrees(tex, macros) {
        panic!("the unpadded parse disagrees on {tex:?}: {why}");
    }
    let errors = math::check(tex, macros);
    for e in &errors {
        assert!(
            e.offset <= tex.len(),
            "math error offset {} past {tex:?}",
            e.offset
        );
    }
    let inline = math::to_mathml(tex, false, macros);
    let display = math::to_mathml(tex, true, macros);
    let typst = math::to_typst(tex, true, macros);
    let unicode = math::to_unicode(tex, macros);
    if errors.is_empty() {
        assert!(
            inline.is_ok() && display.is_ok(),
            "check passes but MathML fails: {tex:?}"
        );
        assert!(typst.is_ok(), "check passes but Typst fails: {tex:?}");
        assert!(unicode.is_ok(), "check passes but Unicode fails: {tex:?}");
    } else {
        assert!(
            inline.is_err() && typst.is_err() && unicode.is_err(),
            "check fails but outputs render: {tex:?}"
        );
    }
}
