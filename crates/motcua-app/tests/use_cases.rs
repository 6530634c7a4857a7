//! The dossier use cases without HTTP: `submit_dossier` and `act` on a
//! seeded demo database, one behaviour per test. What the HTTP tests check
//! through the real binary, these check at the boundary the handlers call,
//! so a failure names the use case, not the route.

use std::sync::Arc;

use motcua_app::dossiers::{ActionDetails, ApplicantDetails, DeskOutcome, SubmitDossier};
use motcua_app::files::{DEFAULT_MAX_SIZE, DiskFileStore};
use motcua_app::gateway::PaymentGateway;
use motcua_app::{App, AppError, Silent};
use motcua_domain::DomainError;
use motcua_domain::access::Principal;
use motcua_domain::dossier::{
    Action, ActionInput, Channel, Delivery, Detail, Dossier, EventKind, FormData, Status, Step, verify_chain,
};
use motcua_domain::organisation::{Role, Scope};
use motcua_store::Store;
use motcua_testkit::{TestBackend, TestDatabase};

/// The competent agency of the demo's Ba Đình examples (its police) and a procedure it settles online.
const AGENCY: &str = "000.04.01.H29";
const PROCEDURE: &str = "1.115504";

struct Demo {
    app: App,
    _database: TestDatabase,
    files: std::path::PathBuf,
}

impl Drop for Demo {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.files).ok();
    }
}

async fn demo() -> Demo {
    let database = TestDatabase::create(TestBackend::Sqlite).await;
    let store = Store::connect(&database.url, 4).await.expect("connect");
    store.migrate().await.expect("migrate");
    let files = std::env::temp_dir().join(format!("motcua-use-cases-{}", rand_suffix()));
    let app = App::new(store, Arc::new(DiskFileStore::new(&files, DEFAULT_MAX_SIZE)));
    app.seed_demo(&Silent).await.expect("seed");
    Demo { app, _database: database, files }
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

fn officer(username: &str, role: Role, scope: Scope) -> Principal {
    Principal::Officer { username: username.to_owned(), role, scope }
}

fn intake() -> Principal {
    officer("hn.badinh.tiepnhan", Role::IntakeOfficer, Scope::ServicePoint("HN-BADINH".into()))
}

fn specialist() -> Principal {
    officer("hn.badinh.congan.chuyenvien", Role::Specialist, Scope::Agency(AGENCY.into()))
}

fn leader() -> Principal {
    officer("hn.badinh.congan.lanhdao", Role::Leader, Scope::Agency(AGENCY.into()))
}

/// The demo citizen of Hà Nội, as signed in.
async fn citizen(app: &App) -> Principal {
    let record = app.store().verified_citizen("001190000001").await.expect("read").expect("demo citizen");
    Principal::Citizen { id: record.id }
}

fn online() -> SubmitDossier {
    SubmitDossier {
        procedure_code: PROCEDURE.into(),
        case_code: None,
        channel: Channel::Online,
        service_point: None,
        competent_agency: AGENCY.into(),
        applicant: None,
        applicant_consents: false,
        applicant_identity_checked: false,
        form_data: FormData {
            request: "Đăng ký tạm trú".into(),
            address: "1 Phố Đội Cấn, Phường Ba Đình, Hà Nội".into(),
            ..FormData::default()
        },
        documents: Vec::new(),
        delivery: Delivery::Online,
        outcome: DeskOutcome::Receive,
        late_entry_reason: None,
        time_limit: None,
    }
}

fn at_the_counter(outcome: DeskOutcome) -> SubmitDossier {
    SubmitDossier {
        channel: Channel::Counter,
        service_point: Some("HN-BADINH".into()),
        applicant: Some(ApplicantDetails {
            id_number: "001099012345".into(),
            full_name: "Nguyễn Văn An".into(),
            phone: "0912345678".into(),
            email: String::new(),
            address: "25 Liễu Giai, Ba Đình, Hà Nội".into(),
        }),
        applicant_consents: true,
        applicant_identity_checked: true,
        outcome,
        ..online()
    }
}

async fn act(app: &App, who: &Principal, dossier: &Dossier, action: Action, input: ActionInput) -> Dossier {
    let details = ActionDetails { input, documents: Vec::new() };
    app.act(who, &dossier.id, action, &details).await.unwrap_or_else(|e| panic!("{}: {e}", action.name())).dossier
}

/// The dossier as stored, and whether its history verifies against it.
async fn stored(app: &App, dossier: &Dossier) -> (Dossier, bool) {
    let now = app.store().dossier(&dossier.id).await.expect("read").expect("stored");
    let records = app.store().dossier_event_records(&now.province_code, &now.id).await.expect("events");
    let verifies = verify_chain(records.iter().map(|(r, h)| (r, h.as_str()))).is_ok()
        && records.last().is_some_and(|(_, h)| *h == now.last_hash)
        && records.len() as i64 == now.event_count;
    (now, verifies)
}

#[tokio::test]
async fn an_online_submission_waits_then_reception_gives_it_a_code_and_a_due_date() {
    let demo = demo().await;
    let app = &demo.app;
    let submitted = app.submit_dossier(&citizen(app).await, &online(), None).await.expect("submit");
    assert_eq!((submitted.status(), submitted.code.as_ref(), submitted.due_at), (Status::Submitted, None, None));
    let received = act(app, &intake(), &submitted, Action::Receive, ActionInput::default()).await;
    let code = received.code.as_ref().expect("a code at reception");
    assert!(code.as_str().starts_with(&format!("{AGENCY}-")), "{code}");
    assert!(received.due_at.is_some_and(|due| Some(due) > received.received_at));
    let (now, verifies) = stored(app, &received).await;
    assert_eq!(now, received, "what the use case answers is what it stored");
    assert!(verifies);
    let events = app.store().dossier_events(&now.province_code, &now.id).await.expect("events");
    let kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Submit, EventKind::Act(Action::Receive)]);
}

