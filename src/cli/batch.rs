//! The batch driver: reads, parses and validates every input on a pool of threads, hands each
//! good one to the command's job, shows progress, and reports per file in input order. One bad
//! file never stops the batch; it only sets the exit code.

use super::args::ReadConfig;
use super::inputs::Input;
use super::report::{self, FileRecord, ReportFormat, Status};
use super::{exit, interrupted, render, Fatal};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use motion_export::diag::Diagnostic;
use motion_export::model::Motion;
use motion_export::read::{self, InputFormat, ReadOptions};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

mod finished;
mod panic;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Outcome {
    #[default]
    Ok,
    /// Its outputs were up to date; nothing was done.
    UpToDate,
    /// Not processed because the batch was interrupted.
    Skipped,
    /// The motion has errors; it was reported and skipped.
    Errors,
    /// The input could not be read or an output could not be written.
    Failed,
}

/// What a job reports about one file, beyond the reader's diagnostics.
#[derive(Default)]
pub struct JobResult {
    pub outcome: Outcome,
    /// Problems of the job itself (an export or a write that failed), as diagnostics.
    pub problems: Vec<Diagnostic>,
    /// Lines to print after the file's diagnostics.
    pub notes: Vec<String>,
    /// Outputs written.
    pub written: usize,
}

/// The report of one file.
struct FileReport {
    outcome: Outcome,
    /// Rendered for the terminal.
    text: String,
    /// For a machine-readable report, when one was asked for.
    record: Option<FileRecord>,
    /// Rendered without colour, for `--report PATH` in the human format.
    plain: Option<String>,
    errors: usize,
    warnings: usize,
    bytes: u64,
    written: usize,
}

/// What a command does with each file of a batch.
pub trait Job: Sync {
    /// Whether the file's outputs are up to date, so that it need not even be read.
    fn up_to_date(&self, _input: &Input) -> bool {
        false
    }

    /// Reads a file: as text, unless the job reads other kinds too.
    fn load(&self, input: &Input, cfg: &ReadConfig) -> Result<Loaded, Load> {
        load(input, cfg, false)
    }

    /// Works on a file that was read (with or without errors: the job decides).
    fn run(&self, input: &Input, loaded: &Loaded) -> JobResult;

    /// A problem that keeps the file from being worked on at all, found before the batch
    /// started (`convert`: two inputs with the same output). The file is reported with it as
    /// failed, and [`Job::discard`] is called.
    fn refuse(&self, _input: &Input) -> Option<Diagnostic> {
        None
    }

    /// Called when the file cannot be worked on now: it was refused, rejected on load (encoding,
    /// binary, size), or its job panicked. Returns notes to print; `convert` removes the outputs
    /// an earlier run left, as it does for a file with errors.
    fn discard(&self, _input: &Input) -> Vec<String> {
        Vec::new()
    }
}

impl<F: Fn(&Input, &Loaded) -> JobResult + Sync> Job for F {
    fn run(&self, input: &Input, loaded: &Loaded) -> JobResult {
        self(input, loaded)
    }
}

