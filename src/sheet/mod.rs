//! The revision sheet: HTML and PDF renderers. Never prints.

#[cfg(feature = "pdf")]
pub mod pdf;