#[tokio::test]
async fn a_desk_refuses_on_the_spot_with_its_reason() {
    let demo = demo().await;
    let app = &demo.app;
    let reason = "Thủ tục không thuộc thẩm quyền".to_owned();
    let request = at_the_counter(DeskOutcome::Refuse { reason: reason.clone() });
    let refused = app.submit_dossier(&intake(), &request, None).await.expect("submit");
    assert_eq!(refused.status(), Status::RefusedAtReception);
    let events = app.store().dossier_events(&refused.province_code, &refused.id).await.expect("events");
    assert_eq!(events.len(), 2, "received, then refused");
    assert!(matches!(&events[0].payload.detail, Detail::Arrival(a) if a.consent && a.identity_checked));
    assert_eq!(events[1].payload.reason(), Some(reason.as_str()));
    let empty = at_the_counter(DeskOutcome::Refuse { reason: "  ".into() });
    let error = app.submit_dossier(&intake(), &empty, None).await.expect_err("no reason");
    assert!(matches!(error, AppError::Domain(DomainError::InvalidValue { field: "reason", .. })), "{error:?}");
}

#[tokio::test]
async fn an_action_is_checked_for_sight_then_role_then_state_then_data_and_a_refusal_changes_nothing() {
    let demo = demo().await;
    let app = &demo.app;
    let dossier = app.submit_dossier(&intake(), &at_the_counter(DeskOutcome::Receive), None).await.expect("submit");
    let (before, _) = stored(app, &dossier).await;
    let hue = officer("hue.tiepnhan", Role::IntakeOfficer, Scope::ServicePoint("HUE-TTHCC".into()));
    let none = || ActionDetails::default();
    let cases: [(Principal, Action, ActionDetails, &str); 4] = [
        (hue, Action::HandOver { to: Step::Review }, none(), "not found: another province's officer"),
        (intake(), Action::Approve, none(), "forbidden: an intake officer does not approve"),
        (leader(), Action::Approve, none(), "conflict: nothing to approve before the approval step"),
        (specialist(), Action::RequestSupplement, none(), "invalid: a supplement request says what to add"),
    ];
    for (who, action, details, what) in cases {
        let error = app.act(&who, &dossier.id, action, &details).await.expect_err(what);
        let kind_matches = match what.split(':').next() {
            Some("not found") => matches!(error, AppError::NotFound { what: "dossier", .. }),
            Some("forbidden") => matches!(error, AppError::Forbidden { .. }),
            Some("conflict") => matches!(error, AppError::Domain(DomainError::TransitionNotAllowed { .. })),
            _ => matches!(error, AppError::Domain(DomainError::InvalidValue { field: "reason", .. })),
        };
        assert!(kind_matches, "{what}: {error:?}");
        assert_eq!(stored(app, &dossier).await.0, before, "{what}: nothing changed");
    }
}

