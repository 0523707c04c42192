//! Fault injection: Ctrl-C during a batch, inputs that vanish or become unreadable while a batch
//! runs, awkward input names, a batch of 100,000 tiny files, a 200 MB input, and pathological
//! motions whose work is counted (instructions under valgrind), not timed, and `check --versions`
//! over many versions of one motion.

#[cfg(target_os = "linux")]
use crate::harness::run_measuring_memory;
use crate::harness::{
    assert_exit, assert_linear, assert_linear_counts, assert_stderr, bin, convert_xml, files_below,
    instructions_of, run, seed_batch, start_convert, stderr, tiny_motion,
};
use std::path::{Path, PathBuf};
use std::process::Output;

/// Checks that every file below `out` is a complete output and no temporary file is left.
/// Returns the outputs' names.
fn assert_complete_outputs(out: &Path) -> Vec<PathBuf> {
    let mut outputs = Vec::new();
    for f in files_below(out) {
        let name = f.to_string_lossy().into_owned();
        // The incremental state: the manifest, and the journal a run that could not save its
        // manifest (the disk full) leaves for the next run to fold in.
        if name == ".motion-export.manifest.json" || name == ".motion-export.journal" {
            continue;
        }
        assert!(
            !name.contains(".motion-export-"),
            "temporary file left: {name}"
        );
        let bytes = std::fs::read(out.join(&f)).unwrap();
        match f.extension().and_then(|e| e.to_str()) {
            Some("xml") => assert!(
                bytes.trim_ascii_end().ends_with(b"</akomaNtoso>"),
                "{name} is incomplete"
            ),
            Some("pdf") => assert!(
                bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "{name} is incomplete"
            ),
            Some("docx") => {
                let zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes));
                assert!(zip.is_ok_and(|z| z.len() > 3), "{name} is not a whole DOCX");
            }
            _ => panic!("unexpected file {name}"),
        }
        outputs.push(f);
    }
    outputs
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_batch_with_130_and_leaves_only_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let count = 2_000;
    seed_batch(&dir.path().join("in"), count);
    let out = dir.path().join("out");
    let child = start_convert(&["-q", "-j", "2"], &out, &dir.path().join("in"), 30);
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let result = child.wait_with_output().unwrap();
    assert_exit(&result, 130, &["interrupted"]);
    let done = assert_complete_outputs(&out);
    assert!(!done.is_empty(), "nothing was converted before Ctrl-C");
    assert!(
        done.len() < count * 3,
        "the batch finished before Ctrl-C arrived; the test proves nothing"
    );
    let before: Vec<Vec<u8>> = done
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();

    // A second run finishes the batch, skipping what the first one completed, and the first run's
    // outputs are the same bytes a clean run gives.
    let again = run(&[&"convert", &"-j", &"2", &"-o", &out, &dir.path().join("in")]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(assert_complete_outputs(&out).len(), count * 3);
    let summary = stderr(&again);
    let whole_inputs_done = done
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "xml"))
        .filter(|f| {
            ["pdf", "docx"]
                .iter()
                .all(|e| done.contains(&f.with_extension(e)))
        })
        .count();
    if whole_inputs_done > 0 {
        assert!(summary.contains("up to date"), "{summary}");
    }
    for (f, bytes) in done.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(out.join(f)).unwrap(),
            bytes,
            "{}",
            f.display()
        );
    }
}

