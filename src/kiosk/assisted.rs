//! Assisted mode in the session core: the advisor's PIN pad, the patron's consent, and the curtain.

use std::time::Instant;

use fluent_bundle::FluentValue;
use serde::Serialize;

use super::pin::{Attempt, Gate, GateCarry, PinDigits, PinHash};
use super::{ChromeCommand, Command, Kiosk, Screen};
use crate::config::Config;
use crate::i18n::Localizer;
use crate::policy::Mode;
use crate::session::{Input, Phase};
use crate::supervisor::link::FromSession;

/// The full-window step of entering the mode that is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The advisor types the PIN.
    Pad,
    /// The patron reads what assisted mode means and accepts or refuses.
    Consent,
}

/// What the pad says under its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PadMessage {
    Wrong { left: u8 },
    Locked { until: Instant },
}

#[derive(Debug)]
pub struct Assisted {
    /// `assisted` is in `[kiosk] modes`.
    offered: bool,
    pin: Option<PinHash>,
    gate: Gate,
    step: Option<Step>,
    pad_message: Option<PadMessage>,
    /// A password field has focus in the page (see `shell::curtain`).
    curtain: bool,
}

/// What the chrome page needs for the mode (nested in [`super::ChromeState`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AssistedView {
    /// "Espace conseiller" is shown on the welcome screen.
    pub offered: bool,
    /// The session runs in assisted mode: the bar says "Accompagnement".
    pub active: bool,
    /// "Saisie confidentielle : le conseiller détourne le regard".
    pub curtain: bool,
    pub pad_message: Option<String>,
    /// The pad's keys are disabled until the lockout ends.
    pub pad_locked: bool,
}

impl Assisted {
    pub fn new(config: &Config) -> Assisted {
        Assisted {
            offered: config.modes.contains(&Mode::Assisted),
            pin: config.assisted.pin_hash.clone(),
            gate: Gate::default(),
            step: None,
            pad_message: None,
            curtain: false,
        }
    }

    /// While the pad shows a lockout, its minutes count down and its keys come back at the end.
    pub fn poll_timeout(&self, now: Instant) -> Option<Instant> {
        let until = self.gate.locked_until(now).filter(|_| self.step == Some(Step::Pad))?;
        Some(until.min(now + std::time::Duration::from_secs(15)))
    }

    fn pad_offered(&self) -> bool {
        self.offered && self.pin.is_some()
    }
}

impl Kiosk {
    /// The commands of the pad and the consent screen (anything else is not for us).
    pub(super) fn assisted_command(&mut self, command: ChromeCommand, now: Instant) {
        let welcome = self.session.phase() == Phase::Welcome;
        match (command, self.assisted.step) {
            (ChromeCommand::Advisor, None) if welcome && self.assisted.pad_offered() => {
                self.assisted.step = Some(Step::Pad);
                self.assisted.pad_message = self.assisted.gate.locked_until(now).map(|until| PadMessage::Locked { until });
            }
            (ChromeCommand::Pin { pin }, Some(Step::Pad)) => self.pin_typed(pin, now),
            (ChromeCommand::Close, Some(Step::Pad)) => self.close_pad(),
            (ChromeCommand::Accept, Some(Step::Consent)) => self.consent_given(now),
            (ChromeCommand::Refuse, Some(Step::Consent)) => {
                crate::log::event("assisted", format_args!("the patron refused assisted mode"));
                self.assisted.step = None;
                // The patron stays (or starts) in an ordinary session.
                if welcome {
                    self.start(Mode::Citizen, now);
                }
            }
            _ => {}
        }
    }

    fn pin_typed(&mut self, pin: PinDigits, now: Instant) {
        let Some(hash) = &self.assisted.pin else { return };
        // `pin` is wiped when this function returns; it is never logged or stored.
        let attempt = self.assisted.gate.attempt(|| hash.verify(pin.as_str()), now);
        // The supervisor keeps the count for the next session process.
        self.commands.push_back(Command::Report(FromSession::Pin { carry: self.assisted.gate.carry(now) }));
        match attempt {
            Attempt::Accepted => {
                self.assisted.pad_message = None;
                self.assisted.step = Some(Step::Consent);
            }
            Attempt::Wrong { left } => self.assisted.pad_message = Some(PadMessage::Wrong { left }),
            Attempt::LockedNow { until } | Attempt::Locked { until } => self.assisted.pad_message = Some(PadMessage::Locked { until }),
        }
    }

    /// A session starts (`ctl open` while the advisor is at the pad): the pad goes; a consent
    /// waiting for the patron stays, and would switch the new session's mode.
    pub(super) fn close_pad(&mut self) {
        if self.assisted.step == Some(Step::Pad) {
            self.assisted.step = None;
            self.assisted.pad_message = None;
        }
    }

    /// The pad's lockout as the previous session left it.
    pub(super) fn resume_pin(&mut self, carry: GateCarry, now: Instant) {
        self.assisted.gate = Gate::resume(carry, now);
    }

    /// `guichet ctl assist`: straight to the patron's consent (the advisor is at their desk).
    pub(super) fn assist_requested(&mut self) {
        if !self.assisted.offered {
            crate::log::event("assisted", format_args!("`ctl assist` refused: this machine does not offer assisted mode"));
            return;
        }
        if self.session.mode() == Some(Mode::Assisted) || !matches!(self.session.phase(), Phase::Welcome | Phase::Active) {
            return;
        }
        self.dialog = None;
        self.assisted.step = Some(Step::Consent);
    }

    fn consent_given(&mut self, now: Instant) {
        crate::log::event("assisted", format_args!("the patron accepted assisted mode"));
        self.assisted.step = None;
        if self.session.phase() == Phase::Welcome {
            self.start(Mode::Assisted, now);
            return;
        }
        // The page on screen stays; "Accueil" now shows the mode's services too.
        self.shared.set_mode(Mode::Assisted);
        self.feed(Input::Assist, now);
    }

    /// From the content view's one-way signal; only shown in assisted mode, where someone
    /// else is looking at the screen.
    pub(super) fn password_focus(&mut self, focused: bool) {
        self.assisted.curtain = focused;
    }

    /// A new page has no focused field: the curtain falls with the old one.
    pub(super) fn curtain_down(&mut self) {
        self.assisted.curtain = false;
    }

    /// The pad or the consent, over everything but the idle countdown (a consent left
    /// unanswered must not end the session without warning).
    pub(super) fn assisted_screen(&self) -> Option<Screen> {
        if matches!(self.session.phase(), Phase::IdleWarning { .. }) {
            return None;
        }
        match self.assisted.step? {
            Step::Pad => Some(Screen::Pin),
            Step::Consent => Some(Screen::Consent),
        }
    }

    pub(super) fn assisted_view(&self, l: &Localizer, now: Instant) -> AssistedView {
        let active = self.session.mode() == Some(Mode::Assisted);
        let locked_until = self.assisted.gate.locked_until(now);
        let pad_message = match self.assisted.pad_message {
            Some(PadMessage::Locked { .. }) | None if locked_until.is_some() => {
                let left = locked_until.map_or(0, |until| until.saturating_duration_since(now).as_secs().div_ceil(60));
                Some(l.text_with("pin-locked", &[("minutes", FluentValue::from(left))]))
            }
            Some(PadMessage::Wrong { left }) => Some(l.text_with("pin-wrong", &[("left", FluentValue::from(left))])),
            _ => None,
        };
        AssistedView {
            offered: self.assisted.pad_offered(),
            active,
            curtain: active && self.assisted.curtain,
            pad_message,
            pad_locked: locked_until.is_some(),
        }
    }
}
