//! The local sites the end-to-end tests browse: an HTTPS stand-in for `www.caf.fr` with its own
//! certificate, a plain-http test site full of tricks, a refused site that must never be
//! contacted, and an identity provider for a popup login.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::kiosk::Options;
use super::site::{Recorded, Reply, TestSite, Wrap};

/// Page colours the screenshots look for.
pub const CAF_COLOUR: (u8, u8, u8) = (0xff, 0xd5, 0x4f);
pub const INDEX_COLOUR: (u8, u8, u8) = (0x2e, 0x7d, 0x32);
pub const TARGET_COLOUR: (u8, u8, u8) = (0x00, 0x83, 0x8f);
/// The colour of `/video`'s frames (VP8 keeps it within a few units).
pub const VIDEO_COLOUR: (u8, u8, u8) = (0x00, 0xc0, 0x00);
/// What `/canvas` paints with a 2D canvas over the whole page (the page itself is white).
pub const CANVAS_COLOUR: (u8, u8, u8) = (0xef, 0x6c, 0x00);
/// The background of a notice in the bar (`.notice` in chrome.css).
pub const NOTICE_BLUE: (u8, u8, u8) = (0xe8, 0xed, 0xff);
/// `--danger` in common.css: the blocked page's stop icon, "Terminer ma session" and the
/// confirmation's "Oui, terminer".
pub const STOP_RED: (u8, u8, u8) = (0xb0, 0x14, 0x1a);

pub struct Sites {
    pub caf: TestSite,
    pub site: TestSite,
    pub evil: TestSite,
    pub idp: TestSite,
    pub certificate: PathBuf,
    pub list: PathBuf,
    /// Holds the certificate and the allowlist: removed with the sites, kept after a failure.
    dir: PathBuf,
}

impl Drop for Sites {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sites {
    pub fn start(dir: &Path) -> Sites {
        std::fs::create_dir_all(dir).unwrap();
        let (wrap, certificate) = tls_for("www.caf.fr", dir);
        let caf = TestSite::start_wrapped(wrap, |r| match r.path() {
            "/" => Reply::html(&page(CAF_COLOUR, "<h1>CAF (test)</h1>", "caf-loaded")),
            _ => Reply::new(204, "text/plain", b""),
        });
        let site = TestSite::start(site_routes);
        let evil = TestSite::start(|_| Reply::html(&page((0, 0, 0), "<h1>evil</h1>", "evil-loaded")));
        let idp = TestSite::start(idp_routes);
        let list = dir.join("e2e-sites.toml");
        std::fs::copy(super::fixture("e2e-sites.toml"), &list).unwrap();
        Sites { caf, site, evil, idp, certificate, list, dir: dir.to_path_buf() }
    }

    pub fn options(&self) -> Options<'static> {
        Options {
            hosts: vec![
                ("www.caf.fr", self.caf.address),
                ("site.guichet.test", self.site.address),
                ("evil.guichet.test", self.evil.address),
                ("idp.guichet.test", self.idp.address),
            ],
            certificates: vec![("www.caf.fr", self.certificate.clone())],
            lists: vec![self.list.clone()],
            extra: "[downloads]\nmax_size_mb = 1\n".into(),
            ..Options::default()
        }
    }
}

/// How many times `site` received the report `e=name` from one of its pages.
pub fn reports(site: &TestSite, name: &str) -> usize {
    site.requests().iter().filter(|r| r.target == format!("/report?e={name}")).count()
}

/// Reports of `site` whose name starts with `prefix`.
pub fn reports_starting(site: &TestSite, prefix: &str) -> Vec<String> {
    site.requests()
        .iter()
        .filter_map(|r| r.target.strip_prefix("/report?e=").filter(|e| e.starts_with(prefix)).map(str::to_string))
        .collect()
}

