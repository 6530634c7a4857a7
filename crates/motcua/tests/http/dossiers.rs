//! The dossier's paths through the API, on SQLite and PostgreSQL, against
//! the real binary: online, counter reception elsewhere in the province, two
//! supplements, refusal at reception, withdrawal, extension, postal return;
//! scope refusals; idempotency; the public lookup; documents; the control
//! slip and the tracking book; history verification.

use serde_json::{Value, json};

use crate::support::{self, TestServer, on_both_backends};

/// A boundary-free commune procedure with online, counter and postal channels (5 working days).
const PROCEDURE: &str = "1.115504";
const BA_DINH_COMMITTEE: &str = "000.04.01.H29";
const CITIZEN_PHONE: &str = "0912345678";

on_both_backends!(
    online_payment_counts_as_e_payment,
    an_online_dossier_goes_from_submission_to_return,
    an_actions_answer_is_the_dossier_as_stored,
    a_malformed_body_says_what_is_wrong,
    a_centre_elsewhere_in_the_province_receives_for_the_competent_agency,
    two_supplements_make_a_dossier_late,
    a_dossier_refused_at_reception_is_not_received_later,
    the_applicant_withdraws_a_received_dossier,
    a_late_dossier_gets_an_apology_and_a_new_date,
    a_dossier_handed_to_another_agency_stays_visible_to_the_first,
    a_result_sent_by_post_needs_its_tracking_number,
    outside_its_scope_a_dossier_does_not_exist,
    a_retried_submission_creates_one_dossier,
    the_public_lookup_answers_the_right_pair_only,
    documents_are_uploaded_once_reused_and_results_delivered,
    the_control_slip_and_the_tracking_book_are_views_of_the_history,
    every_history_verifies_and_an_edited_event_is_named,
);

/// The citizen of these paths, registered: a bearer token.
async fn citizen(server: &TestServer) -> String {
    server.registered_citizen_token("001099012345", CITIZEN_PHONE).await
}

/// Another citizen, registered: a bearer token.
async fn other_citizen(server: &TestServer) -> String {
    server.registered_citizen_token("079303123456", "0987654321").await
}

fn online(delivery: Value) -> Value {
    json!({
        "procedure_code": PROCEDURE,
        "channel": "online",
        "competent_agency": BA_DINH_COMMITTEE,
        "form_data": { "land_parcel": "Tờ 12, thửa 345" },
        "delivery": delivery,
    })
}

async fn submit_online(server: &TestServer, token: &str) -> Value {
    let (status, dossier) = server.post("/api/v1/dossiers", Some(token), &online(json!({ "method": "online" }))).await;
    assert_eq!(status, 201, "{dossier}");
    assert_eq!((dossier["status"].as_str(), dossier["national_status_code"].as_u64()), (Some("submitted"), Some(1)));
    assert!(dossier["code"].is_null(), "a code is given at reception");
    dossier
}

