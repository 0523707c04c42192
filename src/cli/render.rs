//! Rendering diagnostics for people, rustc-style: `file:line:col`, code, message, the source line
//! with the place marked, and hints. Colour only on a terminal.

use annotate_snippets::{Level, Renderer, Snippet};
use motion_export::diag::{Diagnostic, Severity};
use std::borrow::Cow;
use std::ops::Range;

/// Longest stretch of a source line shown; longer lines are cut around the place marked.
const WINDOW: usize = 160;

/// Renders one diagnostic about the file `origin` whose text is `src` (empty when the text could
/// not be read). Any text and any span: a span out of range or off a character boundary is
/// clamped, and everything taken from the input is shown through [`escape`].
pub fn diagnostic(d: &Diagnostic, origin: &str, src: &str, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let origin = path(origin);
    let message = escape(&d.message);
    let hints: Vec<_> = d.hints.iter().map(|h| escape(h)).collect();
    let footers = || hints.iter().map(|h| Level::Help.title(h));
    match d.span.filter(|s| s.start <= src.len() && !src.is_empty()) {
        Some(span) => {
            let (line, range) = window(src, span.start, span.end);
            let (line, range) = escape_line(line, range);
            let location = format!("{origin}:{}:{}", span.line, span.col);
            // Secondary labels: on the main line in its snippet, elsewhere each in its own.
            let labels: Vec<_> = (d.labels.iter())
                .filter(|l| l.span.start <= src.len())
                .map(|l| {
                    let (text, range) = window(src, l.span.start, l.span.end);
                    let (text, range) = escape_line(text, range);
                    let at = format!("{origin}:{}:{}", l.span.line, l.span.col);
                    (l.span.line, text, range, at, escape(&l.message))
                })
                .collect();
            let mut snippet = Snippet::source(&line)
                .line_start(span.line as usize)
                .origin(&location)
                .annotation(level.span(range));
            let mut others = Vec::new();
            for (no, text, range, at, message) in &labels {
                let note = Level::Info.span(range.clone()).label(message);
                if *no == span.line && *text == line {
                    snippet = snippet.annotation(note);
                } else {
                    others.push(
                        Snippet::source(text)
                            .line_start(*no as usize)
                            .origin(at)
                            .annotation(note),
                    );
                }
            }
            let rendered = renderer
                .render(
                    level
                        .title(&message)
                        .id(d.code)
                        .snippet(snippet)
                        .snippets(others)
                        .footers(footers()),
                )
                .to_string();
            (labels.iter()).fold(fix_origin(&rendered, &location), |r, l| {
                fix_origin(&r, &l.3)
            })
        }
        None => {
            let title = match d.span {
                Some(s) => format!("{origin}:{}:{}: {message}", s.line, s.col),
                None => format!("{origin}: {message}"),
            };
            let rendered = renderer
                .render(level.title(&title).id(d.code).footers(footers()))
                .to_string();
            rendered
        }
    }
}

/// Input-derived text (a message quoting the input, a hint, a file name) as it may be shown on a
/// terminal or in a CI log: control characters (C0, DEL, C1) and the bidirectional overrides and
/// isolates are written as `\u{..}` (`\n`, `\r`, `\t` for the common ones), so no escape
/// sequence reaches the terminal and no newline lets the input start a line of its own; a
/// leading `::` becomes `\u{3a}:`, so the text never reads as a GitHub Actions workflow command.
pub fn escape(s: &str) -> Cow<'_, str> {
    match s.strip_prefix(':').filter(|r| r.starts_with(':')) {
        Some(rest) => Cow::Owned(format!("\\u{{3a}}{}", escape_chars(rest))),
        None => escape_chars(s),
    }
}

/// A file name for human output: [`escape`]d, and a relative name starting with `::` shown as
/// `./::…`, which names the same file.
pub fn path(s: &str) -> Cow<'_, str> {
    if s.starts_with("::") {
        Cow::Owned(format!("./{}", escape_chars(s)))
    } else {
        escape(s)
    }
}

