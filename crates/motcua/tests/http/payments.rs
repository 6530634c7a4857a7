//! Paying online through the real binary with its sandbox gateway: the
//! gateway's notification endpoint answers in VNPay's terms and believes
//! nothing unsigned, the payment page's policy lets the pay button lead to
//! the gateway, and without a gateway there is no endpoint at all. The whole
//! payment, through the sandbox's pages, is a browser flow
//! (`browser-tests/flows/counter.test.mjs`).

use crate::support::{TestServer, on_both_backends};

on_both_backends!(
    with [("MOTCUA_PAYMENT_GATEWAY", "sandbox")] =>
    an_unsigned_notification_is_answered_97_and_changes_nothing,
);

on_both_backends!(
    with [("MOTCUA_PAYMENT_GATEWAY", "off")] =>
    without_a_gateway_there_is_no_notification_endpoint,
);

async fn an_unsigned_notification_is_answered_97_and_changes_nothing(server: &TestServer) {
    for query in [
        "vnp_TxnRef=nope&vnp_Amount=5000000&vnp_ResponseCode=00&vnp_TransactionStatus=00&vnp_SecureHash=00ff",
        "vnp_TxnRef=nope&vnp_Amount=5000000&vnp_SecureHash=zz",
    ] {
        let answer = server.raw_get(&format!("/thanh-toan/thong-bao?{query}"), None).await;
        assert_eq!(answer.status, 200, "VNPay reads the answer's body, not its status");
        assert_eq!(answer.json()["RspCode"], "97", "{query}");
    }
    let answer = server.raw_get("/thanh-toan/thong-bao?vnp_TxnRef=nope", None).await;
    assert_eq!(answer.json()["RspCode"], "97", "no signature at all");
    let policy = server.raw_get("/", None).await;
    let csp = policy.header("content-security-policy");
    assert!(csp.contains("form-action 'self' http://127.0.0.1:"), "the pay button may lead to the sandbox: {csp}");
}

async fn without_a_gateway_there_is_no_notification_endpoint(server: &TestServer) {
    let answer = server.raw_get("/thanh-toan/thong-bao?vnp_TxnRef=x&vnp_SecureHash=00", None).await;
    assert_eq!(answer.status, 404);
    let csp = server.raw_get("/", None).await.header("content-security-policy").to_owned();
    assert!(csp.contains("form-action 'self';"), "{csp}");
}
