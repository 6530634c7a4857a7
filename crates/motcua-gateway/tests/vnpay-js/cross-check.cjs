// Reads JSON lines from standard input, one case each:
//   { "secret", "tmnCode", "signed": "<a query motcua signed>", "order": { amount, txnRef, orderInfo, returnUrl, ip } }
// and writes one JSON line per case:
//   { "verified": <does the vnpay package believe motcua's signature>, "url": <the package's signed payment URL> }
const readline = require('node:readline');
const { VNPay } = require('vnpay');

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (!line.trim()) return;
  const c = JSON.parse(line);
  const vnpay = new VNPay({
    tmnCode: c.tmnCode,
    secureSecret: c.secret,
    vnpayHost: 'https://sandbox.vnpayment.vn',
    testMode: true,
    enableLog: false,
  });
  const query = Object.fromEntries(new URLSearchParams(c.signed));
  const verified = vnpay.verifyReturnUrl(query).isVerified;
  const url = vnpay.buildPaymentUrl({
    vnp_Amount: c.order.amount,
    vnp_IpAddr: c.order.ip,
    vnp_TxnRef: c.order.txnRef,
    vnp_OrderInfo: c.order.orderInfo,
    vnp_OrderType: 'other',
    vnp_ReturnUrl: c.order.returnUrl,
    vnp_Locale: 'vn',
  });
  process.stdout.write(JSON.stringify({ verified, url: url.toString() }) + '\n');
});
