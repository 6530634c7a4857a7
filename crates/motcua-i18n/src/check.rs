//! Checks that the resources are complete and consistent: every resource
//! parses; every message exists in every language; a message uses the same
//! variables in every language; a language selects only on plural
//! categories it has. The tests run [`check`] on the embedded resources, so
//! a translation left out fails `cargo test`, not a page at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use fluent_syntax::ast;

use crate::{Locale, msg};

/// One thing wrong with the resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A resource that does not parse as Fluent.
    Syntax { locale: Locale, file: String, error: String },
    /// A message defined twice in one language.
    Repeated { locale: Locale, id: String },
    /// A message another language has and this one lacks.
    Missing { locale: Locale, id: String },
    /// A message whose variables differ from the Vietnamese message's.
    Variables { locale: Locale, id: String, vietnamese: Vec<String>, found: Vec<String> },
    /// A variant keyed by a plural category the language does not have.
    PluralCategory { locale: Locale, id: String, category: String },
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Syntax { locale, file, error } => write!(f, "{}/{file} does not parse: {error}", locale.tag()),
            Finding::Repeated { locale, id } => write!(f, "{id} is defined twice in {}", locale.tag()),
            Finding::Missing { locale, id } => write!(f, "{id} is missing in {}", locale.tag()),
            Finding::Variables { locale, id, vietnamese, found } => {
                write!(f, "{id} in {} uses {found:?}, the Vietnamese uses {vietnamese:?}", locale.tag())
            }
            Finding::PluralCategory { locale, id, category } => {
                write!(f, "{id} in {} selects on [{category}], a category it does not have", locale.tag())
            }
        }
    }
}

/// The resources built into the crate: (language, file name, text).
pub fn embedded_resources() -> impl Iterator<Item = (Locale, &'static str, &'static str)> {
    msg::RESOURCES.iter().filter_map(|(tag, name, source)| Locale::from_tag(tag).map(|l| (l, *name, *source)))
}

/// What one message needs from the code and the grammar.
#[derive(Debug, Default)]
struct Shape {
    variables: BTreeSet<String>,
    categories: BTreeSet<String>,
}

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Everything wrong with `resources` (language, file name, text); empty when
/// they are complete.
pub fn check<'a>(resources: impl IntoIterator<Item = (Locale, &'a str, &'a str)>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut messages: BTreeMap<Locale, BTreeMap<String, Shape>> = BTreeMap::new();
    for (locale, file, source) in resources {
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(resource) => resource,
            Err((partial, errors)) => {
                for error in errors {
                    findings.push(Finding::Syntax { locale, file: file.to_owned(), error: format!("{error:?}") });
                }
                partial
            }
        };
        let of_locale = messages.entry(locale).or_default();
        for entry in &resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut shape = Shape::default();
                if let Some(value) = &message.value {
                    shape_of_pattern(value, &mut shape);
                }
                for attribute in &message.attributes {
                    shape_of_pattern(&attribute.value, &mut shape);
                }
                if of_locale.insert(message.id.name.to_owned(), shape).is_some() {
                    findings.push(Finding::Repeated { locale, id: message.id.name.to_owned() });
                }
            }
        }
    }
    let every_id: BTreeSet<&String> = messages.values().flat_map(|of_locale| of_locale.keys()).collect();
    let empty = BTreeMap::new();
    let vietnamese = messages.get(&Locale::Vi).unwrap_or(&empty);
    for locale in Locale::ALL {
        let of_locale = messages.get(&locale).unwrap_or(&empty);
        for id in &every_id {
            let Some(shape) = of_locale.get(*id) else {
                findings.push(Finding::Missing { locale, id: (*id).clone() });
                continue;
            };
            if let Some(reference) = vietnamese.get(*id)
                && reference.variables != shape.variables
            {
                findings.push(Finding::Variables {
                    locale,
                    id: (*id).clone(),
                    vietnamese: reference.variables.iter().cloned().collect(),
                    found: shape.variables.iter().cloned().collect(),
                });
            }
            for category in &shape.categories {
                if !locale.plural_categories().contains(&category.as_str()) {
                    findings.push(Finding::PluralCategory { locale, id: (*id).clone(), category: category.clone() });
                }
            }
        }
    }
    findings
}

