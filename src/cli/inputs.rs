//! Finding the inputs of a batch (files, folders walked for `*.txt`, standard input) and the
//! output path of each, which never leaves the output folder.

use super::Fatal;
use std::path::{Component, Path, PathBuf};

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read: a path, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// How diagnostics name it: the path as given, or `<stdin>`.
    pub display: String,
    /// The output path without extension, relative to the output folder: the file stem, under
    /// the sub-folders it was found in when a folder was given.
    pub relative: PathBuf,
    /// The file stem, for identifiers and language detection.
    pub stem: String,
}

/// Expands the command line's inputs into a sorted, duplicate-free list. A folder contributes
/// every `*.txt` below it (symbolic links to folders are not followed, avoiding cycles).
pub fn collect(args: &[PathBuf]) -> Result<Vec<Input>, Fatal> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Input {
                path: None,
                display: "<stdin>".into(),
                relative: PathBuf::from("stdin"),
                stem: "stdin".into(),
            });
            continue;
        }
        let meta =
            std::fs::metadata(arg).map_err(|e| Fatal::Io(format!("{}: {}", arg.display(), e)))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(arg, Path::new(""), &mut found)
                .map_err(|e| Fatal::Io(format!("{}: {}", arg.display(), e)))?;
            found.sort();
            out.extend(found.into_iter().map(|rel| input(arg.join(&rel), rel)));
        } else {
            let name = arg
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("input"));
            out.push(input(arg.clone(), name));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|i| {
        seen.insert(
            i.path
                .clone()
                .map(|p| std::fs::canonicalize(&p).unwrap_or(p)),
        )
    });
    Ok(out)
}

fn input(path: PathBuf, relative_file: PathBuf) -> Input {
    let stem = relative_file
        .file_stem()
        .map_or_else(|| "input".into(), |s| s.to_string_lossy().into_owned());
    let relative = relative_file.with_extension("");
    Input {
        display: path.display().to_string(),
        path: Some(path),
        relative: safe_relative(&relative),
        stem,
    }
}

/// Keeps only normal components: no `..`, no root, no prefix. Folder walking never produces
/// others, but this makes the guarantee local.
fn safe_relative(p: &Path) -> PathBuf {
    let clean: PathBuf = p
        .components()
        .filter_map(|c| {
            if let Component::Normal(s) = c {
                Some(s)
            } else {
                None
            }
        })
        .collect();
    if clean.as_os_str().is_empty() {
        PathBuf::from("input")
    } else {
        clean
    }
}

fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let rel_path = rel.join(entry.file_name());
        if kind.is_dir() {
            walk(root, &rel_path, out)?;
        } else if rel_path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
            && !kind.is_dir()
        {
            let is_file = kind.is_file()
                || std::fs::metadata(root.join(&rel_path)).is_ok_and(|m| m.is_file());
            if is_file {
                out.push(rel_path);
            }
        }
    }
    Ok(())
}

/// The output path of `input` in `format`, inside `dir`.
pub fn output_path(dir: &Path, input: &Input, extension: &str) -> PathBuf {
    let mut p = dir.join(&input.relative);
    let name = format!(
        "{}.{extension}",
        p.file_name()
            .map_or_else(|| "input".into(), |n| n.to_string_lossy().into_owned())
    );
    p.set_file_name(name);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_stay_inside_the_folder() {
        assert_eq!(
            safe_relative(Path::new("../../etc/passwd")),
            PathBuf::from("etc/passwd")
        );
        assert_eq!(safe_relative(Path::new("/abs/x")), PathBuf::from("abs/x"));
        let i = input(PathBuf::from("../a b/ü.txt"), PathBuf::from("ü.txt"));
        assert_eq!(
            output_path(Path::new("out"), &i, "xml"),
            PathBuf::from("out/ü.xml")
        );
        let dotted = input(
            PathBuf::from("x/B9-0146.2021_EN.txt"),
            PathBuf::from("B9-0146.2021_EN.txt"),
        );
        assert_eq!(
            output_path(Path::new("out"), &dotted, "pdf"),
            PathBuf::from("out/B9-0146.2021_EN.pdf")
        );
    }
}
