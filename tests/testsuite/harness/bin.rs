//! Running the motion-export binary as users do, and reading what it said.

use std::ffi::OsStr;
use std::process::{Command, Output};

/// The binary, with colours off and `SOURCE_DATE_EPOCH` unset.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_motion-export"));
    c.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    c
}

/// Runs the binary with `args` and waits for it.
pub fn run(args: &[&dyn AsRef<OsStr>]) -> Output {
    bin()
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("run motion-export")
}

/// Runs `convert --format xml -o out` on `inputs`.
pub fn convert_xml(out: &dyn AsRef<OsStr>, inputs: &[&dyn AsRef<OsStr>]) -> Output {
    let mut args: Vec<&dyn AsRef<OsStr>> = vec![&"convert", &"--format", &"xml", &"-o", out];
    args.extend_from_slice(inputs);
    run(&args)
}

/// What a run printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The codes of the diagnostics of one file's record in a JSON report, in order.
pub fn report_codes(file: &serde_json::Value) -> Vec<&str> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// Asserts that a run's standard error holds every one of `says`.
pub fn assert_stderr(out: &Output, says: &[&str]) {
    let err = stderr(out);
    for s in says {
        assert!(err.contains(s), "{s:?} not in:\n{err}");
    }
}

/// Asserts that a run exited with `code` and that its standard error holds every one of `says`.
pub fn assert_exit(out: &Output, code: i32, says: &[&str]) {
    assert_eq!(out.status.code(), Some(code), "{}", stderr(out));
    assert_stderr(out, says);
}
