//! The public API against the real `motcua` binary serving a freshly
//! seeded database, on SQLite and on PostgreSQL: health, units, the
//! catalogue, the calendar and due dates, problems, and re-imports.

use serde_json::Value;

use crate::support::{self, TestServer, on_both_backends, run_cli};

on_both_backends!(
    health,
    units,
    catalogue_search,
    procedure_details,
    calendar,
    due_dates,
    problems,
    reimport_changes_nothing_and_a_changed_record_is_a_new_version,
    the_calendar_command_and_the_api_agree,
);

async fn health(server: &TestServer) {
    let (status, body) = server.get("/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
}

async fn units(server: &TestServer) {
    let (status, body) = server.get("/api/v1/units/provinces").await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 34, "34 provinces since 1 July 2025");
    let provinces = body["items"].as_array().expect("items");
    assert_eq!(provinces[0]["code"], "01");
    assert_eq!(provinces[0]["name"], "Thành phố Hà Nội");
    let mut communes = 0;
    for province in provinces {
        let code = province["code"].as_str().expect("code");
        let (status, body) = server.get(&format!("/api/v1/units/provinces/{code}/communes")).await;
        assert_eq!(status, 200, "communes of {code}");
        communes += body["total"].as_u64().expect("total");
    }
    assert_eq!(communes, 3321, "3,321 communes, wards and special zones");
    let (_, hanoi) = server.get("/api/v1/units/provinces/01/communes").await;
    let ba_dinh = hanoi["items"].as_array().expect("items").iter().find(|c| c["code"] == "00004").expect("Ba Đình");
    assert_eq!(ba_dinh["name"], "Phường Ba Đình", "the 2025 unit, not the ward that had its code before");

    let (status, agencies) = server.get("/api/v1/units/provinces/46/agencies").await;
    assert_eq!(status, 200);
    assert!(agencies["items"].as_array().expect("items").iter().any(|a| a["code"] == "000.89.01.H57"));
    let (status, points) = server.get("/api/v1/units/provinces/01/service-points?near=00376").await;
    assert_eq!(status, 200);
    let points = points["items"].as_array().expect("items");
    assert!(points.len() >= 5);
    assert!(
        points[0]["code"].as_str().expect("code").starts_with("HN-S"),
        "Sóc Sơn's own points come first: {points:?}"
    );
    let distances: Vec<f64> = points.iter().map(|p| p["distance_km"].as_f64().expect("distance")).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first: {distances:?}");
    let (status, _) = server.get("/api/v1/units/provinces/01/service-points?near=19753").await;
    assert_eq!(status, 404, "a commune of another province is not a starting point here");
}

async fn catalogue_search(server: &TestServer) {
    let (status, body) = server.get("/api/v1/procedures?q=dang%20ky%20tam%20tru").await;
    assert_eq!(status, 200);
    assert_eq!(body["items"][0]["code"], "1.004194");
    assert_eq!(body["items"][0]["name"], "Đăng ký tạm trú");
    assert!(body["total"].as_i64().expect("total") >= 3);
    let (_, accented) = server.get("/api/v1/procedures?q=%C4%90%C4%83ng%20k%C3%BD%20t%E1%BA%A1m%20tr%C3%BA").await;
    assert_eq!(accented["items"][0]["code"], "1.004194", "with or without diacritics, the same first answer");
    assert_eq!(accented["total"], body["total"]);

    let (_, all) = server.get("/api/v1/procedures?per_page=1").await;
    // 5,670 rows, but " 1.014325" and "1.014325" are the same code once trimmed.
    assert_eq!(all["total"], 5669, "the whole catalogue is searchable");
    let (_, commune) = server.get("/api/v1/procedures?level=commune&per_page=100").await;
    assert!(commune["items"].as_array().expect("items").iter().all(|p| p["levels"]["commune"] == true));
    let (_, field) = server.get("/api/v1/procedures?field=G01-CA05").await;
    assert!(field["total"].as_i64().expect("total") > 0);
    assert!(field["items"].as_array().expect("items").iter().all(|p| p["field"]["code"] == "G01-CA05"));

    let (_, first) = server.get("/api/v1/procedures?q=ho%20tich&per_page=5&page=1").await;
    let (_, second) = server.get("/api/v1/procedures?q=ho%20tich&per_page=5&page=2").await;
    assert_eq!(first["total"], second["total"]);
    assert_eq!(second["page"], 2);
    assert_ne!(first["items"][0]["code"], second["items"][0]["code"]);
}

