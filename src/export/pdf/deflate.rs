//! Deflating the file's streams with compressors kept per thread: setting one up (its window
//! and tables, a few hundred kilobytes) costs more than deflating a page, so each thread makes
//! one per level and resets it between streams and documents.

use lopdf::{Object, Stream};
use std::cell::RefCell;

/// The level of the pages' contents and other streams: most of level 9's gain at a fraction of
/// its cost.
pub(super) const STREAMS: u32 = 3;
/// The level of the object streams (many small dictionaries): deflated once, read rarely.
pub(super) const OBJECTS: u32 = 1;

thread_local! {
    /// Compressors not in use, with their levels.
    static SPARE: RefCell<Vec<(u32, flate2::Compress)>> = const { RefCell::new(Vec::new()) };
}

/// A compressor at one level, taken from this thread's spares and given back when dropped.
pub(super) struct Deflater {
    level: u32,
    compress: Option<flate2::Compress>,
}

impl Deflater {
    pub(super) fn new(level: u32) -> Deflater {
        let spare = SPARE.with(|spare| {
            let mut spare = spare.borrow_mut();
            let i = spare.iter().position(|(l, _)| *l == level)?;
            Some(spare.swap_remove(i).1)
        });
        let compress =
            spare.unwrap_or_else(|| flate2::Compress::new(flate2::Compression::new(level), true));
        Deflater {
            level,
            compress: Some(compress),
        }
    }

    fn compress(&mut self) -> &mut flate2::Compress {
        self.compress.as_mut().expect("held until dropped")
    }

    /// Deflates `stream` unless it is filtered already or would not shrink.
    pub(super) fn deflate(&mut self, stream: &mut Stream) {
        if stream.dict.has(b"Filter") {
            return;
        }
        if let Some(packed) = self.pack(&stream.content) {
            stream.set_content(packed);
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        }
    }

    /// `content` deflated, when that makes it shorter (without spare room: what is deflated is
    /// held until the file is written).
    pub(super) fn pack(&mut self, content: &[u8]) -> Option<Vec<u8>> {
        let mut packed = Vec::with_capacity(content.len() / 2 + 64);
        self.compress().reset();
        self.feed(content, &mut packed, true).ok()?;
        (packed.len() < content.len()).then(|| {
            packed.shrink_to_fit();
            packed
        })
    }

    /// Starts a stream fed in pieces with [`Deflater::feed`].
    pub(super) fn start(&mut self) {
        self.compress().reset();
    }

    /// Deflates `piece` of the stream onto `out`; `last` ends the stream.
    pub(super) fn feed(
        &mut self,
        piece: &[u8],
        out: &mut Vec<u8>,
        last: bool,
    ) -> Result<(), flate2::CompressError> {
        let flush = if last {
            flate2::FlushCompress::Finish
        } else {
            flate2::FlushCompress::None
        };
        let compress = self.compress();
        let before = compress.total_in();
        loop {
            let consumed = (compress.total_in() - before) as usize;
            if out.capacity() - out.len() < 64 {
                out.reserve(out.capacity().max(1024));
            }
            let status = compress.compress_vec(&piece[consumed..], out, flush)?;
            let all_in = (compress.total_in() - before) as usize == piece.len();
            // Done when the stream has ended, or (for a piece) when its input is in and the
            // compressor left room in `out`: it holds nothing more to give yet.
            if status == flate2::Status::StreamEnd
                || (!last && all_in && out.capacity() > out.len())
            {
                return Ok(());
            }
        }
    }
}

impl Drop for Deflater {
    fn drop(&mut self) {
        if let Some(compress) = self.compress.take() {
            let level = self.level;
            // A thread being torn down keeps nothing.
            let _ = SPARE.try_with(|spare| spare.borrow_mut().push((level, compress)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn sample(n: usize) -> Vec<u8> {
        (0..n)
            .map(|i| b"BT /F1 11 Tf 72 700 Td (motion) Tj ET\n"[i % 38] ^ (i / 997) as u8)
            .collect()
    }

    #[test]
    fn a_reused_compressor_gives_the_bytes_of_a_fresh_one() {
        let (a, b) = (sample(20_000), sample(7_000));
        let fresh = Deflater::new(STREAMS).pack(&b).unwrap();
        {
            let mut used = Deflater::new(STREAMS);
            used.pack(&a).unwrap();
            assert_eq!(used.pack(&b).unwrap(), fresh);
        }
        // Taken back from the spares.
        assert_eq!(Deflater::new(STREAMS).pack(&b).unwrap(), fresh);
        assert_eq!(inflate(&fresh), b);
    }

    #[test]
    fn a_stream_fed_in_pieces_inflates_to_the_pieces() {
        let data = sample(300_000);
        let mut d = Deflater::new(OBJECTS);
        d.start();
        let mut out = Vec::new();
        for piece in data.chunks(65_536) {
            d.feed(piece, &mut out, false).unwrap();
        }
        d.feed(&[], &mut out, true).unwrap();
        assert_eq!(inflate(&out), data);
    }

    #[test]
    fn what_would_not_shrink_is_not_packed() {
        let mut x = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        assert_eq!(Deflater::new(STREAMS).pack(&noise), None);
    }
}
