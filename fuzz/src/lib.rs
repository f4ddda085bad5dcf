//! What the three fuzz targets share: the panic policy and the consumers of diagnostics.
//!
//! Each target drives `notes` the way `notes check` and `notes quiz` do — parse, validate,
//! check the math, then render every diagnostic against its source and every text for the
//! terminal — so a finding is something a user could hit with a file on disk.

use std::path::Path;
use std::sync::LazyLock;

use notes::diag::{Diagnostic, SourceLookup, Style, render_human};
use notes::math::Macros;

/// libfuzzer-sys aborts on every panic, even one that is caught. `notes::math` deliberately
/// catches the `panic!`s inside pulldown-latex and turns them into an ordinary error (see
/// `src/math/parse.rs`), so those must unwind to that `catch_unwind`; any other panic still
/// aborts and is reported as a crash. Set `NOTES_FUZZ_STRICT=1` to treat the caught ones as
/// crashes too, to collect inputs that reach pulldown-latex's panics.
pub fn install_panic_policy() {
    if std::env::var_os("NOTES_FUZZ_STRICT").is_some() {
        return;
    }
    let abort_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_pulldown_latex = info.location().is_some_and(|l| {
            let file = l.file();
            file.contains("pulldown-latex") || file.contains("pulldown_latex")
        });
        if !in_pulldown_latex {
            abort_hook(info);
        }
    }));
}

/// One file's text, as `notes check` keeps it for quoting.
pub struct OneFile<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl SourceLookup for OneFile<'_> {
    fn source(&self, file: &Path) -> Option<&str> {
        (file == self.path).then_some(self.text)
    }
}

/// Renders every diagnostic as `notes check` prints it, with and without colour.
pub fn render_diagnostics(diags: &[Diagnostic], source: &OneFile<'_>) {
    for d in diags {
        std::hint::black_box(render_human(d, source, Style { color: false }));
        std::hint::black_box(render_human(d, source, Style { color: true }));
    }
}

/// The shipped course's `notes/macros.tex`, so that formulas using `\E`, `\KL{p}{q}`, … take
/// the expansion paths they take in a real course.
pub static COURSE_MACROS: LazyLock<Macros> =
    LazyLock::new(|| Macros::parse(include_str!("../../notes/macros.tex")).0);
