//! Checks one configuration file key by key, turning the raw values as typed into validated
//! pieces; every problem becomes a `file:line:column` error in plain words (French or English).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;

use super::raw;
use super::{AssistedSettings, ModeSettings, PolicyKind, SessionTimes, SessionTimesError, DEFAULT_ASSISTED_IDLE, DEFAULT_ASSISTED_MAX};
use crate::embedded;
use crate::i18n::staff::Message;
use crate::kiosk::{PinError, PinHash};
use crate::policy::Mode;
use crate::source::{Located, Location, SourceFile};
use crate::staff;

pub(super) struct Validator<'a> {
    pub(super) file: &'a SourceFile,
    pub(super) errors: Vec<Located>,
}

impl Validator<'_> {
    pub(super) fn error(&mut self, span: Range<usize>, message: Message) {
        self.errors.push(self.file.error_at(span, message));
    }

    pub(super) fn duration(&mut self, key: &str, value: &Option<Spanned<String>>, default: Duration) -> Option<Duration> {
        let Some(value) = value else { return Some(default) };
        match humantime::parse_duration(value.get_ref().trim()) {
            Ok(d) => Some(d),
            Err(_) => {
                self.error(value.span(), staff!("config-bad-duration", key = key, value = format!("{:?}", value.get_ref())));
                None
            }
        }
    }

    pub(super) fn session_times(&mut self, raw: &raw::RawSession) -> Option<SessionTimes> {
        let d = SessionTimes::DEFAULT;
        let idle_timeout = self.duration("idle_timeout", &raw.idle_timeout, d.idle_timeout);
        let idle_warning = self.duration("idle_warning", &raw.idle_warning, d.idle_warning);
        let max_duration = self.duration("max_duration", &raw.max_duration, d.max_duration);
        let max_warning = self.duration("max_warning", &raw.max_warning, d.max_warning);
        let (Some(it), Some(iw), Some(md), Some(mw)) = (idle_timeout, idle_warning, max_duration, max_warning) else {
            return None;
        };
        match SessionTimes::new(it, iw, md, mw) {
            Ok(times) => Some(times),
            Err(err) => {
                // The key at fault, or the one it is compared with when it was left at its default.
                let (key, value, default, other) = match err {
                    SessionTimesError::IdleTimeoutRange => ("idle_timeout", &raw.idle_timeout, d.idle_timeout, None),
                    SessionTimesError::IdleWarningRange => ("idle_warning", &raw.idle_warning, d.idle_warning, Some(&raw.idle_timeout)),
                    SessionTimesError::MaxDurationRange => ("max_duration", &raw.max_duration, d.max_duration, None),
                    SessionTimesError::MaxWarningRange => ("max_warning", &raw.max_warning, d.max_warning, Some(&raw.max_duration)),
                };
                let shown_default = format!("{:?}", humantime::format_duration(default).to_string());
                let message = match (value, other) {
                    (Some(v), _) => staff!("config-out-of-range", key = key, value = format!("{:?}", v.get_ref()), rule = err.message()),
                    (None, _) => staff!("config-out-of-range-default", key = key, value = shown_default, rule = err.message()),
                };
                let span = match (value, other) {
                    (Some(v), _) => v.span(),
                    (None, Some(Some(o))) => o.span(),
                    (None, _) => 0..0,
                };
                self.error(span, message);
                None
            }
        }
    }

    pub(super) fn assisted(
        &mut self,
        raw: &raw::RawAssisted,
        session: SessionTimes,
        offered: bool,
        modes: &Option<Spanned<Vec<Spanned<String>>>>,
    ) -> AssistedSettings {
        let pin_hash = match &raw.pin_hash {
            None => {
                if offered {
                    let span = modes.as_ref().map_or(0..0, |m| m.span());
                    self.error(span, staff!("config-assisted-no-pin"));
                }
                None
            }
            Some(text) => match PinHash::parse(text.get_ref()) {
                Ok(hash) => Some(hash),
                Err(err) => {
                    // Never echo the value: it may be the PIN itself.
                    self.error(text.span(), pin_message(&err));
                    None
                }
            },
        };
        let idle_timeout = self.duration("idle_timeout", &raw.idle_timeout, DEFAULT_ASSISTED_IDLE);
        let max_duration = self.duration("max_duration", &raw.max_duration, DEFAULT_ASSISTED_MAX);
        let times = match (idle_timeout, max_duration) {
            (Some(idle), Some(max)) => match SessionTimes::new(idle, session.idle_warning(), max, session.max_warning()) {
                Ok(times) => times,
                Err(err) => {
                    let (key, value) = match err {
                        SessionTimesError::IdleTimeoutRange | SessionTimesError::IdleWarningRange => ("idle_timeout", &raw.idle_timeout),
                        SessionTimesError::MaxDurationRange | SessionTimesError::MaxWarningRange => ("max_duration", &raw.max_duration),
                    };
                    let span = value.as_ref().map_or(0..0, |v| v.span());
                    self.error(span, staff!("config-assisted-out-of-range", key = key, rule = err.message()));
                    session
                }
            },
            _ => session,
        };
        AssistedSettings { pin_hash, times }
    }

    pub(super) fn languages(&mut self, raw: &raw::RawUi) -> (Vec<String>, String) {
        let shipped: Vec<&str> = embedded::locale_names().collect();
        let expected = shipped.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ");
        let mut languages = Vec::new();
        match &raw.languages {
            None => {
                // French first, then the others in folder order.
                languages.extend(shipped.iter().filter(|l| **l == crate::i18n::FALLBACK).map(|l| l.to_string()));
                languages.extend(shipped.iter().filter(|l| **l != crate::i18n::FALLBACK).map(|l| l.to_string()));
            }
            Some(list) => {
                if list.get_ref().is_empty() {
                    self.error(list.span(), staff!("config-empty-languages", expected = expected.clone()));
                }
                for lang in list.get_ref() {
                    let tag = lang.get_ref().as_str();
                    if !shipped.contains(&tag) {
                        self.error(lang.span(), staff!("config-unknown-language", tag = format!("{tag:?}"), expected = expected.clone()));
                    } else if languages.iter().any(|l| l == tag) {
                        self.error(lang.span(), staff!("config-language-twice", tag = format!("{tag:?}")));
                    } else {
                        languages.push(tag.to_string());
                    }
                }
            }
        }
        let default = match &raw.default_language {
            None => {
                if languages.iter().any(|l| l == "fr") { "fr".to_string() } else { languages.first().cloned().unwrap_or_default() }
            }
            Some(tag) if languages.iter().any(|l| l == tag.get_ref()) => tag.get_ref().clone(),
            Some(tag) => {
                self.error(tag.span(), staff!("config-default-language", tag = format!("{:?}", tag.get_ref())));
                String::new()
            }
        };
        (languages, default)
    }

    pub(super) fn offered_modes(&mut self, raw: &Option<Spanned<Vec<Spanned<String>>>>) -> Vec<Mode> {
        let Some(list) = raw else { return vec![Mode::Citizen] };
        if list.get_ref().is_empty() {
            self.error(list.span(), staff!("config-empty-modes"));
        }
        let mut modes = Vec::new();
        for name in list.get_ref() {
            match name.get_ref().parse::<Mode>() {
                Ok(mode) if modes.contains(&mode) => self.error(name.span(), staff!("config-mode-twice", mode = mode.as_str())),
                Ok(mode) => modes.push(mode),
                Err(_) => {
                    let typed = format!("{:?}", name.get_ref());
                    let names = Mode::ALL.map(Mode::as_str);
                    let message = match crate::toml_reader::closest(name.get_ref(), &names) {
                        Some(close) => staff!("config-unknown-mode-close", mode = typed, suggestion = format!("\"{close}\"")),
                        None => staff!("config-unknown-mode", mode = typed),
                    };
                    self.error(name.span(), message);
                }
            }
        }
        modes
    }

    pub(super) fn mode_settings(&mut self, mode: Mode, raw: Option<&raw::RawMode>) -> ModeSettings {
        let default = ModeSettings::default_for(mode);
        let Some(raw) = raw else { return default };
        let kind = match &raw.policy {
            None => default.kind,
            Some(policy) => match policy.get_ref().as_str() {
                "allowlist" => PolicyKind::Allowlist,
                "filtered-web" => PolicyKind::FilteredWeb,
                other => {
                    self.error(policy.span(), staff!("config-unknown-policy", policy = format!("{other:?}"), mode = mode.as_str()));
                    default.kind
                }
            },
        };
        let Some(categories) = &raw.categories else {
            return match kind {
                PolicyKind::Allowlist => ModeSettings { kind, categories: Vec::new() },
                PolicyKind::FilteredWeb => ModeSettings::filtered_by_default(),
            };
        };
        if kind == PolicyKind::Allowlist {
            self.error(categories.span(), staff!("config-categories-on-allowlist", mode = mode.as_str()));
        }
        if categories.get_ref().is_empty() {
            self.error(categories.span(), staff!("config-empty-categories"));
        }
        let mut names: Vec<(String, Option<Location>)> = Vec::new();
        for name in categories.get_ref() {
            let text = name.get_ref();
            let well_formed = !text.is_empty()
                && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
            if !well_formed {
                self.error(name.span(), staff!("config-bad-category-name", name = format!("{text:?}")));
            } else if names.iter().any(|(n, _)| n == text) {
                self.error(name.span(), staff!("config-category-twice", name = format!("{text:?}")));
            } else {
                names.push((text.clone(), Some(self.file.location(&name.span()))));
            }
        }
        ModeSettings { kind, categories: names }
    }

    pub(super) fn network_hosts(&mut self, raw: &[(Spanned<String>, Spanned<String>)]) -> BTreeMap<String, SocketAddr> {
        let mut hosts = BTreeMap::new();
        for (name, target) in raw {
            let host = name.get_ref().trim_end_matches('.').to_ascii_lowercase();
            let valid_name = !host.is_empty()
                && host.split('.').all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            if !valid_name {
                self.error(name.span(), staff!("config-not-a-host-name", host = format!("{:?}", name.get_ref())));
                continue;
            }
            match target.get_ref().parse::<SocketAddr>() {
                Ok(addr) if addr.ip().is_loopback() && addr.port() != 0 => {
                    hosts.insert(host, addr);
                }
                Ok(_) => self.error(target.span(), staff!("config-not-loopback", address = format!("{:?}", target.get_ref()))),
                Err(_) => self.error(target.span(), staff!("config-not-an-address", address = format!("{:?}", target.get_ref()))),
            }
        }
        hosts
    }

    pub(super) fn network_certificates(&mut self, raw: &[(Spanned<String>, Spanned<String>)], base: &Path) -> BTreeMap<String, PathBuf> {
        let mut certificates = BTreeMap::new();
        for (name, path) in raw {
            let host = name.get_ref().trim_end_matches('.').to_ascii_lowercase();
            if host.is_empty() || !host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
                self.error(name.span(), staff!("config-not-a-host-name", host = format!("{:?}", name.get_ref())));
                continue;
            }
            let file = base.join(path.get_ref());
            if !file.is_file() {
                self.error(path.span(), staff!("config-certificate-missing", path = file.display().to_string()));
                continue;
            }
            certificates.insert(host, file);
        }
        certificates
    }
}

/// The PIN hash's problem, never repeating the value: it may be the PIN itself.
fn pin_message(err: &PinError) -> Message {
    match err {
        PinError::PlainPin => staff!("config-pin-plain"),
        PinError::NotArgon2id => staff!("config-pin-not-argon2id"),
        PinError::TooCostly => staff!(
            "config-pin-too-costly",
            memory = crate::kiosk::PIN_MAX_MEMORY_KIB.to_string(),
            passes = crate::kiosk::PIN_MAX_PASSES.to_string()
        ),
        PinError::BadPin | PinError::Hash(_) => staff!("config-pin-not-argon2id"),
    }
}
