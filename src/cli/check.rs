//! `motion-export check`: read and validate, write nothing; the exit code tells CI the result.
//! Akoma Ntoso XML files (`*.xml`) are read back into the model and checked too, and validated
//! against the XML Schema `--schema` names. With `--versions`, the language versions of each
//! motion are also compared with each other.

use super::args::ReadConfig;
use super::batch::{self, JobResult, Outcome};
use super::{inputs, Fatal};
use motion_export::diag::Diagnostic;
use motion_export::read::Schema;
use motion_export::validate::versions;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// Where the official Akoma Ntoso 3.0 XSD is when `AKN_XSD` does not say.
const OFFICIAL_XSD: &str = "../shared/reference/akn30/akomantoso30.xsd";

/// The schema `--schema` names (`profile`, `official` or a path), compiled once here so that a
/// schema that cannot be read or compiled stops the command before any input is read.
pub fn schema(arg: &str) -> Result<Schema, Fatal> {
    let schema = if arg.eq_ignore_ascii_case("profile") {
        Schema::Profile
    } else if arg.eq_ignore_ascii_case("official") {
        let path =
            std::env::var_os("AKN_XSD").map_or_else(|| PathBuf::from(OFFICIAL_XSD), PathBuf::from);
        if !path.is_file() {
            return Err(Fatal::Usage(format!(
                "--schema official: the official Akoma Ntoso 3.0 schema is not at {}; set AKN_XSD to the path of akomantoso30.xsd (with xml.xsd beside it)",
                path.display()
            )));
        }
        Schema::File(path)
    } else {
        Schema::File(PathBuf::from(arg))
    };
    schema
        .compile()
        .map_err(|reason| Fatal::Usage(format!("--schema {arg}: {reason}")))?;
    Ok(schema)
}

/// Checks the inputs: text files, and Akoma Ntoso XML files (`*.xml`, also found in folders),
/// which are read with the AKN reader and held to the same rules.
pub fn run(args: &[PathBuf], cfg: &ReadConfig, compare_versions: bool) -> Result<u8, Fatal> {
    let inputs = inputs::collect(args, cfg.shard)?;
    cfg.configs.resolve(&inputs, !cfg.quiet)?;
    let findings = if compare_versions {
        version_findings(&inputs, cfg)
    } else {
        HashMap::new()
    };
    batch::run(&inputs, cfg, "checked", Check { findings })
}

/// The job of `check`: nothing to write; the findings of `--versions` are added per file.
struct Check {
    findings: HashMap<String, Vec<Diagnostic>>,
}

impl batch::Job for Check {
    fn load(&self, input: &inputs::Input, cfg: &ReadConfig) -> Result<batch::Loaded, batch::Load> {
        batch::load(input, cfg, true)
    }

    fn run(&self, input: &inputs::Input, loaded: &batch::Loaded) -> JobResult {
        let problems: Vec<Diagnostic> = self
            .findings
            .get(&input.display())
            .cloned()
            .unwrap_or_default();
        let errors = loaded.has_errors() || problems.iter().any(Diagnostic::is_error);
        JobResult {
            outcome: if errors { Outcome::Errors } else { Outcome::Ok },
            problems,
            notes: Vec::new(),
            written: 0,
        }
    }
}

/// Compares the language versions among the inputs; returns each file's findings by its name.
/// The motions are read once more here, each kept only as the facts the comparison needs; the
/// batch then reports the findings with each file.
fn version_findings(
    inputs: &[inputs::Input],
    cfg: &ReadConfig,
) -> HashMap<String, Vec<Diagnostic>> {
    // Only the motions are compared: no schema validation a second time.
    let cfg = &ReadConfig {
        schema: None,
        ..cfg.clone()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build();
    // Each version with the position of its input: stems repeat across folders, positions not.
    let load_all = || -> Vec<(usize, versions::Version)> {
        inputs
            .par_iter()
            .enumerate()
            .filter_map(|(n, i)| {
                batch::load(i, cfg, true)
                    .ok()
                    .map(|l| (n, versions::Version::of(&i.stem(), &l.motion)))
            })
            .collect()
    };
    let (positions, facts): (Vec<usize>, Vec<versions::Version>) = match pool {
        Ok(pool) => pool.install(load_all),
        Err(_) => load_all(),
    }
    .into_iter()
    .unzip();
    let mut by_input: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
    for finding in versions::check_versions(&facts) {
        by_input
            .entry(positions[finding.version])
            .or_default()
            .push(finding.diagnostic);
    }
    // The findings are held to each file's rules like its own diagnostics. Its configuration was
    // resolved before the batch, so it cannot fail here; should it, the file's load reports it.
    by_input
        .into_iter()
        .map(|(n, mut found)| {
            let _ = batch::apply_rules(&inputs[n], cfg, &mut found);
            (inputs[n].display(), found)
        })
        .collect()
}
