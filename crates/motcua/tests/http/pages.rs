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
        page.contains("phải có đúng 12 chữ số") && page.contains("aria-invalid=\"true\""),
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
    let unconfirmed = post(&format!("/ho-so-cua-toi/{code}/rut"), "", Some(&cookie)).await;
    assert_eq!(unconfirmed.status().as_u16(), 303);
    let (_, _, still) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(still.contains("Được tiếp nhận"), "nothing happens without the confirmation");
    let confirmed = post(&format!("/ho-so-cua-toi/{code}/rut"), "confirm=1", Some(&cookie)).await;
    assert_eq!(confirmed.status().as_u16(), 303);
    let (_, _, withdrawn) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(withdrawn.contains("Công dân yêu cầu rút hồ sơ") && !withdrawn.contains("/rut\""), "withdrawn");
    let (status, _, _) = page_with(server, "/ho-so-cua-toi/000.04.01.H29-991231-9999", &cookie).await;
    assert_eq!(status, 404);

    let out = post("/dang-xuat", "", Some(&cookie)).await;
    assert_eq!(out.status().as_u16(), 303);
    let gone = client.get(server.url("/ho-so-cua-toi")).header("Cookie", cookie).send().await.expect("get");
    assert_eq!(
        (gone.status().as_u16(), gone.headers()["location"].to_str().ok()),
        (303, Some("/dang-nhap")),
        "signed out"
    );
}

async fn page_with(server: &TestServer, path: &str, cookie: &str) -> (u16, reqwest::header::HeaderMap, String) {
    page(server, path, Some(cookie)).await
}
