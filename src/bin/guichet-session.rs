//! `guichet-session`: one patron's session (the window, its two web views, the filtering proxy),
//! started by the supervisor for each patron, and WebKit's compiler of content filters. The only
//! program that loads WebKit, GTK and Mesa: `guichet`, the supervisor and the staff commands, stays
//! without them and their memory (about 25 MiB of the supervisor's, measured in benches/memory.sh).

use std::os::unix::io::FromRawFd;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use guichet::config::{Config, ConfigError, Loaded};
use guichet::i18n::staff::StaffLanguage;
use guichet::supervisor::link;

/// Started by `guichet run`, not by hand. Its messages go to the supervisor's log, in English.
#[derive(Parser)]
#[command(name = "guichet-session", version, about = "One patron's session of the Guichet kiosk (started by `guichet run`)")]
struct Cli {
    /// Configuration file (default: /etc/guichet/config.toml if present, else built-in).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Have WebKit compile the content rules written beside the ad-blocking cache, unless the
    /// compiled store is already theirs: print what was done and exit 0, or why not and exit 2.
    CompileFilters {
        /// As the supervisor's child: at low priority, the outcome in the log, exit 1 on failure.
        #[arg(long)]
        background: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => session(cli.config),
        Some(Command::CompileFilters { background }) => compile_filters(cli.config, background),
    };
    result.unwrap_or_else(|err| {
        eprintln!("guichet-session: {err:#}");
        ExitCode::FAILURE
    })
}

fn session(config: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let Loaded { config, policy, catalog } = match Config::locate_and_load_all(config.as_deref()) {
        Ok(all) => all,
        Err(errors) => return Ok(invalid(&errors)),
    };
    let session_dir = std::env::var_os(link::SESSION_DIR_ENV)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("{} is not set: sessions are started by `guichet run`", link::SESSION_DIR_ENV))?;
    let link = match std::env::var(link::LINK_FD_ENV) {
        // SAFETY: the supervisor hands the session exactly this descriptor, a connected socket,
        // and nothing else in this process owns it.
        Ok(fd) if fd == link::LINK_FD.to_string() => Some(unsafe { UnixStream::from_raw_fd(link::LINK_FD) }),
        _ => None,
    };
    let launch = match std::env::var(link::LAUNCH_ENV).as_deref() {
        Ok("hidden") => guichet::kiosk::Launch::Hidden,
        Ok("unavailable") => guichet::kiosk::Launch::Unavailable,
        _ => guichet::kiosk::Launch::Visible,
    };
    let has_display = std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    guichet::shell::run(guichet::kiosk::SessionOptions {
        config,
        policy: std::sync::Arc::new(policy),
        catalog: std::sync::Arc::new(catalog),
        session_dir,
        link,
        launch,
        has_display,
        speech_to_file: std::env::var_os(guichet::speech::TEST_TO_FILE_ENV).is_some_and(|v| v == "1"),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn compile_filters(config: Option<PathBuf>, background: bool) -> anyhow::Result<ExitCode> {
    if background {
        // Runs beside a patron's session on a small machine: below it.
        // SAFETY: nice only changes this process's own priority.
        unsafe { libc::nice(10) };
    }
    let config = match Config::locate_and_load(config.as_deref()) {
        Ok(config) => config,
        Err(errors) => return Ok(invalid(&errors)),
    };
    if background {
        return Ok(guichet::cli::filters::compile_in_background(&config));
    }
    let Some(paths) = config.content_filter_paths() else { return Ok(ExitCode::SUCCESS) };
    Ok(match guichet::cli::filters::compile_now(&paths) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(2)
        }
    })
}

/// Refuses a configuration: every error, then how many (see [`ConfigError::report`]).
fn invalid(errors: &ConfigError) -> ExitCode {
    eprintln!("{}", errors.report("guichet-session", StaffLanguage::English));
    ExitCode::from(2)
}
