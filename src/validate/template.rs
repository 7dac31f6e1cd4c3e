//! Every template on its own: its type, inputs, outputs, limits and, for leaf templates, the
//! container, script, resource or containerSet itself (argo-target.md §2 D, F, J, K).

use std::collections::BTreeMap;

use super::flow;
use super::node::{
    child, get, has, item, list, name_ok, param_name_ok, parameterised, str_at, strings, text,
    truthy, Report,
};
use super::object::Spec;
use super::scope::{tags, Scope};
use crate::diagnostics::Code;
use crate::source::syntax::Node;

/// The template types; exactly one per template.
pub const TYPES: &[&str] = &[
    "container",
    "containerSet",
    "steps",
    "script",
    "resource",
    "dag",
    "suspend",
    "data",
    "http",
    "plugin",
];

/// Container names Argo reserves for its own containers in every pod.
const RESERVED_CONTAINERS: &[&str] = &["wait", "init", "supervisor"];
/// The prefix of the containers Argo adds for artifact plugins.
const RESERVED_PREFIX: &str = "artifact-plugin-";

fn reserved(name: &str) -> bool {
    RESERVED_CONTAINERS.contains(&name) || name.starts_with(RESERVED_PREFIX)
}

/// What kind of template this is.
#[derive(Clone, Copy)]
pub struct Shape {
    pub leaf: bool,
    pub pod: bool,
}

pub fn shape(t: &Node) -> Shape {
    // As Argo's `IsLeaf`: suspend templates are neither leaves nor steps or DAGs.
    let leaf = [
        "container",
        "containerSet",
        "script",
        "resource",
        "data",
        "http",
        "plugin",
    ]
    .iter()
    .any(|k| has(t, k));
    let pod = ["container", "containerSet", "script", "resource", "data"]
        .iter()
        .any(|k| has(t, k));
    Shape { leaf, pod }
}

/// A template, step or task name: present, `^[a-zA-Z0-9][-a-zA-Z0-9]*$`, at most 128.
pub fn check_name(n: &Node, ptr: &str, name: &str, what: &str, report: &mut Report) {
    if parameterised(name) {
        return;
    }
    if !name_ok(name) {
        report.at(Code::NameInvalid, n, ptr, format!("{what} name `{name}` is invalid: use letters, digits and `-`, starting with a letter or digit"));
    } else if name.len() > 128 {
        report.at(
            Code::NameInvalid,
            n,
            ptr,
            format!(
                "{what} name `{name}` has {} characters; Argo allows at most 128",
                name.len()
            ),
        );
    }
}

/// Pod-level resources: only cpu, memory and `hugepages-*`, no claims.
pub fn pod_resources(r: &Node, ptr: &str, report: &mut Report) {
    for section in ["requests", "limits"] {
        if let Some(m) = get(r, section).and_then(Node::as_map) {
            for e in m {
                let k = e.key.as_str();
                if !(k == "cpu" || k == "memory" || k.starts_with("hugepages-")) {
                    report.at(Code::PodResources, &e.value, &child(&child(ptr, section), k), format!("`{k}` is not a valid pod-level resource; only cpu, memory and hugepages-* are"));
                }
            }
        }
    }
    if has(r, "claims") {
        report.key(
            Code::PodResources,
            r,
            ptr,
            "claims",
            "`claims` is not supported for pod-level resources",
        );
    }
}

/// `parallelism` must be at least 1.
pub fn at_least_one(n: &Node, ptr: &str, report: &mut Report) {
    if super::node::int(n).is_some_and(|v| v < 1) {
        report.at(
            Code::Parallelism,
            n,
            ptr,
            "`parallelism` must be at least 1",
        );
    }
}

/// A Go duration (`90s`, `1h30m`, `1.5h`); a bare number is not one.
pub fn duration_ok(s: &str) -> bool {
    let mut rest = s.trim();
    if rest == "0" {
        return true;
    }
    rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let num = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num == 0 {
            return false;
        }
        rest = &rest[num..];
        let unit = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        if !["ns", "us", "µs", "ms", "s", "m", "h"].contains(&&rest[..unit]) {
            return false;
        }
        rest = &rest[unit..];
    }
    true
}

