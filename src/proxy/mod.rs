//! The filtering proxy every request of the content view crosses (HTTPS `CONNECT` tunnels, plain
//! HTTP and plain WebSockets). It asks the same policy as the navigation handler, resolves DNS
//! only for allowed hosts, sends search hosts to their SafeSearch hosts in filtered-web modes,
//! and sends test hosts to their loopback stand-ins from `[network.hosts]`.

mod http;
mod resolve;

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use url::Url;
use zeroize::Zeroizing;

use crate::log;
use crate::policy::{Mode, Policy, Purpose, Reason, Verdict};
use http::{Head, HeadError, Hop};
pub use resolve::is_public_address;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection silent for this long (both ways, for a tunnel or a WebSocket) is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// The mode the proxy applies, changed by the shell when a session starts.
#[derive(Debug)]
pub struct ModeCell(AtomicU8);

impl ModeCell {
    pub fn new(mode: Mode) -> Self {
        ModeCell(AtomicU8::new(mode as u8))
    }

    pub fn set(&self, mode: Mode) {
        self.0.store(mode as u8, Ordering::SeqCst);
    }

    pub fn get(&self) -> Mode {
        match self.0.load(Ordering::SeqCst) {
            0 => Mode::Citizen,
            1 => Mode::Minor,
            2 => Mode::Assisted,
            _ => Mode::Minor,
        }
    }
}

/// Told the name of an allowed host the proxy could not connect to.
type UnreachableHook = Box<dyn Fn(String) + Send>;

/// Counters for logs and tests, and who to tell when an allowed host cannot be reached.
#[derive(Default)]
pub struct Stats {
    pub allowed: AtomicU64,
    pub refused: AtomicU64,
    unreachable: Mutex<Option<UnreachableHook>>,
}

impl Stats {
    /// `notify` gets the name of each allowed host the proxy could not connect to (refused,
    /// no such name, no answer), so that the patron is told at once.
    pub fn on_unreachable(&self, notify: impl Fn(String) + Send + 'static) {
        if let Ok(mut slot) = self.unreachable.lock() {
            *slot = Some(Box::new(notify));
        }
    }

    fn unreachable(&self, host: &str, err: &io::Error) {
        log::event("proxy", format_args!("could not reach an allowed host: {err}"));
        if let Ok(slot) = self.unreachable.lock() {
            if let Some(notify) = slot.as_ref() {
                notify(host.to_ascii_lowercase());
            }
        }
    }
}

struct Shared {
    policy: Arc<Policy>,
    mode: Arc<ModeCell>,
    hosts: BTreeMap<String, SocketAddr>,
    stats: Arc<Stats>,
    stop: AtomicBool,
}

/// A running proxy. Dropping it stops accepting connections.
pub struct Proxy {
    address: SocketAddr,
    shared: Arc<Shared>,
}

impl Proxy {
    /// Listens on 127.0.0.1 on a port the system picks.
    pub fn start(
        policy: Arc<Policy>,
        mode: Arc<ModeCell>,
        hosts: BTreeMap<String, SocketAddr>,
        stats: Arc<Stats>,
    ) -> io::Result<Proxy> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared { policy, mode, hosts, stats, stop: AtomicBool::new(false) });
        let accept_shared = Arc::clone(&shared);
        thread::Builder::new().name("proxy-accept".into()).spawn(move || {
            for stream in listener.incoming() {
                if accept_shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&accept_shared);
                let spawned = thread::Builder::new().name("proxy-conn".into()).spawn(move || {
                    if let Err(err) = handle(&shared, stream) {
                        log::event("proxy", format_args!("connection ended with an error: {}", err.kind()));
                    }
                });
                if spawned.is_err() {
                    log::event("proxy", format_args!("could not start a connection thread; connection dropped"));
                }
            }
        })?;
        Ok(Proxy { address, shared })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_millis(200));
    }
}

/// Why the proxy turned a request down. Every refusal is logged with its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// The policy said no.
    Policy(Reason),
    /// Not an HTTP request head.
    Malformed,
    /// A head longer than [`http::MAX_HEAD`] or with too many headers.
    TooLarge,
    /// A target that is not an absolute `http:` or `ws:` URL (origin form, `https:` without
    /// `CONNECT`, another scheme): not a request a browser sends to its proxy.
    Target,
    /// A streamed body: browsers send form bodies with a length, so it is refused, not guessed at.
    Chunked,
    /// A missing, unreadable or contradictory `Content-Length`.
    Length,
    /// A `ws:` URL without a WebSocket handshake, or a handshake that is not a bodiless `GET`.
    Handshake,
}

