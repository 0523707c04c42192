//! Validation of Akoma Ntoso input against an XML Schema, in process, with libxml2 (feature
//! `schema`): the project's profile, compiled into the library, or any XSD on disk such as the
//! official AKN 3.0 schema. Each violation is an `E-AKN-SCHEMA` diagnostic at its line; the
//! verdict is xmllint's (`xmllint --noout --nonet --schema XSD FILE`): the same library, the same
//! parser options. Every libxml2 call of the crate is in this module's [`libxml2`], which opens
//! the library the first time a schema is compiled.
//!
//! **The embedded profile.** `akn-motion-profile.xsd` imports `ep-proprietary.xsd` by a relative
//! `schemaLocation`, which libxml2 resolves against the importing schema's URL. Both files are
//! compiled into the binary and served from memory under a private URL scheme
//! (`motion-export-embedded:///`, an input callback registered with libxml2 once per process), so
//! the profile is read as `motion-export-embedded:///akn-motion-profile.xsd` and its import
//! resolves to `motion-export-embedded:///ep-proprietary.xsd`: no temporary file, no dependence
//! on the folder the program runs in.
//!
//! **Threads.** libxml2's schema and validation contexts may not be shared between threads.
//! Each thread compiles a schema the first time it validates against it and keeps it for its
//! life ([`thread_local!`]): compiling the official XSD takes about 0.16 s and 13 MB per
//! thread (`check -j1` of 40 motions: 0.37 s, of which two compiles, the command's and the
//! worker's; `-j2`: three), the profile under 5 ms; validating a motion then takes well under a
//! millisecond, in parallel. One schema behind a lock would cost one compile but serialise
//! every validation. The document is streamed through libxml2's reader, never built as a tree.
//!
//! **Nothing is fetched.** Documents are parsed with `XML_PARSE_NONET`, without substituting
//! entities or loading a DTD (no external entity is ever read), and libxml2's external entity
//! loader is replaced, once per process, by its no-network loader, as `xmllint --nonet` does:
//! an XSD that imports `http://...` fails to compile instead of downloading it.

mod libxml2;

use crate::diag::{codes, Collector, Diagnostic, Span};
use libxml2::{Error as StructuredError, Validator as SchemaValidationContext};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// The schema an Akoma Ntoso input is validated against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Schema {
    /// The project's profile, `schemas/akn-motion-profile.xsd` (with `ep-proprietary.xsd`),
    /// as compiled into the library.
    Profile,
    /// An XSD on disk, such as the official `akomantoso30.xsd`; its imports and includes are
    /// resolved relative to it.
    File(PathBuf),
}

/// Where the embedded profile is served from: a scheme no file or web address has.
const EMBEDDED: &str = "motion-export-embedded:///";
const PROFILE_NAME: &str = "akn-motion-profile.xsd";
const PROFILE: &[u8] = include_bytes!("../../../../schemas/akn-motion-profile.xsd");
const PROPRIETARY_NAME: &str = "ep-proprietary.xsd";
const PROPRIETARY: &[u8] = include_bytes!("../../../../schemas/ep-proprietary.xsd");

impl Schema {
    /// How diagnostics and errors name the schema.
    pub fn describe(&self) -> String {
        match self {
            Schema::Profile => "the motion profile (schemas/akn-motion-profile.xsd)".into(),
            Schema::File(path) => path.display().to_string(),
        }
    }

    /// Compiles the schema on this thread (kept for the thread's later validations), so that a
    /// schema that cannot be used is reported once, before any input is read: `Err` holds
    /// libxml2's reasons.
    pub fn compile(&self) -> Result<(), String> {
        with_validator(self, |_| ())
    }

    /// The URL libxml2 reads the schema from.
    fn url(&self) -> Result<String, String> {
        match self {
            Schema::Profile => Ok(format!("{EMBEDDED}{PROFILE_NAME}")),
            Schema::File(path) => file_url(path),
        }
    }
}

