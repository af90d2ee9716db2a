//! The on-screen AZERTY keyboard in the session core: its keys (one table, drawn by the chrome
//! page and checked here), when it is up (the bar's "Clavier", or a field taking focus when the
//! setting asks for it), how much of the screen it takes, and the keystrokes it sends to the
//! page. Keys travel one way, chrome → core → page: nothing typed comes back to the chrome view,
//! and nothing typed is logged.

use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::settings::Toggle;
use super::{Command, Kiosk, Screen};

/// A key as the chrome page sent it, before it is checked. Hidden from `Debug`, so that no log
/// line or panic message can show what a patron typed.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct SentKey(Zeroizing<String>);

impl SentKey {
    pub fn new(key: &str) -> SentKey {
        SentKey(Zeroizing::new(key.to_string()))
    }
}

impl std::fmt::Debug for SentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SentKey(hidden)")
    }
}

/// What one key press types in the page.
#[derive(Clone, PartialEq, Eq)]
pub enum Keystroke {
    /// Characters, typed one after the other (".fr" is three).
    Text(Zeroizing<String>),
    Backspace,
    Enter,
    /// To the next field.
    Tab,
    Left,
    Right,
}

// Never shows what was typed, even in a debug print.
impl std::fmt::Debug for Keystroke {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Keystroke::Text(text) => write!(f, "Text({} chars)", text.chars().count()),
            Keystroke::Backspace => f.write_str("Backspace"),
            Keystroke::Enter => f.write_str("Enter"),
            Keystroke::Tab => f.write_str("Tab"),
            Keystroke::Left => f.write_str("Left"),
            Keystroke::Right => f.write_str("Right"),
        }
    }
}

/// A key that does something other than type its own character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Backspace,
    Enter,
    Tab,
    Left,
    Right,
    Space,
    /// One capital letter (drawn by the page, which then sends capitals).
    Shift,
    /// Capitals until pressed again.
    CapsLock,
    /// "Masquer le clavier".
    Hide,
}

impl Special {
    /// The name the page sends for it.
    pub fn wire(self) -> &'static str {
        match self {
            Special::Backspace => "backspace",
            Special::Enter => "enter",
            Special::Tab => "tab",
            Special::Left => "left",
            Special::Right => "right",
            Special::Space => "space",
            Special::Shift => "shift",
            Special::CapsLock => "caps-lock",
            Special::Hide => "hide",
        }
    }

    /// The Fluent id of its name (what a screen reader says, and the key's words).
    pub fn label(self) -> &'static str {
        match self {
            Special::Backspace => crate::msg!("keyboard-backspace"),
            Special::Enter => crate::msg!("keyboard-enter"),
            Special::Tab => crate::msg!("keyboard-tab"),
            Special::Left => crate::msg!("keyboard-left"),
            Special::Right => crate::msg!("keyboard-right"),
            Special::Space => crate::msg!("keyboard-space"),
            Special::Shift => crate::msg!("keyboard-shift"),
            Special::CapsLock => crate::msg!("keyboard-caps-lock"),
            Special::Hide => crate::msg!("keyboard-hide"),
        }
    }

    /// Its sign on the key, beside or instead of its words.
    pub fn sign(self) -> &'static str {
        match self {
            Special::Backspace => "⌫",
            Special::Enter => "↵",
            Special::Tab => "⇥",
            Special::Left => "←",
            Special::Right => "→",
            Special::Space => "␣",
            Special::Shift => "⇧",
            Special::CapsLock => "⇪",
            Special::Hide => "▾",
        }
    }
}

/// One key: what it types, plain and with capitals on, or what it does; `width` in key units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Type { plain: &'static str, capital: &'static str, width: u8 },
    Do { special: Special, width: u8 },
}

const fn letter(plain: &'static str, capital: &'static str) -> Key {
    Key::Type { plain, capital, width: 2 }
}
const fn same(text: &'static str) -> Key {
    Key::Type { plain: text, capital: text, width: 2 }
}
const fn wide(text: &'static str) -> Key {
    Key::Type { plain: text, capital: text, width: 3 }
}
const fn act(special: Special, width: u8) -> Key {
    Key::Do { special, width }
}

