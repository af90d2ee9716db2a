//! Assisted mode's core: the PIN hash check, the lockout on a simulated clock, a plain PIN refused
//! in the configuration, and the session's path through the pad, the consent and the curtain.

mod common;

use common::rig::Rig;

use std::sync::Arc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use guichet::config::Config;
use guichet::kiosk::{Attempt, PinDigits, ChromeCommand, ChromeState, Command, Event, Gate, Launch, PinError, PinHash, Screen};
use guichet::policy::Mode;
use guichet::session::{Input, Session};
use guichet::source::SourceFile;
use guichet::status::ViewKind;
use guichet::supervisor::link::{FromSession, Receipt, ToSession};
use zeroize::Zeroizing;

const PIN: &str = "2468";

/// One hash for every test (argon2id takes a moment to compute).
fn pin_hash() -> &'static PinHash {
    static HASH: OnceLock<PinHash> = OnceLock::new();
    HASH.get_or_init(|| PinHash::create(PIN).unwrap())
}

#[test]
fn pin_hash_check_table() {
    let hash = pin_hash();
    assert!(hash.as_str().starts_with("$argon2id$v=19$"), "{}", hash.as_str());
    let cases: &[(&str, bool)] = &[
        (PIN, true),
        ("2469", false),
        ("24680", false),
        ("", false),
        ("246", false),
        (" 2468", false),
        ("2468\n", false),
        ("２４６８", false),
        ("abcd", false),
        ("0000000000000", false),
    ];
    for (pin, expected) in cases {
        assert_eq!(hash.verify(pin), *expected, "{pin:?}");
    }
    // A hash made again from the same PIN differs (fresh salt) and checks the same.
    let again = PinHash::create(PIN).unwrap();
    assert_ne!(again, *hash);
    assert!(again.verify(PIN));
    assert_eq!(PinHash::create("12"), Err(PinError::BadPin));
    assert_eq!(PinHash::create("12ab"), Err(PinError::BadPin));
}

#[test]
fn pin_hash_parse_table() {
    let good = pin_hash().as_str();
    let argon2i = good.replacen("$argon2id$", "$argon2i$", 1);
    let costly = good.replacen("m=19456", "m=4000000", 1);
    let cases: Vec<(&str, Result<(), PinError>)> = vec![
        (good, Ok(())),
        ("2468", Err(PinError::PlainPin)),
        ("123456", Err(PinError::PlainPin)),
        ("motdepasse", Err(PinError::PlainPin)),
        ("$2b$12$abcdefghijklmnopqrstuv", Err(PinError::NotArgon2id)),
        (&argon2i, Err(PinError::NotArgon2id)),
        ("$argon2id$v=19$m=19456,t=2,p=1$", Err(PinError::NotArgon2id)),
        ("$argon2id$", Err(PinError::NotArgon2id)),
        (&costly, Err(PinError::TooCostly)),
        ("", Err(PinError::NotArgon2id)),
    ];
    for (text, expected) in cases {
        assert_eq!(PinHash::parse(text).map(drop), expected, "{text:?}");
    }
}

/// Five wrong PINs lock the pad for 1 min, then 5, then 15 (and 15 after that); while locked the
/// PIN is not even checked; the right PIN starts the count again.
#[test]
fn lockout_timeline() {
    let t0 = Instant::now();
    let at = |s: u64| t0 + Duration::from_secs(s);
    let mut gate = Gate::default();
    let wrong = |gate: &mut Gate, s: u64| gate.attempt(|| false, at(s));
    for (i, left) in [4u8, 3, 2, 1].into_iter().enumerate() {
        assert_eq!(wrong(&mut gate, i as u64), Attempt::Wrong { left });
    }
    assert_eq!(wrong(&mut gate, 4), Attempt::LockedNow { until: at(64) });
    assert_eq!(gate.locked_until(at(63)), Some(at(64)));
    let mut checked = false;
    assert_eq!(gate.attempt(|| { checked = true; true }, at(63)), Attempt::Locked { until: at(64) });
    assert!(!checked, "a locked pad does not check the PIN");
    assert_eq!(gate.locked_until(at(64)), None);
    // The second round of five: 5 minutes.
    for s in 64..68 {
        assert!(matches!(wrong(&mut gate, s), Attempt::Wrong { .. }));
    }
    assert_eq!(wrong(&mut gate, 68), Attempt::LockedNow { until: at(68 + 300) });
    // Third: 15 minutes; fourth: still 15.
    for s in 368..372 {
        assert!(matches!(wrong(&mut gate, s), Attempt::Wrong { .. }));
    }
    assert_eq!(wrong(&mut gate, 372), Attempt::LockedNow { until: at(372 + 900) });
    for s in 1272..1276 {
        assert!(matches!(wrong(&mut gate, s), Attempt::Wrong { .. }));
    }
    assert_eq!(wrong(&mut gate, 1276), Attempt::LockedNow { until: at(1276 + 900) });
    // The right PIN after the lockout resets everything: the next lockout is 1 minute again.
    assert_eq!(gate.attempt(|| true, at(2176)), Attempt::Accepted);
    for s in 2177..2181 {
        assert!(matches!(wrong(&mut gate, s), Attempt::Wrong { .. }));
    }
    assert_eq!(wrong(&mut gate, 2181), Attempt::LockedNow { until: at(2181 + 60) });
}

