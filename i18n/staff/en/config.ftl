# The configuration file (/etc/guichet/config.toml).

config-empty-name = empty `name`: expected the name of the place, shown on the welcome screen
config-empty-allowlists = `[policy] allowlists` is empty: expected ["builtin"] and/or files or folders of lists
config-bad-duration = `{ $key }` = { $value } is not a duration: expected a number and a unit, such as "90s", "5m" or "1h 30m"
config-out-of-range = `{ $key }` = { $value } is out of range: { $rule }
config-out-of-range-default = `{ $key }` = { $value } (the default) is out of range: { $rule }
config-rule-idle-timeout = expected `idle_timeout` between 30s and 4h
config-rule-idle-warning = expected `idle_warning` of at least 10s and shorter than `idle_timeout`
config-rule-max-duration = expected `max_duration` between 5m and 12h
config-rule-max-warning = expected `max_warning` of at least 10s and shorter than `max_duration`
config-assisted-out-of-range = `[assisted] { $key }` is out of range: { $rule } (the warnings are `[session]`'s)
config-assisted-no-pin = mode `assisted` is offered but `[assisted] pin_hash` is missing: expected the line `guichet pin hash` prints
config-pin-plain = `pin_hash`: this looks like a plain PIN: store its hash instead, made with `guichet pin hash` (expected "$argon2id$…")
config-pin-not-argon2id = `pin_hash`: not an argon2id hash: expected the "$argon2id$…" line `guichet pin hash` prints
config-pin-too-costly = `pin_hash`: the hash takes too much computing: expected at most m={ $memory }, t={ $passes }, p=1 to 8 (`guichet pin hash` makes a suitable one)
config-empty-languages = empty `languages`: expected some of { $expected }
config-unknown-language = no translation for language { $tag }: expected one of { $expected }
config-language-twice = language { $tag } is listed twice
config-default-language = `default_language` { $tag } is not in `languages`
config-empty-modes = empty `modes`: expected the modes this machine offers, such as ["minor"] or ["citizen", "assisted"]
config-mode-twice = mode `{ $mode }` is listed twice
config-unknown-mode = unknown mode { $mode }: expected "citizen", "minor" or "assisted"
config-unknown-mode-close = unknown mode { $mode }: did you mean { $suggestion }?
config-unknown-policy = unknown policy { $policy } for mode `{ $mode }`: expected "allowlist" or "filtered-web"
config-categories-on-allowlist = `categories` for mode `{ $mode }`, whose policy is "allowlist": categories only apply to policy = "filtered-web"
config-empty-categories = empty `categories`: expected UT1 category names to block, such as ["adult", "gambling"]
config-bad-category-name = { $name } is not a category name: expected a UT1 folder name such as "adult" or "mixed_adult"
config-category-twice = category { $name } is listed twice
config-unknown-category = unknown category { $name }: the lists in { $path } have no category or alias of that name; expected one of { $known }
config-default-category-missing = these lists have no category { $name }, which mode `{ $mode }` blocks by default: name the categories to block in `[modes.{ $mode }] categories`
config-filtered-needs-lists = mode `{ $mode }` filters the open web, which needs `[filter] lists`: expected the file `guichet lists compile` writes, such as lists = "/var/lib/guichet/ut1.lists"
config-not-a-host-name = { $host } is not a site name: expected a name such as "www.caf.fr"
config-not-loopback = { $address } is not an address of this computer: `[network.hosts]` may only point to 127.0.0.1 or [::1] (test and staging sites)
config-not-an-address = { $address } is not an address: expected "127.0.0.1:PORT"
config-certificate-missing = certificate file { $path } does not exist: expected a PEM file
config-page-timeout-range = `page_timeout` is out of range: expected a duration from 3s to 2m, such as "15s"
config-removable-media-relative = `removable_media` = { $value }: expected a full folder path, starting with /, such as "/media/guichet"
config-max-size-range = `max_size_mb` = { $value } is out of range: expected a number of megabytes from 1 to 4096
config-allowlist-unreadable = cannot read allowlist { $path }: { $reason }
config-allowlist-folder-empty = allowlist folder { $path } has no *.toml file: expected at least one list
config-demarches-unreadable = cannot read démarches folder { $path }: { $reason }
config-demarches-folder-empty = démarches folder { $path } has no *.toml file: expected at least one démarche

# [updates]: what `guichet lists update` fetches.
config-updates-ut1-without-lists = `[updates] ut1` is compiled into the file `[filter] lists` names, which is not set: expected lists = "/var/lib/guichet/lists/ut1.lists"
config-updates-public-key = `public_key`: { $detail }
config-updates-timeout-range = `timeout` is out of range: expected a duration from 10s to 2h, such as "10m"
config-updates-address = expected an https:// address (http:// for a mirror on the local network, file:// for a local file)
config-updates-not-an-address = `{ $key }` = { $value } is not an address: { config-updates-address }
config-updates-bad-address = `{ $key }`: { $problem }: { config-updates-address }
config-updates-password = a user name or password in the address is not supported
config-updates-no-server = { $value } names no server
config-updates-not-local = { $value } is not a file on this machine
config-updates-scheme = { $scheme }:// addresses are not supported
config-updates-several-lists = `[updates] { $key }` replaces the file `[adblock] { $lists }` names, which names { $count }: expected exactly one file, such as { $example }
config-updates-debian-list = `[updates] { $key }` replaces the file `[adblock] { $lists }` names, which is Debian's package file by default: expected `{ $lists }` to name a file of this machine's own, such as { $example }
config-updates-count-range = `{ $key }` = { $value } is out of range: expected a number of { $unit } from { $min } to { $max }
config-updates-min-above-max = `{ $min }` must be below `{ $max }`: expected a smaller minimum or a larger maximum
config-updates-shared-file = `{ $key }` would replace { $path }, which `{ $other }` also names: expected a file of its own
config-unit-kilobytes = kilobytes
config-unit-megabytes = megabytes
config-unit-files = files
config-printing-queue = `queue` = { $value }: expected the name of a CUPS queue (letters, digits, - or _, as `lpstat -p` lists it), such as "Accueil"
config-printing-pages-range = `pages_per_session` = { $value } is out of range: expected a number of pages from 1 to 500
config-printing-server = `server` = { $value }: expected a CUPS server, as an absolute socket path ("/run/cups/cups.sock") or a host name with an optional port ("imprimantes.mairie.local:631")
config-printing-no-queue = `[printing]` has no `queue`: expected the CUPS queue patrons print to, such as queue = "Accueil"
