//! The `guichet` command: parses arguments, runs one verb, turns the result into an exit code.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use guichet::cli::check::Checker;
use guichet::config::{Config, ConfigError, Loaded};
use guichet::control::{self, Reply, Request};
use guichet::i18n::staff::StaffLanguage;
use guichet::policy::Mode;
use guichet::staff;

// What `--help` shows comes from i18n/staff/<lang>/help.ftl (see `guichet::cli::help`); the
// doc comments here are for readers of the code.
#[derive(Parser)]
#[command(name = "guichet", version, about = "Privacy-first session kiosk browser for public computers")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the kiosk: the supervisor, which starts a fresh session for each patron.
    Run {
        /// Configuration file (default: /etc/guichet/config.toml if present, else built-in).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the verdict for each URL (arguments, or one per line on stdin).
    Check {
        /// citizen, minor or assisted.
        #[arg(long, default_value = "citizen")]
        mode: Mode,
        #[arg(long)]
        config: Option<PathBuf>,
        /// Check resources (scripts, images, style sheets…) as loaded by this page (default:
        /// a page of their own site).
        #[arg(long)]
        page: Option<String>,
        urls: Vec<String>,
    },
    /// Category lists (UT1) for filtered-web modes.
    Lists {
        #[command(subcommand)]
        command: ListsCommand,
    },
    /// Configuration commands.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Talk to the running kiosk: status, open URL, end-session.
    Ctl {
        /// Read the socket path from this configuration.
        #[arg(long, conflicts_with = "socket")]
        config: Option<PathBuf>,
        /// The control socket (default: from the configuration).
        #[arg(long)]
        socket: Option<PathBuf>,
        #[command(subcommand)]
        command: CtlCommand,
    },
    /// The démarche catalogue: list it, or search it as patrons do.
    Demarches {
        /// Read the staff's démarches folder and the allowlists from this configuration.
        #[arg(long, global = true)]
        config: Option<PathBuf>,
        /// Language of titles and of the search (default: the configuration's default language).
        #[arg(long, global = true)]
        lang: Option<String>,
        #[command(subcommand)]
        command: DemarchesCommand,
    },
    /// The anonymous daily counts (`[stats] file`): one JSON object per day, oldest first.
    Stats {
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Whether this machine keeps what the kiosk forgets out of reach (RAM folders, swap,
    /// init_on_free, CUPS, WebKit's sandbox): one line per check, `ok` or `todo` with what to
    /// do; exit 0 when all are ok, 1 otherwise.
    Doctor {
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// The advisor's PIN for assisted mode.
    Pin {
        #[command(subcommand)]
        command: PinCommand,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Validate the configuration and every allowlist it names: exit 0, or print every error and exit 2.
    Check {
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum PinCommand {
    /// Read a PIN (4 to 12 digits) from standard input without showing it; print the argon2id
    /// hash to put in `[assisted] pin_hash`.
    Hash,
}

#[derive(Subcommand)]
enum ListsCommand {
    /// Compile a UT1-shaped folder into the file the kiosk maps: exit 0 and print counts, or
    /// print the bad file and line and exit 2, leaving any previous OUTPUT as it was.
    Compile { source: PathBuf, output: PathBuf },
    /// Compile the ad and tracker lists (`[adblock]`, EasyList and EasyPrivacy by default) into
    /// the cache sessions read: print counts and exit 0, or print why and exit 2.
    CompileAdblock {
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Fetch the sources of `[updates]` (UT1, EasyList, EasyPrivacy), check and compile them, and
    /// swap them in only if all succeeded: exit 0, or say why on stderr and in the state file,
    /// keep the previous lists and exit 1.
    Update {
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum DemarchesCommand {
    /// Every démarche, one JSON object per line: {"id":…,"title":…}.
    List,
    /// Démarches matching QUERY, best first, one JSON object per line: {"id":…,"title":…,"score":…}.
    Search {
        /// What a patron would type, such as "payer mes impôts".
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
}

#[derive(Subcommand)]
enum CtlCommand {
    /// One JSON object: state, mode, session_age_s.
    Status,
    /// Show a page on the patron's screen (starts a citizen session if none is active).
    Open { url: String },
    /// End the current session now.
    EndSession,
    /// From the next session on, patrons get MODE (citizen, minor or assisted; one that
    /// `[kiosk] modes` offers).
    Mode { mode: Mode },
    /// Offer assisted mode on the patron's screen: they see what it means and accept or refuse.
    Assist,
}

/// Exit code for invalid configuration or lists.
const EXIT_INVALID: u8 = 2;

fn main() -> ExitCode {
    let language = staff_language();
    let cli = parse_arguments(language);
    match run(cli, language) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("guichet: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The language of staff messages and `--help`, from the locale variables (read here only).
fn staff_language() -> StaffLanguage {
    let var = |name: &str| std::env::var(name).ok();
    StaffLanguage::from_locale(var("LC_ALL").as_deref(), var("LC_MESSAGES").as_deref(), var("LANG").as_deref())
}

/// The arguments, with `--help` in the staff's language.
fn parse_arguments(language: StaffLanguage) -> Cli {
    let mut command = Cli::command();
    command.build();
    let matches = guichet::cli::help::localize(command, language).command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

fn run(cli: Cli, language: StaffLanguage) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run { config } => {
            // Sessions read the ad-blocking cache: bring it up to date before the first one, and
            // the content rules the supervisor has WebKit compile (in the background).
            if let Ok(config) = Config::locate_and_load(config.as_deref()) {
                config.load_ads(true);
                config.write_content_rules();
            }
            let Loaded { config: loaded, catalog, .. } = match Config::locate_and_load_all(config.as_deref()) {
                Ok(all) => all,
                Err(errors) => return Ok(invalid(&errors, language)),
            };
            let runtime_dir = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
            let sessions = loaded.session_folder_root(runtime_dir.as_deref());
            let program = session_program()?;
            let dbus_run_session = std::env::var_os("PATH").and_then(|path| {
                std::env::split_paths(&path).map(|dir| dir.join("dbus-run-session")).find(|p| p.is_file())
            });
            let paths = guichet::supervisor::Paths { session_program: program, sessions, dbus_run_session, gpu_free_egl: gpu_free_egl() };
            // The supervisor decides nothing by host: the ad set checked above is not kept.
            guichet::ads::forget_remembered();
            guichet::release_freed_memory();
            guichet::supervisor::run(&loaded, &catalog, config.as_deref(), paths)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { config } => {
            let config = match Config::locate_and_load(config.as_deref()) {
                Ok(config) => config,
                Err(errors) => return Ok(invalid(&errors, language)),
            };
            let text = match std::fs::read_to_string(&config.stats_file) {
                Ok(text) => text,
                // Nothing counted yet.
                Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
                Err(err) => anyhow::bail!("{}: {err}", config.stats_file.display()),
            };
            let counts = guichet::stats::DailyCounts::from_json_lines(&text)
                .map_err(|err| anyhow::anyhow!("{}:{err}", config.stats_file.display()))?;
            print!("{}", counts.to_json_lines());
            Ok(ExitCode::SUCCESS)
        }
        Command::Doctor { config } => {
            let config = match Config::locate_and_load(config.as_deref()) {
                Ok(config) => config,
                Err(errors) => return Ok(invalid(&errors, language)),
            };
            let runtime_dir = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
            let facts = guichet::doctor::Facts::gather(&config, runtime_dir.as_deref());
            let (text, all_ok) = guichet::doctor::report(&guichet::doctor::examine(&facts));
            print!("{text}");
            Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Pin { command: PinCommand::Hash } => {
            let pin = guichet::cli::pin::read_pin(&mut io::stderr())?;
            match guichet::cli::pin::hash(&pin) {
                Ok(hash) => {
                    println!("{}", hash.as_str());
                    Ok(ExitCode::SUCCESS)
                }
                Err(err) => {
                    eprintln!("guichet: {err}");
                    Ok(ExitCode::from(EXIT_INVALID))
                }
            }
        }
        Command::Check { mode, config, page, urls } => {
            let Loaded { config, policy, .. } = match Config::locate_and_load_all(config.as_deref()) {
                Ok(all) => all,
                Err(errors) => return Ok(invalid(&errors, language)),
            };
            if let Err(err) = policy.mode_ready(mode) {
                // The kiosk would refuse sessions in this mode; the verdicts show what it would
                // still refuse if one ran: everything no allowlist entry covers.
                let message = staff!("cli-mode-unavailable", mode = mode.as_str(), reason = err.message());
                eprintln!("guichet: {}", message.render(language));
            }
            let url_rules = guichet::ads::UrlRules::new(config.adblock_lists.clone());
            let checker = Checker::new(&policy, mode).with_url_rules(&url_rules, page.as_deref());
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
            if urls.is_empty() {
                let stdin = io::stdin();
                checker.check_stream(io::BufReader::with_capacity(64 * 1024, stdin.lock()), &mut out)?;
            } else {
                for url in &urls {
                    if let Some(address) = checker.check_one(url, &mut out)? {
                        let hint = staff!("cli-missing-scheme", input = url.as_str(), address = address);
                        eprintln!("guichet: {}", hint.render(language));
                    }
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lists { command: ListsCommand::Compile { source, output } } => {
            let started = std::time::Instant::now();
            match guichet::lists::compile(&source, &output) {
                Ok(summary) => {
                    println!(
                        "{}: {} categories ({} aliases), {} hosts ({} domain lines), {} url entries, {} bytes, list date {}, in {:.2} s",
                        output.display(),
                        summary.categories,
                        summary.aliases,
                        summary.domains,
                        summary.domain_lines,
                        summary.urls,
                        summary.file_bytes,
                        humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + std::time::Duration::from_secs(summary.list_date)),
                        started.elapsed().as_secs_f64()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(err) => {
                    eprintln!("{err}");
                    eprintln!("guichet: the lists were not compiled; {} is unchanged", output.display());
                    Ok(ExitCode::from(EXIT_INVALID))
                }
            }
        }
        Command::Lists { command: ListsCommand::CompileAdblock { config: config_path } } => {
            let config = match Config::locate_and_load(config_path.as_deref()) {
                Ok(config) => config,
                Err(errors) => return Ok(invalid(&errors, language)),
            };
            let started = std::time::Instant::now();
            match guichet::ads::compile_to(&config.adblock_lists, &config.adblock_cache) {
                Ok(set) => {
                    println!(
                        "{}: {} ad hosts, {} tracker hosts, in {:.3} s",
                        config.adblock_cache.display(),
                        set.count(guichet::ads::Kind::Ad),
                        set.count(guichet::ads::Kind::Tracker),
                        started.elapsed().as_secs_f64()
                    );
                }
                Err(err) => {
                    eprintln!("{err}");
                    eprintln!("guichet: the ad-blocking cache was not written; {} is unchanged", config.adblock_cache.display());
                    return Ok(ExitCode::from(EXIT_INVALID));
                }
            }
            Ok(compile_content_filters(&config, config_path.as_deref()))
        }
        Command::Lists { command: ListsCommand::Update { config } } => {
            let config = match Config::locate_and_load(config.as_deref()) {
                Ok(config) => config,
                Err(errors) => return Ok(invalid(&errors, language)),
            };
            if config.updates.sources.is_empty() {
                println!("{}: `[updates]` names no source (ut1, easylist, easyprivacy): nothing to update", config.origin);
                return Ok(ExitCode::SUCCESS);
            }
            let started = std::time::Instant::now();
            let report = guichet::updates::update(&config, std::time::SystemTime::now());
            let mut code = ExitCode::SUCCESS;
            match &report.result {
                Ok(summary) => {
                    if let Some((path, lists)) = &summary.categories {
                        println!(
                            "{}: {} categories, {} hosts, {} url entries, list date {}",
                            path.display(),
                            lists.categories,
                            lists.domains,
                            lists.urls,
                            humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + std::time::Duration::from_secs(lists.list_date))
                        );
                    }
                    if let Some((path, ads, trackers)) = &summary.adblock {
                        println!("{}: {ads} ad hosts, {trackers} tracker hosts", path.display());
                    }
                    if let Some((path, manifest)) = &summary.content_rules {
                        println!("{}: {} (compiled by the kiosk before its next session)", path.display(), guichet::cli::filters::summary(manifest));
                    }
                    let bytes: u64 = summary.downloaded.iter().map(|(_, n)| n).sum();
                    println!("lists updated: {} sources, {bytes} bytes, in {:.1} s", summary.downloaded.len(), started.elapsed().as_secs_f64());
                }
                Err(err) => {
                    eprintln!("{err}");
                    let reason = err.reason().map_or("busy", |r| r.code());
                    eprintln!("guichet: the lists were not updated ({reason}); the previous lists are kept");
                    code = ExitCode::FAILURE;
                }
            }
            if let Err((path, err)) = &report.state {
                eprintln!("guichet: cannot record the update's result in {}: {err}", path.display());
                code = ExitCode::FAILURE;
            }
            Ok(code)
        }
        Command::Config { command: ConfigCommand::Check { config } } => match Config::locate_and_load_all(config.as_deref()) {
            Ok(Loaded { config, policy, catalog }) => {
                let unavailable: Vec<String> = config
                    .modes
                    .iter()
                    .filter_map(|mode| policy.mode_ready(*mode).err().map(|err| (mode, err)))
                    .map(|(mode, err)| staff!("cli-mode-cannot-start", mode = mode.as_str(), reason = err.message()).render(language))
                    .collect();
                if !unavailable.is_empty() {
                    eprintln!("{}", unavailable.join("\n"));
                    eprintln!("guichet: {}", staff!("cli-modes-cannot-start", count = unavailable.len()).render(language));
                    return Ok(ExitCode::from(EXIT_INVALID));
                }
                let summary = staff!(
                    "cli-config-valid",
                    file = config.origin.as_str(),
                    entries = policy.rules().len(),
                    tiles = policy.rules().iter().filter(|r| r.is_tile()).count(),
                    demarches = catalog.demarches().len()
                );
                println!("{}", summary.render(language));
                if let Ok(lists) = policy.filtering().lists() {
                    let date = humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + std::time::Duration::from_secs(lists.list_date()));
                    let summary = staff!(
                        "cli-lists-summary",
                        path = lists.path().display().to_string(),
                        hosts = lists.domain_count(),
                        urls = lists.url_count(),
                        categories = lists.categories().len(),
                        date = date.to_string()
                    );
                    println!("{}", summary.render(language));
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(errors) => Ok(invalid(&errors, language)),
        },
        Command::Demarches { config, lang, command } => {
            let Loaded { config, catalog, .. } = match Config::locate_and_load_all(config.as_deref()) {
                Ok(all) => all,
                Err(errors) => return Ok(invalid(&errors, language)),
            };
            let lang = lang.unwrap_or(config.default_language);
            let languages = catalog.languages();
            if !languages.contains(&lang.as_str()) {
                anyhow::bail!("no démarche is written in language {lang:?}: expected one of {}", languages.join(", "));
            }
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match command {
                DemarchesCommand::List => guichet::cli::demarches::list(&catalog, &lang, &mut out)?,
                DemarchesCommand::Search { query } => guichet::cli::demarches::search(&catalog, &query.join(" "), &lang, &mut out)?,
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ctl { config, socket, command } => {
            let socket = match socket {
                Some(socket) => socket,
                None => match Config::locate_and_load(config.as_deref()) {
                    Ok(config) => config.control_socket,
                    Err(errors) => return Ok(invalid(&errors, language)),
                },
            };
            let request = match command {
                CtlCommand::Status => Request::Status,
                CtlCommand::Open { url } => {
                    if let Some(address) = guichet::cli::check::with_https(&url) {
                        // The kiosk would refuse it as unparsable: say what was meant instead.
                        let hint = staff!("cli-missing-scheme", input = url.as_str(), address = address);
                        eprintln!("guichet: {}", hint.render(language));
                        return Ok(ExitCode::from(EXIT_INVALID));
                    }
                    Request::Open { url: zeroize::Zeroizing::new(url) }
                }
                CtlCommand::EndSession => Request::EndSession,
                CtlCommand::Mode { mode } => Request::Mode { mode },
                CtlCommand::Assist => Request::Assist,
            };
            match control::send(&socket, &request)? {
                Reply::Status(status) => println!("{}", serde_json::to_string(&status)?),
                Reply::Ok => println!("ok"),
                Reply::Error { message } => {
                    eprintln!("guichet: the kiosk refused: {message}");
                    return Ok(ExitCode::FAILURE);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `guichet lists compile-adblock`, after the host cache: the content rules (always rewritten)
/// and WebKit's compiled store (when it is not already theirs).
fn compile_content_filters(config: &Config, config_path: Option<&std::path::Path>) -> ExitCode {
    let Some(paths) = config.content_filter_paths() else { return ExitCode::SUCCESS };
    let started = std::time::Instant::now();
    match guichet::ads::write_rules(&config.adblock_lists, &paths, true) {
        Ok(outcome) => println!("{}: {}, in {:.3} s", paths.manifest().display(), guichet::cli::filters::summary(&outcome.manifest), started.elapsed().as_secs_f64()),
        Err(err) => {
            eprintln!("{err}");
            eprintln!("guichet: the content rules were not written; sessions keep the filters compiled before, if any");
            return ExitCode::from(EXIT_INVALID);
        }
    }
    // WebKit compiles them, in the program that links it (this one does not).
    let compiled = session_program().map_err(|err| err.to_string()).and_then(|program| {
        let status = paths.compiler(&program, config_path, false).and_then(|mut command| command.status());
        paths.clear_scratch();
        status.map_err(|err| err.to_string())
    });
    match compiled {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        outcome => {
            if let Err(err) = outcome {
                eprintln!("guichet: cannot start guichet-session: {err}");
            }
            eprintln!("guichet: the content filters were not compiled; sessions keep the filters compiled before, if any, else block by host only");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// `guichet-session`, the program of patron sessions (the only one that loads WebKit): beside
/// this one, or in `../libexec/guichet/` from it as the package installs it.
fn session_program() -> anyhow::Result<PathBuf> {
    let here = std::env::current_exe()?;
    let dir = here.parent().ok_or_else(|| anyhow::anyhow!("{} has no folder", here.display()))?;
    let candidates = [dir.join(SESSION_PROGRAM), dir.join("../libexec/guichet").join(SESSION_PROGRAM)];
    candidates.iter().find(|path| path.is_file()).cloned().ok_or_else(|| {
        anyhow::anyhow!("{SESSION_PROGRAM} is not installed (looked for {} and {})", candidates[0].display(), candidates[1].display())
    })
}

const SESSION_PROGRAM: &str = "guichet-session";

/// Guichet's GPU-free EGL for sessions: beside this program, or in `../lib/guichet/` from it as
/// the package installs it. `None` when neither is there (sessions then use the system's).
fn gpu_free_egl() -> Option<PathBuf> {
    if let Some(library) = std::env::var_os(guichet::supervisor::egl::TEST_LIBRARY_ENV) {
        return Some(PathBuf::from(library));
    }
    let here = std::env::current_exe().ok()?;
    let dir = here.parent()?;
    let library = guichet::supervisor::egl::LIBRARY;
    [dir.join(library), dir.join("../lib/guichet").join(library)].iter().find(|path| path.is_file()).and_then(|path| path.canonicalize().ok())
}

/// Refuses a configuration: every error, then how many (see [`ConfigError::report`]).
fn invalid(errors: &ConfigError, language: StaffLanguage) -> ExitCode {
    eprintln!("{}", errors.report("guichet", language));
    ExitCode::from(EXIT_INVALID)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and option `--help` shows has its text in `i18n/staff/*/help.ftl`, and
    /// every text there matches one: a new command must be explained in both languages.
    #[test]
    fn every_command_and_option_has_help_in_both_languages() {
        for language in StaffLanguage::ALL {
            let mut command = Cli::command();
            command.build();
            let localized = guichet::cli::help::localize(command, language);
            assert!(localized.missing.is_empty(), "no help text for {:?}", localized.missing);
            assert!(localized.unused.is_empty(), "help texts for nothing: {:?}", localized.unused);
            localized.command.debug_assert();
        }
    }
}
