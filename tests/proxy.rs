//! The filtering proxy on loopback: allowed traffic reaches its test site, refused traffic never
//! reaches the refused host's site — not even a TCP connection.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use common::site::{Reply, TestSite};
use common::websocket;
use guichet::policy::{Mode, Policy, PublicSuffixes};
use guichet::proxy::{ModeCell, Proxy, Stats};
use guichet::source::SourceFile;

struct Setup {
    proxy: Proxy,
    stats: Arc<Stats>,
    mode: Arc<ModeCell>,
    site: TestSite,
    evil: TestSite,
    adviser: TestSite,
    paths: TestSite,
}

fn setup() -> Setup {
    setup_with(policy())
}

fn policy() -> Policy {
    let text = std::fs::read_to_string(common::fixture("proxy-sites.toml")).unwrap();
    Policy::build(&[SourceFile::new("proxy-sites.toml", text)], PublicSuffixes::bundled().unwrap()).unwrap()
}

fn setup_with(policy: Policy) -> Setup {
    let echo = |r: &common::site::Recorded| Reply::html(&format!("{} {}", r.method, r.target));
    let site = TestSite::start(echo);
    let evil = TestSite::start(echo);
    let adviser = TestSite::start(echo);
    let paths = TestSite::start(echo);
    let hosts: BTreeMap<String, SocketAddr> = [
        ("site.guichet.test", site.address),
        ("evil.guichet.test", evil.address),
        ("conseil.guichet.test", adviser.address),
        ("chemins.guichet.test", paths.address),
        // Ad and tracker hosts (see `ad_and_tracker_hosts_are_never_contacted`).
        ("ads.guichet.test", evil.address),
        ("pixel.site.guichet.test", evil.address),
    ]
    .into_iter()
    .map(|(h, a)| (h.to_string(), a))
    .collect();
    let mode = Arc::new(ModeCell::new(Mode::Citizen));
    let stats = Arc::new(Stats::default());
    let proxy = Proxy::start(Arc::new(policy), Arc::clone(&mode), hosts, Arc::clone(&stats)).unwrap();
    Setup { proxy, stats, mode, site, evil, adviser, paths }
}

