//! Finds démarches from what a patron types ("payer mes impots", "chomage", "passport"): a pure
//! function over an index built once. Accents, case, punctuation and one typo per word do not
//! matter; keywords weigh more than titles, titles more than summaries; rare words weigh more
//! than common ones; a keyword phrase found whole ("carte grise") earns a bonus.

use rustc_hash::FxHashMap;

use super::words::{self, one_edit_apart};
use super::{Demarche, BASE_LANGUAGE};

const KEYWORD_WEIGHT: f32 = 3.0;
const TITLE_WEIGHT: f32 = 2.0;
const SUMMARY_WEIGHT: f32 = 1.0;
/// French keywords and titles still count when searching in another language (people type
/// "carte vitale" or "CAF" in any language), but less than that language's own words.
const BASE_LANGUAGE_FACTOR: f32 = 0.5;
/// A keyword phrase found whole adds this share of its words' weights again.
const PHRASE_BONUS: f32 = 1.5;
const EXACT: f32 = 1.0;
const ONE_TYPO: f32 = 0.75;
const PREFIX: f32 = 0.6;
/// Shorter words must be typed exactly: "rsa" is not "rsi", "apl" is not "api". In letters,
/// whatever the script.
const MIN_FUZZY_LEN: usize = 4;

/// One result: the position of the démarche in the catalogue, and how well it matched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub demarche: usize,
    pub score: f32,
}

type TermId = u32;

/// Every term of every language, and one index per language.
#[derive(Debug, Default)]
pub struct Index {
    documents: usize,
    terms: Vec<String>,
    ids: FxHashMap<String, TermId>,
    languages: FxHashMap<String, LanguageIndex>,
}

#[derive(Debug, Default)]
struct LanguageIndex {
    /// Term → the démarches that contain it, one posting per démarche.
    postings: FxHashMap<TermId, Vec<Posting>>,
    /// First term of a keyword phrase of two terms or more → (démarche, the phrase's terms, weight).
    phrases: FxHashMap<TermId, Vec<(u32, Vec<TermId>, f32)>>,
    /// Inverse document frequency: rare terms tell more.
    rarity: FxHashMap<TermId, f32>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    /// The sum of the weights of the fields the term appears in.
    weight: f32,
    /// Which fields were counted (bits below).
    fields: u8,
}

const KEYWORDS_FIELD: u8 = 1;
const TITLE_FIELD: u8 = 2;
const SUMMARY_FIELD: u8 = 4;
/// The base language's fields, when indexed for another language, count apart from its own.
const BASE_SHIFT: u8 = 3;

impl Index {
    pub fn new(demarches: &[Demarche]) -> Index {
        let mut index = Index { documents: demarches.len(), ..Index::default() };
        let mut languages = vec![BASE_LANGUAGE.to_string()];
        for d in demarches {
            for t in &d.translations {
                if !languages.contains(&t.lang) {
                    languages.push(t.lang.clone());
                }
            }
        }
        for lang in languages {
            let mut language = LanguageIndex::default();
            for (doc, d) in demarches.iter().enumerate() {
                let doc = u32::try_from(doc).expect("fewer than 4 billion démarches");
                if lang == BASE_LANGUAGE {
                    index.add_text(&mut language, doc, BASE_LANGUAGE, &d.base.keywords, &d.base.title, &d.base.summary, 1.0, 0);
                    continue;
                }
                if let Some(t) = d.translation(&lang) {
                    index.add_text(&mut language, doc, &lang, &t.keywords, &t.title, &t.summary, 1.0, 0);
                }
                index.add_text(&mut language, doc, BASE_LANGUAGE, &d.base.keywords, &d.base.title, "", BASE_LANGUAGE_FACTOR, BASE_SHIFT);
            }
            let count = demarches.len().max(1) as f32;
            for (term, docs) in &language.postings {
                language.rarity.insert(*term, 1.0 + (count / docs.len() as f32).ln());
            }
            index.languages.insert(lang, language);
        }
        index
    }

    #[allow(clippy::too_many_arguments)] // one call per language and field set; a struct would only rename them
    fn add_text(&mut self, language: &mut LanguageIndex, doc: u32, lang: &str, keywords: &[String], title: &str, summary: &str, factor: f32, shift: u8) {
        for keyword in keywords {
            let terms: Vec<TermId> = words::terms(keyword, lang).iter().map(|t| self.intern(t)).collect();
            for term in &terms {
                language.add(*term, doc, KEYWORDS_FIELD << shift, KEYWORD_WEIGHT * factor);
            }
            if terms.len() >= 2 {
                language.phrases.entry(terms[0]).or_default().push((doc, terms.clone(), KEYWORD_WEIGHT * factor));
            }
        }
        // A word of a short title says more than one of a long title ("Demander le RSA").
        let title_terms = words::terms(title, lang);
        let title_weight = TITLE_WEIGHT * (1.0 + 1.0 / title_terms.len().max(1) as f32);
        for term in title_terms {
            let term = self.intern(&term);
            language.add(term, doc, TITLE_FIELD << shift, title_weight * factor);
        }
        for term in words::terms(summary, lang) {
            let term = self.intern(&term);
            language.add(term, doc, SUMMARY_FIELD << shift, SUMMARY_WEIGHT * factor);
        }
    }

