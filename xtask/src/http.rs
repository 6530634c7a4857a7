//! The small part of HTTP/1.1 the benchmark needs, written by hand so that
//! xtask compiles quickly: serialising a request, finding where a response
//! ends (`Content-Length`, `chunked`, or end of stream), and a blocking
//! one-shot client for health checks and scenario setup.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Largest response head accepted, in bytes.
pub const MAX_HEAD: usize = 64 * 1024;
/// Largest response (head and body) accepted, in bytes.
pub const MAX_RESPONSE: usize = 16 * 1024 * 1024;

/// One request of a scenario, before serialisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: &'static str,
    /// Origin-form target: path and query, already percent-encoded.
    pub target: String,
    /// Extra headers, e.g. `("Authorization", "Bearer …")`.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn get(target: impl Into<String>) -> Self {
        Request { method: "GET", target: target.into(), headers: Vec::new(), body: Vec::new() }
    }

    pub fn post(target: impl Into<String>, body: Vec<u8>) -> Self {
        Request { method: "POST", target: target.into(), headers: Vec::new(), body }
    }

    /// Adds one header; for chaining.
    #[allow(dead_code)] // for scenarios that send a bearer token
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The bytes sent on the wire. `close` asks the server to close the
    /// connection after answering (used by the one-shot client).
    pub fn encode(&self, host: &str, close: bool) -> Vec<u8> {
        let mut head =
            format!("{} {} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: motcua-xtask\r\n", self.method, self.target);
        for (name, value) in &self.headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        let bodiless = matches!(self.method, "GET" | "HEAD" | "DELETE" | "OPTIONS");
        if !(bodiless && self.body.is_empty()) {
            head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// How the body of a response is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Exactly this many bytes follow the head.
    Length(usize),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// The body runs until the server closes the connection.
    UntilClose,
}

/// The parsed status line and the headers that matter here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub status: u16,
    /// Bytes taken by the status line, the headers and the blank line.
    pub len: usize,
    pub framing: Framing,
    /// Whether the connection may carry another request afterwards.
    pub keep_alive: bool,
}

impl Head {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|at| at + from)
}

/// Parses the response head at the start of `buf`; `Ok(None)` while it is
/// incomplete.
pub fn parse_head(buf: &[u8]) -> anyhow::Result<Option<Head>> {
    let Some(end) = find(buf, b"\r\n\r\n", 0) else {
        if buf.len() > MAX_HEAD {
            bail!("response head longer than {MAX_HEAD} bytes");
        }
        return Ok(None);
    };
    let text = std::str::from_utf8(&buf[..end]).context("response head is not UTF-8")?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => bail!("not an HTTP/1.x status line: {status_line:?}"),
    };
    let status: u16 = parts
        .next()
        .and_then(|code| code.parse().ok())
        .filter(|code| (100..1000).contains(code))
        .with_context(|| format!("bad status line: {status_line:?}"))?;

    let mut length = None;
    let mut chunked = false;
    let mut close = false;
    let mut keep_alive_token = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            bail!("bad header line: {line:?}");
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let n: usize = value.parse().with_context(|| format!("bad Content-Length: {value:?}"))?;
            if length.is_some_and(|old| old != n) {
                bail!("conflicting Content-Length headers");
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked |= value.split(',').any(|coding| coding.trim().eq_ignore_ascii_case("chunked"));
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(str::trim) {
                close |= token.eq_ignore_ascii_case("close");
                keep_alive_token |= token.eq_ignore_ascii_case("keep-alive");
            }
        }
    }
    let mut keep_alive = if http10 { keep_alive_token && !close } else { !close };
    let framing = if (100..200).contains(&status) || status == 204 || status == 304 {
        Framing::Length(0)
    } else if chunked {
        Framing::Chunked
    } else if let Some(n) = length {
        Framing::Length(n)
    } else {
        keep_alive = false;
        Framing::UntilClose
    };
    if let Framing::Length(n) = framing
        && n > MAX_RESPONSE
    {
        bail!("response body of {n} bytes is too large");
    }
    Ok(Some(Head { status, len: end + 4, framing, keep_alive }))
}

/// Walks a chunked body at the start of `buf`. Returns the number of bytes
/// the whole body (last chunk and trailers included) takes, or `Ok(None)`
/// while it is incomplete. When `out` is given, the decoded data is appended
/// to it.
pub fn scan_chunked(buf: &[u8], mut out: Option<&mut Vec<u8>>) -> anyhow::Result<Option<usize>> {
    let mut pos = 0;
    // Each chunk takes at least 5 bytes ("0\r\n\r\n"), so this bounds the loop.
    for _ in 0..=buf.len() {
        let Some(line_end) = find(buf, b"\r\n", pos) else {
            return Ok(None);
        };
        let line = std::str::from_utf8(&buf[pos..line_end]).context("chunk size line is not UTF-8")?;
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).with_context(|| format!("bad chunk size: {size_text:?}"))?;
        if size > MAX_RESPONSE {
            bail!("chunk of {size} bytes is too large");
        }
        pos = line_end + 2;
        if size == 0 {
            // Trailers, if any, end with an empty line.
            if buf.len() < pos + 2 {
                return Ok(None);
            }
            if &buf[pos..pos + 2] == b"\r\n" {
                return Ok(Some(pos + 2));
            }
            return Ok(find(buf, b"\r\n\r\n", pos).map(|at| at + 4));
        }
        if buf.len() < pos + size + 2 {
            return Ok(None);
        }
        if &buf[pos + size..pos + size + 2] != b"\r\n" {
            bail!("chunk not followed by CRLF");
        }
        if let Some(out) = out.as_deref_mut() {
            out.extend_from_slice(&buf[pos..pos + size]);
        }
        pos += size + 2;
    }
    bail!("malformed chunked body")
}