async fn procedure_details(server: &TestServer) {
    let (status, body) = server.get("/api/v1/procedures/1.004194").await;
    assert_eq!(status, 200);
    assert_eq!(body["version"], 1);
    let details = &body["details"];
    assert_eq!(details["field"]["code"], "G01-CA05");
    let channels = details["channels"].as_array().expect("channels");
    assert!(channels.iter().any(|c| c["method"] == "ONLINE"));
    assert!(channels.iter().all(|c| c["processing_time"]["unit"].is_string()));

    // Every one of the 502 complete records is there with its details.
    let data = std::fs::read_to_string(support::repository_file("data/procedures/national-portal-502.jsonl"))
        .expect("the built-in data file");
    let mut checked = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let record: Value = serde_json::from_str(line).expect("json");
        let code = record["code"].as_str().expect("code");
        let (status, body) = server.get(&format!("/api/v1/procedures/{code}")).await;
        assert_eq!(status, 200, "{code}");
        assert!(body["details"].is_object(), "{code} has details");
        let components: usize = record["executionCases"]
            .as_array()
            .map(|groups| groups.iter().map(|g| g["profileComponents"].as_array().map_or(0, Vec::len)).sum())
            .unwrap_or(0);
        let imported: usize = body["details"]["component_groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| g["components"].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(imported, components, "{code} keeps every dossier component");
        checked += 1;
    }
    assert_eq!(checked, 502);

    let (status, body) = server.get("/api/v1/procedures/3.000616").await;
    assert_eq!(status, 200, "a catalogue-only entry");
    assert!(body["details"].is_null());
    assert_eq!(body["has_details"], false);
}

async fn calendar(server: &TestServer) {
    let (status, body) = server.get("/api/v1/calendar/2026").await;
    assert_eq!(status, 200);
    assert_eq!((body["year"].as_i64(), body["tet"].as_str()), (Some(2026), Some("2026-02-17")));
    assert_eq!(body["hung_kings"], "2026-04-26");
    let days: Vec<&str> =
        body["days_off"].as_array().expect("days off").iter().map(|d| d["date"].as_str().expect("date")).collect();
    for expected in ["2026-01-01", "2026-01-02", "2026-02-16", "2026-04-27", "2026-08-31", "2026-09-02"] {
        assert!(days.contains(&expected), "{expected} is a day off in 2026");
    }
    let saturdays: Vec<&str> = body["working_saturdays"]
        .as_array()
        .expect("working saturdays")
        .iter()
        .map(|d| d["date"].as_str().expect("date"))
        .collect();
    assert_eq!(saturdays, ["2026-01-10", "2026-08-22"]);
    let (_, vn1985) = server.get("/api/v1/calendar/1985").await;
    assert_eq!(vn1985["tet"], "1985-01-21", "Vietnam's Tết, not China's 20 February");
    for year in [1900, 2100] {
        let (status, body) = server.get(&format!("/api/v1/calendar/{year}")).await;
        assert_eq!(status, 200);
        assert!(body["days_off"].as_array().expect("days").len() >= 9);
    }
    let (status, _) = server.get("/api/v1/calendar/1899").await;
    assert_eq!(status, 400);
}

async fn due_dates(server: &TestServer) {
    let cases = [
        ("2025-11-03T08:00:00%2B07:00", "1", "WORKING_DAY", "2025-11-04T08:00:00+07:00"),
        ("2025-11-03T07:30:00%2B07:00", "1", "WORKING_DAY", "2025-11-03T17:00:00+07:00"),
        ("2025-08-29T16:00:00%2B07:00", "2", "WORKING_DAY", "2025-09-04T16:00:00+07:00"),
        ("2025-11-03T01:00:00Z", "4", "HOUR", "2025-11-03T13:30:00+07:00"),
        ("2025-11-03T09:00:00%2B07:00", "5", "DAY", "2025-11-10T07:30:00+07:00"),
        ("2025-10-31T10:00:00%2B07:00", "1", "MONTH", "2025-12-01T07:30:00+07:00"),
        ("2025-11-03T15:00:00%2B07:00", "1", "SAME_DAY", "2025-11-04T17:00:00+07:00"),
        ("2026-02-13T16:00:00%2B07:00", "1", "WORKING_DAY", "2026-02-23T16:00:00+07:00"),
        ("2026-01-09T16:00:00+07:00", "1", "WORKING_DAY", "2026-01-10T16:00:00+07:00"),
    ];
    for (received_at, amount, unit, expected) in cases {
        let path = format!("/api/v1/calendar/due?received_at={received_at}&amount={amount}&unit={unit}");
        let (status, body) = server.get(&path).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert_eq!(body["due_at"], expected, "{path}");
    }
    let (status, body) = server.get("/api/v1/calendar/due?received_at=2025-11-03T01:00:00Z&unit=SAME_DAY").await;
    assert_eq!((status, body["due_at"].as_str()), (200, Some("2025-11-03T17:00:00+07:00")));
    let (status, body) = server
        .get("/api/v1/calendar/due?received_at=2025-11-08T09:00:00Z&amount=1&unit=HOUR&service_point=HN-SS-OUTREACH")
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["due_at"], "2025-11-10T08:30:00+07:00", "a service point's own sessions");
}

