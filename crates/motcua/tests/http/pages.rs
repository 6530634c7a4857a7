//! The public and the citizens' pages: every page in the three languages,
//! light, without scripts, right to left in Arabic; search, nearest service
//! points, lookup; registration, sign-in, "my dossiers", withdrawal and
//! sign-out through plain forms; the submission wizard, supplements and
//! ratings; a forgotten password.

use motcua_testkit::uploads::good_pdf;
use serde_json::Value;

use crate::support::browser::{
    citizen_cookie, form_token, in_language, location, manual_client, page, page_with, post_step, session_cookie,
    sign_in_page, start_submission,
};
use crate::support::{DEMO_PASSWORD, TestServer, on_both_backends};

on_both_backends!(
    every_public_page_speaks_three_languages_without_scripts,
    search_keeps_its_filters_and_the_nearest_points_come_first,
    a_missing_procedure_is_a_friendly_page,
    the_public_lookup_page_speaks_plain_words,
    a_citizen_registers_through_the_form,
    a_citizen_signs_in_and_withdraws_a_dossier_after_confirming,
    signing_out_ends_the_session,
    the_wizard_submits_once_and_gives_a_receipt,
    a_supplement_is_sent_from_the_dossiers_page,
    a_returned_dossier_is_rated_once,
    a_forgotten_password_is_reset_through_a_one_time_link,
);

/// The demo citizen of Hà Nội with dossiers in every status.
const HANOI_CITIZEN: &str = "001190000001";
/// The demo citizen of Huế whose dossiers the wizard's tests use.
const HUE_CITIZEN: &str = "031075000004";

async fn every_public_page_speaks_three_languages_without_scripts(server: &TestServer) {
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
            let with_lang = in_language(path, lang);
            let (status, headers, body) = page(server, &with_lang, None).await;
            assert_eq!(status, 200, "{with_lang}");
            assert!(headers["content-type"].to_str().expect("type").starts_with("text/html"), "{with_lang}");
            assert!(body.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")), "{with_lang}");
            assert!(!body.contains("<script"), "{with_lang} works without JavaScript");
            server.assert_every_text_formatted(&format!("{with_lang} has every text"));
            assert!(body.len() < 100_000, "{with_lang} is light: {} bytes", body.len());
            assert!(body.contains("name=\"viewport\""), "{with_lang}");
            let cookie = headers["set-cookie"].to_str().expect("cookie");
            assert!(cookie.starts_with(&format!("motcua_lang={lang}")), "{with_lang}: the choice is remembered");
        }
    }
    let (_, _, remembered) = page(server, "/", Some("motcua_lang=ar")).await;
    assert!(remembered.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(remembered.contains("<bdi dir=\"ltr\">"), "numbers stay left to right");
}

async fn search_keeps_its_filters_and_the_nearest_points_come_first(server: &TestServer) {
    let (_, _, found) = page(server, "/thu-tuc?q=dang%20ky%20tam%20tru", None).await;
    assert!(found.contains("Đăng ký tạm trú"), "search without diacritics finds the accented name");
    let (_, _, filtered) = page(server, "/thu-tuc?q=ho%20tich&level=commune&full_online=1", None).await;
    assert!(filtered.contains("checked"), "the filters stay as chosen");

    let (_, _, procedure) = page(server, "/thu-tuc/1.004194?tinh=01&xa=00376#noi-nop", None).await;
    let first = procedure.find("Xã Sóc Sơn</h3>").or_else(|| procedure.find("Sóc Sơn")).expect("Sóc Sơn points");
    let far = procedure.find("Trung tâm Phục vụ hành chính công Phường Hoàn Kiếm").expect("Hoàn Kiếm centre");
    assert!(first < far, "the nearest service points come first");
    assert!(procedure.contains("<table>"), "time and fees per channel");
}

async fn a_missing_procedure_is_a_friendly_page(server: &TestServer) {
    let (status, headers, missing) = page(server, "/thu-tuc/9.999999", None).await;
    assert_eq!(status, 404);
    assert!(headers["content-type"].to_str().expect("type").starts_with("text/html"), "a friendly page, not JSON");
    assert!(missing.contains("Không tìm thấy"));
}

/// The public lookup, with a demo citizen's dossier.
async fn the_public_lookup_page_speaks_plain_words(server: &TestServer) {
    let token = server.citizen_token(HANOI_CITIZEN, DEMO_PASSWORD).await;
    let (_, mine) = server.get_as("/api/v1/dossiers?status=processing", &token).await;
    let code =
        mine["items"].as_array().expect("items").iter().find_map(|d: &Value| d["code"].as_str()).expect("a code");
    let (_, _, looked) = page(server, &format!("/tra-cuu?code={code}&id_number={HANOI_CITIZEN}"), None).await;
    assert!(looked.contains("Đang xử lý"), "the status in plain words");
    assert!(looked.contains("Đã tiếp nhận hồ sơ"), "the history in plain words");
    let (_, _, wrong) = page(server, &format!("/tra-cuu?code={code}&id_number=079303123456"), None).await;
    assert!(wrong.contains("role=\"alert\"") && !wrong.contains("Đang xử lý"));
}

