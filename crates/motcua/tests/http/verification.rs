//! Accounts only claim an identification number until an officer checks
//! the card at a counter: a claim sees nothing received for the number, the
//! real holder can still register and be verified, and only then sees the
//! dossiers received with the card checked.

use motcua_testkit::TestBackend;
use serde_json::{Value, json};

use crate::support::TestServer;

const NUMBER: &str = "001095004321";

fn at_counter(card_checked: bool) -> Value {
    json!({
        "procedure_code": "1.115504", "channel": "counter", "service_point": "HN-HOANKIEM",
        "competent_agency": "000.04.01.H29", "applicant_consents": true,
        "applicant_identity_checked": card_checked,
        "applicant": { "id_number": NUMBER, "full_name": "Trần Thị Chủ Thật", "phone": "0922222222",
                       "address": "Số 5 phố Hàng Bài, Hoàn Kiếm" },
        "delivery": { "method": "counter", "service_point": "HN-HOANKIEM" },
    })
}

async fn register(server: &TestServer, phone: &str, password: &str) -> (u16, Value) {
    let body = json!({ "id_number": NUMBER, "full_name": "Người đăng ký", "phone": phone, "password": password });
    server.post("/api/v1/citizens", None, &body).await
}

async fn sign_in(server: &TestServer, password: &str) -> String {
    let (status, session) =
        server.post("/api/v1/sessions", None, &json!({ "id_number": NUMBER, "password": password })).await;
    assert_eq!(status, 201, "{session}");
    session["token"].as_str().expect("token").to_owned()
}

async fn listed(server: &TestServer, token: &str) -> Vec<String> {
    let (status, list) = server.get_as("/api/v1/dossiers", token).await;
    assert_eq!(status, 200, "{list}");
    list["items"].as_array().expect("items").iter().map(|d| d["id"].as_str().unwrap_or_default().to_owned()).collect()
}

