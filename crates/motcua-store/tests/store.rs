//! The store suite: every test runs on SQLite and on PostgreSQL.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use motcua_domain::calendar::{DayKind, ScheduleSource, SpecialDay, YearSchedule};
use motcua_domain::catalogue::{CatalogueQuery, Level, portal};
use motcua_domain::clock::WorkingHours;
use motcua_domain::organisation::{Agency, AgencyCode, AgencyKind, ServicePoint, ServicePointKind};
use motcua_domain::units::{AdminUnit, UnitLevel, reform_2025_effective_date};
use motcua_store::{OfficerRecord, SavedVersion, Store};
use motcua_testkit::{TestBackend, TestDatabase, postgres_skipped};

/// Runs a test body once per backend, as two separate tests.
macro_rules! on_both_databases {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(motcua_testkit::TestBackend::Sqlite).await;
            }

            #[tokio::test]
            async fn postgres() {
                if motcua_testkit::postgres_skipped() {
                    return;
                }
                super::$name(motcua_testkit::TestBackend::Postgres).await;
            }
        }
    };
}

async fn store(backend: TestBackend) -> (Store, TestDatabase) {
    let database = TestDatabase::create(backend).await;
    let store = Store::connect(&database.url, 8).await.expect("connect");
    store.migrate().await.expect("migrate");
    (store, database)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn commune(code: &str, name: &str, from: NaiveDate, to: Option<NaiveDate>, successor: Option<&str>) -> AdminUnit {
    AdminUnit {
        code: code.into(),
        level: UnitLevel::Commune,
        name: name.into(),
        unit_type: "Phường".into(),
        province_code: "01".into(),
        latitude: Some(21.03),
        longitude: Some(105.83),
        area_km2: None,
        valid_from: from,
        valid_to: to,
        superseded_by: successor.map(str::to_owned),
    }
}

const RECORD: &str = r#"{"id":"r1","code":"1.004194","name":"Đăng ký tạm trú","category":{"name":"Đăng ký, quản lý cư trú","code":"G01-CA05"},
"isWard":true,"isFullProcess":true,"departmentsAuthority":[{"name":"Công an cấp Xã","code":"G01.X"}],
"executionMethods":[{"submissionMethod":"ONLINE","processingTime":3,"processingTimeUnit":"WORKING_DAY","fees":[{"type":"FEE","value":7000}]}]}"#;

async fn migrations_run_twice(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    store.migrate().await.expect("a second migration run changes nothing");
    store.ping().await.expect("ping");
}
on_both_databases!(migrations_run_twice);

async fn units_are_effective_dated(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    let reform = reform_2025_effective_date();
    let mut units = vec![
        commune("00004", "Phường Trúc Bạch", day(1900, 1, 1), Some(reform), Some("00004")),
        commune("00004", "Phường Ba Đình", reform, None, None),
        commune("00008", "Phường Ngọc Hà", reform, None, None),
    ];
    // A null double bound before a real one, in one prepared statement: the
    // case sqlx's Any driver gets wrong on PostgreSQL unless encoded with care.
    units[0].latitude = None;
    units[1].area_km2 = Some(2.97);
    assert_eq!(store.save_units(&units).await.expect("save"), 3);
    assert_eq!(store.save_units(&units).await.expect("save again"), 0, "saving the same units changes nothing");
    assert_eq!(store.count_units(UnitLevel::Commune, day(2025, 6, 30)).await.expect("count"), 1);
    assert_eq!(store.count_units(UnitLevel::Commune, reform).await.expect("count"), 2);
    let before = store.unit(UnitLevel::Commune, "00004", day(2025, 6, 30)).await.expect("read").expect("exists");
    assert_eq!(before.name, "Phường Trúc Bạch");
    let after = store.unit(UnitLevel::Commune, "00004", day(2025, 7, 1)).await.expect("read").expect("exists");
    assert_eq!(after.name, "Phường Ba Đình");
    let history = store.unit_history(UnitLevel::Commune, "00004").await.expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].superseded_by.as_deref(), Some("00004"));
    let communes = store.communes("01", day(2026, 1, 1)).await.expect("communes");
    assert_eq!(communes.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(), ["00004", "00008"]);
    assert_eq!(communes[0].latitude, Some(21.03));
}
on_both_databases!(units_are_effective_dated);

async fn agencies_and_service_points_round_trip(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    let agency = Agency {
        code: AgencyCode::parse("000.00.15.H29").expect("code"),
        name: "Sở Tư pháp".into(),
        kind: AgencyKind::ProvincialDepartment,
        unit_code: "01".into(),
        province_code: "01".into(),
    };
    store.save_agency(&agency).await.expect("save");
    store.save_agency(&agency).await.expect("save again");
    assert_eq!(store.agency("000.00.15.H29").await.expect("read"), Some(agency.clone()));
    assert_eq!(store.agencies("01").await.expect("list"), vec![agency]);
    let point = ServicePoint {
        code: "HN-OUT".into(),
        name: "Chủ nhật hành động".into(),
        kind: ServicePointKind::OutreachSession,
        unit_code: "00376".into(),
        province_code: "01".into(),
        address: "Nhà văn hóa".into(),
        latitude: None,
        longitude: Some(105.8),
        working_hours: WorkingHours::parse("07:30-11:30").expect("hours"),
        session_date: Some(day(2026, 11, 29)),
    };
    store.save_service_point(&point).await.expect("save");
    assert_eq!(store.service_point("HN-OUT").await.expect("read"), Some(point.clone()));
    assert_eq!(store.service_points("01").await.expect("list"), vec![point]);
    assert_eq!(store.service_point("nope").await.expect("read"), None);
}
on_both_databases!(agencies_and_service_points_round_trip);