/// A dossier the citizen submitted online and Ba Đình's counter received: the dossier, and its code.
async fn received_online(server: &TestServer, citizen: &str) -> (Value, String) {
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let submitted = submit_online(server, citizen).await;
    let received = server.must(&intake, submitted["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    let code = received["code"].as_str().expect("code").to_owned();
    (received, code)
}

/// Online, the happy path: submitted, received, handed to a named
/// specialist, to the leader, approved and returned. The dossier returned.
async fn returned_online(server: &TestServer, citizen: &str) -> Value {
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let leader = server.officer_token("hn.badinh.lanhdao").await;
    let dossier = submit_online(server, citizen).await;
    let id = dossier["id"].as_str().expect("id").to_owned();
    let received = server.must(&intake, &id, json!({ "action": "receive" })).await;
    let code = received["code"].as_str().expect("code").to_owned();
    assert!(code.starts_with("000.04.01.H29-") && code.len() == "000.04.01.H29-251104-0001".len(), "{code}");
    assert_eq!(received["national_status_code"], 2);
    assert!(received["due_at"].as_str().expect("due").ends_with("+07:00"));
    let to_review = json!({ "action": "hand_over", "to": "review", "to_officer": "hn.badinh.chuyenvien" });
    server.must(&intake, &code, to_review).await;
    let at_leader = server.must(&specialist, &code, json!({ "action": "hand_over", "to": "approval" })).await;
    assert_eq!((at_leader["status"].as_str(), at_leader["step"].as_str()), (Some("processing"), Some("approval")));
    let resolved = server.must(&leader, &code, json!({ "action": "approve", "note": "Đồng ý" })).await;
    assert_eq!(resolved["national_status_code"], 9);
    let returned = server.must(&intake, &code, json!({ "action": "return" })).await;
    assert_eq!(returned["national_status_code"], 10);
    returned
}

fn code_of(dossier: &Value) -> String {
    dossier["code"].as_str().expect("code").to_owned()
}

/// The agency's e-payment figure, as `(paid online, fee-bearing)`.
async fn e_payment(server: &TestServer) -> (u64, u64) {
    let (status, figure) =
        server.get(&format!("/api/v1/indicators?agency={BA_DINH_COMMITTEE}&from=2021-01-01&to=2030-12-31")).await;
    assert_eq!(status, 200, "{figure}");
    let ratio = &figure["measures"]["e_payment"];
    (ratio["count"].as_u64().unwrap_or(0), ratio["of"].as_u64().unwrap_or(0))
}

/// A citizen paying online is e-payment: the figure counts what the live
/// use case records, under the role name it records.
async fn online_payment_counts_as_e_payment(server: &TestServer) {
    let citizen = citizen(server).await;
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let (paid, of) = e_payment(server).await;
    let (_, code) = received_online(server, &citizen).await;
    server.must(&specialist, &code, json!({ "action": "request_payment", "amount_dong": 50000 })).await;
    let pay = json!({ "action": "pay", "amount_dong": 50000, "transaction_reference": "VNP-20261202-000123" });
    server.must(&citizen, &code, pay).await;
    assert_eq!(e_payment(server).await, (paid + 1, of + 1), "paid online and fee-bearing");
}

async fn an_online_dossier_goes_from_submission_to_return(server: &TestServer) {
    let citizen = citizen(server).await;
    let returned = returned_online(server, &citizen).await;
    let history = returned["history"].as_array().expect("history");
    let actions: Vec<&str> = history.iter().map(|e| e["action"].as_str().expect("action")).collect();
    assert_eq!(actions, ["submit", "receive", "hand_over", "hand_over", "approve", "return"]);
    assert_eq!(history[2]["handed_to"], "hn.badinh.chuyenvien");
    assert!(history.iter().skip(2).all(|e| e["timeliness"] == "early" || e["timeliness"] == "on_time"));
    let (status, _) = server.act(&citizen, &code_of(&returned), json!({ "action": "withdraw" })).await;
    assert_eq!(status, 409, "nothing happens after the result is returned");
}

/// What an action answers is the dossier as it was stored: reading it back
/// at once gives the same body, to the last digit of every instant.
async fn an_actions_answer_is_the_dossier_as_stored(server: &TestServer) {
    let citizen = citizen(server).await;
    let (received, code) = received_online(server, &citizen).await;
    let (status, read_back) = server.get_as(&format!("/api/v1/dossiers/{code}"), &citizen).await;
    assert_eq!(status, 200, "{read_back}");
    for field in ["received_at", "due_at", "submitted_at"] {
        assert_eq!(received[field], read_back[field], "{field} as answered and as read back");
    }
    assert_eq!(received, read_back, "the whole dossier as answered and as read back");
}

async fn a_malformed_body_says_what_is_wrong(server: &TestServer) {
    let citizen = citizen(server).await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let (status, problem) =
        server.post("/api/v1/dossiers", Some(&citizen), &json!({ "procedure_code": PROCEDURE })).await;
    assert_eq!((status, problem["type"].as_str()), (400, Some("/problems/bad-body")));
    assert!(problem["detail"].as_str().expect("detail").contains("channel"), "{problem}");
    let (_, code) = received_online(server, &citizen).await;
    let (status, problem) = server.act(&intake, &code, json!({ "action": "fly" })).await;
    assert_eq!((status, problem["type"].as_str()), (400, Some("/problems/bad-body")), "{problem}");
}

fn at_hoan_kiem_counter() -> Value {
    json!({
        "procedure_code": PROCEDURE, "channel": "counter", "service_point": "HN-HOANKIEM",
        "competent_agency": BA_DINH_COMMITTEE, "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người nộp tại quầy", "phone": "0901234567" },
        "delivery": { "method": "counter", "service_point": "HN-HOANKIEM" },
    })
}

/// Counter reception at another commune's centre (boundary-free): the code of the dossier received.
async fn received_at_hoan_kiem(server: &TestServer) -> String {
    let hoan_kiem_intake = server.officer_token("hn.hoankiem.tiepnhan").await;
    let (status, at_counter) = server.post("/api/v1/dossiers", Some(&hoan_kiem_intake), &at_hoan_kiem_counter()).await;
    assert_eq!(status, 201, "{at_counter}");
    assert_eq!(
        (at_counter["status"].as_str(), at_counter["submitter_kind"].as_str()),
        (Some("received"), Some("officer_assisted"))
    );
    code_of(&at_counter)
}

async fn a_centre_elsewhere_in_the_province_receives_for_the_competent_agency(server: &TestServer) {
    let citizen = citizen(server).await;
    let (_, online_code) = received_online(server, &citizen).await;
    let counter_code = received_at_hoan_kiem(server).await;
    assert_ne!(counter_code, online_code);
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{counter_code}"), &specialist).await;
    assert_eq!(status, 200, "the competent agency sees what another centre received");
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{counter_code}"), &intake).await;
    assert_eq!(status, 404, "the Ba Đình counter did not receive it");
    let mut no_consent = at_hoan_kiem_counter();
    no_consent["applicant_consents"] = json!(false);
    let hoan_kiem_intake = server.officer_token("hn.hoankiem.tiepnhan").await;
    let (status, problem) = server.post("/api/v1/dossiers", Some(&hoan_kiem_intake), &no_consent).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("applicant_consents")));
}

