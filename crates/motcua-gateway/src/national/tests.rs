//! Tests of the national platform adapter: recipes read from configuration,
//! the signed redirect, and notifications believed only when their digest
//! covers what the paid rule reads.

use chrono::TimeZone;

use super::*;

const SECRET: &str = "NATIONALSECRET";

fn notification() -> BTreeMap<String, String> {
    [
        ("merchant_code", "000.00.15.H29"),
        ("order_id", "HS-0001"),
        ("amount", "50000"),
        ("result_code", "00"),
        ("transaction_no", "TX99"),
        ("order_info", "Nộp lệ phí | hồ sơ"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

fn recipe(toml_text: &str) -> DigestRecipe {
    toml::from_str(toml_text).expect("a recipe")
}

const FIELDS: &str = r#"fields = ["merchant_code", "order_id", "amount", "result_code", "transaction_no"]"#;

/// Each recipe, the text it hashes and its digest, the digests computed
/// outside this crate with Python's `hmac` and `hashlib`.
#[test]
fn each_recipe_variant_is_its_known_digest() {
    let cases = [
        (
            format!("{FIELDS}\nsecret = \"hmac_key\"\nalgorithm = \"hmac_sha256\""),
            "000.00.15.H29|HS-0001|50000|00|TX99",
            "b9d49259a03725e5796dc99a94fb7e2ad5b15fdfba4a4b84e20b8cf0b00991b1",
        ),
        (
            format!(
                "{FIELDS}\nseparator = \"&\"\nformat = \"name_value\"\nsecret = \"hmac_key\"\n\
                 algorithm = \"hmac_sha512\"\nhex = \"upper\""
            ),
            "merchant_code=000.00.15.H29&order_id=HS-0001&amount=50000&result_code=00&transaction_no=TX99",
            "9533CFE2AF174EE62877332F3947F4C7A07317F792EBECB5404B4BF6A53ACEB8\
             2F078D6B4CD92D393808CD9971EC58523DBF2E7E73CAB66A418818E8A6A2F3D5",
        ),
        (
            format!("{FIELDS}\nsecret = \"append\"\nsecret_separated = true\nalgorithm = \"sha256\""),
            "000.00.15.H29|HS-0001|50000|00|TX99|NATIONALSECRET",
            "093ba84b1dd7526dbae0b4455392b596cc5f87ab2b750282af853087e003bd79",
        ),
        (
            format!("{FIELDS}\nseparator = \"\"\nsecret = \"prepend\"\nalgorithm = \"sha256\"\nhex = \"upper\""),
            "NATIONALSECRET000.00.15.H29HS-00015000000TX99",
            "1481D7B8F190DA843E81FFD042BFD8BADDCEE8129CBB3FDCA2C805BD488B6B85",
        ),
    ];
    for (toml_text, text, digest) in cases {
        let recipe = recipe(&toml_text);
        assert_eq!(recipe.text(SECRET, &notification()), text);
        assert_eq!(recipe.digest(SECRET, &notification()), digest);
        assert!(recipe.verifies(SECRET, &notification(), &digest.to_lowercase()), "either case is read");
        assert!(!recipe.verifies("another", &notification(), digest));
        let mut changed = notification();
        changed.insert("amount".into(), "5000".into());
        assert!(!recipe.verifies(SECRET, &changed, digest));
    }
}

#[test]
fn a_missing_field_keeps_its_place_empty() {
    let recipe = recipe(&format!("{FIELDS}\nsecret = \"hmac_key\"\nalgorithm = \"hmac_sha256\""));
    let mut params = notification();
    params.remove("result_code");
    assert_eq!(recipe.text(SECRET, &params), "000.00.15.H29|HS-0001|50000||TX99");
}

#[test]
fn recipes_that_cannot_be_right_are_refused_when_read() {
    let refused = [
        (
            r#"fields = []
            secret = "hmac_key"
            algorithm = "hmac_sha256""#,
            "at least one field",
        ),
        (
            r#"fields = ["a", "b", "a"]
            secret = "hmac_key"
            algorithm = "hmac_sha256""#,
            "listed twice",
        ),
        (&format!("{FIELDS}\nsecret = \"append\"\nalgorithm = \"hmac_sha512\""), "as its key"),
        (&format!("{FIELDS}\nsecret = \"hmac_key\"\nalgorithm = \"sha256\""), "no key"),
        (&format!("{FIELDS}\nsecret = \"hmac_key\"\nalgorithm = \"md5\""), "unknown variant"),
        (&format!("{FIELDS}\nsecret = \"hmac_key\"\nalgorithm = \"sha256\"\nsalt = \"x\""), "unknown field"),
    ];
    for (text, why) in refused {
        let error = toml::from_str::<DigestRecipe>(text).expect_err(text).to_string();
        assert!(error.contains(why), "{why}: {error}");
    }
}

fn config_json() -> serde_json::Value {
    serde_json::json!({
        "merchant_code": "000.00.15.H29",
        "secret": SECRET,
        "pay_url": "https://thanhtoan.example.gov.vn/pay?channel=web",
        "return_url": "https://dichvucong.example.vn/thanh-toan/ket-qua",
        "redirect_digest": {
            "fields": ["merchant_code", "order_id", "amount", "order_info", "return_url", "created_at", "version"],
            "secret": "hmac_key",
            "algorithm": "hmac_sha256",
        },
        "notification_digest": {
            "fields": ["merchant_code", "order_id", "amount", "result_code", "transaction_no"],
            "secret": "hmac_key",
            "algorithm": "hmac_sha256",
        },
        "fixed": { "version": "1.0" },
    })
}

fn national(config: serde_json::Value) -> National {
    National::new(serde_json::from_value(config).expect("a config")).expect("a valid config")
}

#[test]
fn the_redirect_is_signed_with_its_recipe() {
    let national = national(config_json());
    let created = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).single().expect("instant");
    let payment = Payment {
        order_id: "HS-0001",
        amount_dong: 50_000,
        order_info: "Nộp lệ phí & phí",
        client_ip: "203.0.113.9",
        created_at: created,
        expires_at: created + chrono::Duration::minutes(15),
    };
    let url = national.payment_url(&payment).expect("a URL");
    let (base, query) = url.split_once("?channel=web&").expect("the page's own query kept");
    assert_eq!(base, "https://thanhtoan.example.gov.vn/pay");
    let params: BTreeMap<String, String> =
        form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert_eq!(params["created_at"], "20261201090000", "Vietnam time");
    assert_eq!(params["order_info"], "Nộp lệ phí & phí");
    assert_eq!(params["version"], "1.0");
    let recipe = &national.config().redirect_digest;
    assert_eq!(
        recipe.text(SECRET, &params),
        "000.00.15.H29|HS-0001|50000|Nộp lệ phí & phí|https://dichvucong.example.vn/thanh-toan/ket-qua\
         |20261201090000|1.0"
    );
    assert!(recipe.verifies(SECRET, &params, &params["signature"]));
    assert_eq!(national.payment_url(&Payment { amount_dong: 0, ..payment.clone() }), Err(InvalidPayment::Amount(0)));
    assert_eq!(national.payment_url(&Payment { order_id: "", ..payment }), Err(InvalidPayment::Empty("order_id")));
}

fn signed_query(national: &National, params: &BTreeMap<String, String>) -> String {
    let mut params = params.clone();
    let signature = national.config().notification_digest.digest(SECRET, &params);
    params.insert("signature".into(), signature);
    form_urlencoded::Serializer::new(String::new()).extend_pairs(&params).finish()
}

#[test]
fn a_notification_is_believed_only_as_signed() {
    let national = national(config_json());
    let query = signed_query(&national, &notification());
    let report = national.read_query(&query).expect("believed");
    assert_eq!(
        (report.order_id.as_str(), report.amount_dong, report.paid, report.transaction_no.as_str()),
        ("HS-0001", 50_000, true, "TX99")
    );
    assert_eq!(report.response_code, "00");

    assert_eq!(national.read_query(&query.replace("amount=50000", "amount=5000")), Err(Refused::BadSignature));
    assert_eq!(national.read_query(&query.replace("result_code=00", "result_code=01")), Err(Refused::BadSignature));
    assert_eq!(national.read_query(&format!("{query}&amount=1")), Err(Refused::BadSignature), "a signed field twice");
    assert!(national.read_query(&format!("{query}&note=1&note=2")).is_ok(), "unsigned extras are ignored");
    let unsigned: String = query.split('&').filter(|p| !p.starts_with("signature=")).collect::<Vec<_>>().join("&");
    assert_eq!(national.read_query(&unsigned), Err(Refused::BadSignature));

    let mut other = notification();
    other.insert("merchant_code".into(), "000.00.15.H30".into());
    assert_eq!(
        national.read_query(&signed_query(&national, &other)),
        Err(Refused::Malformed("merchant_code".into())),
        "another agency's notification"
    );
}

#[test]
fn paid_only_when_every_configured_code_matches() {
    let mut config = config_json();
    config["notification_digest"]["fields"] =
        serde_json::json!(["merchant_code", "order_id", "amount", "result_code", "status", "transaction_no"]);
    config["paid_when"] = serde_json::json!([
        { "param": "result_code", "values": ["00", "0"] },
        { "param": "status", "values": ["SUCCESS"] },
    ]);
    let national = national(config);
    for (result, status, paid) in [
        ("00", "SUCCESS", true),
        ("0", "SUCCESS", true),
        ("00", "PENDING", false),
        ("01", "SUCCESS", false),
        ("24", "FAILED", false),
        ("", "SUCCESS", false),
    ] {
        let mut params = notification();
        params.insert("result_code".into(), result.into());
        params.insert("status".into(), status.into());
        let report = national.read_query(&signed_query(&national, &params)).expect("believed");
        assert_eq!(report.paid, paid, "{result}/{status}");
    }
}

#[test]
fn amounts_travel_in_the_configured_unit() {
    let mut config = config_json();
    config["amount_multiplier"] = serde_json::json!(100);
    let national = national(config);
    let mut params = notification();
    params.insert("amount".into(), "5000000".into());
    assert_eq!(national.read_query(&signed_query(&national, &params)).map(|r| r.amount_dong), Ok(50_000));
    params.insert("amount".into(), "5000050".into());
    assert_eq!(
        national.read_query(&signed_query(&national, &params)),
        Err(Refused::Malformed("amount".into())),
        "not a whole đồng"
    );
}

#[test]
fn a_json_notification_reads_like_a_query() {
    let national = national(config_json());
    let mut body: serde_json::Map<String, serde_json::Value> =
        notification().into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect();
    body.insert("amount".into(), serde_json::json!(50000));
    let as_text: BTreeMap<String, String> = notification();
    body.insert("signature".into(), national.config().notification_digest.digest(SECRET, &as_text).into());
    let report = national.read_json(&serde_json::Value::Object(body).to_string()).expect("believed");
    assert_eq!((report.amount_dong, report.paid), (50_000, true));
    assert!(matches!(national.read_json("[1]"), Err(Refused::Malformed(_))));
}

#[test]
fn parameter_names_are_configurable() {
    let mut config = config_json();
    config["names"] = serde_json::json!({ "order_id": "maThamChieu", "amount": "soTien", "signature": "chuKy" });
    config["notification_digest"]["fields"] =
        serde_json::json!(["merchant_code", "maThamChieu", "soTien", "result_code"]);
    config["redirect_digest"]["fields"] = serde_json::json!(["maThamChieu", "soTien"]);
    let national = national(config);
    let mut params: BTreeMap<String, String> =
        [("merchant_code", "000.00.15.H29"), ("maThamChieu", "HS-7"), ("soTien", "1000"), ("result_code", "00")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
    let signature = national.config().notification_digest.digest(SECRET, &params);
    params.insert("chuKy".into(), signature);
    let report = national.read(&params).expect("believed");
    assert_eq!((report.order_id.as_str(), report.amount_dong, report.paid), ("HS-7", 1_000, true));
}

#[test]
fn a_configuration_that_would_believe_unsigned_fields_is_refused() {
    let mut config = config_json();
    config["notification_digest"]["fields"] = serde_json::json!(["merchant_code", "order_id", "result_code"]);
    let error = National::new(serde_json::from_value(config).expect("parsed")).expect_err("uncovered amount");
    assert_eq!(error, ConfigError::Uncovered { digest: "notification", field: "amount".into() });

    let mut config = config_json();
    config["paid_when"] = serde_json::json!([{ "param": "status", "values": ["OK"] }]);
    let error = National::new(serde_json::from_value(config).expect("parsed")).expect_err("uncovered status");
    assert_eq!(error, ConfigError::Uncovered { digest: "notification", field: "status".into() });

    let mut config = config_json();
    config["time_format"] = serde_json::json!("%Y%Q");
    assert!(matches!(National::new(serde_json::from_value(config).expect("parsed")), Err(ConfigError::TimeFormat(_))));

    let mut config = config_json();
    config["amount_multiplier"] = serde_json::json!(0);
    assert_eq!(National::new(serde_json::from_value(config).expect("parsed")).err(), Some(ConfigError::Multiplier));

    let config: NationalConfig = serde_json::from_value(config_json()).expect("parsed");
    assert!(!format!("{config:?}").contains(SECRET), "the secret stays out of logs");
}
