//! Uploads through the API and through every page form that takes files:
//! each file of the bad corpus is refused with its reason in the caller's
//! language and leaves nothing stored; good files of each format pass; an
//! action refused for another reason stores no file; a citizen's uploads
//! stop at their quota; a form sent to the API is told what it expects.

use std::collections::BTreeMap;

use motcua_testkit::uploads::{Sample, bad_files, good_files, good_pdf, noisy_png};
use serde_json::Value;

use crate::support::browser::{
    citizen_cookie, form_token, in_language, officer_cookie, page_with, post_step, start_submission, text_after,
};
use crate::support::{DEMO_PASSWORD, TestServer, on_both_backends};

const LANGUAGES: [&str; 3] = ["vi", "en", "ar"];
const CITIZEN: &str = "031075000004";

// A quota of 2 MiB: the corpus is never stored, so only the quota's own
// files come near it.
on_both_backends!(
    with [("MOTCUA_UPLOAD_QUOTA_MIB", "2")] =>
    the_bad_corpus_is_refused_through_the_api_in_each_language,
    a_form_sent_to_the_api_is_told_what_it_expects,
    good_files_of_each_format_pass,
    the_bad_corpus_is_refused_through_every_page_form,
    a_good_file_with_a_refused_action_is_not_kept,
    a_citizens_uploads_stop_at_the_quota,
);

/// Whether `text` is written in `language`: Vietnamese letters, Arabic
/// letters, or plain English.
fn written_in(language: &str, text: &str) -> bool {
    let arabic = text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let vietnamese =
        text.chars().any(|c| "ạảãàáâầấậẩẫăằắặẳẵđêềếệểễẹẻẽèéôồốộổỗơờớợởỡọỏõòóưừứựửữụủũùúịỉĩìíỳýỵỷỹ".contains(c));
    match language {
        "vi" => vietnamese && !arabic,
        "ar" => arabic,
        _ => !arabic && !vietnamese,
    }
}

async fn upload(server: &TestServer, token: &str, sample: &Sample, language: &str) -> (u16, Value) {
    server.upload(token, &sample.name, sample.bytes.clone(), language).await
}

/// Uploads a file of the bad corpus through the API: it is refused, with its
/// reason in `language`; returns the reason.
async fn reason_through_the_api(server: &TestServer, token: &str, sample: &Sample, language: &str) -> String {
    let (status, problem) = upload(server, token, sample, language).await;
    assert!(matches!(status, 413 | 422), "{} got {status}: {problem}", sample.name);
    assert_eq!(problem["type"], "/problems/file-refused", "{}", sample.name);
    let detail = problem["detail"].as_str().unwrap_or_default().to_owned();
    assert!(written_in(language, &detail), "{} in {language}: {detail}", sample.name);
    detail
}

async fn document_count(server: &TestServer, token: &str) -> usize {
    let (status, mine) = server.get_as("/api/v1/documents", token).await;
    assert_eq!(status, 200);
    mine["items"].as_array().map(Vec::len).unwrap_or_default()
}

/// The name of the first file field of a draft's documents step.
async fn documents_step_file_field(server: &TestServer, cookie: &str, draft: &str) -> String {
    let (_, _, step) = page_with(server, &format!("{draft}?buoc=3"), cookie).await;
    format!("file:{}", text_after(&step, "name=\"file:"))
}

/// The demo citizen's bearer token.
async fn citizen_token(server: &TestServer) -> String {
    server.citizen_token(CITIZEN, DEMO_PASSWORD).await
}

/// Through the API, in each language: refused, with the reason, each reason
/// in its own words, and nothing stored.
async fn the_bad_corpus_is_refused_through_the_api_in_each_language(server: &TestServer) {
    let citizen = citizen_token(server).await;
    let bad = bad_files();
    assert!(bad.len() >= 100, "a corpus of {} files", bad.len());
    let files_before = server.stored_files();
    let documents_before = document_count(server, &citizen).await;
    let mut said: BTreeMap<(String, &str), String> = BTreeMap::new();
    for sample in &bad {
        for language in LANGUAGES {
            let detail = reason_through_the_api(server, &citizen, sample, language).await;
            said.insert((sample.name.clone(), language), detail);
        }
    }
    // Each reason is said in its own words, not one message for all.
    for language in LANGUAGES {
        let mut by_reason: BTreeMap<&str, &str> = BTreeMap::new();
        for sample in &bad {
            let detail = said[&(sample.name.clone(), language)].as_str();
            let previous = by_reason.insert(sample.reason, detail);
            assert!(previous.is_none_or(|p| p == detail), "{}: one reason, one message", sample.name);
        }
        let distinct: std::collections::BTreeSet<&str> = by_reason.values().copied().collect();
        assert_eq!(distinct.len(), by_reason.len(), "{language}: {by_reason:#?}");
    }
    assert_eq!(server.stored_files(), files_before, "nothing refused reaches the disk");
    assert_eq!(document_count(server, &citizen).await, documents_before, "nor the citizen's documents");
}

