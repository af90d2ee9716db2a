//! End to end, assisted mode in the real kiosk: the advisor's pad locks after 5 wrong PINs,
//! `ctl assist` asks the patron, an assisted-only stand-in opens, a password field raises the
//! curtain, and "Fin de l'accompagnement" wipes everything and leaves a citizen session where
//! the stand-in is refused without a request. One kiosk start for the whole story.
#![cfg(feature = "shell")]

mod common;

use std::time::{Duration, Instant};

use common::kiosk::{Kiosk, Options, Screenshot};
use common::site::{Reply, TestSite};
use common::sites::{self, reports};
use guichet::control::{Reply as CtlReply, Request};
use guichet::kiosk::PinHash;
use guichet::policy::Mode;
use guichet::status::{State, ViewKind};

/// Eight digits: too long to turn up in a log line by chance (a pid, a port).
const PIN: &str = "58203146";
const WRONG: &str = "11111111";
const CANARY: &str = "Zq8secretAidant";
const STAND_IN_COLOUR: (u8, u8, u8) = (0x4a, 0x14, 0x8c);
/// `.curtain` in assisted.css.
const CURTAIN: (u8, u8, u8) = (0xff, 0xf4, 0xd6);
const NAVY: (u8, u8, u8) = (0, 0, 145);
/// `.pin-message`: the danger red, as text.
const RED: (u8, u8, u8) = sites::STOP_RED;

fn wait_until(what: &str, kiosk: &Kiosk, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}; {:?}\n--- log\n{}", kiosk.save_screenshot("timeout"), kiosk.log());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The middle of the areas filled with `colour` (a primary button), ignoring borders and text.
fn filled_centre(shot: &Screenshot, colour: (u8, u8, u8), (x0, y0, x1, y1): (u32, u32, u32, u32)) -> Option<(i32, i32)> {
    let close = |x: u32, y: u32| {
        let (r, g, b) = shot.pixel(x, y);
        r.abs_diff(colour.0) < 8 && g.abs_diff(colour.1) < 8 && b.abs_diff(colour.2) < 8
    };
    let (mut sx, mut sy, mut n) = (0u64, 0u64, 0u64);
    for y in y0..y1.min(shot.height - 8) {
        for x in x0..x1.min(shot.width - 8) {
            if close(x, y) && close(x + 7, y) && close(x, y + 7) && close(x + 7, y + 7) && close(x + 3, y + 3) {
                sx += u64::from(x + 3);
                sy += u64::from(y + 3);
                n += 1;
            }
        }
    }
    (n > 200).then(|| ((sx / n) as i32, (sy / n) as i32))
}

fn whole(shot: &Screenshot) -> (u32, u32, u32, u32) {
    (0, 0, shot.width, shot.height)
}