/// Runs `job` on every input. Prints the reports and a summary; returns the exit code.
pub fn run<J: Job>(inputs: &[Input], cfg: &ReadConfig, verb: &str, job: J) -> Result<u8, Fatal> {
    let started = Instant::now();
    panic::install_hook();
    let mut err = Stderr::default();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let progress = progress_bar(inputs.len(), cfg.quiet);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Fatal::Io(format!("cannot start worker threads: {e}")))?;
    let mut totals = Totals::default();
    // The report is written as files finish, never held whole in memory.
    let mut report_writer = match (cfg.report_format, &cfg.report) {
        (ReportFormat::Human, None) => None,
        (format, path) => Some(report::Writer::new(
            format,
            report::Sink::open(path.as_deref()).map_err(|e| report_error(cfg, e))?,
        )),
    };
    // Workers take files in input order from a shared counter and send each report here; the
    // reports are printed in input order as soon as they are ready, and then dropped, so memory
    // stays flat however large the batch.
    let next = AtomicUsize::new(0);
    // A worker sends its reports a few at a time (see `finished`), and the progress bar moves
    // here, so workers share no lock per file.
    let (sender, receiver) = std::sync::mpsc::channel::<Vec<(usize, FileReport)>>();
    std::thread::scope(|scope| {
        let job = &job;
        let next = &next;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..cfg.jobs {
                    let mut finished = finished::Finished::new(sender.clone());
                    s.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        let report = process(input, cfg, color, job);
                        let urgent = !report.text.is_empty();
                        if !finished.push(i, report, urgent) {
                            break;
                        }
                    });
                }
                drop(sender);
            });
        });
        let mut pending: BTreeMap<usize, FileReport> = BTreeMap::new();
        let mut printed = 0;
        for (i, report) in receiver.into_iter().flatten() {
            progress.inc(1);
            pending.insert(i, report);
            while let Some(mut report) = pending.remove(&printed) {
                if !report.text.is_empty() {
                    progress.suspend(|| err.line(&report.text));
                }
                if let Some(writer) = &mut report_writer {
                    report.record.take().inspect(|r| writer.file(r));
                    report.plain.take().inspect(|p| writer.text(p));
                }
                totals.add(&report);
                printed += 1;
            }
        }
    });
    progress.finish_and_clear();
    if !cfg.quiet {
        err.line(&totals.summary(verb, Some(started)));
    }
    if let Some(writer) = report_writer {
        // The report file holds no timings: the same inputs give the same report.
        (writer
            .finish(&totals.summary(verb, None))
            .and_then(report::Sink::commit))
        .map_err(|e| report_error(cfg, e))?;
    }
    if interrupted() {
        err.line("interrupted: finished outputs are complete; no partial file was left");
        return Ok(exit::INTERRUPTED);
    }
    Ok(match totals.worst {
        Outcome::Ok | Outcome::UpToDate | Outcome::Skipped => exit::OK,
        Outcome::Errors => exit::CONTENT,
        Outcome::Failed => exit::FAILURE,
    })
}

/// Counts over the whole batch, for the summary and the exit code.
#[derive(Default)]
struct Totals {
    files: usize,
    ok: usize,
    /// Of the `ok` files, those with warnings.
    warned: usize,
    errors: usize,
    failed: usize,
    skipped: usize,
    up_to_date: usize,
    warnings: usize,
    written: usize,
    bytes: u64,
    worst: Outcome,
}

impl Totals {
    fn add(&mut self, r: &FileReport) {
        self.files += 1;
        match r.outcome {
            Outcome::Ok => {
                self.ok += 1;
                self.warned += usize::from(r.warnings > 0);
            }
            Outcome::UpToDate => self.up_to_date += 1,
            Outcome::Errors => self.errors += 1,
            Outcome::Failed => self.failed += 1,
            Outcome::Skipped => self.skipped += 1,
        }
        self.warnings += r.warnings;
        self.written += r.written;
        self.bytes += r.bytes;
        self.worst = self.worst.max(r.outcome);
    }

