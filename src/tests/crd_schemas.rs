//! The embedded Kueue and Volcano schemas (`schemas/generate-crds.sh`, `src/validate/crds.rs`):
//! each compiles, accepts a hand-written object of its kind and rejects broken ones; and the
//! upstream CRDs kept for tests in `../shared/crds` (never embedded), converted the same way
//! (objects closed, `apiVersion`/`kind` constants, `metadata.name` required), give the same
//! verdicts. What only the CRDs catch (patterns, limits) is listed as known gaps, so a stricter
//! regeneration shows up here.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::diagnostics::FileId;
use crate::source::syntax;
use crate::validate::crds::{self, CrdKind};
use crate::validate::schema::json_of;

/// Where the test-only CRDs are: `$B2A_SHARED_CRDS`, else `../shared/crds` beside the checkout
/// (as in CI).
fn shared_crds() -> PathBuf {
    std::env::var_os("B2A_SHARED_CRDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| super::root().join("../shared/crds"))
}

fn crd_file(kind: CrdKind) -> &'static str {
    match kind {
        CrdKind::ResourceFlavor => "kueue/kueue.x-k8s.io_resourceflavors.yaml",
        CrdKind::ClusterQueue => "kueue/kueue.x-k8s.io_clusterqueues.yaml",
        CrdKind::LocalQueue => "kueue/kueue.x-k8s.io_localqueues.yaml",
        CrdKind::Cohort => "kueue/kueue.x-k8s.io_cohorts.yaml",
        CrdKind::WorkloadPriorityClass => "kueue/kueue.x-k8s.io_workloadpriorityclasses.yaml",
        CrdKind::VolcanoQueue => "volcano/scheduling.volcano.sh_queues.yaml",
    }
}

/// The `metadata` every wrapped schema has (as `schemas/crds_to_schema.py` writes it).
fn metadata_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "namespace": {"type": "string"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "required": ["name"],
        "additionalProperties": true,
    })
}

/// Objects with properties reject other keys unless they preserve unknown fields; `nullable`
/// becomes a `null` type.
fn close(schema: &mut Value) {
    let mut stack = vec![schema];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                let preserve =
                    map.get("x-kubernetes-preserve-unknown-fields") == Some(&json!(true));
                if map.contains_key("properties")
                    && !map.contains_key("additionalProperties")
                    && !preserve
                {
                    map.insert("additionalProperties".into(), Value::Bool(false));
                }
                if map.get("nullable") == Some(&json!(true)) {
                    if let Some(Value::String(t)) = map.get("type").cloned() {
                        map.insert("type".into(), json!([t, "null"]));
                    }
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// The served version's `openAPIV3Schema` of the test-only CRD of `kind`, as JSON Schema.
fn crd_schema(kind: CrdKind) -> Value {
    let path = shared_crds().join(crd_file(kind));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the test-only CRDs; set B2A_SHARED_CRDS to their folder)",
            path.display()
        )
    });
    let parsed = syntax::parse(FileId(0), &path.display().to_string(), &text);
    assert!(parsed.diagnostics.is_empty(), "{}", path.display());
    let crd = json_of(&parsed.documents[0]);
    let (group, version) = kind.api_version().split_once('/').expect("group/version");
    assert_eq!(crd["spec"]["group"], group, "{}", path.display());
    assert_eq!(
        crd["spec"]["names"]["kind"],
        kind.kind(),
        "{}",
        path.display()
    );
    let served = crd["spec"]["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .find(|v| v["name"] == version)
        .unwrap_or_else(|| panic!("{} has no version {version}", path.display()));
    assert_eq!(served["served"], true, "{} {version}", path.display());
    let mut schema = served["schema"]["openAPIV3Schema"].clone();
    close(&mut schema);
    let props = schema["properties"].as_object_mut().expect("properties");
    props.insert("apiVersion".into(), json!({"const": kind.api_version()}));
    props.insert("kind".into(), json!({"const": kind.kind()}));
    props.insert("metadata".into(), metadata_schema());
    let mut required: Vec<Value> = schema
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    required.extend([json!("apiVersion"), json!("kind"), json!("metadata")]);
    schema["required"] = Value::Array(required);
    schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    schema
}

struct Pair {
    ours: &'static jsonschema::Validator,
    crd: jsonschema::Validator,
}

fn pair(kind: CrdKind) -> Pair {
    let ours = crds::validator(kind).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    let crd = jsonschema::validator_for(&crd_schema(kind))
        .unwrap_or_else(|e| panic!("{kind:?} CRD: {e}"));
    Pair { ours, crd }
}

