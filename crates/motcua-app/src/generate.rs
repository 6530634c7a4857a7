//! A realistic history of many dossiers, for dashboards and benchmarks:
//! `motcua demo generate`. Each dossier lives through the domain's own
//! `Dossier::open` and `Dossier::apply`, the functions the use cases call,
//! with due dates from the working calendar, and the shape
//! of the field figures of DOMAIN §1: about three quarters submitted online,
//! nearly all finished on time, supplements and payments now and then, a
//! third of results rated. Rows are written in bulk, many per statement; the
//! indicator tally is then rebuilt from the histories written.

use motcua_domain::Reason;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use motcua_domain::access::{Applicant, Principal};
use motcua_domain::calendar::WorkCalendar;
use motcua_domain::catalogue::ProcedureVersion;
use motcua_domain::clock::{Clock, ProcessingTime, TimeUnit, WorkingHours, to_vietnam_time};
use motcua_domain::dossier::{
    Action, ActionInput, Channel, Contact, Delivery, Dossier, DossierCode, Event, Facts, FormData, NewDossier,
    RESULT_COMPONENT, ReceivedComponent, Status, Step, SubmitterKind, receivable_at,
};
use motcua_domain::organisation::{Agency, Role, Scope, ServicePoint, ServicePointKind};
use motcua_store::{AttachedDocument, RatingRecord, Rebuilt, WholeDossier};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::{App, AppError, AppResult, Progress};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub dossiers: u64,
    /// Province codes; each must have agencies and service points.
    pub provinces: Vec<String>,
    /// The same seed gives the same history.
    pub seed: u64,
    /// The history ends here; dossiers whose course runs past it are left open.
    pub until: DateTime<Utc>,
    /// How many days back the history starts.
    pub days: i64,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    pub dossiers: u64,
    pub events: u64,
    pub tally: Rebuilt,
}

/// A procedure a province's agencies can settle, with its weight in the mix.
struct Offer {
    version: ProcedureVersion,
    agencies: Vec<Agency>,
}

struct Province {
    code: String,
    offers: Vec<Offer>,
    /// Centres (province and commune), agent points, outreach sessions.
    centres: Vec<ServicePoint>,
    agents: Vec<ServicePoint>,
    outreach: Vec<ServicePoint>,
}

const SURNAMES: [&str; 10] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc"];
const GIVEN: [&str; 12] = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nam", "Phương", "Tâm"];

/// A one-page PDF: the scan and the result every generated dossier points to,
/// stored once so that their links open.
pub const GENERATED_PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\nendobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000054 00000 n \n0000000105 00000 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n";

impl App {
    /// Generates a history of `options.dossiers` dossiers in bulk, then
    /// rebuilds the indicator tally from it.
    pub async fn generate_history(&self, options: &GenerateOptions, progress: &dyn Progress) -> AppResult<Generated> {
        let mut provinces = Vec::new();
        for code in &options.provinces {
            provinces.push(self.generation_province(code).await?);
        }
        if provinces.is_empty() {
            return Err(motcua_domain::DomainError::invalid("provinces", Reason::NameAProvince).into());
        }
        let start = options.until - Duration::days(options.days.max(1));
        let first_year = to_vietnam_time(start).year();
        let last_year = to_vietnam_time(options.until).year() + 1;
        let calendar = self.work_calendar(first_year, last_year).await?;
        let stored = self.files().put(GENERATED_PDF, "ban-quet.pdf").await?;
        let mut rng = StdRng::seed_from_u64(options.seed);
        let mut running = Running::default();
        let mut generated = Generated::default();
        progress.start("dossiers", options.dossiers);
        let mut batch = Vec::with_capacity(2000);
        for n in 0..options.dossiers {
            let province = &provinces[usize::try_from(n).unwrap_or(0) % provinces.len()];
            let whole = one_dossier(&mut rng, province, &calendar, start, options, &stored.sha256, &mut running)?;
            generated.events += whole.events.len() as u64;
            batch.push(whole);
            if batch.len() == 2000 {
                self.store().insert_whole_dossiers(std::mem::take(&mut batch)).await?;
                progress.advance(2000);
            }
        }
        let left = batch.len() as u64;
        self.store().insert_whole_dossiers(batch).await?;
        progress.advance(left);
        progress.finish();
        generated.dossiers = options.dossiers;
        let sequences = running.sequences.into_iter().map(|((p, a, d), last)| (p, a, d, last)).collect();
        self.store().raise_sequences(sequences).await?;
        generated.tally = self.store().rebuild_indicators().await?;
        self.store().refresh_statistics().await?;
        Ok(generated)
    }

