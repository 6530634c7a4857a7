//! The languages of the user interface: Vietnamese first, English, and Arabic
//! (right to left); how a request's language is chosen.

/// The cookie that remembers the language a visitor chose.
pub const LANGUAGE_COOKIE: &str = "motcua_lang";

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Locale {
    #[default]
    Vi,
    En,
    Ar,
}

impl Locale {
    /// Every language, Vietnamese first.
    pub const ALL: [Locale; 3] = [Locale::Vi, Locale::En, Locale::Ar];

    /// The writing direction of pages in this language.
    pub fn dir(self) -> &'static str {
        if self == Locale::Ar { "rtl" } else { "ltr" }
    }

    /// The BCP 47 tag: `vi`, `en` or `ar`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
            Locale::Ar => "ar",
        }
    }

    /// The language of a tag such as `en-GB` or `ar`, by its primary subtag.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            "ar" => Some(Locale::Ar),
            _ => None,
        }
    }

    /// The CLDR cardinal plural categories of this language: what a message
    /// may select on with a count. Vietnamese has one form, English two,
    /// Arabic six.
    pub fn plural_categories(self) -> &'static [&'static str] {
        match self {
            Locale::Vi => &["other"],
            Locale::En => &["one", "other"],
            Locale::Ar => &["zero", "one", "two", "few", "many", "other"],
        }
    }

    /// `?lang=` in `query` wins; then the remembered choice (the
    /// [`LANGUAGE_COOKIE`] among the `Cookie` header values); then the
    /// highest-weighted supported language of `Accept-Language`; then
    /// Vietnamese.
    pub fn negotiate<'a>(
        query: Option<&str>,
        cookie_headers: impl IntoIterator<Item = &'a str>,
        accept_language: Option<&str>,
    ) -> Locale {
        let from_query =
            query.and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(Locale::from_tag));
        if let Some(locale) = from_query {
            return locale;
        }
        let from_cookie = cookie_headers
            .into_iter()
            .flat_map(|v| v.split(';'))
            .find_map(|pair| pair.trim().strip_prefix(LANGUAGE_COOKIE).and_then(|rest| rest.strip_prefix('=')))
            .and_then(Locale::from_tag);
        if let Some(locale) = from_cookie {
            return locale;
        }
        let mut best: Option<(f32, Locale)> = None;
        for part in accept_language.unwrap_or_default().split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let weight =
                pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if let Some(locale) = Locale::from_tag(tag)
                && best.is_none_or(|(w, _)| weight > w)
            {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, locale)| locale).unwrap_or_default()
    }
}

/// Wraps codes, dates and numbers in a left-to-right isolate (U+2066 …
/// U+2069) so they stay left to right inside Arabic text; other languages
/// get the text as it is.
pub fn ltr(locale: Locale, text: &str) -> String {
    match locale {
        Locale::Ar => format!("\u{2066}{text}\u{2069}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_query_then_cookie_then_weighted_header_then_vietnamese() {
        assert_eq!(Locale::negotiate(Some("lang=ar"), [], Some("en")), Locale::Ar);
        assert_eq!(Locale::negotiate(None, [], Some("fr-FR, en;q=0.8, ar;q=0.9")), Locale::Ar);
        assert_eq!(Locale::negotiate(None, [], Some("en-GB")), Locale::En);
        assert_eq!(Locale::negotiate(None, [], Some("fr")), Locale::Vi);
        assert_eq!(Locale::negotiate(Some("q=x"), [], None), Locale::Vi);
        assert_eq!(Locale::negotiate(None, ["a=b; motcua_lang=ar"], Some("en")), Locale::Ar);
        assert_eq!(Locale::negotiate(Some("lang=vi"), ["motcua_lang=ar"], Some("en")), Locale::Vi);
    }

    #[test]
    fn arabic_isolates_left_to_right_text() {
        assert_eq!(ltr(Locale::Ar, "2025-11-03"), "\u{2066}2025-11-03\u{2069}");
        assert_eq!(ltr(Locale::Vi, "2025-11-03"), "2025-11-03");
    }

    #[test]
    fn plural_categories_are_those_the_cldr_rules_produce_for_counts() {
        use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
        for locale in Locale::ALL {
            let tag = locale.tag().parse::<unic_langid::LanguageIdentifier>().expect("a valid tag");
            let rules = PluralRules::create(tag, PluralRuleType::CARDINAL).expect("CLDR has rules for it");
            let mut seen: Vec<&str> = Vec::new();
            for n in 0..=1000_u64 {
                let name = match rules.select(n).expect("an integer") {
                    PluralCategory::ZERO => "zero",
                    PluralCategory::ONE => "one",
                    PluralCategory::TWO => "two",
                    PluralCategory::FEW => "few",
                    PluralCategory::MANY => "many",
                    PluralCategory::OTHER => "other",
                };
                if !seen.contains(&name) {
                    seen.push(name);
                }
            }
            let mut expected = locale.plural_categories().to_vec();
            expected.sort_unstable();
            seen.sort_unstable();
            assert_eq!(seen, expected, "{locale:?}");
        }
    }
}
