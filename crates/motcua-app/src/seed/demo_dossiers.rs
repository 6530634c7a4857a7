//! Demo citizens and a few dozen dossiers in every status, made through the
//! real use cases so that their histories, codes and due dates are genuine.

use motcua_domain::access::{Applicant, Principal};
use motcua_domain::dossier::{Action, Channel, Delivery, Step};
use motcua_domain::organisation::{Role, Scope};

use motcua_store::Verification;

use super::DEMO_PASSWORD;
use crate::accounts::Registration;
use crate::dossiers::{ActionDetails, ActionInput, ApplicantDetails, DeskOutcome, FormData, SubmitDossier};
use crate::{App, AppResult};

/// The demo citizens' identification numbers; all use [`DEMO_PASSWORD`].
pub const DEMO_CITIZENS: [(&str, &str, &str); 4] = [
    ("001190000001", "Người dùng thử Hà Nội 1", "0911000001"),
    ("001201000003", "Người dùng thử Hà Nội 2", "0911000003"),
    ("046085000002", "Người dùng thử Huế 1", "0911000002"),
    ("031075000004", "Người dùng thử Huế 2", "0911000004"),
];

/// Where a demo dossier should end.
#[derive(Debug, Clone, Copy)]
enum Ending {
    Submitted,
    Received,
    RefusedAtReception,
    Reviewing,
    AwaitingApproval,
    SupplementRequested,
    PaymentRequested,
    Withdrawn,
    Stopped,
    Resolved,
    Returned,
    ReturnedByPost,
}

const ENDINGS: [Ending; 12] = [
    Ending::Submitted,
    Ending::Received,
    Ending::RefusedAtReception,
    Ending::Reviewing,
    Ending::AwaitingApproval,
    Ending::SupplementRequested,
    Ending::PaymentRequested,
    Ending::Withdrawn,
    Ending::Stopped,
    Ending::Resolved,
    Ending::Returned,
    Ending::ReturnedByPost,
];

/// One province's cast for the demo.
struct Office {
    agency: &'static str,
    procedures: [&'static str; 3],
    intake: Principal,
    specialist: Principal,
    leader: Principal,
    /// The centre that receives the office's online dossiers.
    intake_point: &'static str,
    counter_point: &'static str,
    counter_officer: Principal,
}

fn officer(username: &str, role: Role, scope: Scope) -> Principal {
    Principal::Officer { username: username.to_owned(), role, scope }
}

fn with_reason(reason: &str) -> ActionDetails {
    ActionDetails::with_reason(reason)
}

impl App {
    /// Registers the demo citizens and makes three dossiers per ending for
    /// each demo province, 72 in all. Run once, by the demo seed.
    pub(crate) async fn seed_demo_dossiers(&self) -> AppResult<usize> {
        // A start interrupted after this point must not register them twice.
        if !self.store().citizens_by_personal_id(DEMO_CITIZENS[0].0, 1).await?.is_empty() {
            return Ok(0);
        }
        let mut citizens = Vec::new();
        for (id_number, name, phone) in DEMO_CITIZENS {
            let citizen = self
                .register_citizen(&Registration {
                    id_number: id_number.to_owned(),
                    full_name: name.to_owned(),
                    phone: phone.to_owned(),
                    email: String::new(),
                    password: DEMO_PASSWORD.to_owned(),
                })
                .await?;
            // The demo's citizens had their cards checked at Ba Đình's counter.
            let verification = Verification {
                at: citizen.created_at,
                by: "hn.badinh.tiepnhan".to_owned(),
                service_point: "HN-BADINH".to_owned(),
            };
            let identified = Applicant::Identified(id_number.to_owned()).key();
            self.store().verify_citizen(&citizen.id, &identified, &verification, "demo").await?;
            citizens.push((
                Principal::Citizen { id: citizen.id },
                ApplicantDetails {
                    id_number: id_number.to_owned(),
                    full_name: name.to_owned(),
                    phone: phone.to_owned(),
                    email: String::new(),
                    address: String::new(),
                },
            ));
        }
        let offices = [
            Office {
                agency: "000.04.01.H29",
                procedures: ["1.115504", "1.115494", "1.115514"],
                intake: officer("hn.badinh.tiepnhan", Role::IntakeOfficer, Scope::ServicePoint("HN-BADINH".into())),
                specialist: officer("hn.badinh.chuyenvien", Role::Specialist, Scope::Agency("000.04.01.H29".into())),
                leader: officer("hn.badinh.lanhdao", Role::Leader, Scope::Agency("000.04.01.H29".into())),
                intake_point: "HN-BADINH",
                counter_point: "HN-HOANKIEM",
                counter_officer: officer(
                    "hn.hoankiem.tiepnhan",
                    Role::IntakeOfficer,
                    Scope::ServicePoint("HN-HOANKIEM".into()),
                ),
            },
            Office {
                agency: "000.89.01.H57",
                procedures: ["1.115504", "1.115495", "1.115503"],
                intake: officer("hue.tiepnhan", Role::IntakeOfficer, Scope::ServicePoint("HUE-TTHCC".into())),
                specialist: officer("hue.thuanhoa.chuyenvien", Role::Specialist, Scope::Agency("000.89.01.H57".into())),
                leader: officer("hue.thuanhoa.lanhdao", Role::Leader, Scope::Agency("000.89.01.H57".into())),
                intake_point: "HUE-TTHCC",
                counter_point: "HUE-TTHCC",
                counter_officer: officer("hue.tiepnhan", Role::IntakeOfficer, Scope::ServicePoint("HUE-TTHCC".into())),
            },
        ];
        let mut made = 0;
        for (o, office) in offices.iter().enumerate() {
            for (e, ending) in ENDINGS.iter().enumerate() {
                for copy in 0..3 {
                    let (citizen, details) = &citizens[o * 2 + copy % 2];
                    let procedure = office.procedures[(e + copy) % 3];
                    self.demo_dossier(office, (citizen, details), procedure, *ending, copy).await?;
                    made += 1;
                }
            }
        }
        Ok(made)
    }

