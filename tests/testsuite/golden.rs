//! Golden files: the Akoma Ntoso XML and the model (JSON) of each top-level sample, compared byte
//! for byte so that any change to the output is seen in review. `BLESS=1 cargo test golden`
//! rewrites them after an intended change.

use crate::harness::{fixtures, read_file, sample_files};
use motion_export::export::{self, ExportOptions, Format};

fn check(name: &str, actual: &[u8]) {
    let path = fixtures("golden").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `BLESS=1 cargo test golden` to create it",
            path.display()
        )
    });
    if expected != actual {
        let (e, a) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let line = e
            .lines()
            .zip(a.lines())
            .position(|(x, y)| x != y)
            .map_or(e.lines().count().min(a.lines().count()), |i| i);
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  now:    {:?}\nrun `BLESS=1 cargo test golden` if the change is intended",
            line + 1,
            e.lines().nth(line).unwrap_or(""),
            a.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn samples_match_their_golden_files() {
    for path in sample_files() {
        let stem = crate::harness::stem(&path);
        let (motion, _) = read_file(&path);
        let xml = export::export(&motion, Format::Xml, &ExportOptions::default()).unwrap();
        check(&format!("{stem}.xml"), &xml);
        let mut json = serde_json::to_vec_pretty(&motion).unwrap();
        json.push(b'\n');
        check(&format!("{stem}.json"), &json);
    }
}
