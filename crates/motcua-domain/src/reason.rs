//! Why a value is refused: one variant per reason, so a reason is an id the
//! web crate turns into a sentence in the user's language (every variant has
//! its message there, or that crate does not compile). The English wording
//! here is for logs and the command line; the English resources say the same.

use std::fmt;

/// Declares [`Reason`]: its fixed reasons with their English wording, then
/// the reasons that carry a value, with a format string for it.
macro_rules! reasons {
    (
        fixed { $($fixed:ident = $english:literal,)* }
        carrying { $($(#[$doc:meta])* $carrying:ident = $format:literal,)* }
    ) => {
        /// Why a value is refused.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Reason {
            $($fixed,)*
            $($(#[$doc])* $carrying(String),)*
        }

        impl Reason {
            /// Every reason that carries no value, for translation tests.
            pub const FIXED: &[Reason] = &[$(Reason::$fixed,)*];
        }

        impl fmt::Display for Reason {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(Reason::$fixed => f.write_str($english),)*
                    $(Reason::$carrying(value) => write!(f, $format, value),)*
                }
            }
        }
    };
}

reasons! {
    fixed {
        DaysUpTo3650 = "must be a number above 0 and at most 3650",
        PeriodAtMostTenYears = "a period is at most ten years",
        CompareIdentityCardFirst = "compare the identity card with the person first",
        NumberClaimedBySeveralAccounts = "several accounts claim this number with this phone: the holder should sign in to the one they use",
        PeriodStartsAfterToday = "a period cannot start after today",
        BeforePeriodStart = "must not be before the start of the period",
        ProvinceOrCommuneCode = "a province (2 digits) or commune (5 digits) code",
        DateLike20260131 = "a date such as 2026-01-31",
        Between0And100 = "between 0 and 100",
        RateUpTo100Percent = "a rate above 0 and at most 100 %",
        OneOfTheMeasures = "one of on_time, online, e_payment, digitised, reuse, e_result, satisfaction",
        NameAProvince = "name at least one province",
        ProvinceNeedsAgencies = "each province needs agencies and a service centre: seed the demo or add them first",
        MonthsWhole = "months must be a whole number",
        OtherUnitHasNoDueDate = "OTHER has its rule only in text; no due date can be computed",
        ExpectedAgencyKind = "expected province, commune, ministry or other",
        PagesCountFrom1 = "pages count from 1",
        Between1And100 = "between 1 and 100",
        AtMost200Characters = "at most 200 characters",
        ExpectedTwoDigits = "expected two digits, e.g. 01",
        ExpectedProcedureCode = "expected a code such as 1.004194",
        ExpectedInstant = "expected an RFC 3339 instant such as 2025-11-03T08:00:00+07:00",
        ExpectedNumber = "expected a number",
        Required = "is required",
        ExpectedDate = "expected a date YYYY-MM-DD",
        WithinAYearFrom = "must be on or after from, within a year",
        IdNumberEmpty = "is empty; enter the 12 digits of the personal identification number",
        IdNumberNotDigits = "may contain only digits, optionally grouped with spaces, dots or dashes",
        IdNumberLength = "must have exactly 12 digits",
        IdNumberProvince = "does not start with a province code; the first three digits are the province where the birth was registered",
        IdNumberFutureBirthYear = "gives a birth year that has not come yet; the fourth digit is the century and the fifth and sixth the year",
        ExpectedPhone = "expected a phone number of 10 digits starting with 0",
        ExpectedEmail = "expected an email address such as ten@example.vn",
        PasswordTooShort = "must have at least 8 characters",
        PostalAddressIncomplete = "a postal address needs street, commune and province",
        ChooseCase = "choose the case that fits you",
        ChooseSettlingAgency = "choose the agency that will settle the dossier",
        ChooseListedAgency = "choose an agency from the list",
        AgencyDoesNotSettle = "this agency does not settle this procedure",
        NotACaseOfProcedure = "not a case of this procedure",
        WriteWhereYouLive = "write where you live: street, commune and province",
        SayWhatYouAskFor = "say briefly what you ask for",
        AttachEveryRequired = "attach every required document",
        AttachOne = "attach at least one document",
        ChooseDelivery = "choose how to receive the result",
        ChooseCollectionPoint = "choose the service point to collect the result at",
        SubmittedAlready = "was submitted already",
        ChooseSatisfaction = "choose very satisfied, satisfied or not satisfied",
        TellWhatWasWrong = "tell us what was not right",
        AtMost2000Characters = "must be at most 2,000 characters",
        RatedAfterReturn = "a dossier is rated once its result was returned",
        RatedAlready = "this dossier was rated already",
        UsernameShape = "use 3–40 lower-case letters, digits, '.', '_' or '-'",
        NotInYourProvince = "is not a place of your province",
        WorkingSaturdayNotSaturday = "a working Saturday must be a Saturday",
        NameRequired = "a name is required",
        OnlyOutreachHasDate = "an outreach session, and only it, has a date",
        ScopeCodeShape = "use 1–40 letters, digits, '-' or '_'",
        FeeRange = "must be between 0 and 1,000,000,000 đồng",
        OnlyDeskDecides = "only a desk decides on the spot",
        WorkingHoursUpTo2000 = "must be a number of working hours above 0 and at most 2000",
        NotOnline = "this procedure cannot be submitted online",
        ApplicantPresentAndConsenting = "the applicant must be present and consent",
        NotBoundaryFree = "this procedure is not accepted regardless of boundary here",
        LaterThanDue = "must be later than the current due date",
        NotYourServicePoint = "is not the service point you work at",
        ExpectedTimeUnit = "expected WORKING_DAY, DAY, HOUR, MONTH or SAME_DAY",
        PayThroughService = "pay through the payment service and give its transaction reference",
        ChooseCounterPayment = "choose cash, POS or transfer",
        AmountAsRequested = "must equal the amount requested",
        AtMost100Characters = "at most 100 characters",
        AtMost500Characters = "at most 500 characters",
        RecipientSigns = "the recipient must sign for the result",
        NotHandedBackHere = "this result is not handed back at this point",
        SessionNotStarted = "the outreach session has not started yet",
        SessionOver = "the outreach session is over; an officer of the centre records a late entry",
        LateEntryReason = "a late entry needs its reason",
        RoleNotForOutreach = "this role does not receive for outreach sessions",
        TimeLimitInCatalogue = "this procedure's time limit is in the catalogue",
        OnlyDeskStatesTimeLimit = "only a desk states a time limit",
        DaysUpTo365 = "must be a number above 0 and at most 365",
        StateTheTimeLimit = "the catalogue gives no time limit for this procedure: state the one the province published",
        NameDocumentsHandedIn = "name the documents handed in",
        ScopeNeedsCode = "a scope needs a code",
        SessionStartsBeforeEnd = "a session must start before it ends",
        UnitEndsBeforeBegin = "a unit cannot end before it begins",
        SessionNeeded = "at least one session is needed",
        Between1And200Characters = "between 1 and 200 characters",
        ChannelMismatch = "does not match the channel",
        ComponentCodeNeeded = "each document needs its component code",
        ExpectedHours = "expected HH:MM-HH:MM, separated by commas",
        ExpectedDossierCode = "expected a code such as 000.00.15.H29-251104-0001",
        ExpectedAgencyCode = "expected dot-separated groups of capital letters and digits, e.g. 000.00.15.H29",
        ExpectedFiveDigits = "expected five digits, e.g. 00004",
        ExpectedStep = "expected intake, review, approval, return or done",
        ExpectedChannel = "expected online, counter, postal, agent_point or outreach",
        ExpectedDayKind = "expected statutory, compensatory, swap or working_saturday",
        ExpectedBoolean = "expected true or false",
        NotAnAction = "is not an action",
        PositiveDong = "must be a positive number of đồng",
        InAgencyProvince = "must be in the competent agency's province",
        InDossierProvince = "must be in the dossier's province",
        FirstEventOnly = "only a first event is a submission",
        SequencesFrom1 = "sequences start at 1",
        SessionsInOrder = "sessions must be in order and must not overlap",
        TooManyMonths = "too many months",
        UnitNeedsName = "a unit needs a name",
        DistrictCodeNeeded = "a row without a ward code needs a three-digit district code",
        PayThroughGateway = "pay with the online payment button: the gateway reports the payment",
        StatementAmount = "must be a whole number of đồng above 0",
        StatementTime = "must be a time such as 20261207143000 (Vietnam time) or 2026-12-07T07:30:00Z",
    }
    carrying {
        /// A word that names none of the values the field takes (the word given).
        Unknown = "{} is not one of the values this takes",
        /// Text that cannot be read as what it should be (what the reader said).
        Unreadable = "cannot be read: {}",
        /// A procedure record without a name (the procedure's code).
        ProcedureWithoutName = "procedure {} has no name",
        /// A record a file gives twice (the line that gave it first).
        RepeatedLine = "repeats line {}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_reasons_are_worded_once_each() {
        let mut words: Vec<String> = Reason::FIXED.iter().map(Reason::to_string).collect();
        words.sort();
        let count = words.len();
        words.dedup();
        assert_eq!(words.len(), count, "two reasons say the same");
        assert!(words.iter().all(|w| !w.is_empty() && w.trim() == w));
    }

    #[test]
    fn carrying_reasons_show_their_value() {
        assert_eq!(Reason::Unknown("x".into()).to_string(), "x is not one of the values this takes");
        assert_eq!(Reason::ProcedureWithoutName("1.004194".into()).to_string(), "procedure 1.004194 has no name");
    }
}