/// Posts a URL-encoded form as a browser asking for a page, without following redirects.
async fn post_page(server: &TestServer, path: &str, body: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = manual_client()
        .post(server.url(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .body(body.to_owned());
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie.to_owned());
    }
    request.send().await.expect("post")
}

/// Registration through the plain form: a mistake beside its field, then an account signed in at once.
async fn a_citizen_registers_through_the_form(server: &TestServer) {
    let refused = post_page(
        server,
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

    let created = post_page(
        server,
        "/dang-ky",
        "id_number=001098765432&full_name=Ng%C6%B0%E1%BB%9Di+d%C3%B9ng&phone=0912345678&password=mat-khau-dai",
        None,
    )
    .await;
    assert_eq!(created.status().as_u16(), 303);
    assert_eq!(created.headers()["location"], "/ho-so-cua-toi");
    let cookie = session_cookie(&created).expect("signed in at once");
    let (status, _, mine) = page_with(server, "/ho-so-cua-toi", &cookie).await;
    assert_eq!(status, 200);
    assert!(mine.contains("Bạn chưa có hồ sơ nào."));
}

/// Sign-in, "my dossiers", and a dossier's page: history in plain words,
/// and withdrawal only after confirming.
async fn a_citizen_signs_in_and_withdraws_a_dossier_after_confirming(server: &TestServer) {
    let wrong = post_page(server, "/dang-nhap", "id_number=001190000001&password=sai-mat-khau", None).await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(wrong.text().await.expect("text").contains("Số định danh hoặc mật khẩu chưa đúng."));
    let signed = post_page(server, "/dang-nhap", "id_number=001190000001&password=motcua-demo", None).await;
    assert_eq!(signed.status().as_u16(), 303);
    let cookie = session_cookie(&signed).expect("session");
    let (_, _, mine) = page_with(server, "/ho-so-cua-toi?lang=en", &cookie).await;
    assert!(mine.contains("My dossiers") && mine.contains("being processed"), "the demo citizen's dossiers");

    let token = server.citizen_token(HANOI_CITIZEN, DEMO_PASSWORD).await;
    let (_, received) = server.get_as("/api/v1/dossiers?status=received", &token).await;
    let code = received["items"][0]["code"].as_str().expect("a received dossier").to_owned();
    let (status, _, own) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert_eq!(status, 200);
    assert!(
        own.contains("Đã tiếp nhận hồ sơ") && own.contains("/rut\""),
        "history in plain words, and the withdrawal form"
    );
    let form = form_token(&own);
    let withdraw = format!("/ho-so-cua-toi/{code}/rut");
    let forged = post_page(server, &withdraw, "confirm=1", Some(&cookie)).await;
    assert_eq!(forged.status().as_u16(), 403, "a form without the session's token changes nothing");
    let unconfirmed = post_page(server, &withdraw, &format!("csrf={form}"), Some(&cookie)).await;
    assert_eq!(unconfirmed.status().as_u16(), 303);
    let (_, _, still) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(still.contains("Được tiếp nhận"), "nothing happens without the confirmation");
    let confirmed = post_page(server, &withdraw, &format!("confirm=1&csrf={form}"), Some(&cookie)).await;
    assert_eq!(confirmed.status().as_u16(), 303);
    let (_, _, withdrawn) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(withdrawn.contains("Công dân yêu cầu rút hồ sơ") && !withdrawn.contains("/rut\""), "withdrawn");
    let (status, _, _) = page_with(server, "/ho-so-cua-toi/000.04.01.H29-991231-9999", &cookie).await;
    assert_eq!(status, 404);
}

async fn signing_out_ends_the_session(server: &TestServer) {
    let cookie = citizen_cookie(server, HANOI_CITIZEN, DEMO_PASSWORD).await;
    let (_, _, mine) = page_with(server, "/ho-so-cua-toi", &cookie).await;
    let out = post_page(server, "/dang-xuat", &format!("csrf={}", form_token(&mine)), Some(&cookie)).await;
    assert_eq!(out.status().as_u16(), 303);
    let gone = manual_client().get(server.url("/ho-so-cua-toi")).header("Cookie", cookie).send().await.expect("get");
    assert_eq!(
        (gone.status().as_u16(), gone.headers()["location"].to_str().ok()),
        (303, Some("/dang-nhap?next=%2Fho-so-cua-toi")),
        "signed out"
    );
}

/// Submitting online through the wizard: draft, resume, documents, delivery,
/// review, one dossier however often "submit" is pressed, and the receipt.
async fn the_wizard_submits_once_and_gives_a_receipt(server: &TestServer) {
    let signed = sign_in_page(server, HUE_CITIZEN, DEMO_PASSWORD).await;
    assert_eq!((signed.status().as_u16(), location(&signed)), (303, "/ho-so-cua-toi".to_owned()));
    let cookie = session_cookie(&signed).expect("session");
    let api_token = server.citizen_token(HUE_CITIZEN, DEMO_PASSWORD).await;
    let count = |token: String| async move {
        let (_, mine) = server.get_as("/api/v1/dossiers?per_page=100", &token).await;
        mine["items"].as_array().map(Vec::len).unwrap_or_default()
    };
    let before = count(api_token.clone()).await;

    let (_, _, procedure) = page_with(server, "/thu-tuc/1.004194", &cookie).await;
    assert!(procedure.contains("action=\"/nop-ho-so\""), "a signed-in citizen can start from the procedure");
    let (_, _, anonymous) = page(server, "/thu-tuc/1.004194", None).await;
    assert!(anonymous.contains("/dang-nhap?next="), "others are asked to sign in first");
    let forged = manual_client()
        .post(server.url("/nop-ho-so"))
        .header("Cookie", &cookie)
        .form(&[("procedure", "1.004194")])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status().as_u16(), 403);
    let (draft, token) = start_submission(server, &cookie, "1.004194").await;
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
            (name, good_pdf())
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
        assert!(other.contains(&format!("<html lang=\"{lang}\"")), "in the language asked for");
        server.assert_every_text_formatted(lang);
    }
}

