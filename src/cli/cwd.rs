//! Absolute paths without a `getcwd` per file: the current folder is read once, at the first
//! use, since this program never changes it. The batch resolves every input and output against
//! it (the manifest's relative inputs, the temporary files' folders).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `path` made absolute as [`std::path::absolute`] makes it (`.` dropped, `..` kept, no link
/// resolved), against the current folder read once.
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    if path.is_absolute() {
        return std::path::absolute(path);
    }
    static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) => std::path::absolute(cwd.join(path)),
        None => std::path::absolute(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_as_std() {
        for p in ["a/./b/../c", "./x", "/abs/./y", "..", "a//b"] {
            assert_eq!(
                absolute(Path::new(p)).unwrap(),
                std::path::absolute(p).unwrap()
            );
        }
    }
}
