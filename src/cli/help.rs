//! `guichet --help` in the staff's language: clap's texts (descriptions, headings, value names,
//! its own `--help` and `--version`) replaced at run time from `i18n/staff/<lang>/help.ftl`.
//! Clap's own error messages stay in English: clap has no way to change them.

use clap::{Arg, Command};

use crate::i18n::staff::{Message, StaffLanguage};
use crate::staff;

/// A command's description (`arg: None`) or one of its arguments' help. `command` is the path
/// of subcommand names from the top (`"config check"`, `""` for `guichet` itself); `"*"` gives
/// the help of an argument wherever it has no text of its own.
pub struct HelpText {
    pub command: &'static str,
    pub arg: Option<&'static str>,
    pub text: Message,
}

fn text(command: &'static str, arg: Option<&'static str>, text: Message) -> HelpText {
    HelpText { command, arg, text }
}

/// Every text `guichet --help` shows.
pub fn texts() -> Vec<HelpText> {
    vec![
        text("", None, staff!("help-guichet")),
        text("*", Some("config"), staff!("help-arg-config")),
        text("run", None, staff!("help-run")),
        text("check", None, staff!("help-check")),
        text("check", Some("mode"), staff!("help-check-mode")),
        text("check", Some("page"), staff!("help-check-page")),
        text("check", Some("urls"), staff!("help-check-urls")),
        text("lists", None, staff!("help-lists")),
        text("lists compile", None, staff!("help-lists-compile")),
        text("lists compile", Some("source"), staff!("help-lists-compile-source")),
        text("lists compile", Some("output"), staff!("help-lists-compile-output")),
        text("lists compile-adblock", None, staff!("help-lists-compile-adblock")),
        text("lists update", None, staff!("help-lists-update")),
        text("config", None, staff!("help-config")),
        text("config check", None, staff!("help-config-check")),
        text("ctl", None, staff!("help-ctl")),
        text("ctl", Some("config"), staff!("help-ctl-config")),
        text("ctl", Some("socket"), staff!("help-ctl-socket")),
        text("ctl status", None, staff!("help-ctl-status")),
        text("ctl open", None, staff!("help-ctl-open")),
        text("ctl open", Some("url"), staff!("help-ctl-open-url")),
        text("ctl end-session", None, staff!("help-ctl-end-session")),
        text("ctl mode", None, staff!("help-ctl-mode")),
        text("ctl mode", Some("mode"), staff!("help-ctl-mode-mode")),
        text("ctl assist", None, staff!("help-ctl-assist")),
        text("demarches", None, staff!("help-demarches")),
        text("demarches", Some("config"), staff!("help-demarches-config")),
        text("demarches", Some("lang"), staff!("help-demarches-lang")),
        text("demarches list", None, staff!("help-demarches-list")),
        text("demarches search", None, staff!("help-demarches-search")),
        text("demarches search", Some("query"), staff!("help-demarches-search-query")),
        text("doctor", None, staff!("help-doctor")),
        text("stats", None, staff!("help-stats")),
        text("pin", None, staff!("help-pin")),
        text("pin hash", None, staff!("help-pin-hash")),
    ]
}

/// The words of clap's own layout.
struct Layout {
    usage: String,
    commands: String,
    options: String,
    command_value: String,
    help: String,
    version: String,
    help_command: String,
    help_command_arg: String,
}

impl Layout {
    fn new(language: StaffLanguage) -> Layout {
        let t = |m: Message| m.render(language);
        Layout {
            usage: t(staff!("help-heading-usage")),
            commands: t(staff!("help-heading-commands")),
            options: t(staff!("help-heading-options")),
            command_value: t(staff!("help-value-command")),
            help: t(staff!("help-flag-help")),
            version: t(staff!("help-flag-version")),
            help_command: t(staff!("help-command-help")),
            help_command_arg: t(staff!("help-command-help-arg")),
        }
    }
}

/// The command with every text in `language`.
pub struct Localized {
    pub command: Command,
    /// Commands and arguments shown in the help that have no text (`"ctl open <url>"`).
    pub missing: Vec<String>,
    /// Texts that match no command or argument.
    pub unused: Vec<String>,
}

