//! The public pages: every page in the three languages, light, without
//! scripts, right to left in Arabic; search, nearest service points, lookup.

use serde_json::{Value, json};

use crate::support::TestServer;

async fn page(server: &TestServer, path: &str, cookie: Option<&str>) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = server.client.get(server.url(path)).header("Accept", "text/html");
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("text"))
}

pub async fn pages(server: &TestServer) {
    let paths = [
        "/",
        "/thu-tuc?q=dang%20ky%20tam%20tru",
        "/thu-tuc/1.004194?tinh=01&xa=00004",
        "/tra-cuu",
        "/dang-ky",
        "/dang-nhap",
    ];
    for path in paths {
        for (lang, dir) in [("vi", "ltr"), ("en", "ltr"), ("ar", "rtl")] {
            let with_lang = format!("{path}{}lang={lang}", if path.contains('?') { "&" } else { "?" });
            let (status, headers, body) = page(server, &with_lang, None).await;
            assert_eq!(status, 200, "{with_lang}");
            assert!(headers["content-type"].to_str().expect("type").starts_with("text/html"), "{with_lang}");
            assert!(body.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")), "{with_lang}");
            assert!(!body.contains("<script"), "{with_lang} works without JavaScript");
            assert!(!body.contains("⟨missing text⟩"), "{with_lang} has every text");
            assert!(body.len() < 100_000, "{with_lang} is light: {} bytes", body.len());
            assert!(body.contains("name=\"viewport\""), "{with_lang}");
            let cookie = headers["set-cookie"].to_str().expect("cookie");
            assert!(cookie.starts_with(&format!("motcua_lang={lang}")), "{with_lang}: the choice is remembered");
        }
    }
    let (_, _, remembered) = page(server, "/", Some("motcua_lang=ar")).await;
    assert!(remembered.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(remembered.contains("<bdi dir=\"ltr\">"), "numbers stay left to right");

    let (_, _, found) = page(server, "/thu-tuc?q=dang%20ky%20tam%20tru", None).await;
    assert!(found.contains("Đăng ký tạm trú"), "search without diacritics finds the accented name");
    let (_, _, filtered) = page(server, "/thu-tuc?q=ho%20tich&level=commune&full_online=1", None).await;
    assert!(filtered.contains("checked"), "the filters stay as chosen");

    let (_, _, procedure) = page(server, "/thu-tuc/1.004194?tinh=01&xa=00376#noi-nop", None).await;
    let first = procedure.find("Xã Sóc Sơn</h3>").or_else(|| procedure.find("Sóc Sơn")).expect("Sóc Sơn points");
    let far = procedure.find("Trung tâm Phục vụ hành chính công Phường Hoàn Kiếm").expect("Hoàn Kiếm centre");
    assert!(first < far, "the nearest service points come first");
    assert!(procedure.contains("<table>"), "time and fees per channel");

    let (status, headers, missing) = page(server, "/thu-tuc/9.999999", None).await;
    assert_eq!(status, 404);
    assert!(headers["content-type"].to_str().expect("type").starts_with("text/html"), "a friendly page, not JSON");
    assert!(missing.contains("Không tìm thấy"));

    // The public lookup, with a demo citizen's dossier.
    let (_, session) =
        server.post("/api/v1/sessions", None, &json!({ "id_number": "001190000001", "password": "motcua-demo" })).await;
    let token = session["token"].as_str().expect("token");
    let (_, mine) = server.get_as("/api/v1/dossiers?status=processing", token).await;
    let code =
        mine["items"].as_array().expect("items").iter().find_map(|d: &Value| d["code"].as_str()).expect("a code");
    let (_, _, looked) = page(server, &format!("/tra-cuu?code={code}&id_number=001190000001"), None).await;
    assert!(looked.contains("Đang xử lý"), "the status in plain words");
    assert!(looked.contains("Đã tiếp nhận hồ sơ"), "the history in plain words");
    let (_, _, wrong) = page(server, &format!("/tra-cuu?code={code}&id_number=079303123456"), None).await;
    assert!(wrong.contains("role=\"alert\"") && !wrong.contains("Đang xử lý"));
}

/// Registration, sign-in, "my dossiers" and sign-out through plain forms.
pub async fn account_pages(server: &TestServer) {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let post = |path: &str, body: &str, cookie: Option<&str>| {
        let mut request = client
            .post(server.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .body(body.to_owned());
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie.to_owned());
        }
        async move { request.send().await.expect("post") }
    };
    let session_of = |response: &reqwest::Response| {
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("motcua_session="))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
    };

    let refused = post(
        "/dang-ky",
        "id_number=123&full_name=Ng%C6%B0%E1%BB%9Di+d%C3%B9ng&phone=0912345678&password=mat-khau-dai",
        None,
    )
    .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.expect("text");
    assert!(
        page.contains("Phải có đúng 12 chữ số.") && page.contains("aria-invalid=\"true\""),
        "the mistake beside its field"
    );
    assert!(
        page.contains("value=\"0912345678\"") && !page.contains("mat-khau-dai"),
        "typed values kept, never the password"
    );

    let created = post(
        "/dang-ky",
        "id_number=001098765432&full_name=Ng%C6%B0%E1%BB%9Di+d%C3%B9ng&phone=0912345678&password=mat-khau-dai",
        None,
    )
    .await;
    assert_eq!(created.status().as_u16(), 303);
    assert_eq!(created.headers()["location"], "/ho-so-cua-toi");
    let cookie = session_of(&created).expect("signed in at once");
    let (status, _, mine) = page_with(server, "/ho-so-cua-toi", &cookie).await;
    assert_eq!(status, 200);
    assert!(mine.contains("Bạn chưa có hồ sơ nào."));

    let wrong = post("/dang-nhap", "id_number=001190000001&password=sai-mat-khau", None).await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(wrong.text().await.expect("text").contains("Số định danh hoặc mật khẩu chưa đúng."));
    let signed = post("/dang-nhap", "id_number=001190000001&password=motcua-demo", None).await;
    assert_eq!(signed.status().as_u16(), 303);
    let cookie = session_of(&signed).expect("session");
    let (_, _, mine) = page_with(server, "/ho-so-cua-toi?lang=en", &cookie).await;
    assert!(mine.contains("My dossiers") && mine.contains("being processed"), "the demo citizen's dossiers");
    // A dossier's page: history in plain words, and withdrawal after confirming.
    let (_, api_session) =
        server.post("/api/v1/sessions", None, &json!({ "id_number": "001190000001", "password": "motcua-demo" })).await;
    let (_, received) =
        server.get_as("/api/v1/dossiers?status=received", api_session["token"].as_str().expect("token")).await;
    let code = received["items"][0]["code"].as_str().expect("a received dossier").to_owned();
    let (status, _, own) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert_eq!(status, 200);
    assert!(
        own.contains("Đã tiếp nhận hồ sơ") && own.contains("/rut\""),
        "history in plain words, and the withdrawal form"
    );
    let token = form_token(&own);
    let forged = post(&format!("/ho-so-cua-toi/{code}/rut"), "confirm=1", Some(&cookie)).await;
    assert_eq!(forged.status().as_u16(), 403, "a form without the session's token changes nothing");
    let unconfirmed = post(&format!("/ho-so-cua-toi/{code}/rut"), &format!("csrf={token}"), Some(&cookie)).await;
    assert_eq!(unconfirmed.status().as_u16(), 303);
    let (_, _, still) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(still.contains("Được tiếp nhận"), "nothing happens without the confirmation");
    let confirmed =
        post(&format!("/ho-so-cua-toi/{code}/rut"), &format!("confirm=1&csrf={token}"), Some(&cookie)).await;
    assert_eq!(confirmed.status().as_u16(), 303);
    let (_, _, withdrawn) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(withdrawn.contains("Công dân yêu cầu rút hồ sơ") && !withdrawn.contains("/rut\""), "withdrawn");
    let (status, _, _) = page_with(server, "/ho-so-cua-toi/000.04.01.H29-991231-9999", &cookie).await;
    assert_eq!(status, 404);

    let (_, _, mine) = page_with(server, "/ho-so-cua-toi", &cookie).await;
    let out = post("/dang-xuat", &format!("csrf={}", form_token(&mine)), Some(&cookie)).await;
    assert_eq!(out.status().as_u16(), 303);
    let gone = client.get(server.url("/ho-so-cua-toi")).header("Cookie", cookie).send().await.expect("get");
    assert_eq!(
        (gone.status().as_u16(), gone.headers()["location"].to_str().ok()),
        (303, Some("/dang-nhap?next=%2Fho-so-cua-toi")),
        "signed out"
    );
}