/// A supplement asked for by the agency, sent from the dossier's page.
async fn a_supplement_is_sent_from_the_dossiers_page(server: &TestServer) {
    let cookie = citizen_cookie(server, HUE_CITIZEN, DEMO_PASSWORD).await;
    let api_token = server.citizen_token(HUE_CITIZEN, DEMO_PASSWORD).await;
    let (_, asked) = server.get_as("/api/v1/dossiers?status=supplement_requested", &api_token).await;
    let code = asked["items"][0]["code"].as_str().expect("the demo has a dossier waiting for a supplement");
    let path = format!("/ho-so-cua-toi/{code}");
    let (_, _, own) = page_with(server, &path, &cookie).await;
    assert!(own.contains(&format!("action=\"{path}/bo-sung\"")), "the supplement form");
    let token = form_token(&own);
    let (status, _, empty) =
        post_step(server, &cookie, &format!("{path}/bo-sung"), &[("csrf", &token), ("note", "")], &[]).await;
    assert_eq!(status, 422);
    assert!(empty.contains("Xin đính kèm ít nhất một giấy tờ."), "said on the page");
    let (status, back, _) = post_step(
        server,
        &cookie,
        &format!("{path}/bo-sung"),
        &[("csrf", &token), ("note", "Bản chụp rõ hơn")],
        &[("file:bo-sung".to_owned(), good_pdf())],
    )
    .await;
    assert_eq!((status, back), (303, path.clone()));
    let (_, _, after) = page_with(server, &path, &cookie).await;
    assert!(after.contains("Đã bổ sung giấy tờ") && !after.contains("/bo-sung\""), "the clock runs again");
}

/// A rating once the result was returned.
async fn a_returned_dossier_is_rated_once(server: &TestServer) {
    let cookie = citizen_cookie(server, HUE_CITIZEN, DEMO_PASSWORD).await;
    let api_token = server.citizen_token(HUE_CITIZEN, DEMO_PASSWORD).await;
    let (_, returned) = server.get_as("/api/v1/dossiers?status=returned", &api_token).await;
    let code = returned["items"][0]["code"].as_str().expect("the demo has a returned dossier");
    let path = format!("/ho-so-cua-toi/{code}");
    let (_, _, own) = page_with(server, &path, &cookie).await;
    let token = form_token(&own);
    let rate = |fields: Vec<(&'static str, String)>| {
        let request =
            manual_client().post(server.url(&format!("{path}/danh-gia"))).header("Cookie", &cookie).form(&fields);
        async move { request.send().await.expect("rate") }
    };
    let silent = rate(vec![("csrf", token.clone()), ("rating", "not_satisfied".into())]).await;
    assert_eq!(silent.status().as_u16(), 422);
    let silent = silent.text().await.expect("text");
    assert!(silent.contains("Xin cho biết điều gì chưa tốt."));
    assert!(silent.contains("value=\"not_satisfied\" required checked"), "the answer chosen is kept");
    let rated = rate(vec![("csrf", token.clone()), ("rating", "satisfied".into()), ("comment", "Nhanh".into())]).await;
    assert_eq!(rated.status().as_u16(), 303);
    let twice = rate(vec![("csrf", token.clone()), ("rating", "very_satisfied".into())]).await;
    assert_eq!(twice.status().as_u16(), 422, "rated once");
    let (_, _, after) = page_with(server, &path, &cookie).await;
    assert!(after.contains("Bạn đã đánh giá: Hài lòng"));
}

/// Forgotten password: a one-time link through the notifier, the file
/// outbox here, as `motcua outbox show` prints it; never through the log.
async fn a_forgotten_password_is_reset_through_a_one_time_link(server: &TestServer) {
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
    assert_eq!(sign_in_page(server, "046085000002", DEMO_PASSWORD).await.status().as_u16(), 422, "old password");
    assert_eq!(sign_in_page(server, "046085000002", "mat-khau-moi-2026").await.status().as_u16(), 303);
    let (status, _, _) = page(server, &path, None).await;
    assert_eq!(status, 410, "the link works once");
}