/// A form sent to the API is told what the endpoint expects.
async fn a_form_sent_to_the_api_is_told_what_it_expects(server: &TestServer) {
    let citizen = citizen_token(server).await;
    for language in LANGUAGES {
        let form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(good_pdf()).file_name("don.pdf"));
        let request = server
            .client
            .post(server.url("/api/v1/documents?name=don.pdf"))
            .bearer_auth(&citizen)
            .header("Accept-Language", language)
            .multipart(form);
        let response = server.exchange(request).await;
        assert_eq!(response.status, 415);
        let problem = response.json();
        assert_eq!(problem["type"], "/problems/upload-not-raw");
        let detail = problem["detail"].as_str().unwrap_or_default();
        assert!(detail.contains("?name=") && detail.contains("application/octet-stream"), "{detail}");
        assert!(written_in(language, detail), "{language}: {detail}");
    }
}

/// Good files of each format pass.
async fn good_files_of_each_format_pass(server: &TestServer) {
    let citizen = citizen_token(server).await;
    let expected = ["application/pdf", "application/pdf", "image/png", "image/png", "image/jpeg"];
    for (i, sample) in good_files().iter().enumerate() {
        let (status, stored) = upload(server, &citizen, sample, "vi").await;
        assert_eq!(status, 201, "{}: {stored}", sample.name);
        if let Some(media_type) = expected.get(i) {
            assert_eq!(stored["media_type"], *media_type, "{}", sample.name);
        }
    }
}

/// The same corpus through the citizen's wizard and supplement form and the
/// desk's reception and action forms: refused with the same words as the
/// API's, nothing stored, nothing changed.
async fn the_bad_corpus_is_refused_through_every_page_form(server: &TestServer) {
    let citizen = &citizen_token(server).await;
    let officer = &server.officer_token("hn.badinh.tiepnhan").await;
    let bad = bad_files();
    let cookie = citizen_cookie(server, CITIZEN, DEMO_PASSWORD).await;
    let intake = officer_cookie(server, "hn.badinh.tiepnhan").await;
    let files_before = server.stored_files();
    let citizen_documents = document_count(server, citizen).await;
    let officer_documents = document_count(server, officer).await;

    // The wizard's documents step.
    let (draft, token) = start_submission(server, &cookie, "1.004194").await;
    let field = documents_step_file_field(server, &cookie, &draft).await;

    // A supplement the agency asked the citizen for.
    let (_, asked) = server.get_as("/api/v1/dossiers?status=supplement_requested", citizen).await;
    let waiting = asked["items"][0]["code"].as_str().expect("a dossier waiting for a supplement").to_owned();
    let supplement = format!("/ho-so-cua-toi/{waiting}/bo-sung");

    // Reception at the counter, and the hand-in of a supplement at the desk.
    let reception = "/can-bo/tiep-nhan?procedure=1.115504&id_number=001190000001";
    let (_, _, form) = page_with(server, reception, &intake).await;
    let desk_token = form_token(&form);
    let attempt = text_after(&form, "name=\"attempt\" value=\"").to_owned();
    let component = text_after(&form, "name=\"got:").to_owned();
    let dossier = server.received_at_ba_dinh_counter(officer, "1.115494").await;
    let desk_dossier = format!("/can-bo/ho-so/{}", dossier["code"].as_str().expect("code"));

    for (i, sample) in bad.iter().enumerate() {
        if sample.bytes.is_empty() {
            // A browser sends an empty file field when nothing is chosen:
            // nothing was uploaded, which each form judges on its own.
            continue;
        }
        let language = LANGUAGES[i % LANGUAGES.len()];
        // The same words as the API's.
        let reason = &reason_through_the_api(server, citizen, sample, language).await;
        let file = vec![(field.clone(), sample.bytes.clone())];
        let (status, _, page) = post_step(
            server,
            &cookie,
            &in_language(&draft, language),
            &[("csrf", &token), ("step", "3"), ("go", "next")],
            &file,
        )
        .await;
        assert_eq!(status, 422, "wizard, {}", sample.name);
        assert!(page.contains(reason.as_str()), "wizard, {} in {language}: {reason}", sample.name);

        let file = vec![("file:bo-sung".to_owned(), sample.bytes.clone())];
        let (status, _, page) =
            post_step(server, &cookie, &in_language(&supplement, language), &[("csrf", &token)], &file).await;
        assert_eq!(status, 422, "supplement, {}", sample.name);
        assert!(page.contains(reason.as_str()), "supplement, {} in {language}", sample.name);

        let file = vec![(format!("file:{component}"), sample.bytes.clone())];
        let got = format!("got:{component}");
        let fields = [
            ("csrf", desk_token.as_str()),
            ("attempt", attempt.as_str()),
            ("procedure", "1.115504"),
            ("id_number", "001190000001"),
            ("full_name", "Người dân thử"),
            ("phone", "0912345678"),
            ("competent_agency", "000.04.01.H29"),
            ("consent", "1"),
            (got.as_str(), "1"),
        ];
        let (status, _, page) =
            post_step(server, &intake, &in_language("/can-bo/tiep-nhan", language), &fields, &file).await;
        assert_eq!(status, 422, "reception, {}", sample.name);
        assert!(page.contains(reason.as_str()), "reception, {} in {language}", sample.name);

        let file = vec![("result".to_owned(), sample.bytes.clone())];
        let (_, _, seen) = page_with(server, &desk_dossier, &intake).await;
        let action_token = form_token(&seen);
        let (status, _, page) = post_step(
            server,
            &intake,
            &in_language(&format!("{desk_dossier}/xu-ly"), language),
            &[("csrf", &action_token), ("action", "hand_over:approval")],
            &file,
        )
        .await;
        assert_eq!(status, 422, "desk action, {}", sample.name);
        assert!(page.contains(reason.as_str()), "desk action, {} in {language}", sample.name);
    }
    assert_eq!(server.stored_files(), files_before, "no refused file reaches the disk");
    assert_eq!(document_count(server, citizen).await, citizen_documents);
    assert_eq!(document_count(server, officer).await, officer_documents);
    let (_, still) = server.get_as(&format!("/api/v1/dossiers/{waiting}"), citizen).await;
    assert_eq!(still["status"], "supplement_requested", "the refused supplements changed nothing");
}

