//! The HTTP tests: one binary that starts the real `motcua` server on a fresh
//! database per backend and drives it over HTTP.

mod api;
mod desk;
mod dossiers;
mod indicators;
mod pages;
mod service;
mod support;
mod uploads;
mod verification;
mod websec;