/// Sends raw bytes to the proxy and returns everything it answers until it closes.
fn exchange(proxy: &Proxy, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(proxy.address()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn plain_http_to_an_allowed_host_is_relayed_with_a_clean_head() {
    let s = setup();
    let answer = exchange(
        &s.proxy,
        b"GET http://site.guichet.test/page?q=1 HTTP/1.1\r\nHost: evil.guichet.test\r\nProxy-Connection: keep-alive\r\n\
          Proxy-Authorization: x\r\nCookie: a=b\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("GET /page?q=1"), "{answer}");
    let seen = s.site.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("host"), Some("site.guichet.test"), "Host comes from the approved URL");
    assert_eq!(seen[0].header("connection"), Some("close"));
    assert_eq!(seen[0].header("cookie"), Some("a=b"));
    assert!(seen[0].header("proxy-connection").is_none() && seen[0].header("proxy-authorization").is_none());
    assert_eq!(s.evil.connections(), 0);
}

#[test]
fn a_form_body_reaches_the_site_exactly() {
    let s = setup();
    let body = "nom=Dupont&numero=1234567890123";
    let request = format!(
        "POST http://site.guichet.test/form HTTP/1.1\r\nHost: site.guichet.test\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let answer = exchange(&s.proxy, request.as_bytes());
    assert!(answer.ends_with("POST /form"), "{answer}");
    assert_eq!(s.site.requests()[0].body, body.as_bytes());
}

#[test]
fn refused_hosts_are_never_contacted() {
    let s = setup();
    let cases: [&[u8]; 5] = [
        b"GET http://evil.guichet.test/ HTTP/1.1\r\nHost: evil.guichet.test\r\n\r\n",
        b"CONNECT evil.guichet.test:443 HTTP/1.1\r\nHost: evil.guichet.test:443\r\n\r\n",
        b"CONNECT site.guichet.test.evil.guichet.test:443 HTTP/1.1\r\n\r\n",
        b"CONNECT site.guichet.test@evil.guichet.test:443 HTTP/1.1\r\n\r\n",
        b"GET http://site.guichet.test@evil.guichet.test/ HTTP/1.1\r\n\r\n",
    ];
    for request in cases {
        let answer = exchange(&s.proxy, request);
        assert!(answer.starts_with("HTTP/1.1 403") || answer.starts_with("HTTP/1.1 400"), "{answer}");
    }
    assert_eq!(s.evil.connections(), 0);
    assert_eq!(s.site.connections(), 0);
}

/// EasyList and EasyPrivacy style lists: the ad and tracker hosts get no connection, in any
/// mode, while an allowlisted host the lists also name (no more precisely) stays reachable.
#[test]
fn ad_and_tracker_hosts_are_never_contacted() {
    let dir = tempfile::tempdir().unwrap();
    let ads = dir.path().join("easylist.txt");
    let trackers = dir.path().join("easyprivacy.txt");
    std::fs::write(&ads, "[Adblock Plus 2.0]\n||ads.guichet.test^\n||site.guichet.test^$third-party\n").unwrap();
    std::fs::write(&trackers, "[Adblock Plus 1.1]\n||pixel.site.guichet.test^\n").unwrap();
    let set = guichet::ads::compile(&[
        guichet::ads::ListSource { path: ads, kind: guichet::ads::ListKind::Ads },
        guichet::ads::ListSource { path: trackers, kind: guichet::ads::ListKind::Trackers },
    ])
    .unwrap();
    let s = setup_with(policy().with_ads(Arc::new(set)));
    for mode in [Mode::Citizen, Mode::Minor, Mode::Assisted] {
        s.mode.set(mode);
        for request in [
            &b"CONNECT ads.guichet.test:443 HTTP/1.1\r\nHost: ads.guichet.test:443\r\n\r\n"[..],
            b"CONNECT pixel.site.guichet.test:443 HTTP/1.1\r\n\r\n",
            b"GET http://pixel.site.guichet.test/p.gif HTTP/1.1\r\nHost: pixel.site.guichet.test\r\n\r\n",
            b"GET ws://ads.guichet.test/socket HTTP/1.1\r\nHost: ads.guichet.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
              Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        ] {
            let answer = exchange(&s.proxy, request);
            assert!(answer.starts_with("HTTP/1.1 403"), "{mode}: {answer}");
        }
    }
    assert_eq!(s.evil.connections(), 0);
    s.mode.set(Mode::Citizen);
    let answer = exchange(&s.proxy, b"GET http://site.guichet.test/page HTTP/1.1\r\nHost: site.guichet.test\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn tunnels_follow_the_mode() {
    let s = setup();
    let connect = b"CONNECT conseil.guichet.test:443 HTTP/1.1\r\nHost: conseil.guichet.test:443\r\n\r\n";
    assert!(exchange(&s.proxy, connect).starts_with("HTTP/1.1 403"));
    assert_eq!(s.adviser.connections(), 0);
    s.mode.set(Mode::Assisted);
    let mut stream = TcpStream::connect(s.proxy.address()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(connect).unwrap();
    // Bytes sent through an open tunnel reach the site untouched.
    let mut established = [0u8; 39];
    stream.read_exact(&mut established).unwrap();
    assert_eq!(&established, b"HTTP/1.1 200 Connection Established\r\n\r\n");
    stream.write_all(b"GET /inside HTTP/1.1\r\nHost: conseil.guichet.test\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.ends_with("GET /inside"), "{answer}");
}

#[test]
fn paths_and_odd_requests_are_refused() {
    let s = setup();
    let path = exchange(&s.proxy, b"GET http://chemins.guichet.test/ailleurs HTTP/1.1\r\n\r\n");
    assert!(path.starts_with("HTTP/1.1 403"), "{path}");
    let ok = exchange(&s.proxy, b"GET http://chemins.guichet.test/ok/page HTTP/1.1\r\n\r\n");
    assert!(ok.ends_with("GET /ok/page"), "{ok}");

    let chunked = exchange(&s.proxy, b"POST http://site.guichet.test/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assert!(chunked.starts_with("HTTP/1.1 411"), "{chunked}");
    let two_lengths = exchange(&s.proxy, b"POST http://site.guichet.test/ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
    assert!(two_lengths.starts_with("HTTP/1.1 400"), "{two_lengths}");
    let origin_form = exchange(&s.proxy, b"GET / HTTP/1.1\r\nHost: site.guichet.test\r\n\r\n");
    assert!(origin_form.starts_with("HTTP/1.1 400"), "{origin_form}");
    let garbage = exchange(&s.proxy, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n");
    assert!(garbage.starts_with("HTTP/1.1 400"), "{garbage}");
    let mut huge = b"GET http://site.guichet.test/ HTTP/1.1\r\nX: ".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 20_000));
    huge.extend_from_slice(b"\r\n\r\n");
    assert!(exchange(&s.proxy, &huge).starts_with("HTTP/1.1 431"));
    // Only the one allowed request reached a site.
    assert_eq!(s.paths.requests().len(), 1);
    assert_eq!(s.site.connections(), 0);
}

/// The RFC 6455 example key, whose accept value is known.
const KEY: &str = "dGhlIHNhbXBsZSBub25jZQ==";

fn handshake(method_and_target: &str, host: &str) -> String {
    format!(
        "{method_and_target} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Proxy-Connection: keep-alive\r\nSec-WebSocket-Key: {KEY}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://{host}\r\n\r\n"
    )
}

/// Sends a handshake through the proxy; returns the answer's head and the open stream with any
/// bytes read past the head.
fn open_websocket(proxy: &Proxy, request: &str) -> (String, TcpStream, Vec<u8>) {
    let mut stream = TcpStream::connect(proxy.address()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut read = Vec::new();
    let mut chunk = [0u8; 1024];
    while !read.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => read.extend_from_slice(&chunk[..n]),
        }
    }
    let end = read.windows(4).position(|w| w == b"\r\n\r\n").map_or(read.len(), |p| p + 4);
    let rest = read.split_off(end);
    (String::from_utf8_lossy(&read).into_owned(), stream, rest)
}

#[test]
fn the_test_websocket_server_computes_the_rfc_accept_key() {
    assert_eq!(websocket::accept_key(KEY), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

#[test]
fn a_plain_websocket_to_an_allowed_host_is_relayed_both_ways() {
    let s = setup();
    // WebKit (libsoup) names the socket by its ws: URL; other clients use the http: form.
    for target in ["GET ws://site.guichet.test/chat?room=1", "GET http://site.guichet.test/chat?room=1"] {
        let (head, mut stream, mut rest) = open_websocket(&s.proxy, &handshake(target, "site.guichet.test"));
        assert!(head.starts_with("HTTP/1.1 101"), "{target}: {head}");
        assert!(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "{head}");
        for text in ["bonjour", &"x".repeat(70_000)] {
            stream.write_all(&websocket::client_text(text)).unwrap();
            let (opcode, payload) = websocket::read_frame(&mut stream, &mut rest).expect("an answer frame");
            assert_eq!((opcode, payload), (1, format!("echo:{text}").into_bytes()));
        }
    }
    let seen = s.site.requests();
    assert_eq!(seen.len(), 2);
    for request in seen {
        assert_eq!((request.method.as_str(), request.target.as_str()), ("GET", "/chat?room=1"));
        assert_eq!(request.header("host"), Some("site.guichet.test"));
        assert_eq!(request.header("upgrade"), Some("websocket"));
        assert_eq!(request.header("connection"), Some("Upgrade"));
        assert_eq!(request.header("sec-websocket-key"), Some(KEY));
        assert_eq!(request.header("origin"), Some("http://site.guichet.test"));
        assert!(request.header("proxy-connection").is_none());
    }
    assert_eq!(s.stats.refused.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[test]
fn websockets_follow_the_policy_and_every_refusal_is_counted() {
    let s = setup();
    let refused = [
        (handshake("GET ws://evil.guichet.test/chat", "evil.guichet.test"), "HTTP/1.1 403"),
        (handshake("GET http://evil.guichet.test/chat", "evil.guichet.test"), "HTTP/1.1 403"),
        (handshake("GET ws://site.guichet.test@evil.guichet.test/", "evil.guichet.test"), "HTTP/1.1 403"),
        (handshake("GET ws://chemins.guichet.test/ailleurs", "chemins.guichet.test"), "HTTP/1.1 403"),
        (handshake("GET ws://conseil.guichet.test/", "conseil.guichet.test"), "HTTP/1.1 403"),
        // Not a handshake: a ws: URL without an upgrade, a handshake with a body, or by POST.
        ("GET ws://site.guichet.test/chat HTTP/1.1\r\nHost: site.guichet.test\r\n\r\n".to_string(), "HTTP/1.1 400"),
        (handshake("POST ws://site.guichet.test/chat", "site.guichet.test").replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n"), "HTTP/1.1 400"),
        (handshake("GET ws://site.guichet.test/chat", "site.guichet.test").replace("\r\n\r\n", "\r\nContent-Length: 2\r\n\r\nab"), "HTTP/1.1 400"),
        // Schemes the proxy does not carry as absolute URLs.
        (handshake("GET wss://site.guichet.test/chat", "site.guichet.test"), "HTTP/1.1 400"),
        (handshake("GET https://site.guichet.test/chat", "site.guichet.test"), "HTTP/1.1 400"),
    ];
    for (request, status) in &refused {
        let answer = exchange(&s.proxy, request.as_bytes());
        assert!(answer.starts_with(status), "{request}\n{answer}");
    }
    assert_eq!(s.stats.refused.load(std::sync::atomic::Ordering::SeqCst), refused.len() as u64, "each refusal is counted and logged");
    assert_eq!(s.evil.connections() + s.site.connections() + s.adviser.connections(), 0);
    assert_eq!(s.paths.connections(), 0);

    // The same sockets pass where the policy allows them.
    let (head, _, _) = open_websocket(&s.proxy, &handshake("GET ws://chemins.guichet.test/ok/chat", "chemins.guichet.test"));
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    s.mode.set(Mode::Assisted);
    let (head, _, _) = open_websocket(&s.proxy, &handshake("GET ws://conseil.guichet.test/", "conseil.guichet.test"));
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
}

#[test]
fn a_server_that_declines_the_handshake_ends_the_connection() {
    let s = setup();
    // Without a key the test server closes without answering: the proxy says 502 and closes, so
    // the connection cannot be reused for a request the policy never saw.
    let request = handshake("GET ws://site.guichet.test/chat", "site.guichet.test").replace(&format!("Sec-WebSocket-Key: {KEY}\r\n"), "");
    let answer = exchange(&s.proxy, request.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 502"), "{answer}");
    assert_eq!(s.site.requests().len(), 1);
}

/// Minor mode: a search host is served by its SafeSearch stand-in (the unfiltered one gets no
/// connection) while the client keeps its own host name; blocked categories and unlockable
/// search engines never get a connection.
#[test]
fn safesearch_hosts_are_reached_at_their_locked_twin() {
    use guichet::config::Config;

    let dir = tempfile::tempdir().unwrap();
    let policy = Config::load_file(&common::minor_config(dir.path(), None)).unwrap().load_policy().unwrap();
    let echo = |r: &common::site::Recorded| Reply::html(&format!("{} {} host={}", r.method, r.target, r.header("host").unwrap_or("")));
    let (google, safe, adult, qwant) = (TestSite::start(echo), TestSite::start(echo), TestSite::start(echo), TestSite::start(echo));
    let hosts: BTreeMap<String, SocketAddr> = [
        ("www.google.fr", google.address),
        ("forcesafesearch.google.com", safe.address),
        ("xxx-videos-exemple.com", adult.address),
        ("www.qwant.com", qwant.address),
    ]
    .into_iter()
    .map(|(h, a)| (h.to_string(), a))
    .collect();
    let mode = Arc::new(ModeCell::new(Mode::Minor));
    let proxy = Proxy::start(Arc::new(policy), Arc::clone(&mode), hosts, Arc::new(Stats::default())).unwrap();

    let mut stream = TcpStream::connect(proxy.address()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(b"CONNECT www.google.fr:443 HTTP/1.1\r\nHost: www.google.fr:443\r\n\r\n").unwrap();
    let mut established = [0u8; 39];
    stream.read_exact(&mut established).unwrap();
    assert_eq!(&established, b"HTTP/1.1 200 Connection Established\r\n\r\n");
    stream.write_all(b"GET /search?q=volcan HTTP/1.1\r\nHost: www.google.fr\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.ends_with("GET /search?q=volcan host=www.google.fr"), "{answer}");

    let plain = exchange(&proxy, b"GET http://www.google.fr/search?q=x HTTP/1.1\r\nHost: www.google.fr\r\n\r\n");
    assert!(plain.ends_with("GET /search?q=x host=www.google.fr"), "{plain}");
    assert_eq!(safe.requests().len(), 2);
    assert_eq!(google.connections(), 0, "the unfiltered engine is never contacted");

    for refused in [&b"CONNECT xxx-videos-exemple.com:443 HTTP/1.1\r\n\r\n"[..], b"CONNECT www.qwant.com:443 HTTP/1.1\r\n\r\n",
        b"GET http://www.xxx-videos-exemple.com/ HTTP/1.1\r\n\r\n"] {
        let answer = exchange(&proxy, refused);
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    }
    assert_eq!((adult.connections(), qwant.connections()), (0, 0));

    // The same machine in citizen mode: the search engine is not on any allowlist.
    mode.set(Mode::Citizen);
    assert!(exchange(&proxy, b"CONNECT www.google.fr:443 HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 403"));
    assert_eq!(safe.connections(), 2);
}
