//! `--queueing semaphore`: Argo's own concurrency limit. Every template of a queue's jobs holds
//! the queue's semaphore (a key of one ConfigMap), so at most `limit` of them run at once.
//!
//! Batch bounds a queue by vCPUs, a semaphore counts pods, so the limit is the queue's total
//! `maxvCpus` divided by the most vCPUs any of its jobs requests, rounded down and at least 1:
//! never more vCPUs than Batch allowed, fewer jobs when small ones mix with large ones.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{ObjectNames, QueueUse};
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::Object;
use crate::ir::Project;
use crate::lower::options::Options;
use crate::lower::queues;

/// The ConfigMap of the limits, in the Workflows' namespace.
pub const CONFIG_MAP: &str = "batch2argo-queue-limits";

/// `maxvCpus / largest job vCPUs`, rounded down, at least 1.
pub fn limit(max_vcpus: i64, largest_cpu_milli: u64) -> u64 {
    let total = (max_vcpus.max(0) as u64).saturating_mul(1000);
    (total / largest_cpu_milli.max(1)).max(1)
}

pub fn objects(
    project: &Project,
    names: &ObjectNames,
    uses: &BTreeMap<String, QueueUse>,
    options: &Options,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    let mut by_namespace: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (queue, u) in uses {
        let Some(r) = queues::resolve(project, queue) else {
            continue;
        };
        let vcpus = super::total_vcpus(&r);
        let largest = if u.max_cpu_milli == 0 {
            1000
        } else {
            u.max_cpu_milli
        };
        let n = limit(vcpus, largest);
        diags.report(
            Code::ConcurrencyLimit,
            &r.queue.name.origin,
            format!(
                "job queue `{queue}`: at most {n} of its jobs run at once ({vcpus} vCPUs of its compute environments / {} vCPUs, the largest job)",
                largest as f64 / 1000.0
            ),
        );
        let namespace = super::namespace_for(&r, options);
        by_namespace
            .entry(namespace)
            .or_default()
            .insert(names.queue(queue), json!(n.to_string()));
    }
    by_namespace
        .into_iter()
        .map(|(ns, data)| {
            Object::new("v1", "ConfigMap", CONFIG_MAP, Some(&ns)).with("data", Value::Object(data))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn limits_never_exceed_the_vcpus() {
        assert_eq!(super::limit(64, 4000), 16);
        assert_eq!(super::limit(64, 16000), 4);
        assert_eq!(super::limit(10, 3000), 3);
        assert_eq!(super::limit(2, 4000), 1);
        assert_eq!(super::limit(0, 1000), 1);
        assert_eq!(super::limit(16, 500), 32);
    }
}
