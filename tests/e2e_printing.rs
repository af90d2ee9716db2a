//! End to end, printing in the real kiosk with a real CUPS (a private cupsd and a cups-pdf
//! queue, see `common::cups`): "Imprimer" in the bar counts the page's pages and asks; once
//! confirmed the PDF arrives from CUPS with the page's text; a page's own `window.print()` goes
//! the same way and "Annuler" prints nothing; a print over the session's pages is refused; and
//! after logout nothing of the jobs is left in CUPS's spool or the session's folder.
#![cfg(feature = "shell")]

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::cups::Cups;
use common::kiosk::{Kiosk, Options};
use common::site::{Reply, TestSite};
use guichet::control::{Reply as CtlReply, Request};
use guichet::status::{State, ViewKind};

/// Words of the printed page, looked for in the PDF CUPS made and never in the log.
const CANARY: &str = "Attestation Quelquefois";

fn wait_until(what: &str, kiosk: &Kiosk, timeout: Duration, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + timeout;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}; {:?}\n--- log\n{}", kiosk.save_screenshot("timeout"), kiosk.log());
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The print dialog's words, as a screen reader reads them.
fn dialog_text(kiosk: &Kiosk) -> String {
    let nodes: Vec<_> = kiosk.accessibility_nodes().into_iter().flatten().collect();
    let words = |n: &&common::kiosk::Node| n.text.contains("imprimer ?") || n.text.contains("Cette impression");
    nodes.iter().find(words).map(|n| n.text.replace(['\u{2068}', '\u{2069}'], "")).unwrap_or_default()
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext runs (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>Attestation</title></head><body>{body}</body></html>")
}

#[test]
fn print_counts_asks_sends_to_cups_and_leaves_nothing() {
    let cups = Cups::start("e2e");
    let one = page(&format!("<h1>{CANARY}</h1><p>Une seule page.</p><button id=print onclick=\"window.print()\">Imprimer cette page</button>"));
    let long = page("<p>Page un.</p><p style=\"page-break-before: always\">Page deux.</p><p style=\"page-break-before: always\">Page trois.</p>");
    let site = TestSite::start(move |request| match request.path() {
        "/long" => Reply::html(&long),
        _ => Reply::html(&one),
    });
    let dir = std::env::temp_dir().join(format!("guichet-e2e-print-site-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("caf.toml");
    std::fs::write(&list, "[[site]]\nname = \"Attestations\"\ncategory = \"information\"\nhosts = [\"attestation.guichet.test\"]\nschemes = [\"http\"]\n").unwrap();
    let options = Options {
        hosts: vec![("attestation.guichet.test", site.address)],
        lists: vec![list],
        extra: format!("[printing]\nqueue = {:?}\nserver = {:?}\npages_per_session = 2\n", cups.queue, cups.socket.display().to_string()),
        ..Options::default()
    };
    let kiosk = Kiosk::start("print", options);
    kiosk.key("Return");
    kiosk.wait_for("the launcher", Duration::from_secs(20), |s| s.view == Some(ViewKind::Launcher));
    kiosk.open("http://attestation.guichet.test/");
    kiosk.wait_for("the page", Duration::from_secs(20), |s| s.view == Some(ViewKind::Web));

    // "Imprimer" in the bar: the pages counted, the question, then CUPS's PDF.
    wait_until("Imprimer in the bar", &kiosk, Duration::from_secs(20), || kiosk.press_accessible("push button", "Imprimer"));
    kiosk.wait_for("the print dialog", Duration::from_secs(10), |s| s.view == Some(ViewKind::Print));
    wait_until("the page count", &kiosk, Duration::from_secs(30), || dialog_text(&kiosk).contains("1 page — imprimer ?"));
    let folder = kiosk.session_folders().into_iter().find(|f| f.join("print/page.pdf").exists()).expect("the page is laid out in the session's folder");
    assert!(kiosk.press_accessible("push button", "Imprimer"));
    kiosk.wait_for("the page again", Duration::from_secs(10), |s| s.view == Some(ViewKind::Web));
    wait_until("the PDF from CUPS", &kiosk, Duration::from_secs(60), || cups.printed().iter().any(|p| pdf_text(p).contains(CANARY)));
    assert_eq!(cups.printed().len(), 1);
    assert!(!folder.join("print/page.pdf").exists(), "the laid-out page is deleted once sent");

    // The page's own window.print(): the same dialog; "Annuler" prints nothing.
    assert!(kiosk.press_accessible("push button", "Imprimer cette page"));
    kiosk.wait_for("the print dialog", Duration::from_secs(10), |s| s.view == Some(ViewKind::Print));
    wait_until("the page count", &kiosk, Duration::from_secs(30), || dialog_text(&kiosk).contains("imprimer ?"));
    kiosk.key("Escape");
    kiosk.wait_for("the page again", Duration::from_secs(10), |s| s.view == Some(ViewKind::Web));

    // Three pages when one is left: refused, and nothing reaches CUPS.
    kiosk.open("http://attestation.guichet.test/long");
    wait_until("the long page", &kiosk, Duration::from_secs(20), || site.requests().iter().any(|r| r.path() == "/long"));
    std::thread::sleep(Duration::from_secs(1));
    assert!(kiosk.press_accessible("push button", "Imprimer"));
    wait_until("the quota", &kiosk, Duration::from_secs(30), || dialog_text(&kiosk).contains("Il vous reste 1 page"));
    assert!(dialog_text(&kiosk).starts_with("Cette impression fait 3 pages."), "{}", dialog_text(&kiosk));
    kiosk.key("Escape");
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(cups.printed().len(), 1, "nothing more was printed");

    // Logout: no job file or history in CUPS's spool, nothing in the log, the folder wiped.
    assert_eq!(kiosk.ctl(Request::EndSession), CtlReply::Ok);
    kiosk.wait_for("the next welcome screen", Duration::from_secs(30), |s| s.state == State::Welcome);
    wait_until("the folder wiped", &kiosk, Duration::from_secs(10), || !folder.exists());
    assert_eq!(cups.spooled_jobs(), Vec::<std::path::PathBuf>::new(), "CUPS keeps no job file or history");
    assert_eq!(cups.listed_jobs().trim(), "", "CUPS lists no job");
    assert!(!kiosk.log().contains("Quelquefois"), "the page's words are never logged");
    assert_eq!(kiosk.glib_problems(), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&dir);
}
