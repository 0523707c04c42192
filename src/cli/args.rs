//! Command-line arguments (clap) and their translation, in one step, into a validated [`Config`].
//! clap types stop here: the rest of the program sees plain options structs.

use super::report::ReportFormat;
use super::rules::{ConfigCache, ConfigSource, Rules};
use super::Fatal;
use clap::{Args, Parser, Subcommand, ValueEnum};
use motion_export::export::meta::Paper;
use motion_export::export::pdf::PdfOptions;
use motion_export::export::{ExportOptions, Format};
use std::path::PathBuf;
use std::sync::Arc;

/// Convert plain-text European Parliament motions for a resolution to Akoma Ntoso XML, PDF and
/// DOCX.
/// `--format`, shared by `convert` and `deps`.
#[derive(Args, Debug)]
pub struct FormatArg {
    /// Formats to write, comma-separated.
    #[arg(
        short,
        long,
        value_name = "LIST",
        default_value = "xml,pdf,docx",
        value_delimiter = ','
    )]
    pub format: Vec<String>,
}

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
    /// Compare two versions of a motion: the change list (JSON) or a redline (HTML, DOCX, PDF);
    /// exit 0 when equal, 1 when different, 2 on errors.
    Compare(CompareArgs),
    /// Print the document model of one motion as JSON.
    Dump(DumpArgs),
    /// Print make-style dependency lines (`out/x.xml out/x.pdf: in/x.txt`) for the outputs of
    /// `convert` with the same inputs, --output and --format.
    Deps(DepsArgs),
    /// Print the long explanation of a diagnostic code, e.g. `motion-export explain E-RECITAL-GAP`.
    Explain(ExplainArgs),
}

/// Where the configuration comes from: every command that reads motions takes these, and `deps`.
#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// Use this configuration file for every input instead of the nearest motion-export.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    pub fn source(&self) -> ConfigSource {
        match (&self.config, self.no_config) {
            (Some(path), _) => ConfigSource::File(path.clone()),
            (None, true) => ConfigSource::Nothing,
            (None, false) => ConfigSource::Search,
        }
    }
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
    /// Do not report this diagnostic code (repeatable; not codes that mean the input is not a
    /// motion, such as E-INPUT-BINARY or E-AKN-XML).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Report this diagnostic code as an error (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Options of the commands that work through a batch of inputs (`convert`, `check`).
#[derive(Args, Debug, Clone, Default)]
pub struct BatchArgs {
    /// Also report in this format: on standard output, or in the file given by --report.
    /// [default: human; with --report, from its extension]
    #[arg(long, value_enum, ignore_case = true)]
    pub report_format: Option<ReportFormat>,
    /// Write the report to this file, in the format of its extension (.json, .sarif, .xml for
    /// JUnit) unless --report-format says; the terminal still gets the human text.
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,
    /// Show at most N diagnostics of each code per file, on the terminal and in reports, and
    /// count the rest (0: all).
    #[arg(long, value_name = "N", default_value_t = super::render::PER_CODE)]
    pub max_per_code: usize,
    /// No progress bar and no summary; diagnostics only.
    #[arg(short, long)]
    pub quiet: bool,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Only the K-th of N deterministic slices of the inputs (by a stable hash of each path,
    /// however the folder is spelled), to spread a large archive over several machines, e.g.
    /// --shard 2/8.
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
    #[command(flatten)]
    pub formats: FormatArg,
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
    #[arg(long, value_enum, ignore_case = true, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Body font size of the PDF and the DOCX, in points, from 6 to 24.
    #[arg(long, value_name = "PT", default_value_t = PdfOptions::default().font_size,
          value_parser = parse_font_size)]
    pub font_size: f32,
    /// A TrueType/OpenType font for the PDF instead of the built-in Liberation Serif. Its bold,
    /// italic and bold italic faces are the font files in the same folder whose name tables
    /// state the same family; standard error says which were used.
    #[arg(long, value_name = "PATH")]
    pub pdf_font: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub batch: BatchArgs,
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
    /// The XML Schema Akoma Ntoso inputs are validated against: `profile` (the project's, built
    /// in), `official` (the OASIS AKN 3.0 XSD: $AKN_XSD, default
    /// ../shared/reference/akn30/akomantoso30.xsd), or the path of any XSD.
    #[arg(long, value_name = "profile|official|PATH", default_value = "profile")]
    pub schema: String,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub batch: BatchArgs,
}

#[derive(Args, Debug)]
pub struct DepsArgs {
    /// Input files or folders, as given to `convert`.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder, as given to `convert`.
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    pub output: PathBuf,
    #[command(flatten)]
    pub formats: FormatArg,
    /// Only the K-th of N slices, as given to `convert`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u32, u32)>,
    #[command(flatten)]
    pub config: ConfigArgs,
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
pub struct CompareArgs {
    /// The older version: a text or Akoma Ntoso file, or - for standard input.
    #[arg(value_name = "OLD", required_unless_present = "replaced")]
    pub old: Option<PathBuf>,
    /// The newer version: a text or Akoma Ntoso file, or - for standard input.
    #[arg(value_name = "NEW", required_unless_present = "replaced")]
    pub new: Option<PathBuf>,
    /// Instead of OLD and NEW: compare each joint motion in DIR with each motion its cover says
    /// it replaces whose file is in DIR (same document number and language), one set of outputs
    /// per pair in -o, named after both (JOINT.REPLACED.redline.docx).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["old", "new"])]
    pub replaced: Option<PathBuf>,
    /// Output folder (created if missing): NEW's stem with .changes.json, .redline.html,
    /// .redline.docx and .redline.pdf.
    /// Without it, the one format asked for goes to standard output.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// What to write, comma-separated: json (the change list), html, docx or pdf (the redline,
    /// the DOCX in Word's tracked changes).
    #[arg(
        short,
        long,
        value_name = "LIST",
        default_value = "json",
        value_delimiter = ','
    )]
    pub format: Vec<String>,
    /// Also annotate NEW's changed lines for GitHub Actions, on standard output (needs -o).
    #[arg(long, value_enum, ignore_case = true, value_name = "FORMAT")]
    pub report_format: Option<CompareReport>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `compare --report-format`: only GitHub's annotations so far.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareReport {
    Github,
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
                "--format {name}: unknown format (use xml, pdf, docx, html, txt)"
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

