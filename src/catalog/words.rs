//! Words as the search compares them: no accents, no case, no punctuation, light stemming,
//! without the little words that say nothing about a need ("je", "mes", "the").

/// Lower-cased words of `text` with accents removed; anything not a letter or digit separates
/// words, so "d'identité" gives "d" and "identite", and "pôle-emploi" gives "pole" and "emploi".
/// Letters people type either way are made one: Turkish and Romanian "ş", "ș" and "s", Russian
/// "ё" and "е", Arabic and Persian "ي" and "ی", "ك" and "ک", "أ" and "ا"; Arabic vowel marks,
/// the tatweel and Persian's zero-width non-joiner vanish; Persian and Arabic digits are 0–9.
pub fn normalized_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        // Combining accents (a decomposed "é" typed as "e" + U+0301) belong to the word and vanish.
        if is_combining_accent(c) {
            continue;
        }
        if c.is_alphanumeric() {
            // "İ" lowers to "i" and a combining dot, which vanishes like any accent.
            for lower in c.to_lowercase().filter(|l| !is_combining_accent(*l)) {
                push_unaccented(lower, &mut word);
            }
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The search terms of a text: normalized words without stop words, stemmed.
pub fn terms(text: &str, lang: &str) -> Vec<String> {
    normalized_words(text).into_iter().filter(|w| !is_stop_word(w, lang)).map(|w| stem(&w, lang)).collect()
}

/// Marks that belong to the letter before them, and signs that only shape a word: they vanish.
fn is_combining_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
        // Arabic vowel marks (harakat), and the superscript alef.
        || ('\u{064b}'..='\u{065f}').contains(&c)
        || c == '\u{0670}'
        // The tatweel stretches a word; the zero-width non-joiner sits inside Persian words.
        || c == '\u{0640}'
        || c == '\u{200c}'
}

fn push_unaccented(c: char, out: &mut String) {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'ă' => "a",
        'ğ' => "g",
        'ı' => "i",
        'ş' | 'ș' => "s",
        'ţ' | 'ț' => "t",
        'ё' => "е",
        'أ' | 'إ' | 'آ' | 'ٱ' => "ا",
        'ي' | 'ى' | 'ئ' => "ی",
        'ك' => "ک",
        'ة' => "ه",
        'ؤ' => "و",
        // Persian and Arabic-Indic digits, as their keyboards type them.
        '۰'..='۹' | '٠'..='٩' => {
            let zero = if c >= '۰' { '۰' } else { '٠' };
            out.extend(char::from_digit(u32::from(c) - u32::from(zero), 10));
            return;
        }
        other => {
            out.push(other);
            return;
        }
    };
    out.push_str(plain);
}

const FRENCH_STOP_WORDS: &[&str] = &[
    "a", "afin", "ai", "au", "aux", "avec", "avoir", "besoin", "ce", "ces", "cet", "cette", "comment", "d", "dans", "de", "des", "dois",
    "doit", "du", "elle", "en", "est", "et", "faire", "faut", "il", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "me",
    "mes", "moi", "mon", "n", "ne", "nos", "notre", "nous", "obtenir", "on", "ou", "par", "pas", "peux", "pour", "puis", "qu", "que",
    "qui", "s", "sa", "se", "ses", "son", "souhaite", "suis", "sur", "t", "ta", "te", "tes", "ton", "tu", "un", "une", "veux", "vos",
    "votre", "voudrais", "vous", "y",
];

const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "am", "an", "and", "are", "at", "be", "can", "do", "for", "from", "get", "have", "how", "i", "in", "is", "it", "like", "me",
    "my", "need", "of", "on", "or", "please", "the", "to", "want", "what", "where", "with", "would", "you", "your",
];

/// Words that say nothing about the need. Unknown languages keep every word.
pub fn is_stop_word(word: &str, lang: &str) -> bool {
    let list = match lang {
        "fr" => FRENCH_STOP_WORDS,
        "en" => ENGLISH_STOP_WORDS,
        _ => return false,
    };
    list.binary_search(&word).is_ok()
}

