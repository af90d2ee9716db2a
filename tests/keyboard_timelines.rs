//! The on-screen keyboard in the session core, on a simulated clock: "Clavier" brings it up under
//! the page and puts it away; its keys type in the page only while it is on screen; only its own
//! keys are accepted; with "Clavier à l'écran quand j'écris" on, a field taking focus brings it
//! up and leaving every field puts it away (not between two fields); F6, a dialog and the end of
//! the session put it away.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::rig::Rig;

use guichet::config::Config;
use guichet::kiosk::{ChromeCommand, ChromeState, Command, Event, Keystroke, Launch, SentKey, Toggle};
use guichet::pages;
use zeroize::Zeroizing;

/// A patron on the launcher, at 1280×800.
fn started() -> Rig {
    let mut rig = Rig::with(&Config::builtin().unwrap(), Arc::new(common::table_policy()), Launch::Visible);
    rig.chrome(ChromeCommand::Start);
    let url = Zeroizing::new(pages::url("/launcher", &[]));
    rig.send(Event::LoadCommitted { url, history: Default::default() });
    rig
}

fn key(rig: &mut Rig, key: &str) -> Vec<Command> {
    rig.chrome(ChromeCommand::Key { key: SentKey::new(key) })
}

fn layout(commands: &[Command]) -> Option<(Option<i32>, i32)> {
    commands.iter().rev().find_map(|c| if let Command::Layout { bar, keyboard } = c { Some((*bar, *keyboard)) } else { None })
}

fn state(commands: &[Command]) -> Option<ChromeState> {
    commands.iter().rev().find_map(|c| if let Command::Chrome(s) = c { Some(s.clone()) } else { None })
}

fn typed(commands: &[Command]) -> Vec<Keystroke> {
    commands.iter().filter_map(|c| if let Command::Type(k) = c { Some(k.clone()) } else { None }).collect()
}

fn text(s: &str) -> Keystroke {
    Keystroke::Text(Zeroizing::new(s.to_string()))
}

#[test]
fn the_bar_button_brings_the_keyboard_up_under_the_page_and_puts_it_away() {
    let mut rig = started();
    let up = rig.chrome(ChromeCommand::Keyboard);
    let (bar, keyboard) = layout(&up).expect("a new layout");
    assert!(bar.is_some());
    assert_eq!(keyboard, 304, "38 % of 800 px");
    assert_eq!(state(&up).and_then(|s| s.keyboard).map(|k| k.height), Some(304));
    let away = rig.chrome(ChromeCommand::Keyboard);
    assert_eq!(layout(&away).map(|l| l.1), Some(0));
    assert_eq!(state(&away).map(|s| s.keyboard), Some(None));
    rig.chrome(ChromeCommand::Keyboard);
    assert_eq!(layout(&key(&mut rig, "hide")).map(|l| l.1), Some(0), "its own Masquer key");
    // From "Plus" (the bar short of room), the dialog gives way to the keyboard.
    rig.chrome(ChromeCommand::Menu);
    assert_eq!(layout(&rig.chrome(ChromeCommand::Keyboard)).map(|l| l.1), Some(304));
}

#[test]
fn keys_type_in_the_page_only_while_the_keyboard_is_on_screen() {
    let mut rig = started();
    assert!(typed(&key(&mut rig, "a")).is_empty(), "no keyboard, no typing");
    rig.chrome(ChromeCommand::Keyboard);
    let mut strokes = Vec::new();
    for sent in ["É", "t", "i", "e", "n", "n", "e", "@", "e", "x", "e", "m", "p", "l", "e", ".fr"] {
        strokes.extend(typed(&key(&mut rig, sent)));
    }
    assert_eq!(strokes, ["É", "t", "i", "e", "n", "n", "e", "@", "e", "x", "e", "m", "p", "l", "e", ".fr"].map(text).to_vec());
    assert_eq!(typed(&key(&mut rig, "backspace")), vec![Keystroke::Backspace]);
    assert_eq!(typed(&key(&mut rig, "enter")), vec![Keystroke::Enter]);
    assert_eq!(typed(&key(&mut rig, "tab")), vec![Keystroke::Tab]);
    assert_eq!(typed(&key(&mut rig, "space")), vec![text(" ")]);
    // Shift and Caps Lock only change the keyboard itself.
    assert!(typed(&key(&mut rig, "shift")).is_empty() && typed(&key(&mut rig, "caps-lock")).is_empty());
    // Anything that is not one of its keys is dropped.
    for forged in ["<script>", "ab", "\u{8}", "€", ".org", "", "Shift"] {
        assert!(typed(&key(&mut rig, forged)).is_empty(), "{forged:?}");
    }
    // A dialog over the page hides the keyboard, and its keys type nothing there.
    let menu = rig.chrome(ChromeCommand::Menu);
    assert_eq!(layout(&menu), Some((None, 0)));
    assert!(typed(&key(&mut rig, "a")).is_empty());
    // Back on the page, it is up again.
    let back = rig.chrome(ChromeCommand::Close);
    assert_eq!(layout(&back).map(|l| l.1), Some(304));
}

