//! The accessibility panel in the session core, without a window: opening it from the welcome
//! screen and the bar, each preset and each setting (what the shell is told to apply), the text
//! size's bounds shared by A−/A+, Ctrl ± and the panel, read aloud and the screen reader, and
//! every setting back at its default in the next session.

mod common;

use std::sync::Arc;
use std::time::Instant;

use guichet::config::Config;
use guichet::i18n::Translations;
use guichet::kiosk::{Appearance, ChromeCommand, ChromeState, Command, Event, Kiosk, Launch, Preset, Screen, Settings, Toggle, ZoomStep, LARGE_CURSOR_PX};
use guichet::pages;
use guichet::status::ViewKind;
use guichet::supervisor::link::{FromSession, ToSession};
use zeroize::Zeroizing;

fn rig(launch: Launch) -> (Kiosk, Vec<Command>) {
    let config = Config::builtin().unwrap();
    let mut kiosk = Kiosk::new(&config, Arc::new(common::table_policy()), Arc::new(Translations::load().unwrap()), launch, Instant::now());
    let mut commands = Vec::new();
    for event in [Event::Chrome(ChromeCommand::Ready), Event::Resized { width: 1280, height: 800 }] {
        commands.extend(send(&mut kiosk, event));
    }
    (kiosk, commands)
}

fn send(kiosk: &mut Kiosk, event: Event) -> Vec<Command> {
    kiosk.handle(event, Instant::now());
    std::iter::from_fn(|| kiosk.poll()).collect()
}

fn chrome(kiosk: &mut Kiosk, command: ChromeCommand) -> Vec<Command> {
    send(kiosk, Event::Chrome(command))
}

fn appearance(commands: &[Command]) -> Option<Appearance> {
    commands.iter().rev().find_map(|c| if let Command::Appearance(a) = c { Some(a.clone()) } else { None })
}

fn state(commands: &[Command]) -> Option<ChromeState> {
    commands.iter().rev().find_map(|c| if let Command::Chrome(s) = c { Some(s.clone()) } else { None })
}

fn zoom(commands: &[Command]) -> Option<f64> {
    commands.iter().rev().find_map(|c| if let Command::Zoom { page, .. } = c { Some(*page) } else { None })
}

fn view(commands: &[Command]) -> Option<ViewKind> {
    commands.iter().rev().find_map(|c| match c {
        Command::Report(FromSession::State { view, .. }) => Some(*view),
        _ => None,
    })
}

fn started() -> Kiosk {
    let (mut kiosk, _) = rig(Launch::Visible);
    chrome(&mut kiosk, ChromeCommand::Start);
    let url = Zeroizing::new(pages::url("/launcher", &[]));
    send(&mut kiosk, Event::LoadCommitted { url, history: Default::default() });
    kiosk
}

#[test]
fn a_session_starts_at_the_defaults_and_says_so_to_the_shell() {
    let (_, commands) = rig(Launch::Visible);
    assert_eq!(appearance(&commands), Some(Settings::default().appearance()), "the views are told once, at start");
    let state = state(&commands).unwrap();
    assert_eq!((state.accessibility.settings.len(), state.accessibility.presets.len()), (0, 0));
    assert!(state.accessibility.text_size.contains("100"), "{}", state.accessibility.text_size);
    assert!(!state.accessibility.screen_reader);
}

#[test]
fn the_panel_opens_from_the_welcome_screen_and_from_the_bar_and_closes() {
    let (mut kiosk, _) = rig(Launch::Visible);
    let commands = chrome(&mut kiosk, ChromeCommand::Accessibility);
    assert_eq!(state(&commands).map(|s| s.screen), Some(Screen::Accessibility));
    assert_eq!(view(&commands), Some(ViewKind::Accessibility));
    assert!(commands.contains(&Command::FocusChrome));
    let commands = chrome(&mut kiosk, ChromeCommand::Close);
    assert_eq!(state(&commands).map(|s| s.screen), Some(Screen::Welcome));
    // Left open, it closes when the patron starts.
    chrome(&mut kiosk, ChromeCommand::Accessibility);
    assert_eq!(state(&chrome(&mut kiosk, ChromeCommand::Start)).map(|s| s.screen), Some(Screen::Bar));

    let mut kiosk = started();
    chrome(&mut kiosk, ChromeCommand::Menu);
    let commands = chrome(&mut kiosk, ChromeCommand::Accessibility);
    assert_eq!(state(&commands).map(|s| s.screen), Some(Screen::Accessibility), "from the bar's Plus dialog");
    let commands = chrome(&mut kiosk, ChromeCommand::Close);
    assert_eq!(state(&commands).map(|s| s.screen), Some(Screen::Bar), "closing returns to the page, not to Plus");
    assert!(commands.contains(&Command::FocusContent));
}

