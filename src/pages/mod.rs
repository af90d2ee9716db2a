//! Guichet's own pages on `guichet://app/…`. Each view has an explicit table of routes: the
//! chrome view (privileged) and the content view (where the web runs) never share a page, and an
//! unknown path is a "page not found", never a fallback.

mod accessibility;
mod assisted;
mod chrome;
mod content;
mod keyboard;
mod printing;
mod guide;
mod html;

pub use html::esc;

use std::borrow::Cow;
use std::sync::Arc;

use url::Url;

use crate::catalog::Catalog;
use crate::i18n::{Localizer, Translations};
use crate::kiosk::{MessagePage, Shared};
use crate::policy::{Mode, Policy};

/// The scheme and host of every internal page.
pub const ORIGIN: &str = "guichet://app";

/// The guide's "Avant de commencer" page (`?id=`), which the kiosk core watches for.
pub const DEMARCHE_PATH: &str = "/demarche";
/// Where "Commencer la démarche" leads (`?id=`). Never served: the kiosk core intercepts it
/// and opens the démarche's real start page.
pub const START_PATH: &str = "/start";

/// Which webview asks. Only the chrome view is privileged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Chrome,
    Content,
}

/// What a page needs to know, borrowed from the shell's state for one request.
pub struct PageContext<'a> {
    pub translations: &'a Translations,
    pub lang: &'a str,
    /// Languages offered on the welcome screen, in configuration order.
    pub languages: &'a [String],
    pub kiosk_name: &'a str,
    pub policy: &'a Policy,
    pub mode: Mode,
    /// The kiosk's message pages (refusals, failures), looked up by the ticket in their address.
    pub messages: &'a Shared,
    /// The guide's démarches.
    pub catalog: &'a Catalog,
}

impl PageContext<'_> {
    fn l(&self) -> Localizer<'_> {
        self.translations.localizer(self.lang)
    }

    /// The message page the kiosk issued under the ticket in `url`, if it is the one on screen.
    fn message(&self, url: &Url) -> Option<MessagePage> {
        let ticket = crate::kiosk::ticket_of(url)?;
        self.messages.message(&ticket).filter(|page| page.path() == url.path())
    }
}

/// What both views' page handlers read. They may run on any thread, so the kiosk's settings
/// (language, mode, message pages) are read through [`Shared`] at each request.
pub struct Server {
    pub translations: Arc<Translations>,
    pub policy: Arc<Policy>,
    pub catalog: Arc<Catalog>,
    pub shared: Arc<Shared>,
    pub kiosk_name: String,
    pub languages: Vec<String>,
}