fn escape_chars(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Whether `c` is shown escaped: it would act on the terminal, or show other than it reads.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if needs_escape(c) => out.extend(c.escape_unicode()),
        c => out.push(c),
    }
}

/// A source line escaped as [`escape`] does, but keeping tabs (the renderer shows them as
/// spaces), with the byte range `range` (on character boundaries of `line`) moved to match.
fn escape_line(line: &str, range: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(line.len());
    let (mut start, mut end) = (None, None);
    for (i, c) in line.char_indices() {
        if i == range.start {
            start = Some(out.len());
        }
        if i == range.end {
            end = Some(out.len());
        }
        if c == '\t' || !needs_escape(c) {
            out.push(c);
        } else {
            push_escaped(&mut out, c);
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

/// By default, at most this many diagnostics of one code are shown per file, on the terminal and
/// in reports (`--max-per-code`); the rest are counted.
pub const PER_CODE: usize = 20;

/// Renders a file's diagnostics, showing at most [`PER_CODE`] of each code.
pub fn capped(diags: &[Diagnostic], origin: &str, src: &str, color: bool) -> String {
    capped_to(diags, origin, src, color, PER_CODE)
}

/// Renders a file's diagnostics, showing at most `max` of each code (0: all) and then how many
/// more there are: a pathological file must not flood the terminal.
pub fn capped_to(diags: &[Diagnostic], origin: &str, src: &str, color: bool, max: usize) -> String {
    let (shown, omitted) = cap(diags, max);
    let mut out: Vec<String> = (shown.iter())
        .map(|d| diagnostic(d, origin, src, color))
        .collect();
    for (code, n) in omitted {
        out.push(format!(
            "note: {}: {n} more {code} not shown (`--max-per-code 0` shows them all)",
            path(origin)
        ));
    }
    out.join("\n")
}

/// The first `max` diagnostics of each code (all when `max` is 0), in their order, and for each
/// code with more, how many were left out, by code.
pub fn cap(diags: &[Diagnostic], max: usize) -> (Vec<&Diagnostic>, Vec<(&'static str, usize)>) {
    let mut seen: std::collections::HashMap<&'static str, usize> = Default::default();
    let mut shown = Vec::new();
    for d in diags {
        let n = seen.entry(d.code).or_default();
        *n += 1;
        if max == 0 || *n <= max {
            shown.push(d);
        }
    }
    let mut omitted: Vec<(&'static str, usize)> = (seen.into_iter())
        .filter(|&(_, n)| max > 0 && n > max)
        .map(|(c, n)| (c, n - max))
        .collect();
    omitted.sort();
    (shown, omitted)
}

/// annotate-snippets prints `--> origin:line:col` with its own line and column; we give it the
/// whole location as origin, so its own numbers after ours are cut off. Only the arrow line is
/// touched: a source line may quote the location too.
fn fix_origin(rendered: &str, location: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.lines() {
        match line.find(location).filter(|&i| is_arrow(&line[..i])) {
            Some(i) => out.push_str(&line[..i + location.len()]),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// Whether `prefix` is the renderer's `-->` or `:::` (maybe coloured): escaped input holds no ESC, so
/// every escape sequence here is the renderer's own.
fn is_arrow(prefix: &str) -> bool {
    let mut plain = String::new();
    let mut chars = prefix.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|c| c.is_ascii_alphabetic());
        } else {
            plain.push(c);
        }
    }
    matches!(plain.trim(), "-->" | ":::")
}

/// The source line holding byte `start`, cut to at most `WINDOW` characters around it, and the
/// marked range within it (clamped to that line).
fn window(src: &str, start: usize, end: usize) -> (&str, Range<usize>) {
    let start = floor_char(src, start.min(src.len()));
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
    let line = src[line_start..line_end].trim_end_matches('\r');
    let line_end = line_start + line.len();
    let start = start.min(line_end);
    let mut from = line_start;
    let mut to = line_end;
    if line.chars().count() > WINDOW {
        from = floor_char(src, start.saturating_sub(WINDOW / 4).max(line_start));
        to = floor_char(src, (from + WINDOW * 2).min(line_end));
        // Keep at most WINDOW characters.
        to = src[from..to]
            .char_indices()
            .nth(WINDOW)
            .map_or(to, |(i, _)| from + i);
    }
    // Both ends on character boundaries within the window, whatever the span said.
    let s = floor_char(src, start.clamp(from, to));
    let e = ceil_char(src, end.clamp(s, to)).min(to);
    let e = if e == s && s < to {
        s + src[s..].chars().next().map_or(0, char::len_utf8)
    } else {
        e
    };
    (&src[from..to], s - from..e - from)
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use motion_export::diag::Span;

    #[test]
    fn renders_location_code_line_and_hint() {
        let src = "The European Parliament,\nA. whereas x;\nC. whereas y;\n";
        let start = src.find("C.").unwrap();
        let d = Diagnostic::new(
            &motion_export::diag::codes::RECITAL_GAP,
            Some(Span {
                start,
                end: start + 2,
                line: 3,
                col: 1,
            }),
            "recital `C.` follows a gap",
        )
        .hint("check the numbering");
        let out = diagnostic(&d, "m.txt", src, false);
        assert!(
            out.contains("error[E-RECITAL-GAP]: recital `C.` follows a gap"),
            "{out}"
        );
        assert!(out.contains("m.txt:3:1"), "{out}");
        assert!(out.contains("C. whereas y;"), "{out}");
        assert!(out.contains("help: check the numbering"), "{out}");
    }

    #[test]
    fn shows_secondary_labels_on_their_own_lines() {
        let src = "1. Calls on x;\n\n2. Calls on y;\n\n1. Calls on z;\n";
        let at = |needle: &str, line: u32| {
            let start = src.find(needle).unwrap();
            Span {
                start,
                end: start + 2,
                line,
                col: 1,
            }
        };
        let first = at("1. Calls on x", 1);
        let again = at("1. Calls on z", 5);
        let d = Diagnostic::new(
            &motion_export::diag::codes::PARAGRAPH_DUPLICATE,
            Some(again),
            "paragraph `1.` appears twice",
        )
        .label(first, "first used here");
        let out = diagnostic(&d, "m.txt", src, false);
        assert!(out.contains("--> m.txt:5:1\n"), "{out}");
        assert!(out.contains("::: m.txt:1:1\n"), "{out}");
        assert!(out.contains("1. Calls on x;"), "{out}");
        assert!(out.contains("first used here"), "{out}");
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            caret.matches('^').count(),
            2,
            "the caret under the number: {out}"
        );
    }

    #[test]
    fn cuts_long_lines() {
        let src = "x".repeat(1_000_000);
        let (line, range) = window(&src, 500_000, 500_001);
        assert!(line.len() <= WINDOW);
        assert_eq!(range.len(), 1);
    }

    #[test]
    fn escapes_controls_bidi_and_a_leading_workflow_command() {
        assert_eq!(escape("plain ü"), "plain ü");
        assert_eq!(
            escape("\u{1b}]0;x\u{7}\n\u{93}\u{202e}\u{7f}"),
            "\\u{1b}]0;x\\u{7}\\n\\u{93}\\u{202e}\\u{7f}"
        );
        assert_eq!(escape("::error::x"), "\\u{3a}:error::x");
        assert_eq!(path("::error::x.txt"), "./::error::x.txt");
        assert_eq!(path("a\n::b"), "a\\n::b");
    }

    #[test]
    fn spans_off_char_boundaries_are_clamped() {
        let src = "1. Calls \u{93}here\u{94};\n";
        for (start, end) in [(10, 10), (9, 10), (10, 15), (0, 1000), (12, 3)] {
            let (line, range) = window(src, start, end);
            assert!(line.is_char_boundary(range.start) && line.is_char_boundary(range.end));
            let (escaped, range) = escape_line(line, range);
            assert!(escaped.is_char_boundary(range.start) && escaped.is_char_boundary(range.end));
            assert!(!escaped.contains('\u{93}'));
        }
    }
}
