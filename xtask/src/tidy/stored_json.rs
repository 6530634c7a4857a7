//! Rule: stored JSON columns are decoded by the store, once; every other
//! crate gets typed values from it.
//!
//! Outside `crates/motcua-store/src/`, no call of `serde_json::from_str`,
//! `from_slice` or `from_value` may take a field of a record as its argument.
//!
//! How a call is judged, from its tokens (comments and strings never match):
//!
//! * The call is `serde_json::from_str(…)` (or `from_slice`, `from_value`),
//!   with or without a turbofish, or the bare function name in a file that
//!   imports it from `serde_json`.
//! * Its argument, once a leading `&`, `&mut` or `*` and trailing no-argument
//!   conversions (`.clone()`, `.as_str()`, `.as_bytes()`, `.as_ref()`,
//!   `.as_deref()`, `.to_owned()`, `.to_string()`, `.as_slice()`) are set
//!   aside, is a plain field projection: a variable followed by one or more
//!   `.field` steps, with no call, index or literal in it (`&record.form_data`,
//!   `&d.delivery`, `event.data`, `&row.data`). A record's field holds what a
//!   column held; a whole input never looks like that: a string, a variable,
//!   a line of a file, a constant, a call's result.
//! * Except when the last field is one of [`WHOLE_INPUT_FIELDS`]: the body
//!   of an HTTP exchange and a child process's output are whole inputs that
//!   happen to sit in a struct (`&response.body`, `&answer.bytes`, `&output.stdout`), not
//!   stored columns.
//!
//! The rule does not follow values into functions: a helper taking
//! `data: &str` that a caller feeds with `&event.data` is not flagged.

use super::module_headers::is_workspace_source;
use super::module_tree::FileOutline;
use super::tokens::{Token, TokenKind, tokenize};
use super::{SourceTree, Violation};

/// The decoding functions this rule watches.
const DECODERS: &[&str] = &["from_str", "from_slice", "from_value"];

/// Fields that hold a whole input rather than a stored column.
pub(crate) const WHOLE_INPUT_FIELDS: &[&str] = &["body", "bytes", "stdout", "stderr"];

/// Conversions that leave the value they are called on what it was.
const NO_ARGUMENT_CONVERSIONS: &[&str] =
    &["clone", "as_str", "as_bytes", "as_ref", "as_deref", "to_owned", "to_string", "as_slice"];

/// The directory whose files may decode stored JSON.
const STORE_SOURCES: &str = "crates/motcua-store/src/";

/// Every call in `tree`, outside the store, that decodes a record's field.
pub(crate) fn check(tree: &SourceTree) -> Vec<Violation> {
    let mut violations = Vec::new();
    for (path, text) in tree.rust_files() {
        if !is_workspace_source(path) || path.starts_with(STORE_SOURCES) {
            continue;
        }
        for (line, call) in field_decodings(text) {
            violations.push(Violation::new(
                path,
                line,
                format!(
                    "`{call}` decodes a stored JSON field outside the store; the store should hand over a typed value"
                ),
            ));
        }
    }
    violations
}

/// The calls in `source` that decode a field of a record, with their lines,
/// written out as `serde_json::from_str(&record.data)`.
pub(crate) fn field_decodings(source: &str) -> Vec<(usize, String)> {
    let tokens = tokenize(source);
    let imported = imported_decoders(&FileOutline::read(source));
    let mut found = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let Some((function, after_name)) = decoder_call_at(&tokens, at, &imported) else {
            at += 1;
            continue;
        };
        let Some((argument, end)) = single_argument(&tokens, after_name) else {
            at = after_name;
            continue;
        };
        if let Some(field) = field_projection(argument)
            && !WHOLE_INPUT_FIELDS.contains(&field.last_field)
        {
            found.push((tokens[at].line, format!("serde_json::{function}({})", field.written)));
        }
        at = end;
    }
    found
}

