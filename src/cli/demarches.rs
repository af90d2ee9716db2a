//! `guichet demarches list` and `guichet demarches search`: one JSON object per line, best first.

use std::io::{self, Write};

use serde::Serialize;

use crate::catalog::{Catalog, Demarche};

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
}

/// Every démarche in catalogue order, titled in `lang`.
pub fn list(catalog: &Catalog, lang: &str, out: &mut impl Write) -> io::Result<()> {
    for demarche in catalog.demarches() {
        write_line(out, demarche, lang, None)?;
    }
    Ok(())
}

/// The matches for `query`, best first, with their scores.
pub fn search(catalog: &Catalog, query: &str, lang: &str, out: &mut impl Write) -> io::Result<()> {
    for hit in catalog.search(query, lang) {
        // Two decimals: enough to rank by eye, stable across platforms.
        let score = (f64::from(hit.score) * 100.0).round() / 100.0;
        write_line(out, &catalog.demarches()[hit.demarche], lang, Some(score))?;
    }
    Ok(())
}

fn write_line(out: &mut impl Write, demarche: &Demarche, lang: &str, score: Option<f64>) -> io::Result<()> {
    let line = Line { id: &demarche.id, title: demarche.texts(lang).title, score };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}
