//! Formatting a message in a language with `fluent-bundle`: one concurrent
//! bundle per language, built once from the embedded resources.
//!
//! Bidi isolation: Fluent can wrap every placeable in first-strong isolates
//! (U+2068 … U+2069). That is right for Arabic, where a Vietnamese name or a
//! code placed in a right-to-left sentence must not reorder it; Vietnamese and
//! English pages are left to right throughout, so there the marks would only
//! add invisible characters to texts (and to the problem documents clients
//! read), and they are off.
//!
//! Formatting never panics: a message missing in a language, or one whose
//! formatting reports an error (a variable not given, say), is logged and
//! shown in Vietnamese instead.

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::{Locale, MessageId, msg};

/// The values a message's variables take, by name (`$count` is `count`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args {
    values: Vec<(&'static str, Value)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Count(i64),
}

impl Args {
    pub fn new() -> Args {
        Args::default()
    }

    /// A text variable, placed as it is (apply [`crate::ltr`] first to a code
    /// or a number that must read left to right in Arabic).
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Args {
        self.values.push((name, Value::Text(value.into())));
        self
    }

    /// A number that selects the plural form (`{ $count -> [one] … }`) by the
    /// language's CLDR rules; placed as digits when the message shows it.
    pub fn count(mut self, name: &'static str, value: i64) -> Args {
        self.values.push((name, Value::Count(value)));
        self
    }

    fn to_fluent(&self) -> FluentArgs<'_> {
        let mut args = FluentArgs::with_capacity(self.values.len());
        for (name, value) in &self.values {
            match value {
                Value::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
                Value::Count(count) => args.set(*name, FluentValue::from(*count)),
            }
        }
        args
    }
}

/// The text of `id` in `locale`.
pub fn text(locale: Locale, id: MessageId) -> String {
    EMBEDDED.format(locale, id.as_str(), &Args::new())
}

/// The text of `id` in `locale`, its variables filled from `args`.
pub fn text_with(locale: Locale, id: MessageId, args: &Args) -> String {
    EMBEDDED.format(locale, id.as_str(), args)
}

static EMBEDDED: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::new(
        msg::RESOURCES
            .iter()
            .filter_map(|(tag, name, source)| Locale::from_tag(tag).map(|locale| (locale, *name, *source))),
    )
});

/// One bundle of messages per language.
pub(crate) struct Catalogue {
    bundles: Vec<(Locale, FluentBundle<FluentResource>)>,
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalogue").field("locales", &self.bundles.iter().map(|(l, _)| *l).collect::<Vec<_>>()).finish()
    }
}

