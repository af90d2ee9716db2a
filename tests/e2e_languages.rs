//! End to end, the languages in the real kiosk, in one kiosk start: a screen reader finds the
//! welcome screen's "Commencer" and exactly the languages the configuration lists, then the
//! bar's controls by their French names; the patron picks Arabic, and the same controls have
//! their Arabic names, the red "Terminer ma session" has moved from the right end of the bar to
//! the left and "Accueil" to the right end: the layout is mirrored.
//!
//! `GUICHET_SHOTS=FOLDER` keeps the screenshots (welcome and bar, French and Arabic).
#![cfg(feature = "shell")]

mod common;

use std::time::Duration;

use common::kiosk::{bar_bottom, Kiosk, Node, Options, Screenshot};
use common::sites::STOP_RED;
use guichet::control::{Reply, Request};
use guichet::status::{State, ViewKind};

/// The configuration's languages, as the welcome screen names them, in order.
const OFFERED: [(&str, &str); 4] = [("fr", "Français"), ("falc", "Français facile"), ("ar", "العربية"), ("tr", "Türkçe")];
/// Languages shipped but not listed: never offered.
const NOT_OFFERED: [&str; 3] = ["English", "Русский", "فارسی"];
const NAVY: (u8, u8, u8) = (0, 0, 145);

