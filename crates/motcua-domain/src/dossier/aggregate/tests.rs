//! The dossier's actions, table by table: what each changes, what each
//! refuses, and that every history they write verifies.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::calendar::WorkCalendar;
use crate::clock::{WorkingHours, vietnam_offset};
use crate::dossier::{Charge, ChargeKind, PaymentMethod, verify_chain};
use crate::organisation::AgencyKind;

fn vn(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    vietnam_offset().with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid local time").with_timezone(&Utc)
}

fn officer(role: Role, scope: Scope) -> Principal {
    Principal::Officer { username: format!("hn.{}", role.as_str()), role, scope }
}

fn intake() -> Principal {
    officer(Role::IntakeOfficer, Scope::ServicePoint("HN-BADINH".into()))
}

fn specialist() -> Principal {
    officer(Role::Specialist, Scope::Agency("000.00.15.H29".into()))
}

fn leader() -> Principal {
    officer(Role::Leader, Scope::Agency("000.00.15.H29".into()))
}

fn citizen() -> Principal {
    Principal::Citizen { id: "c1".into() }
}

fn agency(code: &str) -> AgencyCode {
    AgencyCode::parse(code).expect("agency code")
}

fn new_dossier(received_now: bool, delivery: Delivery) -> NewDossier {
    NewDossier {
        province_code: "01".into(),
        id: "d1".into(),
        procedure_code: "1.004194".into(),
        procedure_version: 1,
        case_code: String::new(),
        applicant: Applicant::Account("c1".into()),
        contact: Contact { personal_id: "001099012345".into(), name: "Nguyễn Văn An".into(), ..Contact::default() },
        submitter_kind: SubmitterKind::Applicant,
        channel: if received_now { Channel::Counter } else { Channel::Online },
        service_point: "HN-BADINH".into(),
        service_point_unit: "00004".into(),
        competent_agency: agency("000.00.15.H29"),
        competent_unit: "01".into(),
        form: FormData::default(),
        delivery,
        charges: Charges(vec![Charge {
            kind: ChargeKind::Fee,
            description: "Lệ phí".into(),
            amount_dong: 50_000,
            exempted: None,
            paid_by: None,
        }]),
        processing: Some(ProcessingTime { amount: 2.0, unit: TimeUnit::WorkingDay }),
        received_now,
        consent: received_now,
        identity_checked: received_now,
        late_entry_reason: None,
    }
}

/// A dossier's history being written: the dossier as it stands and every event so far.
struct Course {
    dossier: Dossier,
    events: Vec<Event>,
}

struct World {
    calendar: WorkCalendar,
    hours: WorkingHours,
    step_times: Vec<(Step, ProcessingTime)>,
}

impl World {
    fn new() -> World {
        World { calendar: WorkCalendar::default(), hours: WorkingHours::default(), step_times: Vec::new() }
    }

    fn facts<'a>(&'a self, principal: &'a Principal, now: DateTime<Utc>) -> Facts<'a> {
        Facts {
            now,
            principal,
            clock: Clock::new(&self.calendar, &self.hours),
            step_times: &self.step_times,
            offer: None,
            to_agency: None,
        }
    }

    fn open(&self, new: NewDossier, principal: &Principal, now: DateTime<Utc>) -> Course {
        let (dossier, event) = Dossier::open(new, &self.facts(principal, now)).expect("opened");
        Course { dossier, events: vec![event] }
    }
}

impl Course {
    fn take(&mut self, world: &World, principal: &Principal, now: DateTime<Utc>, action: Action, input: ActionInput) {
        self.take_with(world.facts(principal, now), action, input);
    }

    fn take_with(&mut self, facts: Facts<'_>, action: Action, input: ActionInput) {
        let (dossier, event) =
            self.dossier.apply(action, &input, &facts).unwrap_or_else(|e| panic!("{} refused: {e}", action.name()));
        self.dossier = dossier;
        self.events.push(event);
    }

    fn refused(
        &self,
        world: &World,
        principal: &Principal,
        now: DateTime<Utc>,
        action: Action,
        input: ActionInput,
    ) -> DomainError {
        self.dossier.apply(action, &input, &world.facts(principal, now)).expect_err("refused")
    }