    /// The summary line; with the time taken when `started` is given. It says what became of
    /// every file (`checked 11 files: 2 with errors, 3 with warnings only, 6 clean`), so that no
    /// count reads as files left out.
    fn summary(&self, verb: &str, started: Option<Instant>) -> String {
        let plural = if self.files == 1 { "file" } else { "files" };
        let mut s = format!("{verb} {} {plural}", self.files);
        if self.written > 0 {
            s.push_str(&format!(" ({} outputs)", self.written));
        }
        let parts: Vec<String> = [
            (self.errors, "with errors"),
            (self.failed, "failed"),
            (self.warned, "with warnings only"),
            (self.ok - self.warned, "clean"),
            (self.up_to_date, "up to date"),
            (self.skipped, "skipped"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if !parts.is_empty() {
            s.push_str(": ");
            s.push_str(&parts.join(", "));
        }
        if self.warnings > 0 {
            let plural = if self.warnings == 1 { "" } else { "s" };
            s.push_str(&format!("; {} warning{plural} in all", self.warnings));
        }
        let Some(started) = started else { return s };
        let secs = started.elapsed().as_secs_f64();
        s.push_str(&format!(", in {secs:.2} s"));
        if secs > 0.0 && self.bytes > 0 {
            s.push_str(&format!(" ({:.1} MB/s)", self.bytes as f64 / 1e6 / secs));
        }
        s
    }
}

fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    styled(ProgressBar::with_draw_target(
        Some(len as u64),
        ProgressDrawTarget::stderr(),
    ))
}

/// The bar takes the width the short text leaves, so it fits on one line of a narrow terminal.
fn styled(bar: ProgressBar) -> ProgressBar {
    if let Ok(style) = ProgressStyle::with_template("{wide_bar} {pos}/{len} eta {eta}") {
        bar.set_style(style);
    }
    bar
}

/// Standard error for the reports and the summary. A closed stderr (`2>&1 | head`) is not an
/// error: printing stops, the batch goes on and saves its state, as with a closed stdout.
#[derive(Default)]
struct Stderr {
    closed: bool,
}

impl Stderr {
    fn line(&mut self, text: &str) {
        if self.closed {
            return;
        }
        let mut err = std::io::stderr().lock();
        if writeln!(err, "{text}").and_then(|()| err.flush()).is_err() {
            self.closed = true;
        }
    }
}

fn process<J: Job>(input: &Input, cfg: &ReadConfig, color: bool, job: &J) -> FileReport {
    let mut report = FileReport {
        outcome: Outcome::Ok,
        text: String::new(),
        record: None,
        plain: None,
        errors: 0,
        warnings: 0,
        bytes: 0,
        written: 0,
    };
    if interrupted() {
        report.outcome = Outcome::Skipped;
        report.finish(input, cfg, color, &[], "");
        return report;
    }
    if let Some(refused) = job.refuse(input) {
        report.outcome = Outcome::Failed;
        let notes = job.discard(input);
        report.finish(input, cfg, color, &[refused], "");
        report.add_notes(notes);
        return report;
    }
    // A panic is a bug, but in one file's job: that file is reported (E-INTERNAL), the others
    // go on, and the batch saves its state.
    match panic::catching(|| work(input, cfg, color, job, &mut report)) {
        Ok(()) => {}
        Err(message) => {
            report.outcome = Outcome::Failed;
            report.written = 0;
            let notes = job.discard(input);
            let internal = Diagnostic::new(&motion_export::diag::codes::INTERNAL, None, message)
                .hint("this is a bug in motion-export: please report it with this input file");
            report.finish(input, cfg, color, &[internal], "");
            report.add_notes(notes);
        }
    }
    report
}

/// Reads a file and runs the job on it, unless its outputs are up to date.
fn work<J: Job>(input: &Input, cfg: &ReadConfig, color: bool, job: &J, report: &mut FileReport) {
    if job.up_to_date(input) {
        report.outcome = Outcome::UpToDate;
        report.finish(input, cfg, color, &[], "");
        return;
    }
    let mut notes = Vec::new();
    let (diagnostics, text) = match job.load(input, cfg) {
        Ok(loaded) => {
            report.bytes = loaded.text.len() as u64;
            let result = job.run(input, &loaded);
            report.outcome = if loaded.has_errors() {
                result.outcome.max(Outcome::Errors)
            } else {
                result.outcome
            };
            report.written = result.written;
            notes = result.notes;
            let mut diagnostics = loaded.diagnostics;
            diagnostics.extend(result.problems);
            (diagnostics, loaded.text)
        }
        Err(Load::Io(msg)) => {
            report.outcome = Outcome::Failed;
            (
                vec![Diagnostic::new(&motion_export::diag::codes::IO, None, msg)],
                String::new(),
            )
        }
        Err(Load::Rejected(d)) => {
            report.outcome = Outcome::Errors;
            notes = job.discard(input);
            (vec![d], String::new())
        }
    };
    report.finish(input, cfg, color, &diagnostics, &text);
    report.add_notes(notes);
}

impl FileReport {
    /// Adds lines after the file's diagnostics, on the terminal and in a human report file.
    fn add_notes(&mut self, notes: Vec<String>) {
        for note in notes {
            for text in std::iter::once(&mut self.text).chain(self.plain.as_mut()) {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&note);
            }
        }
    }

