//! Serving the applicant at the counter and beyond, on SQLite and PostgreSQL:
//! payments (the applicant's own with a transaction reference, the counter's
//! with amount, method and receipt) and what the applicant sees of them;
//! results handed back at an agent point against a signature; postal
//! tracking numbers; outreach sessions received only while they are on.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use motcua_testkit::TestBackend;

use crate::desk::officer_cookie;
use crate::pages::{form_token, location, manual_client, page_with, session_cookie};
use crate::support::TestServer;

/// A boundary-free commune procedure with online, counter and postal channels.
const PROCEDURE: &str = "1.115504";
const BA_DINH_COMMITTEE: &str = "000.04.01.H29";
const CITIZEN: &str = "001099012345";

struct Desk {
    citizen: String,
    intake: String,
    specialist: String,
    leader: String,
    agent: String,
}

async fn act(server: &TestServer, token: &str, reference: &str, body: Value) -> (u16, Value) {
    server.post(&format!("/api/v1/dossiers/{reference}/actions"), Some(token), &body).await
}

async fn must(server: &TestServer, token: &str, reference: &str, body: Value) -> Value {
    let (status, dossier) = act(server, token, reference, body.clone()).await;
    assert_eq!(status, 200, "{body} → {dossier}");
    dossier
}

/// A dossier submitted online by the citizen and received at Ba Đình: its code.
async fn received_online(server: &TestServer, desk: &Desk, delivery: Value) -> String {
    let body = json!({
        "procedure_code": PROCEDURE, "channel": "online", "competent_agency": BA_DINH_COMMITTEE,
        "form_data": { "land_parcel": "Tờ 7, thửa 12" }, "delivery": delivery,
    });
    let (status, dossier) = server.post("/api/v1/dossiers", Some(&desk.citizen), &body).await;
    assert_eq!(status, 201, "{dossier}");
    let received =
        must(server, &desk.intake, dossier["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    received["code"].as_str().expect("code").to_owned()
}

/// Takes a received dossier to its decision.
async fn resolve(server: &TestServer, desk: &Desk, code: &str) {
    must(server, &desk.intake, code, json!({ "action": "hand_over", "to": "review" })).await;
    must(server, &desk.specialist, code, json!({ "action": "hand_over", "to": "approval" })).await;
    must(server, &desk.leader, code, json!({ "action": "approve" })).await;
}

fn last_event(dossier: &Value) -> &Value {
    dossier["history"].as_array().and_then(|h| h.last()).expect("an event")
}

async fn citizen_cookie(server: &TestServer) -> String {
    let signed = manual_client()
        .post(server.url("/dang-nhap"))
        .form(&[("id_number", CITIZEN), ("password", "mat-khau-dai"), ("next", "/ho-so-cua-toi")])
        .send()
        .await
        .expect("sign in");
    session_cookie(&signed).expect("session")
}

async fn service(backend: TestBackend) {
    let server = TestServer::start(backend).await;
    let desk = Desk {
        citizen: server.citizen_token(CITIZEN, "0912345678").await,
        intake: server.officer_token("hn.badinh.tiepnhan").await,
        specialist: server.officer_token("hn.badinh.chuyenvien").await,
        leader: server.officer_token("hn.badinh.lanhdao").await,
        agent: server.officer_token("hn.buudien").await,
    };
    payments(&server, &desk).await;
    postal_tracking(&server, &desk).await;
    agent_point_returns(&server, &desk).await;
    outreach_sessions(&server).await;
}

#[tokio::test]
async fn counter_service_on_sqlite() {
    service(TestBackend::Sqlite).await;
}

#[tokio::test]
async fn counter_service_on_postgres() {
    if motcua_testkit::postgres_skipped() {
        return;
    }
    service(TestBackend::Postgres).await;
}

async fn payments(server: &TestServer, desk: &Desk) {
    // The applicant is asked to pay, and sees how much, where and when.
    let online = received_online(server, desk, json!({ "method": "online" })).await;
    let asked =
        must(server, &desk.specialist, &online, json!({ "action": "request_payment", "amount_dong": 50_000 })).await;
    assert_eq!(last_event(&asked)["data"]["amount_dong"], 50_000, "the request records its amount");
    let (_, seen) = server.get_as(&format!("/api/v1/dossiers/{online}"), &desk.citizen).await;
    let due = &seen["payment_due"];
    assert_eq!(due["amount_dong"], 50_000, "{seen}");
    assert_eq!(
        (due["pay_at"]["code"].as_str(), due["pay_at"]["working_hours"].as_str()),
        (Some("HN-BADINH"), Some("07:30-11:30,13:00-17:00"))
    );
    assert!(due["pay_at"]["address"].as_str().is_some_and(|a| a.contains("25 Liễu Giai")), "{due}");
    assert_eq!(due["agency_name"], "Ủy ban nhân dân Phường Ba Đình");
    let cookie = citizen_cookie(server).await;
    let (status, _, page) = page_with(server, &format!("/ho-so-cua-toi/{online}"), &cookie).await;
    assert_eq!(status, 200);
    assert!(page.contains("50.000 đ") && page.contains("25 Liễu Giai") && page.contains("13:00-17:00"), "{page}");
    for lang in ["en", "ar"] {
        let (_, _, other) = page_with(server, &format!("/ho-so-cua-toi/{online}?lang={lang}"), &cookie).await;
        assert!(!other.contains("⟨missing text⟩"), "{lang}");
    }

    // The applicant's own payment carries the payment service's reference.
    for missing in [json!({ "action": "pay" }), json!({ "action": "pay", "transaction_reference": "  " })] {
        let (status, problem) = act(server, &desk.citizen, &online, missing).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some("transaction_reference")), "{problem}");
    }
    let (_, unchanged) = server.get_as(&format!("/api/v1/dossiers/{online}"), &desk.citizen).await;
    assert_eq!(unchanged["status"], "payment_requested", "a refused payment changes nothing");
    let paid =
        must(server, &desk.citizen, &online, json!({ "action": "pay", "transaction_reference": "VNP-0042" })).await;
    let event = last_event(&paid);
    assert_eq!((event["role"].as_str(), event["action"].as_str()), (Some("applicant"), Some("pay")));
    assert_eq!(
        (event["data"]["method"].as_str(), event["data"]["transaction_reference"].as_str()),
        (Some("online"), Some("VNP-0042"))
    );
    assert_eq!(event["data"]["amount_dong"], 50_000);
    assert!(paid["payment_due"].is_null(), "nothing left to pay");

    // At the counter: the amount requested, a method and a receipt.
    let counter = received_online(server, desk, json!({ "method": "online" })).await;
    must(server, &desk.specialist, &counter, json!({ "action": "request_payment", "amount_dong": 50_000 })).await;
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
        let (status, problem) = act(server, &desk.intake, &counter, body.clone()).await;
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
    let (_, vietnamese) = act(server, &desk.intake, &counter, wrong("amount_dong", json!(40_000))).await;
    assert!(vietnamese["detail"].as_str().is_some_and(|d| d.contains("phải bằng số tiền đã yêu cầu")), "{vietnamese}");
    let paid = must(server, &desk.intake, &counter, good).await;
    let event = last_event(&paid);
    assert_eq!(
        (event["role"].as_str(), event["data"]["method"].as_str(), event["data"]["receipt_number"].as_str()),
        (Some("intake_officer"), Some("cash"), Some("BL-0001"))
    );
    assert_eq!(paid["status"], "received");
}

