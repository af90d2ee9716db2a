//! Turns démarche files into validated entries, collecting every mistake as `file:line:column`.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use url::Url;

use super::raw::{RawDemarche, RawFile, RawText};
use super::{words, BaseText, Day, Demarche, Field, Translation, BASE_LANGUAGE};
use crate::embedded;
use crate::i18n::EASY_FRENCH;
use crate::policy::{ModeSet, Policy, Reason};
use crate::source::{toml_error, Located, SourceFile};

const MAX_TITLE: usize = 80;
const MAX_SUMMARY: usize = 300;
const MAX_LINE: usize = 160;
const STEPS: Range<usize> = 3..8;
const DOCUMENTS: Range<usize> = 1..13;
const MINUTES: Range<i64> = 1..241;
const KEYWORDS: Range<usize> = 1..101;

/// What can be wrong with an entry. The text says what was found and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("`id` {0:?} is not a valid id: expected lower-case letters, digits and single dashes, such as \"caf-rsa\"")]
    BadId(String),
    #[error("`id` {id:?} is already used at {first}: expected each démarche to have its own id")]
    DuplicateId { id: String, first: String },
    #[error("empty `modes`: expected some of \"citizen\", \"minor\", \"assisted\", or no `modes` key for all three")]
    NoModes,
    #[error("mode `{0}` is listed twice")]
    DuplicateMode(String),
    #[error("`{key}` = {value:?} is not a web address: expected a full https address such as \"https://www.caf.fr/\"")]
    NotHttps { key: &'static str, value: String },
    #[error("the start page `{url}` is not allowed in mode {modes} ({reason}): expected a page the allowlists allow in every mode where the démarche is offered (add its site to an allowlist, or narrow `modes`)")]
    StartRefused { url: String, modes: String, reason: String },
    #[error("`minutes` = {0} is out of range: expected a number of minutes from 1 to 240")]
    Minutes(i64),
    #[error("`checked` = {0:?} is not a day: expected the date the entry was compared with its source, as \"YYYY-MM-DD\"")]
    BadDay(String),
    #[error("{0:?} in `unverified` is not a part of an entry: expected some of {list}", list = Field::ALL.map(|f| format!("\"{f}\"")).join(", "))]
    UnknownField(String),
    #[error("{0:?} is listed twice in `unverified`")]
    DuplicateField(String),
    #[error("no French text: expected a `[demarche.text.fr]` table with title, summary, easy, for_whom, keywords, documents and steps")]
    NoBaseText,
    #[error("no translation for language {tag:?}: expected one of {expected}")]
    UnknownLanguage { tag: String, expected: String },
    #[error("a `[demarche.text.falc]` table: \"Français facile\" shows the French text with its FALC summary; expected that summary as `easy` in `[demarche.text.fr]`")]
    EasyFrenchTable,
    #[error("`[text.{lang}]` has no `{key}`: expected {what}")]
    Missing { lang: String, key: &'static str, what: &'static str },
    #[error("empty `{0}`: expected some text")]
    Empty(&'static str),
    #[error("`{key}` is {length} characters long: expected at most {max}")]
    TooLong { key: &'static str, length: usize, max: usize },
    #[error("`{key}` has {count} items: expected {min} to {max}")]
    Count { key: &'static str, count: usize, min: usize, max: usize },
    #[error("`{key}` has {count} items but the French text has {base}: expected the same items, translated")]
    CountDiffers { key: &'static str, count: usize, base: usize },
    #[error("keyword {0:?} has only common words (such as \"je\", \"de\", \"the\"): expected a word a patron would type")]
    EmptyKeyword(String),
}

/// Validates every file; returns all entries, or every error found.
/// `offered`: the modes this machine offers; start pages are checked in those a démarche is
/// offered in.
pub fn validate_all(files: &[SourceFile], policy: &Policy, offered: ModeSet) -> Result<Vec<Demarche>, Vec<Located>> {
    let mut demarches = Vec::new();
    let mut errors = Vec::new();
    let mut first_use: HashMap<String, String> = HashMap::new();
    for file in files {
        let raw: RawFile = match toml::from_str(file.text()) {
            Ok(raw) => raw,
            Err(err) => {
                errors.push(toml_error(file, &err));
                continue;
            }
        };
        let mut v = Validator { file, policy, offered, errors: Vec::new() };
        for entry in &raw.demarche {
            let id = entry.get_ref().id.get_ref();
            let here = file.location(&entry.get_ref().id.span()).to_string();
            if let Some(first) = first_use.get(id) {
                v.error(entry.get_ref().id.span(), Problem::DuplicateId { id: id.clone(), first: first.clone() });
            } else {
                first_use.insert(id.clone(), here);
            }
            if let Some(demarche) = v.demarche(entry) {
                demarches.push(demarche);
            }
        }
        v.errors.sort_by_key(|e| (e.location.line, e.location.column));
        errors.append(&mut v.errors);
    }
    if errors.is_empty() {
        Ok(demarches)
    } else {
        Err(errors)
    }
}

struct Validator<'a> {
    file: &'a SourceFile,
    policy: &'a Policy,
    offered: ModeSet,
    errors: Vec<Located>,
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, problem: Problem) {
        self.errors.push(self.file.error_at(span, problem.to_string()));
    }

    /// Checks every part, so that one entry reports all its mistakes at once.
    fn demarche(&mut self, entry: &Spanned<RawDemarche>) -> Option<Demarche> {
        let raw = entry.get_ref();
        let before = self.errors.len();
        let id = raw.id.get_ref();
        if !is_valid_id(id) {
            self.error(raw.id.span(), Problem::BadId(id.clone()));
        }
        let modes = self.modes(raw);
        let start = self.https_url("start", &raw.start);
        if let Some(start) = &start {
            self.start_allowed(start, modes, raw.start.span());
        }
        let source = self.https_url("source", &raw.source);
        let minutes = match *raw.minutes.get_ref() {
            n if MINUTES.contains(&n) => u16::try_from(n).ok(),
            n => {
                self.error(raw.minutes.span(), Problem::Minutes(n));
                None
            }
        };
        let checked = Day::parse(raw.checked.get_ref());
        if checked.is_none() {
            self.error(raw.checked.span(), Problem::BadDay(raw.checked.get_ref().clone()));
        }
        let unverified = self.unverified(&raw.unverified);
        let (base, translations) = self.texts(raw);
        if self.errors.len() > before {
            return None;
        }
        Some(Demarche {
            id: id.clone(),
            theme: *raw.theme.get_ref(),
            modes,
            start: start?,
            franceconnect: raw.franceconnect,
            minutes: minutes?,
            source: source?,
            checked: checked?,
            unverified,
            note: raw.note.clone(),
            base: base?,
            translations,
            origin: self.file.location(&entry.span()),
        })
    }

    fn modes(&mut self, raw: &RawDemarche) -> ModeSet {
        let Some(list) = &raw.modes else { return ModeSet::ALL };
        if list.get_ref().is_empty() {
            self.error(list.span(), Problem::NoModes);
        }
        let mut seen = Vec::new();
        for mode in list.get_ref() {
            if seen.contains(mode.get_ref()) {
                self.error(mode.span(), Problem::DuplicateMode(mode.get_ref().to_string()));
            }
            seen.push(*mode.get_ref());
        }
        ModeSet::from_modes(seen)
    }

    fn https_url(&mut self, key: &'static str, value: &Spanned<String>) -> Option<Url> {
        match Url::parse(value.get_ref()) {
            Ok(url) if url.scheme() == "https" && url.host().is_some() => Some(url),
            _ => {
                self.error(value.span(), Problem::NotHttps { key, value: value.get_ref().clone() });
                None
            }
        }
    }

    /// The real policy decides: a démarche never sends a patron to a page the kiosk would block.
    /// One error per reason, naming the modes it applies to.
    fn start_allowed(&mut self, start: &Url, modes: ModeSet, span: Range<usize>) {
        let mut refused: Vec<(Reason, Vec<String>)> = Vec::new();
        for mode in modes.iter().filter(|m| self.offered.contains(*m)) {
            let decision = self.policy.decide(start.as_str(), mode);
            if decision.is_allowed() {
                continue;
            }
            match refused.iter_mut().find(|(reason, _)| *reason == decision.reason) {
                Some((_, modes)) => modes.push(format!("`{mode}`")),
                None => refused.push((decision.reason, vec![format!("`{mode}`")])),
            }
        }
        for (reason, modes) in refused {
            let problem = Problem::StartRefused { url: start.to_string(), modes: modes.join(", "), reason: reason.to_string() };
            self.error(span.clone(), problem);
        }
    }

    fn unverified(&mut self, raw: &[Spanned<String>]) -> Vec<Field> {
        let mut fields = Vec::new();
        for name in raw {
            match Field::ALL.into_iter().find(|f| f.key() == name.get_ref()) {
                None => self.error(name.span(), Problem::UnknownField(name.get_ref().clone())),
                Some(field) if fields.contains(&field) => self.error(name.span(), Problem::DuplicateField(name.get_ref().clone())),
                Some(field) => fields.push(field),
            }
        }
        fields
    }

    fn texts(&mut self, raw: &RawDemarche) -> (Option<BaseText>, Vec<Translation>) {
        let shipped: Vec<&str> = embedded::locale_names().collect();
        let mut base = None;
        let mut translations = Vec::new();
        // French first: the other languages are compared with it.
        let base_entry = raw.text.get_ref().iter().find(|(tag, _)| tag.get_ref() == BASE_LANGUAGE);
        match base_entry {
            None => self.error(raw.text.span(), Problem::NoBaseText),
            Some((_, text)) => base = self.base_text(text),
        }
        for (tag, text) in raw.text.get_ref() {
            let lang = tag.get_ref();
            if lang == BASE_LANGUAGE {
                continue;
            }
            if lang == EASY_FRENCH {
                self.error(tag.span(), Problem::EasyFrenchTable);
                continue;
            }
            if !shipped.contains(&lang.as_str()) {
                let expected = shipped.iter().filter(|l| **l != EASY_FRENCH).map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ");
                self.error(tag.span(), Problem::UnknownLanguage { tag: lang.clone(), expected });
                continue;
            }
            if let Some(translation) = self.translation(lang, text, base.as_ref()) {
                translations.push(translation);
            }
        }
        (base, translations)
    }

    fn base_text(&mut self, text: &Spanned<RawText>) -> Option<BaseText> {
        let raw = text.get_ref();
        let lang = BASE_LANGUAGE;
        let title = self.line(lang, "title", &raw.title, MAX_TITLE, text.span());
        let summary = self.line(lang, "summary", &raw.summary, MAX_SUMMARY, text.span());
        let easy = self.line(lang, "easy", &raw.easy, MAX_SUMMARY, text.span());
        let for_whom = self.line(lang, "for_whom", &raw.for_whom, MAX_SUMMARY, text.span());
        let keywords = self.keywords(lang, &raw.keywords, text.span());
        let documents = self.list(lang, "documents", &raw.documents, DOCUMENTS, None, text.span());
        let steps = self.list(lang, "steps", &raw.steps, STEPS, None, text.span());
        Some(BaseText { title: title?, summary: summary?, easy: easy?, for_whom: for_whom?, keywords: keywords?, documents: documents?, steps: steps? })
    }

    fn translation(&mut self, lang: &str, text: &Spanned<RawText>, base: Option<&BaseText>) -> Option<Translation> {
        let raw = text.get_ref();
        let title = self.line(lang, "title", &raw.title, MAX_TITLE, text.span());
        let summary = self.line(lang, "summary", &raw.summary, MAX_SUMMARY, text.span());
        let keywords = self.keywords(lang, &raw.keywords, text.span());
        let easy = raw.easy.as_ref().and_then(|_| self.line(lang, "easy", &raw.easy, MAX_SUMMARY, text.span()));
        let for_whom = raw.for_whom.as_ref().and_then(|_| self.line(lang, "for_whom", &raw.for_whom, MAX_SUMMARY, text.span()));
        let documents = raw.documents.as_ref().and_then(|_| {
            self.list(lang, "documents", &raw.documents, DOCUMENTS, base.map(|b| b.documents.len()), text.span())
        });
        let steps = raw.steps.as_ref().and_then(|_| self.list(lang, "steps", &raw.steps, STEPS, base.map(|b| b.steps.len()), text.span()));
        Some(Translation { lang: lang.to_string(), title: title?, summary: summary?, keywords: keywords?, easy, for_whom, documents, steps })
    }

    /// A required piece of text of at most `max` characters.
    fn line(&mut self, lang: &str, key: &'static str, value: &Option<Spanned<String>>, max: usize, table: Range<usize>) -> Option<String> {
        let Some(value) = value else {
            let what = match key {
                "title" => "a short title, such as \"Demander le RSA\"",
                "summary" => "one or two sentences in plain words",
                "easy" => "the summary in FALC: short sentences, common words",
                _ => "who the démarche is for",
            };
            self.error(table, Problem::Missing { lang: lang.to_string(), key, what });
            return None;
        };
        self.checked_text(key, value, max)
    }

    fn checked_text(&mut self, key: &'static str, value: &Spanned<String>, max: usize) -> Option<String> {
        let text = value.get_ref().trim();
        let length = text.chars().count();
        if text.is_empty() {
            self.error(value.span(), Problem::Empty(key));
            None
        } else if length > max {
            self.error(value.span(), Problem::TooLong { key, length, max });
            None
        } else {
            Some(text.to_string())
        }
    }

    fn keywords(&mut self, lang: &str, value: &Option<Spanned<Vec<Spanned<String>>>>, table: Range<usize>) -> Option<Vec<String>> {
        let list = self.list(lang, "keywords", value, KEYWORDS, None, table);
        let mut ok = list.is_some();
        for item in value.iter().flat_map(|v| v.get_ref()) {
            let keyword = item.get_ref().trim();
            if !keyword.is_empty() && words::terms(keyword, lang).is_empty() {
                self.error(item.span(), Problem::EmptyKeyword(keyword.to_string()));
                ok = false;
            }
        }
        list.filter(|_| ok)
    }

    /// A required list with `count` items (or exactly `same_as` when given).
    fn list(
        &mut self,
        lang: &str,
        key: &'static str,
        value: &Option<Spanned<Vec<Spanned<String>>>>,
        count: Range<usize>,
        same_as: Option<usize>,
        table: Range<usize>,
    ) -> Option<Vec<String>> {
        let Some(value) = value else {
            let what = match key {
                "documents" => "the papers to have at hand, as a checklist",
                "steps" => "3 to 7 short steps",
                _ => "words and phrases patrons type, abbreviations and common misspellings included",
            };
            self.error(table, Problem::Missing { lang: lang.to_string(), key, what });
            return None;
        };
        let items = value.get_ref();
        let mut ok = true;
        match same_as {
            Some(base) if base != items.len() => {
                self.error(value.span(), Problem::CountDiffers { key, count: items.len(), base });
                ok = false;
            }
            None if !count.contains(&items.len()) => {
                let max = count.end - 1;
                self.error(value.span(), Problem::Count { key, count: items.len(), min: count.start, max });
                ok = false;
            }
            _ => {}
        }
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            match self.checked_text(key, item, MAX_LINE) {
                Some(text) => texts.push(text),
                None => ok = false,
            }
        }
        ok.then_some(texts)
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 60
        && id.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("caf-rsa"));
        assert!(is_valid_id("ants-cni-2"));
        for bad in ["", "CAF", "caf--rsa", "-caf", "caf_rsa", "caf rsa", "é"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }
}
