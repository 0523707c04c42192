//! The batch as a whole (issues 11 and 12): one missing, rejected or colliding input among good
//! ones, closed pipes, shards, report files named by their extension, and folders with no input.

use crate::harness::{assert_exit, bin, files_below, fixtures, outputs, repo_root, run, stderr};
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    repo_root().join("samples/B9-0777-2022_EN.txt")
}

/// Copies the sample to each of `names` below `dir`.
fn motions(dir: &Path, names: &[&str]) {
    for name in names {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(sample(), path).unwrap();
    }
}

/// Issue 11.11: `convert a.txt missing.txt b.txt` stopped the whole batch with exit 2.
#[test]
fn a_missing_input_is_reported_and_the_others_are_converted() {
    let dir = tempfile::tempdir().unwrap();
    motions(dir.path(), &["a.txt", "b.txt"]);
    let (a, missing, b) = (
        dir.path().join("a.txt"),
        dir.path().join("missing.txt"),
        dir.path().join("b.txt"),
    );
    let out = dir.path().join("out");
    let result = run(&[&"convert", &"-f", &"xml", &a, &missing, &b, &"-o", &out]);
    assert_exit(&result, 2, &["error[E-IO]"]);
    let err = stderr(&result);
    assert!(err.contains("missing.txt"), "{err}");
    assert!(
        err.contains("converted 3 files (2 outputs): 1 failed, 2 clean"),
        "{err}"
    );
    assert_eq!(
        outputs(&out),
        [PathBuf::from("a.xml"), PathBuf::from("b.xml")]
    );
}

/// Issue 11.2: an input that converted before and is now rejected on load (invalid UTF-8, a NUL
/// byte, over --max-input-size) kept its old outputs.
#[test]
fn an_input_rejected_on_load_loses_the_outputs_of_an_earlier_run() {
    let latin1 = std::fs::read(fixtures("bad").join("latin1.txt")).unwrap();
    let binary = std::fs::read(fixtures("bad").join("binary.txt")).unwrap();
    let good = std::fs::read(sample()).unwrap();
    let cases: [(&str, &[u8], &[&str]); 3] = [
        ("invalid UTF-8", &latin1, &[]),
        ("a NUL byte", &binary, &[]),
        ("over the size limit", &good, &["--max-input-size", "100"]),
    ];
    for (what, bytes, extra) in cases {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("m.txt");
        let out = dir.path().join("out");
        std::fs::write(&input, &good).unwrap();
        let first = run(&[&"convert", &"-f", &"xml,docx", &input, &"-o", &out]);
        assert_eq!(first.status.code(), Some(0), "{what}: {}", stderr(&first));
        assert_eq!(outputs(&out).len(), 2, "{what}");
        std::fs::write(&input, bytes).unwrap();
        let mut again = bin();
        again.args(["convert", "-f", "xml,docx"]).args(extra);
        let second = again.arg(&input).arg("-o").arg(&out).output().unwrap();
        let err = stderr(&second);
        assert_eq!(second.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains("left by an earlier run"), "{what}: {err}");
        assert!(outputs(&out).is_empty(), "{what}: {:?}", outputs(&out));
    }
}

/// Issue 12: `convert x/ y/ -o out` with `sub/m_EN.txt` in both folders said "converted 2 of 2
/// files (6 outputs)" while only 3 files existed, a mix of both inputs.
#[test]
fn two_inputs_with_the_same_outputs_are_both_refused() {
    let dir = tempfile::tempdir().unwrap();
    motions(
        dir.path(),
        &["x/sub/m_EN.txt", "y/sub/m_EN.txt", "y/other_EN.txt"],
    );
    let out = dir.path().join("out");
    // An output of an earlier run from one of them does not survive: it may be either's.
    std::fs::create_dir_all(out.join("sub")).unwrap();
    std::fs::write(out.join("sub/m_EN.pdf"), b"old").unwrap();
    let result = run(&[
        &"convert",
        &dir.path().join("x"),
        &dir.path().join("y"),
        &"-o",
        &out,
    ]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("error[E-OUTPUT-COLLISION]").count(), 2, "{err}");
    for name in ["x/sub/m_EN.txt", "y/sub/m_EN.txt"] {
        assert!(
            err.contains(&dir.path().join(name).display().to_string()),
            "{name}: {err}"
        );
    }
    assert!(
        err.contains(&out.join("sub/m_EN.xml").display().to_string()),
        "{err}"
    );
    assert!(
        err.contains("converted 3 files (3 outputs): 2 failed, 1 clean"),
        "{err}"
    );
    assert_eq!(
        outputs(&out),
        ["other_EN.docx", "other_EN.pdf", "other_EN.xml"].map(PathBuf::from)
    );
}