pub async fn page_with(server: &TestServer, path: &str, cookie: &str) -> (u16, reqwest::header::HeaderMap, String) {
    page(server, path, Some(cookie)).await
}

/// The form token a page carries in its forms.
pub fn form_token(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a form token") + "name=\"csrf\" value=\"".len();
    html[start..].split('"').next().unwrap_or_default().to_owned()
}

/// A client that shows redirects instead of following them.
pub fn manual_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("motcua_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

async fn sign_in_page(server: &TestServer, id_number: &str, password: &str) -> reqwest::Response {
    manual_client()
        .post(server.url("/dang-nhap"))
        .form(&[("id_number", id_number), ("password", password), ("next", "/ho-so-cua-toi")])
        .send()
        .await
        .expect("sign in")
}

pub fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// Posts one step of the submission wizard as the browser does (multipart).
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

/// A small, well-formed one-page PDF.
fn pdf() -> Vec<u8> {
    motcua_testkit::uploads::good_pdf()
}

/// Submitting online through the wizard: draft, resume, documents, delivery,
/// review, one dossier however often "submit" is pressed, and the receipt.
pub async fn submission_pages(server: &TestServer) {
    let signed = sign_in_page(server, "031075000004", "motcua-demo").await;
    assert_eq!((signed.status().as_u16(), location(&signed)), (303, "/ho-so-cua-toi".to_owned()));
    let cookie = session_cookie(&signed).expect("session");
    let (_, api_session) =
        server.post("/api/v1/sessions", None, &json!({ "id_number": "031075000004", "password": "motcua-demo" })).await;
    let api_token = api_session["token"].as_str().expect("token").to_owned();
    let count = |token: String| async move {
        let (_, mine) = server.get_as("/api/v1/dossiers?per_page=100", &token).await;
        mine["items"].as_array().map(Vec::len).unwrap_or_default()
    };
    let before = count(api_token.clone()).await;

    let (_, _, procedure) = page_with(server, "/thu-tuc/1.004194", &cookie).await;
    assert!(procedure.contains("action=\"/nop-ho-so\""), "a signed-in citizen can start from the procedure");
    let (_, _, anonymous) = page(server, "/thu-tuc/1.004194", None).await;
    assert!(anonymous.contains("/dang-nhap?next="), "others are asked to sign in first");
    let token = form_token(&procedure);
    let client = manual_client();
    let forged = client
        .post(server.url("/nop-ho-so"))
        .header("Cookie", &cookie)
        .form(&[("procedure", "1.004194")])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status().as_u16(), 403);
    let started = client
        .post(server.url("/nop-ho-so"))
        .header("Cookie", &cookie)
        .form(&[("procedure", "1.004194"), ("csrf", &token)])
        .send()
        .await
        .expect("post");
    assert_eq!(started.status().as_u16(), 303);
    let draft = location(&started);
    assert!(draft.starts_with("/nop-ho-so/"), "{draft}");

    let (status, _, first) = page_with(server, &draft, &cookie).await;
    assert_eq!(status, 200);
    assert!(first.contains("aria-current=\"step\""), "the steps say where the applicant is");
    let (status, next, _) = post_step(
        server,
        &cookie,
        &draft,
        &[("csrf", &token), ("step", "1"), ("province_code", "01"), ("go", "next")],
        &[],
    )
    .await;
    assert_eq!((status, next), (303, format!("{draft}?buoc=1")), "a new province shows its agencies first");
    let (_, _, choose) = page_with(server, &format!("{draft}?buoc=1"), &cookie).await;
    assert!(choose.contains("Công an Phường Ba Đình"), "the police procedure goes to the police");
    assert!(!choose.contains(">Sở Tư pháp Thành phố Hà Nội<"), "agencies that do not fit are not offered");
    let step1 =
        [("csrf", token.as_str()), ("step", "1"), ("province_code", "01"), ("competent_agency", "000.04.02.H29")];
    let (status, next, _) = post_step(server, &cookie, &draft, &[&step1[..], &[("go", "next")]].concat(), &[]).await;
    assert_eq!((status, next.clone()), (303, format!("{draft}?buoc=2")));
    let (status, _, missing) =
        post_step(server, &cookie, &draft, &[("csrf", &token), ("step", "2"), ("address", ""), ("go", "next")], &[])
            .await;
    assert_eq!(status, 422);
    assert!(missing.contains("id=\"address-error\""), "the mistake beside its field");
    let step2 = [
        ("csrf", token.as_str()),
        ("step", "2"),
        ("address", "12 Phố Huế, Phường Hai Bà Trưng, Hà Nội"),
        ("request", "Đăng ký tạm trú tại nhà người thân"),
        ("go", "next"),
    ];
    let (status, next, _) = post_step(server, &cookie, &draft, &step2, &[]).await;
    assert_eq!((status, next), (303, format!("{draft}?buoc=3")));
    let (_, _, documents) = page_with(server, &format!("{draft}?buoc=3"), &cookie).await;
    let files: Vec<(String, Vec<u8>)> = documents
        .match_indices("name=\"file:")
        .map(|(at, _)| {
            let name = documents[at + 6..].split('"').next().unwrap_or_default().to_owned();
            (name, pdf())
        })
        .collect();
    let (status, next, _) =
        post_step(server, &cookie, &draft, &[("csrf", &token), ("step", "3"), ("go", "save")], &files).await;
    assert_eq!((status, next.as_str()), (303, "/ho-so-cua-toi"), "saved to finish later");
    let (_, _, mine) = page_with(server, "/ho-so-cua-toi", &cookie).await;
    assert!(mine.contains(&format!("href=\"{draft}\"")), "the draft is listed to resume");
    let (_, _, resumed) = page_with(server, &draft, &cookie).await;
    let expected_step = if files.is_empty() { "Giấy tờ kèm theo" } else { "Cách nhận kết quả" };
    assert!(resumed.contains(&format!("<h1>{expected_step}</h1>")), "resumes where the applicant stopped");
    let (status, next, _) = post_step(
        server,
        &cookie,
        &draft,
        &[
            ("csrf", &token),
            ("step", "4"),
            ("delivery", "post"),
            ("post_address", "12 Phố Huế, Phường Hai Bà Trưng, Hà Nội"),
            ("go", "next"),
        ],
        &[],
    )
    .await;
    assert_eq!((status, next), (303, format!("{draft}?buoc=5")));
    let (_, _, review) = page_with(server, &format!("{draft}?buoc=5"), &cookie).await;
    assert!(review.contains("Đăng ký tạm trú tại nhà người thân") && review.contains("Gửi qua bưu chính"));

    let submit = [("csrf", token.as_str()), ("step", "5"), ("go", "submit")];
    let (status, receipt, _) = post_step(server, &cookie, &draft, &submit, &[]).await;
    assert_eq!(status, 303);
    assert!(receipt.ends_with("/bien-nhan"), "{receipt}");
    let (status, again, _) = post_step(server, &cookie, &draft, &submit, &[]).await;
    assert_eq!((status, again), (303, receipt.clone()), "pressing submit again changes nothing");
    assert_eq!(count(api_token.clone()).await, before + 1, "one dossier");
    let (status, _, shown) = page_with(server, &receipt, &cookie).await;
    assert_eq!(status, 200);
    assert!(shown.contains("<svg role=\"img\" aria-label="), "the QR code, labelled");
    assert!(shown.contains("Hẹn trả dự kiến"), "the expected date while not yet received");
    for lang in ["en", "ar"] {
        let (status, _, other) = page_with(server, &format!("{receipt}?lang={lang}"), &cookie).await;
        assert_eq!(status, 200);
        assert!(!other.contains("⟨missing text⟩"), "{lang}");
    }

    // A supplement asked for by the agency, sent from the dossier's page.
    let (_, asked) = server.get_as("/api/v1/dossiers?status=supplement_requested", &api_token).await;
    let code = asked["items"][0]["code"].as_str().expect("the demo has a dossier waiting for a supplement");
    {
        let path = format!("/ho-so-cua-toi/{code}");
        let (_, _, own) = page_with(server, &path, &cookie).await;
        assert!(own.contains(&format!("action=\"{path}/bo-sung\"")), "the supplement form");
        let (status, _, empty) =
            post_step(server, &cookie, &format!("{path}/bo-sung"), &[("csrf", &token), ("note", "")], &[]).await;
        assert_eq!(status, 422);
        assert!(empty.contains("Xin đính kèm ít nhất một giấy tờ."), "said on the page");
        let (status, back, _) = post_step(
            server,
            &cookie,
            &format!("{path}/bo-sung"),
            &[("csrf", &token), ("note", "Bản chụp rõ hơn")],
            &[("file:bo-sung".to_owned(), pdf())],
        )
        .await;
        assert_eq!((status, back), (303, path.clone()));
        let (_, _, after) = page_with(server, &path, &cookie).await;
        assert!(after.contains("Đã bổ sung giấy tờ") && !after.contains("/bo-sung\""), "the clock runs again");
    }

    // A rating once the result was returned.
    let (_, returned) = server.get_as("/api/v1/dossiers?status=returned", &api_token).await;
    let code = returned["items"][0]["code"].as_str().expect("the demo has a returned dossier");
    {
        let path = format!("/ho-so-cua-toi/{code}");
        let rate = |fields: Vec<(&'static str, String)>| {
            let request = client.post(server.url(&format!("{path}/danh-gia"))).header("Cookie", &cookie).form(&fields);
            async move { request.send().await.expect("rate") }
        };
        let silent = rate(vec![("csrf", token.clone()), ("rating", "not_satisfied".into())]).await;
        assert_eq!(silent.status().as_u16(), 422);
        let silent = silent.text().await.expect("text");
        assert!(silent.contains("Xin cho biết điều gì chưa tốt."));
        assert!(silent.contains("value=\"not_satisfied\" required checked"), "the answer chosen is kept");
        let rated =
            rate(vec![("csrf", token.clone()), ("rating", "satisfied".into()), ("comment", "Nhanh".into())]).await;
        assert_eq!(rated.status().as_u16(), 303);
        let twice = rate(vec![("csrf", token.clone()), ("rating", "very_satisfied".into())]).await;
        assert_eq!(twice.status().as_u16(), 422, "rated once");
        let (_, _, after) = page_with(server, &path, &cookie).await;
        assert!(after.contains("Bạn đã đánh giá: Hài lòng"));
    }
}

