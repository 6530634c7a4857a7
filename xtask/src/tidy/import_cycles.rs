//! Rule: no import circles between the files of a crate.
//!
//! For each compilation target of each package (library, binary, build
//! script, each integration test), the files are the nodes of a graph; file
//! `a` has an edge to file `b` when code in `a` (in any of its inline modules)
//! names something held by `b`'s module: through a `use crate::…`,
//! `use super::…` or `use self::…` leaf, or through a `crate::…`, `super::…`
//! or `self::…` path in code. A path is followed down the module tree as
//! far as it names modules; when it goes on with a name the module it reached
//! re-exports with a `use` (like `pub use portal::DraftRecord;` in `lib.rs`),
//! it is followed to where the name comes from.
//!
//! Two kinds of edge are left out, because they are how Rust modules are
//! built rather than dependencies between peers: a module's use of one of its
//! ancestors (the parent declaring it, `use super::*;`, or the crate root's
//! `Store`, whatever the spelling), and a module's use of one of its
//! descendants (a parent using its children). Every remaining edge that lies
//! on a circle is reported, at each line that makes it, with one circle it
//! lies on.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::module_tree::{ModuleTree, packages, target_roots};
use super::{SourceTree, Violation};

/// From file to file, the lines of the first file that make the edge.
type FileGraph = BTreeMap<String, BTreeMap<String, Vec<usize>>>;

/// Every use, in every target of every package of `tree`, that lies on an
/// import circle between files.
pub(crate) fn check(tree: &SourceTree) -> Vec<Violation> {
    let mut violations = BTreeSet::new();
    for package in packages(tree) {
        for root in target_roots(tree, &package.directory) {
            let modules = ModuleTree::build(tree, &root);
            violations.extend(circle_violations(&file_graph(&modules)));
        }
    }
    violations.into_iter().collect()
}

/// The graph of which file uses which, without the edges between a module
/// and its ancestors or descendants.
fn file_graph(modules: &ModuleTree) -> FileGraph {
    let mut graph = FileGraph::new();
    for file in modules.outlines.keys() {
        let Some(from_file_module) = modules.file_module(file) else { continue };
        let from_segments = &modules.modules[from_file_module].segments;
        graph.entry(file.clone()).or_default();
        for (_, to, line) in modules.uses_of_file(file) {
            let to_file = &modules.modules[to].file;
            if to_file == file {
                continue;
            }
            let Some(to_file_module) = modules.file_module(to_file) else { continue };
            let to_segments = &modules.modules[to_file_module].segments;
            let ancestor = from_segments.starts_with(to_segments);
            let descendant = to_segments.starts_with(from_segments);
            if ancestor || descendant {
                continue;
            }
            graph.entry(file.clone()).or_default().entry(to_file.clone()).or_default().push(line);
        }
    }
    graph
}

/// The strongly connected components of `graph` with more than one file.
fn circles(graph: &FileGraph) -> Vec<BTreeSet<String>> {
    struct Search<'g> {
        graph: &'g FileGraph,
        next_index: usize,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        components: Vec<BTreeSet<String>>,
    }
    impl<'g> Search<'g> {
        fn visit(&mut self, node: &'g str) {
            self.index.insert(node, self.next_index);
            self.low.insert(node, self.next_index);
            self.next_index += 1;
            self.stack.push(node);
            self.on_stack.insert(node);
            let graph = self.graph;
            for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = BTreeSet::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    component.insert(member.to_owned());
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    self.components.push(component);
                }
            }
        }
    }
    let mut search = Search {
        graph,
        next_index: 0,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for node in graph.keys() {
        if !search.index.contains_key(node.as_str()) {
            search.visit(node);
        }
    }
    search.components
}

/// The shortest way from `from` to `to` inside `members`, both ends included.
fn shortest_path(graph: &FileGraph, members: &BTreeSet<String>, from: &str, to: &str) -> Vec<String> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            break;
        }
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if members.contains(next) && next != from && !came_from.contains_key(next.as_str()) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    let mut path = vec![to.to_owned()];
    let mut at = to;
    while at != from {
        let Some(previous) = came_from.get(at) else { break };
        path.push((*previous).to_owned());
        at = previous;
    }
    path.reverse();
    path
}

