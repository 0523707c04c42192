//! Configuration and fonts from disk (issues 11 and 12): which `motion-export.toml` applies and
//! what it may silence, `--config` and `--no-config`, only regular files read as configuration
//! or font, `--pdf-font` siblings found by their name tables, and options each command refuses.

use crate::harness::{
    assert_exit, assert_stderr, bin, copy_bad, fixtures, run, sample_files, stderr,
};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// Runs motion-export with at most 2 GiB of address space, killed after `secs` seconds: a
/// command that would read a device until memory runs out, or wait on a FIFO forever, fails the
/// test instead of the machine. `None` when it had to be killed.
fn run_bounded(args: &[&dyn AsRef<std::ffi::OsStr>], secs: u64) -> Option<Output> {
    let exe = bin().get_program().to_owned();
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152; exec \"$@\"")
        .arg("sh")
        .arg(exe)
        .args(args.iter().map(|a| a.as_ref()))
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        if started.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A planted parent folder (like `/tmp`) holding a `motion-export.toml` that allows everything
/// it can, and the project in a sub-folder of it: `proj/motions/` with a motion with numbering
/// errors and a broken XML file.
struct Planted {
    root: tempfile::TempDir,
}

impl Planted {
    fn new(toml: &str) -> Planted {
        let root = tempfile::tempdir().unwrap();
        let motions = root.path().join("proj/motions");
        std::fs::create_dir_all(&motions).unwrap();
        copy_bad("numbering.txt", &motions);
        std::fs::write(motions.join("broken.xml"), "<akomaNtoso><p></akomaNtoso>").unwrap();
        std::fs::write(root.path().join("motion-export.toml"), toml).unwrap();
        Planted { root }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }
}

const ALLOW_NUMBERING: &str =
    "allow = [\"E-RECITAL-GAP\", \"E-PARAGRAPH-GAP\", \"E-PARAGRAPH-DUPLICATE\"]\n";

