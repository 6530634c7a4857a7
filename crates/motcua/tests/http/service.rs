//! Serving the applicant at the counter and beyond, on SQLite and PostgreSQL:
//! payments (the applicant's own with a transaction reference, the counter's
//! with amount, method and receipt) and what the applicant sees of them;
//! results handed back at an agent point against a signature; postal
//! tracking numbers; outreach sessions received only while they are on.

use chrono::{Duration, NaiveDate, Utc};
use serde_json::{Value, json};

use crate::support::browser::{citizen_cookie, form_token, location, officer_cookie, page_with, post_form};
use crate::support::{TestServer, on_both_backends};

/// A boundary-free commune procedure with online, counter and postal channels.
const PROCEDURE: &str = "1.115504";
const BA_DINH_COMMITTEE: &str = "000.04.01.H29";
const CITIZEN: &str = "001099012345";
const CITIZEN_PASSWORD: &str = "mat-khau-dai";

on_both_backends!(
    the_applicant_sees_what_to_pay_where_and_when,
    the_applicants_own_payment_carries_its_reference,
    a_payment_at_the_counter_needs_the_amount_a_method_and_a_receipt,
    a_postal_return_shows_its_tracking_number,
    the_post_office_hands_back_what_is_collected_there_against_a_signature,
    the_post_office_does_not_hand_back_what_is_collected_elsewhere,
    what_goes_by_post_is_not_handed_back_at_the_agent_point,
    an_outreach_sessions_helper_receives_only_while_it_is_on,
    a_centre_enters_an_outreach_sessions_dossier_late_with_a_reason,
    the_public_sees_each_outreach_sessions_day,
);

/// The citizen and the officers who serve them.
struct Desk {
    citizen: String,
    intake: String,
    specialist: String,
    leader: String,
    agent: String,
}

async fn desk(server: &TestServer) -> Desk {
    Desk {
        citizen: server.registered_citizen_token(CITIZEN, "0912345678").await,
        intake: server.officer_token("hn.badinh.tiepnhan").await,
        specialist: server.officer_token("hn.badinh.chuyenvien").await,
        leader: server.officer_token("hn.badinh.lanhdao").await,
        agent: server.officer_token("hn.buudien").await,
    }
}

/// A dossier submitted online by the citizen and received at Ba Đình: its code.
async fn received_online(server: &TestServer, desk: &Desk, delivery: Value) -> String {
    let body = json!({
        "procedure_code": PROCEDURE, "channel": "online", "competent_agency": BA_DINH_COMMITTEE,
        "form_data": { "land_parcel": "Tờ 7, thửa 12" }, "delivery": delivery,
    });
    let (status, dossier) = server.post("/api/v1/dossiers", Some(&desk.citizen), &body).await;
    assert_eq!(status, 201, "{dossier}");
    let received = server.must(&desk.intake, dossier["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    received["code"].as_str().expect("code").to_owned()
}

/// Takes a received dossier to its decision.
async fn resolve(server: &TestServer, desk: &Desk, code: &str) {
    server.must(&desk.intake, code, json!({ "action": "hand_over", "to": "review" })).await;
    server.must(&desk.specialist, code, json!({ "action": "hand_over", "to": "approval" })).await;
    server.must(&desk.leader, code, json!({ "action": "approve" })).await;
}

fn last_event(dossier: &Value) -> &Value {
    dossier["history"].as_array().and_then(|h| h.last()).expect("an event")
}

/// A dossier received online whose fee of 50,000 đồng was asked for: its code.
async fn payment_requested(server: &TestServer, desk: &Desk) -> String {
    let code = received_online(server, desk, json!({ "method": "online" })).await;
    let ask = json!({ "action": "request_payment", "amount_dong": 50_000 });
    let asked = server.must(&desk.specialist, &code, ask).await;
    assert_eq!(last_event(&asked)["data"]["amount_dong"], 50_000, "the request records its amount");
    code
}

/// The applicant is asked to pay, and sees how much, where and when.
async fn the_applicant_sees_what_to_pay_where_and_when(server: &TestServer) {
    let desk = desk(server).await;
    let online = payment_requested(server, &desk).await;
    let (_, seen) = server.get_as(&format!("/api/v1/dossiers/{online}"), &desk.citizen).await;
    let due = &seen["payment_due"];
    assert_eq!(due["amount_dong"], 50_000, "{seen}");
    assert_eq!(
        (due["pay_at"]["code"].as_str(), due["pay_at"]["working_hours"].as_str()),
        (Some("HN-BADINH"), Some("07:30-11:30,13:00-17:00"))
    );
    assert!(due["pay_at"]["address"].as_str().is_some_and(|a| a.contains("25 Liễu Giai")), "{due}");
    assert_eq!(due["agency_name"], "Ủy ban nhân dân Phường Ba Đình");
    let cookie = citizen_cookie(server, CITIZEN, CITIZEN_PASSWORD).await;
    let (status, _, page) = page_with(server, &format!("/ho-so-cua-toi/{online}"), &cookie).await;
    assert_eq!(status, 200);
    assert!(page.contains("50.000 đ") && page.contains("25 Liễu Giai") && page.contains("13:00-17:00"), "{page}");
    for lang in ["en", "ar"] {
        let (_, _, other) = page_with(server, &format!("/ho-so-cua-toi/{online}?lang={lang}"), &cookie).await;
        assert!(other.contains(&format!("<html lang=\"{lang}\"")), "in the language asked for");
        server.assert_every_text_formatted(lang);
    }
}

/// The applicant's own payment carries the payment service's reference.
async fn the_applicants_own_payment_carries_its_reference(server: &TestServer) {
    let desk = desk(server).await;
    let online = payment_requested(server, &desk).await;
    for missing in [json!({ "action": "pay" }), json!({ "action": "pay", "transaction_reference": "  " })] {
        let (status, problem) = server.act(&desk.citizen, &online, missing).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some("transaction_reference")), "{problem}");
    }
    let (_, unchanged) = server.get_as(&format!("/api/v1/dossiers/{online}"), &desk.citizen).await;
    assert_eq!(unchanged["status"], "payment_requested", "a refused payment changes nothing");
    let pay = json!({ "action": "pay", "transaction_reference": "VNP-0042" });
    let paid = server.must(&desk.citizen, &online, pay).await;
    let event = last_event(&paid);
    assert_eq!((event["role"].as_str(), event["action"].as_str()), (Some("applicant"), Some("pay")));
    assert_eq!(
        (event["data"]["method"].as_str(), event["data"]["transaction_reference"].as_str()),
        (Some("online"), Some("VNP-0042"))
    );
    assert_eq!(event["data"]["amount_dong"], 50_000);
    assert!(paid["payment_due"].is_null(), "nothing left to pay");
}