#[test]
fn each_setting_turns_on_and_off_and_reaches_the_views() {
    let (mut kiosk, _) = rig(Launch::Visible);
    chrome(&mut kiosk, ChromeCommand::Accessibility);
    for setting in Toggle::ALL {
        let commands = chrome(&mut kiosk, ChromeCommand::Setting { setting });
        let applied = appearance(&commands).unwrap_or_else(|| panic!("{setting:?} reaches the views"));
        assert_eq!(state(&commands).unwrap().accessibility.settings, vec![setting]);
        match setting {
            Toggle::LargeCursor => assert_eq!(applied.cursor_px, LARGE_CURSOR_PX),
            Toggle::ReadAloud | Toggle::OnScreenKeyboard => assert_eq!(applied, Settings::default().appearance(), "not a style"),
            _ => assert!(!applied.chrome_css.is_empty() && !applied.content_css.is_empty(), "{setting:?}"),
        }
        let commands = chrome(&mut kiosk, ChromeCommand::Setting { setting });
        assert_eq!(appearance(&commands), Some(Settings::default().appearance()), "{setting:?} off again");
    }
    // What the style sheets say, for the ones a screenshot checks.
    chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::HighContrast });
    let commands = chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::DyslexiaFont });
    let applied = appearance(&commands).unwrap();
    assert!(applied.content_css.contains("background-color: #000000 !important") && applied.content_css.contains("OpenDyslexic"));
    assert!(applied.chrome_css.contains("--background: #000000 !important"));
    // Nothing changed, nothing sent.
    assert_eq!(appearance(&chrome(&mut kiosk, ChromeCommand::Preset { preset: Preset::Motor })).map(|a| a.cursor_px), Some(LARGE_CURSOR_PX));
    assert_eq!(appearance(&send(&mut kiosk, Event::Tick)), None);
}

#[test]
fn presets_set_their_settings_and_press_again_to_undo() {
    let (mut kiosk, _) = rig(Launch::Visible);
    let commands = chrome(&mut kiosk, ChromeCommand::Preset { preset: Preset::LowVision });
    let shown = state(&commands).unwrap().accessibility;
    assert_eq!((shown.settings, shown.presets), (vec![Toggle::HighContrast], vec![Preset::LowVision]));
    assert_eq!(zoom(&commands), Some(1.5), "larger text");

    let commands = chrome(&mut kiosk, ChromeCommand::Preset { preset: Preset::Reading });
    let shown = state(&commands).unwrap().accessibility;
    assert_eq!(shown.presets, vec![Preset::LowVision, Preset::Reading]);
    for setting in [Toggle::DyslexiaFont, Toggle::LetterSpacing, Toggle::LineSpacing, Toggle::ReadAloud] {
        assert!(shown.settings.contains(&setting), "{setting:?}");
    }
    let commands = chrome(&mut kiosk, ChromeCommand::Preset { preset: Preset::Motor });
    let shown = state(&commands).unwrap().accessibility;
    assert_eq!(shown.presets.len(), 3);
    assert!(shown.settings.contains(&Toggle::LargeTargets) && shown.settings.contains(&Toggle::LargeCursor) && shown.settings.contains(&Toggle::KeyboardHelp));

    // A preset already at a larger size keeps it; pressed again, it undoes only its own settings.
    send(&mut kiosk, Event::Zoom(ZoomStep::In));
    let commands = chrome(&mut kiosk, ChromeCommand::Preset { preset: Preset::LowVision });
    assert_eq!(zoom(&commands), Some(1.0));
    let shown = state(&commands).unwrap().accessibility;
    assert!(!shown.settings.contains(&Toggle::HighContrast) && shown.presets == vec![Preset::Reading, Preset::Motor]);
    // A preset half on is off: pressing it turns the rest on.
    chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::KeyboardHelp });
    assert!(!state(&send(&mut kiosk, Event::Tick)).unwrap_or_else(|| kiosk_state(&mut kiosk)).accessibility.presets.contains(&Preset::Motor));
    let shown = state(&chrome(&mut kiosk, ChromeCommand::Preset { preset: Preset::Motor })).unwrap().accessibility;
    assert!(shown.presets.contains(&Preset::Motor) && shown.settings.contains(&Toggle::KeyboardHelp));

    send(&mut kiosk, Event::Zoom(ZoomStep::In));
    let commands = chrome(&mut kiosk, ChromeCommand::ResetSettings);
    assert_eq!(appearance(&commands), Some(Settings::default().appearance()));
    assert_eq!(zoom(&commands), Some(1.0));
    assert!(commands.contains(&Command::StopReading), "read aloud was on: reading stops");
}

/// The state the page has now (a tick pushes nothing when nothing changed).
fn kiosk_state(kiosk: &mut Kiosk) -> ChromeState {
    state(&chrome(kiosk, ChromeCommand::Ready)).expect("a fresh page gets the whole state")
}

