//! Démarche files as typed, read key by key: unknown keys refused, every mistake of every entry
//! reported, spans kept for `file:line:column` errors. A key missing or of the wrong type is
//! `None` here and already reported.

use std::ops::Range;

use toml::Spanned;

use super::Theme;
use crate::policy::Mode;
use crate::toml_reader::{Expect, Table};

pub struct RawDemarche {
    pub span: Range<usize>,
    pub id: Option<Spanned<String>>,
    pub theme: Option<Spanned<Theme>>,
    pub modes: Option<Spanned<Vec<Spanned<Mode>>>>,
    pub start: Option<Spanned<String>>,
    pub franceconnect: Option<Spanned<bool>>,
    pub minutes: Option<Spanned<i64>>,
    pub source: Option<Spanned<String>>,
    pub checked: Option<Spanned<String>>,
    pub unverified: Vec<Spanned<String>>,
    pub note: Option<String>,
    /// Language tag → texts. `fr` is required and complete; other languages are optional and
    /// fall back to French for what they leave out.
    pub text: Option<Spanned<Texts>>,
}

/// Each language tag with its texts, in tag order.
pub type Texts = Vec<(Spanned<String>, RawText)>;

pub struct RawText {
    pub span: Range<usize>,
    pub title: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    /// The summary in FALC ("facile à lire et à comprendre"): short sentences, common words.
    pub easy: Option<Spanned<String>>,
    pub for_whom: Option<Spanned<String>>,
    pub keywords: Option<Spanned<Vec<Spanned<String>>>>,
    pub documents: Option<Spanned<Vec<Spanned<String>>>>,
    pub steps: Option<Spanned<Vec<Spanned<String>>>>,
    /// The keys written, whether their values are usable or not: a key of the wrong type is
    /// already reported and must not also be reported as missing.
    pub written: Vec<String>,
}

impl RawDemarche {
    /// Reads every key of one `[[demarche]]` table.
    pub fn read(table: &mut Table<'_, '_>) -> RawDemarche {
        let themes: Vec<(&'static str, Theme)> = Theme::ALL.iter().map(|t| (t.id(), *t)).collect();
        let modes: Vec<(&'static str, Mode)> = Mode::ALL.iter().map(|m| (m.as_str(), *m)).collect();
        RawDemarche {
            span: table.span(),
            id: table.required_text("id", Expect::Text),
            theme: table.required_choice("theme", &themes),
            modes: table.choice_list("modes", &modes),
            start: table.required_text("start", Expect::Address),
            franceconnect: table.required_boolean("franceconnect"),
            minutes: table.required_integer("minutes"),
            source: table.required_text("source", Expect::Address),
            checked: table.required_text("checked", Expect::Text),
            unverified: table.text_list("unverified", Expect::Text).map(Spanned::into_inner).unwrap_or_default(),
            note: table.text_value("note").map(Spanned::into_inner),
            text: table.required_items("text").map(|items| {
                let span = items.span();
                let texts = items
                    .into_inner()
                    .into_iter()
                    .filter_map(|item| {
                        let mut table = item.table()?;
                        Some((item.key().clone(), RawText::read(&mut table)))
                    })
                    .collect();
                Spanned::new(span, texts)
            }),
        }
    }
}

impl RawText {
    pub fn has(&self, key: &str) -> bool {
        self.written.iter().any(|k| k == key)
    }

    fn read(table: &mut Table<'_, '_>) -> RawText {
        RawText {
            written: table.keys(),
            span: table.span(),
            title: table.text_value("title"),
            summary: table.text_value("summary"),
            easy: table.text_value("easy"),
            for_whom: table.text_value("for_whom"),
            keywords: table.text_list("keywords", Expect::Text),
            documents: table.text_list("documents", Expect::Text),
            steps: table.text_list("steps", Expect::Text),
        }
    }
}
