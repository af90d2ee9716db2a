//! The session process's core on a simulated clock: every navigation outcome, the screens, the
//! loading feedback and "not answering", crashes, languages, text size and what `ctl status`
//! hears. No window: events in, commands out.

mod common;

use common::rig::Rig;

use std::sync::Arc;
use std::time::Duration;

use guichet::config::Config;
use guichet::kiosk::{
    GateCarry,
    judge, ChromeCommand, ChromeState, Command, Event, Failure, History, Judgement, Launch, MessagePage, Navigation, Screen,
    Shared, ZoomStep,
};
use guichet::pages;
use guichet::policy::{Mode, Reason};
use guichet::session::EndReason;
use guichet::status::{State, ViewKind};
use guichet::supervisor::link::{FromSession, Receipt, ToSession};
use zeroize::Zeroizing;

fn z(text: &str) -> Zeroizing<String> {
    Zeroizing::new(text.to_string())
}

impl Rig {
    fn new(launch: Launch) -> Rig {
        Rig::with(&Config::builtin().unwrap(), Arc::new(common::table_policy()), launch)
    }

    /// A youth-section machine: minor mode (then citizen) on the fixture UT1 lists.
    fn youth(dir: &std::path::Path, lists: Option<&str>, launch: Launch) -> Rig {
        let config = Config::load_file(&common::minor_config(dir, lists)).unwrap();
        let policy = config.load_policy().unwrap();
        Rig::with(&config, Arc::new(policy), launch)
    }

    /// A patron session on the launcher.
    fn started() -> Rig {
        let mut rig = Rig::new(Launch::Visible);
        rig.send(Event::Chrome(ChromeCommand::Start));
        rig.commit(&pages::url("/launcher", &[]));
        rig
    }

    fn commit(&mut self, url: &str) -> Vec<Command> {
        let mut commands = self.send(Event::LoadStarted { url: z(url) });
        commands.extend(self.send(Event::LoadCommitted { url: z(url), history: History::default() }));
        commands.extend(self.send(Event::LoadFinished { url: z(url), history: History::default() }));
        commands
    }

    fn shared(&self) -> Arc<Shared> {
        self.kiosk.shared()
    }
}

fn loads(commands: &[Command]) -> Vec<String> {
    commands.iter().filter_map(|c| if let Command::Load(url) = c { Some(url.to_string()) } else { None }).collect()
}

/// The last chrome state pushed, with Fluent's bidi isolation marks taken out of the site name.
fn last_state(commands: &[Command]) -> Option<ChromeState> {
    let mut state = commands.iter().rev().find_map(|c| if let Command::Chrome(state) = c { Some(state.clone()) } else { None })?;
    if let Some(bar) = state.bar.as_mut() {
        bar.site = bar.site.replace(['\u{2068}', '\u{2069}'], "");
    }
    Some(state)
}

fn last_report(commands: &[Command]) -> Option<FromSession> {
    commands.iter().rev().find_map(|c| if let Command::Report(r) = c { Some(r.clone()) } else { None })
}

fn view_reported(commands: &[Command]) -> Option<ViewKind> {
    match last_report(commands) {
        Some(FromSession::State { view, .. }) => Some(view),
        _ => None,
    }
}

/// The message page a load shows, read back through the ticket as the page server would.
fn message_of(rig: &Rig, url: &str) -> Option<MessagePage> {
    let parsed = url::Url::parse(url).ok()?;
    rig.shared().message(&guichet::kiosk::ticket_of(&parsed)?)
}

/// The chrome view commands the kiosk: it may show Guichet's pages and nothing else, and never
/// opens a window, not even on one of Guichet's pages.
#[test]
fn the_chrome_view_goes_only_to_guichets_pages_in_place() {
    let in_place = guichet::kiosk::Navigation::InView { patron: true, redirect: false };
    let new_window = guichet::kiosk::Navigation::NewWindow;
    for (url, navigation, allowed) in [
        ("guichet://app/chrome", in_place, true),
        ("guichet://app/chrome?lang=ar", in_place, true),
        ("guichet://app/launcher", in_place, true),
        ("guichet://app/chrome", new_window, false),
        ("https://www.impots.gouv.fr/", in_place, false),
        ("guichet://evil/chrome", in_place, false),
        ("guichet://app:8080/chrome", in_place, false),
        ("guichet://user@app/chrome", in_place, false),
        ("file:///etc/passwd", in_place, false),
        ("about:blank", in_place, false),
        ("javascript:alert(1)", in_place, false),
        ("not a url", in_place, false),
    ] {
        assert_eq!(guichet::kiosk::chrome_may_go(url, navigation), allowed, "{url} {navigation:?}");
    }
}

