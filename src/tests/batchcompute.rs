//! Alibaba BatchCompute inputs: a snapshot per case of `fixtures/batchcompute/`, job JSON and
//! job.cfg compiling alike, the compiled structure of Alibaba's own hand-written examples, and
//! the Kubernetes objects written beside the Workflows.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use super::fixtures::{case_name, cases, options_for};
use super::{relative, render_case, settings};
use crate::emit::Format;

#[test]
fn batchcompute_cases() {
    let s = settings("batchcompute");
    for case in cases("batchcompute") {
        let rel = relative(&case);
        let (text, _) = render_case(std::slice::from_ref(&rel), &options_for(&case));
        let mut s = s.clone();
        s.set_input_file(&case);
        s.bind(|| insta::assert_snapshot!(case_name(&case), text));
    }
}

/// The documents of a conversion as JSON values, with the provenance annotation (the one part
/// that names the input file) removed.
fn manifests(paths: &[PathBuf]) -> Vec<Value> {
    let case = paths[0].parent().map(PathBuf::from).unwrap_or_default();
    let result =
        crate::convert(paths, &options_for(&case), Format::Json).expect("inputs are readable");
    assert!(
        !result.has_errors(),
        "{paths:?}: {:#?}",
        result
            .diagnostics
            .iter()
            .filter(|d| d.severity() == crate::diagnostics::Severity::Error)
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    result
        .documents
        .iter()
        .map(|d| {
            let mut v: Value = serde_json::from_str(&d.text).expect("JSON output");
            if let Some(a) = v
                .pointer_mut("/metadata/annotations")
                .and_then(Value::as_object_mut)
            {
                a.remove("batch2argo.io/source");
            }
            v
        })
        .collect()
}

/// The same three-task job as job JSON and as job.cfg.
#[test]
fn job_json_and_job_cfg_compile_alike() {
    let dir = PathBuf::from("fixtures/batchcompute");
    let json = manifests(&[dir.join("log-count-json/job.json")]);
    let cfg = manifests(&[dir.join("log-count-cfg/job.cfg")]);
    assert!(!json.is_empty());
    assert_eq!(json, cfg);
}

/// The shape of a compiled Workflow: for each DAG task, the tasks it depends on, its loop size,
/// and what reaches its container.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    depends: BTreeMap<String, Vec<String>>,
    loops: BTreeMap<String, u64>,
}

fn workflow(docs: &[Value]) -> &Value {
    docs.iter()
        .find(|d| d["kind"] == "Workflow")
        .expect("a Workflow")
}

fn shape(wf: &Value) -> Shape {
    let templates = wf["spec"]["templates"].as_array().expect("templates");
    let main = templates
        .iter()
        .find(|t| t["name"] == wf["spec"]["entrypoint"])
        .expect("the entrypoint");
    let mut s = Shape::default();
    for task in main["dag"]["tasks"].as_array().expect("a DAG") {
        let name = task["name"].as_str().unwrap_or_default().to_string();
        let mut deps: Vec<String> = task["depends"]
            .as_str()
            .unwrap_or_default()
            .split("&&")
            .filter_map(|t| t.trim().split('.').next())
            .map(|t| t.trim_start_matches('(').to_string())
            .filter(|t| !t.is_empty())
            .collect();
        deps.sort();
        s.depends.insert(name.clone(), deps);
        if let Some(n) = task["withSequence"]["count"].as_str() {
            s.loops.insert(name, n.parse().unwrap_or(0));
        }
    }
    s
}

/// The container template a DAG task calls.
fn template_of<'a>(wf: &'a Value, task: &str) -> &'a Value {
    let templates = wf["spec"]["templates"].as_array().expect("templates");
    let main = &templates[0];
    let call = main["dag"]["tasks"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["name"] == task))
        .expect("the task");
    templates
        .iter()
        .find(|t| t["name"] == call["template"])
        .expect("the called template")
}

fn env<'a>(t: &'a Value, name: &str) -> Option<&'a str> {
    t["container"]["env"]
        .as_array()?
        .iter()
        .find(|e| e["name"] == name)?["value"]
        .as_str()
}

/// Alibaba's `loops/print-pet` example loops one container template five times, passing the
/// loop item to the container. The BatchCompute job it stands for (one task, `InstanceCount: 5`)
/// must compile to the same structure: one looped task of five over one container template,
/// with the index reaching the container. The seed counts 1–5 where BatchCompute counts 0–4;
/// the command adds the 1 (see docs/batchcompute.md).
#[test]
fn print_pet_has_the_structure_of_alibabas_example() {
    let docs = manifests(&[PathBuf::from("fixtures/batchcompute/print-pet/job.json")]);
    let wf = workflow(&docs);
    let s = shape(wf);
    assert_eq!(s.depends.keys().collect::<Vec<_>>(), ["print-pet"]);
    assert_eq!(s.loops.get("print-pet"), Some(&5));
    let t = template_of(wf, "print-pet");
    assert!(t["container"].is_object(), "a container template");
    assert_eq!(
        env(t, "BATCH_COMPUTE_DAG_INSTANCE_ID"),
        Some("{{inputs.parameters.instance-id}}")
    );
    let main = &wf["spec"]["templates"][0]["dag"]["tasks"][0];
    assert_eq!(main["arguments"]["parameters"][0]["value"], "{{item}}");
}

