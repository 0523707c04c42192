//! Arbitrary models (not only those the reader can produce) through every exporter: nothing may
//! panic or overflow the stack, the XML must be well-formed, and the same model must give the
//! same bytes twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motion_export::export::Format;
use motion_export::model::Motion;
use motion_export_fuzz::export_checked;

fuzz_target!(|motion: Motion| {
    for format in Format::ALL {
        let first = export_checked(&motion, format);
        let second = export_checked(&motion, format);
        assert!(first == second, "{format} export is not deterministic");
    }
});
