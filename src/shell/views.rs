//! The window and its two web views: the chrome view (Guichet's own page, privileged) above the
//! content view (the web, through the filtering proxy). Also the layout between them.

use std::borrow::Cow;
use std::sync::Arc;

use gtk::prelude::*;
use tao::event_loop::EventLoop;
use tao::platform::unix::WindowExtUnix;
use tao::window::{Fullscreen, WindowBuilder};
use webkit2gtk::{PolicyDecisionExt, PolicyDecisionType, WebViewExt};
use wry::http::{Request, Response};
use wry::{ProxyConfig, ProxyEndpoint, WebView, WebViewBuilder, WebViewBuilderExtUnix, WebViewExtUnix};

use super::{EventProxy, ShellError};
use crate::kiosk::{self, ChromeCommand, Event, Navigation};
use crate::log;
use crate::pages::{self, View};

/// One of Guichet's pages, as WebKit's protocol handler wants it.
fn respond(pages: &pages::Server, view: View, request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    let page = pages.serve(view, &request.uri().to_string());
    let response = page.headers().into_iter().fold(Response::builder().status(page.status), |response, (name, value)| response.header(name, value));
    response.body(page.body).unwrap_or_else(|_| Response::new(Cow::Borrowed(&b""[..])))
}

pub struct Views {
    pub window: tao::window::Window,
    /// Both views sit in a `Fixed`, so each gets exactly the size we give it: a box would hand
    /// the chrome view its natural height, which WebKit makes as tall as the window.
    fixed: gtk::Fixed,
    pub chrome: WebView,
    /// Built when the first page is loaded in it ([`Views::build_content`]): a session at the
    /// welcome screen then holds no web process (nor network process) for the web.
    pub content: Option<WebView>,
    pages: Arc<pages::Server>,
    proxy_port: u16,
    downloads: std::path::PathBuf,
    /// The last layout asked for (bar, keyboard), to restore after GTK shows every child again.
    bar: std::cell::Cell<(Option<i32>, i32)>,
}

/// A port nothing listens on: the chrome view never needs the network, so any attempt fails.
const NO_NETWORK_PORT: &str = "9";

impl Views {
    pub fn build(
        event_loop: &EventLoop<Event>,
        pages: Arc<pages::Server>,
        proxy_port: u16,
        events: EventProxy,
        downloads: std::path::PathBuf,
        hidden: bool,
    ) -> Result<Views, ShellError> {
        // Born at the screen's size, so that going fullscreen is not a resize right after the
        // first paint (WebKitGTK 2.50 without compositing may then never paint again).
        let screen = event_loop.primary_monitor().map(|m| m.size());
        let mut builder = WindowBuilder::new();
        if let Some(size) = screen {
            builder = builder.with_inner_size(size);
        }
        let window = builder
            .with_visible(!hidden)
            .with_title("Guichet")
            .with_decorations(false)
            .with_fullscreen(Some(Fullscreen::Borderless(None)))
            .build(event_loop)?;
        let fixed = gtk::Fixed::new();
        match window.default_vbox() {
            Some(vbox) => vbox.pack_start(&fixed, true, true, 0),
            None => window.gtk_window().add(&fixed),
        }
        // The window reaches its real (fullscreen) size some time after it appears: lay the
        // views out again whenever the space they share changes, from the loop, not from
        // inside GTK's allocation pass.
        let resize_events = events.clone();
        let last_size = std::cell::Cell::new((0, 0));
        fixed.connect_size_allocate(move |fixed, allocation| {
            // Never more than the window (see `size`).
            let window = fixed.toplevel().map_or((i32::MAX, i32::MAX), |w| (w.allocated_width(), w.allocated_height()));
            let (width, height) = (allocation.width().min(window.0), allocation.height().min(window.1));
            if (width, height) != last_size.get() {
                last_size.set((width, height));
                let _ = resize_events.send_event(Event::Resized { width, height });
            }
        });

        let chrome_pages = Arc::clone(&pages);
        let chrome = locked_down("chrome", NO_NETWORK_PORT.into())
            .with_custom_protocol("guichet".into(), move |_, request| respond(&chrome_pages, View::Chrome, &request))
            .with_ipc_handler(move |request: Request<String>| {
                let from = request.uri().to_string();
                let body = zeroize::Zeroizing::new(request.into_body());
                match ChromeCommand::from_message(&from, &body) {
                    Ok(command) => {
                        let _ = events.send_event(Event::Chrome(command));
                    }
                    Err(refused) => log::event("shell", format_args!("{refused}")),
                }
            })
            .with_url(pages::url("/chrome", &[]))
            .build_gtk(&fixed)?;
        only_internal_pages(&chrome.webview());

        let views = Views { window, fixed, chrome, content: None, pages, proxy_port, downloads, bar: std::cell::Cell::new((None, 0)) };
        if hidden {
            views.fixed.show_all();
            if let Some(vbox) = views.window.default_vbox() {
                vbox.set_visible(true);
            }
        } else {
            views.window.gtk_window().show_all();
        }
        views.layout(None, 0);
        if hidden {
            // Everything is built and loading; only the window waits to be shown. Realizing it
            // now gives both views their final size before they are first mapped: WebKitGTK
            // takes its page size at map time, and a resize right after its first paint (when
            // GTK allocates a window that was never allocated) can leave the page unpainted.
            let gtk_window = views.window.gtk_window();
            gtk_window.realize();
            let (width, height) = views.size();
            let _ = gtk_window.preferred_size();
            gtk_window.size_allocate(&gtk::Rectangle::new(0, 0, width, height));
        }
        Ok(views)
    }

