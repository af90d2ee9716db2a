//! What staff read (`guichet config check`, `--help`, the verdicts' hints) in French or English,
//! from the Fluent files of `i18n/staff/`, kept apart from the patrons' languages.

use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::embedded;
use crate::source::{Located, SourceFile};

/// A staff message with its arguments, looked up when shown: `staff!("…", name = value, …)`.
/// `tests/staff_i18n.rs` finds every `staff!("…"` in the source and checks French and English
/// both have it.
#[macro_export]
macro_rules! staff {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::staff::Message::new($id)$(.with(stringify!($name), $value))*
    };
}

/// The two languages staff messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffLanguage {
    French,
    English,
}

impl StaffLanguage {
    /// The language of the locale settings, read as the C library does: `LC_ALL`, else
    /// `LC_MESSAGES`, else `LANG` (the first that is set and not empty). French for `fr…`,
    /// English for anything else, `C` and nothing included.
    pub fn from_locale(lc_all: Option<&str>, lc_messages: Option<&str>, lang: Option<&str>) -> StaffLanguage {
        let chosen = [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.is_empty());
        match chosen {
            Some(value) if value.starts_with("fr") => StaffLanguage::French,
            _ => StaffLanguage::English,
        }
    }

    /// The folder of `i18n/staff/`.
    pub fn tag(self) -> &'static str {
        match self {
            StaffLanguage::French => "fr",
            StaffLanguage::English => "en",
        }
    }

    pub const ALL: [StaffLanguage; 2] = [StaffLanguage::French, StaffLanguage::English];
}

/// A value shown inside a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Shown as it is: a key, a value as typed, a path.
    Text(String),
    /// A count: messages may choose their words by it (one error, two errors).
    Count(u64),
    /// Another message, shown in the same language.
    Message(Message),
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<usize> for Arg {
    fn from(count: usize) -> Self {
        Arg::Count(count as u64)
    }
}

impl From<u32> for Arg {
    fn from(count: u32) -> Self {
        Arg::Count(u64::from(count))
    }
}

impl From<u64> for Arg {
    fn from(count: u64) -> Self {
        Arg::Count(count)
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(message)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Body {
    Fluent { id: &'static str, args: Vec<(&'static str, Arg)> },
    /// Text that exists in English only: the UT1 compiler's messages (`guichet lists compile`)
    /// and those about the program's own embedded files, which only a developer can see.
    Verbatim(String),
}

/// A message for staff, shown in their language when printed, in English by `Display` (logs).
#[derive(Debug, Clone, PartialEq)]
pub struct Message(Body);

impl Message {
    /// Use [`staff!`], which the completeness test can find.
    pub fn new(id: &'static str) -> Message {
        Message(Body::Fluent { id, args: Vec::new() })
    }

    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        if let Body::Fluent { args, .. } = &mut self.0 {
            args.push((name, value.into()));
        }
        self
    }

    /// English text that is never translated (see [`Body::Verbatim`]).
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message(Body::Verbatim(text.into()))
    }

    pub fn render(&self, language: StaffLanguage) -> String {
        match &self.0 {
            Body::Verbatim(text) => text.clone(),
            Body::Fluent { id, args } => StaffTexts::shared().format(language, id, args),
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(StaffLanguage::English))
    }
}

/// The parsed staff messages of both languages.
pub struct StaffTexts {
    french: FluentBundle<FluentResource>,
    english: FluentBundle<FluentResource>,
}

