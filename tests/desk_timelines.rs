//! The supervisor's lifecycle on a simulated clock: which session is shown, wiped, replaced or
//! retried, when it backs off, when the machine becomes unavailable, and what `guichet ctl`
//! is answered on the way.

use std::time::{Duration, Instant};

use guichet::control::{Reply, Request, Status};
use guichet::kiosk::{GateCarry, Launch};
use guichet::policy::Mode;
use guichet::session::EndReason;
use guichet::status::{State, ViewKind};
use guichet::supervisor::desk::{Action, Desk, Effect, Input, Role, Stage, BACKOFF};
use guichet::supervisor::link::{FromSession, Receipt, ToSession, VERSION};
use zeroize::Zeroizing;

fn status(desk: &Desk, now: Instant) -> Status {
    match desk.control(Request::Status, now) {
        Action::Reply(Reply::Status(status)) => status,
        other => panic!("status answered {other:?}"),
    }
}

fn open(url: &str) -> Request {
    Request::Open { url: Zeroizing::new(url.to_string()) }
}

fn drain(desk: &mut Desk) -> Vec<Effect> {
    std::iter::from_fn(|| desk.poll()).collect()
}

fn spawn(role: Role) -> Effect {
    let launch = if role == Role::Unavailable { Launch::Unavailable } else { Launch::Hidden };
    Effect::Spawn { role, launch }
}

fn show(id: u64, receipt: Option<Receipt>) -> Effect {
    Effect::Send { id, message: ToSession::Show { receipt, mode: Mode::Citizen, pin: GateCarry::default() } }
}

fn report(desk: &mut Desk, id: u64, state: State, view: ViewKind, now: Instant) {
    let mode = (state != State::Welcome).then_some(Mode::Citizen);
    desk.handle(Input::FromSession { id, message: FromSession::State { state, mode, view, help: false } }, now);
}

/// A desk with session 1 on screen at the welcome screen, at `t0`: nothing waits behind it.
fn welcoming(t0: Instant) -> Desk {
    let mut desk = Desk::new(true, vec![Mode::Citizen]);
    assert_eq!(drain(&mut desk), [spawn(Role::Screen)]);
    desk.handle(Input::Started { id: 1, role: Role::Screen }, t0);
    assert_eq!(drain(&mut desk), [show(1, None)]);
    desk
}

/// A desk with a patron on session 1 and session 2 waiting for the next patron, at `t0`.
fn serving(t0: Instant) -> Desk {
    let mut desk = welcoming(t0);
    report(&mut desk, 1, State::Active, ViewKind::Launcher, t0);
    assert_eq!(drain(&mut desk), [spawn(Role::Waiting)]);
    desk.handle(Input::Started { id: 2, role: Role::Waiting }, t0);
    assert_eq!(drain(&mut desk), []);
    desk
}

#[test]
fn a_new_desk_shows_a_session_and_prepares_the_next_once_a_patron_starts() {
    let t0 = Instant::now();
    let mut desk = welcoming(t0);
    assert_eq!(desk.stage(), Stage::Serving);
    let s = status(&desk, t0);
    assert_eq!((s.state, s.mode, s.session_age_s, s.view), (State::Welcome, None, None, Some(ViewKind::Welcome)));
    assert_eq!(desk.poll_timeout(), None, "nothing is due: the loop sleeps until an event");
    // The session at the welcome screen is itself the one ready for a patron.
    report(&mut desk, 1, State::Welcome, ViewKind::Welcome, t0 + Duration::from_secs(30));
    assert_eq!(drain(&mut desk), []);
    report(&mut desk, 1, State::Active, ViewKind::Launcher, t0 + Duration::from_secs(40));
    assert_eq!(drain(&mut desk), [spawn(Role::Waiting)]);
    // Asked once, even before it answers.
    report(&mut desk, 1, State::Active, ViewKind::Web, t0 + Duration::from_secs(41));
    assert_eq!(drain(&mut desk), []);
    desk.handle(Input::Started { id: 2, role: Role::Waiting }, t0 + Duration::from_secs(42));
    // A second one, should one ever arrive, is stopped: never two waiting.
    desk.handle(Input::Started { id: 3, role: Role::Waiting }, t0 + Duration::from_secs(43));
    assert_eq!(drain(&mut desk), [Effect::StopAndWipe { id: 3 }]);
}

