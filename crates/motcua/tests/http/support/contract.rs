//! The API's OpenAPI document as the tests hold every answer to it: which
//! documented operation a request is, whether its status is one the
//! operation lists, and whether its body is the documented media type and
//! fits the documented schema. The support's request functions call
//! [`judge`] on every answer, so every test checks the contract as it goes.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde_json::Value;

use super::schema;

/// The document, as the binary serves it (it includes the same file).
pub static DOCUMENT_TEXT: &str = include_str!("../../../../motcua-web/src/openapi.json");

static DOCUMENT: LazyLock<Value> = LazyLock::new(|| serde_json::from_str(DOCUMENT_TEXT).expect("openapi.json is JSON"));

/// The methods an OpenAPI path item may hold.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The whole document.
pub fn document() -> &'static Value {
    &DOCUMENT
}

/// One response the document lists: a path as the document writes it
/// (`/api/v1/dossiers/{code}`), a lower-case method and a status.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Documented {
    pub path: String,
    pub method: String,
    pub status: u16,
}

impl std::fmt::Display for Documented {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} → {}", self.method.to_uppercase(), self.path, self.status)
    }
}

fn paths() -> impl Iterator<Item = (&'static String, &'static Value)> {
    document()["paths"].as_object().into_iter().flatten()
}

/// Every (path, method) the document describes.
pub fn operations() -> BTreeSet<(String, String)> {
    paths()
        .flat_map(|(path, item)| {
            METHODS.iter().filter(|m| item.get(**m).is_some()).map(|m| (path.clone(), (*m).to_owned()))
        })
        .collect()
}

/// Follows a `$ref` to what it names, if `value` is one.
fn dereferenced(value: &'static Value) -> &'static Value {
    match value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => document().pointer(pointer).unwrap_or(value),
        None => value,
    }
}

fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

/// Every documented response whose body is JSON.
pub fn json_responses() -> BTreeSet<Documented> {
    let mut all = BTreeSet::new();
    for (path, method) in operations() {
        let responses = document()["paths"][&path][&method]["responses"].as_object().into_iter().flatten();
        for (status, response) in responses {
            let content = dereferenced(response)["content"].as_object();
            if content.is_some_and(|content| content.keys().any(|media| is_json(media)))
                && let Ok(status) = status.parse()
            {
                all.insert(Documented { path: path.clone(), method: method.clone(), status });
            }
        }
    }
    all
}

/// The documented path a concrete path is an instance of: literal segments
/// must match, `{…}` segments take anything; where several match, the one
/// with the most literal segments wins (`/calendar/due` over `/calendar/{year}`).
pub fn documented_path(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    paths()
        .map(|(documented, _)| documented.as_str())
        .filter_map(|documented| {
            let parts: Vec<&str> = documented.split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literal = 0;
            for (part, segment) in parts.iter().zip(&segments) {
                if part.starts_with('{') && part.ends_with('}') {
                    if segment.is_empty() {
                        return None;
                    }
                } else if part == segment {
                    literal += 1;
                } else {
                    return None;
                }
            }
            Some((literal, documented))
        })
        .max_by_key(|(literal, _)| *literal)
        .map(|(_, documented)| documented)
}

/// `application/json` of `application/json; charset=utf-8`.
fn essence(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether a documented media range (`image/*`, `*/*`) covers a media type.
fn covers(range: &str, media_type: &str) -> bool {
    range == media_type
        || range == "*/*"
        || range.strip_suffix("/*").is_some_and(|kind| media_type.split('/').next() == Some(kind))
}

fn shortened(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.chars().count() > 600 { format!("{}…", text.chars().take(600).collect::<String>()) } else { text.into() }
}

/// Judges one answer: `Ok(None)` when the request is no documented
/// operation, `Ok(Some(response))` when the answer is the documented
/// `response`, and `Err` saying how it departs from the document.
pub fn judge(
    method: &str,
    path: &str,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> Result<Option<Documented>, String> {
    let method = method.to_ascii_lowercase();
    let Some(documented) = documented_path(path) else { return Ok(None) };
    let Some(operation) = document()["paths"][documented].get(&method) else { return Ok(None) };
    let operation_name = format!("{} {documented}", method.to_uppercase());
    let responses = operation["responses"].as_object().cloned().unwrap_or_default();
    let Some(response) =
        operation["responses"].get(status.to_string()).or_else(|| operation["responses"].get("default"))
    else {
        let listed: Vec<&String> = responses.keys().collect();
        return Err(format!(
            "{operation_name} answered {status}, which the document does not list (it lists {listed:?}): {}",
            shortened(body)
        ));
    };
    let response = dereferenced(response);
    let media_type = essence(content_type);
    let content = response["content"].as_object();
    let answered = Documented { path: documented.to_owned(), method: method.clone(), status };
    let Some(content) = content.filter(|c| !c.is_empty()) else {
        if body.is_empty() {
            return Ok(Some(answered));
        }
        return Err(format!(
            "{operation_name} answered {status} with a {media_type} body, where the document gives none: {}",
            shortened(body)
        ));
    };
    let Some((_, entry)) = content.iter().find(|(range, _)| covers(range, &media_type)) else {
        let listed: Vec<&String> = content.keys().collect();
        return Err(format!("{operation_name} answered {status} as {media_type:?}, documented as {listed:?}"));
    };
    if is_json(&media_type) {
        let value: Value = serde_json::from_slice(body)
            .map_err(|e| format!("{operation_name} answered {status} with JSON that does not parse ({e})"))?;
        if let Some(schema) = entry.get("schema") {
            let found = schema::violations(document(), schema, &value);
            if !found.is_empty() {
                return Err(format!(
                    "{operation_name} answered {status} with a body that breaks its schema:\n  {}\nbody: {}",
                    found.join("\n  "),
                    shortened(body)
                ));
            }
        }
    }
    Ok(Some(answered))
}

/// The API routes a router's source defines (paths under `/api/` and
/// `/healthz`), each with its lower-case methods, read from its
/// `.route("…", get(…).post(…))` calls.
pub fn routed_operations(router_source: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let mut rest = router_source;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let arguments = balanced_arguments(rest);
        let Some(path) = arguments.split('"').nth(1) else { continue };
        if !(path.starts_with("/api/") || path == "/healthz") {
            continue;
        }
        let after_path = &arguments[arguments.find(',').map_or(arguments.len(), |i| i + 1)..];
        for method in called_methods(after_path) {
            found.insert((path.to_owned(), method));
        }
    }
    found
}

/// The text up to the parenthesis that closes the one just opened.
fn balanced_arguments(text: &str) -> &str {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..i];
                }
            }
            _ => {}
        }
    }
    text
}

