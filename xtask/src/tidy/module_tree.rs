//! The packages of the workspace, their compilation targets, and each
//! target's module tree as its `mod` items declare it, with what every file
//! says in its `use` items and `crate::`/`super::`/`self::` paths.
//!
//! A module is found the way rustc finds it: `mod a;` in `lib.rs`, `main.rs`
//! or `x/mod.rs` (or a file named by a `#[path]` attribute) is `a.rs` or
//! `a/mod.rs` beside it; in `x.rs` it is `x/a.rs` or `x/a/mod.rs`; `mod a { … }`
//! is an inline module of the file it is written in.

use std::collections::BTreeMap;

use super::SourceTree;
use super::tokens::{Token, TokenKind, tokenize};

/// A package of the workspace: a directory with a `Cargo.toml` naming one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Package {
    pub name: String,
    /// Relative to the repository root, without a trailing `/`.
    pub directory: String,
    /// The names of its dependencies of every kind, as the manifest spells them.
    pub dependencies: Vec<String>,
}

/// The packages whose manifests are in the tree, by directory.
pub(crate) fn packages(tree: &SourceTree) -> Vec<Package> {
    let mut found = Vec::new();
    for (path, text) in &tree.texts {
        let Some(directory) = path.strip_suffix("Cargo.toml") else { continue };
        if let Some(name) = manifest_package_name(text) {
            found.push(Package {
                name,
                directory: directory.trim_end_matches('/').to_owned(),
                dependencies: manifest_dependencies(text),
            });
        }
    }
    found
}

fn manifest_sections(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut section = "";
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.starts_with('[') {
            section = line.trim_matches(['[', ']']);
            None
        } else {
            Some((section, line))
        }
    })
}

fn manifest_package_name(text: &str) -> Option<String> {
    manifest_sections(text).find_map(|(section, line)| {
        let value = line.strip_prefix("name")?.trim_start().strip_prefix('=')?;
        (section == "package").then(|| value.trim().trim_matches('"').to_owned())
    })
}

fn manifest_dependencies(text: &str) -> Vec<String> {
    manifest_sections(text)
        .filter(|(section, _)| section.ends_with("dependencies"))
        .filter_map(|(_, line)| {
            let key = line.split(['=', '.']).next()?.trim();
            (!key.is_empty() && !key.starts_with('#')).then(|| key.to_owned())
        })
        .collect()
}

/// The root files of a package's compilation targets that are in the tree:
/// library, binaries, build script, integration tests, benches, examples.
pub(crate) fn target_roots(tree: &SourceTree, package_directory: &str) -> Vec<String> {
    let prefix = if package_directory.is_empty() { String::new() } else { format!("{package_directory}/") };
    let mut roots = Vec::new();
    for path in tree.texts.keys() {
        let Some(inside) = path.strip_prefix(&prefix) else { continue };
        let parts: Vec<&str> = inside.split('/').collect();
        let is_root = match parts.as_slice() {
            ["src", "lib.rs"] | ["src", "main.rs"] | ["build.rs"] => true,
            ["src", "bin", file] | ["tests" | "benches" | "examples", file] => file.ends_with(".rs"),
            ["src", "bin", _, "main.rs"] | ["tests" | "benches" | "examples", _, "main.rs"] => true,
            _ => false,
        };
        if is_root {
            roots.push(path.clone());
        }
    }
    roots
}

/// One leaf of a `use` item: `use a::{b, c as d, e::*};` has three.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UseLeaf {
    /// The path as written, `self` at its end removed.
    pub segments: Vec<String>,
    /// The name it brings into scope; `None` for a glob.
    pub binds: Option<String>,
    pub line: usize,
}

/// A `mod` item.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ModItem {
    name: String,
    inline: bool,
    /// The value of a `#[path = "…"]` attribute on it.
    path_attribute: Option<String>,
}

/// Something written inside one module of a file (the file's own module or
/// one of its inline modules, named by `inline_path` from the file's module).
#[derive(Debug, Clone, PartialEq, Eq)]
struct InModule<T> {
    inline_path: Vec<String>,
    item: T,
}

