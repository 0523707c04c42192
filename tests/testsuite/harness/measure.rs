//! Counted work and measured memory, for the tests that bound them: instructions under valgrind
//! at three sizes (linear work), and peak resident memory of a run (bounded memory). No test
//! asserts on time; only the ignored release-mode timings read the clock.

use super::stderr;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

/// Runs the command and returns its output and peak resident memory in KiB, read from
/// `/proc/<pid>/status` while it runs.
#[cfg(target_os = "linux")]
pub fn run_measuring_memory(cmd: &mut std::process::Command) -> (Output, u64) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    // Drain the pipes in threads so a chatty child cannot block.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out_pipe, &mut v).unwrap();
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err_pipe, &mut v).unwrap();
        v
    });
    let mut peak = 0;
    let exit = loop {
        if let Some(s) = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(String::from)
        }) {
            let kib: u64 = s
                .split_whitespace()
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            peak = peak.max(kib);
        }
        if let Some(code) = child.try_wait().unwrap() {
            break code;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let output = Output {
        status: exit,
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
    };
    (output, peak)
}

/// The instructions valgrind counts for one run of the tool on `text`.
pub fn instructions(dir: &Path, args: &[&str], name: &str, text: &str) -> u64 {
    let input = dir.join(name);
    std::fs::write(&input, text).unwrap();
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(input.as_os_str());
    instructions_of(&all)
}

/// The instructions valgrind counts for one run of the tool with `args`.
pub fn instructions_of(args: &[&std::ffi::OsStr]) -> u64 {
    let out = std::process::Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(env!("CARGO_BIN_EXE_motion-export"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run valgrind ({e}); `make test` installs it"));
    let err = stderr(&out);
    err.lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no instruction count from valgrind:\n{err}"))
}

/// Counts the instructions at sizes n, 2n and 4n and checks that the work added by the second
/// doubling is about twice that added by the first (linear), not four times (quadratic). The
/// differences cancel the fixed cost of starting up.
pub fn assert_linear(what: &str, args: &[&str], n: usize, make: impl Fn(usize) -> String) {
    let dir = tempfile::tempdir().unwrap();
    assert_linear_counts(what, n, |k| {
        instructions(dir.path(), args, &format!("{k}.txt"), &make(k))
    });
}

/// As `assert_linear`, with `count(k)` giving the instructions at size k however it runs the tool.
pub fn assert_linear_counts(what: &str, n: usize, count: impl Fn(usize) -> u64) {
    let counts: Vec<u64> = [n, 2 * n, 4 * n].iter().map(|&k| count(k)).collect();
    let ratio = (counts[2] - counts[1]) as f64 / (counts[1] - counts[0]) as f64;
    eprintln!(
        "{what}: {counts:?} instructions at sizes {n}, {}, {}; ratio {ratio:.2}",
        2 * n,
        4 * n
    );
    assert!(
        ratio < 2.6,
        "{what}: doubling the input from {} to {} multiplied the added work by {ratio:.2} \
         (linear is 2, quadratic 4): {counts:?}",
        2 * n,
        4 * n
    );
}

/// Runs the tool with `args` and then `input`, and checks that its peak resident memory stays
/// within `factor` times the input's size plus `constant_mib`. Returns the peak in KiB.
#[cfg(target_os = "linux")]
pub fn assert_memory_bound(
    what: &str,
    args: &[&str],
    input: &Path,
    factor: u64,
    constant_mib: u64,
) -> u64 {
    let size = std::fs::metadata(input).unwrap().len();
    let (out, peak_kib) = run_measuring_memory(
        std::process::Command::new(env!("CARGO_BIN_EXE_motion-export"))
            .args(args)
            .arg(input)
            .env("NO_COLOR", "1"),
    );
    assert!(
        out.status.code().is_some(),
        "{what}: killed by a signal\n{}",
        stderr(&out)
    );
    let bound_kib = (factor * size) / 1024 + constant_mib * 1024;
    eprintln!("{what}: input {size} bytes, peak {peak_kib} KiB, bound {bound_kib} KiB");
    assert!(
        peak_kib <= bound_kib,
        "{what}: peak memory {peak_kib} KiB over {factor}x the input ({size} bytes) + {constant_mib} MiB"
    );
    peak_kib
}

/// The time one call of `f` takes, the best of five rounds of `n` calls (the machine is shared):
/// for the ignored release-mode timings of the exporters.
pub fn best_time_per_call<T>(n: u32, f: impl Fn() -> T) -> std::time::Duration {
    (0..5)
        .map(|_| {
            let start = std::time::Instant::now();
            for _ in 0..n {
                std::hint::black_box(f());
            }
            start.elapsed() / n
        })
        .min()
        .expect("five rounds")
}
