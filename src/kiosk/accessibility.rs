//! The accessibility panel in the session core: its commands, what it shows, read aloud and the
//! screen reader. The settings themselves are in `settings.rs`.

use super::chrome::AccessibilityView;
use super::settings::{Preset, Toggle};
use super::{ChromeCommand, Command, Kiosk, Launch};
use crate::i18n::Localizer;

impl Kiosk {
    /// The panel's commands; they work on the welcome screen as in a session.
    pub(super) fn accessibility_command(&mut self, command: ChromeCommand) {
        match command {
            ChromeCommand::Accessibility => {
                // From the bar's "Plus" dialog: the panel takes its place.
                self.dialog = None;
                self.panel = true;
            }
            ChromeCommand::Preset { preset } => self.settings.press(preset),
            ChromeCommand::Setting { setting } => {
                self.settings.toggle(setting);
                if setting == Toggle::ReadAloud && !self.settings.is_on(Toggle::ReadAloud) {
                    self.commands.push_back(Command::StopReading);
                }
            }
            ChromeCommand::ResetSettings => {
                if self.settings.is_on(Toggle::ReadAloud) {
                    self.commands.push_back(Command::StopReading);
                }
                self.settings.reset();
            }
            ChromeCommand::ScreenReader => self.toggle_screen_reader(),
            _ => {}
        }
    }

    /// "Lire à voix haute" reads the page (so only in a session, where there is one).
    pub(super) fn reading_command(&mut self, command: ChromeCommand) {
        match command {
            ChromeCommand::ReadAloud if self.settings.is_on(Toggle::ReadAloud) => {
                self.commands.push_back(Command::ReadAloud { lang: self.shared.lang() });
            }
            ChromeCommand::StopReading => self.commands.push_back(Command::StopReading),
            _ => {}
        }
    }

    /// The "Lecteur d'écran" button and Super+Alt+S: on, or off again.
    pub(super) fn toggle_screen_reader(&mut self) {
        if matches!(self.launch, Launch::Hidden) {
            return;
        }
        self.screen_reader = !self.screen_reader;
        crate::log::event("session", format_args!("screen reader {}", if self.screen_reader { "on" } else { "off" }));
        self.commands.push_back(Command::ScreenReader { on: self.screen_reader, lang: self.shared.lang() });
    }

    /// Emits the settings' style sheets and cursor when they changed since last applied.
    pub(super) fn apply_settings(&mut self) {
        if self.applied != Some(self.settings) {
            self.applied = Some(self.settings);
            self.commands.push_back(Command::Appearance(self.settings.appearance()));
        }
    }

    pub(super) fn accessibility_view(&self, l: &Localizer) -> AccessibilityView {
        AccessibilityView {
            text_size: l.text_with("a11y-text-size-value", &[("percent", self.settings.text_size().percent().into())]),
            settings: Toggle::ALL.into_iter().filter(|t| self.settings.is_on(*t)).collect(),
            presets: Preset::ALL.into_iter().filter(|p| self.settings.preset_on(*p)).collect(),
            screen_reader: self.screen_reader,
        }
    }
}