#[test]
fn inputs_deleted_or_unreadable_mid_batch_are_reported_and_the_rest_converted() {
    let dir = tempfile::tempdir().unwrap();
    let count = 600;
    let inputs = seed_batch(&dir.path().join("in"), count);
    let out = dir.path().join("out");
    let options = ["-q", "-j", "1", "--format", "xml,pdf"];
    let child = start_convert(&options, &out, &dir.path().join("in"), 4);
    // From the end of the batch: delete every tenth input, and turn every tenth (offset by five)
    // into a folder, which cannot be read as a file.
    let mut vanished = Vec::new();
    for (i, p) in inputs.iter().enumerate().rev() {
        if i % 10 == 0 {
            std::fs::remove_file(p).unwrap();
            vanished.push(p.clone());
        } else if i % 10 == 5 {
            std::fs::remove_file(p).unwrap();
            std::fs::create_dir(p).unwrap();
            vanished.push(p.clone());
        }
    }
    let result = child.wait_with_output().unwrap();
    let err = stderr(&result);
    assert!(!err.contains("panicked"), "{err}");
    let outputs = assert_complete_outputs(&out);
    let mut reported = 0;
    for p in &inputs {
        let stem = crate::harness::stem(p);
        let converted = outputs.contains(&PathBuf::from(format!("{stem}.xml")));
        if vanished.contains(p) {
            // Either it was converted before it vanished, or the batch says it cannot read it.
            let said = err
                .lines()
                .any(|l| l.contains(&format!("{stem}.txt")) && l.contains("error"));
            assert!(
                converted || said,
                "{stem}: neither converted nor reported\n{err}"
            );
            assert!(
                !(converted && said),
                "{stem}: converted and reported as failed"
            );
            reported += usize::from(said);
        } else {
            assert!(converted, "{stem} was not converted\n{err}");
            assert!(outputs.contains(&PathBuf::from(format!("{stem}.pdf"))));
        }
    }
    assert!(reported > 0, "no input vanished before it was read\n{err}");
    // An input that cannot be read is an I/O error: exit code 2, as documented.
    assert_eq!(result.status.code(), Some(2), "{err}");
}