/// At the counter: the amount requested, a method and a receipt.
async fn a_payment_at_the_counter_needs_the_amount_a_method_and_a_receipt(server: &TestServer) {
    let desk = desk(server).await;
    let counter = payment_requested(server, &desk).await;
    let good = json!({ "action": "pay", "amount_dong": 50_000, "payment_method": "cash", "receipt_number": "BL-0001" });
    let wrong = |field: &str, value: Value| {
        let mut body = good.clone();
        body[field] = value;
        body
    };
    for (body, field) in [
        (wrong("payment_method", Value::Null), "payment_method"),
        (wrong("payment_method", json!("cheque")), "payment_method"),
        (wrong("amount_dong", json!(40_000)), "amount_dong"),
        (wrong("amount_dong", Value::Null), "amount_dong"),
        (wrong("receipt_number", json!(" ")), "receipt_number"),
    ] {
        let (status, problem) = server.act(&desk.intake, &counter, body.clone()).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{body} → {problem}");
    }
    let english = server
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/dossiers/{counter}/actions"),
            Some(&desk.intake),
            Some(&wrong("amount_dong", json!(40_000))),
            &[("Accept-Language", "en")],
        )
        .await
        .1;
    assert!(english["detail"].as_str().is_some_and(|d| d.contains("must equal the amount requested")), "{english}");
    let (_, vietnamese) = server.act(&desk.intake, &counter, wrong("amount_dong", json!(40_000))).await;
    assert!(vietnamese["detail"].as_str().is_some_and(|d| d.contains("phải bằng số tiền đã yêu cầu")), "{vietnamese}");
    let paid = server.must(&desk.intake, &counter, good).await;
    let event = last_event(&paid);
    assert_eq!(
        (event["role"].as_str(), event["data"]["method"].as_str(), event["data"]["receipt_number"].as_str()),
        (Some("intake_officer"), Some("cash"), Some("BL-0001"))
    );
    assert_eq!(paid["status"], "received");
}

async fn a_postal_return_shows_its_tracking_number(server: &TestServer) {
    let desk = desk(server).await;
    let code =
        received_online(server, &desk, json!({ "method": "post", "address": "25 Liễu Giai, Ba Đình, Hà Nội" })).await;
    resolve(server, &desk, &code).await;
    server.must(&desk.intake, &code, json!({ "action": "return", "tracking_number": "EL987654321VN" })).await;
    let (_, seen) = server.get_as(&format!("/api/v1/dossiers/{code}"), &desk.citizen).await;
    assert_eq!(seen["tracking_number"], "EL987654321VN");
    let cookie = citizen_cookie(server, CITIZEN, CITIZEN_PASSWORD).await;
    let (_, _, page) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(page.contains("Mã vận đơn bưu chính") && page.contains("EL987654321VN"), "the citizen sees it");
}

