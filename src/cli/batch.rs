//! The batch driver: reads, parses and validates every input on a pool of threads, hands each
//! good one to the command's job, shows progress, and reports per file in input order. One bad
//! file never stops the batch; it only sets the exit code.

use super::args::ReadConfig;
use super::inputs::Input;
use super::{exit, interrupted, render, Fatal};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use motion_export::diag::{Diagnostic, Severity};
use motion_export::parse::{parse, ParseOptions};
use motion_export::{model::Motion, read, validate};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::time::Instant;

/// A motion read and checked, ready for a job.
pub struct Loaded {
    pub text: String,
    pub motion: Motion,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// How one file went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Ok,
    /// Not processed because the batch was interrupted.
    Skipped,
    /// The motion has errors; it was reported and skipped.
    Errors,
    /// The input could not be read or an output could not be written.
    Failed,
}

/// What a job reports about one file, beyond its diagnostics.
pub struct JobResult {
    pub outcome: Outcome,
    /// Lines to print after the file's diagnostics (e.g. write failures).
    pub messages: Vec<String>,
    /// Outputs written.
    pub written: usize,
}

/// The report of one file.
struct FileReport {
    outcome: Outcome,
    text: String,
    errors: usize,
    warnings: usize,
    bytes: u64,
    written: usize,
}

/// Runs `job` on every input that reads and validates without errors (or on every input, for
/// jobs that want to see failures: `job` receives the loaded file either way and decides).
/// Prints the reports and a summary; returns the exit code.
pub fn run<J>(inputs: &[Input], cfg: &ReadConfig, verb: &str, job: J) -> Result<u8, Fatal>
where
    J: Fn(&Input, &Loaded) -> JobResult + Sync,
{
    let started = Instant::now();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let progress = progress_bar(inputs.len(), cfg.quiet);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Fatal::Io(format!("cannot start worker threads: {e}")))?;
    let reports: Vec<FileReport> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let report = process(input, cfg, color, &job);
                progress.inc(1);
                report
            })
            .collect()
    });
    progress.finish_and_clear();
    let mut stderr = std::io::stderr().lock();
    for r in &reports {
        if !r.text.is_empty() {
            let _ = writeln!(stderr, "{}", r.text);
        }
    }
    let worst = reports
        .iter()
        .map(|r| r.outcome)
        .max()
        .unwrap_or(Outcome::Ok);
    if !cfg.quiet {
        let _ = writeln!(stderr, "{}", summary(&reports, verb, started));
    }
    if interrupted() {
        let _ = writeln!(
            stderr,
            "interrupted: finished outputs are complete; no partial file was left"
        );
        return Ok(exit::INTERRUPTED);
    }
    Ok(match worst {
        Outcome::Ok | Outcome::Skipped => exit::OK,
        Outcome::Errors => exit::CONTENT,
        Outcome::Failed => exit::FAILURE,
    })
}

fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} (eta {eta})")
    {
        bar.set_style(style);
    }
    bar
}

fn process<J>(input: &Input, cfg: &ReadConfig, color: bool, job: &J) -> FileReport
where
    J: Fn(&Input, &Loaded) -> JobResult,
{
    let mut report = FileReport {
        outcome: Outcome::Ok,
        text: String::new(),
        errors: 0,
        warnings: 0,
        bytes: 0,
        written: 0,
    };
    if interrupted() {
        report.outcome = Outcome::Skipped;
        return report;
    }
    let loaded = match load(input, cfg) {
        Ok(l) => l,
        Err(Load::Io(msg)) => {
            report.outcome = Outcome::Failed;
            report.errors = 1;
            report.text = format!("error: {}: {msg}", input.display);
            return report;
        }
        Err(Load::Rejected(d)) => {
            report.outcome = Outcome::Errors;
            report.errors = 1;
            report.text = render::diagnostic(&d, &input.display, "", color);
            return report;
        }
    };
    report.bytes = loaded.text.len() as u64;
    let mut lines: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| render::diagnostic(d, &input.display, &loaded.text, color))
        .collect();
    report.errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    report.warnings = loaded.diagnostics.len() - report.errors;
    let result = job(input, &loaded);
    report.outcome = if loaded.has_errors() {
        result.outcome.max(Outcome::Errors)
    } else {
        result.outcome
    };
    report.written = result.written;
    lines.extend(result.messages);
    report.text = lines.join("\n");
    report
}