/// A Kubernetes quantity: `500m`, `2`, `1.5Gi`, `1e3`.
pub fn quantity_ok(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let digits = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(body.len());
    let (num, suffix) = body.split_at(digits);
    let num_ok = !num.is_empty() && num != "." && num.matches('.').count() <= 1;
    let suffix_ok = matches!(
        suffix,
        "" | "Ki"
            | "Mi"
            | "Gi"
            | "Ti"
            | "Pi"
            | "Ei"
            | "n"
            | "u"
            | "m"
            | "k"
            | "M"
            | "G"
            | "T"
            | "P"
            | "E"
    ) || suffix
        .strip_prefix(['e', 'E'])
        .map(|e| e.strip_prefix(['+', '-']).unwrap_or(e))
        .is_some_and(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()));
    num_ok && suffix_ok
}

/// The variables a template's own fields can use.
pub fn scope(spec: &Spec, t: &Node, pod: bool) -> Scope {
    let mut s = Scope::within(&spec.globals);
    if let Some(inputs) = get(t, "inputs") {
        s.add("inputs.parameters");
        for p in list(inputs, "parameters") {
            if let Some(n) = str_at(p, "name") {
                s.add(format!("inputs.parameters.{n}"));
            }
        }
        for a in list(inputs, "artifacts") {
            if let Some(n) = str_at(a, "name") {
                s.add(format!("inputs.artifacts.{n}"));
                s.add(format!("inputs.artifacts.{n}.path"));
            }
        }
    }
    s.add_prefix("outputs.");
    if pod {
        s.add("pod.name");
    }
    s
}

/// Reports every `{{…}}` tag under `node` that does not resolve in `scope`.
pub fn variables(node: &Node, ptr: &str, scope: &Scope, owner: &str, report: &mut Report) {
    for (n, p) in strings(node, ptr) {
        let Some(s) = n.as_scalar() else { continue };
        if !s.text.contains("{{") {
            continue;
        }
        for tag in tags(&s.text) {
            let expression = tag.text.starts_with('=');
            for name in &tag.names {
                if !scope.resolves(name, expression) {
                    report.help(
                        Code::UnresolvedVariable,
                        n,
                        &p,
                        format!("`{{{{{}}}}}` in {owner} does not resolve: `{name}` is not defined here", tag.text),
                        hint(name),
                    );
                }
            }
        }
    }
}

fn hint(name: &str) -> String {
    let first = name.split('.').next().unwrap_or("");
    match first {
        "inputs" => "declare the parameter or artifact under the template's `inputs`".into(),
        "workflow" => "declare workflow parameters under `spec.arguments.parameters`".into(),
        "steps" => "name a step of an earlier group of the same template".into(),
        "tasks" => "name a task of the same DAG that this task depends on".into(),
        "item" => {
            "`item` exists only in a step or task with `withItems`, `withParam` or `withSequence`"
                .into()
        }
        "pod" => "`pod.name` exists only in templates that run a pod".into(),
        _ => "check the spelling against Argo's variable reference".into(),
    }
}

