//! Writing the file in the layout lopdf's `save_with_options` gives (streams first, the other
//! objects deflated together in object streams of a thousand, a cross-reference stream), but
//! without holding the file's objects twice: the many small objects of the outline, the structure
//! tree and the link annotations are not lopdf objects at all but compact records, each turned
//! into bytes only when its turn comes (see [`Generated`]), and lopdf's own objects are written
//! where they are rather than cloned into object streams.

use super::deflate::{self, Deflater};
use super::syntax;
use lopdf::{Document, Object, ObjectId};
use std::ops::Range;

/// Objects per object stream.
const PER_STREAM: usize = 1000;

/// Objects kept compact until written: the ids `ids()`, each written on demand.
pub(super) trait Generated {
    fn ids(&self) -> Range<u32>;

    /// Appends object `id`'s bytes, as [`syntax::object`] writes objects.
    fn write(&self, id: u32, out: &mut Vec<u8>);
}

/// Streams written outside object streams and given up once written: the ids `ids()`.
pub(super) trait Streams {
    fn ids(&self) -> Range<u32>;

    /// Appends stream `id` (its dictionary, `stream`, its bytes, `endstream`), and frees it.
    fn write(&mut self, id: u32, out: &mut Vec<u8>);
}

/// Where each object is, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    At(u32),
    InStream { container: u32, index: u16 },
}

/// An object to put in an object stream.
#[derive(Clone, Copy)]
enum Source {
    Doc(u32),
    Generated(u16, u32),
}

impl Source {
    fn id(self) -> u32 {
        match self {
            Source::Doc(id) | Source::Generated(_, id) => id,
        }
    }
}

/// Bytes of an object stream held before they are passed to the compressor.
const STAGE: usize = 1 << 20;

/// Writes `doc` with the `streams` and the `generated` objects (their ids beside the
/// document's, none taken by it).
pub(super) fn write(
    doc: &mut Document,
    streams: Option<&mut dyn Streams>,
    generated: &[&dyn Generated],
) -> std::io::Result<Vec<u8>> {
    let mut out = header(doc)?;
    // Both sized at once: a long motion has hundreds of thousands of objects.
    let generated_count: usize = generated.iter().map(|g| g.ids().len()).sum();
    let mut packed = Vec::with_capacity(doc.objects.len() + generated_count);
    let streams_at_most = packed.capacity().div_ceil(PER_STREAM);
    let mut xref: Vec<Option<Entry>> =
        Vec::with_capacity(doc.max_id as usize + streams_at_most + 2);
    for (&(id, generation), object) in &doc.objects {
        if is_object_stream(object) {
            continue;
        }
        if compressible((id, generation), object) {
            packed.push(Source::Doc(id));
            continue;
        }
        set(&mut xref, id, Entry::At(out.len() as u32));
        indirect(&mut out, id, generation, object, |buf| {
            syntax::object(buf, object)
        });
    }
    if let Some(streams) = streams {
        for id in streams.ids() {
            set(&mut xref, id, Entry::At(out.len() as u32));
            out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
            streams.write(id, &mut out);
            out.extend_from_slice(b" \nendobj\n");
        }
    }
    for (i, g) in generated.iter().enumerate() {
        packed.extend(g.ids().map(|id| Source::Generated(i as u16, id)));
    }
    packed.sort_by_key(|s| s.id());

    let mut streams = 0;
    let mut scratch = Vec::new();
    let mut deflater = Deflater::new(deflate::OBJECTS);
    // Appends one object and its separating space.
    let write_one = |buf: &mut Vec<u8>, source: Source| {
        match source {
            Source::Doc(id) => {
                if let Some(object) = doc.objects.get(&(id, 0)) {
                    syntax::object(buf, object);
                }
            }
            Source::Generated(g, id) => generated[usize::from(g)].write(id, buf),
        }
        buf.push(b' ');
    };
    for chunk in packed.chunks(PER_STREAM) {
        let stream_id = doc.max_id + 1 + streams;
        // Two passes, so that the objects are held as bytes once: their offsets, then the
        // objects after the table of offsets. (Deflating them one by one would hold less, but
        // would not give the bytes lopdf gives.)
        let mut table = String::new();
        let mut offset = 0;
        for (index, &source) in chunk.iter().enumerate() {
            scratch.clear();
            write_one(&mut scratch, source);
            table.push_str(&format!("{} {offset} ", source.id()));
            offset += scratch.len();
            if scratch.capacity() > STAGE {
                // A large object is not kept twice while the stream is written.
                scratch = Vec::new();
            }
            set(
                &mut xref,
                source.id(),
                Entry::InStream {
                    container: stream_id,
                    index: index as u16,
                },
            );
        }
        let first = table.len();
        // The stream's bytes reach the compressor a piece of up to `STAGE` at a time, and the
        // stream is ended apart, as lopdf's encoder ends it (so that the bytes are lopdf's).
        deflater.start();
        let mut deflated = Vec::with_capacity((first + offset).min(STAGE) / 4 + 64);
        let mut content = Vec::with_capacity((first + offset).min(STAGE));
        content.extend_from_slice(table.as_bytes());
        for &source in chunk {
            if content.len() >= STAGE {
                deflater.feed(&content, &mut deflated, false)?;
                content.clear();
            }
            write_one(&mut content, source);
        }
        deflater.feed(&content, &mut deflated, false)?;
        deflater.feed(&[], &mut deflated, true)?;
        drop(content);
        set(&mut xref, stream_id, Entry::At(out.len() as u32));
        out.extend_from_slice(
            format!(
                "{stream_id} 0 obj\n<</Type/ObjStm/N {}/First {first}/Length {}/Filter/FlateDecode>>stream\n",
                chunk.len(),
                deflated.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&deflated);
        out.extend_from_slice(b"\nendstream \nendobj\n");
        streams += 1;
    }
    doc.max_id += streams;
    cross_reference(&mut out, doc, xref);
    Ok(out)
}

/// The file's first two lines: the version, and the binary mark that tells it is not text.
fn header(doc: &Document) -> std::io::Result<Vec<u8>> {
    let mut out = format!("%PDF-{}\n", doc.version).into_bytes();
    if !doc.binary_mark.iter().all(|&b| b >= 128) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "invalid binary mark",
        ));
    }
    out.push(b'%');
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');
    Ok(out)
}

