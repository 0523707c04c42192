//! `motion-export compare OLD NEW`: both versions read as `check` reads them, compared by the
//! library's [`motion_export::compare`], the change list (JSON) and the HTML, DOCX and PDF redlines
//! written atomically into the output folder or to standard output; exit 0 when equal, 1 when
//! different, 2 when a version cannot be read (as `diff` does). `compare --replaced DIR` does
//! the same for every joint motion in DIR and each motion it replaces.

use super::args::{CompareArgs, ReadConfig};
use super::batch::{self, Load, Loaded};
use super::inputs::{self, Input};
use super::{exit, render, report, write, Fatal};
use motion_export::compare::{compare, Change, Comparison};
use motion_export::diag::{codes, Diagnostic};
use motion_export::export::html::{self, HtmlOptions};
use motion_export::export::{docx, pdf};
use serde::Serialize;
use std::io::{IsTerminal, Write};

/// What `compare` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Output {
    Json,
    Html,
    Docx,
    Pdf,
}

impl Output {
    fn parse(name: &str) -> Result<Output, Fatal> {
        match name.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(Output::Json),
            "html" => Ok(Output::Html),
            "docx" => Ok(Output::Docx),
            "pdf" => Ok(Output::Pdf),
            _ => Err(Fatal::Usage(format!(
                "--format {name}: compare writes json, html, docx or pdf"
            ))),
        }
    }

    /// The output's name beside NEW's stem: `m.changes.json`, `m.redline.html`.
    fn suffix(self) -> &'static str {
        match self {
            Output::Json => "changes.json",
            Output::Html => "redline.html",
            Output::Docx => "redline.docx",
            Output::Pdf => "redline.pdf",
        }
    }
}

/// The JSON document: the two versions as named on the command line, then the comparison.
#[derive(Serialize)]
struct Document<'a> {
    old: &'a str,
    new: &'a str,
    #[serde(flatten)]
    comparison: &'a Comparison<'a>,
}

pub fn run(args: &CompareArgs) -> Result<u8, Fatal> {
    let cfg = args.read.config()?;
    let mut outputs = (args.format.iter())
        .map(|f| Output::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    outputs.sort();
    outputs.dedup();
    if outputs.is_empty() {
        return Err(Fatal::Usage(
            "--format: give json, html, docx or pdf".into(),
        ));
    }
    if let Some(dir) = &args.replaced {
        if args.output.is_none() {
            return Err(Fatal::Usage(
                "--replaced writes the outputs of every pair: give -o DIR".into(),
            ));
        }
        return replaced(dir, args, &outputs, &cfg);
    }
    if args.output.is_none() && (outputs.len() != 1 || args.report_format.is_some()) {
        return Err(Fatal::Usage(
            "without --output, compare writes one format to standard output: choose one --format, or give -o DIR".into(),
        ));
    }
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        return Err(Fatal::Usage(
            "compare takes OLD and NEW, or --replaced DIR".into(),
        ));
    };
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        return Err(Fatal::Usage(
            "only one of OLD and NEW can be - (standard input)".into(),
        ));
    }
    let old = one_input(old)?;
    let new = one_input(new)?;
    let (Some(a), Some(b)) = (load(&old, &cfg), load(&new, &cfg)) else {
        return Ok(exit::FAILURE);
    };
    let equal = pair((&old, &a), (&new, &b), &new.stem(), &outputs, args)?;
    Ok(if equal { exit::OK } else { exit::CONTENT })
}

/// Compares one pair and writes its outputs, named `stem` and each output's suffix, into the
/// output folder or to standard output; whether the two are equal.
fn pair(
    (old, a): (&Input, &Loaded),
    (new, b): (&Input, &Loaded),
    stem: &str,
    outputs: &[Output],
    args: &CompareArgs,
) -> Result<bool, Fatal> {
    let comparison = compare(&a.motion, &b.motion);
    let names = (old.display(), new.display());
    for output in outputs {
        let bytes = match output {
            Output::Json => json(&names.0, &names.1, &comparison)?,
            Output::Html => {
                let options = HtmlOptions {
                    fallback_date: super::source_date(),
                };
                html::redline(&a.motion, &b.motion, &comparison, &options)
                    .map_err(|e| Fatal::Io(format!("{}: {e}", new.display())))?
            }
            Output::Docx => {
                let options = docx::RedlineOptions {
                    docx: docx::DocxOptions::default(),
                    fallback_date: super::source_date(),
                };
                docx::redline(&a.motion, &b.motion, &comparison, &options)
                    .map_err(|e| Fatal::Io(format!("{}: {e}", new.display())))?
            }
            Output::Pdf => {
                let options = pdf::PdfOptions {
                    fallback_date: super::source_date(),
                    ..pdf::PdfOptions::default()
                };
                pdf::redline(&a.motion, &b.motion, &comparison, &options)
                    .map_err(|e| Fatal::Io(format!("{}: {e}", new.display())))?
            }
        };
        match &args.output {
            Some(dir) => {
                let path = dir.join(format!("{stem}.{}", output.suffix()));
                write::atomic(dir, &path, &bytes)
                    .map_err(|e| Fatal::Io(format!("{}: {e}", path.display())))?;
            }
            None => print(&bytes)?,
        }
    }
    if args.report_format.is_some() {
        print(github(&names.1, &comparison.changes).as_bytes())?;
    }
    Ok(comparison.equal)
}

