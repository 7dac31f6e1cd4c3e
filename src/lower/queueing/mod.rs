//! `--queueing`: what orders and limits a job queue's jobs in the cluster, and the objects
//! that set it up (written beside the Workflows, see `kueue`, `volcano`, `semaphore`).
//!
//! Per job, the queueing system adds to the queue's [`Placement`]: the LocalQueue and priority
//! class labels (Kueue), the scheduler and queue annotation (Volcano), or a semaphore. What the
//! jobs of each queue request is recorded in [`QueueUse`] while the Workflows are built, so
//! quotas cover every resource the pods ask for.

pub mod fairshare;
pub mod kueue;
pub mod semaphore;
pub mod volcano;

use std::collections::{BTreeMap, BTreeSet};

use super::names::{distinct_label, NameSet};
use super::options::{Options, Queueing};
use super::placement::Placement;
use super::queues::Resolved;
use crate::diagnostics::Diagnostics;
use crate::emit::model::{Object, Template};
use crate::ir::Project;

/// What the jobs submitted to one queue need.
#[derive(Clone, Debug, Default)]
pub struct QueueUse {
    /// The most CPU any of its pods requests, in millicores.
    pub max_cpu_milli: u64,
    /// The least CPU any of its pods requests, in millicores (0: none seen).
    pub min_cpu_milli: u64,
    /// The most GiB of each `…Gi` resource other than memory any of its pods requests
    /// (ephemeral storage), to size a quota that never binds before the vCPUs do.
    pub max_gib: BTreeMap<String, u64>,
    /// Every resource its pods request or limit.
    pub resources: BTreeSet<String>,
    /// The share identifiers its jobs carry.
    pub shares: BTreeSet<String>,
    /// The scheduling priorities its jobs carry.
    pub priorities: BTreeSet<i64>,
}

impl QueueUse {
    /// What the jobs of several queues need together.
    pub fn merge(&mut self, other: &QueueUse) {
        self.max_cpu_milli = self.max_cpu_milli.max(other.max_cpu_milli);
        self.min_cpu_milli = match (self.min_cpu_milli, other.min_cpu_milli) {
            (0, m) | (m, 0) => m,
            (a, b) => a.min(b),
        };
        for (name, n) in &other.max_gib {
            let e = self.max_gib.entry(name.clone()).or_default();
            *e = (*e).max(*n);
        }
        self.resources.extend(other.resources.iter().cloned());
        self.shares.extend(other.shares.iter().cloned());
        self.priorities.extend(other.priorities.iter().copied());
    }
}

/// Kubernetes names of the queues and compute environments, unique and stable.
#[derive(Clone, Debug, Default)]
pub struct ObjectNames {
    pub queues: BTreeMap<String, String>,
    pub environments: BTreeMap<String, String>,
}

impl ObjectNames {
    pub fn new(project: &Project) -> ObjectNames {
        let mut queue_names: Vec<&str> = project
            .queues
            .iter()
            .map(|q| q.name.value.as_str())
            .collect();
        queue_names.sort_unstable();
        queue_names.dedup();
        let mut ce_names: Vec<&str> = project
            .compute_environments
            .iter()
            .map(|c| c.name.value.as_str())
            .collect();
        ce_names.sort_unstable();
        ce_names.dedup();
        let assigned_q = NameSet::default().assign_all(&queue_names, 63);
        let assigned_c = NameSet::default().assign_all(&ce_names, 63);
        ObjectNames {
            queues: queue_names
                .iter()
                .map(|s| s.to_string())
                .zip(assigned_q)
                .collect(),
            environments: ce_names
                .iter()
                .map(|s| s.to_string())
                .zip(assigned_c)
                .collect(),
        }
    }

    pub fn queue(&self, name: &str) -> String {
        self.queues
            .get(name)
            .cloned()
            .unwrap_or_else(|| distinct_label(name, 63))
    }

    pub fn environment(&self, name: &str) -> String {
        self.environments
            .get(name)
            .cloned()
            .unwrap_or_else(|| distinct_label(name, 63))
    }
}

/// The namespace a queue's Workflows run in (its LocalQueues, semaphore ConfigMap,
/// ServiceAccounts and claims): the config file's, else the EKS namespace of its first compute
/// environment, else `--namespace`.
pub fn namespace_for(r: &Resolved<'_>, options: &Options) -> String {
    if let Some(ns) = options
        .queues
        .get(&r.queue.name.value)
        .and_then(|o| o.namespace.clone())
    {
        return ns;
    }
    r.environments
        .iter()
        .find_map(|c| c.eks_namespace.as_ref().map(|n| n.value.clone()))
        .unwrap_or_else(|| options.namespace.clone())
}

/// The LocalQueue a job of `queue` with `share` goes to.
pub fn local_queue(
    names: &ObjectNames,
    options: &Options,
    queue: &str,
    share: Option<&str>,
) -> String {
    let base = options
        .queues
        .get(queue)
        .and_then(|o| o.local_queue.clone())
        .unwrap_or_else(|| names.queue(queue));
    match share {
        Some(s) => distinct_label(&format!("{base}-{s}"), 63),
        None => base,
    }
}