/// The names under which `outline`'s file imports a decoder from
/// `serde_json` (`use serde_json::from_str;`, or with `as`), each with the
/// decoder it stands for.
fn imported_decoders(outline: &FileOutline) -> Vec<(String, &'static str)> {
    let mut imported = Vec::new();
    for leaf in outline.use_leaves() {
        if let [krate, function] = leaf.segments.as_slice()
            && krate == "serde_json"
            && let Some(decoder) = DECODERS.iter().find(|d| *d == function)
            && let Some(name) = &leaf.binds
        {
            imported.push((name.clone(), *decoder));
        }
    }
    imported
}

/// A decoder call starting at `at`: the decoder called and the index of
/// the `(` after its name (and turbofish, if any).
fn decoder_call_at(
    tokens: &[Token<'_>],
    at: usize,
    imported: &[(String, &'static str)],
) -> Option<(&'static str, usize)> {
    let token = &tokens[at];
    let qualified = token.is("serde_json") && tokens.get(at + 1).is_some_and(|t| t.is("::"));
    let (decoder, name_at) = if qualified {
        let name = tokens.get(at + 2).filter(|t| t.is_identifier())?;
        (*DECODERS.iter().find(|d| **d == name.text)?, at + 2)
    } else {
        let after_path = at > 0 && (tokens[at - 1].is("::") || tokens[at - 1].is("."));
        if after_path || !token.is_identifier() {
            return None;
        }
        (imported.iter().find(|(name, _)| name == token.text)?.1, at)
    };
    let mut after = name_at + 1;
    if tokens.get(after).is_some_and(|t| t.is("::")) && tokens.get(after + 1).is_some_and(|t| t.is("<")) {
        let mut depth = 0;
        after += 1;
        while let Some(t) = tokens.get(after) {
            if t.is("<") {
                depth += 1;
            } else if t.is(">") {
                depth -= 1;
                if depth == 0 {
                    after += 1;
                    break;
                }
            }
            after += 1;
        }
    }
    tokens.get(after).filter(|t| t.is("("))?;
    Some((decoder, after))
}

/// The tokens of the one argument of the call whose `(` is at `open`, and
/// the index after its `)`; `None` when the call has no argument or several.
fn single_argument<'t, 'a>(tokens: &'t [Token<'a>], open: usize) -> Option<(&'t [Token<'a>], usize)> {
    let mut depth = 0;
    let mut at = open;
    while let Some(token) = tokens.get(at) {
        if token.kind == TokenKind::Punctuation && matches!(token.text, "(" | "[" | "{") {
            depth += 1;
        } else if token.kind == TokenKind::Punctuation && matches!(token.text, ")" | "]" | "}") {
            depth -= 1;
            if depth == 0 {
                let argument = &tokens[open + 1..at];
                return (!argument.is_empty()).then_some((argument, at + 1));
            }
        } else if depth == 1 && token.is(",") {
            return None;
        }
        at += 1;
    }
    None
}

/// An argument that is a plain projection of a field.
#[derive(Debug, PartialEq, Eq)]
struct FieldProjection<'a> {
    /// The argument as written, tokens joined without spaces.
    written: String,
    last_field: &'a str,
}

