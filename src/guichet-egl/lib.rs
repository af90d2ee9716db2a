//! An EGL that has a display and never a context, for Guichet's session processes: WebKitGTK
//! 2.50 aborts without an EGL display, yet with hardware acceleration off (as Guichet sets it) it
//! never asks for a context. Mesa's EGL, the only other one on a kiosk without a GPU driver,
//! loads its software rasterizer and with it LLVM: 20 MiB in every session and web process.
//!
//! It is a libglvnd vendor library: `__egl_Main` hands libglvnd the entry points below, and the
//! supervisor points each session at it (`__EGL_VENDOR_LIBRARY_FILENAMES`). Anything that would
//! draw (a context, a surface, an image) is refused with the EGL error a driver without that
//! feature gives, so that WebKit keeps to its CPU paths.

#![deny(unsafe_op_in_unsafe_fn)]

use std::cell::Cell;
use std::ffi::{c_char, c_void, CStr};
use std::ptr;

pub type EglBoolean = u32;
pub type EglInt = i32;
pub type EglEnum = u32;
pub type Handle = *mut c_void;

pub const TRUE: EglBoolean = 1;
pub const FALSE: EglBoolean = 0;

pub const SUCCESS: EglInt = 0x3000;
pub const BAD_CONFIG: EglInt = 0x3005;
pub const BAD_CONTEXT: EglInt = 0x3006;
pub const BAD_DISPLAY: EglInt = 0x3008;
pub const BAD_MATCH: EglInt = 0x3009;
pub const BAD_PARAMETER: EglInt = 0x300C;
pub const BAD_SURFACE: EglInt = 0x300D;

const VENDOR: EglInt = 0x3053;
const VERSION: EglInt = 0x3054;
const EXTENSIONS: EglInt = 0x3055;
const CLIENT_APIS: EglInt = 0x308D;

pub const OPENGL_ES_API: EglEnum = 0x30A0;

/// The platforms WebKit and GTK ask for: the default display, X11 (Xvfb, Xwayland), Wayland
/// (cage), GBM and Mesa's surfaceless one (WebKit's UI process).
const PLATFORMS: [EglEnum; 5] = [0x3038, 0x31D5, 0x31D8, 0x31D7, 0x31DD];
/// Said to libglvnd, which then routes `eglGetPlatformDisplay` for these platforms here.
const PLATFORM_EXTENSIONS: &CStr = c"EGL_EXT_platform_base EGL_KHR_platform_x11 EGL_EXT_platform_x11 \
EGL_KHR_platform_wayland EGL_EXT_platform_wayland EGL_KHR_platform_gbm EGL_MESA_platform_gbm EGL_MESA_platform_surfaceless";

/// The one display, whichever platform or native display it is asked for: an address nothing
/// else can have, never read through.
static DISPLAY_TOKEN: u8 = 0;

pub fn display() -> Handle {
    ptr::addr_of!(DISPLAY_TOKEN) as Handle
}

thread_local! {
    /// EGL errors are per thread, cleared by reading them.
    static LAST_ERROR: Cell<EglInt> = const { Cell::new(SUCCESS) };
}

fn set_error(error: EglInt) {
    LAST_ERROR.with(|e| e.set(error));
}

fn refuse(error: EglInt) -> EglBoolean {
    set_error(error);
    FALSE
}

fn refuse_handle(error: EglInt) -> Handle {
    set_error(error);
    ptr::null_mut()
}

fn succeed() -> EglBoolean {
    set_error(SUCCESS);
    TRUE
}

fn is_ours(dpy: Handle) -> bool {
    dpy == display()
}

/// Every entry point taking a display first checks it is ours.
macro_rules! on_display {
    ($dpy:expr, $body:expr) => {
        if is_ours($dpy) {
            $body
        } else {
            refuse(BAD_DISPLAY)
        }
    };
}

// ---- libglvnd's side: the vendor interface (libglvnd's include/glvnd/libeglabi.h) ----

/// Only vendor ABI major version 0 exists; its minor versions only add optional members.
const ABI_MAJOR: u32 = 0;
const VENDOR_STRING_PLATFORM_EXTENSIONS: i32 = 0;

/// The first members of libglvnd's `__EGLapiImports`, the ones a vendor must fill; the later,
/// optional ones (dispatch patching, platform guessing) are left as libglvnd zeroed them.
#[repr(C)]
pub struct ApiImports {
    get_platform_display: Option<unsafe extern "C" fn(EglEnum, Handle, *const isize) -> Handle>,
    get_supports_api: Option<unsafe extern "C" fn(EglEnum) -> EglBoolean>,
    get_vendor_string: Option<unsafe extern "C" fn(i32) -> *const c_char>,
    get_proc_address: Option<unsafe extern "C" fn(*const c_char) -> *mut c_void>,
    get_dispatch_address: Option<unsafe extern "C" fn(*const c_char) -> *mut c_void>,
    set_dispatch_index: Option<unsafe extern "C" fn(*const c_char, i32)>,
}

