//! Issue 16: Akoma Ntoso as a source. For every sample and corpus file, text -> AKN -> model
//! gives the model text -> model gives (every field but the source spans), the paged outputs
//! made from the AKN are the bytes of those made from the text, and AKN -> AKN is a fixed point.

use crate::harness::{all_motion_files, read_file, stem};
use motion_export::export::{export, ExportOptions, Format};
use motion_export::model::Motion;
use motion_export::read::{read_text, InputFormat, ReadOptions};
use serde_json::Value;

/// The motion as JSON without what only says where it was read: `span` fields.
fn without_spans(m: &Motion) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("span");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(m).expect("the model serialises");
    strip(&mut v);
    v
}

/// The first place two JSON values differ, as a path and both sides.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let (l, r) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                first_difference(l, r, &format!("{path}.{k}"))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => (x.iter().zip(y))
            .enumerate()
            .find_map(|(i, (l, r))| first_difference(l, r, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} became {b}")),
    }
}

/// The AKN of `m`, read back under the same source name.
fn via_akn(m: &Motion, name: &str) -> Option<(Vec<u8>, Motion)> {
    let xml = export(m, Format::Xml, &ExportOptions::default()).ok()?;
    let options = ReadOptions {
        source_name: name.to_owned(),
        ..ReadOptions::default()
    };
    let back = read_text(&String::from_utf8_lossy(&xml), InputFormat::Akn, &options).motion;
    Some((xml, back))
}

#[test]
fn text_to_akn_to_model_is_the_text_model() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for path in all_motion_files() {
        let (original, _) = read_file(&path);
        let Some((_, back)) = via_akn(&original, &stem(&path)) else {
            continue; // no operative paragraph: nothing is exported
        };
        if let Some(d) = first_difference(&without_spans(&original), &without_spans(&back), "") {
            failures.push(format!("{}: {d}", path.display()));
        }
        compared += 1;
    }
    assert!(compared >= 60, "only {compared} files compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn akn_to_akn_is_a_fixed_point_and_paged_outputs_are_the_same_bytes() {
    let options = ExportOptions::default();
    let mut failures = Vec::new();
    for path in all_motion_files() {
        let name = stem(&path);
        let (original, _) = read_file(&path);
        let Some((xml, back)) = via_akn(&original, &name) else {
            continue;
        };
        for format in Format::ALL {
            let a = export(&original, format, &options);
            let b = export(&back, format, &options);
            if a != b {
                failures.push(format!("{name}: {format} from the AKN differs"));
            }
        }
        if via_akn(&back, &name).map(|(again, _)| again) != Some(xml) {
            failures.push(format!("{name}: AKN -> AKN changes the bytes"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
