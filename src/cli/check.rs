//! `guichet check`: one verdict line per URL, in input order, fast enough to vet whole logs.

use std::io::{self, BufRead, Write};

use url::Url;

use crate::ads::url_rules::{resource_type, Load};
use crate::ads::{Kind, UrlRules};
use crate::policy::{https_form, Detail, Mode, Policy, Reason, Verdict};

/// Writes `allow<TAB>URL<TAB>rule`, `upgrade<TAB>URL<TAB>https-url` or `block<TAB>URL<TAB>reason`;
/// in a filtered-web mode also `allow<TAB>URL<TAB>safesearch:HOST` and `block<TAB>URL<TAB>category:NAME`.
/// An address typed without `https://` in front is refused as `missing-scheme`. With the lists'
/// [`UrlRules`], an allowed resource that a content filter refuses by its address is
/// `block<TAB>URL<TAB>ad` (or `tracker`): WebKit refuses it in the page, not the proxy.
pub struct Checker<'p> {
    policy: &'p Policy,
    mode: Mode,
    url_rules: Option<&'p UrlRules>,
    /// The host of the page resources are loaded by (`--page`); `None`: each its own site's.
    page: Option<String>,
    /// `file:line` of each rule, formatted once.
    origins: Vec<String>,
}

impl<'p> Checker<'p> {
    pub fn new(policy: &'p Policy, mode: Mode) -> Self {
        let origins = policy.rules().iter().map(|r| r.origin.to_string()).collect();
        Checker { policy, mode, url_rules: None, page: None, origins }
    }

    /// Resources are also checked against the content filters, as loaded by a page at `page`
    /// (`None`: a page of the resource's own site).
    pub fn with_url_rules(self, url_rules: &'p UrlRules, page: Option<&str>) -> Self {
        let page = page.and_then(|p| Url::parse(p).ok()).and_then(|u| u.host_str().map(str::to_ascii_lowercase));
        Checker { url_rules: Some(url_rules), page, ..self }
    }

    /// What a content filter does with `input` as a resource (its type from its extension).
    fn refused_in_page(&self, rules: &UrlRules, input: &str) -> Option<Kind> {
        let resource = resource_type(input)?;
        let url = Url::parse(input).ok()?;
        let host = url.host_str()?.to_ascii_lowercase();
        let page = self.page.as_deref().unwrap_or(&host);
        let site = |name: &str| self.policy.suffixes().registrable(name).unwrap_or(name).to_string();
        let third_party = site(&host) != site(page);
        rules.check(&Load { url: input, resource, third_party, page })
    }

    /// Writes the verdict line. Returns the address with `https://` in front when the input
    /// is a site's address without it (`www.ameli.fr`), for a hint to staff.
    pub fn check_one(&self, input: &str, out: &mut impl Write) -> io::Result<Option<String>> {
        let decision = self.policy.decide(input, self.mode);
        // Tabs and line breaks inside the echoed input would break the line format.
        let shown = Shown(input);
        if decision.reason == Reason::Unparsable {
            if let Some(address) = with_https(input) {
                writeln!(out, "block\t{shown}\t{MISSING_SCHEME}")?;
                return Ok(Some(address));
            }
        }
        if decision.verdict == Verdict::Allow {
            if let Some(kind) = self.url_rules.and_then(|rules| self.refused_in_page(rules, input)) {
                writeln!(out, "block\t{shown}\t{kind}")?;
                return Ok(None);
            }
        }
        match (decision.verdict, decision.rule) {
            (Verdict::Allow, Some(rule)) => writeln!(out, "allow\t{shown}\t{}", self.origins[rule.index()]),
            (Verdict::Allow, None) => match decision.detail {
                Detail::SafeSearch(host) => writeln!(out, "allow\t{shown}\tsafesearch:{host}"),
                _ => writeln!(out, "allow\t{shown}\t{}", decision.reason),
            },
            // Only an upgrade needs the whole URL, query included, to print its https form.
            (Verdict::Upgrade, _) => match Url::parse(input) {
                Ok(url) => writeln!(out, "upgrade\t{shown}\t{}", https_form(&url)),
                Err(_) => writeln!(out, "block\t{shown}\t{}", Reason::Unparsable),
            },
            (Verdict::Block, _) => match decision.detail {
                Detail::Category(id) => writeln!(out, "block\t{shown}\tcategory:{}", self.policy.category_name(id)),
                _ => writeln!(out, "block\t{shown}\t{}", decision.reason),
            },
        }?;
        Ok(None)
    }

    /// Streams verdicts for URLs read one per line. Lines are taken as bytes: a line that is
    /// not UTF-8 is refused as unparsable rather than dropped, so output stays in step with input.
    pub fn check_stream(&self, input: impl BufRead, out: &mut impl Write) -> io::Result<u64> {
        let mut input = input;
        let mut line = Vec::with_capacity(256);
        let mut count = 0;
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            let trimmed = trim_line_end(&line);
            match std::str::from_utf8(trimmed) {
                Ok(text) => {
                    self.check_one(text, out)?;
                }
                Err(_) => writeln!(out, "block\t{}\tunparsable", String::from_utf8_lossy(trimmed).escape_default())?,
            }
            count += 1;
        }
        Ok(count)
    }
}

/// The reason `guichet check` gives for a site's address typed without `https://`.
pub const MISSING_SCHEME: &str = "missing-scheme";

/// `www.ameli.fr` or `caf.fr/aides` → the same with `https://` in front: input that is no
/// address as it stands, but names a site (a dotted name or an IP address) once `https://` is
/// added. `None` for anything else (`about:blank`, `mailto:…`, `not an address`).
pub fn with_https(input: &str) -> Option<String> {
    let input = input.trim();
    let starts_like_a_name = input.starts_with(|c: char| c.is_alphanumeric() || c == '[');
    if !starts_like_a_name || input.contains("://") || input.chars().any(char::is_whitespace) || Url::parse(input).is_ok() {
        return None;
    }
    let candidate = format!("https://{input}");
    let url = Url::parse(&candidate).ok()?;
    match url.host()? {
        url::Host::Domain(name) if name.contains('.') && !name.starts_with('.') && !name.ends_with('.') => Some(candidate),
        url::Host::Ipv4(_) | url::Host::Ipv6(_) => Some(candidate),
        url::Host::Domain(_) => None,
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Echoes the input, escaping only the characters that would break the TSV line.
struct Shown<'a>(&'a str);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.0.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
            return f.write_str(self.0);
        }
        for c in self.0.chars() {
            match c {
                '\t' => f.write_str("\\t")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                c => write!(f, "{c}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_without_https_is_recognised() {
        assert_eq!(with_https("www.ameli.fr").as_deref(), Some("https://www.ameli.fr"));
        assert_eq!(with_https("caf.fr/aides?x=1").as_deref(), Some("https://caf.fr/aides?x=1"));
        assert_eq!(with_https("192.168.1.1").as_deref(), Some("https://192.168.1.1"));
        for not_a_site in ["", "about:blank", "https://www.caf.fr/", "ameli", "not an address", "mailto:x@y.fr", "//www.caf.fr", "http:/x"] {
            assert_eq!(with_https(not_a_site), None, "{not_a_site:?}");
        }
    }
}