/// Forgotten password: a one-time link through the notifier, the file
/// outbox here, as `motcua outbox show` prints it; never through the log.
pub async fn password_reset(server: &TestServer) {
    let client = manual_client();
    let ask = |id_number: &'static str| {
        let request = client.post(server.url("/quen-mat-khau")).form(&[("id_number", id_number)]);
        async move { request.send().await.expect("ask") }
    };
    let malformed = ask("12345").await;
    assert_eq!(malformed.status().as_u16(), 422);
    let unknown = ask("079303123456").await;
    let unknown_text = unknown.text().await.expect("text");
    let known = ask("046085000002").await;
    assert_eq!(known.status().as_u16(), 200);
    assert_eq!(known.text().await.expect("text"), unknown_text, "the same answer, registered or not");
    let shown = server.wait_for_outbox("/dat-lai-mat-khau/");
    let at = shown.rfind("/dat-lai-mat-khau/").expect("path");
    let path: String =
        shown[at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '-').collect();
    let link = shown[..at].rsplit(' ').next().expect("link").to_owned() + &path;
    assert_eq!(link, server.url(&path), "a whole link to this server");
    let token = path.trim_start_matches("/dat-lai-mat-khau/");
    assert!(token.len() >= 32, "a token: {path}");
    // The log says a message went to the outbox, to a masked contact, and
    // carries neither the link, nor its token, nor the number asked about.
    assert!(!server.log_lines_with("delivered to the file outbox").is_empty(), "the delivery is logged");
    for secret in [token, "/dat-lai-mat-khau/", "046085000002"] {
        assert_eq!(server.log_lines_with(secret), Vec::<String>::new(), "the log carries {secret:?}");
    }
    let (status, _, form) = page(server, &path, None).await;
    assert_eq!(status, 200);
    assert!(form.contains("autocomplete=\"new-password\""));
    let short = client.post(server.url(&path)).form(&[("password", "ngan")]).send().await.expect("post");
    assert_eq!(short.status().as_u16(), 422);
    let changed = client.post(server.url(&path)).form(&[("password", "mat-khau-moi-2026")]).send().await.expect("post");
    assert_eq!(changed.status().as_u16(), 200);
    assert_eq!(sign_in_page(server, "046085000002", "motcua-demo").await.status().as_u16(), 422, "old password");
    assert_eq!(sign_in_page(server, "046085000002", "mat-khau-moi-2026").await.status().as_u16(), 303);
    let (status, _, _) = page(server, &path, None).await;
    assert_eq!(status, 410, "the link works once");
}
