//! Unattended batches that never lie: concurrent folder creation, state that survives SIGTERM and
//! SIGKILL, one writer per output folder, outputs of deleted inputs, reporting rules that do not
//! rebuild, and a manifest that is not a regular file.

use crate::harness::{
    assert_exit, bin, files_below, seed_batch, start_convert, stderr, tiny_motion,
};
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::SystemTime;

const MANIFEST: &str = ".motion-export.manifest.json";

/// The XML outputs below `dir`.
fn xml_below(dir: &Path) -> Vec<PathBuf> {
    files_below(dir)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "xml"))
        .collect()
}

/// The outputs the manifest of `dir` lists.
fn manifest_outputs(dir: &Path) -> Vec<PathBuf> {
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(MANIFEST)).unwrap()).unwrap();
    let mut out: Vec<PathBuf> = doc["outputs"]
        .as_object()
        .unwrap()
        .keys()
        .map(PathBuf::from)
        .collect();
    out.sort();
    out
}

fn temporaries_below(dir: &Path) -> Vec<PathBuf> {
    files_below(dir)
        .into_iter()
        .filter(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(".motion-export-") && name.ends_with(".tmp")
        })
        .collect()
}

/// The number in "..., N up to date" of a summary.
fn up_to_date(o: &Output) -> usize {
    let err = stderr(o);
    err.split([',', ':'])
        .find_map(|part| part.split_once(" up to date")?.0.trim().parse().ok())
        .unwrap_or(0)
}

fn xml_convert(input: &Path, out: &Path, extra: &[&str]) -> Output {
    bin()
        .args(["convert", "--format", "xml", "-o"])
        .arg(out)
        .args(extra)
        .arg(input)
        .output()
        .unwrap()
}

#[test]
fn nested_folders_convert_cold_in_parallel_without_races() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let mut n = 0;
    for g in 0..40 {
        for sub in ["a", "b"] {
            let folder = input.join(format!("g{g:02}/{sub}"));
            std::fs::create_dir_all(&folder).unwrap();
            for i in 0..25 {
                std::fs::write(folder.join(format!("m{i:02}.txt")), tiny_motion(n)).unwrap();
                n += 1;
            }
        }
    }
    for jobs in ["2", "8"] {
        for round in 0..5 {
            let out = dir.path().join(format!("out-{jobs}-{round}"));
            let result = xml_convert(&input, &out, &["-q", "-j", jobs]);
            let err = stderr(&result);
            assert_eq!(result.status.code(), Some(0), "-j{jobs}: {err}");
            assert!(!err.contains("E-IO"), "-j{jobs}: {err}");
            assert_eq!(xml_below(&out).len(), 2_000, "-j{jobs}");
            std::fs::remove_dir_all(&out).unwrap();
        }
    }
}

/// Starts a batch of `count` copies of the seed motion (XML and PDF, one worker) into `out`, and
/// waits until some outputs are there.
fn start_batch(input: &Path, out: &Path, count: usize) -> Child {
    seed_batch(input, count);
    start_convert(&["-q", "-j", "1", "--format", "xml,pdf"], out, input, 20)
}

/// Kills a batch with `signal` mid-way; a rerun converts only what the first did not finish,
/// and no temporary file remains.
#[cfg(unix)]
fn killed_batch_resumes(signal: &str, expected_code: Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    let count = 120;
    let child = start_batch(&input, &out, count);
    let kill = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let result = child.wait_with_output().unwrap();
    assert_eq!(result.status.code(), expected_code, "{}", stderr(&result));
    let pdf_done = files_below(&out)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert!(
        pdf_done > 0 && pdf_done < count,
        "{pdf_done} done: proves nothing"
    );

    let again = bin()
        .args(["convert", "-j", "1", "--format", "xml,pdf", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let skipped = up_to_date(&again);
    if expected_code.is_some() {
        // Handled: the files in flight finished and were recorded.
        assert_eq!(skipped, pdf_done, "{}", stderr(&again));
    } else {
        // Killed: at most the file in flight is lost.
        assert!(
            skipped + 1 >= pdf_done && skipped <= pdf_done,
            "{skipped} up to date of {pdf_done} finished: {}",
            stderr(&again)
        );
    }
    assert_eq!(temporaries_below(&out), Vec::<PathBuf>::new());
    assert_eq!(xml_below(&out).len(), count);
    assert_eq!(manifest_outputs(&out).len(), 2 * count);
}

#[cfg(unix)]
#[test]
fn sigterm_saves_the_state_and_exits_143() {
    killed_batch_resumes("-TERM", Some(143));
}

#[cfg(unix)]
#[test]
fn sighup_saves_the_state_and_exits_129() {
    killed_batch_resumes("-HUP", Some(129));
}

#[cfg(unix)]
#[test]
fn sigkill_loses_at_most_the_files_in_flight() {
    killed_batch_resumes("-KILL", None);
}

#[cfg(unix)]
#[test]
fn leftover_temporaries_are_removed_but_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), tiny_motion(1)).unwrap();
    std::fs::create_dir_all(out.join("sub")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join(".motion-export-x.tmp"), "x").unwrap();
    std::os::unix::fs::symlink(outside.path(), out.join("link")).unwrap();
    for name in [
        "sub/.motion-export-a1.tmp",
        ".motion-export-b2.tmp",
        "notes.tmp",
    ] {
        std::fs::write(out.join(name), "x").unwrap();
    }
    let result = xml_convert(&input, &out, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert!(!out.join("sub/.motion-export-a1.tmp").exists());
    assert!(!out.join(".motion-export-b2.tmp").exists());
    assert!(out.join("notes.tmp").exists());
    assert!(outside.path().join(".motion-export-x.tmp").exists());
}

