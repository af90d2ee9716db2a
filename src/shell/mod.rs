//! The only module that touches the window (tao, wry, GTK, WebKit). WebKit callbacks decide
//! synchronously with the shared policy and post events; the webviews are changed only inside
//! the event loop, in [`App::handle`].

mod app;
mod chrome;
mod content;
mod keys;
mod link;
mod views;

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::Arc;

use tao::event::{Event, StartCause};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::platform::run_return::EventLoopExtRunReturn;
use zeroize::Zeroizing;

use crate::config::Config;
use crate::i18n::Translations;
use crate::policy::{Policy, Reason};
use crate::proxy::{ModeCell, Proxy, Stats};
use crate::supervisor::link::ToSession;
use app::App;
use chrome::ChromeCommand;

#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("no display: set DISPLAY (or run under xvfb-run)")]
    NoDisplay,
    #[error("cannot open the window: {0}")]
    Window(#[from] tao::error::OsError),
    #[error("cannot create a web view: {0}")]
    WebView(#[from] wry::Error),
    #[error("cannot start the filtering proxy: {0}")]
    Proxy(std::io::Error),
    #[error("translations are broken: {0}")]
    Translations(String),
}

/// Everything a session process needs, prepared by `guichet session`.
pub struct SessionOptions {
    pub config: Config,
    pub policy: Arc<Policy>,
    /// This patron's folder (downloads, HOME…), created by the supervisor.
    pub session_dir: PathBuf,
    /// The socket to the supervisor, when there is one.
    pub link: Option<UnixStream>,
}

/// Events posted to the loop by callbacks and threads.
#[derive(Debug)]
pub enum UserEvent {
    Chrome(ChromeCommand),
    /// A navigation was refused; `show` when the patron caused it (their click, their form).
    Blocked { host: String, reason: Reason, show: bool },
    /// Load this address in the content view (an upgrade to https, or a new window's target).
    Load(Zeroizing<String>),
    PageLoaded { url: Zeroizing<String> },
    LoadFailed { url: Zeroizing<String>, tls: bool },
    ContentCrashed,
    ChromeCrashed,
    Notice(&'static str, Option<String>),
    FileChooser,
    Activity,
    Zoom(Zoom),
    /// The space the views share changed size.
    Resized,
    Supervisor(ToSession),
    SupervisorGone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    In,
    Out,
    Reset,
}

pub type EventProxy = tao::event_loop::EventLoopProxy<UserEvent>;

/// Runs the window until the session ends.
pub fn run(options: SessionOptions) -> Result<(), ShellError> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(ShellError::NoDisplay);
    }
    let translations = Arc::new(Translations::load().map_err(|errors| {
        ShellError::Translations(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
    })?);
    let mut event_loop = EventLoopBuilder::<UserEvent>::with_user_event().build();
    let events = event_loop.create_proxy();

    let mode = Arc::new(ModeCell::new(crate::policy::Mode::Citizen));
    let proxy = Proxy::start(
        Arc::clone(&options.policy),
        Arc::clone(&mode),
        options.config.network_hosts.clone(),
        Arc::new(Stats::default()),
    )
    .map_err(ShellError::Proxy)?;

    let link_writer = options.link.map(|stream| link::start(stream, events.clone()));
    let mut app = App::new(&event_loop, options.config, options.policy, translations, mode, &proxy, options.session_dir, link_writer, events)?;
    event_loop.run_return(move |event, _, control_flow| {
        let now = std::time::Instant::now();
        match event {
            Event::UserEvent(user_event) => app.handle(user_event, now),
            Event::NewEvents(StartCause::ResumeTimeReached { .. }) => app.tick(now),
            Event::WindowEvent { event: tao::event::WindowEvent::CloseRequested, .. } => {
                // A kiosk window is closed by ending the session, never by the window manager.
            }
            Event::WindowEvent { event: tao::event::WindowEvent::Resized(_), .. } => app.resized(now),
            _ => {}
        }
        *control_flow = match app.next_wake(now) {
            _ if app.finished() => ControlFlow::Exit,
            Some(at) => ControlFlow::WaitUntil(at),
            None => ControlFlow::Wait,
        };
    });
    drop(proxy);
    Ok(())
}
