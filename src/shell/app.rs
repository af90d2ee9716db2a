//! Carries out the kiosk core's commands on the window and its two views. Nothing here decides:
//! each [`Command`] becomes one GTK/WebKit call.

use gtk::prelude::*;
use webkit2gtk::WebViewExt;
use wry::WebViewExtUnix;

use super::content::{self, Hooks};
use super::views::Views;
use crate::kiosk::Command;
use crate::log;
use crate::pages;
use crate::supervisor::link::SessionLink;

pub struct App {
    pub views: Views,
    pub hooks: Hooks,
    pub link: Option<SessionLink>,
}

impl App {
    pub fn apply(&mut self, command: Command) {
        let content = self.views.content.webview();
        match command {
            Command::Load(url) => logged(self.views.content.load_url(&url), "could not load a page"),
            Command::StopLoading => content.stop_loading(),
            Command::GoBack => content.go_back(),
            Command::GoForward => content.go_forward(),
            Command::Reload => content.reload(),
            Command::ReloadChrome => logged(self.views.chrome.load_url(&pages::url("/chrome", &[])), "could not reload the bar"),
            Command::Chrome(state) => logged(self.views.chrome.evaluate_script(&state.script()), "could not update the bar"),
            Command::Layout { bar } => self.views.layout(bar),
            Command::Zoom { page, chrome } => {
                logged(self.views.content.zoom(page).and_then(|()| self.views.chrome.zoom(chrome)), "could not change the text size")
            }
            Command::FocusChrome => {
                self.views.chrome.webview().grab_focus();
                // Land on the first button with its ring showing, not on the page body.
                logged(self.views.chrome.evaluate_script("window.guichet && window.guichet.focusFirst();"), "could not focus the bar");
            }
            Command::FocusContent => content.grab_focus(),
            Command::Present => self.views.present(),
            Command::ClearSelections => self.views.clear_selections(),
            Command::AnswerFile(index) => content::answer_file(&self.hooks, index),
            Command::Report(message) => {
                if let Some(link) = self.link.as_mut() {
                    link.send(&message);
                }
            }
            // Hide first: the next patron must not glimpse this one's page while we exit.
            Command::Exit => self.views.hide(),
        }
    }
}

fn logged(result: Result<(), wry::Error>, what: &str) {
    if let Err(err) = result {
        log::event("shell", format_args!("{what}: {err}"));
    }
}