#[test]
fn the_session_age_counts_from_the_first_non_welcome_report() {
    let t0 = Instant::now();
    let mut desk = welcoming(t0);
    report(&mut desk, 1, State::Welcome, ViewKind::Welcome, t0);
    report(&mut desk, 1, State::Active, ViewKind::Launcher, t0 + Duration::from_secs(10));
    desk.handle(Input::Started { id: 2, role: Role::Waiting }, t0 + Duration::from_secs(11));
    report(&mut desk, 1, State::Warning, ViewKind::Web, t0 + Duration::from_secs(70));
    // The waiting session's reports never reach `ctl status`.
    report(&mut desk, 2, State::Welcome, ViewKind::Blank, t0 + Duration::from_secs(80));
    let s = status(&desk, t0 + Duration::from_secs(100));
    assert_eq!((s.state, s.mode, s.session_age_s, s.view), (State::Warning, Some(Mode::Citizen), Some(90), Some(ViewKind::Web)));
}

#[test]
fn while_serving_open_and_end_go_to_the_session_on_screen() {
    let t0 = Instant::now();
    let desk = serving(t0);
    let url = "https://www.caf.fr/";
    assert_eq!(desk.control(open(url), t0), Action::Forward { id: 1, message: ToSession::Open { url: Zeroizing::new(url.into()) } });
    assert_eq!(desk.control(Request::EndSession, t0), Action::Forward { id: 1, message: ToSession::End });
}

#[test]
fn an_ended_session_is_wiped_before_the_waiting_one_is_shown_with_the_receipt() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    report(&mut desk, 1, State::Active, ViewKind::Web, t0);
    let t1 = t0 + Duration::from_secs(600);
    desk.handle(Input::FromSession { id: 1, message: FromSession::Ended { reason: EndReason::Patron } }, t1);
    // The waiting session puts its window up, covered, while this one is stopped and wiped.
    assert_eq!(drain(&mut desk), [Effect::Send { id: 2, message: ToSession::Prepare }, Effect::StopAndWipe { id: 1 }]);
    assert_eq!(desk.stage(), Stage::Wiping);
    let s = status(&desk, t1);
    assert_eq!((s.state, s.mode, s.session_age_s, s.view), (State::Wiping, None, None, None));
    assert_eq!(desk.control(Request::EndSession, t1), Action::Reply(Reply::Ok));
    assert!(matches!(desk.control(open("https://www.caf.fr/"), t1), Action::Reply(Reply::Error { .. })));
    // Late reports of the ending session, and its link closing, change nothing.
    report(&mut desk, 1, State::Active, ViewKind::Web, t1);
    desk.handle(Input::Gone { id: 1 }, t1);
    assert_eq!(drain(&mut desk), []);
    assert_eq!(status(&desk, t1).state, State::Wiping);

    desk.handle(Input::Wiped { id: 1, result: Ok(2) }, t1);
    assert_eq!(drain(&mut desk), [show(2, Some(Receipt { downloads: 2, assisted: false }))]);
    let s = status(&desk, t1 + Duration::from_secs(300));
    assert_eq!((s.state, s.mode, s.session_age_s), (State::Welcome, None, None));
    assert_eq!(desk.control(Request::EndSession, t1), Action::Forward { id: 2, message: ToSession::End });
}

#[test]
fn without_a_waiting_session_a_new_one_is_started_for_the_screen() {
    let t0 = Instant::now();
    let mut desk = Desk::new(true, vec![Mode::Citizen]);
    drain(&mut desk);
    desk.handle(Input::Started { id: 1, role: Role::Screen }, t0);
    drain(&mut desk);
    report(&mut desk, 1, State::Active, ViewKind::Launcher, t0);
    assert_eq!(drain(&mut desk), [spawn(Role::Waiting)]);
    desk.handle(Input::StartFailed { role: Role::Waiting }, t0);
    assert_eq!(desk.poll_timeout(), Some(t0 + BACKOFF), "a failed waiting session is retried later");
    let t1 = t0 + Duration::from_secs(60);
    desk.handle(Input::Gone { id: 1 }, t1);
    // The retry was due, but nobody is on screen to get ready for: none is started.
    assert_eq!(drain(&mut desk), [Effect::StopAndWipe { id: 1 }]);
    desk.handle(Input::Wiped { id: 1, result: Ok(0) }, t1);
    assert_eq!(drain(&mut desk), [spawn(Role::Screen)]);
    assert!(matches!(desk.control(Request::EndSession, t1), Action::Reply(Reply::Error { .. })), "nothing on screen yet");
    desk.handle(Input::Started { id: 3, role: Role::Screen }, t1);
    assert_eq!(drain(&mut desk), [show(3, Some(Receipt { downloads: 0, assisted: false }))]);
    assert_eq!(desk.control(Request::EndSession, t1), Action::Forward { id: 3, message: ToSession::End });
}

