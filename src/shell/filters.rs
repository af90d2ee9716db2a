//! WebKit's content filters: compiling rule lists into a store, and loading them into the
//! content view. The only code that calls WebKit's filter store; when, where and what to do when
//! it fails are decided in [`crate::ads`] and by the callers.

use std::cell::RefCell;
use std::ffi::CString;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use glib::translate::ToGlibPtr;
use webkit2gtk::{ffi, WebViewExt};

use crate::log;

/// The running WebKit's version (`2.50.6`): a store compiled by another may not be read.
pub fn webkit_version() -> String {
    // SAFETY: plain getters of constants, callable before any other WebKit call.
    unsafe { format!("{}.{}.{}", ffi::webkit_get_major_version(), ffi::webkit_get_minor_version(), ffi::webkit_get_micro_version()) }
}

/// How long a compilation may take before we give up on it (WebKit takes seconds).
const COMPILE_TIMEOUT: Duration = Duration::from_secs(300);
/// How long a session waits for its filters before running with host blocking only.
const LOAD_TIMEOUT: Duration = Duration::from_secs(5);

/// A loaded filter, released when dropped.
pub struct Filter(*mut ffi::WebKitUserContentFilter);

impl Drop for Filter {
    fn drop(&mut self) {
        // SAFETY: we own one reference, taken from `_finish`.
        unsafe { ffi::webkit_user_content_filter_unref(self.0) }
    }
}

/// What an asynchronous store call hands back to the one waiting for it.
type Slot = Rc<RefCell<Option<Result<Filter, String>>>>;

/// Compiles `json` into the store at `folder` as `id`, waiting for WebKit (the calling thread's
/// default main context is iterated meanwhile). Needs no display.
pub fn compile(folder: &Path, id: &str, json: &[u8]) -> Result<(), String> {
    let store = Store::open(folder)?;
    let id = CString::new(id).map_err(|_| "a rule list name with a NUL byte".to_string())?;
    let bytes = glib::Bytes::from(json);
    let slot: Slot = Rc::default();
    let data = Box::into_raw(Box::new(Rc::clone(&slot)));
    // SAFETY: `store` and `id` outlive the call; `bytes` is ref-counted by WebKit; the callback
    // takes back `data` exactly once.
    unsafe {
        ffi::webkit_user_content_filter_store_save(store.0, id.as_ptr(), bytes.to_glib_none().0, std::ptr::null_mut(), Some(saved), data.cast());
    }
    wait(&slot, COMPILE_TIMEOUT).map(drop)
}

/// Loads the filters `ids` of the store at `folder`, waiting for each (milliseconds).
pub fn load(folder: &Path, ids: &[String]) -> Result<Vec<Filter>, String> {
    let store = Store::open(folder)?;
    let mut filters = Vec::with_capacity(ids.len());
    for id in ids {
        let name = CString::new(id.as_str()).map_err(|_| "a rule list name with a NUL byte".to_string())?;
        let slot: Slot = Rc::default();
        let data = Box::into_raw(Box::new(Rc::clone(&slot)));
        // SAFETY: as in `compile`.
        unsafe { ffi::webkit_user_content_filter_store_load(store.0, name.as_ptr(), std::ptr::null_mut(), Some(loaded), data.cast()) };
        filters.push(wait(&slot, LOAD_TIMEOUT).map_err(|err| format!("`{id}`: {err}"))?);
    }
    Ok(filters)
}

