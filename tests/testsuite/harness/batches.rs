//! Batches of motions for the command-line tests: tiny motions, copies of a sample, and waiting
//! for a running batch to write.

use super::repo_root;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A short, valid motion; `n` makes each one different.
pub fn tiny_motion(n: usize) -> String {
    format!(
        "B9-{:04}/2024\n\nThe European Parliament,\n\n– having regard to Rule 143 of its Rules of Procedure,\n\n\
         A. whereas item {n} matters;\n\n1. Calls for action on item {n};\n\n\
         2. Instructs its President to forward this resolution to the Commission.\n",
        n % 10_000
    )
}

/// Writes `count` copies of the seed motion into `dir` (as `m00000.txt`, ...).
pub fn seed_batch(dir: &Path, count: usize) -> Vec<PathBuf> {
    let seed = std::fs::read(repo_root().join("samples/B9-0146-2021_EN.txt")).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    (0..count)
        .map(|i| {
            let p = dir.join(format!("m{i:05}.txt"));
            std::fs::write(&p, &seed).unwrap();
            p
        })
        .collect()
}

/// Starts `convert` with `options`, `-o out` and `input`, its standard error piped, and waits
/// until `out` holds `files` files or the run ends.
pub fn start_convert(options: &[&str], out: &Path, input: &Path, files: usize) -> Child {
    let mut child = super::bin()
        .arg("convert")
        .args(options)
        .arg("-o")
        .arg(out)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_outputs(out, files, &mut child);
    child
}

/// Waits until `dir` holds at least `n` files, or the child exits, or 60 s pass.
pub fn wait_for_outputs(dir: &Path, n: usize, child: &mut Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        if std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0) >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
