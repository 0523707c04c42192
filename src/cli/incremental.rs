//! Incremental batches: a manifest in the output folder records, for each output, a key (a hash
//! of the input's text, the tool's version, the format and the options that change its bytes),
//! the input it was made from, and a digest of the reporting rules the input was checked under.
//! A later run skips an input whose outputs all exist, are newer than it and carry the same key
//! and rules; with other rules it re-checks the input but rewrites nothing whose key still holds.
//!
//! Crash safety: each finished output is appended, as one JSON line, to a journal beside the
//! manifest as the batch goes. The next run (or this run's [`Manifest::save`]) folds the journal
//! into the manifest, so a killed run loses only the files that were in flight. The manifest and
//! the journal are only ever read when they are regular files, and within a size limit.

use super::regular;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

/// The manifest's file name, inside the output folder.
pub const MANIFEST: &str = ".motion-export.manifest.json";
/// The journal's file name, inside the output folder.
pub const JOURNAL: &str = ".motion-export.journal";
/// The manifest's format; another version is rebuilt.
const VERSION: u32 = 2;

/// What the manifest records about one output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// See [`key`].
    pub key: String,
    /// The input, relative to the output folder; absent for standard input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// A digest of the reporting rules the input was last checked under.
    #[serde(default)]
    pub rules: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ManifestFile {
    version: u32,
    /// Output path relative to the output folder -> entry.
    outputs: BTreeMap<String, Entry>,
}

/// This run's journal file, opened at the first output.
enum Journal {
    Unopened,
    Open(File),
    /// It could not be opened or written: not tried again.
    Failed,
}

/// One line of the journal.
#[derive(Serialize, Deserialize)]
struct JournalLine {
    output: String,
    #[serde(flatten)]
    entry: Entry,
}

/// The manifest of one output folder, as read at the start of a batch, plus what this batch wrote.
/// Only one run uses an output folder at a time (see `lock`).
pub struct Manifest {
    dir: PathBuf,
    old: BTreeMap<String, Entry>,
    new: Mutex<BTreeMap<String, Entry>>,
    /// Written through a shared lock: workers append to it at the same time (see
    /// [`Manifest::record`]).
    journal: RwLock<Journal>,
    /// A write to the journal failed: it is not written again.
    journal_failed: AtomicBool,
    pruned: Mutex<Vec<String>>,
}

impl Manifest {
    /// Reads the manifest of `dir` and folds in the journal a killed run left, writing the result
    /// back at once so that this run's journal starts empty. A missing, unreadable or odd one
    /// (not a regular file, too large) is empty: everything rebuilds. Call it holding the lock.
    pub fn load(dir: &Path) -> Manifest {
        let (old, had_journal) = read_state(dir, true);
        let manifest = Manifest {
            dir: dir.to_path_buf(),
            old,
            new: Mutex::new(BTreeMap::new()),
            journal: RwLock::new(Journal::Unopened),
            journal_failed: AtomicBool::new(false),
            pruned: Mutex::new(Vec::new()),
        };
        if had_journal && manifest.write(&manifest.old).is_ok() {
            let _ = std::fs::remove_file(dir.join(JOURNAL));
        }
        manifest
    }

    /// Whether `output` exists, is newer than `input` and has a manifest entry: the cheap part of
    /// the up-to-date check, from file metadata alone, so that the input need not be read.
    pub fn may_be_current(&self, input: &Path, output: &Path) -> bool {
        // The entry first: it costs no system call, and a new output has none.
        if !self.old.contains_key(&self.relative(output)) {
            return false;
        }
        let (Ok(input_meta), Ok(output_meta)) =
            (std::fs::metadata(input), std::fs::symlink_metadata(output))
        else {
            return false;
        };
        let newer = match (input_meta.modified(), output_meta.modified()) {
            (Ok(i), Ok(o)) => o >= i,
            _ => false,
        };
        newer && output_meta.is_file()
    }

