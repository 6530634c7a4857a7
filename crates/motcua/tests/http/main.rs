//! The HTTP tests: one binary that starts the real `motcua` server on a fresh
//! copy of a seeded database per test and backend, drives it over HTTP, and
//! holds every answer of the API to its OpenAPI document.

mod admin;
mod api;
mod desk;
mod dossiers;
mod indicators;
mod openapi;
mod pages;
mod payments;
// The slips crate's own PDF reader, to read back what a slip says.
#[allow(dead_code)]
#[path = "../../../motcua-slips/tests/common/reader.rs"]
mod pdf_reader;
mod reception;
mod service;
mod support;
mod uploads;
mod verification;
mod websec;