fn config_text(extra: &str) -> String {
    format!("[kiosk]\nmodes = [\"citizen\", \"assisted\"]\n{extra}")
}

fn parse(text: &str) -> Result<Config, String> {
    Config::parse(&SourceFile::new("test.toml", text), std::path::Path::new(".")).map_err(|e| e.to_string())
}

#[test]
fn config_refuses_a_plain_pin_and_needs_a_hash() {
    let plain = parse(&config_text("[assisted]\npin_hash = \"2468\"\n")).unwrap_err();
    assert!(plain.starts_with("test.toml:4:12: `pin_hash`: this looks like a plain PIN"), "{plain}");
    assert!(!plain.contains("2468"), "the error never repeats the value: {plain}");
    let missing = parse(&config_text("")).unwrap_err();
    assert!(missing.contains("`[assisted] pin_hash` is missing"), "{missing}");
    let too_long = parse(&config_text(&format!("[assisted]\npin_hash = {:?}\nmax_duration = \"13h\"\n", pin_hash().as_str()))).unwrap_err();
    assert!(too_long.contains("`[assisted] max_duration` is out of range"), "{too_long}");
    let good = parse(&config_text(&format!("[assisted]\npin_hash = {:?}\nidle_timeout = \"30m\"\n", pin_hash().as_str()))).unwrap();
    assert_eq!(good.assisted.pin_hash.as_ref(), Some(pin_hash()));
    assert_eq!(good.assisted.times.idle_timeout(), Duration::from_secs(30 * 60));
    assert_eq!(good.assisted.times.idle_warning(), good.session.idle_warning());
    // Not offered: no hash needed, and the pad is not on the welcome screen.
    assert!(parse("[kiosk]\nmodes = [\"citizen\"]\n").unwrap().assisted.pin_hash.is_none());
}

#[test]
fn assisted_sessions_get_their_own_times() {
    let config = parse(&config_text(&format!("[assisted]\npin_hash = {:?}\n", pin_hash().as_str()))).unwrap();
    let t0 = Instant::now();
    let mut session = Session::new(config.session).with_assisted_times(config.assisted.times);
    session.handle(Input::Start(Mode::Citizen), t0);
    assert_eq!(session.max_end(), Some(t0 + Duration::from_secs(3600)));
    session.handle(Input::Assist, t0 + Duration::from_secs(60));
    assert_eq!(session.mode(), Some(Mode::Assisted));
    assert_eq!(session.max_end(), Some(t0 + Duration::from_secs(2 * 3600)), "counted from the session's start");
    // 10 minutes idle ends a citizen session's warning period, not an assisted one.
    session.handle(Input::Tick, t0 + Duration::from_secs(60 + 10 * 60));
    assert_eq!(session.phase(), guichet::session::Phase::Active);
}

impl Rig {
    fn offering(offered: bool) -> Rig {
        let modes = if offered { "[\"citizen\", \"assisted\"]" } else { "[\"citizen\"]" };
        let text = format!("[kiosk]\nmodes = {modes}\n[assisted]\npin_hash = {:?}\n", pin_hash().as_str());
        let config = parse(&text).unwrap();
        Rig::with(&config, Arc::new(common::table_policy()), Launch::Visible)
    }

    fn pin(&mut self, pin: &str) -> Vec<Command> {
        self.chrome(ChromeCommand::Pin { pin: PinDigits::new(pin) })
    }
}

