//! Deterministic YAML that a YAML 1.1 reader (what Kubernetes uses) reads back as written.
//!
//! serde-saphyr quotes every string a YAML 1.1 reader would take for something else (`yes`,
//! `on`, `0755`, `1e3`, `~`…). [`check_round_trip`] re-reads the output and checks every plain
//! scalar against the YAML 1.1 rules of go-yaml v2, so an emitter change cannot slip through.

use serde::Serialize;
use serde_json::Value;

use crate::source::syntax::{self, Node, ScalarKind, Value as Tree};

/// The YAML text of one document.
pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, String> {
    let mut text = serde_saphyr::to_string(value).map_err(|e| e.to_string())?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Whether go-yaml v2 (YAML 1.1) resolves a plain scalar to something other than a string.
pub fn yaml11_non_string(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", "",
        "<<", "=",
    ];
    if WORDS.contains(&text) {
        return true;
    }
    let plain = text.replace('_', "");
    let unsigned = plain.strip_prefix(['+', '-']).unwrap_or(&plain);
    let lower = unsigned.to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan") {
        return true;
    }
    let is_int = !unsigned.is_empty()
        && (unsigned.bytes().all(|b| b.is_ascii_digit())
            || lower
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
            || lower
                .strip_prefix("0o")
                .is_some_and(|o| !o.is_empty() && o.bytes().all(|b| (b'0'..=b'7').contains(&b)))
            || lower
                .strip_prefix("0b")
                .is_some_and(|o| !o.is_empty() && o.bytes().all(|b| b == b'0' || b == b'1')));
    if is_int {
        return true;
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
        Some((i, f)) => {
            i.bytes().all(|b| b.is_ascii_digit())
                && f.bytes().all(|b| b.is_ascii_digit())
                && !(i.is_empty() && f.is_empty())
                && (!i.is_empty() || !f.is_empty())
        }
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let d = e.strip_prefix(['+', '-']).unwrap_or(e);
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
    });
    if mantissa_ok && exponent_ok {
        return true;
    }
    // Timestamps (YYYY-MM-DD…) and sexagesimal numbers read differently in PyYAML.
    let b = text.as_bytes();
    let date = b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    let sexagesimal = text.contains(':')
        && text
            .split(':')
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    date || sexagesimal
}

/// The check every emitted document passes: re-read `yaml` with a YAML parser and count the
/// plain (unquoted) scalars a YAML 1.1 reader would take for a boolean, number or null. Every
/// one of them must be a real boolean, number or null of `expected`; one more means a string
/// went out unquoted and Kubernetes would read it as something else. Counting events needs no
/// tree, so the check costs a fraction of [`check_round_trip`], which compares everything and
/// is used by the tests.
pub fn check_scalars(yaml: &str, expected: &Value) -> Result<(), String> {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    let mut plain_hazards = 0usize;
    let mut first = None;
    for event in Parser::new_from_str(yaml) {
        match event {
            Ok((Event::Scalar(text, ScalarStyle::Plain, _, None), span)) => {
                if yaml11_non_string(&text) {
                    plain_hazards += 1;
                    first.get_or_insert((text.into_owned(), span.start.line()));
                }
            }
            Ok(_) => {}
            Err(e) => return Err(format!("the emitted YAML does not parse: {}", e.info())),
        }
    }
    let mut non_strings = 0usize;
    let mut stack = vec![expected];
    while let Some(v) = stack.pop() {
        match v {
            Value::Null | Value::Bool(_) | Value::Number(_) => non_strings += 1,
            Value::String(_) => {}
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
        }
    }
    if plain_hazards == non_strings {
        Ok(())
    } else {
        let (text, line) = first.unwrap_or_default();
        Err(format!(
            "{plain_hazards} unquoted scalars read as non-strings by a YAML 1.1 reader where {non_strings} are meant (the first is {text:?} on line {line})"
        ))
    }
}