#[test]
fn every_navigation_outcome() {
    let rig = Rig::started();
    let shared = rig.shared();
    let policy = common::table_policy();
    let patron = Navigation::InView { patron: true, redirect: false };
    let script = Navigation::InView { patron: false, redirect: false };
    let redirect = Navigation::InView { patron: false, redirect: true };
    let refused = |host: &str, reason, shown| Judgement { proceed: false, then: Some(Event::Refused { host: host.into(), reason, category: None, shown }) };
    let load = |url: &str| Judgement { proceed: false, then: Some(Event::Load(z(url))) };
    let go = Judgement { proceed: true, then: None };
    let real = shared.issue(MessagePage::Blocked { host: "x.example".into(), reason: Reason::NotAllowlisted, category: None });
    let real_url = pages::url("/blocked", &[("t", &real.ticket)]);
    let cases: Vec<(&str, Navigation, Judgement)> = vec![
        ("https://www.caf.fr/", patron, go.clone()),
        ("https://www.caf.fr/", script, go.clone()),
        ("http://www.caf.fr/aides", patron, load("https://www.caf.fr/aides")),
        ("http://www.caf.fr/aides", redirect, load("https://www.caf.fr/aides")),
        ("http://www.caf.fr/aides", script, Judgement { proceed: false, then: None }),
        ("https://www.caf.fr/", Navigation::NewWindow, load("https://www.caf.fr/")),
        ("http://www.caf.fr/", Navigation::NewWindow, load("https://www.caf.fr/")),
        ("https://evil.example/", patron, refused("evil.example", Reason::NotAllowlisted, true)),
        ("https://evil.example/", script, refused("evil.example", Reason::NotAllowlisted, false)),
        ("https://evil.example/", redirect, refused("evil.example", Reason::NotAllowlisted, false)),
        ("https://evil.example/", Navigation::NewWindow, refused("evil.example", Reason::NotAllowlisted, true)),
        ("not a url", patron, refused("", Reason::Unparsable, true)),
        ("guichet://app/launcher", script, go.clone()),
        ("guichet://app/nope", script, go.clone()),
        ("guichet://app/blocked?host=impots.gouv.fr&reason=not-allowlisted", script, refused("", Reason::InternalPage, false)),
        ("guichet://app/blocked?host=impots.gouv.fr", patron, refused("", Reason::InternalPage, false)),
        ("guichet://app/unreachable?t=0123", script, refused("", Reason::InternalPage, false)),
        (&real_url, script, go.clone()),
    ];
    for (url, navigation, expected) in cases {
        assert_eq!(judge(&policy, &shared, url, navigation), expected, "{url} {navigation:?}");
    }
    // The forged-page refusal is never shown: it would be the forgery's own message.
    let forged_url = real_url.replace("/blocked", "/crashed");
    assert_eq!(judge(&policy, &shared, &forged_url, patron), refused("", Reason::InternalPage, false));
}

#[test]
fn start_loads_the_launcher_and_reports_the_screens_on_the_way() {
    let mut rig = Rig::new(Launch::Visible);
    assert_eq!(rig.shared().mode(), Mode::Citizen);
    let commands = rig.send(Event::Chrome(ChromeCommand::Start));
    assert_eq!(loads(&commands), [pages::url("/launcher", &[])]);
    assert_eq!(last_state(&commands).map(|s| s.screen), Some(Screen::Bar));
    assert_eq!(last_state(&commands).and_then(|s| s.bar).map(|b| b.loading), Some(true), "the bar shows the wait at once");
    let commands = rig.commit(&pages::url("/launcher", &[]));
    assert_eq!(last_report(&commands), Some(FromSession::State { state: State::Active, mode: Some(Mode::Citizen), view: ViewKind::Launcher, help: false }));
    let bar = last_state(&commands).and_then(|s| s.bar).unwrap();
    assert_eq!((bar.loading, bar.site.as_str()), (false, "Accueil des services"));
}