/// A dossier in review that had one supplement asked for and handed in: its code.
async fn supplemented_once(server: &TestServer, citizen: &str) -> String {
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let (_, code) = received_online(server, citizen).await;
    server.must(&intake, &code, json!({ "action": "hand_over", "to": "review" })).await;
    let ask = json!({ "action": "request_supplement", "reason": "Thiếu sơ đồ thửa đất" });
    server.must(&specialist, &code, ask).await;
    server.must(citizen, &code, json!({ "action": "supplement" })).await;
    code
}

async fn two_supplements_make_a_dossier_late(server: &TestServer) {
    let citizen = citizen(server).await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let (two, two_code) = received_online(server, &citizen).await;
    server.must(&intake, &two_code, json!({ "action": "hand_over", "to": "review" })).await;
    let (status, problem) = server.act(&specialist, &two_code, json!({ "action": "request_supplement" })).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("reason")), "a supplement request says what to add");
    for round in 1..=2 {
        let ask = json!({ "action": "request_supplement", "reason": "Thiếu sơ đồ thửa đất" });
        let asked = server.must(&specialist, &two_code, ask).await;
        assert_eq!(asked["national_status_code"], 5);
        assert!(asked["clock_stopped_at"].is_string(), "the clock stops");
        let back = server.must(&citizen, &two_code, json!({ "action": "supplement" })).await;
        assert_eq!(back["status"], "processing");
        assert!(back["clock_stopped_at"].is_null());
        assert!(back["due_at"].as_str() >= two["due_at"].as_str(), "round {round}: the due date does not move earlier");
        assert_eq!(back["late"], round > 1, "round {round}");
    }
}

