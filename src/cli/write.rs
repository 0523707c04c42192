//! Writing outputs atomically: a hidden temporary file in the target folder, renamed over the
//! target only when complete, so a crash or an error never leaves a partial file under an
//! output's name. Folders are created inside the output folder without following symbolic links.

use std::io::Write;
use std::path::{Component, Path};

/// Writes `bytes` to `path` (inside `root`) atomically. An output straight in `root` costs no
/// check of folders: the batch made `root` at its start, and only when the temporary file cannot
/// be made there (`root` went away) is it made again.
pub fn atomic(root: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(root);
    let in_root = dir == root;
    if !in_root {
        create_dirs(root, dir)?;
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(format!(
            "{} is a symbolic link; refusing to write through it",
            path.display()
        )));
    }
    let mut tmp = match temporary_in(dir) {
        Err(e) if in_root && e.kind() == std::io::ErrorKind::NotFound => {
            create_dirs(root, dir)?;
            temporary_in(dir)?
        }
        made => made?,
    };
    // Through the plain file, so errors (e.g. a full disk) do not name the temporary file.
    tmp.as_file_mut().write_all(bytes)?;
    set_readable(tmp.as_file())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The prefix and suffix of every temporary file this tool makes; [`remove_leftovers`] removes
/// those a killed run left.
const TMP_PREFIX: &str = ".motion-export-";
const TMP_SUFFIX: &str = ".tmp";

/// A new temporary file in `dir`, named with the tool's temporary pattern, created with the
/// mode outputs have (0644, less the umask). `dir` is made absolute here, against the current
/// folder read once ([`super::cwd`]): the temporary file's crate would otherwise ask for it for
/// every file.
pub fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = super::cwd::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut builder = tempfile::Builder::new();
    builder.prefix(TMP_PREFIX).suffix(TMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(OUTPUT_MODE));
    }
    builder.tempfile_in(dir)
}

/// The mode of every output, whatever the umask.
#[cfg(unix)]
const OUTPUT_MODE: u32 = 0o644;

/// Removes the temporary files of this tool (`.motion-export-*.tmp`) that a killed run left below
/// `root`, if they are older than `before`. Symbolic links are neither followed nor removed. Call
/// it only while holding the output folder's lock, so that no live run owns them. Returns how many
/// were removed.
pub fn remove_leftovers(root: &Path, before: std::time::SystemTime) -> usize {
    let mut removed = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file()
                && name.starts_with(TMP_PREFIX)
                && name.ends_with(TMP_SUFFIX)
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t < before)
                && std::fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// Gives a temporary file [`OUTPUT_MODE`]: it was created with it, so only a umask that takes
/// bits from it (read once) needs a `chmod`.
#[cfg(unix)]
fn set_readable(f: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if umask_keeps_output_mode() {
        return Ok(());
    }
    f.set_permissions(std::fs::Permissions::from_mode(OUTPUT_MODE))
}

/// Whether the process's umask takes no bit of [`OUTPUT_MODE`], from `/proc/self/status` (Linux;
/// elsewhere, or unreadable, it is taken to: every output is then `chmod`ed). This program never
/// changes its umask.
#[cfg(unix)]
fn umask_keeps_output_mode() -> bool {
    static KEEPS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *KEEPS.get_or_init(|| {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        (status.lines())
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
            .is_some_and(|umask| umask & OUTPUT_MODE == 0)
    })
}

#[cfg(not(unix))]
fn set_readable(_f: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Creates `dir` and the folders between `root` and it. Below `root`, a symbolic link where a
/// folder is expected is refused: outputs never land outside the output folder.
fn create_dirs(root: &Path, dir: &Path) -> std::io::Result<()> {
    if !root.exists() {
        std::fs::create_dir_all(root).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot create folder {}: {e}", root.display()),
            )
        })?;
    }
    let rel = dir.strip_prefix(root).unwrap_or(Path::new(""));
    let mut current = root.to_path_buf();
    for c in rel.components() {
        let Component::Normal(name) = c else { continue };
        current.push(name);
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(std::io::Error::other(format!(
                    "{} is a symbolic link; refusing to write through it",
                    current.display()
                )));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(std::io::Error::other(format!(
                    "{} exists and is not a folder",
                    current.display()
                )))
            }
            // Another worker (or run) may create the same folder at the same moment: that is fine.
            Err(_) => match std::fs::create_dir(&current) {
                Ok(()) => {}
                Err(e)
                    if e.kind() == std::io::ErrorKind::AlreadyExists
                        && std::fs::symlink_metadata(&current).is_ok_and(|m| m.is_dir()) => {}
                Err(e) => {
                    return Err(std::io::Error::new(
                        e.kind(),
                        format!("cannot create folder {}: {e}", current.display()),
                    ))
                }
            },
        }
    }
    Ok(())
}

/// Removes an output left by an earlier run when the input now fails, so no stale file remains.
/// Returns whether a file was removed.
pub fn remove_stale(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) && std::fs::remove_file(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output straight in the output folder skips the folder checks, but a folder that went
    /// away is made again, and a link under the output's name is still refused.
    #[test]
    fn an_output_folder_that_went_away_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        atomic(&root, &root.join("a.xml"), b"one").unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        atomic(&root, &root.join("a.xml"), b"two").unwrap();
        assert_eq!(std::fs::read(root.join("a.xml")).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(root.join("a.xml"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
            std::os::unix::fs::symlink(dir.path().join("elsewhere"), root.join("b.xml")).unwrap();
            assert!(atomic(&root, &root.join("b.xml"), b"x").is_err());
            assert!(!dir.path().join("elsewhere").exists());
        }
    }

    #[test]
    fn writes_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/a.xml");
        atomic(dir.path(), &target, b"one").unwrap();
        atomic(dir.path(), &target, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["a.xml"]);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinked_folders() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("sub")).unwrap();
        assert!(atomic(dir.path(), &dir.path().join("sub/a.xml"), b"x").is_err());
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }

    #[test]
    fn removes_only_old_temporaries_of_its_own_pattern() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in [
            "sub/.motion-export-abc.tmp",
            ".motion-export-x.tmp",
            "keep.tmp",
            ".motion-export-y",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        assert_eq!(remove_leftovers(dir.path(), std::time::UNIX_EPOCH), 0);
        assert_eq!(remove_leftovers(dir.path(), later), 2);
        assert!(dir.path().join("keep.tmp").exists());
        assert!(dir.path().join(".motion-export-y").exists());
    }
}
