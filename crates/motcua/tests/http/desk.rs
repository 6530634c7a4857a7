//! The desk and the back office through their pages: worklists, reception
//! at a counter, hand-overs, approval with the result, and return; the other
//! paths (supplement, payment, extension, stop); the administration.

use motcua_testkit::uploads::good_pdf;

use crate::support::browser::{
    form_token, in_language, location, manual_client, officer_cookie, officer_cookie_with, page_with, post_form,
    post_step, text_after,
};
use crate::support::{TestServer, on_both_backends};

on_both_backends!(
    the_desk_needs_an_officer_and_shows_its_tabs,
    a_dossier_goes_through_the_desk_from_reception_to_return,
    the_applicant_hears_of_it_and_the_log_masks_the_contact,
    every_slip_the_history_can_print_is_a_pdf_in_each_language,
    an_agent_point_receives_for_a_present_applicant,
    the_desk_hands_back_a_refusal_with_form_03,
    only_administrators_administer,
    an_outreach_session_gets_its_date_and_staff,
    the_administrator_sets_and_removes_a_day_off,
    the_administrator_adds_an_agency_of_the_province_only,
    units_offer_a_procedure_their_own_way,
    the_administration_speaks_three_languages,
    a_supplement_and_a_payment_through_the_desk,
    an_extension_with_its_apology_and_a_stop,
);

async fn the_desk_needs_an_officer_and_shows_its_tabs(server: &TestServer) {
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
        assert!(other.contains(&format!("<html lang=\"{lang}\"")), "in the language asked for");
        server.assert_every_text_formatted(lang);
    }
}

/// A dossier taken from the counter to its return through the desk's pages.
struct ThroughTheDesk {
    /// `/can-bo/ho-so/<code>`.
    path: String,
    code: String,
    /// The Ba Đình intake officer's session cookie.
    intake: String,
    /// The page of the returned dossier.
    done: String,
}

/// Reception at the counter for a registered citizen found by number,
/// hand-over to a named specialist, to the leader, approval with the
/// result, and return, each through the desk's forms.
async fn through_the_desk(server: &TestServer) -> ThroughTheDesk {
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let (status, _, form) =
        page_with(server, "/can-bo/tiep-nhan?procedure=1.115504&id_number=001190000001", &intake).await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"got:"), "the documents to tick");
    let token = form_token(&form);
    let attempt = text_after(&form, "name=\"attempt\" value=\"").to_owned();
    let component = text_after(&form, "name=\"got:").to_owned();
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
        post_step(server, &intake, "/can-bo/tiep-nhan", &fields, &[(file.clone(), good_pdf())]).await;
    assert_eq!(status, 303);
    assert!(received.starts_with("/can-bo/ho-so/000.04.01.H29-"), "a code at once: {received}");
    let (status, again, _) =
        post_step(server, &intake, "/can-bo/tiep-nhan", &fields, &[(file.clone(), good_pdf())]).await;
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
        &[("result".to_owned(), good_pdf())],
    )
    .await;
    assert_eq!(status, 303);

    let (_, _, to_return) = page_with(server, "/can-bo?tab=to_return", &intake).await;
    assert!(to_return.contains(&code));
    let (status, _, _) = post_step(server, &intake, &act, &[("csrf", &token), ("action", "return")], &[]).await;
    assert_eq!(status, 303);
    let (_, _, done) = page_with(server, &received, &intake).await;
    ThroughTheDesk { path: received, code, intake, done }
}

async fn a_dossier_goes_through_the_desk_from_reception_to_return(server: &TestServer) {
    let through = through_the_desk(server).await;
    assert!(through.done.contains("Đã trả kết quả"), "returned, with its control slip");
    assert!(through.done.matches("<tr>").count() >= 5, "a control slip row per step");
    let act = format!("{}/xu-ly", through.path);
    let forged = post_step(server, &through.intake, &act, &[("action", "return")], &[]).await;
    assert_eq!(forged.0, 403, "a form without the session's token changes nothing");
}

