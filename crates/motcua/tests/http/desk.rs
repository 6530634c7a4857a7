//! The desk and the back office through their pages: worklists, reception
//! at a counter, hand-overs, approval with the result, and return.

use crate::pages::{form_token, location, manual_client, page_with, post_step, session_cookie};
use crate::support::TestServer;

pub async fn officer_cookie(server: &TestServer, username: &str) -> String {
    officer_cookie_with(server, username, "motcua-demo").await
}

async fn officer_cookie_with(server: &TestServer, username: &str, password: &str) -> String {
    let signed = manual_client()
        .post(server.url("/can-bo/dang-nhap"))
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .expect("sign in");
    assert_eq!((signed.status().as_u16(), location(&signed)), (303, "/can-bo".to_owned()), "{username}");
    session_cookie(&signed).expect("session")
}

/// A small, well-formed one-page PDF.
fn pdf() -> Vec<u8> {
    motcua_testkit::uploads::good_pdf()
}

pub async fn desk_pages(server: &TestServer) {
    let wrong = manual_client()
        .post(server.url("/can-bo/dang-nhap"))
        .form(&[("username", "hn.badinh.tiepnhan"), ("password", "sai")])
        .send()
        .await
        .expect("sign in");
    assert_eq!(wrong.status().as_u16(), 422);
    let anonymous = manual_client().get(server.url("/can-bo")).send().await.expect("get");
    assert_eq!(location(&anonymous), "/can-bo/dang-nhap", "the desk needs an officer");

    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let (status, _, worklist) = page_with(server, "/can-bo", &intake).await;
    assert_eq!(status, 200);
    assert!(worklist.contains("aria-current=\"page\"") && worklist.contains("Chờ tiếp nhận"), "tabs with counts");
    let (_, _, process) = page_with(server, "/can-bo?tab=to_process", &intake).await;
    assert!(process.contains("<table>") || process.contains("Không có hồ sơ nào đang chờ."));
    for lang in ["en", "ar"] {
        let (status, _, other) = page_with(server, &format!("/can-bo?lang={lang}"), &intake).await;
        assert_eq!(status, 200);
        assert!(!other.contains("⟨missing text⟩"), "{lang}");
    }

    // Reception at the counter, for a registered citizen found by number.
    let (status, _, form) =
        page_with(server, "/can-bo/tiep-nhan?procedure=1.115504&id_number=001190000001", &intake).await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"got:"), "the documents to tick");
    let token = form_token(&form);
    let attempt_at = form.find("name=\"attempt\" value=\"").expect("attempt") + "name=\"attempt\" value=\"".len();
    let attempt = form[attempt_at..].split('"').next().unwrap_or_default().to_owned();
    let component_at = form.find("name=\"got:").expect("component") + "name=\"got:".len();
    let component = form[component_at..].split('"').next().unwrap_or_default().to_owned();
    let got = format!("got:{component}");
    let file = format!("file:{component}");
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("attempt", attempt.as_str()),
        ("procedure", "1.115504"),
        ("competent_agency", "000.04.01.H29"),
        ("id_number", "001190000001"),
        ("full_name", "Người dân thử"),
        ("phone", "0912345678"),
        ("address", "1 Phố Đội Cấn, Phường Ba Đình, Hà Nội"),
        ("request", "Xin xác nhận"),
        (got.as_str(), "1"),
        ("delivery", "counter"),
    ];
    let (status, _, refused) = post_step(server, &intake, "/can-bo/tiep-nhan", &fields, &[]).await;
    assert_eq!(status, 422, "no consent, no reception");
    assert!(refused.contains("role=\"alert\""));
    fields.push(("consent", "1"));
    let (status, received, _) =
        post_step(server, &intake, "/can-bo/tiep-nhan", &fields, &[(file.clone(), pdf())]).await;
    assert_eq!(status, 303);
    assert!(received.starts_with("/can-bo/ho-so/000.04.01.H29-"), "a code at once: {received}");
    let (status, again, _) = post_step(server, &intake, "/can-bo/tiep-nhan", &fields, &[(file.clone(), pdf())]).await;
    assert_eq!((status, again), (303, received.clone()), "the same form sent twice receives once");

    let (_, _, dossier) = page_with(server, &received, &intake).await;
    assert!(dossier.contains("value=\"hand_over:review\""), "the intake officer hands over to review");
    assert!(!dossier.contains("value=\"approve\""), "but does not approve");
    let act = format!("{received}/xu-ly");
    let (status, _, _) = post_step(
        server,
        &intake,
        &act,
        &[("csrf", &token), ("action", "hand_over:review"), ("to_officer", "hn.badinh.chuyenvien")],
        &[],
    )
    .await;
    assert_eq!(status, 303);

    let specialist = officer_cookie(server, "hn.badinh.chuyenvien").await;
    let code = received.trim_start_matches("/can-bo/ho-so/").to_owned();
    let (_, _, queue) = page_with(server, "/can-bo?tab=to_process", &specialist).await;
    assert!(queue.contains(&code), "on the specialist's worklist");
    let (_, _, seen) = page_with(server, &received, &specialist).await;
    let specialist_token = form_token(&seen);
    let (status, _, _) =
        post_step(server, &specialist, &act, &[("csrf", &specialist_token), ("action", "hand_over:approval")], &[])
            .await;
    assert_eq!(status, 303);

    let leader = officer_cookie(server, "hn.badinh.lanhdao").await;
    let (_, _, to_approve) = page_with(server, "/can-bo?tab=to_approve", &leader).await;
    assert!(to_approve.contains(&code), "on the leader's worklist");
    let (_, _, seen) = page_with(server, &received, &leader).await;
    let leader_token = form_token(&seen);
    let (status, _, mistake) =
        post_step(server, &leader, &act, &[("csrf", &leader_token), ("action", "refuse"), ("reason", "")], &[]).await;
    assert_eq!(status, 422, "a refusal needs its reason");
    assert!(mistake.contains("role=\"alert\""));
    let (status, _, _) = post_step(
        server,
        &leader,
        &act,
        &[("csrf", &leader_token), ("action", "approve")],
        &[("result".to_owned(), pdf())],
    )
    .await;
    assert_eq!(status, 303);

    let (_, _, to_return) = page_with(server, "/can-bo?tab=to_return", &intake).await;
    assert!(to_return.contains(&code));
    let (status, _, _) = post_step(server, &intake, &act, &[("csrf", &token), ("action", "return")], &[]).await;
    assert_eq!(status, 303);
    let (_, _, done) = page_with(server, &received, &intake).await;
    assert!(done.contains("Đã trả kết quả"), "returned, with its control slip");
    assert!(done.matches("<tr>").count() >= 5, "a control slip row per step");

    // The applicant heard of it: the notifier (the file outbox here) sent the
    // messages; the log says so with the contact masked, and no more.
    let told = server.wait_for_outbox("Đã trả kết quả hồ sơ");
    assert!(told.contains(&format!("Đã trả kết quả hồ sơ {code}")), "named by code: {told}");
    assert!(told.contains("đã được tiếp nhận"), "and of the reception");
    let delivered = server.log_lines_with("delivered to the file outbox");
    assert!(delivered.iter().any(|line| line.contains("*******678")), "contact masked: {delivered:?}");
    assert!(server.log_lines_with(&code).is_empty() && server.log_lines_with("Đã trả kết quả").is_empty());

    // Every slip the history can print, as PDF, in each language.
    assert!(done.contains(&format!("{received}/phieu/1\"")) && done.contains(&format!("{received}/phieu/6\"")));
    for (form, lang) in [(1, "vi"), (1, "ar"), (6, "en"), (6, "ar")] {
        let pdf = manual_client()
            .get(server.url(&format!("{received}/phieu/{form}?lang={lang}")))
            .header("Cookie", &intake)
            .send()
            .await
            .expect("pdf");
        assert_eq!(pdf.status().as_u16(), 200, "form {form} in {lang}");
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let bytes = pdf.bytes().await.expect("bytes");
        assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 1000, "form {form} in {lang}");
    }
    let (status, _, _) = page_with(server, &format!("{received}/phieu/3"), &intake).await;
    assert_eq!(status, 404, "no refusal, no form 03");
    let book = manual_client()
        .get(server.url("/can-bo/so-theo-doi?from=2026-01-01&to=2026-12-31"))
        .header("Cookie", &intake)
        .send()
        .await
        .expect("book");
    assert_eq!(book.status().as_u16(), 200);
    assert!(book.bytes().await.expect("bytes").starts_with(b"%PDF-"), "the tracking book");

    let forged = post_step(server, &intake, &act, &[("action", "return")], &[]).await;
    assert_eq!(forged.0, 403, "a form without the session's token changes nothing");

    // A post-office agent point receives for a present applicant; the dossier
    // is attributed to the agent point and goes to the competent agency.
    let clerk = officer_cookie(server, "hn.buudien").await;
    let (_, _, form) = page_with(server, "/can-bo/tiep-nhan?procedure=1.115504&id_number=001190000001", &clerk).await;
    assert!(form.contains("Điểm đại lý"), "the channel follows the service point");
    let clerk_token = form_token(&form);
    let fields = [
        ("csrf", clerk_token.as_str()),
        ("procedure", "1.115504"),
        ("competent_agency", "000.04.01.H29"),
        ("id_number", "001190000001"),
        ("full_name", "Người dân thử"),
        ("phone", "0912345678"),
        ("request", "Xin xác nhận"),
        ("delivery", "post"),
        ("post_address", "1 Phố Đội Cấn, Phường Ba Đình, Hà Nội"),
        ("consent", "1"),
    ];
    let (status, at_agent, _) = post_step(server, &clerk, "/can-bo/tiep-nhan", &fields, &[]).await;
    assert_eq!(status, 303);
    let agent_code = at_agent.trim_start_matches("/can-bo/ho-so/").to_owned();
    // The desk may also hand back a refusal (form 03) instead of receiving.
    let (_, _, form) = page_with(server, "/can-bo/tiep-nhan?procedure=1.115504", &intake).await;
    let refusal = [
        ("csrf", token.as_str()),
        ("procedure", "1.115504"),
        ("competent_agency", "000.04.01.H29"),
        ("id_number", "001190000001"),
        ("full_name", "Người dân thử"),
        ("phone", "0912345678"),
        ("request", "Xin xác nhận"),
        ("consent", "1"),
        ("decision", "refuse"),
        ("reason", ""),
    ];
    assert!(form.contains("value=\"refuse\""));
    let (status, _, _) = post_step(server, &intake, "/can-bo/tiep-nhan", &refusal, &[]).await;
    assert_eq!(status, 422, "a refusal needs its reason");
    let mut refusal = refusal.to_vec();
    refusal.pop();
    refusal.push(("reason", "Thủ tục không thuộc thẩm quyền (Điều 19 Nghị định 118/2025/NĐ-CP)"));
    let (status, refused, _) = post_step(server, &intake, "/can-bo/tiep-nhan", &refusal, &[]).await;
    assert_eq!(status, 303);
    let (_, _, refused_page) = page_with(server, &refused, &intake).await;
    assert!(refused_page.contains("Không được tiếp nhận") && refused_page.contains("/phieu/3\""), "form 03 to print");
    let form03 = manual_client()
        .get(server.url(&format!("{refused}/phieu/3")))
        .header("Cookie", &intake)
        .send()
        .await
        .expect("pdf");
    assert_eq!(form03.status().as_u16(), 200);

    let (_, _, here) = page_with(server, "/can-bo?tab=received_here", &clerk).await;
    assert!(here.contains(&agent_code) && here.contains("Điểm đại lý"), "what the agent point took in");
    let (_, _, at_counter) = page_with(server, "/can-bo?tab=received_here", &intake).await;
    assert!(!at_counter.contains(&agent_code), "the Ba Đình counter did not receive it");
    let specialist_queue = page_with(server, "/can-bo?tab=to_process", &specialist).await.2;
    assert!(specialist_queue.contains(&agent_code), "it goes to the competent agency's specialists");
}

