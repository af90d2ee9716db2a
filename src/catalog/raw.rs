//! Démarche files exactly as typed: unknown keys refused, spans kept for `file:line:column` errors.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::Theme;
use crate::policy::Mode;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(default)]
    pub demarche: Vec<Spanned<RawDemarche>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemarche {
    pub id: Spanned<String>,
    pub theme: Spanned<Theme>,
    pub modes: Option<Spanned<Vec<Spanned<Mode>>>>,
    pub start: Spanned<String>,
    pub franceconnect: bool,
    pub minutes: Spanned<i64>,
    pub source: Spanned<String>,
    pub checked: Spanned<String>,
    #[serde(default)]
    pub unverified: Vec<Spanned<String>>,
    pub note: Option<String>,
    /// Language tag → texts. `fr` is required and complete; other languages are optional and
    /// fall back to French for what they leave out.
    pub text: Spanned<BTreeMap<Spanned<String>, Spanned<RawText>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub title: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    /// The summary in FALC ("facile à lire et à comprendre"): short sentences, common words.
    pub easy: Option<Spanned<String>>,
    pub for_whom: Option<Spanned<String>>,
    pub keywords: Option<Spanned<Vec<Spanned<String>>>>,
    pub documents: Option<Spanned<Vec<Spanned<String>>>>,
    pub steps: Option<Spanned<Vec<Spanned<String>>>>,
}
