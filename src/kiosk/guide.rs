//! The démarche in progress: which one the patron started from the guide, the step they say they
//! are at, and what the bar and the checklist screen show of it. Learnt from Guichet's own pages
//! only: a start counts when the "Avant de commencer" page of that very démarche is on screen.

use serde::Serialize;
use url::Url;

use crate::catalog::{Catalog, Demarche};
use crate::i18n::Localizer;
use crate::pages;
use crate::policy::Mode;
use crate::status::ViewKind;
use crate::supervisor::link::FromSession;

use crate::pages::{DEMARCHE_PATH, START_PATH};

/// Why a start was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuideError {
    #[error("the guide has no catalogue in this session")]
    NoCatalog,
    #[error("no démarche has this id")]
    UnknownDemarche,
    #[error("this démarche is not offered in the current mode")]
    NotOffered,
    #[error("the démarche's own page was not on screen when it was started")]
    NotFromItsPage,
}

/// The guide's page kinds, by internal path (for `ctl status`).
pub fn kind_of_path(path: &str) -> Option<ViewKind> {
    Some(match path {
        "/launcher" => ViewKind::Launcher,
        "/theme" => ViewKind::Theme,
        DEMARCHE_PATH => ViewKind::Demarche,
        "/missing" => ViewKind::Missing,
        "/search" => ViewKind::Search,
        "/sites" => ViewKind::Sites,
        _ => return None,
    })
}

/// The `id` of `guichet://app/start?id=…`, if `url` is exactly that internal address.
pub fn start_request(url: &str) -> Option<String> {
    internal_id(url, START_PATH)
}

/// The démarche whose "Avant de commencer" page is at `url`.
pub fn demarche_page(url: &str) -> Option<String> {
    internal_id(url, DEMARCHE_PATH)
}

fn internal_id(url: &str, path: &str) -> Option<String> {
    if !pages::is_internal(url) {
        return None;
    }
    let parsed = Url::parse(url).ok()?;
    if parsed.path() != path {
        return None;
    }
    parsed.query_pairs().find(|(key, _)| key == "id").map(|(_, id)| id.chars().take(80).collect())
}

/// The démarche the patron started, and the step they are at (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    id: String,
    step: usize,
    steps: usize,
}

impl Progress {
    /// Checks a start asked for `id` while `on_screen` (the démarche page shown, if any) and
    /// returns the progress and the démarche to open.
    pub fn start<'c>(catalog: Option<&'c Catalog>, id: &str, on_screen: Option<&str>, mode: Mode) -> Result<(Progress, &'c Demarche), GuideError> {
        let catalog = catalog.ok_or(GuideError::NoCatalog)?;
        let demarche = catalog.get(id).ok_or(GuideError::UnknownDemarche)?;
        if !demarche.modes.contains(mode) {
            return Err(GuideError::NotOffered);
        }
        if on_screen != Some(id) {
            return Err(GuideError::NotFromItsPage);
        }
        let steps = demarche.base.steps.len();
        Ok((Progress { id: demarche.id.clone(), step: 0, steps }, demarche))
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn next(&mut self) {
        if self.step + 1 < self.steps {
            self.step += 1;
        }
    }

    pub fn back(&mut self) {
        self.step = self.step.saturating_sub(1);
    }

    /// What the chrome page shows of it, in the session's language.
    pub fn state(&self, catalog: &Catalog, lang: &str, l: &Localizer) -> Option<GuideState> {
        let demarche = catalog.get(&self.id)?;
        let texts = demarche.texts(lang);
        let position = |step: usize| l.text_with("guide-step", &[("step", (step + 1).into()), ("steps", self.steps.into())]);
        Some(GuideState {
            title: texts.title.to_string(),
            step_label: position(self.step),
            step_text: texts.steps.get(self.step).cloned().unwrap_or_default(),
            documents: texts.documents.to_vec(),
            steps: texts.steps.to_vec(),
            current: self.step,
            can_back: self.step > 0,
            can_next: self.step + 1 < self.steps,
        })
    }
}

/// The démarche in progress as the bar's step panel and the checklist screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GuideState {
    pub title: String,
    /// "Étape 2 sur 5".
    pub step_label: String,
    pub step_text: String,
    pub documents: Vec<String>,
    pub steps: Vec<String>,
    pub current: usize,
    pub can_back: bool,
    pub can_next: bool,
}

impl super::Kiosk {
    /// "Commencer la démarche": checked against the catalogue and the page on screen, then the
    /// start page is opened through the policy like any address, and the supervisor counts it.
    pub(super) fn start_demarche(&mut self, id: &str) {
        if !self.in_session() {
            return;
        }
        let started = Progress::start(self.catalog.as_deref(), id, self.demarche_on_screen.as_deref(), self.shared.mode());
        let (progress, start) = match started {
            Ok((progress, demarche)) => (progress, demarche.start.to_string()),
            Err(err) => {
                crate::log::event("session", format_args!("a démarche start was refused: {err}"));
                return;
            }
        };
        match super::navigation::open(&self.policy, &self.shared, &start) {
            super::Event::Load(url) => {
                self.commands.push_back(super::Command::Report(FromSession::DemarcheStarted { id: progress.id().to_string() }));
                self.guide = Some(progress);
                self.load(url);
            }
            super::Event::Refused { host, reason, category, .. } => {
                let category = category.and_then(|id| self.category_label(id));
                self.show(super::MessagePage::Blocked { host, reason, category });
            }
            _ => {}
        }
    }

    /// The bar's step panel and the checklist screen's buttons.
    pub(super) fn guide_command(&mut self, command: super::ChromeCommand) {
        let Some(progress) = self.guide.as_mut() else { return };
        match command {
            super::ChromeCommand::Checklist => self.dialog = Some(super::Dialog::Checklist),
            super::ChromeCommand::StepNext => progress.next(),
            super::ChromeCommand::StepBack => progress.back(),
            _ => {}
        }
    }

    pub(super) fn guide_state(&self, l: &Localizer) -> Option<GuideState> {
        let catalog = self.catalog.as_deref()?;
        self.guide.as_ref()?.state(catalog, &self.shared.lang(), l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_requests_are_exact_internal_addresses() {
        assert_eq!(start_request("guichet://app/start?id=caf-rsa").as_deref(), Some("caf-rsa"));
        assert_eq!(start_request("guichet://app/start"), None);
        assert_eq!(start_request("guichet://app/started?id=caf-rsa"), None);
        assert_eq!(start_request("guichet://evil/start?id=caf-rsa"), None);
        assert_eq!(start_request("https://app/start?id=caf-rsa"), None);
        assert_eq!(demarche_page("guichet://app/demarche?id=ants-cni").as_deref(), Some("ants-cni"));
    }

    #[test]
    fn steps_stay_in_range() {
        let mut progress = Progress { id: "x".into(), step: 0, steps: 2 };
        progress.back();
        assert_eq!(progress.step, 0);
        progress.next();
        progress.next();
        assert_eq!(progress.step, 1);
    }
}
