//! Machine-readable reports of a batch for CI: JSON (schema in `schemas/report.schema.json`),
//! GitHub Actions workflow commands, JUnit XML and SARIF 2.1.0. Deterministic: no timings.

use clap::ValueEnum;
use motion_export::codes;
use motion_export::diag::{Diagnostic, Severity};
use serde_json::{json, Value};

/// The report formats of `check --report-format`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// rustc-style text (the default), coloured on a terminal.
    #[default]
    Human,
    /// One JSON document: per file its status, counts and diagnostics.
    Json,
    /// GitHub Actions workflow commands (`::error file=...`).
    Github,
    /// JUnit XML: one test case per file, for GitLab, Jenkins and others.
    Junit,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

/// Status of one file in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Errors,
    Failed,
    Skipped,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Errors => "errors",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

/// What a report says about one file.
#[derive(Debug, Clone)]
pub struct FileRecord {
    pub path: String,
    pub status: Status,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileRecord {
    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Renders the report of a whole batch.
pub fn render(format: ReportFormat, files: &[FileRecord]) -> String {
    match format {
        ReportFormat::Human => String::new(),
        ReportFormat::Json => json(files),
        ReportFormat::Github => github(files),
        ReportFormat::Junit => junit(files),
        ReportFormat::Sarif => sarif(files),
    }
}

fn json(files: &[FileRecord]) -> String {
    let count = |s: Status| files.iter().filter(|f| f.status == s).count();
    let records: Vec<Value> = files
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "status": f.status.name(),
                "errors": f.count(Severity::Error),
                "warnings": f.count(Severity::Warning),
                "diagnostics": f.diagnostics.iter().map(|d| json!({
                    "code": d.code,
                    "severity": d.severity.to_string(),
                    "line": d.span.map(|s| s.line),
                    "column": d.span.map(|s| s.col),
                    "message": d.message,
                    "hints": d.hints,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "tool": {"name": "motion-export", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files": files.len(),
            "ok": count(Status::Ok),
            "errors": count(Status::Errors),
            "failed": count(Status::Failed),
            "skipped": count(Status::Skipped),
            "warnings": files.iter().map(|f| f.count(Severity::Warning)).sum::<usize>(),
        },
        "files": records,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialise");
    s.push('\n');
    s
}

/// GitHub's escaping: data escapes `%`, CR and LF; properties also `:` and `,`.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(files: &[FileRecord]) -> String {
    let mut out = String::new();
    for f in files {
        for d in &f.diagnostics {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut props = vec![format!("file={}", gh_property(&f.path))];
            if let Some(s) = d.span {
                props.push(format!("line={}", s.line));
                props.push(format!("col={}", s.col));
            }
            props.push(format!("title={}", gh_property(d.code)));
            let mut message = d.message.clone();
            for h in &d.hints {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            out.push_str(&format!(
                "::{kind} {}::{}\n",
                props.join(","),
                gh_data(&message)
            ));
        }
    }
    out
}

fn xml_attr(s: &str) -> String {
    quick_xml::escape::escape(motion_export::text::xml_safe(s).as_ref()).into_owned()
}

fn junit(files: &[FileRecord]) -> String {
    let failures = files.iter().filter(|f| f.status == Status::Errors).count();
    let errors = files.iter().filter(|f| f.status == Status::Failed).count();
    let skipped = files.iter().filter(|f| f.status == Status::Skipped).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"motion-export\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n",
        n = files.len()
    ));
    out.push_str(&format!(
        "  <testsuite name=\"motion-export check\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n",
        n = files.len()
    ));
    for f in files {
        let path = xml_attr(&f.path);
        out.push_str(&format!(
            "    <testcase classname=\"motion-export\" name=\"{path}\" file=\"{path}\">\n"
        ));
        let describe = |only: Option<Severity>| -> String {
            let lines: Vec<String> = f
                .diagnostics
                .iter()
                .filter(|d| only.is_none_or(|s| d.severity == s))
                .map(|d| {
                    let at = d
                        .span
                        .map_or_else(String::new, |s| format!(":{}:{}", s.line, s.col));
                    format!("{}{at}: {}[{}]: {}", f.path, d.severity, d.code, d.message)
                })
                .collect();
            xml_attr(&lines.join("\n"))
        };
        let first_code = f
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .map_or("error", |d| d.code);
        match f.status {
            Status::Errors => out.push_str(&format!(
                "      <failure message=\"{} error(s)\" type=\"{first_code}\">{}</failure>\n",
                f.count(Severity::Error),
                describe(Some(Severity::Error))
            )),
            Status::Failed => out.push_str(&format!(
                "      <error message=\"cannot read or write\" type=\"{first_code}\">{}</error>\n",
                describe(None)
            )),
            Status::Skipped => out.push_str("      <skipped message=\"interrupted\"/>\n"),
            Status::Ok => {}
        }
        if f.count(Severity::Warning) > 0 {
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                describe(Some(Severity::Warning))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn sarif(files: &[FileRecord]) -> String {
    let rules: Vec<Value> = codes::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.name,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": c.explanation},
                "defaultConfiguration": {"level": level(c.severity)},
                "helpUri": format!("https://github.com/motion-export/motion-export#diagnostics"),
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        for d in &f.diagnostics {
            let mut location =
                json!({"physicalLocation": {"artifactLocation": {"uri": uri(&f.path)}}});
            if let Some(s) = d.span {
                location["physicalLocation"]["region"] =
                    json!({"startLine": s.line, "startColumn": s.col});
            }
            let mut text = d.message.clone();
            for h in &d.hints {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location],
            });
            if let Some(index) = codes::ALL.iter().position(|c| c.name == d.code) {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "motion-export",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/motion-export/motion-export",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialise");
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative URI reference for a path: forward slashes, percent-escapes for spaces and the
/// characters URIs reserve.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes() {
        assert_eq!(gh_property("a:b,c%d"), "a%3Ab%2Cc%25d");
        assert_eq!(gh_data("x\ny"), "x%0Ay");
        assert_eq!(uri("dir/a b/ü.txt"), "dir/a%20b/%C3%BC.txt");
    }
}
