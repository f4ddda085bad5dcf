//! LaTeX math: one parse, three outputs (MathML, Typst, Unicode). Knows nothing of courses.
