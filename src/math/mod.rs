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