/// `--replaced DIR`: every joint motion in DIR against each motion its cover says it replaces
/// whose file is in DIR (the same document number, in the same language), in the order of the
/// files and of the cover. A file that cannot be read is reported and the others compared;
/// exit 2 then, else 1 when any pair differs, else 0.
fn replaced(
    dir: &std::path::Path,
    args: &CompareArgs,
    outputs: &[Output],
    cfg: &ReadConfig,
) -> Result<u8, Fatal> {
    let inputs = inputs::collect(&[dir.to_path_buf()], None)?;
    let loaded: Vec<(Input, Option<Loaded>)> = (inputs.into_iter())
        .map(|i| {
            let l = load(&i, cfg);
            (i, l)
        })
        .collect();
    let failed = loaded.iter().any(|(_, l)| l.is_none());
    let read: Vec<(&Input, &Loaded)> = (loaded.iter())
        .filter_map(|(i, l)| l.as_ref().map(|l| (i, l)))
        .collect();
    let number = |l: &Loaded| (l.motion.cover.doc_number.as_ref()).map(|n| n.value.clone());
    let (mut pairs, mut differ) = (0usize, false);
    for &(new, b) in &read {
        for replaced in &b.motion.cover.replaces {
            let found: Vec<(&Input, &Loaded)> = (read.iter().copied())
                .filter(|(_, a)| {
                    number(a).as_deref() == Some(replaced.number.as_str())
                        && a.motion.lang == b.motion.lang
                })
                .collect();
            if found.is_empty() {
                eprintln!(
                    "{}: {} (which it replaces) is not in {}",
                    new.display(),
                    replaced.number,
                    dir.display()
                );
            }
            for (old, a) in found {
                let stem = format!("{}.{}", new.stem(), old.stem());
                let equal = pair((old, a), (new, b), &stem, outputs, args)?;
                pairs += 1;
                differ |= !equal;
            }
        }
    }
    if pairs == 0 {
        eprintln!(
            "no joint motion in {} replaces a motion whose file is there",
            dir.display()
        );
    }
    Ok(if failed {
        exit::FAILURE
    } else if differ {
        exit::CONTENT
    } else {
        exit::OK
    })
}

/// The one input a path names: a file or `-`, not a folder.
fn one_input(path: &std::path::Path) -> Result<Input, Fatal> {
    let mut inputs = inputs::collect(&[path.to_path_buf()], None)?;
    match inputs.len() {
        1 => Ok(inputs.remove(0)),
        n => Err(Fatal::Usage(format!(
            "compare takes two files; {} is a folder of {n} files",
            path.display()
        ))),
    }
}

/// Reads one version; on failure prints why, as `check` does, and gives nothing. Errors in the
/// motion itself (a numbering gap in a draft) do not stop the comparison; input that is not a
/// motion at all does.
fn load(input: &Input, cfg: &ReadConfig) -> Option<Loaded> {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let origin = input.display();
    let loaded = match batch::load(input, cfg, true) {
        Ok(l) => l,
        Err(Load::Io(msg)) => {
            let d = Diagnostic::new(&codes::IO, None, msg);
            eprintln!("{}", render::diagnostic(&d, &origin, "", color));
            return None;
        }
        Err(Load::Rejected(d)) => {
            eprintln!("{}", render::diagnostic(&d, &origin, "", color));
            return None;
        }
    };
    let errors: Vec<Diagnostic> = (loaded.diagnostics.iter())
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        eprintln!("{}", render::capped(&errors, &origin, &loaded.text, color));
    }
    let unreadable = |d: &Diagnostic| codes::find(d.code).is_some_and(|c| !c.allowable());
    (!errors.iter().any(unreadable)).then_some(loaded)
}

fn json(old: &str, new: &str, comparison: &Comparison) -> Result<Vec<u8>, Fatal> {
    let document = Document {
        old,
        new,
        comparison,
    };
    let mut bytes = serde_json::to_vec_pretty(&document).map_err(|e| Fatal::Io(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// GitHub workflow annotations, one notice per change on NEW's line (a deletion on the line of
/// the block after it is not known: on OLD's line, named as OLD's).
fn github(new: &str, changes: &[Change]) -> String {
    let file = report::gh_property(new);
    let mut out = String::new();
    for c in changes {
        let what = match (&c.field, &c.new, &c.old) {
            (Some(field), _, _) => field.clone(),
            (None, Some(side), _) | (None, None, Some(side)) => side.eid.clone(),
            (None, None, None) => continue,
        };
        let mut props = vec![format!("file={file}")];
        if let Some(line) = c.line.filter(|l| *l > 0) {
            props.push(format!("line={line}"));
        }
        props.push(format!("title={}", report::gh_property(c.kind.name())));
        let mut message = format!("{} {what}", c.kind.name());
        if !c.removed.is_empty() {
            message.push_str(&format!("\n- {}", c.removed.join(" ")));
        }
        if !c.added.is_empty() {
            message.push_str(&format!("\n+ {}", c.added.join(" ")));
        }
        out.push_str(&format!(
            "::notice {}::{}\n",
            props.join(","),
            report::gh_data(&message)
        ));
    }
    out
}

/// Writes to standard output; a closed pipe is not an error.
fn print(bytes: &[u8]) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Fatal::Io(format!("standard output: {e}")))
        }
        _ => Ok(()),
    }
}
