//! The revision sheet: one model of what goes on it, two renderers.
//!
//! [`model::build`] turns a course (and the student's progress) into a [`Sheet`]: the topics
//! in course order, each note's Markdown parsed once ([`markdown`]) into a document tree
//! ([`doc`]),
//! the self-test questions, the weak spots ([`weak`]) and the images ([`images`]). [`html`]
//! renders that model through tera templates into one self-contained page; [`typst`] generates
//! Typst source for the template `sheet.typ` and, with the `pdf` feature, compiles it with the
//! embedded Typst ([`pdf`]). Templates are built in and overridable by the course
//! ([`templates`]).
//!
//! Nothing here prints or reads the clock: problems come back as data ([`model::Problem`],
//! diagnostics), progress through a callback, the date from the caller.

pub mod doc;
pub mod html;
pub mod ids;
pub mod images;
pub mod markdown;
pub mod model;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod templates;
pub mod typst;
pub mod weak;

pub use model::{Options, Sheet, build};
pub use templates::Templates;
pub use weak::Progress;