async fn a_dossier_refused_at_reception_is_not_received_later(server: &TestServer) {
    let citizen = citizen(server).await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let refused = submit_online(server, &citizen).await;
    let refused_id = refused["id"].as_str().expect("id").to_owned();
    let refusal = json!({ "action": "refuse_at_reception", "reason": "Thủ tục không thuộc thẩm quyền" });
    let refused = server.must(&intake, &refused_id, refusal).await;
    assert_eq!(refused["national_status_code"], 3);
    let (status, problem) = server.act(&intake, &refused_id, json!({ "action": "receive" })).await;
    assert_eq!((status, problem["type"].as_str()), (409, Some("/problems/transition-not-allowed")));
}

async fn the_applicant_withdraws_a_received_dossier(server: &TestServer) {
    let citizen = citizen(server).await;
    let (_, code) = received_online(server, &citizen).await;
    let withdrawn = server.must(&citizen, &code, json!({ "action": "withdraw", "note": "Tôi nộp nhầm" })).await;
    assert_eq!(withdrawn["national_status_code"], 7);
}

/// Late: an apology and a new date, which must be later than the one before.
async fn a_late_dossier_gets_an_apology_and_a_new_date(server: &TestServer) {
    let citizen = citizen(server).await;
    let leader = server.officer_token("hn.badinh.lanhdao").await;
    let (late, late_code) = received_online(server, &citizen).await;
    let due: chrono::DateTime<chrono::FixedOffset> = late["due_at"].as_str().expect("due").parse().expect("rfc3339");
    let new_due = (due + chrono::Duration::days(7)).to_rfc3339();
    let same_date = json!({ "action": "extend", "reason": "Chờ xác minh", "new_due_at": due.to_rfc3339() });
    let (status, problem) = server.act(&leader, &late_code, same_date).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("new_due_at")), "{problem}");
    let extension = json!({ "action": "extend", "reason": "Chờ xác minh hiện trạng", "new_due_at": new_due });
    let extended = server.must(&leader, &late_code, extension).await;
    assert_eq!(extended["late"], true);
    let apology = extended["history"].as_array().expect("history").last().expect("event").clone();
    assert_eq!(apology["action"], "extend");
    assert_eq!(apology["data"]["reason"], "Chờ xác minh hiện trạng");
}

/// Handed over to another agency (liên thông): the first agency keeps seeing it.
async fn a_dossier_handed_to_another_agency_stays_visible_to_the_first(server: &TestServer) {
    let citizen = citizen(server).await;
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let other_agency_specialist = server.officer_token("hn.tuphap.chuyenvien").await;
    let (_, shared_code) = received_online(server, &citizen).await;
    let to_police = json!({ "action": "hand_over", "to": "review", "to_agency": "000.04.02.H29" });
    let moved = server.must(&specialist, &shared_code, to_police).await;
    assert_eq!(moved["competent_agency"], "000.04.02.H29");
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{shared_code}"), &specialist).await;
    assert_eq!(status, 200, "the agency that handled it still sees it");
    let (_, listed) = server.get_as("/api/v1/dossiers", &specialist).await;
    assert!(listed["items"].as_array().expect("items").iter().any(|d| d["code"] == shared_code.as_str()));
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{shared_code}"), &other_agency_specialist).await;
    assert_eq!(status, 404);
    let to_hue = json!({ "action": "hand_over", "to": "review", "to_agency": "000.89.01.H57" });
    let (status, problem) = server.act(&specialist, &shared_code, to_hue).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("to_agency")), "not across provinces");
}

