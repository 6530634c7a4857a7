//! A validator for the part of JSON Schema (2020-12, as OpenAPI 3.1 uses it)
//! that the API's document writes: `type` (one or a list, which is how a
//! value is made nullable), `properties`, `required`, `additionalProperties`,
//! `items`, `minItems`, `enum`, `const`, `$ref` into the document, `allOf`,
//! `oneOf`, `anyOf`, the numeric and length bounds, and the `date` and
//! `date-time` formats. A keyword it does not know is an error rather than
//! something silently passed over, so the document cannot promise what
//! nothing checks.

use serde_json::Value;

/// Keywords that describe and constrain nothing.
const ANNOTATIONS: [&str; 7] = ["description", "title", "example", "examples", "default", "deprecated", "readOnly"];

/// Every way `value` breaks `schema`, each as `<where>: <what>`; `root` is
/// the document `$ref`s point into. Empty when the value conforms.
pub fn violations(root: &Value, schema: &Value, value: &Value) -> Vec<String> {
    violations_at(root, schema, value, "")
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "integer" => value.as_f64().is_some_and(|n| n.fract() == 0.0),
        "number" => value.is_number(),
        other => kind_of(value) == other,
    }
}

/// The value at a local reference such as `#/components/schemas/Dossier`.
fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(pointer)
}

fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 80 { format!("{}…", text.chars().take(80).collect::<String>()) } else { text }
}

