//! Reads the TOML files staff write key by key, so that one mistake never hides the next:
//! serde stops at the first unknown key or wrong type of a table; this collects them all
//! (unknown keys, wrong types, missing keys, values that are not one of the choices).
//!
//! A [`Table`] remembers the keys it was asked for and, when dropped, reports every other key
//! of the file's table as unknown: a key the code forgot to read can never slip through.

use std::cell::RefCell;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

mod words;

use crate::i18n::staff::Message;
use crate::source::{Located, SourceFile};
use crate::staff;
pub use words::{closest, Expect};
use words::{found, syntax_message, Place, Syntax};

/// Where the errors of one file are collected.
pub struct Sink<'f> {
    file: &'f SourceFile,
    errors: RefCell<Vec<Located>>,
}

impl<'f> Sink<'f> {
    pub fn new(file: &'f SourceFile) -> Self {
        Sink { file, errors: RefCell::new(Vec::new()) }
    }

    pub fn file(&self) -> &'f SourceFile {
        self.file
    }

    pub fn error(&self, span: Range<usize>, message: Message) {
        self.errors.borrow_mut().push(self.file.error_at(span, message));
    }

    pub fn error_count(&self) -> usize {
        self.errors.borrow().len()
    }

    /// Every error found, in the order of the file.
    pub fn into_errors(self) -> Vec<Located> {
        let mut errors = self.errors.into_inner();
        errors.sort_by_key(|e| (e.location.line, e.location.column));
        errors
    }

    /// Parses the file, reporting its syntax errors. The shape of a file with syntax errors
    /// is checked only when they are all keys given twice: after any other, the parser could
    /// only guess what was meant, and the guess would bring errors of its own. For the same
    /// reason the syntax errors stop at the first list left open, since what follows is read
    /// as part of it.
    pub fn parse(&self) -> Option<Spanned<DeTable<'f>>> {
        let (table, mut errors) = DeTable::parse_recoverable(self.file.text());
        errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        let mut only_duplicates = true;
        for error in &errors {
            let (message, kind) = syntax_message(error.message());
            let span = error.span().unwrap_or(0..0);
            match kind {
                Syntax::Duplicate => self.error(span, message),
                Syntax::Local => {
                    self.error(span, message);
                    only_duplicates = false;
                }
                Syntax::SwallowsWhatFollows => {
                    // The parser notices on a later line; the mistake is where the list opens.
                    let start = open_list_before(self.file.text(), span.start).unwrap_or(span.start);
                    self.error(start..start, message);
                    only_duplicates = false;
                    break;
                }
            }
        }
        only_duplicates.then_some(table)
    }

    /// The root table of a parsed file.
    pub fn root<'a>(&'a self, table: &'a Spanned<DeTable<'f>>) -> Table<'a, 'f> {
        Table::new(self, table.get_ref(), table.span(), Place::Root)
    }

    /// The text of a span as typed, on one line and short enough to quote in a message.
    fn shown(&self, span: &Range<usize>) -> String {
        let text = self.file.text().get(span.clone()).unwrap_or_default();
        let first_line = text.lines().next().unwrap_or_default().trim_end();
        let mut shown: String = first_line.chars().take(60).collect();
        if shown.len() < text.trim_end().len() {
            shown.push('…');
        }
        shown
    }
}

/// Where the list still open at `offset` starts, when it starts on an earlier line: the last
/// `[` before `offset` that is not a section header (which starts its line).
fn open_list_before(text: &str, offset: usize) -> Option<usize> {
    let before = text.get(..offset)?;
    let line_start = |i: usize| before[..i].rfind('\n').map_or(0, |n| n + 1);
    let start = before.rmatch_indices('[').map(|(i, _)| i).find(|&i| !before[line_start(i)..i].trim().is_empty())?;
    (line_start(start) != line_start(offset.min(before.len()))).then_some(start)
}

/// How a key the code reads is shown in the list of known keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Value,
    Section,
    Sections,
}