    /// Builds the content view, laid out at once so that WebKit takes its final size before
    /// its first paint. The caller connects its hooks before loading anything: downloads, above
    /// all, are only asked about by a view whose hooks came before its first load.
    pub fn build_content(&mut self) -> Result<(), ShellError> {
        // A new view may take the keyboard: the bar's button keeps it if it had it.
        let chrome_focused = self.chrome.webview().has_focus();
        let content_pages = Arc::clone(&self.pages);
        let content = locked_down("content", self.proxy_port.to_string())
            .with_autoplay(false)
            .with_custom_protocol("guichet".into(), move |_, request| respond(&content_pages, View::Content, &request))
            // The one place WebKitGTK 2.50 reliably asks where a download goes: a
            // `decide-destination` handler connected later is never consulted, and WebKit's
            // own fallback is the working directory, outside the session's folder.
            .with_download_started_handler({
                let mut incoming = crate::downloads::Incoming::new(self.downloads.clone());
                move |_, path| incoming.redirect(path)
            })
            .with_initialization_script(include_str!("../../assets/pages/no-fullscreen.js"))
            .build_gtk(&self.fixed)?;
        content.webview().show();
        self.content = Some(content);
        let (bar, keyboard) = self.bar.get();
        self.layout(bar, keyboard);
        if chrome_focused || bar.is_none() {
            self.chrome.webview().grab_focus();
        }
        Ok(())
    }

    /// The space both views share, in GTK (logical) pixels: the container's allocation once
    /// GTK has made one, the window's size before that, and never more than the window. (A
    /// box gives a child at least what it asks for: were the views ever asked to be taller than
    /// the window, the container would be allocated that much, and every layout after would
    /// keep them so, the bottom of the screen cut off.)
    pub fn size(&self) -> (i32, i32) {
        let window = self.window.inner_size().to_logical::<f64>(self.window.scale_factor());
        let window = (window.width.round() as i32, window.height.round() as i32);
        let (width, height) = (self.fixed.allocated_width(), self.fixed.allocated_height());
        if width > 1 && height > 1 {
            return (width.min(window.0.max(1)), height.min(window.1.max(1)));
        }
        window
    }

    /// Lays the views out as [`kiosk::place`] says, for a screen over the whole window (`bar`
    /// is `None`) or a bar above the page and, when `keyboard` is not 0, the on-screen keyboard.
    pub fn layout(&self, bar: Option<i32>, keyboard: i32) {
        self.bar.set((bar, keyboard));
        let (width, height) = self.size();
        let placement = kiosk::place(height, bar, keyboard);
        let chrome = self.chrome.webview();
        self.fixed.move_(&chrome, 0, 0);
        chrome.set_size_request(width.max(1), placement.chrome_height);
        chrome.set_can_focus(placement.chrome_focusable);
        let Some(content) = self.content.as_ref().map(|c| c.webview()) else { return };
        match placement.content {
            Some((top, height)) => {
                // Shown before it is sized: a size asked of a hidden view can be ignored when
                // it is shown again (GTK keeps the size it measured before hiding it).
                content.set_visible(true);
                self.fixed.move_(&content, 0, top);
                content.set_size_request(width.max(1), height);
                if !placement.chrome_focusable && chrome.has_focus() {
                    content.grab_focus();
                }
            }
            None => content.set_visible(false),
        }
    }

    /// Puts a pre-started session's window on screen.
    pub fn present(&self) {
        // GTK's own `show`, not tao's `set_visible`: that one shows every child later in the
        // loop, the hidden web view too (at GTK's default 200×200, over the welcome screen).
        let window = self.window.gtk_window();
        window.show();
        window.present();
        let (bar, keyboard) = self.bar.get();
        self.layout(bar, keyboard);
    }

    /// Empties CLIPBOARD and PRIMARY: nothing a previous patron copied can be pasted here.
    pub fn clear_selections(&self) {
        for selection in [gtk::gdk::SELECTION_CLIPBOARD, gtk::gdk::SELECTION_PRIMARY] {
            let clipboard = gtk::Clipboard::get(&selection);
            clipboard.set_text("");
            clipboard.clear();
        }
    }

    pub fn hide(&self) {
        self.window.gtk_window().hide();
    }
}

/// What both views share: private browsing, no developer tools, no zoom or history gestures of
/// WebKit's own (the bar has its buttons), and every request through a proxy on loopback.
fn locked_down(id: &str, proxy_port: String) -> WebViewBuilder<'_> {
    WebViewBuilder::new()
        .with_id(id)
        .with_incognito(true)
        .with_devtools(false)
        .with_hotkeys_zoom(false)
        .with_back_forward_navigation_gestures(false)
        .with_proxy_config(ProxyConfig::Http(ProxyEndpoint { host: "127.0.0.1".into(), port: proxy_port }))
}

/// The chrome view may show Guichet's pages and nothing else, and never opens a window.
fn only_internal_pages(view: &webkit2gtk::WebView) {
    view.connect_decide_policy(move |_, decision, kind| {
        let navigation = match kind {
            PolicyDecisionType::NavigationAction => Navigation::InView { patron: false, redirect: false },
            PolicyDecisionType::NewWindowAction => Navigation::NewWindow,
            _ => return false,
        };
        let allowed = super::content::navigation_of(decision).is_some_and(|(_, uri)| kiosk::chrome_may_go(&uri, navigation));
        if allowed { decision.use_() } else { decision.ignore() }
        true
    });
    super::content::refuse_escapes(view);
}
