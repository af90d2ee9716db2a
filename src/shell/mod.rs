//! The only module that touches the window (tao, wry, GTK, WebKit). WebKit signals and GTK
//! input become [`kiosk::Event`]s posted to the loop; the kiosk core decides; its commands are
//! carried out by [`App`] inside the loop, the one place the views change.

mod a11y;
mod app;
mod appearance;
mod content;
mod curtain;
mod filters;
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

use crate::kiosk::{Event, Launch, Parts, PartsError, SessionOptions};
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
    #[error(transparent)]
    Parts(#[from] PartsError),
}

pub type EventProxy = tao::event_loop::EventLoopProxy<Event>;

/// Runs the window until the session ends.
pub fn run(options: SessionOptions) -> Result<(), ShellError> {
    if !options.has_display {
        return Err(ShellError::NoDisplay);
    }
    // Before any thread starts: it may set this process's environment.
    a11y::start_registry();
    let mut event_loop = EventLoopBuilder::<Event>::with_user_event().build();
    let events = event_loop.create_proxy();
    let hidden = options.launch == Launch::Hidden;
    let post = events.clone();
    let Parts { mut kiosk, config, proxy, link, pages, speech, downloads, print_file } =
        Parts::assemble(options, Instant::now(), move |event| post.send_event(event).is_ok())?;

    let views = Views::build(&event_loop, pages, proxy.address().port(), events.clone(), downloads.clone(), hidden)?;
    if !hidden {
        views.clear_selections();
    }
    let hooks = content::Hooks {
        policy: Arc::clone(kiosk.policy()),
        shared: kiosk.shared(),
        events: events.clone(),
        downloads,
        removable_media: config.removable_media.clone(),
        max_download: config.max_download_bytes,
        file_chooser: Default::default(),
    };
    appearance::attach(&views.chrome.webview());
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
        print_file,
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
