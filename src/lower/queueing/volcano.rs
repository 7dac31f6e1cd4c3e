//! `--queueing volcano`: a Volcano Queue per job queue. Its `capability` bounds the queue at
//! the vCPUs of its compute environments (and memory and GPUs assumed as for Kueue); its
//! `priority` is the job queue's. Pods name the queue in an annotation and are scheduled by
//! Volcano (`schedulerName: volcano`), which must be on the pod, not the Workflow.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{ObjectNames, QueueUse};
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::Object;
use crate::ir::Project;
use crate::lower::options::Options;
use crate::lower::queues;

pub fn objects(
    project: &Project,
    names: &ObjectNames,
    uses: &BTreeMap<String, QueueUse>,
    _options: &Options,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    let mut out = Vec::new();
    let mut first = None;
    for (queue, u) in uses {
        let Some(r) = queues::resolve(project, queue) else {
            continue;
        };
        first.get_or_insert_with(|| r.queue.name.origin.clone());
        let vcpus = super::total_vcpus(&r);
        let memory = r
            .environments
            .iter()
            .map(|c| super::assumed_memory_gib(c))
            .fold(0u64, u64::saturating_add);
        let mut capability = Map::new();
        capability.insert("cpu".into(), json!(vcpus.to_string()));
        capability.insert("memory".into(), json!(format!("{memory}Gi")));
        if u.resources.contains("nvidia.com/gpu") {
            let gpus = r
                .environments
                .iter()
                .map(|c| super::assumed_gpus(c))
                .fold(0u64, u64::saturating_add);
            capability.insert("nvidia.com/gpu".into(), json!(gpus.to_string()));
        }
        let mut spec = Map::new();
        spec.insert("weight".into(), json!(1));
        if let Some(p) = &r.queue.priority {
            if let Ok(p) = i32::try_from(p.value) {
                spec.insert("priority".into(), json!(p));
            }
        }
        spec.insert("capability".into(), Value::Object(capability));
        spec.insert("reclaimable".into(), json!(true));
        out.push(
            Object::new(
                "scheduling.volcano.sh/v1beta1",
                "Queue",
                names.queue(queue),
                None,
            )
            .with("spec", Value::Object(spec)),
        );
        if let Some(policy) = r.policy {
            diags.report(
                Code::SchedulingPolicyNotMapped,
                &policy.name.origin,
                format!(
                    "scheduling policy `{}` of job queue `{queue}`: Volcano queues share the cluster by `weight`, not between share identifiers inside a queue; convert with --queueing kueue for fair sharing",
                    policy.name.value
                ),
            );
        }
    }
    if let Some(origin) = first {
        diags.report(
            Code::ManualStep,
            &origin,
            "Volcano must be installed, and its Queues applied, before the Workflows run: their pods name `schedulerName: volcano` and stay pending without it; the memory capability is assumed from maxvCpus as for Kueue",
        );
    }
    out
}