impl Refusal {
    fn code(self) -> &'static str {
        match self {
            Refusal::Policy(reason) => reason.code(),
            Refusal::Malformed => "malformed-request",
            Refusal::TooLarge => "head-too-large",
            Refusal::Target => "not-a-proxy-target",
            Refusal::Chunked => "streamed-body",
            Refusal::Length => "body-length",
            Refusal::Handshake => "not-a-websocket-handshake",
        }
    }

    fn status(self) -> (u16, &'static str) {
        match self {
            Refusal::Policy(_) => (403, "Forbidden"),
            Refusal::TooLarge => (431, "Request Header Fields Too Large"),
            Refusal::Chunked => (411, "Length Required"),
            Refusal::Malformed | Refusal::Target | Refusal::Length | Refusal::Handshake => (400, "Bad Request"),
        }
    }
}

/// Counts, logs (`refused <what> (<code>)`) and answers a refusal, then closes the connection.
fn refuse(shared: &Shared, client: &mut TcpStream, what: &str, refusal: Refusal) -> io::Result<()> {
    shared.stats.refused.fetch_add(1, Ordering::Relaxed);
    log::event("proxy", format_args!("refused {what} ({})", refusal.code()));
    let (status, text) = refusal.status();
    reply(client, status, text)
}

fn handle(shared: &Shared, mut client: TcpStream) -> io::Result<()> {
    client.set_read_timeout(Some(IDLE_TIMEOUT))?;
    client.set_write_timeout(Some(IDLE_TIMEOUT))?;
    let (head, leftover) = match http::read_head(&mut client) {
        Ok(parsed) => parsed,
        Err(HeadError::TooLarge) => return refuse(shared, &mut client, "a request", Refusal::TooLarge),
        Err(HeadError::Malformed) => return refuse(shared, &mut client, "a request", Refusal::Malformed),
        Err(HeadError::Io(err)) => return Err(err),
    };
    let mode = shared.mode.get();
    if head.method.eq_ignore_ascii_case("CONNECT") {
        tunnel(shared, client, &head, &leftover, mode)
    } else {
        forward(shared, client, &head, leftover, mode)
    }
}

fn tunnel(shared: &Shared, mut client: TcpStream, head: &Head, leftover: &[u8], mode: Mode) -> io::Result<()> {
    let decision = shared.policy.decide_tunnel(&head.target, mode);
    if decision.verdict != Verdict::Allow {
        return refuse(shared, &mut client, "a tunnel", Refusal::Policy(decision.reason));
    }
    let Some((host, port)) = split_authority(&head.target) else {
        return refuse(shared, &mut client, "a tunnel", Refusal::Target);
    };
    // SafeSearch: connect to the locked host's address; the browser's TLS (SNI, certificate
    // check) still names the host it asked for, which the engine serves from that address.
    let host = decision.connect_instead().map_or(host, str::to_string);
    let Some(mut upstream) = reach(shared, &mut client, &host, port)? else { return Ok(()) };
    shared.stats.allowed.fetch_add(1, Ordering::Relaxed);
    client.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")?;
    upstream.write_all(leftover)?;
    splice(client, upstream, IDLE_TIMEOUT)
}

fn forward(shared: &Shared, mut client: TcpStream, head: &Head, leftover: Zeroizing<Vec<u8>>, mode: Mode) -> io::Result<()> {
    let what = if head.wants_websocket() { "a WebSocket" } else { "a plain-http request" };
    // A proxy request names the whole URL ("absolute form"); anything else is not for us.
    // WebKit (libsoup) names a plain WebSocket by its `ws:` URL.
    let url = match Url::parse(&head.target) {
        Ok(url) if matches!(url.scheme(), "http" | "ws") => url,
        _ => return refuse(shared, &mut client, what, Refusal::Target),
    };
    let result = forward_to(shared, client, head, leftover, mode, &url, what);
    // The parsed URL holds the query string a patron may have typed: wipe its text too.
    drop(Zeroizing::new(String::from(url)));
    result
}

