//! Throughput benchmark (`make bench`): parse + validate + export (every format) and Akoma Ntoso
//! read back, single-threaded, on the seed motion and on a generated batch of realistic motions;
//! the seed compared with an edited copy (JSON, HTML, DOCX and PDF redlines, beside the plain
//! exports); then peak memory of the command line on batches of 100 and 10,000 files. Prints
//! numbers; asserts nothing about time.

use motion_export::compare::compare;
use motion_export::export::docx::RedlineOptions;
use motion_export::export::{self, ExportOptions, Format};
use motion_export::read::{read_text, InputFormat, ReadOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed =
        std::fs::read_to_string(root.join("samples/B9-0146-2021_EN.txt")).expect("seed motion");
    // `cargo bench --bench throughput -- compare` runs the comparison rows alone.
    if std::env::args().skip(1).any(|a| a == "compare") {
        compare_rows(&seed, &ExportOptions::default());
        return;
    }
    let batch: Vec<String> = (0..1000).map(generate).collect();
    // `make snapshot` keeps the generated batch's outputs too: it only wants the files.
    if let Some(dir) = std::env::var_os("MOTION_EXPORT_WRITE_BATCH") {
        write_batch(Path::new(&dir), &batch);
        return;
    }
    let batch_bytes: usize = batch.iter().map(String::len).sum();
    println!(
        "machine: {} cores; single-threaded unless stated",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "seed motion: {} bytes; generated batch: 1000 motions, {:.1} MB",
        seed.len(),
        batch_bytes as f64 / 1e6
    );
    println!();
    println!(
        "{:<36} {:>12} {:>12} {:>12}",
        "step", "per doc", "MB/s", "docs/s"
    );

    let options = ExportOptions::default();
    let docs = [("seed", vec![seed.clone()]), ("batch of 1000", batch)];
    for (name, texts) in &docs {
        let bytes: usize = texts.iter().map(String::len).sum();
        let reps = (2_000_000 / bytes).max(1);
        let t = time(reps, || {
            for text in texts {
                std::hint::black_box(parse_validate(text));
            }
        });
        report(&format!("parse + validate ({name})"), t, texts.len(), bytes);
        let motions: Vec<_> = texts.iter().map(|t| parse_validate(t)).collect();
        let t = time(reps, || {
            for (text, motion) in texts.iter().zip(&motions) {
                std::hint::black_box(text);
                std::hint::black_box(export::export(motion, Format::Xml, &options).ok());
            }
        });
        report(&format!("xml export ({name})"), t, texts.len(), bytes);
        let t = time(reps, || {
            for motion in &motions {
                std::hint::black_box(export::export(motion, Format::Html, &options).ok());
            }
        });
        report(&format!("html export ({name})"), t, texts.len(), bytes);
        // Akoma Ntoso as a source: the exported XML read back into the model (and validated).
        let akn: Vec<String> = (motions.iter())
            .filter_map(|m| export::export(m, Format::Xml, &options).ok())
            .map(|xml| String::from_utf8(xml).expect("the XML is UTF-8"))
            .collect();
        let akn_bytes: usize = akn.iter().map(String::len).sum();
        let t = time(reps, || {
            for xml in &akn {
                std::hint::black_box(read_akn(xml));
            }
        });
        report(&format!("akn -> model ({name})"), t, akn.len(), akn_bytes);
        let t = time(reps, || {
            for text in texts {
                let m = parse_validate(text);
                std::hint::black_box(export::export(&m, Format::Xml, &options).ok());
            }
        });
        report(
            &format!("parse + validate + xml ({name})"),
            t,
            texts.len(),
            bytes,
        );
        for format in [Format::Pdf, Format::Docx] {
            if export::export(&motions[0], format, &options).is_err() {
                println!(
                    "{:<36} {:>12}",
                    format!("{format} export ({name})"),
                    "unavailable"
                );
                continue;
            }
            let reps = (reps / 20).max(1);
            let t = time(reps, || {
                for m in &motions {
                    std::hint::black_box(export::export(m, format, &options).ok());
                }
            });
            report(&format!("{format} export ({name})"), t, texts.len(), bytes);
        }
        if *name == "seed" {
            for format in Format::ALL {
                if let Ok(out) = export::export(&motions[0], format, &options) {
                    println!(
                        "{:<36} {:>12}",
                        format!("seed {format} size"),
                        format!("{:.1} KB", out.len() as f64 / 1024.0)
                    );
                }
            }
        }
    }
    println!();
    compare_rows(&seed, &options);
    println!();
    memory(&root);
}