#[test]
fn assisted_mode_end_to_end() {
    let hash = PinHash::create(PIN).unwrap();
    let stand_in = TestSite::start(|r| match r.path() {
        "/" => Reply::html(&sites::page(
            STAND_IN_COLOUR,
            "<input id=secret type=password autocomplete=off \
             style='position:fixed;left:10%;top:45%;width:80%;height:90px;font:32px sans-serif'>\
             <h1 style='position:fixed;left:10%;top:5%'>Aidants Connect (test)</h1>",
            "aidant-loaded",
        )),
        _ => Reply::new(204, "text/plain", b""),
    });
    let options = Options {
        hosts: vec![("aidant.guichet.test", stand_in.address)],
        lists: vec![common::fixture("e2e-assisted.toml")],
        kiosk: "modes = [\"citizen\", \"assisted\"]\n".into(),
        extra: format!("[assisted]\npin_hash = {:?}\n", hash.as_str()),
        ..Options::default()
    };
    let kiosk = Kiosk::start("assisted", options);
    let first_folders = kiosk.session_folders();

    // 1. The pad, and five wrong PINs: locked.
    let welcome = kiosk.screenshot();
    assert!(welcome.count((900, 0, 1280, 90), (0x3a, 0x3a, 0x3a), 40) > 100, "Espace conseiller at the top right: {:?}", kiosk.save_screenshot("no-advisor"));
    // The status changes a frame before the screen: wait until the welcome's filled button
    // ("Commencer") has given way to the next screen's.
    let commencer = filled_centre(&welcome, NAVY, whole(&welcome));
    assert!(commencer.is_some(), "Commencer is on screen");
    let next_screen = |shot: &Screenshot| filled_centre(shot, NAVY, whole(shot)).is_some_and(|c| Some(c) != commencer);
    kiosk.click(1190, 38);
    kiosk.wait_for("the PIN pad", Duration::from_secs(10), |s| s.view == Some(ViewKind::Pin));
    let pad = kiosk.wait_screen("the pad's keys", Duration::from_secs(10), next_screen);
    let keys_navy = pad.count(whole(&pad), NAVY, 8);
    // Where "Valider" is, as a screen reader says: a screenshot taken while the pad was still
    // being painted could point elsewhere (seen once on a loaded machine: the click typed a 1).
    let (valider_x, valider_y) = kiosk
        .showing("push button")
        .into_iter()
        .find(|(name, _)| name == "Valider")
        .map(|(_, (x, y, w, h))| (x + w / 2, y + h / 2))
        .unwrap_or_else(|| filled_centre(&pad, NAVY, whole(&pad)).unwrap_or_default());
    for attempt in 1..=5 {
        // Digits from the keyboard (the pad takes them), sent with Enter or, the last time,
        // with a click on the pad's "Valider" (its only filled button).
        kiosk.type_text(WRONG);
        if attempt < 5 {
            kiosk.key("Return");
        } else {
            kiosk.click(valider_x, valider_y);
        }
        let line = if attempt < 5 { format!("wrong advisor PIN ({attempt} of 5)") } else { "advisor PIN locked for 60 s".to_string() };
        wait_until(&line, &kiosk, || kiosk.log().contains(&line));
    }
    assert_eq!(kiosk.status().view, Some(ViewKind::Pin));
    let locked = kiosk.wait_screen("the locked pad", Duration::from_secs(10), |shot| shot.count(whole(shot), NAVY, 8) < keys_navy / 2);
    assert!(locked.count(whole(&locked), RED, 40) > 200, "the pad says it is locked: {:?}", kiosk.save_screenshot("locked"));
    // The right PIN is not even checked while locked.
    kiosk.type_text(PIN);
    kiosk.key("Return");
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(kiosk.status().view, Some(ViewKind::Pin));
    assert!(!kiosk.log().contains("advisor PIN accepted"));
    kiosk.key("Escape");
    kiosk.wait_for("the welcome screen again", Duration::from_secs(10), |s| s.view == Some(ViewKind::Welcome));

    // 2. `ctl assist` from the advisor's desk: the patron accepts with a click.
    assert_eq!(kiosk.ctl(Request::Assist), CtlReply::Ok);
    kiosk.wait_for("the consent screen", Duration::from_secs(10), |s| s.view == Some(ViewKind::Consent));
    let consent = kiosk.wait_screen("J'accepte", Duration::from_secs(10), next_screen);
    let (x, y) = filled_centre(&consent, NAVY, whole(&consent)).unwrap_or_default();
    kiosk.click(x, y);
    let status = kiosk.wait_for("assisted mode", Duration::from_secs(10), |s| s.mode == Some(Mode::Assisted));
    assert_eq!(status.state, State::Active);

    // 3. The assisted-only stand-in loads.
    kiosk.open("http://aidant.guichet.test/");
    wait_until("the stand-in", &kiosk, || reports(&stand_in, "aidant-loaded") == 1);
    kiosk.wait_for("the stand-in on screen", Duration::from_secs(10), |s| s.view == Some(ViewKind::Web));
    let top = kiosk.content_top();
    kiosk.wait_screen("the stand-in's colour", Duration::from_secs(20), |shot| shot.count((0, top as u32, 1280, 800), STAND_IN_COLOUR, 6) > 100_000);

    // 4. A password field with focus raises the curtain; leaving it lowers it.
    let bar_area = |shot: &Screenshot| shot.count((0, 0, shot.width, (top as u32 + 120).min(shot.height)), CURTAIN, 6);
    assert_eq!(bar_area(&kiosk.screenshot()), 0);
    kiosk.click(640, 400 + 45);
    kiosk.wait_screen("the curtain", Duration::from_secs(10), |shot| bar_area(shot) > 3000);
    kiosk.save_screenshot("curtain");
    kiosk.type_text(CANARY);
    kiosk.click(640, 780);
    kiosk.wait_screen("the curtain lowered", Duration::from_secs(10), |shot| bar_area(shot) == 0);

    // 5. "Fin de l'accompagnement" (the bar's red button), then "Oui, terminer".
    let bar = kiosk.screenshot();
    let (x, y) = bar.centre_of(RED, (0, 0, 1280, top as u32)).unwrap_or_else(|| panic!("no red button: {:?}", kiosk.save_screenshot("no-end")));
    kiosk.click(x, y);
    kiosk.wait_for("the confirmation", Duration::from_secs(10), |s| s.view == Some(ViewKind::ConfirmEnd));
    let dialog = kiosk.wait_screen("Oui, terminer", Duration::from_secs(10), |s| s.centre_of(RED, (0, 200, 1280, 800)).is_some());
    let (x, y) = dialog.centre_of(RED, (0, 200, 1280, 800)).unwrap_or_default();
    kiosk.click(x, y);
    kiosk.wait_for("a fresh welcome screen", Duration::from_secs(30), |s| s.state == State::Welcome && s.view == Some(ViewKind::Welcome));
    assert_eq!(first_folders.iter().filter(|f| !f.exists()).count(), 1, "the assisted session's folder is gone");
    const RECEIPT_GREEN: (u8, u8, u8) = (0x18, 0x75, 0x3c);
    kiosk.wait_screen("the receipt", Duration::from_secs(20), |shot| shot.count(whole(shot), RECEIPT_GREEN, 6) > 500);
    kiosk.save_screenshot("receipt");

    // 6. The next patron's citizen session: the stand-in is refused and never contacted.
    let requests = stand_in.requests().len();
    kiosk.open("http://aidant.guichet.test/");
    let status = kiosk.wait_for("the refusal", Duration::from_secs(20), |s| s.view == Some(ViewKind::Blocked));
    assert_eq!(status.mode, Some(Mode::Citizen));
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(stand_in.requests().len(), requests, "the stand-in got no request");

    // 7. The pad's lockout outlives the sessions: two sessions later it is still locked.
    assert_eq!(kiosk.ctl(Request::EndSession), CtlReply::Ok);
    kiosk.wait_for("the next welcome screen", Duration::from_secs(30), |s| s.state == State::Welcome && s.view == Some(ViewKind::Welcome));
    kiosk.wait_screen("the welcome screen", Duration::from_secs(20), |shot| filled_centre(shot, NAVY, whole(shot)) == commencer);
    kiosk.click(1190, 38);
    kiosk.wait_for("the PIN pad", Duration::from_secs(10), |s| s.view == Some(ViewKind::Pin));
    kiosk.wait_screen("the pad, still locked", Duration::from_secs(10), |shot| {
        filled_centre(shot, NAVY, whole(shot)) != commencer && shot.count(whole(shot), NAVY, 8) < keys_navy / 2 && shot.count(whole(shot), RED, 40) > 200
    });

    let log = kiosk.log();
    for secret in [PIN, WRONG, CANARY] {
        assert!(!log.contains(secret), "{secret} is in the log");
    }
    assert!(log.contains("the patron accepted assisted mode"));
}
