//! One writer per output folder: an advisory lock on `.motion-export.lock` in the folder, holding
//! the holder's process id. The operating system releases it when the process ends, however it
//! ends; a run that finishes removes the file.

use super::{interrupted, Fatal};
use fs4::FileExt;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The lock file's name, inside the output folder.
pub const LOCK: &str = ".motion-export.lock";

/// The output folder's lock, held until dropped.
pub struct DirLock {
    path: PathBuf,
    file: File,
}

/// Takes the lock of `dir`. When another run holds it: waits (saying once, on standard error,
/// which process it waits for), or with `wait` false fails at once naming the folder and holder.
pub fn acquire(dir: &Path, wait: bool) -> Result<DirLock, Fatal> {
    let path = dir.join(LOCK);
    let mut said = false;
    loop {
        let mut file = open(&path)?;
        // Through the trait: std's own File::try_lock needs a newer Rust than ours.
        match FileExt::try_lock(&file) {
            Ok(()) if still_named(&file, &path) => {
                let pid = std::process::id();
                // The pid is for people and for the message of a waiting run; a failure to write
                // it does not weaken the lock.
                let _ = file
                    .set_len(0)
                    .and_then(|()| file.write_all(format!("{pid}\n").as_bytes()));
                return Ok(DirLock { path, file });
            }
            // The holder removed the file as we opened it: take the lock of the new one.
            Ok(()) => continue,
            Err(fs4::TryLockError::WouldBlock) => {}
            Err(fs4::TryLockError::Error(e)) => {
                return Err(Fatal::Io(format!("cannot lock {}: {e}", path.display())))
            }
        }
        let holder = holder(&mut file);
        if !wait {
            return Err(Fatal::Io(format!(
                "output folder {} is in use by another motion-export run (pid {holder}); \
                 without --no-wait this run would wait for it",
                dir.display()
            )));
        }
        if !said {
            eprintln!(
                "waiting for motion-export (pid {holder}), which is writing to {}",
                super::render::path(&dir.display().to_string())
            );
            said = true;
        }
        drop(file);
        if interrupted() {
            return Err(Fatal::Io(format!(
                "interrupted while waiting for the lock of {}",
                dir.display()
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn open(path: &Path) -> Result<File, Fatal> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Fatal::Io(format!(
            "{} is not a regular file; remove it to convert into this folder",
            path.display()
        )));
    }
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Fatal::Io(format!("cannot open {}: {e}", path.display())))
}

/// Whether the locked `file` is still the one named `path` (a finishing run removes the file; a
/// lock on the removed file would lock nothing).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> bool {
    true
}

/// The process id the holder wrote, or `?`.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file
        .rewind()
        .and_then(|()| file.take(32).read_to_string(&mut text));
    match text.trim().parse::<u32>() {
        Ok(pid) => pid.to_string(),
        Err(_) => "?".into(),
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Removed while still held, so that a waiting run re-opens the path (see `still_named`).
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_without_waiting_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let held = acquire(dir.path(), false).ok().unwrap();
        // flock locks belong to the open file: a second open in the same process conflicts too.
        let Err(Fatal::Io(msg)) = acquire(dir.path(), false) else {
            panic!("locked twice");
        };
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        drop(held);
        assert!(acquire(dir.path(), false).is_ok());
    }
}
