//! Where a job's pods run and which queue admits them: one [`Placement`] per job queue, from its
//! compute environments (`--platform`) and the queueing system (`--queueing`).
//!
//! A queue with several compute environments becomes one required node affinity that allows
//! any of them (a term each) plus preferences in the queue's order, since Kubernetes has no
//! "try this pool, then that one". The platform files say what one environment becomes.

pub mod ack;
pub mod cluster;
pub mod ecs;
pub mod eks;
pub mod generic;
pub mod instance;

use std::collections::BTreeMap;

use serde::Serialize;

use super::options::{Options, Platform};
use super::queues::Resolved;
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::{
    Affinity, ConfigMapKeySelector, NodeAffinity, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, PreferredTerm, SemaphoreRef, Synchronization, Template, TemplateMeta,
};
use crate::ir::ComputeEnvironment;
use instance::Instance;

/// The GPU resource name the templates request.
const GPU: &str = "nvidia.com/gpu";

/// Capacity bought for an environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capacity {
    OnDemand,
    Spot,
}

/// What one compute environment says about nodes, before a platform turns it into labels.
#[derive(Clone, Debug)]
pub struct Environment<'a> {
    pub ce: &'a ComputeEnvironment,
    pub capacity: Option<Capacity>,
    pub instances: Vec<Instance>,
    /// The one architecture of all its instances, if they agree.
    pub arch: Option<&'static str>,
    /// GPU models of its instance types.
    pub gpu_models: Vec<&'static str>,
}

impl<'a> Environment<'a> {
    pub fn new(ce: &'a ComputeEnvironment) -> Environment<'a> {
        let capacity =
            ce.resource_type
                .as_ref()
                .and_then(|t| match t.value.to_ascii_uppercase().as_str() {
                    "SPOT" | "FARGATE_SPOT" => Some(Capacity::Spot),
                    "EC2" | "FARGATE" | "ECS_MANAGED_INSTANCES" => Some(Capacity::OnDemand),
                    _ => None,
                });
        let instances: Vec<Instance> = ce
            .instance_types
            .iter()
            .map(|t| Instance::parse(&t.value))
            .collect();
        let mut arches: Vec<&'static str> = instances.iter().map(Instance::arch).collect();
        arches.sort_unstable();
        arches.dedup();
        let mut gpu_models: Vec<&'static str> =
            instances.iter().filter_map(Instance::gpu_model).collect();
        gpu_models.sort_unstable();
        gpu_models.dedup();
        Environment {
            ce,
            capacity,
            arch: (arches.len() == 1).then(|| arches[0]),
            instances,
            gpu_models,
        }
    }

    pub fn is_fargate(&self) -> bool {
        self.ce
            .resource_type
            .as_ref()
            .is_some_and(|t| t.value.to_ascii_uppercase().starts_with("FARGATE"))
    }
}

/// One term per way an environment's nodes can look, and the labels of its Kueue flavor.
#[derive(Clone, Debug, Default)]
pub struct NodeTerms {
    pub terms: Vec<NodeSelectorTerm>,
    /// Equality labels every node of the environment has (a Kueue ResourceFlavor's
    /// `nodeLabels`, which Kueue adds to the pod's node selector on admission).
    pub flavor_labels: BTreeMap<String, String>,
}

/// `key In values`.
pub fn requirement(key: &str, values: Vec<String>) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.into(),
        operator: "In".into(),
        values,
    }
}

/// The pod settings of one job queue, and of the queueing system for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Placement {
    /// The job queue's name (names variants of templates).
    pub queue: String,
    /// Node affinity: any term may match.
    pub required: Vec<NodeSelectorTerm>,
    /// `(weight, term)`, the queue's first environment heaviest.
    pub preferred: Vec<(i64, NodeSelectorTerm)>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    /// Only on templates that request GPUs, in place of `cpu_labels`.
    pub gpu_labels: BTreeMap<String, String>,
    /// Only on templates that request no GPU.
    pub cpu_labels: BTreeMap<String, String>,
    pub scheduler_name: Option<String>,
    /// `(ConfigMap, key)` of the queue's semaphore.
    pub semaphore: Option<(String, String)>,
    /// The architecture of every environment of the queue, when they agree.
    pub arch: Option<&'static str>,
    /// GPU models of the queue's instance types (ECI picks GPU instance types by them).
    pub gpu_models: Vec<String>,
    /// The queue has a fair-share policy: its jobs' share identifiers matter.
    pub fair_share: bool,
    /// The namespace the queue's Workflows run in.
    pub namespace: String,
}

