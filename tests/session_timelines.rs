//! Session timelines on a simulated clock: each step is (second, input) → expected phase.

use std::time::{Duration, Instant};

use guichet::config::SessionTimes;
use guichet::policy::Mode;
use guichet::session::{seconds_left, ActivityThrottle, EndReason, Input, Phase, Session};

/// idle 300 s with a 60 s warning; maximum 3600 s with a 300 s warning.
fn times() -> SessionTimes {
    let s = Duration::from_secs;
    SessionTimes::new(s(300), s(60), s(3600), s(300)).unwrap()
}

#[derive(Debug, PartialEq)]
enum Want {
    Welcome,
    Active,
    IdleWarningUntil(u64),
    MaxWarningUntil(u64),
    Ended(EndReason),
}

fn run(steps: &[(u64, Input, Want)]) {
    let t0 = Instant::now();
    let at = |s: u64| t0 + Duration::from_secs(s);
    let mut session = Session::new(times());
    for (second, input, want) in steps {
        session.handle(*input, at(*second));
        let got = match session.phase() {
            Phase::Welcome => Want::Welcome,
            Phase::Active => Want::Active,
            Phase::IdleWarning { ends_at } => Want::IdleWarningUntil((ends_at - t0).as_secs()),
            Phase::MaxWarning { ends_at } => Want::MaxWarningUntil((ends_at - t0).as_secs()),
            Phase::Ended(reason) => Want::Ended(reason),
        };
        assert_eq!(&got, want, "at {second}s after {input:?}");
    }
}

use Input::*;

#[test]
fn welcome_ignores_everything_but_start() {
    run(&[
        (0, Activity, Want::Welcome),
        (10, Tick, Want::Welcome),
        (20, End(EndReason::Control), Want::Welcome),
        (30, StillHere, Want::Welcome),
        (40, Start(Mode::Citizen), Want::Active),
    ]);
}

#[test]
fn idle_warning_then_timeout() {
    run(&[
        (0, Start(Mode::Citizen), Want::Active),
        (239, Tick, Want::Active),
        (240, Tick, Want::IdleWarningUntil(300)),
        (299, Tick, Want::IdleWarningUntil(300)),
        (300, Tick, Want::Ended(EndReason::IdleTimeout)),
        (301, Activity, Want::Ended(EndReason::IdleTimeout)),
    ]);
}

#[test]
fn activity_during_the_warning_returns_to_active() {
    run(&[
        (0, Start(Mode::Citizen), Want::Active),
        (250, Tick, Want::IdleWarningUntil(300)),
        (260, Activity, Want::Active),
        (499, Tick, Want::Active),
        (500, Tick, Want::IdleWarningUntil(560)),
        (530, StillHere, Want::Active),
        (769, Tick, Want::Active),
        (770, Tick, Want::IdleWarningUntil(830)),
        (830, Tick, Want::Ended(EndReason::IdleTimeout)),
    ]);
}

#[test]
fn maximum_duration_warns_then_ends_despite_activity() {
    let mut steps = vec![(0, Start(Mode::Assisted), Want::Active)];
    for s in (100..3300).step_by(100) {
        steps.push((s, Activity, Want::Active));
    }
    steps.extend([
        (3300, Activity, Want::MaxWarningUntil(3600)),
        (3400, StillHere, Want::MaxWarningUntil(3600)),
        (3500, Activity, Want::MaxWarningUntil(3600)),
        (3600, Activity, Want::Ended(EndReason::MaxDuration)),
    ]);
    run(&steps);
}