    /// The manifest of `dir` as it stands, with the journal folded in but nothing written back:
    /// for commands that only look (`deps`).
    pub fn read(dir: &Path) -> Manifest {
        Manifest {
            dir: dir.to_path_buf(),
            old: read_state(dir, false).0,
            new: Mutex::new(BTreeMap::new()),
            journal: RwLock::new(Journal::Unopened),
            journal_failed: AtomicBool::new(false),
            pruned: Mutex::new(Vec::new()),
        }
    }

    /// Whether a path is an output this folder's manifest records: a file this tool wrote, not
    /// a source, whatever folder the batch reads. The folder is resolved once, here.
    /// A path is resolved only when its file name is one of the recorded outputs' (resolving
    /// costs system calls for every folder in it).
    pub fn made_here(&self) -> impl Fn(&Path) -> bool + '_ {
        let dir = std::fs::canonicalize(&self.dir).ok();
        let names: std::collections::HashSet<&str> = (self.old.keys())
            .filter_map(|k| k.rsplit('/').next())
            .collect();
        move |path| {
            let named = (path.file_name()).is_some_and(|n| names.contains(&*n.to_string_lossy()));
            if !named {
                return false;
            }
            let (Some(dir), Ok(file)) = (&dir, std::fs::canonicalize(path)) else {
                return false;
            };
            let rel = file.strip_prefix(dir);
            rel.is_ok_and(|rel| {
                self.old
                    .contains_key(&rel.to_string_lossy().replace('\\', "/"))
            })
        }
    }

    /// Whether the manifest records `output` as made from the same text with the same options
    /// (`key`). With [`Manifest::may_be_current`], the output's bytes are up to date.
    pub fn records(&self, output: &Path, key: &str) -> bool {
        self.old
            .get(&self.relative(output))
            .is_some_and(|e| e.key == key)
    }

    /// Whether `output`'s input was last checked under these reporting rules, so that checking it
    /// again would report the same.
    pub fn checked_under(&self, output: &Path, rules: &str) -> bool {
        self.old
            .get(&self.relative(output))
            .is_some_and(|e| e.rules == rules)
    }

    /// Records that `output` is current as `entry` says, in memory and in the journal.
    pub fn record(&self, output: &Path, entry: Entry) {
        let output = self.relative(output);
        if let Ok(mut line) = serde_json::to_vec(&JournalLine {
            output: output.clone(),
            entry: entry.clone(),
        }) {
            line.push(b'\n');
            self.append(&line);
        }
        self.new.lock().expect("manifest").insert(output, entry);
    }

    /// Appends a line to this run's journal, opened at the first. One write per line, unbuffered,
    /// in append mode: a killed process loses at most the lines being written, the reader skips
    /// a partial line, and workers write at the same time without waiting for each other (each
    /// line lands whole: appends of a few hundred bytes to a regular file are not interleaved). A
    /// journal that cannot be written only costs crash safety; the manifest is still saved at the
    /// end.
    fn append(&self, line: &[u8]) {
        if matches!(*self.journal.read().expect("journal"), Journal::Unopened) {
            let mut journal = self.journal.write().expect("journal");
            if matches!(*journal, Journal::Unopened) {
                *journal =
                    open_journal(&self.dir.join(JOURNAL)).map_or(Journal::Failed, Journal::Open);
            }
        }
        if let Journal::Open(file) = &*self.journal.read().expect("journal") {
            if !self.journal_failed.load(Ordering::Relaxed) && (&*file).write_all(line).is_err() {
                self.journal_failed.store(true, Ordering::Relaxed);
            }
        }
    }

    /// The outputs (relative to the output folder) that the manifest records as made from an
    /// input that no longer exists, sorted.
    pub fn orphans(&self) -> Vec<String> {
        let new = self.new.lock().expect("manifest");
        // An output this batch made was made from an input it just read: only the others are
        // looked at on disk (two system calls each).
        (self.old.iter())
            .filter(|(output, _)| !new.contains_key(*output))
            .filter(|(output, entry)| {
                entry.input.as_ref().is_some_and(|input| {
                    std::fs::symlink_metadata(self.dir.join(input))
                        .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                }) && std::fs::symlink_metadata(self.dir.join(output)).is_ok_and(|m| m.is_file())
            })
            .map(|(output, _)| output.clone())
            .collect()
    }

    /// Removes `output` (relative to the output folder; a regular file only) and its entry.
    pub fn prune(&self, output: &str) -> bool {
        let removed = super::write::remove_stale(&self.dir.join(output));
        if removed {
            self.pruned.lock().expect("pruned").push(output.to_string());
        }
        removed
    }

    /// Writes the manifest back, merged: the entries on disk now (the manifest and any journal)
    /// under those of this batch, less pruned entries and entries whose output is gone. Nothing
    /// another run recorded is lost. Then the journal is removed.
    pub fn save(&self) -> std::io::Result<()> {
        let new = self.new.lock().expect("manifest");
        let pruned = self.pruned.lock().expect("pruned");
        // Close the journal before it is removed.
        let had_journal = !matches!(
            std::mem::replace(
                &mut *self.journal.write().expect("journal"),
                Journal::Failed
            ),
            Journal::Unopened
        );
        if new.is_empty() && pruned.is_empty() && !had_journal {
            return Ok(());
        }
        let (mut merged, _) = read_state(&self.dir, false);
        // Entries whose output is gone are dropped; this batch's outputs were just written.
        merged.retain(|output, _| {
            new.contains_key(output)
                || std::fs::symlink_metadata(self.dir.join(output)).is_ok_and(|m| m.is_file())
        });
        merged.extend(new.iter().map(|(k, v)| (k.clone(), v.clone())));
        for output in pruned.iter() {
            merged.remove(output);
        }
        self.write(&merged)?;
        match std::fs::remove_file(self.dir.join(JOURNAL)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Replaces the manifest file atomically with `outputs`.
    fn write(&self, outputs: &BTreeMap<String, Entry>) -> std::io::Result<()> {
        let file = ManifestFile {
            version: VERSION,
            outputs: outputs.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        let path = self.dir.join(MANIFEST);
        // Something that is not a regular file under the manifest's name (a link, a FIFO) was
        // ignored when reading; it is replaced, never written through.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
            std::fs::remove_file(&path)?;
        }
        super::write::atomic(&self.dir, &path, &bytes)
    }

    fn relative(&self, output: &Path) -> String {
        output
            .strip_prefix(&self.dir)
            .unwrap_or(output)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// The entries of the manifest of `dir` with its journal folded in, and whether there was a
/// journal. With `warn`, says on standard error why a file was ignored.
fn read_state(dir: &Path, warn: bool) -> (BTreeMap<String, Entry>, bool) {
    let mut outputs = read_regular(&dir.join(MANIFEST), warn)
        .and_then(|bytes| serde_json::from_slice::<ManifestFile>(&bytes).ok())
        .filter(|m| m.version == VERSION)
        .map(|m| m.outputs)
        .unwrap_or_default();
    let journal = read_regular(&dir.join(JOURNAL), warn);
    let had_journal = journal.is_some();
    for line in journal.iter().flat_map(|j| j.split(|b| *b == b'\n')) {
        // A line cut short by a kill does not parse and is skipped.
        if let Ok(l) = serde_json::from_slice::<JournalLine>(line) {
            outputs.insert(l.output, l.entry);
        }
    }
    (outputs, had_journal)
}

/// The bytes of `path` if it is a regular file (not a link) of at most
/// [`regular::STATE_LIMIT`] bytes: a device or a FIFO is never read (a FIFO would block,
/// `/dev/zero` would never end). A missing or unreadable file is silently empty; anything else
/// under its name is ignored with a warning.
fn read_regular(path: &Path, warn: bool) -> Option<Vec<u8>> {
    match regular::read_not_linked(path, regular::STATE_LIMIT) {
        Ok(bytes) => Some(bytes),
        Err(regular::Refused::Io(_)) => None,
        Err(why) => {
            if warn {
                eprintln!(
                    "warning: ignoring {}: {why}; it will be rebuilt",
                    super::render::path(&path.display().to_string())
                );
            }
            None
        }
    }
}

/// Opens the journal for appending; something else under its name is replaced, not followed.
fn open_journal(path: &Path) -> Option<File> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        std::fs::remove_file(path).ok()?;
    }
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .ok()
}

/// `input` relative to the output folder `dir`, with `/` separators (neither needs to exist; no
/// link is resolved), for the manifest; absolute when no relative path leads there.
pub fn relative_input(dir: &Path, input: &Path) -> Option<String> {
    let (Ok(dir), Ok(input)) = (super::cwd::absolute(dir), super::cwd::absolute(input)) else {
        return None;
    };
    let (d, i) = (normal(&dir), normal(&input));
    let common = d.iter().zip(&i).take_while(|(a, b)| a == b).count();
    // `..` in what is left cannot be undone without resolving links; nor a different root.
    if common == 0
        || d[common..]
            .iter()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Some(input.to_string_lossy().replace('\\', "/"));
    }
    let mut rel = PathBuf::new();
    for _ in common..d.len() {
        rel.push("..");
    }
    rel.extend(&i[common..]);
    Some(rel.to_string_lossy().replace('\\', "/"))
}