async fn procedures_are_versioned(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    let first = portal::parse_procedure(RECORD).expect("record");
    let t1 = Utc.with_ymd_and_hms(2026, 7, 18, 0, 0, 0).single().expect("instant");
    assert_eq!(store.save_procedure(&first, t1).await.expect("save"), SavedVersion::Created);
    assert_eq!(store.save_procedure(&first, t1 + Duration::days(1)).await.expect("save"), SavedVersion::Unchanged);
    let changed = portal::parse_procedure(&RECORD.replace("7000", "10000")).expect("record");
    let t2 = t1 + Duration::days(30);
    assert_eq!(store.save_procedure(&changed, t2).await.expect("save"), SavedVersion::NewVersion(2));
    let current = store.current_procedure("1.004194").await.expect("read").expect("exists");
    assert_eq!(current.version, 2);
    assert_eq!(current.procedure, changed);
    let earlier = store.procedure_in_force("1.004194", t1 + Duration::days(2)).await.expect("read").expect("exists");
    assert_eq!((earlier.version, earlier.procedure), (1, first.clone()));
    assert!(store.procedure_in_force("1.004194", t1 - Duration::days(1)).await.expect("read").is_none());
    assert_eq!(store.procedure_versions("1.004194").await.expect("versions").len(), 2);

    // A catalogue row never overwrites a procedure with details.
    let row = portal::parse_catalogue_row(r#"{"code":"1.004194","name":"Tên khác","categories":["X"]}"#).expect("row");
    assert!(!store.save_catalogue_entry(&row).await.expect("save"));
    let hit = store.procedure_summary("1.004194").await.expect("read").expect("exists");
    assert_eq!(hit.summary.name, "Đăng ký tạm trú");
    assert_eq!(hit.current_version, Some(2));
    assert_eq!(store.count_procedures().await.expect("count"), (1, 1));
}
on_both_databases!(procedures_are_versioned);

async fn catalogue_search_folds_ranks_filters_and_pages(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    let t = Utc.with_ymd_and_hms(2026, 7, 18, 0, 0, 0).single().expect("instant");
    store.save_procedure(&portal::parse_procedure(RECORD).expect("record"), t).await.expect("save");
    let rows = [
        r#"{"code":"1.010028","name":"Xóa đăng ký tạm trú","categories":["Đăng ký, quản lý cư trú"]}"#,
        r#"{"code":"1.010040","name":"Khai báo thông tin về cư trú đối với người chưa đủ điều kiện đăng ký thường trú, đăng ký tạm trú","categories":["Đăng ký, quản lý cư trú"]}"#,
        r#"{"code":"2.000001","name":"Cấp giấy phép lái xe","categories":["Đường bộ"]}"#,
        r#"{"code":"2.000002","name":"Đổi giấy phép lái xe","categories":["Đường bộ"]}"#,
    ];
    for row in rows {
        assert!(store.save_catalogue_entry(&portal::parse_catalogue_row(row).expect("row")).await.expect("save"));
    }
    let search = |q: &str| CatalogueQuery::new(Some(q), None, None, None, None).expect("query");
    let page = store.search_procedures(&search("dang ky tam tru")).await.expect("search");
    assert_eq!(page.total, 3);
    let codes: Vec<&str> = page.items.iter().map(|h| h.summary.code.as_str()).collect();
    assert_eq!(codes, ["1.004194", "1.010028", "1.010040"], "exact name first, then shorter names");

    let page = store.search_procedures(&search("GIẤY PHÉP lái xe")).await.expect("search");
    assert_eq!(page.total, 2);
    let page = store.search_procedures(&search("1.004194")).await.expect("search");
    assert_eq!(page.items[0].summary.code.as_str(), "1.004194");
    let page = store.search_procedures(&search("khong co thu tuc nay")).await.expect("search");
    assert_eq!((page.total, page.items.len()), (0, 0));

    let mut by_level = search("dang ky");
    by_level.level = Some(Level::Commune);
    let page = store.search_procedures(&by_level).await.expect("search");
    assert_eq!(page.total, 1, "only the detailed record knows its level");

    let by_field = CatalogueQuery::new(None, None, Some("G01-CA05"), None, None).expect("query");
    assert_eq!(store.search_procedures(&by_field).await.expect("search").total, 1);
    let by_field_name = CatalogueQuery::new(None, None, Some("Đường bộ"), None, None).expect("query");
    assert_eq!(store.search_procedures(&by_field_name).await.expect("search").total, 2);

    // A word still being typed matches the words it begins.
    assert_eq!(store.search_procedures(&search("giay phep lai x")).await.expect("search").total, 2);
    // Words are re-indexed when an entry changes.
    let renamed = r#"{"code":"2.000002","name":"Đổi bằng lái tàu thủy","categories":["Đường thủy"]}"#;
    assert!(store.save_catalogue_entry(&portal::parse_catalogue_row(renamed).expect("row")).await.expect("save"));
    assert_eq!(store.search_procedures(&search("giay phep lai xe")).await.expect("search").total, 1);
    assert_eq!(store.search_procedures(&search("tau thuy")).await.expect("search").total, 1);

    let paged = CatalogueQuery::new(None, None, None, Some(2), Some(2)).expect("query");
    let page = store.search_procedures(&paged).await.expect("search");
    assert_eq!((page.total, page.items.len()), (5, 2));
    let last = CatalogueQuery::new(None, None, None, Some(3), Some(2)).expect("query");
    assert_eq!(store.search_procedures(&last).await.expect("search").items.len(), 1);
}
on_both_databases!(catalogue_search_folds_ranks_filters_and_pages);

async fn year_schedules_replace_and_read_back(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    let schedule = YearSchedule::new(
        2026,
        ScheduleSource::Official,
        vec![
            SpecialDay { date: day(2026, 1, 1), name: "Tết Dương lịch".into(), kind: DayKind::Statutory },
            SpecialDay { date: day(2026, 1, 2), name: "Hoán đổi".into(), kind: DayKind::Swap },
            SpecialDay { date: day(2026, 1, 10), name: "Làm bù".into(), kind: DayKind::WorkingSaturday },
        ],
    );
    assert!(store.save_year_schedule(&schedule).await.expect("save"));
    assert!(!store.save_year_schedule(&schedule).await.expect("save again"), "the same schedule changes nothing");
    assert_eq!(store.year_schedule(2026).await.expect("read"), Some(schedule.clone()));
    assert_eq!(store.year_schedule(2027).await.expect("read"), None);
    let edited = YearSchedule::new(2026, ScheduleSource::Official, schedule.days[..1].to_vec());
    assert!(store.save_year_schedule(&edited).await.expect("edit"));
    assert_eq!(store.year_schedule(2026).await.expect("read"), Some(edited.clone()));
    let other = YearSchedule::new(2025, ScheduleSource::Official, vec![]);
    store.save_year_schedule(&other).await.expect("save");
    assert_eq!(store.year_schedules_between(2025, 2030).await.expect("range"), vec![other, edited]);
    assert_eq!(store.scheduled_years().await.expect("years"), vec![2025, 2026]);
}
on_both_databases!(year_schedules_replace_and_read_back);

async fn officers_are_created_once(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    let officer = OfficerRecord {
        username: "hn.tiepnhan".into(),
        display_name: "Cán bộ tiếp nhận".into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        role: "intake_officer".into(),
        scope_kind: "service_point".into(),
        scope_code: "HN-TTHCC".into(),
        created_at: Utc.with_ymd_and_hms(2026, 11, 22, 1, 2, 3).single().expect("instant"),
    };
    assert!(store.create_officer(&officer).await.expect("create"));
    assert!(!store.create_officer(&officer).await.expect("create again"));
    assert_eq!(store.officer("hn.tiepnhan").await.expect("read"), Some(officer));
}
on_both_databases!(officers_are_created_once);

async fn concurrent_durable_writes_all_land(backend: TestBackend) {
    let (store, _db) = store(backend).await;
    let writers: Vec<_> = (0..64)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.insert_bench_row().await })
        })
        .collect();
    for writer in writers {
        writer.await.expect("task").expect("insert");
    }
    store.set_meta("k", "v1").await.expect("meta");
    store.set_meta("k", "v2").await.expect("meta");
    assert_eq!(store.meta("k").await.expect("meta").as_deref(), Some("v2"));
}
on_both_databases!(concurrent_durable_writes_all_land);

