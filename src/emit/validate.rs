//! The gate every manifest passes before it is written: Argo's JSON Schema with unknown fields
//! rejected (per manifest), then every rule of `batch2argo validate` over the whole set, so a
//! `templateRef` must resolve among the objects written together. A finding is a bug in
//! batch2argo (B2A901, B2A902), never a silent write.

use serde_json::Value;

use super::model::{Kind, Manifest, Object};
use crate::diagnostics::{Code, Diagnostic, FileId, Span};
use crate::source::syntax::{Entry, Node, Scalar, ScalarKind, Value as Tree};
use crate::validate::{self, Doc};

fn kind(k: Kind) -> validate::Kind {
    match k {
        Kind::Workflow => validate::Kind::Workflow,
        Kind::WorkflowTemplate => validate::Kind::WorkflowTemplate,
    }
}

/// The schema check of one manifest; returns the internal-bug diagnostics.
pub fn check(manifest: &Manifest, value: &Value) -> Vec<Diagnostic> {
    let what = format!("{} `{}`", manifest.kind.as_str(), manifest.name());
    match validate::schema::check_value(kind(manifest.kind), value) {
        Err(e) => vec![Diagnostic::new(
            Code::SchemaViolation,
            format!("the embedded Argo schema does not compile: {e}"),
        )],
        Ok(findings) => findings
            .into_iter()
            .take(20)
            .map(|f| {
                Diagnostic::new(
                    Code::SchemaViolation,
                    format!(
                        "{what} fails the Argo schema at {}: {}",
                        f.pointer, f.message
                    ),
                )
            })
            .collect(),
    }
}

/// The gate of a supporting object: its CRD schema (Kueue, Volcano) or, for core kinds, the
/// fields the API server requires; names must be lowercase DNS labels, since several of them
/// also become label values.
pub fn check_object(o: &Object, value: &Value) -> Vec<Diagnostic> {
    let what = format!("{} `{}`", o.kind, o.name());
    let bug = |message: String| Diagnostic::new(Code::SchemaViolation, format!("{what} {message}"));
    let mut out = Vec::new();
    if !dns_label_ok(o.name(), 63) {
        out.push(bug("is not named by a lowercase DNS label".into()));
    }
    if let Some(ns) = &o.metadata.namespace {
        if !dns_label_ok(ns, 63) {
            out.push(bug(format!("has the invalid namespace `{ns}`")));
        }
    }
    if let Some(kind) = crate::validate::crds::CrdKind::of(o.api_version, o.kind) {
        match crate::validate::crds::check_value(kind, value) {
            Ok(found) => out.extend(
                found
                    .into_iter()
                    .take(20)
                    .map(|f| bug(format!("fails its CRD schema at {f}"))),
            ),
            Err(e) => out.push(bug(format!("has no usable embedded schema: {e}"))),
        }
        return out;
    }
    let has = |pointer: &str| value.pointer(pointer).is_some_and(|v| !v.is_null());
    let required: &[&str] = match (o.api_version, o.kind) {
        ("v1", "ConfigMap") => &["/data"],
        ("v1", "ServiceAccount") => &[],
        ("v1", "PersistentVolume") => &[
            "/spec/capacity/storage",
            "/spec/accessModes/0",
            "/spec/csi/driver",
            "/spec/csi/volumeHandle",
        ],
        ("v1", "PersistentVolumeClaim") => {
            &["/spec/accessModes/0", "/spec/resources/requests/storage"]
        }
        _ => {
            out.push(bug(format!(
                "has the unknown apiVersion/kind `{}`",
                o.api_version
            )));
            return out;
        }
    };
    for r in required {
        if !has(r) {
            out.push(bug(format!("lacks the required field {r}")));
        }
    }
    if o.kind == "ConfigMap" {
        for (key, v) in value
            .get("data")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let key_ok = !key.is_empty()
                && key.len() <= 253
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
            if !key_ok || !v.is_string() {
                out.push(bug(format!("has the invalid data entry `{key}`")));
            }
        }
    }
    out
}

