//! How the sandbox sends its IPN: a plain HTTP/1.1 GET to the merchant's
//! address with the signed result as its query, sent again, after a growing
//! pause, while the answer's `RspCode` is neither `00` nor `02` (as VNPay
//! does), a bounded number of times.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::vnpay::IpnAnswer;

/// How the sandbox delivers one result's IPN, chosen on its payment page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IpnDelivery {
    /// Before the browser is sent back, as VNPay usually does.
    #[default]
    Once,
    /// Twice before the browser is sent back: the merchant must settle once.
    Twice,
    /// Only after the browser is sent back: the return arrives first.
    AfterReturn,
}

impl IpnDelivery {
    pub const ALL: [IpnDelivery; 3] = [IpnDelivery::Once, IpnDelivery::Twice, IpnDelivery::AfterReturn];

    /// The value of the page's `ipn` field (and of a `sandbox_ipn` query parameter presetting it).
    pub fn as_str(self) -> &'static str {
        match self {
            IpnDelivery::Once => "once",
            IpnDelivery::Twice => "twice",
            IpnDelivery::AfterReturn => "after_return",
        }
    }

    /// An empty value is the default.
    pub fn parse(text: &str) -> Option<IpnDelivery> {
        if text.is_empty() {
            return Some(IpnDelivery::default());
        }
        IpnDelivery::ALL.into_iter().find(|d| d.as_str() == text)
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            IpnDelivery::Once => "Một lần, trước khi quay lại (once, before the return)",
            IpnDelivery::Twice => "Hai lần (twice)",
            IpnDelivery::AfterReturn => "Sau khi quay lại (after the return)",
        }
    }
}

/// How long the IPN waits, with [`IpnDelivery::AfterReturn`], for the browser to be back.
const AFTER_RETURN_DELAY: Duration = Duration::from_millis(500);

/// Delivers the IPN `query` to `ipn_url` as `delivery` says.
pub(super) async fn deliver(delivery: IpnDelivery, ipn_url: String, query: String, attempts: u32) {
    match delivery {
        IpnDelivery::Once => notify(&ipn_url, &query, attempts).await,
        IpnDelivery::Twice => {
            notify(&ipn_url, &query, attempts).await;
            notify(&ipn_url, &query, attempts).await;
        }
        IpnDelivery::AfterReturn => {
            tokio::spawn(async move {
                tokio::time::sleep(AFTER_RETURN_DELAY).await;
                notify(&ipn_url, &query, attempts).await;
            });
        }
    }
}

/// Sends the IPN, again while the answer does not end the delivery.
async fn notify(ipn_url: &str, query: &str, attempts: u32) {
    for attempt in 1..=attempts {
        match get_json(ipn_url, query).await {
            Ok(answer) => {
                let code = answer.get("RspCode").and_then(serde_json::Value::as_str).unwrap_or_default();
                if IpnAnswer::parse(code).is_some_and(IpnAnswer::ends_delivery) {
                    return;
                }
                tracing::warn!(attempt, %answer, "sandbox: the merchant did not confirm the IPN");
            }
            Err(error) => tracing::warn!(attempt, %error, "sandbox: the IPN could not be delivered"),
        }
        if attempt < attempts {
            tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
        }
    }
}

fn invalid(why: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_owned())
}

/// A plain HTTP/1.1 GET to an `http://` address, its JSON answer.
async fn get_json(url: &str, query: &str) -> std::io::Result<serde_json::Value> {
    let rest = url.strip_prefix("http://").ok_or_else(|| invalid("the IPN address must be http://"))?;
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
    let separator = if path.contains('?') { '&' } else { '?' };
    let connecting = tokio::net::TcpStream::connect(host);
    let mut stream = tokio::time::timeout(Duration::from_secs(5), connecting)
        .await
        .map_err(|_| invalid("connecting timed out"))??;
    let request = format!(
        "GET {path}{separator}{query} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: motcua-sandbox\r\n\
         Accept: application/json\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .map_err(|_| invalid("the answer timed out"))??;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| invalid("not an HTTP answer"))?;
    let status = head.lines().next().unwrap_or_default();
    if status.split(' ').nth(1) != Some("200") {
        return Err(invalid(status));
    }
    let chunked = head.lines().any(|line| {
        line.split_once(':').is_some_and(|(name, value)| {
            name.trim().eq_ignore_ascii_case("transfer-encoding") && value.trim().eq_ignore_ascii_case("chunked")
        })
    });
    let body = if chunked { dechunk(body).ok_or_else(|| invalid("a broken chunked body"))? } else { body.to_owned() };
    serde_json::from_str(&body).map_err(|e| invalid(&e.to_string()))
}

/// The body of a chunked answer.
fn dechunk(mut body: &str) -> Option<String> {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n")?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        out.push_str(rest.get(..size)?);
        body = rest.get(size..)?.strip_prefix("\r\n")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunked_body_is_put_together() {
        assert_eq!(dechunk("4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n").as_deref(), Some("{\"a\":1}"));
        assert_eq!(dechunk("5\r\nab").as_deref(), None, "cut short");
    }

    #[test]
    fn the_delivery_choices_read_back() {
        for delivery in IpnDelivery::ALL {
            assert_eq!(IpnDelivery::parse(delivery.as_str()), Some(delivery));
        }
        assert_eq!(IpnDelivery::parse(""), Some(IpnDelivery::Once));
        assert_eq!(IpnDelivery::parse("thrice"), None);
    }
}