async fn postal_tracking(server: &TestServer, desk: &Desk) {
    let code =
        received_online(server, desk, json!({ "method": "post", "address": "25 Liễu Giai, Ba Đình, Hà Nội" })).await;
    resolve(server, desk, &code).await;
    must(server, &desk.intake, &code, json!({ "action": "return", "tracking_number": "EL987654321VN" })).await;
    let (_, seen) = server.get_as(&format!("/api/v1/dossiers/{code}"), &desk.citizen).await;
    assert_eq!(seen["tracking_number"], "EL987654321VN");
    let cookie = citizen_cookie(server).await;
    let (_, _, page) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    assert!(page.contains("Mã vận đơn bưu chính") && page.contains("EL987654321VN"), "the citizen sees it");
}

async fn agent_point_returns(server: &TestServer, desk: &Desk) {
    // Collected at the post office: the post office hands it back, signed for.
    let code = received_online(server, desk, json!({ "method": "counter", "service_point": "HN-BD-POST" })).await;
    resolve(server, desk, &code).await;
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{code}"), &desk.agent).await;
    assert_eq!(status, 200, "the point it is collected at sees it");
    let signed = json!({
        "action": "return", "signed_by_recipient": true,
        "recipient_name": "Nguyễn Thị Bình", "recipient_id_number": "001199012345",
    });
    let without = |field: &str| {
        let mut body = signed.clone();
        body.as_object_mut().expect("object").remove(field);
        body
    };
    for (body, field) in [
        (without("signed_by_recipient"), "signed_by_recipient"),
        (without("recipient_name"), "recipient_name"),
        (without("recipient_id_number"), "recipient_id_number"),
    ] {
        let (status, problem) = act(server, &desk.agent, &code, body).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some(field)), "{problem}");
    }
    let returned = must(server, &desk.agent, &code, signed.clone()).await;
    assert_eq!(returned["status"], "returned");
    let event = last_event(&returned);
    assert_eq!((event["role"].as_str(), event["service_point"].as_str()), (Some("agent_clerk"), Some("HN-BD-POST")));
    assert_eq!(event["data"]["signed_by_recipient"], true);
    assert_eq!(event["data"]["recipient_name"], "Nguyễn Thị Bình");
    assert_eq!(event["data"]["recipient_id_number"], "001199012345");

    // Collected at the Ba Đình centre: not the post office's to hand back.
    let elsewhere = received_online(server, desk, json!({ "method": "counter", "service_point": "HN-BADINH" })).await;
    resolve(server, desk, &elsewhere).await;
    let (status, _) = act(server, &desk.agent, &elsewhere, signed.clone()).await;
    assert_eq!(status, 404, "outside the point's scope");

    // Received at the post office and sent by post: the post carries it.
    let at_point = json!({
        "procedure_code": PROCEDURE, "channel": "agent_point", "service_point": "HN-BD-POST",
        "competent_agency": BA_DINH_COMMITTEE, "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người gửi qua bưu điện", "phone": "0901234567" },
        "delivery": { "method": "post", "address": "12 Đội Cấn, Ba Đình, Hà Nội" },
    });
    let (status, posted) = server.post("/api/v1/dossiers", Some(&desk.agent), &at_point).await;
    assert_eq!(status, 201, "{posted}");
    let posted = posted["code"].as_str().expect("code").to_owned();
    must(server, &desk.specialist, &posted, json!({ "action": "hand_over", "to": "approval" })).await;
    must(server, &desk.leader, &posted, json!({ "action": "approve" })).await;
    let (status, problem) = act(server, &desk.agent, &posted, signed).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("delivery")), "{problem}");
}

