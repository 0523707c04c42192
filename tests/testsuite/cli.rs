//! The command line as users run it: diagnostics and exit codes for bad inputs, batches with a
//! bad file among good ones, atomic outputs, unwritable output folders, determinism.

use crate::harness::{
    assert_exit, assert_stderr, bin, convert_xml, files_below, fixtures, outputs, repo_root,
    report_codes, run, sample_files, stderr,
};
use std::path::PathBuf;

#[test]
fn bad_inputs_give_their_diagnostic_and_exit_code_1() {
    let cases = [
        ("empty.txt", "E-INPUT-EMPTY"),
        ("blank.txt", "E-INPUT-EMPTY"),
        ("binary.txt", "E-INPUT-BINARY"),
        ("latin1.txt", "E-INPUT-ENCODING"),
        ("no-paragraphs.txt", "E-NO-PARAGRAPHS"),
        ("no-formula.txt", "E-NO-FORMULA"),
        ("numbering.txt", "E-RECITAL-GAP"),
        ("numbering.txt", "E-PARAGRAPH-DUPLICATE"),
        ("numbering.txt", "E-PARAGRAPH-GAP"),
        ("malformed-cover.txt", "E-DOCNUMBER-MALFORMED"),
        ("malformed-cover.txt", "E-DATE-MALFORMED"),
        ("malformed-cover.txt", "E-PROCEDURE-MALFORMED"),
    ];
    for (file, code) in cases {
        let path = fixtures("bad").join(file);
        let out = run(&[&"check", &path]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(
            err.contains(&format!("error[{code}]")),
            "{file}: expected {code} in\n{err}"
        );
        assert!(!err.contains("panicked"), "{file}: {err}");
    }
    // The encoding error names the file, line, column and byte offset.
    let err = stderr(&run(&[&"check", &fixtures("bad").join("latin1.txt")]));
    assert!(
        err.contains("latin1.txt:3:15: invalid UTF-8 at byte offset 63"),
        "{err}"
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let path = fixtures("bad").join("unrecognised.txt");
    let out = run(&[&"check", &path]);
    assert_exit(
        &out,
        0,
        &["warning[W-UNRECOGNISED-TEXT]", "warning[W-FOOTNOTE-UNUSED]"],
    );
    let err = stderr(&out);
    // rustc-style: file:line:col, the source line, a hint.
    assert!(
        err.contains("unrecognised.txt:15:1")
            && err.contains("Draft 3 - do not circulate")
            && err.contains("help:"),
        "{err}"
    );
    let denied = run(&[&"check", &"--deny-warnings", &path]);
    assert_exit(&denied, 1, &["error[W-UNRECOGNISED-TEXT]"]);
}

#[test]
fn large_inputs_finish_and_respect_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    // A 50 MB motion of numbered paragraphs.
    let big = dir.path().join("big.txt");
    let mut text = String::from("The European Parliament,\n\n– having regard to Rule 143 of its Rules of Procedure,\n\nA. whereas this motion is long;\n\n");
    let mut n = 1;
    while text.len() < 50_000_000 {
        text.push_str(&format!("{n}. Calls on the Commission to consider item {n} with care and to report on it in due course;\n\n"));
        n += 1;
    }
    text.push_str(&format!(
        "{n}. Instructs its President to forward this resolution to the Commission.\n"
    ));
    std::fs::write(&big, &text).unwrap();
    let out = run(&[&"check", &"-q", &"--report-format", &"json", &big]);
    // Every numbered paragraph is read as one, past 9,999 too (a regression: labels had at most
    // four digits, and later paragraphs became unplaced text).
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = report_codes(&report["files"][0]);
    assert!(
        !codes.contains(&"W-UNRECOGNISED-TEXT"),
        "{:?}",
        &codes[..codes.len().min(10)]
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        &stderr(&out)[..stderr(&out).len().min(2000)]
    );
    let limited = run(&[&"check", &"--max-input-size", &"1MiB", &big]);
    assert_exit(&limited, 1, &["error[E-INPUT-TOO-LARGE]"]);
    drop(text);

    // A single 10 MB line.
    let line = dir.path().join("line.txt");
    let mut text = String::from("The European Parliament,\n1. Calls ");
    while text.len() < 10_000_000 {
        text.push_str("on the Commission and ");
    }
    text.push_str("instructs its President to forward this resolution.\n");
    std::fs::write(&line, &text).unwrap();
    let out = run(&[&"check", &"-q", &line]);
    let err = stderr(&out);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(!err.contains("panicked"));
    // Diagnostics about the long line show a window of it, not 10 MB.
    assert!(
        err.len() < 10_000,
        "diagnostic output is {} bytes",
        err.len()
    );
}

#[test]
fn explain_every_code() {
    for code in motion_export::diag::codes::ALL {
        let out = run(&[&"explain", &code.name.to_lowercase()]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            text.starts_with(code.name) && text.contains("Wrong") && text.contains("Right"),
            "{}: {text}",
            code.name
        );
    }
    assert_eq!(run(&[&"explain", &"E-NO-SUCH-CODE"]).status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[&"convert"]).status.code(), Some(2));
    assert_eq!(
        run(&[&"convert", &"--format", &"rtf", &"samples"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&[&"check", &"--lang", &"xx", &"samples"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&[&"check", &"/no/such/file.txt"]).status.code(),
        Some(2)
    );
}

#[test]
fn dump_prints_the_model_as_json() {
    let seed = repo_root().join("samples/B9-0146-2021_EN.txt");
    let out = run(&[&"dump", &seed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["cover"]["doc_number"]["value"], "B9-0146/2021");
    assert_eq!(json["recitals"].as_array().unwrap().len(), 20);
    assert!(sample_files().len() >= 5);
}

#[test]
fn dump_shows_at_most_twenty_diagnostics_of_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeats.txt");
    let mut text = String::from("The European Parliament,\n");
    // Thirty numbers each used twice: one diagnostic per repeated number (issue 13).
    for i in 1..=30 {
        text.push_str(&format!("{i}. Calls for action;\n{i}. Calls again;\n"));
    }
    std::fs::write(&path, text).unwrap();
    let out = run(&[&"dump", &path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("error[E-PARAGRAPH-DUPLICATE]").count(),
        20,
        "{err}"
    );
    assert!(
        err.contains("10 more E-PARAGRAPH-DUPLICATE not shown"),
        "{err}"
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("the model still comes out");
}

#[test]
fn readme_documents_every_code_and_exit_code() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    for code in motion_export::diag::codes::ALL {
        // Families are written `E-RECITAL-GAP` / `-DUPLICATE` / `-ORDER`.
        let tail = code.name.rsplit('-').next().unwrap();
        assert!(
            readme.contains(code.name) || readme.contains(&format!("`-{tail}`")),
            "README.md lacks {}",
            code.name
        );
    }
    for exit in ["| 0 |", "| 1 |", "| 2 |", "| 130 |"] {
        assert!(
            readme.contains(exit),
            "README.md lacks exit code row {exit}"
        );
    }
}

/// A folder with two good motions, one in a sub-folder, and a bad one.
fn mixed_batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::copy(
        repo_root().join("samples/B9-0777-2022_EN.txt"),
        input.join("good.txt"),
    )
    .unwrap();
    std::fs::copy(
        repo_root().join("samples/B9-0801-2023_EN.txt"),
        input.join("sub/nested motion ü.txt"),
    )
    .unwrap();
    std::fs::copy(fixtures("bad").join("numbering.txt"), input.join("bad.txt")).unwrap();
    dir
}

#[test]
fn one_bad_file_does_not_stop_the_batch() {
    let dir = mixed_batch();
    let out = dir.path().join("out");
    let result = convert_xml(&out, &[&dir.path().join("in")]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert_eq!(
        outputs(&out),
        vec![
            PathBuf::from("good.xml"),
            PathBuf::from("sub/nested motion ü.xml")
        ]
    );
    assert!(stderr(&result).contains("error[E-RECITAL-GAP]"));
    assert_stderr(
        &result,
        &["converted 3 files (2 outputs): 1 with errors, 2 clean"],
    );

    // The bad file once converted (an earlier, good version) leaves no stale output behind.
    std::fs::write(out.join("bad.xml"), "stale").unwrap();
    let again = convert_xml(&out, &[&dir.path().join("in")]);
    assert_eq!(again.status.code(), Some(1));
    assert!(!out.join("bad.xml").exists(), "stale output was left");
    assert_stderr(&again, &["removed"]);
}

#[test]
fn unwritable_output_gives_a_clear_error_and_exit_2() {
    let dir = mixed_batch();
    let input = dir.path().join("in/good.txt");
    // A file where the output folder should be.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let out = convert_xml(&blocker, &[&input]);
    assert_exit(&out, 2, &["cannot create output folder"]);
    // A read-only folder (root ignores permissions, so skip that part when running as root).
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    if std::fs::write(ro.join("probe"), "").is_err() {
        let out = convert_xml(&ro, &[&input]);
        assert_exit(&out, 2, &["cannot write in output folder"]);
    }
    // /dev/full: writing fails with "no space left"; nothing partial is left.
    let full = run(&[&"convert", &"--format", &"xml", &"-", &"-o", &"/dev/full"]);
    assert_eq!(full.status.code(), Some(2));
}

#[test]
fn no_temporary_or_partial_files_are_left() {
    let dir = mixed_batch();
    let out = dir.path().join("out");
    convert_xml(&out, &[&dir.path().join("in")]);
    for f in files_below(&out) {
        if f.as_os_str() == ".motion-export.manifest.json" {
            continue;
        }
        assert!(
            !f.to_string_lossy().contains(".motion-export-"),
            "temporary file left: {}",
            f.display()
        );
        let bytes = std::fs::read(out.join(&f)).unwrap();
        assert!(
            bytes.ends_with(b"</akomaNtoso>\n") || bytes.ends_with(b"</akomaNtoso>"),
            "{} is incomplete",
            f.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_in_the_output_folder_are_not_followed() {
    let dir = mixed_batch();
    let out = dir.path().join("out");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("sub")).unwrap();
    let result = convert_xml(&out, &[&dir.path().join("in")]);
    assert_exit(&result, 2, &["symbolic link"]);
    assert_eq!(
        std::fs::read_dir(&outside).unwrap().count(),
        0,
        "wrote through the symlink"
    );
    assert!(out.join("good.xml").exists());
}

#[test]
fn standard_input_to_standard_output() {
    let seed = std::fs::read(repo_root().join("samples/B9-0777-2022_EN.txt")).unwrap();
    let mut child = bin()
        .args(["convert", "--format", "xml", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&seed).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.starts_with("<?xml") && xml.contains("B9-0777/2022"),
        "{}",
        &xml[..xml.len().min(300)]
    );
    // Two formats to standard output is a usage error.
    assert_eq!(
        run(&[&"convert", &"--format", &"xml,pdf", &"-"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let out1 = tempfile::tempdir().unwrap();
    let out2 = tempfile::tempdir().unwrap();
    let samples = repo_root().join("samples");
    let a = run(&[&"convert", &"-q", &"-j1", &"-o", &out1.path(), &samples]);
    let b = run(&[&"convert", &"-q", &"-j2", &"-o", &out2.path(), &samples]);
    assert_eq!(a.status.code(), b.status.code());
    let files = files_below(out1.path());
    assert_eq!(files, files_below(out2.path()));
    assert!(files.len() >= sample_files().len(), "{files:?}");
    for f in &files {
        assert_eq!(
            std::fs::read(out1.path().join(f)).unwrap(),
            std::fs::read(out2.path().join(f)).unwrap(),
            "{} differs between -j1 and -j2",
            f.display()
        );
    }
    assert_eq!(
        stderr(&a),
        stderr(&b),
        "diagnostics differ between -j1 and -j2"
    );
}
