# Reading the files staff write, and the TOML they are written in.

file-not-utf8 = the file is not valid UTF-8 text: save it as UTF-8
file-unreadable = cannot read the file: { $reason }
io-not-found = it does not exist
io-permission-denied = permission denied
io-is-a-folder = it is a folder
io-other = { $detail }

toml-syntax-unclosed-text = this text is not closed: a quote " is missing at its end
toml-syntax-unquoted-text = this value is not understood: text goes in quotes, such as "Médiathèque"; numbers, true and false go without
toml-syntax-duplicate-key = this key is given a second time in the same section: keep only one
toml-syntax-list = this list is not written correctly: it should look like ["a", "b"], with commas between the items and ] at the end
toml-syntax-section = this section name is not closed: it should look like [session] or [[site]]
toml-syntax-no-value = this key has no value: write it as key = value
toml-syntax-no-key = a key is missing before =: write it as key = value
toml-syntax-other = this line is not written correctly (TOML: { $detail })

toml-expect-text = text in quotes
toml-expect-duration = a duration in quotes, such as "15m" or "1h 30m"
toml-expect-path = a file or folder path in quotes, such as "/var/lib/guichet"
toml-expect-address = a web address in quotes, such as "https://www.caf.fr/"
toml-expect-whole-number = a whole number, such as 50
toml-expect-true-false = true or false
toml-expect-text-list = a list [ … ] of texts in quotes, such as ["a", "b"]
toml-expect-number-list = a list [ … ] of whole numbers, such as [8443]
toml-expect-section = a section [ … ]
toml-expect-sections = one or more sections [[ … ]]

toml-found-text = text in quotes
toml-found-whole-number = a whole number
toml-found-decimal-number = a decimal number
toml-found-true-false = a true or false value
toml-found-date = a date
toml-found-list = a list [ … ]
toml-found-section = a section

toml-place-root = outside any section
toml-place-section = in { $name }
toml-place-entry = in this { $name }

toml-missing-key = `{ $key }` is missing { $place }: expected { $expected }
toml-wrong-type = `{ $key }` = { $value } is { $found }: expected { $expected }
toml-wrong-type-hidden = `{ $key }` is { $found }: expected { $expected }
toml-wrong-item-type = in `{ $key }`, { $value } is { $found }: expected { $expected }
toml-unknown-key = unknown key { $key } { $place }: the keys here are { $known }
toml-unknown-key-close = unknown key { $key } { $place }: did you mean { $suggestion }?
toml-unknown-key-none = unknown key { $key } { $place }: nothing is expected here
toml-unknown-section = unknown section { $key }: the sections here are { $known }
toml-unknown-section-close = unknown section { $key }: did you mean { $suggestion }?
toml-not-a-choice = `{ $key }` = { $value } is not one of the choices: expected one of { $choices }
toml-not-a-choice-close = `{ $key }` = { $value } is not one of the choices: did you mean { $suggestion }? (expected one of { $choices })
toml-not-a-choice-item = in `{ $key }`, { $value } is not one of the choices: expected some of { $choices }
toml-not-a-choice-item-close = in `{ $key }`, { $value } is not one of the choices: did you mean { $suggestion }? (expected some of { $choices })
