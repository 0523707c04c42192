//! Machine-readable reports of a batch for CI: JSON (schema in `schemas/report.schema.json`),
//! GitHub Actions workflow commands, JUnit XML and SARIF 2.1.0. Deterministic: no timings.

use super::render;
use clap::ValueEnum;
use motion_export::diag::codes;
use motion_export::diag::{Diagnostic, Severity};
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{Seek, Write};

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
    /// Counted over all the file's diagnostics, also those left out.
    pub errors: usize,
    pub warnings: usize,
    /// At most the cap of each code, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// Per code with more diagnostics than the cap, how many were left out.
    pub omitted: Vec<(&'static str, usize)>,
}

impl FileRecord {
    /// The record of a file with `diagnostics`, keeping at most `max` of each code (0: all).
    pub fn new(path: String, status: Status, diagnostics: &[Diagnostic], max: usize) -> Self {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        let (shown, omitted) = render::cap(diagnostics, max);
        FileRecord {
            path,
            status,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            diagnostics: shown.into_iter().cloned().collect(),
            omitted,
        }
    }
}

/// Counts over the files written so far, for the summaries that close a report.
#[derive(Default)]
struct Counts {
    files: usize,
    ok: usize,
    errors: usize,
    failed: usize,
    skipped: usize,
    warnings: usize,
}

impl Counts {
    fn add(&mut self, f: &FileRecord) {
        self.files += 1;
        *match f.status {
            Status::Ok => &mut self.ok,
            Status::Errors => &mut self.errors,
            Status::Failed => &mut self.failed,
            Status::Skipped => &mut self.skipped,
        } += 1;
        self.warnings += f.warnings;
    }
}

/// A report written as the batch goes, one file at a time, so that its size never has to fit in
/// memory: JSON and SARIF open their document and array up front and close them in
/// [`Writer::finish`]; JUnit, whose counts come first, keeps its test cases in a temporary file
/// until then. The first write error is kept and returned by `finish`.
pub struct Writer<W: Write> {
    format: ReportFormat,
    out: W,
    counts: Counts,
    /// Items written to the open JSON array, for the commas between them.
    items: usize,
    /// JUnit test cases until the counts are known.
    spool: Option<std::io::BufWriter<std::fs::File>>,
    /// SARIF notifications of diagnostics left out, one per file and code.
    omitted: Vec<(String, &'static str, usize)>,
    error: Option<std::io::Error>,
}

impl<W: Write> Writer<W> {
    /// Starts a report in `format` on `out`.
    pub fn new(format: ReportFormat, out: W) -> Self {
        let mut w = Writer {
            format,
            out,
            counts: Counts::default(),
            items: 0,
            spool: None,
            omitted: Vec::new(),
            error: None,
        };
        let head = match format {
            ReportFormat::Json => Ok(json_head()),
            ReportFormat::Sarif => sarif_head(),
            ReportFormat::Junit => match tempfile::tempfile() {
                Ok(f) => {
                    w.spool = Some(std::io::BufWriter::new(f));
                    Ok(String::new())
                }
                Err(e) => Err(e),
            },
            ReportFormat::Human | ReportFormat::Github => Ok(String::new()),
        };
        match head {
            Ok(head) => w.write(head.as_bytes()),
            Err(e) => w.error = Some(e),
        }
        w
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(bytes) {
                self.error = Some(e);
            }
        }
    }

    /// Writes an item of the open JSON array.
    fn item(&mut self, value: &impl Serialize) {
        let sep: &[u8] = if self.items == 0 {
            b"\n    "
        } else {
            b",\n    "
        };
        self.items += 1;
        self.write(sep);
        if self.error.is_none() {
            if let Err(e) = serde_json::to_writer(&mut self.out, value) {
                self.error = Some(e.into());
            }
        }
    }

