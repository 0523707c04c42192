//! Tuning diagnostics: `--allow CODE`, `--deny CODE`, `--deny-warnings`, and the same settings
//! from a `motion-export.toml` found in the input's folder or above it.

use super::Fatal;
use motion_export::codes;
use motion_export::diag::{Diagnostic, Severity};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    /// Checks that every code named exists; normalises them to upper case.
    pub fn checked(mut self, origin: &str) -> Result<Rules, Fatal> {
        for code in self.allow.iter_mut().chain(self.deny.iter_mut()) {
            let found = codes::find(code).ok_or_else(|| {
                Fatal::Usage(format!(
                    "{origin}: no diagnostic code `{code}` (see `motion-export explain`)"
                ))
            })?;
            *code = found.name.to_string();
        }
        Ok(self)
    }

    /// `self` (a configuration file's rules) overridden by `cli` (the command line's).
    pub fn overridden_by(&self, cli: &Rules) -> Rules {
        let allow = self
            .allow
            .iter()
            .filter(|c| !cli.deny.contains(c))
            .chain(&cli.allow)
            .cloned()
            .collect();
        let deny = self
            .deny
            .iter()
            .filter(|c| !cli.allow.contains(c))
            .chain(&cli.deny)
            .cloned()
            .collect();
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

/// A configuration file found: its path and its rules.
pub type Found = Option<(PathBuf, Arc<Rules>)>;

/// Finds and caches configuration files by folder.
#[derive(Default)]
pub struct ConfigCache {
    by_dir: Mutex<HashMap<PathBuf, Found>>,
}

impl ConfigCache {
    /// The rules of the nearest `motion-export.toml` at or above `input`'s folder, and its path.
    pub fn for_input(&self, input: &Path) -> Result<Found, Fatal> {
        let start = input
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."));
        let dir = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        self.lookup(&dir)
    }

    fn lookup(&self, dir: &Path) -> Result<Found, Fatal> {
        if let Some(found) = self.by_dir.lock().expect("config cache").get(dir) {
            return Ok(found.clone());
        }
        let file = dir.join(CONFIG_FILE);
        let found = if file.is_file() {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Fatal::Io(format!("{}: {e}", file.display())))?;
            let parsed: FileConfig = toml::from_str(&text)
                .map_err(|e| Fatal::Usage(format!("{}: {e}", file.display())))?;
            let rules = Rules {
                deny_warnings: parsed.deny_warnings,
                allow: parsed.allow,
                deny: parsed.deny,
            }
            .checked(&file.display().to_string())?;
            Some((file, Arc::new(rules)))
        } else {
            match dir.parent() {
                Some(parent) => self.lookup(parent)?,
                None => None,
            }
        };
        self.by_dir
            .lock()
            .expect("config cache")
            .insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }
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
    }

    #[test]
    fn finds_the_nearest_file_upwards() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(
            dir.path().join("a").join(CONFIG_FILE),
            "deny-warnings = true\nallow = [\"W-NO-FORWARD\"]\n",
        )
        .unwrap();
        let cache = ConfigCache::default();
        let (path, rules) = cache
            .for_input(&dir.path().join("a/b/m.txt"))
            .unwrap()
            .unwrap();
        assert!(path.ends_with("a/motion-export.toml"));
        assert!(rules.deny_warnings);
        assert_eq!(rules.allow, vec!["W-NO-FORWARD"]);
    }
}
