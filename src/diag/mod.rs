//! Diagnostics as data: a stable code, a severity, a source span, a message and hints.
//!
//! Nothing here prints. The reader and the validator produce [`Diagnostic`]s; the command line
//! renders them (rustc-style or as JSON) at the edge.

pub mod codes;
mod severity;

pub use codes::Code;
use serde::{Deserialize, Serialize};
pub use severity::Severity;

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

/// One finding about one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code from the catalogue in [`codes`], e.g. `E-RECITAL-GAP`.
    pub code: &'static str,
    /// How serious it is: the code's default, or as configured (`--deny`, `--allow`).
    pub severity: Severity,
    /// Where in the input; `None` for findings about the document as a whole.
    pub span: Option<Span>,
    /// Lower case, no trailing period.
    pub message: String,
    /// Suggestions for the user, each a short sentence.
    pub hints: Vec<String>,
    /// Other places the finding refers to (the first occurrence of a repeated number), each
    /// with a short message; shown under the main one.
    /// Boxed: a diagnostic travels in `Result`s and should stay small.
    #[serde(skip_serializing_if = "<[Label]>::is_empty")]
    pub labels: Box<[Label]>,
}

/// A secondary place of a diagnostic: where, and what it is (`first used here`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The other place in the input.
    pub span: Span,
    /// Lower case, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: &'static codes::Code, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.name,
            severity: code.severity,
            span,
            message: message.into(),
            hints: Vec::new(),
            labels: Box::default(),
        }
    }

    /// Adds a secondary label.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        let mut labels = std::mem::take(&mut self.labels).into_vec();
        labels.push(Label {
            span,
            message: message.into(),
        });
        self.labels = labels.into_boxed_slice();
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether this is an error, which makes the file fail.
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

/// The diagnostics of one file, at most [`Collector::LIMIT`] of each code kept in memory: a
/// hostile input (a million footnote calls without notes) cannot make the diagnostics outgrow it.
/// The rest are counted and summed up, per code, in one last diagnostic without a span.
#[derive(Debug, Default)]
pub struct Collector {
    kept: Vec<Diagnostic>,
    /// Per code: how many were seen, and the severity of the first.
    seen: std::collections::BTreeMap<&'static str, (usize, Severity)>,
}

impl Collector {
    /// How many diagnostics of one code are kept; the command line shows fewer still.
    pub const LIMIT: usize = 1000;

    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps `d`, or only counts it when [`Collector::LIMIT`] of its code are kept already.
    pub fn push(&mut self, d: Diagnostic) {
        let (count, _) = self.seen.entry(d.code).or_insert((0, d.severity));
        *count += 1;
        if *count <= Self::LIMIT {
            self.kept.push(d);
        }
    }

    /// Takes in what another collector gathered, keeping the limit across both.
    pub fn merge(&mut self, other: Collector) {
        for d in other.kept {
            self.push(d);
        }
        for (code, (count, severity)) in other.seen {
            let unlisted = count.saturating_sub(Self::LIMIT);
            if unlisted > 0 {
                self.seen.entry(code).or_insert((0, severity)).0 += unlisted;
            }
        }
    }

    /// The kept diagnostics, then one `N more CODE in this file not listed` per code over the
    /// limit.
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut out = self.kept;
        for (code, (count, severity)) in self.seen {
            if count > Self::LIMIT {
                out.push(Diagnostic {
                    code,
                    severity,
                    span: None,
                    message: format!(
                        "{} more {code} in this file not listed",
                        count - Self::LIMIT
                    ),
                    hints: vec![format!(
                        "the first {} are listed; fix those and check again",
                        Self::LIMIT
                    )],
                    labels: Box::default(),
                });
            }
        }
        out
    }
}

impl Extend<Diagnostic> for Collector {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for d in iter {
            self.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(code: &'static codes::Code) -> Diagnostic {
        Diagnostic::new(code, Some(Span::default()), "x")
    }

    #[test]
    fn collector_keeps_the_limit_per_code_and_counts_the_rest() {
        let mut a = Collector::new();
        a.extend((0..Collector::LIMIT + 3).map(|_| d(&codes::FOOTNOTE_UNRESOLVED)));
        let mut b = Collector::new();
        b.extend((0..Collector::LIMIT + 2).map(|_| d(&codes::FOOTNOTE_UNRESOLVED)));
        b.push(d(&codes::UNRECOGNISED_TEXT));
        a.merge(b);
        let out = a.finish();
        assert_eq!(out.len(), Collector::LIMIT + 2);
        let last = out.last().unwrap();
        assert_eq!(last.span, None);
        assert_eq!(
            last.message,
            format!(
                "{} more W-FOOTNOTE-UNRESOLVED in this file not listed",
                Collector::LIMIT + 5
            )
        );
    }
}
