//! The life of one patron's session as a deterministic state machine: no clock of its own, no I/O.
//! The shell feeds it inputs with the current time and asks when to wake it next.

use std::time::{Duration, Instant};

use crate::config::SessionTimes;
use crate::policy::Mode;

/// What a patron sees, coarsely; `ctl status` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The welcome screen: nobody is using the machine.
    Welcome,
    /// A patron is working.
    Active,
    /// No input for a while: a countdown and "Je suis encore là" are on screen.
    IdleWarning { ends_at: Instant },
    /// The maximum duration is near: a notice with the time left is on screen.
    MaxWarning { ends_at: Instant },
    /// The session is over; the process will exit and its data be wiped.
    Ended(EndReason),
}

impl Phase {
    /// The name `ctl status` uses.
    pub fn state_name(&self) -> &'static str {
        match self {
            Phase::Welcome => "welcome",
            Phase::Active => "active",
            Phase::IdleWarning { .. } | Phase::MaxWarning { .. } => "warning",
            Phase::Ended(_) => "ending",
        }
    }
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    /// The patron pressed "Terminer ma session".
    Patron,
    IdleTimeout,
    MaxDuration,
    /// `guichet ctl end-session`.
    Control,
    /// The web content kept crashing.
    Crash,
}

impl EndReason {
    pub fn code(self) -> &'static str {
        match self {
            EndReason::Patron => "patron",
            EndReason::IdleTimeout => "idle-timeout",
            EndReason::MaxDuration => "max-duration",
            EndReason::Control => "control",
            EndReason::Crash => "crash",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// "Commencer" on the welcome screen (or an advisor's `ctl open`).
    Start(Mode),
    /// A key, click, scroll or touch in either view (the shell throttles these).
    Activity,
    /// "Je suis encore là" in the idle warning.
    StillHere,
    /// The patron accepted an advisor's help during their session: it carries on in assisted
    /// mode, with that mode's times (counted from the session's start).
    Assist,
    End(EndReason),
    /// Nothing happened, but a deadline may have passed.
    Tick,
}

/// What the shell must do after an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The phase changed: redraw accordingly.
    PhaseChanged(Phase),
}

#[derive(Debug, Clone, Copy)]
enum State {
    Welcome,
    Running { mode: Mode, started: Instant, last_activity: Instant },
    Ended(EndReason),
}

#[derive(Debug)]
pub struct Session {
    times: SessionTimes,
    /// Assisted mode's longer times.
    assisted_times: SessionTimes,
    state: State,
    phase: Phase,
}

impl Session {
    pub fn new(times: SessionTimes) -> Self {
        Session { times, assisted_times: times, state: State::Welcome, phase: Phase::Welcome }
    }

    /// The same session, with other times once it runs in assisted mode.
    pub fn with_assisted_times(self, assisted_times: SessionTimes) -> Self {
        Session { assisted_times, ..self }
    }

    fn times(&self) -> SessionTimes {
        match self.state {
            State::Running { mode: Mode::Assisted, .. } => self.assisted_times,
            _ => self.times,
        }
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn mode(&self) -> Option<Mode> {
        match self.state {
            State::Running { mode, .. } => Some(mode),
            _ => None,
        }
    }

    pub fn started(&self) -> Option<Instant> {
        match self.state {
            State::Running { started, .. } => Some(started),
            _ => None,
        }
    }

    /// When the session must end at the latest (maximum duration), if running.
    pub fn max_end(&self) -> Option<Instant> {
        self.started().map(|s| s + self.times().max_duration())
    }

    pub fn handle(&mut self, input: Input, now: Instant) -> Option<Effect> {
        match (self.state, input) {
            (State::Welcome, Input::Start(mode)) => {
                self.state = State::Running { mode, started: now, last_activity: now };
            }
            (State::Running { mode, started, .. }, Input::Activity | Input::StillHere) => {
                self.state = State::Running { mode, started, last_activity: now };
            }
            (State::Running { started, .. }, Input::Assist) => {
                self.state = State::Running { mode: Mode::Assisted, started, last_activity: now };
            }
            (State::Running { .. }, Input::End(reason)) => self.state = State::Ended(reason),
            // A session that has not started has nothing to end; an ended one stays ended.
            (State::Welcome, _) | (State::Running { .. }, Input::Start(_)) | (State::Ended(_), _) => {}
            (State::Running { .. }, Input::Tick) => {}
        }
        self.update_phase(now)
    }

    /// The next instant at which `handle(Input::Tick, …)` may change something.
    pub fn poll_timeout(&self) -> Option<Instant> {
        let State::Running { started, last_activity, .. } = self.state else { return None };
        let d = self.deadlines(started, last_activity);
        [d.idle_warn_at, d.max_warn_at, d.idle_end, d.max_end]
            .into_iter()
            .filter(|t| match self.phase {
                Phase::Active => true,
                Phase::MaxWarning { .. } => *t != d.max_warn_at,
                Phase::IdleWarning { .. } => *t == d.idle_end || *t == d.max_end,
                _ => false,
            })
            .min()
    }

    fn deadlines(&self, started: Instant, last_activity: Instant) -> Deadlines {
        let times = self.times();
        let idle_end = last_activity + times.idle_timeout();
        let max_end = started + times.max_duration();
        Deadlines {
            idle_end,
            idle_warn_at: idle_end - times.idle_warning(),
            max_end,
            max_warn_at: max_end - times.max_warning(),
        }
    }

    fn update_phase(&mut self, now: Instant) -> Option<Effect> {
        let phase = match self.state {
            State::Welcome => Phase::Welcome,
            State::Ended(reason) => Phase::Ended(reason),
            State::Running { started, last_activity, .. } => {
                let d = self.deadlines(started, last_activity);
                if now >= d.max_end {
                    self.state = State::Ended(EndReason::MaxDuration);
                    Phase::Ended(EndReason::MaxDuration)
                } else if now >= d.idle_end {
                    self.state = State::Ended(EndReason::IdleTimeout);
                    Phase::Ended(EndReason::IdleTimeout)
                } else if now >= d.idle_warn_at {
                    // The idle countdown is the more urgent message; it never outlasts the maximum.
                    Phase::IdleWarning { ends_at: d.idle_end.min(d.max_end) }
                } else if now >= d.max_warn_at {
                    Phase::MaxWarning { ends_at: d.max_end }
                } else {
                    Phase::Active
                }
            }
        };
        if phase == self.phase {
            return None;
        }
        self.phase = phase;
        Some(Effect::PhaseChanged(phase))
    }
}

struct Deadlines {
    idle_end: Instant,
    idle_warn_at: Instant,
    max_end: Instant,
    max_warn_at: Instant,
}

/// Seconds left until `deadline`, rounded up, for countdowns.
pub fn seconds_left(deadline: Instant, now: Instant) -> u64 {
    let left = deadline.saturating_duration_since(now);
    left.as_secs() + u64::from(left.subsec_nanos() > 0)
}

/// Throttles activity reports so that a moving mouse does not flood the state machine.
#[derive(Debug, Default)]
pub struct ActivityThrottle {
    last: Option<Instant>,
}

impl ActivityThrottle {
    pub const INTERVAL: Duration = Duration::from_millis(500);

    /// A throttle that last passed an activity at `last`.
    pub fn from_last(last: Option<Instant>) -> Self {
        ActivityThrottle { last }
    }

    /// True when this activity should be passed on.
    pub fn pass(&mut self, now: Instant) -> bool {
        match self.last {
            Some(last) if now.saturating_duration_since(last) < Self::INTERVAL => false,
            _ => {
                self.last = Some(now);
                true
            }
        }
    }
}
