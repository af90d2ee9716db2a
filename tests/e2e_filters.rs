//! End to end: WebKit's content filters in the real kiosk. A page on an allowed host loads
//! resources that only a path rule of the filter lists refuses (the proxy cannot see paths over
//! HTTPS, nor would it here): the test server never gets them, while it gets the page, its other
//! resources and the one a list's exception keeps; a hiding rule hides an element. Then the
//! compiled store is damaged: the next session still loads the page, by host blocking only, and
//! says so in one log line.
#![cfg(feature = "shell")]

mod common;

use std::time::{Duration, Instant};

use common::kiosk::{Kiosk, Options};
use common::site::{Recorded, Reply, TestSite};
use common::sites::{self, reports_starting, Sites};
use guichet::control::{Reply as CtlReply, Request};
use guichet::status::{State, ViewKind};

/// A 1×1 PNG.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0x0f,
    0x04, 0x00, 0x09, 0xfb, 0x03, 0xfd, 0xe3, 0x55, 0xf2, 0x9c, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The page: two resources a path rule refuses, one a host rule refuses, one an exception keeps,
/// one nothing names, an element a generic hiding rule hides and one a rule for the site's parent
/// domain hides. Once everything settled, it reports the computed `display` of both and of one no
/// rule names.
const PAGE: &str = "<!doctype html><html><head><meta charset='utf-8'><title>Filtres</title></head>\
<body style='margin:0;background:#6a1b9a'>\
<div class='pub-banner' id='ad'>Publicité</div><div class='encart' id='site-ad'>Encart</div>\
<div class='contenu' id='kept'>Contenu</div>\
<img src='/banner/ads/pixel.png'><img src='/images/ok.png'><img src='/collect/pixel.gif'>\
<script src='/banner/ads/script.js'></script><script src='/lib/smarttag.js'></script>\
<script src='http://ads.guichet.test/ad.js'></script>\
<script>addEventListener('load', () => setTimeout(() => {\
  const shown = (id) => getComputedStyle(document.getElementById(id)).display;\
  fetch('/report?e=filters-' + shown('ad') + '-' + shown('site-ad') + '-' + shown('kept'));\
}, 300));</script></body></html>";

fn routes(request: &Recorded) -> Reply {
    match request.path() {
        "/filters" => Reply::html(PAGE),
        path if path.ends_with(".png") || path.ends_with(".gif") => Reply::new(200, "image/png", PIXEL),
        path if path.ends_with(".js") => Reply::new(200, "text/javascript", b"window.loaded = (window.loaded || 0) + 1;"),
        _ => Reply::new(204, "text/plain", b""),
    }
}

fn wait_until(what: &str, kiosk: &Kiosk, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if condition() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}\n--- log\n{}", kiosk.log());
}

fn got(site: &TestSite, path: &str) -> usize {
    site.requests().iter().filter(|r| r.path() == path).count()
}

/// Opens the page and waits for its report; returns it (`filters-none-none-block`: hidden twice,
/// shown).
fn open_page(kiosk: &Kiosk, site: &TestSite) -> String {
    let before = reports_starting(site, "filters-").len();
    kiosk.open("http://site.guichet.test/filters");
    wait_until("the page's report", kiosk, || reports_starting(site, "filters-").len() > before);
    kiosk.wait_for("the page", Duration::from_secs(10), |s| s.view == Some(ViewKind::Web));
    // Whatever the page still loads after its report.
    std::thread::sleep(Duration::from_millis(500));
    reports_starting(site, "filters-").pop().unwrap_or_default()
}

