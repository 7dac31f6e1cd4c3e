//! `batch2argo diff`: what a change to Batch sources does to the generated objects and to the
//! diagnostics, and the drift check of committed output against its sources.
//!
//! Both sides are compiled with the same options; objects are matched by kind and name and
//! compared as data ([`structure`]), so formatting, key order and quoting are never a
//! difference. Diagnostics are matched by code, file and JSON pointer, which survive line shifts.

pub mod git;
pub mod render;
pub mod structure;
pub mod summary;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, SourceMap};
use structure::{Change, ChangeKind};

/// The annotation naming the source file: it differs whenever the sources move, and says
/// nothing about what the object does.
const PROVENANCE: &str = "batch2argo.io/source";

/// One side of a diff: the objects and diagnostics of one compilation.
#[derive(Clone, Debug, Default)]
pub struct Side {
    /// `(kind, name)` → the object, without provenance.
    pub objects: BTreeMap<(String, String), Value>,
    pub diagnostics: Vec<Finding>,
}

/// A diagnostic, located so that it matches across line shifts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    pub code: String,
    pub severity: String,
    /// The file relative to the side's root.
    pub file: String,
    pub pointer: String,
    pub line: usize,
    pub message: String,
}

impl Finding {
    fn key(&self) -> (&str, &str, &str) {
        (&self.code, &self.file, &self.pointer)
    }
}

/// `(kind, name)` of an object: Workflows are named by their `generateName` prefix.
pub fn object_key(v: &Value) -> (String, String) {
    let kind = v["kind"].as_str().unwrap_or("").to_string();
    let meta = &v["metadata"];
    let name = meta["name"]
        .as_str()
        .or(meta["generateName"].as_str())
        .unwrap_or("")
        .trim_end_matches('-')
        .to_string();
    let name = match meta["namespace"].as_str() {
        Some(ns) => format!("{ns}/{name}"),
        None => name,
    };
    (kind, name)
}

/// An object as compared: without the provenance annotation.
pub fn comparable(mut v: Value) -> Value {
    if let Some(a) = v
        .pointer_mut("/metadata/annotations")
        .and_then(Value::as_object_mut)
    {
        a.remove(PROVENANCE);
        if a.is_empty() {
            if let Some(m) = v.pointer_mut("/metadata").and_then(Value::as_object_mut) {
                m.remove("annotations");
            }
        }
    }
    v
}

impl Side {
    /// A side from objects and the diagnostics of their compilation; `root` is stripped from
    /// file names so both sides name files alike.
    pub fn new(
        objects: impl IntoIterator<Item = Value>,
        diagnostics: &[Diagnostic],
        files: &SourceMap,
        root: &str,
    ) -> Side {
        let objects = objects
            .into_iter()
            .map(|v| (object_key(&v), comparable(v)))
            .collect();
        let root = root.trim_end_matches('/');
        let diagnostics = diagnostics
            .iter()
            .map(|d| {
                let (file, pointer, line) = match &d.origin {
                    Some(o) => {
                        let path = files.path(o.file);
                        let rel = path
                            .strip_prefix(root)
                            .map(|p| p.trim_start_matches('/'))
                            .filter(|p| !p.is_empty())
                            .unwrap_or(path);
                        let line = files.get(o.file).map_or(0, |f| f.line_col(o.span.start).0);
                        (rel.to_string(), o.pointer.clone(), line)
                    }
                    None => (String::new(), String::new(), 0),
                };
                Finding {
                    code: d.code.as_str().to_string(),
                    severity: format!("{:?}", d.severity()).to_ascii_lowercase(),
                    file,
                    pointer,
                    line,
                    message: d.message.clone(),
                }
            })
            .collect();
        Side {
            objects,
            diagnostics,
        }
    }
}

/// What happened to one object.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectDiff {
    pub kind: String,
    pub name: String,
    pub change: ChangeKind,
    /// For a rename: the old name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// For a changed object: its changes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// Diagnostics of head against base.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DiagnosticDiff {
    pub introduced: Vec<Finding>,
    pub resolved: Vec<Finding>,
    pub unchanged: usize,
}

/// The whole comparison.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub differences: bool,
    /// What makes the comparison partial or adds to it: a side that does not compile, options
    /// of a drift check that differ from those recorded with the output.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub objects: Vec<ObjectDiff>,
    pub diagnostics: DiagnosticDiff,
    pub workflows: Vec<summary::WorkflowSummary>,
}

/// The name without the provenance of a rename: equal objects apart from their name.
fn without_name(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.pointer_mut("/metadata").and_then(Value::as_object_mut) {
        m.remove("name");
        m.remove("generateName");
        if let Some(a) = m.get_mut("annotations").and_then(Value::as_object_mut) {
            a.remove("batch2argo.io/original-name");
            a.remove("batch2argo.io/job-definition");
        }
    }
    v
}

