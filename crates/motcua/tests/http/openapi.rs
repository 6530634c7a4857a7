//! The OpenAPI document against the product: it describes exactly the API
//! routes the router defines, the binary serves it as written, and every
//! response it documents with a JSON body is produced by a real request
//! here and found to fit its schema (the support checks every answer of
//! every test; this test makes sure each documented answer is among them).

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::support::contract::{self, Documented};
use crate::support::{DEMO_PASSWORD, TestServer, on_both_backends, repository_file};

on_both_backends!(every_documented_response_is_checked_against_a_real_one);

/// The text of every Rust file of the web crate: the router is in `lib.rs`
/// today, and read wherever its `.route(…)` calls move.
fn web_crate_sources() -> String {
    fn walk(dir: &std::path::Path, text: &mut String) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, text);
            } else if path.extension().is_some_and(|e| e == "rs") {
                text.push_str(&std::fs::read_to_string(&path).expect("a source file"));
            }
        }
    }
    let mut text = String::new();
    walk(&repository_file("crates/motcua-web/src"), &mut text);
    text
}

#[test]
fn every_api_route_is_documented_and_the_document_names_no_other() {
    let routed = contract::routed_operations(&web_crate_sources());
    assert!(routed.len() > 25, "the router's API routes were found: {routed:?}");
    let documented = contract::operations();
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(undocumented.is_empty(), "routed but not in openapi.json: {undocumented:?}");
    assert!(unrouted.is_empty(), "in openapi.json but not routed: {unrouted:?}");
}

/// Responses no test can cause on this backend, and why.
fn out_of_reach(server: &TestServer) -> BTreeSet<Documented> {
    let mut out = BTreeSet::new();
    if server.database_url.starts_with("sqlite:") {
        // A running server keeps its SQLite file open: nothing outside it can take the database away.
        out.insert(Documented { path: "/healthz".into(), method: "get".into(), status: 503 });
    }
    out
}

/// Makes the database refuse the server, as a PostgreSQL server that went away does.
async fn take_the_database_away(server: &TestServer) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let name = server.database_url.rsplit('/').next().unwrap_or_default().split('?').next().unwrap_or_default();
    let mut admin = sqlx::AnyConnection::connect(&motcua_testkit::postgres_admin_url()).await.expect("admin");
    admin.execute(format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false").as_str()).await.expect("close");
    let terminate = format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
    admin.execute(terminate.as_str()).await.expect("terminate");
    admin.close().await.ok();
}

