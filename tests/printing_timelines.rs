//! Printing in the session core, without a window: "Imprimer" and `window.print()` lead to the
//! page laid out and counted, "3 pages — imprimer ?", and the PDF sent to the configured queue
//! only once confirmed; the session's page quota; a machine without a queue says so; a refused
//! job does not count; and the `[printing]` section's checks.

mod common;

use std::sync::Arc;

use common::rig::Rig;
use guichet::config::Config;
use guichet::kiosk::{pdf_pages, ChromeCommand, ChromeState, Command, Event, Launch, Screen};
use guichet::pages;
use guichet::source::SourceFile;
use zeroize::Zeroizing;

fn parse(text: &str) -> Result<Config, String> {
    Config::parse(&SourceFile::new("test.toml", text), std::path::Path::new(".")).map_err(|e| e.to_string())
}

/// A patron on the launcher of a machine printing to "Accueil", 10 pages a session.
fn started(printing: &str) -> Rig {
    let config = parse(printing).unwrap();
    let mut rig = Rig::with(&config, Arc::new(common::table_policy()), Launch::Visible);
    rig.chrome(ChromeCommand::Start);
    let url = Zeroizing::new(pages::url("/launcher", &[]));
    rig.send(Event::LoadCommitted { url, history: Default::default() });
    rig
}

const PRINTS: &str = "[printing]\nqueue = \"Accueil\"\npages_per_session = 10\n";

fn state(commands: &[Command]) -> Option<ChromeState> {
    commands.iter().rev().find_map(|c| if let Command::Chrome(s) = c { Some(s.clone()) } else { None })
}

fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

#[test]
fn print_counts_asks_and_sends_only_once_confirmed() {
    let mut rig = started(PRINTS);
    let first = state(&rig.send(Event::Tick)).or_else(|| state(&rig.at(1.0).send(Event::Tick)));
    assert!(first.is_none_or(|s| s.bar.is_some_and(|b| b.print)), "the bar offers Imprimer");

    let asked = rig.chrome(ChromeCommand::Print);
    assert!(asked.contains(&Command::PreparePrint));
    let preparing = state(&asked).unwrap();
    assert_eq!(preparing.screen, Screen::Print);
    assert!(!preparing.print.as_ref().unwrap().can_print, "nothing to print before the count");
    // A second request while one is under way changes nothing.
    assert!(!rig.chrome(ChromeCommand::Print).contains(&Command::PreparePrint));

    let counted = state(&rig.send(Event::PrintPrepared { pages: Some(3) })).unwrap();
    let view = counted.print.unwrap();
    assert_eq!(plain(&view.text), "3 pages — imprimer ?");
    assert!(view.can_print);

    let sent = rig.chrome(ChromeCommand::PrintConfirm);
    assert!(sent.contains(&Command::SendPrint { queue: "Accueil".into(), server: None }), "{sent:?}");
    assert_eq!(state(&sent).unwrap().screen, Screen::Bar);
    let done = state(&rig.send(Event::PrintSent(true))).unwrap();
    assert_eq!(plain(done.bar.unwrap().notice.as_deref().unwrap()), "Impression envoyée : 3 pages. Récupérez-les à l’imprimante.");
}

#[test]
fn the_page_asking_to_print_goes_the_same_way_and_cancel_discards() {
    let mut rig = started(PRINTS);
    assert!(rig.send(Event::PrintRequested).contains(&Command::PreparePrint));
    rig.send(Event::PrintPrepared { pages: Some(1) });
    let cancelled = rig.chrome(ChromeCommand::Close);
    assert!(cancelled.contains(&Command::DiscardPrint));
    assert!(!cancelled.iter().any(|c| matches!(c, Command::SendPrint { .. })));
    // "Imprimer" after the dialog is gone sends nothing.
    assert!(!rig.chrome(ChromeCommand::PrintConfirm).iter().any(|c| matches!(c, Command::SendPrint { .. })));
}