#[test]
fn idle_warning_inside_the_maximum_warning_counts_down_to_the_earlier_end() {
    let mut steps = vec![(0, Start(Mode::Citizen), Want::Active)];
    for s in (200..3300).step_by(200) {
        steps.push((s, Activity, Want::Active));
    }
    steps.extend([
        // Last activity at 3340: the idle warning would run to 3640, but the session ends at 3600.
        (3340, Activity, Want::MaxWarningUntil(3600)),
        (3579, Tick, Want::MaxWarningUntil(3600)),
        (3580, Tick, Want::IdleWarningUntil(3600)),
        (3590, Activity, Want::MaxWarningUntil(3600)),
        (3600, Tick, Want::Ended(EndReason::MaxDuration)),
    ]);
    run(&steps);
}

#[test]
fn idle_timeout_inside_the_maximum_warning() {
    let mut steps = vec![(0, Start(Mode::Citizen), Want::Active)];
    for s in (200..3300).step_by(200) {
        steps.push((s, Activity, Want::Active));
    }
    steps.extend([
        (3260, Activity, Want::Active),
        (3300, Tick, Want::MaxWarningUntil(3600)),
        (3500, Tick, Want::IdleWarningUntil(3560)),
        (3560, Tick, Want::Ended(EndReason::IdleTimeout)),
    ]);
    run(&steps);
}

#[test]
fn explicit_ends_are_final() {
    for reason in [EndReason::Patron, EndReason::Control, EndReason::Crash] {
        run(&[
            (0, Start(Mode::Minor), Want::Active),
            (10, End(reason), Want::Ended(reason)),
            (11, Start(Mode::Citizen), Want::Ended(reason)),
            (12, Activity, Want::Ended(reason)),
            (13, End(EndReason::Control), Want::Ended(reason)),
            (5000, Tick, Want::Ended(reason)),
        ]);
    }
}

#[test]
fn end_during_a_warning() {
    run(&[
        (0, Start(Mode::Citizen), Want::Active),
        (250, Tick, Want::IdleWarningUntil(300)),
        (255, End(EndReason::Patron), Want::Ended(EndReason::Patron)),
    ]);
}

#[test]
fn a_second_start_does_not_restart_the_clock_or_change_mode() {
    let t0 = Instant::now();
    let mut session = Session::new(times());
    session.handle(Start(Mode::Minor), t0);
    session.handle(Start(Mode::Assisted), t0 + Duration::from_secs(100));
    assert_eq!(session.mode(), Some(Mode::Minor));
    assert_eq!(session.started(), Some(t0));
}

#[test]
fn poll_timeout_names_the_next_deadline() {
    let t0 = Instant::now();
    let s = |n| t0 + Duration::from_secs(n);
    let mut session = Session::new(times());
    assert_eq!(session.poll_timeout(), None);
    session.handle(Start(Mode::Citizen), t0);
    assert_eq!(session.poll_timeout(), Some(s(240)), "idle warning first");
    session.handle(Tick, s(240));
    assert_eq!(session.poll_timeout(), Some(s(300)), "then the idle end");
    session.handle(Activity, s(250));
    assert_eq!(session.poll_timeout(), Some(s(490)));
    for n in (300..3300).step_by(200) {
        session.handle(Activity, s(n));
    }
    session.handle(Activity, s(3290));
    assert_eq!(session.poll_timeout(), Some(s(3300)), "the maximum warning comes before the idle one");
    session.handle(Tick, s(3300));
    assert_eq!(session.poll_timeout(), Some(s(3530)), "next: the idle warning");
    session.handle(End(EndReason::Patron), s(3310));
    assert_eq!(session.poll_timeout(), None);
}

#[test]
fn countdown_rounds_up_and_throttle_spaces_reports() {
    let t0 = Instant::now();
    assert_eq!(seconds_left(t0 + Duration::from_millis(59_001), t0), 60);
    assert_eq!(seconds_left(t0, t0 + Duration::from_secs(5)), 0);
    let mut throttle = ActivityThrottle::default();
    assert!(throttle.pass(t0));
    assert!(!throttle.pass(t0 + Duration::from_millis(100)));
    assert!(throttle.pass(t0 + ActivityThrottle::INTERVAL));
}
