//! End to end, the accessibility panel in the real kiosk, in one kiosk start: the panel's
//! controls are read by a screen reader with their roles, French names and pressed states; every
//! setting is set through the panel; screenshots show the contrast and the font changed on the
//! chrome view and on a local web page; read aloud speaks the page through espeak-ng into a WAV
//! file; the on-screen keyboard, clicked with the pointer, types "Étienne@exemple.fr" into a
//! local form; Orca starts inside the session and joins its accessibility bus; at logout the speech
//! processes and Orca are gone, and the next session is back at the defaults.
#![cfg(feature = "shell")]

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::kiosk::{Kiosk, Node, Options, Screenshot};
use common::site::{Reply, TestSite};
use guichet::control::{Reply as CtlReply, Request};
use guichet::status::{State, ViewKind};

const BLACK: (u8, u8, u8) = (0, 0, 0);
const WHITE: (u8, u8, u8) = (0xff, 0xff, 0xff);
/// Words of the test page, to prove none reaches the log.
const CANARY: &str = "Quelquefois";

/// The panel's toggle buttons, as a screen reader names them.
const PRESETS: [&str; 3] = ["Je vois mal", "Je lis difficilement", "La souris est difficile"];
const SETTINGS: [&str; 11] = [
    "Contraste élevé",
    "Police adaptée à la dyslexie",
    "Lettres plus espacées",
    "Lignes plus espacées",
    "Règle de lecture",
    "Grand curseur",
    "Moins d’animations",
    "Lecture à voix haute",
    "Boutons plus grands",
    "Aide au clavier",
    "Clavier à l’écran quand j’écris",
];
/// What the on-screen keyboard types into the test form, key by key (a capital needs Majuscule).
const TYPED: &str = "Étienne@exemple.fr";

fn wait_until(what: &str, kiosk: &Kiosk, timeout: Duration, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + timeout;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}; {:?}\n--- log\n{}", kiosk.save_screenshot("timeout"), kiosk.log());
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn share(shot: &Screenshot, (x0, y0, x1, y1): (u32, u32, u32, u32), colour: (u8, u8, u8)) -> f64 {
    shot.count((x0, y0, x1, y1), colour, 8) as f64 / f64::from((x1 - x0) * (y1 - y0))
}

/// How many pixels differ between two screenshots inside a region.
fn differing(a: &Screenshot, b: &Screenshot, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> usize {
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            if a.pixel(x, y) != b.pixel(x, y) {
                n += 1;
            }
        }
    }
    n
}

fn press(kiosk: &Kiosk, role: &str, name: &str) {
    kiosk.tree_with(role, name);
    assert!(kiosk.press_accessible(role, name), "could not press {name:?}");
}

fn pressed(tree: &[Node], name: &str) -> bool {
    tree.iter().any(|n| n.role == "toggle button" && n.name == name && n.pressed)
}

/// "Accessibilité" from the welcome screen or the bar, or from "Plus" when the bar has no room.
fn open_panel(kiosk: &Kiosk) {
    if !kiosk.press_accessible("push button", "Accessibilité") {
        press(kiosk, "push button", "Plus");
        kiosk.wait_for("the Plus dialog", Duration::from_secs(10), |s| s.view == Some(ViewKind::Menu));
        press(kiosk, "push button", "Accessibilité");
    }
    kiosk.wait_for("the accessibility panel", Duration::from_secs(10), |s| s.view == Some(ViewKind::Accessibility));
    std::thread::sleep(Duration::from_millis(700));
}

fn keys(kiosk: &Kiosk, tabs: usize) {
    for _ in 0..tabs {
        kiosk.key("Tab");
    }
    kiosk.key("Return");
    std::thread::sleep(Duration::from_millis(300));
}

/// The processes that must die at logout, by name, with their pids.
fn speech_processes(kiosk: &Kiosk) -> Vec<(u32, String)> {
    kiosk.descendants().into_iter().filter(|(_, name)| name.starts_with("speech-dispatch") || name.starts_with("sd_") || name == "orca").collect()
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z')))
}