    /// Adds human text (`--report PATH` in the human format).
    pub fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.write(text.as_bytes());
            self.write(b"\n");
        }
    }

    /// Adds the record of one file.
    pub fn file(&mut self, f: &FileRecord) {
        self.counts.add(f);
        match self.format {
            ReportFormat::Human => {}
            ReportFormat::Json => self.item(&json_file(f)),
            ReportFormat::Github => self.write(github(f).as_bytes()),
            ReportFormat::Junit => {
                let case = junit_case(f);
                if let Some(spool) = &mut self.spool {
                    if let Err(e) = spool.write_all(case.as_bytes()) {
                        self.error.get_or_insert(e);
                    }
                }
            }
            ReportFormat::Sarif => {
                for d in &f.diagnostics {
                    self.item(&sarif_result(&f.path, d));
                }
                (self.omitted).extend(f.omitted.iter().map(|&(c, n)| (f.path.clone(), c, n)));
            }
        }
    }

    /// Closes the report (`summary` ends the human one) and returns where it went.
    pub fn finish(mut self, summary: &str) -> std::io::Result<W> {
        let tail = match self.format {
            ReportFormat::Human => format!("{summary}\n"),
            ReportFormat::Github => String::new(),
            ReportFormat::Json => json_tail(&self.counts),
            ReportFormat::Sarif => sarif_tail(&self.omitted),
            ReportFormat::Junit => {
                let head = junit_head(&self.counts);
                self.write(head.as_bytes());
                if let Some(spool) = self.spool.take() {
                    let copied =
                        spool
                            .into_inner()
                            .map_err(|e| e.into_error())
                            .and_then(|mut f| {
                                f.seek(std::io::SeekFrom::Start(0))?;
                                std::io::copy(&mut f, &mut self.out)
                            });
                    if let Err(e) = copied {
                        self.error.get_or_insert(e);
                    }
                }
                "  </testsuite>\n</testsuites>\n".to_string()
            }
        };
        self.write(tail.as_bytes());
        if self.error.is_none() {
            if let Err(e) = self.out.flush() {
                self.error = Some(e);
            }
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}

/// Where a report goes: standard output, or a hidden temporary file beside `--report PATH` that
/// [`Sink::commit`] renames over it once complete, so no partial report is left under its name.
pub enum Sink {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(
        std::io::BufWriter<tempfile::NamedTempFile>,
        std::path::PathBuf,
    ),
}

impl Sink {
    pub fn open(path: Option<&std::path::Path>) -> std::io::Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(std::io::BufWriter::new(std::io::stdout())));
        };
        let dir = (path.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = tempfile::Builder::new()
            .prefix(".motion-export-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(Sink::File(std::io::BufWriter::new(tmp), path.to_path_buf()))
    }

    /// Puts a report file in place; a closed standard output is not an error.
    pub fn commit(self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(mut out) => match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Sink::File(out, path) => {
                let tmp = out.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    (tmp.as_file()).set_permissions(std::fs::Permissions::from_mode(0o644))?;
                }
                tmp.persist(path).map(drop).map_err(|e| e.error)
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File(w, _) => w.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File(w, _) => w.flush(),
        }
    }
}

/// Renders the report of a whole batch in memory, for tests.
#[cfg(test)]
pub fn render(format: ReportFormat, files: &[FileRecord]) -> String {
    let mut w = Writer::new(format, Vec::new());
    for f in files {
        w.file(f);
    }
    let bytes = w.finish("").unwrap_or_default();
    String::from_utf8(bytes).expect("reports are UTF-8")
}

fn json_head() -> String {
    format!(
        "{{\n  \"version\": 1,\n  \"tool\": {{\"name\": \"motion-export\", \"version\": \"{}\"}},\n  \"files\": [",
        env!("CARGO_PKG_VERSION")
    )
}

fn json_tail(c: &Counts) -> String {
    let summary = json!({
        "files": c.files,
        "ok": c.ok,
        "errors": c.errors,
        "failed": c.failed,
        "skipped": c.skipped,
        "warnings": c.warnings,
    });
    format!("\n  ],\n  \"summary\": {summary}\n}}\n")
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    status: &'static str,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omitted: Vec<JsonOmitted>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: Severity,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
    hints: &'a [String],
}

#[derive(Serialize)]
struct JsonOmitted {
    code: &'static str,
    count: usize,
}