async fn verification(backend: TestBackend) {
    let server = TestServer::start(backend).await;
    let intake = server.officer_token("hn.hoankiem.tiepnhan").await;
    let (status, checked) = server.post("/api/v1/dossiers", Some(&intake), &at_counter(true)).await;
    assert_eq!(status, 201, "{checked}");
    let (status, unchecked) = server.post("/api/v1/dossiers", Some(&intake), &at_counter(false)).await;
    assert_eq!(status, 201, "{unchecked}");
    let checked_id = checked["id"].as_str().expect("id").to_owned();
    let checked_code = checked["code"].as_str().expect("code").to_owned();
    // Decided before the holder's account is verified, with an electronic result.
    let leader = server.officer_token("hn.badinh.lanhdao").await;
    let handed = json!({ "action": "hand_over", "to": "approval" });
    let (status, body) = server.post(&format!("/api/v1/dossiers/{checked_id}/actions"), Some(&intake), &handed).await;
    assert_eq!(status, 200, "{body}");
    let result_pdf = motcua_testkit::uploads::good_pdf();
    let uploaded = server
        .client
        .post(server.url("/api/v1/documents?name=ket-qua.pdf"))
        .bearer_auth(&leader)
        .body(result_pdf)
        .send()
        .await
        .expect("upload");
    assert_eq!(uploaded.status().as_u16(), 201);
    let result_sha = uploaded.json::<Value>().await.expect("document")["sha256"].as_str().expect("sha").to_owned();
    let approve = json!({ "action": "approve", "result_document": result_sha });
    let (status, body) = server.post(&format!("/api/v1/dossiers/{checked_id}/actions"), Some(&leader), &approve).await;
    assert_eq!(status, 200, "{body}");

    // Someone else claims the number online: they see none of it.
    let (status, claim) = register(&server, "0911111111", "ke-mao-danh-1").await;
    assert_eq!(status, 201, "{claim}");
    assert_eq!(claim["verified"], false);
    let impostor = sign_in(&server, "ke-mao-danh-1").await;
    assert!(listed(&server, &impostor).await.is_empty(), "a claim sees nothing received for the number");
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{checked_code}"), &impostor).await;
    assert_eq!(status, 404);
    let (status, _) = server
        .post(&format!("/api/v1/dossiers/{checked_id}/actions"), Some(&impostor), &json!({ "action": "withdraw" }))
        .await;
    assert_eq!(status, 404, "nor can it withdraw it");

    // The real holder can still register; until verified they see nothing either.
    let (status, owner_account) = register(&server, "0922222222", "chu-that-2").await;
    assert_eq!(status, 201, "a claim does not block the holder: {owner_account}");
    let owner = sign_in(&server, "chu-that-2").await;
    assert!(listed(&server, &owner).await.is_empty());
    let (_, account) = server.get_as("/api/v1/me/account", &owner).await;
    assert_eq!((account["verified"].as_bool(), account["id"].clone()), (Some(false), owner_account["id"].clone()));

    // Verification is an officer's act at a counter, with the card checked.
    let body = |card_checked: bool| json!({ "id_number": NUMBER, "phone": "0922222222", "card_checked": card_checked });
    let (status, problem) = server.post("/api/v1/account-verifications", Some(&intake), &body(false)).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("card_checked")), "{problem}");
    let (status, _) = server.post("/api/v1/account-verifications", Some(&owner), &body(true)).await;
    assert_eq!(status, 403, "a citizen cannot verify themselves");
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let (status, _) = server.post("/api/v1/account-verifications", Some(&specialist), &body(true)).await;
    assert_eq!(status, 403, "the back office does not meet applicants");
    let wrong_phone = json!({ "id_number": NUMBER, "phone": "0933333333", "card_checked": true });
    let (status, _) = server.post("/api/v1/account-verifications", Some(&intake), &wrong_phone).await;
    assert_eq!(status, 404, "no account claims the number with that phone");
    let (status, verified) = server.post("/api/v1/account-verifications", Some(&intake), &body(true)).await;
    assert_eq!(status, 200, "{verified}");
    assert_eq!(verified["account"]["id"], owner_account["id"]);
    assert_eq!(verified["dossiers_linked"], 1, "only the dossier received with the card checked");

    // Its rights changed, so its sessions ended; signed in again it sees the checked dossier only.
    let (status, _) = server.get_as("/api/v1/dossiers", &owner).await;
    assert_eq!(status, 401);
    let owner = sign_in(&server, "chu-that-2").await;
    assert_eq!(listed(&server, &owner).await, vec![checked_id.clone()]);
    let (_, account) = server.get_as("/api/v1/me/account", &owner).await;
    assert_eq!(account["verified"], true);
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{checked_code}"), &owner).await;
    assert_eq!(status, 200);
    // The result issued before verification is in the holder's documents now.
    let (_, documents) = server.get_as("/api/v1/documents", &owner).await;
    let results: Vec<&Value> =
        documents["items"].as_array().expect("items").iter().filter(|d| d["origin"] == "result").collect();
    assert_eq!(results.len(), 1, "{documents}");
    assert_eq!(
        (results[0]["sha256"].as_str(), results[0]["dossier_code"].as_str()),
        (Some(result_sha.as_str()), Some(checked_code.as_str()))
    );
    let (_, theirs) = server.get_as("/api/v1/documents", &sign_in(&server, "ke-mao-danh-1").await).await;
    assert!(theirs["items"].as_array().expect("items").iter().all(|d| d["origin"] != "result"), "{theirs}");

    // A dossier received later with the card checked is the holder's at once.
    let (_, later) = server.post("/api/v1/dossiers", Some(&intake), &at_counter(true)).await;
    let owned = listed(&server, &owner).await;
    assert!(owned.contains(&later["id"].as_str().expect("id").to_owned()) && owned.len() == 2, "{owned:?}");

    // The claim still sees nothing, and signs in to its own account only.
    assert!(listed(&server, &sign_in(&server, "ke-mao-danh-1").await).await.is_empty());
    // The number is now held: no new claim, no second verification.
    let (status, problem) = register(&server, "0944444444", "mot-nguoi-khac").await;
    assert_eq!(status, 409, "{problem}");
    let (status, _) = server.post("/api/v1/account-verifications", Some(&intake), &body(true)).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn only_verified_accounts_see_dossiers_received_for_their_number_on_sqlite() {
    verification(TestBackend::Sqlite).await;
}

#[tokio::test]
async fn only_verified_accounts_see_dossiers_received_for_their_number_on_postgres() {
    if motcua_testkit::postgres_skipped() {
        return;
    }
    verification(TestBackend::Postgres).await;
}