#[test]
fn a_site_that_sends_nothing_is_declared_unreachable_after_the_page_timeout() {
    let mut rig = Rig::started();
    rig.at(10.0).send(Event::LoadStarted { url: z("https://www.caf.fr/") });
    assert_eq!(rig.kiosk.poll_timeout(rig.now), Some(rig.t0 + Duration::from_secs(25)), "the default page timeout is 15 s");
    assert_eq!(loads(&rig.at(24.9).send(Event::Tick)), Vec::<String>::new());
    let commands = rig.at(25.0).send(Event::Tick);
    assert_eq!(commands.first(), Some(&Command::StopLoading));
    let shown = loads(&commands);
    assert_eq!(shown.len(), 1);
    assert_eq!(message_of(&rig, &shown[0]), Some(MessagePage::Unreachable { retry: z("https://www.caf.fr/"), tls: false }));
    let commands = rig.commit(&shown[0]);
    assert_eq!(view_reported(&commands), Some(ViewKind::Unreachable));
    assert_eq!(last_state(&commands).and_then(|s| s.bar).map(|b| b.site), Some("CAF".into()), "the bar names the site");
}

#[test]
fn a_committed_page_is_never_declared_unreachable() {
    let mut rig = Rig::started();
    rig.at(10.0).send(Event::LoadStarted { url: z("https://www.caf.fr/") });
    rig.send(Event::LoadCommitted { url: z("https://www.caf.fr/"), history: History { can_back: true, can_forward: false } });
    assert!(loads(&rig.at(60.0).send(Event::Tick)).is_empty());
}

#[test]
fn an_unreachable_host_is_shown_at_once_but_only_for_the_page_on_its_way() {
    let mut rig = Rig::started();
    rig.at(5.0).send(Event::LoadStarted { url: z("https://www.caf.fr/x") });
    assert!(loads(&rig.send(Event::HostUnreachable { host: "cdn.example".into() })).is_empty(), "a subresource's host");
    let shown = loads(&rig.send(Event::HostUnreachable { host: "www.caf.fr".into() }));
    assert_eq!(shown.len(), 1);
    assert!(matches!(message_of(&rig, &shown[0]), Some(MessagePage::Unreachable { tls: false, .. })));
}

#[test]
fn load_failures_become_pages() {
    for (failure, expected) in [
        (Failure::Network, Some(MessagePage::Unreachable { retry: z("https://www.caf.fr/"), tls: false })),
        (Failure::Tls, Some(MessagePage::Unreachable { retry: z("https://www.caf.fr/"), tls: true })),
        (Failure::Cancelled, None),
        (Failure::Policy, None),
    ] {
        let mut rig = Rig::started();
        let shown = loads(&rig.send(Event::LoadFailed { url: z("https://www.caf.fr/"), failure }));
        assert_eq!(shown.first().and_then(|url| message_of(&rig, url)), expected, "{failure:?}");
    }
}

#[test]
fn a_silent_refusal_is_shown_when_the_main_frame_fails_because_of_it() {
    let mut rig = Rig::started();
    rig.at(1.0).send(Event::Refused { host: "evil.example".into(), reason: Reason::NotAllowlisted, category: None, shown: false });
    let shown = loads(&rig.at(2.0).send(Event::LoadFailed { url: z("https://www.caf.fr/r"), failure: Failure::Policy }));
    assert_eq!(message_of(&rig, &shown[0]), Some(MessagePage::Blocked { host: "evil.example".into(), reason: Reason::NotAllowlisted, category: None }));
    // Too late: the failure is about something else.
    rig.at(10.0).send(Event::Refused { host: "evil.example".into(), reason: Reason::NotAllowlisted, category: None, shown: false });
    assert!(loads(&rig.at(14.0).send(Event::LoadFailed { url: z("https://www.caf.fr/"), failure: Failure::Policy })).is_empty());
}