#[test]
fn with_the_setting_on_a_field_brings_it_up_and_leaving_every_field_puts_it_away() {
    let mut rig = started();
    assert_eq!(layout(&rig.send(Event::FieldFocus(true))), None, "off by default: a field changes nothing");
    rig.send(Event::FieldFocus(false));
    rig.chrome(ChromeCommand::Setting { setting: Toggle::OnScreenKeyboard });
    assert_eq!(layout(&rig.at(1.0).send(Event::FieldFocus(true))).map(|l| l.1), Some(304));
    // From one field to the next: no jump down and up.
    assert_eq!(layout(&rig.at(2.0).send(Event::FieldFocus(false))), None);
    assert_eq!(layout(&rig.at(2.1).send(Event::FieldFocus(true))), None);
    assert_eq!(layout(&rig.at(3.0).send(Event::Tick)), None);
    // No field any more: it goes a moment later.
    rig.at(4.0).send(Event::FieldFocus(false));
    assert_eq!(rig.kiosk.poll_timeout(rig.now), Some(rig.t0 + Duration::from_millis(4400)));
    assert_eq!(layout(&rig.at(4.2).send(Event::Tick)), None);
    assert_eq!(layout(&rig.at(4.4).send(Event::Tick)).map(|l| l.1), Some(0));
}

#[test]
fn a_keyboard_brought_up_by_hand_stays_when_the_field_goes() {
    let mut rig = started();
    rig.chrome(ChromeCommand::Setting { setting: Toggle::OnScreenKeyboard });
    rig.chrome(ChromeCommand::Keyboard);
    rig.at(1.0).send(Event::FieldFocus(true));
    rig.at(2.0).send(Event::FieldFocus(false));
    assert_eq!(layout(&rig.at(5.0).send(Event::Tick)), None, "still up");
}

#[test]
fn f6_and_the_end_of_the_session_put_it_away_and_the_next_session_starts_without() {
    let mut rig = started();
    rig.chrome(ChromeCommand::Keyboard);
    let f6 = rig.send(Event::SwitchFocus { from_chrome: false });
    assert_eq!(layout(&f6).map(|l| l.1), Some(0));
    assert!(f6.contains(&Command::FocusChrome));

    rig.chrome(ChromeCommand::Keyboard);
    rig.chrome(ChromeCommand::Setting { setting: Toggle::OnScreenKeyboard });
    let end = rig.chrome(ChromeCommand::End);
    assert!(end.contains(&Command::Exit));
    assert!(!end.iter().any(|c| matches!(c, Command::Type(_))));

    let mut next = started();
    assert_eq!(layout(&next.send(Event::FieldFocus(true))), None, "the setting went with the last patron");
}

#[test]
fn nothing_typed_is_logged_or_shown_by_debug() {
    let key = SentKey::new("motdepasse");
    assert_eq!(format!("{key:?}"), "SentKey(hidden)");
    let command = ChromeCommand::Key { key };
    assert!(!format!("{command:?}").contains("motdepasse"));
    let parsed = ChromeCommand::parse(r#"{"cmd":"key","key":"é"}"#);
    assert_eq!(parsed, Some(ChromeCommand::Key { key: SentKey::new("é") }));
}