/// Called once by libglvnd when it loads this library.
///
/// # Safety
/// `imports` points to libglvnd's imports table, writable, at least as large as [`ApiImports`].
#[no_mangle]
pub unsafe extern "C" fn __egl_Main(version: u32, _exports: *const c_void, _vendor: *mut c_void, imports: *mut ApiImports) -> EglBoolean {
    if version >> 16 != ABI_MAJOR || imports.is_null() {
        return FALSE;
    }
    // SAFETY: the caller's contract; only the members we declare are written.
    let imports = unsafe { &mut *imports };
    imports.get_platform_display = Some(get_platform_display);
    imports.get_supports_api = Some(get_supports_api);
    imports.get_vendor_string = Some(get_vendor_string);
    imports.get_proc_address = Some(get_proc_address);
    imports.get_dispatch_address = Some(get_dispatch_address);
    imports.set_dispatch_index = Some(set_dispatch_index);
    TRUE
}

unsafe extern "C" fn get_platform_display(platform: EglEnum, _native: Handle, _attributes: *const isize) -> Handle {
    if PLATFORMS.contains(&platform) {
        display()
    } else {
        refuse_handle(BAD_PARAMETER)
    }
}

unsafe extern "C" fn get_supports_api(api: EglEnum) -> EglBoolean {
    (api == OPENGL_ES_API).into()
}

unsafe extern "C" fn get_vendor_string(name: i32) -> *const c_char {
    if name == VENDOR_STRING_PLATFORM_EXTENSIONS {
        PLATFORM_EXTENSIONS.as_ptr()
    } else {
        ptr::null()
    }
}

/// No extension functions of libglvnd's dispatch are offered: these two have nothing to do.
unsafe extern "C" fn get_dispatch_address(_name: *const c_char) -> *mut c_void {
    ptr::null_mut()
}

unsafe extern "C" fn set_dispatch_index(_name: *const c_char, _index: i32) {}

/// The EGL functions by name. libglvnd asks for every core function when it loads a vendor and
/// refuses a vendor that lacks one; an unknown name (a GL function, an extension) gets null.
///
/// # Safety
/// `name` is null or a NUL-terminated string.
unsafe extern "C" fn get_proc_address(name: *const c_char) -> *mut c_void {
    if name.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: the caller's contract.
    let name = unsafe { CStr::from_ptr(name) };
    entry_point(name.to_bytes()).unwrap_or(ptr::null_mut())
}

fn entry_point(name: &[u8]) -> Option<*mut c_void> {
    let address = match name {
        b"eglInitialize" => initialize as *mut c_void,
        b"eglTerminate" => terminate as *mut c_void,
        b"eglQueryString" => query_string as *mut c_void,
        b"eglGetError" => get_error as *mut c_void,
        b"eglGetConfigs" => get_configs as *mut c_void,
        b"eglChooseConfig" => choose_config as *mut c_void,
        b"eglGetConfigAttrib" => get_config_attrib as *mut c_void,
        b"eglCreateContext" => create_context as *mut c_void,
        b"eglDestroyContext" => destroy_context as *mut c_void,
        b"eglQueryContext" => query_context as *mut c_void,
        b"eglMakeCurrent" => make_current as *mut c_void,
        b"eglBindAPI" => bind_api as *mut c_void,
        b"eglQueryAPI" => query_api as *mut c_void,
        b"eglCreateWindowSurface" => create_window_surface as *mut c_void,
        b"eglCreatePixmapSurface" => create_pixmap_surface as *mut c_void,
        b"eglCreatePbufferSurface" => create_pbuffer_surface as *mut c_void,
        b"eglCreatePlatformWindowSurface" | b"eglCreatePlatformPixmapSurface" => create_platform_surface as *mut c_void,
        b"eglCreatePbufferFromClientBuffer" => create_pbuffer_from_client_buffer as *mut c_void,
        b"eglDestroySurface" | b"eglSwapBuffers" => surface_call as *mut c_void,
        b"eglQuerySurface" => query_surface as *mut c_void,
        b"eglSurfaceAttrib" | b"eglBindTexImage" | b"eglReleaseTexImage" => surface_value_call as *mut c_void,
        b"eglCopyBuffers" => copy_buffers as *mut c_void,
        b"eglSwapInterval" => swap_interval as *mut c_void,
        b"eglCreateImage" => create_image as *mut c_void,
        b"eglCreateSync" => create_sync as *mut c_void,
        b"eglDestroyImage" | b"eglDestroySync" => destroy_object as *mut c_void,
        b"eglGetSyncAttrib" => get_sync_attrib as *mut c_void,
        b"eglClientWaitSync" => client_wait_sync as *mut c_void,
        b"eglWaitSync" => wait_sync as *mut c_void,
        // With no context there is never anything to wait for or to release.
        b"eglWaitClient" | b"eglWaitGL" | b"eglReleaseThread" => nothing_to_do as *mut c_void,
        b"eglWaitNative" => wait_native as *mut c_void,
        _ => return None,
    };
    Some(address)
}

