//! Arbitrary text as a question field. `notes check` finds the math of a plain field without
//! a Markdown parse (`notes::course::inline_math`); whenever it answers, the answer must be
//! exactly pulldown-cmark's: the same spans, TeX and display flags, in the same order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use notes::course::{each_formula, inline_math};
use notes_fuzz::install_panic_policy;

fuzz_target!(init: install_panic_policy(), |data: &[u8]| {
    let field = String::from_utf8_lossy(data);
    let Some(fast) = inline_math::spans(&field) else {
        return;
    };
    let mut parsed = Vec::new();
    each_formula(&field, |t, display, _| parsed.push((t.to_string(), display)));
    let fast: Vec<(String, bool)> = fast.into_iter().map(|(t, d)| (t.to_string(), d)).collect();
    assert_eq!(fast, parsed, "{field:?}");
});
