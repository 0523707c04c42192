//! The command line's human renderer (`src/cli/render.rs`) on the reader's diagnostics of any
//! text plus diagnostics with any span, message and file name: no panic, and nothing reaches the
//! terminal raw that could act on it or on a CI log (controls, escapes, bidi overrides, `::`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use motion_export_fuzz::{render_checked, HumanInput};

fuzz_target!(|input: HumanInput| {
    render_checked(&input);
});
