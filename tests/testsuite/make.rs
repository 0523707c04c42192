//! Batch and Makefile friendliness: incremental conversion, sharding, dependency lines, and the
//! example Makefile in `samples/`.

use crate::harness::{assert_stderr, bin, files_below, repo_root, run, stderr};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn mtimes(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    files_below(dir)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "xml"))
        .map(|f| {
            let t = std::fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
            (f, t)
        })
        .collect()
}

/// Three motions to convert.
fn inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for name in [
        "B9-0777-2022_EN.txt",
        "B9-0801-2023_EN.txt",
        "RC-B9-0560-2023_EN.txt",
    ] {
        std::fs::copy(repo_root().join("samples").join(name), input.join(name)).unwrap();
    }
    dir
}

fn convert(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut c = bin();
    c.args(["convert", "--format", "xml", "-o"])
        .arg(dir.join("out"))
        .args(extra)
        .arg(dir.join("in"));
    c.output().unwrap()
}

#[test]
fn incremental_conversion_rebuilds_only_what_changed() {
    let dir = inputs();
    let path = dir.path();
    let first = convert(path, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = mtimes(&path.join("out"));
    assert_eq!(before.len(), 3);

    // Nothing changed: nothing is converted.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = convert(path, &[]);
    assert_stderr(&second, &["converted 3 files: 3 up to date"]);
    assert_eq!(mtimes(&path.join("out")), before);

    // One input touched: only its output is rebuilt.
    let touched = path.join("in/B9-0801-2023_EN.txt");
    let text = std::fs::read(&touched).unwrap();
    std::fs::write(&touched, &text).unwrap();
    let third = convert(path, &[]);
    assert_stderr(
        &third,
        &["converted 3 files (1 outputs): 1 clean, 2 up to date"],
    );
    let after = mtimes(&path.join("out"));
    let changed: Vec<&PathBuf> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| &a.0)
        .collect();
    assert_eq!(changed, vec![&PathBuf::from("B9-0801-2023_EN.xml")]);

    // An output deleted: rebuilt.
    std::fs::remove_file(path.join("out/B9-0777-2022_EN.xml")).unwrap();
    let fourth = convert(path, &[]);
    assert_stderr(
        &fourth,
        &["converted 3 files (1 outputs): 1 clean, 2 up to date"],
    );
    assert!(path.join("out/B9-0777-2022_EN.xml").exists());

    // An option that changes the bytes changed: everything is rebuilt; so with --force.
    let fifth = convert(path, &["--lang", "en"]);
    assert_stderr(&fifth, &["converted 3 files (3 outputs): 3 clean"]);
    let sixth = convert(path, &["--lang", "en", "--force"]);
    assert_stderr(&sixth, &["converted 3 files (3 outputs): 3 clean"]);
}

#[test]
fn shards_partition_the_batch() {
    let samples = repo_root().join("samples");
    let list = |shard: Option<String>| -> Vec<String> {
        let mut c = bin();
        c.args(["check", "-q", "--report-format", "json"]);
        if let Some(s) = &shard {
            c.args(["--shard", s]);
        }
        let out = c.arg(&samples).output().unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    let all = list(None);
    assert!(all.len() >= 20);
    for n in 1..=8u32 {
        let mut union: Vec<String> = Vec::new();
        for k in 1..=n {
            let part = list(Some(format!("{k}/{n}")));
            for f in &part {
                assert!(!union.contains(f), "{f} in two shards of {n}");
            }
            union.extend(part);
        }
        union.sort();
        let mut expected = all.clone();
        expected.sort();
        assert_eq!(union, expected, "shards of {n} do not cover the batch");
    }
    assert_eq!(
        run(&[&"check", &"--shard", &"0/3", &samples]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&[&"check", &"--shard", &"4/3", &samples]).status.code(),
        Some(2)
    );
}

#[test]
fn deps_prints_make_rules() {
    let dir = inputs();
    std::fs::write(
        dir.path().join("in/motion-export.toml"),
        "deny-warnings = false\n",
    )
    .unwrap();
    let out = run(&[
        &"deps",
        &"-o",
        &"build dir",
        &"--format",
        &"xml,pdf",
        &dir.path().join("in"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with("build\\ dir/B9-0777-2022_EN.xml build\\ dir/B9-0777-2022_EN.pdf: "),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("motion-export.toml"), "{}", lines[0]);
}

#[test]
fn example_makefile_converts_incrementally_and_checks() {
    let out = tempfile::tempdir().unwrap();
    let make = |target: &str| {
        std::process::Command::new("make")
            .arg("-C")
            .arg(repo_root().join("samples"))
            .arg(format!(
                "MOTION_EXPORT={}",
                env!("CARGO_BIN_EXE_motion-export")
            ))
            .arg(format!("OUT={}", out.path().display()))
            .arg("FORMATS=xml")
            .arg(target)
            .output()
            .expect("make")
    };
    let first = make("all");
    assert!(first.status.success(), "{}", stderr(&first));
    let xml: Vec<PathBuf> = files_below(out.path())
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "xml"))
        .collect();
    assert_eq!(xml.len(), crate::harness::sample_files().len());
    let second = make("all");
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("Nothing to be done"),
        "{}",
        String::from_utf8_lossy(&second.stdout)
    );
    let check = make("check");
    assert!(check.status.success(), "{}", stderr(&check));
}