async fn every_documented_response_is_checked_against_a_real_one(server: &TestServer) {
    let (status, served) = server.get("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(served["openapi"], "3.1.0");
    assert_eq!(&served, contract::document(), "the binary serves openapi.json as written");

    public_answers(server).await;
    account_answers(server).await;
    dossier_answers(server).await;
    document_answers(server).await;
    figure_answers(server).await;
    // Last: the server has no database any more afterwards.
    if !server.database_url.starts_with("sqlite:") {
        take_the_database_away(server).await;
        let (status, problem) = server.get("/healthz").await;
        assert_eq!((status, problem["type"].as_str()), (503, Some("/problems/unavailable")), "{problem}");
    }

    let answered = server.answered();
    let expected: BTreeSet<Documented> =
        contract::json_responses().difference(&out_of_reach(server)).cloned().collect();
    let missing: Vec<String> = expected.difference(&answered).map(ToString::to_string).collect();
    assert!(missing.is_empty(), "documented responses no request produced:\n  {}", missing.join("\n  "));
}

/// Asks and checks the status; the support has checked the body against the document.
async fn expect(server: &TestServer, status: u16, path: &str) -> Value {
    let (got, body) = server.get(path).await;
    assert_eq!(got, status, "GET {path}: {body}");
    body
}

async fn public_answers(server: &TestServer) {
    expect(server, 200, "/healthz").await;
    expect(server, 200, "/api/v1/units/provinces").await;
    for (status, code) in [(200, "01"), (400, "1"), (404, "99")] {
        for list in ["communes", "agencies", "service-points"] {
            expect(server, status, &format!("/api/v1/units/provinces/{code}/{list}")).await;
        }
    }
    expect(server, 200, "/api/v1/units/provinces/01/service-points?near=00376").await;
    expect(server, 200, "/api/v1/procedures?q=ho%20tich&per_page=5").await;
    expect(server, 400, "/api/v1/procedures?level=planet").await;
    for (status, code) in [(200, "1.004194"), (200, "3.000616"), (400, "x%20y"), (404, "9.999999")] {
        expect(server, status, &format!("/api/v1/procedures/{code}")).await;
    }
    expect(server, 200, "/api/v1/calendar/2026").await;
    expect(server, 400, "/api/v1/calendar/1899").await;
    let due = "/api/v1/calendar/due?received_at=2025-11-03T08:00:00Z&amount=1&unit=HOUR";
    expect(server, 200, due).await;
    expect(server, 400, "/api/v1/calendar/due?amount=1&unit=HOUR").await;
    expect(server, 404, &format!("{due}&service_point=NO-SUCH-POINT")).await;
}

async fn account_answers(server: &TestServer) {
    let registration = json!({
        "id_number": "001099012345", "full_name": "Công dân thử nghiệm", "phone": "0912345678", "password": "mat-khau-dai"
    });
    let (status, _) = server.post("/api/v1/citizens", None, &registration).await;
    assert_eq!(status, 201);
    let mut malformed = registration.clone();
    malformed["id_number"] = json!("123");
    assert_eq!(server.post("/api/v1/citizens", None, &malformed).await.0, 400);
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let citizen = server.citizen_token("001099012345", "mat-khau-dai").await;
    let verification = json!({ "id_number": "001099012345", "phone": "0912345678", "card_checked": true });
    for (token, status) in [(None, 401), (Some(citizen.as_str()), 403), (Some(intake.as_str()), 200)] {
        assert_eq!(server.post("/api/v1/account-verifications", token, &verification).await.0, status);
    }
    assert_eq!(server.post("/api/v1/account-verifications", Some(&intake), &verification).await.0, 409);
    assert_eq!(server.post("/api/v1/citizens", None, &registration).await.0, 409, "the number is held now");
    let unchecked = json!({ "id_number": "001099012345", "phone": "0912345678", "card_checked": false });
    assert_eq!(server.post("/api/v1/account-verifications", Some(&intake), &unchecked).await.0, 400);
    let nobody = json!({ "id_number": "079303123456", "phone": "0987654321", "card_checked": true });
    assert_eq!(server.post("/api/v1/account-verifications", Some(&intake), &nobody).await.0, 404);

    let citizen = server.citizen_token("001099012345", "mat-khau-dai").await;
    assert_eq!(server.get_as("/api/v1/me", &citizen).await.0, 200);
    assert_eq!(server.get_as("/api/v1/me", &intake).await.0, 200);
    assert_eq!(server.get("/api/v1/me").await.0, 401);
    assert_eq!(server.get_as("/api/v1/me/account", &citizen).await.0, 200);
    assert_eq!(server.get_as("/api/v1/me/account", &intake).await.0, 403, "an officer has no citizen's account");
    assert_eq!(server.get("/api/v1/me/account").await.0, 401);

    assert_eq!(server.post("/api/v1/sessions", None, &json!({ "password": "x" })).await.0, 400);
    let wrong = json!({ "username": "hn.tuphap.lanhdao", "password": "doan-sai" });
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(server.post("/api/v1/sessions", None, &wrong).await.0);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429], "wrong passwords are slowed down");
    let leaving = server.citizen_token("001099012345", "mat-khau-dai").await;
    let (status, _) = server.send(reqwest::Method::DELETE, "/api/v1/sessions", Some(&leaving), None, &[]).await;
    assert_eq!(status, 204);
    let (status, _) = server.send(reqwest::Method::DELETE, "/api/v1/sessions", Some(&leaving), None, &[]).await;
    assert_eq!(status, 401, "a session ends once");
}