/// The keyboard, row by row: French AZERTY letters, the digits on their own row (no shift
/// needed), the French accents, and what addresses and forms ask for.
pub const ROWS: [&[Key]; 6] = [
    &[
        same("1"), same("2"), same("3"), same("4"), same("5"), same("6"), same("7"), same("8"), same("9"), same("0"),
        act(Special::Backspace, 4),
    ],
    &[
        letter("a", "A"), letter("z", "Z"), letter("e", "E"), letter("r", "R"), letter("t", "T"), letter("y", "Y"), letter("u", "U"), letter("i", "I"), letter("o", "O"), letter("p", "P"),
        act(Special::Tab, 4),
    ],
    &[
        letter("q", "Q"), letter("s", "S"), letter("d", "D"), letter("f", "F"), letter("g", "G"), letter("h", "H"), letter("j", "J"), letter("k", "K"), letter("l", "L"), letter("m", "M"),
        act(Special::Enter, 4),
    ],
    &[
        act(Special::Shift, 3), letter("w", "W"), letter("x", "X"), letter("c", "C"), letter("v", "V"), letter("b", "B"), letter("n", "N"), same("'"), same("-"), same("_"),
        act(Special::CapsLock, 3),
    ],
    &[
        letter("é", "É"), letter("è", "È"), letter("ê", "Ê"), letter("ë", "Ë"), letter("à", "À"), letter("â", "Â"), letter("ç", "Ç"), letter("ù", "Ù"), letter("û", "Û"), letter("î", "Î"),
        letter("ï", "Ï"), letter("ô", "Ô"),
    ],
    &[
        same("@"), same("."), same("/"), act(Special::Space, 7), wide(".fr"), wide(".com"), act(Special::Left, 2), act(Special::Right, 2),
        act(Special::Hide, 5),
    ],
];

/// What a key the page sent types, if it is one of ours. Anything else is dropped, unread.
pub fn keystroke(sent: &str) -> Option<Keystroke> {
    let special = ROWS.iter().flat_map(|row| row.iter()).find_map(|key| match key {
        Key::Do { special, .. } if special.wire() == sent => Some(*special),
        _ => None,
    });
    if let Some(special) = special {
        return match special {
            Special::Backspace => Some(Keystroke::Backspace),
            Special::Enter => Some(Keystroke::Enter),
            Special::Tab => Some(Keystroke::Tab),
            Special::Left => Some(Keystroke::Left),
            Special::Right => Some(Keystroke::Right),
            Special::Space => Some(Keystroke::Text(Zeroizing::new(" ".into()))),
            // Drawn by the page; nothing to type.
            Special::Shift | Special::CapsLock | Special::Hide => None,
        };
    }
    let ours = ROWS.iter().flat_map(|row| row.iter()).any(|key| matches!(key, Key::Type { plain, capital, .. } if *plain == sent || *capital == sent));
    ours.then(|| Keystroke::Text(Zeroizing::new(sent.to_string())))
}

/// A field that lost focus closes a keyboard it opened only after this long: moving to the
/// next field must not make the page jump down and up again.
const CLOSE_AFTER_BLUR: Duration = Duration::from_millis(400);
/// The keyboard's share of the screen's height: six rows of keys at least 44 pixels tall on a
/// 1024×768 screen.
const SHARE_OF_SCREEN: f64 = 0.38;
/// The page keeps at least this share of the screen above the keyboard.
const PAGE_SHARE_AT_LEAST: f64 = 0.25;

/// Whether the keyboard is up, and why.
#[derive(Debug, Default)]
pub(super) struct Keyboard {
    open: bool,
    /// Opened because a field took focus (so it closes when no field has it).
    by_focus: bool,
    close_at: Option<Instant>,
}

impl Keyboard {
    pub(super) fn deadline(&self) -> Option<Instant> {
        self.close_at
    }

    pub(super) fn close(&mut self) {
        *self = Keyboard::default();
    }
}

/// The keyboard's height in window pixels on a screen `height` pixels tall under a bar of `bar`.
pub fn pixels(height: i32, bar: i32) -> i32 {
    let height = f64::from(height);
    let wanted = (height * SHARE_OF_SCREEN).round();
    let room = height - f64::from(bar) - (height * PAGE_SHARE_AT_LEAST).round();
    wanted.min(room).max(0.0) as i32
}