#[test]
fn postgres_is_not_skipped_in_ci() {
    if std::env::var("CI").is_ok() {
        assert!(!postgres_skipped(), "CI must run the store suite on PostgreSQL too");
    }
}

/// An event as the history records it, typed.
fn event_of(record: &motcua_domain::dossier::EventRecord) -> motcua_domain::dossier::Event {
    motcua_domain::dossier::Event::from_record(record).expect("a well-formed event")
}

fn dossier(id: &str) -> (motcua_domain::dossier::Dossier, motcua_domain::dossier::Event) {
    use motcua_domain::access::Applicant;
    use motcua_domain::clock::{ProcessingTime, TimeUnit};
    use motcua_domain::dossier::{
        Channel, Contact, Delivery, Dossier, EventRecord, FormData, GENESIS_HASH, Lifecycle, Status, Step,
        SubmitterKind, chain_hash,
    };
    let now = Utc::now();
    let event = event_of(&EventRecord {
        sequence: 1,
        dossier_id: id.to_owned(),
        at: now.to_rfc3339(),
        actor: "hn.tiepnhan".into(),
        role: "intake_officer".into(),
        service_point: "HN-TTHCC".into(),
        action: "receive".into(),
        from_status: String::new(),
        to_status: "received".into(),
        from_step: String::new(),
        to_step: "review".into(),
        handed_to: String::new(),
        timeliness: String::new(),
        note: String::new(),
        data: r#"{"channel":"counter","consent":true,"identity_checked":true}"#.into(),
    });
    let hash = chain_hash(GENESIS_HASH, &event.record());
    let record = Dossier {
        province_code: "01".into(),
        id: id.to_owned(),
        code: None,
        procedure_code: "1.004194".into(),
        procedure_version: 1,
        case_code: String::new(),
        applicant: Applicant::Account("c1".into()),
        contact: Contact {
            personal_id: "001099012345".into(),
            name: "Công dân".into(),
            phone: "0912345678".into(),
            email: String::new(),
            address: String::new(),
        },
        submitter_kind: SubmitterKind::OfficerAssisted,
        submitter_account: "hn.tiepnhan".into(),
        channel: Channel::Counter,
        service_point: "HN-TTHCC".into(),
        service_point_unit: "01".into(),
        competent_agency: AgencyCode::parse("000.00.15.H29").expect("agency"),
        competent_unit: "01".into(),
        agencies_involved: Vec::new(),
        form: FormData::default(),
        delivery: Delivery::Online,
        fee_dong: 0,
        charges: motcua_domain::dossier::Charges::default(),
        processing: Some(ProcessingTime { amount: 3.0, unit: TimeUnit::WorkingDay }),
        lifecycle: Lifecycle { status: Status::Received, step: Step::Review, supplement_requests: 0, resume_to: None },
        submitted_at: now,
        received_at: Some(now),
        due_at: None,
        paused_at: None,
        step_started_at: now,
        step_due_at: None,
        resolved_at: None,
        returned_at: None,
        result_document: None,
        tracking_number: None,
        paid_online: false,
        late: false,
        event_count: 1,
        last_hash: hash,
        updated_at: now,
    };
    (record, event)
}

