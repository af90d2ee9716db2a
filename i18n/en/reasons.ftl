# Why an address was refused, in plain words for patrons.
reason-unparsable = This address is not written correctly.
reason-invalid-host = This site’s name is not valid.
reason-scheme = This kind of address cannot be opened on this computer.
reason-external-app = This address wants to open another application, which is not possible on this computer.
reason-data-url = This kind of address cannot be opened on this computer.
reason-user-info = This address contains a hidden user name: it was blocked to be safe.
reason-ip-literal = This address is a server number rather than a site name: it was blocked to be safe.
reason-port = This address uses an unusual way into the site.
reason-not-allowlisted = This site is not one of the services available on this computer.
reason-not-in-mode = This site is only available with the help of an advisor.
reason-path = This part of the site is not available on this computer.
reason-subresource-only = This site cannot be opened directly.
reason-category = This site is not meant for young people on this computer. It is not your fault. If you need this site, ask an adult or the front desk.
reason-no-safesearch = This search engine cannot filter its results here. Try another search engine, or ask an adult or the front desk.
reason-lists-unavailable = This computer is not ready right now. Ask an adult or the front desk.
reason-filtered-web = This site is open on this computer.
reason-safesearch = This search engine opens with its result filtering on.
