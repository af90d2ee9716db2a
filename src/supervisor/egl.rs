//! Points each session at Guichet's GPU-free EGL (`src/guichet-egl/`): WebKit then never loads
//! Mesa, whose software rasterizer brings LLVM, about 20 MiB in each WebKit process of a session.

use std::ffi::OsString;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;

/// The vendor library's file name, as cargo builds it and as the package installs it.
pub const LIBRARY: &str = "libguichet_egl.so";

/// End-to-end tests only: another file to use as the vendor library (one that cannot load, to
/// check that sessions which keep failing fall back to the system's EGL).
pub const TEST_LIBRARY_ENV: &str = "GUICHET_TEST_EGL_LIBRARY";

/// The environment that makes a session use the vendor `library`, after writing libglvnd's
/// vendor file for it in the session's `folder`.
///
/// WebKit's sandbox shows a web process only the system's folders and those on
/// `LD_LIBRARY_PATH`: the vendor file's folder (it alone) and the library's are put there. A
/// session inherits no other `LD_LIBRARY_PATH`.
pub fn session_environment(library: &Path, folder: &Path) -> io::Result<Vec<(&'static str, OsString)>> {
    let dir = folder.join("egl");
    std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
    let vendor = dir.join("vendor.json");
    let description = serde_json::json!({ "file_format_version": "1.0.0", "ICD": { "library_path": library } });
    std::fs::write(&vendor, description.to_string())?;
    let mut folders = vec![dir];
    folders.extend(library.parent().map(Path::to_path_buf));
    let search = std::env::join_paths(folders).map_err(|err| io::Error::new(io::ErrorKind::InvalidInput, err))?;
    Ok(vec![("__EGL_VENDOR_LIBRARY_FILENAMES", vendor.into_os_string()), ("LD_LIBRARY_PATH", search)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendor_file_names_the_library_and_both_folders_are_searched() {
        let folder = tempfile::tempdir().unwrap();
        let library = Path::new("/usr/lib/guichet/libguichet_egl.so");
        let environment = session_environment(library, folder.path()).unwrap();
        let vendor = folder.path().join("egl/vendor.json");
        assert_eq!(environment[0], ("__EGL_VENDOR_LIBRARY_FILENAMES", vendor.clone().into_os_string()));
        let search = format!("{}:/usr/lib/guichet", folder.path().join("egl").display());
        assert_eq!(environment[1], ("LD_LIBRARY_PATH", OsString::from(search)));
        let description: serde_json::Value = serde_json::from_slice(&std::fs::read(vendor).unwrap()).unwrap();
        assert_eq!(description["ICD"]["library_path"], "/usr/lib/guichet/libguichet_egl.so");
        assert_eq!(description["file_format_version"], "1.0.0");
    }

    #[test]
    fn a_quote_in_the_path_stays_inside_the_json_string() {
        let folder = tempfile::tempdir().unwrap();
        session_environment(Path::new("/opt/a \"b\"/libguichet_egl.so"), folder.path()).unwrap();
        let description: serde_json::Value = serde_json::from_slice(&std::fs::read(folder.path().join("egl/vendor.json")).unwrap()).unwrap();
        assert_eq!(description["ICD"]["library_path"], "/opt/a \"b\"/libguichet_egl.so");
    }
}
