//! Rule: ARCHITECTURE.md names only crates, modules and files that exist.
//!
//! The document is read as Markdown: code spans (between single backticks,
//! possibly across a line break) outside fenced blocks, and the fenced code
//! map. A crate's section is the one under a heading that is that crate's
//! name in backticks (`### `motcua-store``). What is checked:
//!
//! * **Crate names.** A span that is `motcua` or `motcua-…`, or a path that
//!   starts with one (`motcua-web::problem`, `motcua_app::App`), names a
//!   package of the workspace, and the rest of the path must exist in it.
//! * **Paths.** A span that looks like a relative path (it has a `/` between
//!   plain name parts, `*` allowed as a wildcard, a trailing `/` meaning a
//!   directory; or it is a file name with a known extension) must name a file
//!   or directory of the repository: in a crate's section, from the
//!   repository root, the crate's directory or its `src/`; elsewhere, from any
//!   directory (`lib/server.mjs` is under `browser-tests/`). Spans starting
//!   with `/` are the site's routes, not files. Each directory of the code map
//!   (a fenced line whose first word ends with `/`, nested by indentation)
//!   must exist from the root.
//! * **Module paths.** A span `a::b…` whose first segment is lower case must
//!   resolve: in a crate's section, in that crate when `a` is one of its
//!   top-level modules, else in another crate of which `a` is one (the web's
//!   section names the domain's `access::may_read_figures`); elsewhere, in any
//!   crate of which `a` is a top-level module. A first segment that is no
//!   crate's module is stale. Resolving follows modules, then the last module's
//!   items and `use` re-exports; a type's members (`Store::write`) are not
//!   followed.
//! * **Module names.** The document also writes single lower-case words for
//!   functions, fields and tables (`tally`, `valid_from`, `indicator_days`),
//!   so a lone word counts as a module only when it is the name of a module of
//!   some crate of the workspace; in a crate's section such a word must then
//!   be a module of that crate (at any depth: `lunar` is `calendar::lunar`) or
//!   a name its items declare (the app's `dossier` is a use case).
//!
//! Modules are those of each package's library or binary, found from its
//! `mod` items; their names and declarations come from the source.

use std::collections::BTreeSet;

use super::module_tree::{ModuleTree, Package, packages};
use super::{SourceTree, Violation};

/// Where the document is, from the repository root.
pub(crate) const DOCUMENT: &str = "ARCHITECTURE.md";

/// Extensions that make a span without `/` a file name.
const FILE_EXTENSIONS: &[&str] = &["rs", "md", "toml", "json", "css", "mjs", "js", "sql", "txt", "csv", "lock"];

/// A package with the module trees of its library and binary.
struct Crate {
    package: Package,
    trees: Vec<ModuleTree>,
}

impl Crate {
    fn top_level_modules(&self) -> impl Iterator<Item = &str> {
        self.trees.iter().flat_map(|tree| tree.modules[0].children.keys().map(String::as_str))
    }

    fn modules(&self) -> impl Iterator<Item = &str> {
        self.trees.iter().flat_map(|tree| tree.modules.iter().filter_map(|m| m.segments.last().map(String::as_str)))
    }

    fn declares(&self, name: &str) -> bool {
        self.trees.iter().any(|tree| tree.outlines.values().any(|o| o.declared_names().any(|d| d == name)))
    }

    fn names(&self, path: &[String]) -> bool {
        self.trees.iter().any(|tree| tree.names(path))
    }
}

fn crates(tree: &SourceTree) -> Vec<Crate> {
    packages(tree)
        .into_iter()
        .map(|package| {
            let trees = ["src/lib.rs", "src/main.rs"]
                .iter()
                .map(|root| format!("{}/{root}", package.directory).trim_start_matches('/').to_owned())
                .filter(|root| tree.text(root).is_some())
                .map(|root| ModuleTree::build(tree, &root))
                .collect();
            Crate { package, trees }
        })
        .collect()
}

/// A code span of the document, with the line its opening backtick is on
/// and the crate whose section it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    text: String,
    line: usize,
    section_crate: Option<String>,
}

