//! Accounts only claim an identification number until an officer checks
//! the card at a counter: a claim sees nothing received for the number, the
//! real holder can still register and be verified, and only then sees the
//! dossiers received with the card checked.

use serde_json::{Value, json};

use crate::support::{TestServer, on_both_backends};

const NUMBER: &str = "001095004321";
const HOLDER_PHONE: &str = "0922222222";
const HOLDER_PASSWORD: &str = "chu-that-2";
const CLAIM_PASSWORD: &str = "ke-mao-danh-1";

on_both_backends!(
    a_claim_on_the_number_sees_nothing_received_for_it,
    verifying_an_account_is_an_intake_officers_act_with_the_card_checked,
    a_verified_holder_sees_the_checked_dossiers_and_their_results,
);

fn at_counter(card_checked: bool) -> Value {
    json!({
        "procedure_code": "1.115504", "channel": "counter", "service_point": "HN-HOANKIEM",
        "competent_agency": "000.04.01.H29", "applicant_consents": true,
        "applicant_identity_checked": card_checked,
        "applicant": { "id_number": NUMBER, "full_name": "Trần Thị Chủ Thật", "phone": HOLDER_PHONE,
                       "address": "Số 5 phố Hàng Bài, Hoàn Kiếm" },
        "delivery": { "method": "counter", "service_point": "HN-HOANKIEM" },
    })
}

async fn register(server: &TestServer, phone: &str, password: &str) -> (u16, Value) {
    let body = json!({ "id_number": NUMBER, "full_name": "Người đăng ký", "phone": phone, "password": password });
    server.post("/api/v1/citizens", None, &body).await
}

async fn listed(server: &TestServer, token: &str) -> Vec<String> {
    let (status, list) = server.get_as("/api/v1/dossiers", token).await;
    assert_eq!(status, 200, "{list}");
    list["items"].as_array().expect("items").iter().map(|d| d["id"].as_str().unwrap_or_default().to_owned()).collect()
}

/// What a counter received for the number before anyone registered it.
struct Received {
    /// Hoàn Kiếm's intake officer, who received both.
    intake: String,
    /// Received with the card checked, and decided with an electronic result.
    checked_id: String,
    checked_code: String,
    result_sha: String,
}

/// Two dossiers received at Hoàn Kiếm's counter for the number, one with the
/// card checked, one without; the checked one decided with an electronic
/// result before the holder's account is verified.
async fn received_for_the_number(server: &TestServer) -> Received {
    let intake = server.officer_token("hn.hoankiem.tiepnhan").await;
    let (status, checked) = server.post("/api/v1/dossiers", Some(&intake), &at_counter(true)).await;
    assert_eq!(status, 201, "{checked}");
    let (status, unchecked) = server.post("/api/v1/dossiers", Some(&intake), &at_counter(false)).await;
    assert_eq!(status, 201, "{unchecked}");
    let checked_id = checked["id"].as_str().expect("id").to_owned();
    let checked_code = checked["code"].as_str().expect("code").to_owned();
    let leader = server.officer_token("hn.badinh.lanhdao").await;
    server.must(&intake, &checked_id, json!({ "action": "hand_over", "to": "approval" })).await;
    let (status, uploaded) = server.upload(&leader, "ket-qua.pdf", motcua_testkit::uploads::good_pdf(), "vi").await;
    assert_eq!(status, 201, "{uploaded}");
    let result_sha = uploaded["sha256"].as_str().expect("sha").to_owned();
    server.must(&leader, &checked_id, json!({ "action": "approve", "result_document": result_sha })).await;
    Received { intake, checked_id, checked_code, result_sha }
}

/// Someone else claims the number online: a bearer token of the claim.
async fn claimed_by_someone_else(server: &TestServer) -> String {
    let (status, claim) = register(server, "0911111111", CLAIM_PASSWORD).await;
    assert_eq!(status, 201, "{claim}");
    assert_eq!(claim["verified"], false);
    server.citizen_token(NUMBER, CLAIM_PASSWORD).await
}

/// The real holder registers after the claim: a bearer token and the account.
async fn registered_holder(server: &TestServer) -> (String, Value) {
    let (status, account) = register(server, HOLDER_PHONE, HOLDER_PASSWORD).await;
    assert_eq!(status, 201, "a claim does not block the holder: {account}");
    (server.citizen_token(NUMBER, HOLDER_PASSWORD).await, account)
}

fn verification(card_checked: bool) -> Value {
    json!({ "id_number": NUMBER, "phone": HOLDER_PHONE, "card_checked": card_checked })
}