#[test]
fn issue_11_8_a_configuration_above_the_input_argument_is_not_read() {
    let planted = Planted::new(ALLOW_NUMBERING);
    for arg in [
        planted.path("proj"),
        planted.path("proj/motions"),
        planted.path("proj/motions/numbering.txt"),
    ] {
        let out = run(&[&"check", &arg]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", arg.display());
        assert!(err.contains("error[E-RECITAL-GAP]"), "{err}");
        assert!(!err.contains("using configuration"), "{err}");
        // The ignored file is named, with the way to use it anyway.
        assert!(
            err.contains("ignored") && err.contains("--config"),
            "{}: {err}",
            arg.display()
        );
    }
    // The planted file also broke every input before (it allowed what cannot be allowed): now it
    // is simply not read.
    let planted = Planted::new("allow = [\"E-AKN-XML\", \"E-NO-PARAGRAPHS\"]\n");
    let out = run(&[&"check", &planted.path("proj/motions/broken.xml")]);
    assert_exit(&out, 1, &["error[E-AKN-XML]"]);
}

#[test]
fn issue_11_8_the_search_stops_at_the_repository_root() {
    // The argument is the planted folder itself, but the motion sits in a repository below it:
    // the repository's root ends the search.
    let planted = Planted::new(ALLOW_NUMBERING);
    for git in ["proj/.git", "proj/motions/.git"] {
        let git = planted.path(git);
        std::fs::create_dir(&git).unwrap();
        let out = run(&[&"check", &planted.root.path()]);
        assert_exit(&out, 1, &["error[E-RECITAL-GAP]"]);
        std::fs::remove_dir(&git).unwrap();
    }
    // A `.git` file (a worktree or submodule) counts too.
    std::fs::write(planted.path("proj/.git"), "gitdir: elsewhere\n").unwrap();
    let out = run(&[&"check", &planted.root.path()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Inside the bounds, the nearest file applies and check names it, once.
    std::fs::write(planted.path("proj/motion-export.toml"), ALLOW_NUMBERING).unwrap();
    let copy = planted.path("proj/motions/numbering2.txt");
    std::fs::copy(fixtures("bad").join("numbering.txt"), &copy).unwrap();
    let out = run(&[&"check", &planted.path("proj")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}"); // broken.xml
    assert!(!err.contains("E-RECITAL-GAP"), "{err}");
    let config = planted.path("proj/motion-export.toml");
    let line = format!("using configuration {}", config.display());
    assert_eq!(err.matches(&line).count(), 1, "{err}");
    // Not in --quiet.
    let out = run(&[&"check", &"--quiet", &planted.path("proj")]);
    assert!(!stderr(&out).contains("using configuration"));
}

#[test]
fn issue_11_8_config_names_the_file_and_no_config_reads_none() {
    let planted = Planted::new(ALLOW_NUMBERING);
    let numbering = planted.path("proj/motions/numbering.txt");
    // --config: exactly this file, for every input, wherever it is.
    let elsewhere = tempfile::tempdir().unwrap();
    let config = elsewhere.path().join("rules.toml");
    std::fs::write(&config, ALLOW_NUMBERING).unwrap();
    let out = run(&[&"check", &"--config", &config, &numbering]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("using configuration {}", config.display())),
        "{err}"
    );
    // --no-config: not even the file in the input's own folder.
    std::fs::write(
        planted.path("proj/motions/motion-export.toml"),
        ALLOW_NUMBERING,
    )
    .unwrap();
    assert_eq!(run(&[&"check", &numbering]).status.code(), Some(0));
    let out = run(&[&"check", &"--no-config", &numbering]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Both at once is a usage error; so is a --config that does not exist.
    let out = run(&[&"check", &"--no-config", &"--config", &config, &numbering]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[
        &"check",
        &"--config",
        &elsewhere.path().join("nope.toml"),
        &numbering,
    ]);
    assert_exit(&out, 2, &["nope.toml"]);
    // convert, dump and deps take them too.
    let sample = &sample_files()[0];
    let out_dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["convert", "--no-config", "-o"],
        vec!["dump", "--no-config"],
        vec!["deps", "--no-config", "-o"],
    ] {
        let mut c = bin();
        c.args(&args);
        if args.last() == Some(&"-o") {
            c.arg(out_dir.path());
        }
        let out = c.arg(sample).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    // deps names the --config file as a prerequisite.
    let out = run(&[&"deps", &"--config", &config, &sample]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&*config.to_string_lossy()),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn issue_11_8_input_errors_cannot_be_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.xml");
    std::fs::write(&broken, "<akomaNtoso><p></akomaNtoso>").unwrap();
    for code in [
        "E-AKN-XML",
        "e-input-empty",
        "E-INPUT-BINARY",
        "E-INPUT-ENCODING",
        "E-INPUT-TOO-LARGE",
        "E-IO",
        "E-INTERNAL",
        "E-OUTPUT-COLLISION",
        "E-NO-PARAGRAPHS",
    ] {
        let out = run(&[&"check", &"--allow", &code, &broken]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "--allow {code}: {err}");
        assert!(
            err.contains(&code.to_ascii_uppercase()) && err.contains("cannot be allowed"),
            "{code}: {err}"
        );
        // Denying them is harmless: they are errors already.
        assert_eq!(
            run(&[&"check", &"--deny", &code, &broken]).status.code(),
            Some(1)
        );
    }
    // The same from a configuration file, which names itself.
    let config = dir.path().join("motion-export.toml");
    std::fs::write(&config, "allow = [\"E-AKN-XML\"]\n").unwrap();
    let out = run(&[&"check", &broken]);
    assert_exit(
        &out,
        2,
        &["motion-export.toml", "E-AKN-XML cannot be allowed"],
    );
    let err = stderr(&out);
    assert!(!err.contains("checked 1 file"), "{err}");
}

#[test]
fn issue_11_8_convert_never_writes_an_empty_motion() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    copy_bad("no-paragraphs.txt", &input);
    let out_dir = dir.path().join("out");
    let out = run(&[
        &"convert",
        &"--allow",
        &"E-NO-PARAGRAPHS",
        &"-o",
        &out_dir,
        &input,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    std::fs::write(
        input.join("motion-export.toml"),
        "allow = [\"E-NO-PARAGRAPHS\"]\n",
    )
    .unwrap();
    let out = run(&[&"convert", &"-o", &out_dir, &input]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // One usage error before the batch, not one per input.
    assert_eq!(stderr(&out).matches("cannot be allowed").count(), 1);
    assert!(
        !out_dir.exists()
            || crate::harness::files_below(&out_dir)
                .iter()
                .all(|p| p.extension().is_none_or(|e| e == "json")),
        "{:?}",
        crate::harness::files_below(&out_dir)
    );
    // And the library itself refuses: every exporter reports the motion incomplete.
    let empty = motion_export::model::Motion {
        lang: "en".into(),
        ..Default::default()
    };
    for format in motion_export::export::Format::ALL {
        let result = motion_export::export::export(
            &empty,
            format,
            &motion_export::export::ExportOptions::default(),
        );
        assert!(
            matches!(
                result,
                Err(motion_export::export::ExportError::Incomplete { .. })
            ),
            "{format}: {:?}",
            result.map(|b| b.len())
        );
    }
}

#[test]
fn issue_11_5_configuration_must_be_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let sample = &sample_files()[0];
    // A device given as --config: refused at once, not read until memory runs out.
    let out = run_bounded(&[&"check", &"--config", &"/dev/zero", sample], 30)
        .expect("--config /dev/zero did not finish");
    assert_exit(&out, 2, &["not a regular file"]);
    // A FIFO, as --config or as the motion-export.toml of the input's folder: no hang.
    let fifo = dir.path().join("motion-export.toml");
    mkfifo(&fifo);
    let copy = dir.path().join("m.txt");
    std::fs::copy(sample, &copy).unwrap();
    for args in [
        vec![
            "check".as_ref(),
            "--config".as_ref(),
            fifo.as_os_str(),
            sample.as_os_str(),
        ],
        vec!["check".as_ref(), copy.as_os_str()],
    ] {
        let args: Vec<&dyn AsRef<std::ffi::OsStr>> = args
            .iter()
            .map(|a| a as &dyn AsRef<std::ffi::OsStr>)
            .collect();
        let out = run_bounded(&args, 30).expect("a FIFO as configuration hangs");
        assert_exit(&out, 2, &["not a regular file"]);
    }
    // Too large a file is refused too.
    std::fs::remove_file(&fifo).unwrap();
    std::fs::write(&fifo, format!("# {}\n", "x".repeat(2 << 20))).unwrap();
    let out = run(&[&"check", &copy]);
    assert_exit(&out, 2, &["larger than"]);
    // A symbolic link to a regular file is fine.
    std::fs::remove_file(&fifo).unwrap();
    let real = dir.path().join("real.toml");
    std::fs::write(&real, "deny-warnings = false\n").unwrap();
    std::os::unix::fs::symlink(&real, &fifo).unwrap();
    let out = run(&[&"check", &copy]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn issue_11_5_pdf_font_must_be_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let sample = &sample_files()[0];
    let out_dir = dir.path().join("out");
    let out = run_bounded(
        &[
            &"convert",
            &"--pdf-font",
            &"/dev/zero",
            &"-o",
            &out_dir,
            sample,
        ],
        30,
    )
    .expect("--pdf-font /dev/zero did not finish");
    assert_exit(&out, 2, &["not a regular file"]);
    let fifo = dir.path().join("font.ttf");
    mkfifo(&fifo);
    let out = run_bounded(
        &[&"convert", &"--pdf-font", &fifo, &"-o", &out_dir, sample],
        30,
    )
    .expect("a FIFO as --pdf-font hangs");
    assert_exit(&out, 2, &["not a regular file"]);
}

/// A folder of DejaVu faces under names that say nothing of their style, with things beside
/// them that must be skipped: another family, a file that is no font, a FIFO, a device.
fn odd_font_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    put("Body.ttf", dejavu::serif::regular());
    put("Heavy.TTF", dejavu::serif::bold());
    put("Slanted.ttf", dejavu::serif::italic());
    put("HeavySlanted.ttf", dejavu::serif::bold_italic());
    put("Aaa.ttf", dejavu::sans::bold());
    put("Abc.ttf", b"not a font at all");
    mkfifo(&dir.path().join("Aab.ttf"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("Aac.ttf")).unwrap();
    dir
}

#[test]
fn issue_12_pdf_font_siblings_are_found_by_their_names_inside() {
    let fonts = odd_font_folder();
    let sample = &sample_files()[0];
    let out_dir = tempfile::tempdir().unwrap();
    let out = run_bounded(
        &[
            &"convert",
            &"--format",
            &"pdf",
            &"--pdf-font",
            &fonts.path().join("Body.ttf"),
            &"-o",
            &out_dir.path(),
            sample,
        ],
        120,
    )
    .expect("convert with an odd font folder hangs");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "PDF font: DejaVu Serif: regular Body.ttf, bold Heavy.TTF, italic Slanted.ttf, \
             bold italic HeavySlanted.ttf"
        ),
        "{err}"
    );
    // The PDF embeds the bold face the name table pointed to.
    let pdf = out_dir
        .path()
        .join(sample.file_stem().unwrap())
        .with_extension("pdf");
    let fonts_used = crate::harness::run_tool("pdffonts", &[pdf.as_os_str()]);
    assert!(fonts_used.contains("DejaVuSerif-Bold"), "{fonts_used}");

    // Alone in its folder, the regular face says what the other styles fall back on; --quiet
    // says nothing.
    let alone = tempfile::tempdir().unwrap();
    let body = alone.path().join("Body.ttf");
    std::fs::write(&body, dejavu::serif::regular()).unwrap();
    let args = |quiet: bool| {
        let mut c = bin();
        c.args(["convert", "--format", "pdf", "--pdf-font"])
            .arg(&body)
            .arg("-o")
            .arg(out_dir.path())
            .arg("--force");
        if quiet {
            c.arg("--quiet");
        }
        c.arg(sample).output().unwrap()
    };
    let err = stderr(&args(false));
    assert!(
        err.contains("PDF font: DejaVu Serif: regular Body.ttf")
            && err.contains("no bold face found: bold text uses regular")
            && err.contains("no italic face found: italic text uses regular"),
        "{err}"
    );
    assert!(!stderr(&args(true)).contains("PDF font"));
}

#[test]
fn issue_12_dump_refuses_the_options_it_does_not_use() {
    let sample = &sample_files()[0];
    for extra in [
        &["--shard", "1/2"][..],
        &["--report-format", "json"],
        &["--report", "r.json"],
        &["-j", "2"],
        &["--quiet"],
    ] {
        let out = bin().arg("dump").args(extra).arg(sample).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "dump {extra:?}");
        assert_stderr(&out, &["unexpected argument"]);
    }
    // What it uses, it takes.
    let out = bin()
        .args([
            "dump",
            "--lang",
            "en",
            "--max-input-size",
            "1M",
            "--deny-warnings",
        ])
        .args(["--allow", "W-NO-FORWARD", "--deny", "W-NO-DATE"])
        .arg(sample)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn issue_12_values_are_case_insensitive() {
    let sample = &sample_files()[0];
    let out_dir = tempfile::tempdir().unwrap();
    for (paper, format) in [("A4", "PDF"), ("LETTER", "Xml")] {
        let out = bin()
            .args(["convert", "--paper", paper, "--format", format, "-o"])
            .arg(out_dir.path())
            .arg(sample)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = bin()
        .args(["check", "--report-format", "JSON", "--lang", "EN"])
        .arg(sample)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout)
        .trim_start()
        .starts_with('{'));
}

#[test]
fn issue_12_font_size_help_states_range_and_default() {
    let out = run(&[&"convert", &"--help"]);
    let help = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    let default = motion_export::export::pdf::PdfOptions::default().font_size;
    assert!(help.contains("from 6 to 24"), "{help}");
    assert!(help.contains(&format!("[default: {default}]")), "{help}");
    // Outside the range: a usage error that states it.
    let out = run(&[&"convert", &"--font-size", &"30", &sample_files()[0]]);
    assert_exit(&out, 2, &["6 to 24"]);
}

/// `--allow` silences the findings of `check --versions` like any other allowable code (they were
/// added after the rules were applied, so allowing them did nothing), from the command line and
/// from a configuration file.
#[test]
fn allow_silences_version_findings() {
    let dir = tempfile::tempdir().unwrap();
    let seed =
        std::fs::read_to_string(crate::harness::repo_root().join("samples/B9-0146-2021_EN.txt"))
            .unwrap();
    std::fs::write(dir.path().join("B9-0146-2021_EN.txt"), &seed).unwrap();
    // The "French" version has lost its last paragraph: the versions differ in structure.
    let last = seed.rfind("\n14. ").unwrap();
    std::fs::write(dir.path().join("B9-0146-2021_FR.txt"), &seed[..last]).unwrap();
    let out = run(&[&"check", &"--versions", &dir.path()]);
    assert_exit(&out, 1, &["E-VERSIONS-"]);
    let codes: Vec<String> = stderr(&out)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("E-VERSIONS-"))
        .map(str::to_string)
        .collect();
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"check", &"--versions"];
    for code in &codes {
        args.push(&"--allow");
        args.push(code);
    }
    let folder = dir.path();
    args.push(&folder);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("E-VERSIONS-"), "{}", stderr(&out));
    let list = codes.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>();
    std::fs::write(
        dir.path().join("motion-export.toml"),
        format!("allow = [{}]\n", list.join(", ")),
    )
    .unwrap();
    let out = run(&[&"check", &"--versions", &dir.path()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// An output that could not be produced cannot be allowed: there would be no file, only an exit
/// code of 0.
#[test]
fn export_errors_cannot_be_allowed() {
    let out = run(&[
        &"convert",
        &"--allow",
        &"E-EXPORT",
        &crate::harness::repo_root().join("samples/B9-0146-2021_EN.txt"),
    ]);
    assert_exit(&out, 2, &["E-EXPORT cannot be allowed"]);
}
