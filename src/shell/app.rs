//! Carries out the kiosk core's commands on the window and its two views. Nothing here decides:
//! each [`Command`] becomes one GTK/WebKit call.

use gtk::prelude::*;
use webkit2gtk::WebViewExt;
use wry::WebViewExtUnix;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;

use super::appearance;
use super::content::{self, Hooks};
use super::{curtain, filters, keyboard, keys, print};
use tao::platform::unix::WindowExtUnix;
use super::views::Views;
use crate::kiosk::{Appearance, Command};
use crate::log;
use crate::pages;
use crate::speech::Speech;
use crate::supervisor::link::SessionLink;

pub struct App {
    pub views: Views,
    pub hooks: Hooks,
    pub link: Option<SessionLink>,
    pub speech: Speech,
    /// Test hosts whose own certificate the content view trusts.
    pub certificates: BTreeMap<String, PathBuf>,
    /// Shared by both views' activity reports.
    pub activity: Rc<Cell<Option<Instant>>>,
    /// The page's text size and the accessibility settings, for a content view built later.
    pub page_zoom: f64,
    pub appearance: Option<Appearance>,
    /// Where a page to print is laid out, in the session's folder.
    pub print_file: PathBuf,
    /// Where the compiled content filters are (`None`: ad blocking is off).
    pub content_filters: Option<crate::ads::FilterPaths>,
}

impl App {
    pub fn apply(&mut self, command: Command) {
        let content = self.views.content.as_ref().map(|c| c.webview());
        match command {
            Command::Load(url) => match self.content() {
                Some(view) => logged(view.load_url(&url), "could not load a page"),
                None => log::event("shell", format_args!("no content view: the page was not loaded")),
            },
            // Before the first page there is nothing to stop, go back or forward to, or reload.
            Command::StopLoading => if let Some(c) = &content { c.stop_loading() },
            Command::GoBack => if let Some(c) = &content { c.go_back() },
            Command::GoForward => if let Some(c) = &content { c.go_forward() },
            Command::Reload => if let Some(c) = &content { c.reload() },
            Command::ReloadChrome => logged(self.views.chrome.load_url(&pages::url("/chrome", &[])), "could not reload the bar"),
            Command::Chrome(state) => logged(self.views.chrome.evaluate_script(&state.script()), "could not update the bar"),
            Command::Layout { bar, keyboard } => self.views.layout(bar, keyboard),
            Command::PreparePrint => match &content {
                Some(c) => print::prepare(c, self.print_file.clone(), self.hooks.events.clone()),
                None => {
                    let _ = self.hooks.events.send_event(crate::kiosk::Event::PrintPrepared { pages: None });
                }
            },
            Command::SendPrint { queue, server } => {
                let events = self.hooks.events.clone();
                crate::printing::submit(self.print_file.clone(), queue, server, move |sent| {
                    let _ = events.send_event(crate::kiosk::Event::PrintSent(sent));
                });
            }
            Command::DiscardPrint => {
                let _ = std::fs::remove_file(&self.print_file);
            }
            Command::Type(stroke) => keyboard::type_in(self.views.window.gtk_window(), &stroke),
            Command::Zoom { page, chrome } => {
                self.page_zoom = page;
                let content = self.views.content.as_ref().map_or(Ok(()), |c| c.zoom(page));
                logged(content.and_then(|()| self.views.chrome.zoom(chrome)), "could not change the text size")
            }
            Command::Appearance(appearance) => {
                appearance::style(&self.views.chrome.webview(), &appearance.chrome_css);
                if let Some(c) = &content {
                    appearance::style(c, &appearance.content_css);
                }
                appearance::pointer(appearance.cursor_px);
                self.appearance = Some(appearance);
            }
            Command::ReadAloud { lang } => match &content {
                Some(c) => appearance::read_aloud(c, &self.speech, lang),
                None => log::event("shell", format_args!("read aloud: no page to read")),
            },
            Command::StopReading => self.speech.stop(),
            Command::ScreenReader { on, lang } => self.speech.screen_reader(on, &lang),
            Command::FocusChrome => {
                self.views.chrome.webview().grab_focus();
                // Land on the first button with its ring showing, not on the page body.
                logged(self.views.chrome.evaluate_script("window.guichet && window.guichet.focusFirst();"), "could not focus the bar");
            }
            Command::WarmContent => {
                if self.views.content.is_none() {
                    if let Some(view) = self.content() {
                        logged(view.load_url("about:blank"), "could not start the content view");
                    }
                }
            }
            Command::FocusContent => if let Some(c) = &content { c.grab_focus() },
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

impl App {
    /// The content view, built and hooked up the first time a page is loaded in it.
    fn content(&mut self) -> Option<&wry::WebView> {
        if self.views.content.is_none() {
            if let Err(err) = self.views.build_content() {
                log::event("shell", format_args!("cannot create the content view: {err}"));
            }
            if let Some(view) = &self.views.content {
                let webview = view.webview();
                // Before anything loads in it; never in the chrome view.
                if let Some(paths) = &self.content_filters {
                    filters::attach(&webview, paths);
                }
                content::attach(&webview, &self.hooks, &self.certificates);
                curtain::attach(&webview, &self.hooks.events);
                keys::report_activity(&webview, self.hooks.events.clone(), Rc::clone(&self.activity));
                appearance::attach(&webview);
                if let Some(settings) = &self.appearance {
                    appearance::style(&webview, &settings.content_css);
                }
                logged(view.zoom(self.page_zoom), "could not set the page's text size");
            }
        }
        self.views.content.as_ref()
    }
}

fn logged(result: Result<(), wry::Error>, what: &str) {
    if let Err(err) = result {
        log::event("shell", format_args!("{what}: {err}"));
    }
}