#[test]
fn a_failed_wipe_makes_the_machine_unavailable_for_good() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    desk.handle(Input::Gone { id: 1 }, t0);
    drain(&mut desk);
    desk.handle(Input::Wiped { id: 1, result: Err(()) }, t0);
    assert_eq!(drain(&mut desk), [Effect::StopAndWipe { id: 2 }, spawn(Role::Unavailable)]);
    desk.handle(Input::Started { id: 3, role: Role::Unavailable }, t0);
    // Neither reports nor a new session lift it: staff must act.
    report(&mut desk, 3, State::Active, ViewKind::Web, t0);
    desk.handle(Input::Started { id: 4, role: Role::Waiting }, t0);
    assert_eq!(drain(&mut desk), [Effect::StopAndWipe { id: 4 }]);
    assert_eq!(desk.stage(), Stage::Unavailable);
    let s = status(&desk, t0);
    assert_eq!((s.state, s.view), (State::Unavailable, Some(ViewKind::Unavailable)));
    assert!(matches!(desk.control(Request::EndSession, t0), Action::Reply(Reply::Error { .. })));
    assert!(matches!(desk.control(open("https://www.caf.fr/"), t0), Action::Reply(Reply::Error { .. })));
    // The "unavailable" screen comes back if it dies.
    desk.handle(Input::Gone { id: 3 }, t0);
    assert_eq!(drain(&mut desk), [Effect::StopAndWipe { id: 3 }]);
    desk.handle(Input::Tick, t0 + Duration::from_millis(500));
    assert_eq!(drain(&mut desk), []);
    desk.handle(Input::Tick, t0 + Duration::from_secs(1));
    assert_eq!(drain(&mut desk), [spawn(Role::Unavailable)]);
}

#[test]
fn leftovers_that_cannot_be_wiped_leave_only_the_unavailable_screen() {
    let mut desk = Desk::new(false, vec![Mode::Citizen]);
    assert_eq!(drain(&mut desk), [spawn(Role::Unavailable)]);
    assert_eq!(desk.stage(), Stage::Unavailable);
}

#[test]
fn sessions_that_keep_dying_at_start_make_the_desk_back_off() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    let mut now = t0;
    let (mut screen, mut waiting, mut next_id) = (1, 2, 3);
    for round in 0..3 {
        now += Duration::from_secs(1);
        desk.handle(Input::Gone { id: screen }, now);
        assert_eq!(drain(&mut desk), [Effect::Send { id: waiting, message: ToSession::Prepare }, Effect::StopAndWipe { id: screen }]);
        desk.handle(Input::Wiped { id: screen, result: Ok(0) }, now);
        let effects = drain(&mut desk);
        if round < 2 {
            // The waiting one is shown at once, and another prepared when its patron starts.
            assert_eq!(effects, [show(waiting, Some(Receipt { downloads: 0, assisted: false }))], "round {round}");
            screen = waiting;
            report(&mut desk, screen, State::Active, ViewKind::Web, now);
            assert_eq!(drain(&mut desk), [spawn(Role::Waiting)]);
            desk.handle(Input::Started { id: next_id, role: Role::Waiting }, now);
            (waiting, next_id) = (next_id, next_id + 1);
        } else {
            assert_eq!(effects, [Effect::KeepFailing], "the third quick death in a row backs off");
        }
    }
    let resume = desk.poll_timeout().expect("a back-off deadline");
    assert_eq!(resume, now + BACKOFF);
    assert_eq!(status(&desk, now).state, State::Wiping);
    desk.handle(Input::Tick, resume - Duration::from_millis(1));
    assert_eq!(drain(&mut desk), []);
    desk.handle(Input::Tick, resume);
    assert!(matches!(drain(&mut desk).first(), Some(Effect::Send { message: ToSession::Show { .. }, .. })));
    assert_eq!(desk.stage(), Stage::Serving);
}