#[test]
fn a_session_prints_its_quota_and_no_more() {
    let mut rig = started(PRINTS);
    rig.chrome(ChromeCommand::Print);
    rig.send(Event::PrintPrepared { pages: Some(8) });
    rig.chrome(ChromeCommand::PrintConfirm);
    rig.send(Event::PrintSent(true));

    rig.chrome(ChromeCommand::Print);
    let over = state(&rig.send(Event::PrintPrepared { pages: Some(3) })).unwrap();
    let view = over.print.unwrap();
    assert!(!view.can_print);
    assert_eq!(plain(&view.text), "Cette impression fait 3 pages. Il vous reste 2 pages à imprimer pendant cette session. Demandez à l’accueil.");
    assert!(!rig.chrome(ChromeCommand::PrintConfirm).iter().any(|c| matches!(c, Command::SendPrint { .. })), "over the quota, never sent");
    assert!(rig.chrome(ChromeCommand::Close).contains(&Command::DiscardPrint));

    // Two pages still fit.
    rig.chrome(ChromeCommand::Print);
    rig.send(Event::PrintPrepared { pages: Some(2) });
    assert!(rig.chrome(ChromeCommand::PrintConfirm).iter().any(|c| matches!(c, Command::SendPrint { .. })));
    rig.send(Event::PrintSent(true));
    rig.chrome(ChromeCommand::Print);
    let none_left = state(&rig.send(Event::PrintPrepared { pages: Some(1) })).unwrap();
    assert_eq!(
        plain(&none_left.print.unwrap().text),
        "Cette impression fait 1 page. Vous avez déjà imprimé les 10 pages permises pendant une session. Demandez à l’accueil."
    );
}

#[test]
fn a_refused_job_does_not_count_and_a_failed_layout_says_so() {
    let mut rig = started(PRINTS);
    rig.chrome(ChromeCommand::Print);
    rig.send(Event::PrintPrepared { pages: Some(10) });
    rig.chrome(ChromeCommand::PrintConfirm);
    let refused = state(&rig.send(Event::PrintSent(false))).unwrap();
    assert_eq!(refused.bar.unwrap().notice.as_deref(), Some("L’impression n’a pas pu partir. Demandez à l’accueil."));
    rig.chrome(ChromeCommand::Print);
    assert!(state(&rig.send(Event::PrintPrepared { pages: Some(10) })).unwrap().print.unwrap().can_print, "the 10 pages are still there");
    rig.chrome(ChromeCommand::Close);

    rig.chrome(ChromeCommand::Print);
    let failed = rig.send(Event::PrintPrepared { pages: None });
    assert!(failed.contains(&Command::DiscardPrint));
    assert_eq!(state(&failed).unwrap().screen, Screen::Bar);
}

#[test]
fn without_a_queue_the_patron_is_told_and_nothing_is_laid_out() {
    let mut rig = started("");
    let asked = rig.chrome(ChromeCommand::Print);
    assert!(!asked.contains(&Command::PreparePrint));
    let shown = state(&asked).unwrap();
    assert!(!shown.bar.as_ref().unwrap().print, "no Imprimer in the bar");
    assert_eq!(shown.bar.unwrap().notice.as_deref(), Some("L’impression n’est pas disponible sur ce poste. Demandez à l’accueil."));
    assert!(!rig.send(Event::PrintRequested).contains(&Command::PreparePrint));
}

#[test]
fn nothing_prints_from_the_welcome_screen_or_over_a_dialog() {
    let config = parse(PRINTS).unwrap();
    let mut rig = Rig::with(&config, Arc::new(common::table_policy()), Launch::Visible);
    assert!(!rig.chrome(ChromeCommand::Print).contains(&Command::PreparePrint));
    assert!(!rig.send(Event::PrintRequested).contains(&Command::PreparePrint));
    let mut rig = started(PRINTS);
    rig.chrome(ChromeCommand::Menu);
    assert!(!rig.send(Event::PrintRequested).contains(&Command::PreparePrint));
}

#[test]
fn printing_settings_are_checked() {
    for (text, expected) in [
        ("[printing]\nqueue = \"a b\"\n", "test.toml:2:9: `queue` = \"a b\": expected the name of a CUPS queue"),
        ("[printing]\nqueue = \"A\"\npages_per_session = 0\n", "test.toml:3:21: `pages_per_session` = 0 is out of range: expected a number of pages from 1 to 500"),
        ("[printing]\npages_per_session = 5\n", "test.toml:2:21: `[printing]` has no `queue`"),
        ("[printing]\nqueue = \"A\"\nserver = \"http://x/\"\n", "test.toml:3:10: `server` = \"http://x/\": expected a CUPS server"),
    ] {
        let error = parse(text).unwrap_err();
        assert!(error.contains(expected), "{text:?}: {error}");
    }
    let config = parse("[printing]\nqueue = \"Accueil\"\nserver = \"/run/cups/cups.sock\"\n").unwrap();
    assert_eq!((config.printing.pages_per_session, config.printing.server.as_deref()), (20, Some("/run/cups/cups.sock")));
}

#[test]
fn pages_are_counted_in_a_pdf_cairo_wrote() {
    let pdf = std::fs::read(common::fixture("print/three-pages.pdf")).unwrap();
    assert_eq!(pdf_pages(&pdf), Some(3));
}
