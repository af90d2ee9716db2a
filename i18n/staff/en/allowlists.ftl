# Allowlist files (allowlists/*.toml) and the Public Suffix List.

list-no-site = no [[site]] entry: expected at least one (see allowlists/README.md)
list-empty-name = empty `name`: expected the service name shown to patrons
list-empty-hosts = empty `hosts`: expected at least one site name such as "caf.fr"
list-empty-modes = empty `modes`: expected some of "citizen", "minor", "assisted" (or leave the key out for all three)
list-empty-schemes = empty `schemes`: expected ["https"] or ["https", "http"]
list-bad-port = port { $port } does not exist: expected a number from 1 to 65535
list-start-on-subresource = a `use = "subresource"` entry cannot have a `start` page: patrons never open it directly
list-start-not-address = `start` = { $value } is not a web address: expected a full address such as "https://www.caf.fr/"
list-host-form = expected a site name such as "caf.fr" or "www.impots.gouv.fr" (without https://, /, : or *), or an IP address
list-not-a-host = { $host } is not a site name: { list-host-form }
list-single-label = { $host } has no dot: { list-host-form }
list-public-suffix = { $host } is a public suffix: it would allow every site registered under it; name the sites instead (for example "impots.gouv.fr")
list-no-registrable-domain = { $host } is not a name anyone can register a site under: { list-host-form }
list-bad-dns-name = { $host } is not a valid site name: { list-host-form }
list-path-form = expected the start of a path, beginning with "/", such as "/portail-services/"
list-not-a-path = { $path } is not a path: { list-path-form }
list-path-not-normal = { $path } is not written the way browsers send it: write it as { $normal }
list-start-refused = the start page `{ $url }` is not allowed in mode `{ $mode }` ({ $reason }): expected a page on one of this entry's sites and paths

suffix-list-invalid = not a valid Public Suffix List: { $detail }
suffix-list-empty = the Public Suffix List has no rules
