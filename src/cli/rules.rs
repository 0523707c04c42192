//! Tuning diagnostics: `--allow CODE`, `--deny CODE`, `--deny-warnings`, and the same settings
//! from a `motion-export.toml`: the nearest one in the input's folder or above it, but never above
//! the folder given on the command line or the repository's root; or the file `--config` names.

use super::inputs::Input;
use super::{regular, Fatal};
use motion_export::diag::codes;
use motion_export::diag::{Diagnostic, Severity};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "motion-export.toml";

/// How to treat diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    pub deny_warnings: bool,
    /// Codes not reported at all.
    pub allow: Vec<String>,
    /// Codes reported as errors.
    pub deny: Vec<String>,
}

impl Rules {
    /// Checks that every code named exists and that every code allowed may be; normalises them
    /// to upper case.
    pub fn checked(mut self, origin: &str) -> Result<Rules, Fatal> {
        for code in self.allow.iter_mut().chain(self.deny.iter_mut()) {
            let found = codes::find(code).ok_or_else(|| {
                Fatal::Usage(format!(
                    "{origin}: no diagnostic code `{code}` (see `motion-export explain`)"
                ))
            })?;
            *code = found.name.to_string();
        }
        if let Some(code) = self
            .allow
            .iter()
            .find(|c| codes::find(c).is_some_and(|c| !c.allowable()))
        {
            return Err(Fatal::Usage(format!(
                "{origin}: {code} cannot be allowed: it means the input is not a motion, or \
                 could not be read or written"
            )));
        }
        Ok(self)
    }

    /// `self` (a configuration file's rules) overridden by `cli` (the command line's).
    pub fn overridden_by(&self, cli: &Rules) -> Rules {
        // The file's codes the command line does not turn the other way, then the command line's.
        let merged = |file: &[String], other_way: &[String], cli: &[String]| -> Vec<String> {
            file.iter()
                .filter(|c| !other_way.contains(c))
                .chain(cli)
                .cloned()
                .collect()
        };
        let allow = merged(&self.allow, &cli.deny, &cli.allow);
        let deny = merged(&self.deny, &cli.allow, &cli.deny);
        Rules {
            deny_warnings: self.deny_warnings || cli.deny_warnings,
            allow,
            deny,
        }
    }

    /// Applies the rules to a file's diagnostics.
    pub fn apply(&self, diags: &mut Vec<Diagnostic>) {
        diags.retain(|d| !self.allow.iter().any(|c| c == d.code));
        for d in diags.iter_mut() {
            let denied_warning = self.deny_warnings && d.severity == Severity::Warning;
            if denied_warning || self.deny.iter().any(|c| c == d.code) {
                d.severity = Severity::Error;
            }
        }
    }
}

/// The settings a `motion-export.toml` may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileConfig {
    #[serde(default)]
    deny_warnings: bool,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    deny: Vec<String>,
}

/// A configuration file that applies: its path and its rules.
pub type Found = Option<(PathBuf, Arc<Rules>)>;

/// Where the inputs' configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// The nearest `motion-export.toml` within each input's bounds (the default).
    Search,
    /// `--config PATH`: this file for every input.
    File(PathBuf),
    /// `--no-config`: none.
    Nothing,
}

/// What the search found for one folder: the file that applies, or else the nearest one above
/// the bounds, which was not read.
#[derive(Clone, Default)]
struct Searched {
    found: Found,
    ignored: Option<PathBuf>,
}

/// Finds, reads and caches the configuration of each input.
#[derive(Default)]
pub struct ConfigCache {
    /// The configuration of every input, with `--config` or `--no-config`.
    fixed: Option<Found>,
    /// By the input's folder and the folder given on the command line, as given. Filled for every
    /// input before the batch ([`ConfigCache::resolve`]), so that workers only read it, sharing the lock.
    searched: RwLock<HashMap<(PathBuf, PathBuf), Searched>>,
}

impl ConfigCache {
    /// A cache for `source`; the file of `--config` is read now, so that a bad one stops the
    /// command before any input is read.
    pub fn new(source: &ConfigSource) -> Result<ConfigCache, Fatal> {
        let fixed = match source {
            ConfigSource::Search => None,
            ConfigSource::File(path) => Some(Some((path.clone(), Arc::new(load(path)?)))),
            ConfigSource::Nothing => Some(None),
        };
        Ok(ConfigCache {
            fixed,
            searched: RwLock::default(),
        })
    }

    /// The configuration file that applies to `input` and its rules.
    pub fn for_input(&self, input: &Input) -> Result<Found, Fatal> {
        self.search(input).map(|s| s.found)
    }

    /// Resolves every input's configuration now, so that a bad file is one usage error before
    /// the batch; with `tell`, says on standard error which files apply (`using configuration
    /// PATH`, once per file) and which were found above the bounds and not read.
    pub fn resolve(&self, inputs: &[Input], tell: bool) -> Result<(), Fatal> {
        let mut used: Vec<PathBuf> = Vec::new();
        let mut ignored: Vec<PathBuf> = Vec::new();
        for input in inputs {
            let searched = self.search(input)?;
            if let Some((path, _)) = searched.found {
                if !used.contains(&path) {
                    used.push(path);
                }
            }
            if let Some(path) = searched.ignored {
                if !ignored.contains(&path) {
                    ignored.push(path);
                }
            }
        }
        if tell {
            for path in used {
                eprintln!(
                    "using configuration {}",
                    super::render::path(&path.display().to_string())
                );
            }
            for path in ignored {
                eprintln!(
                    "note: ignored {}: it is above the folder given on the command line (or the \
                     repository's root); use --config {} to apply it",
                    super::render::path(&path.display().to_string()),
                    super::render::path(&path.display().to_string())
                );
            }
        }
        Ok(())
    }