fn forward_to(
    shared: &Shared,
    mut client: TcpStream,
    head: &Head,
    leftover: Zeroizing<Vec<u8>>,
    mode: Mode,
    url: &Url,
    what: &str,
) -> io::Result<()> {
    let decision = shared.policy.decide_url(url, mode, Purpose::Subresource);
    if decision.verdict != Verdict::Allow {
        return refuse(shared, &mut client, what, Refusal::Policy(decision.reason));
    }
    let websocket = head.wants_websocket();
    if head.is_chunked() {
        return refuse(shared, &mut client, what, Refusal::Chunked);
    }
    let Some(body_length) = head.content_length() else {
        return refuse(shared, &mut client, what, Refusal::Length);
    };
    // A `ws:` URL is only ever a WebSocket handshake, and a handshake is a GET without a body.
    if (url.scheme() == "ws" || websocket) && !(websocket && head.method == "GET" && body_length == 0 && leftover.is_empty()) {
        return refuse(shared, &mut client, what, Refusal::Handshake);
    }
    let (Some(host), port) = (url.host_str(), url.port_or_known_default().unwrap_or(80)) else {
        return refuse(shared, &mut client, what, Refusal::Target);
    };
    // SafeSearch: the locked host's address; the `Host` header keeps the approved URL's name.
    let host = decision.connect_instead().map_or_else(|| host.trim_end_matches('.').to_string(), str::to_string);
    let Some(mut upstream) = reach(shared, &mut client, &host, port)? else { return Ok(()) };
    upstream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    shared.stats.allowed.fetch_add(1, Ordering::Relaxed);

    if websocket {
        return relay_websocket(client, upstream, head, url);
    }
    let request = http::origin_form_request(head, url, Hop::Close);
    upstream.write_all(&request)?;
    copy_body(&mut client, &mut upstream, &leftover, body_length)?;

    // We asked for `Connection: close`, so the response ends when the server closes.
    let mut buffer = Zeroizing::new(vec![0u8; 16 * 1024]);
    loop {
        let n = match upstream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::WouldBlock || err.kind() == io::ErrorKind::TimedOut => break,
            Err(err) => return Err(err),
        };
        client.write_all(&buffer[..n])?;
    }
    let _ = client.shutdown(Shutdown::Both);
    Ok(())
}

/// Connects to an allowed host; on failure, logs it, answers 502 and returns `None`.
fn reach(shared: &Shared, client: &mut TcpStream, host: &str, port: u16) -> io::Result<Option<TcpStream>> {
    match resolve::connect(&shared.hosts, host, port, CONNECT_TIMEOUT) {
        Ok(stream) => Ok(Some(stream)),
        Err(err) => {
            shared.stats.unreachable(host, &err);
            reply(client, 502, "Bad Gateway").map(|()| None)
        }
    }
}

/// Sends the handshake to the server and, once it agrees (101), relays frames both ways.
fn relay_websocket(mut client: TcpStream, mut upstream: TcpStream, head: &Head, url: &Url) -> io::Result<()> {
    upstream.write_all(&http::origin_form_request(head, url, Hop::WebSocket))?;
    match http::read_response_head(&mut upstream) {
        Ok((101, answer)) => {
            // The server's head and any first frames, as sent: the client checks its accept key.
            client.write_all(&answer)?;
            splice(client, upstream, IDLE_TIMEOUT)
        }
        // Any other answer ends the exchange: passing it on would leave a connection the client
        // could reuse for another request, straight to this host without asking the policy.
        Ok((status, _)) => {
            log::event("proxy", format_args!("an allowed host declined a WebSocket (status {status})"));
            reply(&mut client, 502, "Bad Gateway")
        }
        Err(HeadError::Io(err)) => Err(err),
        Err(HeadError::TooLarge | HeadError::Malformed) => {
            log::event("proxy", format_args!("an allowed host answered a WebSocket handshake with no valid head"));
            reply(&mut client, 502, "Bad Gateway")
        }
    }
}

/// Sends exactly `length` body bytes: those already read with the head, then the rest.
fn copy_body(client: &mut TcpStream, upstream: &mut TcpStream, leftover: &[u8], length: u64) -> io::Result<()> {
    let first = leftover.len().min(usize::try_from(length).unwrap_or(usize::MAX));
    upstream.write_all(&leftover[..first])?;
    let mut remaining = length - first as u64;
    let mut buffer = Zeroizing::new(vec![0u8; 16 * 1024]);
    while remaining > 0 {
        let want = buffer.len().min(usize::try_from(remaining).unwrap_or(usize::MAX));
        let n = client.read(&mut buffer[..want])?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "request body shorter than announced"));
        }
        upstream.write_all(&buffer[..n])?;
        remaining -= n as u64;
    }
    Ok(())
}