    /// Renders the file's diagnostics for the terminal, and for the report when one was asked for.
    fn finish(
        &mut self,
        input: &Input,
        cfg: &ReadConfig,
        color: bool,
        diagnostics: &[Diagnostic],
        src: &str,
    ) {
        let name = input.display();
        self.errors = diagnostics.iter().filter(|d| d.is_error()).count();
        self.warnings = (diagnostics.iter())
            .filter(|d| d.severity == motion_export::diag::Severity::Warning)
            .count();
        let max = cfg.max_per_code;
        let render_all = |color: bool| render::capped_to(diagnostics, &name, src, color, max);
        self.text = render_all(color);
        match cfg.report_format {
            ReportFormat::Human if cfg.report.is_some() => {
                self.plain = Some(if color {
                    render_all(false)
                } else {
                    self.text.clone()
                })
            }
            ReportFormat::Human => {}
            _ => {
                let status = match self.outcome {
                    Outcome::Ok | Outcome::UpToDate => Status::Ok,
                    Outcome::Errors => Status::Errors,
                    Outcome::Failed => Status::Failed,
                    Outcome::Skipped => Status::Skipped,
                };
                self.record = Some(FileRecord::new(name, status, diagnostics, max));
            }
        }
    }
}

fn report_error(cfg: &ReadConfig, e: std::io::Error) -> Fatal {
    Fatal::Io(match &cfg.report {
        Some(path) => format!("cannot write report {}: {e}", path.display()),
        None => format!("standard output: {e}"),
    })
}

/// Why an input could not be loaded.
pub enum Load {
    /// It could not be read.
    Io(String),
    /// It is not text the reader can take (encoding, binary, size).
    Rejected(Diagnostic),
}

/// The text of an input: read within the size limit, then decoded (byte-order marks, UTF-16).
pub fn read_text(input: &Input, limit: u64) -> Result<String, Load> {
    let bytes = read_bytes(input, limit)?;
    read::decode::decode(&bytes).map_err(Load::Rejected)
}

/// Reads one input with [`read::read`] in the format its name implies when `any_format`, else
/// as text, then applies the configured rules.
pub fn load(input: &Input, cfg: &ReadConfig, any_format: bool) -> Result<Loaded, Load> {
    let format = match &input.path {
        Some(path) if any_format => InputFormat::of_path(path),
        _ => InputFormat::Text,
    };
    let bytes = read_bytes(input, cfg.max_input_size)?;
    let options = ReadOptions {
        lang: cfg.lang.clone(),
        source_name: input.stem(),
        validate: true,
        schema: cfg.schema.clone(),
    };
    let read = read::read(&bytes, format, &options).map_err(Load::Rejected)?;
    drop(bytes);
    let mut diagnostics = read.diagnostics;
    apply_rules(input, cfg, &mut diagnostics)?;
    Ok(Loaded {
        text: read.text,
        motion: read.motion,
        diagnostics,
    })
}

