//! `check --schema` (issue 16): Akoma Ntoso input validated in process against the profile, the
//! official XSD or any XSD, with verdicts equal to xmllint's on a corpus of valid and invalid
//! files (`tests/fixtures/schema/`), every output of the exporter valid under both schemas,
//! violations at their lines, and schemas that cannot be used refused before any input is read.

use crate::harness::{
    akn_xsd, assert_exit, bin, convert_xml, corpus_files, files_in, fixtures,
    language_sample_files, repo_root, sample_files, stderr,
};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const CODE: &str = "E-AKN-SCHEMA";

fn profile_xsd() -> PathBuf {
    repo_root().join("schemas/akn-motion-profile.xsd")
}

/// The corpus: `tests/fixtures/schema/*.xml`, sorted.
fn corpus() -> Vec<PathBuf> {
    files_in(&fixtures("schema"), "xml")
}

/// xmllint's verdict: valid when `xmllint --noout --nonet --schema XSD FILE` exits 0.
fn xmllint_valid(file: &Path, xsd: &Path) -> bool {
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xmllint ({e}); `make test` installs it"));
    match out.status.code() {
        Some(0) => true,
        Some(3) => false,
        other => panic!(
            "xmllint on {}: exit {other:?}\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// `check --schema SCHEMA` over `inputs`, as a JSON report: every diagnostic listed.
fn check_json(schema: &str, inputs: &[PathBuf]) -> Value {
    let out = bin()
        .env("AKN_XSD", akn_xsd())
        .args([
            "check",
            "-q",
            "--report-format",
            "json",
            "--max-per-code",
            "0",
        ])
        .args(["--schema", schema])
        .args(inputs)
        .output()
        .expect("run motion-export");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "check --schema {schema}: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

/// Per file of a report, its path and its schema diagnostics.
fn schema_findings(report: &Value) -> Vec<(String, Vec<Value>)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let found = f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["code"] == CODE)
                .cloned()
                .collect();
            (f["path"].as_str().unwrap().to_string(), found)
        })
        .collect()
}

#[test]
fn issue_16_schema_verdicts_agree_with_xmllint() {
    let files = corpus();
    assert!(files.len() >= 20, "the corpus has {} files", files.len());
    for (schema, xsd, at_least_invalid) in
        [("profile", profile_xsd(), 17), ("official", akn_xsd(), 10)]
    {
        let report = check_json(schema, &files);
        let findings = schema_findings(&report);
        assert_eq!(findings.len(), files.len());
        let mut disagreements = Vec::new();
        let mut invalid = 0;
        for (file, (path, found)) in files.iter().zip(&findings) {
            assert!(path.ends_with(&*file.file_name().unwrap().to_string_lossy()));
            let xmllint = xmllint_valid(file, &xsd);
            invalid += usize::from(!xmllint);
            if xmllint != found.is_empty() {
                disagreements.push(format!(
                    "{path}: xmllint says {}, check found {found:?}",
                    if xmllint { "valid" } else { "invalid" }
                ));
            }
            // The corpus names the valid files so, whatever the schema.
            let named_valid = path.contains("/valid-");
            assert!(!named_valid || xmllint, "xmllint rejects {path}");
        }
        assert!(
            disagreements.is_empty(),
            "--schema {schema}:\n{}",
            disagreements.join("\n")
        );
        // Not a vacuous agreement: the corpus holds invalid files for either schema.
        assert!(
            invalid >= at_least_invalid,
            "--schema {schema}: only {invalid} invalid files"
        );
    }
}

#[test]
fn issue_16_every_output_validates_in_process_against_both_schemas() {
    let out = tempfile::tempdir().unwrap();
    let mut inputs = sample_files();
    inputs.extend(language_sample_files());
    inputs.extend(corpus_files());
    let args: Vec<&dyn AsRef<std::ffi::OsStr>> = inputs.iter().map(|p| p as _).collect();
    let made = convert_xml(&out.path(), &args);
    assert!(made.status.code().is_some(), "{}", stderr(&made));
    let xml: Vec<PathBuf> = crate::harness::outputs(out.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .map(|p| out.path().join(p))
        .collect();
    assert!(xml.len() >= inputs.len() - 2, "{} outputs", xml.len());
    for schema in ["profile", "official"] {
        let report = check_json(schema, &xml);
        let bad: Vec<String> = schema_findings(&report)
            .into_iter()
            .filter(|(_, found)| !found.is_empty())
            .map(|(path, found)| format!("{path}: {found:?}"))
            .collect();
        assert!(bad.is_empty(), "--schema {schema}:\n{}", bad.join("\n"));
    }
}

#[test]
fn issue_16_a_violation_is_reported_at_its_line_and_tag() {
    let file = fixtures("schema").join("unknown-element.xml");
    let text = std::fs::read_to_string(&file).unwrap();
    let (no, line) = (text.lines().enumerate())
        .find(|(_, l)| l.contains("<blink>"))
        .unwrap();
    assert_eq!(no + 1, 95, "the fixture changed");
    let col = line[..line.find("<blink>").unwrap()].chars().count() + 1;
    let report = check_json("profile", std::slice::from_ref(&file));
    let findings = schema_findings(&report);
    let found = &findings[0].1;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["line"], 95);
    assert_eq!(found[0]["column"], col);
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("blink") && message.contains("not expected"),
        "{message}"
    );
    // On the terminal: file:line:col, the code, libxml2's message and which schema said so.
    let out = bin().args(["check", "-q"]).arg(&file).output().unwrap();
    assert_exit(
        &out,
        1,
        &[
            &format!("unknown-element.xml:95:{col}"),
            "error[E-AKN-SCHEMA]",
            "This element is not expected",
            "schemas/akn-motion-profile.xsd",
        ],
    );
}