/// Returned by post with a tracking number.
async fn a_result_sent_by_post_needs_its_tracking_number(server: &TestServer) {
    let citizen = citizen(server).await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let leader = server.officer_token("hn.badinh.lanhdao").await;
    let post = json!({ "method": "post", "address": "12 Phố Huế, Phường Hai Bà Trưng, Hà Nội" });
    let (status, posted) = server.post("/api/v1/dossiers", Some(&citizen), &online(post)).await;
    assert_eq!(status, 201, "{posted}");
    let posted = server.must(&intake, posted["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    let posted_code = code_of(&posted);
    server.must(&intake, &posted_code, json!({ "action": "hand_over", "to": "approval" })).await;
    server.must(&leader, &posted_code, json!({ "action": "approve" })).await;
    let (status, problem) = server.act(&intake, &posted_code, json!({ "action": "return" })).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("tracking_number")));
    let with_number = json!({ "action": "return", "tracking_number": "EL123456789VN" });
    let returned = server.must(&intake, &posted_code, with_number).await;
    assert_eq!(
        (returned["national_status_code"].as_u64(), returned["tracking_number"].as_str()),
        (Some(10), Some("EL123456789VN"))
    );
}

/// Scope: outside it, a dossier does not exist; inside it, a role may still be refused.
async fn outside_its_scope_a_dossier_does_not_exist(server: &TestServer) {
    let citizen = citizen(server).await;
    let other_citizen = other_citizen(server).await;
    let code = code_of(&returned_online(server, &citizen).await);
    let (_, open_code) = received_online(server, &citizen).await;
    let other_province = server.officer_token("hue.giamsat").await;
    let other_agency_specialist = server.officer_token("hn.tuphap.chuyenvien").await;
    for (who, token) in [
        ("another citizen", &other_citizen),
        ("another province", &other_province),
        ("another agency", &other_agency_specialist),
    ] {
        let (status, problem) = server.get_as(&format!("/api/v1/dossiers/{code}"), token).await;
        assert_eq!(status, 404, "{who}: {problem}");
        assert_eq!(
            problem["detail"].as_str().map(|d| d.contains(&code)),
            Some(true),
            "{who} learns nothing but the code they asked for"
        );
        let (status, _) = server.act(token, &open_code, json!({ "action": "withdraw" })).await;
        assert_eq!(status, 404, "{who} cannot act either");
    }
    for username in [
        "hn.tiepnhan",
        "hn.buudien",
        "hn.luudong",
        "hn.tuphap.lanhdao",
        "hue.tiepnhan",
        "hue.thuanhoa.chuyenvien",
        "hue.thuanhoa.lanhdao",
    ] {
        let token = server.officer_token(username).await;
        let (status, _) = server.get_as(&format!("/api/v1/dossiers/{code}"), &token).await;
        assert_eq!(status, 404, "{username} works elsewhere");
        let (status, _) = server.get_as(&format!("/api/v1/dossiers/{code}/control-slip"), &token).await;
        assert_eq!(status, 404, "{username}: nor its slip");
        let (_, listed) = server.get_as("/api/v1/dossiers", &token).await;
        let listed = listed["items"].as_array().expect("items");
        assert!(listed.iter().all(|d| d["code"] != code.as_str()), "{username} does not list it");
    }
    for username in ["hn.giamsat", "quantri"] {
        let token = server.officer_token(username).await;
        let (status, _) = server.get_as(&format!("/api/v1/dossiers/{code}"), &token).await;
        assert_eq!(status, 200, "{username} watches the whole city");
    }
    let supervisor = server.officer_token("hn.giamsat").await;
    let (status, problem) = server.act(&supervisor, &open_code, json!({ "action": "approve" })).await;
    assert_eq!((status, problem["type"].as_str()), (403, Some("/problems/forbidden")));
    let (status, _) = server.act(&citizen, &open_code, json!({ "action": "approve" })).await;
    assert_eq!(status, 403);
    let (status, _) = server.send(reqwest::Method::GET, &format!("/api/v1/dossiers/{code}"), None, None, &[]).await;
    assert_eq!(status, 401);
    let (status, mine) = server.get_as("/api/v1/dossiers", &citizen).await;
    assert_eq!(status, 200);
    let mine: Vec<&str> = mine["items"].as_array().expect("items").iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(mine.len(), 2, "the citizen's own two dossiers, and no other: {mine:?}");
    assert!(mine.contains(&code.as_str()) && mine.contains(&open_code.as_str()), "{mine:?}");
    let (_, theirs) = server.get_as("/api/v1/dossiers", &other_citizen).await;
    assert!(theirs["items"].as_array().expect("items").is_empty());
}