/// Re-reads `yaml` and compares it with `expected`: same structure, same strings, and no plain
/// scalar that a YAML 1.1 reader would turn into a boolean, number or null where a string was
/// meant. Returns the first difference.
pub fn check_round_trip(yaml: &str, expected: &Value) -> Result<(), String> {
    let parsed = syntax::parse(crate::diagnostics::FileId(0), "out.yaml", yaml);
    if let Some(d) = parsed.diagnostics.first() {
        return Err(d.message.clone());
    }
    let Some(doc) = parsed.documents.first() else {
        return Err("no document".into());
    };
    compare(doc, expected, "")
}

fn compare(node: &Node, expected: &Value, path: &str) -> Result<(), String> {
    match (&node.value, expected) {
        (Tree::Map(entries), Value::Object(map)) => {
            if entries.len() != map.len() {
                return Err(format!(
                    "{path}: {} keys instead of {}",
                    entries.len(),
                    map.len()
                ));
            }
            for e in entries {
                let Some(v) = map.get(&e.key) else {
                    return Err(format!("{path}: unexpected key `{}`", e.key));
                };
                compare(&e.value, v, &format!("{path}/{}", e.key))?;
            }
            Ok(())
        }
        (Tree::Seq(items), Value::Array(values)) => {
            if items.len() != values.len() {
                return Err(format!(
                    "{path}: {} items instead of {}",
                    items.len(),
                    values.len()
                ));
            }
            for (i, (n, v)) in items.iter().zip(values).enumerate() {
                compare(n, v, &format!("{path}/{i}"))?;
            }
            Ok(())
        }
        (Tree::Scalar(s), Value::String(want)) => {
            if &s.text != want {
                return Err(format!(
                    "{path}: reads back as {:?} instead of {want:?}",
                    s.text
                ));
            }
            if s.kind != ScalarKind::Str || (s.plain && yaml11_non_string(&s.text)) {
                return Err(format!("{path}: the string {want:?} is unquoted and a YAML 1.1 reader takes it for another type"));
            }
            Ok(())
        }
        (Tree::Scalar(s), Value::Bool(b)) => (s.kind == ScalarKind::Bool(*b))
            .then_some(())
            .ok_or_else(|| format!("{path}: not the boolean {b}")),
        (Tree::Scalar(s), Value::Number(n)) => (s.kind == ScalarKind::Number
            && s.text == n.to_string())
        .then_some(())
        .ok_or_else(|| format!("{path}: not the number {n}")),
        (Tree::Scalar(s), Value::Null) => (s.kind == ScalarKind::Null)
            .then_some(())
            .ok_or_else(|| format!("{path}: not null")),
        _ => Err(format!("{path}: the structure differs")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml11_hazards_are_recognised() {
        for s in [
            "yes",
            "on",
            "Off",
            "y",
            "0755",
            "1e3",
            "1_000",
            "0x1F",
            "0b101",
            ".inf",
            "~",
            "",
            "3.10",
            "08",
            "2001-12-14",
            "1:20",
            "<<",
            "=",
        ] {
            assert!(yaml11_non_string(s), "{s}");
        }
        for s in ["hello", "v1.2.3", "1.2.3", "1a", "e3", "-", "a:b"] {
            assert!(!yaml11_non_string(s), "{s}");
        }
    }

    #[test]
    fn unquoted_hazards_are_counted() {
        let value = serde_json::json!({"a": "yes", "b": true, "c": 3});
        assert!(check_scalars("a: \"yes\"\nb: true\nc: 3\n", &value).is_ok());
        assert!(check_scalars("a: yes\nb: true\nc: 3\n", &value).is_err());
        let yaml = to_yaml(&value).expect("yaml");
        assert!(check_scalars(&yaml, &value).is_ok(), "{yaml}");
    }

    #[test]
    fn hazardous_strings_round_trip() {
        let value = serde_json::json!({
            "a": ["yes", "on", "0755", "1e3", "~", "", "null", "1:20", "2001-12-14", "<<", "=", "- x", "# y", " lead", "trail ", "tab\there", "multi\nline\n", "{{x}}", "é"],
            "yes": "no",
            "n": 3
        });
        let yaml = to_yaml(&value).expect("yaml");
        check_round_trip(&yaml, &value).expect(&yaml);
    }
}