/// The seed with a recital deleted, a paragraph reworded and one inserted (those after it
/// renumbered), as a second version of it would be.
fn edited(seed: &str) -> String {
    let mut out = String::with_capacity(seed.len() + 100);
    for line in seed.lines() {
        if line.starts_with("- H. whereas") {
            continue;
        }
        let number = line
            .split_once(". ")
            .and_then(|(n, _)| n.parse::<usize>().ok());
        match number {
            Some(2) => out.push_str(&line.replacen("immediately cease", "cease at once", 1)),
            Some(6) => {
                out.push_str("6. Calls on the Commission to follow the trials closely;\n");
                out.push_str(&line.replacen("6. ", "7. ", 1));
            }
            Some(n) if n > 6 => out.push_str(&format!("{}{}", n + 1, &line[n.to_string().len()..])),
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Comparing the seed with [`edited`]: the change list as JSON, and each redline beside the plain
/// export of NEW in the same format (issue 17: JSON under 1 ms, a redline within twice the plain
/// export).
fn compare_rows(seed: &str, options: &ExportOptions) {
    let (old, new) = (parse_validate(seed), parse_validate(&edited(seed)));
    let bytes = seed.len();
    let reps = (2_000_000 / bytes).max(1);
    let changes = compare(&old, &new).changes.len();
    println!("compare: the seed with an edited copy ({changes} changes)");
    let t = time(reps, || {
        let c = compare(&old, &new);
        std::hint::black_box(serde_json::to_vec_pretty(&c).ok());
    });
    report("compare -> json (seed)", t, 1, bytes);
    let plain = time(reps, || {
        std::hint::black_box(export::export(&new, Format::Html, options).ok());
    });
    let t = time(reps, || {
        let c = compare(&old, &new);
        let html = export::html::redline(&old, &new, &c, &options.html);
        std::hint::black_box(html.ok());
    });
    report("compare -> html redline (seed)", t, 1, bytes);
    ratio("html", t, plain);
    let reps = (reps / 20).max(1);
    let plain = time(reps, || {
        std::hint::black_box(export::export(&new, Format::Docx, options).ok());
    });
    let redline = RedlineOptions {
        docx: options.docx.clone(),
        fallback_date: None,
    };
    let t = time(reps, || {
        let c = compare(&old, &new);
        let docx = export::docx::redline(&old, &new, &c, &redline);
        std::hint::black_box(docx.ok());
    });
    report("compare -> docx redline (seed)", t, 1, bytes);
    ratio("docx", t, plain);
    if export::export(&new, Format::Pdf, options).is_err() {
        println!(
            "{:<36} {:>12}",
            "compare -> pdf redline (seed)", "unavailable"
        );
        return;
    }
    let plain = time(reps, || {
        std::hint::black_box(export::export(&new, Format::Pdf, options).ok());
    });
    let t = time(reps, || {
        let c = compare(&old, &new);
        let pdf = export::pdf::redline(&old, &new, &c, &options.pdf);
        std::hint::black_box(pdf.ok());
    });
    report("compare -> pdf redline (seed)", t, 1, bytes);
    ratio("pdf", t, plain);
}

/// A redline's time as a multiple of the plain export's.
fn ratio(format: &str, redline: Duration, plain: Duration) {
    println!(
        "{:<36} {:>12} {:>12}",
        format!("  {format} export (NEW, plain)"),
        format!("{:.3} ms", plain.as_secs_f64() * 1e3),
        format!("{:.2}x", redline.as_secs_f64() / plain.as_secs_f64())
    );
}

fn parse_validate(text: &str) -> motion_export::model::Motion {
    let options = ReadOptions {
        source_name: "bench".into(),
        ..ReadOptions::default()
    };
    read_text(text, InputFormat::Text, &options).motion
}

fn read_akn(xml: &str) -> motion_export::model::Motion {
    let options = ReadOptions {
        source_name: "bench".into(),
        ..ReadOptions::default()
    };
    read_text(xml, InputFormat::Akn, &options).motion
}

/// Runs `f` `reps` times after one warm-up; returns the time per run.
fn time(reps: usize, mut f: impl FnMut()) -> Duration {
    f();
    let start = Instant::now();
    for _ in 0..reps {
        f();
    }
    start.elapsed() / reps as u32
}

fn report(step: &str, per_run: Duration, docs: usize, bytes: usize) {
    let secs = per_run.as_secs_f64();
    let per_doc = per_run / docs as u32;
    println!(
        "{:<36} {:>12} {:>12.1} {:>12.0}",
        step,
        format!("{:.3} ms", per_doc.as_secs_f64() * 1e3),
        bytes as f64 / 1e6 / secs,
        docs as f64 / secs
    );
}

/// Writes the generated batch as `B9-nnnn-2021_EN.txt` files into `dir`.
fn write_batch(dir: &Path, batch: &[String]) {
    std::fs::create_dir_all(dir).expect("batch folder");
    for (i, text) in batch.iter().enumerate() {
        std::fs::write(dir.join(format!("bench-{i:04}.txt")), text).expect("batch file");
    }
}

/// The words of the generated sentences.
const WORDS: &str =
    "the Commission Council Member States human rights democracy rule of law calls on to ensure \
    that fundamental freedoms are respected including freedom expression assembly association \
    authorities release all political prisoners without delay and guarantee independent \
    judiciary civil society organisations media journalists elections OSCE/ODIHR \
    recommendations implementation 2021 European Union international obligations partnership";

/// A realistic motion, different for each `n`: a cover, 3-15 citations, 4-26 recitals and 4-20
/// paragraphs of EP-like sentences, some with points.
pub fn generate(n: usize) -> String {
    let mut rng = Lcg(n as u64 * 2_654_435_761 + 1);
    let words: Vec<&str> = WORDS.split(' ').collect();
    let sentence = |rng: &mut Lcg, min: usize, max: usize| -> String {
        let len = min + rng.below(max - min);
        (0..len)
            .map(|_| words[rng.below(words.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = String::with_capacity(20_000);
    let year = 2019 + n % 6;
    s.push_str(&format!(
        "B9-{:04}/{year}\n\n{}.{}.{year}\n\nMOTION FOR A RESOLUTION\n\n",
        n % 9999 + 1,
        1 + n % 28,
        1 + n % 12
    ));
    s.push_str("pursuant to Rule 144 of the Rules of Procedure\n\n");
    s.push_str(&format!(
        "on {}\n({year}/{:04}(RSP))\n\n",
        sentence(&mut rng, 4, 12),
        2500 + n % 500
    ));
    s.push_str("Anna Beispiel, Jan Modelmann, Maria Exemplar\non behalf of the S&D Group\n\n");
    s.push_str(&format!(
        "European Parliament resolution on {}\n\nThe European Parliament,\n\n",
        sentence(&mut rng, 4, 12)
    ));
    for _ in 0..3 + rng.below(12) {
        s.push_str(&format!(
            "– having regard to {},\n\n",
            sentence(&mut rng, 6, 30)
        ));
    }
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for letter in letters.iter().take(4 + rng.below(22)) {
        s.push_str(&format!(
            "{}. whereas {};\n\n",
            *letter as char,
            sentence(&mut rng, 20, 90)
        ));
    }
    let paragraphs = 4 + rng.below(16);
    for i in 1..paragraphs {
        if rng.below(6) == 0 {
            s.push_str(&format!("{i}. Calls on the Commission to:\n\n"));
            for p in ["(a)", "(b)", "(c)"] {
                s.push_str(&format!("{p} {};\n\n", sentence(&mut rng, 8, 30)));
            }
        } else {
            s.push_str(&format!(
                "{i}. Calls on {};\n\n",
                sentence(&mut rng, 15, 80)
            ));
        }
    }
    s.push_str(&format!("{paragraphs}. Instructs its President to forward this resolution to the Council and the Commission.\n"));
    s
}

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Peak memory (maximum resident set) and time of `check`, `convert --format xml` and a second,
/// incremental `convert` over batches of 100 and 10,000 generated files, with /usr/bin/time.
fn memory(root: &Path) {
    let bin = root.join("target/release/motion-export");
    if !bin.exists() || !Path::new("/usr/bin/time").exists() {
        println!("peak memory: skipped (needs target/release/motion-export and /usr/bin/time)");
        return;
    }
    for count in [100, 10_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("in");
        std::fs::create_dir(&input).unwrap();
        for n in 0..count {
            std::fs::write(input.join(format!("m{n:05}.txt")), generate(n)).unwrap();
        }
        let out = dir.path().join("out");
        let runs: [(&str, Vec<&str>); 3] = [
            ("check", vec!["check", "-q"]),
            (
                "convert --format xml",
                vec!["convert", "-q", "--format", "xml", "-o"],
            ),
            (
                "convert again (all up to date)",
                vec!["convert", "-q", "--format", "xml", "-o"],
            ),
        ];
        for (name, args) in runs {
            let mut cmd = std::process::Command::new("/usr/bin/time");
            cmd.args(["-f", "%M %e"]).arg(&bin).args(&args);
            if name.starts_with("convert") {
                cmd.arg(&out);
            }
            let result = cmd.arg(&input).output().expect("run /usr/bin/time");
            let stderr = String::from_utf8_lossy(&result.stderr);
            let last = stderr.lines().last().unwrap_or("");
            let mut parts = last.split_whitespace();
            let (kb, secs) = (parts.next().unwrap_or("?"), parts.next().unwrap_or("?"));
            println!(
                "{name:<32} {count:>6} files: {kb:>6} KB max RSS, {secs:>5} s (exit {:?})",
                result.status.code()
            );
        }
    }
}
