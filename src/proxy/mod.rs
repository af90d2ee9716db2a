//! The filtering proxy every request of the content view crosses (HTTPS `CONNECT` tunnels and
//! plain HTTP). It asks the same policy as the navigation handler, resolves DNS only for allowed
//! hosts, sends search hosts to their SafeSearch hosts in filtered-web modes, and sends test
//! hosts to their loopback stand-ins from `[network.hosts]`.

mod http;
mod resolve;

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use url::Url;
use zeroize::Zeroizing;

use crate::log;
use crate::policy::{Mode, Policy, Purpose, Verdict};
use http::{Head, HeadError};
pub use resolve::is_public_address;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection silent for this long is closed.
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

/// Counters for logs and tests.
#[derive(Debug, Default)]
pub struct Stats {
    pub allowed: AtomicU64,
    pub refused: AtomicU64,
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

fn handle(shared: &Shared, mut client: TcpStream) -> io::Result<()> {
    client.set_read_timeout(Some(IDLE_TIMEOUT))?;
    client.set_write_timeout(Some(IDLE_TIMEOUT))?;
    let (head, leftover) = match http::read_head(&mut client) {
        Ok(parsed) => parsed,
        Err(HeadError::TooLarge) => return reply(&mut client, 431, "Request Header Fields Too Large"),
        Err(HeadError::Malformed) => return reply(&mut client, 400, "Bad Request"),
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
        shared.stats.refused.fetch_add(1, Ordering::Relaxed);
        log::event("proxy", format_args!("refused a tunnel ({})", decision.reason));
        return reply(&mut client, 403, "Forbidden");
    }
    let Some((host, port)) = split_authority(&head.target) else {
        return reply(&mut client, 400, "Bad Request");
    };
    // SafeSearch: connect to the locked host's address; the browser's TLS (SNI, certificate
    // check) still names the host it asked for, which the engine serves from that address.
    let host = decision.connect_instead().map_or(host, str::to_string);
    let mut upstream = match resolve::connect(&shared.hosts, &host, port, CONNECT_TIMEOUT) {
        Ok(stream) => stream,
        Err(err) => {
            log::event("proxy", format_args!("could not reach an allowed host: {err}"));
            return reply(&mut client, 502, "Bad Gateway");
        }
    };
    shared.stats.allowed.fetch_add(1, Ordering::Relaxed);
    client.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")?;
    upstream.write_all(leftover)?;
    splice(client, upstream)
}

fn forward(shared: &Shared, mut client: TcpStream, head: &Head, leftover: Zeroizing<Vec<u8>>, mode: Mode) -> io::Result<()> {
    // A proxy request names the whole URL ("absolute form"); anything else is not for us.
    let url = match Url::parse(&head.target) {
        Ok(url) if url.scheme() == "http" => url,
        _ => return reply(&mut client, 400, "Bad Request"),
    };
    let result = forward_to(shared, client, head, leftover, mode, &url);
    // The parsed URL holds the query string a patron may have typed: wipe its text too.
    drop(Zeroizing::new(String::from(url)));
    result
}

fn forward_to(shared: &Shared, mut client: TcpStream, head: &Head, leftover: Zeroizing<Vec<u8>>, mode: Mode, url: &Url) -> io::Result<()> {
    let decision = shared.policy.decide_url(url, mode, Purpose::Subresource);
    if decision.verdict != Verdict::Allow {
        shared.stats.refused.fetch_add(1, Ordering::Relaxed);
        log::event("proxy", format_args!("refused a plain-http request ({})", decision.reason));
        return reply(&mut client, 403, "Forbidden");
    }
    if head.is_chunked() {
        // Browsers send form bodies with a length; a streamed body is refused rather than guessed at.
        return reply(&mut client, 411, "Length Required");
    }
    let Some(body_length) = head.content_length() else {
        return reply(&mut client, 400, "Bad Request");
    };
    let (Some(host), port) = (url.host_str(), url.port_or_known_default().unwrap_or(80)) else {
        return reply(&mut client, 400, "Bad Request");
    };
    // SafeSearch: the locked host's address; the `Host` header keeps the approved URL's name.
    let host = decision.connect_instead().map_or_else(|| host.trim_end_matches('.').to_string(), str::to_string);
    let mut upstream = match resolve::connect(&shared.hosts, &host, port, CONNECT_TIMEOUT) {
        Ok(stream) => stream,
        Err(err) => {
            log::event("proxy", format_args!("could not reach an allowed host: {err}"));
            return reply(&mut client, 502, "Bad Gateway");
        }
    };
    upstream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    shared.stats.allowed.fetch_add(1, Ordering::Relaxed);

    let request = http::origin_form_request(head, url);
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

/// Relays bytes both ways until either side closes. Tunnel bytes are TLS: nothing to zeroize.
fn splice(client: TcpStream, upstream: TcpStream) -> io::Result<()> {
    let (mut client_read, mut upstream_write) = (client.try_clone()?, upstream.try_clone()?);
    let outbound = thread::Builder::new().name("proxy-splice".into()).spawn(move || {
        let _ = io::copy(&mut client_read, &mut upstream_write);
        let _ = upstream_write.shutdown(Shutdown::Write);
    })?;
    let (mut upstream_read, mut client_write) = (upstream, client);
    let _ = io::copy(&mut upstream_read, &mut client_write);
    let _ = client_write.shutdown(Shutdown::Both);
    let _ = upstream_read.shutdown(Shutdown::Both);
    let _ = outbound.join();
    Ok(())
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