/// A return at an agent point, signed for by the recipient.
fn signed_return() -> Value {
    json!({
        "action": "return", "signed_by_recipient": true,
        "recipient_name": "Nguyễn Thị Bình", "recipient_id_number": "001199012345",
    })
}

/// Collected at the post office: the post office hands it back, signed for.
async fn the_post_office_hands_back_what_is_collected_there_against_a_signature(server: &TestServer) {
    let desk = desk(server).await;
    let code = received_online(server, &desk, json!({ "method": "counter", "service_point": "HN-BD-POST" })).await;
    resolve(server, &desk, &code).await;
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{code}"), &desk.agent).await;
    assert_eq!(status, 200, "the point it is collected at sees it");
    let without = |field: &str| {
        let mut body = signed_return();
        body.as_object_mut().expect("object").remove(field);
        body
    };
    for (body, field) in [
        (without("signed_by_recipient"), "signed_by_recipient"),
        (without("recipient_name"), "recipient_name"),
        (without("recipient_id_number"), "recipient_id_number"),
    ] {
        let (status, problem) = server.act(&desk.agent, &code, body).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{problem}");
    }
    let returned = server.must(&desk.agent, &code, signed_return()).await;
    assert_eq!(returned["status"], "returned");
    let event = last_event(&returned);
    assert_eq!((event["role"].as_str(), event["service_point"].as_str()), (Some("agent_clerk"), Some("HN-BD-POST")));
    assert_eq!(event["data"]["signed_by_recipient"], true);
    assert_eq!(event["data"]["recipient_name"], "Nguyễn Thị Bình");
    assert_eq!(event["data"]["recipient_id_number"], "001199012345");
}

/// Collected at the Ba Đình centre: not the post office's to hand back.
async fn the_post_office_does_not_hand_back_what_is_collected_elsewhere(server: &TestServer) {
    let desk = desk(server).await;
    let elsewhere = received_online(server, &desk, json!({ "method": "counter", "service_point": "HN-BADINH" })).await;
    resolve(server, &desk, &elsewhere).await;
    let (status, _) = server.act(&desk.agent, &elsewhere, signed_return()).await;
    assert_eq!(status, 404, "outside the point's scope");
}

/// Received at the post office and sent by post: the post carries it.
async fn what_goes_by_post_is_not_handed_back_at_the_agent_point(server: &TestServer) {
    let desk = desk(server).await;
    let at_point = json!({
        "procedure_code": PROCEDURE, "channel": "agent_point", "service_point": "HN-BD-POST",
        "competent_agency": BA_DINH_COMMITTEE, "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người gửi qua bưu điện", "phone": "0901234567" },
        "delivery": { "method": "post", "address": "12 Đội Cấn, Ba Đình, Hà Nội" },
    });
    let (status, posted) = server.post("/api/v1/dossiers", Some(&desk.agent), &at_point).await;
    assert_eq!(status, 201, "{posted}");
    let posted = posted["code"].as_str().expect("code").to_owned();
    server.must(&desk.specialist, &posted, json!({ "action": "hand_over", "to": "approval" })).await;
    server.must(&desk.leader, &posted, json!({ "action": "approve" })).await;
    let (status, problem) = server.act(&desk.agent, &posted, signed_return()).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("delivery")), "{problem}");
}

/// Today in Vietnam.
fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}

/// Outreach sessions yesterday, today and tomorrow (Vietnam time), each with
/// its helper (`<code in lower case>`, password `mat-khau-dai-2026`),
/// saved by the city's administrator through the pages.
async fn outreach_sessions_around_today(server: &TestServer) {
    let admin = officer_cookie(server, "quantri").await;
    let (_, _, officers) = page_with(server, "/quan-tri", &admin).await;
    let token = form_token(&officers);
    let today = today();
    let sessions = [
        ("HN-LD-HOMQUA", today - Duration::days(1), "07:30-11:30"),
        ("HN-LD-HOMNAY", today, "00:00-23:59"),
        ("HN-LD-NGAYMAI", today + Duration::days(1), "07:30-11:30"),
    ];
    for (code, day, hours) in sessions {
        let form = [
            ("csrf", token.clone()),
            ("code", code.to_owned()),
            ("name", format!("Buổi lưu động {code}")),
            ("kind", "outreach_session".to_owned()),
            ("unit_code", "00376".to_owned()),
            ("address", "Nhà văn hóa thôn Xuân Dục, Xã Sóc Sơn".to_owned()),
            ("hours", hours.to_owned()),
            ("session_date", day.format("%Y-%m-%d").to_string()),
        ];
        let saved = post_form(server, &admin, "/quan-tri/diem-tiep-nhan", &form).await;
        assert_eq!(saved.status().as_u16(), 303, "{code}");
        let helper = [
            ("csrf", token.clone()),
            ("username", code.to_lowercase()),
            ("display_name", "Tình nguyện viên".to_owned()),
            ("role", "outreach_helper".to_owned()),
            ("scope_kind", "service_point".to_owned()),
            ("scope_code", code.to_owned()),
            ("password", "mat-khau-dai-2026".to_owned()),
        ];
        let created = post_form(server, &admin, "/quan-tri/can-bo", &helper).await;
        assert_eq!((created.status().as_u16(), location(&created)), (303, "/quan-tri".to_owned()), "{code}");
    }
}