    fn verifies(&self) -> bool {
        let records: Vec<(EventRecord, String)> = {
            let mut previous = GENESIS_HASH.to_owned();
            self.events
                .iter()
                .map(|e| {
                    let record = e.record();
                    previous = chain_hash(&previous, &record);
                    (record, previous.clone())
                })
                .collect()
        };
        verify_chain(records.iter().map(|(r, h)| (r, h.as_str()))).is_ok()
            && records.last().is_some_and(|(_, h)| *h == self.dossier.last_hash)
            && self.dossier.event_count == self.events.len() as i64
    }
}

use crate::dossier::EventRecord;

#[test]
fn an_online_submission_waits_and_a_desk_receives_at_once() {
    let world = World::new();
    // Monday 3 November 2025, 08:00 in Vietnam.
    let monday = vn(2025, 11, 3, 8, 0);
    let online = world.open(new_dossier(false, Delivery::Online), &citizen(), monday);
    assert_eq!((online.dossier.status(), online.dossier.step()), (Status::Submitted, Step::Intake));
    assert_eq!((online.dossier.received_at, online.dossier.due_at), (None, None));
    assert_eq!(online.events[0].kind, EventKind::Submit);
    assert_eq!(online.events[0].role, "applicant");
    assert!(online.verifies());

    let desk = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
    assert_eq!((desk.dossier.status(), desk.dossier.step()), (Status::Received, Step::Review));
    assert_eq!(desk.dossier.received_at, Some(monday));
    // Two working days are 16 working hours: 7.5 on Monday from 08:00, 8 on
    // Tuesday, and the first half hour of Wednesday.
    assert_eq!(desk.dossier.due_at, Some(vn(2025, 11, 5, 8, 0)));
    assert_eq!(desk.events[0].kind, EventKind::Act(Action::Receive));
    assert_eq!(desk.events[0].service_point, "HN-BADINH");
    assert_eq!(desk.dossier.submitter_account, "hn.intake_officer");
    assert!(matches!(
        &desk.events[0].payload.detail,
        Detail::Arrival(Arrival { channel: Channel::Counter, consent: true, identity_checked: true, .. })
    ));
    assert!(desk.verifies());
}

#[test]
fn reception_pins_the_procedure_in_force_and_counts_its_time() {
    let world = World::new();
    let mut course = world.open(new_dossier(false, Delivery::Online), &citizen(), vn(2025, 11, 2, 20, 0));
    let offer = Offer { version: 7, processing: Some(ProcessingTime { amount: 4.0, unit: TimeUnit::Hour }) };
    let principal = intake();
    // Received on a Monday before work starts: the clock starts at 07:30.
    let facts = Facts { offer: Some(offer), ..world.facts(&principal, vn(2025, 11, 3, 7, 0)) };
    course.take_with(facts, Action::Receive, ActionInput::default());
    assert_eq!(course.dossier.procedure_version, 7);
    assert_eq!(course.dossier.processing, offer.processing);
    assert_eq!(course.dossier.due_at, Some(vn(2025, 11, 3, 11, 30)));
    assert_eq!(course.events[1].timeliness, None, "a receipt ends no step with a deadline");
    assert!(course.verifies());
}

#[test]
fn a_supplement_stops_the_clock_and_two_make_the_dossier_late() {
    let world = World::new();
    let monday = vn(2025, 11, 3, 8, 0);
    let mut course = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
    let due = course.dossier.due_at.expect("due");
    // Asked on Monday at 10:00 with 14 working hours left (5.5 on Monday, 8 on
    // Tuesday, half an hour on Wednesday); back on Wednesday at 08:00.
    course.take(
        &world,
        &specialist(),
        vn(2025, 11, 3, 10, 0),
        Action::RequestSupplement,
        ActionInput::with_reason("Bản sao sổ hộ khẩu"),
    );
    assert_eq!(course.dossier.status(), Status::SupplementRequested);
    assert_eq!(course.dossier.paused_at, Some(vn(2025, 11, 3, 10, 0)));
    assert_eq!(course.events[1].payload.reason(), Some("Bản sao sổ hộ khẩu"));
    course.take(&world, &citizen(), vn(2025, 11, 5, 8, 0), Action::Supplement, ActionInput::default());
    assert_eq!((course.dossier.status(), course.dossier.paused_at), (Status::Received, None));
    let resumed = course.dossier.due_at.expect("due");
    assert!(resumed > due, "the time the applicant held it is added");
    assert_eq!(resumed, vn(2025, 11, 6, 15, 30), "14 working hours from Wednesday 08:00");
    assert!(!course.dossier.late, "one supplement request is allowed");
    course.take(
        &world,
        &specialist(),
        vn(2025, 11, 5, 9, 0),
        Action::RequestSupplement,
        ActionInput::with_reason("Ảnh"),
    );
    assert!(course.dossier.late, "a second supplement request makes it late");
    assert!(course.verifies());
}

