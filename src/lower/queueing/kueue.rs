//! `--queueing kueue`: Kueue's plain-pod integration (how Argo pods are admitted today).
//!
//! - a ResourceFlavor per compute environment, with the platform's node labels;
//! - a ClusterQueue per job queue, its flavors in the queue's compute environment order (Kueue
//!   tries them in order, as Batch does), `StrictFIFO` as Batch's queues are (the head job
//!   blocks the queue), quotas from `maxvCpus` and the config file;
//! - queues that share a compute environment in one Cohort that holds its quota, so they draw
//!   from one pool as on Batch (the ClusterQueues' own quota for it is zero);
//! - a LocalQueue per job queue in the Workflows' namespace, and with a fair-share policy one
//!   per share identifier, weighted as `fairshare` says;
//! - a WorkloadPriorityClass per scheduling priority.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::{fairshare, local_queue, priority_class, ObjectNames, QueueUse};
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::Object;
use crate::ir::{ComputeEnvironment, Project};
use crate::lower::options::Options;
use crate::lower::placement::Placement;
use crate::lower::queues::{self, Resolved};

const API: &str = "kueue.x-k8s.io/v1beta2";
const GPU: &str = "nvidia.com/gpu";

/// The resources a queue's quota covers: every resource its pods request (Kueue does not
/// admit a workload that requests a resource its ClusterQueue does not cover).
fn covered(u: &QueueUse) -> Vec<String> {
    let mut out = vec!["cpu".to_string(), "memory".to_string()];
    for r in &u.resources {
        if !out.contains(r) {
            out.push(r.clone());
        }
    }
    out
}

/// The quota of one compute environment for `resources`, reporting what was assumed. A
/// resource Batch does not bound (ephemeral storage) gets enough for the environment's vCPUs
/// full of the queue's smallest jobs, each with the most any job requests: it never binds first.
fn quota(
    ce: &ComputeEnvironment,
    resources: &[String],
    u: &QueueUse,
    options: &Options,
    diags: &mut Diagnostics,
) -> Vec<Value> {
    let over = options.environments.get(&ce.name.value);
    let mut assumed = Vec::new();
    let out = resources
        .iter()
        .map(|r| {
            let q = match r.as_str() {
                "cpu" => match &ce.max_vcpus {
                    Some(v) => v.value.max(0).to_string(),
                    None => {
                        assumed.push("cpu 0 (it has no maxvCpus)".to_string());
                        "0".into()
                    }
                },
                "memory" => match over.and_then(|o| o.memory.clone()) {
                    Some(m) => m,
                    None => {
                        let gib = super::assumed_memory_gib(ce);
                        assumed.push(format!("memory {gib}Gi"));
                        format!("{gib}Gi")
                    }
                },
                GPU => match over.and_then(|o| o.gpu) {
                    Some(n) => n.to_string(),
                    None => {
                        let n = super::assumed_gpus(ce);
                        assumed.push(format!("{GPU} {n}"));
                        n.to_string()
                    }
                },
                other => {
                    let vcpus = ce.max_vcpus.as_ref().map_or(0, |v| v.value.max(0) as u64);
                    let jobs = vcpus
                        .saturating_mul(1000)
                        .div_ceil(u.min_cpu_milli.max(1))
                        .max(1);
                    let each = u.max_gib.get(other).copied().unwrap_or(1);
                    let q = format!("{}Gi", each.saturating_mul(jobs));
                    assumed.push(format!("{other} {q}"));
                    q
                }
            };
            json!({"name": r, "nominalQuota": q})
        })
        .collect();
    if !assumed.is_empty() {
        diags.report(
            Code::QuotaAssumed,
            ce.max_vcpus.as_ref().map_or(&ce.name.origin, |v| &v.origin),
            format!(
                "compute environment `{}`: Kueue quota assumed as {}; set `compute-environments: {{{}: {{memory: …, gpu: …}}}}` in .batch2argo.yaml",
                ce.name.value,
                assumed.join(", "),
                ce.name.value
            ),
        );
    }
    out
}