    /// A province's agencies, service points and the procedures they settle.
    async fn generation_province(&self, code: &str) -> AppResult<Province> {
        let agencies = self.store().agencies(code).await?;
        let points = self.store().service_points(code).await?;
        let centres: Vec<ServicePoint> = points
            .iter()
            .filter(|p| matches!(p.kind, ServicePointKind::ProvinceCentre | ServicePointKind::CommuneCentre))
            .cloned()
            .collect();
        if agencies.is_empty() || centres.is_empty() {
            return Err(motcua_domain::DomainError::invalid("provinces", Reason::ProvinceNeedsAgencies).into());
        }
        let mut offers = Vec::new();
        for procedure_code in self.store().detailed_procedure_codes().await? {
            let Some(version) = self.store().current_procedure(&procedure_code).await? else { continue };
            let fitting: Vec<Agency> =
                agencies.iter().filter(|a| version.procedure.fits_agency(a.kind)).cloned().collect();
            if !fitting.is_empty() && version.procedure.processing_time("", Channel::Counter).is_some() {
                offers.push(Offer { version, agencies: fitting });
            }
            if offers.len() == 60 {
                break;
            }
        }
        if offers.is_empty() {
            return Err(AppError::not_found("procedure", "settled by this province's agencies"));
        }
        let of_kind = |kinds: &[ServicePointKind]| points.iter().filter(|p| kinds.contains(&p.kind)).cloned().collect();
        Ok(Province {
            code: code.to_owned(),
            offers,
            agents: of_kind(&[ServicePointKind::BankAgent, ServicePointKind::PostOfficeAgent]),
            outreach: of_kind(&[ServicePointKind::OutreachSession]),
            centres,
        })
    }
}

/// Picks an index with weight 1 / (rank + 1)^1.2: a few procedures make most dossiers.
fn zipf(rng: &mut StdRng, len: usize) -> usize {
    let total: f64 = (1..=len).map(|r| (r as f64).powf(-1.2)).sum();
    let mut left = rng.gen_range(0.0..total);
    for rank in 1..=len {
        left -= (rank as f64).powf(-1.2);
        if left <= 0.0 {
            return rank - 1;
        }
    }
    len - 1
}

fn personal_id(rng: &mut StdRng, province: &str) -> String {
    let born = rng.gen_range(1950..2006);
    let century = if born >= 2000 { 2 } else { 0 } + rng.gen_range(0..2);
    format!("0{province:0>2}{century}{:02}{:06}", born % 100, rng.gen_range(0..1_000_000))
}

/// The history under construction: the dossier as it stands and its events,
/// each written by the domain's own [`Dossier::apply`], as the use cases do.
struct Course<'a> {
    dossier: Dossier,
    events: Vec<(Event, String)>,
    calendar: &'a WorkCalendar,
    hours: &'a WorkingHours,
}

impl Course<'_> {
    fn facts<'f>(&'f self, principal: &'f Principal, at: DateTime<Utc>) -> Facts<'f> {
        Facts {
            now: at,
            principal,
            clock: Clock::new(self.calendar, self.hours),
            step_times: &[],
            offer: None,
            to_agency: None,
        }
    }

    fn act(&mut self, principal: &Principal, at: DateTime<Utc>, action: Action, input: ActionInput) -> AppResult<()> {
        let (dossier, event) = self.dossier.apply(action, &input, &self.facts(principal, at))?;
        self.events.push((event, dossier.last_hash.clone()));
        self.dossier = dossier;
        Ok(())
    }

    fn status(&self) -> Status {
        self.dossier.status()
    }
}

