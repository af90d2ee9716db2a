//! The session process's brain, without a window: it takes what happened (a click in the bar, a
//! load that started or failed, a crash, a tick) with the current time, and answers with
//! commands for the shell (load this, show that screen, report this). It owns the mode, the
//! language, the accessibility settings (text size included) and the screen choice; `src/shell/` only carries events in and
//! commands out.

mod accessibility;
mod assisted;
mod chrome;
mod guide;
mod keyboard;
mod loading;
mod navigation;
mod page;
mod parts;
mod placement;
mod present;
mod printing;
mod pin;
mod settings;
mod shared;
mod zoom;

pub use assisted::AssistedView;
pub use chrome::{AccessibilityView, BarState, ChromeCommand, ChromeState, KeyboardView, Refused, Screen};
pub use guide::{GuideError, GuideState};
pub use keyboard::{keystroke as keystroke_of, Key, Keystroke, SentKey, Special, ROWS as KEYBOARD_ROWS};
pub use navigation::{chrome_may_go, judge, Cause, Judgement, Navigation};
pub use page::ticket_of;
pub use parts::{Parts, PartsError};
pub use placement::{place, Placement};
pub use printing::{pdf_pages, PrintView};
pub use pin::{Attempt, Gate, GateCarry, PinDigits, PinError, PinHash, MAX_MEMORY_KIB as PIN_MAX_MEMORY_KIB, MAX_PASSES as PIN_MAX_PASSES};
pub use settings::{Appearance, Preset, Settings, Surface, Toggle, LARGE_CURSOR_PX};
pub use shared::{MessagePage, Shared};
pub use zoom::Step as ZoomStep;

use std::collections::VecDeque;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fluent_bundle::FluentValue;
use zeroize::Zeroizing;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::i18n::{Localizer, Translations};
use crate::pages;
use crate::lists::CategoryId;
use crate::policy::{Mode, Policy, Reason};
use crate::session::{EndReason, Input, Phase, Session};
use crate::status::ViewKind;
use crate::supervisor::link::{FromSession, Receipt, ToSession};

const NOTICE_DURATION: Duration = Duration::from_secs(8);
/// This many crashes of the web content, or of the bar, within [`CRASH_WINDOW`] end the session.
const CRASH_LIMIT: usize = 3;
const CRASH_WINDOW: Duration = Duration::from_secs(60);
/// A refusal WebKit reports only as a failed load (a redirect in the main frame) is shown if
/// the failure follows this soon.
const SILENT_REFUSAL_WINDOW: Duration = Duration::from_secs(3);

/// Everything a session process needs, prepared by `guichet session`.
pub struct SessionOptions {
    pub config: Config,
    pub policy: Arc<Policy>,
    /// The guide's démarches.
    pub catalog: Arc<Catalog>,
    /// This patron's folder (downloads, HOME…), created by the supervisor.
    pub session_dir: PathBuf,
    /// The socket to the supervisor, when there is one.
    pub link: Option<UnixStream>,
    pub launch: Launch,
    /// A display to draw on exists (`DISPLAY` or `WAYLAND_DISPLAY` is set).
    pub has_display: bool,
    /// Speech goes to a WAV file in the session's folder (end-to-end tests only).
    pub speech_to_file: bool,
}

/// How the session process was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launch {
    /// On screen at once.
    Visible,
    /// Ready but hidden until the supervisor says `Show`.
    Hidden,
    /// The "computer unavailable" screen: no patron, no web.
    Unavailable,
}

/// Why a load failed, as WebKit tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Our own navigation hook refused it (a redirect, a download).
    Policy,
    /// Replaced by another load.
    Cancelled,
    Network,
    Tls,
}

/// Whether the content view can go back or forward (real steps only, not the blank start page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct History {
    pub can_back: bool,
    pub can_forward: bool,
}

impl History {
    /// From what WebKit says: a step back to the blank page the view starts on is not a real
    /// step back.
    pub fn new(can_go_back: bool, back_address: Option<&str>, can_go_forward: bool) -> History {
        History { can_back: can_go_back && back_address.is_some_and(|url| url != "about:blank"), can_forward: can_go_forward }
    }
}

