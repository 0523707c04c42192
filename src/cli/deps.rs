//! `motion-export deps`: make-style dependency lines, so a Makefile can rebuild exactly the outputs
//! whose input (or configuration file) changed.

use super::args::{parse_formats, DepsArgs};
use super::rules::ConfigCache;
use super::{exit, inputs, Fatal};
use std::io::Write;

pub fn run(args: &DepsArgs) -> Result<u8, Fatal> {
    let formats = parse_formats(&args.format)?;
    let inputs = inputs::collect(&args.inputs, args.shard)?;
    let configs = ConfigCache::new(&args.config.source())?;
    let mut out = String::new();
    for input in inputs.iter().filter(|i| i.path.is_some()) {
        let targets: Vec<String> = formats
            .iter()
            .map(|f| {
                escape(&inputs::output_path(&args.output, input, f.extension()).to_string_lossy())
            })
            .collect();
        let mut prerequisites = vec![escape(&input.display())];
        if let Some((config, _)) = configs.for_input(input)? {
            prerequisites.push(escape(&config.to_string_lossy()));
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

/// Escapes what make treats specially in file names: spaces, `#`, `$`, `:`.
fn escape(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '#' | ':' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            '$' => s.push_str("$$"),
            _ => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_for_make() {
        assert_eq!(super::escape("a b/c#1$x"), "a\\ b/c\\#1$$x");
    }
}