/// Why an input could not be loaded.
pub enum Load {
    /// It could not be read.
    Io(String),
    /// It is not text the reader can take (encoding, binary, size).
    Rejected(Diagnostic),
}

/// Reads, decodes, parses and validates one input.
pub fn load(input: &Input, cfg: &ReadConfig) -> Result<Loaded, Load> {
    let bytes = read_bytes(input, cfg.max_input_size)?;
    let text = read::decode(&bytes).map_err(Load::Rejected)?;
    drop(bytes);
    let options = ParseOptions {
        lang: cfg.lang.clone(),
        source_name: input.stem.clone(),
    };
    let parsed = parse(&text, &options);
    let mut diagnostics = parsed.diagnostics;
    // An empty input has nothing to validate; saying so once is enough.
    if !diagnostics
        .iter()
        .any(|d| d.code == motion_export::codes::INPUT_EMPTY.name)
    {
        diagnostics.extend(validate::validate(&parsed.motion));
    }
    if cfg.deny_warnings {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    motion_export::diag::sort(&mut diagnostics);
    Ok(Loaded {
        text,
        motion: parsed.motion,
        diagnostics,
    })
}

fn too_large(size: u64, limit: u64) -> Load {
    Load::Rejected(
        Diagnostic::new(
            &motion_export::codes::INPUT_TOO_LARGE,
            None,
            format!("the input is {size} bytes, over the limit of {limit} bytes"),
        )
        .hint("raise the limit with --max-input-size if the file really is a motion"),
    )
}

fn read_bytes(input: &Input, limit: u64) -> Result<Vec<u8>, Load> {
    let mut bytes = Vec::new();
    match &input.path {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| Load::Io(e.to_string()))?;
            let size = file.metadata().map_err(|e| Load::Io(e.to_string()))?.len();
            if size > limit {
                return Err(too_large(size, limit));
            }
            // Read at most limit + 1 bytes: the file may grow while we read it.
            file.take(limit + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Load::Io(e.to_string()))?;
        }
        None => {
            std::io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Load::Io(e.to_string()))?;
        }
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn summary(reports: &[FileReport], verb: &str, started: Instant) -> String {
    let count = |o: Outcome| reports.iter().filter(|r| r.outcome == o).count();
    let (ok, errors, failed, skipped) = (
        count(Outcome::Ok),
        count(Outcome::Errors),
        count(Outcome::Failed),
        count(Outcome::Skipped),
    );
    let warnings: usize = reports.iter().map(|r| r.warnings).sum();
    let written: usize = reports.iter().map(|r| r.written).sum();
    let bytes: u64 = reports.iter().map(|r| r.bytes).sum();
    let secs = started.elapsed().as_secs_f64();
    let mut s = format!("{verb} {ok} of {} files", reports.len());
    if written > 0 {
        s.push_str(&format!(" ({written} outputs)"));
    }
    if errors > 0 {
        s.push_str(&format!(", {errors} with errors"));
    }
    if failed > 0 {
        s.push_str(&format!(", {failed} failed to read or write"));
    }
    if skipped > 0 {
        s.push_str(&format!(", {skipped} skipped"));
    }
    s.push_str(&format!(", {warnings} warnings, in {secs:.2} s"));
    if secs > 0.0 && bytes > 0 {
        s.push_str(&format!(" ({:.1} MB/s)", bytes as f64 / 1e6 / secs));
    }
    s
}