/// A full-window page of one colour that reports itself once loaded.
pub fn page(colour: (u8, u8, u8), body: &str, report: &str) -> String {
    let (r, g, b) = colour;
    format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8><style>html,body{{margin:0;height:100%;\
         background:rgb({r},{g},{b});font:24px sans-serif;color:#fff}}\
         .zone{{position:fixed;left:0;width:100%;height:110px;display:block;color:#fff;border:0;\
         font:28px sans-serif;text-align:center;line-height:110px;text-decoration:none}}</style></head>\
         <body>{body}<script>fetch('/report?e={report}');</script></body></html>"
    )
}

fn site_routes(request: &Recorded) -> Reply {
    match request.path() {
        "/" => Reply::html(&page(
            INDEX_COLOUR,
            "<a class=zone style='top:0;background:#1565c0' target=_blank href='http://site.guichet.test/target?via=blank'>_blank</a>\
             <button class=zone style='top:120px;background:#6a1b9a' onclick=\"window.open('http://site.guichet.test/target?via=open')\">open</button>\
             <a class=zone style='top:240px;background:#c62828' href='http://evil.guichet.test/page'>evil</a>\
             <a class=zone style='top:360px;background:#4e342e' href='/attestation.pdf'>pdf</a>\
             <a class=zone style='top:480px;background:#37474f' href='/setup.exe'>exe</a>\
             <script>addEventListener('pagehide', () => navigator.sendBeacon('/report?e=index-left'));</script>",
            "index-loaded",
        )),
        // One link over the whole page, to an allowed host that accepts and never answers.
        "/slow" => Reply::html(&page(
            INDEX_COLOUR,
            "<a class=zone style='top:0;height:100%;background:#1565c0' href='http://silent.guichet.test/wait'>attendre</a>",
            "slow-loaded",
        )),
        // A 2D canvas over the whole page, filled by script (WebKit paints it on the CPU).
        "/canvas" => Reply::html(&page(
            (0xff, 0xff, 0xff),
            "<canvas id=c style='position:fixed;inset:0;width:100vw;height:100vh'></canvas><script>\
             const c = document.getElementById('c'); c.width = innerWidth; c.height = innerHeight;\
             const g = c.getContext('2d'); g.fillStyle = '#ef6c00'; g.fillRect(0, 0, c.width, c.height);</script>",
            "canvas-drawn",
        )),
        // A VP8 video over the whole page (2 s of plain green, looped), started by a click on
        // it: the content view lets no media play without a gesture. Made with `gst-launch-1.0
        // videotestsrc num-buffers=50 pattern=solid-color foreground-color=0xff00c000 !
        // video/x-raw,width=160,height=120,framerate=25/1 ! vp8enc ! webmmux ! filesink`.
        "/video" => Reply::html(&page(
            (0xff, 0xff, 0xff),
            "<video id=v src='/green.webm' muted loop playsinline style='position:fixed;inset:0;width:100vw;height:100vh;object-fit:fill'></video><script>\
             const v = document.getElementById('v'); let told = false;\
             addEventListener('click', () => v.play().then(() => fetch('/report?e=video-playing'), e => fetch('/report?e=video-refused-' + e.name)));\
             v.addEventListener('timeupdate', () => { if (!told && v.currentTime > 0.5) { told = true; fetch('/report?e=video-advanced'); } });\
             v.addEventListener('error', () => fetch('/report?e=video-error-' + (v.error && v.error.code)));</script>",
            "video-page",
        )),
        "/green.webm" => Reply::new(200, "video/webm", include_bytes!("../fixtures/media/green.webm")),
        "/target" => Reply::html(&page(TARGET_COLOUR, "<h1>target</h1>", &format!("target-{}", query(request, "via")))),
        "/subresources" => Reply::html(&page(
            INDEX_COLOUR,
            "<p class=zone style='top:300px;background:#37474f' title='Une aide au survol'>aide</p>\
             <img src='http://evil.guichet.test/pixel.png'><img src='https://evil.guichet.test/pixel-tls.png'>\
             <link rel=stylesheet href='http://evil.guichet.test/style.css'>\
             <script src='http://evil.guichet.test/script.js'></script>\
             <iframe src='http://evil.guichet.test/frame'></iframe><iframe src='https://evil.guichet.test/frame-tls'></iframe>\
             <script>\
               navigator.sendBeacon('http://evil.guichet.test/beacon', 'x');\
               const settle = (p) => p.then(() => 'reached', () => 'refused');\
               const socket = new Promise((done) => { try { const ws = new WebSocket('ws://evil.guichet.test/ws');\
                 ws.onopen = () => done('reached'); ws.onerror = () => done('refused'); } catch (e) { done('refused'); }\
                 setTimeout(() => done('timeout'), 4000); });\
               const echo = new Promise((done) => { try { const ws = new WebSocket('ws://site.guichet.test/chat');\
                 ws.onopen = () => ws.send('bonjour'); ws.onerror = () => done('error');\
                 ws.onmessage = (m) => { done(m.data === 'echo:bonjour' ? 'echoed' : 'garbled'); ws.close(); };\
                 } catch (e) { done('error'); } setTimeout(() => done('timeout'), 8000); });\
               Promise.all([settle(fetch('http://evil.guichet.test/fetch')), settle(fetch('https://evil.guichet.test/fetch-tls')), socket, echo])\
                 .then((r) => fetch('/report?e=sub-done-' + r.join('-')));\
             </script>",
            "sub-loaded",
        )),
        // Ads and trackers on an allowed page (lists: tests/fixtures/adblock/): none is requested.
        "/ads" => Reply::html(&page(
            INDEX_COLOUR,
            "<script src='https://ads.guichet.test/ad.js'></script><img src='http://ads.guichet.test/banner.png'>\
             <iframe src='http://ads.guichet.test/frame'></iframe>\
             <img src='http://stats.site.guichet.test/pixel.gif'><script src='http://stats.site.guichet.test/smarttag.js'></script>\
             <script>const settle = (p) => p.then(() => 'reached', () => 'refused');\
               Promise.all([settle(fetch('https://ads.guichet.test/fetch')), settle(fetch('http://stats.site.guichet.test/collect'))])\
                 .then((r) => fetch('/report?e=ads-done-' + r.join('-')));</script>",
            "ads-loaded",
        )),
        "/login" => Reply::html(&page(
            INDEX_COLOUR,
            "<button class=zone style='top:120px;background:#6a1b9a' \
             onclick=\"window.open('http://idp.guichet.test/authorize?back=http://site.guichet.test/callback','login','width=400')\">login</button>",
            "login-loaded",
        )),
        "/upload" => Reply::html(&page(
            INDEX_COLOUR,
            "<input id=f type=file style='position:fixed;top:0;left:0;width:100%;height:200px;font-size:40px'>\
             <script>document.getElementById('f').addEventListener('change', async (e) => {\
               const file = e.target.files[0]; const text = file ? await file.text() : '';\
               fetch('/report?e=picked-' + (file ? file.name + '-' + text.length : 'none'));\
             });</script>",
            "upload-loaded",
        )),
        // Web content trying to talk to Guichet's privileged side, from the page and from a frame.
        "/ipc" => Reply::html(&page(
            INDEX_COLOUR,
            "<iframe src='http://idp.guichet.test/ipc-frame'></iframe>\
             <script>for (const cmd of ['end', 'ask-end', 'home', 'start']) {\
               try { window.ipc && window.ipc.postMessage(JSON.stringify({cmd})); } catch (e) {}\
               try { window.webkit.messageHandlers.ipc.postMessage(JSON.stringify({cmd})); } catch (e) {}\
             } setTimeout(() => fetch('/report?e=ipc-tried'), 1500);</script>",
            "ipc-loaded",
        )),
        // Asks for fullscreen when its zone is clicked (a user gesture) and reports what it was
        // told: fs-<fullscreenEnabled>-<promise outcome>-<fullscreenerror fired>-<element>.
        "/fullscreen" => Reply::html(&page(
            INDEX_COLOUR,
            "<button id=go class=zone style='top:0;background:#1565c0'>fullscreen</button>\
             <script>let error = 'no-event';\
             document.addEventListener('fullscreenerror', () => { error = 'event'; });\
             document.getElementById('go').addEventListener('click', async () => {\
               let outcome;\
               try { await document.documentElement.requestFullscreen(); outcome = 'granted'; } catch (e) { outcome = 'refused'; }\
               await new Promise((r) => setTimeout(r, 300));\
               fetch('/report?e=fs-' + document.fullscreenEnabled + '-' + outcome + '-' + error + '-' + (document.fullscreenElement ? 'element' : 'none'));\
             });</script>",
            "fullscreen-loaded",
        )),
        // A document the site makes itself and shows at a blob: address.
        "/blob" => Reply::html(&page(
            INDEX_COLOUR,
            "<script>setTimeout(() => { const doc = new Blob(['<h1>attestation</h1>'], { type: 'text/html' });\
             location.href = URL.createObjectURL(doc); }, 300);</script>",
            "blob-loaded",
        )),
        // A page that tries to make Guichet show a refusal it never made.
        "/forge" => Reply::html(&page(
            INDEX_COLOUR,
            "<iframe src='guichet://app/blocked?host=impots.gouv.fr&amp;reason=not-allowlisted'></iframe>\
             <script>setTimeout(() => { location.href = 'guichet://app/blocked?host=impots.gouv.fr&reason=not-allowlisted'; }, 300);\
             setTimeout(() => { window.open('guichet://app/unreachable?retry=https://evil.guichet.test/'); }, 600);</script>",
            "forge-loaded",
        )),
        "/callback" => Reply::html(&page(TARGET_COLOUR, "<h1>connected</h1>", &format!("logged-in-{}", query(request, "code")))),
        "/attestation.pdf" => Reply::new(200, "application/pdf", PDF)
            .with_header("Content-Disposition", "attachment; filename=\"attestation.pdf\""),
        "/setup.exe" => Reply::new(200, "application/x-msdownload", b"MZ\x90\x00not really a program")
            .with_header("Content-Disposition", "attachment; filename=\"setup.exe\""),
        _ => Reply::new(204, "text/plain", b""),
    }
}

fn idp_routes(request: &Recorded) -> Reply {
    match (request.method.as_str(), request.path()) {
        ("GET", "/authorize") => Reply::html(&page(
            CAF_COLOUR,
            "<form method=post action='/login'><input type=hidden name=back value='http://site.guichet.test/callback'>\
             <button class=zone style='top:120px;background:#283593'>se connecter</button></form>",
            "idp-loaded",
        )),
        ("GET", "/ipc-frame") => Reply::html(
            "<script>try { window.webkit.messageHandlers.ipc.postMessage('{\"cmd\":\"end\"}'); } catch (e) {}</script>",
        ),
        ("POST", "/login") => Reply::new(302, "text/plain", b"").with_header("Location", "http://site.guichet.test/callback?code=xyz"),
        _ => Reply::new(204, "text/plain", b""),
    }
}

fn query(request: &Recorded, key: &str) -> String {
    request
        .target
        .split_once('?')
        .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix(&format!("{key}="))))
        .unwrap_or_default()
        .to_string()
}

/// A tiny but valid PDF, so the bytes on disk can be compared.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n\
trailer<</Root 1 0 R>>\n%%EOF\n";

/// A TLS acceptor with a fresh self-signed certificate for `host`, and that certificate's PEM file.
fn tls_for(host: &str, dir: &Path) -> (Arc<Wrap>, PathBuf) {
    let certified = rcgen::generate_simple_self_signed(vec![host.to_string()]).unwrap();
    let pem = dir.join(format!("{host}.pem"));
    std::fs::write(&pem, certified.cert.pem()).unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.key_pair.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    let config = Arc::new(config);
    let wrap: Arc<Wrap> = Arc::new(move |tcp| {
        let connection = rustls::ServerConnection::new(Arc::clone(&config)).ok()?;
        Some(Box::new(rustls::StreamOwned::new(connection, tcp)) as Box<dyn super::site::ReadWrite>)
    });
    (wrap, pem)
}
