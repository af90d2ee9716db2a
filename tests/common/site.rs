//! Local test sites on 127.0.0.1 that record every connection and request they receive, so a
//! test can prove a refused host was never contacted. Every site also answers WebSocket
//! handshakes with an echo.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Announce the whole body but send only this many bytes of it, then close the connection:
    /// a download cut short.
    pub cut_after: Option<usize>,
}

impl Reply {
    pub fn html(body: &str) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body.as_bytes())
    }

    pub fn new(status: u16, content_type: &str, body: &[u8]) -> Reply {
        Reply { status, content_type: content_type.into(), headers: Vec::new(), body: body.to_vec(), cut_after: None }
    }

    pub fn cut_after(mut self, bytes: usize) -> Reply {
        self.cut_after = Some(bytes);
        self
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Routes = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// Wraps accepted connections (plain TCP, or TLS in the end-to-end tests).
pub type Wrap = dyn Fn(TcpStream) -> Option<Box<dyn ReadWrite>> + Send + Sync;

pub trait ReadWrite: Read + Write + Send {}
impl<T: Read + Write + Send> ReadWrite for T {}

pub struct TestSite {
    pub address: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl TestSite {
    pub fn start(routes: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestSite {
        Self::start_wrapped(Arc::new(|s: TcpStream| Some(Box::new(s) as Box<dyn ReadWrite>)), routes)
    }

    pub fn start_wrapped(wrap: Arc<Wrap>, routes: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestSite {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let routes: Arc<Routes> = Arc::new(routes);
        let (r, c, s) = (Arc::clone(&requests), Arc::clone(&connections), Arc::clone(&stop));
        thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                c.fetch_add(1, Ordering::SeqCst);
                let (r, routes, wrap) = (Arc::clone(&r), Arc::clone(&routes), Arc::clone(&wrap));
                thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
                    if let Some(mut stream) = wrap(stream) {
                        serve(&mut *stream, &r, &*routes);
                    }
                });
            }
        });
        TestSite { address, requests, connections, stop }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// TCP connections accepted, whether or not a request followed.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }
}

impl Drop for TestSite {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The wake-up connection is not counted: the flag is read first.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_millis(200));
    }
}

/// Serves requests on one connection until the client closes it (keep-alive), one at a time.
fn serve(stream: &mut dyn ReadWrite, requests: &Mutex<Vec<Recorded>>, routes: &Routes) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let (recorded, consumed) = loop {
            let parsed = {
                let mut headers = [httparse::EMPTY_HEADER; 64];
                let mut request = httparse::Request::new(&mut headers);
                match request.parse(&buffer) {
                    Ok(httparse::Status::Complete(end)) => Some((
                        request.method.unwrap_or_default().to_string(),
                        request.path.unwrap_or_default().to_string(),
                        request
                            .headers
                            .iter()
                            .map(|h| (h.name.to_string(), String::from_utf8_lossy(h.value).into_owned()))
                            .collect::<Vec<(String, String)>>(),
                        end,
                    )),
                    _ => None,
                }
            };
            if let Some((method, target, headers, end)) = parsed {
                let length: usize = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.trim().parse().ok())
                    .unwrap_or(0);
                while buffer.len() < end + length {
                    match stream.read(&mut chunk) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                let body = buffer[end..end + length].to_vec();
                break (Recorded { method, target, headers, body }, end + length);
            }
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        buffer.drain(..consumed);
        requests.lock().unwrap().push(recorded.clone());
        if recorded.header("upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket")) {
            super::websocket::echo(stream, &recorded, buffer);
            return;
        }
        let reply = routes(&recorded);
        let mut head = format!(
            "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n",
            reply.status,
            reply.content_type,
            reply.body.len()
        );
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let sent = &reply.body[..reply.cut_after.unwrap_or(reply.body.len()).min(reply.body.len())];
        if stream.write_all(head.as_bytes()).is_err() || stream.write_all(sent).is_err() {
            return;
        }
        if reply.cut_after.is_some() {
            let _ = stream.flush();
            return;
        }
        let _ = stream.flush();
        if recorded.header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close")) {
            return;
        }
    }
}