// ---- EGL itself ----

unsafe extern "C" fn initialize(dpy: Handle, major: *mut EglInt, minor: *mut EglInt) -> EglBoolean {
    on_display!(dpy, {
        // SAFETY: EGL lets either be null; when not, it points to an EGLint.
        unsafe {
            if !major.is_null() {
                *major = 1;
            }
            if !minor.is_null() {
                *minor = 5;
            }
        }
        succeed()
    })
}

unsafe extern "C" fn terminate(dpy: Handle) -> EglBoolean {
    on_display!(dpy, succeed())
}

unsafe extern "C" fn query_string(dpy: Handle, name: EglInt) -> *const c_char {
    let text: &CStr = match (dpy.is_null(), name) {
        (true, EXTENSIONS) => PLATFORM_EXTENSIONS,
        (true, _) => {
            set_error(BAD_DISPLAY);
            return ptr::null();
        }
        _ if !is_ours(dpy) => {
            set_error(BAD_DISPLAY);
            return ptr::null();
        }
        (false, VENDOR) => c"Guichet (no GPU: a display, no contexts)",
        (false, VERSION) => c"1.5 Guichet",
        (false, CLIENT_APIS) => c"OpenGL_ES",
        (false, EXTENSIONS) => c"",
        (false, _) => {
            set_error(BAD_PARAMETER);
            return ptr::null();
        }
    };
    set_error(SUCCESS);
    text.as_ptr()
}

unsafe extern "C" fn get_error() -> EglInt {
    LAST_ERROR.with(|e| e.replace(SUCCESS))
}

/// There are no configurations: a caller that asks how many gets 0.
unsafe extern "C" fn get_configs(dpy: Handle, _configs: *mut Handle, _size: EglInt, count: *mut EglInt) -> EglBoolean {
    on_display!(dpy, no_configs(count))
}

unsafe extern "C" fn choose_config(dpy: Handle, _attributes: *const EglInt, _configs: *mut Handle, _size: EglInt, count: *mut EglInt) -> EglBoolean {
    on_display!(dpy, no_configs(count))
}

fn no_configs(count: *mut EglInt) -> EglBoolean {
    if count.is_null() {
        return refuse(BAD_PARAMETER);
    }
    // SAFETY: checked non-null; EGL's contract makes it point to an EGLint.
    unsafe { *count = 0 };
    succeed()
}

unsafe extern "C" fn get_config_attrib(dpy: Handle, _config: Handle, _attribute: EglInt, _value: *mut EglInt) -> EglBoolean {
    on_display!(dpy, refuse(BAD_CONFIG))
}

/// Refused as by a driver with no configuration to match (also for `EGL_NO_CONFIG_KHR`).
unsafe extern "C" fn create_context(dpy: Handle, _config: Handle, _share: Handle, _attributes: *const EglInt) -> Handle {
    if !is_ours(dpy) {
        return refuse_handle(BAD_DISPLAY);
    }
    refuse_handle(BAD_MATCH)
}

unsafe extern "C" fn destroy_context(dpy: Handle, _context: Handle) -> EglBoolean {
    on_display!(dpy, refuse(BAD_CONTEXT))
}

unsafe extern "C" fn query_context(dpy: Handle, _context: Handle, _attribute: EglInt, _value: *mut EglInt) -> EglBoolean {
    on_display!(dpy, refuse(BAD_CONTEXT))
}

/// Releasing the current context (none, no surfaces) succeeds; making any context current does
/// not, since none was ever made.
unsafe extern "C" fn make_current(dpy: Handle, draw: Handle, read: Handle, context: Handle) -> EglBoolean {
    on_display!(dpy, {
        if context.is_null() && draw.is_null() && read.is_null() {
            succeed()
        } else if context.is_null() {
            refuse(BAD_MATCH)
        } else {
            refuse(BAD_CONTEXT)
        }
    })
}

