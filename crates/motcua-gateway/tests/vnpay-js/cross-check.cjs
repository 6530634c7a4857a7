// The other side of tests/against_vnpay_js.rs: the npm `vnpay` package
// (pinned in package-lock.json) signs and verifies what motcua-gateway
// verifies and signs. Reads JSON lines from standard input, one case each,
// and writes one JSON line per case, in the same order:
//
//   { "kind": "pay", "secret", "tmnCode", "payment": { vnp_* fields, amount in đồng },
//     "ours": { "paymentUrl", "returnQuery" } }
//   -> { "url": <the package's signed payment URL>,
//        "paymentUrlVerified": <does it believe our payment URL>,
//        "returnVerified": <does it believe our signed return / IPN query> }
//
//   { "kind": "querydr" | "refund", "secret", "tmnCode", "host", "request": { vnp_* fields } }
//   -> the package's result of calling the sandbox at `host`: its own
//      isVerified and isSuccess, and the answer's codes.
const { VNPay } = require('vnpay');

function client(c) {
  return new VNPay({
    tmnCode: c.tmnCode,
    secureSecret: c.secret,
    vnpayHost: c.host || 'https://sandbox.vnpayment.vn',
    queryDrAndRefundHost: c.host || 'https://sandbox.vnpayment.vn',
    enableLog: false,
  });
}

function queryObject(query) {
  return Object.fromEntries(new URLSearchParams(query));
}

async function answer(c) {
  const vnpay = client(c);
  if (c.kind === 'pay') {
    const ours = new URL(c.ours.paymentUrl);
    return {
      url: vnpay.buildPaymentUrl(c.payment).toString(),
      paymentUrlVerified: vnpay.verifyReturnUrl(queryObject(ours.search.slice(1))).isVerified,
      returnVerified: vnpay.verifyIpnCall(queryObject(c.ours.returnQuery)).isVerified,
    };
  }
  const result = c.kind === 'querydr' ? await vnpay.queryDr(c.request) : await vnpay.refund(c.request);
  return {
    isVerified: result.isVerified,
    isSuccess: result.isSuccess,
    vnp_ResponseCode: result.vnp_ResponseCode,
    vnp_TransactionStatus: result.vnp_TransactionStatus,
  };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l.trim());
  for (const line of lines) {
    process.stdout.write(JSON.stringify(await answer(JSON.parse(line))) + '\n');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
