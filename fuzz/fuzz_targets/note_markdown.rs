//! Arbitrary bytes (lossy UTF-8) as a note: front matter, Markdown, math and inline
//! ```question blocks, through the note parser, the math check `notes check` runs on every
//! formula, the diagnostic renderer, and the terminal renderer `notes show` and `notes quiz`
//! use.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use notes::course::note::parse_note;
use notes::diag::Loc;
use notes::drill::render;
use notes::math::{self, Macros};
use notes_fuzz::{COURSE_MACROS, OneFile, install_panic_policy, render_diagnostics};

fuzz_target!(init: install_panic_policy(), |data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = Path::new("notes/x.md");
    let macros: &Macros = &COURSE_MACROS;
    let mut diags = Vec::new();
    let mut questions = Vec::new();
    let note = parse_note(file, &text, &mut diags, &mut questions);

    // As `Checker::file` (src/course/math_check.rs) locates a formula's errors in the note.
    for m in &note.math {
        // The offset points at the TeX when it is written in one piece; inside a block quote
        // or with escapes it falls back to the delimiter, but it is always in the file.
        assert!(m.offset <= text.len(), "math span at {} past the note", m.offset);
        for e in math::check(&m.tex, macros) {
            assert!(e.offset <= m.tex.len(), "math error offset {} past {:?}", e.offset, m.tex);
            let _ = Loc::at_offset(file, &text, m.offset + e.offset);
        }
    }
    for q in &questions {
        std::hint::black_box(render::terminal(&q.prompt, macros, 80));
    }
    render_diagnostics(&diags, &OneFile { path: file, text: &text });

    // As `notes show` prints it (with the course's macros), and with no macros at all on a
    // narrow terminal, whose width comes from the input so that a finding reproduces.
    std::hint::black_box(render::terminal(&text, macros, 80));
    let narrow = 1 + data.len() % 24;
    std::hint::black_box(render::terminal(&text, &Macros::empty(), narrow));
});
