//! Which downloads a patron may keep, and under what name: documents and images only, into the
//! session's own folder. Everything else (programs, scripts, archives, unknown types) is refused.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a document or image, or its declared type contradicts its name.
    Type,
    /// Larger than the configured limit.
    Size,
}

/// File name endings we keep, and the media types a server may announce for each.
const ALLOWED: &[(&str, &[&str])] = &[
    ("pdf", &["application/pdf"]),
    ("png", &["image/png"]),
    ("jpg", &["image/jpeg"]),
    ("jpeg", &["image/jpeg"]),
    ("gif", &["image/gif"]),
    ("webp", &["image/webp"]),
    ("txt", &["text/plain"]),
    ("csv", &["text/csv", "text/plain"]),
    ("rtf", &["application/rtf", "text/rtf"]),
    ("odt", &["application/vnd.oasis.opendocument.text"]),
    ("ods", &["application/vnd.oasis.opendocument.spreadsheet"]),
    ("odp", &["application/vnd.oasis.opendocument.presentation"]),
    ("doc", &["application/msword"]),
    ("docx", &["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]),
    ("xls", &["application/vnd.ms-excel"]),
    ("xlsx", &["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
    ("ppt", &["application/vnd.ms-powerpoint"]),
    ("pptx", &["application/vnd.openxmlformats-officedocument.presentationml.presentation"]),
];

/// Types servers use when they do not say: accepted if the name's ending is allowed.
const GENERIC: &[&str] = &["application/octet-stream", "binary/octet-stream", "application/download", "application/force-download"];

/// Checks a download by its (cleaned) file name and the media type the server announced.
pub fn check_type(file_name: &str, media_type: Option<&str>) -> Result<(), Refusal> {
    let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).ok_or(Refusal::Type)?;
    let (_, types) = ALLOWED.iter().find(|(e, _)| *e == extension).ok_or(Refusal::Type)?;
    match media_type.map(|m| m.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()) {
        None => Ok(()),
        Some(m) if m.is_empty() || GENERIC.contains(&m.as_str()) || types.contains(&m.as_str()) => Ok(()),
        Some(_) => Err(Refusal::Type),
    }
}

pub fn check_size(bytes: u64, limit: u64) -> Result<(), Refusal> {
    if bytes > limit { Err(Refusal::Size) } else { Ok(()) }
}

/// A name safe to create in the downloads folder: no folders, no hidden files, no control
/// characters, at most 120 characters, never empty.
pub fn clean_file_name(suggested: &str) -> String {
    let base = suggested.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let mut name: String = cleaned.chars().take(120).collect();
    if let Some((_, ext)) = cleaned.rsplit_once('.') {
        // Keep the ending when the name was cut.
        if !name.ends_with(&format!(".{ext}")) && ext.len() <= 8 {
            name = format!("{}.{ext}", name.chars().take(110).collect::<String>());
        }
    }
    if name.is_empty() { "document".to_string() } else { name }
}

/// `folder/name`, or `folder/stem (2).ext`… when taken.
pub fn unique_path(folder: &Path, name: &str) -> PathBuf {
    let candidate = folder.join(name);
    if !candidate.exists() {
        return candidate;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    (2..)
        .map(|n| folder.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .expect("an unused name exists")
}

/// Files a patron may upload: the session's own, then the removable media's, if configured.
/// Hidden files (such as downloads still arriving) are never offered.
pub fn uploadable(session_files: &Path, removable_media: Option<&Path>) -> Vec<PathBuf> {
    let list = |folder: &Path| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    };
    let mut files = list(session_files);
    if let Some(media) = removable_media {
        files.extend(list(media));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_images_only() {
        for ok in ["attestation.pdf", "Avis.PDF", "photo.jpeg", "releve.ods", "cv.docx"] {
            assert_eq!(check_type(ok, None), Ok(()), "{ok}");
        }
        for bad in ["setup.exe", "script.sh", "a.msi", "a.bat", "app.apk", "x.jar", "archive.zip", "page.html",
            "image.svg", "noextension", "attestation.pdf.exe", "run.AppImage", "a.deb", "macro.docm"] {
            assert_eq!(check_type(bad, None), Err(Refusal::Type), "{bad}");
        }
    }

    #[test]
    fn the_announced_type_must_agree_with_the_name() {
        assert_eq!(check_type("a.pdf", Some("application/pdf")), Ok(()));
        assert_eq!(check_type("a.pdf", Some("application/octet-stream")), Ok(()));
        assert_eq!(check_type("a.pdf", Some("Application/PDF; charset=binary")), Ok(()));
        assert_eq!(check_type("a.pdf", Some("application/x-msdownload")), Err(Refusal::Type));
        assert_eq!(check_type("a.png", Some("application/x-sh")), Err(Refusal::Type));
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\x\\avis.pdf"), "avis.pdf");
        assert_eq!(clean_file_name(".bashrc"), "bashrc");
        assert_eq!(clean_file_name("a\u{0}b\nc.pdf"), "abc.pdf");
        assert_eq!(clean_file_name(""), "document");
        assert_eq!(clean_file_name("..."), "document");
        let long = format!("{}.pdf", "x".repeat(300));
        let cleaned = clean_file_name(&long);
        assert!(cleaned.len() <= 120 && cleaned.ends_with(".pdf"), "{cleaned}");
    }

    #[test]
    fn unique_names_do_not_overwrite() {
        let dir = std::env::temp_dir().join(format!("guichet-unique-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("avis.pdf"), b"1").unwrap();
        std::fs::write(dir.join("avis (2).pdf"), b"2").unwrap();
        assert_eq!(unique_path(&dir, "avis.pdf"), dir.join("avis (3).pdf"));
        assert_eq!(unique_path(&dir, "autre.pdf"), dir.join("autre.pdf"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