/// One table of the file. Ask for each key it may hold; on drop, the others are reported.
pub struct Table<'a, 'f> {
    sink: &'a Sink<'f>,
    entries: &'a DeTable<'f>,
    span: Range<usize>,
    place: Place,
    asked: Vec<(&'static str, KeyKind)>,
    /// Required keys not written, reported on drop unless an unknown key is a near miss of
    /// one (`host` for `hosts`): then only the misspelling is reported.
    missing: Vec<(&'static str, Expect)>,
}

/// A value of a table whose keys are free (`[network.hosts]`, `[demarche.text]`).
pub struct Item<'a, 'f> {
    sink: &'a Sink<'f>,
    key: Spanned<String>,
    value: &'a Spanned<DeValue<'f>>,
    place: Place,
}

impl<'a, 'f> Table<'a, 'f> {
    fn new(sink: &'a Sink<'f>, entries: &'a DeTable<'f>, span: Range<usize>, place: Place) -> Self {
        Table { sink, entries, span, place, asked: Vec::new(), missing: Vec::new() }
    }

    /// Where the table starts (its `[header]`), for errors about the table as a whole.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The keys written in the table, usable or not.
    pub fn keys(&self) -> Vec<String> {
        self.entries.keys().map(|k| k.get_ref().to_string()).collect()
    }

    fn get(&mut self, key: &'static str, kind: KeyKind) -> Option<&'a Spanned<DeValue<'f>>> {
        if !self.asked.iter().any(|(k, _)| *k == key) {
            self.asked.push((key, kind));
        }
        self.entries.get(key)
    }

    fn missing(&mut self, key: &'static str, expect: Expect) {
        self.missing.push((key, expect));
    }

    fn wrong_type(&self, key: &str, value: &Spanned<DeValue<'f>>, expect: Expect) {
        self.sink.error(
            value.span(),
            staff!(
                "toml-wrong-type",
                key = key,
                value = self.sink.shown(&value.span()),
                found = found(value.get_ref()),
                expected = expect.message()
            ),
        );
    }

    /// Text in quotes; `expect` says what the text stands for in messages.
    pub fn text_as(&mut self, key: &'static str, expect: Expect) -> Option<Spanned<String>> {
        let value = self.get(key, KeyKind::Value)?;
        text_value(self.sink, key, value, expect)
    }

    pub fn text_value(&mut self, key: &'static str) -> Option<Spanned<String>> {
        self.text_as(key, Expect::Text)
    }

    /// Text that may be a secret (a PIN typed where its hash belongs): a value of the wrong
    /// type is reported without being repeated.
    pub fn secret_text(&mut self, key: &'static str) -> Option<Spanned<String>> {
        let value = self.get(key, KeyKind::Value)?;
        match value.get_ref() {
            DeValue::String(text) => Some(Spanned::new(value.span(), text.to_string())),
            other => {
                let message = staff!("toml-wrong-type-hidden", key = key, found = found(other), expected = Expect::Text.message());
                self.sink.error(value.span(), message);
                None
            }
        }
    }

    /// Text that must be there: its absence is an error at the table's start.
    pub fn required_text(&mut self, key: &'static str, expect: Expect) -> Option<Spanned<String>> {
        if !self.entries.contains_key(key) {
            self.get(key, KeyKind::Value);
            self.missing(key, expect);
            return None;
        }
        self.text_as(key, expect)
    }

    pub fn integer(&mut self, key: &'static str) -> Option<Spanned<i64>> {
        let value = self.get(key, KeyKind::Value)?;
        integer_value(self.sink, key, value)
    }

    pub fn required_integer(&mut self, key: &'static str) -> Option<Spanned<i64>> {
        if !self.entries.contains_key(key) {
            self.get(key, KeyKind::Value);
            self.missing(key, Expect::WholeNumber);
            return None;
        }
        self.integer(key)
    }

    pub fn required_boolean(&mut self, key: &'static str) -> Option<Spanned<bool>> {
        let Some(value) = self.get(key, KeyKind::Value) else {
            self.missing(key, Expect::TrueFalse);
            return None;
        };
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(value.span(), *b)),
            _ => {
                self.wrong_type(key, value, Expect::TrueFalse);
                None
            }
        }
    }

    /// A list of texts; `None` if absent or if any item is not text (each such item reported).
    pub fn text_list(&mut self, key: &'static str, item: Expect) -> Option<Spanned<Vec<Spanned<String>>>> {
        let value = self.get(key, KeyKind::Value)?;
        let items = self.list_items(key, value, Expect::TextList)?;
        let mut texts = Vec::with_capacity(items.len());
        let mut ok = true;
        for entry in items {
            match text_item(self.sink, key, entry, item) {
                Some(text) => texts.push(text),
                None => ok = false,
            }
        }
        ok.then(|| Spanned::new(value.span(), texts))
    }

