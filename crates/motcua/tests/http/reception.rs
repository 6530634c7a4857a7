//! Every catalogue entry can be received, and the demo's own example goes
//! from submission to result: a catalogue entry without details received at
//! a counter with the generic form; đăng ký tạm trú submitted online by a
//! demo citizen and settled by the demo's officers; the slips and the desk
//! show names, not codes; the wizard says why a province offers no agency.

use serde_json::{Value, json};

use crate::pdf_reader;
use crate::support::browser::{
    citizen_cookie, form_token, manual_client, officer_cookie, page_with, post_form, post_step, start_submission,
};
use crate::support::{DEMO_PASSWORD, TestServer, on_both_backends};

/// A catalogue entry of the national catalogue published without details.
const WITHOUT_DETAILS: &str = "3.000616";
/// Đăng ký tạm trú, the README's example: commune police, online.
const TEMPORARY_RESIDENCE: &str = "1.004194";
const BA_DINH_COMMITTEE: &str = "000.04.01.H29";
const BA_DINH_POLICE: &str = "000.04.02.H29";

/// The text drawn on every page of a PDF, its lines joined by spaces.
fn pdf_text(bytes: &[u8]) -> String {
    let document = pdf_reader::parse(bytes).unwrap_or_else(|e| panic!("unreadable PDF: {e}"));
    let lines: Vec<String> = document.pages().into_iter().flat_map(|page| document.text(page)).collect();
    let text = lines.join(" ").replace(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'], "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

on_both_backends!(
    a_catalogue_entry_without_details_is_received_at_a_counter,
    temporary_residence_goes_from_submission_to_result,
    the_wizard_says_why_a_province_offers_no_agency,
);

async fn pdf(server: &TestServer, cookie: &str, path: &str) -> String {
    let response = manual_client().get(server.url(path)).header("Cookie", cookie).send().await.expect("pdf");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    pdf_text(&response.bytes().await.expect("bytes"))
}

/// A catalogue entry without details: the page says what is known and how
/// it is received; a counter receives it with the generic form, the officer
/// naming the documents and stating the time limit; bad input changes nothing.
async fn a_catalogue_entry_without_details_is_received_at_a_counter(server: &TestServer) {
    let (status, entry) = server.get(&format!("/api/v1/procedures/{WITHOUT_DETAILS}")).await;
    assert_eq!((status, &entry["has_details"]), (200, &json!(false)), "{entry}");

    let (status, _, page) = page_with(server, &format!("/thu-tuc/{WITHOUT_DETAILS}"), "").await;
    assert_eq!(status, 200);
    assert!(page.contains("không ghi thủ tục này được nộp trực tuyến"), "what the catalogue does not say");
    assert!(page.contains("ghi ngày hẹn trả kết quả"), "how the due date is set");
    assert!(!page.contains("action=\"/nop-ho-so\""), "not offered online");
    let (_, _, english) = page_with(server, &format!("/thu-tuc/{WITHOUT_DETAILS}?lang=en"), "").await;
    assert!(english.contains("does not give its documents, time limit, fees or legal basis"), "in English too");

    let citizen = server.citizen_token("001190000001", DEMO_PASSWORD).await;
    let online = json!({
        "procedure_code": WITHOUT_DETAILS, "channel": "online", "competent_agency": BA_DINH_COMMITTEE,
        "delivery": { "method": "online" },
    });
    let (status, problem) = server.post("/api/v1/dossiers", Some(&citizen), &online).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("channel")), "not submittable online: {problem}");

    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let (status, _, form) =
        page_with(server, &format!("/can-bo/tiep-nhan?procedure={WITHOUT_DETAILS}&id_number=001190000001"), &intake)
            .await;
    assert_eq!(status, 200, "the counter's reception page answers for a catalogue entry");
    assert!(
        form.contains("id=\"catalogue-entry\"") && form.contains("name=\"doc:1\""),
        "documents named by the officer"
    );
    assert!(form.contains("name=\"time_limit\""), "and the time limit stated");
    assert!(form.contains(&format!("value=\"{BA_DINH_COMMITTEE}\"")), "an agency to choose");
    let token = form_token(&form);
    let fields = |time_limit: &'static str, document: &'static str| {
        vec![
            ("csrf", token.clone()),
            ("attempt", format!("catalogue-{time_limit}-{}", document.len())),
            ("procedure", WITHOUT_DETAILS.to_owned()),
            ("competent_agency", BA_DINH_COMMITTEE.to_owned()),
            ("id_number", "001190000001".to_owned()),
            ("full_name", "Người dùng thử Hà Nội 1".to_owned()),
            ("phone", "0911000001".to_owned()),
            ("address", "1 Phố Đội Cấn, Phường Ba Đình, Hà Nội".to_owned()),
            ("request", "Xin hỗ trợ".to_owned()),
            ("doc:1", document.to_owned()),
            ("doc_kind:1", "original".to_owned()),
            ("doc_count:1", "2".to_owned()),
            ("time_limit", time_limit.to_owned()),
            ("delivery", "counter".to_owned()),
            ("consent", "1".to_owned()),
        ]
    };
    let intake_cookie = intake.as_str();
    let post = |fields: Vec<(&'static str, String)>| async move {
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
        post_step(server, intake_cookie, "/can-bo/tiep-nhan", &borrowed, &[]).await
    };
    let (status, _, refused) = post(fields("", "Đơn đề nghị hỗ trợ")).await;
    assert_eq!(status, 422, "no time limit, no reception");
    assert!(refused.contains("thời hạn tỉnh đã công bố"), "said in Vietnamese");
    let (status, _, refused) = post(fields("10", "")).await;
    assert_eq!(status, 422, "no document named, no reception");
    assert!(refused.contains("tên các giấy tờ"), "said in Vietnamese");
    let (status, _, refused) = post(fields("mười", "Đơn đề nghị hỗ trợ")).await;
    assert_eq!(status, 422, "a time limit is a number");
    let (_, mine) = server.get_as("/api/v1/dossiers?per_page=100", &citizen).await;
    assert!(!mine.to_string().contains(WITHOUT_DETAILS), "refused forms changed nothing");
    assert!(refused.contains("role=\"alert\""));

    let (status, received, _) = post(fields("10", "Đơn đề nghị hỗ trợ")).await;
    assert_eq!(status, 303);
    let code = received.trim_start_matches("/can-bo/ho-so/").to_owned();
    assert!(code.starts_with(&format!("{BA_DINH_COMMITTEE}-")), "a code at once: {received}");
    let officer = server.officer_token("hn.badinh.tiepnhan").await;
    let (status, dossier) = server.get_as(&format!("/api/v1/dossiers/{code}"), &officer).await;
    assert_eq!(status, 200);
    assert_eq!(dossier["procedure_version"], 0, "received under the catalogue entry itself");
    assert!(dossier["due_at"].as_str().is_some(), "due in 10 working days: {dossier}");
    assert_eq!(dossier["processing_time"]["amount"], 10.0, "{dossier}");
    let receipt = pdf(server, &intake, &format!("{received}/phieu/1")).await;
    assert!(receipt.contains("Đơn đề nghị hỗ trợ"), "the named document on the receipt: {receipt}");

    // Through the API, with the same rules.
    let counter = |time_limit: Value| {
        json!({
            "procedure_code": WITHOUT_DETAILS, "channel": "counter", "service_point": "HN-BADINH",
            "competent_agency": BA_DINH_COMMITTEE, "applicant_consents": true,
            "applicant": { "id_number": "001088004567", "full_name": "Người nộp tại quầy", "phone": "0901234567" },
            "form_data": { "received_components": [{ "name": "Tờ khai", "original": true, "count": 1 }] },
            "delivery": { "method": "counter", "service_point": "HN-BADINH" },
            "time_limit": time_limit,
        })
    };
    let (status, problem) = server.post("/api/v1/dossiers", Some(&officer), &counter(Value::Null)).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("time_limit")), "{problem}");
    let (status, problem) =
        server.post("/api/v1/dossiers", Some(&officer), &counter(json!({ "amount": 0, "unit": "WORKING_DAY" }))).await;
    assert_eq!((status, problem["field"].as_str()), (400, Some("time_limit")), "{problem}");
    let (status, at_counter) =
        server.post("/api/v1/dossiers", Some(&officer), &counter(json!({ "amount": 5, "unit": "WORKING_DAY" }))).await;
    assert_eq!(status, 201, "{at_counter}");
    assert!(at_counter["due_at"].as_str().is_some());
    let detailed = json!({
        "procedure_code": TEMPORARY_RESIDENCE, "channel": "counter", "service_point": "HN-BADINH",
        "competent_agency": BA_DINH_POLICE, "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người nộp tại quầy", "phone": "0901234567" },
        "delivery": { "method": "counter", "service_point": "HN-BADINH" },
        "time_limit": { "amount": 5, "unit": "WORKING_DAY" },
    });
    let (status, problem) = server.post("/api/v1/dossiers", Some(&officer), &detailed).await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (400, Some("time_limit")),
        "the catalogue's time stands: {problem}"
    );
}

