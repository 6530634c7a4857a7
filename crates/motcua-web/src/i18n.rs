//! The web's side of the languages: the request's [`Locale`] (the type and
//! its negotiation live in `motcua-i18n`), and the message that names each
//! value of the domain. Each naming function matches the domain's enum
//! exhaustively, so a new variant without a message does not compile.

use axum::http::{HeaderMap, header};
use motcua_domain::Reason;
use motcua_domain::calendar::DayKind;
use motcua_domain::catalogue::SubmissionMethod;
use motcua_domain::clock::{TimeUnit, Timeliness};
use motcua_domain::dossier::{Action, Channel, EventKind, PaymentMethod, Satisfaction, Status, Step};
use motcua_domain::indicators::Measure;
use motcua_domain::organisation::{AgencyKind, Role, ServicePointKind};
use motcua_domain::worklist::Worklist;
use motcua_i18n::{Args, MessageId, msg, text, text_with};
pub use motcua_i18n::{LANGUAGE_COOKIE, Locale, ltr};

/// The request's language: `?lang=`, then the `motcua_lang` cookie, then
/// `Accept-Language`, then Vietnamese.
pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> Locale {
    let cookies = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok());
    let accept_language = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Locale::negotiate(query, cookies, accept_language)
}

/// The name of a kind of thing, for "not found" messages; the key itself
/// when it has no name.
pub fn thing(locale: Locale, what: &str) -> String {
    thing_message(what).map(|id| text(locale, id)).unwrap_or_else(|| what.to_owned())
}

fn thing_message(what: &str) -> Option<MessageId> {
    Some(match what {
        "procedure" => msg::THING_PROCEDURE,
        "province" => msg::THING_PROVINCE,
        "service point" => msg::THING_SERVICE_POINT,
        "commune" => msg::THING_COMMUNE,
        "dossier" => msg::THING_DOSSIER,
        "agency" => msg::THING_AGENCY,
        "officer" => msg::THING_OFFICER,
        "document" => msg::THING_DOCUMENT,
        "page" => msg::THING_PAGE,
        "unit" => msg::THING_UNIT,
        "account" => msg::THING_ACCOUNT,
        _ => return None,
    })
}

/// The name of an input field as users know it; the field's key itself when
/// it has no name.
pub fn field(locale: Locale, field: &str) -> String {
    field_message(field).map(|id| text(locale, id)).unwrap_or_else(|| field.to_owned())
}

fn field_message(field: &str) -> Option<MessageId> {
    Some(match field {
        "amount" => msg::FIELD_AMOUNT,
        "unit" => msg::FIELD_UNIT,
        "received_at" => msg::FIELD_RECEIVED_AT,
        "level" => msg::FIELD_LEVEL,
        "page" => msg::FIELD_PAGE,
        "per_page" => msg::FIELD_PER_PAGE,
        "q" => msg::FIELD_Q,
        "year" => msg::FIELD_YEAR,
        "province_code" => msg::FIELD_PROVINCE_CODE,
        "id_number" => msg::FIELD_ID_NUMBER,
        "full_name" => msg::FIELD_FULL_NAME,
        "phone" => msg::FIELD_PHONE,
        "email" => msg::FIELD_EMAIL,
        "password" => msg::FIELD_PASSWORD,
        "reason" => msg::FIELD_REASON,
        "delivery" => msg::FIELD_DELIVERY,
        "service_point" => msg::FIELD_SERVICE_POINT,
        "channel" => msg::FIELD_CHANNEL,
        "case_code" => msg::FIELD_CASE_CODE,
        "applicant" => msg::FIELD_APPLICANT,
        "applicant_consents" => msg::FIELD_APPLICANT_CONSENTS,
        "new_due_at" => msg::FIELD_NEW_DUE_AT,
        "amount_dong" => msg::FIELD_AMOUNT_DONG,
        "card_checked" => msg::FIELD_CARD_CHECKED,
        "tracking_number" => msg::FIELD_TRACKING_NUMBER,
        "to_agency" => msg::FIELD_TO_AGENCY,
        "from" => msg::FIELD_FROM,
        "to" => msg::FIELD_TO,
        "procedure_code" => msg::FIELD_PROCEDURE_CODE,
        "transaction_reference" => msg::FIELD_TRANSACTION_REFERENCE,
        "payment_method" => msg::FIELD_PAYMENT_METHOD,
        "receipt_number" => msg::FIELD_RECEIPT_NUMBER,
        "signed_by_recipient" => msg::FIELD_SIGNED_BY_RECIPIENT,
        "recipient_name" => msg::FIELD_RECIPIENT_NAME,
        "recipient_id_number" => msg::FIELD_RECIPIENT_ID_NUMBER,
        "late_entry_reason" => msg::FIELD_LATE_ENTRY_REASON,
        "time_limit" => msg::FIELD_TIME_LIMIT,
        "documents" => msg::FIELD_DOCUMENTS,
        _ => return None,
    })
}