    pub fn required_text_list(&mut self, key: &'static str, item: Expect) -> Option<Spanned<Vec<Spanned<String>>>> {
        if !self.entries.contains_key(key) {
            self.get(key, KeyKind::Value);
            self.missing(key, Expect::TextList);
            return None;
        }
        self.text_list(key, item)
    }

    /// A list of whole numbers; `None` if absent or if any item is not one.
    pub fn integer_list(&mut self, key: &'static str) -> Option<Spanned<Vec<Spanned<i64>>>> {
        let value = self.get(key, KeyKind::Value)?;
        let items = self.list_items(key, value, Expect::NumberList)?;
        let mut numbers = Vec::with_capacity(items.len());
        let mut ok = true;
        for entry in items {
            match integer_of(entry) {
                Some(n) => numbers.push(Spanned::new(entry.span(), n)),
                None => {
                    item_wrong_type(self.sink, key, entry, Expect::WholeNumber);
                    ok = false;
                }
            }
        }
        ok.then(|| Spanned::new(value.span(), numbers))
    }

    fn list_items(&self, key: &str, value: &'a Spanned<DeValue<'f>>, expect: Expect) -> Option<&'a [Spanned<DeValue<'f>>]> {
        match value.get_ref() {
            DeValue::Array(items) => Some(items),
            _ => {
                self.wrong_type(key, value, expect);
                None
            }
        }
    }

    /// One of a few words (`"allowlist"`, `"filtered-web"`).
    pub fn choice<T: Copy>(&mut self, key: &'static str, choices: &[(&'static str, T)]) -> Option<Spanned<T>> {
        let text = self.text_value(key)?;
        choose(self.sink, key, &text, choices, false)
    }

    pub fn required_choice<T: Copy>(&mut self, key: &'static str, choices: &[(&'static str, T)]) -> Option<Spanned<T>> {
        let text = self.required_text(key, Expect::Text)?;
        choose(self.sink, key, &text, choices, false)
    }

    /// A list of words from `choices`; `None` if absent or if any item is not one of them.
    pub fn choice_list<T: Copy>(&mut self, key: &'static str, choices: &[(&'static str, T)]) -> Option<Spanned<Vec<Spanned<T>>>> {
        let list = self.text_list(key, Expect::Text)?;
        let span = list.span();
        let mut chosen = Vec::new();
        let mut ok = true;
        for text in list.into_inner() {
            match choose(self.sink, key, &text, choices, true) {
                Some(value) => chosen.push(value),
                None => ok = false,
            }
        }
        ok.then(|| Spanned::new(span, chosen))
    }

    /// A sub-table (`[kiosk]`, `[modes.minor]`, or `{ … }`).
    pub fn table(&mut self, key: &'static str) -> Option<Table<'a, 'f>> {
        let value = self.get(key, KeyKind::Section)?;
        match value.get_ref() {
            DeValue::Table(entries) => Some(Table::new(self.sink, entries, value.span(), Place::Section(self.place.child(key)))),
            _ => {
                self.wrong_type(key, value, Expect::Section);
                None
            }
        }
    }

    /// Repeated sections (`[[site]]`), each read on its own.
    pub fn tables(&mut self, key: &'static str) -> Vec<Table<'a, 'f>> {
        let Some(value) = self.get(key, KeyKind::Sections) else { return Vec::new() };
        let name = self.place.child(key);
        match value.get_ref() {
            DeValue::Array(items) if items.iter().all(|i| i.get_ref().is_table()) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(entries) => Some(Table::new(self.sink, entries, item.span(), Place::Entry(name.clone()))),
                    _ => None,
                })
                .collect(),
            _ => {
                self.wrong_type(key, value, Expect::Sections);
                Vec::new()
            }
        }
    }

    /// A table whose keys are free (host names, language tags): every entry, in key order.
    pub fn items(&mut self, key: &'static str) -> Option<Spanned<Vec<Item<'a, 'f>>>> {
        let value = self.get(key, KeyKind::Section)?;
        let place = Place::Section(self.place.child(key));
        match value.get_ref() {
            DeValue::Table(entries) => Some(Spanned::new(
                value.span(),
                entries
                    .iter()
                    .map(|(k, v)| Item {
                        sink: self.sink,
                        key: Spanned::new(k.span(), k.get_ref().to_string()),
                        value: v,
                        place: place.clone(),
                    })
                    .collect(),
            )),
            _ => {
                self.wrong_type(key, value, Expect::Section);
                None
            }
        }
    }

    pub fn required_items(&mut self, key: &'static str) -> Option<Spanned<Vec<Item<'a, 'f>>>> {
        if !self.entries.contains_key(key) {
            self.get(key, KeyKind::Section);
            self.missing(key, Expect::Section);
            return None;
        }
        self.items(key)
    }

    /// Every key of the table the code did not ask for, and every required key not written.
    fn report_keys(&self) {
        let mut misspelt = Vec::new();
        let known: Vec<String> = self.asked.iter().map(|(key, kind)| shown_key(&self.place, key, *kind)).collect();
        for (key, value) in self.entries.iter() {
            let name = key.get_ref().as_ref();
            if self.asked.iter().any(|(k, _)| *k == name) {
                continue;
            }
            let kind = match value.get_ref() {
                DeValue::Table(_) => KeyKind::Section,
                DeValue::Array(items) if !items.is_empty() && items.iter().all(|i| i.get_ref().is_table()) => KeyKind::Sections,
                _ => KeyKind::Value,
            };
            let shown = shown_key(&self.place, name, kind);
            let asked_names: Vec<&'static str> = self.asked.iter().map(|(k, _)| *k).collect();
            let close = closest(name, &asked_names).and_then(|k| self.asked.iter().find(|(asked, _)| *asked == k));
            misspelt.extend(close.map(|(k, _)| *k));
            let suggestion = close.map(|(k, known_kind)| shown_key(&self.place, k, *known_kind));
            let message = match (kind, suggestion) {
                (KeyKind::Value, Some(suggestion)) => staff!("toml-unknown-key-close", key = shown, place = self.place.message(), suggestion = suggestion),
                (_, Some(suggestion)) => staff!("toml-unknown-section-close", key = shown, suggestion = suggestion),
                (_, None) if known.is_empty() => staff!("toml-unknown-key-none", key = shown, place = self.place.message()),
                (KeyKind::Value, None) => staff!("toml-unknown-key", key = shown, place = self.place.message(), known = known.join(", ")),
                (_, None) => staff!("toml-unknown-section", key = shown, known = known.join(", ")),
            };
            self.sink.error(key.span(), message);
        }
        for (key, expect) in self.missing.iter().filter(|(key, _)| !misspelt.contains(key)) {
            let message = staff!("toml-missing-key", key = *key, place = self.place.message(), expected = expect.message());
            self.sink.error(self.span.start..self.span.start, message);
        }
    }
}