/// Administration: officers and assignments, an outreach session with its
/// date and staff, and the calendar, all within the administrator's province.
pub async fn admin_pages(server: &TestServer) {
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let refused = manual_client().get(server.url("/quan-tri")).header("Cookie", &intake).send().await.expect("get");
    assert_eq!(location(&refused), "/can-bo/dang-nhap", "only administrators administer");

    let admin = officer_cookie(server, "quantri").await;
    let (status, _, officers) = page_with(server, "/quan-tri", &admin).await;
    assert_eq!(status, 200);
    assert!(officers.contains("hn.badinh.tiepnhan") && !officers.contains("hue.tiepnhan"), "the province's officers");
    let token = form_token(&officers);
    let post = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let request = manual_client().post(server.url(path)).header("Cookie", &admin).form(&fields);
        async move { request.send().await.expect("post") }
    };
    let session = vec![
        ("csrf", token.clone()),
        ("code", "HN-SS-LD-0612".to_owned()),
        ("name", "Buổi lưu động thôn Đông, Sóc Sơn".to_owned()),
        ("kind", "outreach_session".to_owned()),
        ("unit_code", "00376".to_owned()),
        ("address", "Nhà văn hóa thôn Đông, Xã Sóc Sơn".to_owned()),
        ("hours", "07:30-11:30".to_owned()),
        ("session_date", "2026-12-06".to_owned()),
    ];
    let mut undated = session.clone();
    undated.retain(|(name, _)| *name != "session_date");
    assert_eq!(post("/quan-tri/diem-tiep-nhan", undated).await.status().as_u16(), 422, "a session has a date");
    assert_eq!(post("/quan-tri/diem-tiep-nhan", session).await.status().as_u16(), 303);

    let officer = |username: &str, scope: &str| {
        vec![
            ("csrf", token.clone()),
            ("username", username.to_owned()),
            ("display_name", "Tình nguyện viên thôn Đông".to_owned()),
            ("role", "outreach_helper".to_owned()),
            ("scope_kind", "service_point".to_owned()),
            ("scope_code", scope.to_owned()),
            ("password", "mat-khau-dai-2026".to_owned()),
        ]
    };
    let bad = post("/quan-tri/can-bo", officer("Tên Có Dấu", "HN-SS-LD-0612")).await;
    assert_eq!(bad.status().as_u16(), 422);
    assert!(bad.text().await.expect("text").contains("chữ thường"), "the mistake in words");
    let elsewhere = post("/quan-tri/can-bo", officer("hn.ld.dong", "HUE-TTHCC")).await;
    assert_eq!(elsewhere.status().as_u16(), 422, "not a place of the administrator's province");
    let created = post("/quan-tri/can-bo", officer("hn.ld.dong", "HN-SS-LD-0612")).await;
    assert_eq!((created.status().as_u16(), location(&created)), (303, "/quan-tri".to_owned()));

    let (_, _, points) = page_with(server, "/quan-tri/diem-tiep-nhan", &admin).await;
    assert!(points.contains("06/12/2026") && points.contains("Tình nguyện viên thôn Đông"), "date and staff");
    let helper = officer_cookie_with(server, "hn.ld.dong", "mat-khau-dai-2026").await;
    let (_, _, form) = page_with(server, "/can-bo/tiep-nhan", &helper).await;
    assert!(form.contains("Lưu động"), "the session's staff receive as an outreach session");

    let reassign = vec![
        ("csrf", token.clone()),
        ("username", "hn.ld.dong".to_owned()),
        ("role", "intake_officer".to_owned()),
        ("scope_kind", "service_point".to_owned()),
        ("scope_code", "HN-BADINH".to_owned()),
    ];
    assert_eq!(post("/quan-tri/can-bo/phan-cong", reassign).await.status().as_u16(), 303);
    let (_, _, after) = page_with(server, "/quan-tri", &admin).await;
    assert!(after.contains("HN-BADINH"));
    let old = manual_client().get(server.url("/can-bo")).header("Cookie", &helper).send().await.expect("get");
    assert_eq!(location(&old), "/can-bo/dang-nhap", "new powers come with a new session: the old one ended");

    let day = |date: &str, kind: &str| {
        vec![
            ("csrf", token.clone()),
            ("date", date.to_owned()),
            ("name", "Ngày thử".to_owned()),
            ("kind", kind.to_owned()),
        ]
    };
    assert_eq!(post("/quan-tri/lich", day("2027-03-01", "working_saturday")).await.status().as_u16(), 422);
    assert_eq!(post("/quan-tri/lich", day("2027-03-03", "statutory")).await.status().as_u16(), 303);
    let (_, calendar) = server.get("/api/v1/calendar/2027").await;
    assert_eq!(calendar["source"], "official");
    assert!(calendar["days_off"].to_string().contains("2027-03-03"), "{calendar}");
    let removal = vec![("csrf", token.clone()), ("date", "2027-03-03".to_owned())];
    assert_eq!(post("/quan-tri/lich/xoa", removal).await.status().as_u16(), 303);
    let (_, calendar) = server.get("/api/v1/calendar/2027").await;
    assert!(!calendar["days_off"].to_string().contains("2027-03-03"));
    // A new agency of a commune of the province, and one of another province refused.
    let agency = |code: &str, unit: &str| {
        vec![
            ("csrf", token.clone()),
            ("code", code.to_owned()),
            ("name", "Công an Xã Sóc Sơn".to_owned()),
            ("kind", "commune_police".to_owned()),
            ("unit_code", unit.to_owned()),
        ]
    };
    assert_eq!(post("/quan-tri/co-quan", agency("000.376.02.H29", "19789")).await.status().as_u16(), 422);
    assert_eq!(post("/quan-tri/co-quan", agency("not a code", "00376")).await.status().as_u16(), 422);
    assert_eq!(post("/quan-tri/co-quan", agency("000.376.02.H29", "00376")).await.status().as_u16(), 303);
    let (_, agencies) = server.get("/api/v1/units/provinces/01/agencies").await;
    assert!(agencies.to_string().contains("000.376.02.H29"), "the new agency is listed");

    // How units offer a procedure: Hoàn Kiếm turns it off, Ba Đình sets its own time and fee.
    let setting = |unit: &str, enabled: &str, amount: &str, fee: &str| {
        vec![
            ("csrf", token.clone()),
            ("procedure_code", "1.115504".to_owned()),
            ("unit_code", unit.to_owned()),
            ("enabled", enabled.to_owned()),
            ("processing_amount", amount.to_owned()),
            ("processing_unit", "WORKING_DAY".to_owned()),
            ("fee_dong", fee.to_owned()),
        ]
    };
    assert_eq!(post("/quan-tri/thu-tuc", setting("19789", "1", "", "")).await.status().as_u16(), 404, "Huế's");
    assert_eq!(post("/quan-tri/thu-tuc", setting("00004", "1", "0", "")).await.status().as_u16(), 422);
    assert_eq!(post("/quan-tri/thu-tuc", setting("00070", "", "", "")).await.status().as_u16(), 303);
    let mut with_steps = setting("00004", "1", "2", "12.000");
    with_steps.push(("review_hours", "0".to_owned()));
    assert_eq!(post("/quan-tri/thu-tuc", with_steps.clone()).await.status().as_u16(), 422, "a step takes some time");
    with_steps.pop();
    with_steps.push(("review_hours", "4".to_owned()));
    with_steps.push(("approval_hours", "2".to_owned()));
    assert_eq!(post("/quan-tri/thu-tuc", with_steps).await.status().as_u16(), 303);
    let (_, _, listed) = page_with(server, "/quan-tri/thu-tuc", &admin).await;
    assert!(listed.contains("12000 đ"), "the settings are listed");
    let (_, _, reception) = page_with(server, "/can-bo/tiep-nhan?procedure=1.115504", &intake).await;
    assert!(
        reception.contains("Ủy ban nhân dân Phường Ba Đình") && !reception.contains("Ủy ban nhân dân Phường Hoàn Kiếm"),
        "a unit that turned the procedure off is not offered"
    );
    let officer_token = server.officer_token("hn.badinh.tiepnhan").await;
    let (status, dossier) = server
        .post(
            "/api/v1/dossiers",
            Some(&officer_token),
            &serde_json::json!({
                "procedure_code": "1.115504", "channel": "counter", "competent_agency": "000.04.01.H29",
                "service_point": "HN-BADINH", "applicant_consents": true,
                "applicant": { "id_number": "001190000001", "full_name": "Người dân thử", "phone": "0912345678" },
                "delivery": { "method": "counter", "service_point": "HN-BADINH" }
            }),
        )
        .await;
    assert_eq!(status, 201, "{dossier}");
    assert_eq!(dossier["processing_time"]["amount"], 2.0, "Ba Đình's own time");
    assert_eq!(dossier["fee_dong"], 12000, "and fee");
    let step_due = dossier["step_due_at"].as_str().expect("the review's own time");
    let due = dossier["due_at"].as_str().expect("due");
    assert!(step_due < due, "four working hours come before two working days: {step_due} {due}");

    for lang in ["en", "ar"] {
        for path in [
            "/quan-tri",
            "/quan-tri/co-quan",
            "/quan-tri/diem-tiep-nhan",
            "/quan-tri/lich?nam=2027",
            "/quan-tri/thu-tuc",
        ] {
            let (status, _, other) =
                page_with(server, &format!("{path}{}lang={lang}", if path.contains('?') { "&" } else { "?" }), &admin)
                    .await;
            assert_eq!(status, 200);
            assert!(!other.contains("⟨missing text⟩"), "{path} {lang}");
        }
    }
}

