//! The words of the reader's messages: what a value should be and what it is, how a table is
//! named, the parser's syntax errors rewritten for staff, and which known word a typo was for.

use toml::de::DeValue;

use crate::i18n::staff::Message;
use crate::staff;

/// How far a syntax error reaches.
pub(super) enum Syntax {
    /// A key given twice: the rest of the file is read as written.
    Duplicate,
    /// A mistake on its own line.
    Local,
    /// A list or inline table left open: the lines after it are misread.
    SwallowsWhatFollows,
}

/// The parser's words for the common mistakes, rewritten for staff; the others keep the
/// parser's own words after a plain explanation.
pub(super) fn syntax_message(detail: &str) -> (Message, Syntax) {
    let detail = detail.trim().replace('\n', " ");
    let starts = |prefix: &str| detail.starts_with(prefix);
    if starts("duplicate key") {
        (staff!("toml-syntax-duplicate-key"), Syntax::Duplicate)
    } else if starts("invalid basic string") || starts("invalid literal string") {
        (staff!("toml-syntax-unclosed-text"), Syntax::Local)
    } else if starts("string values must be quoted") || starts("invalid value") {
        (staff!("toml-syntax-unquoted-text"), Syntax::Local)
    } else if starts("unquoted keys cannot be empty") || starts("missing key") {
        (staff!("toml-syntax-no-key"), Syntax::Local)
    } else if starts("key with no value") || starts("missing assignment") {
        (staff!("toml-syntax-no-value"), Syntax::Local)
    } else if starts("unclosed array") || starts("missing comma between array elements") || starts("extra comma in array") {
        (staff!("toml-syntax-list"), Syntax::SwallowsWhatFollows)
    } else if starts("unclosed table") || starts("unclosed array table") {
        (staff!("toml-syntax-section"), Syntax::Local)
    } else if detail.contains("inline table") || detail.contains("array") {
        (staff!("toml-syntax-other", detail = detail.clone()), Syntax::SwallowsWhatFollows)
    } else {
        (staff!("toml-syntax-other", detail = detail.clone()), Syntax::Local)
    }
}

/// What a value should be, in the words of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Text,
    Duration,
    Path,
    Address,
    WholeNumber,
    TrueFalse,
    TextList,
    NumberList,
    Section,
    Sections,
}

impl Expect {
    pub(super) fn message(self) -> Message {
        match self {
            Expect::Text => staff!("toml-expect-text"),
            Expect::Duration => staff!("toml-expect-duration"),
            Expect::Path => staff!("toml-expect-path"),
            Expect::Address => staff!("toml-expect-address"),
            Expect::WholeNumber => staff!("toml-expect-whole-number"),
            Expect::TrueFalse => staff!("toml-expect-true-false"),
            Expect::TextList => staff!("toml-expect-text-list"),
            Expect::NumberList => staff!("toml-expect-number-list"),
            Expect::Section => staff!("toml-expect-section"),
            Expect::Sections => staff!("toml-expect-sections"),
        }
    }
}

/// What a value is, in the words of the messages.
pub(super) fn found(value: &DeValue<'_>) -> Message {
    match value {
        DeValue::String(_) => staff!("toml-found-text"),
        DeValue::Integer(_) => staff!("toml-found-whole-number"),
        DeValue::Float(_) => staff!("toml-found-decimal-number"),
        DeValue::Boolean(_) => staff!("toml-found-true-false"),
        DeValue::Datetime(_) => staff!("toml-found-date"),
        DeValue::Array(_) => staff!("toml-found-list"),
        DeValue::Table(_) => staff!("toml-found-section"),
    }
}

/// How a table is named in messages.
#[derive(Debug, Clone)]
pub(super) enum Place {
    Root,
    /// `[session]`, `[modes.minor]`.
    Section(String),
    /// One `[[site]]` of several.
    Entry(String),
}

impl Place {
    pub(super) fn message(&self) -> Message {
        match self {
            Place::Root => staff!("toml-place-root"),
            Place::Section(name) => staff!("toml-place-section", name = format!("[{name}]")),
            Place::Entry(name) => staff!("toml-place-entry", name = format!("[[{name}]]")),
        }
    }

    /// The dotted name of a key below this place.
    pub(super) fn child(&self, key: &str) -> String {
        match self {
            Place::Root => key.to_string(),
            Place::Section(name) | Place::Entry(name) => format!("{name}.{key}"),
        }
    }
}

/// The known word `typed` is most likely a slip for, if any.
pub fn closest<'k>(typed: &str, known: &[&'k str]) -> Option<&'k str> {
    known.iter().copied().filter(|k| is_close(typed, k)).min_by_key(|k| edit_distance(typed, k))
}

/// A likely typing slip: a few letters apart, relative to the word's length.
fn is_close(typed: &str, known: &str) -> bool {
    let distance = edit_distance(typed, known);
    distance > 0 && distance <= (known.chars().count() / 3).clamp(1, 3)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested() {
        assert!(is_close("idel_timeout", "idle_timeout"));
        assert!(is_close("citzen", "citizen"));
        assert!(!is_close("enfant", "minor"));
        assert_eq!(edit_distance("sesion", "session"), 1);
    }
}