fn check(root: &Value, schema: &Value, value: &Value, at: &str, found: &mut Vec<String>) {
    let here = if at.is_empty() { "/" } else { at };
    let keywords = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => return found.push(format!("{here}: nothing is allowed here, got {}", shown(value))),
        Value::Object(keywords) => keywords,
        other => return found.push(format!("{here}: the schema {other} is neither an object nor a boolean")),
    };
    for (keyword, argument) in keywords {
        match keyword.as_str() {
            "$ref" => match argument.as_str().and_then(|r| resolve(root, r)) {
                Some(target) => check(root, target, value, at, found),
                None => found.push(format!("{here}: the reference {argument} leads nowhere")),
            },
            "type" => {
                let names: Vec<&str> = match argument {
                    Value::String(name) => vec![name.as_str()],
                    Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if !names.iter().any(|name| has_type(value, name)) {
                    found.push(format!(
                        "{here}: expected {}, got {} {}",
                        names.join(" or "),
                        kind_of(value),
                        shown(value)
                    ));
                }
            }
            "properties" => {
                if let (Some(properties), Some(object)) = (argument.as_object(), value.as_object()) {
                    for (name, property) in properties {
                        if let Some(member) = object.get(name) {
                            check(root, property, member, &format!("{at}/{name}"), found);
                        }
                    }
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for name in argument.as_array().into_iter().flatten().filter_map(Value::as_str) {
                        if !object.contains_key(name) {
                            found.push(format!("{here}: the required member {name:?} is missing"));
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(object) = value.as_object() {
                    let listed = keywords.get("properties").and_then(Value::as_object);
                    for (name, member) in object {
                        if !listed.is_some_and(|listed| listed.contains_key(name)) {
                            check(root, argument, member, &format!("{at}/{name}"), found);
                        }
                    }
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    check(root, argument, item, &format!("{at}/{i}"), found);
                }
            }
            "minItems" => {
                if let (Some(items), Some(least)) = (value.as_array(), argument.as_u64())
                    && (items.len() as u64) < least
                {
                    found.push(format!("{here}: expected at least {least} items, got {}", items.len()));
                }
            }
            "enum" => {
                if !argument.as_array().is_some_and(|allowed| allowed.contains(value)) {
                    found.push(format!("{here}: {} is not one of {argument}", shown(value)));
                }
            }
            "const" => {
                if argument != value {
                    found.push(format!("{here}: expected {argument}, got {}", shown(value)));
                }
            }
            "allOf" | "anyOf" | "oneOf" => {
                let branches = argument.as_array().map(Vec::as_slice).unwrap_or_default();
                let outcomes: Vec<Vec<String>> = branches.iter().map(|b| violations_at(root, b, value, at)).collect();
                let matching = outcomes.iter().filter(|o| o.is_empty()).count();
                match keyword.as_str() {
                    "allOf" => found.extend(outcomes.into_iter().flatten()),
                    "anyOf" if matching == 0 => {
                        found.push(format!("{here}: matches none of anyOf: {}", outcomes.concat().join("; ")));
                    }
                    "oneOf" if matching != 1 => found.push(format!(
                        "{here}: matches {matching} of the {} branches of oneOf, not one: {}",
                        branches.len(),
                        outcomes.concat().join("; ")
                    )),
                    _ => {}
                }
            }
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                if let (Some(number), Some(bound)) = (value.as_f64(), argument.as_f64()) {
                    let within = match keyword.as_str() {
                        "minimum" => number >= bound,
                        "maximum" => number <= bound,
                        "exclusiveMinimum" => number > bound,
                        _ => number < bound,
                    };
                    if !within {
                        found.push(format!("{here}: {number} breaks {keyword} {bound}"));
                    }
                }
            }
            "minLength" | "maxLength" => {
                if let (Some(text), Some(bound)) = (value.as_str(), argument.as_u64()) {
                    let length = text.chars().count() as u64;
                    let within = if keyword == "minLength" { length >= bound } else { length <= bound };
                    if !within {
                        found.push(format!("{here}: a string of {length} characters breaks {keyword} {bound}"));
                    }
                }
            }
            "format" => {
                if let Some(text) = value.as_str() {
                    let valid = match argument.as_str() {
                        Some("date") => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
                        Some("date-time") => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
                        // JSON Schema makes other formats annotations.
                        _ => true,
                    };
                    if !valid {
                        found.push(format!("{here}: {text:?} is not a {argument}"));
                    }
                }
            }
            other if ANNOTATIONS.contains(&other) => {}
            other => found.push(format!("{here}: the schema keyword {other:?} is not one the tests can check")),
        }
    }
}

fn violations_at(root: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut found = Vec::new();
    check(root, schema, value, at, &mut found);
    found
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::violations;

    fn document() -> Value {
        json!({
            "components": { "schemas": {
                "Named": {
                    "type": "object",
                    "required": ["code", "name"],
                    "properties": {
                        "code": { "type": "string", "minLength": 2 },
                        "name": { "type": "string" },
                        "size": { "type": ["integer", "null"], "minimum": 0 },
                        "kind": { "enum": ["a", "b"] },
                        "on": { "type": "string", "format": "date" }
                    }
                },
                "List": {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "items": { "type": "array", "items": { "$ref": "#/components/schemas/Named" } },
                        "total": { "type": "integer" }
                    }
                }
            } }
        })
    }

    fn check(schema: &Value, value: Value) -> Vec<String> {
        violations(&document(), schema, &value)
    }

    #[test]
    fn a_conforming_body_passes() {
        let list = json!({ "$ref": "#/components/schemas/List" });
        let body = json!({
            "items": [
                { "code": "01", "name": "Hà Nội", "size": 3, "kind": "a", "on": "2025-07-01" },
                { "code": "46", "name": "Huế", "size": null }
            ],
            "total": 2
        });
        assert_eq!(check(&list, body), Vec::<String>::new());
        assert!(check(&json!({ "type": "integer" }), json!(10.0)).is_empty(), "10.0 is an integer in JSON Schema");
    }

    #[test]
    fn a_wrong_body_is_refused_where_it_is_wrong() {
        let list = json!({ "$ref": "#/components/schemas/List" });
        let body = json!({
            "items": [{ "code": 1, "size": -1, "kind": "c", "on": "1 July" }, "not an object"],
            "total": "2",
            "extra": true
        });
        let found = check(&list, body);
        for expected in [
            "/items/0/code: expected string, got integer 1",
            "/items/0: the required member \"name\" is missing",
            "/items/0/size: -1 breaks minimum 0",
            "/items/0/kind: \"c\" is not one of [\"a\",\"b\"]",
            "/items/0/on: \"1 July\" is not a \"date\"",
            "/items/1: expected object, got string \"not an object\"",
            "/total: expected integer, got string \"2\"",
            "/extra: nothing is allowed here, got true",
        ] {
            assert!(found.iter().any(|f| f == expected), "{expected} in {found:#?}");
        }
        assert_eq!(found.len(), 8, "{found:#?}");
    }

    #[test]
    fn null_is_refused_unless_the_type_lists_it() {
        assert_eq!(check(&json!({ "type": "string" }), Value::Null), ["/: expected string, got null null"]);
        assert!(check(&json!({ "type": ["string", "null"] }), Value::Null).is_empty());
        assert_eq!(check(&json!({ "type": "string", "minLength": 2 }), json!("x")).len(), 1);
    }

    #[test]
    fn one_of_wants_exactly_one_branch_and_any_of_at_least_one() {
        let one_of = json!({ "oneOf": [{ "type": "integer" }, { "type": "number" }] });
        assert!(check(&one_of, json!(1.5)).is_empty(), "only number matches 1.5");
        assert_eq!(check(&one_of, json!(2)).len(), 1, "2 is both an integer and a number");
        assert_eq!(check(&one_of, json!("2")).len(), 1, "and \"2\" is neither");
        let any_of = json!({ "anyOf": [{ "type": "integer" }, { "type": "number" }] });
        assert!(check(&any_of, json!(2)).is_empty());
        assert_eq!(check(&any_of, json!(null)).len(), 1);
        let all_of = json!({ "allOf": [{ "required": ["a"] }, { "required": ["b"] }] });
        assert_eq!(check(&all_of, json!({ "a": 1 })), ["/: the required member \"b\" is missing"]);
    }

    #[test]
    fn a_date_time_needs_its_offset_and_a_constant_its_value() {
        let instant = json!({ "type": "string", "format": "date-time" });
        assert!(check(&instant, json!("2025-11-04T08:00:00+07:00")).is_empty());
        assert_eq!(check(&instant, json!("2025-11-04T08:00:00")).len(), 1, "no offset, no instant");
        assert_eq!(check(&json!({ "const": "ok" }), json!("okay")).len(), 1);
        assert_eq!(check(&json!({ "type": "array", "minItems": 1 }), json!([])).len(), 1);
    }

    #[test]
    fn what_the_validator_cannot_check_is_an_error_not_a_pass() {
        let found = check(&json!({ "type": "string", "pattern": "^[0-9]+$" }), json!("12"));
        assert_eq!(found, ["/: the schema keyword \"pattern\" is not one the tests can check"]);
        assert_eq!(check(&json!({ "$ref": "#/components/schemas/Missing" }), json!({})).len(), 1);
    }
}