/// The other paths through the desk's pages: a supplement asked for and
/// handed in, a payment asked for and recorded, an extension with its
/// apology (form 04) and a stop (form 05), each printable.
pub async fn desk_paths(server: &TestServer) {
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let specialist = officer_cookie(server, "hn.badinh.chuyenvien").await;
    let leader = officer_cookie(server, "hn.badinh.lanhdao").await;
    let officer_token = server.officer_token("hn.badinh.tiepnhan").await;
    let receive = || async {
        let (status, dossier) = server
            .post(
                "/api/v1/dossiers",
                Some(&officer_token),
                &serde_json::json!({
                    "procedure_code": "1.115494", "channel": "counter", "competent_agency": "000.04.01.H29",
                    "service_point": "HN-BADINH", "applicant_consents": true,
                    "applicant": { "id_number": "001190000001", "full_name": "Người dân thử", "phone": "0912345678" },
                    "delivery": { "method": "counter", "service_point": "HN-BADINH" }
                }),
            )
            .await;
        assert_eq!(status, 201, "{dossier}");
        format!("/can-bo/ho-so/{}", dossier["code"].as_str().expect("code"))
    };
    let act = |cookie: String, path: String, fields: Vec<(&'static str, String)>, files: Vec<(String, Vec<u8>)>| async move {
        let (_, _, page) = page_with(server, &path, &cookie).await;
        let token = form_token(&page);
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let (status, _, body) = post_step(server, &cookie, &format!("{path}/xu-ly"), &all, &files).await;
        assert_eq!(status, 303, "{fields:?}: {body}");
        page_with(server, &path, &cookie).await.2
    };
    let pdf = |cookie: String, path: String| async move {
        let response = manual_client().get(server.url(&path)).header("Cookie", cookie).send().await.expect("pdf");
        (response.status().as_u16(), response.bytes().await.expect("bytes").starts_with(b"%PDF-"))
    };

    // A supplement: asked by the specialist, handed in at the counter.
    let first = receive().await;
    let asked = act(
        specialist.clone(),
        first.clone(),
        vec![("action", "request_supplement".into()), ("reason", "Bản sao giấy chứng nhận quyền sử dụng đất".into())],
        vec![],
    )
    .await;
    assert!(asked.contains("Yêu cầu bổ sung giấy tờ") && asked.contains("/phieu/2\""), "form 02");
    assert_eq!(pdf(specialist.clone(), format!("{first}/phieu/2")).await, (200, true));
    let back = act(
        intake.clone(),
        first.clone(),
        vec![("action", "supplement".into())],
        vec![("supplement".to_owned(), self::pdf())],
    )
    .await;
    assert!(back.contains("Đã bổ sung giấy tờ") && back.contains("bo-sung"), "the supplement, attached");

    // A payment: asked by the specialist, recorded at the counter.
    let paying = act(
        specialist.clone(),
        first.clone(),
        vec![("action", "request_payment".into()), ("amount_dong", "50000".into())],
        vec![],
    )
    .await;
    assert!(paying.contains("Yêu cầu thực hiện nghĩa vụ tài chính"));
    let paid = act(
        intake.clone(),
        first.clone(),
        vec![
            ("action", "pay".into()),
            ("amount_dong", "50000".into()),
            ("payment_method", "pos".into()),
            ("receipt_number", "BL-0007".into()),
        ],
        vec![],
    )
    .await;
    assert!(paid.contains("Đã nộp phí"));

    // An extension with its apology, then a stop, by the leader.
    let second = receive().await;
    let (_, _, seen) = page_with(server, &second, &leader).await;
    assert!(seen.contains("value=\"extend\"") && seen.contains("value=\"stop\""));
    let extended = act(
        leader.clone(),
        second.clone(),
        vec![
            ("action", "extend".into()),
            ("reason", "Chờ ý kiến của Sở Tài nguyên và Môi trường".into()),
            ("new_due", "2027-01-29T16:00".into()),
        ],
        vec![],
    )
    .await;
    assert!(extended.contains("29/01/2027 16:00"), "the new date");
    assert_eq!(pdf(leader.clone(), format!("{second}/phieu/4")).await, (200, true), "form 04");
    let stopped = act(
        leader.clone(),
        second.clone(),
        vec![("action", "stop".into()), ("reason", "Người nộp đề nghị dừng".into())],
        vec![],
    )
    .await;
    assert!(stopped.contains("Dừng xử lý"));
    assert_eq!(pdf(leader.clone(), format!("{second}/phieu/5")).await, (200, true), "form 05");
    let (status, _) = pdf(intake.clone(), format!("{second}/phieu/2")).await;
    assert_eq!(status, 404, "no supplement was asked for this one");
}