#[test]
fn issue_16_a_schema_path_is_any_xsd() {
    let dir = tempfile::tempdir().unwrap();
    // An XSD whose only root is `other`: every motion fails it, at line 2.
    let xsd = dir.path().join("other.xsd");
    std::fs::write(
        &xsd,
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="other"/></xs:schema>"#,
    )
    .unwrap();
    let valid = fixtures("schema").join("valid-motion.xml");
    let report = check_json(xsd.to_str().unwrap(), std::slice::from_ref(&valid));
    let found = &schema_findings(&report)[0].1;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["line"], 2);
    assert!(found[0]["hints"][0].as_str().unwrap().contains("other.xsd"));
    // The profile's own path gives the built-in profile's verdict.
    let out = bin()
        .args(["check", "-q", "--schema"])
        .arg(profile_xsd())
        .arg(&valid)
        .output()
        .unwrap();
    assert_exit(&out, 0, &[]);
    // Case does not matter for the names; text inputs are not validated against any schema.
    let seed = repo_root().join("samples/B9-0146-2021_EN.txt");
    let out = bin()
        .args(["check", "-q", "--schema"])
        .arg(&xsd)
        .arg(&seed)
        .output()
        .unwrap();
    assert_exit(&out, 0, &[]);
    let out = bin()
        .env("AKN_XSD", akn_xsd())
        .args(["check", "-q", "--schema", "OFFICIAL"])
        .arg(&valid)
        .output()
        .unwrap();
    assert_exit(&out, 0, &[]);
}

#[test]
fn issue_16_a_schema_that_cannot_be_used_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let valid = fixtures("schema").join("valid-motion.xml");
    let check = |schema: &Path| {
        bin()
            .env("AKN_XSD", dir.path().join("nowhere/akomantoso30.xsd"))
            .args(["check", "-q", "--schema"])
            .arg(schema)
            .arg(&valid)
            .output()
            .unwrap()
    };
    let missing = dir.path().join("missing.xsd");
    assert_exit(
        &check(&missing),
        2,
        &["--schema", "missing.xsd", "No such file"],
    );
    assert_exit(&check(dir.path()), 2, &["is not a regular file"]);
    // Not XML, and XML that is no schema.
    let broken = dir.path().join("broken.xsd");
    std::fs::write(
        &broken,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">",
    )
    .unwrap();
    assert_exit(&check(&broken), 2, &["broken.xsd", "does not compile"]);
    let html = dir.path().join("page.xsd");
    std::fs::write(&html, "<html><body>not a schema</body></html>").unwrap();
    assert_exit(&check(&html), 2, &["page.xsd", "does not compile"]);
    // An import from the network is refused, not fetched.
    let remote = dir.path().join("remote.xsd");
    std::fs::write(
        &remote,
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">
  <xs:import namespace="urn:b" schemaLocation="http://schemas.invalid/b.xsd"/>
  <xs:element name="a" xmlns:b="urn:b" type="b:t"/>
</xs:schema>"#,
    )
    .unwrap();
    assert_exit(&check(&remote), 2, &["remote.xsd", "does not compile"]);
    // `official` without the official XSD says where to put it.
    assert_exit(
        &check(Path::new("official")),
        2,
        &["--schema official", "nowhere/akomantoso30.xsd", "AKN_XSD"],
    );
}

/// An input's DOCTYPE may name external entities; validation never reads them (a FIFO would
/// hang the check) and never fetches anything.
#[cfg(unix)]
#[test]
fn issue_16_external_entities_of_the_input_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let valid = std::fs::read_to_string(fixtures("schema").join("valid-motion.xml")).unwrap();
    let doctype = format!(
        "<!DOCTYPE akomaNtoso [\n<!ENTITY local SYSTEM \"{}\">\n<!ENTITY remote SYSTEM \"http://schemas.invalid/e.xml\">\n]>\n",
        fifo.display()
    );
    let text = valid
        .replacen("?>\n", &format!("?>\n{doctype}"), 1)
        .replacen("cohesion funds;", "cohesion funds &local; &remote;", 1);
    let input = dir.path().join("entities.xml");
    std::fs::write(&input, text).unwrap();
    let mut child = bin()
        .args(["check", "-q", "--report-format", "json"])
        .arg(&input)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed().as_secs() > 60 {
            let _ = child.kill();
            panic!("check hangs: it opened the FIFO an entity names");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
}