/// A dossier submitted online by a demo citizen of Hà Nội and received at Ba Đình: its code.
async fn received_dossier(server: &TestServer, citizen: &str, intake: &str) -> String {
    let submission = json!({
        "procedure_code": "1.115504", "channel": "online", "competent_agency": "000.04.01.H29",
        "form_data": {}, "delivery": { "method": "online" },
    });
    let (status, submitted) = server.post("/api/v1/dossiers", Some(citizen), &submission).await;
    assert_eq!(status, 201, "{submitted}");
    let received = server.must(intake, submitted["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    received["code"].as_str().expect("code").to_owned()
}

async fn dossier_answers(server: &TestServer) {
    let citizen = server.citizen_token("001190000001", DEMO_PASSWORD).await;
    let stranger = server.citizen_token("046085000002", DEMO_PASSWORD).await;
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let supervisor = server.officer_token("hn.giamsat").await;
    let code = received_dossier(server, &citizen, &intake).await;
    let dossier = format!("/api/v1/dossiers/{code}");

    let submission = json!({
        "procedure_code": "1.115504", "channel": "counter", "service_point": "HN-BADINH",
        "competent_agency": "000.04.01.H29", "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người nộp tại quầy", "phone": "0901234567" },
        "delivery": { "method": "counter", "service_point": "HN-BADINH" },
    });
    assert_eq!(server.post("/api/v1/dossiers", None, &submission).await.0, 401);
    assert_eq!(server.post("/api/v1/dossiers", Some(&supervisor), &submission).await.0, 403);
    assert_eq!(server.post("/api/v1/dossiers", Some(&intake), &json!({ "channel": "counter" })).await.0, 400);
    let mut elsewhere = submission.clone();
    elsewhere["competent_agency"] = json!("000.99.99.H29");
    assert_eq!(server.post("/api/v1/dossiers", Some(&intake), &elsewhere).await.0, 404);
    let key = [("Idempotency-Key", "hop-dong-1")];
    let (status, _) =
        server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&intake), Some(&submission), &key).await;
    assert_eq!(status, 201);
    let mut changed = submission.clone();
    changed["applicant"]["full_name"] = json!("Người khác");
    let (status, _) = server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&intake), Some(&changed), &key).await;
    assert_eq!(status, 422, "a key used again for another body");

    assert_eq!(server.get_as("/api/v1/dossiers", &citizen).await.0, 200);
    assert_eq!(server.get("/api/v1/dossiers").await.0, 401);
    assert_eq!(server.get_as(&dossier, &citizen).await.0, 200);
    assert_eq!(server.get(&dossier).await.0, 401);
    assert_eq!(server.get_as(&dossier, &stranger).await.0, 404);
    let slip = format!("{dossier}/control-slip");
    assert_eq!(server.get_as(&slip, &intake).await.0, 200);
    assert_eq!(server.get(&slip).await.0, 401);
    assert_eq!(server.get_as(&slip, &stranger).await.0, 404);

    let actions = format!("{dossier}/actions");
    assert_eq!(server.post(&actions, None, &json!({ "action": "withdraw" })).await.0, 401);
    assert_eq!(server.act(&intake, &code, json!({ "action": "fly" })).await.0, 400);
    assert_eq!(server.act(&supervisor, &code, json!({ "action": "approve" })).await.0, 403);
    assert_eq!(server.act(&stranger, &code, json!({ "action": "withdraw" })).await.0, 404);
    assert_eq!(server.act(&intake, &code, json!({ "action": "receive" })).await.0, 409);
    // The payment asked for: its place and amount are part of the dossier then.
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    server.must(&intake, &code, json!({ "action": "hand_over", "to": "review" })).await;
    let asked = server.must(&specialist, &code, json!({ "action": "request_payment", "amount_dong": 50000 })).await;
    assert!(asked["payment_due"].is_object(), "{asked}");

    let book = "/api/v1/tracking-book?from=2026-01-01&to=2026-12-31";
    assert_eq!(server.get_as(book, &intake).await.0, 200);
    assert_eq!(server.get_as("/api/v1/tracking-book?from=2026-13-01&to=2026-12-31", &intake).await.0, 400);
    assert_eq!(server.get(book).await.0, 401);
    assert_eq!(server.get_as(book, &citizen).await.0, 403);

    expect(server, 200, &format!("/api/v1/lookup/{code}?id_number=001190000001")).await;
    expect(server, 404, &format!("/api/v1/lookup/{code}?id_number=079303123456")).await;
}

