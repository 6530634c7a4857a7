//! Tidy checks: rules about the source tree itself, run as ordinary tests so
//! that `cargo test --workspace` (and so `cargo xtask test`) fails when one is
//! broken.
//!
//! Every check is a function over file contents (a [`SourceTree`]), never over
//! the disk, so each is tested on small inline fixtures, a bad one that it
//! must flag and a good one it must pass; one test per rule then reads the
//! real tree and lists every violation with its file and line.
//!
//! * [`module_headers`]: every Rust file opens with a `//!` header.
//! * [`stored_json`]: stored JSON columns are decoded by the store only.
//! * [`import_cycles`]: no two files of a crate use each other, directly or
//!   around a circle.
//! * [`architecture_names`]: ARCHITECTURE.md names only crates, modules and
//!   files that exist.
//!
//! [`tokens`] reads Rust text into tokens (comments dropped, literals kept
//! whole) and [`module_tree`] finds a crate's modules from its `mod` items:
//! the two pieces the checks share.

mod architecture_names;
mod import_cycles;
mod module_headers;
mod module_tree;
mod stored_json;
mod tokens;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The files a check reads: the text of every Rust source, manifest and
/// document it may need, and the path of every file of the repository.
/// Paths are relative to the repository root, with `/` between components.
#[derive(Debug, Default)]
pub(crate) struct SourceTree {
    /// Path to text, for the files whose text a check reads.
    pub texts: BTreeMap<String, String>,
    /// Every file of the repository, read or not.
    pub paths: BTreeSet<String>,
}

impl SourceTree {
    /// A tree holding exactly these files, for the checks' fixtures.
    pub fn from_files(files: &[(&str, &str)]) -> SourceTree {
        let texts: BTreeMap<String, String> =
            files.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect();
        let paths = texts.keys().cloned().collect();
        SourceTree { texts, paths }
    }

    /// The repository this crate is part of, as it is on disk now: every
    /// file except those under `.git/`, `target/` and `node_modules/`, with
    /// the text of Rust sources, `Cargo.toml` manifests and Markdown files.
    pub fn read_repository() -> SourceTree {
        let root = repository_root();
        let mut tree = SourceTree::default();
        let mut pending = vec![root.clone()];
        while let Some(directory) = pending.pop() {
            let entries = std::fs::read_dir(&directory)
                .unwrap_or_else(|error| panic!("listing {}: {error}", directory.display()));
            for entry in entries {
                let entry = entry.unwrap_or_else(|error| panic!("listing {}: {error}", directory.display()));
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                let kind = entry.file_type().unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
                if kind.is_dir() {
                    if !SKIPPED_DIRECTORIES.contains(&name.as_str()) {
                        pending.push(path);
                    }
                    continue;
                }
                let relative = relative_path(&root, &path);
                if name.ends_with(".rs") || name == "Cargo.toml" || name.ends_with(".md") {
                    let text = std::fs::read_to_string(&path)
                        .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
                    tree.texts.insert(relative.clone(), text);
                }
                tree.paths.insert(relative);
            }
        }
        tree
    }

    /// The Rust sources of the tree, in path order.
    pub fn rust_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.texts.iter().filter(|(path, _)| path.ends_with(".rs")).map(|(path, text)| (path.as_str(), text.as_str()))
    }

    /// The text of the file at `path`, if the tree read it.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }

    /// Whether `path` is a file of the tree, or a directory holding one.
    pub fn exists(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        if self.paths.contains(path) {
            return true;
        }
        let directory = format!("{path}/");
        self.paths.range(directory.clone()..).next().is_some_and(|first| first.starts_with(&directory))
    }
}

/// Directories no rule looks into: version control, build output, and the
/// browser tests' installed packages.
const SKIPPED_DIRECTORIES: &[&str] = &[".git", "target", "node_modules"];

/// The repository's root: the parent of this crate's directory.
fn repository_root() -> PathBuf {
    let manifest_directory = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_directory.parent().expect("xtask lives one level below the repository root").to_path_buf()
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).expect("every walked path is under the root");
    relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// One place in one file where a rule is broken.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Violation {
    pub path: String,
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl Violation {
    /// A violation at `line` of `path`.
    pub fn new(path: &str, line: usize, message: impl Into<String>) -> Violation {
        Violation { path: path.to_owned(), line, message: message.into() }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// Fails, listing every violation one per line, unless there are none.
pub(crate) fn assert_no_violations(rule: &str, violations: &[Violation]) {
    if violations.is_empty() {
        return;
    }
    let listed: Vec<String> = violations.iter().map(Violation::to_string).collect();
    panic!("{rule}: {} violation(s)\n{}", violations.len(), listed.join("\n"));
}