impl StaffTexts {
    /// Parses the embedded files; a syntax error or an id defined twice is a `file:line:column` error.
    pub fn load() -> Result<StaffTexts, Vec<Located>> {
        let mut errors = Vec::new();
        let mut bundle_of = |tag: &str| {
            let id = tag.parse().expect("fr and en are language tags");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Terminals show Unicode isolation marks as stray characters.
            bundle.set_use_isolating(false);
            for (lang, name, text) in embedded::STAFF_LOCALES.iter().filter(|(lang, _, _)| *lang == tag) {
                let file = SourceFile::new(*name, *text);
                match FluentResource::try_new(text.to_string()) {
                    Ok(resource) => {
                        if let Err(add_errors) = bundle.add_resource(resource) {
                            errors.extend(add_errors.into_iter().map(|e| {
                                Located::whole_file(*name, Message::verbatim(format!("i18n/staff/{lang}: {e}")))
                            }));
                        }
                    }
                    Err((_, parse_errors)) => errors.extend(parse_errors.into_iter().map(|e| {
                        file.error_at(e.pos.clone(), Message::verbatim(format!("Fluent syntax error: {}", e.kind)))
                    })),
                }
            }
            bundle
        };
        let texts = StaffTexts { french: bundle_of("fr"), english: bundle_of("en") };
        if errors.is_empty() { Ok(texts) } else { Err(errors) }
    }

    /// Loaded once per process. Should the embedded files not load (the tests make sure they
    /// do), messages show their id and arguments rather than nothing.
    pub fn shared() -> &'static StaffTexts {
        static TEXTS: OnceLock<Option<StaffTexts>> = OnceLock::new();
        static EMPTY: OnceLock<StaffTexts> = OnceLock::new();
        match TEXTS.get_or_init(|| StaffTexts::load().ok()) {
            Some(texts) => texts,
            None => EMPTY.get_or_init(|| StaffTexts {
                french: FluentBundle::new_concurrent(Vec::new()),
                english: FluentBundle::new_concurrent(Vec::new()),
            }),
        }
    }

    fn bundle(&self, language: StaffLanguage) -> &FluentBundle<FluentResource> {
        match language {
            StaffLanguage::French => &self.french,
            StaffLanguage::English => &self.english,
        }
    }

    /// Message ids defined in one language (for the completeness test).
    pub fn message_ids(language: StaffLanguage) -> Vec<String> {
        embedded::STAFF_LOCALES
            .iter()
            .filter(|(lang, _, _)| *lang == language.tag())
            .flat_map(|(_, _, text)| text.lines())
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
            .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .map(str::to_string)
            .collect()
    }

    /// Formats one message; any Fluent error (an unknown variable) is reported in the text,
    /// so that tests catch it.
    pub fn format_checked(&self, language: StaffLanguage, id: &str, args: &[(&'static str, Arg)]) -> Result<String, String> {
        let bundle = self.bundle(language);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return Err(format!("no message `{id}` in i18n/staff/{}", language.tag()));
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Count(count) => FluentValue::from(*count),
                Arg::Message(message) => FluentValue::from(message.render(language)),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(format!("{id} in i18n/staff/{}: {errors:?}", language.tag()))
        }
    }

    fn format(&self, language: StaffLanguage, id: &str, args: &[(&'static str, Arg)]) -> String {
        match self.format_checked(language, id, args) {
            Ok(text) => text,
            Err(_) => {
                let shown: Vec<String> = args.iter().map(|(name, value)| format!("{name}={value:?}")).collect();
                format!("[{id}] {}", shown.join(" "))
            }
        }
    }
}

impl Message {
    /// Renders the message and its nested messages, failing on any missing id or variable.
    pub fn render_checked(&self, language: StaffLanguage) -> Result<String, String> {
        match &self.0 {
            Body::Verbatim(text) => Ok(text.clone()),
            Body::Fluent { id, args } => {
                for (_, arg) in args {
                    if let Arg::Message(nested) = arg {
                        nested.render_checked(language)?;
                    }
                }
                StaffTexts::shared().format_checked(language, id, args)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_follows_the_first_locale_variable_set() {
        use StaffLanguage::*;
        assert_eq!(StaffLanguage::from_locale(None, None, Some("fr_FR.UTF-8")), French);
        assert_eq!(StaffLanguage::from_locale(None, None, Some("en_GB.UTF-8")), English);
        assert_eq!(StaffLanguage::from_locale(Some("C"), None, Some("fr_FR.UTF-8")), English);
        assert_eq!(StaffLanguage::from_locale(Some(""), Some("fr_BE"), Some("C")), French);
        assert_eq!(StaffLanguage::from_locale(None, None, None), English);
    }
}