/// Two runs on one output folder: the second waits for the first (or with --no-wait exits 2 at
/// once), and the manifest lists every output of both.
#[test]
fn two_runs_on_one_output_folder_keep_every_manifest_entry() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let second_input = dir.path().join("in2");
    std::fs::create_dir_all(&second_input).unwrap();
    for i in 0..20 {
        std::fs::write(second_input.join(format!("t{i:02}.txt")), tiny_motion(i)).unwrap();
    }
    let first = start_batch(&dir.path().join("in"), &out, 150);
    let pid = first.id();
    let refused = xml_convert(&second_input, &out, &["--no-wait"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let err = stderr(&refused);
    assert!(err.contains(&format!("pid {pid}")), "{err}");
    assert!(err.contains(&out.display().to_string()), "{err}");

    let waited = xml_convert(&second_input, &out, &[]);
    assert_eq!(waited.status.code(), Some(0), "{}", stderr(&waited));
    assert!(
        stderr(&waited).contains(&format!("waiting for motion-export (pid {pid})")),
        "{}",
        stderr(&waited)
    );
    let first = first.wait_with_output().unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let mut all: Vec<PathBuf> = files_below(&out)
        .into_iter()
        .filter(|f| !f.to_string_lossy().starts_with(".motion-export"))
        .collect();
    all.sort();
    assert_eq!(all.len(), 150 * 2 + 20);
    assert_eq!(manifest_outputs(&out), all);
}

#[test]
fn outputs_of_deleted_inputs_are_listed_and_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..3 {
        std::fs::write(input.join(format!("m{i}.txt")), tiny_motion(i)).unwrap();
    }
    assert_eq!(xml_convert(&input, &out, &[]).status.code(), Some(0));
    // Not recorded in the manifest: never touched.
    std::fs::write(out.join("mine.xml"), "x").unwrap();
    std::fs::remove_file(input.join("m1.txt")).unwrap();

    let listed = xml_convert(&input, &out, &[]);
    assert_exit(&listed, 0, &["1 output of deleted inputs: m1.xml"]);
    assert!(out.join("m1.xml").exists());

    let pruned = xml_convert(&input, &out, &["--prune"]);
    let err = stderr(&pruned);
    assert!(err.contains("removed 1 output of deleted inputs"), "{err}");
    assert!(!out.join("m1.xml").exists());
    assert!(out.join("mine.xml").exists());
    assert_eq!(
        manifest_outputs(&out),
        vec![PathBuf::from("m0.xml"), PathBuf::from("m2.xml")]
    );
    let quiet = xml_convert(&input, &out, &[]);
    assert!(
        !stderr(&quiet).contains("deleted inputs"),
        "{}",
        stderr(&quiet)
    );
}

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

/// Reporting rules change what fails, not the outputs' bytes: `--allow` rebuilds nothing, and
/// `--deny` of a code the file has makes it fail (and its output go) although it is up to date.
#[test]
fn reporting_rules_do_not_rebuild_but_still_decide_failure() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input).unwrap();
    // An urgency motion (Rule 144) without the closing forward clause: W-NO-FORWARD.
    let text = tiny_motion(7).replace(
        "The European Parliament,",
        "pursuant to Rule 144 of the Rules of Procedure\n\non item 7\n\nThe European Parliament,",
    );
    let text = text.replace(
        "\n\n2. Instructs its President to forward this resolution to the Commission.\n",
        "\n",
    );
    std::fs::write(input.join("w.txt"), text).unwrap();
    std::fs::write(input.join("clean.txt"), tiny_motion(8)).unwrap();
    let first = xml_convert(&input, &out, &[]);
    assert_exit(&first, 0, &["W-NO-FORWARD"]);
    let before = (mtime(&out.join("w.xml")), mtime(&out.join("clean.xml")));

    let allowed = xml_convert(&input, &out, &["--allow", "W-NO-FORWARD"]);
    assert_exit(&allowed, 0, &["converted 2 files: 2 up to date"]);
    assert_eq!(
        (mtime(&out.join("w.xml")), mtime(&out.join("clean.xml"))),
        before
    );

    let denied = xml_convert(&input, &out, &["--deny", "W-NO-FORWARD"]);
    assert_exit(&denied, 1, &["W-NO-FORWARD"]);
    let err = stderr(&denied);
    assert!(err.contains("1 with errors"), "{err}");
    assert!(!out.join("w.xml").exists(), "a failing file's output stays");
    assert_eq!(mtime(&out.join("clean.xml")), before.1);
}

/// A manifest that is not a regular file is ignored with a warning and replaced.
#[cfg(unix)]
fn odd_manifest_is_ignored(make: impl Fn(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(input.join("a.txt"), tiny_motion(1)).unwrap();
    make(&out.join(MANIFEST));
    let mut child = bin()
        .args(["convert", "--format", "xml", "-o"])
        .arg(&out)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("convert hangs or reads without end on an odd manifest");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let result = child.wait_with_output().unwrap();
    assert_exit(&result, 0, &["warning: ignoring"]);
    assert!(std::fs::symlink_metadata(out.join(MANIFEST))
        .unwrap()
        .is_file());
    assert_eq!(manifest_outputs(&out), vec![PathBuf::from("a.xml")]);
}

#[cfg(unix)]
#[test]
fn a_fifo_manifest_does_not_hang() {
    odd_manifest_is_ignored(|p| {
        let made = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .unwrap();
        assert!(made.success());
    });
}

#[cfg(unix)]
#[test]
fn a_dev_zero_manifest_does_not_eat_memory() {
    odd_manifest_is_ignored(|p| std::os::unix::fs::symlink("/dev/zero", p).unwrap());
}