/// Idempotency: a retried POST creates one dossier; a reused key with another body is refused.
async fn a_retried_submission_creates_one_dossier(server: &TestServer) {
    let other_citizen = other_citizen(server).await;
    let key = [("Idempotency-Key", "thu-lai-1")];
    let body = online(json!({ "method": "online" }));
    let (first_status, first) =
        server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&other_citizen), Some(&body), &key).await;
    let (second_status, second) =
        server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&other_citizen), Some(&body), &key).await;
    assert_eq!((first_status, second_status), (201, 201));
    assert_eq!(first["id"], second["id"]);
    let mut other_body = body.clone();
    other_body["form_data"] = json!({ "land_parcel": "khác" });
    let (status, _) =
        server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&other_citizen), Some(&other_body), &key).await;
    assert_eq!(status, 422);
    let (_, theirs) = server.get_as("/api/v1/dossiers", &other_citizen).await;
    assert_eq!(theirs["items"].as_array().expect("items").len(), 1);
}

/// The public lookup answers the right pair only, and nothing about the applicant.
async fn the_public_lookup_answers_the_right_pair_only(server: &TestServer) {
    let citizen = citizen(server).await;
    let code = code_of(&returned_online(server, &citizen).await);
    let (status, public) = server.get(&format!("/api/v1/lookup/{code}?id_number=001099012345")).await;
    assert_eq!(status, 200, "{public}");
    assert_eq!((public["status"].as_str(), public["national_status_code"].as_u64()), (Some("returned"), Some(10)));
    assert_eq!(public["history"].as_array().expect("history").len(), 6);
    let text = public.to_string();
    assert!(!text.contains("Công dân") && !text.contains(CITIZEN_PHONE) && !text.contains("hn.badinh"), "{text}");
    let (status, _) = server.get(&format!("/api/v1/lookup/{code}?phone=0912%20345%20678")).await;
    assert_eq!(status, 200);
    let (wrong, wrong_body) = server.get(&format!("/api/v1/lookup/{code}?id_number=079303123456")).await;
    let (unknown, unknown_body) = server.get("/api/v1/lookup/000.04.01.H29-991231-9999?id_number=001099012345").await;
    assert_eq!((wrong, unknown), (404, 404));
    assert_eq!(wrong_body["title"], unknown_body["title"]);
}

