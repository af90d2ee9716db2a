//! Which policy each mode applies: its allowlist, or the filtered web (the open web minus the
//! blocked UT1 categories, with SafeSearch forced). When the category lists are unavailable, a
//! filtered-web mode refuses every host no allowlist entry covers: it never opens the web unfiltered.

use std::sync::Arc;

use super::Mode;
use crate::lists::{CategoryLists, CategorySet, ListsError};

/// What minors are kept from unless the configuration says otherwise (issue 9): adult content,
/// dating, hate and violence, drugs, gambling, hacking, malware, phishing, cryptojacking,
/// filter bypasses (proxies, DNS over HTTPS, VPN, residential proxies), sects and piracy.
/// `violence` is an alias of `agressif` in UT1.
pub const DEFAULT_BLOCKED: &[&str] = &[
    "adult",
    "mixed_adult",
    "dating",
    "agressif",
    "drogue",
    "gambling",
    "hacking",
    "malware",
    "phishing",
    "cryptojacking",
    "redirector",
    "doh",
    "vpn",
    "residential-proxies",
    "sect",
    "warez",
];

/// One mode's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModePolicy {
    /// Only what an allowlist entry covers (the default for citizen and assisted).
    Allowlist,
    /// Allowlist entries, then the open web minus these categories (the default for minor).
    FilteredWeb { blocked: CategorySet },
}

impl ModePolicy {
    pub fn default_for(mode: Mode) -> ModePolicy {
        match mode {
            Mode::Citizen | Mode::Assisted => ModePolicy::Allowlist,
            // The categories are resolved against the lists when they are loaded.
            Mode::Minor => ModePolicy::FilteredWeb { blocked: CategorySet::EMPTY },
        }
    }
}

/// The policies of all modes and the category lists they share.
#[derive(Debug, Clone)]
pub struct Filtering {
    modes: [ModePolicy; 3],
    lists: Result<Arc<CategoryLists>, Arc<ListsError>>,
}

impl Default for Filtering {
    /// Each mode's default policy, without lists: minor refuses what its allowlist does not cover.
    fn default() -> Self {
        Filtering { modes: Mode::ALL.map(ModePolicy::default_for), lists: Err(Arc::new(ListsError::NotConfigured)) }
    }
}

impl Filtering {
    /// The lists (or why they could not be loaded), with every mode at its default policy.
    pub fn new(lists: Result<Arc<CategoryLists>, ListsError>) -> Self {
        Filtering { lists: lists.map_err(Arc::new), ..Filtering::default() }
    }

    pub fn set(&mut self, mode: Mode, policy: ModePolicy) {
        self.modes[mode as usize] = policy;
    }

    pub fn mode(&self, mode: Mode) -> ModePolicy {
        self.modes[mode as usize]
    }

    pub fn lists(&self) -> Result<&CategoryLists, &ListsError> {
        self.lists.as_deref().map_err(|err| &**err)
    }

    /// Can a session start in this mode? Not when it needs lists that could not be loaded.
    pub fn ready(&self, mode: Mode) -> Result<(), &ListsError> {
        match self.mode(mode) {
            ModePolicy::Allowlist => Ok(()),
            ModePolicy::FilteredWeb { .. } => self.lists().map(drop),
        }
    }
}