/// Records where object `id` is.
fn set(xref: &mut Vec<Option<Entry>>, id: u32, entry: Entry) {
    let i = id as usize;
    if xref.len() <= i {
        xref.resize(i + 1, None);
    }
    xref[i] = Some(entry);
}

/// Writes `id generation obj ... endobj`, the object written by `body`.
fn indirect(
    out: &mut Vec<u8>,
    id: u32,
    generation: u16,
    object: &Object,
    body: impl FnOnce(&mut Vec<u8>),
) {
    out.extend_from_slice(format!("{id} {generation} obj\n").as_bytes());
    if syntax::needs_separator(object) {
        out.push(b' ');
    }
    body(out);
    if syntax::needs_end_separator(object) {
        out.push(b' ');
    }
    out.extend_from_slice(b"\nendobj\n");
}

fn type_name(object: &Object) -> Option<&[u8]> {
    let dict = match object {
        Object::Dictionary(dict) => dict,
        Object::Stream(stream) => &stream.dict,
        _ => return None,
    };
    dict.get(b"Type").and_then(Object::as_name).ok()
}

/// An object stream left from an earlier save: never written again (lopdf's rule).
fn is_object_stream(object: &Object) -> bool {
    matches!(object, Object::Stream(_)) && type_name(object) == Some(b"ObjStm")
}

/// Whether an object may go into an object stream: not a stream, generation 0, not a
/// cross-reference or object stream dictionary (lopdf's rules; the file is not encrypted).
fn compressible(id: ObjectId, object: &Object) -> bool {
    !matches!(object, Object::Stream(_))
        && id.1 == 0
        && !matches!(type_name(object), Some(b"XRef" | b"ObjStm"))
}

