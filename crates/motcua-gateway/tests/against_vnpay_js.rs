//! Our VNPay signatures against an independent implementation of the same
//! recipe, the MIT-licensed `vnpay` package on npm (pinned in
//! `tests/vnpay-js/package-lock.json`), so that both sides cannot be wrong
//! together: it must believe what we sign, and we must believe what it
//! signs, for parameter sets with Vietnamese text, spaces and the characters
//! form encoding treats specially. Needs Node.js and npm; `npm ci` runs
//! when `node_modules` is missing or older than the lock file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use motcua_gateway::vnpay;

fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("vnpay-js")
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn install(dir: &Path) {
    let installed = modified(&dir.join("node_modules").join("vnpay").join("package.json"));
    let lock = modified(&dir.join("package-lock.json"));
    if installed.is_some() && installed >= lock {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .status()
        .unwrap_or_else(|e| panic!("this test needs npm (Node.js 20 or later) to install the vnpay package: {e}"));
    assert!(status.success(), "npm ci in {} failed: {status}", dir.display());
}

/// Text the cases are made of: diacritics, spaces, and what form encoding escapes.
const PIECES: [&str; 12] = [
    "Nộp lệ phí",
    "hồ sơ",
    "000.00.15.H29-251104-0001",
    "&",
    "=",
    "+",
    "/",
    "đăng ký tạm trú",
    "50%",
    "Thửa 9, tờ 3",
    "?#",
    "Đắk Lắk",
];

#[test]
fn the_vnpay_package_and_we_believe_each_others_signatures() {
    let dir = package_dir();
    install(&dir);
    let mut cases = Vec::new();
    for i in 0..24_usize {
        let info: Vec<&str> = (0..1 + i % 4).map(|k| PIECES[(i * 5 + k * 7) % PIECES.len()]).collect();
        let order_info = info.join(" ");
        let amount = 1_000 * (i as i64 + 1) + 500 * (i as i64 % 3);
        let secret = secret_of(i);
        let txn_ref = format!("order{i:03}");
        let mut result = BTreeMap::new();
        for (name, value) in [
            ("vnp_Amount", (amount * 100).to_string()),
            ("vnp_BankCode", "NCB".to_owned()),
            ("vnp_OrderInfo", order_info.clone()),
            ("vnp_PayDate", "20261207093000".to_owned()),
            ("vnp_ResponseCode", if i % 3 == 0 { "24" } else { "00" }.to_owned()),
            ("vnp_TmnCode", "MOTCUA00".to_owned()),
            ("vnp_TransactionNo", format!("{}", 14_000_000 + i)),
            ("vnp_TransactionStatus", if i % 3 == 0 { "02" } else { "00" }.to_owned()),
            ("vnp_TxnRef", txn_ref.clone()),
        ] {
            result.insert(name.to_owned(), value);
        }
        let signed = vnpay::signed_query(&secret, &result);
        cases.push((
            secret.clone(),
            amount,
            serde_json::json!({
                "secret": secret,
                "tmnCode": "MOTCUA00",
                "signed": signed,
                "order": {
                    "amount": amount,
                    "txnRef": txn_ref,
                    "orderInfo": order_info,
                    "returnUrl": "https://dichvucong.example.vn/thanh-toan/ket-qua?from=vnpay&x=1",
                    "ip": "203.0.113.9",
                },
            }),
        ));
    }
    let mut child = Command::new("node")
        .arg(dir.join("cross-check.cjs"))
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("this test needs Node.js to run the vnpay package: {e}"));
    {
        let mut input = child.stdin.take().expect("stdin");
        for (_, _, case) in &cases {
            writeln!(input, "{case}").expect("write a case");
        }
    }
    let output = child.wait_with_output().expect("node ran");
    assert!(output.status.success(), "the cross-check script failed");
    let answers: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), cases.len(), "one answer per case");
    for ((secret, amount, case), answer) in cases.iter().zip(&answers) {
        assert_eq!(answer["verified"], true, "the package does not believe our signature: {case}");
        let url = answer["url"].as_str().expect("a URL");
        let query = url.split_once('?').expect("a query").1;
        let params =
            vnpay::verify(secret, query).unwrap_or_else(|e| panic!("we do not believe the package: {e}: {url}"));
        assert_eq!(params["vnp_Amount"], (amount * 100).to_string());
        assert_eq!(params["vnp_OrderInfo"], case["order"]["orderInfo"].as_str().expect("text"));
        assert!(vnpay::verify("another secret", query).is_err());
    }
}

/// A secret per case, of several lengths.
fn secret_of(i: usize) -> String {
    format!("SECRET{i:02}KEY{}", "X".repeat(i % 5))
}