/// Compares head with base.
pub fn compare(base: &Side, head: &Side) -> Report {
    let mut objects = Vec::new();
    let mut removed: Vec<&(String, String)> = base
        .objects
        .keys()
        .filter(|k| !head.objects.contains_key(*k))
        .collect();
    for (key, new) in &head.objects {
        match base.objects.get(key) {
            Some(old) => {
                let changes = structure::diff(old, new);
                if !changes.is_empty() {
                    objects.push(ObjectDiff {
                        kind: key.0.clone(),
                        name: key.1.clone(),
                        change: ChangeKind::Changed,
                        from: None,
                        changes,
                    });
                }
            }
            None => {
                let same = removed.iter().position(|k| {
                    k.0 == key.0 && without_name(&base.objects[*k]) == without_name(new)
                });
                match same {
                    Some(i) => {
                        let old = removed.remove(i);
                        objects.push(ObjectDiff {
                            kind: key.0.clone(),
                            name: key.1.clone(),
                            change: ChangeKind::Renamed,
                            from: Some(old.1.clone()),
                            changes: Vec::new(),
                        });
                    }
                    None => objects.push(ObjectDiff {
                        kind: key.0.clone(),
                        name: key.1.clone(),
                        change: ChangeKind::Added,
                        from: None,
                        changes: Vec::new(),
                    }),
                }
            }
        }
    }
    for key in removed {
        objects.push(ObjectDiff {
            kind: key.0.clone(),
            name: key.1.clone(),
            change: ChangeKind::Removed,
            from: None,
            changes: Vec::new(),
        });
    }
    objects.sort_by(|a, b| (&a.kind, &a.name).cmp(&(&b.kind, &b.name)));

    let mut diagnostics = DiagnosticDiff::default();
    let mut base_keys: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for f in &base.diagnostics {
        *base_keys.entry(f.key()).or_default() += 1;
    }
    let mut head_keys: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for f in &head.diagnostics {
        *head_keys.entry(f.key()).or_default() += 1;
    }
    for f in &head.diagnostics {
        let seen = head_keys.get(&f.key()).copied().unwrap_or(0);
        let before = base_keys.get(&f.key()).copied().unwrap_or(0);
        if before == 0 || seen > before {
            diagnostics.introduced.push(f.clone());
        } else {
            diagnostics.unchanged += 1;
        }
    }
    for f in &base.diagnostics {
        if !head_keys.contains_key(&f.key()) {
            diagnostics.resolved.push(f.clone());
        }
    }
    diagnostics.introduced.sort();
    diagnostics.introduced.dedup();
    diagnostics.resolved.sort();
    diagnostics.resolved.dedup();

    let workflows = summary::summarise(base, head);
    let differences = !objects.is_empty()
        || !diagnostics.introduced.is_empty()
        || !diagnostics.resolved.is_empty();
    Report {
        schema: "batch2argo-diff/1",
        differences,
        notes: Vec::new(),
        objects,
        diagnostics,
        workflows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn side(objects: Vec<Value>) -> Side {
        Side::new(objects, &[], &SourceMap::default(), "")
    }

    fn wf(name: &str, image: &str) -> Value {
        json!({"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTemplate",
               "metadata": {"name": name, "annotations": {PROVENANCE: format!("{name}.json")}},
               "spec": {"templates": [{"name": name, "container": {"image": image}}]}})
    }

    #[test]
    fn provenance_is_not_a_difference() {
        let mut moved = wf("a", "busybox");
        moved["metadata"]["annotations"][PROVENANCE] = json!("elsewhere/a.json");
        let r = compare(&side(vec![wf("a", "busybox")]), &side(vec![moved]));
        assert!(!r.differences, "{:?}", r.objects);
    }

    #[test]
    fn added_removed_changed_and_renamed_objects() {
        let base = side(vec![wf("a", "busybox:1"), wf("b", "x"), wf("c", "y")]);
        let head = side(vec![wf("a", "busybox:2"), wf("d", "y")]);
        let r = compare(&base, &head);
        let got: Vec<(String, ChangeKind)> = r
            .objects
            .iter()
            .map(|o| (o.name.clone(), o.change))
            .collect();
        assert_eq!(
            got,
            [
                ("a".to_string(), ChangeKind::Changed),
                ("b".to_string(), ChangeKind::Removed),
                ("c".to_string(), ChangeKind::Removed),
                ("d".to_string(), ChangeKind::Added),
            ],
            "{r:#?}"
        );
        assert_eq!(
            r.objects[0].changes[0].pointer,
            "/spec/templates/0/container/image"
        );
    }

    #[test]
    fn an_object_renamed_with_nothing_else_changed_is_a_rename() {
        let mut old = wf("old", "busybox");
        old["spec"]["templates"][0]["name"] = json!("main");
        let mut new = wf("new", "busybox");
        new["spec"]["templates"][0]["name"] = json!("main");
        let r = compare(&side(vec![old]), &side(vec![new]));
        assert_eq!(r.objects.len(), 1);
        assert_eq!(r.objects[0].change, ChangeKind::Renamed);
        assert_eq!(r.objects[0].from.as_deref(), Some("old"));
    }
}