#[test]
fn content_filters_refuse_paths_and_hide_elements_and_a_damaged_store_falls_back_to_hosts() {
    let dir = std::env::temp_dir().join(format!("guichet-e2e-sites-filters-{}", std::process::id()));
    let sites = Sites::start(&dir);
    let site = TestSite::start(routes);
    let cache = dir.join("adblock.cache");
    let options = Options {
        hosts: vec![("site.guichet.test", site.address), ("ads.guichet.test", sites.evil.address)],
        lists: vec![sites.list.clone()],
        extra: format!(
            "[adblock]\nad_lists = [{:?}]\ntracker_lists = [{:?}]\ncache = {:?}\n",
            common::fixture("adblock/content-easylist.txt").display().to_string(),
            common::fixture("adblock/content-easyprivacy.txt").display().to_string(),
            cache.display().to_string(),
        ),
        ..Options::default()
    };
    let kiosk = Kiosk::start("filters", options);
    // `guichet run` wrote the rules; its child has WebKit compile them, behind the patron's back.
    kiosk.wait_content_filters();
    assert!(kiosk.log().contains("2 content filters compiled by WebKit"), "{}", kiosk.log());

    assert_eq!(open_page(&kiosk, &site), "filters-none-none-block", "the hiding rules hide their elements, and only them");
    for refused in ["/banner/ads/pixel.png", "/banner/ads/script.js", "/collect/pixel.gif"] {
        assert_eq!(got(&site, refused), 0, "{refused} is refused in the page: {:?}", site.requests());
    }
    for loaded in ["/filters", "/images/ok.png", "/lib/smarttag.js"] {
        assert_eq!(got(&site, loaded), 1, "{loaded} loads (the last one by the list's exception)");
    }
    assert_eq!(sites.evil.connections(), 0, "the ad host is refused by the proxy");
    // Guichet's own pages (`guichet:`) are never filtered: the blocked page keeps its stylesheet
    // and its stop icon, which the test list would refuse and hide on any other page.
    kiosk.open("http://evil.guichet.test/");
    kiosk.wait_for("the blocked page", Duration::from_secs(10), |s| s.view == Some(ViewKind::Blocked));
    let top = kiosk.content_top() as u32;
    kiosk.wait_screen("the stop icon", Duration::from_secs(20), |shot| shot.count((0, top, shot.width, shot.height), sites::STOP_RED, 6) > 1000);
    let log = kiosk.log();
    assert!(log.contains("2 content filters loaded in "), "{log}");
    // WebKit refused the ad host's script before it reached the proxy.
    assert!(!log.contains("proxy: refused a plain-http request (ad)"), "{log}");

    // A damaged store: the next session refuses it and runs with host blocking only.
    let store = std::fs::canonicalize(dir.join("adblock-webkit")).unwrap();
    damage(&store.join("ContentRuleList-ad"));
    let mark = kiosk.log().len();
    end_session(&kiosk);
    assert_eq!(open_page(&kiosk, &site), "filters-block-block-block", "nothing hidden without the filters");
    assert_eq!(got(&site, "/banner/ads/pixel.png"), 1, "the path is no longer refused");
    assert_eq!(sites.evil.connections(), 0, "host blocking still works");
    let log = kiosk.log();
    assert!(log[mark..].contains("proxy: refused a plain-http request (ad)"), "{log}");
    let fallbacks: Vec<&str> = log[mark..].lines().filter(|l| l.contains("content filters not loaded")).collect();
    assert_eq!(fallbacks.len(), 1, "{log}");
    assert!(fallbacks[0].contains("this session blocks ads and trackers by host only") && fallbacks[0].contains("damaged"), "{}", fallbacks[0]);
    assert_eq!(kiosk.status().view, Some(ViewKind::Web));
}

fn end_session(kiosk: &Kiosk) {
    assert_eq!(kiosk.ctl(Request::EndSession), CtlReply::Ok);
    kiosk.wait_for("the next welcome screen", Duration::from_secs(30), |s| s.state == State::Welcome);
}

/// Flips a byte of a file WebKit compiled (the store is read-only: made writable first).
fn damage(file: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let folder = file.parent().unwrap();
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut bytes = std::fs::read(file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5a;
    std::fs::write(file, bytes).unwrap();
}