/// What happened, posted by the shell (or by WebKit's hooks through [`judge`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Chrome(ChromeCommand),
    /// A navigation was refused; `shown` when the patron caused it (their click, their form).
    /// `category`: the filtered web's category that refused it.
    Refused { host: String, reason: Reason, category: Option<CategoryId>, shown: bool },
    /// Load this address in the content view (already judged: an upgrade, a new window's target).
    Load(Zeroizing<String>),
    /// The content view's main frame started loading (or was redirected to) `url`.
    LoadStarted { url: Zeroizing<String> },
    /// The first bytes of `url` arrived: it is now the page on screen.
    LoadCommitted { url: Zeroizing<String>, history: History },
    LoadFinished { url: Zeroizing<String>, history: History },
    LoadFailed { url: Zeroizing<String>, failure: Failure },
    /// The proxy could not connect to this allowed host (refused, no such name).
    HostUnreachable { host: String },
    ContentCrashed,
    ChromeCrashed,
    /// A short message in the bar (a download saved or refused…), by Fluent id.
    Notice { id: &'static str, name: Option<String> },
    /// A form asks for a file: these are the ones the patron may send.
    FileRequested { files: Vec<String> },
    Activity,
    Zoom(ZoomStep),
    /// F6: the keyboard moves between the bar and the page; `from_chrome` says where it was.
    SwitchFocus { from_chrome: bool },
    /// The space both views share, in window pixels.
    Resized { width: i32, height: i32 },
    Supervisor(ToSession),
    SupervisorGone,
    /// "Commencer la démarche" was followed (`guichet://app/start?id=…`, seen by [`judge`]).
    StartDemarche { id: String },
    /// A password field in the page gained (`true`) or lost focus: the curtain's one-way signal.
    PasswordFocus(bool),
    /// A field one can type in gained (`true`) or lost focus (the same one-way signal).
    FieldFocus(bool),
    /// Super+Alt+S: start or stop the screen reader.
    ScreenReaderKey,
    /// The page called `window.print()`.
    PrintRequested,
    /// The page is laid out as a PDF of this many pages (`None`: it could not be).
    PrintPrepared { pages: Option<u32> },
    /// The print queue took the job (`true`) or refused it.
    PrintSent(bool),
    Tick,
}

/// What the shell must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load this address in the content view.
    Load(Zeroizing<String>),
    StopLoading,
    GoBack,
    GoForward,
    Reload,
    /// Load the chrome page again (a new language, or after its process crashed).
    ReloadChrome,
    /// Hand this state to the chrome page.
    Chrome(ChromeState),
    /// Give the chrome view the whole window (`bar` is `None`) or a bar this many pixels tall,
    /// and, when `keyboard` is not 0, the on-screen keyboard that many pixels at the bottom: the
    /// page is between them, and the bar cannot take the keyboard focus from the page.
    Layout { bar: Option<i32>, keyboard: i32 },
    /// Type in the page, as its focused field would get it from a keyboard.
    Type(Keystroke),
    /// Lay the page out as a PDF in the session's folder, count its pages, and post
    /// [`Event::PrintPrepared`].
    PreparePrint,
    /// Send that PDF to this CUPS queue (on `server`, else the system's), then delete it, and
    /// post [`Event::PrintSent`].
    SendPrint { queue: String, server: Option<String> },
    /// Delete that PDF: the patron did not print it.
    DiscardPrint,
    Zoom { page: f64, chrome: f64 },
    /// Apply the accessibility settings' style sheets and cursor size to the views.
    Appearance(Appearance),
    /// Read the content view's selection, or its main text, aloud in `lang`.
    ReadAloud { lang: String },
    StopReading,
    /// Start (`on`) or stop the screen reader, speaking `lang`.
    ScreenReader { on: bool, lang: String },
    /// Start the content view's processes now (a blank page): someone is at the welcome screen
    /// and will soon start. Until then a session holds none, which halves its memory at rest.
    WarmContent,
    /// Focus the chrome view's first button, its ring showing.
    FocusChrome,
    FocusContent,
    /// Put a pre-started session's window on screen.
    Present,
    ClearSelections,
    /// Answer the pending file request with the file at this index of the list, or nothing.
    AnswerFile(Option<usize>),
    Report(FromSession),
    /// Hide the window and leave the event loop: the session is over.
    Exit,
}

fn is_web(url: &str) -> bool {
    url.starts_with("https:") || url.starts_with("http:")
}

