//! Text files we read (config, allowlists) and how to point at a place in them, so that every
//! error a staff member sees names `file:line:column`.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use crate::i18n::staff::{Message, StaffLanguage};
use crate::staff;

/// A text file held in memory together with the name we show in error messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self { name: name.into(), text: text.into() }
    }

    /// Reads a file; the error names the path and the system's reason.
    pub fn read(path: &Path) -> Result<Self, Located> {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(Self { name, text }),
                Err(err) => {
                    let valid = err.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(&err.into_bytes()[..valid]).into_owned();
                    let file = Self { name, text };
                    Err(file.error_at(valid..valid, staff!("file-not-utf8")))
                }
            },
            Err(err) => Err(Located::whole_file(name, staff!("file-unreadable", reason = io_reason(&err)))),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    pub fn location(&self, span: &Range<usize>) -> Location {
        let (line, column) = self.line_column(span.start);
        Location { file: self.name.clone(), line, column: Some(column) }
    }

    pub fn error_at(&self, span: Range<usize>, message: Message) -> Located {
        Located { location: self.location(&span), message }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A place in a file. Line 0 means "the file as a whole".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (line, None) => write!(f, "{}:{line}", self.file),
            (line, Some(column)) => write!(f, "{}:{line}:{column}", self.file),
        }
    }
}

/// An error message tied to a place in a file: `file:line:column: message`, in English when
/// displayed, in the staff's language through [`Located::render`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct Located {
    pub location: Location,
    pub message: Message,
}

impl Located {
    pub fn whole_file(file: impl Into<String>, message: Message) -> Self {
        Self { location: Location { file: file.into(), line: 0, column: None }, message }
    }

    pub fn render(&self, language: StaffLanguage) -> String {
        format!("{}: {}", self.location, self.message.render(language))
    }
}

/// Why a file or folder could not be read, in words staff can act on.
pub fn io_reason(err: &std::io::Error) -> Message {
    match err.kind() {
        std::io::ErrorKind::NotFound => staff!("io-not-found"),
        std::io::ErrorKind::PermissionDenied => staff!("io-permission-denied"),
        std::io::ErrorKind::IsADirectory => staff!("io-is-a-folder"),
        _ => staff!("io-other", detail = err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let file = SourceFile::new("f.toml", "a = 1\nnom = \"é\" x\n");
        let x = file.text().find('x').unwrap();
        assert_eq!(file.line_column(x), (2, 11));
        assert_eq!(file.line_column(0), (1, 1));
    }

    #[test]
    fn display_forms() {
        let whole = Located::whole_file("f", Message::verbatim("bad"));
        assert_eq!(whole.to_string(), "f: bad");
        let file = SourceFile::new("f", "x\ny");
        assert_eq!(file.error_at(2..3, Message::verbatim("bad")).to_string(), "f:2:1: bad");
    }
}
