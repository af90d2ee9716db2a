//! The session process's state, owned by the event loop: the session machine, what the chrome
//! view shows, and how each event changes the two views.

use std::cell::Cell;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use fluent_bundle::FluentValue;
use tao::event_loop::EventLoop;
use tao::platform::unix::WindowExtUnix;
use gtk::prelude::*;
use webkit2gtk::{BackForwardListExt, BackForwardListItemExt, FileChooserRequestExt, WebViewExt};
use wry::WebViewExtUnix;
use zeroize::Zeroizing;

use super::chrome::{BarState, ChromeCommand, ChromeState, Screen};
use super::content::{self, Hooks};
use super::keys;
use super::link::LinkWriter;
use super::views::{PageServer, UiState, Views};
use super::{EventProxy, ShellError, UserEvent, Zoom};
use crate::config::Config;
use crate::i18n::Translations;
use crate::log;
use crate::pages::{self, View};
use crate::policy::{https_form, Mode, Policy, Verdict};
use crate::proxy::{ModeCell, Proxy};
use crate::session::{seconds_left, EndReason, Input, Phase, Session};
use crate::supervisor::link::{self, FromSession, Receipt, ToSession};

const ZOOM_LEVELS: [f64; 10] = [0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0];
const DEFAULT_ZOOM: usize = 2;
/// The bar never grows beyond this zoom, so that it leaves room for the page.
const MAX_CHROME_ZOOM: f64 = 2.0;
const NOTICE_DURATION: Duration = Duration::from_secs(8);
const RECEIPT_DURATION: Duration = Duration::from_secs(8);
/// This many crashes of the web content within the window end the session.
const CRASH_LIMIT: usize = 3;
const CRASH_WINDOW: Duration = Duration::from_secs(60);

pub struct App {
    config: Config,
    policy: Arc<Policy>,
    translations: Arc<Translations>,
    mode: Arc<ModeCell>,
    ui: Arc<RwLock<UiState>>,
    views: Views,
    hooks: Hooks,
    session: Session,
    link: Option<LinkWriter>,
    downloads: PathBuf,
    chrome_ready: bool,
    confirm_end: bool,
    files: Option<Vec<PathBuf>>,
    bar_css_height: u32,
    zoom: usize,
    site: String,
    notice: Option<(String, Instant)>,
    /// The receipt of the previous session's wipe, and until when it shows.
    receipt: Option<(String, Instant)>,
    /// A pre-started session waits hidden until the supervisor shows it.
    hidden: bool,
    last_pushed: String,
    last_layout: Option<(Screen, i32, (i32, i32))>,
    last_web_url: Option<Zeroizing<String>>,
    /// The kind of page the content view shows (for `ctl status`).
    page_kind: &'static str,
    last_reported: Option<FromSession>,
    crashes: VecDeque<Instant>,
    /// "Computer unavailable": the supervisor could not wipe the last session.
    unavailable: bool,
    finished: bool,
}