/// Checks one template (and, through [`flow`], its steps or tasks).
pub fn check(spec: &Spec, t: &Node, ptr: &str, report: &mut Report) {
    let name = str_at(t, "name").unwrap_or("");
    let owner = format!("template `{name}`");
    let types: Vec<&str> = TYPES.iter().copied().filter(|k| has(t, k)).collect();
    match types.len() {
        0 => report.at(
            Code::TemplateType,
            t,
            ptr,
            format!("{owner} has no type; give it one of {}", TYPES.join(", ")),
        ),
        1 => {}
        _ => report.at(
            Code::TemplateType,
            t,
            ptr,
            format!(
                "{owner} has several types ({}); choose one",
                types.join(", ")
            ),
        ),
    }
    let sh = shape(t);
    let kind = types.first().copied().unwrap_or("");
    if let Some(r) = get(t, "podResources") {
        if kind == "http" || kind == "plugin" {
            report.key(
                Code::PodResources,
                t,
                ptr,
                "podResources",
                format!("`podResources` is not supported for {kind} templates"),
            );
        } else {
            pod_resources(r, &child(ptr, "podResources"), report);
        }
    }
    if has(t, "resourceClaims") && !sh.pod {
        report.key(
            Code::ResourceClaims,
            t,
            ptr,
            "resourceClaims",
            format!(
                "`resourceClaims` is not supported for {kind} templates, which do not create a pod"
            ),
        );
    }
    inputs(t, ptr, sh, &owner, report);
    for (i, c) in list(t, "initContainers").iter().enumerate() {
        if str_at(c, "name").is_none() {
            report.at(
                Code::InitContainerName,
                c,
                &item(&child(ptr, "initContainers"), i),
                "every init container needs a `name`",
            );
        }
    }
    for key in ["timeout", "pendingTimeout"] {
        let Some(n) = get(t, key) else { continue };
        let kp = child(ptr, key);
        if !sh.leaf {
            report.at(
                Code::TimeoutField,
                n,
                &kp,
                format!("`{key}` is only valid on leaf templates, not on {kind} templates"),
            );
        } else if let Some(v) = text(n).filter(|v| !parameterised(v)) {
            if v.parse::<f64>().is_ok() {
                report.help(
                    Code::TimeoutField,
                    n,
                    &kp,
                    format!("`{key}: {v}` has no unit"),
                    format!("write a duration with a unit, such as `{v}s`"),
                );
            } else if !duration_ok(v) {
                report.at(
                    Code::TimeoutField,
                    n,
                    &kp,
                    format!("`{key}: {v}` is not a duration such as `90s` or `1h30m`"),
                );
            }
        }
    }
    if let Some(rs) = get(t, "retryStrategy") {
        if let Some(pol) = get(rs, "retryPolicy") {
            let v = text(pol).unwrap_or("");
            if !["Always", "OnFailure", "OnError", "OnTransientError", ""].contains(&v) {
                report.at(Code::RetryPolicy, pol, &child(&child(ptr, "retryStrategy"), "retryPolicy"), format!("`{v}` is not a retry policy; use Always, OnFailure, OnError or OnTransientError"));
            }
        }
    }
    if let Some(m) = get(t, "metrics") {
        metrics(m, &child(ptr, "metrics"), report);
    }
    if let Some(a) = get(t, "archiveLocation") {
        artifact_location(a, &child(ptr, "archiveLocation"), report);
    }
    if let Some(n) = get(t, "activeDeadlineSeconds") {
        let kp = child(ptr, "activeDeadlineSeconds");
        if !sh.leaf {
            report.at(Code::ActiveDeadline, n, &kp, format!("`activeDeadlineSeconds` is only valid for leaf templates, not {kind} templates"));
        } else if let Some(v) = text(n).filter(|v| !parameterised(v)) {
            if v.parse::<i64>().map_or(true, |x| x < 0) {
                report.at(Code::ActiveDeadline, n, &kp, format!("`activeDeadlineSeconds: {v}` must be a whole number of seconds, not negative, or a `{{{{…}}}}` variable"));
            }
        }
    }
    if let Some(n) = get(t, "parallelism") {
        if sh.leaf {
            report.at(
                Code::ParallelismOnLeaf,
                n,
                &child(ptr, "parallelism"),
                format!(
                    "`parallelism` is only valid for steps and dag templates, not {kind} templates"
                ),
            );
        } else {
            at_least_one(n, &child(ptr, "parallelism"), report);
        }
    }
    if sh.pod && name.chars().any(|c| c.is_ascii_uppercase()) {
        if let Some(n) = get(t, "name") {
            report.help(Code::PodNameCase, n, &child(ptr, "name"), format!("template name `{name}` has uppercase letters; its pods are named after it and Kubernetes rejects them when the workflow runs"), format!("use `{}`", name.to_ascii_lowercase()));
        }
    }
    containers(spec, t, ptr, report);
    if let Some(r) = get(t, "resource") {
        resource(t, r, &child(ptr, "resource"), report);
    }
    outputs(t, ptr, kind, sh, report);
    if has(t, "steps") || has(t, "dag") {
        flow::check(spec, t, ptr, report);
    } else {
        let scope = scope(spec, t, sh.pod);
        variables(t, ptr, &scope, &owner, report);
    }
}