async fn problems(server: &TestServer) {
    let cases = [
        ("/api/v1/calendar/due?amount=1&unit=HOUR", "received_at"),
        ("/api/v1/calendar/due?received_at=yesterday&amount=1&unit=HOUR", "received_at"),
        ("/api/v1/calendar/due?received_at=2025-11-03T08:00:00Z&amount=0&unit=HOUR", "amount"),
        ("/api/v1/calendar/due?received_at=2025-11-03T08:00:00Z&amount=1&unit=WEEK", "unit"),
        ("/api/v1/calendar/due?received_at=2025-11-03T08:00:00Z&amount=1&unit=OTHER", "unit"),
        ("/api/v1/procedures?level=planet", "level"),
        ("/api/v1/procedures?per_page=1000", "per_page"),
        ("/api/v1/procedures?page=x", "page"),
        ("/api/v1/units/provinces/1/communes", "province_code"),
    ];
    for (path, field) in cases {
        let response = server.raw_get(path, Some("vi")).await;
        assert_eq!(response.status, 400, "{path}");
        assert_eq!(response.header("content-type"), "application/problem+json", "{path}");
        let body = response.json();
        assert_eq!(body["field"], field, "{path}");
        assert_eq!(body["lang"], "vi");
        assert!(body["detail"].as_str().expect("detail").starts_with("Giá trị"), "{path}: {body}");
    }
    let response = server.raw_get("/api/v1/units/provinces/99/communes", Some("en")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.json()["detail"], "No province 99 was found.");
    let response = server.raw_get("/api/v1/procedures/9.999999", Some("ar")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("content-language"), "ar");
    let body = response.json();
    assert!(body["detail"].as_str().expect("detail").contains("\u{2066}9.999999\u{2069}"), "codes stay left to right");
    let (status, body) = server.get("/api/v1/procedures?level=planet&lang=en").await;
    assert_eq!(status, 400);
    assert_eq!(body["detail"], "The level is not valid: expected province, commune, ministry or other.");
    let (status, body) = server.get("/no/such/path").await;
    assert_eq!((status, body["type"].as_str()), (404, Some("/problems/not-found")));
    let response = server.exchange(server.client.post(server.url("/api/v1/procedures"))).await;
    assert_eq!(response.status, 405);
    assert_eq!(response.header("content-type"), "application/problem+json");
    let (status, _) = server.get("/bench/trivial").await;
    assert_eq!(status, 404, "benchmark handlers are off unless asked for");
}

