# Pourquoi une adresse a été refusée, en mots simples pour les usagers.
reason-unparsable = Cette adresse est mal écrite.
reason-invalid-host = Le nom de ce site n’est pas valide.
reason-scheme = Ce type d’adresse ne peut pas s’ouvrir sur ce poste.
reason-external-app = Cette adresse voudrait ouvrir une autre application, ce qui n’est pas possible sur ce poste.
reason-data-url = Ce type d’adresse ne peut pas s’ouvrir sur ce poste.
reason-user-info = Cette adresse contient un nom d’utilisateur caché : elle a été bloquée par prudence.
reason-ip-literal = Cette adresse est un numéro de serveur et non un nom de site : elle a été bloquée par prudence.
reason-port = Cette adresse utilise un accès inhabituel à ce site.
reason-not-allowlisted = Ce site ne fait pas partie des services disponibles sur ce poste.
reason-not-in-mode = Ce site n’est disponible qu’avec l’aide d’un conseiller.
reason-path = Cette partie du site n’est pas disponible sur ce poste.
reason-subresource-only = Ce site ne peut pas s’ouvrir directement.
