//! The site's one stylesheet and the name it is served under, which
//! carries a hash of its content: what every page links to, and what
//! `assets` serves.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

pub(crate) const STYLESHEET: &str = include_str!("pages/motcua.css");

/// The first 16 hex digits of the stylesheet's SHA-256.
pub(crate) static STYLESHEET_HASH: LazyLock<String> =
    LazyLock::new(|| Sha256::digest(STYLESHEET.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect());

static STYLESHEET_PATH: LazyLock<String> = LazyLock::new(|| format!("/static/motcua-{}.css", *STYLESHEET_HASH));

/// Where pages find the stylesheet.
pub(crate) fn stylesheet_path() -> &'static str {
    &STYLESHEET_PATH
}