#[tokio::test]
async fn a_dossier_goes_from_a_counter_to_a_returned_result_with_every_hand_over_recorded() {
    let demo = demo().await;
    let app = &demo.app;
    let post = Delivery::Post { address: "25 Liễu Giai, Ba Đình, Hà Nội".into() };
    let request = SubmitDossier { delivery: post, ..at_the_counter(DeskOutcome::Receive) };
    let dossier = app.submit_dossier(&intake(), &request, None).await.expect("submit");
    let review = act(app, &intake(), &dossier, Action::HandOver { to: Step::Review }, ActionInput::default()).await;
    let to_leader = ActionInput { to_officer: Some("hn.badinh.congan.lanhdao".into()), ..ActionInput::default() };
    let approval = act(app, &specialist(), &review, Action::HandOver { to: Step::Approval }, to_leader).await;
    let approved = act(app, &leader(), &approval, Action::Approve, ActionInput::default()).await;
    assert_eq!((approved.status(), approved.step()), (Status::Resolved, Step::Return));
    let missing = app.act(&intake(), &approved.id, Action::Return, &ActionDetails::default()).await;
    assert!(matches!(missing, Err(AppError::Domain(DomainError::InvalidValue { field: "tracking_number", .. }))));
    let tracked = ActionInput { tracking_number: Some("EV123456789VN".into()), ..ActionInput::default() };
    let returned = act(app, &intake(), &approved, Action::Return, tracked).await;
    assert_eq!(returned.status(), Status::Returned);
    let (now, verifies) = stored(app, &returned).await;
    assert!(verifies);
    assert_eq!(now.tracking_number.as_deref(), Some("EV123456789VN"));
    let slip = app.control_slip(&intake(), &returned.id).await.expect("slip").1;
    let receivers: Vec<&str> = slip.iter().map(|r| r.receiver.as_str()).collect();
    assert_eq!(receivers[2], "hn.badinh.congan.lanhdao", "the officer the dossier was handed to");
    assert!(slip.iter().skip(1).all(|r| r.timeliness.is_some()), "every step after receipt is judged");
}

#[tokio::test]
async fn a_retried_submission_with_its_key_makes_one_dossier() {
    let demo = demo().await;
    let app = &demo.app;
    let citizen = citizen(app).await;
    let first = app.submit_dossier(&citizen, &online(), Some("retry-1")).await.expect("submit");
    let again = app.submit_dossier(&citizen, &online(), Some("retry-1")).await.expect("replay");
    assert_eq!(again.id, first.id);
    let other = SubmitDossier { form_data: FormData { request: "Khác".into(), ..online().form_data }, ..online() };
    let reused = app.submit_dossier(&citizen, &other, Some("retry-1")).await;
    assert!(matches!(reused, Err(AppError::IdempotencyKeyReused)), "{reused:?}");
}

#[tokio::test]
async fn an_applicant_pays_online_and_the_dossier_counts_as_paid_online() {
    let demo = demo().await;
    let app = &demo.app;
    let citizen = citizen(app).await;
    let submitted = app.submit_dossier(&citizen, &online(), None).await.expect("submit");
    let received = act(app, &intake(), &submitted, Action::Receive, ActionInput::default()).await;
    let ask = ActionInput { amount_dong: Some(30_000), ..ActionInput::default() };
    let asked = act(app, &specialist(), &received, Action::RequestPayment, ask).await;
    assert_eq!(asked.status(), Status::PaymentRequested);
    let unpaid = app.act(&citizen, &asked.id, Action::Pay, &ActionDetails::default()).await;
    assert!(matches!(unpaid, Err(AppError::Domain(DomainError::InvalidValue { field: "transaction_reference", .. }))));
    let reference = ActionInput { transaction_reference: Some("VNP-0001".into()), ..ActionInput::default() };
    let paid = act(app, &citizen, &asked, Action::Pay, reference).await;
    assert!(paid.paid_online);
    assert_eq!(paid.status(), Status::Received, "back where it was before the request");
    let facts = app.store().measure_records().await.expect("facts");
    let counted = facts.iter().find(|m| m.dossier_id == paid.id).expect("counted");
    assert!(counted.facts.paid_online && counted.facts.fee_bearing);
}

/// A gateway for the tests, speaking a protocol of its own: a report names
/// the order, the amount and whether it was paid, and is believed only
/// with `sig=ok`. The real protocols are tested in `motcua-gateway`.
#[derive(Debug, Default)]
struct TestGateway {
    refunds: std::sync::Mutex<RefundDesk>,
}

/// How the test gateway takes refunds and status queries, and the ones it was sent.
#[derive(Debug, Default)]
struct RefundDesk {
    /// What a status query answers, by order; an order not here has no transaction.
    transactions: std::collections::HashMap<String, motcua_domain::payments::GatewayReport>,
    /// The orders asked about.
    queried: Vec<String>,
    /// Unreachable: every call fails.
    down: bool,
    /// Each refund sent: its request id, order and amount.
    sent: Vec<(String, String, i64)>,
}

impl PaymentGateway for TestGateway {
    fn gateway(&self) -> motcua_domain::payments::Gateway {
        motcua_domain::payments::Gateway::Vnpay
    }

    fn is_sandbox(&self) -> bool {
        true
    }

    fn origin(&self) -> String {
        "https://gateway.test".to_owned()
    }