fn circle_violations(graph: &FileGraph) -> Vec<Violation> {
    let mut violations = Vec::new();
    for members in circles(graph) {
        for from in &members {
            for (to, lines) in graph.get(from).into_iter().flatten() {
                if !members.contains(to) {
                    continue;
                }
                let mut circle = vec![from.clone()];
                circle.extend(shortest_path(graph, &members, to, from));
                let message = format!("uses `{to}`, closing the import circle {}", circle.join(" → "));
                for &line in lines {
                    violations.push(Violation::new(from, line, message.clone()));
                }
            }
        }
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tidy::assert_no_violations;

    #[test]
    fn no_file_of_a_crate_is_on_an_import_circle() {
        assert_no_violations("import circles between files", &check(&SourceTree::read_repository()));
    }

    const MANIFEST: &str = "[package]\nname = \"fixture\"\n";

    fn circles_of(files: &[(&str, &str)]) -> Vec<(String, usize, String)> {
        let mut all = vec![("crates/fixture/Cargo.toml", MANIFEST)];
        all.extend_from_slice(files);
        check(&SourceTree::from_files(&all)).into_iter().map(|v| (v.path, v.line, v.message)).collect()
    }

    fn places(found: &[(String, usize, String)]) -> Vec<(&str, usize)> {
        found.iter().map(|(path, line, _)| (path.as_str(), *line)).collect()
    }

    #[test]
    fn two_files_using_each_other_are_flagged_at_each_use() {
        let found = circles_of(&[
            ("crates/fixture/src/lib.rs", "//! Root.\nmod a;\nmod b;\n"),
            ("crates/fixture/src/a.rs", "//! A.\nuse crate::b::Thing;\npub fn make() {}\n"),
            ("crates/fixture/src/b.rs", "//! B.\npub struct Thing;\nfn f() {\n    crate::a::make();\n}\n"),
        ]);
        assert_eq!(
            found,
            [
                (
                    "crates/fixture/src/a.rs".to_owned(),
                    2,
                    "uses `crates/fixture/src/b.rs`, closing the import circle crates/fixture/src/a.rs → \
                     crates/fixture/src/b.rs → crates/fixture/src/a.rs"
                        .to_owned()
                ),
                (
                    "crates/fixture/src/b.rs".to_owned(),
                    4,
                    "uses `crates/fixture/src/a.rs`, closing the import circle crates/fixture/src/b.rs → \
                     crates/fixture/src/a.rs → crates/fixture/src/b.rs"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_circle_through_a_reexport_and_three_files_is_flagged() {
        let found = circles_of(&[
            ("crates/fixture/src/lib.rs", "//! Root.\nmod a;\nmod b;\nmod c;\npub use c::Rating;\n"),
            ("crates/fixture/src/a.rs", "//! A.\nuse crate::Rating;\n"),
            ("crates/fixture/src/b.rs", "//! B.\npub fn shared() {}\nfn g() { super::a::h(); }\n"),
            ("crates/fixture/src/c.rs", "//! C.\nuse crate::b::shared;\npub struct Rating;\n"),
        ]);
        assert_eq!(
            places(&found),
            [("crates/fixture/src/a.rs", 2), ("crates/fixture/src/b.rs", 3), ("crates/fixture/src/c.rs", 2)]
        );
        assert!(
            found[0].2.ends_with("a.rs → crates/fixture/src/c.rs → crates/fixture/src/b.rs → crates/fixture/src/a.rs")
        );
    }

    #[test]
    fn nested_modules_find_their_files_and_circles() {
        let found = circles_of(&[
            ("crates/fixture/src/main.rs", "//! Root.\nmod pages;\n"),
            ("crates/fixture/src/pages/mod.rs", "//! Pages.\nmod account;\nmod submit;\n"),
            ("crates/fixture/src/pages/account.rs", "//! Account.\nuse super::submit::wizard;\n"),
            ("crates/fixture/src/pages/submit.rs", "//! Submit.\nuse crate::pages::account::{self, signed_in};\n"),
        ]);
        assert_eq!(
            places(&found),
            [("crates/fixture/src/pages/account.rs", 2), ("crates/fixture/src/pages/submit.rs", 2)]
        );
    }

    #[test]
    fn parents_children_one_way_uses_and_mentions_pass() {
        let found = circles_of(&[
            (
                "crates/fixture/src/lib.rs",
                "//! Root.\nmod a;\nmod b;\nmod pages;\nuse crate::a::Thing;\npub struct Store;\nfn f() { b::g(); }\n",
            ),
            (
                "crates/fixture/src/a.rs",
                "//! A.\nuse crate::Store;\nuse crate::b::g;\npub struct Thing;\n\
                 #[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::Store;\n}\n",
            ),
            (
                "crates/fixture/src/b.rs",
                "//! B, which mentions crate::a::Thing only in a comment.\n\
                 // use crate::a::Thing;\npub fn g() { let _ = \"crate::a::Thing\"; }\n",
            ),
            ("crates/fixture/src/pages/mod.rs", "//! Pages.\nmod desk;\nuse desk::Tab;\npub fn layout() {}\n"),
            (
                "crates/fixture/src/pages/desk.rs",
                "//! Desk.\nuse super::*;\nuse crate::pages::layout;\npub struct Tab;\n",
            ),
        ]);
        assert_eq!(found, []);
    }

    #[test]
    fn each_target_is_its_own_graph() {
        let found = circles_of(&[
            ("crates/fixture/src/lib.rs", "//! Root.\nmod a;\n"),
            ("crates/fixture/src/a.rs", "//! A.\n"),
            ("crates/fixture/tests/http/main.rs", "//! Tests.\nmod support;\nmod api;\n"),
            ("crates/fixture/tests/http/support.rs", "//! Support.\nuse crate::api::helper;\n"),
            ("crates/fixture/tests/http/api.rs", "//! Api.\nuse crate::support::start;\n"),
        ]);
        assert_eq!(
            places(&found),
            [("crates/fixture/tests/http/api.rs", 2), ("crates/fixture/tests/http/support.rs", 2)]
        );
    }
}
