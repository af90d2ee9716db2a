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

/// Where starting downloads are received: a hidden temporary name inside the session's
/// downloads folder (absolute), or none when the file's name alone is enough to refuse it.
#[derive(Debug)]
pub struct Incoming {
    folder: PathBuf,
    count: u32,
}

impl Incoming {
    pub fn new(folder: PathBuf) -> Self {
        Incoming { folder, count: 0 }
    }

    pub fn destination(&mut self, suggested: &str) -> Option<PathBuf> {
        if check_type(&clean_file_name(suggested), None).is_err() {
            crate::log::event("downloads", format_args!("refused a download by its name"));
            return None;
        }
        self.count += 1;
        Some(self.folder.join(format!(".incoming-{}-{}", std::process::id(), self.count)))
    }

    /// Replaces the path WebKit suggests with [`Incoming::destination`] for its file name;
    /// false refuses the download.
    pub fn redirect(&mut self, path: &mut PathBuf) -> bool {
        let suggested = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match self.destination(&suggested) {
            Some(destination) => {
                *path = destination;
                true
            }
            None => false,
        }
    }
}

/// Where WebKit wrote a download: its destination is a path or, from older callers, a
/// `file:` URI (one naming another host is none). Whatever comes back is only used once
/// [`Vetting`] has checked it is a file directly in the session's folder.
pub fn written_path(destination: &str) -> Option<PathBuf> {
    if destination.starts_with("file:") {
        url::Url::parse(destination).ok()?.to_file_path().ok()
    } else {
        Some(PathBuf::from(destination))
    }
}

/// What WebKit says about a download, read when the vetting needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The server's suggested file name, else the last segment of its address.
    pub suggested: String,
    pub media_type: Option<String>,
    /// The size the server announced (0 when it did not).
    pub announced: u64,
    pub received: u64,
}

/// Where one download stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vetting {
    /// Receiving into a temporary name in the session folder; the response not vetted yet.
    Receiving,
    /// Type and announced size are fine; `name` is the cleaned name it will get.
    Accepted { name: String },
    Refused(Refusal),
    Failed,
}

/// How a download ended: what to log, and the notice for the patron (a Fluent id, and the
/// kept file's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub outcome: &'static str,
    pub notice: &'static str,
    pub kept: Option<String>,
}

impl Vetting {
    /// More bytes arrived; true when the download must be cancelled now (store the new state
    /// first: cancelling reports a failure at once).
    pub fn received(&mut self, offer: impl FnOnce() -> Offer, max: u64) -> bool {
        let was_refused = matches!(self, Vetting::Refused(_));
        let next = match std::mem::replace(self, Vetting::Failed) {
            Vetting::Receiving => vet(&offer(), max),
            Vetting::Accepted { name } => match check_size(offer().received, max) {
                Ok(()) => Vetting::Accepted { name },
                Err(refusal) => Vetting::Refused(refusal),
            },
            settled => settled,
        };
        let newly_refused = matches!(next, Vetting::Refused(_));
        *self = next;
        newly_refused && !was_refused
    }

    /// WebKit reports a failure (a refusal's cancel comes through here too).
    pub fn failed(&mut self) {
        if !matches!(self, Vetting::Refused(_)) {
            *self = Vetting::Failed;
        }
    }