    fn payment_url(
        &self,
        order: &motcua_domain::payments::PaymentOrder,
        request: &motcua_app::gateway::PayRequest<'_>,
    ) -> Result<String, String> {
        Ok(format!("https://gateway.test/pay?order={}&amount={}&ip={}", order.id, order.amount_dong, request.client_ip))
    }

    fn read_report(
        &self,
        query: &str,
    ) -> Result<motcua_domain::payments::GatewayReport, motcua_app::gateway::ReportRefused> {
        use motcua_app::gateway::ReportRefused;
        let value = |name: &str| {
            query.split('&').find_map(|pair| pair.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
        };
        if value("sig") != Some("ok") {
            return Err(ReportRefused::BadSignature);
        }
        let amount = value("amount").and_then(|a| a.parse().ok()).ok_or(ReportRefused::Malformed("amount".into()))?;
        Ok(motcua_domain::payments::GatewayReport {
            order_id: value("order").unwrap_or_default().to_owned(),
            amount_dong: amount,
            paid: value("paid") == Some("1"),
            transaction_no: value("txn").unwrap_or_default().to_owned(),
            bank_code: "NCB".into(),
            response_code: if value("paid") == Some("1") { "00" } else { "24" }.into(),
        })
    }

    fn answer(&self, handled: &motcua_app::gateway::Handled) -> (String, &'static str) {
        (format!("{handled:?}"), "text/plain")
    }

    fn query<'a>(
        &'a self,
        order: &'a motcua_domain::payments::PaymentOrder,
        _request_id: &'a str,
        _at: chrono::DateTime<chrono::Utc>,
    ) -> motcua_app::gateway::Answering<'a, motcua_app::gateway::QueryAnswer> {
        use motcua_app::gateway::{CallFailed, QueryAnswer};
        let mut desk = self.refunds.lock().expect("desk");
        desk.queried.push(order.id.clone());
        let answer = if desk.down {
            Err(CallFailed("connection refused".into()))
        } else {
            Ok(desk.transactions.get(&order.id).cloned().map_or(QueryAnswer::NoTransaction, QueryAnswer::Report))
        };
        Box::pin(std::future::ready(answer))
    }

    fn refund<'a>(
        &'a self,
        order: &'a motcua_domain::payments::PaymentOrder,
        call: motcua_app::gateway::RefundCall<'a>,
    ) -> motcua_app::gateway::Answering<'a, motcua_app::gateway::RefundAnswer> {
        use motcua_app::gateway::{CallFailed, RefundAnswer};
        let mut desk = self.refunds.lock().expect("desk");
        desk.sent.push((call.request_id.to_owned(), order.id.clone(), call.amount_dong));
        let answer = if desk.down {
            Err(CallFailed("connection refused".into()))
        } else {
            Ok(RefundAnswer::Refunded { transaction_no: format!("R{}", desk.sent.len()) })
        };
        Box::pin(std::future::ready(answer))
    }
}

/// A dossier of the demo citizen asked to pay 30,000 đồng, on an app that takes payments online.
async fn asked_to_pay(demo: &mut Demo) -> (Principal, Dossier) {
    demo.app = demo.app.clone().with_gateway(Arc::new(TestGateway::default()));
    let app = &demo.app;
    let citizen = citizen(app).await;
    let submitted = app.submit_dossier(&citizen, &online(), None).await.expect("submit");
    let received = act(app, &intake(), &submitted, Action::Receive, ActionInput::default()).await;
    let ask = ActionInput { amount_dong: Some(30_000), ..ActionInput::default() };
    (citizen, act(app, &specialist(), &received, Action::RequestPayment, ask).await)
}

fn pay_request() -> motcua_app::gateway::PayRequest<'static> {
    motcua_app::gateway::PayRequest { client_ip: "127.0.0.1", language: "vi", description: "test" }
}