/// Outreach sessions yesterday, today and tomorrow (Vietnam time), each with
/// its helper; an officer of the city's centre enters yesterday's late.
async fn outreach_sessions(server: &TestServer) {
    let admin = officer_cookie(server, "quantri").await;
    let (_, _, officers) = page_with(server, "/quan-tri", &admin).await;
    let token = form_token(&officers);
    let today = (Utc::now() + Duration::hours(7)).date_naive();
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
        let saved = manual_client()
            .post(server.url("/quan-tri/diem-tiep-nhan"))
            .header("Cookie", &admin)
            .form(&form)
            .send()
            .await
            .expect("post");
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
        let created = manual_client()
            .post(server.url("/quan-tri/can-bo"))
            .header("Cookie", &admin)
            .form(&helper)
            .send()
            .await
            .expect("post");
        assert_eq!((created.status().as_u16(), location(&created)), (303, "/quan-tri".to_owned()), "{code}");
    }
    let dossier_at = |point: &str| {
        json!({
            "procedure_code": PROCEDURE, "channel": "outreach", "service_point": point,
            "competent_agency": BA_DINH_COMMITTEE, "applicant_consents": true,
            "applicant": { "id_number": "001060004567", "full_name": "Cụ Nguyễn Văn Lão", "phone": "0901234560" },
            "delivery": { "method": "online" },
        })
    };
    let helper_token = |code: &str| {
        let body = json!({ "username": code.to_lowercase(), "password": "mat-khau-dai-2026" });
        async move {
            let (status, session) = server.post("/api/v1/sessions", None, &body).await;
            assert_eq!(status, 201, "{session}");
            session["token"].as_str().expect("token").to_owned()
        }
    };

    let on = helper_token("HN-LD-HOMNAY").await;
    let (status, taken) = server.post("/api/v1/dossiers", Some(&on), &dossier_at("HN-LD-HOMNAY")).await;
    assert_eq!((status, taken["status"].as_str()), (201, Some("received")), "{taken}");
    for (code, words) in [("HN-LD-HOMQUA", "đã kết thúc"), ("HN-LD-NGAYMAI", "chưa bắt đầu")] {
        let helper = helper_token(code).await;
        let (status, problem) = server.post("/api/v1/dossiers", Some(&helper), &dossier_at(code)).await;
        assert_eq!((status, problem["field"].as_str()), (400, Some("service_point")), "{code}: {problem}");
        assert!(problem["detail"].as_str().is_some_and(|d| d.contains(words)), "{code}: {problem}");
    }

    // The city centre's officer enters yesterday's dossier late, with a reason.
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

    // The public sees each session's day and hours where it looks for a service point.
    let (status, page) = {
        let response = server.raw_get(&format!("/thu-tuc/{PROCEDURE}?tinh=01"), None).await;
        (response.status().as_u16(), response.text().await.expect("text"))
    };
    assert_eq!(status, 200);
    let shown = |day: chrono::NaiveDate| day.format("%d/%m/%Y").to_string();
    assert!(page.contains(&shown(today + Duration::days(1))) && page.contains(&shown(today)), "the session days");
    assert!(page.contains("Ngày tổ chức") && page.contains("Đã kết thúc"), "yesterday's is over");
}