/// The cross-reference stream (the trailer's dictionary, entries of 1, 4 and 2 bytes, not
/// deflated), then `startxref`.
fn cross_reference(out: &mut Vec<u8>, doc: &mut Document, mut xref: Vec<Option<Entry>>) {
    let start = out.len();
    doc.max_id += 1;
    let id = doc.max_id;
    set(&mut xref, id, Entry::At(start as u32));
    let mut data = Vec::new();
    let mut index = Vec::new();
    let mut section: Option<(u32, i64)> = None;
    for (n, entry) in xref.iter().enumerate().skip(1) {
        let Some(entry) = entry else {
            if let Some((first, count)) = section.take() {
                index.extend([Object::Integer(first.into()), Object::Integer(count)]);
            }
            continue;
        };
        let (kind, field, extra) = match *entry {
            Entry::At(offset) => (1u8, offset, 0u16),
            Entry::InStream { container, index } => (2, container, index),
        };
        data.push(kind);
        data.extend(field.to_be_bytes());
        data.extend(extra.to_be_bytes());
        match &mut section {
            Some((_, count)) => *count += 1,
            None => section = Some((n as u32, 1)),
        }
    }
    if let Some((first, count)) = section {
        index.extend([Object::Integer(first.into()), Object::Integer(count)]);
    }
    let trailer = &mut doc.trailer;
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", i64::from(id + 1));
    trailer.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(4),
            Object::Integer(2),
        ]),
    );
    trailer.set("Index", Object::Array(index));
    trailer.remove(b"Filter");
    trailer.set("Length", data.len() as i64);
    out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
    syntax::dictionary(out, trailer);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream \nendobj\n");
    out.extend_from_slice(format!("\nstartxref\n{start}\n%%EOF").as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Dictionary, Stream};

    /// A document of dictionaries (more than fit one object stream), streams and a gap in the
    /// ids.
    fn document() -> Document {
        let mut doc = Document::with_version("1.7");
        for i in 0..2100 {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"Thing".to_vec()));
            d.set("N", Object::Integer(i));
            d.set("R", Object::Real(i as f32 / 3.0));
            if i % 700 == 0 {
                doc.add_object(Stream::new(d, vec![b'x'; i as usize]));
            } else {
                doc.add_object(d);
            }
        }
        doc.objects.remove(&(5, 0));
        let root = doc.add_object(Dictionary::new());
        doc.trailer.set("Root", Object::Reference(root));
        doc
    }

    #[test]
    fn writes_what_lopdf_writes() {
        let mut theirs = Vec::new();
        let options = lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .max_objects_per_stream(PER_STREAM)
            .compression_level(1)
            .build();
        document().save_with_options(&mut theirs, options).unwrap();
        let ours = write(&mut document(), None, &[]).unwrap();
        assert!(ours == theirs, "the bytes differ from lopdf's");
    }

    struct Numbers(Range<u32>);

    impl Generated for Numbers {
        fn ids(&self) -> Range<u32> {
            self.0.clone()
        }
        fn write(&self, id: u32, out: &mut Vec<u8>) {
            syntax::object(out, &Object::Integer(id.into()));
        }
    }

    #[test]
    fn generated_objects_are_written_as_if_held() {
        let mut held = document();
        let first = held.max_id + 1;
        for id in first..first + 1500 {
            held.objects.insert((id, 0), Object::Integer(id.into()));
        }
        held.max_id += 1500;
        let mut compact = document();
        compact.max_id += 1500;
        let numbers = Numbers(first..first + 1500);
        let a = write(&mut held, None, &[]).unwrap();
        let b = write(&mut compact, None, &[&numbers]).unwrap();
        assert!(a == b, "generated objects read differently");
    }

    /// An object stream of more than [`STAGE`] bytes is deflated a piece at a time, and reads
    /// back whole.
    #[test]
    fn object_streams_past_the_stage_read_back() {
        let mut doc = Document::with_version("1.7");
        for i in 0..PER_STREAM {
            let mut d = Dictionary::new();
            d.set("N", Object::Integer(i as i64));
            d.set("S", Object::string_literal(format!("{i:0>3000}")));
            doc.add_object(d);
        }
        let root = doc.add_object(Dictionary::new());
        doc.trailer.set("Root", Object::Reference(root));
        let bytes = write(&mut doc.clone(), None, &[]).unwrap();
        assert!(bytes.len() < STAGE, "{} bytes", bytes.len());
        let read = Document::load_mem(&bytes).unwrap();
        for i in 0..PER_STREAM {
            let id = (i as u32 + 1, 0);
            assert_eq!(
                read.get_object(id).ok(),
                doc.get_object(id).ok(),
                "object {id:?}"
            );
        }
    }
}