/// Input parameters and artifacts (D27, D28, §3.1).
fn inputs(t: &Node, ptr: &str, sh: Shape, owner: &str, report: &mut Report) {
    let Some(inputs) = get(t, "inputs") else {
        return;
    };
    let ip = child(ptr, "inputs");
    let params = list(inputs, "parameters");
    if params.len() > 500 {
        report.key(
            Code::TooManyInputs,
            inputs,
            &ip,
            "parameters",
            format!(
                "{owner} has {} input parameters; Argo's CRD allows at most 500",
                params.len()
            ),
        );
    }
    names(params, &child(&ip, "parameters"), "input parameter", report);
    let arts = list(inputs, "artifacts");
    names(arts, &child(&ip, "artifacts"), "input artifact", report);
    for (i, a) in arts.iter().enumerate() {
        let ap = item(&child(&ip, "artifacts"), i);
        let an = str_at(a, "name").unwrap_or("");
        match (sh.leaf, get(a, "path")) {
            (true, None) => report.at(
                Code::InputArtifactPath,
                a,
                &ap,
                format!("input artifact `{an}` needs a `path` in a leaf template"),
            ),
            (true, Some(p)) => {
                if text(p).is_some_and(|v| v.split('/').any(|seg| seg == "..")) {
                    report.at(Code::InputArtifactPath, p, &child(&ap, "path"), format!("input artifact `{an}` path may not climb out of its directory with `..`"));
                }
            }
            (false, Some(p)) => report.at(
                Code::InputArtifactPath,
                p,
                &child(&ap, "path"),
                format!(
                    "input artifact `{an}`: `path` is only valid in container and script templates"
                ),
            ),
            (false, None) => {}
        }
        if has(a, "from") {
            report.key(Code::InputArtifactPath, a, &ap, "from", format!("input artifact `{an}`: `from` is not valid in inputs; pass it in the caller's arguments"));
        }
        artifact_location(a, &ap, report);
    }
}

/// Names of parameters or artifacts: present, valid, unique (D27, I65, J70).
pub fn names(items: &[Node], ptr: &str, what: &str, report: &mut Report) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in items.iter().enumerate() {
        let pp = item(ptr, i);
        match get(p, "name") {
            None => report.at(
                Code::ParameterName,
                p,
                &pp,
                format!("{what} {i} has no name"),
            ),
            Some(n) => {
                let name = text(n).unwrap_or("");
                if !param_name_ok(name) {
                    report.at(
                        Code::ParameterName,
                        n,
                        &child(&pp, "name"),
                        format!(
                            "{what} name `{name}` is invalid: use letters, digits, `_` and `-`"
                        ),
                    );
                } else if let Some(first) = seen.insert(name, i) {
                    report.at(
                        Code::ParameterName,
                        n,
                        &child(&pp, "name"),
                        format!("{what} name `{name}` is not unique (also item {first})"),
                    );
                }
            }
        }
    }
}

/// The artifact location kinds; at most one per artifact.
pub const LOCATIONS: &[&str] = &[
    "s3",
    "git",
    "http",
    "artifactory",
    "hdfs",
    "raw",
    "oss",
    "gcs",
    "azure",
    "plugin",
];

/// Location checks of an artifact or archive location (D28, D35, CRD rules).
pub fn artifact_location(a: &Node, ptr: &str, report: &mut Report) {
    let present: Vec<&str> = LOCATIONS.iter().copied().filter(|k| has(a, k)).collect();
    if present.len() > 1 {
        report.at(
            Code::ArtifactLocation,
            a,
            ptr,
            format!(
                "an artifact has at most one location; this one has {}",
                present.join(", ")
            ),
        );
    }
    if let Some(g) = get(a, "git") {
        if str_at(g, "repo").is_none_or(str::is_empty) {
            report.at(
                Code::ArtifactLocation,
                g,
                &child(ptr, "git"),
                "a git artifact needs `repo`",
            );
        }
    }
    if let Some(h) = get(a, "hdfs") {
        if str_at(h, "path").is_none_or(str::is_empty) {
            report.at(
                Code::ArtifactLocation,
                h,
                &child(ptr, "hdfs"),
                "an HDFS artifact needs `path`",
            );
        }
    }
    if let Some(m) = get(a, "mode") {
        if super::node::int(m).is_some_and(|v| !(0..=511).contains(&v)) {
            report.at(
                Code::ArtifactLocation,
                m,
                &child(ptr, "mode"),
                "an artifact `mode` must be between 0 and 511 (0777)",
            );
        }
    }
    if let Some(gc) = get(a, "artifactGC").and_then(|g| get(g, "strategy")) {
        let v = text(gc).unwrap_or("");
        if !["", "OnWorkflowCompletion", "OnWorkflowDeletion", "Never"].contains(&v) {
            report.at(Code::CrdEnum, gc, &child(&child(ptr, "artifactGC"), "strategy"), format!("`{v}` is not an artifactGC strategy; use OnWorkflowCompletion, OnWorkflowDeletion or Never"));
        }
    }
}