    fn intern(&mut self, term: &str) -> TermId {
        if let Some(id) = self.ids.get(term) {
            return *id;
        }
        let id = TermId::try_from(self.terms.len()).expect("fewer than 4 billion terms");
        self.terms.push(term.to_string());
        self.ids.insert(term.to_string(), id);
        id
    }

    /// The terms a query word may stand for, each with how sure the match is.
    fn candidates(&self, word: &str, lang: &str) -> Vec<(TermId, f32)> {
        let mut forms = vec![words::stem(word, lang)];
        if lang != BASE_LANGUAGE {
            let base = words::stem(word, BASE_LANGUAGE);
            if base != forms[0] {
                forms.push(base);
            }
        }
        let mut found: Vec<(TermId, f32)> = Vec::new();
        let mut keep = |id: TermId, quality: f32| match found.iter_mut().find(|(t, _)| *t == id) {
            Some((_, q)) => *q = q.max(quality),
            None => found.push((id, quality)),
        };
        for form in &forms {
            if let Some(id) = self.ids.get(form.as_str()) {
                keep(*id, EXACT);
            }
            let letters = form.chars().count();
            if letters < MIN_FUZZY_LEN {
                continue;
            }
            for (id, term) in self.terms.iter().enumerate() {
                let id = id as TermId;
                // One edit changes the length by one letter at most, four bytes at most: a cheap
                // test first, since most terms are far too long or too short.
                let near = || {
                    let term_letters = term.chars().count();
                    term_letters >= MIN_FUZZY_LEN && term_letters.abs_diff(letters) <= 1
                };
                let typo = term.len().abs_diff(form.len()) <= 4 && term != form && near() && one_edit_apart(form, term);
                if typo {
                    keep(id, ONE_TYPO);
                } else if term.len() > form.len() && term.starts_with(form.as_str()) {
                    keep(id, PREFIX);
                }
            }
        }
        found
    }

    /// Results best first; equal scores keep catalogue order.
    pub fn search(&self, query: &str, lang: &str) -> Vec<Hit> {
        let Some(language) = self.languages.get(lang).or_else(|| self.languages.get(BASE_LANGUAGE)) else {
            return Vec::new();
        };
        let positions: Vec<Vec<(TermId, f32)>> = words::normalized_words(query)
            .iter()
            .filter(|w| !words::is_stop_word(w, lang))
            .map(|w| self.candidates(w, lang))
            .filter(|c| c.iter().any(|(t, _)| language.postings.contains_key(t)))
            .collect();
        if positions.is_empty() {
            return Vec::new();
        }
        let doc_count = self.documents;
        let mut scores = vec![0.0f32; doc_count];
        let mut matched = vec![0u16; doc_count];
        let mut best = vec![0.0f32; doc_count];
        for candidates in &positions {
            best.iter_mut().for_each(|b| *b = 0.0);
            for (term, quality) in candidates {
                let Some(postings) = language.postings.get(term) else { continue };
                let rarity = language.rarity.get(term).copied().unwrap_or(1.0);
                for posting in postings {
                    let doc = posting.doc as usize;
                    best[doc] = best[doc].max(quality * posting.weight * rarity);
                }
            }
            for doc in 0..doc_count {
                if best[doc] > 0.0 {
                    scores[doc] += best[doc];
                    matched[doc] += 1;
                }
            }
        }
        self.add_phrase_bonuses(language, &positions, &mut scores);
        let mut hits: Vec<Hit> = (0..doc_count)
            .filter(|doc| matched[*doc] > 0)
            // Words of the query that this démarche does not explain lower its score.
            .map(|doc| Hit { demarche: doc, score: scores[doc] * f32::from(matched[doc]) / positions.len() as f32 })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.demarche.cmp(&b.demarche)));
        hits
    }

    fn add_phrase_bonuses(&self, language: &LanguageIndex, positions: &[Vec<(TermId, f32)>], scores: &mut [f32]) {
        for (start, candidates) in positions.iter().enumerate() {
            for (first, first_quality) in candidates {
                let Some(phrases) = language.phrases.get(first) else { continue };
                for (doc, terms, weight) in phrases {
                    let Some(rest) = positions.get(start + 1..start + terms.len()) else { continue };
                    let mut quality = *first_quality;
                    let mut weight_sum = language.rarity.get(first).copied().unwrap_or(1.0);
                    let whole = terms[1..].iter().zip(rest).all(|(term, at)| match at.iter().find(|(t, _)| t == term) {
                        Some((_, q)) => {
                            quality = quality.min(*q);
                            weight_sum += language.rarity.get(term).copied().unwrap_or(1.0);
                            true
                        }
                        None => false,
                    });
                    if whole {
                        let doc = *doc as usize;
                        scores[doc] += PHRASE_BONUS * quality * weight * weight_sum / terms.len() as f32;
                    }
                }
            }
        }
    }
}

impl LanguageIndex {
    /// Each field counts once per démarche: a word in the keywords and the title weighs both.
    fn add(&mut self, term: TermId, doc: u32, field: u8, weight: f32) {
        let postings = self.postings.entry(term).or_default();
        match postings.iter_mut().find(|p| p.doc == doc) {
            Some(p) if p.fields & field == 0 => {
                p.weight += weight;
                p.fields |= field;
            }
            Some(_) => {}
            None => postings.push(Posting { doc, weight, fields: field }),
        }
    }
}
