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

/// The files a folder contributes to a batch: text and Akoma Ntoso.
const MOTION_FILES: &[&str] = &["txt", "xml"];

/// Expands the command line's inputs into a sorted, duplicate-free list. A folder contributes
/// every `*.txt` and `*.xml` below it (symbolic links to folders are not followed, avoiding
/// cycles).
pub fn collect(args: &[PathBuf], shard: Option<(u32, u32)>) -> Result<Vec<Input>, Fatal> {
    collect_with(args, shard, MOTION_FILES)
}

/// [`collect`], a folder contributing every file below it with one of `extensions`.
///
/// An argument that is not a folder is an input even when it cannot be read (a missing file):
/// the batch reports it for that input (E-IO) and goes on with the others. Finding no input at
/// all is an error: a typo in a folder name must not pass as an empty, successful batch.
fn collect_with(
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
        if std::fs::metadata(arg).is_ok_and(|m| m.is_dir()) {
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
    if out.is_empty() {
        return Err(Fatal::Io(nothing_found(args, extensions)));
    }
    if let Some((k, n)) = shard {
        out.retain(|i| shard_of(&i.shard_key(), n) == k - 1);
    }
    // The same file named twice (or inside a folder also given, however spelled) is converted
    // once.
    if args.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        out.retain(|i| seen.insert(i.shard_key()));
    }
    Ok(out)
}

/// `no input found in samples/: it holds no *.txt or *.xml files`.
fn nothing_found(args: &[PathBuf], extensions: &[&str]) -> String {
    let names: Vec<String> = args.iter().map(|a| a.display().to_string()).collect();
    let kinds: Vec<String> = extensions.iter().map(|e| format!("*.{e}")).collect();
    let holds = if names.len() == 1 {
        "it holds"
    } else {
        "they hold"
    };
    format!(
        "no input found in {}: {holds} no {} files",
        names.join(", "),
        kinds.join(" or ")
    )
}

impl Input {
    /// The path written lexically normalised (`./samples//a.txt` is `samples/a.txt`): how shards
    /// and duplicates are told apart, whatever the spelling of the folder on the command line.
    fn shard_key(&self) -> String {
        let Some(path) = &self.path else {
            return "-".into();
        };
        let mut key = String::new();
        for c in path.components() {
            match c {
                Component::CurDir => continue,
                Component::RootDir => key.push('/'),
                c => {
                    if !key.is_empty() && !key.ends_with('/') {
                        key.push('/');
                    }
                    key.push_str(&c.as_os_str().to_string_lossy());
                }
            }
        }
        key
    }
}

/// The slice (0-based, of `n`) an input belongs to, from its [`Input::shard_key`]: the first
/// eight bytes of its SHA-256, so that similar names (`B9-0001-2021_EN.txt`, ...) spread evenly,
/// the same on every machine and in every run.
pub fn shard_of(key: &str, n: u32) -> u32 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % u64::from(n)) as u32
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
        for (path, base, ext, expected) in [
            ("../a b/ü.txt", 2, "xml", "out/ü.xml"),
            ("x/B9-0146.2021_EN.txt", 1, "pdf", "out/B9-0146.2021_EN.pdf"),
            ("in/sub/m.txt", 1, "xml", "out/sub/m.xml"),
        ] {
            let file = Input {
                path: Some(PathBuf::from(path)),
                base,
            };
            assert_eq!(
                output_path(Path::new("out"), &file, ext),
                PathBuf::from(expected)
            );
        }
        let nested = Input {
            path: Some(PathBuf::from("in/sub/m.txt")),
            base: 1,
        };
        assert_eq!(nested.stem(), "m");
        assert_eq!(nested.argument_dir(), PathBuf::from("in"));
        let dotted = Input {
            path: Some(PathBuf::from("x/B9-0146.2021_EN.txt")),
            base: 1,
        };
        assert_eq!(dotted.argument_dir(), PathBuf::from("x"));
        let bare = Input {
            path: Some(PathBuf::from("m.txt")),
            base: 0,
        };
        assert_eq!(bare.argument_dir(), PathBuf::from("."));
    }

    /// Issue 12: shards of 288 to 444 files out of 3,000 over 8 with FNV-1a of similar names.
    #[test]
    fn shards_are_balanced_over_similar_names() {
        let langs = [
            "BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "GA", "HR", "HU", "IT",
            "LT", "LV", "MT", "NL", "PL", "PT", "RO", "SK", "SL", "SV",
        ];
        let n = 8;
        let mut counts = vec![0usize; n as usize];
        let mut total = 0;
        for number in 1..=125 {
            for lang in langs {
                let input = Input {
                    path: Some(PathBuf::from(format!(
                        "samples/B9-{number:04}-2021_{lang}.txt"
                    ))),
                    base: 1,
                };
                counts[shard_of(&input.shard_key(), n) as usize] += 1;
                total += 1;
            }
        }
        assert_eq!(total, 3000);
        let mean = total as f64 / f64::from(n);
        let max = *counts.iter().max().unwrap() as f64;
        assert!(max <= mean * 1.15, "shard sizes {counts:?}, mean {mean}");
    }

    #[test]
    fn the_spelling_of_a_folder_does_not_change_the_shard() {
        let key = |p: &str| {
            Input {
                path: Some(PathBuf::from(p)),
                base: 1,
            }
            .shard_key()
        };
        for spelling in ["./samples/a.txt", "samples//a.txt", "samples/./a.txt"] {
            assert_eq!(key(spelling), "samples/a.txt", "{spelling}");
        }
        assert_eq!(key("/abs//x/a.txt"), "/abs/x/a.txt");
        assert_eq!(key("../x/a.txt"), "../x/a.txt");
    }
}