#[test]
fn a_shown_refusal_names_the_refused_host_in_the_bar() {
    let mut rig = Rig::started();
    let shown = loads(&rig.send(Event::Refused { host: "www.facebook.com".into(), reason: Reason::NotAllowlisted, category: None, shown: true }));
    let commands = rig.commit(&shown[0]);
    assert_eq!(view_reported(&commands), Some(ViewKind::Blocked));
    assert_eq!(last_state(&commands).and_then(|s| s.bar).map(|b| b.site), Some("Adresse refusée : www.facebook.com".into()));
}

#[test]
fn pages_get_their_own_view_names_and_bar_labels() {
    let mut rig = Rig::started();
    let cases = [
        ("https://www.caf.fr/aides", ViewKind::Web, "CAF"),
        ("guichet://app/blocked?t=0000", ViewKind::NotFound, "Page introuvable"),
        ("about:blank", ViewKind::Blank, "Page vide"),
        ("blob:https://www.caf.fr/2b7c4c1e-4f7a-4b1e-9a57-0c5b7e1f0a11", ViewKind::Blob, "Document de CAF"),
        ("guichet://app/nope", ViewKind::NotFound, "Page introuvable"),
        ("guichet://app/launcher", ViewKind::Launcher, "Accueil des services"),
    ];
    for (url, view, label) in cases {
        let commands = rig.commit(url);
        assert_eq!(view_reported(&commands), Some(view), "{url}");
        assert_eq!(last_state(&commands).and_then(|s| s.bar).map(|b| b.site), Some(label.to_string()), "{url}");
    }
}

#[test]
fn crashes_show_a_page_until_the_third_in_a_minute_ends_the_session() {
    let mut rig = Rig::started();
    rig.commit("https://www.caf.fr/x");
    let shown = loads(&rig.at(10.0).send(Event::ContentCrashed));
    assert_eq!(message_of(&rig, &shown[0]), Some(MessagePage::Crashed { retry: z("https://www.caf.fr/x") }));
    rig.at(50.0).send(Event::ContentCrashed);
    // The first crash has left the one-minute window.
    assert!(!rig.kiosk.finished());
    rig.at(71.0).send(Event::ContentCrashed);
    assert!(!rig.kiosk.finished(), "10 s was more than a minute ago");
    let commands = rig.at(72.0).send(Event::ContentCrashed);
    assert!(rig.kiosk.finished());
    assert!(commands.contains(&Command::Report(FromSession::Ended { reason: EndReason::Crash })));
    assert_eq!(commands.last(), Some(&Command::Exit));
}

#[test]
fn the_bar_is_reloaded_after_a_crash_and_the_third_in_a_minute_ends_the_session() {
    // At the welcome screen, before any patron: a bar that cannot run must not loop forever.
    let mut rig = Rig::new(Launch::Visible);
    assert!(rig.at(1.0).send(Event::ChromeCrashed).contains(&Command::ReloadChrome));
    assert!(rig.at(2.0).send(Event::ChromeCrashed).contains(&Command::ReloadChrome));
    assert!(!rig.kiosk.finished());
    let commands = rig.at(3.0).send(Event::ChromeCrashed);
    assert!(rig.kiosk.finished());
    assert!(!commands.contains(&Command::ReloadChrome));
    assert_eq!(commands.last(), Some(&Command::Exit));
    // Spread over more than a minute, crashes are only reloads.
    let mut rig = Rig::started();
    for at in [10.0, 50.0, 71.0, 111.0] {
        assert!(rig.at(at).send(Event::ChromeCrashed).contains(&Command::ReloadChrome), "at {at} s");
    }
    assert!(!rig.kiosk.finished());
}

