//! Guichet: a privacy-first session kiosk browser for public computers.
//!
//! The core (everything except `shell`) is plain Rust that decides without a display: policy,
//! configuration, pages, translations, the session state machine. Only `shell` touches the window.

pub mod ads;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod control;
pub mod day;
pub mod doctor;
pub mod downloads;
pub mod embedded;
pub mod i18n;
pub mod kiosk;
pub mod lists;
pub mod lockdown;
pub mod log;
pub mod pages;
pub mod policy;
pub mod printing;
pub mod proxy;
pub mod session;
#[cfg(feature = "shell")]
pub mod shell;
pub mod source;
pub mod speech;
pub mod status;
pub mod stats;
pub mod supervisor;
pub mod toml_reader;
pub mod updates;
pub mod wire;

/// Gives the memory freed after start-up (list compiling, configuration parsing) back to the
/// system. The allocator keeps freed memory for reuse, and a kiosk process that allocates little
/// after start-up would otherwise hold it for its whole life: 15 MiB in the supervisor.
pub fn release_freed_memory() {
    // SAFETY: malloc_trim only walks the allocator's own free lists; it takes no pointer.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::malloc_trim(0);
    }
}
