//! What keeps a browser and an account safe: the security headers on every
//! kind of response, a stylesheet instead of inline styles, cookie flags, a
//! new session at each sign-in, sign-in's `next` kept on the site, sign-out
//! only with the form token, menus that offer only what a role may open, and
//! password guessing slowed per address without locking the owner out.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use crate::support::browser::{citizen_cookie, form_token, location, manual_client, page_with, session_cookie};
use crate::support::{Answer, DEMO_PASSWORD, TestServer, on_both_backends};

on_both_backends!(
    headers_on_every_response,
    no_inline_styles_and_a_cacheable_stylesheet,
    cookies_and_a_new_session_at_each_sign_in,
    next_stays_on_the_site,
    sign_out_needs_the_form_token,
    menus_offer_only_what_each_role_may_open,
    forwarded_addresses_are_not_believed_by_default,
);

// Behind a trusted proxy that serves the site over HTTPS.
on_both_backends!(
    with [("MOTCUA_TRUSTED_PROXIES", "127.0.0.1"), ("MOTCUA_SECURE_COOKIES", "true")] =>
    cookies_are_secure_over_https,
    a_strangers_failures_never_lock_the_owner_out,
    an_address_trying_many_accounts_waits_longer_each_time,
);

fn assert_security_headers(what: &str, headers: &HeaderMap) {
    let policy = headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(policy.contains("default-src 'none'"), "{what}: {policy:?}");
    assert!(policy.contains("frame-ancestors 'none'"), "{what}: {policy:?}");
    assert!(policy.contains("style-src 'self'") && !policy.contains("unsafe-inline"), "{what}: {policy:?}");
    assert!(!policy.contains("script-src"), "{what}: no script from anywhere");
    assert_eq!(headers.get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{what}");
    assert_eq!(headers.get("referrer-policy").map(|v| v.as_bytes()), Some(&b"same-origin"[..]), "{what}");
}

/// GETs without following redirects, with a cookie and what the client accepts.
async fn get(server: &TestServer, path: &str, cookie: Option<&str>, accept: &str) -> Answer {
    let mut request = manual_client().get(server.url(path)).header("Accept", accept);
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    server.exchange(request).await
}

async fn officer_cookie_from(server: &TestServer, username: &str, from: Option<&str>) -> reqwest::Response {
    let mut request = manual_client()
        .post(server.url("/can-bo/dang-nhap"))
        .form(&[("username", username), ("password", DEMO_PASSWORD)]);
    if let Some(address) = from {
        request = request.header("X-Forwarded-For", address);
    }
    request.send().await.expect("sign in")
}

/// Pages, the API, errors (JSON and HTML), the stylesheet, exports and PDFs.
async fn headers_on_every_response(server: &TestServer) {
    let cookie = citizen_cookie(server, "001190000001", DEMO_PASSWORD).await;
    let token = server.citizen_token("001190000001", DEMO_PASSWORD).await;
    let (_, mine) = server.get_as("/api/v1/dossiers?status=processing", &token).await;
    let code = mine["items"][0]["code"].as_str().expect("a dossier with a code").to_owned();
    let home = get(server, "/", None, "text/html").await;
    let stylesheet = stylesheet_of(&home.text());
    let responses = [
        ("a page", "/", None, "text/html", 200),
        ("a signed-in page", "/ho-so-cua-toi", Some(cookie.as_str()), "text/html", 200),
        ("the API", "/api/v1/units/provinces", None, "application/json", 200),
        ("an API error", "/api/v1/procedures/9.999999", None, "application/json", 404),
        ("an error page", "/khong-co-trang-nay", None, "text/html", 404),
        ("a redirect", "/ho-so-cua-toi", None, "text/html", 303),
        ("the stylesheet", stylesheet.as_str(), None, "text/css", 200),
        ("an export", "/chi-so.csv", None, "text/csv", 200),
        ("a PDF", &format!("/ho-so-cua-toi/{code}/bien-nhan.pdf"), Some(cookie.as_str()), "application/pdf", 200),
    ];
    for (what, path, cookie, accept, status) in responses {
        let response = get(server, path, cookie, accept).await;
        assert_eq!(response.status, status, "{what}: {path}");
        assert_security_headers(what, &response.headers);
    }
    let refused = server.post("/api/v1/sessions", None, &json!({ "username": "x", "password": "y" })).await;
    assert_eq!(refused.0, 401, "a refused API call");
}

fn stylesheet_of(page: &str) -> String {
    let start = page.find("<link rel=\"stylesheet\" href=\"").expect("a stylesheet link") + 29;
    page[start..].split('"').next().unwrap_or_default().to_owned()
}

/// Every page links the one stylesheet, and carries no `<style>`, `style=`
/// or script; the stylesheet is cached for a year under its content's name.
async fn no_inline_styles_and_a_cacheable_stylesheet(server: &TestServer) {
    let citizen = citizen_cookie(server, "001190000001", DEMO_PASSWORD).await;
    let officer = session_cookie(&officer_cookie_from(server, "hn.badinh.tiepnhan", None).await).expect("officer");
    let admin = session_cookie(&officer_cookie_from(server, "quantri", None).await).expect("admin");
    let leader = session_cookie(&officer_cookie_from(server, "hn.badinh.lanhdao", None).await).expect("leader");
    let pages = [
        ("/", None),
        ("/thu-tuc/1.004194?tinh=01&xa=00004", None),
        ("/dang-nhap", None),
        ("/chi-so", None),
        ("/khong-co-trang-nay", None),
        ("/ho-so-cua-toi", Some(&citizen)),
        ("/can-bo", Some(&officer)),
        ("/can-bo/tiep-nhan", Some(&officer)),
        ("/can-bo/chi-so", Some(&leader)),
        ("/quan-tri", Some(&admin)),
    ];
    let mut linked = Vec::new();
    for (path, cookie) in pages {
        let body = get(server, path, cookie.map(String::as_str), "text/html").await.text();
        for inline in ["<style", " style=", "<script", "javascript:"] {
            assert!(!body.contains(inline), "{path} carries {inline}");
        }
        linked.push(stylesheet_of(&body));
    }
    linked.dedup();
    assert_eq!(linked.len(), 1, "one stylesheet everywhere: {linked:?}");
    let path = &linked[0];
    assert!(path.starts_with("/static/motcua-") && path.ends_with(".css"), "{path}");
    let sheet = get(server, path, None, "text/css").await;
    assert_eq!(sheet.status, 200);
    let cache = sheet.header("cache-control");
    assert!(cache.contains("max-age=31536000") && cache.contains("immutable"), "{cache}");
    assert!(sheet.header("content-type").starts_with("text/css"));
    let etag = sheet.header("etag").to_owned();
    assert!(!etag.is_empty(), "an ETag");
    assert!(sheet.text().contains(".card{"), "the site's styles");
    let again = manual_client().get(server.url(path)).header("If-None-Match", &etag).send().await.expect("get");
    assert_eq!(again.status().as_u16(), 304, "unchanged: not sent again");
    let old = get(server, "/static/motcua-0000000000000000.css", None, "text/css").await;
    assert_eq!(old.status, 404, "only the current name");
}

fn cookies_named(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_owned)
        .collect()
}