/// References between what is written together: a LocalQueue's ClusterQueue, a ClusterQueue's
/// flavors and cohort, a claim's volume, and each template's queue label, priority class,
/// Volcano queue and semaphore. A dangling one would leave pods pending forever, so it is a bug
/// in batch2argo like any other finding of the gate.
pub fn check_references(manifests: &[Manifest], objects: &[Object]) -> Vec<Diagnostic> {
    use std::collections::BTreeSet;
    let names = |kind: &str| -> BTreeSet<&str> {
        objects
            .iter()
            .filter(|o| o.kind == kind)
            .map(Object::name)
            .collect()
    };
    let (cqs, flavors, cohorts, lqs, classes, pvs, vqs) = (
        names("ClusterQueue"),
        names("ResourceFlavor"),
        names("Cohort"),
        names("LocalQueue"),
        names("WorkloadPriorityClass"),
        names("PersistentVolume"),
        names("Queue"),
    );
    // `(ConfigMap, key)` pairs: semaphores and artifact repositories are found by them.
    let semaphores: BTreeSet<(String, String)> = objects
        .iter()
        .filter(|o| o.kind == "ConfigMap")
        .flat_map(|o| {
            o.body
                .get("data")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, _)| (o.name().to_string(), k.clone()))
        })
        .collect();
    let mut out = Vec::new();
    let mut dangling = |what: String, target: &str, kind: &str| {
        out.push(Diagnostic::new(
            Code::ArgoRule,
            format!("{what} names {kind} `{target}`, which is not written"),
        ))
    };
    for o in objects {
        let what = format!("{} `{}`", o.kind, o.name());
        let spec = o.body.get("spec");
        let at = |p: &str| spec.and_then(|s| s.pointer(p)).and_then(Value::as_str);
        match o.kind {
            "LocalQueue" => {
                if let Some(cq) = at("/clusterQueue").filter(|c| !cqs.contains(c)) {
                    dangling(what.clone(), cq, "ClusterQueue");
                }
            }
            "ClusterQueue" | "Cohort" => {
                if let Some(c) = at("/cohortName").filter(|c| !cohorts.contains(c)) {
                    dangling(what.clone(), c, "Cohort");
                }
                let groups = spec
                    .and_then(|s| s.get("resourceGroups"))
                    .and_then(Value::as_array);
                for g in groups.into_iter().flatten() {
                    let listed = g.get("flavors").and_then(Value::as_array);
                    for f in listed.into_iter().flatten() {
                        if let Some(n) = f.get("name").and_then(Value::as_str) {
                            if !flavors.contains(n) {
                                dangling(what.clone(), n, "ResourceFlavor");
                            }
                        }
                    }
                }
            }
            "PersistentVolumeClaim" => {
                if let Some(v) = at("/volumeName").filter(|v| !pvs.contains(v)) {
                    dangling(what.clone(), v, "PersistentVolume");
                }
            }
            _ => {}
        }
    }
    for m in manifests {
        if let Some(r) = &m.spec.artifact_repository_ref {
            if !semaphores.contains(&(r.config_map.clone(), r.key.clone())) {
                dangling(
                    format!("{} `{}`", m.kind.as_str(), m.name()),
                    &format!("{}/{}", r.config_map, r.key),
                    "artifact repository",
                );
            }
        }
        for t in &m.spec.templates {
            let what = format!(
                "template `{}` of {} `{}`",
                t.name,
                m.kind.as_str(),
                m.name()
            );
            let meta = t.metadata.as_ref();
            let label = |k: &str| meta.and_then(|m| m.labels.get(k));
            if let Some(q) =
                label("kueue.x-k8s.io/queue-name").filter(|q| !lqs.contains(q.as_str()))
            {
                dangling(what.clone(), q, "LocalQueue");
            }
            if let Some(c) =
                label("kueue.x-k8s.io/priority-class").filter(|c| !classes.contains(c.as_str()))
            {
                dangling(what.clone(), c, "WorkloadPriorityClass");
            }
            if let Some(q) = meta
                .and_then(|m| m.annotations.get("scheduling.volcano.sh/queue-name"))
                .filter(|q| !vqs.contains(q.as_str()))
            {
                dangling(what.clone(), q, "Volcano Queue");
            }
            for s in t.synchronization.iter().flat_map(|s| &s.semaphores) {
                let key = (
                    s.config_map_key_ref.name.clone(),
                    s.config_map_key_ref.key.clone(),
                );
                if !semaphores.contains(&key) {
                    dangling(what.clone(), &format!("{}/{}", key.0, key.1), "semaphore");
                }
            }
        }
    }
    out
}

