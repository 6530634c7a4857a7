//! Talking to the pages as a browser does: forms, cookies, redirects shown
//! rather than followed, and multipart steps with files.

use super::{DEMO_PASSWORD, TestServer};

/// A page: status, headers and text.
pub type Page = (u16, reqwest::header::HeaderMap, String);

/// GETs a page as a browser asks for it, with an optional cookie.
pub async fn page(server: &TestServer, path: &str, cookie: Option<&str>) -> Page {
    let mut request = server.client.get(server.url(path)).header("Accept", "text/html");
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("text"))
}

/// GETs a page with a cookie (empty for none that matters).
pub async fn page_with(server: &TestServer, path: &str, cookie: &str) -> Page {
    page(server, path, Some(cookie)).await
}

/// The form token a page carries in its forms.
pub fn form_token(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a form token") + "name=\"csrf\" value=\"".len();
    html[start..].split('"').next().unwrap_or_default().to_owned()
}

/// The text that follows `marker` up to the next double quote: the rest of
/// an attribute, as `text_after(html, "name=\"attempt\" value=\"")` is a field's value.
pub fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} on the page")) + marker.len();
    html[at..].split('"').next().unwrap_or_default()
}

/// A client that shows redirects instead of following them.
pub fn manual_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// The `motcua_session=…` pair a response sets, if it sets one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("motcua_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

/// Where a redirect leads; empty if it is none.
pub fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// Posts the citizens' sign-in form, asking to go to "my dossiers" next.
pub async fn sign_in_page(server: &TestServer, id_number: &str, password: &str) -> reqwest::Response {
    manual_client()
        .post(server.url("/dang-nhap"))
        .form(&[("id_number", id_number), ("password", password), ("next", "/ho-so-cua-toi")])
        .send()
        .await
        .expect("sign in")
}

/// Signs a citizen in through the page and returns the session cookie.
pub async fn citizen_cookie(server: &TestServer, id_number: &str, password: &str) -> String {
    let signed = sign_in_page(server, id_number, password).await;
    assert_eq!(
        (signed.status().as_u16(), location(&signed)),
        (303, "/ho-so-cua-toi".to_owned()),
        "{id_number} signs in"
    );
    session_cookie(&signed).expect("session")
}

/// Signs a demo officer in at the desk and returns the session cookie.
pub async fn officer_cookie(server: &TestServer, username: &str) -> String {
    officer_cookie_with(server, username, DEMO_PASSWORD).await
}

/// Signs an officer in at the desk with a password and returns the session cookie.
pub async fn officer_cookie_with(server: &TestServer, username: &str, password: &str) -> String {
    let signed = manual_client()
        .post(server.url("/can-bo/dang-nhap"))
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .expect("sign in");
    assert_eq!((signed.status().as_u16(), location(&signed)), (303, "/can-bo".to_owned()), "{username}");
    session_cookie(&signed).expect("session")
}

/// Posts a form as the browser does (multipart, with files as PDFs);
/// returns the status, where it redirects and the text.
pub async fn post_step(
    server: &TestServer,
    cookie: &str,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(String, Vec<u8>)],
) -> (u16, String, String) {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text((*name).to_owned(), (*value).to_owned());
    }
    for (name, bytes) in files {
        let part = reqwest::multipart::Part::bytes(bytes.clone()).file_name("giay-to.pdf").mime_str("application/pdf");
        form = form.part(name.clone(), part.expect("part"));
    }
    let response = manual_client()
        .post(server.url(path))
        .header("Cookie", cookie)
        .header("Accept", "text/html")
        .multipart(form)
        .send()
        .await
        .expect("post step");
    let status = response.status().as_u16();
    let location = location(&response);
    (status, location, response.text().await.expect("text"))
}

/// Posts a URL-encoded form with a cookie, as a browser without redirects.
pub async fn post_form<Fields>(server: &TestServer, cookie: &str, path: &str, fields: &Fields) -> reqwest::Response
where
    Fields: serde::Serialize + ?Sized,
{
    manual_client().post(server.url(path)).header("Cookie", cookie).form(fields).send().await.expect("post")
}

/// The path with `?lang=` (or `&lang=`) added.
pub fn in_language(path: &str, language: &str) -> String {
    format!("{path}{}lang={language}", if path.contains('?') { "&" } else { "?" })
}

/// Starts the online submission of a procedure from its page; returns the draft's path and the form token.
pub async fn start_submission(server: &TestServer, cookie: &str, procedure: &str) -> (String, String) {
    let (_, _, page) = page_with(server, &format!("/thu-tuc/{procedure}"), cookie).await;
    let token = form_token(&page);
    let started = manual_client()
        .post(server.url("/nop-ho-so"))
        .header("Cookie", cookie)
        .form(&[("procedure", procedure), ("csrf", &token)])
        .send()
        .await
        .expect("start");
    assert_eq!(started.status().as_u16(), 303, "the submission of {procedure} starts");
    (location(&started), token)
}