#[tokio::test]
async fn a_dossier_reads_back_as_it_was_written() {
    use motcua_domain::dossier::{Delivery, FormData, ReceivedComponent};
    for backend in [TestBackend::Sqlite, TestBackend::Postgres] {
        if backend == TestBackend::Postgres && postgres_skipped() {
            continue;
        }
        let (store, _db) = store(backend).await;
        let (mut record, event) = dossier("typed");
        record.form = FormData {
            request: "Đăng ký tạm trú".into(),
            address: "1 Phố Huế".into(),
            received_components: vec![ReceivedComponent {
                component_code: "TK01".into(),
                name: None,
                original: false,
                count: 2,
            }],
            answers: [("land_parcel".to_owned(), serde_json::json!("Tờ 12"))].into_iter().collect(),
        };
        record.delivery = Delivery::Post { address: "25 Liễu Giai, Ba Đình, Hà Nội".into() };
        record.agencies_involved = vec![AgencyCode::parse("000.00.16.H29").expect("agency")];
        record.paid_online = true;
        // Instants keep the microseconds the store writes.
        let micros = motcua_domain::clock::to_microseconds;
        record.submitted_at = micros(record.submitted_at);
        record.received_at = record.received_at.map(micros);
        record.step_started_at = micros(record.step_started_at);
        record.updated_at = micros(record.updated_at);
        store.create_dossier(&record, &event, None, None, motcua_store::Along::default()).await.expect("create");
        assert_eq!(store.dossier("typed").await.expect("read"), Some(record), "{backend:?}");
        let events = store.dossier_events("01", "typed").await.expect("events");
        assert_eq!(events.iter().map(|e| e.record()).collect::<Vec<_>>(), [event.record()], "{backend:?}");
    }
}

async fn dossier_codes_stay_unique_under_concurrent_receptions(backend: TestBackend) {
    use motcua_store::{CodeRequest, Created};
    let (store, _db) = store(backend).await;
    let agency = AgencyCode::parse("000.00.15.H29").expect("agency");
    let receptions: Vec<_> = (0..300)
        .map(|i| {
            let store = store.clone();
            let request = CodeRequest { agency: agency.clone(), day: day(2025, 11, 4) };
            tokio::spawn(async move {
                let (record, event) = dossier(&format!("d{i:04}"));
                store.create_dossier(&record, &event, Some(&request), None, motcua_store::Along::default()).await
            })
        })
        .collect();
    let mut codes = Vec::new();
    for reception in receptions {
        match reception.await.expect("task").expect("create") {
            Created::New { code: Some(code) } => codes.push(code.to_string()),
            other => panic!("unexpected {other:?}"),
        }
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 300, "every code is distinct");
    assert_eq!(codes.first().map(String::as_str), Some("000.00.15.H29-251104-0001"));
    assert_eq!(codes.last().map(String::as_str), Some("000.00.15.H29-251104-0300"), "no gaps");
    let other_day = CodeRequest { agency, day: day(2025, 11, 5) };
    let (record, event) = dossier("next-day");
    let created = store
        .create_dossier(&record, &event, Some(&other_day), None, motcua_store::Along::default())
        .await
        .expect("create");
    let expected = motcua_domain::dossier::DossierCode::parse("000.00.15.H29-251105-0001").expect("code");
    assert_eq!(created, Created::New { code: Some(expected) }, "numbering restarts each day");
}
on_both_databases!(dossier_codes_stay_unique_under_concurrent_receptions);

async fn a_stale_writer_loses_and_changes_nothing(backend: TestBackend) {
    use motcua_domain::dossier::chain_hash;
    use motcua_store::StoreError;
    let (store, _db) = store(backend).await;
    let (record, event) = dossier("d1");
    store.create_dossier(&record, &event, None, None, motcua_store::Along::default()).await.expect("create");
    let mut next = record.clone();
    next.lifecycle.status = motcua_domain::dossier::Status::Processing;
    next.event_count = 2;
    let second = event_of(&motcua_domain::dossier::EventRecord {
        sequence: 2,
        action: "hand_over".into(),
        data: "{}".into(),
        ..event.record()
    });
    next.last_hash = chain_hash(&record.last_hash, &second.record());
    store.update_dossier(&next, 1, &second, None, motcua_store::Along::default()).await.expect("first writer wins");
    let stale = store.update_dossier(&next, 1, &second, None, motcua_store::Along::default()).await;
    assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
    assert_eq!(store.dossier_events("01", "d1").await.expect("events").len(), 2);
    assert_eq!(store.dossier("d1").await.expect("read").map(|d| d.event_count), Some(2));
}
on_both_databases!(a_stale_writer_loses_and_changes_nothing);