/// The last chrome state pushed, with Fluent's bidi isolation marks taken out of the pad's message.
fn last_state(commands: &[Command]) -> ChromeState {
    let mut state =
        commands.iter().rev().find_map(|c| if let Command::Chrome(state) = c { Some(state.clone()) } else { None }).expect("a chrome state");
    state.assisted.pad_message = state.assisted.pad_message.map(|m| m.replace(['\u{2068}', '\u{2069}'], ""));
    state
}

fn last_report(commands: &[Command]) -> (Option<Mode>, ViewKind) {
    commands
        .iter()
        .rev()
        .find_map(|c| match c {
            Command::Report(FromSession::State { mode, view, .. }) => Some((*mode, *view)),
            _ => None,
        })
        .expect("a report")
}

#[test]
fn pad_consent_and_mode() {
    let mut rig = Rig::offering(true);
    let welcome = rig.at(1.0).send(Event::Tick);
    assert!(welcome.is_empty() || !last_state(&welcome).assisted.active);
    let pad = rig.chrome(ChromeCommand::Advisor);
    assert_eq!(last_state(&pad).screen, Screen::Pin);
    assert_eq!(last_report(&pad), (None, ViewKind::Pin));
    assert!(last_state(&pad).assisted.offered);
    let wrong = rig.pin("1111");
    assert_eq!(last_state(&wrong).assisted.pad_message.as_deref(), Some("Code incorrect. Il reste 4 essais."));
    let right = rig.pin(PIN);
    assert_eq!(last_state(&right).screen, Screen::Consent);
    assert_eq!(last_report(&right), (None, ViewKind::Consent));
    // The consent cannot be dismissed; other commands wait.
    assert!(rig.chrome(ChromeCommand::Close).iter().all(|c| !matches!(c, Command::Chrome(_))));
    assert!(rig.chrome(ChromeCommand::Start).is_empty());
    let accepted = rig.chrome(ChromeCommand::Accept);
    assert_eq!(last_report(&accepted), (Some(Mode::Assisted), ViewKind::Blank));
    assert_eq!(rig.kiosk.shared().mode(), Mode::Assisted, "the proxy now lets assisted entries through");
    let state = last_state(&accepted);
    assert_eq!(state.screen, Screen::Bar);
    assert!(state.assisted.active && !state.assisted.curtain);
    // The curtain: only the one bit, and it falls with the page.
    assert!(last_state(&rig.send(Event::PasswordFocus(true))).assisted.curtain);
    assert!(!last_state(&rig.send(Event::PasswordFocus(false))).assisted.curtain);
    rig.send(Event::PasswordFocus(true));
    assert!(!last_state(&rig.send(Event::LoadStarted { url: Zeroizing::new("https://www.caf.fr/".into()) })).assisted.curtain);
    // "Fin de l'accompagnement" asks, then ends the whole session.
    rig.chrome(ChromeCommand::AskEnd);
    let ended = rig.chrome(ChromeCommand::End);
    assert!(ended.contains(&Command::Exit));
}

#[test]
fn five_wrong_pins_lock_the_pad() {
    let mut rig = Rig::offering(true);
    rig.chrome(ChromeCommand::Advisor);
    for _ in 0..4 {
        rig.pin("0000");
    }
    let locked = rig.pin("0000");
    let state = last_state(&locked);
    assert_eq!(state.assisted.pad_message.as_deref(), Some("Trop d’essais. Réessayez dans 1 min."));
    assert!(state.assisted.pad_locked);
    // The right PIN is refused while locked.
    assert!(rig.at(30.0).pin(PIN).iter().all(|c| !matches!(c, Command::Chrome(s) if s.screen != Screen::Pin)));
    assert!(rig.kiosk.poll_timeout(rig.now).is_some_and(|t| t <= rig.t0 + Duration::from_secs(60)));
    let open = rig.at(61.0).send(Event::Tick);
    assert!(!last_state(&open).assisted.pad_locked);
    assert_eq!(last_state(&rig.pin(PIN)).screen, Screen::Consent);
    // Refusing from the welcome screen leaves an ordinary session.
    let refused = rig.chrome(ChromeCommand::Refuse);
    assert_eq!(last_report(&refused).0, Some(Mode::Citizen));
    assert!(!last_state(&refused).assisted.active);
}