fn dossier_at(point: &str) -> Value {
    json!({
        "procedure_code": PROCEDURE, "channel": "outreach", "service_point": point,
        "competent_agency": BA_DINH_COMMITTEE, "applicant_consents": true,
        "applicant": { "id_number": "001060004567", "full_name": "Cụ Nguyễn Văn Lão", "phone": "0901234560" },
        "delivery": { "method": "online" },
    })
}

async fn helper_token(server: &TestServer, code: &str) -> String {
    let body = json!({ "username": code.to_lowercase(), "password": "mat-khau-dai-2026" });
    let (status, session) = server.post("/api/v1/sessions", None, &body).await;
    assert_eq!(status, 201, "{session}");
    session["token"].as_str().expect("token").to_owned()
}

async fn an_outreach_sessions_helper_receives_only_while_it_is_on(server: &TestServer) {
    outreach_sessions_around_today(server).await;
    let on = helper_token(server, "HN-LD-HOMNAY").await;
    let (status, taken) = server.post("/api/v1/dossiers", Some(&on), &dossier_at("HN-LD-HOMNAY")).await;
    assert_eq!((status, taken["status"].as_str()), (201, Some("received")), "{taken}");
    for (code, words) in [("HN-LD-HOMQUA", "đã kết thúc"), ("HN-LD-NGAYMAI", "chưa bắt đầu")] {
        let helper = helper_token(server, code).await;
        let (status, problem) = server.post("/api/v1/dossiers", Some(&helper), &dossier_at(code)).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some("service_point")), "{code}: {problem}");
        assert!(problem["detail"].as_str().is_some_and(|d| d.contains(words)), "{code}: {problem}");
    }
}

/// The city centre's officer enters yesterday's dossier late, with a reason.
async fn a_centre_enters_an_outreach_sessions_dossier_late_with_a_reason(server: &TestServer) {
    outreach_sessions_around_today(server).await;
    let officer = server.officer_token("hn.tiepnhan").await;
    let (status, problem) = server.post("/api/v1/dossiers", Some(&officer), &dossier_at("HN-LD-HOMQUA")).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("late_entry_reason")), "{problem}");
    let (status, _) = server.post("/api/v1/dossiers", Some(&officer), &dossier_at("HN-LD-NGAYMAI")).await;
    assert_eq!(status, 400, "nothing is entered for a session not yet held");
    let mut late = dossier_at("HN-LD-HOMQUA");
    late["late_entry_reason"] = json!("Sóng điện thoại yếu tại thôn, nhập từ phiếu giấy");
    let (status, entered) = server.post("/api/v1/dossiers", Some(&officer), &late).await;
    assert_eq!((status, entered["channel"].as_str()), (201, Some("outreach")), "{entered}");
    let first = &entered["history"][0];
    assert_eq!(first["data"]["late_entry_reason"], "Sóng điện thoại yếu tại thôn, nhập từ phiếu giấy");
    assert_eq!(
        (first["role"].as_str(), first["service_point"].as_str()),
        (Some("intake_officer"), Some("HN-LD-HOMQUA"))
    );
    let elsewhere = server.officer_token("hn.hoankiem.tiepnhan").await;
    let (status, problem) = server.post("/api/v1/dossiers", Some(&elsewhere), &late).await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (400, Some("service_point")),
        "another commune's centre: {problem}"
    );
}

/// The public sees each session's day and hours where it looks for a service point.
async fn the_public_sees_each_outreach_sessions_day(server: &TestServer) {
    outreach_sessions_around_today(server).await;
    let (status, _, page) = page_with(server, &format!("/thu-tuc/{PROCEDURE}?tinh=01"), "").await;
    assert_eq!(status, 200);
    let today = today();
    let shown = |day: NaiveDate| day.format("%d/%m/%Y").to_string();
    assert!(page.contains(&shown(today + Duration::days(1))) && page.contains(&shown(today)), "the session days");
    assert!(page.contains("Ngày tổ chức") && page.contains("Đã kết thúc"), "yesterday's is over");
}