impl Drop for Table<'_, '_> {
    fn drop(&mut self) {
        self.report_keys();
    }
}

impl<'a, 'f> Item<'a, 'f> {
    pub fn key(&self) -> &Spanned<String> {
        &self.key
    }

    pub fn text(&self, expect: Expect) -> Option<Spanned<String>> {
        text_value(self.sink, self.key.get_ref(), self.value, expect)
    }

    pub fn table(&self) -> Option<Table<'a, 'f>> {
        match self.value.get_ref() {
            DeValue::Table(entries) => {
                Some(Table::new(self.sink, entries, self.value.span(), Place::Section(self.place.child(self.key.get_ref()))))
            }
            _ => {
                wrong_type_at(self.sink, self.key.get_ref(), self.value, Expect::Section);
                None
            }
        }
    }
}

fn shown_key(place: &Place, key: &str, kind: KeyKind) -> String {
    match kind {
        KeyKind::Value => format!("`{key}`"),
        KeyKind::Section => format!("[{}]", place.child(key)),
        KeyKind::Sections => format!("[[{}]]", place.child(key)),
    }
}

fn wrong_type_at(sink: &Sink<'_>, key: &str, value: &Spanned<DeValue<'_>>, expect: Expect) {
    sink.error(
        value.span(),
        staff!("toml-wrong-type", key = key, value = sink.shown(&value.span()), found = found(value.get_ref()), expected = expect.message()),
    );
}

