//! Build script: turns each language profile (`src/lang/data/<code>.toml`, the form people read
//! and edit) into JSON in `OUT_DIR`, which the program reads at start-up several times faster
//! than TOML (parsing the 24 profiles' TOML was a third of the instructions of converting one
//! motion to DOCX).

use std::path::{Path, PathBuf};

fn main() {
    let data = Path::new("src/lang/data");
    println!("cargo:rerun-if-changed=src/lang/data");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("lang");
    std::fs::create_dir_all(&out).expect("OUT_DIR/lang");
    let mut files: Vec<PathBuf> = std::fs::read_dir(data)
        .expect("src/lang/data")
        .map(|e| e.expect("src/lang/data").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a language profile");
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let json = serde_json::to_string(&value).expect("TOML as JSON");
        let stem = file.file_stem().expect("a file name");
        std::fs::write(out.join(stem).with_extension("json"), json).expect("OUT_DIR/lang");
    }
}
