//! What the supervisor's desk counts for the daily statistics: the session on screen's start,
//! its end (a crash included), the démarches it started and its refusals, as codes only; the
//! waiting session and made-up words count for nothing; every wipe counts, failed or not.

use std::time::Instant;

use guichet::policy::{Mode, Reason};
use guichet::session::EndReason;
use guichet::stats::Tally;
use guichet::status::{State, ViewKind};
use guichet::supervisor::desk::{Desk, Input, Role};
use guichet::supervisor::link::FromSession;

fn says(desk: &mut Desk, id: u64, message: FromSession, now: Instant) {
    desk.handle(Input::FromSession { id, message }, now);
}

fn active(desk: &mut Desk, id: u64, now: Instant) {
    says(desk, id, FromSession::State { state: State::Active, mode: Some(Mode::Citizen), view: ViewKind::Launcher, help: false }, now);
}

fn serving(now: Instant) -> Desk {
    let mut desk = Desk::new(true, vec![Mode::Citizen]);
    desk.handle(Input::Started { id: 1, role: Role::Screen }, now);
    desk.handle(Input::Started { id: 2, role: Role::Waiting }, now);
    while desk.poll().is_some() {}
    desk
}

#[test]
fn a_session_its_demarches_its_refusals_and_its_end() {
    let now = Instant::now();
    let mut desk = serving(now);
    says(&mut desk, 1, FromSession::State { state: State::Welcome, mode: None, view: ViewKind::Welcome, help: false }, now);
    assert_eq!(desk.take_tallies(), [], "the welcome screen is no session yet");
    active(&mut desk, 1, now);
    active(&mut desk, 1, now);
    says(&mut desk, 1, FromSession::DemarcheStarted { id: "caf-rsa".into() }, now);
    says(&mut desk, 1, FromSession::DemarcheStarted { id: "https://evil.example/?q=name".into() }, now);
    says(&mut desk, 1, FromSession::Blocked { reason: "not-allowlisted".into() }, now);
    says(&mut desk, 1, FromSession::Blocked { reason: "my secret search".into() }, now);
    // The waiting session's words never count.
    says(&mut desk, 2, FromSession::DemarcheStarted { id: "caf-rsa".into() }, now);
    says(&mut desk, 2, FromSession::Blocked { reason: "port".into() }, now);
    says(&mut desk, 1, FromSession::Ended { reason: EndReason::Patron }, now);
    desk.handle(Input::Gone { id: 1 }, now);
    assert_eq!(
        desk.take_tallies(),
        [
            Tally::SessionStarted(Mode::Citizen),
            Tally::DemarcheStarted("caf-rsa".into()),
            Tally::Blocked(Reason::NotAllowlisted),
            Tally::SessionEnded(EndReason::Patron),
        ]
    );
    assert_eq!(desk.take_tallies(), [], "taken once");
}

#[test]
fn a_session_that_vanishes_counts_as_a_crash_and_an_untouched_one_not_at_all() {
    let now = Instant::now();
    let mut desk = serving(now);
    active(&mut desk, 1, now);
    desk.handle(Input::Gone { id: 1 }, now);
    assert_eq!(desk.take_tallies(), [Tally::SessionStarted(Mode::Citizen), Tally::SessionEnded(EndReason::Crash)]);
}

#[test]
fn a_session_that_turns_assisted_counts_as_one_assisted_session() {
    let now = Instant::now();
    let mut desk = serving(now);
    active(&mut desk, 1, now);
    says(&mut desk, 1, FromSession::State { state: State::Active, mode: Some(Mode::Assisted), view: ViewKind::Launcher, help: false }, now);
    says(&mut desk, 1, FromSession::State { state: State::Active, mode: Some(Mode::Assisted), view: ViewKind::Web, help: false }, now);
    assert_eq!(desk.take_tallies(), [Tally::SessionStarted(Mode::Citizen), Tally::TurnedAssisted(Mode::Citizen)]);
    let mut counts = guichet::stats::DailyCounts::new();
    let day = guichet::catalog::Day::new(2026, 11, 25).unwrap();
    counts.record(day, guichet::stats::Event::SessionStarted(Mode::Citizen));
    counts.record(day, guichet::stats::Event::SessionStarted(Mode::Citizen));
    counts.record(day, guichet::stats::Event::TurnedAssisted(Mode::Citizen));
    let sessions = &counts.day(day).unwrap().sessions;
    assert_eq!((sessions.get("citizen"), sessions.get("assisted")), (Some(&1), Some(&1)));
}

#[test]
fn every_wipe_counts_and_so_does_every_failed_one() {
    let now = Instant::now();
    let mut desk = serving(now);
    active(&mut desk, 1, now);
    says(&mut desk, 1, FromSession::Ended { reason: EndReason::Patron }, now);
    desk.handle(Input::Gone { id: 1 }, now);
    desk.take_tallies();
    desk.handle(Input::Wiped { id: 1, result: Ok(0) }, now);
    assert_eq!(desk.take_tallies(), [Tally::Wiped(true)]);
    active(&mut desk, 2, now);
    says(&mut desk, 2, FromSession::Ended { reason: EndReason::IdleTimeout }, now);
    desk.handle(Input::Gone { id: 2 }, now);
    desk.take_tallies();
    desk.handle(Input::Wiped { id: 2, result: Err(()) }, now);
    assert_eq!(desk.take_tallies(), [Tally::Wiped(false)]);
}