    /// The download is over: keep the file under its name inside `folder`, or remove what was
    /// written. `written` is where WebKit wrote it.
    pub fn finish(self, offer: impl FnOnce() -> Offer, written: Option<&Path>, folder: &Path, max: u64) -> Finished {
        let inside = written.is_some_and(|p| is_inside(p, folder));
        // A body small enough to arrive in one piece may not have been vetted yet.
        let state = if self == Vetting::Receiving { vet(&offer(), max) } else { self };
        let done = |outcome, notice, kept| Finished { outcome, notice, kept };
        let finished = match (state, written) {
            // Deny on doubt: a file outside the session folder is removed, never kept.
            (_, Some(path)) if !inside => {
                remove_quietly(path);
                return done("failed (outside the session folder)", crate::msg!("download-failed"), None);
            }
            (Vetting::Accepted { name }, Some(path)) => match keep(path, folder, &name) {
                Some(kept) => return done("saved", crate::msg!("download-saved"), Some(kept)),
                None => done("failed", crate::msg!("download-failed"), None),
            },
            (Vetting::Refused(Refusal::Type), _) => done("refused (type)", crate::msg!("download-refused-type"), None),
            (Vetting::Refused(Refusal::Size), _) => done("refused (size)", crate::msg!("download-refused-size"), None),
            _ => done("failed", crate::msg!("download-failed"), None),
        };
        if let Some(path) = written {
            remove_quietly(path);
        }
        finished
    }
}

/// The cleaned name if the type and sizes are acceptable.
fn vet(offer: &Offer, max: u64) -> Vetting {
    let name = clean_file_name(&offer.suggested);
    let checked = check_type(&name, offer.media_type.as_deref())
        .and_then(|()| check_size(offer.announced, max))
        .and_then(|()| check_size(offer.received, max));
    match checked {
        Ok(()) => Vetting::Accepted { name },
        Err(refusal) => Vetting::Refused(refusal),
    }
}