/// The name of a dossier status (its national wording in Vietnamese).
pub fn status(status: Status) -> MessageId {
    match status {
        Status::Submitted => msg::STATUS_SUBMITTED,
        Status::Received => msg::STATUS_RECEIVED,
        Status::RefusedAtReception => msg::STATUS_REFUSED_AT_RECEPTION,
        Status::Processing => msg::STATUS_PROCESSING,
        Status::SupplementRequested => msg::STATUS_SUPPLEMENT_REQUESTED,
        Status::PaymentRequested => msg::STATUS_PAYMENT_REQUESTED,
        Status::Withdrawn => msg::STATUS_WITHDRAWN,
        Status::Stopped => msg::STATUS_STOPPED,
        Status::Resolved => msg::STATUS_RESOLVED,
        Status::Returned => msg::STATUS_RETURNED,
    }
}

/// The name of a status stored as its key; the key itself for one the
/// domain does not know.
pub fn status_named(locale: Locale, key: &str) -> String {
    Status::parse(key).map(|s| text(locale, status(s))).unwrap_or_else(|_| key.to_owned())
}

/// The action a key names (`receive`, `hand_over`, …), as the domain spells it.
pub fn action_of_key(key: &str) -> Option<Action> {
    Action::ALL.into_iter().find(|action| action.name() == key)
}

/// The name of an action on a dossier, as a verb phrase (what a problem says
/// could not be done).
pub fn action(action: Action) -> MessageId {
    match action {
        Action::Receive => msg::ACTION_RECEIVE,
        Action::RefuseAtReception => msg::ACTION_REFUSE_AT_RECEPTION,
        Action::RequestSupplement => msg::ACTION_REQUEST_SUPPLEMENT,
        Action::Supplement => msg::ACTION_SUPPLEMENT,
        Action::HandOver { .. } => msg::ACTION_HAND_OVER,
        Action::RequestPayment => msg::ACTION_REQUEST_PAYMENT,
        Action::Pay => msg::ACTION_PAY,
        Action::Withdraw => msg::ACTION_WITHDRAW,
        Action::Stop => msg::ACTION_STOP,
        Action::Approve => msg::ACTION_APPROVE,
        Action::Refuse => msg::ACTION_REFUSE,
        Action::Extend => msg::ACTION_EXTEND,
        Action::Return => msg::ACTION_RETURN,
    }
}

/// The name of an action stored as its key; the key itself for one the
/// domain does not know.
pub fn action_named(locale: Locale, key: &str) -> String {
    action_of_key(key).map(|a| text(locale, action(a))).unwrap_or_else(|| key.to_owned())
}

/// What a dossier's history says happened: its submission (which is no
/// action of the state machine) or an action.
pub fn history_entry(kind: EventKind) -> MessageId {
    match kind {
        EventKind::Submit => msg::HISTORY_SUBMIT,
        EventKind::Act(action) => history_of_action(action),
    }
}

fn history_of_action(action: Action) -> MessageId {
    match action {
        Action::Receive => msg::HISTORY_RECEIVE,
        Action::RefuseAtReception => msg::HISTORY_REFUSE_AT_RECEPTION,
        Action::RequestSupplement => msg::HISTORY_REQUEST_SUPPLEMENT,
        Action::Supplement => msg::HISTORY_SUPPLEMENT,
        Action::HandOver { .. } => msg::HISTORY_HAND_OVER,
        Action::RequestPayment => msg::HISTORY_REQUEST_PAYMENT,
        Action::Pay => msg::HISTORY_PAY,
        Action::Withdraw => msg::HISTORY_WITHDRAW,
        Action::Stop => msg::HISTORY_STOP,
        Action::Approve => msg::HISTORY_APPROVE,
        Action::Refuse => msg::HISTORY_REFUSE,
        Action::Extend => msg::HISTORY_EXTEND,
        Action::Return => msg::HISTORY_RETURN,
    }
}