/// A line of a fenced block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FencedLine {
    text: String,
    line: usize,
}

/// The code spans outside fenced blocks, and the lines inside them.
fn read_document(document: &str) -> (Vec<Span>, Vec<FencedLine>) {
    let mut spans = Vec::new();
    let mut fenced = Vec::new();
    let mut in_fence = false;
    let mut section_crate: Option<String> = None;
    // An open span: its text so far and the line it opened on.
    let mut open: Option<(String, usize)> = None;
    for (index, line) in document.lines().enumerate() {
        let number = index + 1;
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            open = None;
            continue;
        }
        if in_fence {
            fenced.push(FencedLine { text: line.to_owned(), line: number });
            continue;
        }
        if let Some(title) = line.strip_prefix('#').map(|rest| rest.trim_start_matches('#').trim()) {
            section_crate = title
                .strip_prefix('`')
                .and_then(|t| t.strip_suffix('`'))
                .filter(|name| is_crate_name(name))
                .map(str::to_owned);
        }
        if line.trim().is_empty() {
            // A code span does not run across a paragraph break.
            open = None;
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find('`') {
            let before = &rest[..at];
            match open.take() {
                Some((mut text, opened)) => {
                    text.push_str(before);
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    spans.push(Span { text, line: opened, section_crate: section_crate.clone() });
                }
                None => open = Some((String::new(), number)),
            }
            rest = &rest[at + 1..];
        }
        if let Some((text, _)) = open.as_mut() {
            text.push_str(rest);
            text.push(' ');
        }
    }
    (spans, fenced)
}

fn is_crate_name(text: &str) -> bool {
    text == "motcua"
        || text.strip_prefix("motcua-").is_some_and(|rest| {
            !rest.is_empty() && rest.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        })
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_lower_identifier(text: &str) -> bool {
    is_identifier(text) && text.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
}

/// A span's text without a trailing call, `router()` or `render_pdf(&slip, Language)`.
fn without_call(text: &str) -> &str {
    match text.find('(') {
        Some(at) if text.ends_with(')') => &text[..at],
        _ => text,
    }
}

/// The segments of a Rust path `a::b::*`, if `text` is one.
fn rust_path(text: &str) -> Option<Vec<String>> {
    let segments: Vec<&str> = text.split("::").collect();
    let (last, init) = segments.split_last()?;
    let fine = init.iter().all(|s| is_identifier(s)) && (is_identifier(last) || *last == "*");
    fine.then(|| segments.iter().filter(|s| **s != "*").map(|s| (*s).to_owned()).collect())
}

/// Whether `text` is written as a relative file or directory path.
fn is_path_like(text: &str) -> bool {
    if text.starts_with('/') || text.contains("://") {
        return false;
    }
    let plain = |part: &str| {
        !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'*'))
    };
    if text.contains('/') {
        let parts: Vec<&str> = text.trim_end_matches('/').split('/').collect();
        return parts.iter().all(|part| plain(part));
    }
    text.rsplit_once('.').is_some_and(|(stem, extension)| plain(stem) && FILE_EXTENSIONS.contains(&extension))
}