async fn concurrent_retries_with_one_idempotency_key_create_one_dossier(backend: TestBackend) {
    use motcua_store::{Created, IdempotencyClaim};
    let (store, _db) = store(backend).await;
    let retries: Vec<_> = (0..20)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let (record, event) = dossier(&format!("try{i}"));
                let claim =
                    IdempotencyClaim { account_id: "c1".into(), key: "k-1".into(), request_hash: "same-body".into() };
                store.create_dossier(&record, &event, None, Some(&claim), motcua_store::Along::default()).await
            })
        })
        .collect();
    let mut created = 0;
    let mut replayed = std::collections::BTreeSet::new();
    for retry in retries {
        match retry.await.expect("task").expect("create") {
            Created::New { .. } => created += 1,
            Created::Replayed { dossier_id, .. } => {
                replayed.insert(dossier_id);
            }
            Created::KeyReused => panic!("same body"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(replayed.len(), 1, "every retry answers the one dossier");
    let (record, event) = dossier("other-body");
    let claim = IdempotencyClaim { account_id: "c1".into(), key: "k-1".into(), request_hash: "another-body".into() };
    assert_eq!(
        store
            .create_dossier(&record, &event, None, Some(&claim), motcua_store::Along::default())
            .await
            .expect("create"),
        Created::KeyReused
    );
    assert_eq!(store.dossier("other-body").await.expect("read"), None, "a refused retry writes nothing");
}
on_both_databases!(concurrent_retries_with_one_idempotency_key_create_one_dossier);

async fn a_failing_write_fails_alone_among_concurrent_ones(backend: TestBackend) {
    use motcua_store::{CitizenRecord, StoreError};
    let (store, _db) = store(backend).await;
    // Forty writes at once, twenty of them for an account another write also
    // creates: on SQLite many share one commit, and each duplicate must be
    // refused without taking its batch-mates down with it.
    let writes: Vec<_> = (0..40)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let citizen = CitizenRecord {
                    id: format!("c{}", i % 20),
                    personal_id: format!("0010990{:05}", i % 20),
                    full_name: "Công dân".into(),
                    phone: "0912345678".into(),
                    email: String::new(),
                    password_hash: "x".into(),
                    created_at: Utc::now(),
                    verified: None,
                };
                store.create_citizen(&citizen).await
            })
        })
        .collect();
    let (mut created, mut refused) = (0, 0);
    for write in writes {
        match write.await.expect("task") {
            Ok(()) => created += 1,
            Err(StoreError::Duplicate) => refused += 1,
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert_eq!((created, refused), (20, 20));
    for i in 0..20 {
        assert_eq!(store.citizens_by_personal_id(&format!("0010990{i:05}"), 5).await.expect("read").len(), 1);
    }
}
on_both_databases!(a_failing_write_fails_alone_among_concurrent_ones);

async fn one_account_at_most_holds_a_number_verified(backend: TestBackend) {
    use motcua_store::{CitizenRecord, StoreError, Verification};
    let (store, _db) = store(backend).await;
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).single().expect("instant");
    // Eight accounts claim one number; verified at eight counters at once,
    // exactly one holds it.
    for i in 0..8 {
        let citizen = CitizenRecord {
            id: format!("claim-{i}"),
            personal_id: "001095004321".into(),
            full_name: "Người nhận".into(),
            phone: format!("091234567{i}"),
            email: String::new(),
            password_hash: "x".into(),
            created_at: now + Duration::seconds(i),
            verified: None,
        };
        store.create_citizen(&citizen).await.expect("claims may share a number");
    }
    let verifications: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let verification =
                    Verification { at: now, by: format!("officer-{i}"), service_point: "HN-BADINH".into() };
                store.verify_citizen(&format!("claim-{i}"), "identified:001095004321", &verification, "").await
            })
        })
        .collect();
    let mut held = Vec::new();
    for (i, verification) in verifications.into_iter().enumerate() {
        match verification.await.expect("task") {
            Ok(_) => held.push(format!("claim-{i}")),
            Err(StoreError::Duplicate) => {}
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert_eq!(held.len(), 1, "{held:?}");
    let holder = store.verified_citizen("001095004321").await.expect("read").expect("held");
    assert_eq!(vec![holder.id.clone()], held);
    let claims = store.citizens_by_personal_id("001095004321", 20).await.expect("claims");
    assert_eq!((claims.len(), claims[0].id.clone()), (8, holder.id.clone()), "the holder comes first");
    assert_eq!(store.account_events(&holder.id).await.expect("log").len(), 1);
    assert!(store.account_events("claim-99").await.expect("log").is_empty());
}
on_both_databases!(one_account_at_most_holds_a_number_verified);

async fn drafts_belong_to_their_owner_and_freeze_once_submitted(backend: TestBackend) {
    use motcua_store::DraftRecord;
    let (store, _db) = store(backend).await;
    let at = Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).single().expect("instant");
    let mut draft = DraftRecord {
        id: "d1".into(),
        account_id: "citizen-a".into(),
        procedure_code: "1.004194".into(),
        answers: motcua_domain::dossier::DraftAnswers { case_code: "x".into(), ..Default::default() },
        dossier_id: None,
        created_at: at,
        updated_at: at,
    };
    store.save_draft(&draft).await.expect("create");
    draft.answers.case_code = "y".into();
    draft.updated_at = at + Duration::minutes(5);
    store.save_draft(&draft).await.expect("update");
    assert_eq!(store.draft("citizen-a", "d1").await.expect("read"), Some(draft.clone()));
    assert_eq!(store.draft("citizen-b", "d1").await.expect("read"), None, "another account does not see it");
    let stolen = DraftRecord { account_id: "citizen-b".into(), ..draft.clone() };
    assert!(matches!(store.save_draft(&stolen).await, Err(motcua_store::StoreError::Conflict)));
    assert_eq!(store.open_drafts("citizen-a").await.expect("list").len(), 1);

    store.mark_draft_submitted("citizen-a", "d1", "dossier-1").await.expect("submitted");
    assert!(store.open_drafts("citizen-a").await.expect("list").is_empty());
    assert!(matches!(store.save_draft(&draft).await, Err(motcua_store::StoreError::Conflict)), "frozen");
    store.delete_draft("citizen-a", "d1").await.expect("delete is a no-op once submitted");
    let kept = store.draft("citizen-a", "d1").await.expect("read").expect("kept");
    assert_eq!(kept.dossier_id.as_deref(), Some("dossier-1"));
}
on_both_databases!(drafts_belong_to_their_owner_and_freeze_once_submitted);

async fn a_reset_link_works_once_and_queues_its_message(backend: TestBackend) {
    use motcua_store::{CitizenRecord, NotificationRecord, PasswordResetRecord, SessionRecord};
    let (store, _db) = store(backend).await;
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).single().expect("instant");
    store
        .create_citizen(&CitizenRecord {
            id: "c1".into(),
            personal_id: "001190000001".into(),
            full_name: "Người dân".into(),
            phone: "0912345678".into(),
            email: "a@example.vn".into(),
            password_hash: "old".into(),
            created_at: now,
            verified: None,
        })
        .await
        .expect("citizen");
    store
        .create_session(&SessionRecord {
            token_hash: "s1".into(),
            account_kind: "citizen".into(),
            account_id: "c1".into(),
            created_at: now,
            expires_at: now + Duration::hours(1),
        })
        .await
        .expect("session");
    let reset = PasswordResetRecord {
        token_hash: "t1".into(),
        citizen_id: "c1".into(),
        created_at: now,
        expires_at: now + Duration::minutes(30),
    };
    let message = NotificationRecord {
        id: "n1".into(),
        channel: "email".into(),
        recipient: "a@example.vn".into(),
        subject: "Đặt lại mật khẩu".into(),
        body: "link".into(),
        created_at: now,
        sent_at: None,
    };
    store.create_password_reset(&reset, &message).await.expect("reset");
    assert_eq!(store.unsent_notifications(10).await.expect("outbox"), vec![message.clone()]);
    store.mark_notification_sent("n1", now).await.expect("sent");
    assert!(store.unsent_notifications(10).await.expect("outbox").is_empty());

    let late = now + Duration::minutes(31);
    assert!(!store.password_reset_usable("t1", late).await.expect("usable"));
    assert_eq!(store.use_password_reset("t1", late, "new").await.expect("expired"), None);
    assert!(store.password_reset_usable("t1", now).await.expect("usable"));
    assert_eq!(store.use_password_reset("t1", now, "new").await.expect("use"), Some("c1".into()));
    assert_eq!(store.use_password_reset("t1", now, "newer").await.expect("again"), None, "works once");
    assert_eq!(store.citizen("c1").await.expect("read").expect("citizen").password_hash, "new");
    assert_eq!(store.session("s1", now).await.expect("session"), None, "sessions end with the old password");
}
on_both_databases!(a_reset_link_works_once_and_queues_its_message);