/// A dialog over the whole window.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Dialog {
    ConfirmEnd,
    Menu,
    Help,
    Files(Vec<String>),
    Checklist,
    Print(printing::Stage),
}

#[derive(Debug)]
struct Loading {
    url: Zeroizing<String>,
    host: String,
    /// When a site that has sent nothing yet is declared not answering.
    deadline: Option<Instant>,
}

pub struct Kiosk {
    policy: Arc<Policy>,
    translations: Arc<Translations>,
    shared: Arc<Shared>,
    languages: Vec<String>,
    assisted: assisted::Assisted,
    session: Session,
    page_timeout: Duration,
    launch: Launch,
    /// The window is up, covered, waiting for `Show` (see `ToSession::Prepare`).
    prepared: bool,
    /// The modes this machine offers, and the one the next patron gets.
    offered: Vec<Mode>,
    start_mode: Mode,
    /// The patron pressed "Prévenir l'accueil".
    staff_alerted: bool,
    /// [`Command::WarmContent`] was sent.
    content_warmed: bool,
    finished: bool,
    chrome_ready: bool,
    screen_size: Option<(i32, i32)>,
    bar_css: u32,
    settings: Settings,
    /// The settings whose appearance the views have.
    applied: Option<Settings>,
    /// The accessibility panel is open.
    panel: bool,
    /// The screen reader was started (and not stopped).
    screen_reader: bool,
    page: ViewKind,
    site: String,
    history: History,
    loading: Option<Loading>,
    last_web_url: Option<Zeroizing<String>>,
    silent_refusal: Option<(MessagePage, Instant)>,
    dialog: Option<Dialog>,
    notice: Option<(String, Instant)>,
    /// What the previous session's wipe erased, said in the welcome screen's language (which
    /// the patron may change before starting).
    receipt: Option<Receipt>,
    crashes: VecDeque<Instant>,
    chrome_crashes: VecDeque<Instant>,
    pushed: Option<ChromeState>,
    laid_out: Option<(Option<i32>, i32)>,
    keyboard: keyboard::Keyboard,
    printer: printing::Printer,
    zoomed: Option<(f64, f64)>,
    shown_screen: Option<Screen>,
    reported: Option<FromSession>,
    commands: VecDeque<Command>,
    catalog: Option<Arc<Catalog>>,
    /// The démarche the patron started from the guide, and its step.
    guide: Option<guide::Progress>,
    /// The démarche whose "Avant de commencer" page is on screen.
    demarche_on_screen: Option<String>,
}

impl Kiosk {
    pub fn new(config: &Config, policy: Arc<Policy>, translations: Arc<Translations>, launch: Launch, now: Instant) -> Kiosk {
        let mut kiosk = Kiosk {
            policy,
            translations,
            shared: Arc::new(Shared::new(Mode::Citizen, &config.default_language)),
            languages: config.languages.clone(),
            assisted: assisted::Assisted::new(config),
            session: Session::new(config.session).with_assisted_times(config.assisted.times),
            page_timeout: config.page_timeout,
            launch,
            prepared: false,
            offered: config.modes.clone(),
            start_mode: config.default_mode(),
            staff_alerted: false,
            content_warmed: false,
            finished: false,
            chrome_ready: false,
            screen_size: None,
            bar_css: 56,
            settings: Settings::default(),
            applied: None,
            panel: false,
            screen_reader: false,
            page: ViewKind::Blank,
            site: String::new(),
            history: History::default(),
            loading: None,
            last_web_url: None,
            silent_refusal: None,
            dialog: None,
            notice: None,
            receipt: None,
            crashes: VecDeque::new(),
            chrome_crashes: VecDeque::new(),
            pushed: None,
            laid_out: None,
            keyboard: keyboard::Keyboard::default(),
            printer: printing::Printer::new(config.printing.clone()),
            zoomed: None,
            shown_screen: None,
            reported: None,
            commands: VecDeque::new(),
            catalog: None,
            guide: None,
            demarche_on_screen: None,
        };
        if launch == Launch::Visible {
            kiosk.check_mode_ready();
        }
        kiosk.refresh(now);
        kiosk
    }

    /// The démarches the guide offers (without them, "Commencer la démarche" does nothing).
    pub fn with_catalog(mut self, catalog: Arc<Catalog>) -> Kiosk {
        self.catalog = Some(catalog);
        self
    }