/// A manifest's state at the rule gate.
pub enum Gate {
    /// Checked on its own (it refers to no other object): what it broke, and the parts other
    /// objects' references need (names, inputs, outputs), to keep memory low.
    Checked {
        problems: Vec<Diagnostic>,
        summary: Node,
    },
    /// It refers to other objects: checked by [`finish`] once all are built.
    Deferred(Node),
}

/// The first half of the rule gate, run where the manifest is serialised.
pub fn gate(m: &Manifest, value: &Value) -> Gate {
    let node = tree(value);
    if refers(&node) {
        return Gate::Deferred(node);
    }
    let docs = [Doc {
        file: FileId(0),
        kind: kind(m.kind),
        node: &node,
    }];
    let mut problems = internal(validate::check(&docs, false));
    problems.extend(naming(m));
    Gate::Checked {
        problems,
        summary: summary(&node),
    }
}

/// The second half: objects that refer to others, checked against all of them.
pub fn finish(manifests: &[Manifest], gates: &[Gate]) -> Vec<Diagnostic> {
    let docs: Vec<Doc> = manifests
        .iter()
        .zip(gates)
        .map(|(m, g)| Doc {
            file: FileId(0),
            kind: kind(m.kind),
            node: match g {
                Gate::Checked { summary, .. } => summary,
                Gate::Deferred(node) => node,
            },
        })
        .collect();
    let index = validate::Index::new(&docs);
    let mut out = Vec::new();
    for ((m, g), d) in manifests.iter().zip(gates).zip(&docs) {
        match g {
            Gate::Checked { problems, .. } => out.extend(problems.iter().cloned()),
            Gate::Deferred(_) => {
                out.extend(internal(validate::check_with(
                    std::slice::from_ref(d),
                    &index,
                    false,
                )));
                out.extend(naming(m));
            }
        }
    }
    out
}

/// Rule findings on our own output, as internal bugs.
fn internal(found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    found
        .into_iter()
        .map(|d| {
            let pointer = d.origin.as_ref().map_or("", |o| o.pointer.as_str());
            Diagnostic::new(
                Code::ArgoRule,
                format!(
                    "a generated manifest breaks Argo rule {} ({}) at {pointer}: {}",
                    d.code.as_str(),
                    d.code.slug(),
                    d.message
                ),
            )
        })
        .collect()
}

/// batch2argo's own naming rule: lowercase DNS labels of at most 63 characters
/// (argo-target.md decision 3), stricter than Argo's.
fn naming(m: &Manifest) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let what = format!("{} `{}`", m.kind.as_str(), m.name());
    let name = m.name();
    let name_ok = match m.kind {
        Kind::Workflow => dns_label_ok(name.trim_end_matches('-'), 57),
        Kind::WorkflowTemplate => dns_label_ok(name, 63),
    };
    if !name_ok {
        out.push(Diagnostic::new(
            Code::ArgoRule,
            format!("{what}: the name is not a lowercase DNS label of the allowed length"),
        ));
    }
    for t in &m.spec.templates {
        let tasks = t
            .dag
            .iter()
            .flat_map(|d| d.tasks.iter().map(|x| x.name.as_str()));
        for n in std::iter::once(t.name.as_str()).chain(tasks) {
            if !dns_label_ok(n, 63) {
                out.push(Diagnostic::new(
                    Code::ArgoRule,
                    format!("{what}: `{n}` is not a lowercase DNS label of at most 63 characters"),
                ));
            }
        }
    }
    out
}

/// Whether a manifest refers to another object (`templateRef`, `workflowTemplateRef`).
fn refers(node: &Node) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.value {
            Tree::Scalar(_) => {}
            Tree::Seq(items) => stack.extend(items),
            Tree::Map(entries) => {
                for e in entries {
                    if e.key == "templateRef" || e.key == "workflowTemplateRef" {
                        return true;
                    }
                    stack.push(&e.value);
                }
            }
        }
    }
    false
}