fn item_wrong_type(sink: &Sink<'_>, key: &str, item: &Spanned<DeValue<'_>>, expect: Expect) {
    sink.error(
        item.span(),
        staff!("toml-wrong-item-type", key = key, value = sink.shown(&item.span()), found = found(item.get_ref()), expected = expect.message()),
    );
}

fn text_value(sink: &Sink<'_>, key: &str, value: &Spanned<DeValue<'_>>, expect: Expect) -> Option<Spanned<String>> {
    match value.get_ref() {
        DeValue::String(text) => Some(Spanned::new(value.span(), text.to_string())),
        _ => {
            wrong_type_at(sink, key, value, expect);
            None
        }
    }
}

fn text_item(sink: &Sink<'_>, key: &str, item: &Spanned<DeValue<'_>>, expect: Expect) -> Option<Spanned<String>> {
    match item.get_ref() {
        DeValue::String(text) => Some(Spanned::new(item.span(), text.to_string())),
        _ => {
            item_wrong_type(sink, key, item, expect);
            None
        }
    }
}

fn integer_of(value: &Spanned<DeValue<'_>>) -> Option<i64> {
    match value.get_ref() {
        // The parser gives the digits in the form `from_str_radix` reads, sign included.
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix()).ok(),
        _ => None,
    }
}

fn integer_value(sink: &Sink<'_>, key: &str, value: &Spanned<DeValue<'_>>) -> Option<Spanned<i64>> {
    match integer_of(value) {
        Some(n) => Some(Spanned::new(value.span(), n)),
        None => {
            wrong_type_at(sink, key, value, Expect::WholeNumber);
            None
        }
    }
}

/// One of `choices`, or an error naming them (and the likely one, for a typing slip).
/// `in_list`: the text is an item of a list, named by `key`.
fn choose<T: Copy>(sink: &Sink<'_>, key: &str, text: &Spanned<String>, choices: &[(&'static str, T)], in_list: bool) -> Option<Spanned<T>> {
    if let Some((_, value)) = choices.iter().find(|(name, _)| *name == text.get_ref()) {
        return Some(Spanned::new(text.span(), *value));
    }
    let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
    let shown: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
    let choices = shown.join(", ");
    let value = format!("{:?}", text.get_ref());
    let message = match (closest(text.get_ref(), &names), in_list) {
        (Some(close), false) => staff!("toml-not-a-choice-close", key = key, value = value, suggestion = format!("\"{close}\""), choices = choices),
        (Some(close), true) => staff!("toml-not-a-choice-item-close", key = key, value = value, suggestion = format!("\"{close}\""), choices = choices),
        (None, false) => staff!("toml-not-a-choice", key = key, value = value, choices = choices),
        (None, true) => staff!("toml-not-a-choice-item", key = key, value = value, choices = choices),
    };
    sink.error(text.span(), message);
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::staff::StaffLanguage;

    fn errors(text: &str, read: impl Fn(&mut Table<'_, '_>)) -> Vec<String> {
        let file = SourceFile::new("f.toml", text);
        let sink = Sink::new(&file);
        if let Some(root) = sink.parse() {
            let mut table = sink.root(&root);
            read(&mut table);
        }
        sink.into_errors().iter().map(|e| e.render(StaffLanguage::English)).collect()
    }

    #[test]
    fn every_mistake_of_a_table_is_reported() {
        let found = errors("[a]\nx = 1\ny = \"2\"\nzz = true\n", |root| {
            let mut a = root.table("a").unwrap();
            a.text_value("x");
            a.integer("y");
            a.text_value("z");
        });
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("f.toml:2:5: `x` = 1 is a whole number"), "{}", found[0]);
        assert!(found[1].starts_with("f.toml:3:5: `y` = \"2\" is text in quotes"), "{}", found[1]);
        assert!(found[2].starts_with("f.toml:4:1: unknown key `zz` in [a]"), "{}", found[2]);
    }

    #[test]
    fn integers_of_every_form() {
        let file = SourceFile::new("f", "a = 0x1F\nb = -1_000\nc = +7\nd = 0o17\ne = 0b101\n");
        let sink = Sink::new(&file);
        let root_table = sink.parse().unwrap();
        let mut root = sink.root(&root_table);
        let got: Vec<i64> = ["a", "b", "c", "d", "e"].iter().map(|k| *root.integer(k).unwrap().get_ref()).collect();
        assert_eq!(got, [31, -1000, 7, 15, 5]);
    }
}
