//! The chrome view's side of the conversation: the commands its buttons send (parsed strictly,
//! anything else dropped) and the state the kiosk pushes back for it to display.

use serde::{Deserialize, Serialize};

use super::settings::{Preset, Toggle};
use super::{AssistedView, PinDigits};

/// What the chrome page may ask. Only the chrome view has an IPC handler at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ChromeCommand {
    /// The page has loaded and can receive state.
    Ready,
    Start,
    Lang { lang: String },
    Home,
    Back,
    Forward,
    Reload,
    ZoomIn,
    ZoomOut,
    /// "Plus": the actions the compact bar has no room for.
    Menu,
    AskEnd,
    /// Closes whichever dialog is open (its "Annuler" button, or Escape).
    Close,
    End,
    StillHere,
    PickFile { index: usize },
    /// "Besoin d'aide ?" (minor mode).
    Help,
    /// "Prévenir l'accueil": the staff's desk sees that someone needs help, and nothing more.
    AlertStaff,
    /// The bar's step panel: show the démarche's papers and steps over the window.
    Checklist,
    StepNext,
    StepBack,
    /// The bar's height in CSS pixels, so the window can give it exactly that.
    Height { px: u32 },
    /// "Espace conseiller": opens the PIN pad.
    Advisor,
    /// The digits typed on the pad (wiped when dropped; never logged).
    Pin { pin: PinDigits },
    /// The patron's answer to assisted mode: "J'accepte" / "Non merci".
    Accept,
    Refuse,
    /// "Accessibilité": opens the accessibility panel (welcome screen and bar).
    Accessibility,
    /// One of the panel's three presets.
    Preset { preset: Preset },
    /// Turns one setting on or off.
    Setting { setting: Toggle },
    /// "Tout remettre comme avant".
    ResetSettings,
    /// "Lire à voix haute": the selection, or the page's main text.
    ReadAloud,
    StopReading,
    /// "Lecteur d'écran": starts (or stops) Orca.
    ScreenReader,
    /// "Clavier": the on-screen keyboard, up or away.
    Keyboard,
    /// "Imprimer" in the bar: the page on screen, counted, then confirmed.
    Print,
    /// "Imprimer" in the print dialog, once the pages are counted.
    PrintConfirm,
    /// A key of the on-screen keyboard: what it types (checked against the keyboard's own keys),
    /// or a special key's name. Wiped when dropped; never logged.
    Key { key: super::keyboard::SentKey },
}

impl ChromeCommand {
    pub fn parse(json: &str) -> Option<ChromeCommand> {
        crate::wire::from_str_exact(json).ok()
    }

    /// A message `body` that the page at `from` posted to the chrome view's handler. Only the
    /// bar's own page, exactly `guichet://app/chrome`, commands the kiosk.
    pub fn from_message(from: &str, body: &str) -> Result<ChromeCommand, Refused> {
        if !crate::pages::is_chrome_page(from) {
            return Err(Refused::NotTheBar);
        }
        ChromeCommand::parse(body).ok_or(Refused::Unknown)
    }
}

/// Why a message to the chrome view's handler was dropped (logged, never answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("ignored a message from a page other than the bar")]
    NotTheBar,
    #[error("ignored an unknown message from the chrome view")]
    Unknown,
}

/// What the chrome view shows: the bar above the web, or a screen over the whole window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Screen {
    Welcome,
    Bar,
    Idle,
    ConfirmEnd,
    Menu,
    Files,
    Help,
    /// A session waiting for the screen while the last one is wiped: a plain cover, its
    /// welcome screen laid out beneath.
    Clearing,
    Unavailable,
    /// The démarche in progress: its papers and steps.
    Checklist,
    /// The advisor's PIN pad.
    Pin,
    /// What assisted mode means, and the patron's answer.
    Consent,
    /// The accessibility panel: presets and settings.
    Accessibility,
    /// Printing: the pages being counted, "3 pages — imprimer ?", or over the quota.
    Print,
}

impl Screen {
    /// Screens that take the whole window (the web is hidden behind them).
    pub fn is_full(self) -> bool {
        self != Screen::Bar
    }