#[test]
fn actions_without_their_data_are_refused_and_change_nothing() {
    let world = World::new();
    let monday = vn(2025, 11, 3, 8, 0);
    let course = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
    let later = vn(2025, 11, 3, 9, 0);
    let cases: [(Principal, Action, ActionInput, &str); 7] = [
        (specialist(), Action::RequestSupplement, ActionInput::default(), "reason"),
        (specialist(), Action::RequestSupplement, ActionInput::with_reason("  "), "reason"),
        (leader(), Action::Stop, ActionInput::default(), "reason"),
        (
            specialist(),
            Action::RequestPayment,
            ActionInput { amount_dong: Some(0), ..ActionInput::default() },
            "amount_dong",
        ),
        (leader(), Action::Extend, ActionInput::with_reason("Cần xác minh"), "new_due_at"),
        (
            leader(),
            Action::Extend,
            ActionInput { new_due_at: Some(monday), ..ActionInput::with_reason("Cần xác minh") },
            "new_due_at",
        ),
        (
            leader(),
            Action::Extend,
            ActionInput { new_due_at: Some(vn(2025, 11, 20, 8, 0)), ..ActionInput::default() },
            "reason",
        ),
    ];
    for (principal, action, input, field) in cases {
        match course.refused(&world, &principal, later, action, input.clone()) {
            DomainError::InvalidValue { field: got, .. } => assert_eq!(got, field, "{} {input:?}", action.name()),
            other => panic!("{}: {other:?}", action.name()),
        }
    }
    let refused = course.refused(&world, &leader(), later, Action::Approve, ActionInput::default());
    assert!(matches!(refused, DomainError::TransitionNotAllowed { status: "received", action: "approve" }));
    assert_eq!(course.events.len(), 1);
}

#[test]
fn payments_are_the_applicants_online_or_an_officers_at_the_counter() {
    let world = World::new();
    let monday = vn(2025, 11, 3, 8, 0);
    let ask = ActionInput { amount_dong: Some(30_000), ..ActionInput::default() };
    let mut online = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
    online.take(&world, &specialist(), vn(2025, 11, 3, 9, 0), Action::RequestPayment, ask.clone());
    assert_eq!((online.dossier.status(), online.dossier.fee_dong), (Status::PaymentRequested, 30_000));
    let no_reference = online.refused(&world, &citizen(), vn(2025, 11, 3, 10, 0), Action::Pay, ActionInput::default());
    assert!(matches!(no_reference, DomainError::InvalidValue { field: "transaction_reference", .. }));
    let paid = ActionInput { transaction_reference: Some("VNP-1".into()), ..ActionInput::default() };
    online.take(&world, &citizen(), vn(2025, 11, 3, 10, 0), Action::Pay, paid);
    assert!(online.dossier.paid_online);
    assert_eq!(online.dossier.status(), Status::Received, "back to where it was");
    assert!(matches!(
        &online.events[2].payload.detail,
        Detail::Payment(Payment { method: PaymentMethod::Online, amount_dong: 30_000, .. })
    ));

    let mut counter = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
    counter.take(&world, &specialist(), vn(2025, 11, 3, 9, 0), Action::RequestPayment, ask);
    let wrong = ActionInput {
        payment_method: Some("cash".into()),
        amount_dong: Some(29_000),
        receipt_number: Some("BL1".into()),
        ..ActionInput::default()
    };
    let refused = counter.refused(&world, &intake(), vn(2025, 11, 3, 10, 0), Action::Pay, wrong.clone());
    assert!(matches!(refused, DomainError::InvalidValue { field: "amount_dong", .. }));
    counter.take(
        &world,
        &intake(),
        vn(2025, 11, 3, 10, 0),
        Action::Pay,
        ActionInput { amount_dong: Some(30_000), ..wrong },
    );
    assert!(!counter.dossier.paid_online, "cash at the counter is not an electronic payment");
    assert!(online.verifies() && counter.verifies());
}

