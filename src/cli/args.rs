//! Command-line arguments (clap) and their translation, in one step, into a validated [`Config`].
//! clap types stop here: the rest of the program sees plain options structs.

use super::report::ReportFormat;
use super::rules::{ConfigCache, Rules};
use super::Fatal;
use clap::{Args, Parser, Subcommand, ValueEnum};
use motion_export::export::meta::Paper;
use motion_export::export::{ExportOptions, Format};
use std::path::PathBuf;
use std::sync::Arc;

/// Convert plain-text European Parliament motions for a resolution to Akoma Ntoso XML, PDF and
/// DOCX.
#[derive(Parser, Debug)]
#[command(name = "motion-export", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Convert motions (files, folders of *.txt, or - for standard input) to XML, PDF and DOCX.
    Convert(ConvertArgs),
    /// Read and validate motions without writing anything; for CI.
    Check(CheckArgs),
    /// Print the document model of one motion as JSON.
    Dump(DumpArgs),
    /// Print make-style dependency lines (`out/x.xml out/x.pdf: in/x.txt`) for the outputs of
    /// `convert` with the same inputs, --output and --format.
    Deps(DepsArgs),
    /// Print the long explanation of a diagnostic code, e.g. `motion-export explain E-RECITAL-GAP`.
    Explain(ExplainArgs),
}

/// Options shared by every command that reads motions.
#[derive(Args, Debug, Clone)]
pub struct ReadArgs {
    /// Read the text as this language (ISO 639-1 code, e.g. `de`) instead of recognising it.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Refuse inputs larger than this (e.g. 64MiB, 500k, 1G).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_input_size: u64,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Do not report this diagnostic code (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Report this diagnostic code as an error (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Also report in this format: on standard output, or in the file given by --report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub report_format: ReportFormat,
    /// Write the report to this file; the terminal still gets the human text.
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,
    /// No progress bar and no summary; diagnostics only.
    #[arg(short, long)]
    pub quiet: bool,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Only the K-th of N deterministic slices of the inputs (by a stable hash of each path), to
    /// spread a large archive over several machines, e.g. --shard 2/8.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u32, u32)>,
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// Input files, folders (every *.txt below them), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing). Without it, outputs go to the current folder, or to
    /// standard output for `-`.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Formats to write, comma-separated.
    #[arg(
        short,
        long,
        value_name = "LIST",
        default_value = "xml,pdf,docx",
        value_delimiter = ','
    )]
    pub format: Vec<String>,
    /// Convert every input, even those whose outputs are up to date.
    #[arg(long)]
    pub force: bool,
    /// When another run is writing to the output folder, exit at once (code 2) instead of
    /// waiting for it.
    #[arg(long)]
    pub no_wait: bool,
    /// Remove the outputs that the output folder's manifest records as made from inputs that no
    /// longer exist (only those; nothing else is ever removed).
    #[arg(long)]
    pub prune: bool,
    /// Paper size of the PDF and DOCX.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Body font size of the PDF, in points.
    #[arg(long, value_name = "PT")]
    pub font_size: Option<f32>,
    /// A TrueType/OpenType font for the PDF instead of the built-in DejaVu Serif (its -Bold,
    /// -Italic and -BoldItalic siblings are used when present).
    #[arg(long, value_name = "PATH")]
    pub pdf_font: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Input files (text, or Akoma Ntoso *.xml), folders (every *.txt and *.xml below them), or
    /// - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Also compare the language versions of each motion among the inputs (files with the same
    /// document number): their structure, numbering, number, date and procedure must agree.
    #[arg(long)]
    pub versions: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct DepsArgs {
    /// Input files or folders, as given to `convert`.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder, as given to `convert`.
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    pub output: PathBuf,
    /// Formats, as given to `convert`.
    #[arg(
        short,
        long,
        value_name = "LIST",
        default_value = "xml,pdf,docx",
        value_delimiter = ','
    )]
    pub format: Vec<String>,
    /// Only the K-th of N slices, as given to `convert`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u32, u32)>,
}