/// The applicant heard of it: the notifier (the file outbox here) sent the
/// messages; the log says so with the contact masked, and no more.
async fn the_applicant_hears_of_it_and_the_log_masks_the_contact(server: &TestServer) {
    let ThroughTheDesk { code, .. } = through_the_desk(server).await;
    let told = server.wait_for_outbox("Đã trả kết quả hồ sơ");
    assert!(told.contains(&format!("Đã trả kết quả hồ sơ {code}")), "named by code: {told}");
    assert!(told.contains("đã được tiếp nhận"), "and of the reception");
    let delivered = server.log_lines_with("delivered to the file outbox");
    assert!(delivered.iter().any(|line| line.contains("*******678")), "contact masked: {delivered:?}");
    assert!(server.log_lines_with(&code).is_empty() && server.log_lines_with("Đã trả kết quả").is_empty());
}

/// Every slip the history can print, as PDF, in each language; the tracking book.
async fn every_slip_the_history_can_print_is_a_pdf_in_each_language(server: &TestServer) {
    let ThroughTheDesk { path, intake, done, .. } = through_the_desk(server).await;
    assert!(done.contains(&format!("{path}/phieu/1\"")) && done.contains(&format!("{path}/phieu/6\"")));
    for (form, lang) in [(1, "vi"), (1, "ar"), (6, "en"), (6, "ar")] {
        let pdf = manual_client()
            .get(server.url(&format!("{path}/phieu/{form}?lang={lang}")))
            .header("Cookie", &intake)
            .send()
            .await
            .expect("pdf");
        assert_eq!(pdf.status().as_u16(), 200, "form {form} in {lang}");
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let bytes = pdf.bytes().await.expect("bytes");
        assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 1000, "form {form} in {lang}");
    }
    let (status, _, _) = page_with(server, &format!("{path}/phieu/3"), &intake).await;
    assert_eq!(status, 404, "no refusal, no form 03");
    let book = manual_client()
        .get(server.url("/can-bo/so-theo-doi?from=2026-01-01&to=2026-12-31"))
        .header("Cookie", &intake)
        .send()
        .await
        .expect("book");
    assert_eq!(book.status().as_u16(), 200);
    assert!(book.bytes().await.expect("bytes").starts_with(b"%PDF-"), "the tracking book");
}

/// A post-office agent point receives for a present applicant; the dossier
/// is attributed to the agent point and goes to the competent agency.
async fn an_agent_point_receives_for_a_present_applicant(server: &TestServer) {
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
    let (_, _, here) = page_with(server, "/can-bo?tab=received_here", &clerk).await;
    assert!(here.contains(&agent_code) && here.contains("Điểm đại lý"), "what the agent point took in");
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let (_, _, at_counter) = page_with(server, "/can-bo?tab=received_here", &intake).await;
    assert!(!at_counter.contains(&agent_code), "the Ba Đình counter did not receive it");
    let specialist = officer_cookie(server, "hn.badinh.chuyenvien").await;
    let specialist_queue = page_with(server, "/can-bo?tab=to_process", &specialist).await.2;
    assert!(specialist_queue.contains(&agent_code), "it goes to the competent agency's specialists");
}

/// The desk may also hand back a refusal (form 03) instead of receiving.
async fn the_desk_hands_back_a_refusal_with_form_03(server: &TestServer) {
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let (_, _, form) = page_with(server, "/can-bo/tiep-nhan?procedure=1.115504", &intake).await;
    let token = form_token(&form);
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
}

/// The city's administrator signed in: the session cookie and its form token.
async fn administrator(server: &TestServer) -> (String, String) {
    let admin = officer_cookie(server, "quantri").await;
    let (status, _, officers) = page_with(server, "/quan-tri", &admin).await;
    assert_eq!(status, 200);
    let token = form_token(&officers);
    (admin, token)
}

