//! Just enough HTTP/1.1 for a filtering proxy: read a request head, rewrite it for the server,
//! and read the server's answer to a WebSocket handshake.

use std::io::{self, Read};
use std::net::TcpStream;

use url::{Position, Url};
use zeroize::Zeroizing;

/// Longest request head we accept (browsers send a few KiB at most).
pub const MAX_HEAD: usize = 16 * 1024;

pub struct Head {
    pub method: String,
    /// The full address (with its query string) or host:port: wiped on drop.
    pub target: Zeroizing<String>,
    /// Header names and values as sent; values may carry cookies, so they are wiped on drop.
    pub headers: Vec<(String, Zeroizing<Vec<u8>>)>,
}

#[derive(Debug)]
pub enum HeadError {
    TooLarge,
    Malformed,
    Io(io::Error),
}

/// Reads until `parse` finds a whole head, at most [`MAX_HEAD`] bytes. Returns what `parse`
/// made of it, every byte read (the head and what followed it), and where the head ends.
fn read_parsed<T>(
    stream: &mut TcpStream,
    parse: impl Fn(&[u8]) -> Result<Option<(T, usize)>, HeadError>,
) -> Result<(T, Zeroizing<Vec<u8>>, usize), HeadError> {
    let mut buffer = Zeroizing::new(Vec::with_capacity(2048));
    let mut chunk = Zeroizing::new([0u8; 2048]);
    loop {
        let n = stream.read(&mut chunk[..]).map_err(HeadError::Io)?;
        if n == 0 {
            return Err(HeadError::Malformed);
        }
        buffer.extend_from_slice(&chunk[..n]);
        match parse(&buffer)? {
            Some((parsed, end)) => return Ok((parsed, buffer, end)),
            None if buffer.len() < MAX_HEAD => continue,
            None => return Err(HeadError::TooLarge),
        }
    }
}

/// Reads until the blank line that ends the head. Returns the head and any bytes after it.
pub fn read_head(stream: &mut TcpStream) -> Result<(Head, Zeroizing<Vec<u8>>), HeadError> {
    let (head, buffer, end) = read_parsed(stream, |buffer| {
        let mut headers = [httparse::EMPTY_HEADER; 96];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(buffer) {
            Ok(httparse::Status::Complete(end)) => {
                let head = Head {
                    method: request.method.ok_or(HeadError::Malformed)?.to_string(),
                    target: Zeroizing::new(request.path.ok_or(HeadError::Malformed)?.to_string()),
                    headers: request
                        .headers
                        .iter()
                        .map(|h| (h.name.to_string(), Zeroizing::new(h.value.to_vec())))
                        .collect(),
                };
                Ok(Some((head, end)))
            }
            Ok(httparse::Status::Partial) => Ok(None),
            Err(httparse::Error::TooManyHeaders) => Err(HeadError::TooLarge),
            Err(_) => Err(HeadError::Malformed),
        }
    })?;
    Ok((head, Zeroizing::new(buffer[end..].to_vec())))
}

/// Reads a server's response head. Returns its status and every byte read so far (the head as
/// sent, then any frames that followed it), to be passed on untouched.
pub fn read_response_head(stream: &mut TcpStream) -> Result<(u16, Zeroizing<Vec<u8>>), HeadError> {
    let (status, buffer, _) = read_parsed(stream, |buffer| {
        let mut headers = [httparse::EMPTY_HEADER; 96];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(buffer) {
            Ok(httparse::Status::Complete(end)) => Ok(Some((response.code.ok_or(HeadError::Malformed)?, end))),
            Ok(httparse::Status::Partial) => Ok(None),
            Err(httparse::Error::TooManyHeaders) => Err(HeadError::TooLarge),
            Err(_) => Err(HeadError::Malformed),
        }
    })?;
    Ok((status, buffer))
}

impl Head {
    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_slice())
    }

    pub fn is_chunked(&self) -> bool {
        self.values("transfer-encoding").next().is_some()
    }

    /// The body length: 0 without the header; `None` when it is unreadable or contradictory.
    pub fn content_length(&self) -> Option<u64> {
        let mut length = None;
        for value in self.values("content-length") {
            let parsed: u64 = std::str::from_utf8(value).ok()?.trim().parse().ok()?;
            if length.is_some_and(|l| l != parsed) {
                return None;
            }
            length = Some(parsed);
        }
        Some(length.unwrap_or(0))
    }

    /// The client asks to turn the connection into a WebSocket (`Upgrade: websocket`).
    pub fn wants_websocket(&self) -> bool {
        self.values("upgrade")
            .flat_map(|value| value.split(|&b| b == b','))
            .any(|token| token.trim_ascii().eq_ignore_ascii_case(b"websocket"))
    }
}

/// What becomes of the connection to the server after this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hop {
    /// One request, one response, then the server closes.
    Close,
    /// A WebSocket handshake: the connection stays open for frames.
    WebSocket,
}

/// Headers that concern the hop to the proxy, or that we set ourselves.
const HOP_HEADERS: &[&str] =
    &["host", "connection", "proxy-connection", "proxy-authorization", "keep-alive", "te", "trailer", "upgrade", "transfer-encoding"];

/// The request as the server should see it: origin-form target, `Host` from the URL the policy
/// approved (never the one the client claimed), and our own `Connection` (and `Upgrade`) headers.
pub fn origin_form_request(head: &Head, url: &Url, hop: Hop) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(1024));
    let target = &url[Position::BeforePath..Position::AfterQuery];
    let authority = &url[Position::BeforeHost..Position::AfterPort];
    out.extend_from_slice(head.method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(if target.is_empty() { b"/" } else { target.as_bytes() });
    out.extend_from_slice(b" HTTP/1.1\r\nHost: ");
    out.extend_from_slice(authority.as_bytes());
    out.extend_from_slice(b"\r\n");
    for (name, value) in &head.headers {
        if HOP_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h)) {
            continue;
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(match hop {
        Hop::Close => b"Connection: close\r\n\r\n".as_slice(),
        Hop::WebSocket => b"Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n".as_slice(),
    });
    out
}