#[test]
fn charges_are_kept_item_by_item_and_an_exemption_keeps_its_reason() {
    let world = World::new();
    let monday = vn(2025, 11, 3, 8, 0);
    let mut course = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
    assert_eq!(
        (course.dossier.fee_dong, course.dossier.charges.outstanding()),
        (50_000, 50_000),
        "the procedure's fee"
    );
    let ask = ActionInput {
        amount_dong: Some(30_000), reason: Some("Thuế trước bạ".into()), ..ActionInput::default()
    };
    course.take(&world, &specialist(), vn(2025, 11, 3, 9, 0), Action::RequestPayment, ask);
    let requested = course.dossier.charges.0.last().expect("requested").clone();
    assert_eq!(
        (requested.kind, requested.amount_dong, requested.description.as_str()),
        (ChargeKind::Requested, 30_000, "Thuế trước bạ")
    );
    let exempt = |reason: Option<&str>| ActionInput {
        payment_method: Some("exempt".into()),
        reason: reason.map(str::to_owned),
        ..ActionInput::default()
    };
    let unexplained = course.refused(&world, &intake(), vn(2025, 11, 3, 10, 0), Action::Pay, exempt(None));
    assert_eq!(unexplained, DomainError::invalid("reason", Reason::Required));
    let by_citizen = course.refused(&world, &citizen(), vn(2025, 11, 3, 10, 0), Action::Pay, exempt(Some("tự miễn")));
    assert!(
        matches!(by_citizen, DomainError::InvalidValue { field: "transaction_reference", .. }),
        "only an officer exempts"
    );
    let why = "Người có công với cách mạng (Điều 5 Thông tư 106/2021/TT-BTC)";
    course.take(&world, &intake(), vn(2025, 11, 3, 10, 0), Action::Pay, exempt(Some(why)));
    assert_eq!(course.dossier.status(), Status::Received, "back to where it was");
    assert_eq!(course.dossier.charges.outstanding(), 0, "nothing owed");
    assert!(course.dossier.charges.0.iter().all(|c| c.exempted.as_deref() == Some(why)));
    assert_eq!(course.events.last().expect("event").payload.reason(), Some(why), "the history shows why");
    assert!(!course.dossier.paid_online);
    let facts = crate::indicators::DossierFacts::of(&course.dossier, &[], None);
    assert!(!facts.fee_bearing, "an exempted dossier is not counted against e-payment");
    assert!(course.verifies());

    let mut paid = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
    let ask = ActionInput { amount_dong: Some(50_000), ..ActionInput::default() };
    paid.take(&world, &specialist(), vn(2025, 11, 3, 9, 0), Action::RequestPayment, ask);
    let reference = ActionInput { transaction_reference: Some("o1 / 14000001".into()), ..ActionInput::default() };
    paid.take(&world, &citizen(), vn(2025, 11, 3, 10, 0), Action::Pay, reference);
    assert_eq!(paid.dossier.charges.payments(), ["o1 / 14000001"], "every item paid by the one payment");
    assert!(crate::indicators::DossierFacts::of(&paid.dossier, &[], None).fee_bearing);
}

