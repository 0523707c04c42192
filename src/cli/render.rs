//! Rendering diagnostics for people, rustc-style: `file:line:col`, code, message, the source line
//! with the place marked, and hints. Colour only on a terminal.

use annotate_snippets::{Level, Renderer, Snippet};
use motion_export::diag::{Diagnostic, Severity};

/// Longest stretch of a source line shown; longer lines are cut around the place marked.
const WINDOW: usize = 160;

/// Renders one diagnostic about the file `origin` whose text is `src` (empty when the text could
/// not be read).
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
    let title = match d.span {
        Some(s) => format!("{origin}:{}:{}: {}", s.line, s.col, d.message),
        None => format!("{origin}: {}", d.message),
    };
    let hints: Vec<_> = d.hints.iter().map(|h| Level::Help.title(h)).collect();
    let message = level.title(&d.message).id(d.code);
    match d.span.filter(|s| s.start <= src.len() && !src.is_empty()) {
        Some(span) => {
            let (line, range) = window(src, span.start, span.end);
            let location = format!("{origin}:{}:{}", span.line, span.col);
            let snippet = Snippet::source(line)
                .line_start(span.line as usize)
                .origin(&location)
                .annotation(level.span(range));
            let rendered = renderer
                .render(message.snippet(snippet).footers(hints))
                .to_string();
            // annotate-snippets prints `--> origin:line:col` with its own numbers; we give it the
            // whole location as origin, so strip its own line and column after ours.
            fix_origin(&rendered, &location)
        }
        None => {
            let message = level.title(&title).id(d.code);
            renderer.render(message.footers(hints)).to_string()
        }
    }
}

/// At most this many diagnostics of one code are shown per file; the rest are counted.
pub const PER_CODE: usize = 20;

/// Renders a file's diagnostics, showing at most [`PER_CODE`] of each code and then how many more
/// there are: a pathological file must not flood the terminal. Machine reports keep them all.
pub fn capped(diags: &[Diagnostic], origin: &str, src: &str, color: bool) -> String {
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut out: Vec<String> = Vec::new();
    for d in diags {
        let n = shown.entry(d.code).or_default();
        *n += 1;
        if *n <= PER_CODE {
            out.push(diagnostic(d, origin, src, color));
        }
    }
    let mut hidden: Vec<(&str, usize)> = shown
        .into_iter()
        .filter(|(_, n)| *n > PER_CODE)
        .map(|(c, n)| (c, n - PER_CODE))
        .collect();
    hidden.sort();
    for (code, n) in hidden {
        out.push(format!(
            "note: {origin}: {n} more {code} not shown (`motion-export check --report-format json` lists them all)"
        ));
    }
    out.join("\n")
}

fn fix_origin(rendered: &str, location: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.lines() {
        if let Some(i) = line.find(location) {
            out.push_str(&line[..i + location.len()]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// The source line holding byte `start`, cut to at most `WINDOW` characters around it, and the
/// marked range within it (clamped to that line).
fn window(src: &str, start: usize, end: usize) -> (&str, std::ops::Range<usize>) {
    let start = floor_char(src, start.min(src.len()));
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
    let line = src[line_start..line_end].trim_end_matches('\r');
    let line_end = line_start + line.len();
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
    let s = start.clamp(from, to) - from;
    let e = end.clamp(start, to).max(start) - from;
    let e = if e == s && s < to - from {
        s + src[from + s..].chars().next().map_or(1, char::len_utf8)
    } else {
        e
    };
    (&src[from..to], s..e)
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
            &motion_export::codes::RECITAL_GAP,
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
    fn cuts_long_lines() {
        let src = "x".repeat(1_000_000);
        let (line, range) = window(&src, 500_000, 500_001);
        assert!(line.len() <= WINDOW);
        assert_eq!(range.len(), 1);
    }
}