/// Documents: uploaded once, reused, results delivered to the applicant's store.
async fn documents_are_uploaded_once_reused_and_results_delivered(server: &TestServer) {
    let citizen = citizen(server).await;
    let other_citizen = other_citizen(server).await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let leader = server.officer_token("hn.badinh.lanhdao").await;
    let pdf = motcua_testkit::uploads::good_pdf();
    let result_pdf = motcua_testkit::uploads::good_files().swap_remove(1).bytes;
    // A raw body with no Content-Type at all is a file too.
    let untyped = server.client.post(server.url("/api/v1/documents?name=So%20do%20thua%20dat.jpg")).body(pdf.clone());
    let answer = server.exchange(untyped.bearer_auth(&citizen)).await;
    let (status, scan) = (answer.status, answer.json());
    assert_eq!(status, 201, "{scan}");
    assert_eq!(
        (scan["media_type"].as_str(), scan["file_name"].as_str()),
        (Some("application/pdf"), Some("So do thua dat.pdf"))
    );
    let sha = scan["sha256"].as_str().expect("sha").to_owned();
    let (status, refused) = server.upload(&citizen, "virus.pdf", b"MZ\x90\x00program".to_vec(), "vi").await;
    assert_eq!((status, refused["type"].as_str()), (422, Some("/problems/file-refused")));
    let mut with_documents = online(json!({ "method": "online" }));
    with_documents["documents"] = json!([{ "component_code": "TP1", "sha256": sha }]);
    let (status, first) = server.post("/api/v1/dossiers", Some(&citizen), &with_documents).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["documents"][0]["reused"], false);
    let (status, second) = server.post("/api/v1/dossiers", Some(&citizen), &with_documents).await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(second["documents"][0]["reused"], true, "the same paper is not handed in twice");
    let (status, _) = server.post("/api/v1/dossiers", Some(&other_citizen), &with_documents).await;
    assert_eq!(status, 404, "only one's own documents can be attached");
    // Another applicant handing in the same bytes is not reusing anything:
    // reuse is the same applicant's document used again.
    let (status, theirs) = server.upload(&other_citizen, "ban-sao.pdf", pdf.clone(), "vi").await;
    assert_eq!((status, theirs["sha256"].as_str()), (201, Some(sha.as_str())));
    let (status, other) = server.post("/api/v1/dossiers", Some(&other_citizen), &with_documents).await;
    assert_eq!(status, 201, "{other}");
    assert_eq!(other["documents"][0]["reused"], false, "someone else's identical file is not reuse");
    let second_id = second["id"].as_str().expect("id").to_owned();
    server.must(&intake, &second_id, json!({ "action": "receive" })).await;
    server.must(&intake, &second_id, json!({ "action": "hand_over", "to": "approval" })).await;
    let (status, result) = server.upload(&leader, "Quyet%20dinh.pdf", result_pdf.clone(), "vi").await;
    assert_eq!(status, 201);
    let result_sha = result["sha256"].as_str().expect("sha").to_owned();
    let approve = json!({ "action": "approve", "result_document": result_sha });
    let approved = server.must(&leader, &second_id, approve).await;
    assert_eq!(approved["result_document"], result_sha.as_str());
    let (_, mine) = server.get_as("/api/v1/documents", &citizen).await;
    let mine = mine["items"].as_array().expect("items");
    let delivered = mine.iter().find(|d| d["origin"] == "result").expect("the result is in the applicant's store");
    assert_eq!(delivered["sha256"], result_sha.as_str());
    assert_eq!(delivered["dossier_code"], approved["code"]);
    let download = server
        .exchange(server.client.get(server.url(&format!("/api/v1/documents/{result_sha}"))).bearer_auth(&citizen))
        .await;
    assert_eq!(download.status, 200);
    assert_eq!(download.header("content-type"), "application/pdf");
    assert_eq!(download.bytes, result_pdf);
    let (status, _) = server.get_as(&format!("/api/v1/documents/{result_sha}"), &other_citizen).await;
    assert_eq!(status, 404);
    let (status, _) = server.get_as(&format!("/api/v1/documents/{sha}"), &specialist).await;
    assert_eq!(status, 200, "the competent agency reads what is attached to its dossiers");
    let (status, _) = server.get_as("/api/v1/documents/..%2F..%2Fetc%2Fpasswd", &citizen).await;
    assert_eq!(status, 404);
}

/// The control slip and the tracking book are views of the history.
async fn the_control_slip_and_the_tracking_book_are_views_of_the_history(server: &TestServer) {
    let citizen = citizen(server).await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let code = code_of(&returned_online(server, &citizen).await);
    let counter_code = received_at_hoan_kiem(server).await;
    let (status, slip) = server.get_as(&format!("/api/v1/dossiers/{code}/control-slip"), &specialist).await;
    assert_eq!(status, 200, "{slip}");
    let rows = slip["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 6);
    assert_eq!(
        (rows[2]["giver"].as_str(), rows[2]["receiver"].as_str()),
        (Some("hn.badinh.tiepnhan"), Some("hn.badinh.chuyenvien"))
    );
    assert_eq!(rows[3]["receiver"], "hn.badinh.lanhdao", "the next to act received it");
    let today =
        chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).expect("offset")).date_naive();
    let (status, book) = server.get_as(&format!("/api/v1/tracking-book?from={today}&to={today}"), &intake).await;
    assert_eq!(status, 200, "{book}");
    let codes: Vec<&str> =
        book["rows"].as_array().expect("rows").iter().map(|r| r["code"].as_str().expect("code")).collect();
    assert!(codes.contains(&code.as_str()) && !codes.contains(&counter_code.as_str()), "{codes:?}");
    let (status, _) = server.get_as(&format!("/api/v1/tracking-book?from={today}&to={today}"), &citizen).await;
    assert_eq!(status, 403);
    let (status, problem) = server.get_as("/api/v1/tracking-book?from=2025-13-01&to=2025-12-31", &intake).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("from")));
}