/// Prometheus metrics (D34, §3.1).
fn metrics(m: &Node, ptr: &str, report: &mut Report) {
    let proms = list(m, "prometheus");
    if proms.len() > 100 {
        report.key(
            Code::Metrics,
            m,
            ptr,
            "prometheus",
            format!(
                "{} metrics; Argo's CRD allows at most 100 per template",
                proms.len()
            ),
        );
    }
    let metric_name_ok =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    for (i, p) in proms.iter().enumerate() {
        let pp = item(&child(ptr, "prometheus"), i);
        let name = str_at(p, "name").unwrap_or("");
        if !metric_name_ok(name) {
            report.at(
                Code::Metrics,
                get(p, "name").unwrap_or(p),
                &child(&pp, "name"),
                format!("metric name `{name}` is invalid: use letters, digits and `_`"),
            );
        }
        if str_at(p, "help").is_none_or(str::is_empty) {
            report.at(
                Code::Metrics,
                p,
                &pp,
                format!("metric `{name}` needs a `help` string"),
            );
        }
        for (j, l) in list(p, "labels").iter().enumerate() {
            let key = str_at(l, "key").unwrap_or("");
            if !metric_name_ok(key) {
                report.at(
                    Code::Metrics,
                    l,
                    &item(&child(&pp, "labels"), j),
                    format!("metric label `{key}` is invalid: use letters, digits and `_`"),
                );
            }
        }
        if let Some(g) = get(p, "gauge") {
            let value = str_at(g, "value").unwrap_or("");
            if value.is_empty() {
                report.at(
                    Code::Metrics,
                    g,
                    &child(&pp, "gauge"),
                    format!("metric `{name}`: a gauge needs a `value`"),
                );
            } else if value.len() > 256 {
                report.at(
                    Code::Metrics,
                    g,
                    &child(&pp, "gauge"),
                    format!(
                        "metric `{name}`: the gauge value has {} characters; at most 256",
                        value.len()
                    ),
                );
            }
            if truthy(g, "realtime") && value.contains("resourcesDuration") {
                report.key(
                    Code::Metrics,
                    g,
                    &child(&pp, "gauge"),
                    "realtime",
                    format!("metric `{name}`: a realtime gauge cannot use `resourcesDuration`"),
                );
            }
            if let Some(op) = get(g, "operation") {
                let v = text(op).unwrap_or("");
                if !["Set", "Add", "Sub", ""].contains(&v) {
                    report.at(
                        Code::CrdEnum,
                        op,
                        &child(&child(&pp, "gauge"), "operation"),
                        format!("`{v}` is not a gauge operation; use Set, Add or Sub"),
                    );
                }
            }
        }
        if let Some(c) = get(p, "counter") {
            if str_at(c, "value").is_none_or(str::is_empty) {
                report.at(
                    Code::Metrics,
                    c,
                    &child(&pp, "counter"),
                    format!("metric `{name}`: a counter needs a `value`"),
                );
            }
        }
    }
}

