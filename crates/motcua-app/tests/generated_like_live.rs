//! The history generator must write what the live use cases write: for
//! random generated histories, each dossier replayed through the use cases
//! (submit, receive, supplements, payment, hand-over, decision, return,
//! withdrawal, rating) gives the same events, role names included, and the
//! same indicator contributions.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{Duration, Utc};
use motcua_app::accounts::Registration;
use motcua_app::documents::DocumentChoice;
use motcua_app::dossiers::{ActionDetails, ApplicantDetails, DeskOutcome, SubmitDossier};
use motcua_app::files::{DEFAULT_MAX_SIZE, DiskFileStore};
use motcua_app::generate::{GENERATED_PDF, GenerateOptions};
use motcua_app::{App, Silent};
use motcua_domain::access::Principal;
use motcua_domain::dossier::{Action, Channel, Delivery, EventRecord, Step};
use motcua_domain::indicators::{Counts, DossierFacts, contributions};
use motcua_domain::organisation::{Role, Scope};
use motcua_store::{DossierRecord, Store};
use motcua_testkit::{TestBackend, TestDatabase};

/// What of an event the indicators and the history's readers depend on.
fn shape(event: &EventRecord) -> (String, String, String, String, String, String, Vec<String>) {
    let data: serde_json::Value = serde_json::from_str(&event.data).unwrap_or_default();
    let mut keys: Vec<String> = data.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    keys.sort();
    (
        event.action.clone(),
        event.role.clone(),
        event.from_status.clone(),
        event.to_status.clone(),
        event.from_step.clone(),
        event.to_step.clone(),
        keys,
    )
}

/// The facts that do not depend on when things happened (the replay
/// happens now, the generated history in the past).
fn timeless(facts: &DossierFacts) -> (bool, u32, bool, bool, u32, u32, bool, Option<bool>, bool) {
    (
        facts.submitted_online,
        facts.supplement_requests,
        facts.fee_bearing,
        facts.paid_online,
        facts.components,
        facts.components_digitised,
        facts.electronic_result,
        facts.rating.map(|r| r == motcua_domain::indicators::Rating::Satisfied),
        facts.resolved_at.is_some(),
    )
}

fn officer(role: Role, scope: Scope) -> Principal {
    Principal::Officer { username: format!("replay.{}", role.as_str()), role, scope }
}

struct Replay<'a> {
    app: &'a App,
    citizens: HashMap<String, Principal>,
}

