//! WebKitGTK's content filter store, which webkit2gtk-rs 2.0 does not bind: compiling a
//! content-blocker rule list into a store, loading compiled filters back and adding them to a
//! view. It needs no window, so a process without one (Guichet's supervisor) can compile. What
//! to compile, when, and what to do when it fails are the caller's to decide.
//!
//! Every call waits for WebKit's answer by running the calling thread's default main context:
//! call from the thread that owns it (the program's main thread), never from another.
#![deny(unsafe_op_in_unsafe_fn)]

use std::cell::RefCell;
use std::ffi::CString;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use glib::translate::ToGlibPtr;
use webkit2gtk::{ffi, WebViewExt};

#[cfg(test)]
mod tests;

#[derive(Debug, thiserror::Error)]
pub enum FilterStoreError {
    #[error("{0} holds a NUL byte")]
    NulByte(&'static str),
    #[error("WebKit could not open the filter store")]
    Open,
    #[error("WebKit did not answer within {} s", .0.as_secs())]
    NoAnswer(Duration),
    #[error("{0}")]
    WebKit(String),
    #[error("`{id}`: {error}")]
    Load { id: String, error: Box<FilterStoreError> },
    #[error("the view has no user content manager")]
    NoContentManager,
}

/// The running WebKit's version (`2.50.6`): a store compiled by another may not be read.
pub fn webkit_version() -> String {
    // SAFETY: plain getters of constants, callable before any other WebKit call.
    unsafe { format!("{}.{}.{}", ffi::webkit_get_major_version(), ffi::webkit_get_minor_version(), ffi::webkit_get_micro_version()) }
}

/// A loaded filter, released when dropped.
pub struct Filter(*mut ffi::WebKitUserContentFilter);

impl Drop for Filter {
    fn drop(&mut self) {
        // SAFETY: we own one reference, taken from `_finish`.
        unsafe { ffi::webkit_user_content_filter_unref(self.0) }
    }
}

/// What an asynchronous store call hands back to the one waiting for it.
type Slot = Rc<RefCell<Option<Result<Filter, FilterStoreError>>>>;

/// Compiles `json` into the store at `folder` as `id`, waiting for WebKit at most `timeout`
/// (it takes seconds for a large list). The calling thread's default main context is iterated
/// meanwhile.
pub fn compile(folder: &Path, id: &str, json: &[u8], timeout: Duration) -> Result<(), FilterStoreError> {
    let store = Store::open(folder)?;
    let id = CString::new(id).map_err(|_| FilterStoreError::NulByte("a rule list's name"))?;
    let bytes = glib::Bytes::from(json);
    let slot: Slot = Rc::default();
    let data = Box::into_raw(Box::new(Rc::clone(&slot)));
    // SAFETY: `store` and `id` outlive the call; `bytes` is ref-counted by WebKit; the callback
    // takes back `data` exactly once.
    unsafe {
        ffi::webkit_user_content_filter_store_save(store.0, id.as_ptr(), bytes.to_glib_none().0, std::ptr::null_mut(), Some(saved), data.cast());
    }
    wait(&slot, timeout).map(drop)
}

/// Loads the filters `ids` of the store at `folder`, waiting at most `timeout` for each.
pub fn load(folder: &Path, ids: &[String], timeout: Duration) -> Result<Vec<Filter>, FilterStoreError> {
    let store = Store::open(folder)?;
    let mut filters = Vec::with_capacity(ids.len());
    for id in ids {
        let name = CString::new(id.as_str()).map_err(|_| FilterStoreError::NulByte("a rule list's name"))?;
        let slot: Slot = Rc::default();
        let data = Box::into_raw(Box::new(Rc::clone(&slot)));
        // SAFETY: as in `compile`.
        unsafe { ffi::webkit_user_content_filter_store_load(store.0, name.as_ptr(), std::ptr::null_mut(), Some(loaded), data.cast()) };
        filters.push(wait(&slot, timeout).map_err(|err| FilterStoreError::Load { id: id.clone(), error: Box::new(err) })?);
    }
    Ok(filters)
}

/// Adds the filters to a view's user content manager.
pub fn add_to(view: &webkit2gtk::WebView, filters: &[Filter]) -> Result<(), FilterStoreError> {
    let manager = view.user_content_manager().ok_or(FilterStoreError::NoContentManager)?;
    let manager: *mut ffi::WebKitUserContentManager = manager.to_glib_none().0;
    for filter in filters {
        // SAFETY: both pointers are live; the manager takes its own reference.
        unsafe { ffi::webkit_user_content_manager_add_filter(manager, filter.0) };
    }
    Ok(())
}

struct Store(*mut ffi::WebKitUserContentFilterStore);

impl Store {
    fn open(folder: &Path) -> Result<Store, FilterStoreError> {
        let path = CString::new(folder.as_os_str().as_encoded_bytes()).map_err(|_| FilterStoreError::NulByte("the store's path"))?;
        // SAFETY: WebKit copies the path.
        let store = unsafe { ffi::webkit_user_content_filter_store_new(path.as_ptr()) };
        if store.is_null() {
            return Err(FilterStoreError::Open);
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

/// Iterates the thread's default main context, where GIO delivers the answer, until the slot
/// is filled or `timeout` passes. A late answer lands in the slot kept alive by the callback's
/// own reference.
fn wait(slot: &Slot, timeout: Duration) -> Result<Filter, FilterStoreError> {
    let context = glib::MainContext::ref_thread_default();
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(result) = slot.borrow_mut().take() {
            return result;
        }
        if Instant::now() > deadline {
            return Err(FilterStoreError::NoAnswer(timeout));
        }
        if !context.iteration(false) {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

unsafe extern "C" fn saved(source: *mut glib::gobject_ffi::GObject, result: *mut gio::ffi::GAsyncResult, data: glib::ffi::gpointer) {
    // SAFETY: GIO calls this once, with the `data` `compile` boxed.
    unsafe { finish(source, result, data, ffi::webkit_user_content_filter_store_save_finish) }
}

unsafe extern "C" fn loaded(source: *mut glib::gobject_ffi::GObject, result: *mut gio::ffi::GAsyncResult, data: glib::ffi::gpointer) {
    // SAFETY: GIO calls this once, with the `data` `load` boxed.
    unsafe { finish(source, result, data, ffi::webkit_user_content_filter_store_load_finish) }
}

type Finish = unsafe extern "C" fn(*mut ffi::WebKitUserContentFilterStore, *mut gio::ffi::GAsyncResult, *mut *mut glib::ffi::GError) -> *mut ffi::WebKitUserContentFilter;

/// Hands the outcome of a store call to the slot waiting for it.
///
/// # Safety
/// `data` is a `Box<Slot>` made by `compile` or `load`, taken back here exactly once; `source`
/// and `result` are what GIO gave the callback, and `finish` is the `_finish` of that call.
unsafe fn finish(source: *mut glib::gobject_ffi::GObject, result: *mut gio::ffi::GAsyncResult, data: glib::ffi::gpointer, finish: Finish) {
    // SAFETY: see the contract above.
    let slot: Box<Slot> = unsafe { Box::from_raw(data.cast()) };
    let mut error: *mut glib::ffi::GError = std::ptr::null_mut();
    // SAFETY: the store is the call's source object; `error` is a valid out-pointer.
    let filter = unsafe { finish(source.cast(), result, &mut error) };
    let outcome = if filter.is_null() {
        if error.is_null() {
            Err(FilterStoreError::WebKit("unknown error".into()))
        } else {
            // SAFETY: a GError `_finish` gave us, ours to free.
            let error: glib::Error = unsafe { glib::translate::from_glib_full(error) };
            Err(FilterStoreError::WebKit(error.message().to_string()))
        }
    } else {
        if !error.is_null() {
            // SAFETY: as above; freed once.
            unsafe { glib::ffi::g_error_free(error) };
        }
        Ok(Filter(filter))
    };
    *slot.borrow_mut() = Some(outcome);
}