/// Containers of a leaf template: image, mounts, reserved names, quantities, containerSet.
fn containers(spec: &Spec, t: &Node, ptr: &str, report: &mut Report) {
    let artifact_paths: Vec<(String, &Node)> = get(t, "inputs")
        .map(|i| list(i, "artifacts"))
        .unwrap_or(&[])
        .iter()
        .filter_map(|a| Some((str_at(a, "path")?.to_string(), a)))
        .collect();
    for key in ["container", "script"] {
        let Some(c) = get(t, key) else { continue };
        let cp = child(ptr, key);
        let default = if key == "script" {
            spec.default_image.1
        } else {
            spec.default_image.0
        };
        if str_at(c, "image").is_none_or(str::is_empty) && !default {
            report.at(
                Code::EmptyImage,
                c,
                &cp,
                format!("the {key} has no `image`, and no `templateDefaults` gives one"),
            );
        }
        mounts(c, &cp, &artifact_paths, report);
        quantities(c, &cp, report);
    }
    for key in ["sidecars", "initContainers"] {
        for (i, c) in list(t, key).iter().enumerate() {
            let cp = item(&child(ptr, key), i);
            if let Some(n) = get(c, "name") {
                let name = text(n).unwrap_or("");
                if reserved(name) {
                    report.at(
                        Code::ReservedContainerName,
                        n,
                        &child(&cp, "name"),
                        format!(
                            "`{name}` is a reserved Argo container name; {key} must use another"
                        ),
                    );
                }
            }
            quantities(c, &cp, report);
        }
    }
    if let Some(cs) = get(t, "containerSet") {
        container_set(t, cs, &child(ptr, "containerSet"), &artifact_paths, report);
    }
}

fn mounts(c: &Node, cp: &str, artifact_paths: &[(String, &Node)], report: &mut Report) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, m) in list(c, "volumeMounts").iter().enumerate() {
        let Some(path) = str_at(m, "mountPath") else {
            continue;
        };
        let mp = item(&child(cp, "volumeMounts"), i);
        if let Some(first) = seen.insert(path, i) {
            report.at(
                Code::MountPathCollision,
                m,
                &mp,
                format!("mountPath `{path}` is already mounted by volumeMounts[{first}]"),
            );
        }
        if artifact_paths.iter().any(|(p, _)| p == path) {
            report.at(
                Code::MountPathCollision,
                m,
                &mp,
                format!("mountPath `{path}` is also the path of an input artifact"),
            );
        }
    }
}

/// Resource quantities of a container (they must parse, or the pod is rejected).
fn quantities(c: &Node, cp: &str, report: &mut Report) {
    let Some(res) = get(c, "resources") else {
        return;
    };
    for section in ["requests", "limits"] {
        let Some(m) = get(res, section).and_then(Node::as_map) else {
            continue;
        };
        for e in m {
            let Some(v) = text(&e.value) else { continue };
            if !parameterised(v) && !quantity_ok(v) {
                report.at(
                    Code::Quantity,
                    &e.value,
                    &child(&child(&child(cp, "resources"), section), &e.key),
                    format!(
                        "`{v}` is not a Kubernetes quantity (such as `500m`, `2`, `512Mi`, `1Gi`)"
                    ),
                );
            }
        }
    }
}

fn container_set(
    t: &Node,
    cs: &Node,
    ptr: &str,
    artifact_paths: &[(String, &Node)],
    report: &mut Report,
) {
    mounts(cs, ptr, artifact_paths, report);
    let list_ = list(cs, "containers");
    if list_.is_empty() {
        report.at(
            Code::ContainerSet,
            cs,
            ptr,
            "a containerSet needs at least one container",
        );
    }
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in list_.iter().enumerate() {
        let cp = item(&child(ptr, "containers"), i);
        match get(c, "name").and_then(text) {
            None => report.at(
                Code::ContainerSet,
                c,
                &cp,
                "every containerSet container needs a `name`",
            ),
            Some(n) => {
                if !name_ok(n) {
                    report.at(
                        Code::ContainerSet,
                        c,
                        &child(&cp, "name"),
                        format!("container name `{n}` is invalid: use letters, digits and `-`"),
                    );
                }
                if reserved(n) {
                    report.at(
                        Code::ReservedContainerName,
                        c,
                        &child(&cp, "name"),
                        format!("`{n}` is a reserved Argo container name"),
                    );
                }
                if let Some(first) = names.insert(n, i) {
                    report.at(
                        Code::ContainerSet,
                        c,
                        &child(&cp, "name"),
                        format!("container name `{n}` is not unique (also containers[{first}])"),
                    );
                }
            }
        }
        mounts(c, &cp, artifact_paths, report);
        quantities(c, &cp, report);
    }
    let mut deps: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (i, c) in list_.iter().enumerate() {
        let cn = str_at(c, "name").unwrap_or("");
        for (j, d) in list(c, "dependencies").iter().enumerate() {
            let dn = text(d).unwrap_or("");
            if !names.contains_key(dn) {
                report.at(
                    Code::ContainerSet,
                    d,
                    &item(
                        &child(&item(&child(ptr, "containers"), i), "dependencies"),
                        j,
                    ),
                    format!(
                        "container `{cn}` depends on `{dn}`, which is not a container of the set"
                    ),
                );
            }
            deps.entry(cn).or_default().push(dn);
        }
    }
    if let Some(cycle) = flow::find_cycle(&deps) {
        report.at(
            Code::ContainerSet,
            cs,
            ptr,
            format!(
                "the containerSet dependencies form a cycle: {}",
                cycle.join(" → ")
            ),
        );
    }
    let needs_main = get(t, "inputs").is_some_and(|i| !list(i, "artifacts").is_empty())
        || get(t, "outputs")
            .is_some_and(|o| !list(o, "artifacts").is_empty() || !list(o, "parameters").is_empty());
    if needs_main && !names.contains_key("main") {
        report.at(
            Code::ContainerSet,
            cs,
            ptr,
            "a containerSet with input artifacts or outputs needs a container named `main`",
        );
    }
}