#[tokio::test]
async fn an_online_payment_is_settled_once_however_many_reports_arrive() {
    use motcua_app::gateway::ReportOutcome;
    use motcua_domain::payments::OrderStatus;
    let mut demo = demo().await;
    let (citizen, asked) = asked_to_pay(&mut demo).await;
    let app = &demo.app;
    let (order, url) = app.start_payment(&citizen, &asked.id, &pay_request()).await.expect("order");
    assert_eq!((order.amount_dong, order.status), (30_000, OrderStatus::Pending));
    assert!(url.contains(&order.id), "{url}");
    let report = app
        .store()
        .payment_order(&order.id)
        .await
        .expect("read")
        .map(|o| format!("order={}&amount={}&paid=1&txn=T1&sig=ok", o.id, o.amount_dong))
        .expect("stored");
    // The notification, its retry and the browser's return, all at once.
    let (a, b, c) = tokio::join!(
        app.payment_notification(&report),
        app.payment_notification(&report),
        app.payment_return(&citizen, &report),
    );
    let answers = [a.expect("answer").0, b.expect("answer").0];
    let settled = answers.iter().filter(|a| a.contains("Outcome(Settled)")).count();
    let returned = c.expect("return");
    assert_eq!(returned.status, OrderStatus::Paid);
    assert!(settled <= 1, "{answers:?}");
    let (now, verifies) = stored(app, &asked).await;
    assert!(verifies);
    assert_eq!(now.status(), Status::Received, "back where it was before the request");
    assert!(now.paid_online);
    let events = app.store().dossier_events(&now.province_code, &now.id).await.expect("events");
    let payments: Vec<_> = events.iter().filter(|e| e.is(Action::Pay)).collect();
    assert_eq!(payments.len(), 1, "one payment in the history");
    assert!(matches!(&payments[0].payload.detail, Detail::Payment(p) if p.reference == format!("{} / T1", order.id)));
    let again = app.settle_payment(&TestGateway::default().read_report(&report).expect("report")).await.expect("again");
    assert_eq!(again.0, ReportOutcome::AlreadySettled);
    let facts = app.store().measure_records().await.expect("facts");
    let counted = facts.iter().find(|m| m.dossier_id == now.id).expect("counted");
    assert!(counted.facts.paid_online && counted.facts.fee_bearing, "the e-payment figure counts it");
}

#[tokio::test]
async fn a_report_of_another_amount_or_without_its_signature_changes_nothing() {
    use motcua_app::gateway::ReportOutcome;
    use motcua_domain::payments::OrderStatus;
    let mut demo = demo().await;
    let (citizen, asked) = asked_to_pay(&mut demo).await;
    let app = &demo.app;
    let (order, _) = app.start_payment(&citizen, &asked.id, &pay_request()).await.expect("order");
    let forged = app.payment_notification(&format!("order={}&amount=30000&paid=1&sig=no", order.id)).await;
    assert_eq!(forged.expect("answer").0, "Refused(BadSignature)");
    let short =
        TestGateway::default().read_report(&format!("order={}&amount=3000&paid=1&sig=ok", order.id)).expect("report");
    let (outcome, flagged) = app.settle_payment(&short).await.expect("settle");
    assert_eq!(outcome, ReportOutcome::AmountMismatch);
    let flagged = flagged.expect("order");
    assert_eq!(flagged.status, OrderStatus::Pending, "still waits for a right report");
    assert!(flagged.flag.is_some());
    assert_eq!(stored(app, &asked).await.0.status(), Status::PaymentRequested);
    let unknown = TestGateway::default().read_report("order=nope&amount=30000&paid=1&sig=ok").expect("report");
    assert_eq!(app.settle_payment(&unknown).await.expect("settle").0, ReportOutcome::UnknownOrder);
    let failed =
        TestGateway::default().read_report(&format!("order={}&amount=30000&paid=0&sig=ok", order.id)).expect("report");
    let (outcome, failed) = app.settle_payment(&failed).await.expect("settle");
    assert_eq!((outcome, failed.map(|o| o.status)), (ReportOutcome::Settled, Some(OrderStatus::Failed)));
    assert_eq!(stored(app, &asked).await.0.status(), Status::PaymentRequested, "a new order may be made");
    app.start_payment(&citizen, &asked.id, &pay_request()).await.expect("a second order");
}

#[tokio::test]
async fn money_paid_for_a_dossier_that_no_longer_waits_is_queued_for_refund() {
    use motcua_domain::payments::{OrderStatus, RefundStatus};
    let mut demo = demo().await;
    let (citizen, asked) = asked_to_pay(&mut demo).await;
    let app = &demo.app;
    let (order, _) = app.start_payment(&citizen, &asked.id, &pay_request()).await.expect("order");
    act(app, &citizen, &asked, Action::Withdraw, ActionInput::default()).await;
    let report =
        TestGateway::default().read_report(&format!("order={}&amount=30000&paid=1&sig=ok", order.id)).expect("report");
    let (_, kept) = app.settle_payment(&report).await.expect("settle");
    let kept = kept.expect("order");
    assert_eq!(kept.status, OrderStatus::Paid);
    assert_eq!(kept.refund.map(|r| (r.status, r.amount_dong)), Some((RefundStatus::Requested, 30_000)));
    let calls =
        app.store().claim_payment_calls(chrono::Utc::now(), chrono::Duration::minutes(5), 10).await.expect("calls");
    assert_eq!(calls.iter().map(|c| c.order_id.as_str()).collect::<Vec<_>>(), [order.id.as_str()]);
    assert_eq!(stored(app, &asked).await.0.status(), Status::Withdrawn, "no payment in its history");
}