fn object(kind: CrdKind, body: Value) -> Value {
    let mut doc = json!({"apiVersion": kind.api_version(), "kind": kind.kind()});
    for (k, v) in body.as_object().expect("object") {
        doc[k] = v.clone();
    }
    doc
}

fn valid_examples() -> Vec<(CrdKind, Value)> {
    use CrdKind::*;
    vec![
        (
            ResourceFlavor,
            object(
                ResourceFlavor,
                json!({"metadata": {"name": "default-flavor"}}),
            ),
        ),
        (
            ResourceFlavor,
            object(
                ResourceFlavor,
                json!({
                    "metadata": {"name": "spot", "labels": {"app.kubernetes.io/managed-by": "batch2argo"}},
                    "spec": {
                        "nodeLabels": {"node.kubernetes.io/instance-type": "m5.xlarge"},
                        "nodeTaints": [{"key": "spot", "value": "true", "effect": "NoSchedule"}],
                        "tolerations": [{"key": "spot", "operator": "Equal", "value": "true", "effect": "NoSchedule"}]
                    }
                }),
            ),
        ),
        (
            ClusterQueue,
            object(
                ClusterQueue,
                json!({
                    "metadata": {"name": "batch-high"},
                    "spec": {
                        "namespaceSelector": {},
                        "cohortName": "batch",
                        "queueingStrategy": "BestEffortFIFO",
                        "stopPolicy": "None",
                        "preemption": {"reclaimWithinCohort": "Any", "withinClusterQueue": "LowerPriority"},
                        "resourceGroups": [{
                            "coveredResources": ["cpu", "memory", "nvidia.com/gpu"],
                            "flavors": [{
                                "name": "default-flavor",
                                "resources": [
                                    {"name": "cpu", "nominalQuota": 256},
                                    {"name": "memory", "nominalQuota": "1Ti", "borrowingLimit": "64Gi"},
                                    {"name": "nvidia.com/gpu", "nominalQuota": "8"}
                                ]
                            }]
                        }]
                    }
                }),
            ),
        ),
        (
            LocalQueue,
            object(
                LocalQueue,
                json!({"metadata": {"name": "high", "namespace": "batch"}, "spec": {"clusterQueue": "batch-high"}}),
            ),
        ),
        (
            Cohort,
            object(
                Cohort,
                json!({
                    "metadata": {"name": "batch"},
                    "spec": {
                        "resourceGroups": [{
                            "coveredResources": ["cpu"],
                            "flavors": [{"name": "default-flavor", "resources": [{"name": "cpu", "nominalQuota": "16"}]}]
                        }]
                    }
                }),
            ),
        ),
        (
            WorkloadPriorityClass,
            object(
                WorkloadPriorityClass,
                json!({"metadata": {"name": "batch-priority-100"}, "value": 100, "description": "AWS Batch job queue priority 100"}),
            ),
        ),
        (
            VolcanoQueue,
            object(
                VolcanoQueue,
                json!({
                    "metadata": {"name": "batch-high"},
                    "spec": {"weight": 4, "reclaimable": true, "capability": {"cpu": "256", "memory": "1Ti"}}
                }),
            ),
        ),
    ]
}