/// A path as libxml2 takes it: UTF-8, without NUL, naming a regular file (a FIFO would hang
/// the parser, a folder gives a confusing message).
fn file_url(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let text = path
        .to_str()
        .filter(|t| !t.contains('\0'))
        .ok_or_else(|| format!("{shown}: the path must be UTF-8"))?;
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(text.to_string()),
        Ok(_) => Err(format!("{shown} is not a regular file")),
        Err(e) => Err(format!("cannot read {shown}: {e}")),
    }
}

/// Once per process, before libxml2 reads a schema: the library opened, the embedded profile's
/// URL scheme, and the no-network external entity loader. `Err` says why libxml2 cannot be used.
fn set_up() -> Result<(), String> {
    libxml2::set_up(|url| match url.strip_prefix(EMBEDDED) {
        Some(PROFILE_NAME) => Some(PROFILE),
        Some(PROPRIETARY_NAME) => Some(PROPRIETARY),
        _ => None,
    })
}

thread_local! {
    /// This thread's compiled schemas, each with the reason it failed to compile when it did.
    static COMPILED: RefCell<Vec<(Schema, Result<SchemaValidationContext, String>)>> =
        const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's validator for `schema`, compiling it on first use.
fn with_validator<T>(
    schema: &Schema,
    f: impl FnOnce(&mut SchemaValidationContext) -> T,
) -> Result<T, String> {
    COMPILED.with(|compiled| {
        let mut compiled = compiled.borrow_mut();
        let at = match compiled.iter().position(|(s, _)| s == schema) {
            Some(at) => at,
            None => {
                compiled.push((schema.clone(), compile(schema)));
                compiled.len() - 1
            }
        };
        match &mut compiled[at].1 {
            Ok(validator) => Ok(f(validator)),
            Err(reason) => Err(reason.clone()),
        }
    })
}

/// Reads and compiles a schema.
fn compile(schema: &Schema) -> Result<SchemaValidationContext, String> {
    set_up()?;
    let url = schema.url()?;
    SchemaValidationContext::compile(&url).map_err(|errors| {
        let reasons: Vec<String> = errors.iter().take(5).map(describe_error).collect();
        if reasons.is_empty() {
            format!(
                "{} is not an XML Schema libxml2 can compile",
                schema.describe()
            )
        } else {
            format!(
                "{} does not compile as an XML Schema: {}",
                schema.describe(),
                reasons.join("; ")
            )
        }
    })
}

/// A libxml2 error in one line: its message, and where when it says.
fn describe_error(e: &StructuredError) -> String {
    let message = message_of(e);
    match (&e.file, e.line) {
        (Some(file), Some(line)) => format!("{file}:{line}: {message}"),
        _ => message,
    }
}

/// libxml2's message, trimmed of its line end and final period, names in the Akoma Ntoso
/// namespace written without it (`'{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}p'` is
/// `'p'`; names in any other namespace keep theirs).
fn message_of(e: &StructuredError) -> String {
    let m = e
        .message
        .as_deref()
        .unwrap_or("libxml2 gave no message")
        .trim();
    let m = m.strip_suffix('.').unwrap_or(m);
    m.replace(&format!("{{{}}}", crate::vocab::AKN_NS), "")
}

/// Validates a well-formed XML document (`text`, decoded to UTF-8 whatever its declaration
/// says) against `schema`: one `E-AKN-SCHEMA` per violation, at most [`Collector::LIMIT`] kept.
/// A schema that cannot be compiled gives one diagnostic for the whole document.
pub fn validate(text: &str, schema: &Schema) -> Vec<Diagnostic> {
    match with_validator(schema, |validator| stream(text, validator)) {
        Ok(Ok(errors)) => {
            let mut lines = LineStarts::new();
            let mut out = Collector::new();
            for e in &errors {
                out.push(violation(text, &mut lines, e, schema));
            }
            out.finish()
        }
        Ok(Err(NotParsed)) => vec![Diagnostic::new(
            &codes::AKN_SCHEMA,
            None,
            "not validated: libxml2 cannot parse the document",
        )
        .hint(format!(
            "`xmllint --noout --nonet FILE` says why; {} was not applied",
            schema.describe()
        ))],
        Err(reason) => {
            vec![
                Diagnostic::new(&codes::AKN_SCHEMA, None, format!("not validated: {reason}"))
                    .hint("check the XSD with `xmllint --noout --nonet --schema XSD FILE`"),
            ]
        }
    }
}

/// libxml2 could not parse a document the reader found well-formed (one nested beyond
/// libxml2's limits, say).
struct NotParsed;

/// The schema's violations in `text`, validated as libxml2's reader streams it: no tree of the
/// whole document is built, so memory stays within the reader's bound whatever the size. The
/// options are those of the tree xmllint validates: no network, no entity substituted, no DTD
/// loaded; the text is read as UTF-8 whatever encoding its declaration names (`IGNORE_ENC`), as
/// it is decoded already. Parse errors are
/// not printed (`NOERROR`): a document libxml2 cannot parse is [`NotParsed`].
fn stream(
    text: &str,
    validator: &mut SchemaValidationContext,
) -> Result<Vec<StructuredError>, NotParsed> {
    let finished = validator.read_through(text).ok_or(NotParsed)?;
    let errors = validator.take_errors();
    if !finished && errors.is_empty() {
        return Err(NotParsed);
    }
    Ok(errors)
}

/// One violation, at the element its line holds.
fn violation(
    text: &str,
    lines: &mut LineStarts,
    e: &StructuredError,
    schema: &Schema,
) -> Diagnostic {
    let message = message_of(e);
    let span = e
        .line
        .and_then(|l| u32::try_from(l).ok())
        .map(|line| lines.span(text, line, element_of(&message)));
    Diagnostic::new(&codes::AKN_SCHEMA, span, message).hint(format!(
        "the document does not follow {}",
        schema.describe()
    ))
}

/// The local name of the element a libxml2 schema message is about, and of the attribute when
/// it is about one: `Element '{namespace}name': ...`, `Element 'name', attribute 'a': ...`.
fn element_of(message: &str) -> Option<(&str, Option<&str>)> {
    let quoted = message.strip_prefix("Element '")?;
    let end = quoted.find('\'')?;
    let name = &quoted[..end];
    let attribute = quoted[end + 1..]
        .strip_prefix(", attribute '")
        .and_then(|a| a.get(..a.find('\'')?));
    Some((local_name(name), attribute.map(local_name)))
}

/// `name` without its namespace (`{urn:x}name`) or prefix (`p:name`).
fn local_name(name: &str) -> &str {
    name.rsplit(['}', ':']).next().unwrap_or(name)
}

/// Where each line starts, as libxml2 counts lines (`\n`, `\r\n` and a lone `\r` end one),
/// found as far as asked.
struct LineStarts {
    starts: Vec<usize>,
    scanned: usize,
}

impl LineStarts {
    fn new() -> Self {
        LineStarts {
            starts: vec![0],
            scanned: 0,
        }
    }

    /// The byte offset where 1-based `line` starts, or the end of the text.
    fn start(&mut self, text: &str, line: u32) -> usize {
        let want = line.max(1) as usize - 1;
        let bytes = text.as_bytes();
        while self.starts.len() <= want && self.scanned < bytes.len() {
            let i = self.scanned;
            self.scanned += 1;
            let ends = match bytes[i] {
                b'\n' => true,
                b'\r' => bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            if ends {
                self.starts.push(i + 1);
            }
        }
        self.starts.get(want).copied().unwrap_or(text.len())
    }

    /// The span of `element`'s start tag on `line` (`<name` or `<prefix:name`), or of its
    /// attribute there when one is named, or of the line's text when the line holds no such tag.
    fn span(&mut self, text: &str, line: u32, element: Option<(&str, Option<&str>)>) -> Span {
        let start = self.start(text, line);
        let rest = &text[start..];
        let end = start + rest.find(['\n', '\r']).unwrap_or(rest.len());
        let on_line = &text[start..end];
        let tag = element.and_then(|(name, attribute)| {
            let (from, to) = find_tag(on_line, name)?;
            let attribute = attribute.and_then(|a| find_attribute(&on_line[to..], a));
            Some(attribute.map_or((from, to), |(a, b)| (to + a, to + b)))
        });
        let (from, to) = match tag {
            Some((from, to)) => (start + from, start + to),
            None => {
                let skipped = on_line.len() - on_line.trim_start().len();
                (start + skipped, end)
            }
        };
        Span {
            start: from,
            end: to,
            line,
            col: text[start..from].chars().count() as u32 + 1,
        }
    }
}

/// The byte range of the first start tag of `name` (prefixed or not) in `line`.
fn find_tag(line: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = line[from..].find('<') {
        let open = from + at;
        let after = &line[open + 1..];
        let qname_len = after
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(after.len());
        let qname = &after[..qname_len];
        if qname.rsplit(':').next() == Some(name) {
            return Some((open, open + 1 + qname_len));
        }
        from = open + 1;
    }
    None
}

/// The byte range of attribute `name` (prefixed or not, before `=`) in the rest of a start tag.
fn find_attribute(tag: &str, name: &str) -> Option<(usize, usize)> {
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        let end = start + name.len();
        let before = tag[..start].chars().next_back();
        let after = tag[end..].trim_start().starts_with('=');
        if after && before.is_some_and(|c| c.is_whitespace() || c == ':') {
            let start = tag[..start]
                .rfind(char::is_whitespace)
                .map_or(start, |w| w + 1);
            return Some((start, end));
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_element_of_a_message() {
        let m = "Element '{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}preface': This element is not expected";
        assert_eq!(element_of(m), Some(("preface", None)));
        let m = "Element 'epx:motion', attribute 'kind': bad";
        assert_eq!(element_of(m), Some(("motion", Some("kind"))));
        assert_eq!(element_of("No matching global declaration"), None);
    }

    #[test]
    fn lines_end_as_libxml2_ends_them() {
        let text = "a\r\nb\rc\n  <x:foo a='1'>";
        let mut lines = LineStarts::new();
        assert_eq!(lines.start(text, 2), 3);
        assert_eq!(lines.start(text, 3), 5);
        let span = lines.span(text, 4, Some(("foo", None)));
        assert_eq!(&text[span.start..span.end], "<x:foo");
        assert_eq!((span.line, span.col), (4, 3));
        let span = lines.span(text, 4, Some(("foo", Some("a"))));
        assert_eq!(&text[span.start..span.end], "a");
        assert_eq!((span.line, span.col), (4, 10));
        let span = lines.span(text, 4, Some(("bar", None)));
        assert_eq!(&text[span.start..span.end], "<x:foo a='1'>");
        assert_eq!(lines.start(text, 9), text.len());
    }

    #[test]
    fn the_profile_validates_the_seed_and_rejects_a_bad_name() {
        let seed = include_str!("../../../../tests/fixtures/golden/B9-0146-2021_EN.xml");
        assert_eq!(validate(seed, &Schema::Profile), Vec::new());
        let bad = seed.replacen("name=\"motionForResolution\"", "name=\"motion\"", 1);
        let found = validate(&bad, &Schema::Profile);
        assert!(!found.is_empty());
        assert!(found.iter().all(|d| d.code == "E-AKN-SCHEMA"), "{found:?}");
    }

    #[test]
    fn a_missing_xsd_is_reported() {
        let schema = Schema::File(PathBuf::from("/no/such/schema.xsd"));
        assert!(schema
            .compile()
            .unwrap_err()
            .contains("/no/such/schema.xsd"));
        let found = validate("<a/>", &schema);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("not validated"));
    }
}