unsafe extern "C" fn bind_api(api: EglEnum) -> EglBoolean {
    if api == OPENGL_ES_API {
        succeed()
    } else {
        refuse(BAD_PARAMETER)
    }
}

unsafe extern "C" fn query_api() -> EglEnum {
    OPENGL_ES_API
}

// No configuration exists, so no surface can be made; and none exists to act on.

unsafe extern "C" fn create_window_surface(dpy: Handle, _config: Handle, _window: usize, _attributes: *const EglInt) -> Handle {
    no_surface_made(dpy)
}

unsafe extern "C" fn create_pixmap_surface(dpy: Handle, _config: Handle, _pixmap: usize, _attributes: *const EglInt) -> Handle {
    no_surface_made(dpy)
}

unsafe extern "C" fn create_pbuffer_surface(dpy: Handle, _config: Handle, _attributes: *const EglInt) -> Handle {
    no_surface_made(dpy)
}

unsafe extern "C" fn create_platform_surface(dpy: Handle, _config: Handle, _native: Handle, _attributes: *const isize) -> Handle {
    no_surface_made(dpy)
}

unsafe extern "C" fn create_pbuffer_from_client_buffer(dpy: Handle, _kind: EglEnum, _buffer: Handle, _config: Handle, _attributes: *const EglInt) -> Handle {
    no_surface_made(dpy)
}

fn no_surface_made(dpy: Handle) -> Handle {
    refuse_handle(if is_ours(dpy) { BAD_CONFIG } else { BAD_DISPLAY })
}

/// `eglDestroySurface`, `eglSwapBuffers`.
unsafe extern "C" fn surface_call(dpy: Handle, _surface: Handle) -> EglBoolean {
    on_display!(dpy, refuse(BAD_SURFACE))
}

unsafe extern "C" fn query_surface(dpy: Handle, _surface: Handle, _attribute: EglInt, _value: *mut EglInt) -> EglBoolean {
    on_display!(dpy, refuse(BAD_SURFACE))
}

/// `eglSurfaceAttrib`, `eglBindTexImage`, `eglReleaseTexImage`.
unsafe extern "C" fn surface_value_call(dpy: Handle, _surface: Handle, _attribute: EglInt, _value: EglInt) -> EglBoolean {
    on_display!(dpy, refuse(BAD_SURFACE))
}

unsafe extern "C" fn copy_buffers(dpy: Handle, _surface: Handle, _pixmap: usize) -> EglBoolean {
    on_display!(dpy, refuse(BAD_SURFACE))
}

unsafe extern "C" fn swap_interval(dpy: Handle, _interval: EglInt) -> EglBoolean {
    on_display!(dpy, refuse(BAD_CONTEXT))
}

// Images and fences need a context or a buffer: refused as unsupported.

unsafe extern "C" fn create_image(dpy: Handle, _context: Handle, _target: EglEnum, _buffer: Handle, _attributes: *const isize) -> Handle {
    refuse_handle(if is_ours(dpy) { BAD_MATCH } else { BAD_DISPLAY })
}

unsafe extern "C" fn create_sync(dpy: Handle, _kind: EglEnum, _attributes: *const isize) -> Handle {
    refuse_handle(if is_ours(dpy) { BAD_MATCH } else { BAD_DISPLAY })
}

/// `eglDestroyImage`, `eglDestroySync`.
unsafe extern "C" fn destroy_object(dpy: Handle, _object: Handle) -> EglBoolean {
    on_display!(dpy, refuse(BAD_PARAMETER))
}

unsafe extern "C" fn get_sync_attrib(dpy: Handle, _sync: Handle, _attribute: EglInt, _value: *mut isize) -> EglBoolean {
    on_display!(dpy, refuse(BAD_PARAMETER))
}

unsafe extern "C" fn client_wait_sync(dpy: Handle, _sync: Handle, _flags: EglInt, _timeout: u64) -> EglInt {
    set_error(if is_ours(dpy) { BAD_PARAMETER } else { BAD_DISPLAY });
    FALSE as EglInt
}

unsafe extern "C" fn wait_sync(dpy: Handle, _sync: Handle, _flags: EglInt) -> EglBoolean {
    on_display!(dpy, refuse(BAD_PARAMETER))
}

unsafe extern "C" fn nothing_to_do() -> EglBoolean {
    succeed()
}

unsafe extern "C" fn wait_native(_engine: EglInt) -> EglBoolean {
    succeed()
}

#[cfg(test)]
mod tests;
