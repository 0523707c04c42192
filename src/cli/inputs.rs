//! Finding the inputs of a batch (files, folders walked for `*.txt` — and `*.xml` for `check` —,
//! standard input) and the output path of each, which never leaves the output folder.

use super::Fatal;
use std::path::{Component, Path, PathBuf};

/// One input of a batch. Kept small (one allocation): batches hold hundreds of thousands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read: a path, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// Number of leading path components that belong to the folder given on the command line;
    /// the rest is the output's path relative to the output folder.
    base: usize,
}

impl Input {
    /// How diagnostics name it: the path as given, or `<stdin>`.
    pub fn display(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
    }

    /// The folder given on the command line that the input was found in: the argument itself
    /// for a folder, the file's folder for a file, the current folder for standard input.
    pub fn argument_dir(&self) -> PathBuf {
        let dir: PathBuf = (self.path.iter())
            .flat_map(|p| p.components().take(self.base))
            .collect();
        if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        }
    }

    /// Whether the input is Akoma Ntoso XML (`*.xml`, any case), which `check` reads as such.
    pub fn is_xml(&self) -> bool {
        self.path
            .as_ref()
            .and_then(|p| p.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
    }

    /// The file stem, for identifiers and language detection.
    pub fn stem(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "stdin".into(), |s| s.to_string_lossy().into_owned())
    }

    /// The output path without extension, relative to the output folder: the file stem, under
    /// the sub-folders it was found in when a folder was given.
    pub fn relative(&self) -> PathBuf {
        match &self.path {
            None => PathBuf::from("stdin"),
            Some(p) => safe_relative(
                &p.components()
                    .skip(self.base)
                    .collect::<PathBuf>()
                    .with_extension(""),
            ),
        }
    }
}

/// Expands the command line's inputs into a sorted, duplicate-free list. A folder contributes
/// every `*.txt` below it (symbolic links to folders are not followed, avoiding cycles).
pub fn collect(args: &[PathBuf], shard: Option<(u32, u32)>) -> Result<Vec<Input>, Fatal> {
    collect_with(args, shard, &["txt"])
}

/// [`collect`], a folder contributing every file below it with one of `extensions` (`check`
/// takes `*.xml` too).
pub fn collect_with(
    args: &[PathBuf],
    shard: Option<(u32, u32)>,
    extensions: &[&str],
) -> Result<Vec<Input>, Fatal> {
    let mut out = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            out.push(Input {
                path: None,
                base: 0,
            });
            continue;
        }
        let meta =
            std::fs::metadata(arg).map_err(|e| Fatal::Io(format!("{}: {}", arg.display(), e)))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(arg, Path::new(""), extensions, &mut found)
                .map_err(|e| Fatal::Io(format!("{}: {}", arg.display(), e)))?;
            found.sort();
            let base = arg.components().count();
            out.extend(found.into_iter().map(|rel| Input {
                path: Some(arg.join(rel)),
                base,
            }));
        } else {
            let base = arg.components().count().saturating_sub(1);
            out.push(Input {
                path: Some(arg.clone()),
                base,
            });
        }
    }
    if let Some((k, n)) = shard {
        out.retain(|i| shard_of(&i.display(), n) == k - 1);
    }
    // The same file named twice (or inside a folder also given) is converted once.
    if args.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        out.retain(|i| seen.insert(i.path.clone()));
    }
    Ok(out)
}

/// The slice (0-based, of `n`) a path belongs to: FNV-1a of the path as given, the same on every
/// machine and in every run.
pub fn shard_of(path: &str, n: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % u64::from(n)) as u32
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

fn walk(
    root: &Path,
    rel: &Path,
    extensions: &[&str],
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let rel_path = rel.join(entry.file_name());
        if kind.is_dir() {
            walk(root, &rel_path, extensions, out)?;
        } else if rel_path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
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
    let mut p = dir.join(input.relative());
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
        let file = Input {
            path: Some(PathBuf::from("../a b/ü.txt")),
            base: 2,
        };
        assert_eq!(
            output_path(Path::new("out"), &file, "xml"),
            PathBuf::from("out/ü.xml")
        );
        let dotted = Input {
            path: Some(PathBuf::from("x/B9-0146.2021_EN.txt")),
            base: 1,
        };
        assert_eq!(
            output_path(Path::new("out"), &dotted, "pdf"),
            PathBuf::from("out/B9-0146.2021_EN.pdf")
        );
        let nested = Input {
            path: Some(PathBuf::from("in/sub/m.txt")),
            base: 1,
        };
        assert_eq!(
            output_path(Path::new("out"), &nested, "xml"),
            PathBuf::from("out/sub/m.xml")
        );
        assert_eq!(nested.stem(), "m");
        assert_eq!(nested.argument_dir(), PathBuf::from("in"));
        assert_eq!(dotted.argument_dir(), PathBuf::from("x"));
        let bare = Input {
            path: Some(PathBuf::from("m.txt")),
            base: 0,
        };
        assert_eq!(bare.argument_dir(), PathBuf::from("."));
    }
}
