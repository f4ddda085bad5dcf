//! The one integration-test binary: drives the real `notes` binary over fixture courses copied
//! into temp dirs. One module per area.

mod build;
mod cache;
mod check;
mod discovery;
mod encoding;
mod failure;
mod help;
mod json;
mod list;
mod pathological;
mod quiz;
mod shipped;
mod shipped_numeric_a;
mod shipped_numeric_b;
mod snapshots;
mod support;
