//! Carries out the accessibility settings on both views: the user style sheets and the pointer's
//! size the core computed, the reading ruler's script, and reading the page aloud.

use gtk::prelude::*;
use javascriptcore::ValueExt;
use webkit2gtk::{UserContentInjectedFrames, UserContentManagerExt, UserScript, UserScriptInjectionTime, UserStyleLevel, UserStyleSheet, WebView, WebViewExt};
use zeroize::Zeroizing;

use crate::log;
use crate::speech::Speech;

const RULER_WORLD: &str = "guichet-ruler";
const READ_WORLD: &str = "guichet-read";
/// Debian's adwaita-icon-theme: cursors from 24 to 96 pixels.
const CURSOR_THEME: &str = "Adwaita";

/// Adds the reading ruler's script (idle until the style sheet turns it on).
pub fn attach(view: &WebView) {
    if let Some(manager) = view.user_content_manager() {
        let script = include_str!("../../assets/pages/ruler.js");
        manager.add_script(&UserScript::for_world(script, UserContentInjectedFrames::AllFrames, UserScriptInjectionTime::End, RULER_WORLD, &[], &[]));
    }
}

/// Replaces a view's user style sheet.
pub fn style(view: &WebView, css: &str) {
    let Some(manager) = view.user_content_manager() else {
        log::event("shell", format_args!("a view has no style manager: accessibility styles are off"));
        return;
    };
    manager.remove_all_style_sheets();
    if !css.is_empty() {
        manager.add_style_sheet(&UserStyleSheet::new(css, UserContentInjectedFrames::AllFrames, UserStyleLevel::User, &[], &[]));
    }
}

/// Sets the pointer's size.
pub fn pointer(px: i32) {
    if let Some(settings) = gtk::Settings::default() {
        // The size applies to a named theme: without one, X keeps its own cursors.
        settings.set_gtk_cursor_theme_name(Some(CURSOR_THEME));
        settings.set_gtk_cursor_theme_size(px);
    }
}

/// Reads the content view's selection or main text aloud.
pub fn read_aloud(content: &WebView, speech: &Speech, lang: String) {
    let speech = speech.clone();
    let script = include_str!("../../assets/pages/read-aloud.js");
    content.evaluate_javascript(script, Some(READ_WORLD), None, None::<&gio::Cancellable>, move |result| match result {
        Ok(value) if value.is_string() => speech.say(Zeroizing::new(value.to_str().to_string()), &lang),
        Ok(_) => log::event("shell", format_args!("read aloud: the page gave no text")),
        Err(err) => log::event("shell", format_args!("read aloud: the page's text could not be read: {err}")),
    });
}
