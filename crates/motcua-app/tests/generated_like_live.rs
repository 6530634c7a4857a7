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
use motcua_domain::dossier::{Action, Channel, Step};
use motcua_domain::dossier::{ActionInput, Detail, Dossier, Event, RESULT_COMPONENT};
use motcua_domain::indicators::{Counts, DossierFacts, contributions};
use motcua_domain::organisation::{Role, Scope};
use motcua_store::Store;
use motcua_testkit::{TestBackend, TestDatabase};

/// What of an event the indicators and the history's readers depend on.
type Shape =
    (&'static str, String, Option<&'static str>, &'static str, Option<&'static str>, &'static str, Vec<String>);

fn shape(event: &Event) -> Shape {
    let data = event.payload.to_value();
    let mut keys: Vec<String> = data.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    keys.sort();
    (
        event.kind.name(),
        event.role.clone(),
        event.from_status.map(|s| s.as_str()),
        event.to_status.as_str(),
        event.from_step.map(|s| s.as_str()),
        event.to_step.as_str(),
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
    async fn dossier(&mut self, record: &Dossier, events: &[Event], components: &[String]) -> String {
        let channel = record.channel;
        let delivery = record.delivery.clone();
        let point = Scope::ServicePoint(record.service_point.clone());
        let agency = Scope::Agency(record.competent_agency.to_string());
        let applicant = self.citizen(&record.contact.personal_id, &record.contact.name).await;
        let desk = match channel {
            Channel::AgentPoint => officer(Role::AgentClerk, point.clone()),
            _ => officer(Role::IntakeOfficer, point.clone()),
        };
        let (submitter, details) = if channel == Channel::Online {
            (applicant.clone(), None)
        } else {
            let details = ApplicantDetails {
                id_number: record.contact.personal_id.clone(),
                full_name: record.contact.name.clone(),
                phone: record.contact.phone.clone(),
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
            competent_agency: record.competent_agency.to_string(),
            applicant: details,
            applicant_consents: channel != Channel::Online,
            applicant_identity_checked: channel != Channel::Online,
            form_data: record.form.clone(),
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
            let mut input = ActionInput::default();
            let Some(action) = event.action() else { panic!("only the first event is a submission") };
            match (action, &event.payload.detail) {
                (Action::RequestSupplement, _) => input.reason = Some("Bổ sung bản sao giấy tờ".to_owned()),
                (Action::RequestPayment, Detail::PaymentRequest { amount_dong }) => {
                    input.amount_dong = Some(*amount_dong)
                }
                (Action::Pay, Detail::Payment(payment)) if event.role == "applicant" => {
                    let _ = payment;
                    input.transaction_reference = Some("GD000000000001".to_owned());
                }
                (Action::Pay, Detail::Payment(payment)) => {
                    input.amount_dong = Some(payment.amount_dong);
                    input.payment_method = Some("cash".to_owned());
                    input.receipt_number = Some("BL00000001".to_owned());
                }
                (Action::Approve, _) if record.result_document.is_some() => {
                    let stored = self.app.upload_document(&actor, GENERATED_PDF, "ket-qua.pdf").await.expect("result");
                    input.result_document = Some(stored.sha256);
                }
                (Action::Refuse, _) => input.reason = Some("Không đủ điều kiện theo quy định".to_owned()),
                (Action::Return, Detail::Handback(handback)) => {
                    input.tracking_number = handback.tracking_number.clone();
                    if handback.signature.is_some() {
                        input.signed_by_recipient = true;
                        input.recipient_name = Some(record.contact.name.clone());
                        input.recipient_id_number = Some(record.contact.personal_id.clone());
                    }
                }
                (Action::HandOver { to }, _) => assert_eq!(to, Step::Approval, "the generator hands over for approval"),
                (Action::Receive | Action::Supplement | Action::Withdraw | Action::Approve, _) => {}
                (other, detail) => panic!("the generator wrote {} with {detail:?}", other.name()),
            }
            let details = ActionDetails { input, documents: Vec::new() };
            self.app.act(&actor, &live.id, action, &details).await.unwrap_or_else(|e| {
                panic!("{} by {} on a generated {} dossier: {e}", action.name(), event.role, record.channel.as_str())
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
        if record.channel == Channel::Outreach {
            skipped_applicants.insert(record.contact.personal_id);
        }
    }
    let (mut generated_reuse, mut live_reuse) = (0, 0);

    let mut replay = Replay { app: &live, citizens: HashMap::new() };
    let (mut generated_total, mut live_total) = (Counts::default(), Counts::default());
    let mut replayed = 0;
    for measured in &generated {
        let record = app.store().dossier(&measured.dossier_id).await.expect("read").expect("generated dossier");
        if record.channel == Channel::Outreach {
            continue;
        }
        let events = app.store().dossier_events(&record.province_code, &record.id).await.expect("events");
        let components: Vec<String> = app
            .store()
            .dossier_documents(&record.province_code, &record.id)
            .await
            .expect("documents")
            .into_iter()
            .filter(|d| d.component_code != RESULT_COMPONENT)
            .map(|d| d.component_code)
            .collect();
        let live_id = replay.dossier(&record, &events, &components).await;
        if let Some(rating) = app.store().rating(&record.province_code, &record.id).await.expect("rating") {
            let applicant = replay.citizen(&record.contact.personal_id, &record.contact.name).await;
            let comment = if rating.rating == "not_satisfied" { "Chờ lâu" } else { "" };
            live.rate_dossier(&applicant, &live_id, &rating.rating, comment).await.expect("rate");
        }
        let live_record = live.store().dossier(&live_id).await.expect("read").expect("live dossier");
        let live_events = live.store().dossier_events(&live_record.province_code, &live_id).await.expect("events");
        let generated_shapes: Vec<_> = events.iter().map(shape).collect();
        let live_shapes: Vec<_> = live_events.iter().map(shape).collect();
        let channel = record.channel.as_str();
        assert_eq!(generated_shapes, live_shapes, "seed {seed}: the events of a generated {channel} dossier");
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
            "seed {seed}: the facts of a generated {channel} dossier"
        );
        if !skipped_applicants.contains(&record.contact.personal_id) {
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