async fn a_dossier_is_rated_once(backend: TestBackend) {
    use motcua_store::RatingRecord;
    let (store, _db) = store(backend).await;
    let rating = RatingRecord {
        province_code: "01".into(),
        dossier_id: "x1".into(),
        rating: "satisfied".into(),
        comment: "Nhanh, chu đáo".into(),
        rated_by: "c1".into(),
        rated_at: Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0).single().expect("instant"),
    };
    store.save_rating(&rating).await.expect("rate");
    let again = RatingRecord { rating: "not_satisfied".into(), ..rating.clone() };
    assert!(matches!(store.save_rating(&again).await, Err(motcua_store::StoreError::Duplicate)));
    assert_eq!(store.rating("01", "x1").await.expect("read"), Some(rating));
}
on_both_databases!(a_dossier_is_rated_once);

async fn procedure_settings_round_trip_with_nulls(backend: TestBackend) {
    use motcua_domain::catalogue::ProcedureSetting;
    use motcua_domain::clock::{ProcessingTime, TimeUnit};
    let (store, _db) = store(backend).await;
    let bare = ProcedureSetting {
        unit_code: "01".into(),
        procedure_code: "1.004194".into(),
        enabled: false,
        boundary_free: None,
        processing: None,
        fee_dong: None,
        review_hours: None,
        approval_hours: None,
    };
    store.save_procedure_setting(&bare, "quantri").await.expect("save bare");
    let full = ProcedureSetting {
        unit_code: "00004".into(),
        enabled: true,
        boundary_free: Some(true),
        processing: Some(ProcessingTime { amount: 2.5, unit: TimeUnit::WorkingDay }),
        fee_dong: Some(15_000),
        review_hours: Some(12.5),
        ..bare.clone()
    };
    store.save_procedure_setting(&full, "quantri").await.expect("save full");
    let mut found = store.procedure_settings_for("1.004194", ["01", "00004"]).await.expect("read");
    found.sort_by(|a, b| a.unit_code.cmp(&b.unit_code));
    assert_eq!(found, vec![full.clone(), bare.clone()]);
    let changed = ProcedureSetting { enabled: true, ..bare };
    store.save_procedure_setting(&changed, "quantri").await.expect("replace");
    assert_eq!(store.procedure_settings(10).await.expect("all").len(), 2, "replaced, not added");
}
on_both_databases!(procedure_settings_round_trip_with_nulls);