    async fn demo_dossier(
        &self,
        office: &Office,
        (citizen, details): (&Principal, &ApplicantDetails),
        procedure: &str,
        ending: Ending,
        copy: usize,
    ) -> AppResult<()> {
        let by_post = matches!(ending, Ending::ReturnedByPost);
        let delivery = if by_post {
            Delivery::Post {
                address: "Số 1 đường Lê Lợi, phường trung tâm, tỉnh thành phố".to_owned()
            }
        } else {
            Delivery::Online
        };
        // Every third dossier comes to a counter with an officer's help, the rest online.
        let at_counter = copy == 2 && !matches!(ending, Ending::Submitted | Ending::RefusedAtReception);
        let request = SubmitDossier {
            procedure_code: procedure.to_owned(),
            case_code: None,
            channel: if at_counter { Channel::Counter } else { Channel::Online },
            service_point: Some(if at_counter { office.counter_point } else { office.intake_point }.to_owned()),
            competent_agency: office.agency.to_owned(),
            // At the counter the officer submits for the citizen, who is present.
            applicant: at_counter.then(|| details.clone()),
            applicant_consents: at_counter,
            applicant_identity_checked: at_counter,
            form_data: FormData {
                answers: [("demo".to_owned(), serde_json::Value::Bool(true))].into_iter().collect(),
                ..FormData::default()
            },
            documents: Vec::new(),
            delivery,
            outcome: DeskOutcome::Receive,
            late_entry_reason: None,
            time_limit: None,
        };
        let receiver = if at_counter { &office.counter_officer } else { &office.intake };
        let submitter = if at_counter { receiver } else { citizen };
        let dossier = self.submit_dossier(submitter, &request, None).await?;
        let id = dossier.id.clone();
        let none = ActionDetails::default;
        let act = |who: &Principal, action: Action, details: ActionDetails| {
            let id = id.clone();
            let who = who.clone();
            async move { self.act(&who, &id, action, &details).await.map(|_| ()) }
        };
        if matches!(ending, Ending::Submitted) {
            return Ok(());
        }
        if matches!(ending, Ending::RefusedAtReception) {
            return act(receiver, Action::RefuseAtReception, with_reason("Thủ tục không thuộc thẩm quyền giải quyết"))
                .await;
        }
        if !at_counter {
            act(receiver, Action::Receive, none()).await?;
        }
        let review = Action::HandOver { to: Step::Review };
        let approval = Action::HandOver { to: Step::Approval };
        match ending {
            Ending::Received => Ok(()),
            Ending::Reviewing => act(receiver, review, none()).await,
            Ending::AwaitingApproval => {
                act(receiver, review, none()).await?;
                act(&office.specialist, approval, none()).await
            }
            Ending::SupplementRequested => {
                act(receiver, review, none()).await?;
                act(&office.specialist, Action::RequestSupplement, with_reason("Bổ sung bản vẽ sơ đồ thửa đất")).await
            }
            Ending::PaymentRequested => {
                act(receiver, review, none()).await?;
                let input = ActionInput { amount_dong: Some(100_000), ..ActionInput::default() };
                let details = ActionDetails { input, documents: Vec::new() };
                act(&office.specialist, Action::RequestPayment, details).await
            }
            Ending::Withdrawn => act(citizen, Action::Withdraw, none()).await,
            Ending::Stopped => {
                act(receiver, review, none()).await?;
                act(&office.leader, Action::Stop, with_reason("Đang có tranh chấp đất đai")).await
            }
            Ending::Resolved | Ending::Returned | Ending::ReturnedByPost => {
                act(receiver, review, none()).await?;
                if copy == 1 {
                    act(&office.specialist, Action::RequestSupplement, with_reason("Bổ sung giấy tờ nhân thân"))
                        .await?;
                    act(citizen, Action::Supplement, none()).await?;
                }
                act(&office.specialist, approval, none()).await?;
                act(&office.leader, Action::Approve, none()).await?;
                match ending {
                    Ending::Resolved => Ok(()),
                    Ending::ReturnedByPost => {
                        let input = ActionInput {
                            tracking_number: Some(format!("EL{:09}VN", copy + 1)),
                            ..ActionInput::default()
                        };
                        let details = ActionDetails { input, documents: Vec::new() };
                        act(receiver, Action::Return, details).await
                    }
                    _ => act(receiver, Action::Return, none()).await,
                }
            }
            Ending::Submitted | Ending::RefusedAtReception => Ok(()),
        }
    }
}