/// Runs `script` with `bash -c`, the binary as `$0`, and returns what it prints.
fn bash(script: &str, args: &[&Path]) -> String {
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_motion-export"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Issue 11 (pipes): `check DIR 2>&1 | head -1` exited 101 ("failed printing to stderr: Broken
/// pipe", then indicatif PoisonError panics); `convert ... | head` died mid-batch without
/// saving its state. A closed pipe now ends the printing quietly: no panic, the usual exit code.
#[test]
fn a_closed_pipe_ends_the_printing_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // Enough diagnostics to fill the pipe's buffer long after `head` has gone.
    for i in 0..300 {
        std::fs::copy(
            fixtures("bad").join("numbering.txt"),
            input.join(format!("bad{i:03}.txt")),
        )
        .unwrap();
    }
    let status = bash(
        r#""$0" check "$1" 2>&1 | head -1 >/dev/null; echo "${PIPESTATUS[0]}""#,
        &[&input],
    );
    assert_eq!(status.trim(), "1", "check: {status}");

    // convert: the batch finishes and saves its state.
    motions(&input, &["good.txt"]);
    let out = dir.path().join("out");
    let status = bash(
        r#""$0" convert -f xml -j2 "$1" -o "$2" 2>&1 | head -1 >/dev/null; echo "${PIPESTATUS[0]}""#,
        &[&input, &out],
    );
    assert_eq!(status.trim(), "1", "convert: {status}");
    assert!(out.join(".motion-export.manifest.json").is_file());
    assert_eq!(outputs(&out), [PathBuf::from("good.xml")]);

    // Standard input to standard output, read by `head -c 10`: a long motion fills the pipe.
    let long = dir.path().join("long.txt");
    let mut text = std::fs::read_to_string(sample()).unwrap();
    text.truncate(text.trim_end().len());
    text.push_str(&" and the Member States".repeat(20_000));
    text.push_str(".\n");
    std::fs::write(&long, text).unwrap();
    let printed = bash(
        r#""$0" convert -f xml - < "$1" 2>"$2" | head -c 10; echo " ${PIPESTATUS[0]}""#,
        &[&long, &dir.path().join("err.txt")],
    );
    let err = std::fs::read_to_string(dir.path().join("err.txt")).unwrap();
    assert_eq!(printed, "<?xml vers 0\n", "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Issue 12: `--shard K/N` depended on how the folder was spelled (`samples/`, `./samples/`,
/// `samples//`); every input must be converted by exactly one shard, and `deps` must agree.
#[test]
fn shards_cover_the_batch_once_however_the_folder_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (1..=24)
        .map(|i| format!("in/sub/B9-{i:04}-2021_EN.txt"))
        .collect();
    motions(
        dir.path(),
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let spellings = ["in", "./in/", "in//"];
    let n = 4;
    let deps = |spelling: &str, k: u32| -> Vec<String> {
        let out = bin()
            .current_dir(dir.path())
            .args([
                "deps",
                "-f",
                "xml",
                "--shard",
                &format!("{k}/{n}"),
                spelling,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        let mut targets: Vec<String> = text
            .lines()
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect();
        targets.sort();
        targets
    };
    let mut converted = Vec::new();
    for k in 1..=n {
        let expected = deps("in", k);
        for spelling in &spellings[1..] {
            assert_eq!(deps(spelling, k), expected, "{spelling} in shard {k}/{n}");
        }
        let spelling = spellings[k as usize % spellings.len()];
        let out = dir.path().join(format!("out{k}"));
        let result = bin()
            .current_dir(dir.path())
            .args(["convert", "-q", "-f", "xml", "--shard", &format!("{k}/{n}")])
            .args([spelling, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
        let mine = outputs(&out);
        let listed: Vec<PathBuf> = expected
            .iter()
            .map(|t| {
                Path::new(t)
                    .strip_prefix(".")
                    .unwrap_or(Path::new(t))
                    .to_path_buf()
            })
            .collect();
        assert_eq!(mine, listed, "convert and deps disagree on shard {k}/{n}");
        converted.extend(mine);
    }
    converted.sort();
    let all: Vec<PathBuf> = (1..=24)
        .map(|i| PathBuf::from(format!("sub/B9-{i:04}-2021_EN.xml")))
        .collect();
    assert_eq!(converted, all, "every input exactly once");

    // The same through GNU parallel, when installed.
    if std::process::Command::new("parallel")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let out = dir.path().join("parallel");
        let status = std::process::Command::new("parallel")
            .current_dir(dir.path())
            .arg(env!("CARGO_BIN_EXE_motion-export"))
            .args(["convert", "-q", "-j1", "-f", "xml", "--shard", "{}/4", "-o"])
            .arg(&out)
            .args(["./in/", ":::", "1", "2", "3", "4"])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(outputs(&out), all);
    }
}

/// Issue 11: `--report x.xml` without `--report-format` wrote the human text, with timings.
#[test]
fn a_report_file_takes_the_format_of_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let junit = dir.path().join("report.xml");
    let result = run(&[&"check", &"-q", &"--report", &junit, &sample()]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let text = std::fs::read_to_string(&junit).unwrap();
    assert!(text.contains("<testsuite"), "{text}");
    let sarif = dir.path().join("report.sarif");
    run(&[&"check", &"-q", &"--report", &sarif, &sample()]);
    assert!(std::fs::read_to_string(&sarif)
        .unwrap()
        .contains("\"2.1.0\""));

    let unknown = dir.path().join("report.txt");
    let result = run(&[&"check", &"--report", &unknown, &sample()]);
    assert_exit(&result, 2, &["--report-format"]);
    assert!(!unknown.exists());
    // Asked for, the human text has the summary without timings: the same for every run.
    let result = run(&[
        &"check",
        &"--report-format",
        &"human",
        &"--report",
        &unknown,
        &sample(),
    ]);
    assert_eq!(result.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&unknown).unwrap(),
        "checked 1 file: 1 clean\n"
    );
}

/// Issue 11: `check` of an empty folder exited 0 with "checked 0 of 0 files".
#[test]
fn a_folder_without_inputs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "not a motion").unwrap();
    let result = run(&[&"check", &dir.path()]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "no input found in {}: it holds no *.txt or *.xml files",
            dir.path().display()
        )),
        "{err}"
    );
    let out = dir.path().join("out");
    let result = run(&[&"convert", &dir.path(), &"-o", &out]);
    assert_exit(&result, 2, &["no *.txt or *.xml files"]);
    assert!(files_below(dir.path()).len() == 1);
}
