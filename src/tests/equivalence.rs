//! The same job definitions, queue, compute environments, scheduling policy and job graph
//! written as API JSON, CloudFormation YAML and JSON, and Terraform HCL and JSON
//! (`fixtures/equivalence/`) compile to the same manifests and the same findings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::emit::Format;
use crate::lower::{Options, Platform, Queueing};

const FORMS: &[&str] = &[
    "api",
    "cloudformation-yaml",
    "cloudformation-json",
    "terraform-hcl",
    "terraform-json",
];

/// Placement and queueing on, so queues, environments and the policy all reach the output.
fn options() -> Options {
    Options {
        platform: Platform::Eks,
        platform_chosen: true,
        queueing: Queueing::Kueue,
        ..Options::default()
    }
}

/// The documents of one form as text, without the annotation that names the source file.
fn compile(form: &str) -> (Vec<String>, BTreeMap<String, usize>) {
    let path = PathBuf::from("fixtures/equivalence").join(form);
    let result = crate::convert(&[path], &options(), Format::Yaml).expect("readable");
    let docs: Vec<String> = result
        .documents
        .iter()
        .map(|d| {
            d.text
                .lines()
                .filter(|l| !l.contains("batch2argo.io/source:"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    // Findings about the Batch objects, not about how a dialect spells them.
    let mut codes = BTreeMap::new();
    for d in &result.diagnostics {
        let code = d.code.as_str();
        if !code.starts_with("B2A6") {
            *codes.entry(code.to_string()).or_default() += 1;
        }
    }
    (docs, codes)
}

#[test]
fn five_forms_compile_to_the_same_manifests_and_findings() {
    let (api_docs, api_codes) = compile("api");
    assert!(
        api_docs.len() >= 5,
        "the API form compiles: {} documents",
        api_docs.len()
    );
    for form in &FORMS[1..] {
        let (docs, codes) = compile(form);
        assert_eq!(docs.len(), api_docs.len(), "{form}: document count");
        for (a, b) in api_docs.iter().zip(&docs) {
            assert_eq!(a, b, "{form} differs from the API form");
        }
        assert_eq!(codes, api_codes, "{form}: findings");
    }
}
