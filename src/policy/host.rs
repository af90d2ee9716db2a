//! Host names as the policy sees them: already IDNA-mapped and lower-cased by the WHATWG parser,
//! then checked against DNS rules so that nothing odd can slip through a suffix comparison.

use std::net::IpAddr;

use super::Reason;

/// A host that passed the checks: a DNS name without its trailing dot, or an IP address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostRef<'a> {
    Domain(&'a str),
    Ip(IpAddr),
}

impl<'a> HostRef<'a> {
    /// Classifies a host from a parsed URL. Names must be plain DNS names: labels of 1 to 63
    /// letters, digits, `-` or `_`, at most 253 characters. One trailing dot (the fully
    /// qualified form) names the same host and is dropped.
    pub fn classify(host: url::Host<&'a str>) -> Result<HostRef<'a>, Reason> {
        match host {
            url::Host::Ipv4(ip) => Ok(HostRef::Ip(IpAddr::V4(ip))),
            url::Host::Ipv6(ip) => Ok(HostRef::Ip(match ip.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => IpAddr::V6(ip),
            })),
            url::Host::Domain(name) => {
                let name = name.strip_suffix('.').unwrap_or(name);
                if is_dns_name(name) { Ok(HostRef::Domain(name)) } else { Err(Reason::InvalidHost) }
            }
        }
    }
}

fn is_dns_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

/// Does the entry host `pattern` cover `name`? Itself, or any subdomain of it.
pub fn covers(pattern: &str, name: &str) -> bool {
    match name.len().checked_sub(pattern.len()) {
        Some(0) => name == pattern,
        Some(extra) => name.as_bytes()[extra - 1] == b'.' && name.ends_with(pattern),
        None => false,
    }
}

/// `name`, then each parent domain: `a.b.fr`, `b.fr`, `fr`.
pub fn suffixes(name: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(name), |rest| rest.find('.').map(|dot| &rest[dot + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_itself_and_subdomains_only() {
        assert!(covers("caf.fr", "caf.fr"));
        assert!(covers("caf.fr", "www.caf.fr"));
        assert!(covers("caf.fr", "a.b.caf.fr"));
        assert!(!covers("caf.fr", "evilcaf.fr"));
        assert!(!covers("caf.fr", "caf.fr.evil.com"));
        assert!(!covers("www.caf.fr", "caf.fr"));
        assert!(!covers("caf.fr", "fr"));
    }

    #[test]
    fn dns_names() {
        assert!(is_dns_name("www.caf.fr"));
        assert!(is_dns_name("xn--tt-bja.fr"));
        assert!(is_dns_name("_dmarc.caf.fr"));
        assert!(!is_dns_name("www..caf.fr"));
        assert!(!is_dns_name("a$b.caf.fr"));
        assert!(!is_dns_name(&format!("{}.fr", "a".repeat(64))));
        assert!(!is_dns_name(""));
    }
}