#[tokio::test]
async fn a_paid_dossier_withdrawn_is_refunded_once_when_the_gateway_answers() {
    use motcua_domain::payments::{OrderStatus, RefundStatus};
    let mut demo = demo().await;
    let (citizen, asked) = asked_to_pay(&mut demo).await;
    let gateway = Arc::new(TestGateway::default());
    let app = demo.app.clone().with_gateway(gateway.clone());
    let (order, _) = app.start_payment(&citizen, &asked.id, &pay_request()).await.expect("order");
    let report = format!("order={}&amount=30000&paid=1&txn=T9&sig=ok", order.id);
    app.settle_payment(&gateway.read_report(&report).expect("report")).await.expect("paid");
    let paid = stored(&app, &asked).await.0;
    assert_eq!(paid.status(), Status::Received);
    gateway.refunds.lock().expect("desk").down = true;
    let withdrawn = act(&app, &citizen, &paid, Action::Withdraw, ActionInput::default()).await;
    assert_eq!(withdrawn.status(), Status::Withdrawn);
    let refund_of = |order: Option<motcua_domain::payments::PaymentOrder>| {
        let order = order.expect("order");
        assert_eq!(order.status, OrderStatus::Paid, "a refund leaves the payment as it was");
        order.refund.map(|r| (r.status, r.amount_dong, r.transaction_no))
    };
    let queued = refund_of(app.store().payment_order(&order.id).await.expect("read"));
    assert_eq!(queued, Some((RefundStatus::Requested, 30_000, String::new())), "decided with the withdrawal");

    let now = chrono::Utc::now();
    let first = app.make_payment_calls(now, 10).await.expect("calls");
    assert_eq!((first.refunded, first.retrying), (0, 1), "the gateway is down: it waits");
    let early = app.make_payment_calls(now + chrono::Duration::seconds(10), 10).await.expect("calls");
    assert_eq!(early, motcua_app::dossiers::CallsMade::default(), "not due again yet");
    gateway.refunds.lock().expect("desk").down = false;
    let later = app.make_payment_calls(now + chrono::Duration::minutes(1), 10).await.expect("calls");
    assert_eq!((later.refunded, later.retrying), (1, 0));
    let done = refund_of(app.store().payment_order(&order.id).await.expect("read"));
    assert_eq!(done, Some((RefundStatus::Refunded, 30_000, "R2".to_owned())));
    let after = app.make_payment_calls(now + chrono::Duration::days(1), 10).await.expect("calls");
    assert_eq!(after, motcua_app::dossiers::CallsMade::default(), "made once");
    let sent = gateway.refunds.lock().expect("desk").sent.clone();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0], sent[1], "the same request each time, so the gateway can tell a repeat");
    assert_eq!((sent[0].1.as_str(), sent[0].2), (order.id.as_str(), 30_000));
    assert!(stored(&app, &asked).await.1, "the history still verifies");
}

#[tokio::test]
async fn orders_left_pending_past_expiry_are_settled_by_asking_the_gateway() {
    use motcua_domain::payments::{EXPIRED_CODE, OrderStatus};
    let mut demo = demo().await;
    let (citizen, lost) = asked_to_pay(&mut demo).await;
    let (_, abandoned) = asked_to_pay(&mut demo).await;
    let gateway = Arc::new(TestGateway::default());
    let app = demo.app.clone().with_gateway(gateway.clone());
    let (paid, _) = app.start_payment(&citizen, &lost.id, &pay_request()).await.expect("order");
    let (left, _) = app.start_payment(&citizen, &abandoned.id, &pay_request()).await.expect("order");
    // The gateway took the first payment, but its notification never arrived.
    let report = gateway.read_report(&format!("order={}&amount=30000&paid=1&txn=T7&sig=ok", paid.id)).expect("r");
    gateway.refunds.lock().expect("desk").transactions.insert(paid.id.clone(), report);

    let soon = paid.expires_at + chrono::Duration::minutes(1);
    assert_eq!(app.query_stale_orders(soon, 10).await.expect("query"), Default::default(), "too early to ask");
    let later = paid.expires_at + chrono::Duration::minutes(motcua_app::dossiers::QUERY_AFTER_EXPIRY_MINUTES + 1);
    gateway.refunds.lock().expect("desk").down = true;
    let down = app.query_stale_orders(later, 10).await.expect("query");
    assert_eq!((down.paid, down.failed, down.left), (0, 0, 2), "nothing settled while the gateway is down");
    gateway.refunds.lock().expect("desk").down = false;
    let asked = app.query_stale_orders(later, 10).await.expect("query");
    assert_eq!((asked.paid, asked.failed, asked.left), (1, 1, 0));
    let (now_paid, _) = stored(&app, &lost).await;
    assert_eq!(now_paid.status(), Status::Received, "the lost notification's payment is recorded");
    assert!(now_paid.paid_online);
    assert_eq!(stored(&app, &abandoned).await.0.status(), Status::PaymentRequested, "it may be paid again");
    let expired = app.store().payment_order(&left.id).await.expect("read").expect("order");
    assert_eq!((expired.status, expired.response_code.as_str()), (OrderStatus::Failed, EXPIRED_CODE));
    let again = app.query_stale_orders(later + chrono::Duration::hours(1), 10).await.expect("query");
    assert_eq!(again, Default::default(), "each order is settled once");
    assert_eq!(gateway.refunds.lock().expect("desk").queried.len(), 4, "two rounds of two, then none");
}

