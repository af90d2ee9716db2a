//! The `guichet` command: parses arguments, runs one verb, turns the result into an exit code.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use guichet::cli::check::Checker;
use guichet::config::Config;
use guichet::policy::Mode;

#[derive(Parser)]
#[command(name = "guichet", version, about = "Privacy-first session kiosk browser for public computers")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the verdict for each URL (arguments, or one per line on stdin).
    Check {
        /// citizen, minor or assisted.
        #[arg(long, default_value = "citizen")]
        mode: Mode,
        /// Configuration file (default: /etc/guichet/config.toml if present, else built-in).
        #[arg(long)]
        config: Option<PathBuf>,
        urls: Vec<String>,
    },
    /// Configuration commands.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
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

/// Exit code for invalid configuration or lists.
const EXIT_INVALID: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("guichet: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check { mode, config, urls } => {
            let policy = match Config::locate_and_load(config.as_deref()).and_then(|c| c.load_policy()) {
                Ok(policy) => policy,
                Err(errors) => return Ok(invalid(&errors)),
            };
            let checker = Checker::new(&policy, mode);
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
            if urls.is_empty() {
                let stdin = io::stdin();
                checker.check_stream(io::BufReader::with_capacity(64 * 1024, stdin.lock()), &mut out)?;
            } else {
                for url in &urls {
                    checker.check_one(url, &mut out)?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Config { command: ConfigCommand::Check { config } } => {
            let loaded = Config::locate_and_load(config.as_deref());
            match loaded.and_then(|c| c.load_policy().map(|p| (c, p))) {
                Ok((config, policy)) => {
                    println!(
                        "{}: valid ({} allowlist entries, {} launcher tiles)",
                        config.origin,
                        policy.rules().len(),
                        policy.rules().iter().filter(|r| r.is_tile()).count()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(errors) => Ok(invalid(&errors)),
            }
        }
    }
}

fn invalid(errors: &guichet::config::ConfigError) -> ExitCode {
    eprintln!("{errors}");
    eprintln!("guichet: {} error(s); nothing was loaded", errors.0.len());
    ExitCode::from(EXIT_INVALID)
}
