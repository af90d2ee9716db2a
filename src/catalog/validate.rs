//! Turns démarche files into validated entries, collecting every mistake as `file:line:column`.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use url::Url;

use super::raw::{RawDemarche, RawText, Texts};
use super::{words, BaseText, Day, Demarche, Field, Translation, BASE_LANGUAGE};
use crate::embedded;
use crate::i18n::EASY_FRENCH;
use crate::i18n::staff::Message;
use crate::policy::{ModeSet, Policy, Reason};
use crate::source::{Located, SourceFile};
use crate::staff;
use crate::toml_reader::Sink;

const MAX_TITLE: usize = 80;
const MAX_SUMMARY: usize = 300;
const MAX_LINE: usize = 160;
const STEPS: Range<usize> = 3..8;
const DOCUMENTS: Range<usize> = 1..13;
const MINUTES: Range<i64> = 1..241;
const KEYWORDS: Range<usize> = 1..101;

/// What can be wrong with an entry. The message says what was found and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    BadId(String),
    DuplicateId { id: String, first: String },
    NoModes,
    DuplicateMode(String),
    NotHttps { key: &'static str, value: String },
    StartRefused { url: String, modes: String, reason: String },
    Minutes(i64),
    BadDay(String),
    UnknownField(String),
    DuplicateField(String),
    NoBaseText,
    UnknownLanguage { tag: String, expected: String },
    EasyFrenchTable,
    Missing { lang: String, key: &'static str },
    Empty(&'static str),
    TooLong { key: &'static str, length: usize, max: usize },
    Count { key: &'static str, count: usize, min: usize, max: usize },
    CountDiffers { key: &'static str, count: usize, base: usize },
    EmptyKeyword(String),
}

impl Problem {
    pub fn message(&self) -> Message {
        match self {
            Problem::BadId(id) => staff!("demarche-bad-id", id = format!("{id:?}")),
            Problem::DuplicateId { id, first } => staff!("demarche-duplicate-id", id = format!("{id:?}"), first = first),
            Problem::NoModes => staff!("demarche-no-modes"),
            Problem::DuplicateMode(mode) => staff!("demarche-duplicate-mode", mode = mode),
            Problem::NotHttps { key, value } => staff!("demarche-not-https", key = *key, value = format!("{value:?}")),
            Problem::StartRefused { url, modes, reason } => staff!("demarche-start-refused", url = url, modes = modes, reason = reason),
            Problem::Minutes(n) => staff!("demarche-minutes", minutes = n.to_string()),
            Problem::BadDay(day) => staff!("demarche-bad-day", day = format!("{day:?}")),
            Problem::UnknownField(name) => staff!(
                "demarche-unknown-field",
                name = format!("{name:?}"),
                fields = Field::ALL.map(|f| format!("\"{f}\"")).join(", ")
            ),
            Problem::DuplicateField(name) => staff!("demarche-duplicate-field", name = format!("{name:?}")),
            Problem::NoBaseText => staff!("demarche-no-french"),
            Problem::UnknownLanguage { tag, expected } => staff!("demarche-unknown-language", tag = format!("{tag:?}"), expected = expected),
            Problem::EasyFrenchTable => staff!("demarche-easy-french-table"),
            Problem::Missing { lang, key } => {
                let what = match *key {
                    "title" => staff!("demarche-what-title"),
                    "summary" => staff!("demarche-what-summary"),
                    "easy" => staff!("demarche-what-easy"),
                    "for_whom" => staff!("demarche-what-for-whom"),
                    "documents" => staff!("demarche-what-documents"),
                    "steps" => staff!("demarche-what-steps"),
                    _ => staff!("demarche-what-keywords"),
                };
                staff!("demarche-missing", lang = lang, key = *key, what = what)
            }
            Problem::Empty(key) => staff!("demarche-empty", key = *key),
            Problem::TooLong { key, length, max } => staff!("demarche-too-long", key = *key, length = *length, max = *max),
            Problem::Count { key, count, min, max } => staff!("demarche-count", key = *key, count = *count, min = *min, max = *max),
            Problem::CountDiffers { key, count, base } => staff!("demarche-count-differs", key = *key, count = *count, base = *base),
            Problem::EmptyKeyword(keyword) => staff!("demarche-empty-keyword", keyword = format!("{keyword:?}")),
        }
    }
}

/// Validates every file; returns all entries, or every error found.
/// `offered`: the modes this machine offers; start pages are checked in those a démarche is
/// offered in.
pub fn validate_all(files: &[SourceFile], policy: Option<&Policy>, offered: ModeSet) -> Result<Vec<Demarche>, Vec<Located>> {
    let mut demarches = Vec::new();
    let mut errors = Vec::new();
    let mut first_use: HashMap<String, String> = HashMap::new();
    for file in files {
        let sink = Sink::new(file);
        if let Some(document) = sink.parse() {
            let mut root = sink.root(&document);
            let mut tables = root.tables("demarche");
            drop(root);
            let entries: Vec<RawDemarche> = tables.iter_mut().map(RawDemarche::read).collect();
            drop(tables);
            let mut v = Validator { sink: &sink, policy, offered };
            for entry in &entries {
                if let Some(id) = &entry.id {
                    let here = file.location(&id.span()).to_string();
                    match first_use.get(id.get_ref()) {
                        Some(first) => v.error(id.span(), Problem::DuplicateId { id: id.get_ref().clone(), first: first.clone() }),
                        None => {
                            first_use.insert(id.get_ref().clone(), here);
                        }
                    }
                }
                if let Some(demarche) = v.demarche(entry) {
                    demarches.push(demarche);
                }
            }
        }
        errors.extend(sink.into_errors());
    }
    if errors.is_empty() {
        Ok(demarches)
    } else {
        Err(errors)
    }
}

/// Checks entries of one file. Without a policy (the allowlists have errors), start pages are
/// not checked against it: the rest still is.
struct Validator<'a, 'f> {
    sink: &'a Sink<'f>,
    policy: Option<&'a Policy>,
    offered: ModeSet,
}

impl Validator<'_, '_> {
    fn error(&mut self, span: Range<usize>, problem: Problem) {
        self.sink.error(span, problem.message());
    }

    /// Checks every part, so that one entry reports all its mistakes at once.
    fn demarche(&mut self, raw: &RawDemarche) -> Option<Demarche> {
        let before = self.sink.error_count();
        if let Some(id) = &raw.id {
            if !is_valid_id(id.get_ref()) {
                self.error(id.span(), Problem::BadId(id.get_ref().clone()));
            }
        }
        let modes = self.modes(raw);
        let start = raw.start.as_ref().and_then(|start| self.https_url("start", start));
        if let (Some(start), Some(raw_start)) = (&start, &raw.start) {
            self.start_allowed(start, modes, raw_start.span());
        }
        let source = raw.source.as_ref().and_then(|source| self.https_url("source", source));
        let minutes = raw.minutes.as_ref().and_then(|minutes| match *minutes.get_ref() {
            n if MINUTES.contains(&n) => u16::try_from(n).ok(),
            n => {
                self.error(minutes.span(), Problem::Minutes(n));
                None
            }
        });
        let checked = raw.checked.as_ref().and_then(|checked| {
            let day = Day::parse(checked.get_ref());
            if day.is_none() {
                self.error(checked.span(), Problem::BadDay(checked.get_ref().clone()));
            }
            day
        });
        let unverified = self.unverified(&raw.unverified);
        let (base, translations) = match &raw.text {
            Some(text) => self.texts(text),
            None => (None, Vec::new()),
        };
        if self.sink.error_count() > before {
            return None;
        }
        Some(Demarche {
            id: raw.id.as_ref()?.get_ref().clone(),
            theme: *raw.theme.as_ref()?.get_ref(),
            modes,
            start: start?,
            franceconnect: *raw.franceconnect.as_ref()?.get_ref(),
            minutes: minutes?,
            source: source?,
            checked: checked?,
            unverified,
            note: raw.note.clone(),
            base: base?,
            translations,
            origin: self.sink.file().location(&raw.span),
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
        let Some(policy) = self.policy else { return };
        for mode in modes.iter().filter(|m| self.offered.contains(*m)) {
            let decision = policy.decide(start.as_str(), mode);
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

    fn texts(&mut self, text: &Spanned<Texts>) -> (Option<BaseText>, Vec<Translation>) {
        let shipped: Vec<&str> = embedded::locale_names().collect();
        let mut base = None;
        let mut translations = Vec::new();
        // French first: the other languages are compared with it.
        let base_entry = text.get_ref().iter().find(|(tag, _)| tag.get_ref() == BASE_LANGUAGE);
        match base_entry {
            None => self.error(text.span(), Problem::NoBaseText),
            Some((_, raw)) => base = self.base_text(raw),
        }
        for (tag, raw) in text.get_ref() {
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
            if let Some(translation) = self.translation(lang, raw, base.as_ref()) {
                translations.push(translation);
            }
        }
        (base, translations)
    }

    fn base_text(&mut self, raw: &RawText) -> Option<BaseText> {
        let lang = BASE_LANGUAGE;
        let title = self.line(lang, "title", &raw.title, MAX_TITLE, raw);
        let summary = self.line(lang, "summary", &raw.summary, MAX_SUMMARY, raw);
        let easy = self.line(lang, "easy", &raw.easy, MAX_SUMMARY, raw);
        let for_whom = self.line(lang, "for_whom", &raw.for_whom, MAX_SUMMARY, raw);
        let keywords = self.keywords(lang, &raw.keywords, raw);
        let documents = self.list(lang, "documents", &raw.documents, DOCUMENTS, None, raw);
        let steps = self.list(lang, "steps", &raw.steps, STEPS, None, raw);
        Some(BaseText { title: title?, summary: summary?, easy: easy?, for_whom: for_whom?, keywords: keywords?, documents: documents?, steps: steps? })
    }

    fn translation(&mut self, lang: &str, raw: &RawText, base: Option<&BaseText>) -> Option<Translation> {
        let title = self.line(lang, "title", &raw.title, MAX_TITLE, raw);
        let summary = self.line(lang, "summary", &raw.summary, MAX_SUMMARY, raw);
        let keywords = self.keywords(lang, &raw.keywords, raw);
        let easy = raw.easy.as_ref().and_then(|_| self.line(lang, "easy", &raw.easy, MAX_SUMMARY, raw));
        let for_whom = raw.for_whom.as_ref().and_then(|_| self.line(lang, "for_whom", &raw.for_whom, MAX_SUMMARY, raw));
        let documents = raw.documents.as_ref().and_then(|_| {
            self.list(lang, "documents", &raw.documents, DOCUMENTS, base.map(|b| b.documents.len()), raw)
        });
        let steps = raw.steps.as_ref().and_then(|_| self.list(lang, "steps", &raw.steps, STEPS, base.map(|b| b.steps.len()), raw));
        Some(Translation { lang: lang.to_string(), title: title?, summary: summary?, keywords: keywords?, easy, for_whom, documents, steps })
    }

    /// A required piece of text of at most `max` characters. Missing is reported at the
    /// table's start, unless the key was written with a value of the wrong type (already reported).
    fn line(&mut self, lang: &str, key: &'static str, value: &Option<Spanned<String>>, max: usize, table: &RawText) -> Option<String> {
        let Some(value) = value else {
            if !table.has(key) {
                self.error(table.span.clone(), Problem::Missing { lang: lang.to_string(), key });
            }
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

    fn keywords(&mut self, lang: &str, value: &Option<Spanned<Vec<Spanned<String>>>>, table: &RawText) -> Option<Vec<String>> {
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
        table: &RawText,
    ) -> Option<Vec<String>> {
        let Some(value) = value else {
            if !table.has(key) {
                self.error(table.span.clone(), Problem::Missing { lang: lang.to_string(), key });
            }
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
