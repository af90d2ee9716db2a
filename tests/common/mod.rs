//! Helpers shared by the integration tests.
#![allow(dead_code)]

#[cfg(feature = "shell")]
pub mod cups;
#[cfg(feature = "shell")]
pub mod forensics;
#[cfg(feature = "shell")]
pub mod kiosk;
pub mod rig;
pub mod site;
#[cfg(feature = "shell")]
pub mod sites;
pub mod websocket;

use std::path::{Path, PathBuf};

use guichet::config::Config;
use guichet::policy::Policy;

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// The shipped lists plus `tests/fixtures/policy/test-sites.toml`.
pub fn table_policy() -> Policy {
    let config = Config::load_file(&fixture("policy/config.toml")).expect("fixture config is valid");
    config.load_policy().expect("fixture lists are valid")
}

/// A youth machine: `modes = ["minor", "citizen"]`, the shipped lists plus
/// `policy/test-sites.toml` and `policy/minor-sites.toml`, and category lists compiled from `tests/fixtures/ut1/` into `dir`.
/// `lists` replaces the `[filter] lists` line (to point at a missing or damaged file).
pub fn minor_config(dir: &Path, lists: Option<&str>) -> PathBuf {
    let compiled = dir.join("ut1.lists");
    if !compiled.exists() {
        guichet::lists::compile(&fixture("ut1"), &compiled).expect("fixture lists compile");
    }
    let config = dir.join("config.toml");
    let text = format!(
        "[kiosk]\nmodes = [\"minor\", \"citizen\"]\n[policy]\nallowlists = [\"builtin\", {:?}, {:?}]\n[filter]\nlists = {:?}\n\
         [adblock]\ncache = \"adblock.cache\"\n",
        fixture("policy/test-sites.toml").display().to_string(),
        fixture("policy/minor-sites.toml").display().to_string(),
        lists.unwrap_or("ut1.lists")
    );
    std::fs::write(&config, text).expect("config written");
    // EasyList and EasyPrivacy from Debian's package, compiled as `guichet run` would.
    if !dir.join("adblock.cache").exists() {
        Config::load_file(&config).expect("test config").load_ads(true);
    }
    config
}

/// Expands `\t`, `\\` and `\u{XXXX}` in fixture columns.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                assert_eq!(chars.next(), Some('{'), "\\u must be followed by {{ in {text:?}");
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex code point");
                out.push(char::from_u32(code).expect("valid code point"));
            }
            other => panic!("unknown escape \\{other:?} in {text:?}"),
        }
    }
    out
}