impl Server {
    pub fn serve(&self, view: View, url: &str) -> Response {
        let lang = self.shared.lang();
        let ctx = PageContext {
            translations: &self.translations,
            lang: &lang,
            languages: &self.languages,
            kiosk_name: &self.kiosk_name,
            policy: &self.policy,
            mode: self.shared.mode(),
            messages: &self.shared,
            catalog: &self.catalog,
        };
        serve(view, url, &ctx)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Cow<'static, [u8]>,
}

impl Response {
    /// The headers every one of Guichet's pages is served with: its type, the content security
    /// policy below, and no caching (a page may name what the patron is doing).
    pub fn headers(&self) -> [(&'static str, &'static str); 3] {
        [("Content-Type", self.content_type), ("Content-Security-Policy", CONTENT_SECURITY_POLICY), ("Cache-Control", "no-store")]
    }
}

/// Our pages load only our own files; no inline script, no plug-in, no framing by others.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src guichet:; style-src guichet:; \
     img-src guichet: data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const HTML: &str = "text/html; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

/// A page, or `None` when its address does not name something the kiosk shows ("not found").
type Render = fn(&PageContext, &Url) -> Option<String>;

enum Route {
    Page(Render),
    Asset(&'static str, &'static str),
}

const COMMON_CSS: &str = include_str!("../../assets/pages/common.css");
/// Shrinking a page's type to fit the window, for the bar's screens and the guide's pages.
const FIT_JS: &str = include_str!("../../assets/pages/fit.js");

/// Pages of the chrome view: the welcome screen, the bar and its overlays.
const CHROME_ROUTES: &[(&str, Route)] = &[
    ("/chrome", Route::Page(chrome::render)),
    ("/chrome.js", Route::Asset(JS, include_str!("../../assets/pages/chrome.js"))),
    ("/fit.js", Route::Asset(JS, FIT_JS)),
    ("/chrome.css", Route::Asset(CSS, include_str!("../../assets/pages/chrome.css"))),
    ("/guide-chrome.js", Route::Asset(JS, include_str!("../../assets/pages/guide-chrome.js"))),
    ("/guide-chrome.css", Route::Asset(CSS, include_str!("../../assets/pages/guide-chrome.css"))),
    ("/assisted.js", Route::Asset(JS, include_str!("../../assets/pages/assisted.js"))),
    ("/assisted.css", Route::Asset(CSS, include_str!("../../assets/pages/assisted.css"))),
    ("/accessibility.js", Route::Asset(JS, include_str!("../../assets/pages/accessibility.js"))),
    ("/accessibility.css", Route::Asset(CSS, include_str!("../../assets/pages/accessibility.css"))),
    ("/keyboard.js", Route::Asset(JS, include_str!("../../assets/pages/keyboard.js"))),
    ("/keyboard.css", Route::Asset(CSS, include_str!("../../assets/pages/keyboard.css"))),
    ("/printing.js", Route::Asset(JS, include_str!("../../assets/pages/printing.js"))),
    ("/common.css", Route::Asset(CSS, COMMON_CSS)),
];

/// Pages of the content view. Nothing here can act: there is no IPC in this view.
const CONTENT_ROUTES: &[(&str, Route)] = &[
    ("/launcher", Route::Page(guide::launcher)),
    ("/theme", Route::Page(guide::theme)),
    (DEMARCHE_PATH, Route::Page(guide::demarche)),
    ("/missing", Route::Page(guide::missing)),
    ("/search", Route::Page(guide::search)),
    ("/sites", Route::Page(content::sites)),
    ("/blocked", Route::Page(content::blocked)),
    ("/crashed", Route::Page(content::crashed)),
    ("/unreachable", Route::Page(content::unreachable)),
    ("/launcher.js", Route::Asset(JS, include_str!("../../assets/pages/launcher.js"))),
    ("/blocked.js", Route::Asset(JS, include_str!("../../assets/pages/blocked.js"))),
    ("/guide.js", Route::Asset(JS, include_str!("../../assets/pages/guide.js"))),
    ("/fit.js", Route::Asset(JS, FIT_JS)),
    ("/guide.css", Route::Asset(CSS, include_str!("../../assets/pages/guide.css"))),
    ("/common.css", Route::Asset(CSS, COMMON_CSS)),
];

/// Serves one request for `url` from `view`.
pub fn serve(view: View, url: &str, ctx: &PageContext) -> Response {
    let Ok(parsed) = Url::parse(url) else { return not_found(ctx) };
    if parsed.scheme() != "guichet" || parsed.host_str() != Some("app") {
        return not_found(ctx);
    }
    let routes = match view {
        View::Chrome => CHROME_ROUTES,
        View::Content => CONTENT_ROUTES,
    };
    match routes.iter().find(|(path, _)| *path == parsed.path()) {
        Some((_, Route::Page(render))) => match render(ctx, &parsed) {
            Some(page) => Response { status: 200, content_type: HTML, body: Cow::Owned(page.into_bytes()) },
            None => not_found(ctx),
        },
        Some((_, Route::Asset(content_type, text))) => Response { status: 200, content_type, body: Cow::Borrowed(text.as_bytes()) },
        None => not_found(ctx),
    }
}

/// True for an address of Guichet's own pages (scheme and host compared exactly, parsed).
pub fn is_internal(url: &str) -> bool {
    Url::parse(url).is_ok_and(|u| u.scheme() == "guichet" && u.host_str() == Some("app") && u.port().is_none() && u.username().is_empty())
}

/// True only for the chrome page itself, the one page whose messages the kiosk obeys.
pub fn is_chrome_page(url: &str) -> bool {
    is_internal(url) && Url::parse(url).is_ok_and(|u| u.path() == "/chrome" && u.query().is_none() && u.fragment().is_none())
}

/// The address of an internal page, with its query.
pub fn url(path: &str, query: &[(&str, &str)]) -> String {
    let mut url = Url::parse(ORIGIN).expect("ORIGIN is a valid URL");
    url.set_path(path);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url.into()
}

fn not_found(ctx: &PageContext) -> Response {
    let l = ctx.l();
    let title = l.text("not-found-title");
    let body = format!("<main class=\"message\"><h1>{}</h1></main>", esc(&title));
    Response {
        status: 404,
        content_type: HTML,
        body: Cow::Owned(html::document(&l, &title, &["/common.css"], &[], "page", &body).into_bytes()),
    }
}