/// Replaces the texts of a built command (call [`Command::build`] first, so that clap's own
/// `--help`, `--version` and `help` exist to be translated).
pub fn localize(command: Command, language: StaffLanguage) -> Localized {
    let texts = texts();
    let layout = Layout::new(language);
    let mut used = vec![false; texts.len()];
    let mut missing = Vec::new();
    let command = localize_command(command, "", &texts, &mut used, &mut missing, &layout, language);
    let unused = texts
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(t, _)| format!("{} {}", t.command, t.arg.unwrap_or_default()).trim().to_string())
        .collect();
    Localized { command, missing, unused }
}

/// The text for a command, or for an argument: its own, else its parent command's (clap copies
/// global arguments into subcommands), else the one for every command (`"*"`).
fn find(texts: &[HelpText], used: &mut [bool], command: &str, arg: Option<&str>) -> Option<usize> {
    let mut path = command;
    let index = loop {
        if let Some(index) = texts.iter().position(|t| t.command == path && t.arg == arg) {
            break Some(index);
        }
        match (arg, path.rsplit_once(' ')) {
            (Some(_), Some((parent, _))) => path = parent,
            (Some(_), None) if !path.is_empty() => path = "",
            _ => break arg.and_then(|_| texts.iter().position(|t| t.command == "*" && t.arg == arg)),
        }
    }?;
    used[index] = true;
    Some(index)
}

fn localize_command(
    mut command: Command,
    path: &str,
    texts: &[HelpText],
    used: &mut [bool],
    missing: &mut Vec<String>,
    layout: &Layout,
    language: StaffLanguage,
) -> Command {
    match find(texts, used, path, None) {
        Some(i) => command = command.about(texts[i].text.render(language)),
        None => missing.push(path.to_string()),
    }
    command = command
        .help_template(format!("{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", layout.usage))
        .subcommand_help_heading(layout.commands.clone())
        .subcommand_value_name(layout.command_value.clone());
    let args: Vec<(String, bool, bool)> =
        command.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional(), a.is_hide_set())).collect();
    for (id, positional, hidden) in args {
        // Clap's "Arguments" heading is the same word in French; "Options" is set to keep the
        // options together under the heading of the language.
        let heading = (!positional).then(|| layout.options.clone());
        let value_name = value_name(&id).map(|m| m.render(language));
        let help = match id.as_str() {
            "help" => Some(layout.help.clone()),
            "version" => Some(layout.version.clone()),
            _ => match find(texts, used, path, Some(&id)) {
                Some(i) => Some(texts[i].text.render(language)),
                None => {
                    if !hidden {
                        missing.push(format!("{path} <{id}>").trim().to_string());
                    }
                    None
                }
            },
        };
        command = command.mut_arg(&id, |mut arg: Arg| {
            if let Some(heading) = heading {
                arg = arg.help_heading(heading);
            }
            if let Some(name) = value_name {
                arg = arg.value_name(name);
            }
            // Defaults are said in the help text, in the staff's language.
            arg = arg.hide_default_value(true);
            match help {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    let subcommands: Vec<(String, bool)> = command.get_subcommands().map(|s| (s.get_name().to_string(), s.is_hide_set())).collect();
    for (name, hidden) in subcommands {
        let child = format!("{path} {name}").trim().to_string();
        command = command.mut_subcommand(&name, |sub| {
            if name == "help" && is_clap_help_command(&sub) {
                // Clap's own `help` command: a copy of the tree for `guichet help COMMAND`.
                sub.about(layout.help_command.clone()).mut_args(|arg| arg.help(layout.help_command_arg.clone()))
            } else if hidden {
                sub
            } else {
                localize_command(sub, &child, texts, used, missing, layout, language)
            }
        });
    }
    command
}

/// The placeholder shown for an argument's value (`--config <FILE>`).
fn value_name(arg: &str) -> Option<Message> {
    match arg {
        "config" | "output" => Some(staff!("help-value-file")),
        "socket" => Some(staff!("help-value-socket")),
        "source" => Some(staff!("help-value-folder")),
        "urls" => Some(staff!("help-value-addresses")),
        "url" => Some(staff!("help-value-address")),
        "mode" => Some(staff!("help-value-mode")),
        "lang" => Some(staff!("help-value-language")),
        "query" => Some(staff!("help-value-words")),
        _ => None,
    }
}

/// Clap's generated `help` command has no arguments of its own but the subcommand names.
fn is_clap_help_command(command: &Command) -> bool {
    command.get_arguments().all(|a| a.get_id() == "subcommand")
}