/// What a screen reader must find, in French then in Arabic.
struct Names {
    start: &'static str,
    bar: [&'static str; 4],
}

const FRENCH: Names = Names { start: "Commencer", bar: ["Accueil", "Retour", "Suivant", "Terminer ma session"] };
const ARABIC: Names = Names { start: "ابدأ", bar: ["الرئيسية", "رجوع", "التالي", "إنهاء جلستي"] };

fn has(tree: &[Node], role: &str, name: &str) -> bool {
    tree.iter().any(|n| n.role == role && n.name == name)
}

/// The welcome screen offers exactly the configured languages, as toggle buttons, `pressed` the
/// one on screen.
fn check_language_choice(tree: &[Node], pressed: &str) {
    for (_, name) in OFFERED {
        let node = tree.iter().find(|n| n.role == "toggle button" && n.name == name);
        assert!(node.is_some_and(|n| n.pressed == (name == pressed)), "{name} (pressed: {}): {tree:?}", name == pressed);
    }
    for name in NOT_OFFERED {
        assert!(!tree.iter().any(|n| n.name == name), "{name} is not in the configuration: {tree:?}");
    }
}

/// Starts a session from the welcome screen and checks the bar's controls by name.
fn start_and_read_the_bar(kiosk: &Kiosk, names: &Names) -> Vec<Node> {
    assert!(kiosk.press_accessible("push button", names.start), "could not press {:?}", names.start);
    kiosk.wait_for("the launcher", Duration::from_secs(30), |s| s.view == Some(ViewKind::Launcher));
    let tree = kiosk.tree_with("push button", names.bar[3]);
    for name in names.bar {
        assert!(has(&tree, "push button", name), "the bar's {name:?} is a push button: {tree:?}");
    }
    tree
}

/// The bar's row (above its navy bottom border) and how much of its red end button is in each
/// half of the screen.
struct Bar {
    bottom: u32,
    red_left: usize,
    red_right: usize,
}

fn bar(shot: &Screenshot) -> Option<Bar> {
    let bottom = u32::try_from(bar_bottom(shot)?).ok()?.saturating_sub(4);
    let half = shot.width / 2;
    Some(Bar { bottom, red_left: shot.count((0, 0, half, bottom), STOP_RED, 8), red_right: shot.count((half, 0, shot.width, bottom), STOP_RED, 8) })
}

/// The navy of the first button from one end of the bar (Accueil), within 160 px of that end.
fn navy_at(shot: &Screenshot, bar: &Bar, left_end: bool) -> bool {
    let (x0, x1) = if left_end { (0, 160) } else { (shot.width - 160, shot.width) };
    shot.centre_of(NAVY, (x0, 0, x1, bar.bottom)).is_some()
}

fn keep(kiosk: &Kiosk, name: &str) {
    let saved = kiosk.save_screenshot(name);
    if let Some(folder) = std::env::var_os("GUICHET_SHOTS") {
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(&saved, std::path::Path::new(&folder).join(format!("{name}.png"))).unwrap();
    }
}

#[test]
fn welcome_and_bar_in_french_then_arabic_mirrored() {
    let options = Options {
        extra: "[ui]\nlanguages = [\"fr\", \"falc\", \"ar\", \"tr\"]\ndefault_language = \"fr\"\n".into(),
        ..Options::default()
    };
    let kiosk = Kiosk::start("languages", options);

    // French: "Commencer", the four configured languages and no other.
    let welcome = kiosk.tree_with("push button", FRENCH.start);
    check_language_choice(&welcome, "Français");
    keep(&kiosk, "welcome-fr");

    // The bar in French, left to right: Accueil at the left end, the red end button right.
    start_and_read_the_bar(&kiosk, &FRENCH);
    let french = kiosk.wait_screen("the French bar", Duration::from_secs(20), |s| bar(s).is_some_and(|b| b.red_right > 1000));
    keep(&kiosk, "bar-fr");
    let french_bar = bar(&french).unwrap();
    assert_eq!(french_bar.red_left, 0, "nothing red in the left half of a French bar");
    assert!(navy_at(&french, &french_bar, true), "Accueil at the left end");

    // Back to a welcome screen; the patron picks Arabic there.
    assert_eq!(kiosk.ctl(Request::EndSession), Reply::Ok);
    kiosk.wait_for("the next welcome screen", Duration::from_secs(30), |s| s.state == State::Welcome && s.view == Some(ViewKind::Welcome));
    kiosk.tree_with("toggle button", "العربية");
    assert!(kiosk.press_accessible("toggle button", "العربية"), "could not press العربية");
    let welcome = kiosk.tree_with("push button", ARABIC.start);
    check_language_choice(&welcome, "العربية");
    assert!(!has(&welcome, "push button", FRENCH.start), "the welcome screen is in Arabic now: {welcome:?}");
    kiosk.wait_screen("the Arabic welcome screen", Duration::from_secs(20), common::kiosk::welcome_painted);
    keep(&kiosk, "welcome-ar");

    // The bar in Arabic, right to left: the red end button at the left, Accueil at the right end.
    let tree = start_and_read_the_bar(&kiosk, &ARABIC);
    assert!(!has(&tree, "push button", "Terminer ma session"), "{tree:?}");
    let arabic = kiosk.wait_screen("the Arabic bar", Duration::from_secs(20), |s| bar(s).is_some_and(|b| b.red_left > 1000));
    keep(&kiosk, "bar-ar");
    let arabic_bar = bar(&arabic).unwrap();
    assert_eq!(arabic_bar.red_right, 0, "nothing red in the right half of an Arabic bar: {:?}", kiosk.save_screenshot("bar-ar-red"));
    assert!(navy_at(&arabic, &arabic_bar, false), "Accueil at the right end: {:?}", kiosk.save_screenshot("bar-ar-home"));
    // Each end button sits at its bar's end: as far from the left edge in Arabic as from the
    // right edge in French (the words differ in length, the margin does not).
    let from_left = arabic.centre_of(STOP_RED, (0, 0, arabic.width, arabic_bar.bottom)).unwrap().0;
    let from_right = i32::try_from(french.width).unwrap() - french.centre_of(STOP_RED, (0, 0, french.width, french_bar.bottom)).unwrap().0;
    assert!(from_left < 200 && from_right < 200, "end buttons at the ends: {from_left} px from the left, {from_right} px from the right");
    assert_eq!(kiosk.glib_problems(), Vec::<String>::new());
}