#[test]
fn dialogs_open_and_close_and_escape_answers_a_file_request_with_nothing() {
    let mut rig = Rig::started();
    let screen = |commands: &[Command]| last_state(commands).map(|s| s.screen);
    assert_eq!(screen(&rig.send(Event::Chrome(ChromeCommand::AskEnd))), Some(Screen::ConfirmEnd));
    assert_eq!(view_reported(&rig.send(Event::Tick)), None, "no change, no report");
    assert_eq!(screen(&rig.send(Event::Chrome(ChromeCommand::Close))), Some(Screen::Bar));
    let commands = rig.send(Event::Chrome(ChromeCommand::Menu));
    assert_eq!((screen(&commands), view_reported(&commands)), (Some(Screen::Menu), Some(ViewKind::Menu)));
    assert!(commands.contains(&Command::Layout { bar: None, keyboard: 0 }) && commands.contains(&Command::FocusChrome));
    let commands = rig.send(Event::Chrome(ChromeCommand::Reload));
    assert!(commands.contains(&Command::Reload) && screen(&commands) == Some(Screen::Bar), "a menu action closes the menu");
    let commands = rig.send(Event::FileRequested { files: vec!["avis.pdf".into()] });
    assert_eq!(last_state(&commands).and_then(|s| s.files), Some(vec!["avis.pdf".to_string()]));
    assert_eq!(rig.send(Event::Chrome(ChromeCommand::PickFile { index: 5 })).iter().filter(|c| matches!(c, Command::AnswerFile(_))).count(), 0);
    let commands = rig.send(Event::Chrome(ChromeCommand::Close));
    assert!(commands.contains(&Command::AnswerFile(None)));
    rig.send(Event::FileRequested { files: vec!["avis.pdf".into()] });
    assert!(rig.send(Event::Chrome(ChromeCommand::PickFile { index: 0 })).contains(&Command::AnswerFile(Some(0))));
}

#[test]
fn the_idle_warning_takes_the_screen_and_the_keyboard() {
    let mut rig = Rig::started();
    // Defaults: warning after 4 minutes without activity, end after 5.
    let commands = rig.at(240.0).send(Event::Tick);
    assert_eq!(last_state(&commands).map(|s| s.screen), Some(Screen::Idle));
    assert!(commands.contains(&Command::FocusChrome));
    assert_eq!(last_report(&commands), Some(FromSession::State { state: State::Warning, mode: Some(Mode::Citizen), view: ViewKind::Idle, help: false }));
    let commands = rig.at(241.0).send(Event::Chrome(ChromeCommand::StillHere));
    assert_eq!(last_state(&commands).map(|s| s.screen), Some(Screen::Bar));
    let commands = rig.at(600.0).send(Event::Tick);
    assert!(commands.contains(&Command::Report(FromSession::Ended { reason: EndReason::IdleTimeout })));
}

#[test]
fn the_language_changes_only_on_the_welcome_screen_and_only_to_an_offered_one() {
    let mut rig = Rig::new(Launch::Visible);
    assert!(rig.send(Event::Chrome(ChromeCommand::Lang { lang: "tlh".into() })).iter().all(|c| *c != Command::ReloadChrome));
    let commands = rig.send(Event::Chrome(ChromeCommand::Lang { lang: "en".into() }));
    assert!(commands.contains(&Command::ReloadChrome));
    assert_eq!(rig.shared().lang(), "en");
    rig.send(Event::Chrome(ChromeCommand::Ready));
    rig.send(Event::Chrome(ChromeCommand::Start));
    assert!(rig.send(Event::Chrome(ChromeCommand::Lang { lang: "fr".into() })).iter().all(|c| *c != Command::ReloadChrome));
    assert_eq!(rig.shared().lang(), "en");
    let commands = rig.commit(&pages::url("/launcher", &[]));
    assert_eq!(last_state(&commands).and_then(|s| s.bar).map(|b| b.site), Some("Services home".into()));
}

/// A session at the welcome screen holds no web process for the page; the first sign of
/// someone there (a pointer moving, a key) starts it, once, so that "Commencer" is quick.
#[test]
fn the_content_view_is_warmed_when_someone_comes_to_the_welcome_screen() {
    let mut hidden = Rig::new(Launch::Hidden);
    assert!(!hidden.send(Event::Activity).contains(&Command::WarmContent), "nobody can touch a hidden session");
    hidden.send(Event::Supervisor(ToSession::Show { receipt: None, mode: Mode::Citizen, pin: GateCarry::default() }));
    assert!(hidden.at(5.0).send(Event::Activity).contains(&Command::WarmContent));
    assert!(!hidden.at(6.0).send(Event::Activity).contains(&Command::WarmContent), "once");

    let mut rig = Rig::started();
    assert!(!rig.send(Event::Activity).contains(&Command::WarmContent), "a patron's session loads pages itself");
}