/// Broken objects both the embedded schema and the CRD reject.
fn invalid_examples() -> Vec<(&'static str, CrdKind, Value)> {
    use CrdKind::*;
    let cq = |spec: Value| {
        object(
            ClusterQueue,
            json!({"metadata": {"name": "cq"}, "spec": spec}),
        )
    };
    let group = |resource: Value| json!({"resourceGroups": [{"coveredResources": ["cpu"], "flavors": [{"name": "f", "resources": [resource]}]}]});
    vec![
        (
            "misspelt field (resourceGroup)",
            ClusterQueue,
            cq(json!({"resourceGroup": []})),
        ),
        (
            "unknown queueing strategy",
            ClusterQueue,
            cq(json!({"queueingStrategy": "FIFO"})),
        ),
        (
            "a resource without nominalQuota",
            ClusterQueue,
            cq(group(json!({"name": "cpu"}))),
        ),
        (
            "a fractional number as quota (int-or-string)",
            ClusterQueue,
            cq(group(json!({"name": "cpu", "nominalQuota": 1.5}))),
        ),
        (
            "a list as quota",
            ClusterQueue,
            cq(group(json!({"name": "cpu", "nominalQuota": [1]}))),
        ),
        (
            "misspelt field in a resource (nominalquota)",
            ClusterQueue,
            cq(group(json!({"name": "cpu", "nominalquota": 1}))),
        ),
        (
            "misspelt field (clusterQueu)",
            LocalQueue,
            object(
                LocalQueue,
                json!({"metadata": {"name": "q", "namespace": "n"}, "spec": {"clusterQueu": "cq"}}),
            ),
        ),
        (
            "a number as node label value",
            ResourceFlavor,
            object(
                ResourceFlavor,
                json!({"metadata": {"name": "f"}, "spec": {"nodeLabels": {"zone": 1}}}),
            ),
        ),
        (
            "no metadata.name",
            ResourceFlavor,
            object(ResourceFlavor, json!({"metadata": {}})),
        ),
        (
            "the deprecated v1beta1",
            ResourceFlavor,
            json!({"apiVersion": "kueue.x-k8s.io/v1beta1", "kind": "ResourceFlavor", "metadata": {"name": "f"}}),
        ),
        (
            "another kind",
            ResourceFlavor,
            json!({"apiVersion": "kueue.x-k8s.io/v1beta2", "kind": "ClusterQueue", "metadata": {"name": "f"}}),
        ),
        (
            "a number as parent",
            Cohort,
            object(
                Cohort,
                json!({"metadata": {"name": "c"}, "spec": {"parentName": 5}}),
            ),
        ),
        (
            "no value",
            WorkloadPriorityClass,
            object(WorkloadPriorityClass, json!({"metadata": {"name": "p"}})),
        ),
        (
            "a string as value",
            WorkloadPriorityClass,
            object(
                WorkloadPriorityClass,
                json!({"metadata": {"name": "p"}, "value": "high"}),
            ),
        ),
        (
            "misspelt field (capacity)",
            VolcanoQueue,
            object(
                VolcanoQueue,
                json!({"metadata": {"name": "q"}, "spec": {"capacity": {"cpu": "1"}}}),
            ),
        ),
        (
            "a string as weight",
            VolcanoQueue,
            object(
                VolcanoQueue,
                json!({"metadata": {"name": "q"}, "spec": {"weight": "high"}}),
            ),
        ),
        (
            "a string as reclaimable",
            VolcanoQueue,
            object(
                VolcanoQueue,
                json!({"metadata": {"name": "q"}, "spec": {"reclaimable": "yes"}}),
            ),
        ),
    ]
}

/// What the CRDs reject and the embedded schemas accept: the constraints kopium's types do not
/// keep (schemas/SOURCE-crds.md). batch2argo has to check these itself.
fn known_gaps() -> Vec<(&'static str, CrdKind, Value)> {
    use CrdKind::*;
    let cq = |spec: Value| {
        object(
            ClusterQueue,
            json!({"metadata": {"name": "cq"}, "spec": spec}),
        )
    };
    let quota = |q: Value| {
        cq(
            json!({"resourceGroups": [{"coveredResources": ["cpu"], "flavors": [{"name": "f", "resources": [{"name": "cpu", "nominalQuota": q}]}]}]}),
        )
    };
    vec![
        (
            "cohortName not a DNS subdomain (pattern)",
            ClusterQueue,
            cq(json!({"cohortName": "Batch_High"})),
        ),
        (
            "a quota that is no quantity (pattern)",
            ClusterQueue,
            quota(json!("lots")),
        ),
        (
            "17 resource groups (maxItems 16)",
            ClusterQueue,
            cq(
                json!({"resourceGroups": vec![json!({"coveredResources": ["cpu"], "flavors": []}); 17]}),
            ),
        ),
        (
            "weight 0 (minimum 1)",
            VolcanoQueue,
            object(
                VolcanoQueue,
                json!({"metadata": {"name": "q"}, "spec": {"weight": 0}}),
            ),
        ),
        (
            "a description of 2049 characters (maxLength 2048, v1beta2 only)",
            WorkloadPriorityClass,
            object(
                WorkloadPriorityClass,
                json!({"metadata": {"name": "p"}, "value": 1, "description": "x".repeat(2049)}),
            ),
        ),
    ]
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path().as_str()))
        .collect()
}