/// The last path segment of a URL, percent-decoded (a download's name when the server gives
/// none).
pub fn file_name_of(uri: &str) -> String {
    url::Url::parse(uri)
        .ok()
        .and_then(|u| u.path_segments().and_then(|mut s| s.next_back().map(str::to_string)))
        .map(|segment| {
            url::form_urlencoded::parse(format!("x={}", segment.replace('+', "%2B")).as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// True when `path` is a file directly inside `folder` (no `..`, no symlinked escape).
fn is_inside(path: &Path, folder: &Path) -> bool {
    match (path.parent().map(std::fs::canonicalize), std::fs::canonicalize(folder)) {
        (Some(Ok(parent)), Ok(folder)) => parent == folder,
        _ => false,
    }
}

/// Moves a completely received file to its own name (never over an existing one).
fn keep(incoming: &Path, folder: &Path, name: &str) -> Option<String> {
    let destination = unique_path(folder, name);
    match std::fs::rename(incoming, &destination) {
        Ok(()) => destination.file_name().map(|n| n.to_string_lossy().into_owned()),
        Err(err) => {
            crate::log::event("downloads", format_args!("could not name a downloaded file: {err}"));
            remove_quietly(incoming);
            None
        }
    }
}

/// Removes a file if it is there; a file already gone is fine.
pub fn remove_quietly(path: &Path) {
    if path.exists() {
        let _ = std::fs::remove_file(path);
    }
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
    fn incoming_downloads_get_a_hidden_name_in_the_folder_or_are_refused_by_name() {
        let mut incoming = Incoming::new(PathBuf::from("/run/session/downloads"));
        let mut path = PathBuf::from("/home/x/Téléchargements/attestation.pdf");
        assert!(incoming.redirect(&mut path));
        assert_eq!(path, PathBuf::from(format!("/run/session/downloads/.incoming-{}-1", std::process::id())));
        let mut second = PathBuf::from("releve.ods");
        assert!(incoming.redirect(&mut second));
        assert!(second.ends_with(format!(".incoming-{}-2", std::process::id())));
        let mut refused = PathBuf::from("/tmp/setup.exe");
        assert!(!incoming.redirect(&mut refused));
        assert_eq!(refused, PathBuf::from("/tmp/setup.exe"), "a refused download's path is left as it was");
    }

    #[test]
    fn written_paths_are_read_from_paths_and_file_uris() {
        assert_eq!(written_path("/run/s/downloads/.incoming-1-1"), Some(PathBuf::from("/run/s/downloads/.incoming-1-1")));
        assert_eq!(written_path("file:///run/s/downloads/avis%20d%27imp%C3%B4t.pdf"), Some(PathBuf::from("/run/s/downloads/avis d'impôt.pdf")));
        assert_eq!(written_path("file://elsewhere.example/x.pdf"), None, "a file URI on another host is no local path");
    }

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

    fn offer(name: &str, media: &str, announced: u64, received: u64) -> Offer {
        Offer { suggested: name.into(), media_type: Some(media.into()), announced, received }
    }

    #[test]
    fn vetting_keeps_documents_and_refuses_the_rest_at_the_first_bytes() {
        let max = 1 << 20;
        let mut pdf = Vetting::Receiving;
        assert!(!pdf.received(|| offer("avis.pdf", "application/pdf", 2000, 100), max));
        assert_eq!(pdf, Vetting::Accepted { name: "avis.pdf".into() });
        // Growing past the limit while arriving: cancelled once, at that moment.
        assert!(pdf.received(|| offer("avis.pdf", "application/pdf", 2000, max + 1), max));
        assert!(!pdf.received(|| offer("avis.pdf", "application/pdf", 2000, max + 2), max), "not cancelled twice");
        assert_eq!(pdf, Vetting::Refused(Refusal::Size));
        pdf.failed();
        assert_eq!(pdf, Vetting::Refused(Refusal::Size), "the cancel's failure keeps the reason");

        let mut exe = Vetting::Receiving;
        assert!(exe.received(|| offer("setup.exe", "application/x-msdownload", 10, 10), max));
        let mut lying = Vetting::Receiving;
        assert!(lying.received(|| offer("photo.jpg", "application/x-msdownload", 10, 10), max), "type and name disagree");
        let mut broken = Vetting::Accepted { name: "a.pdf".into() };
        broken.failed();
        assert_eq!(broken, Vetting::Failed);
    }

    #[test]
    fn finishing_keeps_only_a_vetted_file_inside_the_session_folder() {
        let root = std::env::temp_dir().join(format!("guichet-vetting-{}", std::process::id()));
        let (folder, elsewhere) = (root.join("downloads"), root.join("elsewhere"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        let incoming = folder.join(".incoming-1");
        std::fs::write(&incoming, b"%PDF").unwrap();
        let small = || offer("avis.pdf", "application/pdf", 4, 4);
        // Never vetted while arriving (one small piece): vetted at the end.
        let done = Vetting::Receiving.finish(small, Some(&incoming), &folder, 1 << 20);
        assert_eq!((done.outcome, done.notice, done.kept.as_deref()), ("saved", "download-saved", Some("avis.pdf")));
        assert!(folder.join("avis.pdf").exists() && !incoming.exists());

        let outside = elsewhere.join("x.pdf");
        std::fs::write(&outside, b"%PDF").unwrap();
        let done = Vetting::Accepted { name: "x.pdf".into() }.finish(small, Some(&outside), &folder, 1 << 20);
        assert_eq!(done.notice, "download-failed");
        assert!(!outside.exists(), "a file written outside the session folder is removed");

        let refused = folder.join(".incoming-2");
        std::fs::write(&refused, b"MZ").unwrap();
        let done = Vetting::Refused(Refusal::Type).finish(small, Some(&refused), &folder, 1 << 20);
        assert_eq!(done.notice, "download-refused-type");
        assert!(!refused.exists());
        assert_eq!(file_name_of("https://www.caf.fr/docs/attestation%20de%20paiement.pdf?x=1"), "attestation de paiement.pdf");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn downloads_arrive_under_hidden_names_and_programs_are_refused_by_name() {
        let mut incoming = Incoming::new(PathBuf::from("/run/session/downloads"));
        let first = incoming.destination("avis.pdf").unwrap();
        let second = incoming.destination("photo.JPG").unwrap();
        assert!(first.starts_with("/run/session/downloads") && first != second);
        assert!(first.file_name().unwrap().to_string_lossy().starts_with(".incoming-"), "hidden until vetted");
        assert_eq!(incoming.destination("setup.exe"), None);
        assert_eq!(incoming.destination("script.sh"), None);
    }
}
