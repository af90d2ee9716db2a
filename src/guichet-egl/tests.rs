//! The vendor as libglvnd and WebKit call it: loaded, asked for a display, initialized, and
//! refused everything that would draw, each with its EGL error.

use super::*;

/// Every core function libglvnd looks up when it loads a vendor (it refuses one that lacks any).
const CORE: [&str; 36] = [
    "eglInitialize", "eglTerminate", "eglQueryString", "eglGetError", "eglGetConfigs", "eglChooseConfig", "eglGetConfigAttrib",
    "eglCreateContext", "eglDestroyContext", "eglQueryContext", "eglMakeCurrent", "eglBindAPI", "eglQueryAPI",
    "eglCreateWindowSurface", "eglCreatePixmapSurface", "eglCreatePbufferSurface", "eglCreatePlatformWindowSurface",
    "eglCreatePlatformPixmapSurface", "eglCreatePbufferFromClientBuffer", "eglDestroySurface", "eglQuerySurface",
    "eglSurfaceAttrib", "eglSwapBuffers", "eglCopyBuffers", "eglBindTexImage", "eglReleaseTexImage", "eglSwapInterval",
    "eglCreateImage", "eglDestroyImage", "eglCreateSync", "eglDestroySync", "eglGetSyncAttrib", "eglClientWaitSync",
    "eglWaitSync", "eglWaitClient", "eglReleaseThread",
];

fn proc_address(name: &str) -> *mut c_void {
    let name = std::ffi::CString::new(name).unwrap();
    unsafe { get_proc_address(name.as_ptr()) }
}

fn other_display() -> Handle {
    let mut elsewhere = 0u8;
    ptr::addr_of_mut!(elsewhere).cast()
}

#[test]
fn libglvnd_gets_the_six_required_imports_and_an_unknown_abi_is_refused() {
    let mut imports = ApiImports {
        get_platform_display: None,
        get_supports_api: None,
        get_vendor_string: None,
        get_proc_address: None,
        get_dispatch_address: None,
        set_dispatch_index: None,
    };
    assert_eq!(unsafe { __egl_Main(1 << 16, ptr::null(), ptr::null_mut(), &mut imports) }, FALSE);
    assert!(imports.get_platform_display.is_none());
    assert_eq!(unsafe { __egl_Main(2, ptr::null(), ptr::null_mut(), &mut imports) }, TRUE);
    assert!(imports.get_platform_display.is_some() && imports.get_supports_api.is_some() && imports.get_vendor_string.is_some());
    assert!(imports.get_proc_address.is_some() && imports.get_dispatch_address.is_some() && imports.set_dispatch_index.is_some());
    let extensions = unsafe { CStr::from_ptr((imports.get_vendor_string.unwrap())(VENDOR_STRING_PLATFORM_EXTENSIONS)) };
    assert!(extensions.to_str().unwrap().contains("EGL_MESA_platform_surfaceless"));
    assert!(unsafe { (imports.get_vendor_string.unwrap())(1) }.is_null());
}

#[test]
fn every_core_function_is_there_and_nothing_else() {
    for name in CORE.iter().chain(&["eglWaitGL", "eglWaitNative"]) {
        assert!(!proc_address(name).is_null(), "{name} missing");
    }
    for name in ["glClear", "eglCreateImageKHR", "eglQueryDmaBufFormatsEXT", "", "eglinitialize"] {
        assert!(proc_address(name).is_null(), "{name} should not be offered");
    }
    assert!(unsafe { get_proc_address(ptr::null()) }.is_null());
}

#[test]
fn the_display_of_every_platform_webkit_uses_is_the_one_display() {
    for platform in PLATFORMS {
        assert_eq!(unsafe { get_platform_display(platform, ptr::null_mut(), ptr::null()) }, display());
    }
    // EGL_PLATFORM_DEVICE_EXT: no devices here.
    assert!(unsafe { get_platform_display(0x313F, ptr::null_mut(), ptr::null()) }.is_null());
    assert_eq!(unsafe { get_error() }, BAD_PARAMETER);
    assert_eq!(unsafe { get_error() }, SUCCESS, "an error is reported once");
}

#[test]
fn initializing_gives_egl_1_5_on_our_display_only() {
    let (mut major, mut minor) = (0, 0);
    assert_eq!(unsafe { initialize(display(), &mut major, &mut minor) }, TRUE);
    assert_eq!((major, minor), (1, 5));
    assert_eq!(unsafe { initialize(display(), ptr::null_mut(), ptr::null_mut()) }, TRUE);
    assert_eq!(unsafe { initialize(other_display(), &mut major, &mut minor) }, FALSE);
    assert_eq!(unsafe { get_error() }, BAD_DISPLAY);
    assert_eq!(unsafe { terminate(display()) }, TRUE);
}

