//! What kind of page an address is (for `ctl status`) and which site name the bar shows for it.

use url::Url;

use super::shared::Shared;
use crate::i18n::Localizer;
use crate::pages;
use crate::policy::Policy;
use crate::status::ViewKind;

/// The kind of page at `url`. Guichet's message pages count only with the ticket on screen;
/// any other internal address is "not found", as the page server answers it.
pub fn kind_of(url: &str, shared: &Shared) -> ViewKind {
    let Ok(parsed) = Url::parse(url) else { return ViewKind::NotFound };
    match parsed.scheme() {
        "http" | "https" => ViewKind::Web,
        "about" => ViewKind::Blank,
        "blob" => ViewKind::Blob,
        "guichet" if format!("guichet://{}", parsed.host_str().unwrap_or_default()) == pages::ORIGIN => {
            match internal_kind(&parsed, shared) {
                Some(kind) => kind,
                None => ViewKind::NotFound,
            }
        }
        _ => ViewKind::NotFound,
    }
}

fn internal_kind(url: &Url, shared: &Shared) -> Option<ViewKind> {
    if let Some(kind) = super::guide::kind_of_path(url.path()) {
        return Some(kind);
    }
    let ticket = ticket_of(url)?;
    let page = shared.message(&ticket)?;
    (page.path() == url.path()).then_some(match page {
        super::MessagePage::Blocked { .. } => ViewKind::Blocked,
        super::MessagePage::Unreachable { .. } => ViewKind::Unreachable,
        super::MessagePage::Crashed { .. } => ViewKind::Crashed,
    })
}

/// The `t` parameter of an internal message page.
pub fn ticket_of(url: &Url) -> Option<String> {
    url.query_pairs().find(|(key, _)| key == "t").map(|(_, value)| value.into_owned())
}

/// The name of the allowlisted service a web address belongs to, else its host.
pub fn site_name(policy: &Policy, url: &Url, mode: crate::policy::Mode) -> String {
    let decision = policy.decide(url.as_str(), mode);
    match decision.rule {
        Some(rule) => policy.rule(rule).name.clone(),
        None => url.host_str().unwrap_or_default().trim_end_matches('.').to_string(),
    }
}

/// What the bar names for a page of kind `kind` at `url`.
pub fn bar_label(kind: ViewKind, url: &str, policy: &Policy, shared: &Shared, l: &Localizer) -> String {
    let parsed = Url::parse(url).ok();
    let web_site = |u: &Url| site_name(policy, u, shared.mode());
    match kind {
        ViewKind::Web => parsed.as_ref().map(web_site).unwrap_or_default(),
        // blob:https://www.caf.fr/1b2c… belongs to the site that made it.
        ViewKind::Blob => parsed
            .and_then(|u| Url::parse(u.path()).ok())
            .filter(|inner| matches!(inner.scheme(), "http" | "https"))
            .map(|inner| l.text_with("bar-site-document", &[("site", web_site(&inner).into())]))
            .unwrap_or_else(|| l.text("bar-site-blank")),
        ViewKind::Blank => l.text("bar-site-blank"),
        ViewKind::Blocked | ViewKind::Unreachable | ViewKind::Crashed => {
            let page = parsed.as_ref().and_then(ticket_of).and_then(|t| shared.message(&t));
            match page {
                Some(super::MessagePage::Blocked { host, .. }) => l.text_with("bar-site-refused", &[("host", host.into())]),
                Some(super::MessagePage::Unreachable { retry, .. } | super::MessagePage::Crashed { retry }) => {
                    Url::parse(&retry).ok().as_ref().map(web_site).unwrap_or_default()
                }
                None => l.text("not-found-title"),
            }
        }
        ViewKind::NotFound => l.text("not-found-title"),
        _ => l.text("bar-no-site"),
    }
}
