//! Loads the session's compiled content filters into the content view, before its first page.
//! Which store is current is decided in [`crate::ads`]; the store itself is WebKit's, bound in
//! `webkit-filter-store`.

use std::time::{Duration, Instant};

use crate::log;

/// How long a session waits for its filters before running with host blocking only.
const LOAD_TIMEOUT: Duration = Duration::from_secs(5);

/// Whatever goes wrong, the session runs on with host blocking (the proxy) and one log line
/// says why.
pub fn attach(view: &webkit2gtk::WebView, paths: &crate::ads::FilterPaths) {
    let started = Instant::now();
    let mut checked = Duration::ZERO;
    let outcome = crate::ads::session_store(paths, &webkit_filter_store::webkit_version())
        .map_err(|err| err.to_string())
        .and_then(|store| {
            checked = started.elapsed();
            let filters = webkit_filter_store::load(&store.folder, &store.ids, LOAD_TIMEOUT).map_err(|err| err.to_string())?;
            webkit_filter_store::add_to(view, &filters).map_err(|err| err.to_string())?;
            Ok(filters.len())
        });
    match outcome {
        Ok(count) => log::event(
            "adblock",
            format_args!("{count} content filters loaded in {} ms (the store checked in {} ms)", started.elapsed().as_millis(), checked.as_millis()),
        ),
        Err(err) => log::event("adblock", format_args!("content filters not loaded, this session blocks ads and trackers by host only: {err}")),
    }
}
