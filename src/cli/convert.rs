//! `motion-export convert`: every good input to every requested format, written atomically.

use super::args::{ConvertConfig, ReadConfig};
use super::batch::{self, JobResult, Loaded, Outcome};
use super::inputs::{self, Input};
use super::{incremental, lock, write, Fatal};
use motion_export::diag::codes;
use motion_export::diag::Diagnostic;
use motion_export::export;
use motion_export::export::Format;
use motion_export::read::InputFormat;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(cfg: &ConvertConfig) -> Result<u8, Fatal> {
    let mut inputs = inputs::collect(&cfg.inputs, cfg.read.shard)?;
    // A bad configuration file is one usage error, not one per input.
    cfg.read.configs.resolve(&inputs, false)?;
    let dir = cfg.output.clone().unwrap_or_else(|| PathBuf::from("."));
    prepare_output_dir(&dir)?;
    // One run per output folder at a time; held until this function returns.
    let _lock = lock::acquire(&dir, !cfg.no_wait)?;
    // No live run of this tool writes here now: temporary files are a killed run's leftovers.
    write::remove_leftovers(&dir, std::time::SystemTime::now());
    let manifest = incremental::Manifest::load(&dir);
    sources_only(&mut inputs, &manifest);
    let sources = inputs
        .iter()
        .filter(|i| output_kind(i, &cfg.formats).is_some())
        .filter_map(|i| std::fs::canonicalize(i.path.as_deref()?).ok())
        .collect();
    let job = Convert {
        cfg,
        manifest,
        fingerprints: fingerprints(cfg),
        collisions: collisions(&inputs, &dir, &cfg.formats),
        sources,
        dir,
    };
    let code = batch::run(&inputs, &cfg.read, "converted", &job)?;
    report_orphans(&job, cfg);
    job.manifest.save().map_err(|e| {
        Fatal::Io(format!(
            "cannot write {}: {e}",
            job.dir.join(incremental::MANIFEST).display()
        ))
    })?;
    Ok(code)
}

/// The conversion of one batch.
struct Convert<'a> {
    cfg: &'a ConvertConfig,
    dir: PathBuf,
    manifest: incremental::Manifest,
    /// Per format, everything besides the input text that changes its bytes.
    fingerprints: Vec<(Format, String)>,
    /// Inputs that share their outputs with another input, or whose output would overwrite
    /// them, with the diagnostic saying so.
    collisions: HashMap<Option<PathBuf>, Diagnostic>,
    /// The inputs of a kind this batch writes (Akoma Ntoso with `xml`, text with `txt`),
    /// resolved: never removed as a stale output.
    sources: HashSet<PathBuf>,
}

/// Drops the inputs this tool wrote into the output folder (Akoma Ntoso, canonical text), as
/// its manifest records: when that folder is also an input (`convert in -o in`), they are
/// output, not source, and the next run would otherwise read them back beside their source.
pub fn sources_only(inputs: &mut Vec<Input>, manifest: &incremental::Manifest) {
    let made_here = manifest.made_here();
    inputs.retain(|i| !i.path.as_deref().is_some_and(&made_here));
}

/// The format among `formats` whose output has the input's kind, if any: Akoma Ntoso (`*.xml`)
/// for `xml`, text (`*.txt`) for `txt`, the kinds an output can coincide with.
fn output_kind(input: &Input, formats: &[Format]) -> Option<Format> {
    let path = input.path.as_deref()?;
    let kind = match InputFormat::of_path(path) {
        InputFormat::Akn => Format::Xml,
        InputFormat::Text => Format::Txt,
    };
    let named = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(kind.extension()));
    (named && formats.contains(&kind)).then_some(kind)
}

/// Whether the inputs are all one file, named in different ways (`in/../in/a.txt` and its
/// absolute path): it then writes the same bytes each time, which is no collision.
fn same_file(inputs: &[&Input]) -> bool {
    let real = |i: &Input| {
        i.path
            .as_deref()
            .and_then(|p| std::fs::canonicalize(p).ok())
    };
    let first = real(inputs[0]);
    first.is_some() && inputs[1..].iter().all(|i| real(i) == first)
}