/// A light stemmer: plural and a few verb endings, so "impôts" meets "impot" and "payer" meets
/// "paye". Stems keep at least 3 letters, and 3-letter words ("rsa", "apl", "caf") are left
/// whole: their endings are meaning, not grammar.
pub fn stem(word: &str, lang: &str) -> String {
    let mut w = word;
    let endings: &[&str] = match lang {
        "fr" => &["s", "x", "e", "er", "ez"],
        "en" => &["s", "e", "ing", "ed"],
        _ => &[],
    };
    for ending in endings {
        if w.len() >= 4 && w.len() - ending.len() >= 3 {
            if let Some(shorter) = w.strip_suffix(ending) {
                w = shorter;
            }
        }
    }
    w.to_string()
}

/// Is `b` at most one edit (insert, delete, replace, swap two neighbours) away from `a`?
/// Compared letter by letter: bytes for ASCII words, chars otherwise (see [`one_edit_apart`]).
/// Linear time, no allocation.
pub fn within_one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if prefix == short.len() {
        return true; // equal, or one letter added at the end
    }
    if short.len() == long.len() {
        let rest = prefix + 1;
        // One replacement, or two neighbours swapped.
        short[rest..] == long[rest..]
            || (rest < short.len() && short[prefix] == long[rest] && short[rest] == long[prefix] && short[rest + 1..] == long[rest + 1..])
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// [`within_one_edit`] for two words in any script: an Arabic or Cyrillic letter is one edit,
/// not the two bytes UTF-8 spends on it.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return within_one_edit(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    within_one_edit(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_word_lists_are_sorted_for_binary_search() {
        for list in [FRENCH_STOP_WORDS, ENGLISH_STOP_WORDS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn normalizes_accents_case_and_punctuation() {
        assert_eq!(normalized_words("Refaire ma CARTE d'identité !"), ["refaire", "ma", "carte", "d", "identite"]);
        assert_eq!(normalized_words("Pôle-Emploi, œuvre"), ["pole", "emploi", "oeuvre"]);
        assert_eq!(normalized_words("e\u{301}te\u{301}"), ["ete"]);
    }

    #[test]
    fn letters_typed_either_way_are_one() {
        assert_eq!(normalized_words("Başvuru İŞSİZLİK ışık"), ["basvuru", "issizlik", "isik"]);
        assert_eq!(normalized_words("Înscriere șomaj ajutor şomaj"), ["inscriere", "somaj", "ajutor", "somaj"]);
        assert_eq!(normalized_words("Пособие ЁЛКА"), ["пособие", "елка"]);
        // Arabic as typed on an Arabic keyboard, and on a Persian one; with and without vowel marks.
        assert_eq!(normalized_words("بطاقة الإقامة"), normalized_words("بطاقه الاقامه"));
        assert_eq!(normalized_words("مُساعَدة"), normalized_words("مساعدة"));
        assert_eq!(normalized_words("كارت شناسايي"), normalized_words("کارت شناسایی"));
        assert_eq!(normalized_words("می‌خواهم"), ["میخواهم"]);
        assert_eq!(normalized_words("۸۶ یورو ٢٥"), ["86", "یورو", "25"]);
    }

    #[test]
    fn terms_drop_stop_words_and_stem() {
        assert_eq!(terms("payer mes impôts", "fr"), ["pay", "impot"]);
        assert_eq!(terms("je paye l'impôt", "fr"), ["pay", "impot"]);
        assert_eq!(terms("paying my taxes", "en"), ["pay", "tax"]);
        assert_eq!(terms("le RSA", "fr"), ["rsa"]);
    }

    #[test]
    fn one_edit() {
        for (a, b, expected) in [
            ("chomage", "chommage", true),
            ("chomage", "chomgae", true),
            ("chomage", "chomaje", true),
            ("chomage", "homage", true),
            ("chomage", "chomages", true),
            ("chomage", "chomage", true),
            ("chomage", "comaje", false),
            ("carte", "crate", true),
            ("carte", "tarce", false),
            ("impot", "ipmto", false),
        ] {
            assert_eq!(within_one_edit(a.as_bytes(), b.as_bytes()), expected, "{a} / {b}");
        }
        // Letters, not bytes: one Cyrillic letter added is one edit; two Arabic letters changed are two.
        assert!(one_edit_apart("паспорт", "паспорта"));
        assert!(!one_edit_apart("بطالة", "بطاقه"));
        assert!(one_edit_apart("chomage", "chommage"));
    }
}