/// A good file that comes with an action the dossier refuses is not kept.
async fn a_good_file_with_a_refused_action_is_not_kept(server: &TestServer) {
    let citizen = &citizen_token(server).await;
    let cookie = citizen_cookie(server, CITIZEN, DEMO_PASSWORD).await;
    let leader = officer_cookie(server, "hn.badinh.lanhdao").await;
    let leader_token = server.officer_token("hn.badinh.lanhdao").await;
    let files_before = server.stored_files();
    let citizen_documents = document_count(server, citizen).await;
    let leader_documents = document_count(server, &leader_token).await;

    // A supplement for a dossier nobody asked one for.
    let (_, returned) = server.get_as("/api/v1/dossiers?status=returned", citizen).await;
    let code = returned["items"][0]["code"].as_str().expect("a returned dossier").to_owned();
    let (_, _, own) = page_with(server, &format!("/ho-so-cua-toi/{code}"), &cookie).await;
    let token = form_token(&own);
    let (status, _, _) = post_step(
        server,
        &cookie,
        &format!("/ho-so-cua-toi/{code}/bo-sung"),
        &[("csrf", &token)],
        &[("file:bo-sung".to_owned(), noisy_png(40, 30, 1))],
    )
    .await;
    assert_eq!(status, 409, "a returned dossier takes no supplement");

    // A refusal without its reason, carrying a result.
    let (_, list) = server.get_as("/api/v1/dossiers?status=processing&per_page=100", &leader_token).await;
    let code = list["items"].as_array().and_then(|items| items.first()).and_then(|d| d["code"].as_str());
    let code = code.expect("a dossier in processing for the leader").to_owned();
    let path = format!("/can-bo/ho-so/{code}");
    let (_, _, seen) = page_with(server, &path, &leader).await;
    let token = form_token(&seen);
    let (status, _, page) = post_step(
        server,
        &leader,
        &format!("{path}/xu-ly"),
        &[("csrf", &token), ("action", "refuse"), ("reason", "")],
        &[("result".to_owned(), noisy_png(40, 30, 2))],
    )
    .await;
    assert!(matches!(status, 404 | 409 | 422), "{status}: {page}");

    assert_eq!(server.stored_files(), files_before, "the refused actions left no file");
    assert_eq!(document_count(server, citizen).await, citizen_documents);
    assert_eq!(document_count(server, &leader_token).await, leader_documents);
}

/// A citizen's uploads stop at the quota (2 MiB here); the same content again
/// costs nothing; the refusal says the quota, on the API and on the page.
async fn a_citizens_uploads_stop_at_the_quota(server: &TestServer) {
    let citizen = &citizen_token(server).await;
    let big = |seed: u64| Sample { name: format!("anh-{seed}.png"), bytes: noisy_png(500, 500, seed), reason: "" };
    let (first, second, third) = (big(11), big(12), big(13));
    assert!(first.bytes.len() > 700_000, "{}", first.bytes.len());
    for sample in [&first, &second, &first] {
        let (status, body) = upload(server, citizen, sample, "en").await;
        assert_eq!(status, 201, "{}: {body}", sample.name);
    }
    let files_before = server.stored_files();
    for language in LANGUAGES {
        let (status, problem) = upload(server, citizen, &third, language).await;
        assert_eq!(status, 422, "{problem}");
        let detail = problem["detail"].as_str().unwrap_or_default();
        assert!(detail.contains("2 MB") && written_in(language, detail), "{language}: {detail}");
    }
    let cookie = citizen_cookie(server, CITIZEN, DEMO_PASSWORD).await;
    let (draft, token) = start_submission(server, &cookie, "1.004194").await;
    let field = documents_step_file_field(server, &cookie, &draft).await;
    let (status, _, page) = post_step(
        server,
        &cookie,
        &in_language(&draft, "en"),
        &[("csrf", &token), ("step", "3"), ("go", "next")],
        &[(field, third.bytes.clone())],
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Your documents would take more than"), "the quota, said on the page");
    assert_eq!(server.stored_files(), files_before, "nothing over the quota is stored");
}