/// What one file says about modules: its `mod` items, its `use` leaves,
/// the `crate::`, `super::` and `self::` paths in its code, and the names
/// its items declare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FileOutline {
    mods: Vec<InModule<ModItem>>,
    uses: Vec<InModule<UseLeaf>>,
    paths: Vec<InModule<(Vec<String>, usize)>>,
    declared: Vec<InModule<String>>,
}

const DECLARING_KEYWORDS: &[&str] = &["fn", "struct", "enum", "trait", "type", "const", "static", "mod", "union"];

impl FileOutline {
    pub fn read(source: &str) -> FileOutline {
        let tokens = tokenize(source);
        let mut outline = FileOutline::default();
        // One entry per open brace: the inline module it opens, if it does.
        let mut braces: Vec<Option<String>> = Vec::new();
        let mut pending_inline_module: Option<String> = None;
        let inline_path =
            |braces: &[Option<String>]| -> Vec<String> { braces.iter().flatten().cloned().collect::<Vec<_>>() };
        let mut at = 0;
        while at < tokens.len() {
            let token = &tokens[at];
            let next = tokens.get(at + 1);
            if token.is("{") {
                braces.push(pending_inline_module.take());
            } else if token.is("}") {
                braces.pop();
            } else if token.is(";") {
                pending_inline_module = None;
            } else if token.is_identifier() && token.text == "use" && !previous_is_path_separator(&tokens, at) {
                let line = token.line;
                at += 1;
                let mut leaves = Vec::new();
                parse_use_tree(&tokens, &mut at, Vec::new(), line, &mut leaves);
                let path = inline_path(&braces);
                outline.uses.extend(leaves.into_iter().map(|item| InModule { inline_path: path.clone(), item }));
                continue;
            } else if token.is_identifier()
                && matches!(token.text, "crate" | "super" | "self")
                && next.is_some_and(|n| n.is("::"))
                && !previous_is_path_separator(&tokens, at)
                && !(at > 0 && tokens[at - 1].is("$"))
            {
                let (segments, end) = read_path(&tokens, at);
                outline.paths.push(InModule { inline_path: inline_path(&braces), item: (segments, token.line) });
                at = end;
                continue;
            } else if token.is_identifier() && DECLARING_KEYWORDS.contains(&token.text) {
                if let Some(name) = next.filter(|n| n.is_identifier() && !is_keyword(n.text)) {
                    outline.declared.push(InModule { inline_path: inline_path(&braces), item: name.text.to_owned() });
                    if token.text == "mod" {
                        let inline = tokens.get(at + 2).is_some_and(|t| t.is("{"));
                        if inline {
                            pending_inline_module = Some(name.text.to_owned());
                        }
                        outline.mods.push(InModule {
                            inline_path: inline_path(&braces),
                            item: ModItem {
                                name: name.text.to_owned(),
                                inline,
                                path_attribute: path_attribute_before(&tokens, at),
                            },
                        });
                    }
                }
            } else if token.is("macro_rules")
                && next.is_some_and(|n| n.is("!"))
                && let Some(name) = tokens.get(at + 2).filter(|t| t.is_identifier())
            {
                outline.declared.push(InModule { inline_path: inline_path(&braces), item: name.text.to_owned() });
            }
            at += 1;
        }
        outline
    }

    /// The `use` leaves written directly in the module at `inline_path`.
    fn uses_in<'a>(&'a self, inline_path: &'a [String]) -> impl Iterator<Item = &'a UseLeaf> {
        self.uses.iter().filter(move |u| u.inline_path == inline_path).map(|u| &u.item)
    }

    /// The names declared by items written directly in the module at `inline_path`.
    fn declared_in<'a>(&'a self, inline_path: &'a [String]) -> impl Iterator<Item = &'a str> {
        self.declared.iter().filter(move |d| d.inline_path == inline_path).map(|d| d.item.as_str())
    }

    /// Every `use` leaf of the file, in whichever of its modules.
    pub fn use_leaves(&self) -> impl Iterator<Item = &UseLeaf> {
        self.uses.iter().map(|u| &u.item)
    }

    /// Every name declared by an item anywhere in the file.
    pub fn declared_names(&self) -> impl Iterator<Item = &str> {
        self.declared.iter().map(|d| d.item.as_str())
    }
}

