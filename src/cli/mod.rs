//! The command line: arguments to configuration, one module per subcommand, the batch driver,
//! diagnostics rendering, and atomic file writing. The only part of the program that touches the
//! filesystem, the clock or the terminal.

mod args;
mod batch;
mod check;
mod compare;
mod convert;
mod cwd;
mod deps;
mod dump;
mod explain;
mod font_names;
mod fonts;
mod incremental;
mod inputs;
mod lock;
mod regular;
mod render;
mod report;
mod rules;
mod write;

use clap::Parser;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Exit codes, as documented in the README.
pub mod exit {
    /// Every file converted or checked without errors.
    pub const OK: u8 = 0;
    /// At least one file had errors (it was reported and skipped).
    pub const CONTENT: u8 = 1;
    /// Bad usage, or an input or output could not be read or written.
    pub const FAILURE: u8 = 2;
    /// Interrupted (SIGINT); finished outputs are complete, nothing partial is left, and the
    /// output folder's manifest records them.
    pub const INTERRUPTED: u8 = 130;
    /// Stopped by SIGHUP (a closed terminal), handled as SIGINT is: 128 + 1.
    pub const HANGUP: u8 = 129;
    /// Stopped by SIGTERM (`kill`, `timeout`, systemd, cron, CI runners), handled as SIGINT
    /// is: 128 + 15. A second signal of any of the three ends the program at once with its code;
    /// a later `convert` removes the temporary files that leaves.
    pub const TERMINATED: u8 = 143;
}

/// A failure that stops the whole command (as opposed to a problem with one file).
#[derive(Debug)]
pub enum Fatal {
    Usage(String),
    Io(String),
}

/// The signal that asked the program to stop (SIGINT, SIGTERM or SIGHUP), or 0; workers stop
/// taking new files and finish cleanly.
static SIGNAL: AtomicUsize = AtomicUsize::new(0);
/// Set by the first such signal: a second one ends the program at once.
static STOPPING: AtomicBool = AtomicBool::new(false);

pub fn interrupted() -> bool {
    SIGNAL.load(Ordering::Relaxed) != 0
}

/// The exit code for the signal that stopped the program, if one did.
fn signal_exit_code() -> Option<u8> {
    #[cfg(unix)]
    match SIGNAL.load(Ordering::Relaxed) as i32 {
        0 => None,
        signal_hook::consts::SIGTERM => Some(exit::TERMINATED),
        signal_hook::consts::SIGHUP => Some(exit::HANGUP),
        _ => Some(exit::INTERRUPTED),
    }
    #[cfg(not(unix))]
    interrupted().then_some(exit::INTERRUPTED)
}

/// Handles SIGINT, SIGTERM and SIGHUP alike: the first lets the files in flight finish and the
/// state be saved; a second ends the program at once. Failures are ignored: without a handler,
/// the signal still stops the program (temporary files then remain hidden, never under an
/// output's name, and the next `convert` removes them).
fn handle_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    #[cfg(unix)]
    let signals = [
        (SIGINT, exit::INTERRUPTED),
        (SIGTERM, exit::TERMINATED),
        (signal_hook::consts::SIGHUP, exit::HANGUP),
    ];
    #[cfg(not(unix))]
    let signals = [(SIGINT, exit::INTERRUPTED), (SIGTERM, exit::TERMINATED)];
    for (signal, code) in signals {
        // In this order: the shutdown checks the flag before the second action sets it.
        let _ =
            signal_hook::flag::register_conditional_shutdown(signal, i32::from(code), &STOPPING);
        let _ = signal_hook::flag::register_usize(signal, &SIGNAL, signal as usize);
        let _ = signal_hook::flag::register(signal, &STOPPING);
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::FAILURE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    handle_signals();
    let result = match &cli.command {
        args::Command::Convert(a) => a.config().and_then(|c| {
            if let Some(note) = c.font_note.as_ref().filter(|_| !c.read.quiet) {
                eprintln!("{note}");
            }
            convert::run(&c)
        }),
        args::Command::Check(a) => a
            .config()
            .and_then(|c| check::run(&a.inputs, &c, a.versions)),
        args::Command::Deps(a) => deps::run(a),
        args::Command::Compare(a) => compare::run(a),
        args::Command::Dump(a) => a.read.config().and_then(|c| dump::run(&a.input, &c)),
        args::Command::Explain(a) => explain::run(a.code.as_deref()),
    };
    let code = match result {
        Ok(code) => code,
        Err(Fatal::Usage(msg) | Fatal::Io(msg)) => {
            eprintln!("error: {}", render::escape(&msg));
            exit::FAILURE
        }
    };
    ExitCode::from(signal_exit_code().unwrap_or(code))
}

/// The date of `SOURCE_DATE_EPOCH`, for identifiers of motions that state no date: reproducible
/// builds set it; the clock is never read.
pub fn source_date() -> Option<motion_export::model::Date> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let days = secs.div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    motion_export::model::Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    #[test]
    fn source_date_epoch() {
        std::env::set_var("SOURCE_DATE_EPOCH", "1612828800");
        assert_eq!(
            super::source_date().map(|d| d.to_string()).as_deref(),
            Some("2021-02-09")
        );
        std::env::remove_var("SOURCE_DATE_EPOCH");
    }
}
