//! What `guichet ctl` gets from the supervisor as sessions come and go: the desk's answers on a
//! simulated clock, including requests that arrive while a session is being wiped.

use std::time::{Duration, Instant};

use guichet::control::{Reply, Request, Status};
use guichet::supervisor::desk::{Action, Desk, Stage};
use guichet::supervisor::link::ToSession;
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

#[test]
fn a_new_desk_shows_the_welcome_screen_with_no_age() {
    let t0 = Instant::now();
    let desk = Desk::new();
    assert_eq!(desk.stage(), Stage::Serving);
    let s = status(&desk, t0);
    assert_eq!((s.state.as_str(), s.mode, s.session_age_s, s.view.as_deref()), ("welcome", None, None, Some("welcome")));
}

#[test]
fn the_session_age_counts_from_the_first_non_welcome_report() {
    let t0 = Instant::now();
    let mut desk = Desk::new();
    desk.reported("welcome".into(), None, "welcome".into(), t0);
    desk.reported("active".into(), Some("citizen".into()), "launcher".into(), t0 + Duration::from_secs(10));
    desk.reported("warning".into(), Some("citizen".into()), "web".into(), t0 + Duration::from_secs(70));
    let s = status(&desk, t0 + Duration::from_secs(100));
    assert_eq!((s.state.as_str(), s.mode.as_deref(), s.session_age_s, s.view.as_deref()), ("warning", Some("citizen"), Some(90), Some("web")));
}

#[test]
fn while_serving_open_and_end_go_to_the_session_on_screen() {
    let t0 = Instant::now();
    let desk = Desk::new();
    assert_eq!(desk.control(open("https://www.caf.fr/"), t0), Action::Forward(ToSession::Open { url: Zeroizing::new("https://www.caf.fr/".into()) }));
    assert_eq!(desk.control(Request::EndSession, t0), Action::Forward(ToSession::End));
}

#[test]
fn while_wiping_an_end_request_is_already_done_and_an_open_is_refused() {
    let t0 = Instant::now();
    let mut desk = Desk::new();
    desk.reported("active".into(), Some("assisted".into()), "web".into(), t0);
    desk.wiping();
    assert_eq!(desk.stage(), Stage::Wiping);
    let s = status(&desk, t0 + Duration::from_secs(1));
    assert_eq!((s.state.as_str(), s.mode, s.session_age_s, s.view), ("wiping", None, None, None));
    assert_eq!(desk.control(Request::EndSession, t0), Action::Reply(Reply::Ok));
    assert!(matches!(desk.control(open("https://www.caf.fr/"), t0), Action::Reply(Reply::Error { .. })));
    // Late reports from the ending session do not bring it back.
    desk.reported("active".into(), Some("assisted".into()), "web".into(), t0 + Duration::from_secs(2));
    assert_eq!(status(&desk, t0 + Duration::from_secs(2)).state, "wiping");
}

#[test]
fn after_the_wipe_the_next_session_starts_from_scratch() {
    let t0 = Instant::now();
    let mut desk = Desk::new();
    desk.reported("active".into(), Some("citizen".into()), "web".into(), t0);
    desk.wiping();
    desk.shown();
    let s = status(&desk, t0 + Duration::from_secs(300));
    assert_eq!((s.state.as_str(), s.mode, s.session_age_s), ("welcome", None, None));
    assert_eq!(desk.control(Request::EndSession, t0), Action::Forward(ToSession::End));
}

#[test]
fn a_failed_wipe_makes_the_machine_unavailable_for_good() {
    let t0 = Instant::now();
    let mut desk = Desk::new();
    desk.wiping();
    desk.unavailable();
    // Neither a new session being shown nor reports nor another wipe lift it: staff must act.
    desk.shown();
    desk.wiping();
    desk.reported("active".into(), Some("citizen".into()), "web".into(), t0);
    assert_eq!(desk.stage(), Stage::Unavailable);
    let s = status(&desk, t0);
    assert_eq!((s.state.as_str(), s.view.as_deref()), ("unavailable", Some("unavailable")));
    assert!(matches!(desk.control(Request::EndSession, t0), Action::Reply(Reply::Error { .. })));
    assert!(matches!(desk.control(open("https://www.caf.fr/"), t0), Action::Reply(Reply::Error { .. })));
}
