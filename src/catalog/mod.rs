//! The démarche catalogue: what patrons come to do, the papers to bring, the steps, and where to
//! start. Read from data files (shipped ones and a staff folder), validated against the policy.

mod raw;
pub mod search;
mod validate;
pub mod words;

use std::fmt;

use url::Url;

pub use crate::day::Day;
use crate::i18n::EASY_FRENCH;
use crate::policy::{Mode, ModeSet, Policy};
use crate::source::{Located, Location, SourceFile};
pub use search::Hit;
pub use validate::Problem;

/// The language every démarche is written in completely; others fall back to it.
pub const BASE_LANGUAGE: &str = "fr";

/// The large buttons of "Que voulez-vous faire ?". Ten at most, so that all fit on one screen:
/// the type itself keeps that promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Theme {
    Papiers,
    Famille,
    Social,
    Travail,
    Logement,
    Transports,
    Argent,
    Sante,
    Retraite,
    Etranger,
}

impl Theme {
    pub const ALL: [Theme; 10] = [
        Theme::Papiers,
        Theme::Famille,
        Theme::Social,
        Theme::Travail,
        Theme::Logement,
        Theme::Transports,
        Theme::Argent,
        Theme::Sante,
        Theme::Retraite,
        Theme::Etranger,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Theme::Papiers => "papiers",
            Theme::Famille => "famille",
            Theme::Social => "social",
            Theme::Travail => "travail",
            Theme::Logement => "logement",
            Theme::Transports => "transports",
            Theme::Argent => "argent",
            Theme::Sante => "sante",
            Theme::Retraite => "retraite",
            Theme::Etranger => "etranger",
        }
    }

    /// The name of the pictogram drawn on the theme's button (the drawings: `src/pages/guide.rs`).
    pub fn pictogram(self) -> &'static str {
        match self {
            Theme::Papiers => "id-card",
            Theme::Famille => "family",
            Theme::Social => "helping-hand",
            Theme::Travail => "briefcase",
            Theme::Logement => "house",
            Theme::Transports => "car",
            Theme::Argent => "coins",
            Theme::Sante => "health",
            Theme::Retraite => "walking-stick",
            Theme::Etranger => "globe",
        }
    }
}

/// The parts of an entry that its author could not confirm, named in `unverified = [...]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Start,
    Franceconnect,
    Minutes,
    ForWhom,
    Documents,
    Steps,
    Summary,
}

impl Field {
    pub const ALL: [Field; 7] =
        [Field::Start, Field::Franceconnect, Field::Minutes, Field::ForWhom, Field::Documents, Field::Steps, Field::Summary];

    pub fn key(self) -> &'static str {
        match self {
            Field::Start => "start",
            Field::Franceconnect => "franceconnect",
            Field::Minutes => "minutes",
            Field::ForWhom => "for_whom",
            Field::Documents => "documents",
            Field::Steps => "steps",
            Field::Summary => "summary",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The French text of an entry: every part present.
#[derive(Debug, Clone)]
pub struct BaseText {
    pub title: String,
    pub summary: String,
    /// The summary in FALC (facile à lire et à comprendre).
    pub easy: String,
    pub for_whom: String,
    pub keywords: Vec<String>,
    pub documents: Vec<String>,
    pub steps: Vec<String>,
}

/// Another language: title, summary and keywords required, the rest falls back to French.
/// When present, `documents` and `steps` have as many items as the French ones.
#[derive(Debug, Clone)]
pub struct Translation {
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub keywords: Vec<String>,
    pub easy: Option<String>,
    pub for_whom: Option<String>,
    pub documents: Option<Vec<String>>,
    pub steps: Option<Vec<String>>,
}

/// One validated démarche.
#[derive(Debug, Clone)]
pub struct Demarche {
    pub id: String,
    pub theme: Theme,
    /// Where it is offered; its start page is allowed in each of these modes.
    pub modes: ModeSet,
    pub start: Url,
    pub franceconnect: bool,
    /// A typical time at the computer, with the papers at hand.
    pub minutes: u16,
    /// The page the entry was written from, and the day it was last compared with it.
    pub source: Url,
    pub checked: Day,
    pub unverified: Vec<Field>,
    /// For staff only.
    pub note: Option<String>,
    pub base: BaseText,
    pub translations: Vec<Translation>,
    pub origin: Location,
}

/// An entry's texts in one language, French filling the gaps.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub easy: &'a str,
    pub for_whom: &'a str,
    pub keywords: &'a [String],
    pub documents: &'a [String],
    pub steps: &'a [String],
}

impl Demarche {
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// The texts in `lang`. "Français facile" reads the French text with the FALC summary in
    /// place of the summary. A translation without its own `easy` shows its summary there,
    /// never the French one.
    pub fn texts(&self, lang: &str) -> Texts<'_> {
        let base = &self.base;
        if lang == EASY_FRENCH {
            return Texts { summary: &base.easy, ..self.texts(BASE_LANGUAGE) };
        }
        match self.translation(lang) {
            None => Texts {
                title: &base.title,
                summary: &base.summary,
                easy: &base.easy,
                for_whom: &base.for_whom,
                keywords: &base.keywords,
                documents: &base.documents,
                steps: &base.steps,
            },
            Some(t) => Texts {
                title: &t.title,
                summary: &t.summary,
                easy: t.easy.as_deref().unwrap_or(&t.summary),
                for_whom: t.for_whom.as_deref().unwrap_or(&base.for_whom),
                keywords: &t.keywords,
                documents: t.documents.as_deref().unwrap_or(&base.documents),
                steps: t.steps.as_deref().unwrap_or(&base.steps),
            },
        }
    }