/// Maps every input to its outputs before any work: two inputs with the same outputs
/// (`x/sub/m_EN.txt` and `y/sub/m_EN.txt` into `out/sub/m_EN.*`) would overwrite each other, so
/// neither is converted. Paths are compared exactly, as written: on a case-insensitive file
/// system `M_EN.txt` and `m_EN.txt` still overwrite each other unnoticed.
fn collisions(
    inputs: &[Input],
    dir: &Path,
    formats: &[Format],
) -> HashMap<Option<PathBuf>, Diagnostic> {
    let mut by_output: HashMap<PathBuf, Vec<&Input>> = HashMap::new();
    for input in inputs {
        // All formats of an input share its path without extension.
        by_output.entry(input.relative()).or_default().push(input);
    }
    let mut out = HashMap::new();
    for sharing in by_output.values().filter(|s| s.len() > 1 && !same_file(s)) {
        let outputs: Vec<String> = (formats.iter())
            .map(|f| inputs::output_path(dir, sharing[0], f.extension()))
            .map(|p| p.display().to_string())
            .collect();
        for input in sharing {
            let others: Vec<String> = (sharing.iter())
                .filter(|o| o.path != input.path)
                .map(|o| o.display())
                .collect();
            let diagnostic = Diagnostic::new(
                &codes::OUTPUT_COLLISION,
                None,
                format!(
                    "{} and {} would write the same outputs ({}); neither is converted",
                    input.display(),
                    others.join(", "),
                    outputs.join(", ")
                ),
            )
            .hint("convert each folder to its own output folder (-o out/x, -o out/y), or rename or remove one input");
            out.insert(input.path.clone(), diagnostic);
        }
    }
    for input in inputs {
        if let Some(own) = overwritten_by_its_output(input, dir, formats) {
            out.entry(input.path.clone()).or_insert(own);
        }
    }
    out
}

/// An input in the output folder under its own output's name (`convert in -o in --format xml`
/// of `in/m.xml`, `--format txt` of `in/m.txt`): converting it would replace the source with its
/// rewrite, so it is refused and the source kept.
fn overwritten_by_its_output(input: &Input, dir: &Path, formats: &[Format]) -> Option<Diagnostic> {
    let format = output_kind(input, formats)?;
    let path = input.path.as_deref()?;
    let output = inputs::output_path(dir, input, format.extension());
    let same = std::fs::canonicalize(path).ok()? == std::fs::canonicalize(&output).ok()?;
    let kind = match format {
        Format::Txt => "text",
        _ => "Akoma Ntoso",
    };
    same.then(|| {
        Diagnostic::new(
            &codes::OUTPUT_COLLISION,
            None,
            format!(
                "{}'s {format} output would overwrite it; it is not converted",
                input.display()
            ),
        )
        .hint(format!(
            "convert {kind} to another output folder (-o out), or leave out --format {format}"
        ))
    })
}

/// Per format, a digest of what changes its bytes besides the text: the language override, that
/// format's export options and the PDF font. Reporting rules do not change bytes and are not in
/// it: they are recorded apart (see [`Convert::rules`]).
fn fingerprints(cfg: &ConvertConfig) -> Vec<(Format, String)> {
    (cfg.formats.iter())
        .map(|f| {
            let options = match f {
                Format::Xml => format!("{:?}", cfg.export.xml),
                Format::Pdf => format!("{:?}|{}", cfg.export.pdf, cfg.font_digest),
                Format::Docx => format!("{:?}", cfg.export.docx),
                Format::Html => format!("{:?}", cfg.export.html),
                Format::Txt => format!("{:?}", cfg.export.txt),
            };
            let text = format!("{:?}|{options}", cfg.read.lang);
            (*f, incremental::key(&text, "options", ""))
        })
        .collect()
}