/// Applies the command line's rules and those of the input's configuration file, and sorts.
pub(super) fn apply_rules(
    input: &Input,
    cfg: &ReadConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Load> {
    let from_file = cfg.configs.for_input(input).map_err(|e| {
        Load::Io(match e {
            Fatal::Io(m) | Fatal::Usage(m) => m,
        })
    })?;
    match from_file {
        Some((_, rules)) => rules.overridden_by(&cfg.rules).apply(diagnostics),
        None => cfg.rules.apply(diagnostics),
    }
    motion_export::diag::sort(diagnostics);
    Ok(())
}

fn too_large(size: u64, limit: u64) -> Load {
    Load::Rejected(
        Diagnostic::new(
            &motion_export::diag::codes::INPUT_TOO_LARGE,
            None,
            format!("the input is {size} bytes, over the limit of {limit} bytes"),
        )
        .hint("raise the limit with --max-input-size if the file really is a motion"),
    )
}

/// The bytes of an input, refused without reading it when it is over `limit` bytes.
fn read_bytes(input: &Input, limit: u64) -> Result<Vec<u8>, Load> {
    let mut bytes = Vec::new();
    match &input.path {
        Some(path) => {
            let mut file = std::fs::File::open(path).map_err(|e| Load::Io(e.to_string()))?;
            let size = file.metadata().map_err(|e| Load::Io(e.to_string()))?.len();
            if size > limit {
                return Err(too_large(size, limit));
            }
            read_sized(&mut file, size, limit, &mut bytes).map_err(|e| Load::Io(e.to_string()))?;
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

/// Reads `file`, `size` bytes long by its metadata, into `bytes`: one `read` of `size + 1` bytes
/// that returns the `size` promised has found the end. A file that turns out shorter, or is not
/// a regular file (its size 0), is read on to its end; one that grew, on to at most `limit + 1`
/// bytes in all, which the caller refuses.
fn read_sized(
    file: &mut std::fs::File,
    size: u64,
    limit: u64,
    bytes: &mut Vec<u8>,
) -> std::io::Result<()> {
    let want = usize::try_from(size.saturating_add(1).min(limit.saturating_add(1)))
        .map_err(std::io::Error::other)?;
    bytes.resize(want, 0);
    let mut n = 0;
    while n < want {
        match file.read(&mut bytes[n..]) {
            Ok(0) => break,
            Ok(k) => {
                n += k;
                if n as u64 == size {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(n);
    if n == want {
        let rest = limit.saturating_add(1).saturating_sub(n as u64);
        file.take(rest).read_to_end(bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// A `check` configuration from command-line arguments.
    fn config(args: &[&str]) -> ReadConfig {
        let cli = super::super::args::Cli::try_parse_from(
            ["motion-export", "check"].iter().chain(args).chain(&["x"]),
        )
        .unwrap();
        let super::super::args::Command::Check(check) = cli.command else {
            unreachable!()
        };
        check.read.config_with(&check.batch).unwrap()
    }

    /// Issue 11.1: a panic in one file's job aborted the whole batch (exit 101, no summary, no
    /// report).
    #[test]
    fn a_panic_in_one_file_is_reported_for_it_and_the_batch_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let motion = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/B9-0146-2021_EN.txt"),
        )
        .unwrap();
        for name in ["a", "b", "c"] {
            std::fs::write(dir.path().join(format!("{name}.txt")), &motion).unwrap();
        }
        let inputs = super::super::inputs::collect(&[dir.path().to_path_buf()], None).unwrap();
        let report = dir.path().join("report.json");
        let report_arg = report.to_str().unwrap();
        let cfg = config(&["-q", "-j2", "--report", report_arg]);
        /// Panics on `b`; records which files it was asked to discard (their stale outputs).
        #[derive(Default)]
        struct Panicky(std::sync::Mutex<Vec<String>>);
        impl Job for &Panicky {
            fn run(&self, input: &Input, _: &Loaded) -> JobResult {
                if input.stem() == "b" {
                    panic!("boom in b");
                }
                JobResult::default()
            }
            fn discard(&self, input: &Input) -> Vec<String> {
                self.0.lock().unwrap().push(input.stem());
                vec![format!("note: discarded {}", input.stem())]
            }
        }
        let job = &Panicky::default();
        assert_eq!(run(&inputs, &cfg, "checked", job).unwrap(), exit::FAILURE);
        assert_eq!(*job.0.lock().unwrap(), ["b"]);
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        let files = report["files"].as_array().unwrap();
        let status: Vec<&str> = files
            .iter()
            .map(|f| f["status"].as_str().unwrap())
            .collect();
        assert_eq!(status, ["ok", "failed", "ok"], "{report:#}");
        let internal = &files[1]["diagnostics"][0];
        assert_eq!(internal["code"], "E-INTERNAL", "{report:#}");
        let message = internal["message"].as_str().unwrap();
        assert!(message.contains("boom in b"), "{message}");
        assert!(
            message.contains("batch.rs:"),
            "the place of the panic: {message}"
        );

        // The human report ends with the summary, which counts the failed file, without timings.
        let human = dir.path().join("report.txt");
        let cfg = config(&[
            "-q",
            "--report-format",
            "human",
            "--report",
            human.to_str().unwrap(),
        ]);
        assert_eq!(run(&inputs, &cfg, "checked", job).unwrap(), exit::FAILURE);
        let text = std::fs::read_to_string(&human).unwrap();
        assert!(text.contains("error[E-INTERNAL]"), "{text}");
        assert!(text.contains("note: discarded b"), "{text}");
        assert!(
            text.ends_with("checked 3 files: 1 failed, 2 clean\n"),
            "{text}"
        );
    }

    /// A file is read whole in one call, and one that grew while it was read is still capped.
    #[test]
    fn reads_a_file_of_known_size_and_caps_one_that_grew() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.txt");
        for (content, size, limit, expected) in [
            (&b"hello"[..], 5, 100, &b"hello"[..]),
            (b"", 0, 100, b""),
            // Shorter than its metadata said, longer (grew), and over the limit.
            (b"hel", 5, 100, b"hel"),
            (b"hello world", 5, 100, b"hello world"),
            (b"hello world", 5, 7, b"hello wo"),
        ] {
            std::fs::write(&path, content).unwrap();
            let mut bytes = Vec::new();
            let mut file = std::fs::File::open(&path).unwrap();
            read_sized(&mut file, size, limit, &mut bytes).unwrap();
            assert_eq!(bytes, expected, "{size} {limit}");
        }
    }

    /// At 50 columns the bar and its text fit on one line.
    #[test]
    fn the_progress_bar_fits_a_narrow_terminal() {
        use indicatif::TermLike;
        use std::sync::{Arc, Mutex};
        #[derive(Debug, Clone, Default)]
        struct Narrow(Arc<Mutex<Vec<String>>>);
        impl TermLike for Narrow {
            fn width(&self) -> u16 {
                50
            }
            fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
                Ok(())
            }
            fn write_line(&self, s: &str) -> std::io::Result<()> {
                self.0.lock().unwrap().push(s.to_string());
                Ok(())
            }
            fn write_str(&self, s: &str) -> std::io::Result<()> {
                self.write_line(s)
            }
            fn clear_line(&self) -> std::io::Result<()> {
                Ok(())
            }
            fn flush(&self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let term = Narrow::default();
        let bar = styled(ProgressBar::with_draw_target(
            Some(300_000),
            ProgressDrawTarget::term_like(Box::new(term.clone())),
        ));
        bar.set_position(123_456);
        bar.tick();
        let lines = term.0.lock().unwrap().clone();
        assert!(!lines.is_empty());
        for line in lines.iter().filter(|l| !l.is_empty()) {
            let width = line.chars().count();
            assert!(width <= 50, "{width} columns: {line:?}");
            assert!(line.contains("123456/300000"), "{line:?}");
        }
    }
}
