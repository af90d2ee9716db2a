//! The page's one-way focus signals: the content view tells the loop only "a password field has
//! focus" or "lost it" (the assisted mode's curtain), and "a field one types in has focus" or
//! "lost it" (the on-screen keyboard).
//!
//! Why this channel. The content view has no IPC, and must not get one: every frame of the web
//! can post to an IPC handler. WebKitGTK gives Rust no focus events for page elements, so a
//! script has to watch focus. It runs in an *isolated world* ("guichet-curtain"): it shares the
//! page's DOM but not its JavaScript globals, so a page cannot replace the functions it calls,
//! and the message handlers below are registered in that world only, so page scripts do not
//! see them in their own `window.webkit.messageHandlers`.
//!
//! What a page could still do. It can focus a field of its own (or blur one), which raises or
//! lowers the banner or the keyboard: harmless, both only help. Each signal carries no data at
//! all: which handler fires is the one bit, and whatever value comes with it is dropped unread.
//! No character typed in the page ever reaches Rust or the chrome view, and the signal is never
//! privileged (it cannot click, navigate or change the mode).

use webkit2gtk::{UserContentInjectedFrames, UserContentManagerExt, UserScript, UserScriptInjectionTime, WebView, WebViewExt};

use super::EventProxy;
use crate::kiosk::Event;
use crate::log;

const WORLD: &str = "guichet-curtain";
/// Each handler and the event it stands for.
const SIGNALS: [(&str, Event); 4] = [
    ("guichetPasswordFocus", Event::PasswordFocus(true)),
    ("guichetPasswordBlur", Event::PasswordFocus(false)),
    ("guichetFieldFocus", Event::FieldFocus(true)),
    ("guichetFieldBlur", Event::FieldFocus(false)),
];

/// Watches focus in every frame and posts to the handler that says what happened.
const SCRIPT: &str = include_str!("../../assets/pages/curtain.js");

pub fn attach(view: &WebView, events: &EventProxy) {
    let Some(manager) = view.user_content_manager() else {
        log::event("shell", format_args!("the content view has no script manager: the password curtain is off"));
        return;
    };
    for (name, event) in SIGNALS {
        if !manager.register_script_message_handler_in_world(name, WORLD) {
            log::event("shell", format_args!("could not register the page's focus signals: the curtain and the keyboard's own rising are off"));
            return;
        }
        let events = events.clone();
        manager.connect_script_message_received(Some(name), move |_, _| {
            let _ = events.send_event(event.clone());
        });
    }
    let script = UserScript::for_world(SCRIPT, UserContentInjectedFrames::AllFrames, UserScriptInjectionTime::Start, WORLD, &[], &[]);
    manager.add_script(&script);
}
