//! Where things are: the checkout, the shared reference material, fixtures, samples and corpus,
//! and the files a run leaves in a folder.

use std::path::{Path, PathBuf};

/// The folder with the reference material (`SHARED_DIR`, default `../shared`).
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    assert!(
        dir.is_dir(),
        "SHARED_DIR {} is not a folder: the tests need ../shared beside the checkout",
        dir.display()
    );
    // Absolute, so that it holds from any folder a test works in (the Makefile passes
    // `../shared`, relative to the checkout).
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// The official Akoma Ntoso 3.0 XSD (`AKN_XSD`, default `../shared/reference/akn30/akomantoso30.xsd`).
pub fn akn_xsd() -> PathBuf {
    std::env::var_os("AKN_XSD")
        .map(PathBuf::from)
        .unwrap_or_else(|| shared_dir().join("reference/akn30/akomantoso30.xsd"))
}

/// The checkout's top folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of test fixtures: `tests/fixtures/<name>`.
pub fn fixtures(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// The `.txt` files of a folder, sorted by name.
fn texts_in(dir: &Path) -> Vec<PathBuf> {
    files_in(dir, "txt")
}

/// The files of a folder with the extension `ext`, sorted by name.
pub fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The real motions of the corpus, sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    texts_in(&shared_dir().join("corpus/ep"))
}

/// The sample motions in `samples/`, sorted by name.
pub fn sample_files() -> Vec<PathBuf> {
    texts_in(&repo_root().join("samples"))
}

/// The same motion in the 24 official languages, `samples/languages/*.txt`, sorted by name.
pub fn language_sample_files() -> Vec<PathBuf> {
    texts_in(&repo_root().join("samples/languages"))
}

/// The samples, then the corpus.
pub fn samples_and_corpus() -> Vec<PathBuf> {
    let mut files = sample_files();
    files.extend(corpus_files());
    files
}

/// Every motion at hand: the samples, their language versions, then the corpus.
pub fn all_motion_files() -> Vec<PathBuf> {
    let mut files = sample_files();
    files.extend(language_sample_files());
    files.extend(corpus_files());
    files
}

/// Copies `tests/fixtures/bad/<name>` into `dir`, under the same name; returns the copy.
pub fn copy_bad(name: &str, dir: &Path) -> PathBuf {
    let copy = dir.join(name);
    std::fs::copy(fixtures("bad").join(name), &copy).unwrap();
    copy
}

/// A file's name without its extension: the source name the command line reads it under.
pub fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Every file below `dir`, relative, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The outputs below `dir`: every file but the incremental-build manifest.
pub fn outputs(dir: &Path) -> Vec<PathBuf> {
    files_below(dir)
        .into_iter()
        .filter(|f| f.as_os_str() != ".motion-export.manifest.json")
        .collect()
}