async fn a_claim_on_the_number_sees_nothing_received_for_it(server: &TestServer) {
    let received = received_for_the_number(server).await;
    let impostor = claimed_by_someone_else(server).await;
    assert!(listed(server, &impostor).await.is_empty(), "a claim sees nothing received for the number");
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{}", received.checked_code), &impostor).await;
    assert_eq!(status, 404);
    let (status, _) = server.act(&impostor, &received.checked_id, json!({ "action": "withdraw" })).await;
    assert_eq!(status, 404, "nor can it withdraw it");

    // The real holder can still register; until verified they see nothing either.
    let (owner, owner_account) = registered_holder(server).await;
    assert!(listed(server, &owner).await.is_empty());
    let (_, account) = server.get_as("/api/v1/me/account", &owner).await;
    assert_eq!((account["verified"].as_bool(), account["id"].clone()), (Some(false), owner_account["id"].clone()));
}

/// Verification is an officer's act at a counter, with the card checked.
async fn verifying_an_account_is_an_intake_officers_act_with_the_card_checked(server: &TestServer) {
    let received = received_for_the_number(server).await;
    claimed_by_someone_else(server).await;
    let (owner, owner_account) = registered_holder(server).await;
    let intake = &received.intake;
    let (status, problem) = server.post("/api/v1/account-verifications", Some(intake), &verification(false)).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("card_checked")), "{problem}");
    let (status, _) = server.post("/api/v1/account-verifications", Some(&owner), &verification(true)).await;
    assert_eq!(status, 403, "a citizen cannot verify themselves");
    let specialist = server.officer_token("hn.badinh.chuyenvien").await;
    let (status, _) = server.post("/api/v1/account-verifications", Some(&specialist), &verification(true)).await;
    assert_eq!(status, 403, "the back office does not meet applicants");
    let wrong_phone = json!({ "id_number": NUMBER, "phone": "0933333333", "card_checked": true });
    let (status, _) = server.post("/api/v1/account-verifications", Some(intake), &wrong_phone).await;
    assert_eq!(status, 404, "no account claims the number with that phone");
    let (status, verified) = server.post("/api/v1/account-verifications", Some(intake), &verification(true)).await;
    assert_eq!(status, 200, "{verified}");
    assert_eq!(verified["account"]["id"], owner_account["id"]);
    assert_eq!(verified["dossiers_linked"], 1, "only the dossier received with the card checked");
}

async fn a_verified_holder_sees_the_checked_dossiers_and_their_results(server: &TestServer) {
    let received = received_for_the_number(server).await;
    claimed_by_someone_else(server).await;
    let (owner, _) = registered_holder(server).await;
    let intake = &received.intake;
    let (status, verified) = server.post("/api/v1/account-verifications", Some(intake), &verification(true)).await;
    assert_eq!(status, 200, "{verified}");

    // Its rights changed, so its sessions ended; signed in again it sees the checked dossier only.
    let (status, _) = server.get_as("/api/v1/dossiers", &owner).await;
    assert_eq!(status, 401);
    let owner = server.citizen_token(NUMBER, HOLDER_PASSWORD).await;
    assert_eq!(listed(server, &owner).await, vec![received.checked_id.clone()]);
    let (_, account) = server.get_as("/api/v1/me/account", &owner).await;
    assert_eq!(account["verified"], true);
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{}", received.checked_code), &owner).await;
    assert_eq!(status, 200);
    // The result issued before verification is in the holder's documents now.
    let (_, documents) = server.get_as("/api/v1/documents", &owner).await;
    let results: Vec<&Value> =
        documents["items"].as_array().expect("items").iter().filter(|d| d["origin"] == "result").collect();
    assert_eq!(results.len(), 1, "{documents}");
    assert_eq!(
        (results[0]["sha256"].as_str(), results[0]["dossier_code"].as_str()),
        (Some(received.result_sha.as_str()), Some(received.checked_code.as_str()))
    );
    let claim = server.citizen_token(NUMBER, CLAIM_PASSWORD).await;
    let (_, theirs) = server.get_as("/api/v1/documents", &claim).await;
    assert!(theirs["items"].as_array().expect("items").iter().all(|d| d["origin"] != "result"), "{theirs}");

    // A dossier received later with the card checked is the holder's at once.
    let (_, later) = server.post("/api/v1/dossiers", Some(intake), &at_counter(true)).await;
    let owned = listed(server, &owner).await;
    assert!(owned.contains(&later["id"].as_str().expect("id").to_owned()) && owned.len() == 2, "{owned:?}");

    // The claim still sees nothing, and signs in to its own account only.
    assert!(listed(server, &server.citizen_token(NUMBER, CLAIM_PASSWORD).await).await.is_empty());
    // The number is now held: no new claim, no second verification.
    let (status, problem) = register(server, "0944444444", "mot-nguoi-khac").await;
    assert_eq!(status, 409, "{problem}");
    let (status, _) = server.post("/api/v1/account-verifications", Some(intake), &verification(true)).await;
    assert_eq!(status, 409);
}
