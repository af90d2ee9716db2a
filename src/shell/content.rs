//! Hooks on the content view (where the web runs): each WebKit signal becomes a kiosk event
//! (navigations are judged by [`kiosk::judge`]), and what a kiosk must refuse is refused here
//! (context menu, permissions, fullscreen, notifications). Downloads land in the session folder.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use gio::prelude::*;
use webkit2gtk::{BackForwardListExt, BackForwardListItemExt, DownloadExt, FileChooserRequestExt, NavigationPolicyDecisionExt, PermissionRequestExt, PolicyDecisionExt, SettingsExt, URIRequestExt, URIResponseExt, WebContextExt, WebViewExt};
use webkit2gtk::{
    Download, FileChooserRequest, LoadEvent, NavigationAction, NavigationPolicyDecision, NavigationType, PolicyDecision, PolicyDecisionType,
    PolicyError, WebContext, WebView,
};
use zeroize::Zeroizing;

use super::EventProxy;
use crate::downloads::{self, Offer, Vetting};
use crate::kiosk::{self, Cause, Event, Failure, History, Navigation, Shared};
use crate::log;
use crate::policy::Policy;

/// What the hooks share with the loop.
#[derive(Clone)]
pub struct Hooks {
    pub policy: Arc<Policy>,
    pub shared: Arc<Shared>,
    pub events: EventProxy,
    pub downloads: PathBuf,
    /// Besides the session's own files, a patron may upload from here (a USB key).
    pub removable_media: Option<PathBuf>,
    pub max_download: u64,
    pub file_chooser: Rc<RefCell<Option<PendingUpload>>>,
}

/// The upload request waiting for the patron to pick a file, and the files offered.
pub type PendingUpload = (FileChooserRequest, Vec<PathBuf>);

impl Hooks {
    fn post(&self, event: Event) {
        // Fails only when the loop has ended, and then there is nobody left to tell.
        let _ = self.events.send_event(event);
    }
}

/// Connects every hook. `certificates`: test hosts whose own certificate is trusted, for that
/// host only.
pub fn attach(view: &WebView, hooks: &Hooks, certificates: &BTreeMap<String, PathBuf>) {
    if let Some(context) = view.context() {
        trust_certificates(&context, certificates);
        attach_downloads(&context, hooks);
    } else {
        log::event("shell", format_args!("the content view has no context: downloads and test certificates are off"));
    }

    let h = hooks.clone();
    view.connect_decide_policy(move |_, decision, kind| decide(&h, decision, kind));

    // `window.open` asks for a new view directly: none is ever made; the target opens here.
    let h = hooks.clone();
    view.connect_create(move |_, action| {
        match action.request().and_then(|r| r.uri()).map(|u| Zeroizing::new(u.to_string())) {
            Some(uri) if !uri.is_empty() => {
                if let Some(event) = kiosk::judge(&h.policy, &h.shared, &uri, Navigation::NewWindow).then {
                    h.post(event);
                }
            }
            _ => log::event("shell", format_args!("refused a new window without an address")),
        }
        None
    });

    let h = hooks.clone();
    view.connect_load_changed(move |view, load| {
        let url = Zeroizing::new(view.uri().map(|u| u.to_string()).unwrap_or_default());
        h.post(match load {
            LoadEvent::Started | LoadEvent::Redirected => Event::LoadStarted { url },
            LoadEvent::Committed => Event::LoadCommitted { url, history: history(view) },
            _ => Event::LoadFinished { url, history: history(view) },
        });
    });

    let h = hooks.clone();
    view.connect_load_failed(move |_, _, failing_uri, error| {
        let failure = if error.kind::<PolicyError>().is_some() {
            // A refused redirect in the main frame ends the load this way (so does a download).
            Failure::Policy
        } else if error.matches(webkit2gtk::NetworkError::Cancelled) {
            Failure::Cancelled
        } else {
            Failure::Network
        };
        h.post(Event::LoadFailed { url: Zeroizing::new(failing_uri.to_string()), failure });
        true
    });

    let h = hooks.clone();
    view.connect_load_failed_with_tls_errors(move |_, failing_uri, _, _| {
        h.post(Event::LoadFailed { url: Zeroizing::new(failing_uri.to_string()), failure: Failure::Tls });
        true
    });

    let h = hooks.clone();
    view.connect_run_file_chooser(move |_, request| {
        let files = downloads::uploadable(&h.downloads, h.removable_media.as_deref());
        let names = files.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
        if let Some((previous, _)) = h.file_chooser.borrow_mut().replace((request.clone(), files)) {
            previous.cancel();
        }
        h.post(Event::FileRequested { files: names });
        true
    });

    let h = hooks.clone();
    view.connect_web_process_terminated(move |_, reason| {
        log::event("shell", format_args!("the web content process stopped ({reason:?})"));
        h.post(Event::ContentCrashed);
    });

    let h = hooks.clone();
    view.connect_print(move |_, _| {
        // Never GTK's print dialog (it offers "print to file"): the kiosk's own, counted print.
        h.post(Event::PrintRequested);
        true
    });

    refuse_escapes(view);
}

/// Back and forward, counting only real steps (not the blank page the view starts on).
fn history(view: &WebView) -> History {
    let back = view.back_forward_list().and_then(|l| l.back_item()).and_then(|i| i.uri());
    History::new(view.can_go_back(), back.as_deref(), view.can_go_forward())
}

/// Answers the pending upload with the offered file at `index`, or cancels it.
pub fn answer_file(hooks: &Hooks, index: Option<usize>) {
    let Some((request, files)) = hooks.file_chooser.borrow_mut().take() else { return };
    match index.and_then(|i| files.get(i)) {
        Some(path) => request.select_files(&[&path.to_string_lossy()]),
        None => request.cancel(),
    }
}