/// The label of the desk's button for an action (`hand_over` is labelled
/// with its destination by the desk).
pub fn action_button(action: Action) -> MessageId {
    match action {
        Action::Receive => msg::DO_RECEIVE,
        Action::RefuseAtReception => msg::DO_REFUSE_AT_RECEPTION,
        Action::RequestSupplement => msg::DO_REQUEST_SUPPLEMENT,
        Action::Supplement => msg::DO_SUPPLEMENT,
        Action::HandOver { .. } => msg::HAND_OVER_TO,
        Action::RequestPayment => msg::DO_REQUEST_PAYMENT,
        Action::Pay => msg::DO_PAY,
        Action::Withdraw => msg::DO_WITHDRAW,
        Action::Stop => msg::DO_STOP,
        Action::Approve => msg::DO_APPROVE,
        Action::Refuse => msg::DO_REFUSE,
        Action::Extend => msg::DO_EXTEND,
        Action::Return => msg::DO_RETURN,
    }
}

/// The name of a step of processing.
pub fn step(step: Step) -> MessageId {
    match step {
        Step::Intake => msg::STAGE_INTAKE,
        Step::Review => msg::STAGE_REVIEW,
        Step::Approval => msg::STAGE_APPROVAL,
        Step::Return => msg::STAGE_RETURN,
        Step::Done => msg::STAGE_DONE,
    }
}

/// The name of the channel a dossier came in by.
pub fn channel(channel: Channel) -> MessageId {
    match channel {
        Channel::Online => msg::CHANNEL_ONLINE,
        Channel::Counter => msg::CHANNEL_COUNTER,
        Channel::Postal => msg::CHANNEL_POSTAL,
        Channel::AgentPoint => msg::CHANNEL_AGENT_POINT,
        Channel::Outreach => msg::CHANNEL_OUTREACH,
    }
}

/// The name of a channel stored as its key; the key itself for one the
/// domain does not know.
pub fn channel_named(locale: Locale, key: &str) -> String {
    Channel::parse(key).map(|c| text(locale, channel(c))).unwrap_or_else(|_| key.to_owned())
}

/// How a procedure may be submitted, as its page lists it.
pub fn submission_method(method: SubmissionMethod) -> MessageId {
    match method {
        SubmissionMethod::Online => msg::METHOD_ONLINE,
        SubmissionMethod::Direct => msg::METHOD_DIRECT,
        SubmissionMethod::Postal => msg::METHOD_POSTAL,
    }
}

/// The unit of a processing time, after its amount.
pub fn time_unit(unit: TimeUnit) -> MessageId {
    match unit {
        TimeUnit::WorkingDay => msg::TIME_UNIT_WORKING_DAY,
        TimeUnit::Day => msg::TIME_UNIT_DAY,
        TimeUnit::Hour => msg::TIME_UNIT_HOUR,
        TimeUnit::Month => msg::TIME_UNIT_MONTH,
        TimeUnit::SameDay => msg::TIME_UNIT_SAME_DAY,
        TimeUnit::Other => msg::TIME_UNIT_OTHER,
    }
}

/// Whether something finished before, on or after its due time.
pub fn timeliness(timeliness: Timeliness) -> MessageId {
    match timeliness {
        Timeliness::Early => msg::EARLY,
        Timeliness::OnTime => msg::ON_TIME,
        Timeliness::Late => msg::LATE,
    }
}

/// The name of a role stored as its key; the key itself for one the domain
/// does not know.
pub fn role_named(locale: Locale, key: &str) -> String {
    Role::parse(key).map(|r| text(locale, role(r))).unwrap_or_else(|_| key.to_owned())
}

/// The name of an officer's role.
pub fn role(role: Role) -> MessageId {
    match role {
        Role::IntakeOfficer => msg::INTAKE_OFFICER,
        Role::AgentClerk => msg::AGENT_CLERK,
        Role::OutreachHelper => msg::OUTREACH_HELPER,
        Role::Specialist => msg::SPECIALIST,
        Role::Leader => msg::LEADER,
        Role::Supervisor => msg::SUPERVISOR,
        Role::Administrator => msg::ADMINISTRATOR,
    }
}