#[test]
fn every_embedded_schema_compiles_and_names_its_kind() {
    for kind in CrdKind::ALL {
        let schema: Value = serde_json::from_str(kind.schema()).expect("JSON");
        let (group, version) = kind.api_version().split_once('/').expect("group/version");
        assert_eq!(
            schema["x-kubernetes-group-version-kind"],
            json!([{"group": group, "kind": kind.kind(), "version": version}]),
            "{kind:?}"
        );
        assert_eq!(
            schema["properties"]["apiVersion"]["const"],
            kind.api_version()
        );
        assert_eq!(schema["properties"]["kind"]["const"], kind.kind());
        assert_eq!(
            schema["properties"]["metadata"],
            metadata_schema(),
            "{kind:?}"
        );
        assert_eq!(CrdKind::of(kind.api_version(), kind.kind()), Some(kind));
        crds::validator(kind).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    }
    let scope = |k: CrdKind| {
        let s: Value = serde_json::from_str(k.schema()).expect("JSON");
        s["x-kubernetes-scope"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(scope(CrdKind::LocalQueue), "Namespaced");
    assert_eq!(scope(CrdKind::ClusterQueue), "Cluster");
}

#[test]
fn valid_examples_pass_the_embedded_schemas_and_the_crds() {
    for (kind, doc) in valid_examples() {
        let p = pair(kind);
        assert_eq!(
            crds::check_value(kind, &doc).expect("compiles"),
            Vec::<String>::new(),
            "{kind:?} embedded"
        );
        assert_eq!(errors(&p.crd, &doc), Vec::<String>::new(), "{kind:?} CRD");
        assert!(p.ours.is_valid(&doc));
    }
}

#[test]
fn invalid_examples_fail_both() {
    for (what, kind, doc) in invalid_examples() {
        let p = pair(kind);
        assert!(
            !p.ours.is_valid(&doc),
            "{kind:?} {what}: the embedded schema accepts it"
        );
        assert!(!p.crd.is_valid(&doc), "{kind:?} {what}: the CRD accepts it");
    }
}

#[test]
fn a_misspelt_field_is_reported_by_name() {
    let doc = object(
        CrdKind::LocalQueue,
        json!({"metadata": {"name": "q", "namespace": "n"}, "spec": {"clusterQueu": "cq"}}),
    );
    let errs = crds::check_value(CrdKind::LocalQueue, &doc).expect("compiles");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("/spec: ") && errs[0].contains("clusterQueu"),
        "{errs:?}"
    );
}

#[test]
fn known_gaps_only_the_crds_catch() {
    for (what, kind, doc) in known_gaps() {
        let p = pair(kind);
        assert!(
            p.ours.is_valid(&doc),
            "{kind:?} {what}: the embedded schema now rejects it; move it to invalid_examples and update schemas/SOURCE-crds.md"
        );
        assert!(!p.crd.is_valid(&doc), "{kind:?} {what}: the CRD accepts it");
    }
}

#[test]
fn negative_quotas_pass_both() {
    // The quantity pattern of the CRDs allows a sign, so a negative quota is schema-valid in both
    // (Kueue's webhook rejects it); batch2argo must not rely on the schemas for this.
    for q in [json!(-1), json!("-1"), json!("-500m")] {
        let doc = object(
            CrdKind::ClusterQueue,
            json!({"metadata": {"name": "cq"}, "spec": {"resourceGroups": [{"coveredResources": ["cpu"], "flavors": [{"name": "f", "resources": [{"name": "cpu", "nominalQuota": q}]}]}]}}),
        );
        let p = pair(CrdKind::ClusterQueue);
        assert!(p.ours.is_valid(&doc) && p.crd.is_valid(&doc), "{doc}");
    }
}

/// Every Kueue and Volcano object `convert` writes for the queue fixtures, under each queueing
/// system and platform, passes the upstream CRD of its kind (not only the embedded schema the
/// gate uses).
#[test]
fn emitted_objects_pass_the_upstream_crds() {
    let mut checked = 0;
    let mut validators: std::collections::BTreeMap<CrdKind, jsonschema::Validator> =
        std::collections::BTreeMap::new();
    for case in super::fixtures::cases("queues") {
        for (platform, queueing) in [
            (crate::lower::Platform::Eks, crate::lower::Queueing::Kueue),
            (
                crate::lower::Platform::AckAcs,
                crate::lower::Queueing::Kueue,
            ),
            (
                crate::lower::Platform::Generic,
                crate::lower::Queueing::Volcano,
            ),
        ] {
            let options = crate::lower::Options {
                platform,
                queueing,
                ..crate::lower::Options::default()
            };
            let result = crate::convert(
                std::slice::from_ref(&case),
                &options,
                crate::emit::Format::Json,
            )
            .expect("readable");
            for d in &result.documents {
                let doc: Value = serde_json::from_str(&d.text).expect("JSON");
                let (Some(api), Some(k)) = (doc["apiVersion"].as_str(), doc["kind"].as_str())
                else {
                    continue;
                };
                let Some(kind) = CrdKind::of(api, k) else {
                    continue;
                };
                let v = validators
                    .entry(kind)
                    .or_insert_with(|| jsonschema::validator_for(&crd_schema(kind)).expect("CRD"));
                assert_eq!(
                    errors(v, &doc),
                    Vec::<String>::new(),
                    "{} {}",
                    case.display(),
                    d.path
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} objects were checked");
}