impl Placement {
    /// What a placement does to a pod, as text: two queues that place pods alike share
    /// templates. No placement is the empty placement.
    pub fn pod_key(p: Option<&Placement>) -> String {
        let Some(p) = p else {
            return Placement::pod_key(Some(&Placement::default()));
        };
        serde_json::json!([
            p.required,
            p.preferred,
            p.labels,
            p.annotations,
            p.gpu_labels,
            p.cpu_labels,
            p.scheduler_name,
            p.semaphore,
            p.gpu_models,
        ])
        .to_string()
    }

    /// What tells this placement from another of the same definition in a template's name:
    /// the queue, its LocalQueue (share identifier) and priority class.
    pub fn slug(&self) -> String {
        let mut out = self
            .labels
            .get("kueue.x-k8s.io/queue-name")
            .cloned()
            .unwrap_or_else(|| self.queue.clone());
        if out.is_empty() {
            out.push_str("no-queue");
        }
        if let Some(p) = self.labels.get("kueue.x-k8s.io/priority-class") {
            out.push('-');
            out.push_str(p.trim_start_matches("batch-"));
        }
        out
    }

    /// The placement of a queue on the chosen platform. CE-level findings are reported here,
    /// once per queue.
    pub fn for_queue(
        resolved: &Resolved<'_>,
        options: &Options,
        diags: &mut Diagnostics,
    ) -> Placement {
        let envs: Vec<Environment> = resolved
            .environments
            .iter()
            .map(|c| Environment::new(c))
            .collect();
        let mut p = Placement {
            queue: resolved.queue.name.value.clone(),
            fair_share: resolved.policy.is_some_and(|p| !p.quota_share),
            namespace: crate::lower::queueing::namespace_for(resolved, options),
            ..Placement::default()
        };
        let mut arches: Vec<&'static str> = envs.iter().filter_map(|e| e.arch).collect();
        arches.dedup();
        if arches.len() == 1 && envs.iter().all(|e| e.arch.is_some()) {
            p.arch = Some(arches[0]);
        }
        for e in &envs {
            if e.is_fargate() {
                diags.report(
                    Code::FargateAsNodes,
                    e.ce.resource_type.as_ref().map_or(&e.ce.origin, |t| &t.origin),
                    format!(
                        "compute environment `{}` is {}: {}",
                        e.ce.name.value,
                        e.ce.resource_type.as_ref().map_or("", |t| t.value.as_str()),
                        match options.platform {
                            Platform::Eks => "on EKS it becomes Karpenter nodes of that capacity type, not a Fargate micro-VM per pod",
                            Platform::AckEci | Platform::AckAcs => "on ACK every pod is serverless already",
                            Platform::Generic => "on a generic cluster it becomes whatever nodes the cluster has",
                        }
                    ),
                );
            }
            if let (Some(bid), Some(Capacity::Spot)) = (&e.ce.bid_percentage, e.capacity) {
                diags.report(
                    Code::SpotPriceCap,
                    &bid.origin,
                    format!(
                        "compute environment `{}` caps Spot at {}% of the On-Demand price; Spot capacity on --platform {} has no such cap",
                        e.ce.name.value,
                        bid.value,
                        options.platform.as_str()
                    ),
                );
            }
        }
        let terms: Vec<NodeTerms> = match options.platform {
            Platform::Generic => envs.iter().map(|e| generic::terms(e, diags)).collect(),
            Platform::Eks => envs.iter().map(|e| eks::terms(e, diags)).collect(),
            Platform::AckEci | Platform::AckAcs => {
                ack::queue(&mut p, &envs, options.platform, diags);
                Vec::new()
            }
        };
        if terms.iter().any(|t| t.terms.is_empty()) {
            // One environment allows any node: so does the queue.
            return p;
        }
        for t in &terms {
            for term in &t.terms {
                // In the queue's order; two environments may look the same.
                if !p.required.contains(term) {
                    p.required.push(term.clone());
                }
            }
        }
        if terms.len() > 1 {
            let mut weight = 100;
            for t in &terms {
                for term in &t.terms {
                    p.preferred.push((weight, term.clone()));
                }
                weight = (weight / 2).max(1);
            }
            diags.report(
                Code::PlacementFromQueue,
                &resolved.queue.name.origin,
                format!(
                    "job queue `{}` has {} compute environments: its pods may run on any of them ({}), preferring them in the queue's order; Batch fills them strictly in order",
                    resolved.queue.name.value,
                    terms.len(),
                    envs.iter()
                        .map(|e| format!("`{}`", e.ce.name.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        p
    }

    /// The labels of the Kueue flavor of each environment, on this platform.
    pub fn flavor_labels(ce: &ComputeEnvironment, platform: Platform) -> BTreeMap<String, String> {
        let e = Environment::new(ce);
        let mut scratch = Diagnostics::new();
        match platform {
            Platform::Generic => generic::terms(&e, &mut scratch).flavor_labels,
            Platform::Eks => eks::terms(&e, &mut scratch).flavor_labels,
            Platform::AckEci | Platform::AckAcs => BTreeMap::new(),
        }
    }
}

/// The containers of a pod template (a container or a container set).
pub fn containers(t: &Template) -> impl Iterator<Item = &crate::emit::model::Container> {
    t.container
        .iter()
        .chain(t.container_set.iter().flat_map(|s| s.containers.iter()))
}

/// Whether a template's containers ask for a GPU.
fn wants_gpu(t: &Template) -> bool {
    containers(t).any(|c| {
        c.resources
            .as_ref()
            .is_some_and(|r| r.limits.contains_key(GPU) || r.requests.contains_key(GPU))
    })
}

/// The ephemeral storage a template's containers request, in whole GiB.
fn ephemeral_gib(t: &Template) -> Option<u64> {
    containers(t)
        .filter_map(|c| c.resources.as_ref()?.requests.get("ephemeral-storage"))
        .filter_map(|q| q.strip_suffix("Gi")?.parse::<u64>().ok())
        .reduce(|a, b| a + b)
}

/// GPUs, millicores and MiB a template's containers request in all.
fn requests(t: &Template) -> (u64, u64, u64) {
    let mut out = (0, 0, 0);
    for r in containers(t).filter_map(|c| c.resources.as_ref()) {
        let get = |k: &str| r.limits.get(k).or(r.requests.get(k));
        out.0 += get(GPU).and_then(|g| g.parse::<u64>().ok()).unwrap_or(0);
        out.1 += r
            .requests
            .get("cpu")
            .and_then(|c| crate::lower::queueing::cpu_milli(c))
            .unwrap_or(0);
        out.2 += get("memory")
            .and_then(|m| m.strip_suffix("Mi"))
            .and_then(|m| m.parse::<u64>().ok())
            .unwrap_or(0);
    }
    out
}

/// Puts a placement (if the job has a queue) and the platform's per-pod settings on a template.
pub fn apply(t: &mut Template, p: Option<&Placement>, options: &Options) {
    if t.container.is_none() && t.container_set.is_none() {
        return;
    }
    if !options.gpu_toleration {
        // The cluster's GPU nodes carry no taint to tolerate.
        t.tolerations.retain(|x| x.key != GPU);
    }
    let gpu = wants_gpu(t);
    let mut labels = BTreeMap::new();
    let mut annotations = BTreeMap::new();
    if let Some(gib) = ephemeral_gib(t) {
        // ECI and ACS give 30 GiB free; the annotation asks for what is on top.
        let key = match options.platform {
            Platform::AckEci => Some("k8s.aliyun.com/eci-extra-ephemeral-storage"),
            Platform::AckAcs => Some("alibabacloud.com/extra-ephemeral-storage"),
            _ => None,
        };
        if let (Some(key), true) = (key, gib > 30) {
            annotations.insert(key.to_string(), format!("{}Gi", gib - 30));
        }
    }
    if let Some(p) = p {
        if !p.required.is_empty() {
            t.affinity = Some(Affinity {
                node_affinity: NodeAffinity {
                    required: Some(NodeSelector {
                        node_selector_terms: p.required.clone(),
                    }),
                    preferred: p
                        .preferred
                        .iter()
                        .map(|(weight, preference)| PreferredTerm {
                            weight: *weight,
                            preference: preference.clone(),
                        })
                        .collect(),
                },
            });
        }
        labels.extend(p.labels.clone());
        annotations.extend(p.annotations.clone());
        if gpu {
            labels.extend(p.gpu_labels.clone());
            if options.platform == Platform::AckEci {
                let (gpus, cpu, mib) = requests(t);
                if let Some(specs) = ack::eci_specs(&p.gpu_models, gpus, cpu, mib) {
                    annotations.insert("k8s.aliyun.com/eci-use-specs".into(), specs);
                }
            }
        } else {
            labels.extend(p.cpu_labels.clone());
        }
        if let Some(s) = &p.scheduler_name {
            t.scheduler_name = Some(s.clone());
        }
        if let Some((name, key)) = &p.semaphore {
            t.synchronization = Some(Synchronization {
                semaphores: vec![SemaphoreRef {
                    config_map_key_ref: ConfigMapKeySelector {
                        name: name.clone(),
                        key: key.clone(),
                    },
                }],
            });
        }
    }
    if labels.is_empty() && annotations.is_empty() {
        return;
    }
    let meta = t.metadata.get_or_insert_with(TemplateMeta::default);
    meta.labels.extend(labels);
    meta.annotations.extend(annotations);
}
