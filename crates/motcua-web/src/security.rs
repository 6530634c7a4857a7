//! What every response says to the browser about safety, and who is asking.
//!
//! [`security_headers`] adds, to every response (pages, API, errors, files,
//! PDFs): a Content-Security-Policy that allows no inline script or style and
//! no framing, `X-Content-Type-Options: nosniff` and `Referrer-Policy:
//! same-origin`; and, when the site is served over HTTPS, marks every cookie
//! `Secure`. [`ClientAddress`] is the caller's network address: the socket's,
//! or the one a trusted reverse proxy reports in `X-Forwarded-For`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Scripts: none at all. Styles: the served stylesheet only. Images: the
/// site's own, and inline `data:` ones. Forms post to the site only; no other
/// site may frame a page.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The policy, with `gateway` (a payment gateway's origin, where the pay
/// button's form is redirected to) allowed as a form's destination.
pub(crate) fn content_security_policy(gateway: Option<&str>) -> HeaderValue {
    let policy = match gateway.filter(|origin| origin.bytes().all(|b| b.is_ascii_graphic() && b != b';' && b != b',')) {
        Some(origin) => CONTENT_SECURITY_POLICY.replace("form-action 'self'", &format!("form-action 'self' {origin}")),
        None => CONTENT_SECURITY_POLICY.to_owned(),
    };
    HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static(CONTENT_SECURITY_POLICY))
}

/// A cookie for the site: never readable by scripts, sent with top-level
/// navigation from other sites but not with their forms.
pub(crate) fn cookie(name: &str, value: &str, max_age_seconds: i64) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}")).ok()
}

/// The middleware that adds the headers above to every response.
pub(crate) async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, state.csp.clone());
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.web.secure_cookies {
        let cookies: Vec<HeaderValue> = headers.get_all(header::SET_COOKIE).iter().cloned().collect();
        headers.remove(header::SET_COOKIE);
        for value in cookies {
            let text = value.to_str().unwrap_or_default();
            let secured = if text.to_ascii_lowercase().contains("; secure") {
                Some(value.clone())
            } else {
                HeaderValue::from_str(&format!("{text}; Secure")).ok()
            };
            headers.append(header::SET_COOKIE, secured.unwrap_or(value));
        }
    }
    response
}

/// The network address of whoever sent the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// The client's address, from the connection and, only when that
    /// connection comes from one of `trusted_proxies`, from the proxies'
    /// `X-Forwarded-For`: read from the right, the first address that is not
    /// a trusted proxy itself (the ones further left are whatever the client
    /// claimed, and prove nothing).
    pub(crate) fn resolve(peer: IpAddr, forwarded_for: &[&str], trusted_proxies: &[IpAddr]) -> ClientAddress {
        if !trusted_proxies.contains(&peer) {
            return ClientAddress(peer);
        }
        let mut chain = forwarded_for.iter().flat_map(|line| line.split(',')).map(str::trim).rev();
        let mut client = peer;
        for hop in chain.by_ref() {
            let Ok(address) = hop.parse::<IpAddr>() else { break };
            client = address;
            if !trusted_proxies.contains(&address) {
                break;
            }
        }
        ClientAddress(client)
    }
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<ClientAddress, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let forwarded: Vec<&str> =
            parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        Ok(ClientAddress::resolve(peer, &forwarded, &state.web.trusted_proxies))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxy = [ip("10.0.0.1")];
        let resolve =
            |peer: &str, forwarded: &[&str], trusted: &[IpAddr]| ClientAddress::resolve(ip(peer), forwarded, trusted).0;
        assert_eq!(resolve("203.0.113.9", &["198.51.100.7"], &[]), ip("203.0.113.9"), "no proxy trusted");
        assert_eq!(resolve("203.0.113.9", &["198.51.100.7"], &proxy), ip("203.0.113.9"), "not from the proxy");
        assert_eq!(resolve("10.0.0.1", &["198.51.100.7"], &proxy), ip("198.51.100.7"));
        assert_eq!(resolve("10.0.0.1", &["1.2.3.4, 198.51.100.7"], &proxy), ip("198.51.100.7"), "a claim on the left");
        assert_eq!(resolve("10.0.0.1", &["198.51.100.7, 10.0.0.1"], &proxy), ip("198.51.100.7"), "proxies skipped");
        assert_eq!(resolve("10.0.0.1", &["nonsense"], &proxy), ip("10.0.0.1"), "unreadable: the proxy itself");
        assert_eq!(resolve("10.0.0.1", &[], &proxy), ip("10.0.0.1"));
    }
}
