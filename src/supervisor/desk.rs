//! The supervisor's decisions, without processes or a clock of its own: which session is on
//! screen and which waits, when a finished one is wiped, when the next is shown, when to back
//! off, when the machine is unavailable, and what `guichet ctl` is answered. The loop in
//! `supervisor/mod.rs` feeds it inputs with the time and carries out its effects.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::link::{FromSession, Receipt, ToSession, VERSION};
use crate::kiosk::GateCarry;
use crate::control::{Reply, Request, Status};
use crate::kiosk::Launch;
use crate::log;
use crate::policy::{Mode, Reason};
use crate::session::EndReason;
use crate::stats::Tally;
use crate::status::{State, ViewKind};

pub type SessionId = u64;

/// A session process that dies this soon after starting, this many times in a row, means the
/// machine cannot run sessions: stop retrying in a tight loop.
pub const QUICK_FAILURE: Duration = Duration::from_secs(5);
pub const QUICK_FAILURES_BEFORE_BACKOFF: u32 = 3;
pub const BACKOFF: Duration = Duration::from_secs(10);
/// The "unavailable" screen, if it dies, comes back after this.
pub const UNAVAILABLE_RESPAWN: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A session is on screen (welcome, active or warning, as it reports).
    Serving,
    /// The last session is being stopped and wiped; the next one is not shown yet.
    Wiping,
    /// A wipe failed or RAM folders cannot be made: no patron may use the machine.
    Unavailable,
}

/// What a session process is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The patron's screen.
    Screen,
    /// Started ahead of time, hidden, for the next patron: once a patron is using the session
    /// on screen (a session at the welcome screen is itself ready for the next patron, so
    /// none is kept waiting behind it, which halves the memory at rest).
    Waiting,
    /// The "computer unavailable" screen.
    Unavailable,
}

impl Role {
    fn launch(self) -> Launch {
        match self {
            Role::Screen | Role::Waiting => Launch::Hidden,
            Role::Unavailable => Launch::Unavailable,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    Started { id: SessionId, role: Role },
    StartFailed { role: Role },
    FromSession { id: SessionId, message: FromSession },
    /// Its link closed or its process exited.
    Gone { id: SessionId },
    /// The loop stopped a session's processes and wiped its folder; `downloads` is what the
    /// patron had kept (for the receipt), `Err` when the wipe failed.
    Wiped { id: SessionId, result: Result<u64, ()> },
    Tick,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Spawn { role: Role, launch: Launch },
    Send { id: SessionId, message: ToSession },
    /// Kill the session's whole process tree, wipe and check its folder, and answer `Wiped`.
    StopAndWipe { id: SessionId },
    /// Sessions keep stopping at start: whatever the next ones may do without, they should.
    KeepFailing,
}

/// What to do with a control request.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    Reply(Reply),
    /// Pass this on to the session on screen, and answer what it took.
    Forward { id: SessionId, message: ToSession },
    /// `ctl mode`: answer with [`Desk::set_mode`].
    SetMode(Mode),
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    id: SessionId,
    started: Instant,
}

/// What the session on screen last reported.
#[derive(Debug, Clone, Copy)]
struct Report {
    state: State,
    mode: Option<Mode>,
    view: ViewKind,
    help: bool,
    active_since: Option<Instant>,
}

impl Report {
    const WELCOME: Report = Report { state: State::Welcome, mode: None, view: ViewKind::Welcome, help: false, active_since: None };
}

#[derive(Debug)]
pub struct Desk {
    stage: Stage,
    /// The modes this machine offers, and the one the next patron gets.
    offered: Vec<Mode>,
    mode: Mode,
    screen: Option<Slot>,
    waiting: Option<Slot>,
    unavailable_screen: Option<Slot>,
    /// A session being stopped and wiped (the one that was on screen), with its life span
    /// when it failed (stopped on its own or crashed); a session a patron or staff ended is no
    /// failure, however short.
    wiping: Option<(SessionId, Option<Duration>)>,
    /// When the last session on screen ended, for the log's logout time.
    ended_at: Option<Instant>,
    /// The session on screen has been in assisted mode (its last report, once ending, has no
    /// mode any more), and the one being wiped was: the receipt says so.
    screen_assisted: bool,
    wiping_assisted: bool,
    /// The advisor pad's lockout, as the session on screen last reported it, and when.
    pin: Option<(GateCarry, Instant)>,
    /// `assisted` is in `[kiosk] modes`: `ctl assist` is passed on, else refused here.
    assisted_offered: bool,
    report: Report,
    quick_failures: u32,
    waiting_failures: u32,
    /// When to show the next session (after a back-off).
    show_at: Option<Instant>,
    /// A waiting session was asked for and has not answered yet.
    waiting_spawned: bool,
    receipt: Option<Receipt>,
    retry_waiting_at: Option<Instant>,
    retry_unavailable_at: Option<Instant>,
    effects: VecDeque<Effect>,
    /// What the daily counts should add (apart from the effects: nothing to carry out).
    tallies: Vec<Tally>,
}

impl Desk {
    /// A supervisor that just started: `swept` is false when leftovers of a previous run could
    /// not be wiped (then no patron may use the machine). `offered`: the modes this machine
    /// offers, the first being the one patrons get until staff choose another.
    pub fn new(swept: bool, offered: Vec<Mode>) -> Desk {
        let mode = offered.first().copied().unwrap_or(Mode::Citizen);
        let mut desk = Desk {
            stage: Stage::Serving,
            offered,
            mode,
            screen: None,
            waiting: None,
            unavailable_screen: None,
            wiping: None,
            ended_at: None,
            screen_assisted: false,
            wiping_assisted: false,
            pin: None,
            assisted_offered: false,
            report: Report::WELCOME,
            quick_failures: 0,
            waiting_failures: 0,
            show_at: None,
            waiting_spawned: false,
            receipt: None,
            retry_waiting_at: None,
            retry_unavailable_at: None,
            effects: VecDeque::new(),
            tallies: Vec::new(),
        };
        if swept {
            desk.spawn(Role::Screen);
        } else {
            desk.become_unavailable();
        }
        desk
    }