/// A WAV file's header: (channels, rate, bits, data bytes).
fn wav_header(bytes: &[u8]) -> Option<(u16, u32, u16, usize)> {
    let u16_at = |i: usize| Some(u16::from_le_bytes(bytes.get(i..i + 2)?.try_into().ok()?));
    let u32_at = |i: usize| Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    if bytes.get(0..4)? != b"RIFF" || bytes.get(8..12)? != b"WAVE" || bytes.get(12..16)? != b"fmt " || u16_at(20)? != 1 {
        return None;
    }
    let data = bytes.windows(4).position(|w| w == b"data")?;
    Some((u16_at(22)?, u32_at(24)?, u16_at(34)?, bytes.len().saturating_sub(data + 8)))
}

fn test_page() -> String {
    format!(
        "<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>Lecture</title><style>\
         html,body{{margin:0;background:#ffffff;color:#000000;font:28px 'DejaVu Serif',serif}}main{{padding:20px 40px}}\
         </style></head><body><main><h1>Votre démarche</h1><p>{CANARY} il faut du temps pour lire une page entière. \
         Prenez le vôtre : rien ne presse, et tout sera effacé à la fin.</p><p>Deuxième paragraphe, pour la règle de lecture \
         et l’espacement des lignes.</p></main></body></html>"
    )
}