/// The name of a kind of service point.
pub fn service_point_kind(kind: ServicePointKind) -> MessageId {
    match kind {
        ServicePointKind::ProvinceCentre => msg::PROVINCE_CENTRE,
        ServicePointKind::CommuneCentre => msg::COMMUNE_CENTRE,
        ServicePointKind::BankAgent => msg::BANK_AGENT,
        ServicePointKind::PostOfficeAgent => msg::POST_OFFICE_AGENT,
        ServicePointKind::OutreachSession => msg::OUTREACH_SESSION,
    }
}

/// The name of a kind of agency.
pub fn agency_kind(kind: AgencyKind) -> MessageId {
    match kind {
        AgencyKind::ProvincialPeoplesCommittee => msg::PROVINCIAL_PEOPLES_COMMITTEE,
        AgencyKind::ProvincialDepartment => msg::PROVINCIAL_DEPARTMENT,
        AgencyKind::ProvincialPolice => msg::PROVINCIAL_POLICE,
        AgencyKind::CommunePeoplesCommittee => msg::COMMUNE_PEOPLES_COMMITTEE,
        AgencyKind::CommunePolice => msg::COMMUNE_POLICE,
        AgencyKind::Other => msg::OTHER,
    }
}

/// The name of a kind of day in the working calendar.
pub fn day_kind(kind: DayKind) -> MessageId {
    match kind {
        DayKind::Statutory => msg::STATUTORY,
        DayKind::Compensatory => msg::COMPENSATORY,
        DayKind::Swap => msg::SWAP,
        DayKind::WorkingSaturday => msg::WORKING_SATURDAY,
    }
}

/// How a fee was paid.
pub fn payment_method(method: PaymentMethod) -> MessageId {
    match method {
        PaymentMethod::Online => msg::PAID_BY_ONLINE,
        PaymentMethod::Cash => msg::PAID_BY_CASH,
        PaymentMethod::Pos => msg::PAID_BY_POS,
        PaymentMethod::Transfer => msg::PAID_BY_TRANSFER,
        PaymentMethod::Exempt => msg::PAID_BY_EXEMPT,
    }
}

/// A rating of the service.
pub fn satisfaction(satisfaction: Satisfaction) -> MessageId {
    match satisfaction {
        Satisfaction::VerySatisfied => msg::VERY_SATISFIED,
        Satisfaction::Satisfied => msg::SATISFIED,
        Satisfaction::NotSatisfied => msg::NOT_SATISFIED,
    }
}

/// The name of a tab of the desk's worklist.
pub fn worklist(list: Worklist) -> MessageId {
    match list {
        Worklist::ToReceive => msg::TO_RECEIVE,
        Worklist::ToProcess => msg::TO_PROCESS,
        Worklist::ToApprove => msg::TO_APPROVE,
        Worklist::ToReturn => msg::TO_RETURN,
        Worklist::WithApplicant => msg::WITH_APPLICANT,
        Worklist::ReceivedHere => msg::RECEIVED_HERE,
    }
}

/// The name of a measure of the indicators.
pub fn measure(measure: Measure) -> MessageId {
    match measure {
        Measure::OnTime => msg::M_ON_TIME,
        Measure::Online => msg::M_ONLINE,
        Measure::EPayment => msg::M_E_PAYMENT,
        Measure::Digitised => msg::M_DIGITISED,
        Measure::Reuse => msg::M_REUSE,
        Measure::EResult => msg::M_E_RESULT,
        Measure::Satisfaction => msg::M_SATISFACTION,
    }
}

