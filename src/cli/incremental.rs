//! Incremental batches: a manifest in the output folder records, for each output, a hash of the
//! input's text, the tool's version and every option that shapes the output. A later run skips an
//! input whose outputs all exist, are newer than it and carry the same hash.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The manifest's file name, inside the output folder.
pub const MANIFEST: &str = ".motion-export.manifest.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct ManifestFile {
    version: u32,
    /// Output path relative to the output folder -> key.
    outputs: BTreeMap<String, String>,
}

/// The manifest of one output folder, as read at the start of a batch, plus what this batch wrote.
pub struct Manifest {
    dir: PathBuf,
    old: BTreeMap<String, String>,
    new: Mutex<BTreeMap<String, String>>,
}

impl Manifest {
    /// Reads the manifest of `dir`; a missing or unreadable one is empty (everything rebuilds).
    pub fn load(dir: &Path) -> Manifest {
        let old = std::fs::read(dir.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<ManifestFile>(&bytes).ok())
            .filter(|m| m.version == 1)
            .map(|m| m.outputs)
            .unwrap_or_default();
        Manifest {
            dir: dir.to_path_buf(),
            old,
            new: Mutex::new(BTreeMap::new()),
        }
    }

    /// Whether `output` exists, is newer than `input` and has a manifest entry: the cheap part of
    /// [`Manifest::is_current`], from file metadata alone, so that the input need not be read.
    pub fn may_be_current(&self, input: &Path, output: &Path) -> bool {
        let (Ok(input_meta), Ok(output_meta)) =
            (std::fs::metadata(input), std::fs::symlink_metadata(output))
        else {
            return false;
        };
        let newer = match (input_meta.modified(), output_meta.modified()) {
            (Ok(i), Ok(o)) => o >= i,
            _ => false,
        };
        newer && output_meta.is_file() && self.old.contains_key(&self.relative(output))
    }

    /// Whether the manifest records `output` as made from the same text with the same options
    /// (`key`). With [`Manifest::may_be_current`], the output is up to date.
    pub fn records(&self, output: &Path, key: &str) -> bool {
        self.old
            .get(&self.relative(output))
            .is_some_and(|k| k == key)
    }

    /// Records that `output` was written from `key`.
    pub fn record(&self, output: &Path, key: String) {
        self.new
            .lock()
            .expect("manifest")
            .insert(self.relative(output), key);
    }

    /// Writes the manifest back: entries of this batch over those of the file as it is now (another
    /// process may have added some since the start).
    pub fn save(&self) -> std::io::Result<()> {
        let new = self.new.lock().expect("manifest");
        if new.is_empty() {
            return Ok(());
        }
        let mut current = Manifest::load(&self.dir).old;
        current.extend(new.iter().map(|(k, v)| (k.clone(), v.clone())));
        let file = ManifestFile {
            version: 1,
            outputs: current,
        };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        super::write::atomic(&self.dir, &self.dir.join(MANIFEST), &bytes)
    }

    fn relative(&self, output: &Path) -> String {
        output
            .strip_prefix(&self.dir)
            .unwrap_or(output)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// The key of one output: the input's text, the format and the options fingerprint.
pub fn key(text: &str, format: &str, fingerprint: &str) -> String {
    let mut h = Sha256::new();
    for part in [env!("CARGO_PKG_VERSION"), format, fingerprint] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(text.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_text_format_and_options() {
        let k = key("text", "xml", "opts");
        assert_eq!(k, key("text", "xml", "opts"));
        assert_ne!(k, key("text!", "xml", "opts"));
        assert_ne!(k, key("text", "pdf", "opts"));
        assert_ne!(k, key("text", "xml", "opts2"));
    }

    impl Manifest {
        /// Up to date as `convert` decides it: the metadata, then the recorded key.
        fn is_current(&self, input: &Path, output: &Path, key: &str) -> bool {
            self.may_be_current(input, output) && self.records(output, key)
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        let output = dir.path().join("in.xml");
        std::fs::write(&input, "x").unwrap();
        std::fs::write(&output, "y").unwrap();
        let m = Manifest::load(dir.path());
        assert!(!m.is_current(&input, &output, "k"));
        m.record(&output, "k".into());
        m.save().unwrap();
        let m = Manifest::load(dir.path());
        assert!(m.is_current(&input, &output, "k"));
        assert!(!m.is_current(&input, &output, "other"));
    }
}