#[test]
fn ctl_assist_asks_consent_even_mid_session() {
    let mut rig = Rig::offering(true);
    rig.chrome(ChromeCommand::Start);
    let asked = rig.at(5.0).send(Event::Supervisor(ToSession::Assist));
    assert_eq!(last_report(&asked), (Some(Mode::Citizen), ViewKind::Consent));
    let accepted = rig.chrome(ChromeCommand::Accept);
    assert_eq!(last_report(&accepted).0, Some(Mode::Assisted));
    // Curtain is for assisted mode only; a citizen session never shows it.
    let mut citizen = Rig::offering(true);
    citizen.chrome(ChromeCommand::Start);
    assert!(citizen.send(Event::PasswordFocus(true)).iter().all(|c| !matches!(c, Command::Chrome(s) if s.assisted.curtain)));
}

#[test]
fn not_offered_means_no_entry() {
    let mut rig = Rig::offering(false);
    let pad = rig.chrome(ChromeCommand::Advisor);
    assert!(pad.iter().all(|c| !matches!(c, Command::Chrome(s) if s.screen == Screen::Pin)));
    assert!(rig.send(Event::Supervisor(ToSession::Assist)).iter().all(|c| !matches!(c, Command::Chrome(s) if s.screen == Screen::Consent)));
}

#[test]
fn the_receipt_says_both_were_erased() {
    let mut rig = Rig::offering(true);
    let shown = rig.send(Event::Supervisor(ToSession::Show { receipt: Some(Receipt { downloads: 0, assisted: true }), mode: Mode::Citizen, pin: Default::default() }));
    let receipt = last_state(&shown).receipt.unwrap();
    assert!(receipt.contains("les connexions du conseiller ont été effacées"), "{receipt}");
}

/// A session process that takes the screen goes on with the lockout the last one left, and
/// reports each change (counts only) for the next.
#[test]
fn the_lockout_is_handed_on() {
    let mut rig = Rig::offering(true);
    let carry = guichet::kiosk::GateCarry { failures: 0, lockouts: 1, locked_for_s: 40 };
    rig.send(Event::Supervisor(ToSession::Show { receipt: None, mode: Mode::Citizen, pin: carry }));
    let pad = rig.chrome(ChromeCommand::Advisor);
    assert!(last_state(&pad).assisted.pad_locked);
    rig.at(41.0).send(Event::Tick);
    // Open again; four more wrong PINs are allowed, and the next lockout is the second (5 min).
    for _ in 0..4 {
        rig.pin("0000");
    }
    let locked = rig.pin("0000");
    let reported = locked.iter().find_map(|c| match c {
        Command::Report(FromSession::Pin { carry }) => Some(*carry),
        _ => None,
    });
    assert_eq!(reported, Some(guichet::kiosk::GateCarry { failures: 0, lockouts: 2, locked_for_s: 300 }));
}

/// An advisor's `ctl open` while the pad is up starts a session and takes the pad away; a
/// consent on screen stays until the patron answers.
#[test]
fn a_session_start_closes_the_pad_not_the_consent() {
    let mut rig = Rig::offering(true);
    rig.chrome(ChromeCommand::Advisor);
    let opened = rig.send(Event::Supervisor(ToSession::Open { url: Zeroizing::new("https://www.caf.fr/".into()) }));
    assert_eq!(last_report(&opened), (Some(Mode::Citizen), ViewKind::Blank));
    let mut rig = Rig::offering(true);
    rig.send(Event::Supervisor(ToSession::Assist));
    let opened = rig.send(Event::Supervisor(ToSession::Open { url: Zeroizing::new("https://www.caf.fr/".into()) }));
    assert_eq!(last_report(&opened), (Some(Mode::Citizen), ViewKind::Consent));
    assert_eq!(last_report(&rig.chrome(ChromeCommand::Accept)).0, Some(Mode::Assisted));
}

/// A consent left unanswered mid-session gives way to the idle countdown, and comes back after
/// "Je suis encore là".
#[test]
fn the_idle_countdown_shows_over_a_pending_consent() {
    let mut rig = Rig::offering(true);
    rig.chrome(ChromeCommand::Start);
    rig.send(Event::Supervisor(ToSession::Assist));
    let idle = rig.at(f64::from(5 * 60 - 30)).send(Event::Tick);
    assert_eq!(last_state(&idle).screen, Screen::Idle);
    let back = rig.chrome(ChromeCommand::StillHere);
    assert_eq!(last_state(&back).screen, Screen::Consent);
}
