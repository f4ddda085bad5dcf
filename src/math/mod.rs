//! LaTeX math: one parse, three outputs (MathML, Typst, Unicode). Knows nothing of courses.
//! (Placeholder API until the math module lands.)

#[derive(Debug, Clone, Default)]
pub struct Macros;
#[derive(Debug, Clone, PartialEq)]
pub struct MacroError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
}
#[derive(Debug, Clone, PartialEq)]
pub struct MathError {
    pub offset: usize,
    pub message: String,
    pub command: Option<String>,
}
impl Macros {
    pub fn empty() -> Macros {
        Macros
    }
    pub fn parse(_src: &str) -> (Macros, Vec<MacroError>) {
        (Macros, Vec::new())
    }
}
pub fn check(_tex: &str, _macros: &Macros) -> Vec<MathError> {
    Vec::new()
}
pub fn to_unicode(tex: &str, _macros: &Macros) -> Result<String, MathError> {
    Ok(tex.to_string())
}

// ==== BEGIN TEMPORARY STUBS (sheet branch) ====================================================
// Stand-ins for the math module's sheet API so that `notes build` compiles before that module
// lands; the lead drops this whole block at merge and keeps the real module. The stubs produce
// well-formed output (a `<math>` element with the TeX only in its annotation, a Typst string in
// math mode) so that the sheet's own tests run against them.

/// CSS MathML needs (stub: the real one is pulldown-latex's stylesheet plus an `@font-face`).
pub const STYLESHEET: &str = "@font-face { font-family: Latin Modern Math; src: url('latinmodern-math.woff2') format('woff2'); }\nmath { font-family: Latin Modern Math; }\n";

/// Latin Modern Math (stub: no bytes).
pub fn math_font() -> &'static [u8] {
    &[]
}

/// A complete `<math>` element (stub: an `<mtext>` placeholder, the TeX kept as annotation).
pub fn to_mathml(tex: &str, display: bool, _macros: &Macros) -> Result<String, MathError> {
    let escaped = tex
        .trim()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mode = if display { "block" } else { "inline" };
    Ok(format!(
        "<math display=\"{mode}\" xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><mi>x</mi></mrow><annotation encoding=\"application/x-tex\">{escaped}</annotation></semantics></math>"
    ))
}

/// A complete Typst math expression with its `$`s (stub: the TeX as a Typst string).
pub fn to_typst(tex: &str, display: bool, _macros: &Macros) -> Result<String, MathError> {
    let quoted = tex
        .trim()
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ");
    Ok(if display {
        format!("$ \"{quoted}\" $")
    } else {
        format!("$\"{quoted}\"$")
    })
}
// ==== END TEMPORARY STUBS =====================================================================