/// Alibaba's `log-count` port (split → count ×N → merge over shared OSS storage) and the
/// `bcs gen -t python` job it came from: the same DAG, `count` looped with its instance index
/// in `BATCH_COMPUTE_DAG_INSTANCE_ID`, and every task reading and writing OSS.
#[test]
fn log_count_has_the_structure_of_alibabas_example() {
    let docs = manifests(&[PathBuf::from(
        "fixtures/batchcompute/log-count-json/job.json",
    )]);
    let wf = workflow(&docs);
    let s = shape(wf);
    let expected: BTreeMap<String, Vec<String>> = [
        ("split", vec![]),
        ("count", vec!["split"]),
        ("merge", vec!["count"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(s.depends, expected);
    assert_eq!(s.loops, BTreeMap::from([("count".to_string(), 3)]));
    let count = template_of(wf, "count");
    assert_eq!(
        env(count, "BATCH_COMPUTE_DAG_INSTANCE_ID"),
        Some("{{inputs.parameters.instance-id}}")
    );
    for task in ["split", "count", "merge"] {
        let t = template_of(wf, task);
        let mounts = t["container"]["volumeMounts"]
            .as_array()
            .map_or(0, Vec::len);
        let outputs = t["outputs"]["artifacts"].as_array().map_or(0, Vec::len);
        assert!(mounts + outputs > 0, "{task} reads or writes OSS");
        assert_eq!(
            t["inputs"]["artifacts"][0]["path"], "/batchcompute/workdir",
            "{task} unpacks its package"
        );
    }
}

/// The PersistentVolumes, claims and artifact repository ConfigMaps written for BatchCompute
/// jobs are well-formed Kubernetes objects that reference each other.
#[test]
fn supporting_objects_are_valid_kubernetes_objects() {
    let mut seen = BTreeMap::<String, usize>::new();
    for case in cases("batchcompute") {
        let rel = relative(&case);
        let result = crate::convert(
            std::slice::from_ref(&rel),
            &options_for(&case),
            Format::Json,
        )
        .expect("inputs are readable");
        let docs: Vec<Value> = result
            .documents
            .iter()
            .filter_map(|d| serde_json::from_str(&d.text).ok())
            .collect();
        for d in &docs {
            let kind = d["kind"].as_str().unwrap_or_default();
            *seen.entry(kind.to_string()).or_default() += 1;
            let name = d["metadata"]["name"].as_str().unwrap_or_default();
            match kind {
                "PersistentVolume" => {
                    assert_eq!(d["apiVersion"], "v1");
                    assert!(d["metadata"]["namespace"].is_null(), "cluster-scoped");
                    assert!(d["spec"]["capacity"]["storage"].is_string());
                    assert_eq!(d["spec"]["accessModes"][0], "ReadWriteMany");
                    let driver = d["spec"]["csi"]["driver"].as_str().unwrap_or_default();
                    assert!(
                        driver == "ossplugin.csi.alibabacloud.com"
                            || driver == "nasplugin.csi.alibabacloud.com",
                        "{driver}"
                    );
                    assert_eq!(d["spec"]["csi"]["volumeHandle"], name);
                    if driver.starts_with("oss") {
                        let attrs = &d["spec"]["csi"]["volumeAttributes"];
                        assert!(attrs["bucket"].is_string() && attrs["url"].is_string());
                        assert!(
                            d["spec"]["csi"]["nodePublishSecretRef"]["name"].is_string(),
                            "credentials by Secret name"
                        );
                    }
                }
                "PersistentVolumeClaim" => {
                    assert!(d["metadata"]["namespace"].is_string());
                    let volume = d["spec"]["volumeName"].as_str().unwrap_or_default();
                    assert!(
                        docs.iter()
                            .any(|o| o["kind"] == "PersistentVolume"
                                && o["metadata"]["name"] == volume),
                        "claim {name} binds a written volume"
                    );
                    assert_eq!(d["spec"]["storageClassName"], "");
                }
                "ConfigMap" => {
                    for (key, repo) in d["data"].as_object().expect("data") {
                        let parsed = crate::source::syntax::parse(
                            crate::diagnostics::FileId(0),
                            "repository.yaml",
                            repo.as_str().unwrap_or_default(),
                        );
                        let repo = parsed.documents.first().expect("the repository is YAML");
                        let oss = repo.get("oss").expect("an OSS repository");
                        assert_eq!(oss.get_str("bucket"), Some(key.as_str()));
                        assert!(oss
                            .get_str("endpoint")
                            .is_some_and(|e| e.starts_with("https://oss-")));
                        assert!(oss
                            .get("accessKeySecret")
                            .and_then(|s| s.get_str("name"))
                            .is_some());
                    }
                }
                _ => {}
            }
            // Every claim a template mounts is written, when claims are written at all.
            if kind == "Workflow" || kind == "WorkflowTemplate" {
                let claims_written = docs.iter().any(|o| o["kind"] == "PersistentVolumeClaim");
                for t in d["spec"]["templates"].as_array().into_iter().flatten() {
                    for v in t["volumes"].as_array().into_iter().flatten() {
                        if let Some(claim) = v["persistentVolumeClaim"]["claimName"].as_str() {
                            assert!(
                                !claims_written
                                    || docs.iter().any(|o| o["kind"] == "PersistentVolumeClaim"
                                        && o["metadata"]["name"] == claim),
                                "{}: claim {claim} is written",
                                rel.display()
                            );
                        }
                    }
                }
            }
        }
    }
    for kind in [
        "PersistentVolume",
        "PersistentVolumeClaim",
        "ConfigMap",
        "Workflow",
        "WorkflowTemplate",
    ] {
        assert!(
            seen.get(kind).is_some_and(|n| *n > 0),
            "no {kind} among {seen:?}"
        );
    }
}