impl Kiosk {
    /// The bar's "Clavier" button (or its entry under "Plus", whose dialog gives way to it).
    pub(super) fn toggle_keyboard(&mut self) {
        if self.dialog == Some(super::Dialog::Menu) {
            self.dialog = None;
        }
        let open = !self.keyboard.open;
        self.keyboard.close();
        self.keyboard.open = open;
    }

    pub(super) fn hide_keyboard(&mut self) {
        self.keyboard.close();
    }

    /// A key of the keyboard, while it is on screen, types in the page.
    pub(super) fn key_pressed(&mut self, sent: &SentKey) {
        let sent: &str = &sent.0;
        if sent == Special::Hide.wire() {
            self.hide_keyboard();
            return;
        }
        if !self.keyboard_shown() {
            return;
        }
        if let Some(stroke) = keystroke(sent) {
            self.keyboard.close_at = None;
            self.commands.push_back(Command::Type(stroke));
        }
    }

    /// A field in the page took (`true`) or lost focus: with "Clavier à l'écran" on, the
    /// keyboard comes up with it, and goes when no field has it any more.
    pub(super) fn field_focus(&mut self, focused: bool, now: Instant) {
        if focused {
            self.keyboard.close_at = None;
            if self.settings.is_on(Toggle::OnScreenKeyboard) && self.in_session() && !self.keyboard.open {
                self.keyboard.open = true;
                self.keyboard.by_focus = true;
            }
        } else if self.keyboard.open && self.keyboard.by_focus {
            self.keyboard.close_at = Some(now + CLOSE_AFTER_BLUR);
        }
    }

    pub(super) fn keyboard_tick(&mut self, now: Instant) {
        if self.keyboard.close_at.is_some_and(|at| at <= now) {
            self.keyboard.close();
        }
    }

    /// On screen: opened, and the page (with its bar) is what the patron sees.
    pub(super) fn keyboard_shown(&self) -> bool {
        self.keyboard.open && self.in_session() && self.screen() == Screen::Bar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_page_can_send_is_known_and_nothing_else() {
        for row in ROWS {
            for key in row {
                match key {
                    Key::Type { plain, capital, .. } => {
                        assert!(keystroke(plain).is_some() && keystroke(capital).is_some(), "{plain}");
                    }
                    Key::Do { special, .. } => {
                        let types = !matches!(special, Special::Shift | Special::CapsLock | Special::Hide);
                        assert_eq!(keystroke(special.wire()).is_some(), types, "{special:?}");
                    }
                }
            }
        }
        for refused in ["", "ab", "<", "\n", "é\u{301}", "javascript:", "A\u{0}", ".org", "shiftt"] {
            assert_eq!(keystroke(refused), None, "{refused:?}");
        }
        assert_eq!(keystroke("space"), Some(Keystroke::Text(Zeroizing::new(" ".into()))));
        assert_eq!(keystroke(".fr"), Some(Keystroke::Text(Zeroizing::new(".fr".into()))));
    }

    #[test]
    fn the_french_accents_digits_at_and_domains_are_there() {
        let typed: Vec<&str> =
            ROWS.iter().flat_map(|row| row.iter()).filter_map(|k| if let Key::Type { plain, .. } = k { Some(*plain) } else { None }).collect();
        for needed in ["é", "è", "à", "ç", "ù", "â", "ê", "î", "ô", "û", "ë", "ï", "@", ".fr", ".com", "0", "9", "a", "z", "q", "w", "m"] {
            assert!(typed.contains(&needed), "{needed}");
        }
    }

    #[test]
    fn a_typed_text_is_not_shown_by_debug() {
        assert_eq!(format!("{:?}", Keystroke::Text(Zeroizing::new("secret".into()))), "Text(6 chars)");
    }

    #[test]
    fn the_keyboard_leaves_the_page_a_quarter_of_the_screen() {
        assert_eq!(pixels(800, 56), 304);
        assert_eq!(pixels(768, 56), 292);
        assert_eq!(pixels(800, 120), 304);
        // A bar grown with large text: the keyboard gives way, not the page.
        assert_eq!(pixels(800, 400), 200);
    }
}
