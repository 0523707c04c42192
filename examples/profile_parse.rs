//! Reads one file many times, for profilers: `cargo run --release --example profile_parse FILE N`.
use motion_export::read::{read, InputFormat, ReadOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("file");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let format = InputFormat::of_path(args[1].as_ref());
    for _ in 0..n {
        std::hint::black_box(read(&bytes, format, &ReadOptions::default()).ok());
    }
}
