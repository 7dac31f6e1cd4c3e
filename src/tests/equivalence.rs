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

/// The same logical mistakes, made in each form, give the same findings: a retry strategy of 11
/// attempts (AWS allows 10) and a memory of 0 MiB.
#[test]
fn the_same_mistakes_give_the_same_findings() {
    // Each form spells the two values its own way.
    let edits: &[(&str, &[(&str, &str)])] = &[
        (
            "api",
            &[
                ("\"attempts\": 3", "\"attempts\": 11"),
                ("\"2048\"", "\"0\""),
            ],
        ),
        (
            "cloudformation-yaml",
            &[("Attempts: 3", "Attempts: 11"), ("\"2048\"", "\"0\"")],
        ),
        (
            "cloudformation-json",
            &[
                ("\"Attempts\": 3", "\"Attempts\": 11"),
                ("\"2048\"", "\"0\""),
            ],
        ),
        (
            "terraform-hcl",
            &[("attempts = 3", "attempts = 11"), ("\"2048\"", "\"0\"")],
        ),
        (
            "terraform-json",
            &[
                ("\\\"attempts\\\": 3", "\\\"attempts\\\": 11"),
                ("\"attempts\": 3", "\"attempts\": 11"),
                ("2048", "0"),
            ],
        ),
    ];
    let scratch = std::env::temp_dir().join(format!("batch2argo-mistakes-{}", std::process::id()));
    let mut findings = Vec::new();
    for (form, subs) in edits {
        let from = PathBuf::from("fixtures/equivalence").join(form);
        let to = scratch.join(form);
        std::fs::create_dir_all(&to).expect("scratch folder");
        let mut changed = 0;
        for entry in std::fs::read_dir(&from).expect("fixture folder").flatten() {
            let mut text = std::fs::read_to_string(entry.path()).expect("fixture text");
            for (old, new) in subs.iter() {
                if text.contains(old) {
                    text = text.replace(old, new);
                    changed += 1;
                }
            }
            std::fs::write(to.join(entry.file_name()), text).expect("scratch file");
        }
        assert!(changed >= 2, "{form}: both mistakes made");
        let result = crate::lint(&[to], &options()).expect("readable");
        let codes: BTreeMap<String, usize> = result
            .diagnostics
            .iter()
            .filter(|d| !d.code.as_str().starts_with("B2A6"))
            .fold(BTreeMap::new(), |mut m, d| {
                *m.entry(d.code.as_str().to_string()).or_default() += 1;
                m
            });
        findings.push((form, codes));
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let (_, api) = &findings[0];
    // B2A115: a memory of 0; B2A121: more than 10 attempts.
    assert!(
        api.contains_key("B2A115") && api.contains_key("B2A121"),
        "the mistakes are found: {api:?}"
    );
    for (form, codes) in &findings[1..] {
        assert_eq!(codes, api, "{form}: findings differ from the API form");
    }
}
