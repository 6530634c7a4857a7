//! The dossier's paths through the API, on SQLite and PostgreSQL, against
//! the real binary: online, counter reception elsewhere in the province, two
//! supplements, refusal at reception, withdrawal, extension, postal return;
//! scope refusals; idempotency; the public lookup; history verification.

use crate::support::{self, TestServer};
use serde_json::{Value, json};

use motcua_testkit::TestBackend;

/// A boundary-free commune procedure with online, counter and postal channels (5 working days).
const PROCEDURE: &str = "1.115504";
const BA_DINH_COMMITTEE: &str = "000.04.01.H29";

struct Actors {
    citizen: String,
    other_citizen: String,
    intake: String,
    hoan_kiem_intake: String,
    specialist: String,
    leader: String,
    supervisor: String,
    other_province: String,
    other_agency_specialist: String,
}

async fn actors(server: &TestServer) -> Actors {
    Actors {
        citizen: server.citizen_token("001099012345", "0912345678").await,
        other_citizen: server.citizen_token("079303123456", "0987654321").await,
        intake: server.officer_token("hn.badinh.tiepnhan").await,
        hoan_kiem_intake: server.officer_token("hn.hoankiem.tiepnhan").await,
        specialist: server.officer_token("hn.badinh.chuyenvien").await,
        leader: server.officer_token("hn.badinh.lanhdao").await,
        supervisor: server.officer_token("hn.giamsat").await,
        other_province: server.officer_token("hue.giamsat").await,
        other_agency_specialist: server.officer_token("hn.tuphap.chuyenvien").await,
    }
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

async fn act(server: &TestServer, token: &str, reference: &str, body: Value) -> (u16, Value) {
    server.post(&format!("/api/v1/dossiers/{reference}/actions"), Some(token), &body).await
}

async fn must(server: &TestServer, token: &str, reference: &str, body: Value) -> Value {
    let (status, dossier) = act(server, token, reference, body.clone()).await;
    assert_eq!(status, 200, "{body} → {dossier}");
    dossier
}

/// The agency's e-payment figure, as `(paid online, fee-bearing)`.
async fn e_payment(server: &TestServer) -> (u64, u64) {
    let (status, figure) =
        server.get(&format!("/api/v1/indicators?agency={BA_DINH_COMMITTEE}&from=2021-01-01&to=2030-12-31")).await;
    assert_eq!(status, 200, "{figure}");
    let ratio = &figure["measures"]["e_payment"];
    (ratio["count"].as_u64().unwrap_or(0), ratio["of"].as_u64().unwrap_or(0))
}

async fn paths(backend: TestBackend) {
    let server = TestServer::start(backend).await;
    let a = actors(&server).await;

    // A citizen paying online is e-payment: the figure counts what the live
    // use case records, under the role name it records.
    let (paid, of) = e_payment(&server).await;
    let fee = submit_online(&server, &a.citizen).await;
    let fee_id = fee["id"].as_str().expect("id").to_owned();
    must(&server, &a.intake, &fee_id, json!({ "action": "receive" })).await;
    must(&server, &a.specialist, &fee_id, json!({ "action": "request_payment", "amount_dong": 50000 })).await;
    must(
        &server,
        &a.citizen,
        &fee_id,
        json!({ "action": "pay", "amount_dong": 50000, "transaction_reference": "VNP-20261202-000123" }),
    )
    .await;
    assert_eq!(e_payment(&server).await, (paid + 1, of + 1), "paid online and fee-bearing");

    // Online, the happy path.
    let dossier = submit_online(&server, &a.citizen).await;
    let id = dossier["id"].as_str().expect("id").to_owned();
    let received = must(&server, &a.intake, &id, json!({ "action": "receive" })).await;
    let code = received["code"].as_str().expect("code").to_owned();
    assert!(code.starts_with("000.04.01.H29-") && code.len() == "000.04.01.H29-251104-0001".len(), "{code}");
    assert_eq!(received["national_status_code"], 2);
    assert!(received["due_at"].as_str().expect("due").ends_with("+07:00"));
    must(
        &server,
        &a.intake,
        &code,
        json!({ "action": "hand_over", "to": "review", "to_officer": "hn.badinh.chuyenvien" }),
    )
    .await;
    let at_leader = must(&server, &a.specialist, &code, json!({ "action": "hand_over", "to": "approval" })).await;
    assert_eq!((at_leader["status"].as_str(), at_leader["step"].as_str()), (Some("processing"), Some("approval")));
    let resolved = must(&server, &a.leader, &code, json!({ "action": "approve", "note": "Đồng ý" })).await;
    assert_eq!(resolved["national_status_code"], 9);
    let returned = must(&server, &a.intake, &code, json!({ "action": "return" })).await;
    assert_eq!(returned["national_status_code"], 10);
    let history = returned["history"].as_array().expect("history");
    let actions: Vec<&str> = history.iter().map(|e| e["action"].as_str().expect("action")).collect();
    assert_eq!(actions, ["submit", "receive", "hand_over", "hand_over", "approve", "return"]);
    assert_eq!(history[2]["handed_to"], "hn.badinh.chuyenvien");
    assert!(history.iter().skip(2).all(|e| e["timeliness"] == "early" || e["timeliness"] == "on_time"));
    let (status, _) = act(&server, &a.citizen, &code, json!({ "action": "withdraw" })).await;
    assert_eq!(status, 409, "nothing happens after the result is returned");

    // A malformed body says what is wrong with it.
    let (status, problem) =
        server.post("/api/v1/dossiers", Some(&a.citizen), &json!({ "procedure_code": PROCEDURE })).await;
    assert_eq!((status, problem["type"].as_str()), (400, Some("/problems/bad-body")));
    assert!(problem["detail"].as_str().expect("detail").contains("channel"), "{problem}");
    let (status, problem) = act(&server, &a.intake, &code, json!({ "action": "fly" })).await;
    assert_eq!((status, problem["type"].as_str()), (400, Some("/problems/bad-body")), "{problem}");

    // Counter reception at another commune's centre (boundary-free).
    let counter = json!({
        "procedure_code": PROCEDURE, "channel": "counter", "service_point": "HN-HOANKIEM",
        "competent_agency": BA_DINH_COMMITTEE, "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người nộp tại quầy", "phone": "0901234567" },
        "delivery": { "method": "counter", "service_point": "HN-HOANKIEM" },
    });
    let (status, at_counter) = server.post("/api/v1/dossiers", Some(&a.hoan_kiem_intake), &counter).await;
    assert_eq!(status, 201, "{at_counter}");
    assert_eq!(
        (at_counter["status"].as_str(), at_counter["submitter_kind"].as_str()),
        (Some("received"), Some("officer_assisted"))
    );
    let counter_code = at_counter["code"].as_str().expect("code").to_owned();
    assert_ne!(counter_code, code);
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{counter_code}"), &a.specialist).await;
    assert_eq!(status, 200, "the competent agency sees what another centre received");
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{counter_code}"), &a.intake).await;
    assert_eq!(status, 404, "the Ba Đình counter did not receive it");
    let mut no_consent = counter.clone();
    no_consent["applicant_consents"] = json!(false);
    let (status, problem) = server.post("/api/v1/dossiers", Some(&a.hoan_kiem_intake), &no_consent).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("applicant_consents")));

    // Two supplements: the dossier counts as late.
    let two = submit_online(&server, &a.citizen).await;
    let two = must(&server, &a.intake, two["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    let two_code = two["code"].as_str().expect("code").to_owned();
    must(&server, &a.intake, &two_code, json!({ "action": "hand_over", "to": "review" })).await;
    let (status, problem) = act(&server, &a.specialist, &two_code, json!({ "action": "request_supplement" })).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("reason")), "a supplement request says what to add");
    for round in 1..=2 {
        let asked = must(
            &server,
            &a.specialist,
            &two_code,
            json!({ "action": "request_supplement", "reason": "Thiếu sơ đồ thửa đất" }),
        )
        .await;
        assert_eq!(asked["national_status_code"], 5);
        assert!(asked["clock_stopped_at"].is_string(), "the clock stops");
        let back = must(&server, &a.citizen, &two_code, json!({ "action": "supplement" })).await;
        assert_eq!(back["status"], "processing");
        assert!(back["clock_stopped_at"].is_null());
        assert!(back["due_at"].as_str() >= two["due_at"].as_str(), "round {round}: the due date does not move earlier");
        assert_eq!(back["late"], round > 1, "round {round}");
    }

    // Refused at reception.
    let refused = submit_online(&server, &a.citizen).await;
    let refused_id = refused["id"].as_str().expect("id").to_owned();
    let refused = must(
        &server,
        &a.intake,
        &refused_id,
        json!({ "action": "refuse_at_reception", "reason": "Thủ tục không thuộc thẩm quyền" }),
    )
    .await;
    assert_eq!(refused["national_status_code"], 3);
    let (status, problem) = act(&server, &a.intake, &refused_id, json!({ "action": "receive" })).await;
    assert_eq!((status, problem["type"].as_str()), (409, Some("/problems/transition-not-allowed")));

    // Withdrawn by the applicant.
    let withdrawn = submit_online(&server, &a.citizen).await;
    let withdrawn_id = withdrawn["id"].as_str().expect("id").to_owned();
    must(&server, &a.intake, &withdrawn_id, json!({ "action": "receive" })).await;
    let withdrawn =
        must(&server, &a.citizen, &withdrawn_id, json!({ "action": "withdraw", "note": "Tôi nộp nhầm" })).await;
    assert_eq!(withdrawn["national_status_code"], 7);

    // Late: an apology and a new date.
    let late = submit_online(&server, &a.citizen).await;
    let late = must(&server, &a.intake, late["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    let late_code = late["code"].as_str().expect("code").to_owned();
    let due: chrono::DateTime<chrono::FixedOffset> = late["due_at"].as_str().expect("due").parse().expect("rfc3339");
    let new_due = (due + chrono::Duration::days(7)).to_rfc3339();
    let (status, problem) = act(
        &server,
        &a.leader,
        &late_code,
        json!({ "action": "extend", "reason": "Chờ xác minh", "new_due_at": due.to_rfc3339() }),
    )
    .await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("new_due_at")));
    let extended = must(
        &server,
        &a.leader,
        &late_code,
        json!({ "action": "extend", "reason": "Chờ xác minh hiện trạng", "new_due_at": new_due }),
    )
    .await;
    assert_eq!(extended["late"], true);
    let apology = extended["history"].as_array().expect("history").last().expect("event").clone();
    assert_eq!(apology["action"], "extend");
    assert_eq!(apology["data"]["reason"], "Chờ xác minh hiện trạng");

    // Handed over to another agency (liên thông): the first agency keeps seeing it.
    let shared = submit_online(&server, &a.citizen).await;
    let shared = must(&server, &a.intake, shared["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    let shared_code = shared["code"].as_str().expect("code").to_owned();
    let moved = must(
        &server,
        &a.specialist,
        &shared_code,
        json!({ "action": "hand_over", "to": "review", "to_agency": "000.04.02.H29" }),
    )
    .await;
    assert_eq!(moved["competent_agency"], "000.04.02.H29");
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{shared_code}"), &a.specialist).await;
    assert_eq!(status, 200, "the agency that handled it still sees it");
    let (_, listed) = server.get_as("/api/v1/dossiers", &a.specialist).await;
    assert!(listed["items"].as_array().expect("items").iter().any(|d| d["code"] == shared_code.as_str()));
    let (status, _) = server.get_as(&format!("/api/v1/dossiers/{shared_code}"), &a.other_agency_specialist).await;
    assert_eq!(status, 404);
    let (status, problem) = act(
        &server,
        &a.specialist,
        &shared_code,
        json!({ "action": "hand_over", "to": "review", "to_agency": "000.89.01.H57" }),
    )
    .await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("to_agency")), "not across provinces");

    // Returned by post with a tracking number.
    let post = json!({ "method": "post", "address": "12 Phố Huế, Phường Hai Bà Trưng, Hà Nội" });
    let (status, posted) = server.post("/api/v1/dossiers", Some(&a.citizen), &online(post)).await;
    assert_eq!(status, 201, "{posted}");
    let posted = must(&server, &a.intake, posted["id"].as_str().expect("id"), json!({ "action": "receive" })).await;
    let posted_code = posted["code"].as_str().expect("code").to_owned();
    must(&server, &a.intake, &posted_code, json!({ "action": "hand_over", "to": "approval" })).await;
    must(&server, &a.leader, &posted_code, json!({ "action": "approve" })).await;
    let (status, problem) = act(&server, &a.intake, &posted_code, json!({ "action": "return" })).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("tracking_number")));
    let returned =
        must(&server, &a.intake, &posted_code, json!({ "action": "return", "tracking_number": "EL123456789VN" })).await;
    assert_eq!(
        (returned["national_status_code"].as_u64(), returned["tracking_number"].as_str()),
        (Some(10), Some("EL123456789VN"))
    );

    // Scope: outside it, a dossier does not exist; inside it, a role may still be refused.
    for (who, token) in [
        ("another citizen", &a.other_citizen),
        ("another province", &a.other_province),
        ("another agency", &a.other_agency_specialist),
    ] {
        let (status, problem) = server.get_as(&format!("/api/v1/dossiers/{code}"), token).await;
        assert_eq!(status, 404, "{who}: {problem}");
        assert_eq!(
            problem["detail"].as_str().map(|d| d.contains(&code)),
            Some(true),
            "{who} learns nothing but the code they asked for"
        );
        let (status, _) = act(&server, token, &late_code, json!({ "action": "withdraw" })).await;
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
    let (status, problem) = act(&server, &a.supervisor, &late_code, json!({ "action": "approve" })).await;
    assert_eq!((status, problem["type"].as_str()), (403, Some("/problems/forbidden")));
    let (status, _) = act(&server, &a.citizen, &late_code, json!({ "action": "approve" })).await;
    assert_eq!(status, 403);
    let (status, _) = server.send(reqwest::Method::GET, &format!("/api/v1/dossiers/{code}"), None, None, &[]).await;
    assert_eq!(status, 401);
    let (status, mine) = server.get_as("/api/v1/dossiers", &a.citizen).await;
    assert_eq!(status, 200);
    assert_eq!(mine["items"].as_array().expect("items").len(), 8, "seven of this walk and the one paid online");
    let (_, theirs) = server.get_as("/api/v1/dossiers", &a.other_citizen).await;
    assert!(theirs["items"].as_array().expect("items").is_empty());

    // Idempotency: a retried POST creates one dossier; a reused key with another body is refused.
    let key = [("Idempotency-Key", "thu-lai-1")];
    let body = online(json!({ "method": "online" }));
    let (first_status, first) =
        server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&a.other_citizen), Some(&body), &key).await;
    let (second_status, second) =
        server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&a.other_citizen), Some(&body), &key).await;
    assert_eq!((first_status, second_status), (201, 201));
    assert_eq!(first["id"], second["id"]);
    let mut other_body = body.clone();
    other_body["form_data"] = json!({ "land_parcel": "khác" });
    let (status, _) =
        server.send(reqwest::Method::POST, "/api/v1/dossiers", Some(&a.other_citizen), Some(&other_body), &key).await;
    assert_eq!(status, 422);
    let (_, theirs) = server.get_as("/api/v1/dossiers", &a.other_citizen).await;
    assert_eq!(theirs["items"].as_array().expect("items").len(), 1);

    // The public lookup answers the right pair only, and nothing about the applicant.
    let (status, public) = server.get(&format!("/api/v1/lookup/{code}?id_number=001099012345")).await;
    assert_eq!(status, 200, "{public}");
    assert_eq!((public["status"].as_str(), public["national_status_code"].as_u64()), (Some("returned"), Some(10)));
    assert_eq!(public["history"].as_array().expect("history").len(), 6);
    let text = public.to_string();
    assert!(!text.contains("Công dân") && !text.contains("0912345678") && !text.contains("hn.badinh"), "{text}");
    let (status, _) = server.get(&format!("/api/v1/lookup/{code}?phone=0912%20345%20678")).await;
    assert_eq!(status, 200);
    let (wrong, wrong_body) = server.get(&format!("/api/v1/lookup/{code}?id_number=079303123456")).await;
    let (unknown, unknown_body) = server.get("/api/v1/lookup/000.04.01.H29-991231-9999?id_number=001099012345").await;
    assert_eq!((wrong, unknown), (404, 404));
    assert_eq!(wrong_body["title"], unknown_body["title"]);

    // Documents: uploaded once, reused, results delivered to the applicant's store.
    let pdf = motcua_testkit::uploads::good_pdf();
    let result_pdf = motcua_testkit::uploads::good_files().swap_remove(1).bytes;
    let upload = |token: String, bytes: Vec<u8>, name: &'static str| {
        let request =
            server.client.post(server.url(&format!("/api/v1/documents?name={name}"))).bearer_auth(token).body(bytes);
        async move {
            let response = request.send().await.expect("upload");
            (response.status().as_u16(), response.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (status, scan) = upload(a.citizen.clone(), pdf.clone(), "So%20do%20thua%20dat.jpg").await;
    assert_eq!(status, 201, "{scan}");
    assert_eq!(
        (scan["media_type"].as_str(), scan["file_name"].as_str()),
        (Some("application/pdf"), Some("So do thua dat.pdf"))
    );
    let sha = scan["sha256"].as_str().expect("sha").to_owned();
    let (status, refused) = upload(a.citizen.clone(), b"MZ\x90\x00program".to_vec(), "virus.pdf").await;
    assert_eq!((status, refused["type"].as_str()), (422, Some("/problems/file-refused")));
    let mut with_documents = online(json!({ "method": "online" }));
    with_documents["documents"] = json!([{ "component_code": "TP1", "sha256": sha }]);
    let (status, first) = server.post("/api/v1/dossiers", Some(&a.citizen), &with_documents).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["documents"][0]["reused"], false);
    let (status, second) = server.post("/api/v1/dossiers", Some(&a.citizen), &with_documents).await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(second["documents"][0]["reused"], true, "the same paper is not handed in twice");
    let (status, _) = server.post("/api/v1/dossiers", Some(&a.other_citizen), &with_documents).await;
    assert_eq!(status, 404, "only one's own documents can be attached");
    // Another applicant handing in the same bytes is not reusing anything:
    // reuse is the same applicant's document used again.
    let (status, theirs) = upload(a.other_citizen.clone(), pdf.clone(), "ban-sao.pdf").await;
    assert_eq!((status, theirs["sha256"].as_str()), (201, Some(sha.as_str())));
    let (status, other) = server.post("/api/v1/dossiers", Some(&a.other_citizen), &with_documents).await;
    assert_eq!(status, 201, "{other}");
    assert_eq!(other["documents"][0]["reused"], false, "someone else's identical file is not reuse");
    let second_id = second["id"].as_str().expect("id").to_owned();
    must(&server, &a.intake, &second_id, json!({ "action": "receive" })).await;
    must(&server, &a.intake, &second_id, json!({ "action": "hand_over", "to": "approval" })).await;
    let (status, result) = upload(a.leader.clone(), result_pdf.clone(), "Quyet%20dinh.pdf").await;
    assert_eq!(status, 201);
    let result_sha = result["sha256"].as_str().expect("sha").to_owned();
    let approved =
        must(&server, &a.leader, &second_id, json!({ "action": "approve", "result_document": result_sha })).await;
    assert_eq!(approved["result_document"], result_sha.as_str());
    let (_, mine) = server.get_as("/api/v1/documents", &a.citizen).await;
    let mine = mine["items"].as_array().expect("items");
    let delivered = mine.iter().find(|d| d["origin"] == "result").expect("the result is in the applicant's store");
    assert_eq!(delivered["sha256"], result_sha.as_str());
    assert_eq!(delivered["dossier_code"], approved["code"]);
    let download = server
        .client
        .get(server.url(&format!("/api/v1/documents/{result_sha}")))
        .bearer_auth(&a.citizen)
        .send()
        .await
        .expect("download");
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(download.bytes().await.expect("bytes").as_ref(), result_pdf.as_slice());
    let (status, _) = server.get_as(&format!("/api/v1/documents/{result_sha}"), &a.other_citizen).await;
    assert_eq!(status, 404);
    let (status, _) = server.get_as(&format!("/api/v1/documents/{sha}"), &a.specialist).await;
    assert_eq!(status, 200, "the competent agency reads what is attached to its dossiers");
    let (status, _) = server.get_as("/api/v1/documents/..%2F..%2Fetc%2Fpasswd", &a.citizen).await;
    assert_eq!(status, 404);

    // The control slip and the tracking book are views of the history.
    let (status, slip) = server.get_as(&format!("/api/v1/dossiers/{code}/control-slip"), &a.specialist).await;
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
    let (status, book) = server.get_as(&format!("/api/v1/tracking-book?from={today}&to={today}"), &a.intake).await;
    assert_eq!(status, 200, "{book}");
    let codes: Vec<&str> =
        book["rows"].as_array().expect("rows").iter().map(|r| r["code"].as_str().expect("code")).collect();
    assert!(codes.contains(&code.as_str()) && !codes.contains(&counter_code.as_str()), "{codes:?}");
    let (status, _) = server.get_as(&format!("/api/v1/tracking-book?from={today}&to={today}"), &a.citizen).await;
    assert_eq!(status, 403);
    let (status, problem) = server.get_as("/api/v1/tracking-book?from=2025-13-01&to=2025-12-31", &a.intake).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("from")));

    // Every history verifies; an edited event is named.
    let output = support::run_cli(&server.database_url, &["verify-history"]);
    assert!(output.contains("dossier histories verified"), "{output}");
    tamper(&server.database_url, &two_code).await;
    let failure = support::run_cli_output(&server.database_url, &["verify-history"]);
    assert!(!failure.status.success());
    let stdout = String::from_utf8_lossy(&failure.stdout);
    assert!(stdout.contains(&two_code), "{stdout}");
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

#[tokio::test]
async fn dossier_paths_on_sqlite() {
    paths(TestBackend::Sqlite).await;
}

#[tokio::test]
async fn dossier_paths_on_postgres() {
    if motcua_testkit::postgres_skipped() {
        return;
    }
    paths(TestBackend::Postgres).await;
}

/// A client that retries with its Idempotency-Key after the server died
/// mid-request gets one dossier, whichever side of the commit the crash fell.
async fn idempotent_across_crashes(backend: TestBackend) {
    let mut server = TestServer::start(backend).await;
    let citizen = server.citizen_token("001099012345", "0912345678").await;
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
    idempotent_across_crashes(TestBackend::Sqlite).await;
}

#[tokio::test]
async fn idempotent_across_crashes_on_postgres() {
    if motcua_testkit::postgres_skipped() {
        return;
    }
    idempotent_across_crashes(TestBackend::Postgres).await;
}
