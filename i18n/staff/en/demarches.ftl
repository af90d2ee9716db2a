# Démarche files (assets/demarches/*.toml and the staff's folder).

demarche-bad-id = `id` { $id } is not a valid id: expected lower-case letters, digits and single dashes, such as "caf-rsa"
demarche-duplicate-id = `id` { $id } is already used at { $first }: expected each démarche to have its own id
demarche-no-modes = empty `modes`: expected some of "citizen", "minor", "assisted", or no `modes` key for all three
demarche-duplicate-mode = mode `{ $mode }` is listed twice
demarche-not-https = `{ $key }` = { $value } is not a web address: expected a full https address such as "https://www.caf.fr/"
demarche-start-refused = the start page `{ $url }` is not allowed in mode { $modes } ({ $reason }): expected a page the allowlists allow in every mode where the démarche is offered (add its site to an allowlist, or narrow `modes`)
demarche-minutes = `minutes` = { $minutes } is out of range: expected a number of minutes from 1 to 240
demarche-bad-day = `checked` = { $day } is not a day: expected the date the entry was compared with its source, as "YYYY-MM-DD"
demarche-unknown-field = { $name } in `unverified` is not a part of an entry: expected some of { $fields }
demarche-duplicate-field = { $name } is listed twice in `unverified`
demarche-no-french = no French text: expected a `[demarche.text.fr]` section with title, summary, easy, for_whom, keywords, documents and steps
demarche-unknown-language = no translation for language { $tag }: expected one of { $expected }
demarche-easy-french-table = a `[demarche.text.falc]` section: "Français facile" shows the French text with its FALC summary; expected that summary as `easy` in `[demarche.text.fr]`
demarche-missing = `[text.{ $lang }]` has no `{ $key }`: expected { $what }
demarche-what-title = a short title, such as "Demander le RSA"
demarche-what-summary = one or two sentences in plain words
demarche-what-easy = the summary in FALC: short sentences, common words
demarche-what-for-whom = who the démarche is for
demarche-what-documents = the papers to have at hand, as a checklist
demarche-what-steps = 3 to 7 short steps
demarche-what-keywords = words and phrases patrons type, abbreviations and common misspellings included
demarche-empty = empty `{ $key }`: expected some text
demarche-too-long = `{ $key }` is { $length } characters long: expected at most { $max }
demarche-count = `{ $key }` has { $count } { $count ->
        [one] item
       *[other] items
    }: expected { $min } to { $max }
demarche-count-differs = `{ $key }` has { $count } { $count ->
        [one] item
       *[other] items
    } but the French text has { $base }: expected the same items, translated
demarche-empty-keyword = keyword { $keyword } has only common words (such as "je", "de", "the"): expected a word a patron would type
