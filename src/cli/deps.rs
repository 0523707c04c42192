//! `motion-export deps`: make-style dependency lines, so a Makefile can rebuild exactly the outputs
//! whose input (or configuration file) changed.

use super::args::{parse_formats, DepsArgs};
use super::rules::ConfigCache;
use super::{exit, inputs, render, Fatal};
use std::io::Write;

pub fn run(args: &DepsArgs) -> Result<u8, Fatal> {
    let formats = parse_formats(&args.formats.format)?;
    let mut inputs = inputs::collect(&args.inputs, args.shard)?;
    // The inputs `convert` would take: not the XML it wrote into the output folder.
    super::convert::sources_only(
        &mut inputs,
        &super::incremental::Manifest::read(&args.output),
    );
    let configs = ConfigCache::new(&args.config.source())?;
    let mut out = String::new();
    for input in inputs.iter().filter(|i| i.path.is_some()) {
        let targets: Vec<String> = formats
            .iter()
            .map(|f| {
                let path = inputs::output_path(&args.output, input, f.extension());
                escape(&path.to_string_lossy(), Side::Target)
            })
            .collect::<Result<_, _>>()?;
        let mut prerequisites = vec![escape(&input.display(), Side::Prerequisite)?];
        if let Some((config, _)) = configs.for_input(input)? {
            prerequisites.push(escape(&config.to_string_lossy(), Side::Prerequisite)?);
        }
        out.push_str(&format!(
            "{}: {}\n",
            targets.join(" "),
            prerequisites.join(" ")
        ));
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Fatal::Io(format!("standard output: {e}")))
        }
        _ => Ok(exit::OK),
    }
}

/// Which side of a rule's colon a name stands on: make reads `%` differently on each.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Target,
    Prerequisite,
}

/// Escapes what make treats specially in file names and can escape: spaces, `#`, `:`, `$`, and `%`
/// in a target (unescaped, it makes the rule a pattern rule, which without a recipe is ignored;
/// in a prerequisite of an explicit rule it is literal and a backslash would stay). Names that
/// GNU make cannot hold in a rule at all are refused: control characters (a newline would end the
/// rule), `;` (starts a recipe), `=` (a variable assignment), `|` (order-only prerequisites), the
/// wildcards `*?[]`, `\` and a leading `~`, as tested with make in `tests/testsuite/escaping.rs`.
fn escape(path: &str, side: Side) -> Result<String, Fatal> {
    let refused =
        |c: char| c.is_control() || matches!(c, ';' | '=' | '|' | '*' | '?' | '[' | ']' | '\\');
    if path.chars().any(refused) || path.starts_with('~') {
        return Err(Fatal::Usage(format!(
            "{}: make cannot hold this file name in a rule (control characters, `;`, `=`, `|`, `*`, `?`, `[`, `]`, `\\` or a leading `~`); rename the file",
            render::path(path)
        )));
    }
    let mut s = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '#' | ':' => {
                s.push('\\');
                s.push(c);
            }
            '%' if side == Side::Target => s.push_str("\\%"),
            '$' => s.push_str("$$"),
            _ => s.push(c),
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::{escape, Side};

    #[test]
    fn escapes_for_make() {
        assert_eq!(
            escape("a b/c#1$x%", Side::Target).ok().unwrap(),
            "a\\ b/c\\#1$$x\\%"
        );
        assert_eq!(escape("a%b", Side::Prerequisite).ok().unwrap(), "a%b");
        for name in ["a\nb", "a;b", "a=b", "a|b", "a*b", "a\\b", "~a"] {
            assert!(escape(name, Side::Target).is_err(), "{name}");
        }
    }
}