/// Cookies are `HttpOnly` and `SameSite=Lax` (not `Secure` over plain HTTP);
/// a sign-in gives a new token even when a session came with it, and ends
/// that session.
async fn cookies_and_a_new_session_at_each_sign_in(server: &TestServer) {
    let lang = get(server, "/?lang=en", None, "text/html").await;
    let signed = officer_cookie_from(server, "hn.tiepnhan", None).await;
    for cookie in [cookies_named(&lang.headers, "motcua_lang"), cookies_named(signed.headers(), "motcua_session")] {
        let cookie = cookie.first().expect("a cookie");
        assert!(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain HTTP here: {cookie}");
    }
    let first = session_cookie(&signed).expect("session");
    let again = manual_client()
        .post(server.url("/can-bo/dang-nhap"))
        .header("Cookie", &first)
        .form(&[("username", "hn.tiepnhan"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("sign in again");
    let second = session_cookie(&again).expect("a new session");
    assert_ne!(first, second, "a new token at each sign-in");
    let old = get(server, "/can-bo", Some(&first), "text/html").await;
    assert_eq!(old.header("location"), "/can-bo/dang-nhap", "the session that came with the sign-in ended");
    assert_eq!(get(server, "/can-bo", Some(&second), "text/html").await.status, 200);

    let citizen = citizen_cookie(server, "001190000001", DEMO_PASSWORD).await;
    let renewed = manual_client()
        .post(server.url("/dang-nhap"))
        .header("Cookie", &citizen)
        .form(&[("id_number", "001190000001"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("sign in again");
    assert_ne!(session_cookie(&renewed).expect("new"), citizen);
    let old = get(server, "/ho-so-cua-toi", Some(&citizen), "text/html").await;
    assert!(old.header("location").starts_with("/dang-nhap"), "the citizen's old session ended too");
}

/// After signing in, `next` leads only to a path of this site.
async fn next_stays_on_the_site(server: &TestServer) {
    let hostile = [
        "//evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r/evil.example",
        "/ /evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%09/evil.example",
        "/%252F%252Fevil.example",
        "/\u{0}/evil.example",
        "/\u{a0}/evil.example",
        "/\u{3000}/evil.example",
        "https://evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "",
    ];
    for next in hostile {
        let signed = manual_client()
            .post(server.url("/dang-nhap"))
            .form(&[("id_number", "001190000001"), ("password", DEMO_PASSWORD), ("next", next)])
            .send()
            .await
            .expect("sign in");
        assert_eq!((signed.status().as_u16(), location(&signed)), (303, "/ho-so-cua-toi".to_owned()), "{next:?}");
    }
    for next in ["/thu-tuc/1.004194?tinh=01", "/ho-so-cua-toi/000.04.01.H29-251104-0001"] {
        let signed = manual_client()
            .post(server.url("/dang-nhap"))
            .form(&[("id_number", "001190000001"), ("password", DEMO_PASSWORD), ("next", next)])
            .send()
            .await
            .expect("sign in");
        assert_eq!(location(&signed), next, "a path of the site is followed");
    }
    let (_, _, form) = page_with(server, "/dang-nhap?next=%2F%09%2Fevil.example", "").await;
    assert!(!form.contains("evil.example"), "the form does not carry it either");
}

/// Signing out is a form with the session's token; without it nothing ends.
async fn sign_out_needs_the_form_token(server: &TestServer) {
    for (cookie, page) in [
        (citizen_cookie(server, "001190000001", DEMO_PASSWORD).await, "/ho-so-cua-toi"),
        (session_cookie(&officer_cookie_from(server, "hn.buudien", None).await).expect("officer"), "/can-bo"),
    ] {
        let post = |body: String| {
            manual_client()
                .post(server.url("/dang-xuat"))
                .header("Cookie", &cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
        };
        assert_eq!(post(String::new()).await.expect("post").status().as_u16(), 403, "{page}: no token");
        assert_eq!(post("csrf=0123456789abcdef0123456789abcdef".into()).await.expect("post").status().as_u16(), 403);
        let (status, _, html) = page_with(server, page, &cookie).await;
        assert_eq!(status, 200, "{page}: still signed in");
        assert!(html.contains("action=\"/dang-xuat\""), "{page} offers signing out");
        let out = post(format!("csrf={}", form_token(&html))).await.expect("post");
        assert_eq!((out.status().as_u16(), location(&out)), (303, "/".to_owned()));
        assert_ne!(get(server, page, Some(&cookie), "text/html").await.status, 200, "{page}: signed out");
    }
}

fn local_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/') && !href.starts_with("/static/") && !href.contains("lang="))
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

/// Every link on every demo officer's pages, one level deep, opens: none
/// answers 403. The agent clerk, in particular, sees no figures link.
async fn menus_offer_only_what_each_role_may_open(server: &TestServer) {
    let usernames = [
        "hn.tiepnhan",
        "hn.badinh.chuyenvien",
        "hn.badinh.lanhdao",
        "hn.buudien",
        "hn.luudong",
        "hn.giamsat",
        "quantri",
    ];
    for username in usernames {
        let cookie = session_cookie(&officer_cookie_from(server, username, None).await).expect("session");
        let (status, _, landing) = page_with(server, "/can-bo", &cookie).await;
        assert_eq!(status, 200, "{username}");
        let mut seen = std::collections::BTreeSet::new();
        let mut to_visit = local_links(&landing);
        let mut depth_two = Vec::new();
        for href in to_visit.drain(..) {
            if !seen.insert(href.clone()) {
                continue;
            }
            let response = get(server, &href, Some(&cookie), "text/html").await;
            let status = response.status;
            assert_ne!(status, 403, "{username}: the menu offers {href}, which refuses");
            if status == 200 && response.header("content-type").starts_with("text/html") {
                let body = response.text();
                let nav_end = body.find("</header>").unwrap_or(0);
                depth_two.extend(local_links(&body[..nav_end]));
            }
        }
        for href in depth_two {
            if seen.insert(href.clone()) {
                let status = get(server, &href, Some(&cookie), "text/html").await.status;
                assert_ne!(status, 403, "{username}: a menu offers {href}, which refuses");
            }
        }
        if username == "hn.buudien" {
            assert!(!seen.contains("/can-bo/chi-so"), "the agent clerk is not offered the figures");
            assert!(seen.contains("/can-bo/tiep-nhan"), "but is offered reception");
        }
    }
}

/// Without a trusted proxy configured, `X-Forwarded-For` is the client's
/// own claim: changing it does not escape being slowed down.
async fn forwarded_addresses_are_not_believed_by_default(server: &TestServer) {
    let wrong = json!({ "username": "hn.tuphap.chuyenvien", "password": "doan-sai" });
    for attempt in 0..5 {
        let response = sign_in_from(server, &format!("203.0.113.{attempt}"), &wrong).await;
        assert_eq!(response.status, 401, "attempt {attempt}");
    }
    let response = sign_in_from(server, "198.51.100.200", &wrong).await;
    assert_eq!(response.status, 429, "the same socket address, whatever the header says");
}

async fn cookies_are_secure_over_https(server: &TestServer) {
    let signed = officer_cookie_from(server, "hn.tiepnhan", None).await;
    let lang = get(server, "/?lang=ar", None, "text/html").await;
    for cookie in [cookies_named(signed.headers(), "motcua_session"), cookies_named(&lang.headers, "motcua_lang")] {
        let cookie = cookie.first().expect("a cookie");
        assert!(cookie.contains("; Secure") && cookie.contains("; HttpOnly"), "{cookie}");
    }
}

/// Signs in through the API from `address`, as a proxy in front would say.
async fn sign_in_from(server: &TestServer, address: &str, body: &Value) -> Answer {
    server
        .exchange(server.client.post(server.url("/api/v1/sessions")).header("X-Forwarded-For", address).json(body))
        .await
}

fn retry_after(headers: &HeaderMap) -> u64 {
    headers.get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// A stranger's wrong passwords slow the stranger down, never the owner,
/// who is told about them after signing in.
async fn a_strangers_failures_never_lock_the_owner_out(server: &TestServer) {
    let stranger = "198.51.100.7";
    for (account, right) in [
        (
            json!({ "username": "hn.buudien", "password": "doan-sai" }),
            json!({ "username": "hn.buudien", "password": DEMO_PASSWORD }),
        ),
        (
            json!({ "id_number": "001201000003", "password": "doan-sai" }),
            json!({ "id_number": "001201000003", "password": DEMO_PASSWORD }),
        ),
    ] {
        for attempt in 0..6 {
            let failed = sign_in_from(server, stranger, &account).await;
            assert_eq!(failed.status, if attempt < 5 { 401 } else { 429 }, "{account} attempt {attempt}");
        }
        let paused = sign_in_from(server, stranger, &right).await;
        assert_eq!(paused.status, 429, "the stranger must wait, even with the right password");
        assert!(retry_after(&paused.headers) >= 1, "and is told how long");
        let owner = sign_in_from(server, "203.0.113.5", &right).await;
        assert_eq!(owner.status, 201, "{account}: the owner, elsewhere, signs in at once");
    }
    let paused_page = manual_client()
        .post(server.url("/can-bo/dang-nhap"))
        .header("X-Forwarded-For", stranger)
        .form(&[("username", "hn.buudien"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(paused_page.status().as_u16(), 429);
    assert!(retry_after(paused_page.headers()) >= 1);
    assert!(paused_page.text().await.expect("text").contains("xin chờ"), "the page says to wait");

    // Five more failures, then the owner signs in on the desk and is told.
    tokio::time::sleep(Duration::from_millis(100)).await;
    for _ in 0..3 {
        let failed = sign_in_from(server, "192.0.2.77", &json!({ "username": "hn.buudien", "password": "sai" })).await;
        assert_eq!(failed.status, 401);
    }
    let owner = officer_cookie_from(server, "hn.buudien", Some("203.0.113.5")).await;
    assert_eq!(owner.status().as_u16(), 303);
    let cookie = session_cookie(&owner).expect("session");
    let (_, _, desk) = page_with(server, "/can-bo", &cookie).await;
    assert!(desk.contains("lần đăng nhập sai"), "the owner is told");
    assert!(desk.contains(">3</bdi>"), "how many since the previous sign-in: {desk}");
    assert!(desk.contains("192.0.2.*") && !desk.contains("192.0.2.77"), "the last address, masked");
    let (_, _, later) = page_with(server, "/can-bo?lang=en", &cookie).await;
    assert!(later.contains("failed sign-in attempts"), "in English too");

    let citizen = manual_client()
        .post(server.url("/dang-nhap"))
        .header("X-Forwarded-For", "203.0.113.5")
        .form(&[("id_number", "001201000003"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .expect("post");
    let cookie = session_cookie(&citizen).expect("session");
    let (_, _, mine) = page_with(server, "/ho-so-cua-toi", &cookie).await;
    assert!(!mine.contains("lần đăng nhập sai"), "nothing failed since the citizen's previous sign-in");
}

/// One address trying many accounts is slowed down, longer each time; other
/// addresses are not.
async fn an_address_trying_many_accounts_waits_longer_each_time(server: &TestServer) {
    let address = "192.0.2.44";
    let mut first_pause = None;
    for n in 0..40 {
        let response =
            sign_in_from(server, address, &json!({ "username": format!("khach.{n}"), "password": "doan-thu" })).await;
        let status = response.status;
        if status == 429 {
            first_pause.get_or_insert((n, retry_after(&response.headers)));
        } else {
            assert_eq!(status, 401, "account {n}");
            assert!(first_pause.is_none(), "once paused, every account waits");
        }
    }
    let (paused_at, wait) = first_pause.expect("forty accounts from one address are slowed down");
    assert!(paused_at <= 25, "slowed after a few accounts, not {paused_at}");
    assert!((1..=60).contains(&wait), "a short wait first: {wait} s");
    tokio::time::sleep(Duration::from_secs(wait) + Duration::from_millis(200)).await;
    let tried = sign_in_from(server, address, &json!({ "username": "khach.sau", "password": "x" })).await;
    assert_eq!(tried.status, 401, "after waiting, one more try");
    let paused = sign_in_from(server, address, &json!({ "username": "khach.nua", "password": "x" })).await;
    assert_eq!(paused.status, 429);
    let next = retry_after(&paused.headers);
    assert!(next > wait, "the wait grows: {wait} s, then {next} s");
    let elsewhere =
        sign_in_from(server, "192.0.2.45", &json!({ "username": "hn.tiepnhan", "password": DEMO_PASSWORD })).await;
    assert_eq!(elsewhere.status, 201, "another address is not slowed");
}
