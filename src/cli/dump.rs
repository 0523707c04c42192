//! `motion-export dump`: the document model of one motion as JSON on standard output, its
//! diagnostics on standard error.

use super::args::ReadConfig;
use super::batch::{self, Load};
use super::{exit, inputs, render, Fatal};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run(path: &Path, cfg: &ReadConfig) -> Result<u8, Fatal> {
    let inputs = inputs::collect(&[path.to_path_buf()], None)?;
    let [input] = inputs.as_slice() else {
        return Err(Fatal::Usage(format!(
            "dump takes one file; {} is a folder of {} files",
            path.display(),
            inputs.len()
        )));
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let loaded = match batch::load(input, cfg, true) {
        Ok(l) => l,
        Err(Load::Io(msg)) => return Err(Fatal::Io(format!("{}: {msg}", input.display()))),
        Err(Load::Rejected(d)) => {
            eprintln!("{}", render::diagnostic(&d, &input.display(), "", color));
            return Ok(exit::CONTENT);
        }
    };
    if !loaded.diagnostics.is_empty() {
        let origin = input.display();
        eprintln!(
            "{}",
            render::capped(&loaded.diagnostics, &origin, &loaded.text, color)
        );
    }
    let json =
        serde_json::to_string_pretty(&loaded.motion).map_err(|e| Fatal::Io(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{json}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(Fatal::Io(format!("standard output: {e}")))
        }
        _ => {}
    }
    Ok(if loaded.has_errors() {
        exit::CONTENT
    } else {
        exit::OK
    })
}