#[test]
fn f6_moves_the_keyboard_between_the_bar_and_the_page() {
    let mut rig = Rig::started();
    assert_eq!(rig.send(Event::SwitchFocus { from_chrome: false }), vec![Command::FocusChrome]);
    assert_eq!(rig.send(Event::SwitchFocus { from_chrome: true }), vec![Command::FocusContent]);
}

#[test]
fn the_bar_follows_the_text_size_but_never_takes_more_than_fifteen_percent() {
    let mut rig = Rig::started();
    rig.send(Event::Chrome(ChromeCommand::Height { px: 75 }));
    let mut last = None;
    for _ in 0..12 {
        let commands = rig.send(Event::Zoom(ZoomStep::In));
        for command in commands {
            match command {
                Command::Zoom { page, chrome } => last = Some((page, chrome)),
                Command::Layout { bar: Some(bar), .. } => assert!(f64::from(bar) <= 0.15 * 800.0, "bar of {bar} px"),
                _ => {}
            }
        }
    }
    let (page, chrome) = last.unwrap();
    assert_eq!(page, 3.0);
    assert!((chrome - 0.15 * 800.0 / 75.0).abs() < 1e-9, "the bar stops growing at 15 %: {chrome}");
    let commands = rig.send(Event::Chrome(ChromeCommand::AskEnd));
    assert!(commands.iter().any(|c| matches!(c, Command::Zoom { chrome, .. } if (*chrome - 2.0).abs() < 1e-9)), "full screens grow to 200 %");
}

#[test]
fn an_advisor_page_starts_a_session_and_follows_the_policy() {
    let mut rig = Rig::new(Launch::Visible);
    let commands = rig.send(Event::Supervisor(ToSession::Open { url: z("http://www.caf.fr/aides") }));
    assert_eq!(loads(&commands).last().map(String::as_str), Some("https://www.caf.fr/aides"));
    let shown = loads(&rig.send(Event::Supervisor(ToSession::Open { url: z("https://evil.example/") })));
    assert!(matches!(message_of(&rig, &shown[0]), Some(MessagePage::Blocked { .. })));
    let commands = rig.send(Event::Supervisor(ToSession::End));
    assert!(commands.contains(&Command::Report(FromSession::Ended { reason: EndReason::Control })));
}

#[test]
fn a_prestarted_session_takes_the_screen_with_the_receipt_until_the_patron_starts() {
    let mut rig = Rig::new(Launch::Hidden);
    let commands = rig.send(Event::Supervisor(ToSession::Show { receipt: Some(Receipt { downloads: 2, assisted: false }), mode: Mode::Citizen, pin: GateCarry::default() }));
    let order: Vec<&Command> = commands.iter().filter(|c| matches!(c, Command::ClearSelections | Command::Present)).collect();
    assert_eq!(order, [&Command::ClearSelections, &Command::Present], "selections are emptied before the window shows");
    let receipt = last_state(&commands).and_then(|s| s.receipt).unwrap();
    assert!(receipt.replace(['\u{2068}', '\u{2069}'], "").contains("2 documents"), "{receipt}");
    // It stays: nothing moves under the patron's finger.
    assert_eq!(rig.at(60.0).send(Event::Tick).iter().filter(|c| matches!(c, Command::Chrome(_))).count(), 0);
    // A patron who picks another language reads it in that language.
    assert!(rig.send(Event::Chrome(ChromeCommand::Lang { lang: "en".into() })).contains(&Command::ReloadChrome));
    let receipt = last_state(&rig.send(Event::Chrome(ChromeCommand::Ready))).and_then(|s| s.receipt).unwrap();
    assert!(receipt.replace(['\u{2068}', '\u{2069}'], "").contains("2 downloaded documents"), "{receipt}");
    let commands = rig.send(Event::Chrome(ChromeCommand::Start));
    assert_eq!(last_state(&commands).and_then(|s| s.receipt), None);
}

