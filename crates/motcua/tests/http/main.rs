//! The HTTP tests: one binary that starts the real `motcua` server on a fresh
//! database per backend and drives it over HTTP.

mod admin;
mod api;
mod desk;
mod dossiers;
mod indicators;
mod pages;
mod service;
// The slips crate's own PDF reader, to read back what a slip says.
#[allow(dead_code)]
#[path = "../../../motcua-slips/tests/common/reader.rs"]
mod pdf_reader;
mod reception;
mod support;
mod uploads;
mod verification;
mod websec;
