//! `motion-export convert`: every good input to every requested format, written atomically.

use super::args::ConvertConfig;
use super::batch::{self, JobResult, Loaded, Outcome};
use super::inputs::{self, Input};
use super::{write, Fatal};
use motion_export::export;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(cfg: &ConvertConfig) -> Result<u8, Fatal> {
    let inputs = inputs::collect(&cfg.inputs)?;
    let dir = cfg.output.clone().unwrap_or_else(|| PathBuf::from("."));
    prepare_output_dir(&dir)?;
    batch::run(&inputs, &cfg.read, "converted", |input, loaded| {
        convert_one(cfg, &dir, input, loaded)
    })
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
    let probe = tempfile::Builder::new()
        .prefix(".motion-export-")
        .tempfile_in(dir);
    probe.map(drop).map_err(|e| {
        Fatal::Io(format!(
            "cannot write in output folder {}: {e}",
            dir.display()
        ))
    })
}

fn convert_one(cfg: &ConvertConfig, dir: &Path, input: &Input, loaded: &Loaded) -> JobResult {
    let to_stdout = input.path.is_none() && cfg.output.is_none();
    let mut result = JobResult {
        outcome: Outcome::Ok,
        messages: Vec::new(),
        written: 0,
    };
    if loaded.has_errors() {
        if !to_stdout {
            for format in &cfg.formats {
                let path = inputs::output_path(dir, input, format.extension());
                if write::remove_stale(&path) {
                    result.messages.push(format!(
                        "note: removed {} left by an earlier run",
                        path.display()
                    ));
                }
            }
        }
        result.outcome = Outcome::Errors;
        return result;
    }
    for format in &cfg.formats {
        if super::interrupted() {
            result.outcome = result.outcome.max(Outcome::Skipped);
            break;
        }
        let bytes = match export::export(&loaded.motion, *format, &cfg.export) {
            Ok(b) => b,
            Err(e) => {
                result
                    .messages
                    .push(format!("error: {}: {e}", input.display));
                result.outcome = result.outcome.max(Outcome::Errors);
                continue;
            }
        };
        let written = if to_stdout {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
        } else {
            write::atomic(
                dir,
                &inputs::output_path(dir, input, format.extension()),
                &bytes,
            )
        };
        match written {
            Ok(()) => result.written += 1,
            Err(e) => {
                let target = if to_stdout {
                    "standard output".to_string()
                } else {
                    inputs::output_path(dir, input, format.extension())
                        .display()
                        .to_string()
                };
                result
                    .messages
                    .push(format!("error: cannot write {target}: {e}"));
                result.outcome = Outcome::Failed;
            }
        }
    }
    result
}