async fn only_administrators_administer(server: &TestServer) {
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let refused = manual_client().get(server.url("/quan-tri")).header("Cookie", &intake).send().await.expect("get");
    assert_eq!(location(&refused), "/can-bo/dang-nhap", "only administrators administer");
    let admin = officer_cookie(server, "quantri").await;
    let (status, _, officers) = page_with(server, "/quan-tri", &admin).await;
    assert_eq!(status, 200);
    assert!(officers.contains("hn.badinh.tiepnhan") && !officers.contains("hue.tiepnhan"), "the province's officers");
}

/// An outreach session with its date and staff, within the administrator's
/// province; a new assignment ends the officer's sessions.
async fn an_outreach_session_gets_its_date_and_staff(server: &TestServer) {
    let (admin, token) = administrator(server).await;
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
    let saved = post_form(server, &admin, "/quan-tri/diem-tiep-nhan", &undated).await;
    assert_eq!(saved.status().as_u16(), 422, "a session has a date");
    assert_eq!(post_form(server, &admin, "/quan-tri/diem-tiep-nhan", &session).await.status().as_u16(), 303);

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
    let bad = post_form(server, &admin, "/quan-tri/can-bo", &officer("Tên Có Dấu", "HN-SS-LD-0612")).await;
    assert_eq!(bad.status().as_u16(), 422);
    assert!(bad.text().await.expect("text").contains("chữ thường"), "the mistake in words");
    let elsewhere = post_form(server, &admin, "/quan-tri/can-bo", &officer("hn.ld.dong", "HUE-TTHCC")).await;
    assert_eq!(elsewhere.status().as_u16(), 422, "not a place of the administrator's province");
    let created = post_form(server, &admin, "/quan-tri/can-bo", &officer("hn.ld.dong", "HN-SS-LD-0612")).await;
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
    assert_eq!(post_form(server, &admin, "/quan-tri/can-bo/phan-cong", &reassign).await.status().as_u16(), 303);
    let (_, _, after) = page_with(server, "/quan-tri", &admin).await;
    assert!(after.contains("HN-BADINH"));
    let old = manual_client().get(server.url("/can-bo")).header("Cookie", &helper).send().await.expect("get");
    assert_eq!(location(&old), "/can-bo/dang-nhap", "new powers come with a new session: the old one ended");
}

async fn the_administrator_sets_and_removes_a_day_off(server: &TestServer) {
    let (admin, token) = administrator(server).await;
    let day = |date: &str, kind: &str| {
        vec![
            ("csrf", token.clone()),
            ("date", date.to_owned()),
            ("name", "Ngày thử".to_owned()),
            ("kind", kind.to_owned()),
        ]
    };
    let saturday = post_form(server, &admin, "/quan-tri/lich", &day("2027-03-01", "working_saturday")).await;
    assert_eq!(saturday.status().as_u16(), 422);
    let statutory = post_form(server, &admin, "/quan-tri/lich", &day("2027-03-03", "statutory")).await;
    assert_eq!(statutory.status().as_u16(), 303);
    let (_, calendar) = server.get("/api/v1/calendar/2027").await;
    assert_eq!(calendar["source"], "official");
    assert!(calendar["days_off"].to_string().contains("2027-03-03"), "{calendar}");
    let removal = vec![("csrf", token.clone()), ("date", "2027-03-03".to_owned())];
    assert_eq!(post_form(server, &admin, "/quan-tri/lich/xoa", &removal).await.status().as_u16(), 303);
    let (_, calendar) = server.get("/api/v1/calendar/2027").await;
    assert!(!calendar["days_off"].to_string().contains("2027-03-03"));
}