impl Catalogue {
    /// Bundles `resources` (language, file name, text). A resource that does
    /// not parse keeps the messages that do, and says so in the log; the
    /// completeness test fails on it long before it could ship.
    pub(crate) fn new<'a>(resources: impl IntoIterator<Item = (Locale, &'a str, &'a str)>) -> Catalogue {
        let mut bundles: Vec<(Locale, FluentBundle<FluentResource>)> = Locale::ALL
            .iter()
            .map(|&locale| {
                let tag = locale.tag().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![tag]);
                bundle.set_use_isolating(locale == Locale::Ar);
                (locale, bundle)
            })
            .collect();
        for (locale, name, source) in resources {
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errors)| {
                tracing::error!(locale = locale.tag(), file = name, ?errors, "a Fluent resource has syntax errors");
                partial
            });
            if let Some((_, bundle)) = bundles.iter_mut().find(|(l, _)| *l == locale)
                && let Err(errors) = bundle.add_resource(resource)
            {
                tracing::error!(locale = locale.tag(), file = name, ?errors, "a Fluent resource repeats a message");
            }
        }
        Catalogue { bundles }
    }

    fn bundle(&self, locale: Locale) -> Option<&FluentBundle<FluentResource>> {
        self.bundles.iter().find(|(l, _)| *l == locale).map(|(_, bundle)| bundle)
    }

    /// The message `id` in `locale`; in Vietnamese when `locale` cannot give
    /// it; the id itself when not even Vietnamese can.
    pub(crate) fn format(&self, locale: Locale, id: &str, args: &Args) -> String {
        match self.try_format(locale, id, args) {
            Ok(text) => text,
            Err(problem) => {
                tracing::error!(locale = locale.tag(), id, %problem, "a message could not be formatted");
                if locale == Locale::Vi {
                    return id.to_owned();
                }
                self.try_format(Locale::Vi, id, args).unwrap_or_else(|problem| {
                    tracing::error!(id, %problem, "the Vietnamese message could not be formatted either");
                    id.to_owned()
                })
            }
        }
    }

    fn try_format(&self, locale: Locale, id: &str, args: &Args) -> Result<String, String> {
        let bundle = self.bundle(locale).ok_or("no bundle for the language")?;
        let message = bundle.get_message(id).ok_or("no such message")?;
        let pattern = message.value().ok_or("the message has no value")?;
        let fluent_args = args.to_fluent();
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() { Ok(text.into_owned()) } else { Err(format!("{errors:?}")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_choose_the_plural_form_of_each_language() {
        let count = |locale, n| text_with(locale, msg::DOSSIERS_FOUND, &Args::new().count("count", n));
        assert_eq!(count(Locale::En, 1), "dossier");
        assert_eq!(count(Locale::En, 2), "dossiers");
        assert_eq!(count(Locale::Vi, 1), "hồ sơ");
        assert_eq!(count(Locale::Vi, 21), "hồ sơ");
        let arabic: Vec<String> = [0, 1, 2, 3, 11, 100].iter().map(|n| count(Locale::Ar, *n)).collect();
        assert_eq!(arabic, ["ملف", "ملف", "ملفان", "ملفات", "ملفًا", "ملف"]);
    }

    #[test]
    fn placeables_are_isolated_in_arabic_only() {
        let fixture = "greeting = Hello { $name }!";
        let catalogue = Catalogue::new(Locale::ALL.map(|locale| (locale, "fixture.ftl", fixture)));
        let args = Args::new().text("name", "Lan");
        assert_eq!(catalogue.format(Locale::En, "greeting", &args), "Hello Lan!");
        assert_eq!(catalogue.format(Locale::Vi, "greeting", &args), "Hello Lan!");
        assert_eq!(catalogue.format(Locale::Ar, "greeting", &args), "Hello \u{2068}Lan\u{2069}!");
    }

    #[test]
    fn a_message_that_cannot_be_formatted_falls_back_to_vietnamese() {
        let catalogue = Catalogue::new([
            (Locale::Vi, "fixture.ftl", "only-vi = Chỉ tiếng Việt\nwith-name = Xin chào { $name }"),
            (Locale::En, "fixture.ftl", "with-name = Hello { $nmae }"),
        ]);
        let args = Args::new().text("name", "Lan");
        assert_eq!(catalogue.format(Locale::En, "only-vi", &Args::new()), "Chỉ tiếng Việt", "missing in English");
        assert_eq!(catalogue.format(Locale::Ar, "only-vi", &Args::new()), "Chỉ tiếng Việt", "Arabic has no resource");
        assert_eq!(catalogue.format(Locale::En, "with-name", &args), "Xin chào Lan", "a variable misspelt");
        assert_eq!(catalogue.format(Locale::En, "nowhere", &Args::new()), "nowhere", "missing everywhere");
    }

    #[test]
    fn the_embedded_resources_give_the_texts() {
        assert_eq!(text(Locale::Vi, msg::SITE), "Dịch vụ công một cửa");
        assert_eq!(text(Locale::En, msg::SITE), "One-stop public services");
        assert_eq!(text(Locale::Ar, msg::SITE), "الخدمات العامة الموحدة");
    }
}
