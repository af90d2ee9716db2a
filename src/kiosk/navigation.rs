//! The one place a policy verdict becomes what the content view does: let the load go on, load
//! another address instead (the https form, a new window's target), or refuse it. WebKit's
//! navigation hook calls [`judge`] synchronously; `ctl open` goes through [`open`].

use url::Url;
use zeroize::Zeroizing;

use super::page::ticket_of;
use super::shared::Shared;
use super::Event;
use crate::pages;
use crate::policy::{https_form, Decision, Detail, Policy, Reason, Verdict};

/// How a navigation came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Navigation {
    /// In the content view (its page or a frame). `patron`: a click, a form, back/forward or a
    /// reload; `redirect`: the server sent it elsewhere.
    InView { patron: bool, redirect: bool },
    /// `window.open` or `target=_blank`: never a second window; the target opens in the view.
    NewWindow,
}

/// What started a navigation in the view, as WebKit says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    LinkClicked,
    FormSubmitted,
    BackForward,
    Reload,
    FormResubmitted,
    Other,
}

impl Navigation {
    /// A navigation in the view: the patron's when they clicked, submitted, went back or forward
    /// or reloaded, or when any user gesture led to it.
    pub fn in_view(user_gesture: bool, cause: Cause, redirect: bool) -> Navigation {
        Navigation::InView { patron: user_gesture || cause != Cause::Other, redirect }
    }
}

/// What the hook tells WebKit, and what it posts to the loop afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// Let WebKit go on with this very navigation.
    pub proceed: bool,
    pub then: Option<Event>,
}

impl Judgement {
    fn stop(then: Option<Event>) -> Self {
        Judgement { proceed: false, then }
    }
}

/// Decides a navigation of the chrome view. Its page commands the kiosk, so it shows Guichet's
/// own pages and nothing else, and never opens a window.
pub fn chrome_may_go(url: &str, navigation: Navigation) -> bool {
    navigation != Navigation::NewWindow && pages::is_internal(url)
}

/// Decides a navigation of the content view in the session's current mode.
pub fn judge(policy: &Policy, shared: &Shared, url: &str, navigation: Navigation) -> Judgement {
    if navigation == Navigation::NewWindow {
        return Judgement::stop(Some(open(policy, shared, url)));
    }
    let Navigation::InView { patron, redirect } = navigation else { return Judgement::stop(None) };
    if let Some(id) = super::guide::start_request(url) {
        // "Commencer la démarche": only the patron's own click, never a redirect or a frame;
        // the core then checks that the démarche's page was the one on screen.
        let then = (patron && !redirect).then_some(Event::StartDemarche { id });
        return Judgement::stop(then);
    }
    let decision = policy.decide(url, shared.mode());
    match decision.verdict {
        Verdict::Allow if is_forged_message_page(url, shared) => {
            // A web page (or a stale link) naming one of Guichet's message pages: it may not
            // put words in Guichet's mouth.
            Judgement::stop(Some(Event::Refused { host: String::new(), reason: Reason::InternalPage, category: None, shown: false }))
        }
        Verdict::Allow => Judgement { proceed: true, then: None },
        Verdict::Upgrade if patron || redirect => Judgement::stop(Some(match upgraded(url) {
            Some(https) => Event::Load(https),
            None => refused(url, Reason::Unparsable, true),
        })),
        Verdict::Upgrade => Judgement::stop(None),
        Verdict::Block => Judgement::stop(Some(refused_by(url, &decision, patron))),
    }
}

/// The event for an address to show in the view (a new window's target, an advisor's page):
/// load it, its https form, or the refusal.
pub fn open(policy: &Policy, shared: &Shared, url: &str) -> Event {
    if super::guide::start_request(url).is_some() {
        // A new window or an advisor's page cannot start a démarche: only its page can.
        return refused(url, Reason::InternalPage, false);
    }
    let decision = policy.decide(url, shared.mode());
    match decision.verdict {
        Verdict::Allow if is_forged_message_page(url, shared) => refused(url, Reason::InternalPage, false),
        Verdict::Allow => Event::Load(Zeroizing::new(url.to_string())),
        Verdict::Upgrade => match upgraded(url) {
            Some(https) => Event::Load(https),
            None => refused(url, Reason::Unparsable, true),
        },
        Verdict::Block => refused_by(url, &decision, true),
    }
}

fn refused(url: &str, reason: Reason, shown: bool) -> Event {
    Event::Refused { host: host_of(url), reason, category: None, shown }
}

/// A refusal by the policy, with the filtered web's category when that is why.
fn refused_by(url: &str, decision: &Decision, shown: bool) -> Event {
    let category = match decision.detail {
        Detail::Category(id) => Some(id),
        _ => None,
    };
    Event::Refused { host: host_of(url), reason: decision.reason, category, shown }
}

/// The host to name on the blocked page ("" when the address has none).
pub fn host_of(url: &str) -> String {
    Url::parse(url).ok().and_then(|u| u.host_str().map(|h| h.chars().take(200).collect())).unwrap_or_default()
}

fn upgraded(url: &str) -> Option<Zeroizing<String>> {
    Url::parse(url).ok().map(|parsed| Zeroizing::new(https_form(&parsed).into()))
}

/// An internal message page without the ticket Guichet issued for the page on screen.
fn is_forged_message_page(url: &str, shared: &Shared) -> bool {
    let Some(rest) = url.strip_prefix(pages::ORIGIN) else { return false };
    if !rest.starts_with('/') || rest.starts_with("/launcher") {
        return false;
    }
    let Ok(parsed) = Url::parse(url) else { return true };
    match ticket_of(&parsed) {
        Some(ticket) => shared.message(&ticket).is_none_or(|page| page.path() != parsed.path()),
        None => matches!(parsed.path(), "/blocked" | "/unreachable" | "/crashed"),
    }
}
