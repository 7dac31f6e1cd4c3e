//! `batch2argo validate`: one fixture per rule in `fixtures/validate`, each a small manifest that
//! breaks exactly that rule and marks the line the finding must point at with `# expect: CODE`
//! (several codes comma-separated). The fixture passes only if the findings are exactly the
//! marked ones: nothing missing, nothing extra. Fixtures named `ok-*` are valid manifests with
//! tricky constructs, and must give no finding at all.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::fixtures::cases;
use super::{relative, root};
use crate::diagnostics::{Code, Severity};

/// The (code, line) pairs a fixture marks.
fn expected(text: &str) -> BTreeSet<(String, usize)> {
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if let Some((_, codes)) = line.split_once("# expect:") {
            for code in codes.split(',') {
                out.insert((code.trim().to_string(), i + 1));
            }
        }
    }
    out
}

/// The (code, line) pairs `validate` reports for `paths`.
fn actual(paths: &[PathBuf]) -> BTreeSet<(String, usize)> {
    let result = crate::validate::validate(paths).expect("fixture is readable");
    result
        .diagnostics
        .iter()
        .map(|d| {
            let line = d
                .origin
                .as_ref()
                .and_then(|o| Some(result.files.get(o.file)?.line_col(o.span.start).0))
                .unwrap_or(0);
            (d.code.as_str().to_string(), line)
        })
        .collect()
}

#[test]
fn every_fixture_reports_exactly_the_lines_it_marks() {
    let mut failures = Vec::new();
    for path in cases("validate") {
        let text = std::fs::read_to_string(&path).expect("fixture is text");
        let want = expected(&text);
        // `ok-*` fixtures are valid manifests that must give no finding at all.
        let valid = super::fixtures::case_name(&path).starts_with("ok-");
        assert!(
            want.is_empty() == valid,
            "{}: `ok-` fixtures mark nothing, the others at least one `# expect:` line",
            path.display()
        );
        let got = actual(&[relative(&path)]);
        if got != want {
            failures.push(format!(
                "{}\n  expected: {want:?}\n  reported: {got:?}",
                relative(&path).display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_argo_rule_has_its_fixture() {
    let names: Vec<String> = cases("validate")
        .iter()
        .map(|p| super::fixtures::case_name(p))
        .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| c.starts_with("B2A5"))
        .filter(|c| {
            !names
                .iter()
                .any(|n| n == c || n.starts_with(&format!("{c}_")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "no fixtures/validate/ file for {missing:?}"
    );
}

/// Argo's own examples whose findings are genuine errors (see docs/validate.md).
const INVALID_EXAMPLES: &[(&str, &str)] = &[("k8s-patch-json-workflow.yaml", "B2A010")];

#[test]
fn argo_examples_have_no_errors_but_the_documented_ones() {
    let dir = root().join("../shared/argo/examples");
    assert!(
        dir.is_dir(),
        "{} is missing (tests read ../shared)",
        dir.display()
    );
    let result = crate::validate::validate(&[dir]).expect("examples are readable");
    assert!(result.objects >= 200, "only {} objects", result.objects);
    let mut unexpected = Vec::new();
    let mut seen = BTreeSet::new();
    for d in &result.diagnostics {
        if d.severity() != Severity::Error {
            continue;
        }
        let file = d
            .origin
            .as_ref()
            .map(|o| {
                result
                    .files
                    .path(o.file)
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default();
        if INVALID_EXAMPLES.contains(&(file.as_str(), d.code.as_str())) {
            seen.insert(file);
        } else {
            unexpected.push(format!("{file}: {} {}", d.code.as_str(), d.message));
        }
    }
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert_eq!(
        seen.len(),
        INVALID_EXAMPLES.len(),
        "a documented error is gone"
    );
}