impl App {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        event_loop: &EventLoop<UserEvent>,
        config: Config,
        policy: Arc<Policy>,
        translations: Arc<Translations>,
        mode: Arc<ModeCell>,
        proxy: &Proxy,
        session_dir: PathBuf,
        link: Option<LinkWriter>,
        events: EventProxy,
    ) -> Result<App, ShellError> {
        let ui = Arc::new(RwLock::new(UiState { lang: config.default_language.clone(), mode: Mode::Citizen }));
        let pages = Arc::new(PageServer {
            translations: Arc::clone(&translations),
            policy: Arc::clone(&policy),
            ui: Arc::clone(&ui),
            kiosk_name: config.kiosk_name.clone(),
            languages: config.languages.clone(),
        });
        let downloads = session_dir.join("downloads");
        if let Err(err) = std::fs::create_dir_all(&downloads) {
            log::event("shell", format_args!("cannot create the downloads folder: {err}"));
        }
        let hidden = std::env::var_os(link::PRESTART_ENV).is_some();
        let views = Views::build(event_loop, pages, proxy.address().port(), events.clone(), downloads.clone(), hidden)?;
        if !hidden {
            views.clear_selections();
        }
        let hooks = Hooks::new(Arc::clone(&policy), Arc::clone(&mode), events.clone(), downloads.clone(), config.max_download_bytes);
        content::attach(&views.content.webview(), &hooks, &config.network_certificates);
        views.content.load_url("about:blank")?;

        let chrome_view = views.chrome.webview();
        let crash_events = events.clone();
        chrome_view.connect_web_process_terminated(move |_, _| {
            let _ = crash_events.send_event(UserEvent::ChromeCrashed);
        });
        let (chrome_widget, content_widget) = (views.chrome.webview(), views.content.webview());
        keys::filter_keys(views.window.gtk_window(), events.clone(), move || {
            if chrome_widget.has_focus() {
                content_widget.grab_focus();
            } else {
                chrome_widget.grab_focus();
            }
        });
        let throttle = Rc::new(Cell::new(None));
        keys::report_activity(&views.chrome.webview(), events.clone(), Rc::clone(&throttle));
        keys::report_activity(&views.content.webview(), events, throttle);

        let mut app = App {
            session: Session::new(config.session),
            config,
            policy,
            translations,
            mode,
            ui,
            views,
            hooks,
            link,
            downloads,
            chrome_ready: false,
            confirm_end: false,
            files: None,
            bar_css_height: 64,
            zoom: DEFAULT_ZOOM,
            site: String::new(),
            notice: None,
            receipt: None,
            hidden,
            last_pushed: String::new(),
            last_layout: None,
            last_web_url: None,
            page_kind: "blank",
            last_reported: None,
            crashes: VecDeque::new(),
            unavailable: std::env::var_os(link::UNAVAILABLE_ENV).is_some(),
            finished: false,
        };
        app.report_state();
        app.refresh(Instant::now());
        Ok(app)
    }

    pub fn finished(&self) -> bool {
        self.finished
    }

    /// When the loop must wake even if nothing happens.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let ui_refresh = match self.session.phase() {
            Phase::IdleWarning { .. } => Some(now + Duration::from_secs(1)),
            Phase::Active | Phase::MaxWarning { .. } => Some(now + Duration::from_secs(15)),
            _ => None,
        };
        [self.session.poll_timeout(), ui_refresh, self.notice.as_ref().map(|(_, until)| *until), self.receipt.as_ref().map(|(_, until)| *until)]
            .into_iter()
            .flatten()
            .min()
    }

    /// The window changed size (the window manager made it fullscreen).
    pub fn resized(&mut self, now: Instant) {
        self.refresh(now);
    }

    pub fn tick(&mut self, now: Instant) {
        self.feed(Input::Tick, now);
        self.refresh(now);
    }

    pub fn handle(&mut self, event: UserEvent, now: Instant) {
        match event {
            UserEvent::Chrome(command) => self.chrome_command(command, now),
            UserEvent::Blocked { host, reason, show } => {
                if show && self.in_session() {
                    self.load(&pages::url("/blocked", &[("host", &host), ("reason", reason.code())]));
                }
            }
            UserEvent::Load(url) => {
                if self.in_session() && !url.is_empty() {
                    self.load(&url);
                }
            }
            UserEvent::PageLoaded { url } => self.page_loaded(url),
            UserEvent::LoadFailed { url, tls } => {
                let kind = if tls { "tls" } else { "network" };
                self.load(&pages::url("/unreachable", &[("kind", kind), ("retry", &url)]));
            }
            UserEvent::ContentCrashed => self.content_crashed(now),
            UserEvent::ChromeCrashed => {
                self.chrome_ready = false;
                self.views.chrome.load_url(&pages::url("/chrome", &[])).ok();
            }
            UserEvent::Notice(id, name) => {
                let l = self.translations.localizer(&self.lang());
                let text = match name {
                    Some(name) => l.text_with(id, &[("name", FluentValue::from(name))]),
                    None => l.text(id),
                };
                self.notice = Some((text, now + NOTICE_DURATION));
            }
            UserEvent::FileChooser => self.files = Some(self.list_downloads()),
            UserEvent::Activity => self.feed(Input::Activity, now),
            UserEvent::Zoom(zoom) => self.zoom(zoom),
            // `refresh` below lays the views out again for the new size.
            UserEvent::Resized => {}
            UserEvent::Supervisor(ToSession::Open { .. }) if self.unavailable => {}
            UserEvent::Supervisor(ToSession::Open { url }) => self.open_from_advisor(&url, now),
            UserEvent::Supervisor(ToSession::End) => self.feed(Input::End(EndReason::Control), now),
            UserEvent::Supervisor(ToSession::Show { receipt }) => self.show(receipt, now),
            UserEvent::SupervisorGone => {
                // Nobody is left to wipe after us: stop now rather than keep patron data alive.
                log::event("session", format_args!("the supervisor is gone; closing"));
                self.views.hide();
                self.finished = true;
            }
        }
        self.refresh(now);
    }

    fn chrome_command(&mut self, command: ChromeCommand, now: Instant) {
        let welcome = self.session.phase() == Phase::Welcome;
        match command {
            _ if self.unavailable && !matches!(command, ChromeCommand::Ready | ChromeCommand::Height { .. }) => {}
            ChromeCommand::Ready => {
                log::event("shell", format_args!("chrome view ready"));
                self.chrome_ready = true;
                self.last_pushed.clear();
            }
            ChromeCommand::Height { px } => self.bar_css_height = px.clamp(24, 600),
            ChromeCommand::Start if welcome => {
                self.start(Mode::Citizen, now);
                self.load(&pages::url("/launcher", &[]));
            }
            ChromeCommand::Lang { lang } if welcome => {
                if self.config.languages.contains(&lang) {
                    if let Ok(mut ui) = self.ui.write() {
                        ui.lang = lang;
                    }
                    self.chrome_ready = false;
                    self.views.chrome.load_url(&pages::url("/chrome", &[])).ok();
                }
            }
            _ if welcome => {}
            ChromeCommand::Start | ChromeCommand::Lang { .. } => {}
            ChromeCommand::Home => self.load(&pages::url("/launcher", &[])),
            ChromeCommand::Back if self.can_go_back() => self.views.content.webview().go_back(),
            ChromeCommand::Back => {}
            ChromeCommand::Forward => self.views.content.webview().go_forward(),
            ChromeCommand::Reload => self.views.content.webview().reload(),
            ChromeCommand::ZoomIn => self.zoom(Zoom::In),
            ChromeCommand::ZoomOut => self.zoom(Zoom::Out),
            ChromeCommand::AskEnd => self.confirm_end = true,
            ChromeCommand::CancelEnd => self.confirm_end = false,
            ChromeCommand::End => self.feed(Input::End(EndReason::Patron), now),
            ChromeCommand::StillHere => self.feed(Input::StillHere, now),
            ChromeCommand::PickFile { index } => self.pick_file(Some(index)),
            ChromeCommand::CancelFile => self.pick_file(None),
        }
    }

    /// A pre-started session takes the screen, clean: empty selections, then the window, with
    /// the receipt of the previous session's wipe.
    fn show(&mut self, receipt: Option<Receipt>, now: Instant) {
        self.views.clear_selections();
        if let Some(receipt) = receipt {
            let l = self.translations.localizer(&self.lang());
            let text = l.text_with("welcome-receipt-detail", &[("downloads", FluentValue::from(receipt.downloads))]);
            self.receipt = Some((text, now + RECEIPT_DURATION));
        }
        if self.hidden {
            self.hidden = false;
            self.views.present();
            self.views.focus(View::Chrome);
        }
        self.last_reported = None;
    }

    fn in_session(&self) -> bool {
        !matches!(self.session.phase(), Phase::Welcome | Phase::Ended(_))
    }

    fn lang(&self) -> String {
        self.ui.read().map(|ui| ui.lang.clone()).unwrap_or_else(|_| "fr".into())
    }

    fn start(&mut self, mode: Mode, now: Instant) {
        self.mode.set(mode);
        if let Ok(mut ui) = self.ui.write() {
            ui.mode = mode;
        }
        self.receipt = None;
        self.feed(Input::Start(mode), now);
    }

    /// `guichet ctl open URL`: the same policy as everywhere, in the session's mode. From the
    /// welcome screen it starts a citizen session straight on that page.
    fn open_from_advisor(&mut self, url: &str, now: Instant) {
        if self.session.phase() == Phase::Welcome {
            self.start(Mode::Citizen, now);
        }
        if !self.in_session() {
            return;
        }
        let decision = self.policy.decide(url, self.mode.get());
        match decision.verdict {
            Verdict::Allow => self.load(url),
            Verdict::Upgrade => {
                if let Ok(parsed) = url::Url::parse(url) {
                    self.load(https_form(&parsed).as_str());
                }
            }
            Verdict::Block => {
                let host = url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
                self.load(&pages::url("/blocked", &[("host", &host), ("reason", decision.reason.code())]));
            }
        }
    }

    fn load(&self, url: &str) {
        if let Err(err) = self.views.content.load_url(url) {
            log::event("shell", format_args!("could not load a page: {err}"));
        }
    }

    fn feed(&mut self, input: Input, now: Instant) {
        if self.session.handle(input, now).is_some() {
            self.report_state();
            if let Phase::Ended(reason) = self.session.phase() {
                self.end(reason);
            }
        }
    }

    fn end(&mut self, reason: EndReason) {
        log::event("session", format_args!("ended ({})", reason.code()));
        // Hide first: the next patron must not glimpse this one's page while we exit.
        self.views.hide();
        if let Some(link) = self.link.as_mut() {
            link.send(&FromSession::Ended { reason: reason.code().into() });
        }
        self.finished = true;
    }

    /// Tells the supervisor what `ctl status` should say, when that changed.
    fn report_state(&mut self) {
        let phase = self.session.phase();
        let view = match self.chrome_screen() {
            Screen::Bar => self.page_kind,
            screen => screen.name(),
        };
        let message = FromSession::State {
            state: phase.state_name().into(),
            mode: self.session.mode().map(|m| m.as_str().into()),
            view: view.into(),
        };
        if self.last_reported.as_ref() == Some(&message) {
            return;
        }
        if let Some(link) = self.link.as_mut() {
            link.send(&message);
        }
        self.last_reported = Some(message);
    }

    fn page_loaded(&mut self, url: Zeroizing<String>) {
        let l = self.translations.localizer(&self.lang());
        self.page_kind = page_kind(&url);
        self.site = match url::Url::parse(&url) {
            Ok(parsed) if matches!(parsed.scheme(), "https" | "http") => {
                let decision = self.policy.decide(&url, self.mode.get());
                let name = decision.rule.map(|r| self.policy.rule(r).name.clone());
                self.last_web_url = Some(url);
                name.unwrap_or_default()
            }
            _ => l.text("bar-no-site"),
        };
    }

    fn content_crashed(&mut self, now: Instant) {
        self.crashes.push_back(now);
        while self.crashes.front().is_some_and(|t| now.duration_since(*t) > CRASH_WINDOW) {
            self.crashes.pop_front();
        }
        if self.crashes.len() >= CRASH_LIMIT {
            log::event("session", format_args!("the web content keeps crashing"));
            self.feed(Input::End(EndReason::Crash), now);
            return;
        }
        let retry = self.last_web_url.as_ref().map(|u| u.as_str().to_string()).unwrap_or_default();
        self.load(&pages::url("/crashed", &[("retry", &retry)]));
    }

    fn zoom(&mut self, zoom: Zoom) {
        self.zoom = match zoom {
            Zoom::In => (self.zoom + 1).min(ZOOM_LEVELS.len() - 1),
            Zoom::Out => self.zoom.saturating_sub(1),
            Zoom::Reset => DEFAULT_ZOOM,
        };
        let level = ZOOM_LEVELS[self.zoom];
        self.views.content.zoom(level).ok();
        self.views.chrome.zoom(level.min(MAX_CHROME_ZOOM)).ok();
    }

    /// Files a patron may upload: the session's own, then the removable media's, if configured.
    /// Hidden files (such as downloads still arriving) are never offered.
    fn list_downloads(&self) -> Vec<PathBuf> {
        let list = |folder: &std::path::Path| {
            let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            files
        };
        let mut files = list(&self.downloads);
        if let Some(media) = &self.config.removable_media {
            files.extend(list(media));
        }
        files
    }

    /// Answers the pending upload: the chosen file from the session's folder, or nothing.
    fn pick_file(&mut self, index: Option<usize>) {
        let files = self.files.take().unwrap_or_default();
        let Some(request) = self.hooks.file_chooser.borrow_mut().take() else { return };
        match index.and_then(|i| files.get(i)) {
            Some(path) => request.select_files(&[&path.to_string_lossy()]),
            None => request.cancel(),
        }
    }

    /// Pushes the chrome state when it changed, and lays the views out for it.
    fn refresh(&mut self, now: Instant) {
        if self.finished {
            return;
        }
        if self.notice.as_ref().is_some_and(|(_, until)| *until <= now) {
            self.notice = None;
        }
        if self.receipt.as_ref().is_some_and(|(_, until)| *until <= now) {
            self.receipt = None;
        }
        self.report_state();
        let state = self.chrome_state(now);
        let chrome_zoom = ZOOM_LEVELS[self.zoom].min(MAX_CHROME_ZOOM);
        let height = (f64::from(self.bar_css_height) * chrome_zoom).ceil() as i32;
        let layout = (state.screen, height, self.views.size());
        if self.last_layout != Some(layout) {
            let screen_changed = self.last_layout.map(|(screen, _, _)| screen) != Some(state.screen);
            self.views.layout(state.screen, height);
            if screen_changed {
                // Keyboard users land where they can act: the overlay's buttons, or the page.
                self.views.focus(if state.screen.is_full() { View::Chrome } else { View::Content });
            }
            self.last_layout = Some(layout);
        }
        if self.chrome_ready {
            let script = state.script();
            if script != self.last_pushed {
                if let Err(err) = self.views.chrome.evaluate_script(&script) {
                    log::event("shell", format_args!("could not update the bar: {err}"));
                }
                self.last_pushed = script;
            }
        }
    }

    fn chrome_screen(&self) -> Screen {
        match self.session.phase() {
            _ if self.unavailable => Screen::Unavailable,
            Phase::Welcome | Phase::Ended(_) => Screen::Welcome,
            Phase::IdleWarning { .. } => Screen::Idle,
            _ if self.files.is_some() => Screen::Files,
            _ if self.confirm_end => Screen::ConfirmEnd,
            _ => Screen::Bar,
        }
    }

    /// "Back" would only return to the blank page the view starts on: not a real step back.
    fn can_go_back(&self) -> bool {
        let content = self.views.content.webview();
        content.can_go_back()
            && content.back_forward_list().and_then(|l| l.back_item()).and_then(|i| i.uri()).is_some_and(|u| u != "about:blank")
    }

    fn chrome_state(&self, now: Instant) -> ChromeState {
        let l = self.translations.localizer(&self.lang());
        let phase = self.session.phase();
        let screen = self.chrome_screen();
        let minutes = |d: Duration| FluentValue::from(d.as_secs().div_ceil(60));
        let bar = self.session.started().map(|started| {
            let (clock, max_warning) = match phase {
                Phase::MaxWarning { ends_at } => {
                    let left = ends_at.saturating_duration_since(now);
                    (
                        l.text_with("bar-time-left", &[("minutes", minutes(left))]),
                        Some(l.text_with("max-warning", &[("minutes", minutes(left))])),
                    )
                }
                _ => (l.text_with("bar-elapsed", &[("minutes", FluentValue::from(now.duration_since(started).as_secs() / 60))]), None),
            };
            let content = self.views.content.webview();
            BarState {
                site: if self.site.is_empty() { l.text("bar-no-site") } else { self.site.clone() },
                clock,
                can_back: self.can_go_back(),
                can_forward: content.can_go_forward(),
                max_warning,
                notice: self.notice.as_ref().map(|(text, _)| text.clone()),
            }
        });
        let idle_text = match phase {
            Phase::IdleWarning { ends_at } => {
                Some(l.text_with("idle-text", &[("seconds", FluentValue::from(seconds_left(ends_at, now)))]))
            }
            _ => None,
        };
        ChromeState {
            screen,
            receipt: self.receipt.as_ref().filter(|_| phase == Phase::Welcome).map(|(text, _)| text.clone()),
            bar,
            idle_text,
            files: self.files.as_ref().map(|files| {
                files.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect()
            }),
        }
    }
}

/// The kind of page at `url`, for `ctl status` (never the address itself).
fn page_kind(url: &str) -> &'static str {
    let internal = |path: &str| url.starts_with(&format!("{}{path}", pages::ORIGIN));
    if url.starts_with("https:") || url.starts_with("http:") {
        "web"
    } else if internal("/launcher") {
        "launcher"
    } else if internal("/blocked") {
        "blocked"
    } else if internal("/crashed") {
        "error"
    } else if internal("/unreachable") {
        "unreachable"
    } else {
        "blank"
    }
}
