//! Command-line arguments (clap) and their translation, in one step, into a validated [`Config`].
//! clap types stop here: the rest of the program sees plain options structs.

use super::Fatal;
use clap::{Args, Parser, Subcommand, ValueEnum};
use motion_export::export::meta::Paper;
use motion_export::export::{ExportOptions, Format};
use std::path::PathBuf;

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
    /// No progress bar and no summary; diagnostics only.
    #[arg(short, long)]
    pub quiet: bool,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
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
    /// Input files, folders (every *.txt below them), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
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
#[derive(Debug, Clone)]
pub struct ReadConfig {
    pub lang: Option<String>,
    pub max_input_size: u64,
    pub deny_warnings: bool,
    pub quiet: bool,
    pub jobs: usize,
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
        Ok(ReadConfig {
            lang: self.lang.clone(),
            max_input_size: self.max_input_size,
            deny_warnings: self.deny_warnings,
            quiet: self.quiet,
            jobs,
        })
    }
}

/// A validated `convert` command.
#[derive(Debug, Clone)]
pub struct ConvertConfig {
    pub inputs: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub formats: Vec<Format>,
    pub export: ExportOptions,
    pub read: ReadConfig,
}

impl ConvertArgs {
    pub fn config(&self) -> Result<ConvertConfig, Fatal> {
        let mut formats = Vec::new();
        for name in &self.format {
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
        super::fonts::apply(&mut export, self.font_size, self.pdf_font.as_deref())?;
        export.xml.fallback_date = super::source_date();
        Ok(ConvertConfig {
            inputs: self.inputs.clone(),
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