async fn reimport_changes_nothing_and_a_changed_record_is_a_new_version(server: &TestServer) {
    let data = support::repository_file("data/procedures/national-portal-502.jsonl");
    let output = run_cli(&server.database_url, &["import", "procedures", data.to_str().expect("utf-8 path")]);
    assert!(output.contains("read 502, created 0, changed 0, unchanged 502"), "{output}");
    let units = support::repository_file("data/admin-units/units-2025.csv");
    let output = run_cli(&server.database_url, &["import", "units", units.to_str().expect("utf-8 path")]);
    assert!(output.contains("changed 0, unchanged 3355"), "{output}");

    let original = std::fs::read_to_string(&data).expect("data");
    let line = original.lines().find(|l| l.contains("\"code\":\"1.004194\"")).expect("record 1.004194");
    let mut record: Value = serde_json::from_str(line).expect("json");
    record["name"] = Value::from("Đăng ký tạm trú (sửa đổi)");
    let changed = record.to_string();
    let port = server.base.rsplit(':').next().unwrap_or("0").to_owned();
    let dir = std::env::temp_dir().join(format!("motcua-reimport-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("changed.jsonl");
    std::fs::write(&file, format!("{changed}\n")).expect("write");
    let output = run_cli(&server.database_url, &["import", "procedures", file.to_str().expect("utf-8 path")]);
    assert!(output.contains("read 1, created 0, changed 1, unchanged 0"), "{output}");
    let (_, body) = server.get("/api/v1/procedures/1.004194").await;
    assert_eq!(body["version"], 2);
    assert_eq!(body["name"], "Đăng ký tạm trú (sửa đổi)");
    assert_eq!(body["versions"].as_array().expect("versions").len(), 2);

    std::fs::write(&file, "{\"code\":\"1.1\",\"name\":\"ok\"}\nnot json\n").expect("write");
    let failure = support::run_cli_expecting_failure(
        &server.database_url,
        &["import", "procedures", file.to_str().expect("path")],
    );
    assert!(failure.contains("line 2"), "a bad file names the line at fault: {failure}");
    let (status, _) = server.get("/api/v1/procedures/1.1").await;
    assert_eq!(status, 404, "a refused file changes nothing");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_calendar_command_prints_the_schedule_once_per_date() {
    let dir = std::env::temp_dir().join(format!("motcua-calendar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/cal.db", dir.display());
    let output = run_cli(&url, &["calendar", "2024"]);
    let lines: Vec<&str> = output.lines().collect();
    assert!(lines.contains(&"2024-02-10\tTết Nguyên Đán"), "{output}");
    assert!(lines.contains(&"2024-04-18\tGiỗ Tổ Hùng Vương"), "{output}");
    assert!(lines.iter().all(|l| l.len() > 11 && l.as_bytes()[10] == b'\t'), "YYYY-MM-DD<TAB>name lines");
    let mut sorted = lines.clone();
    sorted.sort();
    sorted.dedup_by_key(|l| &l[..10]);
    assert_eq!(lines, sorted, "in date order, each date once");
    std::fs::remove_dir_all(&dir).ok();
}

/// `motcua calendar 2026` in an empty folder gives what the API of a running
/// server gives: the official schedule, with the swap of 2 January 2026 for
/// Saturday 10 January, each date once.
async fn the_calendar_command_and_the_api_agree(server: &TestServer) {
    let port = server.base.rsplit(':').next().unwrap_or("0").to_owned();
    let dir = std::env::temp_dir().join(format!("motcua-calendar-empty-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/empty.db", dir.display());
    let output = run_cli(&url, &["calendar", "2026"]);
    std::fs::remove_dir_all(&dir).ok();
    let printed: Vec<(String, String)> = output
        .lines()
        .map(|l| l.split_once('\t').map(|(d, n)| (d.to_owned(), n.to_owned())).expect("date<TAB>name"))
        .collect();
    assert!(printed.contains(&("2026-01-02".to_owned(), "Ngày nghỉ (hoán đổi, làm bù thứ Bảy 10/01/2026)".to_owned())));
    assert!(printed.contains(&("2026-01-10".to_owned(), "Ngày làm việc bù (cho 02/01/2026)".to_owned())));
    for once in ["2026-02-17", "2026-04-26"] {
        assert_eq!(printed.iter().filter(|(d, _)| d == once).count(), 1, "{once} once: {output}");
    }
    let (status, body) = server.get("/api/v1/calendar/2026").await;
    assert_eq!(status, 200);
    assert_eq!(body["source"], "official");
    let mut served: Vec<(String, String)> = ["days_off", "working_saturdays"]
        .iter()
        .flat_map(|list| body[*list].as_array().expect("days").clone())
        .map(|d| (d["date"].as_str().expect("date").to_owned(), d["name"].as_str().expect("name").to_owned()))
        .collect();
    served.sort();
    assert_eq!(printed, served, "the CLI and the API give one answer");
}

#[test]
fn check_config_refuses_a_bad_setting_and_names_it() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_motcua"))
        .arg("check-config")
        .env("MOTCUA_MAX_CONNECTIONS", "many")
        .output()
        .expect("run motcua");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("MOTCUA_MAX_CONNECTIONS"), "{stderr}");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["check-config", "--database", "postgres://app:pa55w0rd@db/motcua"])
        .output()
        .expect("run motcua");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("app:***@db/motcua") && !stdout.contains("pa55w0rd"), "{stdout}");
}
