//! What the core puts on screen after each event: the screen choice, the layout, the text size,
//! the chrome page's state and what `ctl status` hears, emitted only when they changed.

use std::time::{Duration, Instant};

use fluent_bundle::FluentValue;

use super::{keyboard, zoom, BarState, ChromeState, Command, Dialog, KeyboardView, Kiosk, Launch, Screen, Toggle};
use crate::policy::Mode;
use crate::session::{seconds_left, Phase};
use crate::status::{State, ViewKind};
use crate::supervisor::link::FromSession;

impl Kiosk {
    pub(super) fn screen(&self) -> Screen {
        if let Some(screen) = self.assisted_screen().filter(|_| self.launch != Launch::Unavailable) {
            return screen;
        }
        match (self.session.phase(), &self.dialog) {
            _ if self.launch == Launch::Unavailable => Screen::Unavailable,
            _ if self.prepared => Screen::Clearing,
            (Phase::Welcome, _) if self.panel => Screen::Accessibility,
            (Phase::Welcome | Phase::Ended(_), _) => Screen::Welcome,
            (Phase::IdleWarning { .. }, _) => Screen::Idle,
            (_, Some(Dialog::Files(_))) => Screen::Files,
            _ if self.panel => Screen::Accessibility,
            (_, Some(Dialog::ConfirmEnd)) => Screen::ConfirmEnd,
            (_, Some(Dialog::Menu)) => Screen::Menu,
            (_, Some(Dialog::Help)) => Screen::Help,
            (_, Some(Dialog::Checklist)) => Screen::Checklist,
            (_, Some(Dialog::Print(_))) => Screen::Print,
            (_, None) => Screen::Bar,
        }
    }

    pub(super) fn view(&self) -> ViewKind {
        match self.screen() {
            Screen::Bar => self.page,
            Screen::Welcome | Screen::Clearing => ViewKind::Welcome,
            Screen::Idle => ViewKind::Idle,
            Screen::ConfirmEnd => ViewKind::ConfirmEnd,
            Screen::Menu => ViewKind::Menu,
            Screen::Files => ViewKind::Files,
            Screen::Help => ViewKind::Help,
            Screen::Checklist => ViewKind::Checklist,
            Screen::Unavailable => ViewKind::Unavailable,
            Screen::Pin => ViewKind::Pin,
            Screen::Consent => ViewKind::Consent,
            Screen::Accessibility => ViewKind::Accessibility,
            Screen::Print => ViewKind::Print,
        }
    }

    /// Tells the supervisor what `ctl status` should say, when that changed.
    pub(super) fn report(&mut self) {
        let state = match self.session.phase() {
            _ if self.launch == Launch::Unavailable => State::Unavailable,
            Phase::Welcome => State::Welcome,
            Phase::Active => State::Active,
            Phase::IdleWarning { .. } | Phase::MaxWarning { .. } => State::Warning,
            Phase::Ended(_) => State::Ending,
        };
        let message = FromSession::State { state, mode: self.session.mode(), view: self.view(), help: self.staff_alerted };
        if self.reported.as_ref() != Some(&message) {
            self.reported = Some(message.clone());
            self.commands.push_back(Command::Report(message));
        }
    }

    /// Emits whatever changed on screen: layout, zoom, focus, the chrome state, the report.
    pub(super) fn refresh(&mut self, now: Instant) {
        if self.finished {
            return;
        }
        if self.notice.as_ref().is_some_and(|(_, until)| *until <= now) {
            self.notice = None;
        }
        self.report();
        let screen = self.screen();
        let text_size = self.settings.text_size();
        let chrome_zoom = text_size.chrome(screen.is_full(), self.bar_css, self.screen_size.map(|s| s.1));
        let zoom = (text_size.page(), chrome_zoom);
        if self.zoomed != Some(zoom) {
            self.zoomed = Some(zoom);
            self.commands.push_back(Command::Zoom { page: zoom.0, chrome: zoom.1 });
        }
        self.apply_settings();
        let bar = (!screen.is_full()).then(|| zoom::bar_pixels(self.bar_css, chrome_zoom));
        let keyboard = match (bar, self.screen_size) {
            (Some(bar), Some((_, height))) if self.keyboard_shown() => keyboard::pixels(height, bar),
            _ => 0,
        };
        if self.laid_out != Some((bar, keyboard)) {
            self.laid_out = Some((bar, keyboard));
            self.commands.push_back(Command::Layout { bar, keyboard });
        }
        if self.shown_screen != Some(screen) {
            // Keyboard users land where they can act: the screen's buttons, or the page.
            self.commands.push_back(if screen.is_full() { Command::FocusChrome } else { Command::FocusContent });
            self.shown_screen = Some(screen);
        }
        if self.chrome_ready {
            let state = self.chrome_state(screen, now);
            if self.pushed.as_ref() != Some(&state) {
                self.pushed = Some(state.clone());
                self.commands.push_back(Command::Chrome(state));
            }
        }
    }

    pub(super) fn chrome_state(&self, screen: Screen, now: Instant) -> ChromeState {
        let l = self.l();
        let phase = self.session.phase();
        let minutes = |d: Duration| FluentValue::from(d.as_secs().div_ceil(60));
        let bar = self.session.started().map(|started| {
            let (clock, max_warning) = match phase {
                Phase::MaxWarning { ends_at } => {
                    let left = ends_at.saturating_duration_since(now);
                    (
                        l.text_with("bar-time-left", &[("minutes", minutes(left))]),
                        Some(l.text_with("max-warning", &[("minutes", minutes(left))])),
                    )
                }
                _ => (l.text_with("bar-elapsed", &[("minutes", FluentValue::from(now.saturating_duration_since(started).as_secs() / 60))]), None),
            };
            BarState {
                site: if self.site.is_empty() { l.text("bar-no-site") } else { self.site.clone() },
                clock,
                can_back: self.history.can_back,
                can_forward: self.history.can_forward,
                loading: self.loading.is_some(),
                help: self.shared.mode() == Mode::Minor,
                max_warning,
                notice: self.notice.as_ref().map(|(text, _)| text.clone()),
                read_aloud: self.settings.is_on(Toggle::ReadAloud),
                keyboard_help: self.settings.is_on(Toggle::KeyboardHelp),
                print: self.printer_offered(),
            }
        });
        let idle_text = match phase {
            Phase::IdleWarning { ends_at } => Some(l.text_with("idle-text", &[("seconds", FluentValue::from(seconds_left(ends_at, now)))])),
            _ => None,
        };
        ChromeState {
            screen,
            receipt: self.receipt.as_ref().filter(|_| phase == Phase::Welcome).map(|receipt| {
                let text = l.text_with("welcome-receipt-detail", &[("downloads", FluentValue::from(receipt.downloads))]);
                if receipt.assisted { format!("{text} {}", l.text("welcome-receipt-assisted")) } else { text }
            }),
            bar,
            idle_text,
            files: match &self.dialog {
                Some(Dialog::Files(files)) => Some(files.clone()),
                _ => None,
            },
            staff_alerted: self.staff_alerted,
            guide: self.guide_state(&l).map(Box::new),
            assisted: self.assisted_view(&l, now),
            accessibility: Box::new(self.accessibility_view(&l)),
            keyboard: match self.laid_out {
                Some((_, keyboard)) if keyboard > 0 => {
                    let zoom = self.zoomed.map_or(1.0, |z| z.1);
                    Some(KeyboardView { height: (f64::from(keyboard) / zoom).floor() as u32 })
                }
                _ => None,
            },
            print: self.print_view(&l).map(Box::new),
        }
    }
}
