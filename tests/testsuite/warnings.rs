//! Issue 13: every warning the real motions raise is one a clerk would want to see. Over the
//! corpus and the samples, `W-NO-FORWARD` is raised only where the Rule calls for the closing
//! instruction (never on a Member's own motion), and the only other warnings say that the
//! cover really lacks its number or date, as `EXPECTED.tsv` records.

use crate::harness::{read_file, repo_root, samples_and_corpus, shared_dir};
use motion_export::diag::Severity;
use motion_export::validate;

/// `EXPECTED.tsv`'s document number and date cells, by file name.
fn expected_cover() -> std::collections::HashMap<String, (String, String)> {
    let text = std::fs::read_to_string(shared_dir().join("corpus/EXPECTED.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (file, number, date) = (col("file"), col("doc_number"), col("date"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|cells| cells.len() > date)
        .map(|c| {
            (
                c[file].to_string(),
                (c[number].to_string(), c[date].to_string()),
            )
        })
        .collect()
}

#[test]
fn issue_13_the_corpus_raises_only_warnings_a_clerk_wants() {
    let expected = expected_cover();
    let mut wrong = Vec::new();
    let files = samples_and_corpus();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (_, diags) = read_file(path);
        let (number, date) = expected.get(&name).cloned().unwrap_or_default();
        for d in diags.iter().filter(|d| d.severity >= Severity::Warning) {
            let right = match d.code {
                "W-NO-DOCNUMBER" => number.is_empty(),
                "W-NO-DATE" => date.is_empty(),
                _ => false,
            };
            if !right {
                wrong.push(format!("{name}: {} {}", d.code, d.message));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "warnings that cry wolf:\n{}",
        wrong.join("\n")
    );
}

fn codes_of(text: &str) -> Vec<&'static str> {
    let parsed = crate::harness::reader_only(text, "");
    validate::validate(&parsed.motion)
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn issue_13_a_debate_or_urgency_motion_without_the_instruction_is_still_warned() {
    for sample in [
        "B9-0146-2021_EN.txt",
        "B9-0801-2023_EN.txt",
        "RC-B9-0560-2023_EN.txt",
    ] {
        let text = std::fs::read_to_string(repo_root().join("samples").join(sample)).unwrap();
        assert!(!codes_of(&text).contains(&"W-NO-FORWARD"), "{sample}");
        let cut = text.replace(
            "Instructs its President to forward",
            "Asks its President to send",
        );
        assert_ne!(cut, text, "{sample}");
        assert!(codes_of(&cut).contains(&"W-NO-FORWARD"), "{sample}");
    }
    // A Member's own motion (Rule 143) has nothing to forward.
    let text = std::fs::read_to_string(repo_root().join("samples/B9-0777-2022_EN.txt")).unwrap();
    let cut = text.replace(
        "Instructs its President to forward",
        "Asks its President to send",
    );
    assert!(!codes_of(&cut).contains(&"W-NO-FORWARD"));
}
