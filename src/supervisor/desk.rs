//! What the supervisor answers `guichet ctl` with, stage by stage. Pure and clock-free, so that
//! its timelines (an end request while wiping, an open while unavailable…) are unit-tested.

use std::time::Instant;

use super::link::ToSession;
use crate::control::{Reply, Request, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A session is on screen (welcome, active or warning, as it reports).
    Serving,
    /// The last session is being stopped and wiped; the next one is not shown yet.
    Wiping,
    /// A wipe failed or RAM folders cannot be made: no patron may use the machine.
    Unavailable,
}

/// What to do with a control request.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    Reply(Reply),
    /// Pass this on to the session on screen, and answer `ok`.
    Forward(ToSession),
}

#[derive(Debug)]
pub struct Desk {
    stage: Stage,
    state: String,
    mode: Option<String>,
    view: Option<String>,
    active_since: Option<Instant>,
}

impl Default for Desk {
    fn default() -> Self {
        Desk::new()
    }
}

impl Desk {
    pub fn new() -> Self {
        Desk { stage: Stage::Serving, state: "welcome".into(), mode: None, view: Some("welcome".into()), active_since: None }
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// A fresh session is on screen.
    pub fn shown(&mut self) {
        if self.stage != Stage::Unavailable {
            *self = Desk::new();
        }
    }

    /// The session on screen reported its state.
    pub fn reported(&mut self, state: String, mode: Option<String>, view: String, now: Instant) {
        if self.stage != Stage::Serving {
            return;
        }
        if state != "welcome" && self.active_since.is_none() {
            self.active_since = Some(now);
        }
        self.state = state;
        self.mode = mode;
        self.view = Some(view);
    }

    pub fn wiping(&mut self) {
        if self.stage != Stage::Unavailable {
            self.stage = Stage::Wiping;
        }
    }

    /// Final until the supervisor restarts: staff must look at the log.
    pub fn unavailable(&mut self) {
        self.stage = Stage::Unavailable;
    }

    pub fn control(&self, request: Request, now: Instant) -> Action {
        match (self.stage, request) {
            (Stage::Serving, Request::Status) => Action::Reply(Reply::Status(Status {
                state: self.state.clone(),
                mode: self.mode.clone(),
                session_age_s: self.active_since.map(|t| now.saturating_duration_since(t).as_secs()),
                view: self.view.clone(),
            })),
            (Stage::Serving, Request::Open { url }) => Action::Forward(ToSession::Open { url }),
            (Stage::Serving, Request::EndSession) => Action::Forward(ToSession::End),
            (Stage::Wiping, Request::Status) => Action::Reply(Reply::Status(Status {
                state: "wiping".into(),
                mode: None,
                session_age_s: None,
                view: None,
            })),
            // The session is already ending: nothing more to do.
            (Stage::Wiping, Request::EndSession) => Action::Reply(Reply::Ok),
            (Stage::Wiping, Request::Open { .. }) => Action::Reply(Reply::Error {
                message: "the computer is being cleared for the next patron; try again in a moment".into(),
            }),
            (Stage::Unavailable, Request::Status) => Action::Reply(Reply::Status(Status {
                state: "unavailable".into(),
                mode: None,
                session_age_s: None,
                view: Some("unavailable".into()),
            })),
            (Stage::Unavailable, _) => Action::Reply(Reply::Error {
                message: "the computer is unavailable (see the kiosk's log)".into(),
            }),
        }
    }
}