/// The README's example with the demo accounts: a demo citizen submits
/// đăng ký tạm trú online; Ba Đình's desk receives it and Ba Đình's police
/// process, approve and hand back, and the result is returned. The slips
/// and the desk's control slip name the places and people.
async fn temporary_residence_goes_from_submission_to_result(server: &TestServer) {
    let citizen = server.citizen_token("001190000001", DEMO_PASSWORD).await;
    let submission = json!({
        "procedure_code": TEMPORARY_RESIDENCE, "channel": "online", "competent_agency": BA_DINH_POLICE,
        "form_data": { "address": "1 Phố Đội Cấn, Phường Ba Đình, Hà Nội", "request": "Đăng ký tạm trú" },
        "delivery": { "method": "counter", "service_point": "HN-BADINH" },
    });
    let (status, submitted) = server.post("/api/v1/dossiers", Some(&citizen), &submission).await;
    assert_eq!(status, 201, "{submitted}");
    let id = submitted["id"].as_str().expect("id").to_owned();
    let intake = server.officer_token("hn.badinh.tiepnhan").await;
    let specialist = server.officer_token("hn.badinh.congan.chuyenvien").await;
    let leader = server.officer_token("hn.badinh.congan.lanhdao").await;
    let received = server.must(&intake, &id, json!({ "action": "receive" })).await;
    let code = received["code"].as_str().expect("code").to_owned();
    let to_review = json!({ "action": "hand_over", "to": "review", "to_officer": "hn.badinh.congan.chuyenvien" });
    server.must(&intake, &code, to_review).await;
    server.must(&specialist, &code, json!({ "action": "hand_over", "to": "approval" })).await;
    let resolved = server.must(&leader, &code, json!({ "action": "approve", "note": "Đồng ý" })).await;
    assert_eq!(resolved["national_status_code"], 9);
    let returned = server.must(&intake, &code, json!({ "action": "return" })).await;
    assert_eq!(returned["national_status_code"], 10, "the result is returned");

    // The desk's control slip names the applicant, not their account.
    let (_, seen) = server.get_as(&format!("/api/v1/dossiers/{code}"), &citizen).await;
    let account = seen["history"][0]["actor"].as_str().expect("the submitter's account").to_owned();
    assert!(!account.is_empty());
    let desk = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let path = format!("/can-bo/ho-so/{code}");
    let (_, _, page) = page_with(server, &path, &desk).await;
    let slip = &page[page.find("<caption").expect("the control slip")..];
    assert!(slip.contains("Người dùng thử Hà Nội 1"), "the applicant's name on the control slip");
    assert!(slip.contains("Cán bộ Công an Phường Ba Đình"), "the specialist's name");
    assert!(!slip.contains(&account), "no account id on the control slip");

    // Form 06 names the agencies, form 01 the place the result is returned.
    let control = pdf(server, &desk, &format!("{path}/phieu/6")).await;
    assert!(!control.contains("HN-BADINH"), "no service point code on form 06: {control}");
    assert!(control.contains("Trung tâm Phục vụ hành chính công Phường Ba Đình"), "the centre's name: {control}");
    let places = control.replace("Cán bộ Công an Phường Ba Đình", "").replace("Trưởng Công an Phường Ba Đình", "");
    assert_eq!(places.matches("Công an Phường Ba Đình").count(), 2, "the police's name where it processed: {control}");
    assert!(
        control.contains("Người dùng thử Hà Nội 1 Cán bộ tiếp nhận, Phường Ba Đình"),
        "the applicant handed the dossier to the desk: {control}"
    );
    let receipt = pdf(server, &desk, &format!("{path}/phieu/1")).await;
    assert!(
        receipt.contains("Trung tâm Phục vụ hành chính công Phường Ba Đình"),
        "where the result is returned: {receipt}"
    );
    assert!(!receipt.contains("HN-BADINH"), "no service point code on form 01: {receipt}");

    // A refusal at the counter cites the procedure's legal bases (form 03).
    let refusal = json!({
        "procedure_code": TEMPORARY_RESIDENCE, "channel": "counter", "service_point": "HN-BADINH",
        "competent_agency": BA_DINH_POLICE, "applicant_consents": true,
        "applicant": { "id_number": "001088004567", "full_name": "Người nộp tại quầy", "phone": "0901234567" },
        "delivery": { "method": "counter", "service_point": "HN-BADINH" },
        "outcome": { "decision": "refuse", "reason": "Chỗ ở không hợp pháp" },
    });
    let (status, refused) = server.post("/api/v1/dossiers", Some(&intake), &refusal).await;
    assert_eq!(status, 201, "{refused}");
    let refused = refused["id"].as_str().expect("id").to_owned();
    let form03 = pdf(server, &desk, &format!("/can-bo/ho-so/{refused}/phieu/3")).await;
    assert!(form03.contains("68/2020/QH14") && form03.contains("Luật Cư trú"), "the legal basis on form 03: {form03}");

    // So does a notice of stopped processing (form 05).
    let mut counter = refusal.clone();
    counter["outcome"] = json!({ "decision": "receive" });
    let (status, at_counter) = server.post("/api/v1/dossiers", Some(&intake), &counter).await;
    assert_eq!(status, 201, "{at_counter}");
    let stopped = at_counter["code"].as_str().expect("code").to_owned();
    server.must(&leader, &stopped, json!({ "action": "stop", "reason": "Người nộp đề nghị dừng" })).await;
    let form05 = pdf(server, &desk, &format!("/can-bo/ho-so/{stopped}/phieu/5")).await;
    assert!(form05.contains("68/2020/QH14") && form05.contains("Luật Cư trú"), "the legal basis on form 05: {form05}");
}

