//! Puts together what a session process runs besides its window: the kiosk core with its
//! translations, the filtering proxy, the link to the supervisor, Guichet's page server, speech
//! and the session's folders. The shell adds the window and its two views, and runs the loop.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::{Event, Kiosk, SessionOptions};
use crate::config::Config;
use crate::i18n::Translations;
use crate::pages;
use crate::proxy::{Proxy, Stats};
use crate::speech::{Places, Speech};
use crate::supervisor::link::{FromSession, SessionLink, VERSION};

#[derive(Debug, thiserror::Error)]
pub enum PartsError {
    #[error("translations are broken: {0}")]
    Translations(String),
    #[error("cannot start the filtering proxy: {0}")]
    Proxy(std::io::Error),
}

pub struct Parts {
    pub kiosk: Kiosk,
    pub config: Config,
    /// Runs until dropped: the content view's only way out.
    pub proxy: Proxy,
    pub link: Option<SessionLink>,
    pub pages: Arc<pages::Server>,
    pub speech: Speech,
    /// Where downloads land, in the session's folder.
    pub downloads: PathBuf,
    /// Where a page to print is laid out, in the session's folder.
    pub print_file: PathBuf,
}

impl Parts {
    /// Builds every part and says hello to the supervisor. `post` hands an event to the loop
    /// (the proxy's and the link's threads call it); it returns false once the loop is gone.
    pub fn assemble(options: SessionOptions, now: Instant, post: impl Fn(Event) -> bool + Send + Clone + 'static) -> Result<Parts, PartsError> {
        let translations = Arc::new(Translations::load().map_err(|errors| {
            PartsError::Translations(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
        })?);
        let config = options.config;
        let kiosk = Kiosk::new(&config, Arc::clone(&options.policy), Arc::clone(&translations), options.launch, now)
            .with_catalog(Arc::clone(&options.catalog));
        let shared = kiosk.shared();

        let stats = Arc::new(Stats::default());
        let unreachable = post.clone();
        stats.on_unreachable(move |host| {
            unreachable(Event::HostUnreachable { host });
        });
        let proxy = Proxy::start(Arc::clone(&options.policy), shared.mode_cell(), config.network_hosts.clone(), stats)
            .map_err(PartsError::Proxy)?;

        let mut link = options.link.map(|stream| SessionLink::start(stream, move |command| post(command.map_or(Event::SupervisorGone, Event::Supervisor))));
        if let Some(link) = link.as_mut() {
            link.send(&FromSession::Hello { version: VERSION });
        }
        let downloads = options.session_dir.join("downloads");
        if let Err(err) = std::fs::create_dir_all(&downloads) {
            crate::log::event("shell", format_args!("cannot create the downloads folder: {err}"));
        }
        let pages = Arc::new(pages::Server {
            translations,
            policy: Arc::clone(&options.policy),
            catalog: options.catalog,
            shared: Arc::clone(&shared),
            kiosk_name: config.kiosk_name.clone(),
            languages: config.languages.clone(),
        });
        let speech = Speech::start(Places::in_session(&options.session_dir, options.speech_to_file));
        Ok(Parts {
            kiosk,
            proxy,
            link,
            pages,
            speech,
            downloads,
            print_file: options.session_dir.join("print/page.pdf"),
            config,
        })
    }
}