#[test]
fn a_waiting_session_that_keeps_dying_is_retried_after_a_pause() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    let mut waiting = 2;
    for round in 0..3 {
        desk.handle(Input::Gone { id: waiting }, t0 + Duration::from_secs(1));
        let effects = drain(&mut desk);
        assert_eq!(effects[0], Effect::StopAndWipe { id: waiting });
        if round < 2 {
            assert_eq!(effects[1..], [spawn(Role::Waiting)]);
            waiting += 10;
            desk.handle(Input::Started { id: waiting, role: Role::Waiting }, t0 + Duration::from_secs(1));
        } else {
            assert_eq!(effects[1..], [Effect::KeepFailing]);
        }
    }
    assert_eq!(desk.poll_timeout(), Some(t0 + Duration::from_secs(1) + BACKOFF));
    desk.handle(Input::Tick, t0 + Duration::from_secs(1) + BACKOFF);
    assert_eq!(drain(&mut desk), [spawn(Role::Waiting)]);
}

#[test]
fn a_session_of_another_version_is_stopped() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    desk.handle(Input::FromSession { id: 1, message: FromSession::Hello { version: VERSION } }, t0);
    assert_eq!(drain(&mut desk), []);
    desk.handle(Input::FromSession { id: 2, message: FromSession::Hello { version: VERSION + 1 } }, t0);
    assert_eq!(drain(&mut desk), [Effect::StopAndWipe { id: 2 }, spawn(Role::Waiting)]);
}

#[test]
fn staff_switch_the_mode_from_the_next_session_on_and_only_to_one_offered() {
    let t0 = Instant::now();
    let mut desk = Desk::new(true, vec![Mode::Minor, Mode::Citizen]);
    drain(&mut desk);
    desk.handle(Input::Started { id: 1, role: Role::Screen }, t0);
    assert_eq!(drain(&mut desk)[0], Effect::Send { id: 1, message: ToSession::Show { receipt: None, mode: Mode::Minor, pin: GateCarry::default() } });
    desk.handle(Input::Started { id: 2, role: Role::Waiting }, t0);
    assert_eq!(desk.control(Request::Mode { mode: Mode::Citizen }, t0), Action::SetMode(Mode::Citizen));
    assert!(matches!(desk.set_mode(Mode::Assisted), Reply::Error { .. }), "not offered here");
    assert_eq!(desk.set_mode(Mode::Citizen), Reply::Ok);
    // The patron on screen keeps their mode; the next one gets the new one.
    desk.handle(Input::Gone { id: 1 }, t0 + Duration::from_secs(60));
    desk.handle(Input::Wiped { id: 1, result: Ok(0) }, t0 + Duration::from_secs(60));
    let effects = drain(&mut desk);
    assert!(effects.contains(&Effect::Send { id: 2, message: ToSession::Show { receipt: Some(Receipt { downloads: 0, assisted: false }), mode: Mode::Citizen, pin: GateCarry::default() } }));
}

#[test]
fn a_patron_asking_for_help_shows_in_the_status_until_the_session_ends() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    let help = |help| FromSession::State { state: State::Active, mode: Some(Mode::Minor), view: ViewKind::Help, help };
    desk.handle(Input::FromSession { id: 1, message: help(true) }, t0);
    assert!(status(&desk, t0).help);
    desk.handle(Input::Gone { id: 1 }, t0);
    desk.handle(Input::Wiped { id: 1, result: Ok(0) }, t0);
    assert!(!status(&desk, t0).help, "the next patron starts without it");
}

/// Regression: a patron who ends a short session (three in a row) made the next patron wait
/// ten seconds, as if sessions were failing.
#[test]
fn short_sessions_that_patrons_end_are_no_failures() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    let (mut screen, mut next_id) = (1, 3);
    for round in 0..5 {
        let now = t0 + Duration::from_secs(round + 1);
        desk.handle(Input::FromSession { id: screen, message: FromSession::Ended { reason: EndReason::Patron } }, now);
        assert_eq!(drain(&mut desk), [Effect::Send { id: next_id - 1, message: ToSession::Prepare }, Effect::StopAndWipe { id: screen }]);
        desk.handle(Input::Wiped { id: screen, result: Ok(0) }, now);
        let effects = drain(&mut desk);
        assert!(matches!(effects.first(), Some(Effect::Send { message: ToSession::Show { .. }, .. })), "round {round}: {effects:?}");
        screen += 1;
        report(&mut desk, screen, State::Active, ViewKind::Launcher, now);
        assert_eq!(drain(&mut desk), [spawn(Role::Waiting)]);
        desk.handle(Input::Started { id: next_id, role: Role::Waiting }, now);
        next_id += 1;
    }
}