#[test]
fn accessibility_panel_settings_read_aloud_and_orca_end_with_the_session() {
    let dir = std::env::temp_dir().join(format!("guichet-e2e-a11y-site-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let site = TestSite::start(|request| match request.path() {
        "/form" => Reply::html(FORM_PAGE),
        "/sent" => Reply::html("<!DOCTYPE html><title>Merci</title><p>Reçu.</p>"),
        _ => Reply::html(&test_page()),
    });
    let list = dir.join("lecture.toml");
    std::fs::write(&list, "[[site]]\nname = \"Lecture\"\ncategory = \"information\"\nhosts = [\"lecture.guichet.test\"]\nschemes = [\"http\"]\n").unwrap();
    let options = Options {
        hosts: vec![("lecture.guichet.test", site.address)],
        lists: vec![list],
        env: vec![(guichet::speech::TEST_TO_FILE_ENV, "1")],
        ..Options::default()
    };
    let kiosk = Kiosk::start("a11y", options);
    let whole = |shot: &Screenshot| (0, 0, shot.width, shot.height);

    // The welcome screen offers the panel and the screen reader.
    let welcome = kiosk.tree_with("push button", "Accessibilité");
    assert!(welcome.iter().any(|n| n.role == "toggle button" && n.name == "Lecteur d’écran" && !n.pressed), "{welcome:?}");
    let welcome_shot = kiosk.screenshot();
    assert!(share(&welcome_shot, whole(&welcome_shot), WHITE) > 0.6, "a white welcome screen at the defaults");

    // A session, its web page at the defaults: black text on white, in a serif font.
    kiosk.key("Return");
    kiosk.wait_for("the launcher", Duration::from_secs(20), |s| s.view == Some(ViewKind::Launcher));
    kiosk.open("http://lecture.guichet.test/");
    kiosk.wait_for("the test page", Duration::from_secs(20), |s| s.view == Some(ViewKind::Web));
    let top = kiosk.content_top() as u32;
    let page = (0, top, 1280, 800);
    let plain = kiosk.wait_screen("the test page painted", Duration::from_secs(20), |s| share(s, page, WHITE) > 0.8 && s.count(page, BLACK, 40) > 2000);

    // The panel from the bar: its controls, as a screen reader reads them.
    open_panel(&kiosk);
    let tree = kiosk.tree_with("toggle button", "Je vois mal");
    for name in PRESETS.iter().chain(SETTINGS.iter()) {
        assert!(tree.iter().any(|n| n.role == "toggle button" && n.name == *name && !n.pressed), "{name} is an unpressed toggle button: {tree:?}");
    }
    for name in ["A− Réduire le texte", "A+ Agrandir le texte", "Tout remettre comme avant", "Fermer"] {
        assert!(tree.iter().any(|n| n.role == "push button" && n.name == name), "{name}: {tree:?}");
    }
    assert!(tree.iter().any(|n| n.role == "dialog" && n.name == "Accessibilité"), "{tree:?}");
    let panel_plain = kiosk.screenshot();
    assert!(share(&panel_plain, whole(&panel_plain), WHITE) > 0.5, "{:?}", kiosk.save_screenshot("panel-plain"));

    // Every setting, through the panel, by keyboard from its first button: the three presets,
    // one more step of text size (A+), then the reading ruler and reduced motion, which no preset sets.
    keys(&kiosk, 0);
    keys(&kiosk, 1);
    keys(&kiosk, 1);
    keys(&kiosk, 2);
    keys(&kiosk, 5);
    keys(&kiosk, 2);
    keys(&kiosk, 4);
    let tree = kiosk.tree_with("toggle button", "Je vois mal");
    for name in PRESETS.iter().chain(SETTINGS.iter()) {
        assert!(pressed(&tree, name), "{name} is on: {tree:?}\n{:?}", kiosk.save_screenshot("panel-all"));
    }
    let yellow = (0xff, 0xff, 0);
    let panel_all = kiosk.wait_screen("the panel in high contrast", Duration::from_secs(10), |s| {
        share(s, whole(s), BLACK) + share(s, whole(s), yellow) > 0.7 && share(s, whole(s), WHITE) < 0.2
    });
    kiosk.save_screenshot("panel-all-on");
    assert!(panel_all.count(whole(&panel_all), yellow, 8) > 2000, "pressed buttons in yellow");

    // The page: white on black now, and larger.
    kiosk.key("Escape");
    kiosk.wait_for("the page again", Duration::from_secs(10), |s| s.view == Some(ViewKind::Web));
    let yellow_bar = kiosk.wait_screen("the bar's yellow edge", Duration::from_secs(10), |s| yellow_bottom(s).is_some());
    let page = (0, yellow_bottom(&yellow_bar).unwrap_or_default(), 1280, 800);
    // The reading ruler follows the pointer: rest it low on the page, out of the way.
    kiosk.xdotool(&["mousemove", "640", "790"]);
    eprintln!("pointer with every setting on: {:?}", kiosk.cursor_size());
    wait_until("the large pointer", &kiosk, Duration::from_secs(10), || kiosk.cursor_size().0 >= 48);
    let dark = kiosk.wait_screen("the page in high contrast", Duration::from_secs(10), |s| share(s, page, BLACK) > 0.6 && s.count(page, WHITE, 40) > 2000);
    kiosk.save_screenshot("page-all-on");
    assert!(share(&plain, page, BLACK) < 0.2, "the page was not dark before");

    // The font alone: OpenDyslexic off again changes the glyphs in the bar (chrome view) and on
    // the page (content view), both still in high contrast.
    open_panel(&kiosk);
    keys(&kiosk, 6);
    assert!(!pressed(&kiosk.tree_with("toggle button", "Je vois mal"), "Police adaptée à la dyslexie"));
    kiosk.key("Escape");
    kiosk.wait_for("the page again", Duration::from_secs(10), |s| s.view == Some(ViewKind::Web));
    let bar = (0, 0, 1280, page.1);
    kiosk.wait_screen("the bar's and the page's text in another font", Duration::from_secs(10), |s| {
        share(s, page, BLACK) > 0.6 && differing(s, &dark, bar) > 500 && differing(s, &dark, page) > 2000
    });

    // The on-screen keyboard: with its setting on, a click in a field brings it up at the bottom
    // of the screen; its keys, clicked with the pointer, type in the field; Entrée sends the form.
    kiosk.open("http://lecture.guichet.test/form");
    kiosk.wait_for("the form", Duration::from_secs(20), |s| s.view == Some(ViewKind::Web));
    let field = wait_showing(&kiosk, "entry", "Adresse e-mail");
    kiosk.click(field.0 + field.2 / 2, field.1 + field.3 / 2);
    let hide = wait_showing(&kiosk, "push button", "Masquer le clavier");
    assert!(hide.1 >= 800 - 310, "the keyboard is at the bottom of the screen: {hide:?}");
    let mut keys_on_screen = kiosk.showing("push button");
    keys_on_screen.extend(kiosk.showing("toggle button"));
    let centre = |name: &str| {
        let (_, (x, y, w, h)) = keys_on_screen.iter().find(|(n, b)| n == name && b.1 >= 800 - 310).unwrap_or_else(|| panic!("no key {name:?}: {keys_on_screen:?}"));
        (x + w / 2, y + h / 2)
    };
    let mut presses = vec!["Majuscule", "é"];
    presses.extend(["t", "i", "e", "n", "n", "e", "@", "e", "x", "e", "m", "p", "l", "e", ".fr", "Entrée"]);
    for name in presses {
        let (x, y) = centre(name);
        kiosk.click(x, y);
        std::thread::sleep(Duration::from_millis(250));
    }
    wait_until("the form to arrive", &kiosk, Duration::from_secs(20), || site.requests().iter().any(|r| r.path() == "/sent"));
    let sent = site.requests().into_iter().find(|r| r.path() == "/sent").unwrap();
    let target = sent.target.clone();
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
    assert_eq!(query, "courriel=%C3%89tienne%40exemple.fr", "the server received exactly {TYPED:?}");
    assert!(!kiosk.log().contains("tienne"), "nothing typed is logged");
    kiosk.open("http://lecture.guichet.test/");
    kiosk.wait_for("the reading page", Duration::from_secs(20), |s| s.view == Some(ViewKind::Web));
    wait_until("the keyboard to go with the field", &kiosk, Duration::from_secs(10), || {
        !kiosk.showing("push button").iter().any(|(n, _)| n == "Masquer le clavier")
    });

    // Read aloud: the page's main text, through speech-dispatcher and espeak-ng, into a WAV file.
    press(&kiosk, "push button", "Lire à voix haute");
    let on_screen = kiosk.session_folders();
    let wav = || on_screen.iter().map(|f| f.join(guichet::speech::TEST_WAV)).find(|p| p.exists());
    wait_until("speech in the WAV file", &kiosk, Duration::from_secs(30), || {
        wav().and_then(|p| std::fs::read(p).ok()).and_then(|b| wav_header(&b)).is_some_and(|(_, _, _, data)| data > 22_050)
    });
    std::thread::sleep(Duration::from_secs(2));
    let wav_path = wav().unwrap();
    let (channels, rate, bits, data) = wav_header(&std::fs::read(&wav_path).unwrap()).unwrap();
    assert_eq!((channels, bits), (1, 16), "espeak-ng's mono 16-bit samples");
    assert!(rate >= 16_000 && data > rate as usize, "at least a second of speech: {rate} Hz, {data} bytes");
    eprintln!("read aloud: {data} bytes of {channels}-channel {bits}-bit audio at {rate} Hz");
    let session_folder: PathBuf = on_screen.iter().find(|f| wav_path.starts_with(f)).unwrap().clone();
    let names: Vec<String> = speech_processes(&kiosk).into_iter().map(|(_, n)| n).collect();
    assert!(names.iter().any(|n| n.starts_with("speech-dispatch")) && names.iter().any(|n| n == "sd_espeak-ng"), "{names:?}");

    // Orca, by its usual shortcut: it starts inside the session and joins its accessibility bus.
    kiosk.key("super+alt+s");
    wait_until("Orca to start", &kiosk, Duration::from_secs(30), || speech_processes(&kiosk).iter().any(|(_, n)| n == "orca"));
    let orca = speech_processes(&kiosk).into_iter().find(|(_, n)| n == "orca").unwrap().0;
    wait_until("Orca on the session's accessibility bus", &kiosk, Duration::from_secs(30), || {
        kiosk.accessibility_bus_pids(&session_folder).contains(&orca)
    });
    eprintln!("orca (pid {orca}) is on the session's accessibility bus");
    let environ = std::fs::read(format!("/proc/{orca}/environ")).unwrap();
    let home = format!("HOME={}", session_folder.join("home").display());
    assert!(environ.split(|b| *b == 0).any(|e| e == home.as_bytes()), "Orca's files are in the session's folder");
    assert!(environ.split(|b| *b == 0).any(|e| e == b"LANGUAGE=fr"), "Orca speaks French");

    // Logout: every speech process dies with the session, and its files with its folder.
    let before: Vec<u32> = speech_processes(&kiosk).into_iter().map(|(pid, _)| pid).collect();
    assert_eq!(kiosk.ctl(Request::EndSession), CtlReply::Ok);
    kiosk.wait_for("the next welcome screen", Duration::from_secs(30), |s| s.state == State::Welcome);
    wait_until("the speech processes to be gone", &kiosk, Duration::from_secs(10), || before.iter().all(|pid| !alive(*pid)));
    assert!(!session_folder.exists(), "the session's folder (and the WAV file) are wiped");
    assert!(speech_processes(&kiosk).is_empty(), "{:?}", speech_processes(&kiosk));
    assert!(!kiosk.log().contains(CANARY), "the text read is never logged");

    // The next session starts at the defaults: a white welcome screen, every toggle up.
    kiosk.xdotool(&["mousemove", "640", "700"]);
    wait_until("the pointer at its usual size", &kiosk, Duration::from_secs(10), || (1..=32).contains(&kiosk.cursor_size().0));
    let next = kiosk.wait_screen("a white welcome screen", Duration::from_secs(20), |s| share(s, whole(s), WHITE) > 0.6);
    assert!(share(&next, whole(&next), BLACK) < 0.1);
    open_panel(&kiosk);
    let tree = kiosk.tree_with("toggle button", "Je vois mal");
    for name in PRESETS.iter().chain(SETTINGS.iter()).chain(["Lecteur d’écran"].iter()) {
        assert!(tree.iter().any(|n| n.role == "toggle button" && n.name == *name && !n.pressed), "{name} is off again: {tree:?}");
    }
    let panel_next = kiosk.screenshot();
    assert!(share(&panel_next, whole(&panel_next), WHITE) > 0.5, "{:?}", kiosk.save_screenshot("panel-next"));
    assert_eq!(kiosk.glib_problems(), Vec::<String>::new());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A form with one field, as a public service's login page would have.
const FORM_PAGE: &str = "<!DOCTYPE html><html lang=fr><head><meta charset=utf-8><title>Connexion</title></head><body>\
<main><h1>Connexion</h1><form action=\"/sent\" method=\"get\"><label for=courriel>Adresse e-mail</label> \
<input id=courriel name=courriel type=text style=\"width:20em\"> <button>Envoyer</button></form></main></body></html>";

/// Waits until a screen reader sees a node of `role` named `name` on screen; its extents.
fn wait_showing(kiosk: &Kiosk, role: &str, name: &str) -> (i32, i32, i32, i32) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some((_, extents)) = kiosk.showing(role).into_iter().find(|(n, _)| n == name) {
            return extents;
        }
        assert!(Instant::now() < deadline, "no {role} {name:?} on screen: {:?}\n{}", kiosk.save_screenshot("showing"), kiosk.log());
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Where the page starts under a high-contrast bar: below its yellow bottom edge.
fn yellow_bottom(shot: &Screenshot) -> Option<u32> {
    let edge = (0..shot.height / 2).find(|&y| shot.pixel(4, y) == (0xff, 0xff, 0))?;
    (edge..shot.height / 2).find(|&y| shot.pixel(4, y) != (0xff, 0xff, 0)).map(|y| y + 1)
}
