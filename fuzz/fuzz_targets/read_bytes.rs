//! Arbitrary bytes through the whole reading pipeline (decode, parse, validate) and the XML
//! exporter: nothing may panic and the XML must be well-formed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motion_export::export::Format;
use motion_export::read;
use motion_export_fuzz::{export_checked, read as read_text};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = read::decode(bytes) else {
        return;
    };
    let parsed = read_text(&text, "fuzz");
    let _ = export_checked(&parsed.motion, Format::Xml);
});