#[test]
fn a_hand_over_to_another_agency_moves_competence_within_the_province() {
    let world = World::new();
    let mut course = world.open(new_dossier(true, Delivery::Online), &intake(), vn(2025, 11, 3, 8, 0));
    let police = Agency {
        code: agency("000.04.01.H29"),
        name: "Công an phường Ba Đình".into(),
        kind: AgencyKind::CommunePolice,
        province_code: "01".into(),
        unit_code: "00004".into(),
    };
    let elsewhere = Agency { code: agency("000.00.15.H57"), province_code: "46".into(), ..police.clone() };
    let principal = specialist();
    let to_review = Action::HandOver { to: Step::Review };
    let facts = Facts { to_agency: Some(&elsewhere), ..world.facts(&principal, vn(2025, 11, 3, 9, 0)) };
    let refused = course.dossier.apply(to_review, &ActionInput::default(), &facts).expect_err("another province");
    assert!(matches!(refused, DomainError::InvalidValue { field: "to_agency", .. }));
    let facts = Facts { to_agency: Some(&police), ..world.facts(&principal, vn(2025, 11, 3, 9, 0)) };
    course.take_with(facts, to_review, ActionInput::default());
    assert_eq!(course.dossier.competent_agency, police.code);
    assert_eq!(course.dossier.competent_unit, "00004");
    assert_eq!(course.dossier.agencies_involved, [agency("000.00.15.H29")]);
    assert_eq!(course.events[1].handed_to, "000.04.01.H29");
    assert_eq!(course.events[1].timeliness, Some(Timeliness::Early), "judged against the dossier's due date");
    let to_officer = ActionInput { to_officer: Some("hn.lanhdao".into()), ..ActionInput::default() };
    course.take(&world, &principal, vn(2025, 11, 3, 10, 0), Action::HandOver { to: Step::Approval }, to_officer);
    assert_eq!(course.events[2].handed_to, "hn.lanhdao");
    assert!(course.verifies());
}

#[test]
fn a_step_with_its_own_time_is_judged_against_it() {
    let mut world = World::new();
    world.step_times = vec![(Step::Review, ProcessingTime { amount: 2.0, unit: TimeUnit::Hour })];
    let mut course = world.open(new_dossier(true, Delivery::Online), &intake(), vn(2025, 11, 3, 8, 0));
    assert_eq!(course.dossier.step_due_at, Some(vn(2025, 11, 3, 10, 0)));
    course.take(
        &world,
        &specialist(),
        vn(2025, 11, 3, 11, 0),
        Action::HandOver { to: Step::Approval },
        ActionInput::default(),
    );
    assert_eq!(course.events[1].timeliness, Some(Timeliness::Late), "the review took longer than its two hours");
    assert_eq!(course.dossier.step_due_at, None, "approval has no time of its own");
    assert!(!course.dossier.late, "the dossier itself is not late");
    assert!(course.verifies());
}

#[test]
fn an_extension_owes_an_apology_and_a_late_decision_marks_the_dossier() {
    let world = World::new();
    let mut course = world.open(new_dossier(true, Delivery::Online), &intake(), vn(2025, 11, 3, 8, 0));
    let due = course.dossier.due_at;
    let new_due = vn(2025, 11, 10, 17, 0);
    let extend = ActionInput { new_due_at: Some(new_due), ..ActionInput::with_reason("Chờ xác minh") };
    course.take(&world, &leader(), vn(2025, 11, 4, 9, 0), Action::Extend, extend);
    assert_eq!((course.dossier.due_at, course.dossier.late), (Some(new_due), true));
    assert!(matches!(
        &course.events[1].payload.detail,
        Detail::Extension { previous_due_at, new_due_at, .. } if *previous_due_at == due && *new_due_at == new_due
    ));

    let mut slow = world.open(new_dossier(true, Delivery::Online), &intake(), vn(2025, 11, 3, 8, 0));
    slow.take(
        &world,
        &specialist(),
        vn(2025, 11, 3, 9, 0),
        Action::HandOver { to: Step::Approval },
        ActionInput::default(),
    );
    let result = ActionInput { result_document: Some("ab".repeat(32)), ..ActionInput::default() };
    slow.take(&world, &leader(), vn(2025, 11, 5, 9, 0), Action::Approve, result);
    assert_eq!((slow.dossier.status(), slow.dossier.step()), (Status::Resolved, Step::Return));
    assert_eq!(slow.dossier.resolved_at, Some(vn(2025, 11, 5, 9, 0)));
    assert_eq!(slow.dossier.result_document, Some("ab".repeat(32)));
    assert_eq!(slow.events[2].timeliness, Some(Timeliness::Late));
    assert!(slow.dossier.late);
    assert!(course.verifies() && slow.verifies());
}