/// A copy of the samples folder (its motions and Makefile), to run make in.
fn samples_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(repo_root().join("samples")).unwrap() {
        let p = f.unwrap().path();
        if p.is_file() && p.file_name().is_some_and(|n| n != ".gitignore") {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn make_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("make")
        .arg("-C")
        .arg(dir)
        .arg(format!(
            "MOTION_EXPORT={}",
            env!("CARGO_BIN_EXE_motion-export")
        ))
        .arg("FORMATS=xml")
        .args(args)
        .output()
        .expect("make")
}

fn manifest_len(dir: &Path) -> usize {
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(".motion-export.manifest.json")).unwrap())
            .unwrap();
    doc["outputs"].as_object().unwrap().len()
}

#[test]
fn example_makefile_under_make_j_keeps_every_manifest_entry() {
    let dir = samples_copy();
    let first = make_in(dir.path(), &["-j8"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let xml = mtimes(&dir.path().join("out"));
    assert!(xml.len() >= 5);
    assert_eq!(manifest_len(&dir.path().join("out")), xml.len());
    let second = make_in(dir.path(), &["-j8"]);
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("Nothing to be done"),
        "{}",
        String::from_utf8_lossy(&second.stdout)
    );
    assert_eq!(mtimes(&dir.path().join("out")), xml);
    // A deleted output is made again.
    std::fs::remove_file(dir.path().join("out").join(&xml[0].0)).unwrap();
    let third = make_in(dir.path(), &["-j8"]);
    assert!(third.status.success(), "{}", stderr(&third));
    assert!(dir.path().join("out").join(&xml[0].0).exists());
    assert_eq!(manifest_len(&dir.path().join("out")), xml.len());
}

#[test]
fn example_makefile_notices_a_rules_file_added_or_deleted() {
    let dir = samples_copy();
    let rules = dir.path().join("motion-export.toml");
    std::fs::write(&rules, "deny-warnings = false\n").unwrap();
    let made = |what: &str| {
        let o = make_in(dir.path(), &[]);
        assert!(o.status.success(), "{what}: {}", stderr(&o));
        !String::from_utf8_lossy(&o.stdout).contains("Nothing to be done")
    };
    assert!(made("first"));
    assert!(!made("again"));
    std::fs::remove_file(&rules).unwrap();
    assert!(made("rules file deleted"));
    assert!(!made("again"));
    std::fs::write(&rules, "deny-warnings = false\n").unwrap();
    assert!(made("rules file added"));
}

#[test]
fn top_level_makefile_finds_the_binary_in_cargo_target_dir() {
    let out = std::process::Command::new("make")
        .arg("-n")
        .arg("-C")
        .arg(repo_root())
        .arg("samples")
        .env("CARGO_TARGET_DIR", "/elsewhere/target")
        .output()
        .expect("make");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("/elsewhere/target/release/motion-export convert"),
        "{text}"
    );
}