    /// The language `field` of `texts(lang)` is written in (as a tag): `lang`'s own, or French
    /// where the translation leaves it out (or there is none). `Field::Summary` stands for the
    /// title and the summaries, which a translation always has.
    pub fn language_of(&self, lang: &str, field: Field) -> &str {
        let Some(t) = self.translation(lang) else { return BASE_LANGUAGE };
        let own = match field {
            Field::ForWhom => t.for_whom.is_some(),
            Field::Documents => t.documents.is_some(),
            Field::Steps => t.steps.is_some(),
            Field::Summary | Field::Start | Field::Franceconnect | Field::Minutes => true,
        };
        if own { &t.lang } else { BASE_LANGUAGE }
    }

    pub fn is_unverified(&self, field: Field) -> bool {
        self.unverified.contains(&field)
    }
}

/// The validated catalogue and its search index. Built once; searching only borrows it.
#[derive(Debug)]
pub struct Catalog {
    demarches: Vec<Demarche>,
    index: search::Index,
}

impl Catalog {
    /// Validates every entry of every file (shipped first, then the staff's) and reports every
    /// error found, in file order; a catalogue with any error is not loaded at all.
    /// Validates `files`; start pages are checked against `policy` in the `offered` modes.
    pub fn build(files: &[SourceFile], policy: &Policy, offered: crate::policy::ModeSet) -> Result<Catalog, Vec<Located>> {
        let demarches = validate::validate_all(files, Some(policy), offered)?;
        Ok(Catalog::from_demarches(demarches))
    }

    /// Every error of the files except those about start pages, which need the allowlists:
    /// `guichet config check` reports these when the allowlists themselves have errors.
    pub fn check_without_policy(files: &[SourceFile], offered: crate::policy::ModeSet) -> Vec<Located> {
        validate::validate_all(files, None, offered).err().unwrap_or_default()
    }

    /// The shipped files, as compiled into the binary.
    pub fn builtin_files() -> Vec<SourceFile> {
        crate::embedded::DEMARCHES.iter().map(|(name, text)| SourceFile::new(*name, *text)).collect()
    }

    /// An already validated set (benchmarks replicate the catalogue this way).
    pub fn from_demarches(demarches: Vec<Demarche>) -> Catalog {
        let index = search::Index::new(&demarches);
        Catalog { demarches, index }
    }

    pub fn demarches(&self) -> &[Demarche] {
        &self.demarches
    }

    pub fn get(&self, id: &str) -> Option<&Demarche> {
        self.demarches.iter().find(|d| d.id == id)
    }

    /// Languages the search can be asked in: every language some entry is written in, and
    /// "Français facile" (the French text, whose FALC summaries every entry has).
    pub fn languages(&self) -> Vec<&str> {
        let mut languages = vec![BASE_LANGUAGE, EASY_FRENCH];
        for d in &self.demarches {
            for t in &d.translations {
                if !languages.contains(&t.lang.as_str()) {
                    languages.push(&t.lang);
                }
            }
        }
        languages
    }

    /// The entries that match `query` in language `lang`, best first.
    pub fn search(&self, query: &str, lang: &str) -> Vec<Hit> {
        // "Français facile" searches French words.
        self.index.search(query, crate::i18n::tag(lang))
    }

    /// The same, keeping only the démarches offered in `mode` (what the patron's guide shows).
    pub fn search_offered(&self, query: &str, lang: &str, mode: Mode) -> Vec<Hit> {
        let mut hits = self.search(query, lang);
        hits.retain(|hit| self.demarches[hit.demarche].modes.contains(mode));
        hits
    }

    /// A theme's démarches offered in `mode`, in catalogue order (the guide's second screen).
    pub fn in_theme(&self, theme: Theme, mode: Mode) -> impl Iterator<Item = &Demarche> {
        self.demarches.iter().filter(move |d| d.theme == theme && d.modes.contains(mode))
    }
}
