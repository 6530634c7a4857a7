//! The web's side of the languages: the request's [`Locale`] (the type and
//! its negotiation live in `motcua-i18n`), and the message that names each
//! value of the domain. Each naming function matches the domain's enum
//! exhaustively, so a new variant without a message does not compile.

use axum::http::{HeaderMap, header};
use motcua_domain::calendar::DayKind;
use motcua_domain::catalogue::SubmissionMethod;
use motcua_domain::clock::{TimeUnit, Timeliness};
use motcua_domain::dossier::{Action, Channel, EventKind, PaymentMethod, Satisfaction, Status, Step};
use motcua_domain::indicators::Measure;
use motcua_domain::organisation::{AgencyKind, Role, ServicePointKind};
use motcua_domain::worklist::Worklist;
pub use motcua_i18n::{LANGUAGE_COOKIE, Locale, ltr};
use motcua_i18n::{MessageId, msg, text};

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

/// A reason the domain gives, translated; keyed by its English text until
/// the domain names its reasons. A reason without a translation is shown in
/// English.
pub fn reason(locale: Locale, english: &str) -> String {
    match reason_message(english) {
        Some(id) => text(locale, id),
        None => english.to_owned(),
    }
}

fn reason_message(english: &str) -> Option<MessageId> {
    Some(match english {
        "must be a number above 0 and at most 3650" => msg::REASON_MUST_BE_A_NUMBER_ABOVE_0,
        "a period is at most ten years" => msg::REASON_A_PERIOD_IS_AT_MOST_TEN,
        "compare the identity card with the person first" => msg::REASON_COMPARE_THE_IDENTITY_CARD_WITH_THE,
        "several accounts claim this number with this phone: the holder should sign in to the one they use" => {
            msg::REASON_SEVERAL_ACCOUNTS_CLAIM_THIS_NUMBER_WITH
        }
        "a period cannot start after today" => msg::REASON_A_PERIOD_CANNOT_START_AFTER_TODAY,
        "must not be before the start of the period" => msg::REASON_MUST_NOT_BE_BEFORE_THE_START,
        "a province (2 digits) or commune (5 digits) code" => msg::REASON_A_PROVINCE_2_DIGITS_OR_COMMUNE,
        "a date such as 2026-01-31" => msg::REASON_A_DATE_SUCH_AS_2026_01,
        "between 0 and 100" => msg::REASON_BETWEEN_0_AND_100,
        "a rate above 0 and at most 100 %" => msg::REASON_A_RATE_ABOVE_0_AND_AT,
        "one of on_time, online, e_payment, digitised, reuse, e_result, satisfaction" => {
            msg::REASON_ONE_OF_ON_TIME_ONLINE_E
        }
        "name at least one province" => msg::REASON_NAME_AT_LEAST_ONE_PROVINCE,
        "each province needs agencies and a service centre: seed the demo or add them first" => {
            msg::REASON_EACH_PROVINCE_NEEDS_AGENCIES_AND_A
        }
        "months must be a whole number" => msg::REASON_MONTHS_MUST_BE_A_WHOLE_NUMBER,
        "OTHER has its rule only in text; no due date can be computed" => msg::REASON_OTHER_HAS_ITS_RULE_ONLY_IN,
        "expected province, commune, ministry or other" => msg::REASON_EXPECTED_PROVINCE_COMMUNE_MINISTRY_OR_OTHER,
        "pages count from 1" => msg::REASON_PAGES_COUNT_FROM_1,
        "between 1 and 100" => msg::REASON_BETWEEN_1_AND_100,
        "at most 200 characters" => msg::REASON_AT_MOST_200_CHARACTERS,
        "expected two digits, e.g. 01" => msg::REASON_EXPECTED_TWO_DIGITS_E_G_01,
        "expected a code such as 1.004194" => msg::REASON_EXPECTED_A_CODE_SUCH_AS_1,
        "expected an RFC 3339 instant such as 2025-11-03T08:00:00+07:00" => {
            msg::REASON_EXPECTED_AN_RFC_3339_INSTANT_SUCH
        }
        "expected a number" => msg::REASON_EXPECTED_A_NUMBER,
        "is required" => msg::REASON_IS_REQUIRED,
        "expected a date YYYY-MM-DD" => msg::REASON_EXPECTED_A_DATE_YYYY_MM_DD,
        "must be on or after from, within a year" => msg::REASON_MUST_BE_ON_OR_AFTER_FROM,
        "is empty; enter the 12 digits of the personal identification number" => {
            msg::REASON_IS_EMPTY_ENTER_THE_12_DIGITS
        }
        "may contain only digits, optionally grouped with spaces, dots or dashes" => {
            msg::REASON_MAY_CONTAIN_ONLY_DIGITS_OPTIONALLY_GROUPED
        }
        "must have exactly 12 digits" => msg::REASON_MUST_HAVE_EXACTLY_12_DIGITS,
        "does not start with a province code; the first three digits are the province where the birth was registered" => {
            msg::REASON_DOES_NOT_START_WITH_A_PROVINCE
        }
        "gives a birth year that has not come yet; the fourth digit is the century and the fifth and sixth the year" => {
            msg::REASON_GIVES_A_BIRTH_YEAR_THAT_HAS
        }
        "expected a phone number of 10 digits starting with 0" => msg::REASON_EXPECTED_A_PHONE_NUMBER_OF_10,
        "expected an email address such as ten@example.vn" => msg::REASON_EXPECTED_AN_EMAIL_ADDRESS_SUCH_AS,
        "must have at least 8 characters" => msg::REASON_MUST_HAVE_AT_LEAST_8_CHARACTERS,
        "a postal address needs street, commune and province" => msg::REASON_A_POSTAL_ADDRESS_NEEDS_STREET_COMMUNE,
        "choose the case that fits you" => msg::REASON_CHOOSE_THE_CASE_THAT_FITS_YOU,
        "choose the agency that will settle the dossier" => msg::REASON_CHOOSE_THE_AGENCY_THAT_WILL_SETTLE,
        "choose an agency from the list" => msg::REASON_CHOOSE_AN_AGENCY_FROM_THE_LIST,
        "this agency does not settle this procedure" => msg::REASON_THIS_AGENCY_DOES_NOT_SETTLE_THIS,
        "not a case of this procedure" => msg::REASON_NOT_A_CASE_OF_THIS_PROCEDURE,
        "write where you live: street, commune and province" => msg::REASON_WRITE_WHERE_YOU_LIVE_STREET_COMMUNE,
        "say briefly what you ask for" => msg::REASON_SAY_BRIEFLY_WHAT_YOU_ASK_FOR,
        "attach every required document" => msg::REASON_ATTACH_EVERY_REQUIRED_DOCUMENT,
        "attach at least one document" => msg::REASON_ATTACH_AT_LEAST_ONE_DOCUMENT,
        "choose how to receive the result" => msg::REASON_CHOOSE_HOW_TO_RECEIVE_THE_RESULT,
        "choose the service point to collect the result at" => msg::REASON_CHOOSE_THE_SERVICE_POINT_TO_COLLECT,
        "was submitted already" => msg::REASON_WAS_SUBMITTED_ALREADY,
        "choose very satisfied, satisfied or not satisfied" => msg::REASON_CHOOSE_VERY_SATISFIED_SATISFIED_OR_NOT,
        "tell us what was not right" => msg::REASON_TELL_US_WHAT_WAS_NOT_RIGHT,
        "must be at most 2,000 characters" => msg::REASON_MUST_BE_AT_MOST_2_000,
        "a dossier is rated once its result was returned" => msg::REASON_A_DOSSIER_IS_RATED_ONCE_ITS,
        "this dossier was rated already" => msg::REASON_THIS_DOSSIER_WAS_RATED_ALREADY,
        "use 3–40 lower-case letters, digits, '.', '_' or '-'" => msg::REASON_USE_3_40_LOWER_CASE_LETTERS,
        "is not a place of your province" => msg::REASON_IS_NOT_A_PLACE_OF_YOUR,
        "a working Saturday must be a Saturday" => msg::REASON_A_WORKING_SATURDAY_MUST_BE_A,
        "a name is required" => msg::REASON_A_NAME_IS_REQUIRED,
        "an outreach session, and only it, has a date" => msg::REASON_AN_OUTREACH_SESSION_AND_ONLY_IT,
        "use 1–40 letters, digits, '-' or '_'" => msg::REASON_USE_1_40_LETTERS_DIGITS_OR,
        "must be between 0 and 1,000,000,000 đồng" => msg::REASON_MUST_BE_BETWEEN_0_AND_1,
        "only a desk decides on the spot" => msg::REASON_ONLY_A_DESK_DECIDES_ON_THE,
        "must be a number of working hours above 0 and at most 2000" => msg::REASON_MUST_BE_A_NUMBER_OF_WORKING,
        "this procedure cannot be submitted online" => msg::REASON_THIS_PROCEDURE_CANNOT_BE_SUBMITTED_ONLINE,
        "the applicant must be present and consent" => msg::REASON_THE_APPLICANT_MUST_BE_PRESENT_AND,
        "this procedure is not accepted regardless of boundary here" => {
            msg::REASON_THIS_PROCEDURE_IS_NOT_ACCEPTED_REGARDLESS
        }
        "must be later than the current due date" => msg::REASON_MUST_BE_LATER_THAN_THE_CURRENT,
        "is not the service point you work at" => msg::REASON_IS_NOT_THE_SERVICE_POINT_YOU,
        "expected WORKING_DAY, DAY, HOUR, MONTH or SAME_DAY" => msg::REASON_EXPECTED_WORKING_DAY_DAY_HOUR_MONTH,
        "pay through the payment service and give its transaction reference" => {
            msg::REASON_PAY_THROUGH_THE_PAYMENT_SERVICE_AND
        }
        "choose cash, POS or transfer" => msg::REASON_CHOOSE_CASH_POS_OR_TRANSFER,
        "must equal the amount requested" => msg::REASON_MUST_EQUAL_THE_AMOUNT_REQUESTED,
        "at most 100 characters" => msg::REASON_AT_MOST_100_CHARACTERS,
        "the recipient must sign for the result" => msg::REASON_THE_RECIPIENT_MUST_SIGN_FOR_THE,
        "this result is not handed back at this point" => msg::REASON_THIS_RESULT_IS_NOT_HANDED_BACK,
        "the outreach session has not started yet" => msg::REASON_THE_OUTREACH_SESSION_HAS_NOT_STARTED,
        "the outreach session is over; an officer of the centre records a late entry" => {
            msg::REASON_THE_OUTREACH_SESSION_IS_OVER_AN
        }
        "a late entry needs its reason" => msg::REASON_A_LATE_ENTRY_NEEDS_ITS_REASON,
        "this role does not receive for outreach sessions" => msg::REASON_THIS_ROLE_DOES_NOT_RECEIVE_FOR,
        "this procedure's time limit is in the catalogue" => msg::REASON_THIS_PROCEDURE_S_TIME_LIMIT_IS,
        "only a desk states a time limit" => msg::REASON_ONLY_A_DESK_STATES_A_TIME,
        "must be a number above 0 and at most 365" => msg::REASON_MUST_BE_A_NUMBER_ABOVE_0_AND,
        "the catalogue gives no time limit for this procedure: state the one the province published" => {
            msg::REASON_THE_CATALOGUE_GIVES_NO_TIME_LIMIT
        }
        "name the documents handed in" => msg::REASON_NAME_THE_DOCUMENTS_HANDED_IN,
        _ => return None,
    })
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
    fn reasons_are_translated_or_left_in_english() {
        assert_eq!(reason(Locale::Vi, "is required"), "là bắt buộc");
        assert_eq!(reason(Locale::En, "is required"), "is required");
        assert_eq!(reason(Locale::Ar, "is required"), "مطلوب");
        assert_eq!(reason(Locale::Vi, "no such reason"), "no such reason");
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
