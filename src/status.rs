//! The words `guichet ctl status` and the supervisor link use for what the patron sees. Typed,
//! so that the supervisor, the session and the tests never compare strings.

use serde::{Deserialize, Serialize};

/// Where the machine stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// The welcome screen: nobody is using the machine.
    Welcome,
    Active,
    /// A countdown (idle or maximum duration) is on screen.
    Warning,
    /// The session is over and its process about to exit.
    Ending,
    /// The last session is being stopped and wiped.
    Wiping,
    /// A wipe failed: no patron may use the machine until it is restarted.
    Unavailable,
}

/// What the patron has on screen. Never an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ViewKind {
    Welcome,
    /// The guide's first screen, "Que voulez-vous faire ?": the themes and the search box.
    Launcher,
    /// The guide: one theme's démarches.
    Theme,
    /// The guide: a démarche's "Avant de commencer" (papers, steps, time).
    Demarche,
    /// The guide: "Je n'ai pas tout" (ask the staff).
    Missing,
    /// The guide: search results (the query itself is never reported).
    Search,
    /// "Tous les sites": the organisations' own tiles.
    Sites,
    /// The démarche in progress over the whole window: its papers and its steps.
    Checklist,
    /// A web page of an allowed site.
    Web,
    /// Guichet's page saying an address was refused.
    Blocked,
    /// Guichet's page saying a site did not answer (or its certificate was not valid).
    Unreachable,
    /// Guichet's page after the web content crashed.
    Crashed,
    /// `about:blank` (or another `about:` page).
    Blank,
    /// A `blob:` page a site made (a document it generated).
    Blob,
    /// An internal address that does not exist.
    NotFound,
    /// Overlays over the whole window.
    Idle,
    ConfirmEnd,
    Menu,
    Files,
    /// "Besoin d'aide ?": what to do when something online frightens or hurts (minor mode).
    Help,
    Unavailable,
    /// The advisor's PIN pad.
    Pin,
    /// The patron reads what assisted mode means and accepts or refuses.
    Consent,
    /// The accessibility panel.
    Accessibility,
    /// Printing: the pages counted, "imprimer ?", or the quota reached.
    Print,
}

impl ViewKind {
    pub fn name(self) -> &'static str {
        match self {
            ViewKind::Welcome => "welcome",
            ViewKind::Launcher => "launcher",
            ViewKind::Theme => "theme",
            ViewKind::Demarche => "demarche",
            ViewKind::Missing => "missing",
            ViewKind::Search => "search",
            ViewKind::Sites => "sites",
            ViewKind::Checklist => "checklist",
            ViewKind::Web => "web",
            ViewKind::Blocked => "blocked",
            ViewKind::Unreachable => "unreachable",
            ViewKind::Crashed => "crashed",
            ViewKind::Blank => "blank",
            ViewKind::Blob => "blob",
            ViewKind::NotFound => "not-found",
            ViewKind::Idle => "idle",
            ViewKind::ConfirmEnd => "confirm-end",
            ViewKind::Menu => "menu",
            ViewKind::Files => "files",
            ViewKind::Help => "help",
            ViewKind::Unavailable => "unavailable",
            ViewKind::Pin => "pin",
            ViewKind::Consent => "consent",
            ViewKind::Accessibility => "accessibility",
            ViewKind::Print => "print",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_their_json() {
        for kind in [ViewKind::Welcome, ViewKind::NotFound, ViewKind::ConfirmEnd, ViewKind::Blob] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.name()));
        }
        assert_eq!(serde_json::to_string(&State::Wiping).unwrap(), "\"wiping\"");
    }
}