/// Lists the outputs whose input was deleted (capped), or with `--prune` removes them.
fn report_orphans(job: &Convert<'_>, cfg: &ConvertConfig) {
    const SHOWN: usize = 10;
    let orphans = job.manifest.orphans();
    if orphans.is_empty() {
        return;
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if cfg.prune {
        let removed = orphans.iter().filter(|o| job.manifest.prune(o)).count();
        if !cfg.read.quiet {
            eprintln!(
                "removed {removed} output{} of deleted inputs (--prune)",
                plural(removed)
            );
        }
        return;
    }
    if cfg.read.quiet {
        return;
    }
    let shown: Vec<_> = (orphans.iter().take(SHOWN))
        .map(|o| super::render::path(o))
        .collect();
    let mut list = shown.join(", ");
    if orphans.len() > SHOWN {
        list.push_str(&format!(" and {} more", orphans.len() - SHOWN));
    }
    eprintln!(
        "{} output{} of deleted inputs: {list} (--prune removes them)",
        orphans.len(),
        plural(orphans.len())
    );
}

impl Convert<'_> {
    fn to_stdout(&self, input: &Input) -> bool {
        input.path.is_none() && self.cfg.output.is_none()
    }

    fn key(&self, text: &str, format: Format) -> String {
        let fingerprint = (self.fingerprints.iter())
            .find(|(f, _)| *f == format)
            .map_or("", |(_, fp)| fp.as_str());
        incremental::key(text, format.extension(), fingerprint)
    }

    /// A digest of the reporting rules `input` is checked under: the command line's and its
    /// configuration file's. An output whose input was checked under other rules is re-checked
    /// (its outputs are kept when their key still holds): rules decide whether a file fails, not
    /// its bytes.
    fn rules(&self, input: &Input) -> String {
        let from_file = match self.cfg.read.configs.for_input(input) {
            Ok(found) => format!("{:?}", found.map(|(_, rules)| rules)),
            // Unreadable: never equal to a recorded digest, so the input is re-checked.
            Err(_) => return String::new(),
        };
        incremental::key(
            &format!("{:?}|{from_file}", self.cfg.read.rules),
            "rules",
            "",
        )
    }

    /// The manifest entry of an output of `input` made from `text`.
    fn entry(&self, input: &Input, text: &str, format: Format, rules: &str) -> incremental::Entry {
        incremental::Entry {
            key: self.key(text, format),
            input: (input.path.as_deref()).and_then(|p| incremental::relative_input(&self.dir, p)),
            rules: rules.to_string(),
        }
    }

    /// An output that cannot be made now must not survive from an earlier run.
    fn remove_stale(&self, path: &Path, input: &Input, result: &mut JobResult) {
        // An input of this batch is never an earlier run's output to remove.
        let is_input = || std::fs::canonicalize(path).is_ok_and(|p| self.sources.contains(&p));
        if !self.to_stdout(input) && !is_input() && write::remove_stale(path) {
            (result.notes).push(format!(
                "note: removed {} left by an earlier run",
                super::render::path(&path.display().to_string())
            ));
        }
    }
}