impl Replay<'_> {
    async fn citizen(&mut self, personal_id: &str, name: &str) -> Principal {
        if let Some(principal) = self.citizens.get(personal_id) {
            return principal.clone();
        }
        let citizen = self
            .app
            .register_citizen(&Registration {
                id_number: personal_id.to_owned(),
                full_name: name.to_owned(),
                phone: "0912345678".to_owned(),
                email: String::new(),
                password: "mat-khau-dai".to_owned(),
            })
            .await
            .expect("register");
        let principal = Principal::Citizen { id: citizen.id };
        self.citizens.insert(personal_id.to_owned(), principal.clone());
        principal
    }

    async fn documents(&self, by: &Principal, generated: &[String]) -> Vec<DocumentChoice> {
        let mut chosen = Vec::new();
        for component in generated {
            let stored = self.app.upload_document(by, GENERATED_PDF, "ban-quet.pdf").await.expect("upload");
            chosen.push(DocumentChoice { component_code: component.clone(), sha256: stored.sha256 });
        }
        chosen
    }

    /// Replays one generated dossier through the use cases; answers the new dossier's id.
    async fn dossier(&mut self, record: &DossierRecord, events: &[EventRecord], components: &[String]) -> String {
        let channel = Channel::parse(&record.channel).expect("channel");
        let delivery: Delivery = serde_json::from_str(&record.delivery).expect("delivery");
        let point = Scope::ServicePoint(record.service_point.clone());
        let agency = Scope::Agency(record.competent_agency.clone());
        let applicant = self.citizen(&record.applicant_personal_id, &record.applicant_name).await;
        let desk = match channel {
            Channel::AgentPoint => officer(Role::AgentClerk, point.clone()),
            _ => officer(Role::IntakeOfficer, point.clone()),
        };
        let (submitter, details) = if channel == Channel::Online {
            (applicant.clone(), None)
        } else {
            let details = ApplicantDetails {
                id_number: record.applicant_personal_id.clone(),
                full_name: record.applicant_name.clone(),
                phone: record.applicant_phone.clone(),
                email: String::new(),
                address: String::new(),
            };
            (desk.clone(), Some(details))
        };
        let documents = self.documents(&submitter, components).await;
        let request = SubmitDossier {
            procedure_code: record.procedure_code.clone(),
            case_code: Some(record.case_code.clone()).filter(|c| !c.is_empty()),
            channel,
            service_point: Some(record.service_point.clone()),
            competent_agency: record.competent_agency.clone(),
            applicant: details,
            applicant_consents: channel != Channel::Online,
            applicant_identity_checked: channel != Channel::Online,
            form_data: serde_json::from_str(&record.form_data).unwrap_or_default(),
            documents,
            delivery,
            outcome: DeskOutcome::Receive,
            late_entry_reason: None,
            time_limit: None,
        };
        let live = self.app.submit_dossier(&submitter, &request, None).await.expect("submit");
        for event in events.iter().skip(1) {
            let by_role = |role: &str| match role {
                "applicant" => applicant.clone(),
                "specialist" => officer(Role::Specialist, agency.clone()),
                "leader" => officer(Role::Leader, agency.clone()),
                _ => desk.clone(),
            };
            let actor = by_role(&event.role);
            let data: serde_json::Value = serde_json::from_str(&event.data).unwrap_or_default();
            let mut details = ActionDetails::default();
            let action = match event.action.as_str() {
                "receive" => Action::Receive,
                "request_supplement" => {
                    details.reason = Some("Bổ sung bản sao giấy tờ".to_owned());
                    Action::RequestSupplement
                }
                "supplement" => Action::Supplement,
                "request_payment" => {
                    details.amount_dong = data["amount_dong"].as_i64();
                    Action::RequestPayment
                }
                "pay" => {
                    if event.role == "applicant" {
                        details.transaction_reference = Some("GD000000000001".to_owned());
                    } else {
                        details.amount_dong = data["amount_dong"].as_i64();
                        details.payment_method = Some("cash".to_owned());
                        details.receipt_number = Some("BL00000001".to_owned());
                    }
                    Action::Pay
                }
                "hand_over" => Action::HandOver { to: Step::Approval },
                "approve" => {
                    if record.result_document.is_some() {
                        let stored =
                            self.app.upload_document(&actor, GENERATED_PDF, "ket-qua.pdf").await.expect("result");
                        details.result_document = Some(stored.sha256);
                    }
                    Action::Approve
                }
                "refuse" => {
                    details.reason = Some("Không đủ điều kiện theo quy định".to_owned());
                    Action::Refuse
                }
                "return" => {
                    details.tracking_number = data["tracking_number"].as_str().map(str::to_owned);
                    if data["signed_by_recipient"] == true {
                        details.signed_by_recipient = true;
                        details.recipient_name = Some(record.applicant_name.clone());
                        details.recipient_id_number = Some(record.applicant_personal_id.clone());
                    }
                    Action::Return
                }
                "withdraw" => Action::Withdraw,
                other => panic!("the generator wrote an action the replay does not know: {other}"),
            };
            self.app.act(&actor, &live.id, action, &details).await.unwrap_or_else(|e| {
                panic!("{} by {} on a generated {} dossier: {e}", event.action, event.role, record.channel)
            });
        }
        live.id
    }
}

/// A demo database of its own, seeded.
async fn demo(name: &str) -> (App, TestDatabase, std::path::PathBuf) {
    let db = TestDatabase::create(TestBackend::Sqlite).await;
    let store = Store::connect(&db.url, 4).await.expect("connect");
    store.migrate().await.expect("migrate");
    let files_dir = std::env::temp_dir().join(format!("motcua-{name}-{}", std::process::id()));
    let app = App::new(store, Arc::new(DiskFileStore::new(&files_dir, DEFAULT_MAX_SIZE)));
    app.seed_demo(&Silent).await.expect("seed");
    (app, db, files_dir)
}

