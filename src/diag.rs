//! Diagnostics as data: a stable code, a severity, a source span, a message and hints.
//!
//! Nothing here prints. The reader and the validator produce [`Diagnostic`]s; the command line
//! renders them (rustc-style or as JSON) at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A place in the source text: a byte range plus the 1-based line and column (in characters) of its
/// start, so diagnostics can name `file:line:col` without the source at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Span {
    /// Byte offset of the first byte, in the decoded (UTF-8) text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
}

impl Span {
    /// The smallest span covering both `self` and `other`; the line and column of the earlier one.
    pub fn to(self, other: Span) -> Span {
        let (first, _) = if other.start < self.start {
            (other, self)
        } else {
            (self, other)
        };
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            line: first.line,
            col: first.col,
        }
    }
}

/// How serious a diagnostic is. Errors make a file fail; warnings do not unless denied; notes
/// only inform (what the reader did on the user's behalf, e.g. page furniture it removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding about one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code from the catalogue in [`crate::codes`], e.g. `E-RECITAL-GAP`.
    pub code: &'static str,
    pub severity: Severity,
    /// Where in the input; `None` for findings about the document as a whole.
    pub span: Option<Span>,
    /// Lower case, no trailing period.
    pub message: String,
    /// Suggestions for the user, each a short sentence.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(
        code: &'static crate::codes::Code,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: code.name,
            severity: code.severity,
            span,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position (document-wide ones first), then code, for stable output.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let pos = |d: &Diagnostic| d.span.map(|s| (s.start, s.end));
        pos(a).cmp(&pos(b)).then_with(|| a.code.cmp(b.code))
    });
}
