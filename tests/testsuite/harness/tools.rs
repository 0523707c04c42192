//! External tools the tests check outputs with.

use std::path::Path;
use std::process::Command;

/// Runs an external tool, panicking with its output when it cannot start or fails.
/// Returns its standard output.
pub fn run_tool(program: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}); `make test` installs it"));
    assert!(
        out.status.success(),
        "{program} {:?} failed ({}):\n{}\n{}",
        args,
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Validates an XML file against an XSD with xmllint; panics with xmllint's message if invalid.
pub fn assert_valid_xml(xml: &Path, xsd: &Path) {
    run_tool(
        "xmllint",
        &[
            "--noout".as_ref(),
            "--nonet".as_ref(),
            "--schema".as_ref(),
            xsd.as_os_str(),
            xml.as_os_str(),
        ],
    );
}
