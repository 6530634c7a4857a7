//! Catalogue parsing and versioning against real portal records.

use super::*;

const PORTAL_SAMPLE: &str = r#"{"id":"abc","code":"1.000080","name":"Thủ tục\u00a0đăng ký  nhận cha, mẹ, con",
"category":{"id":"x","name":"Hộ tịch","code":"G15-TP07"},
"isWard":true,"isProvince":false,"isMinistry":false,"isOtherAgency":false,"isFullProcess":false,"isNonTerritorial":true,
"departmentsAuthority":[{"id":"d","name":"Ủy ban Nhân dân\u00a0xã","code":"000.00.UB.003"}],
"executionMethods":[
 {"submissionMethod":"ONLINE","processingTime":7.5,"processingTimeUnit":"WORKING_DAY","fees":[{"type":"FEE","value":15000,"description":"Lệ phí"}]},
 {"submissionMethod":"DIRECT","processingTime":"Theo mô tả","processingTimeUnit":"OTHER","description":"Trong ngày; sau 15 giờ thì ngày làm việc tiếp theo","fees":[{"type":"FEE","value":null}]}],
"executionCases":[{"name":"* Giấy tờ phải nộp:","profileComponents":[{"code":"KQ1","name":"Tờ khai","originalQty":1,"copyQty":"2","required":true,"hasElectronicForm":false,
 "attachments":[{"fileName":"To khai.docx","filePath":"configuring/1/To khai.docx"}]}]}],
"cases":[{"code":"1.000080.01","name":"Trường hợp 1","processingDay":{"qty":12,"type":"WORKING_DAY"}}],
"resultsDetails":[{"code":"KQ.G15","name":"Trích lục"}],
"returningMethods":[{"type":"ONLINE","value":["AT_HOME","ONLINE"]},{"type":"OFFLINE","value":["AT_HOME"]}],
"updatedAt":1776310043145}"#;

#[test]
fn a_portal_record_becomes_a_clean_procedure() {
    let procedure = portal::parse_procedure(PORTAL_SAMPLE).expect("valid record");
    assert_eq!(procedure.code.as_str(), "1.000080");
    assert_eq!(procedure.name, "Thủ tục đăng ký nhận cha, mẹ, con");
    assert_eq!(procedure.field.as_ref().map(|f| f.code.as_str()), Some("G15-TP07"));
    assert!(procedure.levels.commune && !procedure.levels.province);
    assert!(procedure.boundary_free);
    assert_eq!(procedure.competent_agencies[0].name, "Ủy ban Nhân dân xã");
    let online = procedure.channel(SubmissionMethod::Online).expect("online channel");
    assert_eq!(
        online.processing_time,
        StatedTime { amount: Some(7.5), unit: TimeUnit::WorkingDay, text: String::new() }
    );
    assert_eq!(online.fees[0].amount_dong, Some(15000));
    let direct = procedure.channel(SubmissionMethod::Direct).expect("direct channel");
    assert_eq!(direct.processing_time.amount, None);
    assert_eq!(direct.processing_time.unit, TimeUnit::Other);
    assert_eq!(direct.processing_time.text, "Theo mô tả");
    assert_eq!(direct.fees[0].amount_dong, None);
    let component = &procedure.component_groups[0].components[0];
    assert_eq!((component.originals, component.copies, component.required), (1, 2, true));
    assert_eq!(component.forms[0].file_name, "To khai.docx");
    assert_eq!(procedure.cases[0].processing_time.as_ref().and_then(|t| t.amount), Some(12.0));
    assert_eq!(procedure.return_methods, vec!["AT_HOME", "ONLINE"]);
    assert!(procedure.accepts_online());
}

