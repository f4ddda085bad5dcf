//! Arbitrary text as a question field. `notes check` finds the math of a plain field without
//! a Markdown parse (`notes::course::inline_math`); whenever it answers, the answer must be
//! exactly pulldown-cmark's: the same spans, TeX and display flags, in the same order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use notes::course::{inline_math, note::markdown_options};
use notes_fuzz::install_panic_policy;
use pulldown_cmark::{Event, Parser};

fuzz_target!(init: install_panic_policy(), |data: &[u8]| {
    let field = String::from_utf8_lossy(data);
    let Some(fast) = inline_math::spans(&field) else {
        return;
    };
    let parsed: Vec<(String, bool)> = Parser::new_ext(&field, markdown_options())
        .filter_map(|e| match e {
            Event::InlineMath(t) => Some((t.to_string(), false)),
            Event::DisplayMath(t) => Some((t.to_string(), true)),
            _ => None,
        })
        .collect();
    let fast: Vec<(String, bool)> = fast.into_iter().map(|(t, d)| (t.to_string(), d)).collect();
    assert_eq!(fast, parsed, "{field:?}");
});