#[test]
fn the_unavailable_screen_takes_no_patron() {
    let mut rig = Rig::new(Launch::Unavailable);
    for command in [ChromeCommand::Start, ChromeCommand::Home, ChromeCommand::AskEnd] {
        let commands = rig.send(Event::Chrome(command));
        assert!(loads(&commands).is_empty());
    }
    assert!(loads(&rig.send(Event::Supervisor(ToSession::Open { url: z("https://www.caf.fr/") }))).is_empty());
    let commands = rig.send(Event::Tick);
    assert!(commands.is_empty());
    assert_eq!(rig.kiosk.poll_timeout(rig.now), None);
    let mut fresh = Rig::new(Launch::Unavailable);
    let commands = fresh.send(Event::Chrome(ChromeCommand::Ready));
    assert_eq!(last_state(&commands).map(|s| s.screen), Some(Screen::Unavailable));
}

#[test]
fn the_supervisor_gone_means_exit_at_once() {
    let mut rig = Rig::started();
    let commands = rig.send(Event::SupervisorGone);
    assert_eq!(commands, [Command::Exit]);
    assert!(rig.kiosk.finished());
    assert!(rig.send(Event::Chrome(ChromeCommand::Home)).is_empty(), "nothing after the end");
}

#[test]
fn a_youth_machine_starts_minors_with_help_at_hand() {
    let dir = tempfile::tempdir().unwrap();
    let mut rig = Rig::youth(dir.path(), None, Launch::Hidden);
    rig.send(Event::Supervisor(ToSession::Show { receipt: None, mode: Mode::Minor, pin: GateCarry::default() }));
    let commands = rig.send(Event::Chrome(ChromeCommand::Start));
    assert_eq!(rig.shared().mode(), Mode::Minor);
    assert_eq!(last_state(&commands).and_then(|s| s.bar).map(|b| b.help), Some(true), "Besoin d'aide ? is in the bar");
    // A gambling site: refused with its category in plain words.
    let judged = judge(&common::table_policy(), &rig.shared(), "https://www.casino-en-ligne-exemple.com/", Navigation::InView { patron: true, redirect: false });
    assert!(!judged.proceed);
    let policy = rig.kiosk.policy().clone();
    let judged = judge(&policy, &rig.shared(), "https://www.casino-en-ligne-exemple.com/", Navigation::InView { patron: true, redirect: false });
    let shown = loads(&rig.send(judged.then.unwrap()));
    match message_of(&rig, &shown[0]) {
        Some(MessagePage::Blocked { reason: Reason::Category, category: Some(name), .. }) => assert_eq!(name, "Jeux d'argent"),
        other => panic!("{other:?}"),
    }
    let commands = rig.send(Event::Chrome(ChromeCommand::Help));
    assert_eq!(view_reported(&commands), Some(ViewKind::Help));
    assert!(commands.contains(&Command::FocusChrome));
    let commands = rig.send(Event::Chrome(ChromeCommand::AlertStaff));
    assert!(matches!(last_report(&commands), Some(FromSession::State { help: true, .. })));
    assert_eq!(last_state(&commands).map(|s| s.staff_alerted), Some(true));
    let commands = rig.send(Event::Chrome(ChromeCommand::Close));
    assert!(matches!(last_report(&commands), Some(FromSession::State { help: true, view, .. }) if view != ViewKind::Help), "the desk still knows");
}

#[test]
fn help_and_alerts_are_for_minor_mode_only() {
    let mut rig = Rig::started();
    let commands = rig.send(Event::Chrome(ChromeCommand::Help));
    assert_eq!(view_reported(&commands), None);
    assert_eq!(last_state(&commands).map(|s| s.screen), None);
    assert!(rig.send(Event::Chrome(ChromeCommand::AlertStaff)).iter().all(|c| !matches!(c, Command::Report(FromSession::State { help: true, .. }))));
}