/// Relays bytes both ways until either side closes, or until neither has sent anything for
/// `idle` (a WebSocket where only the server talks stays open). Tunnel bytes are TLS, but plain
/// WebSocket frames carry what the patron types: the relay buffers are wiped.
fn splice(client: TcpStream, upstream: TcpStream, idle: Duration) -> io::Result<()> {
    // Each direction wakes at least every `idle` to see whether the other one is still busy.
    for stream in [&client, &upstream] {
        stream.set_read_timeout(Some(idle))?;
        stream.set_write_timeout(Some(idle))?;
    }
    let activity = Arc::new(Activity::new());
    let (mut client_read, mut upstream_write) = (client.try_clone()?, upstream.try_clone()?);
    let outbound_activity = Arc::clone(&activity);
    let outbound = thread::Builder::new().name("proxy-splice".into()).spawn(move || {
        let _ = pump(&mut client_read, &mut upstream_write, &outbound_activity, idle);
        let _ = upstream_write.shutdown(Shutdown::Write);
    })?;
    let (mut upstream_read, mut client_write) = (upstream, client);
    let _ = pump(&mut upstream_read, &mut client_write, &activity, idle);
    let _ = client_write.shutdown(Shutdown::Both);
    let _ = upstream_read.shutdown(Shutdown::Both);
    let _ = outbound.join();
    Ok(())
}

/// When bytes last crossed a relay, in either direction.
struct Activity {
    start: Instant,
    last_ms: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Activity { start: Instant::now(), last_ms: AtomicU64::new(0) }
    }

    fn touch(&self) {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(now, Ordering::Relaxed);
    }

    fn idle(&self) -> Duration {
        self.start.elapsed().saturating_sub(Duration::from_millis(self.last_ms.load(Ordering::Relaxed)))
    }
}

/// `io::copy` through a buffer that is wiped afterwards (std's own copy buffer is not). A read
/// that times out ends the pump only when the other direction has been silent too.
fn pump(from: &mut TcpStream, to: &mut TcpStream, activity: &Activity, idle: Duration) -> io::Result<()> {
    let mut buffer = Zeroizing::new(vec![0u8; 16 * 1024]);
    loop {
        match from.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                to.write_all(&buffer[..n])?;
                activity.touch();
            }
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) if matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) && activity.idle() < idle => {
                continue
            }
            Err(err) => return Err(err),
        }
    }
}

fn reply(client: &mut TcpStream, status: u16, text: &str) -> io::Result<()> {
    let response = format!("HTTP/1.1 {status} {text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    client.write_all(response.as_bytes())?;
    let _ = client.shutdown(Shutdown::Both);
    Ok(())
}

/// `host:port` or `[v6]:port` from a CONNECT target (already vetted by the policy).
fn split_authority(target: &str) -> Option<(String, u16)> {
    let url = Url::parse(&format!("https://{target}/")).ok()?;
    let host = match url.host()? {
        url::Host::Domain(d) => d.trim_end_matches('.').to_string(),
        url::Host::Ipv4(ip) => ip.to_string(),
        url::Host::Ipv6(ip) => ip.to_string(),
    };
    Some((host, url.port_or_known_default()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connected pair of loopback sockets.
    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let far = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (near, _) = listener.accept().unwrap();
        (far, near)
    }

    #[test]
    fn a_relay_lives_while_either_side_talks_and_ends_when_both_are_silent() {
        let (mut client, client_side) = pair();
        let (mut server, server_side) = pair();
        let idle = Duration::from_millis(300);
        let relay = thread::spawn(move || splice(client_side, server_side, idle));
        // Only the server talks, for three times `idle`: the silent client does not end it.
        for _ in 0..9 {
            server.write_all(b"x").unwrap();
            thread::sleep(Duration::from_millis(100));
        }
        client.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        let mut pushed = [0u8; 9];
        client.read_exact(&mut pushed).unwrap();
        assert!(!relay.is_finished());
        // Nor is the server told the client has gone (a half-close ends a WebSocket).
        server.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let err = server.read(&mut pushed).expect_err("no end of stream towards the server");
        assert!(matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut), "{err}");
        // Then nobody talks: the relay ends, and the client sees its connection close.
        let mut rest = Vec::new();
        client.read_to_end(&mut rest).unwrap();
        assert!(rest.is_empty());
        relay.join().unwrap().unwrap();
    }
}