    /// What other threads read (the proxy's mode, the page server's language and messages).
    pub fn shared(&self) -> Arc<Shared> {
        Arc::clone(&self.shared)
    }

    pub fn policy(&self) -> &Arc<Policy> {
        &self.policy
    }

    pub fn finished(&self) -> bool {
        self.finished
    }

    /// The next command for the shell, in order.
    pub fn poll(&mut self) -> Option<Command> {
        self.commands.pop_front()
    }

    /// When the shell must call `handle(Event::Tick, …)` even if nothing happens.
    pub fn poll_timeout(&self, now: Instant) -> Option<Instant> {
        let clock = match self.session.phase() {
            Phase::IdleWarning { .. } => Some(now + Duration::from_secs(1)),
            Phase::Active | Phase::MaxWarning { .. } => Some(now + Duration::from_secs(15)),
            _ => None,
        };
        [self.session.poll_timeout(), clock, self.assisted.poll_timeout(now), self.notice.as_ref().map(|n| n.1), self.loading.as_ref().and_then(|l| l.deadline), self.keyboard.deadline()]
            .into_iter()
            .flatten()
            .min()
    }

    pub fn handle(&mut self, event: Event, now: Instant) {
        if self.finished {
            return;
        }
        match event {
            Event::Chrome(command) => self.chrome_command(command, now),
            Event::Refused { host, reason, category, shown } => {
                let page = MessagePage::Blocked { host, reason, category: category.and_then(|id| self.category_label(id)) };
                self.refused(page, shown, now);
            }
            Event::Load(url) if self.in_session() && !url.is_empty() => self.load(url),
            Event::Load(_) => {}
            Event::LoadStarted { url } => {
                self.curtain_down();
                self.load_started(url, now);
            }
            Event::LoadCommitted { url, history } => {
                if self.loading.as_ref().is_some_and(|l| l.url == url) {
                    self.loading = None;
                }
                self.history = history;
                self.now_showing(&url);
            }
            Event::LoadFinished { url, history } => {
                self.loading = None;
                self.history = history;
                self.now_showing(&url);
            }
            Event::LoadFailed { url, failure } => self.load_failed(url, failure, now),
            Event::HostUnreachable { host } => {
                if self.loading.as_ref().is_some_and(|l| !host.is_empty() && l.host == host) {
                    self.not_answering();
                }
            }
            Event::ContentCrashed => self.content_crashed(now),
            Event::ChromeCrashed => self.chrome_crashed(now),
            Event::Notice { id, name } => match name {
                Some(name) => self.notice(id, &[("name", FluentValue::from(name))], now),
                None => self.notice(id, &[], now),
            },
            Event::PrintRequested => self.print_requested(now),
            Event::PrintPrepared { pages } => self.print_prepared(pages, now),
            Event::PrintSent(sent) => self.print_sent(sent, now),
            Event::FileRequested { files } => {
                if self.in_session() {
                    self.dialog = Some(Dialog::Files(files));
                } else {
                    self.commands.push_back(Command::AnswerFile(None));
                }
            }
            Event::Activity => {
                if !self.content_warmed && self.launch == Launch::Visible && self.session.phase() == Phase::Welcome {
                    self.content_warmed = true;
                    self.commands.push_back(Command::WarmContent);
                }
                self.feed(Input::Activity, now)
            }
            Event::Zoom(step) => self.settings.zoom(step),
            Event::ScreenReaderKey => self.toggle_screen_reader(),
            Event::SwitchFocus { from_chrome } => {
                // The bar cannot take the focus while the keyboard is up: F6 puts it away.
                self.hide_keyboard();
                self.commands.push_back(if from_chrome { Command::FocusContent } else { Command::FocusChrome })
            }
            Event::Resized { width, height } => self.screen_size = Some((width, height)),
            Event::Supervisor(message) => self.supervisor_says(message, now),
            Event::StartDemarche { id } => self.start_demarche(&id),
            Event::PasswordFocus(focused) => self.password_focus(focused),
            Event::FieldFocus(focused) => self.field_focus(focused, now),
            Event::SupervisorGone => {
                // Nobody is left to wipe after us: stop now rather than keep patron data alive.
                crate::log::event("session", format_args!("the supervisor is gone; closing"));
                self.exit();
            }
            Event::Tick => {
                self.feed(Input::Tick, now);
                self.keyboard_tick(now);
                if self.loading.as_ref().and_then(|l| l.deadline).is_some_and(|deadline| deadline <= now) {
                    crate::log::event("session", format_args!("a site accepted the connection but sent nothing in time"));
                    self.not_answering();
                }
            }
        }
        self.refresh(now);
    }