fn shape_of_pattern(pattern: &ast::Pattern<&str>, shape: &mut Shape) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            shape_of_expression(expression, shape);
        }
    }
}

fn shape_of_expression(expression: &ast::Expression<&str>, shape: &mut Shape) {
    match expression {
        ast::Expression::Inline(inline) => shape_of_inline(inline, shape),
        ast::Expression::Select { selector, variants } => {
            shape_of_inline(selector, shape);
            for variant in variants {
                if let ast::VariantKey::Identifier { name } = &variant.key
                    && PLURAL_CATEGORIES.contains(name)
                {
                    shape.categories.insert((*name).to_owned());
                }
                shape_of_pattern(&variant.value, shape);
            }
        }
    }
}

fn shape_of_inline(inline: &ast::InlineExpression<&str>, shape: &mut Shape) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                shape_of_inline(argument, shape);
            }
            for named in &arguments.named {
                shape_of_inline(&named.value, shape);
            }
        }
        ast::InlineExpression::Placeable { expression } => shape_of_expression(expression, shape),
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for argument in &arguments.positional {
                shape_of_inline(argument, shape);
            }
            for named in &arguments.named {
                shape_of_inline(&named.value, shape);
            }
        }
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. }
        | ast::InlineExpression::MessageReference { .. }
        | ast::InlineExpression::TermReference { arguments: None, .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_resources_are_complete() {
        let findings = check(embedded_resources());
        let listed: Vec<String> = findings.iter().map(ToString::to_string).collect();
        assert!(findings.is_empty(), "{}", listed.join("\n"));
    }

    #[test]
    fn the_generated_ids_are_the_messages_of_the_vietnamese_resources() {
        let mut parsed = Vec::new();
        for (_, file, source) in embedded_resources().filter(|(locale, _, _)| *locale == Locale::Vi) {
            let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|_| panic!("{file} parses"));
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry {
                    parsed.push(message.id.name);
                }
            }
        }
        let generated: Vec<&str> = msg::ALL.iter().map(|id| id.as_str()).collect();
        assert_eq!(generated, parsed);
        let unique: BTreeSet<&str> = generated.iter().copied().collect();
        assert_eq!(unique.len(), generated.len(), "no id twice");
    }

    #[test]
    fn the_checker_reports_each_fault_of_a_broken_fixture_once() {
        let vi = "greeting = Xin chào { $name }\nfarewell = Tạm biệt\nitems = { $count ->\n   *[other] mục\n}\n";
        let en = "greeting = Hello { $nmae }\nfarewell = Goodbye\nitems = { $count ->\n    [few] items\n   *[other] items\n}\n";
        let ar = "greeting = مرحبا { $name }\nitems = { $count ->\n    [few] عناصر\n   *[other] عنصر\n}\n";
        let findings = check([(Locale::Vi, "f.ftl", vi), (Locale::En, "f.ftl", en), (Locale::Ar, "f.ftl", ar)]);
        assert_eq!(
            findings,
            [
                Finding::Variables {
                    locale: Locale::En,
                    id: "greeting".into(),
                    vietnamese: vec!["name".into()],
                    found: vec!["nmae".into()],
                },
                Finding::PluralCategory { locale: Locale::En, id: "items".into(), category: "few".into() },
                Finding::Missing { locale: Locale::Ar, id: "farewell".into() },
            ]
        );
    }

    #[test]
    fn the_checker_reports_syntax_errors_and_repeated_messages() {
        let broken = "good = fine\nbad = { $open\ngood = again\n";
        let findings = check(Locale::ALL.map(|locale| (locale, "f.ftl", broken)));
        let syntax = findings.iter().filter(|f| matches!(f, Finding::Syntax { .. })).count();
        let repeated = findings.iter().filter(|f| matches!(f, Finding::Repeated { .. })).count();
        assert_eq!((syntax, repeated, findings.len()), (3, 3, 6), "{findings:?}");
    }
}