/// Where a complete response ends in `buf`, given its parsed head; `Ok(None)`
/// while more bytes are needed. `eof` tells whether the peer has closed.
pub fn response_end(head: &Head, buf: &[u8], eof: bool) -> anyhow::Result<Option<usize>> {
    let body = buf.get(head.len..).unwrap_or_default();
    match head.framing {
        Framing::Length(n) => Ok((body.len() >= n).then_some(head.len + n)),
        Framing::Chunked => Ok(scan_chunked(body, None)?.map(|n| head.len + n)),
        Framing::UntilClose => Ok(eof.then_some(buf.len())),
    }
}

/// A response read by [`exchange_blocking`].
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    #[allow(dead_code)] // for scenarios that read a token or an id
    pub body: Vec<u8>,
}

/// Sends one request on a fresh connection (closed afterwards) and reads the
/// whole response, all within `timeout`.
pub fn exchange_blocking(addr: SocketAddr, request: &Request, timeout: Duration) -> anyhow::Result<Response> {
    let deadline = Instant::now() + timeout;
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(&request.encode(&addr.to_string(), true))?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let mut head = None;
    let mut eof = false;
    // Every pass either reads bytes (bounded by MAX_RESPONSE), sees EOF, or
    // returns; the deadline bounds the waiting.
    loop {
        if head.is_none() {
            head = parse_head(&buf)?;
        }
        if let Some(head) = &head
            && let Some(end) = response_end(head, &buf, eof)?
        {
            let raw = &buf[head.len..end];
            let body = if head.framing == Framing::Chunked {
                let mut body = Vec::new();
                scan_chunked(raw, Some(&mut body))?;
                body
            } else {
                raw.to_vec()
            };
            return Ok(Response { status: head.status, body });
        }
        if eof {
            bail!("connection closed before the response was complete");
        }
        if buf.len() > MAX_RESPONSE {
            bail!("response larger than {MAX_RESPONSE} bytes");
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            bail!("no complete response within {timeout:?}");
        }
        stream.set_read_timeout(Some(left))?;
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            eof = true;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_get_without_length_and_post_with_length() {
        let get = String::from_utf8(Request::get("/a?b=c").encode("127.0.0.1:80", false)).unwrap_or_default();
        assert_eq!(get, "GET /a?b=c HTTP/1.1\r\nHost: 127.0.0.1:80\r\nUser-Agent: motcua-xtask\r\n\r\n");
        let post = Request::post("/x", b"{}".to_vec()).header("Authorization", "Bearer t").encode("h", true);
        let post = String::from_utf8(post).unwrap_or_default();
        assert!(post.starts_with("POST /x HTTP/1.1\r\n"));
        assert!(post.contains("\r\nAuthorization: Bearer t\r\n"));
        assert!(post.contains("\r\nContent-Length: 2\r\n"));
        assert!(post.contains("\r\nConnection: close\r\n"));
        assert!(post.ends_with("\r\n\r\n{}"));
    }

    #[test]
    fn parses_heads() -> anyhow::Result<()> {
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\nContent-Le")?, None);
        let raw = b"HTTP/1.1 201 Created\r\ncontent-length: 5\r\n\r\nhello";
        let head = parse_head(raw)?.context("complete head")?;
        assert_eq!(head, Head { status: 201, len: raw.len() - 5, framing: Framing::Length(5), keep_alive: true });
        assert_eq!(response_end(&head, raw, false)?, Some(raw.len()));
        assert_eq!(response_end(&head, &raw[..raw.len() - 1], false)?, None);

        let head = parse_head(b"HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\n\r\n")?.context("head")?;
        assert!(!head.keep_alive);
        assert!(!head.is_success());
        let head = parse_head(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")?.context("head")?;
        assert_eq!(head.framing, Framing::UntilClose);
        assert!(!head.keep_alive);
        let head = parse_head(b"HTTP/1.1 204 No Content\r\n\r\n")?.context("head")?;
        assert_eq!(head.framing, Framing::Length(0));
        assert!(parse_head(b"SSH-2.0-x\r\n\r\n").is_err());
        Ok(())
    }

    #[test]
    fn walks_chunked_bodies() -> anyhow::Result<()> {
        let body = b"4\r\nWiki\r\n6;ext=1\r\npedia \r\n0\r\n\r\n";
        let mut out = Vec::new();
        assert_eq!(scan_chunked(body, Some(&mut out))?, Some(body.len()));
        assert_eq!(out, b"Wikipedia ");
        for cut in 0..body.len() {
            assert_eq!(scan_chunked(&body[..cut], None)?, None, "cut at {cut}");
        }
        let trailers = b"1\r\na\r\n0\r\nX-T: 1\r\n\r\n";
        assert_eq!(scan_chunked(trailers, None)?, Some(trailers.len()));
        assert!(scan_chunked(b"zz\r\n", None).is_err());
        Ok(())
    }
}