#[tokio::test]
async fn reconciliation_finds_every_mismatch_injected_in_a_statement() {
    use motcua_domain::payments::{Finding, Gateway};
    let mut demo = demo().await;
    let gateway = TestGateway::default();
    let mut paid = Vec::new();
    for _ in 0..3 {
        let (citizen, asked) = asked_to_pay(&mut demo).await;
        let (order, _) = demo.app.start_payment(&citizen, &asked.id, &pay_request()).await.expect("order");
        let report = format!("order={}&amount=30000&paid=1&txn=T-{}&sig=ok", order.id, paid.len());
        demo.app.settle_payment(&gateway.read_report(&report).expect("report")).await.expect("paid");
        paid.push((order.id, asked.code.expect("received").to_string()));
    }
    let app = &demo.app;
    let admin =
        Principal::Officer { username: "quantri".into(), role: Role::Administrator, scope: Scope::Unit("01".into()) };
    let now = chrono::Utc::now().to_rfc3339();
    let [(matched, matched_code), (missing, _), (differs, _)] = paid.try_into().expect("three");
    let statement = format!(
        "order_id,transaction_no,amount_dong,paid_at,status\n\
         {matched},T-0,30000,{now},00\n\
         {matched},T-0b,30000,{now},00\n\
         {differs},T-2,31000,{now},00\n\
         NOT-OURS,T-9,30000,{now},00\n\
         {missing},T-1,30000,{now},24\n"
    );
    let bad = statement.replace("31000", "31.000");
    let refused = app.import_statement(&admin, Gateway::Vnpay, &bad).await;
    assert!(matches!(refused, Err(AppError::Import { line: 4, .. })), "{refused:?}");
    let today = motcua_domain::clock::to_vietnam_time(chrono::Utc::now()).date_naive();
    let before = app.reconciliation(&admin, today).await.expect("reconciled");
    assert!(before.found.lines.iter().all(|l| l.finding == Finding::MissingFromStatement), "nothing was imported");
    let imported = app.import_statement(&admin, Gateway::Vnpay, &statement).await.expect("imported");
    assert_eq!((imported.read, imported.added), (5, 5));
    let again = app.import_statement(&admin, Gateway::Vnpay, &statement).await.expect("again");
    assert_eq!(again.added, 0, "a statement imported twice is kept once");
    let report = app.reconciliation(&admin, today).await.expect("reconciled");
    let finding_of = |id: &str| -> Vec<Finding> {
        report.found.lines.iter().filter(|l| l.order_id == id).map(|l| l.finding).collect()
    };
    let mut of_matched = finding_of(&matched);
    of_matched.sort_by_key(|f| f.as_str());
    assert_eq!(of_matched, [Finding::Duplicate, Finding::Matched]);
    assert_eq!(finding_of(&missing), [Finding::MissingFromStatement], "a failed line is no payment");
    assert_eq!(finding_of(&differs), [Finding::AmountDiffers]);
    assert_eq!(finding_of("NOT-OURS"), [Finding::MissingHere]);
    let matched_line = report.found.lines.iter().find(|l| l.finding == Finding::Matched).expect("matched");
    let dossier = matched_line.dossier_id.as_ref().expect("known");
    assert_eq!(report.codes.get(dossier), Some(&matched_code), "named by its code");
    let clerk = app.reconciliation(&intake(), today).await;
    assert!(matches!(clerk, Err(AppError::Forbidden { .. })), "{clerk:?}");
}