/// A new agency of a commune of the province, and one of another province refused.
async fn the_administrator_adds_an_agency_of_the_province_only(server: &TestServer) {
    let (admin, token) = administrator(server).await;
    let agency = |code: &str, unit: &str| {
        vec![
            ("csrf", token.clone()),
            ("code", code.to_owned()),
            ("name", "Công an Xã Sóc Sơn".to_owned()),
            ("kind", "commune_police".to_owned()),
            ("unit_code", unit.to_owned()),
        ]
    };
    let save = |fields: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        async move { post_form(server, &admin, "/quan-tri/co-quan", &fields).await.status().as_u16() }
    };
    assert_eq!(save(agency("000.376.02.H29", "19789")).await, 422);
    assert_eq!(save(agency("not a code", "00376")).await, 422);
    assert_eq!(save(agency("000.376.02.H29", "00376")).await, 303);
    let (_, agencies) = server.get("/api/v1/units/provinces/01/agencies").await;
    assert!(agencies.to_string().contains("000.376.02.H29"), "the new agency is listed");
}

/// How units offer a procedure: Hoàn Kiếm turns it off, Ba Đình sets its own time and fee.
async fn units_offer_a_procedure_their_own_way(server: &TestServer) {
    let (admin, token) = administrator(server).await;
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
    let save = |fields: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        async move { post_form(server, &admin, "/quan-tri/thu-tuc", &fields).await.status().as_u16() }
    };
    assert_eq!(save(setting("19789", "1", "", "")).await, 404, "Huế's");
    assert_eq!(save(setting("00004", "1", "0", "")).await, 422);
    assert_eq!(save(setting("00070", "", "", "")).await, 303);
    let mut with_steps = setting("00004", "1", "2", "12.000");
    with_steps.push(("review_hours", "0".to_owned()));
    assert_eq!(save(with_steps.clone()).await, 422, "a step takes some time");
    with_steps.pop();
    with_steps.push(("review_hours", "4".to_owned()));
    with_steps.push(("approval_hours", "2".to_owned()));
    assert_eq!(save(with_steps).await, 303);
    let (_, _, listed) = page_with(server, "/quan-tri/thu-tuc", &admin).await;
    assert!(listed.contains("12000 đ"), "the settings are listed");
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let (_, _, reception) = page_with(server, "/can-bo/tiep-nhan?procedure=1.115504", &intake).await;
    assert!(
        reception.contains("Ủy ban nhân dân Phường Ba Đình") && !reception.contains("Ủy ban nhân dân Phường Hoàn Kiếm"),
        "a unit that turned the procedure off is not offered"
    );
    let officer_token = server.officer_token("hn.badinh.tiepnhan").await;
    let dossier = server.received_at_ba_dinh_counter(&officer_token, "1.115504").await;
    assert_eq!(dossier["processing_time"]["amount"], 2.0, "Ba Đình's own time");
    assert_eq!(dossier["fee_dong"], 12000, "and fee");
    let step_due = dossier["step_due_at"].as_str().expect("the review's own time");
    let due = dossier["due_at"].as_str().expect("due");
    assert!(step_due < due, "four working hours come before two working days: {step_due} {due}");
}

async fn the_administration_speaks_three_languages(server: &TestServer) {
    let (admin, _) = administrator(server).await;
    for lang in ["en", "ar"] {
        for path in [
            "/quan-tri",
            "/quan-tri/co-quan",
            "/quan-tri/diem-tiep-nhan",
            "/quan-tri/lich?nam=2027",
            "/quan-tri/thu-tuc",
        ] {
            let (status, _, other) = page_with(server, &in_language(path, lang), &admin).await;
            assert_eq!(status, 200);
            assert!(other.contains(&format!("<html lang=\"{lang}\"")), "in the language asked for");
            server.assert_every_text_formatted(&format!("{path} {lang}"));
        }
    }
}

/// A dossier received at Ba Đình's counter through the API: its desk page.
async fn received_at_the_counter(server: &TestServer) -> String {
    let officer_token = server.officer_token("hn.badinh.tiepnhan").await;
    let dossier = server.received_at_ba_dinh_counter(&officer_token, "1.115494").await;
    format!("/can-bo/ho-so/{}", dossier["code"].as_str().expect("code"))
}

