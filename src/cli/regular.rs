//! Reading the files that are not inputs (configuration, fonts, the output folder's own state):
//! regular files only, within a size limit, so that a device, a FIFO or a huge file is a clear
//! error instead of a hang or exhausted memory.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Configuration files are a few lines.
pub const CONFIG_LIMIT: u64 = 1 << 20;
/// Fonts with every script run to tens of megabytes; none reaches this.
pub const FONT_LIMIT: u64 = 64 << 20;
/// The manifest and journal of an output folder: a few hundred bytes per output.
pub const STATE_LIMIT: u64 = 256 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    /// A folder, device, FIFO or socket (after following symbolic links).
    NotRegular,
    /// Larger than the limit, in bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NotRegular => f.write_str("not a regular file (a folder, device or FIFO)"),
            Refused::TooLarge(limit) => write!(f, "larger than {} MiB", limit >> 20),
            Refused::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Opens `path` if it is a regular file of at most `limit` bytes. A symbolic link to a regular
/// file is fine; one to a device is not.
pub fn open(path: &Path, limit: u64) -> Result<File, Refused> {
    open_checked(path, limit, |p| std::fs::metadata(p))
}

/// [`open`], checking `path` itself with `stat` (`metadata` follows links, `symlink_metadata`
/// refuses them) before opening it.
fn open_checked(
    path: &Path,
    limit: u64,
    stat: fn(&Path) -> std::io::Result<std::fs::Metadata>,
) -> Result<File, Refused> {
    // Checked before opening too, because opening a FIFO waits for a writer.
    if !stat(path).map_err(Refused::Io)?.is_file() {
        return Err(Refused::NotRegular);
    }
    let file = open_nonblocking(path).map_err(Refused::Io)?;
    // The file opened is the one that counts: the path may have changed since.
    let meta = file.metadata().map_err(Refused::Io)?;
    if !meta.is_file() {
        return Err(Refused::NotRegular);
    }
    if meta.len() > limit {
        return Err(Refused::TooLarge(limit));
    }
    Ok(file)
}

/// The bytes of `path`, a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    read_from(open(path, limit)?, limit)
}

/// [`read`], refusing a symbolic link too: for the tool's own files in the output folder, which
/// are never read or written through a link.
pub fn read_not_linked(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    read_from(
        open_checked(path, limit, |p| std::fs::symlink_metadata(p))?,
        limit,
    )
}

fn read_from(file: File, limit: u64) -> Result<Vec<u8>, Refused> {
    let mut bytes = Vec::new();
    // At most limit + 1 bytes: the file may grow while it is read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Reads of a regular file ignore O_NONBLOCK; opening a FIFO with it returns at once.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit() {
        assert!(matches!(
            read(Path::new("/dev/zero"), 10),
            Err(Refused::NotRegular)
        ));
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read(dir.path(), 10), Err(Refused::NotRegular)));
        let file = dir.path().join("f");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read(&file, 5).unwrap(), b"12345");
        assert!(matches!(read(&file, 4), Err(Refused::TooLarge(4))));
        assert_eq!(read_not_linked(&file, 5).unwrap(), b"12345");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(read(&link, 5).unwrap(), b"12345");
            assert!(matches!(
                read_not_linked(&link, 5),
                Err(Refused::NotRegular)
            ));
        }
    }
}
