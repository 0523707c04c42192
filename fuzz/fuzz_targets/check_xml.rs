//! Arbitrary bytes given to `check` as an Akoma Ntoso file: the AKN reader and the profile's
//! checks must never panic, every diagnostic must point inside the file, and whatever model they
//! read must export to well-formed XML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motion_export::export::Format;
use motion_export::read::{read, InputFormat};
use motion_export_fuzz::export_checked;

fuzz_target!(|bytes: &[u8]| {
    // As the command line does: decode (byte-order marks, UTF-16, declared encodings), read,
    // validate.
    let Ok(parsed) = read(bytes, InputFormat::Akn, &Default::default()) else {
        return;
    };
    let text = &parsed.text;
    for d in &parsed.diagnostics {
        if let Some(span) = &d.span {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start),
                "span outside the text: {span:?}"
            );
        }
    }
    let _ = export_checked(&parsed.motion, Format::Xml);
});
