//! Where and how a dossier may arrive: the channel the procedure offers, the
//! service point that may take it (any centre of the province for a
//! procedure accepted regardless of boundary, phi địa giới), and the case it
//! is for.

use super::Channel;
use crate::catalogue::Procedure;
use crate::organisation::{Agency, ServicePoint, ServicePointKind};
use crate::{DomainError, Reason};

/// Whether `point` may take a dossier of `procedure` for `agency`: a commune
/// centre takes another commune's dossier only for a procedure accepted
/// regardless of boundary; province centres, agent points and outreach
/// sessions take any of their province's.
pub fn receivable_at(procedure: &Procedure, point: &ServicePoint, agency: &Agency) -> bool {
    point.kind != ServicePointKind::CommuneCentre || point.unit_code == agency.unit_code || procedure.boundary_free
}

/// Checks that a dossier of `procedure`, for `agency`, may arrive by
/// `channel` at `point`.
pub fn check_reception(
    procedure: &Procedure,
    channel: Channel,
    point: &ServicePoint,
    agency: &Agency,
) -> Result<(), DomainError> {
    if channel == Channel::Online && !procedure.accepts_online() {
        return Err(DomainError::invalid("channel", Reason::NotOnline));
    }
    if point.province_code != agency.province_code {
        return Err(DomainError::invalid("service_point", Reason::InAgencyProvince));
    }
    if !receivable_at(procedure, point, agency) {
        return Err(DomainError::invalid("service_point", Reason::NotBoundaryFree));
    }
    let fits = match channel {
        Channel::AgentPoint => matches!(point.kind, ServicePointKind::BankAgent | ServicePointKind::PostOfficeAgent),
        Channel::Outreach => point.kind == ServicePointKind::OutreachSession,
        Channel::Online | Channel::Counter | Channel::Postal => true,
    };
    if !fits {
        return Err(DomainError::invalid("service_point", Reason::ChannelMismatch));
    }
    Ok(())
}

/// The case a dossier is for: the one asked for, which must be a case of
/// the procedure, else its first case (none when it has no cases).
pub fn case_code(procedure: &Procedure, requested: Option<&str>) -> Result<String, DomainError> {
    match requested {
        Some(code) if !procedure.cases.iter().any(|c| c.code == code) => {
            Err(DomainError::invalid("case_code", Reason::NotACaseOfProcedure))
        }
        Some(code) => Ok(code.to_owned()),
        None => Ok(procedure.cases.first().map(|c| c.code.clone()).unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::portal;
    use crate::organisation::{AgencyCode, AgencyKind};

    /// A commune-level procedure with an online channel and one case.
    const RECORD: &str = r#"{"id":"r","code":"1.000080","name":"Đăng ký nhận cha, mẹ, con",
        "isWard":true,"isNonTerritorial":false,
        "departmentsAuthority":[{"name":"Ủy ban Nhân dân xã","code":"UB"}],
        "executionMethods":[{"submissionMethod":"ONLINE","processingTime":3,"processingTimeUnit":"WORKING_DAY"},
                            {"submissionMethod":"DIRECT","processingTime":5,"processingTimeUnit":"WORKING_DAY"}],
        "cases":[{"code":"1.000080.01","name":"Trường hợp 1"}]}"#;

    fn point(code: &str, kind: ServicePointKind, unit: &str, province: &str) -> ServicePoint {
        ServicePoint {
            code: code.into(),
            name: code.into(),
            kind,
            unit_code: unit.into(),
            province_code: province.into(),
            address: String::new(),
            latitude: None,
            longitude: None,
            working_hours: Default::default(),
            session_date: None,
        }
    }

    #[test]
    fn where_a_dossier_may_arrive() {
        let procedure = portal::parse_procedure(RECORD).expect("record");
        let free = Procedure { boundary_free: true, ..procedure.clone() };
        let offline = Procedure { channels: procedure.channels[1..].to_vec(), ..procedure.clone() };
        let agency = Agency {
            code: AgencyCode::parse("000.00.04.H29").expect("agency"),
            name: "UBND phường Ba Đình".into(),
            kind: AgencyKind::CommunePeoplesCommittee,
            unit_code: "00004".into(),
            province_code: "01".into(),
        };
        let own = point("HN-BADINH", ServicePointKind::CommuneCentre, "00004", "01");
        let other = point("HN-HOANKIEM", ServicePointKind::CommuneCentre, "00070", "01");
        let centre = point("HN-TTHCC", ServicePointKind::ProvinceCentre, "01", "01");
        let bank = point("HN-BANK", ServicePointKind::BankAgent, "00070", "01");
        let session = point("HN-SESSION", ServicePointKind::OutreachSession, "00070", "01");
        let far = point("HUE-TTHCC", ServicePointKind::ProvinceCentre, "46", "46");
        let field = |r: Result<(), DomainError>| match r {
            Err(DomainError::InvalidValue { field, .. }) => Some(field),
            Err(other) => panic!("{other:?}"),
            Ok(()) => None,
        };
        let cases: [(&Procedure, Channel, &ServicePoint, Option<&str>); 10] = [
            (&procedure, Channel::Online, &own, None),
            (&offline, Channel::Online, &own, Some("channel")),
            (&procedure, Channel::Counter, &other, Some("service_point")),
            (&free, Channel::Counter, &other, None),
            (&procedure, Channel::Counter, &centre, None),
            (&procedure, Channel::Counter, &far, Some("service_point")),
            (&procedure, Channel::AgentPoint, &bank, None),
            (&procedure, Channel::AgentPoint, &own, Some("service_point")),
            (&procedure, Channel::Outreach, &session, None),
            (&procedure, Channel::Outreach, &bank, Some("service_point")),
        ];
        for (procedure, channel, point, expected) in cases {
            let got = field(check_reception(procedure, channel, point, &agency));
            assert_eq!(got, expected, "{} at {}", channel.as_str(), point.code);
        }
        assert!(!receivable_at(&procedure, &other, &agency) && receivable_at(&free, &other, &agency));
    }

    #[test]
    fn a_case_is_one_of_the_procedures_or_its_first() {
        let procedure = portal::parse_procedure(RECORD).expect("record");
        assert_eq!(case_code(&procedure, None), Ok("1.000080.01".to_owned()));
        assert_eq!(case_code(&procedure, Some("1.000080.01")), Ok("1.000080.01".to_owned()));
        assert!(case_code(&procedure, Some("9.999")).is_err());
        let without = Procedure { cases: Vec::new(), ..procedure };
        assert_eq!(case_code(&without, None), Ok(String::new()));
    }
}