#[derive(Args, Debug)]
pub struct DumpArgs {
    /// One input file, or - for standard input.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A diagnostic code such as E-RECITAL-GAP; without one, list every code.
    pub code: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperArg {
    A4,
    Letter,
}

/// The formats of `--format`, sorted, without repeats.
pub fn parse_formats(names: &[String]) -> Result<Vec<Format>, Fatal> {
    let mut formats = Vec::new();
    for name in names {
        let f = Format::from_name(name).ok_or_else(|| {
            Fatal::Usage(format!(
                "--format {name}: unknown format (use xml, pdf, docx)"
            ))
        })?;
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    formats.sort();
    if formats.is_empty() {
        return Err(Fatal::Usage("--format: give at least one format".into()));
    }
    Ok(formats)
}

/// `2/8`: the second of eight slices.
fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let (k, n) = s
        .split_once('/')
        .ok_or_else(|| format!("`{s}` is not K/N, e.g. 2/8"))?;
    let (k, n): (u32, u32) = (
        k.trim()
            .parse()
            .map_err(|_| format!("`{k}` is not a number"))?,
        n.trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a number"))?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(format!("--shard {s}: need 1 <= K <= N"));
    }
    Ok((k, n))
}

/// `64MiB`, `500k`, `1G`, `1048576`.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = s.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a size such as 64MiB"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit `{other}` (use k, M or G)")),
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// What to read and how, after validation.
#[derive(Clone)]
pub struct ReadConfig {
    pub lang: Option<String>,
    pub max_input_size: u64,
    /// The command line's rules; each input's configuration file may add to them.
    pub rules: Rules,
    pub configs: Arc<ConfigCache>,
    pub quiet: bool,
    pub jobs: usize,
    pub report_format: ReportFormat,
    pub report: Option<PathBuf>,
    pub shard: Option<(u32, u32)>,
}

impl ReadArgs {
    pub fn config(&self) -> Result<ReadConfig, Fatal> {
        if let Some(code) = &self.lang {
            if motion_export::lang::profile(code).is_none() {
                let known: Vec<&str> = motion_export::lang::profiles()
                    .iter()
                    .map(|p| p.code.as_str())
                    .collect();
                return Err(Fatal::Usage(format!(
                    "--lang {code}: no such language (known: {})",
                    known.join(", ")
                )));
            }
        }
        let jobs = match self.jobs {
            Some(0) => return Err(Fatal::Usage("--jobs must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let rules = Rules {
            deny_warnings: self.deny_warnings,
            allow: self.allow.clone(),
            deny: self.deny.clone(),
        }
        .checked("command line")?;
        Ok(ReadConfig {
            lang: self.lang.clone(),
            max_input_size: self.max_input_size,
            rules,
            configs: Arc::new(ConfigCache::default()),
            quiet: self.quiet,
            jobs,
            report_format: self.report_format,
            report: self.report.clone(),
            shard: self.shard,
        })
    }
}

/// A validated `convert` command.
#[derive(Clone)]
pub struct ConvertConfig {
    pub inputs: Vec<PathBuf>,
    pub force: bool,
    pub no_wait: bool,
    pub prune: bool,
    /// A digest of the `--pdf-font` files, for incremental builds.
    pub font_digest: String,
    pub output: Option<PathBuf>,
    pub formats: Vec<Format>,
    pub export: ExportOptions,
    pub read: ReadConfig,
}

impl ConvertArgs {
    pub fn config(&self) -> Result<ConvertConfig, Fatal> {
        let formats = parse_formats(&self.format)?;
        let stdin = self.inputs.iter().any(|p| p.as_os_str() == "-");
        if stdin && self.output.is_none() && formats.len() != 1 {
            return Err(Fatal::Usage("reading standard input without --output writes to standard output: choose one --format".into()));
        }
        let mut export = ExportOptions::default();
        export.pdf.page.paper = match self.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        };
        export.docx.page.paper = export.pdf.page.paper;
        let font_digest =
            super::fonts::apply(&mut export, self.font_size, self.pdf_font.as_deref())?;
        export.xml.fallback_date = super::source_date();
        export.pdf.fallback_date = export.xml.fallback_date;
        Ok(ConvertConfig {
            inputs: self.inputs.clone(),
            force: self.force,
            no_wait: self.no_wait,
            prune: self.prune,
            font_digest,
            output: self.output.clone(),
            formats,
            export,
            read: self.read.config()?,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(super::parse_size("500k"), Ok(500 << 10));
        assert_eq!(super::parse_size("12"), Ok(12));
        assert!(super::parse_size("12 parsecs").is_err());
    }
}