fn field_projection<'a>(argument: &[Token<'a>]) -> Option<FieldProjection<'a>> {
    let written: String =
        argument.iter().map(|t| if t.is("mut") { "mut " } else { t.text }).collect::<Vec<_>>().concat();
    let mut rest = argument;
    while let Some((first, tail)) = rest.split_first()
        && (first.is("&") || first.is("*") || first.is("mut"))
    {
        rest = tail;
    }
    while let [head @ .., dot, method, open, close] = rest
        && dot.is(".")
        && NO_ARGUMENT_CONVERSIONS.contains(&method.text)
        && open.is("(")
        && close.is(")")
    {
        rest = head;
    }
    let (variable, steps) = rest.split_first()?;
    if !variable.is_identifier() || steps.is_empty() || steps.len() % 2 != 0 {
        return None;
    }
    let mut last_field = None;
    for pair in steps.chunks(2) {
        let is_field = pair[1].is_identifier() || pair[1].kind == TokenKind::Number;
        if !pair[0].is(".") || !is_field {
            return None;
        }
        last_field = Some(pair[1].text);
    }
    Some(FieldProjection { written, last_field: last_field? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tidy::assert_no_violations;

    #[test]
    fn stored_json_is_decoded_only_by_the_store() {
        assert_no_violations("stored JSON decoded outside the store", &check(&SourceTree::read_repository()));
    }

    #[test]
    fn decoding_a_record_field_outside_the_store_is_flagged() {
        let source = "//! Bad.\n\
            fn a(record: &DossierRecord) -> Value {\n\
                serde_json::from_str(&record.form_data).unwrap_or_default()\n\
            }\n\
            fn b(d: &Dossier) -> Option<Delivery> { serde_json::from_str::<Delivery>(&d.delivery).ok() }\n\
            fn c(event: EventRecord) -> Value { serde_json::from_value(event.data.clone()).expect(\"x\") }\n\
            fn e(row: &Row) { let _: Value = serde_json::from_slice(row.data.as_bytes()).expect(\"y\"); }\n\
            fn f(w: &W) { let _ = serde_json::from_str::<Vec<Value>>(&w.inner.0.data); }\n";
        let tree = SourceTree::from_files(&[("crates/motcua-web/src/pages/bad.rs", source)]);
        let lines: Vec<(usize, String)> = check(&tree).into_iter().map(|v| (v.line, v.message)).collect();
        let expected = [
            (3, "serde_json::from_str(&record.form_data)"),
            (5, "serde_json::from_str(&d.delivery)"),
            (6, "serde_json::from_value(event.data.clone())"),
            (7, "serde_json::from_slice(row.data.as_bytes())"),
            (8, "serde_json::from_str(&w.inner.0.data)"),
        ];
        assert_eq!(lines.len(), expected.len(), "{lines:?}");
        for ((line, message), (expected_line, call)) in lines.iter().zip(expected) {
            assert_eq!(*line, expected_line);
            assert!(message.starts_with(&format!("`{call}`")), "{message}");
        }
    }

    #[test]
    fn an_imported_decoder_is_watched_too() {
        let source =
            "//! Bad.\nuse serde_json::from_str;\nfn a(r: &R) { let _: V = from_str(&r.data).expect(\"z\"); }\n";
        assert_eq!(field_decodings(source), [(3, "serde_json::from_str(&r.data)".to_owned())]);
        let not_imported =
            "//! Other.\nfn a(r: &R) { let _ = toml::from_str::<V>(&r.data); let _ = from_str(&r.data); }\n";
        assert_eq!(field_decodings(not_imported), []);
    }

    #[test]
    fn whole_inputs_the_store_itself_and_mentions_pass() {
        let whole_inputs = "//! Good.\n\
            fn a(body: &str, line: &str, text: String) {\n\
                let _: V = serde_json::from_str(body).expect(\"body\");\n\
                let _: V = serde_json::from_str(line).expect(\"line\");\n\
                let _: V = serde_json::from_str(&text).expect(\"text\");\n\
                let _: V = serde_json::from_str(INDEX766).expect(\"constant\");\n\
                let _: V = serde_json::from_slice(&response.body).expect(\"response\");\n\
                let _: V = serde_json::from_slice(&output.stdout).expect(\"output\");\n\
                let _: V = serde_json::from_str(&read(path).data).expect(\"call\");\n\
                let _: V = serde_json::from_str(&rows[0].data).expect(\"index\");\n\
                let _: V = serde_json::from_str(r#\"{\"a\": 1}\"#).expect(\"literal\");\n\
                // serde_json::from_str(&record.data) in a comment\n\
                let _ = \"serde_json::from_str(&record.data)\";\n\
            }\n";
        let in_store = "//! The store decodes its own columns.\n\
            fn a(row: &Row) -> V { serde_json::from_str(&row.data).expect(\"stored\") }\n";
        let tree = SourceTree::from_files(&[
            ("crates/motcua-app/src/good.rs", whole_inputs),
            ("crates/motcua-store/src/dossiers.rs", in_store),
        ]);
        assert_eq!(check(&tree), []);
    }
}