fn json_file(f: &FileRecord) -> JsonFile<'_> {
    JsonFile {
        path: &f.path,
        status: f.status.name(),
        errors: f.errors,
        warnings: f.warnings,
        diagnostics: (f.diagnostics.iter())
            .map(|d| JsonDiagnostic {
                code: d.code,
                severity: d.severity,
                line: d.span.map(|s| s.line),
                column: d.span.map(|s| s.col),
                message: &d.message,
                hints: &d.hints,
            })
            .collect(),
        omitted: (f.omitted.iter())
            .map(|&(code, count)| JsonOmitted { code, count })
            .collect(),
    }
}

fn omitted_message(code: &str, count: usize) -> String {
    format!("{count} more {code} not shown (`--max-per-code 0` shows them all)")
}

/// GitHub's escaping: data escapes `%`, CR and LF; properties also `:` and `,`.
pub(super) fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub(super) fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(f: &FileRecord) -> String {
    let mut out = String::new();
    let file = gh_property(&f.path);
    for d in &f.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = vec![format!("file={file}")];
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
    for &(code, n) in &f.omitted {
        out.push_str(&format!(
            "::notice file={file},title={}::{}\n",
            gh_property(code),
            gh_data(&omitted_message(code, n))
        ));
    }
    out
}

fn xml_attr(s: &str) -> String {
    quick_xml::escape::escape(motion_export::vocab::chars::xml_safe(s).as_ref()).into_owned()
}

fn junit_head(c: &Counts) -> String {
    let (n, failures, errors, skipped) = (c.files, c.errors, c.failed, c.skipped);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"motion-export\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n\
         \x20 <testsuite name=\"motion-export check\" tests=\"{n}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n"
    )
}

fn junit_case(f: &FileRecord) -> String {
    let mut out = String::new();
    let path = xml_attr(&f.path);
    out.push_str(&format!(
        "    <testcase classname=\"motion-export\" name=\"{path}\" file=\"{path}\">\n"
    ));
    let describe = |only: Option<Severity>| -> String {
        let mut lines: Vec<String> = f
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
        lines.extend(
            (f.omitted.iter()).map(|&(c, n)| format!("{}: {}", f.path, omitted_message(c, n))),
        );
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
            f.errors,
            describe(Some(Severity::Error))
        )),
        Status::Failed => out.push_str(&format!(
            "      <error message=\"cannot read or write\" type=\"{first_code}\">{}</error>\n",
            describe(None)
        )),
        Status::Skipped => out.push_str("      <skipped message=\"interrupted\"/>\n"),
        Status::Ok => {}
    }
    if f.warnings > 0 {
        out.push_str(&format!(
            "      <system-out>{}</system-out>\n",
            describe(Some(Severity::Warning))
        ));
    }
    out.push_str("    </testcase>\n");
    out
}

/// The SARIF document up to the opening of its results array.
fn sarif_head() -> std::io::Result<String> {
    let rules: Vec<Value> = codes::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.name,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": c.explanation},
                "defaultConfiguration": {"level": level(c.severity)},
                "helpUri": "https://github.com/motion-export/motion-export#diagnostics",
            })
        })
        .collect();
    let driver = json!({
        "name": "motion-export",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://github.com/motion-export/motion-export",
        "rules": rules,
    });
    Ok(format!(
        "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n  \"tool\": {{\"driver\": {}}},\n  \"results\": [",
        serde_json::to_string(&driver)?
    ))
}

/// Closes the results; diagnostics left out by the cap become tool notifications.
fn sarif_tail(omitted: &[(String, &'static str, usize)]) -> String {
    let notifications: Vec<Value> = (omitted.iter())
        .map(|(path, code, n)| {
            json!({
                "level": "note",
                "message": {"text": omitted_message(code, *n)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(path)}}}],
                "associatedRule": {"id": code},
            })
        })
        .collect();
    let invocation = json!({
        "executionSuccessful": true,
        "toolExecutionNotifications": notifications,
    });
    format!("\n  ],\n  \"invocations\": [{invocation}]\n  }}]\n}}\n")
}