/// Whether one path component matches a pattern component with `*` wildcards.
fn component_matches(pattern: &str, component: &str) -> bool {
    let pieces: Vec<&str> = pattern.split('*').collect();
    if pieces.len() == 1 {
        return pattern == component;
    }
    let (first, rest) = pieces.split_first().expect("split yields at least one piece");
    let Some(mut remaining) = component.strip_prefix(first) else { return false };
    let (last, middle) = rest.split_last().expect("a pattern with * has a piece after it");
    for piece in middle {
        match remaining.find(piece) {
            Some(at) => remaining = &remaining[at + piece.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last)
}

/// Whether `pattern` names a file or directory of `tree` below one of `bases`
/// (directories from the root; `None` for any directory at all).
fn path_exists(tree: &SourceTree, pattern: &str, bases: Option<&[String]>) -> bool {
    let directory_only = pattern.ends_with('/');
    let wanted: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    tree.paths.iter().any(|path| {
        let parts: Vec<&str> = path.split('/').collect();
        (wanted.len()..=parts.len()).any(|end| {
            if directory_only && end == parts.len() {
                return false;
            }
            let start = end - wanted.len();
            let base_fits = match bases {
                None => true,
                Some(bases) => bases.iter().any(|base| {
                    let base_parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
                    base_parts.as_slice() == &parts[..start]
                }),
            };
            base_fits && wanted.iter().zip(&parts[start..end]).all(|(w, p)| component_matches(w, p))
        })
    })
}

/// Every name in the repository's ARCHITECTURE.md that names nothing.
pub(crate) fn check(tree: &SourceTree) -> Vec<Violation> {
    let Some(document) = tree.text(DOCUMENT) else {
        return vec![Violation::new(DOCUMENT, 1, "the document is missing")];
    };
    let crates = crates(tree);
    let (spans, fenced) = read_document(document);
    let mut violations = Vec::new();
    let mut flag = |line: usize, message: String| violations.push(Violation::new(DOCUMENT, line, message));
    let module_names: BTreeSet<&str> = crates.iter().flat_map(Crate::modules).collect();
    let by_name = |name: &str| crates.iter().find(|c| c.package.name == name);
    for span in &spans {
        let text = span.text.as_str();
        let section = span.section_crate.as_deref().and_then(by_name);
        if let Some(problem) = crate_name_problem(text, &crates) {
            if let Some(problem) = problem {
                flag(span.line, problem);
            }
        } else if is_path_like(text) {
            let bases = section
                .map(|c| vec![String::new(), c.package.directory.clone(), format!("{}/src", c.package.directory)]);
            if !path_exists(tree, text, bases.as_deref()) {
                let place = match section {
                    Some(c) => format!(" (looked from the root, {0}/ and {0}/src/)", c.package.directory),
                    None => String::new(),
                };
                flag(span.line, format!("`{text}` names no file or directory of the repository{place}"));
            }
        } else if let Some(path) = rust_path(without_call(text)).filter(|p| p.len() > 1) {
            if is_lower_identifier(&path[0])
                && let Some(problem) = module_path_problem(&path, section, &crates)
            {
                flag(span.line, format!("`{text}` {problem}"));
            }
        } else if let Some(crate_here) = section {
            let word = without_call(text);
            if is_lower_identifier(word)
                && module_names.contains(word)
                && !crate_here.modules().any(|m| m == word)
                && !crate_here.declares(word)
            {
                flag(
                    span.line,
                    format!("`{word}` is a module name, but no module or item of `{}` has it", crate_here.package.name),
                );
            }
        }
    }
    for (line, directory) in code_map_directories(&fenced) {
        if !tree.exists(&directory) {
            flag(line, format!("the code map's `{directory}` is no directory of the repository"));
        }
    }
    violations
}

/// For a span that names a crate (`motcua-web`, `motcua-web::problem`,
/// `motcua_app::App`), what is wrong with it, if anything; `None` for a
/// span that names no crate.
fn crate_name_problem(text: &str, crates: &[Crate]) -> Option<Option<String>> {
    let (first, rest) = match text.split_once("::") {
        Some((first, rest)) => (first, Some(rest)),
        None => (text, None),
    };
    let name = if is_crate_name(first) {
        first.to_owned()
    } else if rest.is_some() && first.starts_with("motcua_") && is_identifier(first) {
        first.replace('_', "-")
    } else {
        return None;
    };
    let Some(named) = crates.iter().find(|c| c.package.name == name) else {
        return Some(Some(format!("`{text}` names no crate of the workspace")));
    };
    let Some(path) = rest.and_then(|rest| rust_path(without_call(rest))) else { return Some(None) };
    let rest = rest.unwrap_or_default();
    Some((!named.names(&path)).then(|| format!("`{text}`: `{name}` has no `{rest}`")))
}

/// What is wrong with a module path `a::b…` (lower-case `a`), read in the
/// section of `section` (if any).
fn module_path_problem(path: &[String], section: Option<&Crate>, crates: &[Crate]) -> Option<String> {
    let first = path[0].as_str();
    if let Some(here) = section
        && here.top_level_modules().any(|m| m == first)
    {
        return (!here.names(path)).then(|| format!("does not resolve in `{}`", here.package.name));
    }
    let owners: Vec<&Crate> = crates.iter().filter(|c| c.top_level_modules().any(|m| m == first)).collect();
    if owners.is_empty() {
        return Some(format!("names no module `{first}` of any crate"));
    }
    if owners.iter().any(|c| c.names(path)) {
        return None;
    }
    let names: Vec<&str> = owners.iter().map(|c| c.package.name.as_str()).collect();
    Some(format!("does not resolve in `{}`", names.join("`, `")))
}

/// The directories of the code map: each fenced line whose first word ends
/// with `/`, below the last such line indented less than it.
fn code_map_directories(fenced: &[FencedLine]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut open: Vec<(usize, String)> = Vec::new();
    for line in fenced {
        let indent = line.text.len() - line.text.trim_start().len();
        let Some(word) = line.text.split_whitespace().next() else { continue };
        if !word.ends_with('/') || !is_path_like(word) {
            continue;
        }
        while open.last().is_some_and(|(open_indent, _)| *open_indent >= indent) {
            open.pop();
        }
        let path = match open.last() {
            Some((_, parent)) => format!("{parent}{word}"),
            None => word.to_owned(),
        };
        found.push((line.line, path.clone()));
        open.push((indent, path));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tidy::assert_no_violations;

    #[test]
    fn architecture_names_only_what_exists() {
        assert_no_violations("stale names in ARCHITECTURE.md", &check(&SourceTree::read_repository()));
    }

    /// A small workspace: a domain with `catalogue::portal`, a store with
    /// `indicators` and `writer`, and a web crate with `pages::words`, a
    /// stylesheet and a tests directory.
    fn workspace(document: &str) -> SourceTree {
        SourceTree::from_files(&[
            (DOCUMENT, document),
            ("crates/motcua-domain/Cargo.toml", "[package]\nname = \"motcua-domain\"\n"),
            ("crates/motcua-domain/src/lib.rs", "//! D.\nmod catalogue {\n    mod portal {}\n}\n"),
            ("crates/motcua-store/Cargo.toml", "[package]\nname = \"motcua-store\"\n"),
            ("crates/motcua-store/src/lib.rs", "//! S.\nmod indicators;\nmod writer;\npub struct Store;\n"),
            ("crates/motcua-store/src/indicators.rs", "//! I.\npub(crate) fn refresh_measures() {}\n"),
            ("crates/motcua-store/src/writer.rs", "//! W.\npub struct GroupWriter;\n"),
            ("crates/motcua-web/Cargo.toml", "[package]\nname = \"motcua-web\"\n"),
            ("crates/motcua-web/src/lib.rs", "//! W.\nmod pages;\npub fn router() {}\nfn indicators() {}\n"),
            ("crates/motcua-web/src/pages/mod.rs", "//! P.\nmod words;\nmod account;\n"),
            ("crates/motcua-web/src/pages/words.rs", "//! Words.\n"),
            ("crates/motcua-web/src/pages/account.rs", "//! Account.\n"),
            ("crates/motcua-web/src/pages/motcua.css", "body {}\n"),
            ("crates/motcua-web/tests/http/main.rs", "//! T.\n"),
            ("browser-tests/flows/sign_in.test.mjs", "\n"),
        ])
    }

    #[test]
    fn stale_crates_modules_and_paths_are_flagged() {
        let document = "# Architecture\n\n```\ncrates/\n  motcua-store/\n  motcua-gone/\n```\n\n\
            `motcua-store` and `motcua-ghost` and `motcua_web::Missing`.\n\n\
            ### `motcua-store`\n\n\
            One module per aggregate (`indicators`, `portal`, `writer`).\n\
            `indicators::rebuild` and `query::insert_many` and `pages/motcua.css`.\n\n\
            ### `motcua-web`\n\n\
            `pages::gone` and `old_pages/` and the stylesheet `pages/motcua.css`.\n\n\
            ## Elsewhere\n\n`flows/*.spec.mjs` and `writer::Gone` and `cargo::run`.\n";
        let found: Vec<String> = check(&workspace(document)).into_iter().map(|v| v.to_string()).collect();
        let store_bases = "(looked from the root, crates/motcua-store/ and crates/motcua-store/src/)";
        let web_bases = "(looked from the root, crates/motcua-web/ and crates/motcua-web/src/)";
        let expected = [
            "ARCHITECTURE.md:9: `motcua-ghost` names no crate of the workspace".to_owned(),
            "ARCHITECTURE.md:9: `motcua_web::Missing`: `motcua-web` has no `Missing`".to_owned(),
            "ARCHITECTURE.md:13: `portal` is a module name, but no module or item of `motcua-store` has it".to_owned(),
            "ARCHITECTURE.md:14: `indicators::rebuild` does not resolve in `motcua-store`".to_owned(),
            "ARCHITECTURE.md:14: `query::insert_many` names no module `query` of any crate".to_owned(),
            format!(
                "ARCHITECTURE.md:14: `pages/motcua.css` names no file or directory of the repository {store_bases}"
            ),
            "ARCHITECTURE.md:18: `pages::gone` does not resolve in `motcua-web`".to_owned(),
            format!("ARCHITECTURE.md:18: `old_pages/` names no file or directory of the repository {web_bases}"),
            "ARCHITECTURE.md:22: `flows/*.spec.mjs` names no file or directory of the repository".to_owned(),
            "ARCHITECTURE.md:22: `writer::Gone` does not resolve in `motcua-store`".to_owned(),
            "ARCHITECTURE.md:22: `cargo::run` names no module `cargo` of any crate".to_owned(),
            "ARCHITECTURE.md:6: the code map's `crates/motcua-gone/` is no directory of the repository".to_owned(),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn names_that_exist_pass() {
        let document = "# Architecture\n\n```\ncrates/\n  motcua-store/   all SQL\n  motcua-web/\n```\n\n\
            `motcua-store` and `motcua_web::router` and `motcua-web::pages`; the\n\
            `motcua\n  web` command; `/static/motcua-<hash>.css` is a route.\n\n\
            ### `motcua-store`\n\n\
            `Store` over `indicators` and `writer`; `indicators::refresh_measures`; `tally` is a word;\n\
            `Store::write` is a member, and `src/writer.rs` a file of the crate.\n\n\
            ### `motcua-web`\n\n\
            `router()`, `pages::words`, `account`, `indicators` (a function here), `pages/motcua.css`,\n\
            `tests/http/`, the store's `writer::GroupWriter`, the domain's `catalogue::portal`.\n\n\
            ## Elsewhere\n\n`flows/*.test.mjs`, `browser-tests/`, `crates/motcua-web/src/pages/`.\n";
        assert_eq!(check(&workspace(document)), []);
    }

    #[test]
    fn spans_run_across_line_breaks_but_not_fences_or_paragraphs() {
        let (spans, fenced) = read_document("a `one\ntwo` b\n\n`open\n\n`x` y\n```\n`not a span`\n```\n");
        let texts: Vec<(&str, usize)> = spans.iter().map(|s| (s.text.as_str(), s.line)).collect();
        assert_eq!(texts, [("one two", 1), ("x", 6)]);
        assert_eq!(fenced, [FencedLine { text: "`not a span`".to_owned(), line: 8 }]);
    }

    #[test]
    fn wildcards_match_within_one_component() {
        assert!(component_matches("*.test.mjs", "sign_in.test.mjs"));
        assert!(component_matches("a*b*c", "aXbYc"));
        assert!(!component_matches("*.test.mjs", "sign_in.mjs"));
        assert!(!component_matches("a*a", "a"));
    }
}