    /// Dialogs the patron may close (Escape, "Annuler") without deciding anything.
    pub fn is_dismissable(self) -> bool {
        matches!(
            self,
            Screen::ConfirmEnd | Screen::Menu | Screen::Files | Screen::Help | Screen::Checklist | Screen::Pin | Screen::Accessibility | Screen::Print
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BarState {
    pub site: String,
    pub clock: String,
    pub can_back: bool,
    pub can_forward: bool,
    /// A page is on its way: the bar shows it within one frame of the click.
    pub loading: bool,
    /// Offer "Besoin d'aide ?" (minor mode).
    pub help: bool,
    pub max_warning: Option<String>,
    pub notice: Option<String>,
    /// Offer "Lire à voix haute" (the setting is on).
    pub read_aloud: bool,
    /// Show the keyboard's keys under the bar (the setting is on).
    pub keyboard_help: bool,
    /// Offer "Imprimer" (this machine has a print queue).
    pub print: bool,
}

/// What the accessibility panel shows: each setting's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AccessibilityView {
    /// "150 %".
    pub text_size: String,
    pub settings: Vec<Toggle>,
    pub presets: Vec<Preset>,
    pub screen_reader: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChromeState {
    pub screen: Screen,
    /// What the last session left and was erased (on the welcome screen until a session starts).
    pub receipt: Option<String>,
    pub bar: Option<BarState>,
    pub idle_text: Option<String>,
    pub files: Option<Vec<String>>,
    /// The staff have been told that the patron needs help.
    pub staff_alerted: bool,
    /// The démarche in progress, if the patron started one from the guide.
    pub guide: Option<Box<super::guide::GuideState>>,
    pub assisted: AssistedView,
    pub accessibility: Box<AccessibilityView>,
    /// The on-screen keyboard, when it is up.
    pub keyboard: Option<KeyboardView>,
    /// The print dialog, when it is on screen.
    pub print: Option<Box<super::PrintView>>,
}

/// Where the chrome page draws the keyboard: at the bottom of the window, this tall (CSS pixels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyboardView {
    pub height: u32,
}

impl ChromeState {
    /// The script that hands this state to the page.
    pub fn script(&self) -> String {
        // Plain strings, booleans and options only: serialising cannot fail.
        let json = serde_json::to_string(self).unwrap_or_else(|_| "null".into());
        format!("window.guichet && window.guichet.show({json});")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bar_page_itself_commands_the_kiosk() {
        let start = r#"{"cmd":"start"}"#;
        let bar = crate::pages::url("/chrome", &[]);
        assert_eq!(ChromeCommand::from_message(&bar, start), Ok(ChromeCommand::Start));
        assert_eq!(ChromeCommand::from_message(&bar, r#"{"cmd":"eval","js":"x"}"#), Err(Refused::Unknown));
        for from in [
            crate::pages::url("/blocked", &[("host", "evil.test")]),
            crate::pages::url("/chrome", &[("x", "1")]),
            format!("{bar}#top"),
            format!("{bar}/more"),
            "https://www.caf.fr/chrome".to_string(),
            "about:blank".to_string(),
            String::new(),
        ] {
            assert_eq!(ChromeCommand::from_message(&from, start), Err(Refused::NotTheBar), "{from}");
        }
    }

    #[test]
    fn commands_parse_strictly() {
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"start"}"#), Some(ChromeCommand::Start));
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"lang","lang":"en"}"#), Some(ChromeCommand::Lang { lang: "en".into() }));
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"pick-file","index":2}"#), Some(ChromeCommand::PickFile { index: 2 }));
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"close"}"#), Some(ChromeCommand::Close));
        assert_eq!(
            ChromeCommand::parse(r#"{"cmd":"setting","setting":"high-contrast"}"#),
            Some(ChromeCommand::Setting { setting: Toggle::HighContrast })
        );
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"preset","preset":"reading"}"#), Some(ChromeCommand::Preset { preset: Preset::Reading }));
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"setting","setting":"javascript"}"#), None);
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"end","now":true}"#), None);
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"eval","js":"x"}"#), None);
        assert_eq!(ChromeCommand::parse("not json"), None);
    }

    #[test]
    fn pin_digits_parse_and_never_show() {
        let command = ChromeCommand::parse(r#"{"cmd":"pin","pin":"482915"}"#).unwrap();
        assert_eq!(command, ChromeCommand::Pin { pin: PinDigits::new("482915") });
        assert!(!format!("{command:?}").contains("482915"), "{command:?}");
        assert_eq!(ChromeCommand::parse(r#"{"cmd":"pin","pin":482915}"#), None);
    }

    #[test]
    fn state_script_escapes_through_json() {
        let state = ChromeState {
            screen: Screen::Bar,
            receipt: None,
            bar: Some(BarState {
                site: "</script><script>alert(1)</script>".into(),
                clock: String::new(),
                can_back: false,
                can_forward: false,
                loading: false,
                help: false,
                max_warning: None,
                notice: None,
                read_aloud: false,
                keyboard_help: false,
                print: false,
            }),
            idle_text: None,
            files: None,
            staff_alerted: false,
            guide: None,
            assisted: AssistedView::default(),
            accessibility: Box::default(),
            keyboard: None,
            print: None,
        };
        let script = state.script();
        assert!(script.starts_with("window.guichet && window.guichet.show({\"screen\":\"bar\""));
        assert!(script.contains(r#""site":"</script><script>alert(1)</script>""#), "JSON string, set with textContent");
    }
}