fn sarif_result(path: &str, d: &Diagnostic) -> Value {
    let mut location = json!({"physicalLocation": {"artifactLocation": {"uri": uri(path)}}});
    if let Some(s) = d.span {
        location["physicalLocation"]["region"] = json!({"startLine": s.line, "startColumn": s.col});
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
    result
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

    // -----------------------------------------------------------------------------------------
    // Property: any diagnostics (any span, in range or not, on a character boundary or not, any
    // Unicode in messages, hints, paths and source text) render without a panic; the human text
    // holds no control or escape character and no line a CI runner reads as a command; every
    // machine report is well-formed.

    use crate::cli::render;
    use motion_export::diag::Span;
    use proptest::prelude::*;

    /// Characters that stress renderers: controls, C1, bidi overrides, wide and combining
    /// characters, multi-byte letters, `:` and `%` for workflow commands, XML's specials.
    const HOSTILE: &[char] = &[
        'a', 'Z', ' ', '\n', '\r', '\t', '\u{0}', '\u{7}', '\u{1b}', '[', ']', '\u{7f}', '\u{85}',
        '\u{93}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200d}', '\u{301}', 'é', '€', '中', '😀',
        ':', ',', '%', '<', '&', '"', '\u{fffe}', '\u{2028}', '\\',
    ];

    fn hostile(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(HOSTILE), 0..max).prop_map(String::from_iter)
    }

    fn diagnostic(len: usize) -> impl Strategy<Value = Diagnostic> {
        (
            prop::sample::select(codes::ALL),
            prop::option::of((0..len + 8, 0..len + 8, 0u32..5, 0u32..5)),
            hostile(12),
            prop::collection::vec(hostile(8), 0..3),
        )
            .prop_map(|(code, span, message, hints)| Diagnostic {
                code: code.name,
                severity: code.severity,
                span: span.map(|(start, end, line, col)| Span {
                    start,
                    end,
                    line,
                    col,
                }),
                message,
                hints,
                labels: Box::default(),
            })
    }

    fn case() -> impl Strategy<Value = (String, String, Vec<Diagnostic>)> {
        (hostile(40), hostile(10)).prop_flat_map(|(src, path)| {
            let diags = prop::collection::vec(diagnostic(src.len()), 0..6);
            (Just(src), Just(path), diags)
        })
    }

    /// The human text without the renderer's own colour sequences.
    fn without_colour(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("\u{1b}[") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
                Some(j) if after[j..].starts_with('m') => rest = &after[j + 1..],
                _ => {
                    out.push('\u{1b}');
                    rest = &rest[i + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn assert_human_safe(text: &str) {
        let bad = |c: char| {
            (c.is_control() && c != '\n')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        };
        assert!(
            !text.chars().any(bad),
            "raw control: {}",
            text.escape_debug()
        );
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::"),
                "{}",
                text.escape_debug()
            );
        }
    }

    fn assert_well_formed_xml(xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{e}: {xml}"),
            }
        }
        // Only characters XML 1.0 allows.
        let not_xml = |c: char| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
        };
        assert!(!xml.chars().any(not_xml), "{}", xml.escape_debug());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_diagnostic_renders_safely((src, path, diags) in case(), max in 0usize..3) {
            for color in [false, true] {
                let text = render::capped_to(&diags, &path, &src, color, max);
                assert_human_safe(&without_colour(&text));
            }
            let record = FileRecord::new(path.clone(), Status::Errors, &diags, max);
            let files = [record.clone(), record];
            for format in [ReportFormat::Json, ReportFormat::Sarif] {
                let report = render(format, &files);
                let value: Value = serde_json::from_str(&report).expect("valid JSON");
                if format == ReportFormat::Json {
                    prop_assert_eq!(value["files"].as_array().map(Vec::len), Some(2));
                    prop_assert_eq!(&value["summary"]["files"], 2);
                }
            }
            assert_well_formed_xml(&render(ReportFormat::Junit, &files));
            let github = render(ReportFormat::Github, &files);
            for line in github.lines() {
                prop_assert!(
                    ["::error file=", "::warning file=", "::notice file="].iter().any(|p| line.starts_with(p)),
                    "{}", line.escape_debug()
                );
                prop_assert!(!line.contains('\r'));
            }
        }
    }
}