    fn search(&self, input: &Input) -> Result<Searched, Fatal> {
        if let Some(fixed) = &self.fixed {
            return Ok(Searched {
                found: fixed.clone(),
                ignored: None,
            });
        }
        let folder = match input.path.as_deref().and_then(Path::parent) {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let key = (folder, input.argument_dir());
        if let Some(searched) = self.searched.read().expect("config cache").get(&key) {
            return Ok(searched.clone());
        }
        let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let searched = search_upwards(&canonical(&key.0), &canonical(&key.1))?;
        self.searched
            .write()
            .expect("config cache")
            .insert(key, searched.clone());
        Ok(searched)
    }
}

/// The nearest configuration file at or above `start`, up to `bound` (the folder given on the
/// command line) or the first repository root (a folder holding `.git`), whichever comes first.
/// A file above them is never read: a folder such as `/tmp` above a project is not the
/// project's.
fn search_upwards(start: &Path, bound: &Path) -> Result<Searched, Fatal> {
    // Symbolic links may put the input outside the folder given; then only its own folder counts.
    let bound = if start.starts_with(bound) {
        bound
    } else {
        start
    };
    let mut dir = Some(start);
    while let Some(d) = dir {
        let file = d.join(CONFIG_FILE);
        if std::fs::symlink_metadata(&file).is_ok() {
            let rules = load(&file)?;
            return Ok(Searched {
                found: Some((file, Arc::new(rules))),
                ignored: None,
            });
        }
        if d == bound || d.join(".git").symlink_metadata().is_ok() {
            break;
        }
        dir = d.parent();
    }
    let ignored = dir
        .and_then(Path::parent)
        .into_iter()
        .flat_map(Path::ancestors)
        .map(|d| d.join(CONFIG_FILE))
        .find(|f| f.symlink_metadata().is_ok());
    Ok(Searched {
        found: None,
        ignored,
    })
}

/// Reads and checks one configuration file: a regular file of at most 1 MiB, UTF-8 TOML with
/// known settings, known codes, none allowed that cannot be.
fn load(path: &Path) -> Result<Rules, Fatal> {
    let usage = |e: &dyn std::fmt::Display| Fatal::Usage(format!("{}: {e}", path.display()));
    let bytes = regular::read(path, regular::CONFIG_LIMIT).map_err(|e| usage(&e))?;
    let text = String::from_utf8(bytes).map_err(|e| usage(&e))?;
    let parsed: FileConfig = toml::from_str(&text).map_err(|e| usage(&e))?;
    Rules {
        deny_warnings: parsed.deny_warnings,
        allow: parsed.allow,
        deny: parsed.deny,
    }
    .checked(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_overrides_the_file() {
        let file = Rules {
            deny_warnings: false,
            allow: vec!["W-NO-FORWARD".into()],
            deny: vec!["W-NO-DATE".into()],
        };
        let cli = Rules {
            deny_warnings: false,
            allow: vec!["W-NO-DATE".into()],
            deny: vec!["W-NO-FORWARD".into()],
        };
        let merged = file.overridden_by(&cli);
        assert_eq!(merged.allow, vec!["W-NO-DATE"]);
        assert_eq!(merged.deny, vec!["W-NO-FORWARD"]);
        assert!(Rules {
            allow: vec!["w-no-date".into()],
            ..Rules::default()
        }
        .checked("x")
        .is_ok());
        assert!(Rules {
            allow: vec!["W-NOPE".into()],
            ..Rules::default()
        }
        .checked("x")
        .is_err());
        assert!(Rules {
            allow: vec!["e-input-binary".into()],
            ..Rules::default()
        }
        .checked("x")
        .is_err());
    }

    fn input(path: &Path) -> Input {
        let inputs = super::super::inputs::collect(&[path.to_path_buf()], None).unwrap();
        inputs.into_iter().next().unwrap()
    }

    #[test]
    fn finds_the_nearest_file_upwards_within_the_argument() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/m.txt"), "x").unwrap();
        std::fs::write(
            dir.path().join("a").join(CONFIG_FILE),
            "deny-warnings = true\nallow = [\"W-NO-FORWARD\"]\n",
        )
        .unwrap();
        let cache = ConfigCache::default();
        let (path, rules) = cache
            .for_input(&input(&dir.path().join("a")))
            .unwrap()
            .unwrap();
        assert!(path.ends_with("a/motion-export.toml"));
        assert!(rules.deny_warnings);
        assert_eq!(rules.allow, vec!["W-NO-FORWARD"]);
        // Given as a file, or as its folder, the input's bounds end below the file.
        for arg in ["a/b/m.txt", "a/b"] {
            let searched = cache.search(&input(&dir.path().join(arg))).unwrap();
            assert!(searched.found.is_none(), "{arg}");
            assert!(searched.ignored.unwrap().ends_with("a/motion-export.toml"));
        }
    }
}
