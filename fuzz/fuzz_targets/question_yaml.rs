//! Arbitrary bytes as a `questions/*.yaml` file, through what `notes check` and `notes quiz` do
//! with it: decode (UTF-8, BOM, CRLF), parse the located YAML tree, validate every question,
//! check the math of every text field, render each diagnostic against the file, and render
//! every question's texts for the terminal.

#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use notes::course::{self, Course, Settings, Sources};
use notes::drill::render;
use notes::math::{self, Macros};
use notes_fuzz::{COURSE_MACROS, OneFile, install_panic_policy, render_diagnostics};

fuzz_target!(init: install_panic_policy(), |data: &[u8]| {
    // A file that is not UTF-8 is reported by the loader and never reaches the parser.
    let Ok(text) = course::decode(data.to_vec()) else {
        return;
    };
    let rel = Path::new("questions/x.yaml");
    let _ = course::yaml::parse(&text);
    let mut diags = Vec::new();
    let mut questions = Vec::new();
    course::question_file(rel, &text, &mut diags, &mut questions);

    // As `notes quiz` shows a question: every text through the terminal renderer, with the
    // shipped course's macros.
    let macros: &Macros = &COURSE_MACROS;
    for q in &questions {
        for (field, _) in &q.texts {
            if let Some(t) = q.text_of(field) {
                std::hint::black_box(render::terminal(t, macros, 80));
            }
        }
        std::hint::black_box(render::terminal(&q.answer_text(), macros, 80));
    }

    // The math check of `notes check` runs over the whole course; a one-file course gives it
    // the same formulas.
    let mut sources = Sources::default();
    sources.insert(rel.to_path_buf(), text.clone());
    let one = Course {
        root: PathBuf::from("."),
        settings: Settings::default(),
        macros: macros.clone(),
        topics: Vec::new(),
        notes: Vec::new(),
        questions,
        question_files: 1,
        sources,
    };
    for (tex, _) in course::all_formulas(&one) {
        for e in math::check(&tex, &one.macros) {
            assert!(e.offset <= tex.len(), "math error offset {} past {tex:?}", e.offset);
        }
    }

    render_diagnostics(&diags, &OneFile { path: rel, text: &text });
});