#[test]
fn a_result_goes_by_post_with_its_number_or_in_person_against_a_signature() {
    let world = World::new();
    let post = Delivery::Post { address: "25 Liễu Giai, Ba Đình, Hà Nội".into() };
    let resolved = |delivery: Delivery, received_by: &Principal| {
        let mut course = world.open(
            NewDossier { service_point: "HN-BD-POST".into(), ..new_dossier(true, delivery) },
            received_by,
            vn(2025, 11, 3, 8, 0),
        );
        course.take(
            &world,
            &specialist(),
            vn(2025, 11, 3, 9, 0),
            Action::HandOver { to: Step::Approval },
            ActionInput::default(),
        );
        course.take(&world, &leader(), vn(2025, 11, 3, 10, 0), Action::Approve, ActionInput::default());
        course
    };
    let clerk = officer(Role::AgentClerk, Scope::ServicePoint("HN-BD-POST".into()));
    let at = vn(2025, 11, 3, 14, 0);

    let mut by_post = resolved(post.clone(), &intake());
    let missing = by_post.refused(&world, &intake(), at, Action::Return, ActionInput::default());
    assert!(matches!(missing, DomainError::InvalidValue { field: "tracking_number", .. }));
    let refused = by_post.refused(&world, &clerk, at, Action::Return, ActionInput::default());
    assert!(
        matches!(refused, DomainError::InvalidValue { field: "delivery", .. }),
        "the post carries it, not the agent"
    );
    let tracked = ActionInput { tracking_number: Some("EV123456789VN".into()), ..ActionInput::default() };
    by_post.take(&world, &intake(), at, Action::Return, tracked);
    assert_eq!(by_post.dossier.tracking_number.as_deref(), Some("EV123456789VN"));
    assert_eq!((by_post.dossier.status(), by_post.dossier.returned_at), (Status::Returned, Some(at)));

    let mut in_person = resolved(Delivery::Online, &clerk);
    let unsigned = in_person.refused(&world, &clerk, at, Action::Return, ActionInput::default());
    assert!(matches!(unsigned, DomainError::InvalidValue { field: "signed_by_recipient", .. }));
    let signed = ActionInput {
        signed_by_recipient: true,
        recipient_name: Some("Nguyễn Văn An".into()),
        recipient_id_number: Some("001099012345".into()),
        ..ActionInput::default()
    };
    in_person.take(&world, &clerk, at, Action::Return, signed);
    assert!(matches!(
        &in_person.events[3].payload.detail,
        Detail::Handback(Handback { tracking_number: None, signature: Some(s) }) if s.recipient_name == "Nguyễn Văn An"
    ));
    assert!(by_post.verifies() && in_person.verifies());
}

#[test]
fn every_path_of_the_law_writes_a_history_that_verifies() {
    let world = World::new();
    let monday = vn(2025, 11, 3, 8, 0);
    let reason = || ActionInput::with_reason("Theo quy định");
    type Path = Vec<(Principal, Action, ActionInput)>;
    let paths: [(&str, Path, Status); 4] = [
        (
            "withdrawn while supplementing",
            vec![
                (specialist(), Action::RequestSupplement, reason()),
                (citizen(), Action::Withdraw, ActionInput::default()),
            ],
            Status::Withdrawn,
        ),
        ("stopped", vec![(leader(), Action::Stop, reason())], Status::Stopped),
        (
            "refused",
            vec![
                (specialist(), Action::HandOver { to: Step::Approval }, ActionInput::default()),
                (leader(), Action::Refuse, reason()),
            ],
            Status::Resolved,
        ),
        (
            "sent back for review",
            vec![
                (specialist(), Action::HandOver { to: Step::Approval }, ActionInput::default()),
                (leader(), Action::HandOver { to: Step::Review }, ActionInput::default()),
            ],
            Status::Processing,
        ),
    ];
    for (name, path, expected) in paths {
        let mut course = world.open(new_dossier(true, Delivery::Online), &intake(), monday);
        for (n, (principal, action, input)) in path.into_iter().enumerate() {
            course.take(&world, &principal, monday + Duration::minutes(10 * (n as i64 + 1)), action, input);
        }
        assert_eq!(course.dossier.status(), expected, "{name}");
        assert!(course.verifies(), "{name}");
    }
}