#[test]
fn strings_name_the_vendor_and_offer_no_display_extension() {
    let text = |dpy, name| {
        let answer = unsafe { query_string(dpy, name) };
        (!answer.is_null()).then(|| unsafe { CStr::from_ptr(answer) }.to_str().unwrap().to_string())
    };
    assert!(text(ptr::null_mut(), EXTENSIONS).unwrap().contains("EGL_EXT_platform_base"));
    assert!(text(display(), VENDOR).unwrap().contains("Guichet"));
    assert!(text(display(), VERSION).unwrap().starts_with("1.5"));
    assert_eq!(text(display(), CLIENT_APIS).unwrap(), "OpenGL_ES");
    assert_eq!(text(display(), EXTENSIONS).unwrap(), "", "no EGL_KHR_no_config_context, no dma-buf, no images");
    assert_eq!(text(ptr::null_mut(), VENDOR), None);
    assert_eq!(unsafe { get_error() }, BAD_DISPLAY);
    assert_eq!(text(display(), 0x1234), None);
    assert_eq!(unsafe { get_error() }, BAD_PARAMETER);
    assert_eq!(text(other_display(), VENDOR), None);
}

#[test]
fn there_is_no_configuration_so_no_context_and_no_surface() {
    let mut count = 7;
    assert_eq!(unsafe { choose_config(display(), ptr::null(), ptr::null_mut(), 0, &mut count) }, TRUE);
    assert_eq!(count, 0);
    count = 7;
    assert_eq!(unsafe { get_configs(display(), ptr::null_mut(), 0, &mut count) }, TRUE);
    assert_eq!(count, 0);
    assert_eq!(unsafe { get_configs(display(), ptr::null_mut(), 0, ptr::null_mut()) }, FALSE);
    assert_eq!(unsafe { get_error() }, BAD_PARAMETER);

    assert!(unsafe { create_context(display(), ptr::null_mut(), ptr::null_mut(), ptr::null()) }.is_null());
    assert_eq!(unsafe { get_error() }, BAD_MATCH);
    assert!(unsafe { create_context(other_display(), ptr::null_mut(), ptr::null_mut(), ptr::null()) }.is_null());
    assert_eq!(unsafe { get_error() }, BAD_DISPLAY);
    assert!(unsafe { create_pbuffer_surface(display(), ptr::null_mut(), ptr::null()) }.is_null());
    assert_eq!(unsafe { get_error() }, BAD_CONFIG);
    assert!(unsafe { create_window_surface(display(), ptr::null_mut(), 42, ptr::null()) }.is_null());
    assert_eq!(unsafe { get_error() }, BAD_CONFIG);
    assert_eq!(unsafe { surface_call(display(), ptr::null_mut()) }, FALSE);
    assert_eq!(unsafe { get_error() }, BAD_SURFACE);
    assert!(unsafe { create_image(display(), ptr::null_mut(), 0x3270, ptr::null_mut(), ptr::null()) }.is_null());
    assert_eq!(unsafe { get_error() }, BAD_MATCH);
}

#[test]
fn releasing_the_current_context_succeeds_and_making_one_current_does_not() {
    let fake = other_display();
    assert_eq!(unsafe { make_current(display(), ptr::null_mut(), ptr::null_mut(), ptr::null_mut()) }, TRUE);
    assert_eq!(unsafe { get_error() }, SUCCESS);
    assert_eq!(unsafe { make_current(display(), ptr::null_mut(), ptr::null_mut(), fake) }, FALSE);
    assert_eq!(unsafe { get_error() }, BAD_CONTEXT);
    assert_eq!(unsafe { make_current(display(), fake, fake, ptr::null_mut()) }, FALSE);
    assert_eq!(unsafe { get_error() }, BAD_MATCH);
    assert_eq!(unsafe { bind_api(OPENGL_ES_API) }, TRUE);
    assert_eq!(unsafe { bind_api(0x30A2) }, FALSE, "desktop OpenGL is not offered");
    assert_eq!(unsafe { get_supports_api(0x30A2) }, FALSE);
    assert_eq!(unsafe { query_api() }, OPENGL_ES_API);
}

#[test]
fn errors_belong_to_the_thread_that_made_them() {
    assert!(unsafe { create_context(display(), ptr::null_mut(), ptr::null_mut(), ptr::null()) }.is_null());
    let elsewhere = std::thread::spawn(|| unsafe { get_error() }).join().unwrap();
    assert_eq!(elsewhere, SUCCESS);
    assert_eq!(unsafe { get_error() }, BAD_MATCH);
}