/// Acts on a dossier through its desk page as the officer of `cookie`;
/// returns the page after the action.
async fn act_on_page(
    server: &TestServer,
    cookie: &str,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(String, Vec<u8>)],
) -> String {
    let (_, _, page) = page_with(server, path, cookie).await;
    let token = form_token(&page);
    let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    let (status, _, body) = post_step(server, cookie, &format!("{path}/xu-ly"), &all, files).await;
    assert_eq!(status, 303, "{fields:?}: {body}");
    page_with(server, path, cookie).await.2
}

/// A slip of the desk as PDF: its status, and whether it is a PDF.
async fn slip(server: &TestServer, cookie: &str, path: &str) -> (u16, bool) {
    let response = manual_client().get(server.url(path)).header("Cookie", cookie).send().await.expect("pdf");
    (response.status().as_u16(), response.bytes().await.expect("bytes").starts_with(b"%PDF-"))
}

/// A supplement asked by the specialist and handed in at the counter, then
/// a payment asked by the specialist and recorded at the counter.
async fn a_supplement_and_a_payment_through_the_desk(server: &TestServer) {
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let specialist = officer_cookie(server, "hn.badinh.chuyenvien").await;
    let first = received_at_the_counter(server).await;
    let ask = [("action", "request_supplement"), ("reason", "Bản sao giấy chứng nhận quyền sử dụng đất")];
    let asked = act_on_page(server, &specialist, &first, &ask, &[]).await;
    assert!(asked.contains("Yêu cầu bổ sung giấy tờ") && asked.contains("/phieu/2\""), "form 02");
    assert_eq!(slip(server, &specialist, &format!("{first}/phieu/2")).await, (200, true));
    let back =
        act_on_page(server, &intake, &first, &[("action", "supplement")], &[("supplement".to_owned(), good_pdf())])
            .await;
    assert!(back.contains("Đã bổ sung giấy tờ") && back.contains("bo-sung"), "the supplement, attached");

    let paying =
        act_on_page(server, &specialist, &first, &[("action", "request_payment"), ("amount_dong", "50000")], &[]).await;
    assert!(paying.contains("Yêu cầu thực hiện nghĩa vụ tài chính"));
    let pay = [("action", "pay"), ("amount_dong", "50000"), ("payment_method", "pos"), ("receipt_number", "BL-0007")];
    let paid = act_on_page(server, &intake, &first, &pay, &[]).await;
    assert!(paid.contains("Đã nộp phí"));
}

/// An extension with its apology (form 04), then a stop (form 05), by the leader.
async fn an_extension_with_its_apology_and_a_stop(server: &TestServer) {
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let leader = officer_cookie(server, "hn.badinh.lanhdao").await;
    let second = received_at_the_counter(server).await;
    let (_, _, seen) = page_with(server, &second, &leader).await;
    assert!(seen.contains("value=\"extend\"") && seen.contains("value=\"stop\""));
    let extend = [
        ("action", "extend"),
        ("reason", "Chờ ý kiến của Sở Tài nguyên và Môi trường"),
        ("new_due", "2027-01-29T16:00"),
    ];
    let extended = act_on_page(server, &leader, &second, &extend, &[]).await;
    assert!(extended.contains("29/01/2027 16:00"), "the new date");
    assert_eq!(slip(server, &leader, &format!("{second}/phieu/4")).await, (200, true), "form 04");
    let stop = [("action", "stop"), ("reason", "Người nộp đề nghị dừng")];
    let stopped = act_on_page(server, &leader, &second, &stop, &[]).await;
    assert!(stopped.contains("Dừng xử lý"));
    assert_eq!(slip(server, &leader, &format!("{second}/phieu/5")).await, (200, true), "form 05");
    let (status, _) = slip(server, &intake, &format!("{second}/phieu/2")).await;
    assert_eq!(status, 404, "no supplement was asked for this one");
}
