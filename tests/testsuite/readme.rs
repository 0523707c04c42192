//! The README's shell commands run as written. Convention: in a ```` ```sh ````, ```` ```console ````
//! or plain ```` ``` ```` block, lines starting `$ ` are commands and the lines after each, up to
//! the next `$ `, its exact output; a ```` ```sh ```` block without prompts is one command a line
//! (comments are the shell's); in ```` ```yaml ```` blocks, every `motion-export` command of a
//! `run:` or `script:` step (commented-out ones too) is run, with `motions/` a copy of `samples/`.
//! A block right after a line `<!-- not run: REASON -->` is not run. Commands run with the built
//! binary on `PATH`, in a temporary folder holding copies of `samples/` and `schemas/`, `motions/`,
//! `out/` with the samples' XML, and `../shared`; each must exit 0.

use crate::harness::{repo_root, shared_dir};
use std::path::Path;
use std::process::Command;

const NOT_RUN: &str = "<!-- not run:";

/// A fenced block of the README.
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    info: String,
    lines: Vec<String>,
    /// Why it is not run, when it is marked so.
    not_run: Option<String>,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    let mut previous = "";
    for (n, line) in readme.lines().enumerate() {
        match open.take() {
            Some(block) if line.trim_start().starts_with("```") => out.push(block),
            Some(mut block) => {
                block.lines.push(line.to_string());
                open = Some(block);
            }
            None => {
                if let Some(info) = line.trim_start().strip_prefix("```") {
                    let not_run = previous
                        .trim()
                        .strip_prefix(NOT_RUN)
                        .and_then(|r| r.strip_suffix("-->"))
                        .map(|r| r.trim().to_string());
                    open = Some(Block {
                        line: n + 1,
                        info: info.trim().to_string(),
                        lines: Vec::new(),
                        not_run,
                    });
                }
                previous = line;
            }
        }
    }
    assert!(open.is_none(), "README.md: a code block is not closed");
    out
}

/// A command and, when the README shows it, its output.
struct Step {
    line: usize,
    text: String,
    output: Option<Vec<String>>,
}

/// The commands of a block, by the convention above; none for blocks that hold no shell.
fn commands(block: &Block) -> Vec<Step> {
    let at = |i: usize| block.line + 1 + i;
    let prompted = block.lines.iter().any(|l| l.starts_with("$ "));
    match block.info.as_str() {
        "sh" | "console" | "" if prompted => {
            let mut out: Vec<Step> = Vec::new();
            for (i, l) in block.lines.iter().enumerate() {
                if let Some(text) = l.strip_prefix("$ ") {
                    out.push(Step {
                        line: at(i),
                        text: text.to_string(),
                        output: Some(Vec::new()),
                    });
                } else if let Some(Some(output)) = out.last_mut().map(|c| c.output.as_mut()) {
                    output.push(l.trim_end().to_string());
                }
            }
            out
        }
        "sh" => block
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map(|(i, l)| Step {
                line: at(i),
                text: l.clone(),
                output: None,
            })
            .collect(),
        "yaml" => block
            .lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let step = l.trim_start().trim_start_matches(['#', ' ']);
                let step = step.strip_prefix("- ").unwrap_or(step);
                let step = step.strip_prefix("run: ").unwrap_or(step);
                step.starts_with("motion-export ").then(|| Step {
                    line: at(i),
                    text: step.to_string(),
                    output: None,
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn readme() -> String {
    std::fs::read_to_string(repo_root().join("README.md")).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if entry.file_type().unwrap().is_dir() {
            // Outputs of an earlier `make -C samples` are not part of the samples.
            if name != "out" {
                copy_dir(&entry.path(), &to.join(&name));
            }
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// Every shell block is run or says why not, and the README's commands are found.
#[test]
fn every_shell_block_runs_or_says_why_not() {
    let text = readme();
    let all = blocks(&text);
    for block in &all {
        let shell = matches!(block.info.as_str(), "sh" | "console")
            || block.lines.iter().any(|l| l.starts_with("$ "));
        if let Some(reason) = &block.not_run {
            assert!(!reason.is_empty(), "README.md:{}: no reason", block.line);
        } else if shell {
            assert!(
                !commands(block).is_empty(),
                "README.md:{}: a shell block with no command",
                block.line
            );
        }
    }
    // The GitHub Actions and GitLab steps, the deps example and the xmllint lines at least.
    let run: usize = all
        .iter()
        .filter(|b| b.not_run.is_none())
        .map(|b| commands(b).len())
        .sum();
    assert!(run >= 6, "only {run} README commands found");
    // The recipes install what exists: no repository that is not this project's.
    assert!(
        !text.contains("github.com/motion-export/motion-export"),
        "README.md installs from a repository that does not exist"
    );
}

/// Each runnable command of the README exits 0 and prints what the README shows.
#[test]
fn readme_commands_run_as_written() {
    let root = repo_root();
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    copy_dir(&root.join("samples"), &repo.join("samples"));
    copy_dir(&root.join("schemas"), &repo.join("schemas"));
    copy_dir(&root.join("samples"), &repo.join("motions"));
    std::os::unix::fs::symlink(shared_dir(), dir.path().join("shared")).unwrap();
    let exe = Path::new(env!("CARGO_BIN_EXE_motion-export"));
    let path = std::env::join_paths(
        std::iter::once(exe.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let shell = |command: &str| {
        Command::new("sh")
            .args(["-c", command])
            .current_dir(&repo)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    // What `make` leaves for the commands that read outputs, in XML only.
    let made = shell("motion-export convert -q --format xml -o out samples/");
    assert_eq!(made.status.code(), Some(0));
    for block in blocks(&readme()).iter().filter(|b| b.not_run.is_none()) {
        for c in commands(block) {
            let out = shell(&c.text);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                out.status.code(),
                Some(0),
                "README.md:{}: `{}` failed:\n{stdout}\n{}",
                c.line,
                c.text,
                String::from_utf8_lossy(&out.stderr)
            );
            if let Some(shown) = &c.output {
                let printed: Vec<&str> = stdout.lines().map(str::trim_end).collect();
                assert_eq!(
                    printed, *shown,
                    "README.md:{}: `{}` printed other output",
                    c.line, c.text
                );
            }
        }
    }
}