fn is_keyword(text: &str) -> bool {
    matches!(text, "fn" | "mut" | "unsafe" | "extern" | "async" | "const" | "_")
}

fn previous_is_path_separator(tokens: &[Token<'_>], at: usize) -> bool {
    at > 0 && (tokens[at - 1].is("::") || tokens[at - 1].is("."))
}

/// Reads `a::b::c` from `start`; stops before generic arguments or a group.
fn read_path(tokens: &[Token<'_>], start: usize) -> (Vec<String>, usize) {
    let mut segments = vec![tokens[start].text.to_owned()];
    let mut at = start + 1;
    while tokens.get(at).is_some_and(|t| t.is("::"))
        && let Some(segment) = tokens.get(at + 1).filter(|t| t.is_identifier())
    {
        segments.push(segment.text.to_owned());
        at += 2;
    }
    (segments, at)
}

/// Reads one use tree from `at` (just past `use`, or inside a group) into
/// its leaves, leaving `at` on the `,`, `}` or `;` after it.
fn parse_use_tree(tokens: &[Token<'_>], at: &mut usize, prefix: Vec<String>, line: usize, out: &mut Vec<UseLeaf>) {
    let mut segments = prefix;
    while let Some(token) = tokens.get(*at) {
        if token.is("::") {
            *at += 1;
        } else if token.is("*") {
            *at += 1;
            out.push(UseLeaf { segments, binds: None, line: token.line });
            return;
        } else if token.is("{") {
            *at += 1;
            while let Some(inner) = tokens.get(*at) {
                if inner.is("}") {
                    *at += 1;
                    return;
                }
                if inner.is(",") {
                    *at += 1;
                    continue;
                }
                let before = *at;
                parse_use_tree(tokens, at, segments.clone(), inner.line, out);
                if *at == before {
                    *at += 1;
                }
            }
            return;
        } else if token.is_identifier() && token.text != "as" {
            segments.push(token.text.to_owned());
            *at += 1;
        } else {
            break;
        }
    }
    if segments.last().is_some_and(|s| s == "self") {
        segments.pop();
    }
    let mut binds = segments.last().cloned();
    if tokens.get(*at).is_some_and(|t| t.is("as")) {
        binds = tokens.get(*at + 1).map(|t| t.text.to_owned());
        *at += 2;
    }
    if !segments.is_empty() {
        out.push(UseLeaf { segments, binds, line });
    }
}

/// The `#[path = "…"]` among the attributes just before the item whose
/// keyword is at `keyword` (visibility in between allowed).
fn path_attribute_before(tokens: &[Token<'_>], keyword: usize) -> Option<String> {
    let mut at = keyword;
    // Skip a visibility: `pub`, `pub(crate)`, `pub(in a::b)`.
    if at > 0 && tokens[at - 1].is(")") {
        let mut open = at - 1;
        while open > 0 && !tokens[open].is("(") {
            open -= 1;
        }
        if open > 0 && tokens[open - 1].is("pub") {
            at = open - 1;
        }
    } else if at > 0 && tokens[at - 1].is("pub") {
        at -= 1;
    }
    // Walk back over `#[…]` attributes.
    while at > 0 && tokens[at - 1].is("]") {
        let mut open = at - 1;
        let mut depth = 0;
        loop {
            if tokens[open].is("]") {
                depth += 1;
            } else if tokens[open].is("[") {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            if open == 0 {
                return None;
            }
            open -= 1;
        }
        if open == 0 || !tokens[open - 1].is("#") {
            return None;
        }
        let inside = &tokens[open + 1..at - 1];
        if let [name, equals, value] = inside
            && name.is("path")
            && equals.is("=")
            && value.kind == TokenKind::String
        {
            return Some(value.text.to_owned());
        }
        at = open - 1;
    }
    None
}

/// One module of a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Module {
    /// The module's path from the crate root; empty for the root.
    pub segments: Vec<String>,
    /// The file it is written in.
    pub file: String,
    /// Its place inside `file`: empty for the file's own module, else the
    /// names of the inline modules leading to it.
    pub inline_path: Vec<String>,
    pub children: BTreeMap<String, usize>,
}

/// The modules of one compilation target, the root first.
#[derive(Debug, Clone)]
pub(crate) struct ModuleTree {
    pub modules: Vec<Module>,
    pub outlines: BTreeMap<String, FileOutline>,
    /// `mod` items whose file is not in the tree: (declaring file, module path).
    pub missing: Vec<(String, Vec<String>)>,
}

/// How many re-exports a path may pass through before resolution gives up
/// (a re-export circle is an error rustc reports; this only stops a loop).
const REEXPORT_DEPTH: usize = 8;

impl ModuleTree {
    /// The tree of the target whose root file is `root_file`.
    pub fn build(tree: &SourceTree, root_file: &str) -> ModuleTree {
        let mut modules = ModuleTree { modules: Vec::new(), outlines: BTreeMap::new(), missing: Vec::new() };
        modules.add_file_module(tree, root_file, Vec::new(), true);
        modules
    }

    /// Adds the module held by `file` (and, through its `mod` items, every
    /// module below it); returns its index.
    fn add_file_module(&mut self, tree: &SourceTree, file: &str, segments: Vec<String>, mod_rs_like: bool) -> usize {
        let outline = FileOutline::read(tree.text(file).unwrap_or_default());
        let index = self.modules.len();
        self.modules.push(Module {
            segments: segments.clone(),
            file: file.to_owned(),
            inline_path: Vec::new(),
            children: BTreeMap::new(),
        });
        let file_directory = file.rsplit_once('/').map_or("", |(directory, _)| directory).to_owned();
        let own_directory = if mod_rs_like {
            file_directory.clone()
        } else {
            let stem = file.strip_suffix(".rs").unwrap_or(file);
            stem.to_owned()
        };
        let mut inline_modules: BTreeMap<Vec<String>, usize> = BTreeMap::new();
        inline_modules.insert(Vec::new(), index);
        for declared in &outline.mods {
            let Some(&parent) = inline_modules.get(&declared.inline_path) else { continue };
            let mut child_segments = segments.clone();
            child_segments.extend(declared.inline_path.iter().cloned());
            child_segments.push(declared.item.name.clone());
            let child = if declared.item.inline {
                let mut inline_path = declared.inline_path.clone();
                inline_path.push(declared.item.name.clone());
                let child = self.modules.len();
                self.modules.push(Module {
                    segments: child_segments,
                    file: file.to_owned(),
                    inline_path: inline_path.clone(),
                    children: BTreeMap::new(),
                });
                inline_modules.insert(inline_path, child);
                child
            } else {
                let mut base = own_directory.clone();
                for part in &declared.inline_path {
                    base = join(&base, part);
                }
                let (child_file, child_mod_rs_like) = match &declared.item.path_attribute {
                    Some(attribute) if declared.inline_path.is_empty() => {
                        (normalise(&join(&file_directory, attribute)), true)
                    }
                    Some(attribute) => (normalise(&join(&base, attribute)), true),
                    None => {
                        let flat = join(&base, &format!("{}.rs", declared.item.name));
                        let nested = join(&base, &format!("{}/mod.rs", declared.item.name));
                        if tree.text(&nested).is_some() && tree.text(&flat).is_none() {
                            (nested, true)
                        } else {
                            (flat, false)
                        }
                    }
                };
                if tree.text(&child_file).is_none() {
                    self.missing.push((file.to_owned(), child_segments));
                    continue;
                }
                self.add_file_module(tree, &child_file, child_segments, child_mod_rs_like)
            };
            self.modules[parent].children.insert(declared.item.name.clone(), child);
        }
        self.outlines.insert(file.to_owned(), outline);
        index
    }

    /// The module at this path from the crate root, if there is one.
    pub fn module_at(&self, segments: &[String]) -> Option<usize> {
        let mut at = 0;
        for segment in segments {
            at = *self.modules.get(at)?.children.get(segment)?;
        }
        Some(at)
    }

    /// The module of `file` itself (not one of its inline modules).
    pub fn file_module(&self, file: &str) -> Option<usize> {
        self.modules.iter().position(|m| m.file == file && m.inline_path.is_empty())
    }

    /// The module written at `inline_path` inside `file`.
    fn module_in_file(&self, file: &str, inline_path: &[String]) -> Option<usize> {
        self.modules.iter().position(|m| m.file == file && m.inline_path == inline_path)
    }

    /// `path`, written in `module`, as a path from the crate root; `None` for
    /// a path into another crate. A first segment naming a child module of
    /// `module` (as in `pub use portal::Draft;` in `lib.rs`) counts as local.
    fn absolute(&self, module: usize, path: &[String]) -> Option<Vec<String>> {
        let here = &self.modules[module].segments;
        let first = path.first()?;
        match first.as_str() {
            "crate" => Some(path[1..].to_vec()),
            "self" => Some(here.iter().chain(&path[1..]).cloned().collect()),
            "super" => {
                let ups = path.iter().take_while(|s| *s == "super").count();
                let kept = here.len().checked_sub(ups)?;
                Some(here[..kept].iter().chain(&path[ups..]).cloned().collect())
            }
            _ if self.modules[module].children.contains_key(first) => Some(here.iter().chain(path).cloned().collect()),
            _ => None,
        }
    }

    /// The module that holds what `path`, written in `module`, names: the
    /// deepest module the path walks through, or, when the path goes on with
    /// a name that module re-exports by a `use`, the module that name comes
    /// from. `None` for a path into another crate.
    pub fn resolve(&self, module: usize, path: &[String]) -> Option<usize> {
        let absolute = self.absolute(module, path)?;
        Some(self.resolve_absolute(&absolute, REEXPORT_DEPTH))
    }

    /// The deepest module `path` (from the crate root) walks through, and
    /// the segments left after it.
    fn deepest_module<'p>(&self, path: &'p [String]) -> (usize, &'p [String]) {
        let mut at = 0;
        let mut rest = path;
        while let Some((first, tail)) = rest.split_first() {
            match self.modules[at].children.get(first) {
                Some(&child) => {
                    at = child;
                    rest = tail;
                }
                None => break,
            }
        }
        (at, rest)
    }

    fn resolve_absolute(&self, path: &[String], depth: usize) -> usize {
        let (at, rest) = self.deepest_module(path);
        let Some((name, tail)) = rest.split_first() else { return at };
        if depth == 0 {
            return at;
        }
        let holder = &self.modules[at];
        let Some(outline) = self.outlines.get(&holder.file) else { return at };
        let reexport = outline.uses_in(&holder.inline_path).find(|leaf| leaf.binds.as_ref() == Some(name));
        let Some(leaf) = reexport else { return at };
        match self.absolute(at, &leaf.segments) {
            Some(mut through) => {
                through.extend(tail.iter().cloned());
                self.resolve_absolute(&through, depth - 1)
            }
            None => at,
        }
    }

    /// Every use of another module in `file`: the module written in, the
    /// module used, and the line, from `use` leaves and from paths in code.
    pub fn uses_of_file(&self, file: &str) -> Vec<(usize, usize, usize)> {
        let Some(outline) = self.outlines.get(file) else { return Vec::new() };
        let mut found = Vec::new();
        let written = outline
            .uses
            .iter()
            .map(|u| (&u.inline_path, &u.item.segments, u.item.line))
            .chain(outline.paths.iter().map(|p| (&p.inline_path, &p.item.0, p.item.1)));
        for (inline_path, segments, line) in written {
            let Some(from) = self.module_in_file(file, inline_path) else { continue };
            if let Some(to) = self.resolve(from, segments) {
                found.push((from, to, line));
            }
        }
        found
    }

    /// Whether the module at `path` from the crate root exists, or `path`
    /// ends with a name its last module declares or brings in with a `use`.
    /// A path that goes on past a type (`Store::write`) is checked up to the type.
    pub fn names(&self, path: &[String]) -> bool {
        let (at, rest) = self.deepest_module(path);
        let Some(name) = rest.first() else { return true };
        let holder = &self.modules[at];
        let Some(outline) = self.outlines.get(&holder.file) else { return false };
        outline.declared_in(&holder.inline_path).any(|declared| declared == name)
            || outline.uses_in(&holder.inline_path).any(|leaf| leaf.binds.as_ref() == Some(name))
    }
}

fn join(directory: &str, name: &str) -> String {
    if directory.is_empty() { name.to_owned() } else { format!("{directory}/{name}") }
}

/// Removes `.` and `dir/..` from a relative path.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn use_trees_are_read_leaf_by_leaf() {
        let outline = FileOutline::read("use crate::{a::B, c::{self, d as e}, f::*};\npub use g::H;");
        let leaves: Vec<(Vec<String>, Option<String>)> =
            outline.uses.iter().map(|u| (u.item.segments.clone(), u.item.binds.clone())).collect();
        assert_eq!(
            leaves,
            [
                (strings(&["crate", "a", "B"]), Some("B".to_owned())),
                (strings(&["crate", "c"]), Some("c".to_owned())),
                (strings(&["crate", "c", "d"]), Some("e".to_owned())),
                (strings(&["crate", "f"]), None),
                (strings(&["g", "H"]), Some("H".to_owned())),
            ]
        );
    }

    #[test]
    fn modules_are_found_beside_their_declaring_file() {
        let tree = SourceTree::from_files(&[
            ("c/src/lib.rs", "//! r\nmod a;\nmod b;\n#[path = \"../shared/x.rs\"]\nmod x;\nmod t { mod i {} }"),
            ("c/src/a.rs", "//! a\nmod inner;"),
            ("c/src/a/inner.rs", "//! i"),
            ("c/src/b/mod.rs", "//! b\nmod deeper;"),
            ("c/src/b/deeper.rs", "//! d"),
            ("c/shared/x.rs", "//! x"),
        ]);
        let modules = ModuleTree::build(&tree, "c/src/lib.rs");
        let files: Vec<(String, &str)> =
            modules.modules.iter().map(|m| (m.segments.join("::"), m.file.as_str())).collect();
        assert_eq!(
            files,
            [
                (String::new(), "c/src/lib.rs"),
                ("a".to_owned(), "c/src/a.rs"),
                ("a::inner".to_owned(), "c/src/a/inner.rs"),
                ("b".to_owned(), "c/src/b/mod.rs"),
                ("b::deeper".to_owned(), "c/src/b/deeper.rs"),
                ("x".to_owned(), "c/shared/x.rs"),
                ("t".to_owned(), "c/src/lib.rs"),
                ("t::i".to_owned(), "c/src/lib.rs"),
            ]
        );
        assert!(modules.missing.is_empty());
    }

    #[test]
    fn paths_resolve_through_reexports() {
        let tree = SourceTree::from_files(&[
            ("c/src/lib.rs", "//! r\nmod a;\nmod b;\npub use a::Thing;"),
            ("c/src/a.rs", "//! a\npub struct Thing;"),
            (
                "c/src/b.rs",
                "//! b\nuse crate::Thing;\nfn f() { super::a::make(); }\n#[cfg(test)]\nmod tests { use super::*; }",
            ),
        ]);
        let modules = ModuleTree::build(&tree, "c/src/lib.rs");
        let a = modules.module_at(&strings(&["a"])).expect("a");
        let b = modules.module_at(&strings(&["b"])).expect("b");
        let tests = modules.module_at(&strings(&["b", "tests"])).expect("b::tests");
        assert_eq!(modules.uses_of_file("c/src/b.rs"), [(b, a, 2), (tests, b, 5), (b, a, 3)]);
        assert!(modules.names(&strings(&["a", "Thing"])));
        assert!(modules.names(&strings(&["Thing"])));
        assert!(!modules.names(&strings(&["a", "Other"])));
    }

    #[test]
    fn manifests_give_names_and_dependencies() {
        let manifest = "[package]\nname = \"motcua-x\"\n\n[dependencies]\nanyhow.workspace = true\nserde = { version = \"1\" }\n\n[dev-dependencies]\nproptest = \"1\"\n";
        let tree = SourceTree::from_files(&[("crates/x/Cargo.toml", manifest), ("Cargo.toml", "[workspace]\n")]);
        assert_eq!(
            packages(&tree),
            [Package {
                name: "motcua-x".to_owned(),
                directory: "crates/x".to_owned(),
                dependencies: strings(&["anyhow", "serde", "proptest"]),
            }]
        );
    }
}