/// Resource templates (F47).
fn resource(t: &Node, r: &Node, ptr: &str, report: &mut Report) {
    let action = str_at(r, "action").unwrap_or("");
    const ACTIONS: &[&str] = &["get", "create", "apply", "delete", "replace", "patch"];
    if !ACTIONS.contains(&action) && !parameterised(action) {
        report.at(
            Code::ResourceAction,
            get(r, "action").unwrap_or(r),
            &child(ptr, "action"),
            format!(
                "resource action `{action}` must be one of {}",
                ACTIONS.join(", ")
            ),
        );
    }
    if let Some(ms) = get(r, "mergeStrategy") {
        let v = text(ms).unwrap_or("");
        if !["strategic", "merge", "json", ""].contains(&v) {
            report.at(
                Code::CrdEnum,
                ms,
                &child(ptr, "mergeStrategy"),
                format!("`{v}` is not a merge strategy; use strategic, merge or json"),
            );
        }
    }
    let manifest = get(r, "manifest");
    let from = get(r, "manifestFrom");
    if action != "get" && action != "delete" {
        match (manifest, from) {
            (None, None) => report.at(
                Code::ResourceManifest,
                r,
                ptr,
                format!("a `{action}` resource needs `manifest` or `manifestFrom`"),
            ),
            (Some(_), Some(_)) => report.at(
                Code::ResourceManifest,
                r,
                ptr,
                "set only one of `manifest` and `manifestFrom`",
            ),
            _ => {}
        }
    }
    if let Some(f) = from {
        let art = get(f, "artifact")
            .and_then(|a| str_at(a, "name"))
            .unwrap_or("");
        let declared = get(t, "inputs")
            .map(|i| list(i, "artifacts"))
            .unwrap_or(&[])
            .iter()
            .any(|a| str_at(a, "name") == Some(art));
        if !declared {
            report.key(Code::ResourceManifest, f, &child(ptr, "manifestFrom"), "artifact", format!("`manifestFrom` names artifact `{art}`, which is not an input artifact of the template"));
        }
    }
    if let Some(m) = manifest {
        if let Some(text) = m.as_scalar().map(|s| s.text.as_str()) {
            let replaced = replace_expressions(text);
            let parsed = crate::source::syntax::parse(report.file, "", &replaced);
            if !parsed.diagnostics.is_empty() && parsed.documents.is_empty() {
                report.at(
                    Code::ResourceManifest,
                    m,
                    &child(ptr, "manifest"),
                    "the `manifest` is not valid YAML",
                );
            }
        }
    }
}