/// A random history for one dossier: received at some hour of October or
/// November 2026, then a few of supplement, payment, hand-over to another
/// agency, resolution, withdrawal and rating, each written as the app writes
/// a change (row, event and attachments in one write).
async fn random_history(store: &Store, rng: &mut rand::rngs::StdRng, id: &str) {
    use motcua_domain::dossier::{Channel, EventRecord, FormData, ReceivedComponent, Status, chain_hash};
    use motcua_store::{Along, AttachedDocument, RatingRecord};
    use rand::Rng;
    let (mut record, first) = dossier(id);
    let received = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).single().expect("instant")
        + Duration::hours(rng.gen_range(0..61 * 24));
    record.received_at = Some(received);
    record.submitted_at = received;
    record.due_at = rng.gen_bool(0.9).then(|| received + Duration::hours(rng.gen_range(4..15 * 24)));
    record.channel = [Channel::Online, Channel::Counter, Channel::AgentPoint, Channel::Outreach][rng.gen_range(0..4)];
    record.fee_dong = if rng.gen_bool(0.5) { 50_000 } else { 0 };
    record.procedure_code = ["1.004194", "1.001612", "2.000488"][rng.gen_range(0..3)].into();
    let handed_in = (0..rng.gen_range(0..3))
        .map(|i| ReceivedComponent { component_code: format!("c{i}"), name: None, original: true, count: 1 })
        .collect();
    record.form = FormData { received_components: handed_in, ..FormData::default() };
    let document = |component: &str, reused: bool, at| AttachedDocument {
        component_code: component.into(),
        sha256: format!("{:064x}", component.len() + usize::from(reused)),
        file_name: "scan.pdf".into(),
        media_type: "application/pdf".into(),
        size: 10,
        reused,
        added_by: "hn.tiepnhan".into(),
        added_at: at,
    };
    let documents: Vec<AttachedDocument> =
        (0..rng.gen_range(0..3)).map(|i| document(&format!("c{i}"), rng.gen_bool(0.3), received)).collect();
    store
        .create_dossier(&record, &first, None, None, Along { documents: &documents, messages: &[], ..Along::default() })
        .await
        .expect("create");
    let mut at = received;
    for _ in 0..rng.gen_range(0..6) {
        if record.lifecycle.status != Status::Received {
            break;
        }
        at += Duration::hours(rng.gen_range(1..72));
        let (action, role, data) = match rng.gen_range(0..6) {
            0 => {
                record.lifecycle.supplement_requests += 1;
                record.due_at = record.due_at.map(|due| due + Duration::hours(rng.gen_range(0..48)));
                ("request_supplement", "specialist", r#"{"reason":"Bổ sung"}"#)
            }
            1 if rng.gen_bool(0.6) => {
                record.paid_online = true;
                ("pay", "applicant", r#"{"amount_dong":50000,"method":"online","transaction_reference":"GD1"}"#)
            }
            1 => ("pay", "intake_officer", r#"{"amount_dong":50000,"method":"cash","receipt_number":"BL1"}"#),
            2 => {
                record.competent_agency = AgencyCode::parse("000.00.16.H29").expect("agency");
                record.competent_unit = "00004".into();
                ("hand_over", "specialist", "{}")
            }
            3 => {
                record.lifecycle.status = Status::Withdrawn;
                ("withdraw", "applicant", "{}")
            }
            _ => {
                record.lifecycle.status = Status::Resolved;
                record.resolved_at = Some(at);
                record.result_document = rng.gen_bool(0.7).then(|| "ab".repeat(32));
                ("approve", "leader", "{}")
            }
        };
        record.updated_at = at;
        let event = event_of(&EventRecord {
            sequence: record.event_count + 1,
            at: at.to_rfc3339(),
            action: action.into(),
            role: role.into(),
            data: data.into(),
            ..first.record()
        });
        let expected = record.event_count;
        record.event_count += 1;
        record.last_hash = chain_hash(&record.last_hash, &event.record());
        let more = if action == "pay" { vec![document("receipt", false, at)] } else { Vec::new() };
        store
            .update_dossier(
                &record,
                expected,
                &event,
                None,
                Along { documents: &more, messages: &[], ..Along::default() },
            )
            .await
            .expect("update");
    }
    if record.lifecycle.status == Status::Resolved && rng.gen_bool(0.6) {
        let rating = RatingRecord {
            province_code: "01".into(),
            dossier_id: id.into(),
            rating: ["very_satisfied", "satisfied", "not_satisfied"][rng.gen_range(0..3)].into(),
            comment: String::new(),
            rated_by: "c1".into(),
            rated_at: at + Duration::hours(1),
        };
        store.save_rating(&rating).await.expect("rate");
    }
}

async fn the_running_tally_equals_a_rebuild_on_random_histories(backend: TestBackend) {
    use motcua_domain::indicators::{Measures, measures_from, period_of_days, tally};
    use motcua_store::IndicatorFilter;
    use rand::{Rng, SeedableRng};
    let (store, _db) = store(backend).await;
    for seed in 0..4u64 {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        for n in 0..30 {
            random_history(&store, &mut rng, &format!("s{seed}-{n:02}")).await;
        }
        let (running_cells, running_facts) =
            (store.indicator_cells().await.expect("cells"), store.measure_records().await.expect("facts"));
        assert!(!running_cells.is_empty());
        let rebuilt = store.rebuild_indicators().await.expect("rebuild");
        assert_eq!(rebuilt.dossiers, running_facts.len() as u64);
        assert_eq!(store.indicator_cells().await.expect("cells"), running_cells, "seed {seed}: cells");
        assert_eq!(store.measure_records().await.expect("facts"), running_facts, "seed {seed}: facts");
        // And the figures of random periods equal the formulas over every
        // dossier, judged "now": some time after the last thing happened,
        // which may fall before a period's end.
        let last_event = running_facts
            .iter()
            .flat_map(|r| [r.facts.received_at, r.facts.resolved_at])
            .flatten()
            .max()
            .expect("something happened");
        for _ in 0..5 {
            let from = day(2026, 10, 1) + chrono::Days::new(rng.gen_range(0..60));
            let to = from + chrono::Days::new(rng.gen_range(0..45));
            let now = last_event + Duration::hours(rng.gen_range(0..24 * 40));
            let period = period_of_days(from, to).judged_at(now);
            let mut expected = Measures::default();
            for record in &running_facts {
                tally(&mut expected, &record.facts, &period);
            }
            let tallied = store.tally(&IndicatorFilter::default(), from, to, now, None).await.expect("tally");
            assert_eq!(tallied.len(), 1);
            assert_eq!(measures_from(&tallied[0].cells, &tallied[0].open), expected, "seed {seed}: {from}..{to}");
        }
    }
}
on_both_databases!(the_running_tally_equals_a_rebuild_on_random_histories);

fn upload_record(owner: &str, sha: &str, size: i64, origin: &str) -> motcua_store::DocumentRecord {
    motcua_store::DocumentRecord {
        owner_id: owner.to_owned(),
        sha256: sha.repeat(64),
        file_name: "giay-to.pdf".to_owned(),
        media_type: "application/pdf".to_owned(),
        size,
        origin: origin.to_owned(),
        dossier_code: None,
        created_at: Utc::now(),
    }
}

async fn uploads_stop_at_the_quota(backend: TestBackend) {
    use motcua_store::SavedUpload::{AlreadyThere, OverQuota, Saved};
    let (store, _db) = store(backend).await;
    let quota = Some(1_000);
    let save = |record: motcua_store::DocumentRecord| {
        let store = store.clone();
        async move { store.save_upload(&record, quota).await.expect("save") }
    };
    assert_eq!(save(upload_record("citizen-a", "a", 600, "upload")).await, Saved);
    assert_eq!(save(upload_record("citizen-a", "a", 600, "upload")).await, AlreadyThere, "the same content is free");
    assert_eq!(save(upload_record("citizen-a", "b", 401, "upload")).await, OverQuota);
    assert_eq!(save(upload_record("citizen-a", "b", 400, "upload")).await, Saved, "up to the quota exactly");
    assert_eq!(save(upload_record("citizen-b", "c", 900, "upload")).await, Saved, "each owner has their own");
    // Results received do not count against it.
    store.save_document(&upload_record("citizen-a", "d", 5_000, "result")).await.expect("a result");
    assert_eq!(store.upload_usage("citizen-a").await.expect("usage"), 1_000);
    assert!(store.document_referenced(&"b".repeat(64)).await.expect("referenced"));

    store.delete_document("citizen-a", &"b".repeat(64)).await.expect("delete");
    assert_eq!(store.upload_usage("citizen-a").await.expect("usage"), 600);
    assert!(!store.document_referenced(&"b".repeat(64)).await.expect("referenced"));
    assert_eq!(store.save_upload(&upload_record("citizen-a", "e", 999, "upload"), None).await.expect("save"), Saved);
}
on_both_databases!(uploads_stop_at_the_quota);

async fn a_payment_order_settles_once_and_its_refund_is_made_once(backend: TestBackend) {
    use motcua_domain::dossier::chain_hash;
    use motcua_domain::payments::StatementLine;
    use motcua_domain::payments::{Gateway, GatewayReport, OrderStatus, PaymentOrder, Settlement};
    use motcua_store::{Along, CallKind, PaymentCall, StoreError};
    let (store, _db) = store(backend).await;
    let (record, event) = dossier("d1");
    store.create_dossier(&record, &event, None, None, Along::default()).await.expect("create");
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).single().expect("instant");
    let order = PaymentOrder::new("o1".into(), ("01", "d1"), "c1", Gateway::Vnpay, 50_000, now);
    store.create_payment_order(&order).await.expect("order");
    assert!(store.create_payment_order(&order).await.is_err(), "an order id is unique");
    assert_eq!(store.payment_order("o1").await.expect("read"), Some(order.clone()));
    let expired_by = |at| store.pending_orders_expired_before(at, 10);
    assert!(expired_by(order.expires_at).await.expect("pending").is_empty(), "not expired yet");
    let late = expired_by(order.expires_at + Duration::seconds(1)).await.expect("pending");
    assert_eq!(late, vec![order.clone()], "pending and expired");

    let report = GatewayReport {
        order_id: "o1".into(),
        amount_dong: 50_000,
        paid: true,
        transaction_no: "14000001".into(),
        bank_code: "NCB".into(),
        response_code: "00".into(),
    };
    let Settlement::Paid(paid) = order.settle(&report, now + Duration::minutes(2)) else { panic!("paid") };
    let refund = paid.refund_requested("withdrawn").expect("refundable");
    let call = PaymentCall {
        id: "call1".into(),
        order_id: "o1".into(),
        kind: CallKind::Refund,
        amount_dong: 50_000,
        reason: "withdrawn".into(),
        created_at: now,
        attempts: 0,
        next_attempt_at: now,
        last_error: String::new(),
    };
    let mut next = record.clone();
    next.event_count = 2;
    let second = event_of(&motcua_domain::dossier::EventRecord {
        sequence: 2,
        action: "pay".into(),
        data: r#"{"amount_dong":50000,"method":"online","transaction_reference":"o1 / 14000001"}"#.into(),
        ..event.record()
    });
    next.last_hash = chain_hash(&record.last_hash, &second.record());
    let settled = [(refund.clone(), OrderStatus::Pending)];
    let along = |orders| Along { orders, calls: std::slice::from_ref(&call), ..Along::default() };
    store.update_dossier(&next, 1, &second, None, along(&settled)).await.expect("settled with the dossier");
    assert!(expired_by(now + Duration::days(1)).await.expect("pending").is_empty(), "settled: no longer pending");
    let stored = store.payment_order("o1").await.expect("read").expect("there");
    assert_eq!(stored, refund, "the order is written with the dossier's change");

    // A second report read the order pending too: its whole change is refused.
    let mut later = next.clone();
    later.event_count = 3;
    let third = event_of(&motcua_domain::dossier::EventRecord { sequence: 3, ..second.record() });
    later.last_hash = chain_hash(&next.last_hash, &third.record());
    let again = store.update_dossier(&later, 2, &third, None, along(&settled)).await;
    assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
    assert_eq!(store.dossier_events("01", "d1").await.expect("events").len(), 2, "nothing of it landed");
    assert!(!store.update_payment_order(&refund, OrderStatus::Pending, &[]).await.expect("guarded"), "stale status");

    // The refund call is made by one worker at a time and finished once.
    let lease = Duration::minutes(5);
    let claimed = store.claim_payment_calls(now, lease, 10).await.expect("claim");
    assert_eq!(claimed, vec![call.clone()]);
    assert!(
        store.claim_payment_calls(now + Duration::minutes(1), lease, 10).await.expect("claim").is_empty(),
        "leased"
    );
    store.retry_payment_call("call1", "gateway down", now + Duration::minutes(10)).await.expect("retry");
    assert!(
        store.claim_payment_calls(now + Duration::minutes(9), lease, 10).await.expect("claim").is_empty(),
        "not due"
    );
    let retried = store.claim_payment_calls(now + Duration::minutes(10), lease, 10).await.expect("claim");
    assert_eq!((retried[0].attempts, retried[0].last_error.as_str()), (1, "gateway down"));
    store.finish_payment_call("call1", &refund, now + Duration::minutes(11), "").await.expect("finish");
    assert!(store.claim_payment_calls(now + Duration::hours(1), lease, 10).await.expect("claim").is_empty(), "done");

    // Statement lines are kept once however often a statement is imported.
    let line = StatementLine {
        gateway: Gateway::Vnpay,
        order_id: "o1".into(),
        transaction_no: "14000001".into(),
        amount_dong: 50_000,
        paid_at: now + Duration::minutes(2),
        status: "00".into(),
    };
    assert_eq!(store.save_statement_lines(std::slice::from_ref(&line), now).await.expect("save"), 1);
    assert_eq!(store.save_statement_lines(std::slice::from_ref(&line), now).await.expect("save"), 0);
    let day = (now, now + Duration::days(1));
    assert_eq!(store.statement_lines_between(day.0, day.1).await.expect("lines"), vec![line]);
    let settled = store.orders_settled_between("01", day.0, day.1).await.expect("settled");
    assert_eq!(settled.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["o1"]);
    assert_eq!(store.payment_orders_of("01", "d1").await.expect("orders").len(), 1);
}
on_both_databases!(a_payment_order_settles_once_and_its_refund_is_made_once);
