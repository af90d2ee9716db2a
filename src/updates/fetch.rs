//! Downloads one source (`https://`, `http://` or `file://`) into memory, refusing anything
//! outside its size bounds before reading it whole, and checks a fleet's ed25519 signature.

use std::io::Read;
use std::time::Duration;

use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use url::Url;

use super::{SizeBounds, UpdateError};

/// The DER prefix of an ed25519 public key in SubjectPublicKeyInfo form (what `openssl pkey
/// -pubout` prints in base64): the 32 key bytes follow it.
const SPKI_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
/// A signature file is the 64 raw bytes `openssl pkeyutl -sign -rawin` writes; nothing else.
const SIGNATURE_LEN: usize = 64;

/// The fleet's key: every source must then come with a valid signature at its address + `.sig`.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", base64::engine::general_purpose::STANDARD.encode(self.0.as_bytes()))
    }
}

impl PublicKey {
    /// The base64 of the 32 key bytes, or of the key in SubjectPublicKeyInfo form (the line
    /// between `-----BEGIN PUBLIC KEY-----` and `-----END PUBLIC KEY-----`).
    pub fn parse(text: &str) -> Result<PublicKey, String> {
        let expected = "expected the base64 of an ed25519 public key: the line `openssl pkey -in KEY -pubout` prints \
                        between its BEGIN and END lines, or the 32 raw key bytes";
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|_| format!("not base64: {expected}"))?;
        let raw: &[u8] = match bytes.len() {
            32 => &bytes,
            44 if bytes[..12] == SPKI_PREFIX => &bytes[12..],
            44 => return Err(format!("a public key of another algorithm: {expected}")),
            n => return Err(format!("{n} bytes: {expected}")),
        };
        let raw: [u8; 32] = raw.try_into().map_err(|_| expected.to_string())?;
        VerifyingKey::from_bytes(&raw).map(PublicKey).map_err(|_| format!("not a valid ed25519 point: {expected}"))
    }

    /// Checks `signature` (the 64 raw bytes of the `.sig` file) over `data`, strictly (no
    /// malleable or small-order forms).
    pub(super) fn verify(&self, data: &[u8], signature: &[u8], url: &Url) -> Result<(), UpdateError> {
        let bytes: [u8; SIGNATURE_LEN] = signature.try_into().map_err(|_| UpdateError::Signature {
            url: url.to_string(),
            what: format!("the signature file has {} bytes: expected the {SIGNATURE_LEN} bytes of an ed25519 signature", signature.len()),
        })?;
        self.0.verify_strict(data, &Signature::from_bytes(&bytes)).map_err(|_| UpdateError::Signature {
            url: url.to_string(),
            what: "the signature does not match the data and the configured `[updates] public_key`".into(),
        })
    }
}

/// Where a source's signature is: the same address with `.sig` appended to its path.
pub(super) fn signature_url(url: &Url) -> Url {
    let mut signed = url.clone();
    signed.set_path(&format!("{}.sig", url.path()));
    signed
}

/// The whole body of `url`, which must be `bounds.min..=bounds.max` bytes long. A body longer
/// than the maximum is refused as soon as it is announced or read past, never kept.
pub(super) fn fetch(url: &Url, bounds: SizeBounds, timeout: Duration) -> Result<Vec<u8>, UpdateError> {
    let body = match url.scheme() {
        "file" => read_file(url, bounds)?,
        _ => download(url, bounds, timeout)?,
    };
    if (body.len() as u64) < bounds.min {
        return Err(UpdateError::TooSmall { url: url.to_string(), size: body.len() as u64, min: bounds.min });
    }
    Ok(body)
}

fn read_file(url: &Url, bounds: SizeBounds) -> Result<Vec<u8>, UpdateError> {
    let failed = |err: std::io::Error| UpdateError::Download { url: url.to_string(), what: err.to_string() };
    let path = url.to_file_path().map_err(|()| UpdateError::Download { url: url.to_string(), what: "not a local file path".into() })?;
    let file = std::fs::File::open(&path).map_err(failed)?;
    let length = file.metadata().map_err(failed)?.len();
    if length > bounds.max {
        return Err(UpdateError::TooLarge { url: url.to_string(), max: bounds.max });
    }
    read_bounded(file, bounds, url, failed)
}

fn download(url: &Url, bounds: SizeBounds, timeout: Duration) -> Result<Vec<u8>, UpdateError> {
    let failed = |what: String| UpdateError::Download { url: url.to_string(), what };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        // A source configured as https never follows a redirect to plain http.
        .https_only(url.scheme() == "https")
        .max_redirects(5)
        .user_agent(concat!("guichet/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url.as_str()).call().map_err(|err| match err {
        ureq::Error::StatusCode(status) => failed(format!("the server answered HTTP {status}")),
        other => failed(other.to_string()),
    })?;
    if response.body().content_length().is_some_and(|announced| announced > bounds.max) {
        return Err(UpdateError::TooLarge { url: url.to_string(), max: bounds.max });
    }
    // ureq fails the read when a `Content-Length` body ends early: a cut download is an error,
    // never a shorter file.
    read_bounded(response.body_mut().as_reader(), bounds, url, |err| failed(format!("the download did not complete: {err}")))
}

/// Reads at most one byte past the maximum: enough to know the source is too large.
fn read_bounded(reader: impl Read, bounds: SizeBounds, url: &Url, failed: impl Fn(std::io::Error) -> UpdateError) -> Result<Vec<u8>, UpdateError> {
    let mut body = Vec::new();
    reader.take(bounds.max.saturating_add(1)).read_to_end(&mut body).map_err(failed)?;
    if body.len() as u64 > bounds.max {
        return Err(UpdateError::TooLarge { url: url.to_string(), max: bounds.max });
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_both_forms_and_nothing_else() {
        // RFC 8032's first test key, raw and as `openssl pkey -pubout` prints it.
        let raw = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
        let spki = "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
        assert_eq!(PublicKey::parse(raw).unwrap(), PublicKey::parse(spki).unwrap());
        assert!(PublicKey::parse("not base64!").unwrap_err().starts_with("not base64"));
        assert!(PublicKey::parse("AAAA").unwrap_err().starts_with("3 bytes"));
        // An X25519 key in SPKI form has another algorithm identifier.
        assert!(PublicKey::parse("MCowBQYDK2VuAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").unwrap_err().contains("another algorithm"));
    }

    #[test]
    fn signatures_sit_beside_their_source() {
        let url = Url::parse("https://lists.example/fleet/blacklists.tar.gz?v=2").unwrap();
        assert_eq!(signature_url(&url).as_str(), "https://lists.example/fleet/blacklists.tar.gz.sig?v=2");
        let file = Url::parse("file:///srv/lists/easylist.txt").unwrap();
        assert_eq!(signature_url(&file).as_str(), "file:///srv/lists/easylist.txt.sig");
    }
}
