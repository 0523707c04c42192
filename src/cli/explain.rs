//! `motion-export explain CODE`: the long explanation of a diagnostic, like `rustc --explain`.

use super::{exit, Fatal};
use motion_export::diag::codes;

pub fn run(code: Option<&str>) -> Result<u8, Fatal> {
    match code {
        None => {
            for c in codes::ALL {
                println!("{:24} {:7} {}", c.name, c.severity.to_string(), c.summary);
            }
            Ok(exit::OK)
        }
        Some(name) => {
            let c = codes::find(name).ok_or_else(|| {
                Fatal::Usage(format!(
                    "no diagnostic code `{name}`; `motion-export explain` lists them"
                ))
            })?;
            println!(
                "{} ({}): {}\n\n{}",
                c.name, c.severity, c.summary, c.explanation
            );
            Ok(exit::OK)
        }
    }
}
