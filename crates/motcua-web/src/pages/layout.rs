//! The frame of every page: head, skip link, header with the site's menu,
//! the language switch, main content and footer; and the page's language as
//! an extractor.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};
use motcua_i18n::{msg, text};

use crate::i18n::{self, LANGUAGE_COOKIE, Locale};

/// The page's language: negotiated, and remembered when chosen with `?lang=`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageLocale {
    pub(super) locale: Locale,
    chosen: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for PageLocale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageLocale, Self::Rejection> {
        let query = parts.uri.query();
        let chosen = query.is_some_and(|q| q.split('&').any(|p| p.starts_with("lang=")));
        Ok(PageLocale { locale: i18n::negotiate(query, &parts.headers), chosen })
    }
}

/// The common frame of every public page.
pub(super) fn layout(page: PageLocale, title: &str, path: &str, body: Markup) -> Response {
    let l = page.locale;
    let nav = html! {
        li { a href="/" { (text(l, msg::HOME)) } }
        li { a href="/thu-tuc" { (text(l, msg::CATALOGUE)) } }
        li { a href="/tra-cuu" { (text(l, msg::LOOKUP)) } }
        li { a href="/ho-so-cua-toi" { (text(l, msg::MY_DOSSIERS)) } }
        li { a href="/chi-so" { (text(l, msg::INDICATORS_NAV)) } }
    };
    frame(page, title, path, nav, body)
}

/// The frame of every page: head, skip link, the site's navigation, the
/// language switch, the main content.
pub(super) fn frame(page: PageLocale, title: &str, path: &str, nav: Markup, body: Markup) -> Response {
    let l = page.locale;
    let markup = html! {
        (DOCTYPE)
        html lang=(l.tag()) dir=(l.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (text(l, msg::SITE)) }
                link rel="stylesheet" href=(crate::stylesheet::stylesheet_path());
            }
            body {
                a.skip href="#main" { (text(l, msg::SKIP)) }
                header {
                    a.site href="/" { (text(l, msg::SITE)) }
                    nav aria-label=(text(l, msg::SITE)) {
                        ul { (nav) }
                    }
                    nav aria-label=(text(l, msg::LANGUAGE)) {
                        ul.langs {
                            @for other in Locale::ALL {
                                li {
                                    a href=(format!("{path}{}lang={}", if path.contains('?') { "&" } else { "?" }, other.tag()))
                                      lang=(other.tag()) hreflang=(other.tag())
                                      aria-current=[(other == l).then_some("true")] {
                                        (language_name(other))
                                    }
                                }
                            }
                        }
                    }
                }
                main #main { (body) }
                footer.muted { (text(l, msg::SITE)) }
            }
        }
    };
    let mut response = markup.into_response();
    if page.chosen
        && let Some(value) = crate::security::cookie(LANGUAGE_COOKIE, l.tag(), 31_536_000)
    {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(l.tag()));
    response
}

fn language_name(locale: Locale) -> &'static str {
    match locale {
        Locale::Vi => "Tiếng Việt",
        Locale::En => "English",
        Locale::Ar => "العربية",
    }
}