/// `{{…}}` tags replaced by a placeholder, as Argo does before parsing a manifest.
fn replace_expressions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        match rest[open..].find("}}") {
            Some(close) => {
                out.push_str("placeholder");
                rest = &rest[open + close + 2..];
            }
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Outputs (J70–J72).
fn outputs(t: &Node, ptr: &str, kind: &str, sh: Shape, report: &mut Report) {
    let Some(o) = get(t, "outputs") else { return };
    let op = child(ptr, "outputs");
    let params = list(o, "parameters");
    let arts = list(o, "artifacts");
    names(
        params,
        &child(&op, "parameters"),
        "output parameter",
        report,
    );
    names(arts, &child(&op, "artifacts"), "output artifact", report);
    for (i, a) in arts.iter().enumerate() {
        let ap = item(&child(&op, "artifacts"), i);
        let an = str_at(a, "name").unwrap_or("");
        if let Some(p) = get(a, "path").filter(|_| sh.leaf) {
            if text(p).is_some_and(|v| v.split('/').any(|seg| seg == "..")) {
                report.at(
                    Code::OutputArtifactPath,
                    p,
                    &child(&ap, "path"),
                    format!(
                        "output artifact `{an}` path may not climb out of its directory with `..`"
                    ),
                );
            }
        }
        match (sh.leaf, get(a, "path")) {
            (true, None) => report.at(
                Code::OutputArtifactPath,
                a,
                &ap,
                format!("output artifact `{an}` needs a `path` in a {kind} template"),
            ),
            (false, Some(p)) => report.at(
                Code::OutputArtifactPath,
                p,
                &child(&ap, "path"),
                format!(
                    "output artifact `{an}`: `path` is not valid in {kind} templates; use `from`"
                ),
            ),
            _ => {}
        }
        global_name(a, &ap, report);
        artifact_location(a, &ap, report);
    }
    // The sources Argo counts (J72); `configMapKeyRef` and `event` alone leave it unspecified.
    const SOURCES: &[&str] = &[
        "path",
        "jqFilter",
        "jsonPath",
        "parameter",
        "expression",
        "supplied",
    ];
    for (i, p) in params.iter().enumerate() {
        let pp = item(&child(&op, "parameters"), i);
        let pn = str_at(p, "name").unwrap_or("");
        global_name(p, &pp, report);
        let vf = get(p, "valueFrom");
        match (has(p, "value"), vf) {
            (true, Some(_)) => report.at(
                Code::OutputParameter,
                p,
                &pp,
                format!("output parameter `{pn}` has both `value` and `valueFrom`; choose one"),
            ),
            (false, None) => report.at(
                Code::OutputParameter,
                p,
                &pp,
                format!("output parameter `{pn}` needs `value` or `valueFrom`"),
            ),
            _ => {}
        }
        let Some(vf) = vf else { continue };
        let vp = child(&pp, "valueFrom");
        let set: Vec<&str> = SOURCES.iter().copied().filter(|k| has(vf, k)).collect();
        if set.len() > 1 {
            report.at(
                Code::OutputParameter,
                vf,
                &vp,
                format!(
                    "output parameter `{pn}`: several valueFrom sources ({}); choose one",
                    set.join(", ")
                ),
            );
            continue;
        }
        if set.is_empty() {
            report.at(
                Code::OutputParameter,
                vf,
                &vp,
                format!("output parameter `{pn}`: `valueFrom` names no source"),
            );
            continue;
        }
        let need: &[&str] = match kind {
            "container" | "containerSet" | "script" => &["path"],
            "resource" => &["jqFilter", "jsonPath"],
            "steps" | "dag" => &["parameter", "expression"],
            _ => &[],
        };
        if !need.is_empty() && !set.iter().any(|s| need.contains(s)) {
            report.at(
                Code::OutputParameter,
                vf,
                &vp,
                format!(
                    "output parameter `{pn}` of a {kind} template needs `valueFrom.{}`",
                    need.join("` or `valueFrom.")
                ),
            );
        }
    }
}

fn global_name(n: &Node, ptr: &str, report: &mut Report) {
    if let Some(g) = get(n, "globalName") {
        let v = text(g).unwrap_or("");
        if !parameterised(v) && !param_name_ok(v) {
            report.at(
                Code::GlobalName,
                g,
                &child(ptr, "globalName"),
                format!("globalName `{v}` is invalid: use letters, digits, `_` and `-`"),
            );
        }
    }
}
