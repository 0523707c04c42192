//! The zip container of a DOCX, written in memory: each entry's local header, its deflated data
//! and, at the end, the central directory (APPNOTE 6.3, without zip64: a part or the archive past
//! 4 GiB is an error, far beyond any motion the reader accepts).
//!
//! One deflate state serves every entry of every archive a thread writes, reset between
//! entries: setting one up costs more than deflating a small part (about 0.44 M instructions
//! against 0.18 M for a reset), and a DOCX has nine parts, most of them small. The parts that
//! repeat from document to document (relationships, content types, styles, settings) are
//! deflated once per thread and copied after that ([`Zip::repeated`]): the same bytes, since
//! deflate from a reset state gives the same output for the same input.

use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;
use std::collections::HashMap;

/// The deflate level. Measured on the seed motion: level 2 gives 12.1 KB in about 0.36 ms a
/// document, level 6 (zlib's default) 11.6 KB in about 0.55 ms; deflate is most of the time.
const LEVEL: u32 = 2;

/// Every entry's time and date, in MS-DOS form: 1980-01-01 00:00:00, the earliest a zip holds.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// "Version made by": Unix (3), APPNOTE 2.0; so that readers take the external attributes as
/// Unix permissions.
const MADE_BY: u16 = (3 << 8) | 20;
/// "Version needed to extract": 2.0, deflate.
const NEEDED: u16 = 20;
/// A regular file, `rw-r--r--`.
const UNIX_MODE: u32 = 0o100_644;
/// Bit 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;
const DEFLATED: u16 = 8;

/// Parts deflated once per thread, at most this many (a batch in every language and style has
/// a few dozen); past it the cache starts again.
const REPEATED_MAX: usize = 64;

thread_local! {
    /// The thread's deflate state, lent to one archive at a time.
    static DEFLATER: RefCell<Option<Compress>> = const { RefCell::new(None) };
    /// Parts that repeat across documents, by their content: their checksum and deflated bytes.
    static REPEATED: RefCell<HashMap<Box<[u8]>, Deflated>> = RefCell::new(HashMap::new());
}

/// A part deflated: its checksum and its deflated bytes.
#[derive(Clone)]
struct Deflated {
    crc: u32,
    bytes: Box<[u8]>,
}

/// A zip archive being written, one entry at a time.
pub(super) struct Zip {
    out: Vec<u8>,
    entries: Vec<Entry>,
    /// The thread's deflate state while the archive is written; given back when it is dropped.
    deflater: Option<Compress>,
    /// The entry being written, if any.
    open: Option<Open>,
}

/// An entry written, as the central directory records it.
struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// The entry being written: where its header and data start, and the checksum so far.
struct Open {
    name: String,
    offset: usize,
    data: usize,
    crc: crc32fast::Hasher,
    size: u64,
}

/// Why an archive cannot be written.
#[derive(Debug)]
pub(super) enum ZipError {
    /// Deflate failed (it does not, on memory it was given).
    Deflate(String),
    /// A part or the archive is past what a zip without zip64 holds.
    TooLarge,
}

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipError::Deflate(message) => write!(f, "deflate: {message}"),
            ZipError::TooLarge => f.write_str("the document is past the 4 GiB a zip can hold"),
        }
    }
}

impl Zip {
    /// An empty archive, with room for `capacity` bytes.
    pub(super) fn with_capacity(capacity: usize) -> Zip {
        let deflater = DEFLATER
            .with(|d| d.borrow_mut().take())
            .unwrap_or_else(|| Compress::new(Compression::new(LEVEL), false));
        let deflater = Some(deflater);
        Zip {
            out: Vec::with_capacity(capacity),
            entries: Vec::new(),
            deflater,
            open: None,
        }
    }

    /// Starts the entry `name`, ending the one before.
    pub(super) fn start(&mut self, name: &str) -> Result<(), ZipError> {
        self.end()?;
        let offset = self.out.len();
        self.local_header(name, 0, 0, 0);
        self.open = Some(Open {
            name: name.to_string(),
            offset,
            data: self.out.len(),
            crc: crc32fast::Hasher::new(),
            size: 0,
        });
        // A state fresh from `Compress::new` needs no reset.
        if let Some(deflater) = self.deflater.as_mut().filter(|d| d.total_out() > 0) {
            deflater.reset();
        }
        Ok(())
    }

    /// More of the open entry's content.
    pub(super) fn write(&mut self, bytes: &[u8]) -> Result<(), ZipError> {
        let Some(open) = &mut self.open else {
            return Ok(());
        };
        open.crc.update(bytes);
        open.size += bytes.len() as u64;
        self.deflate(bytes, FlushCompress::None)
    }

