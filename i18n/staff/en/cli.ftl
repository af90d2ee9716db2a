# What the `guichet` command itself says to staff.

cli-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    }; nothing was loaded
cli-start-pages-unchecked = the démarches' start pages were not checked: they are checked against the allowlists once these have no error
cli-config-valid = { $file }: valid ({ $entries } allowlist entries, { $tiles } launcher tiles, { $demarches } démarches)
cli-lists-summary = { $path }: { $hosts } hosts, { $urls } url entries, { $categories } categories, list date { $date }
cli-mode-cannot-start = mode `{ $mode }` cannot start: { $reason }
cli-modes-cannot-start = { $count ->
        [one] 1 mode this machine offers cannot start
       *[other] { $count } modes this machine offers cannot start
    }
cli-mode-unavailable = mode `{ $mode }` is unavailable on this machine: { $reason }
cli-missing-scheme = { $input }: an address starts with https:// (did you mean { $address }?)