#[test]
fn missing_or_damaged_lists_mean_no_minor_session_starts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("damaged.lists"), b"not a compiled list").unwrap();
    for lists in ["missing.lists", "damaged.lists"] {
        let mut rig = Rig::youth(dir.path(), Some(lists), Launch::Hidden);
        let commands = rig.send(Event::Supervisor(ToSession::Show { receipt: None, mode: Mode::Minor, pin: GateCarry::default() }));
        assert_eq!(last_report(&commands), Some(FromSession::State { state: State::Unavailable, mode: None, view: ViewKind::Unavailable, help: false }), "{lists}");
        assert!(loads(&rig.send(Event::Chrome(ChromeCommand::Start))).is_empty(), "{lists}: no session, never the open web");
        // The same machine in citizen mode needs no lists.
        let mut citizen = Rig::youth(dir.path(), Some(lists), Launch::Hidden);
        citizen.send(Event::Supervisor(ToSession::Show { receipt: None, mode: Mode::Citizen, pin: GateCarry::default() }));
        assert_eq!(loads(&citizen.send(Event::Chrome(ChromeCommand::Start))).len(), 1, "{lists}");
    }
}

#[test]
fn a_mode_the_machine_does_not_offer_is_never_taken() {
    let mut rig = Rig::new(Launch::Hidden);
    rig.send(Event::Supervisor(ToSession::Show { receipt: None, mode: Mode::Assisted, pin: GateCarry::default() }));
    rig.send(Event::Chrome(ChromeCommand::Start));
    assert_eq!(rig.shared().mode(), Mode::Citizen);
}

#[test]
fn a_waiting_session_puts_its_window_up_covered_and_takes_no_input_until_shown() {
    let mut rig = Rig::new(Launch::Hidden);
    assert!(loads(&rig.send(Event::Chrome(ChromeCommand::Start))).is_empty(), "nobody may act on a hidden session");
    let commands = rig.send(Event::Supervisor(ToSession::Prepare));
    assert!(commands.contains(&Command::Present));
    assert_eq!(last_state(&commands).map(|s| s.screen), Some(Screen::Clearing));
    assert!(loads(&rig.send(Event::Chrome(ChromeCommand::Start))).is_empty(), "still covered");
    let commands = rig.send(Event::Supervisor(ToSession::Show { receipt: Some(Receipt { downloads: 0, assisted: false }), mode: Mode::Citizen, pin: GateCarry::default() }));
    assert!(!commands.contains(&Command::Present), "already up");
    assert_eq!(last_state(&commands).map(|s| s.screen), Some(Screen::Welcome));
    assert_eq!(loads(&rig.send(Event::Chrome(ChromeCommand::Start))).len(), 1);
}

/// Regression: `ctl open` at the welcome screen asks for the launcher, then the address; when
/// WebKit reported the launcher's start late, the address's "host unreachable" was missed and
/// the proxy's bare 502 stayed on screen.
#[test]
fn a_late_launcher_start_does_not_hide_the_advisor_address_being_unreachable() {
    let mut rig = Rig::new(Launch::Visible);
    let commands = rig.send(Event::Supervisor(ToSession::Open { url: z("https://www.caf.fr/") }));
    assert_eq!(loads(&commands), [pages::url("/launcher", &[]), "https://www.caf.fr/".to_string()]);
    rig.send(Event::LoadStarted { url: z(&pages::url("/launcher", &[])) });
    let shown = loads(&rig.send(Event::HostUnreachable { host: "www.caf.fr".into() }));
    assert!(matches!(message_of(&rig, &shown[0]), Some(MessagePage::Unreachable { .. })), "{shown:?}");
}

#[test]
fn which_navigations_are_the_patrons_and_which_steps_back_are_real() {
    use guichet::kiosk::Cause;
    let cases = [
        (false, Cause::LinkClicked, true),
        (false, Cause::FormSubmitted, true),
        (false, Cause::BackForward, true),
        (false, Cause::Reload, true),
        (false, Cause::FormResubmitted, true),
        (false, Cause::Other, false),
        (true, Cause::Other, true),
    ];
    for (gesture, cause, patron) in cases {
        assert_eq!(Navigation::in_view(gesture, cause, false), Navigation::InView { patron, redirect: false }, "{gesture} {cause:?}");
    }
    assert_eq!(History::new(true, Some("about:blank"), false), History { can_back: false, can_forward: false }, "the blank start page");
    assert_eq!(History::new(true, Some("https://www.caf.fr/"), true), History { can_back: true, can_forward: true });
    assert!(!History::new(false, Some("https://www.caf.fr/"), false).can_back);
    assert!(!History::new(true, None, false).can_back);
}