fn normal(p: &Path) -> Vec<Component<'_>> {
    p.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// A hex SHA-256 of the tool's version, `format`, `fingerprint` and `text`: the key of one output
/// (`fingerprint` being the options that change that format's bytes), or of anything else.
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

    fn entry(key: &str) -> Entry {
        Entry {
            key: key.into(),
            input: Some("in.txt".into()),
            rules: "r".into(),
        }
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
        m.record(&output, entry("k"));
        m.save().unwrap();
        assert!(!dir.path().join(JOURNAL).exists());
        let m = Manifest::load(dir.path());
        assert!(m.is_current(&input, &output, "k"));
        assert!(!m.is_current(&input, &output, "other"));
        assert!(m.checked_under(&output, "r"));
        assert!(!m.checked_under(&output, "other rules"));
    }

    #[test]
    fn a_killed_runs_journal_is_folded_in() {
        let dir = tempfile::tempdir().unwrap();
        let (input, output) = (dir.path().join("in.txt"), dir.path().join("in.xml"));
        std::fs::write(&input, "x").unwrap();
        std::fs::write(&output, "y").unwrap();
        let m = Manifest::load(dir.path());
        m.record(&output, entry("k"));
        // Killed before save: the journal holds the entry, and a line cut short after it.
        drop(m);
        let mut j = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join(JOURNAL))
            .unwrap();
        j.write_all(b"{\"output\":\"b.xml\",\"ke").unwrap();
        let m = Manifest::load(dir.path());
        assert!(m.is_current(&input, &output, "k"));
        // Folded into the manifest at once, so that this run's journal starts afresh.
        assert!(!dir.path().join(JOURNAL).exists());
        assert!(dir.path().join(MANIFEST).is_file());
    }

    #[test]
    fn relative_inputs() {
        let rel = |d: &str, i: &str| relative_input(Path::new(d), Path::new(i)).unwrap();
        assert_eq!(rel("/a/out", "/a/in/x.txt"), "../in/x.txt");
        assert_eq!(rel("/a/out", "/a/out/x.txt"), "x.txt");
        assert_eq!(rel("/a/out/./sub", "/b/x.txt"), "../../../b/x.txt");
        assert_eq!(rel("/a/../out", "/b/x.txt"), "/b/x.txt");
    }
}