#[test]
fn a_stated_time_limit_is_for_entries_the_catalogue_gives_none() {
    let five = Some(ProcessingTime { amount: 5.0, unit: TimeUnit::WorkingDay });
    let field = |r: Result<Option<ProcessingTime>, DomainError>| match r {
        Err(DomainError::InvalidValue { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(time_limit_of(five, None, Channel::Counter, false, true), Ok(five));
    assert_eq!(field(time_limit_of(five, five, Channel::Counter, false, true)), "time_limit");
    assert_eq!(field(time_limit_of(None, five, Channel::Online, true, false)), "time_limit");
    assert_eq!(time_limit_of(None, five, Channel::Counter, true, true), Ok(five));
    let same_day = Some(ProcessingTime { amount: 1.0, unit: TimeUnit::SameDay });
    assert_eq!(field(time_limit_of(None, same_day, Channel::Counter, true, true)), "time_limit");
    assert_eq!(field(time_limit_of(None, None, Channel::Counter, true, true)), "time_limit");
    assert_eq!(time_limit_of(None, None, Channel::Online, true, false), Ok(None));
}

#[test]
fn a_dossiers_facts_are_what_the_measures_count() {
    use crate::dossier::{RESULT_COMPONENT, ReceivedComponent, Satisfaction};
    use crate::indicators::{AttachedComponent, DossierFacts, Rating};
    let world = World::new();
    let handed_in =
        |code: &str| ReceivedComponent { component_code: code.into(), name: None, original: true, count: 1 };
    let named =
        ReceivedComponent { component_code: String::new(), name: Some("Tờ khai".into()), original: true, count: 1 };
    let new = NewDossier {
        form: FormData { received_components: vec![handed_in("A"), handed_in("B"), named], ..FormData::default() },
        ..new_dossier(true, Delivery::Online)
    };
    let mut course = world.open(new, &intake(), vn(2025, 11, 3, 8, 0));
    course.take(
        &world,
        &specialist(),
        vn(2025, 11, 3, 9, 0),
        Action::HandOver { to: Step::Approval },
        ActionInput::default(),
    );
    let result = ActionInput { result_document: Some("cd".repeat(32)), ..ActionInput::default() };
    course.take(&world, &leader(), vn(2025, 11, 3, 10, 0), Action::Approve, result);
    let attached = |code: &str, reused| AttachedComponent { component_code: code.into(), reused };
    let documents = [attached("B", true), attached("B", true), attached("C", false), attached(RESULT_COMPONENT, false)];
    let facts = DossierFacts::of(&course.dossier, &documents, Some(Satisfaction::VerySatisfied));
    assert_eq!(
        (facts.components, facts.components_digitised, facts.components_reused),
        (3, 2, 1),
        "A, B, C; B and C scanned; B reused"
    );
    assert!(facts.electronic_result && facts.fee_bearing && !facts.submitted_online && !facts.paid_online);
    assert_eq!(facts.resolved_at, Some(vn(2025, 11, 3, 10, 0)));
    assert_eq!(facts.rating, Some(Rating::Satisfied));

    let mut withdrawn = world.open(new_dossier(false, Delivery::Online), &citizen(), vn(2025, 11, 3, 8, 0));
    withdrawn.take(&world, &citizen(), vn(2025, 11, 3, 9, 30), Action::Withdraw, ActionInput::default());
    let facts = DossierFacts::of(&withdrawn.dossier, &[], Some(Satisfaction::NotSatisfied));
    assert_eq!(facts.resolved_at, Some(vn(2025, 11, 3, 9, 30)), "a withdrawn dossier finished when it was withdrawn");
    assert!(facts.submitted_online && !facts.electronic_result);
    assert_eq!(facts.rating, Some(Rating::NotSatisfied));
}
