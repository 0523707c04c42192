//! Parses one file many times, for profilers: `cargo run --release --example profile_parse FILE N`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("file");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    for _ in 0..n {
        let p = motion_export::parse::parse(&text, &Default::default());
        std::hint::black_box(motion_export::validate::validate(&p.motion));
    }
}
