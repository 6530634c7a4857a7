//! Rule: every Rust source file of the workspace begins with a `//!` header
//! saying what its module owns, with nothing but blank lines before it.
//!
//! The workspace's sources are every `.rs` file under `crates/` and `xtask/`
//! (libraries, binaries, build scripts, tests and benches alike), except
//! what build output (`target/`) or installed Node.js packages
//! (`node_modules/`) put there.

use super::{SourceTree, Violation};

/// Whether `path` (relative to the repository root) is a Rust source file
/// of the workspace that this rule covers.
pub(crate) fn is_workspace_source(path: &str) -> bool {
    let mut parts = path.split('/');
    let top_ok = matches!(parts.next(), Some("crates" | "xtask"));
    top_ok && path.ends_with(".rs") && !path.split('/').any(|part| matches!(part, "target" | "node_modules"))
}

/// Where `text` breaks the rule: `None` when its first non-blank line is a
/// `//!` comment, else the line that comes first instead.
pub(crate) fn missing_header(text: &str) -> Option<usize> {
    let (index, first) = text.lines().enumerate().find(|(_, line)| !line.trim().is_empty())?;
    if first.trim_start().starts_with("//!") { None } else { Some(index + 1) }
}

/// Every workspace Rust file of `tree` that does not open with a `//!` header.
pub(crate) fn check(tree: &SourceTree) -> Vec<Violation> {
    let mut violations = Vec::new();
    for (path, text) in tree.rust_files().filter(|(path, _)| is_workspace_source(path)) {
        match missing_header(text) {
            Some(line) => violations.push(Violation::new(path, line, "no `//!` module header before this line")),
            None if text.trim().is_empty() => violations.push(Violation::new(path, 1, "empty file, no `//!` header")),
            None => {}
        }
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tidy::assert_no_violations;

    #[test]
    fn every_rust_file_of_the_workspace_has_a_module_header() {
        assert_no_violations("files without a //! header", &check(&SourceTree::read_repository()));
    }

    #[test]
    fn a_file_without_a_header_is_flagged_at_its_first_line() {
        let tree = SourceTree::from_files(&[
            ("crates/a/src/lib.rs", "\n\n// A plain comment is not a header.\n//! Too late.\n"),
            ("crates/a/build.rs", "fn main() {}\n"),
            ("xtask/src/x.rs", "#![allow(dead_code)]\n//! After an attribute.\n"),
            ("crates/a/tests/empty.rs", "\n \n"),
        ]);
        assert_eq!(
            check(&tree),
            [
                Violation::new("crates/a/build.rs", 1, "no `//!` module header before this line"),
                Violation::new("crates/a/src/lib.rs", 3, "no `//!` module header before this line"),
                Violation::new("crates/a/tests/empty.rs", 1, "empty file, no `//!` header"),
                Violation::new("xtask/src/x.rs", 1, "no `//!` module header before this line"),
            ]
        );
    }

    #[test]
    fn a_header_after_blank_lines_passes_and_other_files_are_not_read() {
        let tree = SourceTree::from_files(&[
            ("crates/a/src/lib.rs", "\n\n//! What this crate owns.\n\nmod b;\n"),
            ("crates/a/tests/t.rs", "   //! Indented is still a header.\n"),
            ("crates/a/target/debug/build/out.rs", "fn generated() {}\n"),
            ("browser-tests/node_modules/x/y.rs", "fn vendored() {}\n"),
            ("docs/example.rs", "fn outside() {}\n"),
        ]);
        assert_eq!(check(&tree), []);
    }

    #[test]
    fn the_workspace_sources_are_crates_and_xtask_without_build_output() {
        assert!(is_workspace_source("crates/motcua/tests/http/main.rs"));
        assert!(is_workspace_source("crates/motcua-store/build.rs"));
        assert!(is_workspace_source("xtask/src/tidy.rs"));
        assert!(!is_workspace_source("crates/motcua/target/debug/x.rs"));
        assert!(!is_workspace_source("crates/x/node_modules/y.rs"));
        assert!(!is_workspace_source("browser-tests/lib/x.rs"));
        assert!(!is_workspace_source("crates/motcua-web/src/pages/motcua.css"));
    }
}