#[test]
fn text_size_is_one_value_from_100_to_300_percent_for_every_control() {
    let mut kiosk = started();
    let mut seen = Vec::new();
    for step in 0..12 {
        let event = match step % 3 {
            0 => Event::Zoom(ZoomStep::In),
            1 => Event::Chrome(ChromeCommand::ZoomIn),
            _ => Event::Chrome(ChromeCommand::Accessibility),
        };
        if let Some(page) = zoom(&send(&mut kiosk, event)) {
            seen.push(page);
        }
    }
    assert_eq!(seen.last(), Some(&3.0), "300 % at most: {seen:?}");
    assert!(kiosk_state(&mut kiosk).accessibility.text_size.contains("300"));
    for _ in 0..12 {
        chrome(&mut kiosk, ChromeCommand::ZoomOut);
    }
    assert_eq!(kiosk_state(&mut kiosk).accessibility.text_size.replace(['\u{2068}', '\u{2069}'], ""), "100 %", "100 % at least");
    send(&mut kiosk, Event::Zoom(ZoomStep::In));
    assert_eq!(zoom(&send(&mut kiosk, Event::Zoom(ZoomStep::Reset))), Some(1.0));
}

#[test]
fn read_aloud_asks_the_shell_only_when_on_and_in_the_patrons_language() {
    let (mut kiosk, _) = rig(Launch::Visible);
    chrome(&mut kiosk, ChromeCommand::Lang { lang: "en".into() });
    chrome(&mut kiosk, ChromeCommand::Ready);
    assert!(!chrome(&mut kiosk, ChromeCommand::ReadAloud).iter().any(|c| matches!(c, Command::ReadAloud { .. })), "no page at the welcome screen");
    chrome(&mut kiosk, ChromeCommand::Start);
    assert!(!chrome(&mut kiosk, ChromeCommand::ReadAloud).iter().any(|c| matches!(c, Command::ReadAloud { .. })), "the setting is off");
    let commands = chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::ReadAloud });
    assert!(state(&commands).unwrap().bar.unwrap().read_aloud, "the bar shows the button");
    assert!(chrome(&mut kiosk, ChromeCommand::ReadAloud).contains(&Command::ReadAloud { lang: "en".into() }));
    assert!(chrome(&mut kiosk, ChromeCommand::StopReading).contains(&Command::StopReading));
    assert!(chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::ReadAloud }).contains(&Command::StopReading));
}

#[test]
fn the_screen_reader_starts_from_the_welcome_button_or_the_shortcut_and_stops_again() {
    let (mut kiosk, _) = rig(Launch::Visible);
    let commands = chrome(&mut kiosk, ChromeCommand::ScreenReader);
    assert!(commands.contains(&Command::ScreenReader { on: true, lang: "fr".into() }));
    assert!(state(&commands).unwrap().accessibility.screen_reader);
    assert!(send(&mut kiosk, Event::ScreenReaderKey).contains(&Command::ScreenReader { on: false, lang: "fr".into() }));
    chrome(&mut kiosk, ChromeCommand::Start);
    assert!(send(&mut kiosk, Event::ScreenReaderKey).contains(&Command::ScreenReader { on: true, lang: "fr".into() }), "in a session too");

    // A session waiting off screen takes no shortcut.
    let (mut hidden, _) = rig(Launch::Hidden);
    assert!(!send(&mut hidden, Event::ScreenReaderKey).iter().any(|c| matches!(c, Command::ScreenReader { .. })));
}

#[test]
fn settings_end_with_the_session_and_the_next_one_starts_at_the_defaults() {
    let mut kiosk = started();
    for preset in Preset::ALL {
        chrome(&mut kiosk, ChromeCommand::Preset { preset });
    }
    chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::ReadingRuler });
    chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::ReducedMotion });
    chrome(&mut kiosk, ChromeCommand::Setting { setting: Toggle::OnScreenKeyboard });
    chrome(&mut kiosk, ChromeCommand::ScreenReader);
    assert_eq!(kiosk_state(&mut kiosk).accessibility.settings.len(), Toggle::ALL.len(), "every setting on");
    let commands = send(&mut kiosk, Event::Supervisor(ToSession::End));
    assert_eq!(commands.last(), Some(&Command::Exit), "the session process ends, and its settings with it");
    assert!(kiosk.finished());
    assert!(send(&mut kiosk, Event::Chrome(ChromeCommand::Setting { setting: Toggle::HighContrast })).is_empty());

    // The next patron's session is a new process: a pre-started one, then on screen.
    let (mut next, commands) = rig(Launch::Hidden);
    assert_eq!(appearance(&commands), Some(Settings::default().appearance()));
    let commands = send(
        &mut next,
        Event::Supervisor(ToSession::Show { receipt: None, mode: guichet::policy::Mode::Citizen, pin: Default::default() }),
    );
    let shown = state(&commands).unwrap_or_else(|| kiosk_state(&mut next));
    assert_eq!((shown.screen, shown.accessibility.settings.len(), shown.accessibility.screen_reader), (Screen::Welcome, 0, false));
    assert_eq!(zoom(&commands).unwrap_or(1.0), 1.0);
}