    /// Lets `ctl assist` through to the sessions (the machine offers assisted mode).
    pub fn offer_assisted(&mut self) {
        self.assisted_offered = true;
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The counts gathered since the last call (sessions, endings, démarches, blocks).
    pub fn take_tallies(&mut self) -> Vec<Tally> {
        std::mem::take(&mut self.tallies)
    }

    pub fn poll(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    /// The next moment something is due (a back-off ending), if any.
    pub fn poll_timeout(&self) -> Option<Instant> {
        [self.show_at, self.retry_waiting_at, self.retry_unavailable_at].into_iter().flatten().min()
    }

    pub fn handle(&mut self, input: Input, now: Instant) {
        match input {
            Input::Started { id, role } => self.started(id, role, now),
            Input::StartFailed { role } => self.start_failed(role, now),
            Input::FromSession { id, message } => self.session_says(id, message, now),
            Input::Gone { id } => self.gone(id, now),
            Input::Wiped { id, result } => self.wiped(id, result, now),
            Input::Tick => {}
        }
        self.due(now);
    }

    /// Everything still running, to stop and wipe when the supervisor stops.
    pub fn shut_down(&mut self) -> Vec<SessionId> {
        [self.screen.take(), self.waiting.take(), self.unavailable_screen.take()].into_iter().flatten().map(|s| s.id).collect()
    }

    fn spawn(&mut self, role: Role) {
        self.effects.push_back(Effect::Spawn { role, launch: role.launch() });
    }

    /// A patron is using the session on screen: the next patron's session gets ready behind it.
    fn patron_on_screen(&self) -> bool {
        self.stage == Stage::Serving && self.screen.is_some() && self.report.active_since.is_some()
    }

    /// Starts the waiting session if a patron is on screen and none is waiting, being started
    /// or backing off.
    fn prepare_waiting(&mut self) {
        if self.patron_on_screen() && self.waiting.is_none() && !self.waiting_spawned && self.retry_waiting_at.is_none() {
            self.waiting_spawned = true;
            self.spawn(Role::Waiting);
        }
    }

    fn started(&mut self, id: SessionId, role: Role, now: Instant) {
        let slot = Slot { id, started: now };
        match role {
            Role::Screen if self.stage == Stage::Unavailable => self.effects.push_back(Effect::StopAndWipe { id }),
            Role::Screen => {
                self.screen = Some(slot);
                self.show(id, now);
            }
            Role::Waiting if self.stage == Stage::Unavailable => self.effects.push_back(Effect::StopAndWipe { id }),
            Role::Waiting => {
                self.waiting_spawned = false;
                match self.waiting {
                    // Never two: the one already waiting stays.
                    Some(_) => self.effects.push_back(Effect::StopAndWipe { id }),
                    None => self.waiting = Some(slot),
                }
            }
            Role::Unavailable => self.unavailable_screen = Some(slot),
        }
    }

    fn start_failed(&mut self, role: Role, now: Instant) {
        match role {
            // No session can start: the machine cannot take patrons (RAM folder, D-Bus…).
            Role::Screen => self.become_unavailable(),
            Role::Waiting => {
                self.waiting_spawned = false;
                self.retry_waiting_at = Some(now + BACKOFF);
            }
            Role::Unavailable => self.retry_unavailable_at = Some(now + UNAVAILABLE_RESPAWN),
        }
    }

    fn session_says(&mut self, id: SessionId, message: FromSession, now: Instant) {
        match message {
            FromSession::Hello { version } if version != VERSION => {
                log::event("supervisor", format_args!("session {id} speaks version {version}, not {VERSION}: stopped"));
                self.gone(id, now);
            }
            FromSession::Hello { .. } => {}
            FromSession::State { state, mode, view, help } if self.is_screen(id) && self.stage == Stage::Serving => {
                let active_since = match (self.report.active_since, state) {
                    (None, State::Welcome) => None,
                    (None, _) => Some(now),
                    (since, _) => since,
                };
                if help && !self.report.help {
                    log::event("supervisor", format_args!("the patron asked for help at the desk"));
                }
                if let (None, Some(_), Some(mode)) = (self.report.active_since, active_since, mode) {
                    self.tallies.push(Tally::SessionStarted(mode));
                }
                // Assisted sessions per day: a session that turns assisted counts as one.
                if let (Some(Mode::Assisted), false, Some(_), Some(from)) = (mode, self.screen_assisted, self.report.active_since, self.report.mode) {
                    if from != Mode::Assisted {
                        self.tallies.push(Tally::TurnedAssisted(from));
                    }
                }
                self.report = Report { state, mode, view, help, active_since };
                self.screen_assisted |= mode == Some(Mode::Assisted);
                self.prepare_waiting();
            }
            FromSession::State { .. } => {}
            FromSession::Pin { carry } if self.is_screen(id) => self.pin = Some((carry, now)),
            FromSession::Pin { .. } => {}
            FromSession::Ended { reason } if self.is_screen(id) => {
                log::event("supervisor", format_args!("session {id} ended ({})", reason.code()));
                if self.report.active_since.is_some() {
                    self.tallies.push(Tally::SessionEnded(reason));
                }
                self.finish_screen(now, reason == EndReason::Crash);
            }
            FromSession::Ended { .. } => {}
            // Counted only from the session on screen, and only as codes: an id shaped like
            // one (the loop checks it against the catalogue) or a known block reason.
            FromSession::DemarcheStarted { id: demarche } if self.is_screen(id) => {
                if crate::stats::is_code(&demarche) {
                    self.tallies.push(Tally::DemarcheStarted(demarche));
                }
            }
            FromSession::Blocked { reason } if self.is_screen(id) => {
                if let Some(reason) = Reason::from_code(&reason) {
                    self.tallies.push(Tally::Blocked(reason));
                }
            }
            FromSession::DemarcheStarted { .. } | FromSession::Blocked { .. } => {}
        }
    }

    fn is_screen(&self, id: SessionId) -> bool {
        self.screen.is_some_and(|s| s.id == id)
    }

    fn gone(&mut self, id: SessionId, now: Instant) {
        if self.is_screen(id) {
            log::event("supervisor", format_args!("session {id} stopped on its own"));
            if self.report.active_since.is_some() {
                self.tallies.push(Tally::SessionEnded(EndReason::Crash));
            }
            self.finish_screen(now, true);
        } else if self.waiting.is_some_and(|s| s.id == id) {
            let lived = self.waiting.take().map_or(Duration::ZERO, |s| now.saturating_duration_since(s.started));
            self.effects.push_back(Effect::StopAndWipe { id });
            if count_quick(&mut self.waiting_failures, lived) {
                log::event("supervisor", format_args!("the waiting session keeps stopping at start; waiting before the next try"));
                self.effects.push_back(Effect::KeepFailing);
                self.retry_waiting_at = Some(now + BACKOFF);
            } else {
                log::event("supervisor", format_args!("the waiting session stopped; starting another"));
                self.prepare_waiting();
            }
        } else if self.unavailable_screen.is_some_and(|s| s.id == id) {
            self.unavailable_screen = None;
            self.effects.push_back(Effect::StopAndWipe { id });
            self.retry_unavailable_at = Some(now + UNAVAILABLE_RESPAWN);
        }
    }

    /// The session on screen is over: nothing else is shown until it is wiped.
    fn finish_screen(&mut self, now: Instant, failed: bool) {
        let Some(slot) = self.screen.take() else { return };
        if self.stage != Stage::Unavailable {
            self.stage = Stage::Wiping;
        }
        self.wiping = Some((slot.id, failed.then(|| now.saturating_duration_since(slot.started))));
        self.ended_at = Some(now);
        if let (Some(waiting), false) = (self.waiting, self.stage == Stage::Unavailable) {
            // Mapping and first painting a window is the slow part of a logout: the next
            // session does it, covered, while this one is stopped and wiped.
            self.effects.push_back(Effect::Send { id: waiting.id, message: ToSession::Prepare });
        }
        self.wiping_assisted = std::mem::take(&mut self.screen_assisted);
        self.effects.push_back(Effect::StopAndWipe { id: slot.id });
    }

    fn wiped(&mut self, id: SessionId, result: Result<u64, ()>, now: Instant) {
        self.tallies.push(Tally::Wiped(result.is_ok()));
        let finished = self.wiping.filter(|(wiping, _)| *wiping == id);
        match (finished, result) {
            (Some(_), Err(())) => {
                log::event("supervisor", format_args!("WIPE FAILED, the computer is now unavailable"));
                self.wiping = None;
                self.become_unavailable();
            }
            (Some((_, failed_after)), Ok(downloads)) => {
                self.wiping = None;
                if self.stage == Stage::Unavailable {
                    return;
                }
                self.receipt = Some(Receipt { downloads, assisted: self.wiping_assisted });
                let back_off = match failed_after {
                    Some(lived) => count_quick(&mut self.quick_failures, lived),
                    None => {
                        self.quick_failures = 0;
                        false
                    }
                };
                if back_off {
                    log::event("supervisor", format_args!("sessions keep failing at start; waiting before the next try"));
                    self.effects.push_back(Effect::KeepFailing);
                    self.show_at = Some(now + BACKOFF);
                } else {
                    self.show_next(now);
                }
            }
            // A waiting or unavailable screen's folder (no patron data in it).
            (None, Err(())) => log::event("supervisor", format_args!("could not wipe a waiting session's folder")),
            (None, Ok(_)) => {}
        }
    }

    /// The waiting session takes the screen, or a new one is started for it.
    fn show_next(&mut self, now: Instant) {
        if let Some(ended) = self.ended_at.take() {
            log::event("supervisor", format_args!("next session shown {} ms after the last one ended", now.saturating_duration_since(ended).as_millis()));
        }
        self.show_at = None;
        self.stage = Stage::Serving;
        self.report = Report::WELCOME;
        match self.waiting.take() {
            Some(waiting) => {
                self.screen = Some(waiting);
                self.show(waiting.id, now);
            }
            None => self.spawn(Role::Screen),
        }
    }

    fn show(&mut self, id: SessionId, now: Instant) {
        let pin = self.pin.map_or(GateCarry::default(), |(carry, at)| carry.aged(now.saturating_duration_since(at)));
        let message = ToSession::Show { receipt: self.receipt.take(), mode: self.mode, pin };
        self.effects.push_back(Effect::Send { id, message });
    }

    /// The mode the next patron gets.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// `ctl mode`: from the next session on. Only a mode the configuration offers.
    pub fn set_mode(&mut self, mode: Mode) -> Reply {
        if !self.offered.contains(&mode) {
            let offered: Vec<&str> = self.offered.iter().map(|m| m.as_str()).collect();
            return Reply::Error {
                message: format!("this computer does not offer mode `{mode}`: its [kiosk] modes are {}", offered.join(", ")),
            };
        }
        if mode != self.mode {
            log::event("supervisor", format_args!("mode {mode} from the next session on"));
        }
        self.mode = mode;
        Reply::Ok
    }

    /// Final until the supervisor restarts: staff must look at the log.
    fn become_unavailable(&mut self) {
        self.stage = Stage::Unavailable;
        self.show_at = None;
        self.retry_waiting_at = None;
        for slot in [self.screen.take(), self.waiting.take()].into_iter().flatten() {
            self.effects.push_back(Effect::StopAndWipe { id: slot.id });
        }
        if self.unavailable_screen.is_none() {
            self.spawn(Role::Unavailable);
        }
    }

    fn due(&mut self, now: Instant) {
        if self.show_at.is_some_and(|at| at <= now) && self.stage == Stage::Wiping {
            self.show_next(now);
        }
        if self.retry_waiting_at.is_some_and(|at| at <= now) {
            self.retry_waiting_at = None;
            self.prepare_waiting();
        }
        if self.retry_unavailable_at.is_some_and(|at| at <= now) {
            self.retry_unavailable_at = None;
            if self.stage == Stage::Unavailable && self.unavailable_screen.is_none() {
                self.spawn(Role::Unavailable);
            }
        }
    }

    pub fn control(&self, request: Request, now: Instant) -> Action {
        let screen = self.screen.map(|s| s.id);
        match (self.stage, request, screen) {
            (Stage::Serving | Stage::Wiping, Request::Mode { mode }, _) => Action::SetMode(mode),
            (Stage::Serving, Request::Status, _) => Action::Reply(Reply::Status(Status {
                state: self.report.state,
                mode: self.report.mode,
                session_age_s: self.report.active_since.map(|t| now.saturating_duration_since(t).as_secs()),
                view: Some(self.report.view),
                help: self.report.help,
            })),
            (Stage::Serving, Request::Open { url }, Some(id)) => Action::Forward { id, message: ToSession::Open { url } },
            (Stage::Serving, Request::EndSession, Some(id)) => Action::Forward { id, message: ToSession::End },
            (_, Request::Assist, _) if !self.assisted_offered => Action::Reply(Reply::Error {
                message: "this computer does not offer assisted mode (`assisted` is not in [kiosk] modes)".into(),
            }),
            (Stage::Serving, Request::Assist, Some(id)) => Action::Forward { id, message: ToSession::Assist },
            (Stage::Serving, _, None) => Action::Reply(Reply::Error { message: "the next session is starting; try again in a moment".into() }),
            (Stage::Wiping, Request::Status, _) => {
                Action::Reply(Reply::Status(Status { state: State::Wiping, mode: None, session_age_s: None, view: None, help: false }))
            }
            // The session is already ending: nothing more to do.
            (Stage::Wiping, Request::EndSession, _) => Action::Reply(Reply::Ok),
            (Stage::Wiping, Request::Open { .. } | Request::Assist, _) => Action::Reply(Reply::Error {
                message: "the computer is being cleared for the next patron; try again in a moment".into(),
            }),
            (Stage::Unavailable, Request::Status, _) => Action::Reply(Reply::Status(Status {
                state: State::Unavailable,
                mode: None,
                session_age_s: None,
                view: Some(ViewKind::Unavailable),
                help: false,
            })),
            (Stage::Unavailable, _, _) => Action::Reply(Reply::Error { message: "the computer is unavailable (see the kiosk's log)".into() }),
        }
    }
}

/// Counts a session that lived `lived`; true (and the count starts again) when enough died
/// quickly in a row that the supervisor should pause before starting another.
fn count_quick(count: &mut u32, lived: Duration) -> bool {
    *count = if lived < QUICK_FAILURE { *count + 1 } else { 0 };
    let back_off = *count >= QUICK_FAILURES_BEFORE_BACKOFF;
    if back_off {
        *count = 0;
    }
    back_off
}