/// The people who serve a generated dossier: the desk where it was handed
/// in, the competent agency's specialist and leader, and its applicant.
struct Staff {
    desk: Principal,
    intake: Principal,
    specialist: Principal,
    leader: Principal,
    applicant: Principal,
}

/// What generation remembers from one dossier to the next: codes numbered
/// per agency and day, and the applicants so far, so that some come back
/// and reuse what they handed in before (reuse is only ever one's own).
#[derive(Default)]
struct Running {
    sequences: HashMap<(String, String, NaiveDate), i64>,
    applicants: Vec<(String, String)>,
    handed_in_before: HashSet<String>,
    made: u64,
}

/// At most this many applicants are remembered to come back.
const REMEMBERED_APPLICANTS: usize = 50_000;

#[allow(clippy::too_many_lines)]
fn one_dossier(
    rng: &mut StdRng,
    province: &Province,
    calendar: &WorkCalendar,
    start: DateTime<Utc>,
    options: &GenerateOptions,
    pdf: &str,
    running: &mut Running,
) -> AppResult<WholeDossier> {
    let offer = &province.offers[zipf(rng, province.offers.len())];
    let agency = &offer.agencies[rng.gen_range(0..offer.agencies.len())];
    let channel = match rng.gen_range(0..1000) {
        0..750 => Channel::Online,
        750..920 => Channel::Counter,
        920..960 if !province.agents.is_empty() => Channel::AgentPoint,
        960..980 if !province.outreach.is_empty() => Channel::Outreach,
        980..1000 => Channel::Postal,
        _ => Channel::Counter,
    };
    // As the use case refuses it, a procedure without an online channel is
    // never submitted online.
    let channel = if channel == Channel::Online && !offer.version.procedure.accepts_online() {
        Channel::Counter
    } else {
        channel
    };
    let point = match channel {
        Channel::AgentPoint => &province.agents[rng.gen_range(0..province.agents.len())],
        Channel::Outreach => &province.outreach[rng.gen_range(0..province.outreach.len())],
        _ => {
            let anywhere = &province.centres[rng.gen_range(0..province.centres.len())];
            // As the use case refuses it, another commune's centre takes a
            // dossier only for a procedure received regardless of boundary.
            let allowed = |c: &ServicePoint| receivable_at(&offer.version.procedure, c, agency);
            province
                .centres
                .iter()
                .find(|c| c.unit_code == agency.unit_code && rng.gen_bool(0.8))
                .or(Some(anywhere).filter(|c| allowed(c)))
                .or_else(|| province.centres.iter().find(|c| allowed(c)))
                .unwrap_or(anywhere)
        }
    };
    // Received on a weekday between 08:00 and 16:30 in Vietnam (01:00–09:30 UTC).
    let span_days = (options.until - start).num_days().max(1);
    let mut day = start + Duration::days(rng.gen_range(0..span_days));
    while matches!(to_vietnam_time(day).format("%u").to_string().as_str(), "6" | "7") {
        day -= Duration::days(1);
    }
    let midnight = day.date_naive().and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or(day);
    let received = (midnight + Duration::minutes(60 + rng.gen_range(0..510))).min(options.until).max(start);
    let submitted =
        if channel == Channel::Online { received - Duration::minutes(rng.gen_range(5..1200)) } else { received };
    let procedure = &offer.version.procedure;
    let case_code = procedure.cases.first().map(|c| c.code.clone()).unwrap_or_default();
    let time = procedure
        .processing_time(&case_code, channel)
        .unwrap_or(ProcessingTime { amount: 5.0, unit: TimeUnit::WorkingDay });
    let local_day = to_vietnam_time(received).date_naive();
    let sequence = running.sequences.entry((province.code.clone(), agency.code.to_string(), local_day)).or_insert(0);
    *sequence += 1;
    let code = DossierCode::new(&agency.code, local_day, u32::try_from(*sequence).unwrap_or(u32::MAX))?;
    // About three in ten come back; the rest are new.
    let (personal, name) = if !running.applicants.is_empty() && rng.gen_bool(0.3) {
        running.applicants[rng.gen_range(0..running.applicants.len())].clone()
    } else {
        let personal = personal_id(rng, &province.code[province.code.len().saturating_sub(2)..]);
        let name = format!(
            "{} {} {}",
            SURNAMES[rng.gen_range(0..SURNAMES.len())],
            MIDDLE[rng.gen_range(0..MIDDLE.len())],
            GIVEN[rng.gen_range(0..GIVEN.len())]
        );
        if running.applicants.len() < REMEMBERED_APPLICANTS {
            running.applicants.push((personal.clone(), name.clone()));
        } else {
            let slot = rng.gen_range(0..REMEMBERED_APPLICANTS);
            running.applicants[slot] = (personal.clone(), name.clone());
        }
        (personal, name)
    };
    // The id starts with the dossier's rank in this run, so that ids sort in
    // the order the history was made (applicants' earlier dossiers first).
    running.made += 1;
    let random: String = (0..12).map(|_| format!("{:02x}", rng.r#gen::<u8>())).collect();
    let id = format!("{:08x}{random}", running.made);
    // Who serves the applicant where the dossier was handed in.
    let desk_role = match channel {
        Channel::AgentPoint => Role::AgentClerk,
        Channel::Outreach => Role::OutreachHelper,
        _ => Role::IntakeOfficer,
    };
    let at_point = |role| Principal::Officer {
        username: format!("{}.tiepnhan", point.code),
        role,
        scope: Scope::ServicePoint(point.code.clone()),
    };
    let in_agency = |role, title: &str| Principal::Officer {
        username: format!("{}.{title}", agency.code),
        role,
        scope: Scope::Agency(agency.code.to_string()),
    };
    let staff = Staff {
        desk: at_point(desk_role),
        intake: at_point(Role::IntakeOfficer),
        specialist: in_agency(Role::Specialist, "chuyenvien"),
        leader: in_agency(Role::Leader, "lanhdao"),
        applicant: Principal::Citizen { id: format!("citizen-{personal}") },
    };
    // An agent point hands results back itself, so its dossiers do not go by post.
    let delivery = match rng.gen_range(0..10) {
        0..6 => Delivery::Online,
        6..9 => Delivery::Counter { service_point: point.code.clone() },
        _ if channel == Channel::AgentPoint => Delivery::Counter { service_point: point.code.clone() },
        _ => Delivery::Post {
            address: format!("Số {} đường {}", rng.gen_range(1..300), GIVEN[rng.gen_range(0..GIVEN.len())]),
        },
    };
    let components: Vec<String> =
        procedure.component_groups.iter().flat_map(|g| &g.components).take(4).map(|c| c.code.clone()).collect();
    let handed_in = if channel == Channel::Online {
        Vec::new()
    } else {
        components
            .iter()
            .map(|c| ReceivedComponent { component_code: c.clone(), name: None, original: false, count: 1 })
            .collect()
    };
    let online = channel == Channel::Online;
    let at_desk = !online;
    let new = NewDossier {
        province_code: province.code.clone(),
        id: id.clone(),
        procedure_code: procedure.code.to_string(),
        procedure_version: offer.version.version,
        case_code,
        // Online, the applicant's own account; elsewhere the card was
        // checked at reception but no account is verified for the number.
        applicant: if online {
            Applicant::Account(staff.applicant.account_id().to_owned())
        } else {
            Applicant::Identified(personal.clone())
        },
        contact: Contact {
            personal_id: personal.clone(),
            name,
            phone: format!("09{:08}", rng.gen_range(0..100_000_000)),
            email: String::new(),
            address: String::new(),
        },
        submitter_kind: match desk_role {
            _ if online => SubmitterKind::Applicant,
            Role::IntakeOfficer => SubmitterKind::OfficerAssisted,
            _ => SubmitterKind::Agent,
        },
        channel,
        service_point: point.code.clone(),
        service_point_unit: point.unit_code.clone(),
        competent_agency: agency.code.clone(),
        competent_unit: agency.unit_code.clone(),
        form: FormData { received_components: handed_in, ..FormData::default() },
        delivery: delivery.clone(),
        charges: motcua_domain::dossier::Charges::of_procedure(procedure, channel),
        processing: Some(time),
        received_now: at_desk,
        consent: at_desk,
        identity_checked: at_desk,
        late_entry_reason: None,
    };
    let (opener, opened_at) = if online { (&staff.applicant, submitted) } else { (&staff.desk, received) };
    let clock = Clock::new(calendar, &point.working_hours);
    let facts = Facts { now: opened_at, principal: opener, clock, step_times: &[], offer: None, to_agency: None };
    let (dossier, first) = Dossier::open(new, &facts)?;
    let mut course =
        Course { events: vec![(first, dossier.last_hash.clone())], dossier, calendar, hours: &point.working_hours };
    if online {
        course.act(&staff.intake, received, Action::Receive, ActionInput::default())?;
    }
    course.dossier.code = Some(code);
    let mut documents = Vec::new();
    // The same scan handed in again by the same applicant is reused.
    let reused = running.handed_in_before.contains(&personal);
    for component in &components {
        if rng.gen_bool(0.97) {
            documents.push(AttachedDocument {
                component_code: component.clone(),
                sha256: pdf.to_owned(),
                file_name: "ban-quet.pdf".to_owned(),
                media_type: "application/pdf".to_owned(),
                size: GENERATED_PDF.len() as i64,
                reused,
                added_by: course.dossier.submitter_account.clone(),
                added_at: received,
            });
        }
    }
    if !documents.is_empty() {
        running.handed_in_before.insert(personal.clone());
    }
    let due = course.dossier.due_at.unwrap_or(received);
    // Nearly all finish on time: somewhere between a third of the time and the due date.
    let span = (due - received).num_minutes().max(60);
    let mut finish = if rng.gen_bool(0.975) {
        received + Duration::minutes(rng.gen_range(span / 3..=span))
    } else {
        due + Duration::minutes(rng.gen_range(60..4320))
    };
    let mut at = received;
    let step = |rng: &mut StdRng, at: &mut DateTime<Utc>, finish: DateTime<Utc>| {
        let room = (finish - *at).num_minutes().max(2);
        *at += Duration::minutes(rng.gen_range(1..=room / 2 + 1));
        *at
    };
    let until = options.until;
    let supplements = match rng.gen_range(0..1000) {
        0..80 => 1,
        80..85 => 2,
        _ => 0,
    };
    for _ in 0..supplements {
        let asked = step(rng, &mut at, finish);
        if asked > until {
            break;
        }
        let reason = ActionInput::with_reason("Bổ sung bản sao giấy tờ");
        course.act(&staff.specialist, asked, Action::RequestSupplement, reason)?;
        let back = asked + Duration::minutes(rng.gen_range(240..7200));
        if back > until {
            break;
        }
        // The time the applicant held the dossier moves its due date, and the finish with it.
        let before = course.dossier.due_at;
        at = back;
        // Online the applicant adds it; otherwise the desk records it handed in.
        let by = if online { &staff.applicant } else { &staff.desk };
        course.act(by, back, Action::Supplement, ActionInput::default())?;
        if let (Some(before), Some(after)) = (before, course.dossier.due_at) {
            finish += after - before;
        }
    }
    // A fee is paid online or at a centre's counter, which agent points and
    // outreach sessions are not.
    let payable = matches!(channel, Channel::Online | Channel::Counter | Channel::Postal);
    if payable && course.status() != Status::SupplementRequested && course.dossier.fee_dong > 0 {
        let asked = step(rng, &mut at, finish);
        if asked <= until {
            let fee = course.dossier.fee_dong;
            let ask = ActionInput { amount_dong: Some(fee), ..ActionInput::default() };
            course.act(&staff.specialist, asked, Action::RequestPayment, ask)?;
            let paid = asked + Duration::minutes(rng.gen_range(10..2880));
            if paid <= until {
                // As the live use case records it: online with the payment
                // service's reference, or at the counter with a receipt.
                let (payer, input) = if online && rng.gen_bool(0.8) {
                    let reference = format!("GD{:012}", rng.gen_range(0..1_000_000_000_000u64));
                    (&staff.applicant, ActionInput { transaction_reference: Some(reference), ..ActionInput::default() })
                } else {
                    let receipt = format!("BL{:08}", rng.gen_range(0..100_000_000));
                    let input = ActionInput {
                        payment_method: Some("cash".to_owned()),
                        amount_dong: Some(fee),
                        receipt_number: Some(receipt),
                        ..ActionInput::default()
                    };
                    (&staff.intake, input)
                };
                at = paid;
                course.act(payer, paid, Action::Pay, input)?;
            }
        }
    }
    if !matches!(course.status(), Status::SupplementRequested | Status::PaymentRequested) {
        let ending = rng.gen_range(0..1000);
        // Only an applicant with an account withdraws (online).
        if ending < 10 && online {
            let withdrawn = step(rng, &mut at, finish);
            if withdrawn <= until {
                course.act(&staff.applicant, withdrawn, Action::Withdraw, ActionInput::default())?;
            }
        } else {
            let handed = step(rng, &mut at, finish).min(finish);
            if handed <= until {
                let to_leader =
                    ActionInput { to_officer: Some(staff.leader.account_id().to_owned()), ..ActionInput::default() };
                course.act(&staff.specialist, handed, Action::HandOver { to: Step::Approval }, to_leader)?;
                if finish <= until {
                    if ending < 40 {
                        let reason = ActionInput::with_reason("Không đủ điều kiện theo quy định");
                        course.act(&staff.leader, finish, Action::Refuse, reason)?;
                    } else {
                        let mut approval = ActionInput::default();
                        if rng.gen_bool(0.93) {
                            approval.result_document = Some(pdf.to_owned());
                            documents.push(AttachedDocument {
                                component_code: RESULT_COMPONENT.to_owned(),
                                sha256: pdf.to_owned(),
                                file_name: "ket-qua.pdf".to_owned(),
                                media_type: "application/pdf".to_owned(),
                                size: GENERATED_PDF.len() as i64,
                                reused: false,
                                added_by: staff.leader.account_id().to_owned(),
                                added_at: finish,
                            });
                        }
                        course.act(&staff.leader, finish, Action::Approve, approval)?;
                    }
                    let returned = finish + Duration::minutes(rng.gen_range(30..4320));
                    if returned <= until && rng.gen_bool(0.95) {
                        let (by, input) = if matches!(delivery, Delivery::Post { .. }) {
                            let tracking = format!("EV{:09}VN", rng.gen_range(0..1_000_000_000));
                            let by = if channel == Channel::Outreach { &staff.specialist } else { &staff.intake };
                            (by, ActionInput { tracking_number: Some(tracking), ..ActionInput::default() })
                        } else if channel == Channel::AgentPoint {
                            // Handed back at the agent point, against the recipient's signature.
                            let signature = ActionInput {
                                signed_by_recipient: true,
                                recipient_name: Some(course.dossier.contact.name.clone()),
                                recipient_id_number: Some(personal.clone()),
                                ..ActionInput::default()
                            };
                            (&staff.desk, signature)
                        } else if channel == Channel::Outreach {
                            (&staff.specialist, ActionInput::default())
                        } else {
                            (&staff.intake, ActionInput::default())
                        };
                        course.act(by, returned, Action::Return, input)?;
                    }
                }
            }
        }
    }
    // Only an account rates online: a dossier whose applicant has one.
    let rating = (online && course.dossier.returned_at.is_some() && rng.gen_bool(0.35)).then(|| RatingRecord {
        province_code: province.code.clone(),
        dossier_id: id.clone(),
        rating: match rng.gen_range(0..100) {
            0..55 => "very_satisfied",
            55..96 => "satisfied",
            _ => "not_satisfied",
        }
        .to_owned(),
        comment: String::new(),
        rated_by: staff.applicant.account_id().to_owned(),
        rated_at: course.dossier.returned_at.unwrap_or(received) + Duration::hours(2),
    });
    Ok(WholeDossier { dossier: course.dossier, events: course.events, documents, rating })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_generated_scan_is_a_pdf_uploads_accept() {
        assert_eq!(crate::files::inspect(super::GENERATED_PDF), Ok(crate::files::MediaType::Pdf));
    }
}