    /// A short message in the bar for a few seconds.
    fn notice(&mut self, id: &str, args: &[(&str, FluentValue<'_>)], now: Instant) {
        let text = self.l().text_with(id, args);
        self.notice = Some((text, now + NOTICE_DURATION));
    }

    fn l(&self) -> Localizer<'_> {
        self.translations.localizer(&self.shared.lang())
    }

    fn in_session(&self) -> bool {
        self.launch != Launch::Unavailable && !matches!(self.session.phase(), Phase::Welcome | Phase::Ended(_))
    }

    fn chrome_command(&mut self, command: ChromeCommand, now: Instant) {
        let welcome = self.session.phase() == Phase::Welcome;
        match command {
            ChromeCommand::Ready => {
                crate::log::event("shell", format_args!("chrome view ready"));
                self.chrome_ready = true;
                self.pushed = None;
            }
            ChromeCommand::Height { px } => self.bar_css = px.clamp(24, 600),
            // Nobody may act on a session that has not been given the screen.
            _ if matches!(self.launch, Launch::Unavailable | Launch::Hidden) => {}
            ChromeCommand::Advisor | ChromeCommand::Pin { .. } | ChromeCommand::Accept | ChromeCommand::Refuse => self.assisted_command(command, now),
            // While the pad or the consent is on screen, the rest of the chrome waits.
            ChromeCommand::Close if self.assisted_screen().is_some() => self.assisted_command(command, now),
            _ if self.assisted_screen().is_some() => {}
            ChromeCommand::Start if welcome => self.start(self.start_mode, now),
            ChromeCommand::Lang { lang } if welcome => {
                if self.languages.contains(&lang) && lang != self.shared.lang() {
                    self.shared.set_lang(&lang);
                    self.chrome_ready = false;
                    self.commands.push_back(Command::ReloadChrome);
                }
            }
            ChromeCommand::ZoomIn => self.settings.zoom(ZoomStep::In),
            ChromeCommand::ZoomOut => self.settings.zoom(ZoomStep::Out),
            ChromeCommand::Accessibility
            | ChromeCommand::Preset { .. }
            | ChromeCommand::Setting { .. }
            | ChromeCommand::ResetSettings
            | ChromeCommand::ScreenReader => self.accessibility_command(command),
            ChromeCommand::Close if self.panel => self.panel = false,
            _ if !self.in_session() => {}
            ChromeCommand::Start | ChromeCommand::Lang { .. } => {}
            ChromeCommand::Home => {
                self.dialog = None;
                self.load(Zeroizing::new(pages::url("/launcher", &[])));
            }
            ChromeCommand::Back if self.history.can_back => self.navigate(Command::GoBack),
            ChromeCommand::Forward if self.history.can_forward => self.navigate(Command::GoForward),
            ChromeCommand::Back | ChromeCommand::Forward => {}
            ChromeCommand::Reload => self.navigate(Command::Reload),
            ChromeCommand::Menu => self.dialog = Some(Dialog::Menu),
            ChromeCommand::Help if self.shared.mode() == Mode::Minor => self.dialog = Some(Dialog::Help),
            ChromeCommand::AlertStaff if self.dialog == Some(Dialog::Help) => {
                if !self.staff_alerted {
                    crate::log::event("session", format_args!("the patron asked for help at the desk"));
                }
                self.staff_alerted = true;
            }
            ChromeCommand::Help | ChromeCommand::AlertStaff => {}
            ChromeCommand::AskEnd => self.dialog = Some(Dialog::ConfirmEnd),
            ChromeCommand::Close => self.close_dialog(),
            ChromeCommand::End => self.feed(Input::End(EndReason::Patron), now),
            ChromeCommand::StillHere => self.feed(Input::StillHere, now),
            ChromeCommand::Checklist | ChromeCommand::StepNext | ChromeCommand::StepBack => self.guide_command(command),
            ChromeCommand::ReadAloud | ChromeCommand::StopReading => self.reading_command(command),
            ChromeCommand::Keyboard => self.toggle_keyboard(),
            ChromeCommand::Print => self.print_requested(now),
            ChromeCommand::PrintConfirm => self.print_confirmed(),
            ChromeCommand::Key { key } => self.key_pressed(&key),
            ChromeCommand::PickFile { index } => {
                if matches!(&self.dialog, Some(Dialog::Files(files)) if index < files.len()) {
                    self.dialog = None;
                    self.commands.push_back(Command::AnswerFile(Some(index)));
                }
            }
        }
    }

    fn close_dialog(&mut self) {
        match self.dialog.take() {
            Some(Dialog::Files(_)) => self.commands.push_back(Command::AnswerFile(None)),
            Some(Dialog::Print(_)) => self.commands.push_back(Command::DiscardPrint),
            _ => {}
        }
    }

    /// A history move or reload from the bar: the dialog closes and the bar shows the wait.
    fn navigate(&mut self, command: Command) {
        self.dialog = None;
        self.loading.get_or_insert(Loading { url: Zeroizing::new(String::new()), host: String::new(), deadline: None });
        self.commands.push_back(command);
    }

    fn start(&mut self, mode: Mode, now: Instant) {
        self.close_pad();
        self.panel = false;
        self.shared.set_mode(mode);
        self.receipt = None;
        self.feed(Input::Start(mode), now);
        self.load(Zeroizing::new(pages::url("/launcher", &[])));
    }

    /// A mode whose lists are missing or damaged takes no patron: the machine says it is
    /// unavailable, never falls back to a wider web.
    fn check_mode_ready(&mut self) {
        if let Err(err) = self.policy.mode_ready(self.start_mode) {
            crate::log::event("session", format_args!("mode {} cannot start: {err}", self.start_mode));
            self.launch = Launch::Unavailable;
        }
    }

    fn supervisor_says(&mut self, message: ToSession, now: Instant) {
        match message {
            ToSession::Open { .. } if self.launch == Launch::Unavailable => {}
            ToSession::Open { url } => {
                if self.session.phase() == Phase::Welcome {
                    self.start(self.start_mode, now);
                }
                if self.in_session() {
                    match navigation::open(&self.policy, &self.shared, &url) {
                        Event::Load(url) => self.load(url),
                        Event::Refused { host, reason, category, .. } => {
                            let category = category.and_then(|id| self.category_label(id));
                            self.show(MessagePage::Blocked { host, reason, category });
                        }
                        _ => {}
                    }
                }
            }
            ToSession::End => self.feed(Input::End(EndReason::Control), now),
            ToSession::Prepare => {
                if self.launch == Launch::Hidden && !self.prepared {
                    self.prepared = true;
                    self.commands.push_back(Command::Present);
                }
            }
            ToSession::Assist if self.launch == Launch::Unavailable => {}
            ToSession::Assist => self.assist_requested(),
            ToSession::Show { receipt, mode, pin } => {
                self.resume_pin(pin, now);
                self.take_screen(receipt, mode);
            }
        }
    }

    /// A pre-started session takes the screen, clean: empty selections, then the window, with
    /// the receipt of the previous session's wipe.
    fn take_screen(&mut self, receipt: Option<Receipt>, mode: Mode) {
        self.commands.push_back(Command::ClearSelections);
        if self.offered.contains(&mode) {
            self.start_mode = mode;
        } else {
            crate::log::event("session", format_args!("mode {mode} is not offered here; keeping {}", self.start_mode));
        }
        if self.launch == Launch::Hidden {
            self.check_mode_ready();
        }
        if receipt.is_some() {
            self.receipt = receipt;
        }
        if self.launch == Launch::Hidden {
            self.launch = Launch::Visible;
            if !std::mem::take(&mut self.prepared) {
                self.commands.push_back(Command::Present);
            }
            self.commands.push_back(Command::FocusChrome);
        }
        self.reported = None;
    }

    fn feed(&mut self, input: Input, now: Instant) {
        if self.session.handle(input, now).is_none() {
            return;
        }
        if let Phase::Ended(reason) = self.session.phase() {
            crate::log::event("session", format_args!("ended ({})", reason.code()));
            self.report();
            self.commands.push_back(Command::Report(FromSession::Ended { reason }));
            self.exit();
        }
    }

    fn exit(&mut self) {
        self.finished = true;
        self.commands.push_back(Command::Exit);
    }

}
