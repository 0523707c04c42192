//! Hostile text in motions and file names (issue 11): human output never panics, never passes a
//! control or escape character to the terminal, never lets input start a line with `::` (a GitHub
//! Actions workflow command), and `deps` never writes a make rule that make would misread.

use crate::harness::bin;
use std::path::Path;
use std::process::Output;

const MOTION_HEAD: &str = "The European Parliament,\n\n- having regard to x,\n\nA. whereas y;\n\n";
const MOTION_TAIL: &str =
    "\n\n2. Instructs its President to forward this resolution to the Council.\n";

/// A motion with `middle` as an unnumbered line between the recitals and the paragraphs, so that
/// the reader reports it with a span on that line.
fn motion(middle: &str) -> String {
    format!("{MOTION_HEAD}{middle}\n\n1. Calls here;{MOTION_TAIL}")
}

/// Characters that must never reach the terminal raw: C0 but newline, DEL, C1, bidi overrides.
fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Checks one run's human output: no panic, no dangerous character, no line that GitHub Actions
/// would read as a command.
fn assert_safe(what: &str, out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_ne!(out.status.code(), Some(101), "{what}: panicked\n{err}");
    assert!(out.status.code().is_some(), "{what}: killed\n{err}");
    for (stream, text) in [("stderr", &err), ("stdout", &stdout)] {
        if let Some(c) = text.chars().find(|&c| is_dangerous(c)) {
            panic!("{what}: raw {c:?} on {stream}:\n{}", text.escape_debug());
        }
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::"),
                "{what}: a line of {stream} starts with `::`: {}\n{text}",
                line.escape_debug()
            );
        }
    }
}

fn check(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn issue_11_a_c1_character_in_a_motion_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{MOTION_HEAD}1. Calls \u{93}here\u{94};{MOTION_TAIL}");
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    for args in [&["convert", "a.txt"][..], &["check", "a.txt"]] {
        let out = check(dir.path(), args);
        assert_safe(&format!("{args:?}"), &out);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("\\u{93}"),
            "the C1 character is shown escaped:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn issue_11_escape_sequences_in_text_and_file_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\u{1b}]0;PWNED\u{7} \u{1b}[2J\u{1b}[41m junk \u{9b}31m \u{202E}txt.exe";
    let name = "b\u{1b}[31m\u{202E}.txt";
    std::fs::write(dir.path().join(name), motion(hostile)).unwrap();
    for command in ["check", "convert"] {
        let out = check(dir.path(), &[command, name]);
        assert_safe(command, &out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("\\u{1b}]0;PWNED"), "{err}");
        assert!(err.contains("b\\u{1b}[31m\\u{202e}.txt"), "{err}");
    }
}

#[test]
fn issue_11_no_file_name_starts_a_line_with_a_workflow_command() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a\n::add-mask::x,line=1%0A::error::y.txt"), "x").unwrap();
    std::fs::write(dir.path().join("::error::x.txt"), "x").unwrap();
    std::fs::write(dir.path().join("::warning::m.txt"), motion("C. whereas z;")).unwrap();
    for args in [
        &["check", "d"][..],
        &["check", "::error::x.txt"],
        &["check", "::warning::m.txt"],
        &[
            "convert",
            "-o",
            "out",
            "d",
            "::error::x.txt",
            "::warning::m.txt",
        ],
    ] {
        let out = check(dir.path(), args);
        assert_safe(&format!("{args:?}"), &out);
    }
    let err = String::from_utf8_lossy(&check(dir.path(), &["check", "::error::x.txt"]).stderr)
        .into_owned();
    assert!(err.contains("./::error::x.txt"), "{err}");
}

#[test]
fn issue_11_a_location_is_printed_once_for_a_path_with_a_newline() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\ny.txt";
    std::fs::write(dir.path().join(name), motion("C. whereas z;")).unwrap();
    let out = check(dir.path(), &["check", name]);
    assert_safe("check", &out);
    let err = String::from_utf8_lossy(&out.stderr);
    let arrow = err
        .lines()
        .find(|l| l.contains("-->"))
        .unwrap_or_else(|| panic!("no location line:\n{err}"));
    assert!(
        arrow.trim_end().ends_with("x\\ny.txt:7:1"),
        "location printed once: {arrow}\n{err}"
    );
}

/// Runs `make -q TARGET` (is it up to date?) with the rules of `deps` and a pattern rule.
fn make_up_to_date(dir: &Path, deps: &str, target: &str) -> bool {
    let makefile = format!("out/%.xml: %.txt\n\tmkdir -p out && touch '$@'\n{deps}");
    std::fs::write(dir.join("Makefile"), makefile).unwrap();
    let out = std::process::Command::new("make")
        .current_dir(dir)
        .args(["-q", target])
        .output()
        .expect("make");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "make failed on the rules of deps:\n{deps}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.success()
}

#[test]
fn issue_11_deps_rules_hold_percent_and_special_characters_for_gnu_make() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["a%b", "c d#e$f:g"];
    for name in names {
        std::fs::write(dir.path().join(format!("{name}.txt")), "x").unwrap();
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        std::fs::write(dir.path().join(format!("out/{name}.xml")), "x").unwrap();
    }
    let config = dir.path().join("motion-export.toml");
    std::fs::write(&config, "").unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(60);
    let config = std::fs::File::options().write(true).open(config).unwrap();
    config.set_modified(old).unwrap();
    let out = check(
        dir.path(),
        &[
            "deps",
            "-o",
            "out",
            "--format",
            "xml",
            "a%b.txt",
            "c d#e$f:g.txt",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deps = String::from_utf8(out.stdout).unwrap();
    for name in names {
        let target = format!("out/{name}.xml");
        assert!(
            make_up_to_date(dir.path(), &deps, &target),
            "{target}\n{deps}"
        );
        // A newer configuration file makes the output out of date: make read the rule as an
        // explicit rule with that prerequisite (with `%` unescaped it is a pattern rule without
        // a recipe, which make ignores).
        config
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
            .unwrap();
        assert!(
            !make_up_to_date(dir.path(), &deps, &target),
            "{target}\n{deps}"
        );
        config.set_modified(old).unwrap();
    }
}

#[test]
fn issue_11_deps_refuses_names_make_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a\n::error::b.txt", "x;rm -f y.txt", "v=w.txt"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
        let out = check(dir.path(), &["deps", name]);
        assert_eq!(out.status.code(), Some(2), "{name:?}");
        assert!(out.stdout.is_empty(), "{name:?}: no rule printed");
        assert_safe(&format!("deps {name:?}"), &out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("make cannot hold"), "{err}");
        std::fs::remove_file(dir.path().join(name)).unwrap();
    }
}