pub fn objects(
    project: &Project,
    names: &ObjectNames,
    uses: &BTreeMap<String, QueueUse>,
    options: &Options,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    let resolved: Vec<(&QueueUse, Resolved)> = uses
        .iter()
        .filter_map(|(q, u)| Some((u, queues::resolve(project, q)?)))
        .collect();
    if resolved.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();

    // Which queues use each environment; environments used by several go to a cohort.
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (_, r) in &resolved {
        for ce in &r.environments {
            users
                .entry(ce.name.value.as_str())
                .or_default()
                .insert(r.queue.name.value.as_str());
        }
    }
    // Connected queues (through shared environments) form one cohort, named after its first
    // shared environment.
    let mut cohort_of: BTreeMap<&str, String> = BTreeMap::new();
    let mut cohort_envs: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (ce, qs) in &users {
        if qs.len() < 2 {
            continue;
        }
        let existing = qs.iter().find_map(|q| cohort_of.get(q).cloned());
        let cohort = existing.unwrap_or_else(|| format!("{}-shared", names.environment(ce)));
        for q in qs {
            cohort_of.insert(q, cohort.clone());
        }
        cohort_envs.entry(cohort).or_default().insert(ce);
    }

    // Flavors, with the platform's labels and the config file's.
    let mut flavors: BTreeMap<&str, (String, BTreeMap<String, String>)> = BTreeMap::new();
    for (_, r) in &resolved {
        let extra = options
            .queues
            .get(&r.queue.name.value)
            .map(|o| o.flavor_labels.clone())
            .unwrap_or_default();
        for ce in &r.environments {
            let entry = flavors.entry(ce.name.value.as_str()).or_insert_with(|| {
                (
                    names.environment(&ce.name.value),
                    Placement::flavor_labels(ce, options.platform),
                )
            });
            entry.1.extend(extra.clone());
        }
    }
    for (name, labels) in flavors.values() {
        let spec = if labels.is_empty() {
            json!({})
        } else {
            json!({"nodeLabels": labels})
        };
        out.push(Object::new(API, "ResourceFlavor", name, None).with("spec", spec));
    }

    // Cohorts hold the quota of the environments their queues share.
    let mut cohort_resources: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cohort_use: BTreeMap<String, QueueUse> = BTreeMap::new();
    for (u, r) in &resolved {
        if let Some(c) = cohort_of.get(r.queue.name.value.as_str()) {
            cohort_use.entry(c.clone()).or_default().merge(u);
            let list = cohort_resources.entry(c.clone()).or_default();
            for res in covered(u) {
                if !list.contains(&res) {
                    list.push(res);
                }
            }
        }
    }
    for (cohort, envs) in &cohort_envs {
        let resources = cohort_resources.get(cohort).cloned().unwrap_or_default();
        let u = cohort_use.get(cohort).cloned().unwrap_or_default();
        let u = &u;
        let flavors: Vec<Value> = envs
            .iter()
            .filter_map(|ce| {
                project
                    .compute_environments
                    .iter()
                    .find(|c| c.name.value == *ce)
            })
            .map(|ce| {
                json!({
                    "name": names.environment(&ce.name.value),
                    "resources": quota(ce, &resources, u, options, diags),
                })
            })
            .collect();
        out.push(Object::new(API, "Cohort", cohort, None).with(
            "spec",
            json!({"resourceGroups": [{"coveredResources": resources, "flavors": flavors}]}),
        ));
        let members: Vec<&str> = cohort_of
            .iter()
            .filter(|(_, c)| *c == cohort)
            .map(|(q, _)| *q)
            .collect();
        if let Some(first) = resolved
            .iter()
            .find(|(_, r)| members.contains(&r.queue.name.value.as_str()))
        {
            diags.report(
                Code::PlacementFromQueue,
                &first.1.queue.name.origin,
                format!(
                    "job queues {} share compute environments ({}): their ClusterQueues are in the Kueue cohort `{cohort}`, which holds the shared quota; Batch would run the higher-priority queue's jobs first, Kueue admits them in its own order",
                    members.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
                    envs.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }

    let mut priorities: BTreeSet<i64> = BTreeSet::new();
    for (u, r) in &resolved {
        let queue = &r.queue.name.value;
        let cq = names.queue(queue);
        let resources = match cohort_of.get(queue.as_str()) {
            Some(c) => cohort_resources
                .get(c)
                .cloned()
                .unwrap_or_else(|| covered(u)),
            None => covered(u),
        };
        let shared = cohort_of
            .get(queue.as_str())
            .and_then(|c| cohort_envs.get(c));
        let flavors: Vec<Value> = r
            .environments
            .iter()
            .map(|ce| {
                let in_cohort = shared.is_some_and(|s| s.contains(ce.name.value.as_str()));
                let resources: Vec<Value> = if in_cohort {
                    resources
                        .iter()
                        .map(|res| json!({"name": res, "nominalQuota": "0"}))
                        .collect()
                } else {
                    quota(ce, &resources, u, options, diags)
                };
                json!({"name": names.environment(&ce.name.value), "resources": resources})
            })
            .collect();
        let mut spec = serde_json::Map::new();
        spec.insert("namespaceSelector".into(), json!({}));
        spec.insert("queueingStrategy".into(), json!("StrictFIFO"));
        if !flavors.is_empty() {
            spec.insert(
                "resourceGroups".into(),
                json!([{"coveredResources": resources, "flavors": flavors}]),
            );
        }
        if let Some(c) = cohort_of.get(queue.as_str()) {
            spec.insert("cohortName".into(), json!(c));
        }
        let fair = r
            .policy
            .filter(|p| !p.share_distribution.is_empty() || !u.shares.is_empty());
        if fair.is_some() {
            spec.insert(
                "admissionScope".into(),
                json!({"admissionMode": "UsageBasedAdmissionFairSharing"}),
            );
        }
        out.push(Object::new(API, "ClusterQueue", &cq, None).with("spec", Value::Object(spec)));

        let namespace = super::namespace_for(r, options);
        let lq = local_queue(names, options, queue, None);
        out.push(
            Object::new(API, "LocalQueue", &lq, Some(&namespace))
                .with("spec", json!({"clusterQueue": cq})),
        );
        if let Some(policy) = fair {
            out.extend(share_queues(
                r, policy, u, names, options, &namespace, &cq, diags,
            ));
        }
        if !u.priorities.is_empty() {
            diags.report(
                Code::SchedulingPriorityClass,
                &r.queue.name.origin,
                format!(
                    "job queue `{queue}`: the scheduling priorities of its jobs ({}) became WorkloadPriorityClasses; Kueue orders all of the ClusterQueue's workloads by them (and may preempt), Batch only jobs of one share identifier",
                    u.priorities.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
                ),
            );
        }
        priorities.extend(u.priorities.iter().copied());
    }
    for p in priorities {
        out.push(
            Object::new(API, "WorkloadPriorityClass", priority_class(p), None)
                .with("value", json!(p))
                .with(
                    "description",
                    json!(format!("AWS Batch scheduling priority {p}")),
                ),
        );
    }
    if let Some((_, r)) = resolved.first() {
        diags.report(
            Code::ManualStep,
            &r.queue.name.origin,
            "Kueue must be installed with the plain-pod integration (`integrations.frameworks: [\"pod\"]` in its configuration) for the pods of these Workflows to be admitted; apply the ResourceFlavors, Cohorts and ClusterQueues (cluster-scoped) before the LocalQueues",
        );
    }
    out
}

/// One LocalQueue per share identifier, weighted by the inverted Batch weight factor.
#[allow(clippy::too_many_arguments)]
fn share_queues(
    r: &Resolved<'_>,
    policy: &crate::ir::SchedulingPolicy,
    u: &QueueUse,
    names: &ObjectNames,
    options: &Options,
    namespace: &str,
    cq: &str,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    let distribution: Vec<(String, Option<String>)> = policy
        .share_distribution
        .iter()
        .map(|(id, w)| (id.value.clone(), w.as_ref().map(|w| w.value.clone())))
        .collect();
    // Exact identifiers of the policy, and those the jobs use (wildcards match them).
    let mut ids: BTreeSet<String> = distribution
        .iter()
        .filter(|(id, _)| !id.ends_with('*'))
        .map(|(id, _)| id.clone())
        .collect();
    ids.extend(u.shares.iter().cloned());
    let mut out = Vec::new();
    let mut described = Vec::new();
    for id in &ids {
        let factor = fairshare::factor_for(id, &distribution);
        let weight = fairshare::kueue_weight(factor);
        described.push(format!("`{id}` {} → {weight}", factor.unwrap_or("1.0")));
        out.push(
            Object::new(
                API,
                "LocalQueue",
                local_queue(names, options, &r.queue.name.value, Some(id)),
                Some(namespace),
            )
            .with(
                "spec",
                json!({"clusterQueue": cq, "fairSharing": {"weight": weight}}),
            ),
        );
    }
    let mut notes = vec![format!(
        "share identifiers became LocalQueues weighted 1/weightFactor ({})",
        described.join(", ")
    )];
    let decay = policy.share_decay_seconds.as_ref().map_or(0, |d| d.value);
    notes.push(format!(
        "set `admissionFairSharing: {{usageHalfLifeTime: {}s}}` in Kueue's configuration for shareDecaySeconds {}",
        decay.max(600),
        decay
    ));
    if let Some(c) = policy.compute_reservation.as_ref().filter(|c| c.value > 0) {
        notes.push(format!(
            "computeReservation {} (capacity held back for inactive shares) has no equivalent",
            c.value
        ));
    }
    let wildcards: Vec<&str> = distribution
        .iter()
        .filter(|(id, _)| id.ends_with('*'))
        .map(|(id, _)| id.as_str())
        .collect();
    if !wildcards.is_empty() {
        notes.push(format!(
            "the wildcard identifiers {} became a LocalQueue per identifier the jobs use; jobs with other identifiers need their own",
            wildcards.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    diags.report(
        Code::FairShareApproximated,
        &policy.name.origin,
        format!(
            "scheduling policy `{}` on job queue `{}`: {}",
            policy.name.value,
            r.queue.name.value,
            notes.join("; ")
        ),
    );
    out
}