/// Every history verifies; an edited event is named.
async fn every_history_verifies_and_an_edited_event_is_named(server: &TestServer) {
    let citizen = citizen(server).await;
    let code = code_of(&returned_online(server, &citizen).await);
    let edited = supplemented_once(server, &citizen).await;
    let output = support::run_cli(&server.database_url, &["verify-history"]);
    assert!(output.contains("dossier histories verified"), "{output}");
    tamper(&server.database_url, &edited).await;
    let failure = support::run_cli_output(&server.database_url, &["verify-history"]);
    assert!(!failure.status.success());
    let stdout = String::from_utf8_lossy(&failure.stdout);
    assert!(stdout.contains(&edited), "{stdout}");
    assert!(!stdout.contains(&code), "only the edited dossier is named: {stdout}");
}

/// Edits one event's note behind the application's back.
async fn tamper(database_url: &str, code: &str) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(database_url).await.expect("connect");
    let statement = format!(
        "UPDATE dossier_events SET note = 'sửa lén' WHERE sequence = 3 AND dossier_id = (SELECT id FROM dossiers WHERE code = '{code}')"
    );
    let result = connection.execute(statement.as_str()).await.expect("tamper");
    assert_eq!(sqlx::any::AnyQueryResult::rows_affected(&result), 1);
    connection.close().await.ok();
}

/// A client that retries with its Idempotency-Key after the server died
/// mid-request gets one dossier, whichever side of the commit the crash fell.
async fn idempotent_across_crashes(backend: motcua_testkit::TestBackend) {
    let mut server = TestServer::start(backend).await;
    let citizen = citizen(&server).await;
    let body = online(json!({ "method": "online" }));
    for round in 0..4u64 {
        let key = format!("mat-dien-{round}");
        let in_flight = server
            .client
            .post(server.url("/api/v1/dossiers"))
            .bearer_auth(&citizen)
            .header("Idempotency-Key", &key)
            .json(&body)
            .send();
        let cut = tokio::spawn(in_flight);
        tokio::time::sleep(std::time::Duration::from_millis(round * 4)).await;
        server.crash_and_restart();
        let _ = cut.await;
        let headers = [("Idempotency-Key", key.as_str())];
        let (status, retried) =
            server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&citizen), Some(&body), &headers).await;
        assert_eq!(status, 201, "round {round}: {retried}");
        let (status, again) =
            server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&citizen), Some(&body), &headers).await;
        assert_eq!((status, &again["id"]), (201, &retried["id"]), "round {round}");
    }
    let (_, mine) = server.get_as("/api/v1/dossiers", &citizen).await;
    assert_eq!(mine["items"].as_array().expect("items").len(), 4, "one dossier per key, none lost, none doubled");
    let output = support::run_cli(&server.database_url, &["verify-history"]);
    assert!(output.contains("verified"), "{output}");
}

#[tokio::test]
async fn idempotent_across_crashes_on_sqlite() {
    idempotent_across_crashes(motcua_testkit::TestBackend::Sqlite).await;
}

#[tokio::test]
async fn idempotent_across_crashes_on_postgres() {
    if motcua_testkit::postgres_skipped() {
        return;
    }
    idempotent_across_crashes(motcua_testkit::TestBackend::Postgres).await;
}