/// The WorkloadPriorityClass of a scheduling priority.
pub fn priority_class(priority: i64) -> String {
    format!("batch-priority-{priority}")
}

/// Adds the queueing system's part for one job to its queue's placement.
pub fn for_job(
    p: &mut Placement,
    names: &ObjectNames,
    options: &Options,
    share: Option<&str>,
    priority: Option<i64>,
) {
    match options.queueing {
        Queueing::None => {}
        Queueing::Kueue => {
            p.labels.insert(
                "kueue.x-k8s.io/queue-name".into(),
                local_queue(names, options, &p.queue, share),
            );
            if let Some(n) = priority {
                p.labels
                    .insert("kueue.x-k8s.io/priority-class".into(), priority_class(n));
            }
        }
        Queueing::Volcano => {
            p.scheduler_name = Some("volcano".into());
            p.annotations.insert(
                "scheduling.volcano.sh/queue-name".into(),
                names.queue(&p.queue),
            );
        }
        Queueing::Semaphore => {
            p.semaphore = Some((semaphore::CONFIG_MAP.into(), names.queue(&p.queue)));
        }
    }
}

/// Records what a template run on `queue` requests.
pub fn record(
    uses: &mut BTreeMap<String, QueueUse>,
    queue: &str,
    t: &Template,
    share: Option<&str>,
    priority: Option<i64>,
) {
    let u = uses.entry(queue.to_string()).or_default();
    let mut cpu = 0;
    let mut gib: BTreeMap<String, u64> = BTreeMap::new();
    for r in super::placement::containers(t).filter_map(|c| c.resources.as_ref()) {
        u.resources.extend(r.requests.keys().cloned());
        u.resources.extend(r.limits.keys().cloned());
        cpu += r
            .requests
            .get("cpu")
            .and_then(|q| cpu_milli(q))
            .unwrap_or(0);
        for (name, q) in &r.requests {
            if let Some(n) = q.strip_suffix("Gi").and_then(|n| n.parse::<u64>().ok()) {
                *gib.entry(name.clone()).or_default() += n;
            }
        }
    }
    if cpu > 0 {
        u.max_cpu_milli = u.max_cpu_milli.max(cpu);
        u.min_cpu_milli = if u.min_cpu_milli == 0 {
            cpu
        } else {
            u.min_cpu_milli.min(cpu)
        };
    }
    for (name, n) in gib {
        let e = u.max_gib.entry(name).or_default();
        *e = (*e).max(n);
    }
    if let Some(s) = share {
        u.shares.insert(s.to_string());
    }
    if let Some(n) = priority {
        u.priorities.insert(n);
    }
}

/// `2` → 2000, `500m` → 500.
pub fn cpu_milli(q: &str) -> Option<u64> {
    match q.strip_suffix('m') {
        Some(m) => m.parse().ok(),
        None => q.parse::<f64>().ok().map(|c| (c * 1000.0).round() as u64),
    }
}

/// The objects of the queueing system, for the queues jobs were submitted to.
pub fn objects(
    project: &Project,
    names: &ObjectNames,
    uses: &BTreeMap<String, QueueUse>,
    options: &Options,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    match options.queueing {
        Queueing::None => Vec::new(),
        Queueing::Kueue => kueue::objects(project, names, uses, options, diags),
        Queueing::Volcano => volcano::objects(project, names, uses, options, diags),
        Queueing::Semaphore => semaphore::objects(project, names, uses, options, diags),
    }
}

/// The `maxvCpus` of a queue's environments together (saturating: values are input).
pub fn total_vcpus(r: &Resolved<'_>) -> i64 {
    r.environments
        .iter()
        .filter_map(|c| c.max_vcpus.as_ref().map(|v| v.value.max(0)))
        .fold(0i64, i64::saturating_add)
}

/// GiB of memory a compute environment is assumed to have: `maxvCpus` times the GiB per vCPU
/// of its leanest instance family.
pub fn assumed_memory_gib(ce: &crate::ir::ComputeEnvironment) -> u64 {
    let vcpus = ce.max_vcpus.as_ref().map_or(0, |v| v.value.max(0) as u64);
    let per = ce
        .instance_types
        .iter()
        .map(|t| super::placement::instance::Instance::parse(&t.value).memory_per_vcpu())
        .min()
        .unwrap_or(4);
    vcpus.saturating_mul(per)
}

/// GPUs a compute environment is assumed to have: one per 8 vCPUs, at least one.
pub fn assumed_gpus(ce: &crate::ir::ComputeEnvironment) -> u64 {
    let vcpus = ce.max_vcpus.as_ref().map_or(0, |v| v.value.max(0) as u64);
    (vcpus / 8).max(1)
}
