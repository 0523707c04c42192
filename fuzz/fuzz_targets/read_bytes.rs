//! Arbitrary bytes through the whole reading pipeline (decode, parse, validate) and the XML
//! exporter: nothing may panic and the XML must be well-formed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motion_export::export::Format;
use motion_export::read::{read, InputFormat, ReadOptions};
use motion_export_fuzz::export_checked;

fuzz_target!(|bytes: &[u8]| {
    let options = ReadOptions {
        source_name: "fuzz".into(),
        ..ReadOptions::default()
    };
    let Ok(parsed) = read(bytes, InputFormat::Text, &options) else {
        return;
    };
    let _ = export_checked(&parsed.motion, Format::Xml);
});
