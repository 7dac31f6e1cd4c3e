//! The registry: codes unique, in their stage's range, documented, and each triggered by a
//! fixture named after it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::fixtures::cases;
use super::relative;
use crate::diagnostics::Code;

/// Codes about bugs in our own output: no input can trigger them (unit tests do).
const INTERNAL: &[Code] = &[
    Code::SchemaViolation,
    Code::ArgoRule,
    Code::YamlRoundTrip,
    Code::OutputCollision,
];

#[test]
fn codes_are_unique_sorted_and_documented() {
    let mut seen = BTreeSet::new();
    let mut previous = "";
    for c in Code::ALL {
        assert!(seen.insert(c.as_str()), "{} twice", c.as_str());
        assert!(c.as_str() > previous, "{} out of order", c.as_str());
        previous = c.as_str();
        assert!(c.as_str().starts_with("B2A") && c.as_str().len() == 6);
        assert!(
            !c.explanation().trim().is_empty(),
            "{} has no explanation",
            c.as_str()
        );
        assert!(!c.summary().is_empty());
    }
}

#[test]
fn every_code_has_a_fixture_that_triggers_it() {
    let mut missing = Vec::new();
    let fixtures = cases("codes");
    for code in Code::ALL {
        // Argo-manifest rules have their fixtures in fixtures/validate (tests/validate.rs).
        if INTERNAL.contains(code) || code.as_str().starts_with("B2A5") {
            continue;
        }
        let mine: Vec<&PathBuf> = fixtures
            .iter()
            .filter(|p| {
                let name = super::fixtures::case_name(p);
                name == code.as_str() || name.starts_with(&format!("{}_", code.as_str()))
            })
            .collect();
        if mine.is_empty() {
            missing.push(format!(
                "{}: no fixtures/codes/{}*",
                code.as_str(),
                code.as_str()
            ));
            continue;
        }
        for path in mine {
            let result = crate::convert(
                &[relative(path)],
                &super::fixtures::options_for(path),
                crate::emit::Format::Yaml,
            );
            let triggered = result
                .map(|r| r.diagnostics.iter().any(|d| d.code == *code))
                .unwrap_or(false);
            if !triggered {
                missing.push(format!(
                    "{} does not trigger {}",
                    path.display(),
                    code.as_str()
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
