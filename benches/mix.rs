//! A realistic mix of URLs as a kiosk sees them: mostly allowed service pages with long query
//! strings, then trackers and ads (refused), http links (upgraded) and a few tricks.

/// Deterministic: the same `n` URLs every run.
pub fn urls(n: usize) -> Vec<String> {
    let allowed = [
        "https://www.caf.fr/allocataires/mes-services-en-ligne",
        "https://wwwd.caf.fr/wps/portal/caffr/login/!ut/p/z1/jZBBT4NAEIX_Cwe",
        "https://cfspart.impots.gouv.fr/monprofil-webapp/monProfil?lang=fr",
        "https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_nfpb=true",
        "https://candidat.francetravail.fr/actualisation/",
        "https://passeport.ants.gouv.fr/demarches-en-ligne/faire-une-pre-demande",
        "https://www.service-public.fr/particuliers/vosdroits/F1234",
        "https://oidc.franceconnect.gouv.fr/api/v2/authorize?response_type=code&client_id=x",
        "https://www.info-retraite.fr/portail-services/login",
        "https://monespaceprive.msa.fr/lfp/web/msa/espace-prive",
    ];
    let refused = [
        "https://www.googletagmanager.com/gtm.js?id=GTM-XXXX",
        "https://connect.facebook.net/fr_FR/fbevents.js",
        "https://www.youtube.com/embed/abc",
        "https://caf.fr.secure-login.com/",
        "https://stats.g.doubleclick.net/j/collect",
    ];
    let upgraded = ["http://www.caf.fr/", "http://www.ameli.fr/assure/remboursements"];
    let tricks = ["https://user@www.caf.fr/", "https://127.0.0.1/", "javascript:void(0)", "mailto:a@b.fr"];
    (0..n)
        .map(|i| {
            let bucket = i % 20;
            let base = match bucket {
                0..=11 => allowed[i % allowed.len()],
                12..=16 => refused[i % refused.len()],
                17..=18 => upgraded[i % upgraded.len()],
                _ => tricks[i % tricks.len()],
            };
            if bucket <= 11 { format!("{base}&session={i:08x}") } else { base.to_string() }
        })
        .collect()
}

/// What a child's machine sees on the filtered web: mostly open-web pages of many different
/// hosts (invented names, so against a real list nearly every lookup walks all parents), some
/// school sites, searches, and a few hosts of the test lists' blocked categories.
pub fn minor_urls(n: usize) -> Vec<String> {
    let school = [
        "https://fr.vikidia.org/wiki/Volcan",
        "https://www.lumni.fr/college/histoire",
        "https://fr.wikipedia.org/wiki/Photosynth%C3%A8se",
        "https://gallica.bnf.fr/accueil/fr/content/accueil-fr",
    ];
    let search = ["https://www.google.fr/search?q=volcan", "https://www.youtube.com/watch?v=abc", "https://duckduckgo.com/?q=x", "https://www.qwant.com/?q=x"];
    let listed = ["https://www.xxx-videos-exemple.com/", "https://casino-en-ligne-exemple.com/jeu", "https://hebergeur-perso-exemple.fr/salle-x/1.jpg"];
    let tlds = ["com", "fr", "org", "net", "de", "co.uk"];
    (0..n)
        .map(|i| match i % 20 {
            0..=12 => {
                // A different host almost every time: www./cdn./no subdomain over a varied name.
                let sub = ["www.", "cdn.", "", "static.img."][i % 4];
                format!("https://{sub}site{:x}-exemple.{}/page/{i}?ref=home", i.wrapping_mul(2_654_435_761) % 1_000_003, tlds[i % tlds.len()])
            }
            13..=15 => format!("{}?session={i:08x}", school[(i / 20) % school.len()]),
            16..=17 => search[(i / 20) % search.len()].to_string(),
            _ => listed[(i / 20) % listed.len()].to_string(),
        })
        .collect()
}
