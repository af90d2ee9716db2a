//! The Public Suffix List: tells `impots.gouv.fr` (a site) from `gouv.fr` (a suffix under which
//! anyone can register), so an entry can never allow a whole suffix by accident.

use publicsuffix::{List, Psl};

use crate::source::{Located, SourceFile};

/// The copy shipped in `assets/` (see `assets/README.md` for its version and licence).
pub const BUNDLED_LIST: &str = include_str!("../../assets/public_suffix_list.dat");
pub const BUNDLED_NAME: &str = "assets/public_suffix_list.dat";

#[derive(Debug)]
pub struct PublicSuffixes {
    list: List,
}

impl PublicSuffixes {
    pub fn bundled() -> Result<Self, Located> {
        Self::parse(&SourceFile::new(BUNDLED_NAME, BUNDLED_LIST))
    }

    pub fn parse(file: &SourceFile) -> Result<Self, Located> {
        let list = List::from_bytes(file.text().as_bytes())
            .map_err(|err| Located::whole_file(file.name(), crate::staff!("suffix-list-invalid", detail = err.to_string())))?;
        if list.is_empty() {
            return Err(Located::whole_file(file.name(), crate::staff!("suffix-list-empty")));
        }
        Ok(Self { list })
    }

    /// The registrable domain (public suffix plus one label) of a lower-case DNS name, or
    /// `None` when the name is itself a public suffix.
    pub fn registrable<'a>(&self, name: &'a str) -> Option<&'a str> {
        let domain = self.list.domain(name.as_bytes())?;
        let len = domain.as_bytes().len();
        Some(&name[name.len() - len..])
    }

    /// `gouv.fr`, `fr`, `github.io`: names under which anyone may register a site.
    pub fn is_public_suffix(&self, name: &str) -> bool {
        self.list.suffix(name.as_bytes()).is_some_and(|s| s.as_bytes() == name.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains() {
        let psl = PublicSuffixes::bundled().unwrap();
        assert_eq!(psl.registrable("www.caf.fr"), Some("caf.fr"));
        assert_eq!(psl.registrable("cfspart.impots.gouv.fr"), Some("impots.gouv.fr"));
        assert_eq!(psl.registrable("evil-caf.fr.attacker.com"), Some("attacker.com"));
        assert_eq!(psl.registrable("gouv.fr"), None);
        assert!(psl.is_public_suffix("gouv.fr"));
        assert!(psl.is_public_suffix("github.io"));
        assert!(!psl.is_public_suffix("caf.fr"));
    }
}