/// The wizard says why a province offers no agency: not set up yet, or no
/// agency of it settles the procedure.
async fn the_wizard_says_why_a_province_offers_no_agency(server: &TestServer) {
    let cookie = citizen_cookie(server, "001201000003", DEMO_PASSWORD).await;
    let (draft, token) = start_submission(server, &cookie, "1.010028").await;
    assert!(draft.starts_with("/nop-ho-so/"), "{draft}");
    let choose = |province: &'static str| {
        let cookie = cookie.clone();
        let draft = draft.clone();
        let token = token.clone();
        async move {
            let fields = [("csrf", token.as_str()), ("step", "1"), ("province_code", province), ("go", "next")];
            post_step(server, &cookie, &draft, &fields, &[]).await;
            page_with(server, &format!("{draft}?buoc=1"), &cookie).await.2
        }
    };
    let unset = choose("04").await;
    assert!(unset.contains("id=\"no-agency\""), "an explanation instead of an empty list");
    assert!(unset.contains("chưa đưa motcua vào sử dụng"), "the province has not set up motcua");

    // Hà Nội turns the procedure off: its agencies exist but none settles it.
    let admin = officer_cookie(server, "quantri").await;
    let (_, _, settings) = page_with(server, "/quan-tri/thu-tuc", &admin).await;
    let admin_token = form_token(&settings);
    let off = [
        ("csrf", admin_token.as_str()),
        ("procedure_code", "1.010028"),
        ("unit_code", "01"),
        ("enabled", ""),
        ("processing_amount", ""),
        ("processing_unit", "WORKING_DAY"),
        ("fee_dong", ""),
    ];
    let saved = post_form(server, &admin, "/quan-tri/thu-tuc", &off).await;
    assert_eq!(saved.status().as_u16(), 303);
    let none = choose("01").await;
    assert!(none.contains("Không cơ quan nào của tỉnh, thành phố này giải quyết thủ tục này"), "none settles it");
    let set_up = choose("46").await;
    assert!(!set_up.contains("id=\"no-agency\"") && set_up.contains("Công an Phường Thuận Hóa"), "Huế's police");
}