/// A reason the domain gives, in `locale`. Every reason has its message:
/// a reason added to the domain without one does not compile here.
pub fn reason(locale: Locale, reason: &Reason) -> String {
    let id = match reason {
        Reason::Unknown(given) => {
            return text_with(locale, msg::REASON_UNKNOWN, &Args::new().text("given", ltr(locale, given)));
        }
        Reason::Unreadable(detail) => {
            return text_with(locale, msg::REASON_UNREADABLE, &Args::new().text("detail", ltr(locale, detail)));
        }
        Reason::ProcedureWithoutName(code) => {
            return text_with(locale, msg::REASON_PROCEDURE_WITHOUT_NAME, &Args::new().text("code", ltr(locale, code)));
        }
        Reason::RepeatedLine(first) => {
            return text_with(locale, msg::REASON_REPEATED_LINE, &Args::new().text("line", ltr(locale, first)));
        }
        Reason::DaysUpTo3650 => msg::REASON_DAYS_UP_TO_3650,
        Reason::PeriodAtMostTenYears => msg::REASON_PERIOD_AT_MOST_TEN_YEARS,
        Reason::CompareIdentityCardFirst => msg::REASON_COMPARE_IDENTITY_CARD_FIRST,
        Reason::NumberClaimedBySeveralAccounts => msg::REASON_NUMBER_CLAIMED_BY_SEVERAL_ACCOUNTS,
        Reason::PeriodStartsAfterToday => msg::REASON_PERIOD_STARTS_AFTER_TODAY,
        Reason::BeforePeriodStart => msg::REASON_BEFORE_PERIOD_START,
        Reason::ProvinceOrCommuneCode => msg::REASON_PROVINCE_OR_COMMUNE_CODE,
        Reason::DateLike20260131 => msg::REASON_DATE_LIKE_20260131,
        Reason::Between0And100 => msg::REASON_BETWEEN_0_AND_100,
        Reason::RateUpTo100Percent => msg::REASON_RATE_UP_TO_100_PERCENT,
        Reason::OneOfTheMeasures => msg::REASON_ONE_OF_THE_MEASURES,
        Reason::NameAProvince => msg::REASON_NAME_APROVINCE,
        Reason::ProvinceNeedsAgencies => msg::REASON_PROVINCE_NEEDS_AGENCIES,
        Reason::MonthsWhole => msg::REASON_MONTHS_WHOLE,
        Reason::OtherUnitHasNoDueDate => msg::REASON_OTHER_UNIT_HAS_NO_DUE_DATE,
        Reason::ExpectedAgencyKind => msg::REASON_EXPECTED_AGENCY_KIND,
        Reason::PagesCountFrom1 => msg::REASON_PAGES_COUNT_FROM_1,
        Reason::Between1And100 => msg::REASON_BETWEEN_1_AND_100,
        Reason::AtMost200Characters => msg::REASON_AT_MOST_200_CHARACTERS,
        Reason::ExpectedTwoDigits => msg::REASON_EXPECTED_TWO_DIGITS,
        Reason::ExpectedProcedureCode => msg::REASON_EXPECTED_PROCEDURE_CODE,
        Reason::ExpectedInstant => msg::REASON_EXPECTED_INSTANT,
        Reason::ExpectedNumber => msg::REASON_EXPECTED_NUMBER,
        Reason::Required => msg::REASON_REQUIRED,
        Reason::ExpectedDate => msg::REASON_EXPECTED_DATE,
        Reason::WithinAYearFrom => msg::REASON_WITHIN_AYEAR_FROM,
        Reason::IdNumberEmpty => msg::REASON_ID_NUMBER_EMPTY,
        Reason::IdNumberNotDigits => msg::REASON_ID_NUMBER_NOT_DIGITS,
        Reason::IdNumberLength => msg::REASON_ID_NUMBER_LENGTH,
        Reason::IdNumberProvince => msg::REASON_ID_NUMBER_PROVINCE,
        Reason::IdNumberFutureBirthYear => msg::REASON_ID_NUMBER_FUTURE_BIRTH_YEAR,
        Reason::ExpectedPhone => msg::REASON_EXPECTED_PHONE,
        Reason::ExpectedEmail => msg::REASON_EXPECTED_EMAIL,
        Reason::PasswordTooShort => msg::REASON_PASSWORD_TOO_SHORT,
        Reason::PostalAddressIncomplete => msg::REASON_POSTAL_ADDRESS_INCOMPLETE,
        Reason::ChooseCase => msg::REASON_CHOOSE_CASE,
        Reason::ChooseSettlingAgency => msg::REASON_CHOOSE_SETTLING_AGENCY,
        Reason::ChooseListedAgency => msg::REASON_CHOOSE_LISTED_AGENCY,
        Reason::AgencyDoesNotSettle => msg::REASON_AGENCY_DOES_NOT_SETTLE,
        Reason::NotACaseOfProcedure => msg::REASON_NOT_ACASE_OF_PROCEDURE,
        Reason::WriteWhereYouLive => msg::REASON_WRITE_WHERE_YOU_LIVE,
        Reason::SayWhatYouAskFor => msg::REASON_SAY_WHAT_YOU_ASK_FOR,
        Reason::AttachEveryRequired => msg::REASON_ATTACH_EVERY_REQUIRED,
        Reason::AttachOne => msg::REASON_ATTACH_ONE,
        Reason::ChooseDelivery => msg::REASON_CHOOSE_DELIVERY,
        Reason::ChooseCollectionPoint => msg::REASON_CHOOSE_COLLECTION_POINT,
        Reason::SubmittedAlready => msg::REASON_SUBMITTED_ALREADY,
        Reason::ChooseSatisfaction => msg::REASON_CHOOSE_SATISFACTION,
        Reason::TellWhatWasWrong => msg::REASON_TELL_WHAT_WAS_WRONG,
        Reason::AtMost2000Characters => msg::REASON_AT_MOST_2000_CHARACTERS,
        Reason::RatedAfterReturn => msg::REASON_RATED_AFTER_RETURN,
        Reason::RatedAlready => msg::REASON_RATED_ALREADY,
        Reason::UsernameShape => msg::REASON_USERNAME_SHAPE,
        Reason::NotInYourProvince => msg::REASON_NOT_IN_YOUR_PROVINCE,
        Reason::WorkingSaturdayNotSaturday => msg::REASON_WORKING_SATURDAY_NOT_SATURDAY,
        Reason::NameRequired => msg::REASON_NAME_REQUIRED,
        Reason::OnlyOutreachHasDate => msg::REASON_ONLY_OUTREACH_HAS_DATE,
        Reason::ScopeCodeShape => msg::REASON_SCOPE_CODE_SHAPE,
        Reason::FeeRange => msg::REASON_FEE_RANGE,
        Reason::OnlyDeskDecides => msg::REASON_ONLY_DESK_DECIDES,
        Reason::WorkingHoursUpTo2000 => msg::REASON_WORKING_HOURS_UP_TO_2000,
        Reason::NotOnline => msg::REASON_NOT_ONLINE,
        Reason::ApplicantPresentAndConsenting => msg::REASON_APPLICANT_PRESENT_AND_CONSENTING,
        Reason::NotBoundaryFree => msg::REASON_NOT_BOUNDARY_FREE,
        Reason::LaterThanDue => msg::REASON_LATER_THAN_DUE,
        Reason::NotYourServicePoint => msg::REASON_NOT_YOUR_SERVICE_POINT,
        Reason::ExpectedTimeUnit => msg::REASON_EXPECTED_TIME_UNIT,
        Reason::PayThroughService => msg::REASON_PAY_THROUGH_SERVICE,
        Reason::PayThroughGateway => msg::REASON_PAY_THROUGH_GATEWAY,
        Reason::ChooseCounterPayment => msg::REASON_CHOOSE_COUNTER_PAYMENT,
        Reason::AmountAsRequested => msg::REASON_AMOUNT_AS_REQUESTED,
        Reason::AtMost100Characters => msg::REASON_AT_MOST_100_CHARACTERS,
        Reason::AtMost500Characters => msg::REASON_AT_MOST_500_CHARACTERS,
        Reason::RecipientSigns => msg::REASON_RECIPIENT_SIGNS,
        Reason::NotHandedBackHere => msg::REASON_NOT_HANDED_BACK_HERE,
        Reason::SessionNotStarted => msg::REASON_SESSION_NOT_STARTED,
        Reason::SessionOver => msg::REASON_SESSION_OVER,
        Reason::LateEntryReason => msg::REASON_LATE_ENTRY_REASON,
        Reason::RoleNotForOutreach => msg::REASON_ROLE_NOT_FOR_OUTREACH,
        Reason::TimeLimitInCatalogue => msg::REASON_TIME_LIMIT_IN_CATALOGUE,
        Reason::OnlyDeskStatesTimeLimit => msg::REASON_ONLY_DESK_STATES_TIME_LIMIT,
        Reason::DaysUpTo365 => msg::REASON_DAYS_UP_TO_365,
        Reason::StateTheTimeLimit => msg::REASON_STATE_THE_TIME_LIMIT,
        Reason::NameDocumentsHandedIn => msg::REASON_NAME_DOCUMENTS_HANDED_IN,
        Reason::ScopeNeedsCode => msg::REASON_SCOPE_NEEDS_CODE,
        Reason::SessionStartsBeforeEnd => msg::REASON_SESSION_STARTS_BEFORE_END,
        Reason::UnitEndsBeforeBegin => msg::REASON_UNIT_ENDS_BEFORE_BEGIN,
        Reason::SessionNeeded => msg::REASON_SESSION_NEEDED,
        Reason::Between1And200Characters => msg::REASON_BETWEEN_1_AND_200_CHARACTERS,
        Reason::ChannelMismatch => msg::REASON_CHANNEL_MISMATCH,
        Reason::ComponentCodeNeeded => msg::REASON_COMPONENT_CODE_NEEDED,
        Reason::ExpectedHours => msg::REASON_EXPECTED_HOURS,
        Reason::ExpectedDossierCode => msg::REASON_EXPECTED_DOSSIER_CODE,
        Reason::ExpectedAgencyCode => msg::REASON_EXPECTED_AGENCY_CODE,
        Reason::ExpectedFiveDigits => msg::REASON_EXPECTED_FIVE_DIGITS,
        Reason::ExpectedStep => msg::REASON_EXPECTED_STEP,
        Reason::ExpectedChannel => msg::REASON_EXPECTED_CHANNEL,
        Reason::ExpectedDayKind => msg::REASON_EXPECTED_DAY_KIND,
        Reason::ExpectedBoolean => msg::REASON_EXPECTED_BOOLEAN,
        Reason::NotAnAction => msg::REASON_NOT_AN_ACTION,
        Reason::PositiveDong => msg::REASON_POSITIVE_DONG,
        Reason::InAgencyProvince => msg::REASON_IN_AGENCY_PROVINCE,
        Reason::InDossierProvince => msg::REASON_IN_DOSSIER_PROVINCE,
        Reason::FirstEventOnly => msg::REASON_FIRST_EVENT_ONLY,
        Reason::SequencesFrom1 => msg::REASON_SEQUENCES_FROM_1,
        Reason::SessionsInOrder => msg::REASON_SESSIONS_IN_ORDER,
        Reason::TooManyMonths => msg::REASON_TOO_MANY_MONTHS,
        Reason::UnitNeedsName => msg::REASON_UNIT_NEEDS_NAME,
        Reason::DistrictCodeNeeded => msg::REASON_DISTRICT_CODE_NEEDED,
        Reason::StatementAmount => msg::REASON_STATEMENT_AMOUNT,
        Reason::StatementTime => msg::REASON_STATEMENT_TIME,
    };
    text(locale, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_language_comes_from_query_cookie_and_header() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fr-FR, en;q=0.8, ar;q=0.9"));
        assert_eq!(negotiate(None, &headers), Locale::Ar);
        assert_eq!(negotiate(Some("lang=en"), &headers), Locale::En);
        headers.insert(header::COOKIE, HeaderValue::from_static("a=b; motcua_lang=vi"));
        assert_eq!(negotiate(None, &headers), Locale::Vi);
    }

    #[test]
    fn every_reason_has_its_message_worded_in_english_as_the_domain_words_it() {
        assert_eq!(reason(Locale::Vi, &Reason::Required), "là bắt buộc");
        assert_eq!(reason(Locale::Ar, &Reason::Required), "مطلوب");
        for fixed in Reason::FIXED {
            assert_eq!(reason(Locale::En, fixed), fixed.to_string(), "{fixed:?}");
            assert_ne!(reason(Locale::Vi, fixed), fixed.to_string(), "{fixed:?} has no Vietnamese wording");
        }
        let carrying = [
            Reason::Unknown("x".into()),
            Reason::Unreadable("x".into()),
            Reason::ProcedureWithoutName("x".into()),
            Reason::RepeatedLine("x".into()),
        ];
        for carrying in carrying {
            for locale in Locale::ALL {
                assert!(reason(locale, &carrying).contains('x'), "{carrying:?} in {locale:?} drops its value");
            }
            assert_eq!(reason(Locale::En, &carrying).replace(['\u{2066}', '\u{2069}'], ""), carrying.to_string());
        }
    }

    #[test]
    fn unknown_keys_are_shown_as_they_are() {
        assert_eq!(thing(Locale::En, "unit"), "administrative unit");
        assert_eq!(thing(Locale::En, "planet"), "planet");
        assert_eq!(field(Locale::Vi, "q"), "từ khóa tìm kiếm");
        assert_eq!(status_named(Locale::En, "stopped"), "stopped");
        assert_eq!(status_named(Locale::En, "teleported"), "teleported");
    }

    #[test]
    fn history_entries_name_the_submission_and_each_action() {
        use motcua_domain::dossier::EventKind;
        assert_eq!(text(Locale::En, history_entry(EventKind::Submit)), "submitted online");
        let hand_over = EventKind::Act(Action::HandOver { to: Step::Approval });
        assert_eq!(text(Locale::En, history_entry(hand_over)), "passed to the next step");
    }
}