/// What references into a manifest read: kind, name, arguments, and each template's name,
/// inputs and outputs.
fn summary(node: &Node) -> Node {
    let keep = |n: &Node, keys: &[&str]| -> Vec<Entry> {
        n.as_map()
            .unwrap_or(&[])
            .iter()
            .filter(|e| keys.contains(&e.key.as_str()))
            .cloned()
            .collect()
    };
    let map = |entries: Vec<Entry>| Node {
        value: Tree::Map(entries),
        span: Span::default(),
        tag: None,
    };
    let entry = |key: &str, value: Node| Entry {
        key: key.to_string(),
        key_span: Span::default(),
        value,
    };
    let mut top = keep(node, &["apiVersion", "kind", "metadata"]);
    if let Some(spec) = node.get("spec") {
        let mut s = keep(spec, &["arguments", "entrypoint"]);
        if let Some(templates) = spec.get("templates").and_then(Node::as_seq) {
            let items = templates
                .iter()
                .map(|t| map(keep(t, &["name", "inputs", "outputs"])))
                .collect();
            s.push(entry(
                "templates",
                Node {
                    value: Tree::Seq(items),
                    span: Span::default(),
                    tag: None,
                },
            ));
        }
        top.push(entry("spec", map(s)));
    }
    map(top)
}

fn dns_label_ok(name: &str, max: usize) -> bool {
    !name.is_empty()
        && name.len() <= max
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A JSON value as a tree the rules can read (no spans: the text is not written yet).
pub fn tree(v: &Value) -> Node {
    let scalar = |text: String, kind: ScalarKind| {
        Tree::Scalar(Scalar {
            text,
            kind,
            plain: kind != ScalarKind::Str,
        })
    };
    let value = match v {
        Value::Null => scalar(String::new(), ScalarKind::Null),
        Value::Bool(b) => scalar(b.to_string(), ScalarKind::Bool(*b)),
        Value::Number(n) => scalar(n.to_string(), ScalarKind::Number),
        Value::String(s) => scalar(s.clone(), ScalarKind::Str),
        Value::Array(items) => Tree::Seq(items.iter().map(tree).collect()),
        Value::Object(map) => Tree::Map(
            map.iter()
                .map(|(k, v)| Entry {
                    key: k.clone(),
                    key_span: Span::default(),
                    value: tree(v),
                })
                .collect(),
        ),
    };
    Node {
        value,
        span: Span::default(),
        tag: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangling_references_are_bugs() {
        use crate::emit::model::{ObjectMeta, Template, TemplateMeta, WorkflowSpec};
        use serde_json::json;
        let lq = Object::new("kueue.x-k8s.io/v1beta2", "LocalQueue", "a", Some("ns"))
            .with("spec", json!({"clusterQueue": "missing"}));
        let cq = Object::new("kueue.x-k8s.io/v1beta2", "ClusterQueue", "b", None).with(
            "spec",
            json!({"resourceGroups": [{"coveredResources": ["cpu"], "flavors": [{"name": "nope", "resources": []}]}]}),
        );
        let mut t = Template {
            name: "t".into(),
            metadata: Some(TemplateMeta::default()),
            ..Template::default()
        };
        if let Some(m) = t.metadata.as_mut() {
            m.labels
                .insert("kueue.x-k8s.io/queue-name".into(), "a".into());
            m.labels.insert(
                "kueue.x-k8s.io/priority-class".into(),
                "batch-priority-1".into(),
            );
        }
        let wf = Manifest {
            api_version: crate::emit::model::API_VERSION,
            kind: Kind::Workflow,
            metadata: ObjectMeta::default(),
            spec: WorkflowSpec {
                templates: vec![t],
                ..WorkflowSpec::default()
            },
        };
        let found: Vec<String> = check_references(&[wf], &[lq, cq])
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("ClusterQueue `missing`"));
        assert!(found[1].contains("ResourceFlavor `nope`"));
        assert!(found[2].contains("WorkloadPriorityClass `batch-priority-1`"));
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let doc = serde_json::json!({
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": {"generateName": "x-"},
            "spec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "busybox", "imagePullPolicyy": "Always"}}]}
        });
        let found = validate::schema::check_value(validate::Kind::Workflow, &doc).expect("schema");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].unknown_key.as_deref(), Some("imagePullPolicyy"));
        let mut ok = doc.clone();
        ok["spec"]["templates"][0]["container"] = serde_json::json!({"image": "busybox"});
        assert!(validate::schema::check_value(validate::Kind::Workflow, &ok)
            .expect("schema")
            .is_empty());
    }
}
