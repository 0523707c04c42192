//! The batch driver: reads, parses and validates every input on a pool of threads, hands each
//! good one to the command's job, shows progress, and reports per file in input order. One bad
//! file never stops the batch; it only sets the exit code.

use super::args::ReadConfig;
use super::inputs::Input;
use super::report::{self, FileRecord, ReportFormat, Status};
use super::{exit, interrupted, render, write, Fatal};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use motion_export::diag::Diagnostic;
use motion_export::parse::{parse, ParseOptions};
use motion_export::{model::Motion, read, validate};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
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
        load(input, cfg)
    }

    /// Works on a file that was read (with or without errors: the job decides).
    fn run(&self, input: &Input, loaded: &Loaded) -> JobResult;
}

impl<F: Fn(&Input, &Loaded) -> JobResult + Sync> Job for F {
    fn run(&self, input: &Input, loaded: &Loaded) -> JobResult {
        self(input, loaded)
    }
}

/// Runs `job` on every input. Prints the reports and a summary; returns the exit code.
pub fn run<J: Job>(inputs: &[Input], cfg: &ReadConfig, verb: &str, job: J) -> Result<u8, Fatal> {
    let started = Instant::now();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let progress = progress_bar(inputs.len(), cfg.quiet);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Fatal::Io(format!("cannot start worker threads: {e}")))?;
    let mut totals = Totals::default();
    let mut records: Vec<FileRecord> = Vec::new();
    let mut plain_text = String::new();
    // Workers take files in input order from a shared counter and send each report here; the
    // reports are printed in input order as soon as they are ready, and then dropped, so memory
    // stays flat however large the batch.
    let next = AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, FileReport)>();
    std::thread::scope(|scope| {
        let job = &job;
        let next = &next;
        let progress = &progress;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..cfg.jobs {
                    let sender = sender.clone();
                    s.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        let report = process(input, cfg, color, job);
                        progress.inc(1);
                        if sender.send((i, report)).is_err() {
                            break;
                        }
                    });
                }
                drop(sender);
            });
        });
        let mut pending: BTreeMap<usize, FileReport> = BTreeMap::new();
        let mut printed = 0;
        for (i, report) in receiver {
            pending.insert(i, report);
            while let Some(mut report) = pending.remove(&printed) {
                if !report.text.is_empty() {
                    progress.suspend(|| eprintln!("{}", report.text));
                }
                records.extend(report.record.take());
                if let Some(plain) = report.plain.take().filter(|p| !p.is_empty()) {
                    plain_text.push_str(&plain);
                    plain_text.push('\n');
                }
                totals.add(&report);
                printed += 1;
            }
        }
    });
    progress.finish_and_clear();
    let summary = totals.summary(verb, started);
    if !cfg.quiet {
        eprintln!("{summary}");
    }
    write_report(cfg, &records, plain_text, &summary)?;
    if interrupted() {
        eprintln!("interrupted: finished outputs are complete; no partial file was left");
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
            Outcome::Ok => self.ok += 1,
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

    fn summary(&self, verb: &str, started: Instant) -> String {
        let secs = started.elapsed().as_secs_f64();
        let mut s = format!("{verb} {} of {} files", self.ok, self.files);
        if self.up_to_date > 0 {
            s.push_str(&format!(", {} up to date", self.up_to_date));
        }
        if self.written > 0 {
            s.push_str(&format!(" ({} outputs)", self.written));
        }
        if self.errors > 0 {
            s.push_str(&format!(", {} with errors", self.errors));
        }
        if self.failed > 0 {
            s.push_str(&format!(", {} failed to read or write", self.failed));
        }
        if self.skipped > 0 {
            s.push_str(&format!(", {} skipped", self.skipped));
        }
        s.push_str(&format!(", {} warnings, in {secs:.2} s", self.warnings));
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
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} (eta {eta})")
    {
        bar.set_style(style);
    }
    bar
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
    if job.up_to_date(input) {
        report.outcome = Outcome::UpToDate;
        report.finish(input, cfg, color, &[], "");
        return report;
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
                vec![Diagnostic::new(&motion_export::codes::IO, None, msg)],
                String::new(),
            )
        }
        Err(Load::Rejected(d)) => {
            report.outcome = Outcome::Errors;
            (vec![d], String::new())
        }
    };
    report.finish(input, cfg, color, &diagnostics, &text);
    for note in notes {
        if !report.text.is_empty() {
            report.text.push('\n');
        }
        report.text.push_str(&note);
    }
    report
}

impl FileReport {
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
        let render_all = |color: bool| render::capped(diagnostics, &name, src, color);
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
                self.record = Some(FileRecord {
                    path: name,
                    status,
                    diagnostics: diagnostics.to_vec(),
                });
            }
        }
    }
}

/// Writes the machine-readable report (or, with `--report PATH`, the human text) where asked.
fn write_report(
    cfg: &ReadConfig,
    records: &[FileRecord],
    plain: String,
    summary: &str,
) -> Result<(), Fatal> {
    let body = match cfg.report_format {
        ReportFormat::Human if cfg.report.is_some() => plain + summary + "\n",
        ReportFormat::Human => return Ok(()),
        format => report::render(format, records),
    };
    match &cfg.report {
        Some(path) => {
            let root = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            write::atomic(root, path, body.as_bytes())
                .map_err(|e| Fatal::Io(format!("cannot write report {}: {e}", path.display())))
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(body.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Fatal::Io(format!("standard output: {e}")))
                }
                _ => Ok(()),
            }
        }
    }
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
    read::decode(&bytes).map_err(Load::Rejected)
}

/// Reads, decodes, parses and validates one input.
pub fn load(input: &Input, cfg: &ReadConfig) -> Result<Loaded, Load> {
    let text = read_text(input, cfg.max_input_size)?;
    let options = ParseOptions {
        lang: cfg.lang.clone(),
        source_name: input.stem(),
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
    apply_rules(input, cfg, &mut diagnostics)?;
    Ok(Loaded {
        text,
        motion: parsed.motion,
        diagnostics,
    })
}

/// Reads an input by its kind: Akoma Ntoso XML (`*.xml`) with [`motion_export::akn::check`],
/// anything else as text with [`load`].
pub fn load_any(input: &Input, cfg: &ReadConfig) -> Result<Loaded, Load> {
    if !input.is_xml() {
        return load(input, cfg);
    }
    // Decoded first, by the byte-order mark or the encoding the XML declaration names, so that
    // the spans point into the text the diagnostics show.
    let bytes = read_bytes(input, cfg.max_input_size)?;
    let text = read::decode_xml(&bytes).map_err(Load::Rejected)?;
    drop(bytes);
    let parsed = motion_export::akn::check(text.as_bytes());
    let mut motion = parsed.motion;
    if motion.source_name.is_empty() {
        motion.source_name = input.stem();
    }
    let mut diagnostics = parsed.diagnostics;
    apply_rules(input, cfg, &mut diagnostics)?;
    Ok(Loaded {
        text,
        motion,
        diagnostics,
    })
}

/// Applies the command line's rules and those of the input's configuration file, and sorts.
fn apply_rules(
    input: &Input,
    cfg: &ReadConfig,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(), Load> {
    let from_file = match &input.path {
        Some(path) => cfg.configs.for_input(path),
        None => cfg.configs.for_input(std::path::Path::new("./stdin")),
    }
    .map_err(|e| {
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
            &motion_export::codes::INPUT_TOO_LARGE,
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