/// Refusals shared by both views: no context menu, no permission, no fullscreen, no devtools.
pub fn refuse_escapes(view: &WebView) {
    if let Some(context) = view.context() {
        // Keep as little as possible in memory: less to hold, less to wipe.
        context.set_cache_model(webkit2gtk::CacheModel::DocumentViewer);
    }
    view.connect_context_menu(|_, _, _, _| true);
    view.connect_permission_request(|_, request| {
        request.deny();
        true
    });
    view.connect_show_notification(|_, _| true);
    if let Some(settings) = WebViewExt::settings(view) {
        // Kiosks rarely have a GPU; composited rendering on software GL only adds latency.
        settings.set_hardware_acceleration_policy(webkit2gtk::HardwareAccelerationPolicy::Never);
        settings.set_enable_webgl(false);
        settings.set_enable_developer_extras(false);
        settings.set_javascript_can_open_windows_automatically(false);
        settings.set_enable_write_console_messages_to_stdout(false);
        settings.set_enable_back_forward_navigation_gestures(false);
        // The bar must stay on screen. This removes the Fullscreen API; `no-fullscreen.js` puts
        // back its refusal (`fullscreenEnabled` false, `requestFullscreen()` rejects and fires
        // `fullscreenerror`), so that pages are told the truth the standard way.
        settings.set_enable_fullscreen(false);
    }
}

fn decide(h: &Hooks, decision: &PolicyDecision, kind: PolicyDecisionType) -> bool {
    let new_window = match kind {
        PolicyDecisionType::NavigationAction => false,
        PolicyDecisionType::NewWindowAction => true,
        // Responses (and so downloads) follow WebKit's default; downloads are vetted below.
        _ => return false,
    };
    let Some((mut action, uri)) = navigation_of(decision) else {
        decision.ignore();
        return true;
    };
    let navigation = if new_window {
        Navigation::NewWindow
    } else {
        let cause = match action.navigation_type() {
            NavigationType::LinkClicked => Cause::LinkClicked,
            NavigationType::FormSubmitted => Cause::FormSubmitted,
            NavigationType::BackForward => Cause::BackForward,
            NavigationType::Reload => Cause::Reload,
            NavigationType::FormResubmitted => Cause::FormResubmitted,
            _ => Cause::Other,
        };
        Navigation::in_view(action.is_user_gesture(), cause, action.is_redirect())
    };
    let judgement = kiosk::judge(&h.policy, &h.shared, &uri, navigation);
    if judgement.proceed {
        decision.use_();
    } else {
        decision.ignore();
    }
    if let Some(event) = judgement.then {
        h.post(event);
    }
    true
}

/// The navigation a decision is about, and its address.
pub fn navigation_of(decision: &PolicyDecision) -> Option<(NavigationAction, Zeroizing<String>)> {
    let action = decision.downcast_ref::<NavigationPolicyDecision>()?.navigation_action()?;
    let uri = Zeroizing::new(action.request()?.uri()?.to_string());
    Some((action, uri))
}

fn trust_certificates(context: &WebContext, certificates: &BTreeMap<String, PathBuf>) {
    for (host, path) in certificates {
        match gio::TlsCertificate::from_file(path) {
            Ok(certificate) => context.allow_tls_certificate_for_host(&certificate, host),
            Err(err) => log::event("shell", format_args!("certificate for a test host not loaded: {err}")),
        }
    }
}

/// Downloads land in the session's folder, by type and size; anything doubtful is cancelled.
/// The file gets its real name only once it has been vetted and fully received
/// ([`downloads::Vetting`] decides; this only listens).
fn attach_downloads(context: &WebContext, hooks: &Hooks) {
    let h = hooks.clone();
    context.connect_download_started(move |_, download| {
        log::event("downloads", format_args!("a download started"));
        let state = Rc::new(RefCell::new(Vetting::Receiving));

        let (hooks, cell) = (h.clone(), Rc::clone(&state));
        download.connect_received_data(move |download, _| {
            // Decide and store before cancelling: cancelling emits `failed` at once.
            let cancel = cell.borrow_mut().received(|| offer(download), hooks.max_download);
            if cancel {
                download.cancel();
            }
        });

        let cell = Rc::clone(&state);
        download.connect_failed(move |_, _| cell.borrow_mut().failed());

        // `finished` comes last, after success, refusal or failure alike.
        let (hooks, cell) = (h.clone(), Rc::clone(&state));
        download.connect_finished(move |download| {
            let written = download.destination().and_then(|d| downloads::written_path(&d));
            let state = cell.replace(Vetting::Failed);
            let finished = state.finish(|| offer(download), written.as_deref(), &hooks.downloads, hooks.max_download);
            log::event("downloads", format_args!("a download finished: {}", finished.outcome));
            hooks.post(Event::Notice { id: finished.notice, name: finished.kept });
        });
    });
}

/// What the download's response says, for the vetting.
fn offer(download: &Download) -> Offer {
    let response = download.response();
    Offer {
        suggested: response
            .as_ref()
            .and_then(|r| r.suggested_filename())
            .map(|s| s.to_string())
            .or_else(|| download.request().and_then(|r| r.uri()).map(|u| downloads::file_name_of(&u)))
            .unwrap_or_default(),
        media_type: response.as_ref().and_then(|r| r.mime_type()).map(|m| m.to_string()),
        announced: response.as_ref().map_or(0, |r| r.content_length()),
        received: download.received_data_length(),
    }
}
