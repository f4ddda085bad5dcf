//! The revision sheet: HTML and PDF renderers. Never prints.