    /// A whole entry whose content repeats across documents: deflated once per thread, copied
    /// after that.
    pub(super) fn repeated(&mut self, name: &str, content: &[u8]) -> Result<(), ZipError> {
        let cached = REPEATED.with(|r| r.borrow().get(content).cloned());
        let deflated = match cached {
            Some(deflated) => deflated,
            None => {
                self.start(name)?;
                self.write(content)?;
                self.deflate(&[], FlushCompress::Finish)?;
                let data = self.open.as_ref().map_or(self.out.len(), |o| o.data);
                let deflated = Deflated {
                    crc: crc32fast::hash(content),
                    bytes: self.out[data..].into(),
                };
                self.out
                    .truncate(self.open.take().map_or(self.out.len(), |o| o.offset));
                REPEATED.with(|r| {
                    let mut r = r.borrow_mut();
                    if r.len() >= REPEATED_MAX {
                        r.clear();
                    }
                    r.insert(content.into(), deflated.clone());
                });
                deflated
            }
        };
        self.end()?;
        let entry = Entry {
            name: name.to_string(),
            crc: deflated.crc,
            compressed: fits(deflated.bytes.len())?,
            size: fits(content.len())?,
            offset: fits(self.out.len())?,
        };
        self.local_header(name, entry.crc, entry.compressed, entry.size);
        self.out.extend_from_slice(&deflated.bytes);
        self.entries.push(entry);
        Ok(())
    }

    /// The archive's bytes, its central directory written.
    pub(super) fn finish(mut self) -> Result<Vec<u8>, ZipError> {
        self.end()?;
        let directory = self.out.len();
        for e in &self.entries {
            let out = &mut self.out;
            out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            put16(out, MADE_BY);
            put16(out, NEEDED);
            put16(out, flags(&e.name));
            put16(out, DEFLATED);
            put16(out, DOS_TIME);
            put16(out, DOS_DATE);
            put32(out, e.crc);
            put32(out, e.compressed);
            put32(out, e.size);
            put16(out, e.name.len() as u16);
            put16(out, 0); // extra field
            put16(out, 0); // comment
            put16(out, 0); // disk
            put16(out, 0); // internal attributes
            put32(out, UNIX_MODE << 16);
            put32(out, e.offset);
            out.extend_from_slice(e.name.as_bytes());
        }
        let size = self.out.len() - directory;
        let count = u16::try_from(self.entries.len()).map_err(|_| ZipError::TooLarge)?;
        let (directory, size) = (fits(directory)?, fits(size)?);
        let out = &mut self.out;
        put32(out, 0x0605_4b50);
        put16(out, 0); // this disk
        put16(out, 0); // the directory's disk
        put16(out, count);
        put16(out, count);
        put32(out, size);
        put32(out, directory);
        put16(out, 0); // comment
        Ok(std::mem::take(&mut self.out))
    }

    /// Ends the open entry: the rest of its deflated data, then its sizes and checksum patched
    /// into its local header.
    fn end(&mut self) -> Result<(), ZipError> {
        if self.open.is_none() {
            return Ok(());
        }
        self.deflate(&[], FlushCompress::Finish)?;
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        let entry = Entry {
            crc: open.crc.finalize(),
            compressed: fits(self.out.len() - open.data)?,
            size: u32::try_from(open.size).map_err(|_| ZipError::TooLarge)?,
            offset: fits(open.offset)?,
            name: open.name,
        };
        // CRC, compressed and uncompressed sizes, 14 bytes into the local header.
        let at = open.offset + 14;
        self.out[at..at + 4].copy_from_slice(&entry.crc.to_le_bytes());
        self.out[at + 4..at + 8].copy_from_slice(&entry.compressed.to_le_bytes());
        self.out[at + 8..at + 12].copy_from_slice(&entry.size.to_le_bytes());
        self.entries.push(entry);
        Ok(())
    }

    fn local_header(&mut self, name: &str, crc: u32, compressed: u32, size: u32) {
        let out = &mut self.out;
        put32(out, 0x0403_4b50);
        put16(out, NEEDED);
        put16(out, flags(name));
        put16(out, DEFLATED);
        put16(out, DOS_TIME);
        put16(out, DOS_DATE);
        put32(out, crc);
        put32(out, compressed);
        put32(out, size);
        put16(out, name.len() as u16);
        put16(out, 0); // extra field
        out.extend_from_slice(name.as_bytes());
    }

    /// Deflates `input` onto the archive, to the end of the stream with `FlushCompress::Finish`.
    fn deflate(&mut self, mut input: &[u8], flush: FlushCompress) -> Result<(), ZipError> {
        let Some(deflater) = &mut self.deflater else {
            return Err(ZipError::Deflate("no deflate state".into()));
        };
        loop {
            // With room to write, every call makes progress.
            if self.out.capacity() - self.out.len() < 1024 {
                self.out.reserve(self.out.len().clamp(4096, 1 << 20));
            }
            let before = deflater.total_in();
            let status = deflater
                .compress_vec(input, &mut self.out, flush)
                .map_err(|e| ZipError::Deflate(e.to_string()))?;
            input = &input[(deflater.total_in() - before) as usize..];
            let done = match flush {
                FlushCompress::Finish => status == Status::StreamEnd,
                _ => input.is_empty(),
            };
            if done {
                return Ok(());
            }
        }
    }
}

impl Drop for Zip {
    /// Gives the deflate state back to the thread for its next archive.
    fn drop(&mut self) {
        if let Some(deflater) = self.deflater.take() {
            let _ = DEFLATER.try_with(|d| *d.borrow_mut() = Some(deflater));
        }
    }
}

fn flags(name: &str) -> u16 {
    if name.is_ascii() {
        0
    } else {
        UTF8_NAME
    }
}

fn fits(n: usize) -> Result<u32, ZipError> {
    u32::try_from(n).map_err(|_| ZipError::TooLarge)
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}