async fn document_answers(server: &TestServer) {
    let citizen = server.citizen_token("031075000004", DEMO_PASSWORD).await;
    let stranger = server.citizen_token("046085000002", DEMO_PASSWORD).await;
    let (status, stored) = server.upload(&citizen, "don.pdf", motcua_testkit::uploads::good_pdf(), "vi").await;
    assert_eq!(status, 201, "{stored}");
    let sha = stored["sha256"].as_str().expect("sha256").to_owned();
    assert_eq!(server.upload(&citizen, "hong.pdf", b"%PDF-1.7 cut".to_vec(), "vi").await.0, 422);
    let too_large = vec![b'x'; 20 * 1024 * 1024 + 16];
    assert_eq!(server.upload(&citizen, "lon.pdf", too_large, "vi").await.0, 413);
    let form = reqwest::multipart::Form::new().text("name", "don.pdf");
    let as_form = server.client.post(server.url("/api/v1/documents?name=don.pdf")).bearer_auth(&citizen);
    assert_eq!(server.exchange(as_form.multipart(form)).await.status, 415);
    let anonymous = server.client.post(server.url("/api/v1/documents?name=don.pdf")).body(b"%PDF".to_vec());
    assert_eq!(server.exchange(anonymous).await.status, 401);

    assert_eq!(server.get_as("/api/v1/documents", &citizen).await.0, 200);
    assert_eq!(server.get("/api/v1/documents").await.0, 401);
    let download = format!("/api/v1/documents/{sha}");
    let own = server.exchange(server.client.get(server.url(&download)).bearer_auth(&citizen)).await;
    assert_eq!((own.status, own.header("content-type")), (200, "application/pdf"));
    assert_eq!(server.get(&download).await.0, 401);
    assert_eq!(server.get_as(&download, &stranger).await.0, 404);
}

async fn figure_answers(server: &TestServer) {
    let period = "from=2021-01-01&to=2030-12-31";
    expect(server, 200, &format!("/api/v1/indicators?unit=01&{period}")).await;
    expect(server, 400, "/api/v1/indicators?channel=fax").await;
    expect(server, 404, "/api/v1/indicators?unit=99").await;
    expect(server, 200, &format!("/api/v1/index766?unit=01&{period}")).await;
    expect(server, 400, "/api/v1/index766?unit=1A").await;
    expect(server, 404, "/api/v1/index766?unit=99").await;
    let supervisor = server.officer_token("hn.giamsat").await;
    let hue_supervisor = server.officer_token("hue.giamsat").await;
    let citizen = server.citizen_token("001190000001", DEMO_PASSWORD).await;
    let behind = format!("/api/v1/indicators/dossiers?unit=01&{period}&measure=on_time");
    assert_eq!(server.get_as(&behind, &supervisor).await.0, 200);
    assert_eq!(server.get_as(&format!("{behind}&counting=false"), &supervisor).await.0, 200);
    assert_eq!(server.get_as("/api/v1/indicators/dossiers?measure=nothing", &supervisor).await.0, 400);
    assert_eq!(server.get(&behind).await.0, 401);
    assert_eq!(server.get_as(&behind, &citizen).await.0, 403);
    assert_eq!(server.get_as(&behind, &hue_supervisor).await.0, 404);
}
