//! The only module that touches the window (tao, wry, GTK, WebKit). WebKit signals and GTK
//! input become [`kiosk::Event`]s posted to the loop; the kiosk core decides; its commands are
//! carried out by [`App`] inside the loop, the one place the views change.

mod a11y;
mod app;
mod appearance;
mod content;
mod curtain;
pub mod filters;
mod keyboard;
mod keys;
mod print;
mod views;

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use gtk::prelude::*;
use webkit2gtk::WebViewExt;
use tao::event::{Event as WindowEvent, StartCause};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::platform::run_return::EventLoopExtRunReturn;
use tao::platform::unix::WindowExtUnix;
use wry::WebViewExtUnix;

use crate::i18n::Translations;
use crate::kiosk::{Event, Kiosk, Launch, SessionOptions};
use crate::proxy::{Proxy, Stats};
use crate::supervisor::link::{FromSession, SessionLink, VERSION};
use app::App;
use views::Views;

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

pub type EventProxy = tao::event_loop::EventLoopProxy<Event>;

/// Runs the window until the session ends.
pub fn run(options: SessionOptions) -> Result<(), ShellError> {
    if !options.has_display {
        return Err(ShellError::NoDisplay);
    }
    let translations = Arc::new(Translations::load().map_err(|errors| {
        ShellError::Translations(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
    })?);
    a11y::start_registry();
    let mut event_loop = EventLoopBuilder::<Event>::with_user_event().build();
    let events = event_loop.create_proxy();
    let config = options.config;
    let mut kiosk = Kiosk::new(&config, Arc::clone(&options.policy), Arc::clone(&translations), options.launch, Instant::now())
        .with_catalog(Arc::clone(&options.catalog));
    let shared = kiosk.shared();

    let stats = Arc::new(Stats::default());
    let unreachable = events.clone();
    stats.on_unreachable(move |host| {
        let _ = unreachable.send_event(Event::HostUnreachable { host });
    });
    let proxy = Proxy::start(Arc::clone(&options.policy), shared.mode_cell(), config.network_hosts.clone(), stats)
        .map_err(ShellError::Proxy)?;

    let supervisor = events.clone();
    let mut link = options.link.map(|stream| {
        SessionLink::start(stream, move |command| {
            supervisor.send_event(command.map_or(Event::SupervisorGone, Event::Supervisor)).is_ok()
        })
    });
    if let Some(link) = link.as_mut() {
        link.send(&FromSession::Hello { version: VERSION });
    }
    let downloads = options.session_dir.join("downloads");
    if let Err(err) = std::fs::create_dir_all(&downloads) {
        crate::log::event("shell", format_args!("cannot create the downloads folder: {err}"));
    }
    let pages = Arc::new(crate::pages::Server {
        translations,
        policy: Arc::clone(&options.policy),
        catalog: Arc::clone(&options.catalog),
        shared: Arc::clone(&shared),
        kiosk_name: config.kiosk_name.clone(),
        languages: config.languages.clone(),
    });
    let hidden = options.launch == Launch::Hidden;
    let views = Views::build(&event_loop, pages, proxy.address().port(), events.clone(), downloads.clone(), hidden)?;
    if !hidden {
        views.clear_selections();
    }
    let hooks = content::Hooks {
        policy: options.policy,
        shared,
        events: events.clone(),
        downloads,
        removable_media: config.removable_media.clone(),
        max_download: config.max_download_bytes,
        file_chooser: Default::default(),
    };
    appearance::attach(&views.chrome.webview());
    let speech = crate::speech::Speech::start(crate::speech::Places::in_session(&options.session_dir, options.speech_to_file));
    let activity = wire_input(&views, &events);
    let mut app = App {
        views,
        hooks,
        link,
        speech,
        certificates: config.network_certificates.clone(),
        activity,
        page_zoom: 1.0,
        appearance: None,
        print_file: options.session_dir.join("print/page.pdf"),
        content_filters: config.content_filter_paths(),
    };

    crate::release_freed_memory();
    event_loop.run_return(move |event, _, control_flow| {
        let now = Instant::now();
        match event {
            WindowEvent::UserEvent(event) => kiosk.handle(event, now),
            WindowEvent::NewEvents(StartCause::ResumeTimeReached { .. }) => kiosk.handle(Event::Tick, now),
            // A kiosk window is closed by ending the session, never by the window manager.
            _ => {}
        }
        while let Some(command) = kiosk.poll() {
            app.apply(command);
        }
        *control_flow = match kiosk.poll_timeout(now) {
            _ if kiosk.finished() => ControlFlow::Exit,
            Some(at) => ControlFlow::WaitUntil(at),
            None => ControlFlow::Wait,
        };
    });
    drop(proxy);
    Ok(())
}

/// Keys (the lockdown's rules, F6 between the bar and the page) and activity reports.
fn wire_input(views: &Views, events: &EventProxy) -> Rc<Cell<Option<Instant>>> {
    let chrome = views.chrome.webview();
    keys::filter_keys(views.window.gtk_window(), events.clone(), move || chrome.has_focus());
    let throttle = Rc::new(Cell::new(None));
    keys::report_activity(&views.chrome.webview(), events.clone(), Rc::clone(&throttle));
    let crashes = events.clone();
    views.chrome.webview().connect_web_process_terminated(move |_, _| {
        let _ = crashes.send_event(Event::ChromeCrashed);
    });
    throttle
}