#[test]
fn broken_records_are_refused_with_a_reason() {
    assert!(portal::parse_procedure("not json").is_err());
    assert!(portal::parse_procedure(r#"{"code":"","name":"x"}"#).is_err());
    assert!(portal::parse_procedure(r#"{"code":"1.1","name":" "}"#).is_err());
    assert!(
        portal::parse_procedure(r#"{"code":"1.1","name":"x","executionMethods":[{"submissionMethod":"FAX"}]}"#)
            .is_err()
    );
    assert!(portal::parse_procedure(r#"{"code":"1.1","name":"x","executionMethods":[{"submissionMethod":"ONLINE","processingTimeUnit":"WEEK"}]}"#).is_err());
}

#[test]
fn the_content_hash_ignores_nothing_but_changes_with_content() {
    let a = portal::parse_procedure(PORTAL_SAMPLE).expect("valid");
    let b = portal::parse_procedure(&PORTAL_SAMPLE.replace("1776310043145", "1800000000000")).expect("valid");
    assert_eq!(a.content_hash(), b.content_hash(), "the source timestamp is not content");
    let c = portal::parse_procedure(&PORTAL_SAMPLE.replace("15000", "20000")).expect("valid");
    assert_ne!(a.content_hash(), c.content_hash());
}

#[test]
fn versions_are_created_skipped_or_bumped() {
    assert_eq!(decide_version(None, "h1"), VersionDecision::Create);
    assert_eq!(decide_version(Some((3, "h1")), "h1"), VersionDecision::Unchanged);
    assert_eq!(decide_version(Some((3, "h1")), "h2"), VersionDecision::NewVersion(4));
}

#[test]
fn catalogue_rows_have_no_details() {
    let row = r#"{"id":"1","name":"Thủ tục Hỗ trợ doanh nghiệp","code":"3.000616","categories":["Công nghiệp"],"departments":["Sở Khoa học và Công nghệ"],"state":"ACTIVE"}"#;
    let summary = portal::parse_catalogue_row(row).expect("valid row");
    assert!(!summary.has_details);
    assert_eq!(summary.field.map(|f| f.name), Some("Công nghiệp".to_owned()));
    assert_eq!(summary.agencies, vec!["Sở Khoa học và Công nghệ"]);
}

#[test]
fn search_text_is_folded_and_covers_code_name_field_and_agencies() {
    let summary = portal::parse_procedure(PORTAL_SAMPLE).expect("valid").summary();
    let text = summary.search_text();
    assert!(text.contains("1 000080"));
    assert!(text.contains("dang ky nhan cha me con"));
    assert!(text.contains("ho tich"));
    assert!(text.contains("uy ban nhan dan xa"));
}

#[test]
fn catalogue_queries_are_validated() {
    let query = CatalogueQuery::new(Some("Đăng ký tạm trú"), Some("commune"), None, Some(2), None).expect("valid");
    assert_eq!(query.terms, vec!["dang", "ky", "tam", "tru"]);
    assert_eq!(query.level, Some(Level::Commune));
    assert_eq!(query.offset(), 20);
    assert!(CatalogueQuery::new(None, Some("planet"), None, None, None).is_err());
    assert!(CatalogueQuery::new(None, None, None, Some(0), None).is_err());
    assert!(CatalogueQuery::new(None, None, None, None, Some(101)).is_err());
    assert!(CatalogueQuery::new(Some(&"a".repeat(201)), None, None, None, None).is_err());
}

#[test]
fn agencies_fit_a_procedure_by_level_and_police() {
    use crate::organisation::AgencyKind::*;
    let procedure = portal::parse_procedure(PORTAL_SAMPLE).expect("valid record");
    assert!(procedure.fits_agency(CommunePeoplesCommittee));
    assert!(!procedure.fits_agency(ProvincialDepartment), "a commune-level procedure");
    assert!(!procedure.fits_agency(CommunePolice), "not a police procedure");
    let police = portal::parse_procedure(&PORTAL_SAMPLE.replace("Ủy ban Nhân dân\\u00a0xã", "Công an cấp Xã"))
        .expect("valid record");
    assert!(police.fits_agency(CommunePolice));
    assert!(!police.fits_agency(CommunePeoplesCommittee));
}

#[test]
fn a_unit_setting_replaces_time_fee_and_boundary() {
    use crate::clock::ProcessingTime;
    let mut procedure = portal::parse_procedure(PORTAL_SAMPLE).expect("valid record");
    let setting = ProcedureSetting {
        unit_code: "00004".into(),
        procedure_code: "1.000080".into(),
        enabled: true,
        boundary_free: Some(false),
        processing: Some(ProcessingTime { amount: 3.0, unit: TimeUnit::WorkingDay }),
        fee_dong: Some(5000),
        review_hours: Some(16.0),
        approval_hours: None,
    };
    setting.validate().expect("valid");
    setting.apply(&mut procedure);
    assert!(!procedure.boundary_free);
    assert!(
        procedure.channels.iter().all(|c| c.processing_time.amount == Some(3.0) && c.fees[0].amount_dong == Some(5000))
    );
    assert!(procedure.cases.iter().all(|c| c.processing_time.is_none()), "the unit's time wins over the cases'");
    assert_eq!(
        setting.step_time(crate::dossier::Step::Review),
        Some(ProcessingTime { amount: 16.0, unit: TimeUnit::Hour })
    );
    assert_eq!(setting.step_time(crate::dossier::Step::Approval), None);
    assert!(ProcedureSetting { review_hours: Some(0.0), ..setting.clone() }.validate().is_err());
    let wrong = ProcedureSetting { fee_dong: Some(-1), ..setting.clone() };
    assert!(wrong.validate().is_err());
    let unbounded =
        ProcedureSetting { processing: Some(ProcessingTime { amount: 0.0, unit: TimeUnit::Day }), ..setting };
    assert!(unbounded.validate().is_err());
}

#[test]
fn a_catalogue_entry_is_received_with_only_what_it_gives() {
    use crate::organisation::AgencyKind::*;
    let row = r#"{"id":"1","name":"Thủ tục Hỗ trợ doanh nghiệp","code":"3.000616","categories":["Công nghiệp"],"departments":["Sở Khoa học và Công nghệ"],"state":"ACTIVE"}"#;
    let version = ProcedureVersion::from_catalogue_entry(&portal::parse_catalogue_row(row).expect("valid row"));
    assert!(version.is_catalogue_entry());
    assert_eq!((version.code.as_str(), version.procedure.name.as_str()), ("3.000616", "Thủ tục Hỗ trợ doanh nghiệp"));
    let procedure = &version.procedure;
    assert!(!procedure.accepts_online(), "the entry marks no channel, so no online submission");
    assert!(procedure.component_groups.is_empty() && procedure.legal_bases.is_empty());
    assert!(procedure.fits_agency(ProvincialDepartment) && procedure.fits_agency(CommunePeoplesCommittee));
    assert!(!procedure.fits_agency(CommunePolice), "not named a police procedure");
    let police = r#"{"id":"2","name":"Thủ tục X","code":"1.000001","categories":[],"departments":["Công an cấp Xã"]}"#;
    let police = ProcedureVersion::from_catalogue_entry(&portal::parse_catalogue_row(police).expect("valid row"));
    assert!(police.procedure.fits_agency(CommunePolice) && !police.procedure.fits_agency(CommunePeoplesCommittee));
}
