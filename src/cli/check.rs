//! `motion-export check`: read and validate, write nothing; the exit code tells CI the result.

use super::args::ReadConfig;
use super::batch::{self, JobResult, Outcome};
use super::{inputs, Fatal};
use std::path::PathBuf;

pub fn run(args: &[PathBuf], cfg: &ReadConfig) -> Result<u8, Fatal> {
    let inputs = inputs::collect(args)?;
    batch::run(&inputs, cfg, "checked", |_, loaded| JobResult {
        outcome: if loaded.has_errors() {
            Outcome::Errors
        } else {
            Outcome::Ok
        },
        messages: Vec::new(),
        written: 0,
    })
}