#[test]
fn awkward_input_names_give_outputs_inside_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "with space.txt",
        "ünïcödé Ελληνικά Кирилица.txt",
        "dots..in..name.txt",
        "-starts-with-dash.txt",
    ];
    let inner = dir.path().join("in/deep");
    std::fs::create_dir_all(&inner).unwrap();
    for (i, n) in names.iter().enumerate() {
        std::fs::write(inner.join(n), tiny_motion(i)).unwrap();
    }
    let out = dir.path().join("out");
    // A folder reached through `..`, and a file by its absolute path.
    let through_dots = dir.path().join("in/deep/../deep");
    let absolute = std::fs::canonicalize(inner.join(names[0])).unwrap();
    let result = convert_xml(&out, &[&through_dots, &absolute]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let mut expected: Vec<PathBuf> = names
        .iter()
        .map(|n| PathBuf::from(n).with_extension("xml"))
        .collect();
    expected.sort();
    let found: Vec<PathBuf> = files_below(&out)
        .into_iter()
        .filter(|f| f.as_os_str() != ".motion-export.manifest.json")
        .collect();
    assert_eq!(found, expected);
    // Nothing was written beside the inputs or above the output folder.
    assert_eq!(files_below(&dir.path().join("in")).len(), names.len());
    let top: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(top.len(), 2, "{top:?}");
    // The same names through `check`: each file's diagnostics name it as given.
    let check = run(&[&"check", &"--report-format", &"json", &through_dots]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), names.len());
    for f in files {
        let path = f["path"].as_str().unwrap();
        assert!(names.iter().any(|n| path.ends_with(n)), "{path}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_hundred_thousand_tiny_files_keep_memory_flat() {
    let dir = tempfile::tempdir().unwrap();
    let write_batch = |name: &str, n: usize| {
        let d = dir.path().join(name);
        std::fs::create_dir(&d).unwrap();
        for i in 0..n {
            std::fs::write(d.join(format!("{i:06}.txt")), tiny_motion(i)).unwrap();
        }
        d
    };
    let small = write_batch("small", 1_000);
    let large = write_batch("large", 100_000);
    let measure = |input: &Path| {
        let (out, peak) = run_measuring_memory(bin().args(["check", "-q", "-j", "2"]).arg(input));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        peak
    };
    let small_peak = measure(&small);
    let large_peak = measure(&large);
    eprintln!("check: peak {small_peak} KiB for 1,000 files, {large_peak} KiB for 100,000");
    // What grows with the batch is its list of paths (about 100 bytes each), not the motions.
    assert!(
        large_peak < small_peak + 32 * 1024,
        "peak memory grew from {small_peak} KiB to {large_peak} KiB"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_200_mb_input_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Sparse: 200 MB on paper, no disk used.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, tiny_motion(1)).unwrap();
    let out = dir.path().join("out");
    let (result, peak) = run_measuring_memory(
        bin()
            .args(["convert", "--format", "xml", "-o"])
            .arg(&out)
            .arg(&big)
            .arg(&good),
    );
    assert_exit(&result, 1, &["error[E-INPUT-TOO-LARGE]"]);
    let err = stderr(&result);
    assert!(err.contains("--max-input-size"), "{err}");
    assert!(
        out.join("good.xml").exists(),
        "the batch stopped at the big file"
    );
    assert!(!out.join("big.xml").exists());
    assert!(
        peak < 64 * 1024,
        "peak memory {peak} KiB: the big file was read"
    );
    // Raising the limit reads it (it is all NUL bytes, so it is refused as binary instead).
    let raised = run(&[&"check", &"--max-input-size", &"300MiB", &big]);
    assert_stderr(&raised, &["error[E-INPUT-BINARY]"]);
}

/// A motion of `n` numbered paragraphs.
fn many_paragraphs(n: usize) -> String {
    let mut text = String::from(
        "The European Parliament,\n\n– having regard to Rule 143 of its Rules of Procedure,\n\n\
         A. whereas this motion is long;\n\n",
    );
    for i in 1..n {
        text.push_str(&format!("{i}. Calls for action on item {i};\n"));
    }
    text.push_str(&format!(
        "{n}. Instructs its President to forward this resolution to the Commission.\n"
    ));
    text
}

/// Paragraphs holding `n` sub-points in all, nested four deep: each paragraph has points (a) to
/// (h), each of those (i) to (iii), each of those (1) and (2), each of those two dashes.
fn nested_points(n: usize) -> String {
    let mut text = String::from("The European Parliament,\n\n");
    let mut written = 0;
    let mut para = 1;
    while written < n {
        text.push_str(&format!("{para}. Calls on the Commission:\n"));
        for alpha in 'a'..='h' {
            text.push_str(&format!("({alpha}) as to group {alpha}:\n"));
            for r in ["i", "ii", "iii"] {
                text.push_str(&format!("({r}) on part {r} of group {alpha}:\n"));
                for d in 1..=2 {
                    text.push_str(&format!(
                        "({d}) point {d}, with:\n– a dash;\n– another dash;\n"
                    ));
                }
            }
        }
        written += 8 * (1 + 3 * (1 + 2 * 3));
        para += 1;
    }
    text.push_str(&format!(
        "{para}. Instructs its President to forward this resolution to the Commission.\n"
    ));
    text
}

/// One operative paragraph on a single line of about `bytes` bytes.
fn long_line(bytes: usize) -> String {
    let mut text = String::from("The European Parliament,\n1. Calls ");
    while text.len() < bytes {
        text.push_str("on the Commission and ");
    }
    text.push_str("instructs its President to forward this resolution.\n");
    text
}

/// `n` paragraphs each calling a footnote, with the notes at the end.
fn many_footnotes(n: usize) -> String {
    let mut text = String::from("The European Parliament,\n\n");
    for i in 1..=n {
        text.push_str(&format!("{i}. Recalls its position[{i}];\n"));
    }
    for i in 1..=n {
        text.push_str(&format!("[{i}] OJ C {i}, 1.1.2024, p. {i}.\n"));
    }
    text
}

/// A motion of size `n` in one pathological shape.
type Generator = fn(usize) -> String;

const CHECK: &[&str] = &["check", "-q"];

/// Numbered paragraphs, nested points, one long line and many footnotes: each shape at three sizes.
#[test]
fn the_reader_takes_linear_work() {
    let shapes: [(&str, usize, Generator); 4] = [
        ("check, paragraphs", 2_000, many_paragraphs),
        ("check, nested points", 1_000, nested_points),
        ("check, one line", 100_000, long_line),
        ("check, footnotes", 1_000, many_footnotes),
    ];
    for (what, n, make) in shapes {
        assert_linear(what, CHECK, n, make);
    }
}

#[test]
fn every_exporter_takes_linear_work() {
    for format in ["xml", "pdf", "docx"] {
        let out = tempfile::tempdir().unwrap();
        let out_dir = out.path().to_str().unwrap();
        let args = [
            "convert", "-q", "--force", "--format", format, "-o", out_dir,
        ];
        assert_linear(
            &format!("convert to {format}, paragraphs"),
            &args,
            300,
            many_paragraphs,
        );
        assert_linear(
            &format!("convert to {format}, points"),
            &args,
            300,
            nested_points,
        );
    }
}

/// The pathological motions at full size: they finish, all their parts are read as such, and each
/// export is whole.
#[test]
fn pathological_motions_at_full_size_finish() {
    let dir = tempfile::tempdir().unwrap();
    let million = dir.path().join("million.txt");
    std::fs::write(&million, many_paragraphs(1_000_000)).unwrap();
    let out = run(&[&"check", &"-q", &"--report-format", &"json", &million]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dump = run(&[&"dump", &million]);
    let model: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    assert_eq!(model["body"].as_array().unwrap().len(), 1_000_000);

    let nested = dir.path().join("nested.txt");
    std::fs::write(&nested, nested_points(10_000)).unwrap();
    let dump = run(&[&"dump", &nested]);
    let model: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    fn count(points: &serde_json::Value) -> usize {
        points
            .as_array()
            .map_or(0, |ps| ps.iter().map(|p| 1 + count(&p["points"])).sum())
    }
    let points: usize = (model["body"].as_array().unwrap().iter())
        .map(|p| count(&p["points"]))
        .sum();
    assert!(points >= 10_000, "{points} points");
    let check = run(&[&"check", &"-q", &nested]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let out_dir = dir.path().join("out");
    let conv = run(&[&"convert", &"-o", &out_dir, &nested]);
    assert_eq!(conv.status.code(), Some(0), "{}", stderr(&conv));
    assert_eq!(assert_complete_outputs(&out_dir).len(), 3);
}

/// Runs `motion-export convert -o MOUNT INPUTS...` with a fresh tmpfs mounted (with
/// `mount_options`) at MOUNT, in a private user and mount namespace (`unshare -rm`), so no
/// privileges are needed; then copies what the run left in the tmpfs into `copy_to`, a new folder. `before`
/// is shell run first, with the mount point in `$1`. None when namespaces are not available.
#[cfg(target_os = "linux")]
fn convert_into_tmpfs(
    mount_options: &str,
    before: &str,
    inputs: &[PathBuf],
    copy_to: &Path,
) -> Option<Output> {
    std::fs::create_dir(copy_to).unwrap();
    let mount = tempfile::tempdir().unwrap();
    let script = format!(
        "mount -t tmpfs -o {mount_options} none \"$1\" || exit 99; {before}\n\
         bin=$2; copy=$3; mnt=$1; shift 3; \"$bin\" convert -o \"$mnt\" \"$@\"; code=$?; \
         cp -a \"$mnt\"/. \"$copy\"/; exit $code"
    );
    let out = std::process::Command::new("unshare")
        .args(["-r", "-m", "sh", "-c", &script, "sh"])
        .arg(mount.path())
        .arg(env!("CARGO_BIN_EXE_motion-export"))
        .arg(copy_to)
        .args(inputs)
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    if out.status.code().is_none_or(|c| c >= 99) {
        eprintln!("no private tmpfs here ({}): {}", out.status, stderr(&out));
        return None;
    }
    Some(out)
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_only_whole_files_and_no_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = seed_batch(&dir.path().join("in"), 4);
    let copy = dir.path().join("copy");
    // A stale PDF from an earlier run, which this run cannot replace for lack of space.
    let stale = "printf 'old' > \"$1/m00003.pdf\"";
    let Some(out) = convert_into_tmpfs("size=80k", stale, &inputs, &copy) else {
        // Without namespaces, /dev/full stands in for a full disk (standard output).
        let full = run(&[
            &"convert",
            &"--format",
            &"pdf",
            &inputs[0],
            &"-o",
            &"/dev/full",
        ]);
        assert_eq!(full.status.code(), Some(2));
        return;
    };
    assert_exit(&out, 2, &["No space left on device"]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    let left = assert_complete_outputs(&copy);
    assert!(
        !left.is_empty(),
        "nothing fitted: the test proves nothing\n{err}"
    );
    assert!(
        left.len() < 12,
        "everything fitted: the test proves nothing"
    );
    if let Ok(bytes) = std::fs::read(copy.join("m00003.pdf")) {
        assert_ne!(bytes, b"old", "a stale output survived");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_read_only_output_folder_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = seed_batch(&dir.path().join("in"), 2);
    let copy = dir.path().join("copy");
    let Some(out) = convert_into_tmpfs("ro", "", &inputs, &copy) else {
        return;
    };
    assert_exit(&out, 2, &["cannot write in output folder"]);
    let err = stderr(&out);
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(err.matches("cannot write").count(), 1, "{err}");
}

#[test]
fn a_file_where_an_output_folder_should_be_fails_that_input_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("top.txt"), tiny_motion(1)).unwrap();
    std::fs::write(input.join("sub/inner.txt"), tiny_motion(2)).unwrap();
    let out = dir.path().join("missing/yet/out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("sub"), "a file, not a folder").unwrap();
    let result = convert_xml(&out, &[&input]);
    assert_exit(&result, 2, &["inner.xml"]);
    assert!(
        out.join("top.xml").is_file(),
        "the other input was not converted"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("sub")).unwrap(),
        "a file, not a folder"
    );
    // A missing output folder, several levels deep, is created.
    let fresh = dir.path().join("new/a/b");
    let result = convert_xml(&fresh, &[&input]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert!(fresh.join("sub/inner.xml").is_file());
}

/// Writes `count` copies of one tiny motion into `dir` as `v00000.txt`, ...: versions of one
/// document, as `check --versions` sees them.
fn versions_of_one_motion(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..count {
        std::fs::write(dir.join(format!("v{i:05}.txt")), tiny_motion(0)).unwrap();
    }
}

#[test]
fn comparing_many_versions_takes_linear_work() {
    let dir = tempfile::tempdir().unwrap();
    assert_linear_counts("check --versions, copies of one motion", 300, |k| {
        let batch = dir.path().join(k.to_string());
        versions_of_one_motion(&batch, k);
        let args = ["check", "-q", "-j", "1", "--versions"].map(std::ffi::OsStr::new);
        instructions_of(&[&args[..], &[batch.as_os_str()]].concat())
    });
}

/// Many versions of one motion, in two folders holding the same file names; one version has an
/// extra paragraph: exactly that one is reported, in its own file, not in its namesake's.
#[test]
fn one_deviating_version_among_many_is_reported_in_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    versions_of_one_motion(&dir.path().join("a"), 300);
    versions_of_one_motion(&dir.path().join("b"), 300);
    let odd = dir.path().join("b/v00123.txt");
    let extra = tiny_motion(0).replace("2. Instructs", "2. Calls again;\n\n3. Instructs");
    std::fs::write(&odd, extra).unwrap();
    let out = run(&[
        &"check",
        &"--versions",
        &"--report-format",
        &"json",
        &dir.path(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flagged: Vec<(String, String, String)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let path = f["path"].as_str().unwrap().to_string();
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == "error")
                .map(move |d| {
                    let code = d["code"].as_str().unwrap().to_string();
                    let message = d["message"].as_str().unwrap().to_string();
                    (path.clone(), code, message)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        flagged,
        [(
            odd.display().to_string(),
            "E-VERSIONS-STRUCTURE".to_string(),
            "paragraphs: 3 here, 2 in v00000, v00001 and 597 other versions".to_string()
        )]
    );
}

/// `check --versions` holds the few facts it compares of each version, not its motion: from 500
/// to 4,000 copies of one motion the peak grows by about 2 KiB a file (7.7 KiB when it held the
/// motions), so 200,000 files fit.
#[cfg(target_os = "linux")]
#[test]
fn comparing_many_versions_holds_only_their_facts() {
    let dir = tempfile::tempdir().unwrap();
    let peak = |n: usize| {
        let batch = dir.path().join(n.to_string());
        versions_of_one_motion(&batch, n);
        let (out, peak) = run_measuring_memory(
            bin()
                .args(["check", "-q", "-j", "2", "--versions"])
                .arg(&batch),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        peak
    };
    let (small, large) = (peak(500), peak(4_000));
    let per_file = (large.saturating_sub(small)) as f64 / 3_500.0;
    eprintln!("check --versions: peak {small} KiB for 500 copies, {large} KiB for 4,000: {per_file:.2} KiB a file");
    assert!(per_file < 4.0, "{per_file:.2} KiB a file");
}