/// The method routers called in a route's handler expression: `get(` or
/// `.post(`, not `api::dossiers::get)` nor `DefaultBodyLimit::max(`.
fn called_methods(expression: &str) -> Vec<String> {
    let mut methods = Vec::new();
    for method in METHODS {
        let call = format!("{method}(");
        let mut from = 0;
        while let Some(at) = expression[from..].find(&call) {
            let start = from + at;
            let before = expression[..start].trim_end().chars().next_back();
            if matches!(before, None | Some('.') | Some(',') | Some('(')) {
                methods.push(method.to_owned());
            }
            from = start + call.len();
        }
    }
    methods
}

#[cfg(test)]
mod tests {
    use super::{Documented, covers, documented_path, json_responses, judge, routed_operations};

    #[test]
    fn a_path_is_matched_to_its_documented_template() {
        assert_eq!(documented_path("/api/v1/calendar/due"), Some("/api/v1/calendar/due"));
        assert_eq!(documented_path("/api/v1/calendar/2026"), Some("/api/v1/calendar/{year}"));
        assert_eq!(
            documented_path("/api/v1/dossiers/000.04.01.H29-251104-0001/actions"),
            Some("/api/v1/dossiers/{code}/actions")
        );
        assert_eq!(documented_path("/api/v1/dossiers/"), None, "an empty segment is no code");
        assert_eq!(documented_path("/thu-tuc/1.004194"), None);
    }

    #[test]
    fn media_ranges_cover_their_types() {
        assert!(covers("application/pdf", "application/pdf"));
        assert!(covers("image/*", "image/png") && !covers("image/*", "application/pdf"));
        assert!(covers("*/*", "text/csv"));
    }

    #[test]
    fn an_answer_outside_the_document_is_named() {
        let ok = br#"{"status":"ok"}"#;
        assert!(judge("GET", "/healthz", 200, "application/json", ok).is_ok_and(|r| r.is_some()));
        let teapot = judge("GET", "/healthz", 418, "application/json", ok).expect_err("418 is not listed");
        assert!(teapot.contains("418"), "{teapot}");
        let wrong = judge("GET", "/healthz", 200, "application/json", br#"{"status":"down"}"#);
        assert!(wrong.expect_err("not ok").contains("/status"));
        let as_text = judge("GET", "/healthz", 200, "text/plain", b"ok");
        assert!(as_text.expect_err("not JSON").contains("text/plain"));
        assert_eq!(judge("GET", "/no/such/path", 404, "application/problem+json", b"{}"), Ok(None));
    }

    #[test]
    fn the_responses_to_cover_are_those_with_a_json_body() {
        let all = json_responses();
        let response =
            |path: &str, method: &str, status| Documented { path: path.into(), method: method.into(), status };
        assert!(all.contains(&response("/healthz", "get", 200)) && all.contains(&response("/healthz", "get", 503)));
        assert!(all.contains(&response("/api/v1/dossiers/{code}/actions", "post", 409)), "problems are JSON too");
        assert!(!all.contains(&response("/api/v1/sessions", "delete", 204)), "no body");
        assert!(!all.contains(&response("/api/v1/documents/{sha256}", "get", 200)), "the file itself");
        assert!(all.len() > 80, "{} responses", all.len());
    }

    #[test]
    fn routes_are_read_with_their_methods() {
        let source = r#"
            .route("/", get(pages::home))
            .route("/api/v1/sessions", post(api::accounts::sign_in).delete(api::accounts::sign_out))
            .route("/api/v1/dossiers/{code}", get(api::dossiers::get))
            .route(
                "/api/v1/documents",
                post(api::documents::upload).get(api::documents::list).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
            )
            .route("/healthz", get(api::health::healthz))
        "#;
        let found: Vec<(String, String)> = routed_operations(source).into_iter().collect();
        let expected = [
            ("/api/v1/documents", "get"),
            ("/api/v1/documents", "post"),
            ("/api/v1/dossiers/{code}", "get"),
            ("/api/v1/sessions", "delete"),
            ("/api/v1/sessions", "post"),
            ("/healthz", "get"),
        ];
        let expected: Vec<(String, String)> =
            expected.iter().map(|(p, m)| ((*p).to_owned(), (*m).to_owned())).collect();
        assert_eq!(found, expected);
    }
}