impl batch::Job for &Convert<'_> {
    fn up_to_date(&self, input: &Input) -> bool {
        let Some(path) = input.path.as_deref().filter(|_| !self.cfg.force) else {
            return false;
        };
        let outputs: Vec<(Format, PathBuf)> = (self.cfg.formats.iter())
            .map(|f| (*f, inputs::output_path(&self.dir, input, f.extension())))
            .collect();
        // Metadata first: the text is read (within the size limit) only when it may be current.
        if !outputs
            .iter()
            .all(|(_, out)| self.manifest.may_be_current(path, out))
        {
            return false;
        }
        let Ok(text) = batch::read_text(input, self.cfg.read.max_input_size) else {
            return false;
        };
        let rules = self.rules(input);
        (outputs.iter()).all(|(f, out)| {
            self.manifest.records(out, &self.key(&text, *f))
                && self.manifest.checked_under(out, &rules)
        })
    }

    /// Text, or Akoma Ntoso by its name (`*.xml`), as `check` reads it.
    fn load(&self, input: &Input, cfg: &ReadConfig) -> Result<Loaded, batch::Load> {
        batch::load(input, cfg, true)
    }

    fn run(&self, input: &Input, loaded: &Loaded) -> JobResult {
        convert_one(self, input, loaded)
    }

    fn refuse(&self, input: &Input) -> Option<Diagnostic> {
        self.collisions.get(&input.path).cloned()
    }

    fn discard(&self, input: &Input) -> Vec<String> {
        let mut result = JobResult::default();
        for format in &self.cfg.formats {
            self.remove_stale(
                &inputs::output_path(&self.dir, input, format.extension()),
                input,
                &mut result,
            );
        }
        result.notes
    }
}

/// Creates the output folder up front so that a missing parent or a read-only location is one
/// clear error, not one per file.
fn prepare_output_dir(dir: &Path) -> Result<(), Fatal> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Fatal::Io(format!(
            "cannot create output folder {}: {e}",
            dir.display()
        ))
    })?;
    let probe = write::temporary_in(dir);
    probe.map(drop).map_err(|e| {
        Fatal::Io(format!(
            "cannot write in output folder {}: {e}",
            dir.display()
        ))
    })
}

fn convert_one(job: &Convert<'_>, input: &Input, loaded: &Loaded) -> JobResult {
    let (cfg, dir) = (job.cfg, job.dir.as_path());
    let to_stdout = job.to_stdout(input);
    let mut result = JobResult::default();
    let remove_stale = |path: &Path, result: &mut JobResult| job.remove_stale(path, input, result);
    if loaded.has_errors() {
        return JobResult {
            outcome: Outcome::Errors,
            notes: batch::Job::discard(&job, input),
            ..JobResult::default()
        };
    }
    let rules = job.rules(input);
    let mut current = 0;
    for format in &cfg.formats {
        if super::interrupted() {
            result.outcome = result.outcome.max(Outcome::Skipped);
            break;
        }
        let target = inputs::output_path(dir, input, format.extension());
        let entry = job.entry(input, &loaded.text, *format, &rules);
        // Checked again (under other rules) but its bytes would not change: kept as it is.
        if !cfg.force
            && !to_stdout
            && (input.path.as_deref()).is_some_and(|p| job.manifest.may_be_current(p, &target))
            && job.manifest.records(&target, &entry.key)
        {
            job.manifest.record(&target, entry);
            current += 1;
            continue;
        }
        let bytes = match export::export(&loaded.motion, *format, &cfg.export) {
            Ok(b) => b,
            Err(e) => {
                remove_stale(&target, &mut result);
                let code = match e {
                    export::ExportError::Incomplete { .. } => &codes::NO_PARAGRAPHS,
                    _ => &codes::EXPORT,
                };
                result
                    .problems
                    .push(Diagnostic::new(code, None, e.to_string()));
                result.outcome = result.outcome.max(Outcome::Errors);
                continue;
            }
        };
        let written = if to_stdout {
            write_stdout(&bytes)
        } else {
            write::atomic(dir, &target, &bytes)
        };
        match written {
            Ok(()) => {
                result.written += 1;
                if !to_stdout {
                    job.manifest.record(&target, entry);
                }
            }
            Err(e) => {
                remove_stale(&target, &mut result);
                let target = if to_stdout {
                    "standard output".to_string()
                } else {
                    target.display().to_string()
                };
                result.problems.push(Diagnostic::new(
                    &codes::IO,
                    None,
                    format!("cannot write {target}: {e}"),
                ));
                result.outcome = Outcome::Failed;
            }
        }
    }
    if current == cfg.formats.len() && result.outcome == Outcome::Ok {
        result.outcome = Outcome::UpToDate;
    }
    result
}

/// Standard output; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