/// `--font-size`: points, from 6 to 24.
fn parse_font_size(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(size) if (6.0..=24.0).contains(&size) => Ok(size),
        _ => Err(format!("`{s}`: use a size from 6 to 24 points")),
    }
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
    pub max_per_code: usize,
    pub shard: Option<(u32, u32)>,
    /// The XML Schema Akoma Ntoso inputs are validated against (`check` only).
    pub schema: Option<motion_export::read::Schema>,
}

impl BatchArgs {
    /// `--report-format`, or with `--report PATH` alone the format of its extension: a report
    /// file never gets the human text unless that is asked for.
    fn report_format(&self) -> Result<ReportFormat, Fatal> {
        let (Some(path), None) = (&self.report, self.report_format) else {
            return Ok(self.report_format.unwrap_or_default());
        };
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match extension.to_ascii_lowercase().as_str() {
            "json" => Ok(ReportFormat::Json),
            "sarif" => Ok(ReportFormat::Sarif),
            "xml" => Ok(ReportFormat::Junit),
            _ => Err(Fatal::Usage(format!(
                "--report {}: cannot tell the format from the extension (.json, .sarif, .xml for JUnit); give --report-format",
                path.display()
            ))),
        }
    }
}

impl ReadArgs {
    /// The configuration of a command that reads one input (`dump`): no batch options.
    pub fn config(&self) -> Result<ReadConfig, Fatal> {
        self.config_with(&BatchArgs::default())
    }

    /// The configuration of a command that reads a batch.
    pub fn config_with(&self, batch: &BatchArgs) -> Result<ReadConfig, Fatal> {
        if let Some(code) = &self.lang {
            if motion_export::lang::profile(code).is_none() {
                let known: Vec<&str> = motion_export::lang::profiles()
                    .map(|p| p.code.as_str())
                    .collect();
                return Err(Fatal::Usage(format!(
                    "--lang {code}: no such language (known: {})",
                    known.join(", ")
                )));
            }
        }
        let jobs = match batch.jobs {
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
            configs: Arc::new(ConfigCache::new(&self.config.source())?),
            quiet: batch.quiet,
            jobs,
            report_format: batch.report_format()?,
            report: batch.report.clone(),
            max_per_code: batch.max_per_code,
            shard: batch.shard,
            schema: None,
        })
    }
}

impl CheckArgs {
    pub fn config(&self) -> Result<ReadConfig, Fatal> {
        let mut config = self.read.config_with(&self.batch)?;
        config.schema = Some(super::check::schema(&self.schema)?);
        Ok(config)
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
    /// Which faces of `--pdf-font` are used, for standard error.
    pub font_note: Option<String>,
    pub output: Option<PathBuf>,
    pub formats: Vec<Format>,
    pub export: ExportOptions,
    pub read: ReadConfig,
}

impl ConvertArgs {
    pub fn config(&self) -> Result<ConvertConfig, Fatal> {
        let formats = parse_formats(&self.formats.format)?;
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
        let fonts = super::fonts::apply(&mut export, self.font_size, self.pdf_font.as_deref())?;
        export.xml.fallback_date = super::source_date();
        export.pdf.fallback_date = export.xml.fallback_date;
        export.html.fallback_date = export.xml.fallback_date;
        Ok(ConvertConfig {
            inputs: self.inputs.clone(),
            force: self.force,
            no_wait: self.no_wait,
            prune: self.prune,
            font_digest: fonts.digest,
            font_note: fonts.note,
            output: self.output.clone(),
            formats,
            export,
            read: self.read.config_with(&self.batch)?,
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

    /// `--report x.xml` without `--report-format` wrote the human text with timings into x.xml.
    #[test]
    fn the_report_format_comes_from_the_extension() {
        use super::{Cli, Command, ReportFormat};
        use clap::Parser;
        let format = |args: &[&str]| {
            let cli =
                Cli::try_parse_from(["motion-export", "check"].iter().chain(args).chain(&["x"]))
                    .unwrap();
            let Command::Check(check) = cli.command else {
                unreachable!()
            };
            check.batch.report_format()
        };
        assert_eq!(
            format(&["--report", "x.xml"]).ok(),
            Some(ReportFormat::Junit)
        );
        assert_eq!(
            format(&["--report", "x.JSON"]).ok(),
            Some(ReportFormat::Json)
        );
        assert_eq!(
            format(&["--report", "x.sarif"]).ok(),
            Some(ReportFormat::Sarif)
        );
        assert!(format(&["--report", "x.txt"]).is_err());
        assert!(format(&["--report", "report"]).is_err());
        assert_eq!(
            format(&["--report", "x.txt", "--report-format", "human"]).ok(),
            Some(ReportFormat::Human)
        );
        assert_eq!(
            format(&["--report", "x.xml", "--report-format", "json"]).ok(),
            Some(ReportFormat::Json)
        );
        assert_eq!(format(&[]).ok(), Some(ReportFormat::Human));
    }
}
