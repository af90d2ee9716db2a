//! Types the on-screen keyboard's keys into the page the way the physical keyboard does: a key
//! press and release for each character, through GTK's own event path, to whichever view has
//! the keyboard focus (the page: while the keyboard is up the bar cannot take it). So every
//! frame, every field and every page's own key handling get them as typed keys.

use gtk::gdk;
use gtk::glib::translate::{from_glib_full, ToGlibPtr};
use gtk::prelude::*;

use crate::kiosk::Keystroke;

/// Types one keystroke into the window's focused view.
pub fn type_in(window: &gtk::ApplicationWindow, stroke: &Keystroke) {
    let Some(target) = window.window() else { return };
    let display = target.display();
    let keyboard = display.default_seat().and_then(|seat| seat.keyboard());
    let keymap = gdk::Keymap::for_display(&display);
    let press = |keyval: gdk::keys::Key| {
        let keycode = keymap.as_ref().and_then(|k| k.entries_for_keyval(*keyval).first().map(|e| e.keycode() as u16)).unwrap_or(0);
        for down in [true, false] {
            let mut event = key_event(&target, *keyval, keycode, down);
            event.set_device(keyboard.as_ref());
            gtk::main_do_event(&mut event);
        }
    };
    match stroke {
        Keystroke::Text(text) => text.chars().for_each(|c| press(gdk::keys::Key::from_unicode(c))),
        Keystroke::Backspace => press(gdk::keys::constants::BackSpace),
        Keystroke::Enter => press(gdk::keys::constants::Return),
        Keystroke::Tab => press(gdk::keys::constants::Tab),
        Keystroke::Left => press(gdk::keys::constants::Left),
        Keystroke::Right => press(gdk::keys::constants::Right),
    }
}

fn key_event(window: &gdk::Window, keyval: u32, keycode: u16, press: bool) -> gdk::Event {
    // SAFETY: gdk_event_new gives a zeroed event we own, whose union holds a GdkEventKey for
    // the two key types. The window reference stored in it is ours to give (`to_glib_full`)
    // and is released by gdk_event_free when the returned Event, which owns the event, drops.
    unsafe {
        let raw = gdk::ffi::gdk_event_new(if press { gdk::ffi::GDK_KEY_PRESS } else { gdk::ffi::GDK_KEY_RELEASE });
        let key = &mut (*raw).key;
        key.window = window.to_glib_full();
        key.send_event = 1;
        key.time = gdk::ffi::GDK_CURRENT_TIME as u32;
        key.keyval = keyval;
        key.hardware_keycode = keycode;
        from_glib_full(raw)
    }
}
