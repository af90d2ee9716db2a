//! The record of the last list update (`[updates] state`): when it ran, when one last succeeded,
//! and why the last one failed. `[stats] prometheus` reads it; staff can too.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Why an update failed, as a fixed code (the metrics' label; the message says the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The source could not be fetched: unreachable, an HTTP error, a timeout, a cut download.
    Download,
    /// Smaller or larger than `[updates]` allows.
    Size,
    /// A signature is missing or does not match `[updates] public_key`.
    Signature,
    /// The UT1 archive is damaged or unsafe (paths or links leaving its folder, too large).
    Archive,
    /// The data is not what it should be: not the UT1 layout, not an Adblock Plus list, or
    /// missing a category a mode blocks.
    Format,
    /// The new files could not be written.
    Write,
}

impl Reason {
    pub const ALL: [Reason; 6] = [Reason::Download, Reason::Size, Reason::Signature, Reason::Archive, Reason::Format, Reason::Write];

    pub fn code(self) -> &'static str {
        match self {
            Reason::Download => "download",
            Reason::Size => "size",
            Reason::Signature => "signature",
            Reason::Archive => "archive",
            Reason::Format => "format",
            Reason::Write => "write",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Every configured source was fetched, checked, compiled and swapped in.
    Ok,
    /// Nothing was swapped in: the previous lists are in use.
    Failed,
}

/// One JSON object: `{"last_attempt":…,"last_success":…,"result":"failed","reason":"signature",
/// "message":"…"}`. Times are Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateState {
    pub last_attempt: u64,
    /// `None` until an update succeeds.
    pub last_success: Option<u64>,
    pub result: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// What went wrong, in the words printed on standard error (sources and files, never a patron's data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl UpdateState {
    /// The state file, `None` when no update ran yet. A file that does not read as one is an
    /// error, not "never updated".
    pub fn read(path: &Path) -> Result<Option<UpdateState>, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map(Some).map_err(|err| format!("{}: {err}", path.display())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(format!("{}: {err}", path.display())),
        }
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        // A struct of numbers, codes and one string always serialises.
        let text = serde_json::to_string(self).unwrap_or_default() + "\n";
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)?;
        }
        crate::lists::replace_file(path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_refuses_other_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert_eq!(UpdateState::read(&path), Ok(None));
        let state = UpdateState {
            last_attempt: 1_795_478_400,
            last_success: Some(1_795_392_000),
            result: Outcome::Failed,
            reason: Some(Reason::Signature),
            message: Some("https://lists.example/easylist.txt: the signature does not match".into()),
        };
        state.write(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(r#"{"last_attempt":1795478400,"last_success":1795392000,"result":"failed","reason":"signature","#), "{text}");
        assert_eq!(UpdateState::read(&path), Ok(Some(state)));
        std::fs::write(&path, r#"{"last_attempt":1,"last_success":null,"result":"ok","patron":"x"}"#).unwrap();
        assert!(UpdateState::read(&path).is_err());
        for reason in Reason::ALL {
            assert_eq!(serde_json::to_string(&reason).unwrap(), format!("\"{}\"", reason.code()));
        }
    }
}