/// `ctl assist` goes to the session on screen (it asks the patron); an assisted session's wipe
/// gives a receipt that says the advisor's logins went with it.
#[test]
fn assist_is_forwarded_and_an_assisted_wipe_is_receipted() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    assert!(matches!(desk.control(Request::Assist, t0), Action::Reply(Reply::Error { .. })), "not offered by default");
    desk.offer_assisted();
    assert_eq!(desk.control(Request::Assist, t0), Action::Forward { id: 1, message: ToSession::Assist });
    let consent = FromSession::State { state: State::Active, mode: Some(Mode::Citizen), view: ViewKind::Consent, help: false };
    desk.handle(Input::FromSession { id: 1, message: consent }, t0);
    assert_eq!(status(&desk, t0).view, Some(ViewKind::Consent));
    let assisted = FromSession::State { state: State::Active, mode: Some(Mode::Assisted), view: ViewKind::Launcher, help: false };
    desk.handle(Input::FromSession { id: 1, message: assisted }, t0);
    assert_eq!(status(&desk, t0).mode, Some(Mode::Assisted));
    let t1 = t0 + Duration::from_secs(600);
    // Regression: the ending session's last report has no mode; the receipt still knows.
    let ending = FromSession::State { state: State::Ending, mode: None, view: ViewKind::Welcome, help: false };
    desk.handle(Input::FromSession { id: 1, message: ending }, t1);
    desk.handle(Input::FromSession { id: 1, message: FromSession::Ended { reason: EndReason::Patron } }, t1);
    assert!(matches!(desk.control(Request::Assist, t1), Action::Reply(Reply::Error { .. })), "not while wiping");
    desk.handle(Input::Wiped { id: 1, result: Ok(0) }, t1);
    assert_eq!(drain(&mut desk), [Effect::Send { id: 2, message: ToSession::Prepare }, Effect::StopAndWipe { id: 1 }, show(2, Some(Receipt { downloads: 0, assisted: true }))]);
    // The next session is an ordinary one: its own wipe says nothing of an advisor.
    report(&mut desk, 2, State::Active, ViewKind::Web, t1);
    desk.handle(Input::FromSession { id: 2, message: FromSession::Ended { reason: EndReason::Patron } }, t1);
    desk.handle(Input::Started { id: 3, role: Role::Waiting }, t1);
    desk.handle(Input::Wiped { id: 2, result: Ok(0) }, t1);
    assert!(drain(&mut desk).contains(&show(3, Some(Receipt { downloads: 0, assisted: false }))));
}

/// Regression: the pad's lockout lived in the session process, so "Commencer" then "Terminer"
/// gave the next session a fresh pad. The desk now hands the lockout on, aged by the time spent.
#[test]
fn the_pin_lockout_outlives_the_session() {
    let t0 = Instant::now();
    let mut desk = serving(t0);
    let locked = GateCarry { failures: 0, lockouts: 1, locked_for_s: 60 };
    desk.handle(Input::FromSession { id: 1, message: FromSession::Pin { carry: locked } }, t0);
    // A waiting session's report is not the screen's.
    desk.handle(Input::FromSession { id: 2, message: FromSession::Pin { carry: GateCarry::default() } }, t0);
    let t1 = t0 + Duration::from_secs(20);
    desk.handle(Input::FromSession { id: 1, message: FromSession::Ended { reason: EndReason::Patron } }, t1);
    desk.handle(Input::Wiped { id: 1, result: Ok(0) }, t1);
    let pin = GateCarry { locked_for_s: 40, ..locked };
    let show = Effect::Send { id: 2, message: ToSession::Show { receipt: Some(Receipt { downloads: 0, assisted: false }), mode: Mode::Citizen, pin } };
    assert_eq!(drain(&mut desk), [Effect::Send { id: 2, message: ToSession::Prepare }, Effect::StopAndWipe { id: 1 }, show]);
}
