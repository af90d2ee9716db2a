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
reason-category = Ce site n’est pas prévu pour les jeunes sur ce poste. Ce n’est pas ta faute. Si tu as besoin de ce site, demande à un adulte ou à l’accueil.
reason-no-safesearch = Ce moteur de recherche ne peut pas filtrer ses résultats ici. Essaie un autre moteur de recherche, ou demande à un adulte ou à l’accueil.
reason-lists-unavailable = Ce poste n’est pas prêt pour le moment. Demande à un adulte ou à l’accueil.
reason-filtered-web = Ce site est ouvert sur ce poste.
reason-safesearch = Ce moteur de recherche s’ouvre avec son filtrage des résultats.