async fn generated_like_live(seed: u64) {
    // Generated in one database, replayed live in another, so that the
    // replay's reuse sees only what was replayed before it.
    let (app, _generated_db, generated_files) = demo(&format!("generated-{seed}")).await;
    let (live, _live_db, live_files) = demo(&format!("live-{seed}")).await;
    let before: HashSet<String> =
        app.store().measure_records().await.expect("facts").into_iter().map(|m| m.dossier_id).collect();
    let options = GenerateOptions {
        dossiers: 40,
        provinces: vec!["01".to_owned()],
        seed,
        until: Utc::now() - Duration::hours(1),
        days: 120,
    };
    app.generate_history(&options, &Silent).await.expect("generate");
    // In the order they were made: generated ids sort so.
    let mut generated: Vec<_> = app
        .store()
        .measure_records()
        .await
        .expect("facts")
        .into_iter()
        .filter(|m| !before.contains(&m.dossier_id))
        .collect();
    generated.sort_by(|a, b| a.dossier_id.cmp(&b.dossier_id));
    assert!(generated.len() >= 30, "most generated dossiers were received: {}", generated.len());
    // Outreach sessions' dates and hours have passed by now, so their
    // dossiers cannot be received live as they were: they are not replayed,
    // and the reuse of their applicants, which depends on them, not summed.
    let mut skipped_applicants = HashSet::new();
    for measured in &generated {
        let record = app.store().dossier(&measured.dossier_id).await.expect("read").expect("generated dossier");
        if record.channel == Channel::Outreach.as_str() {
            skipped_applicants.insert(record.applicant_personal_id);
        }
    }
    let (mut generated_reuse, mut live_reuse) = (0, 0);

    let mut replay = Replay { app: &live, citizens: HashMap::new() };
    let (mut generated_total, mut live_total) = (Counts::default(), Counts::default());
    let mut replayed = 0;
    for measured in &generated {
        let record = app.store().dossier(&measured.dossier_id).await.expect("read").expect("generated dossier");
        if record.channel == Channel::Outreach.as_str() {
            continue;
        }
        let events: Vec<EventRecord> = app
            .store()
            .dossier_events(&record.province_code, &record.id)
            .await
            .expect("events")
            .into_iter()
            .map(|(event, _)| event)
            .collect();
        let components: Vec<String> = app
            .store()
            .dossier_documents(&record.province_code, &record.id)
            .await
            .expect("documents")
            .into_iter()
            .filter(|d| d.component_code != "result")
            .map(|d| d.component_code)
            .collect();
        let live_id = replay.dossier(&record, &events, &components).await;
        if let Some(rating) = app.store().rating(&record.province_code, &record.id).await.expect("rating") {
            let applicant = replay.citizen(&record.applicant_personal_id, &record.applicant_name).await;
            let comment = if rating.rating == "not_satisfied" { "Chờ lâu" } else { "" };
            live.rate_dossier(&applicant, &live_id, &rating.rating, comment).await.expect("rate");
        }
        let live_record = live.store().dossier(&live_id).await.expect("read").expect("live dossier");
        let live_events: Vec<EventRecord> = live
            .store()
            .dossier_events(&live_record.province_code, &live_id)
            .await
            .expect("events")
            .into_iter()
            .map(|(event, _)| event)
            .collect();
        let generated_shapes: Vec<_> = events.iter().map(shape).collect();
        let live_shapes: Vec<_> = live_events.iter().map(shape).collect();
        assert_eq!(generated_shapes, live_shapes, "seed {seed}: the events of a generated {} dossier", record.channel);
        let live_facts = live
            .store()
            .measure_records()
            .await
            .expect("facts")
            .into_iter()
            .find(|m| m.dossier_id == live_id)
            .expect("the live dossier's facts");
        assert_eq!(
            timeless(&measured.facts),
            timeless(&live_facts.facts),
            "seed {seed}: the facts of a generated {} dossier",
            record.channel
        );
        if !skipped_applicants.contains(&record.applicant_personal_id) {
            generated_reuse += measured.facts.components_reused;
            live_reuse += live_facts.facts.components_reused;
        }
        // Lateness, and satisfaction with it, depend on when things
        // happened, which the replay cannot repeat: late dossiers are left
        // out of the sums.
        let late = matches!((measured.facts.resolved_at, measured.facts.due_at), (Some(done), Some(due)) if done > due);
        if late || measured.facts.supplement_requests > 1 {
            replayed += 1;
            continue;
        }
        for (_, counts) in contributions(&measured.facts) {
            generated_total.add(&counts, 1);
        }
        for (_, counts) in contributions(&live_facts.facts) {
            live_total.add(&counts, 1);
        }
        replayed += 1;
    }
    assert!(replayed >= 25, "seed {seed}: {replayed} dossiers replayed");
    // Everything else the indicators count must agree.
    assert_eq!(generated_reuse, live_reuse, "seed {seed}: reuse, in the order the history was made");
    assert!(generated_reuse > 0, "seed {seed}: some applicants came back with their documents");
    generated_total.reused = 0;
    live_total.reused = 0;
    assert_eq!(generated_total, live_total, "seed {seed}: the indicator contributions");
    assert!(generated_total.received > 0);
    std::fs::remove_dir_all(&generated_files).ok();
    std::fs::remove_dir_all(&live_files).ok();
}

#[tokio::test]
async fn generated_histories_write_what_the_use_cases_write() {
    for seed in [766, 2026, 31] {
        generated_like_live(seed).await;
    }
}