/// Loads the current store's filters into the content view, before its first page. Whatever
/// goes wrong, the session runs on with host blocking (the proxy) and one log line says why.
pub fn attach(view: &webkit2gtk::WebView, paths: &crate::ads::FilterPaths) {
    let started = Instant::now();
    let mut checked = Duration::ZERO;
    let outcome = crate::ads::session_store(paths, &webkit_version())
        .map_err(|err| err.to_string())
        .and_then(|store| {
            checked = started.elapsed();
            load(&store.folder, &store.ids)
        })
        .and_then(|filters| add_to(view, &filters).map(|()| filters.len()));
    match outcome {
        Ok(count) => log::event(
            "adblock",
            format_args!("{count} content filters loaded in {} ms (the store checked in {} ms)", started.elapsed().as_millis(), checked.as_millis()),
        ),
        Err(err) => log::event("adblock", format_args!("content filters not loaded, this session blocks ads and trackers by host only: {err}")),
    }
}

/// Adds the filters to a view's user content manager (the content view's, never the chrome's).
pub fn add_to(view: &webkit2gtk::WebView, filters: &[Filter]) -> Result<(), String> {
    let manager = view.user_content_manager().ok_or("the view has no user content manager")?;
    let manager: *mut ffi::WebKitUserContentManager = manager.to_glib_none().0;
    for filter in filters {
        // SAFETY: both pointers are live; the manager takes its own reference.
        unsafe { ffi::webkit_user_content_manager_add_filter(manager, filter.0) };
    }
    Ok(())
}

struct Store(*mut ffi::WebKitUserContentFilterStore);

impl Store {
    fn open(folder: &Path) -> Result<Store, String> {
        let path = CString::new(folder.as_os_str().as_encoded_bytes()).map_err(|_| "a store path with a NUL byte".to_string())?;
        // SAFETY: WebKit copies the path.
        let store = unsafe { ffi::webkit_user_content_filter_store_new(path.as_ptr()) };
        if store.is_null() {
            return Err("WebKit could not open the filter store".into());
        }
        Ok(Store(store))
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // SAFETY: the reference `_new` gave us; pending calls hold their own.
        unsafe { glib::gobject_ffi::g_object_unref(self.0.cast()) }
    }
}

/// Iterates the default main context until the slot is filled or `timeout` passes. A late
/// answer lands in the slot kept alive by the callback's own reference.
fn wait(slot: &Slot, timeout: Duration) -> Result<Filter, String> {
    let context = glib::MainContext::default();
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(result) = slot.borrow_mut().take() {
            return result;
        }
        if Instant::now() > deadline {
            return Err(format!("WebKit did not answer within {} s", timeout.as_secs()));
        }
        if !context.iteration(false) {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

unsafe extern "C" fn saved(source: *mut glib::gobject_ffi::GObject, result: *mut gio::ffi::GAsyncResult, data: glib::ffi::gpointer) {
    finish(source, result, data, ffi::webkit_user_content_filter_store_save_finish)
}

unsafe extern "C" fn loaded(source: *mut glib::gobject_ffi::GObject, result: *mut gio::ffi::GAsyncResult, data: glib::ffi::gpointer) {
    finish(source, result, data, ffi::webkit_user_content_filter_store_load_finish)
}

type Finish = unsafe extern "C" fn(*mut ffi::WebKitUserContentFilterStore, *mut gio::ffi::GAsyncResult, *mut *mut glib::ffi::GError) -> *mut ffi::WebKitUserContentFilter;

/// SAFETY: called by GIO once per call above, with the `data` we boxed.
unsafe fn finish(source: *mut glib::gobject_ffi::GObject, result: *mut gio::ffi::GAsyncResult, data: glib::ffi::gpointer, finish: Finish) {
    let slot: Box<Slot> = Box::from_raw(data.cast());
    let mut error: *mut glib::ffi::GError = std::ptr::null_mut();
    let filter = finish(source.cast(), result, &mut error);
    let outcome = if filter.is_null() {
        if error.is_null() {
            Err("unknown error".to_string())
        } else {
            let error: glib::Error = glib::translate::from_glib_full(error);
            Err(error.message().to_string())
        }
    } else {
        if !error.is_null() {
            glib::ffi::g_error_free(error);
        }
        Ok(Filter(filter))
    };
    *slot.borrow_mut() = Some(outcome);
}