#[tokio::test]
async fn only_the_applicant_pays_online_and_only_what_is_asked() {
    let mut demo = demo().await;
    let (citizen, asked) = asked_to_pay(&mut demo).await;
    let app = &demo.app;
    let typed = ActionInput { transaction_reference: Some("VNP-TYPED".into()), ..ActionInput::default() };
    let refused =
        app.act(&citizen, &asked.id, Action::Pay, &ActionDetails { input: typed, documents: Vec::new() }).await;
    assert!(
        matches!(refused, Err(AppError::Domain(DomainError::InvalidValue { field: "transaction_reference", .. }))),
        "with a gateway, a typed reference proves nothing: {refused:?}"
    );
    let by_officer = app.start_payment(&intake(), &asked.id, &pay_request()).await;
    assert!(matches!(by_officer, Err(AppError::Forbidden { .. })), "{by_officer:?}");
    let submitted = app.submit_dossier(&citizen, &online(), None).await.expect("submit");
    let not_asked = app.start_payment(&citizen, &submitted.id, &pay_request()).await;
    assert!(matches!(not_asked, Err(AppError::Domain(DomainError::TransitionNotAllowed { .. }))), "{not_asked:?}");
    let without = App::new(app.store().clone(), Arc::new(DiskFileStore::new(&demo.files, DEFAULT_MAX_SIZE)));
    let off = without.start_payment(&citizen, &asked.id, &pay_request()).await;
    assert!(matches!(off, Err(AppError::PaymentsOff)), "{off:?}");
}

/// A small deterministic generator, so a failing sequence can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[tokio::test]
async fn random_sequences_of_reports_pay_each_order_at_most_once_with_its_amount() {
    use motcua_app::gateway::Handled;
    use motcua_domain::payments::OrderStatus;
    let mut demo = demo().await;
    let (citizen, _) = asked_to_pay(&mut demo).await;
    let app = &demo.app;
    let mut random = Lcg(20_261_207);
    for round in 0..6 {
        let submitted = app.submit_dossier(&citizen, &online(), None).await.expect("submit");
        let received = act(app, &intake(), &submitted, Action::Receive, ActionInput::default()).await;
        let ask = ActionInput { amount_dong: Some(30_000), ..ActionInput::default() };
        let asked = act(app, &specialist(), &received, Action::RequestPayment, ask).await;
        let (order, _) = app.start_payment(&citizen, &asked.id, &pay_request()).await.expect("order");
        // Paid, paid again, another amount, forged, failed, another order's.
        let kinds = [
            format!("order={}&amount=30000&paid=1&txn=T{round}&sig=ok", order.id),
            format!("order={}&amount=30000&paid=1&txn=T{round}&sig=ok", order.id),
            format!("order={}&amount=3000&paid=1&sig=ok", order.id),
            format!("order={}&amount=30000&paid=1&sig=forged", order.id),
            format!("order={}&amount=30000&paid=0&sig=ok", order.id),
            "order=elsewhere&amount=30000&paid=1&sig=ok".to_owned(),
        ];
        let sequence: Vec<&String> = (0..4 + random.below(6)).map(|_| &kinds[random.below(6) as usize]).collect();
        let mut answers = Vec::new();
        // Two at a time, as a notification and a return can race.
        for pair in sequence.chunks(2) {
            let (a, b) = match pair {
                [a, b] => tokio::join!(app.payment_notification(a), app.payment_notification(b)),
                [a] => (app.payment_notification(a).await, Ok((String::new(), ""))),
                _ => unreachable!("chunks of two"),
            };
            answers.push(a.expect("answered").0);
            answers.push(b.expect("answered").0);
        }
        let settled = app.store().payment_order(&order.id).await.expect("read").expect("order");
        let (now, verifies) = stored(app, &asked).await;
        assert!(verifies, "round {round}");
        let events = app.store().dossier_events(&now.province_code, &now.id).await.expect("events");
        let payments = events.iter().filter(|e| e.is(Action::Pay)).count();
        assert!(payments <= 1, "round {round}: {sequence:?}");
        assert_eq!(payments == 1, settled.status == OrderStatus::Paid, "round {round}: {sequence:?} → {answers:?}");
        assert_eq!(settled.amount_dong, 30_000);
        // A valid report names this order, its amount and a good signature.
        let valid = |paid: &str| {
            sequence.iter().any(|q| {
                q.contains(&order.id) && q.contains("amount=30000&") && q.contains(paid) && q.ends_with("sig=ok")
            })
        };
        match (valid("paid=1"), valid("paid=0")) {
            (true, false) => assert_eq!(settled.status, OrderStatus::Paid, "round {round}: {sequence:?}"),
            (false, true) => assert_eq!(settled.status, OrderStatus::Failed, "round {round}: {sequence:?}"),
            (false, false) => assert_eq!(settled.status, OrderStatus::Pending, "round {round}: {sequence:?}"),
            // Both: whichever came first settled it.
            (true, true) => assert_ne!(settled.status, OrderStatus::Pending, "round {round}: {sequence:?}"),
        }
        assert!(answers.iter().all(|a| !a.contains("Failure")), "round {round}: {answers:?}");
        let forged = sequence.iter().filter(|q| q.contains("forged")).count();
        let refused = format!("{:?}", Handled::Refused(motcua_app::gateway::ReportRefused::BadSignature));
        assert_eq!(answers.iter().filter(|a| **a == refused).count(), forged, "every forged report is refused");
    }
}
