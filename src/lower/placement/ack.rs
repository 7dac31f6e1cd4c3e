//! `--platform ack-eci` and `ack-acs`: Alibaba's serverless pods. There are no nodes to select;
//! ECI reads pod annotations (Spot strategy and fallback, instance specs for GPUs), ACS reads
//! pod labels (compute class, QoS, GPU model). Pods are sized from their own requests, so AWS
//! instance types do not become instance specs.

use super::{Capacity, Environment, Placement};
use crate::diagnostics::{Code, Diagnostics};
use crate::lower::options::Platform;

pub fn queue(
    p: &mut Placement,
    envs: &[Environment<'_>],
    platform: Platform,
    diags: &mut Diagnostics,
) {
    let first = envs.first().and_then(|e| e.capacity);
    let later_on_demand = envs
        .iter()
        .skip(1)
        .any(|e| e.capacity == Some(Capacity::OnDemand));
    let mut models: Vec<&'static str> = envs.iter().flat_map(|e| e.gpu_models.clone()).collect();
    models.sort_unstable();
    models.dedup();
    for e in envs {
        if !e.instances.is_empty() {
            diags.report(
                Code::ComputeEnvironmentNotMapped,
                &e.ce.name.origin,
                format!(
                    "compute environment `{}`: its instance types do not become instance specs on {}: each pod is sized from its own requests{}",
                    e.ce.name.value,
                    platform.as_str(),
                    if e.gpu_models.is_empty() {
                        String::new()
                    } else {
                        format!(", GPU pods by their GPU model ({})", e.gpu_models.join(", "))
                    }
                ),
            );
        }
    }
    match platform {
        Platform::AckEci => {
            if first == Some(Capacity::Spot) {
                p.annotations.insert(
                    "k8s.aliyun.com/eci-spot-strategy".into(),
                    "SpotAsPriceGo".into(),
                );
                if later_on_demand {
                    // Batch falls back to the next, On-Demand environment; ECI does the same.
                    p.annotations
                        .insert("k8s.aliyun.com/eci-spot-fallback".into(), "true".into());
                }
            }
            // Chosen per template, by what it requests (`eci_specs`).
            p.gpu_models = models.iter().map(|m| m.to_string()).collect();
        }
        Platform::AckAcs => {
            let qos = if first == Some(Capacity::Spot) {
                "best-effort"
            } else {
                "default"
            };
            p.labels
                .insert("alibabacloud.com/compute-qos".into(), qos.into());
            if first == Some(Capacity::Spot) && later_on_demand {
                if let Some(e) = envs.first() {
                    diags.report(
                        Code::ComputeEnvironmentNotMapped,
                        &e.ce.name.origin,
                        format!(
                            "job queue `{}` falls back from Spot to On-Demand; ACS has no fallback, so its pods are best-effort only",
                            p.queue
                        ),
                    );
                }
            }
            // Compute-optimised families get ACS's performance class.
            let all_c = !envs.is_empty()
                && envs.iter().all(|e| {
                    !e.instances.is_empty() && e.instances.iter().all(|i| i.category() == Some("c"))
                });
            p.cpu_labels.insert(
                "alibabacloud.com/compute-class".into(),
                if all_c {
                    "performance"
                } else {
                    "general-purpose"
                }
                .into(),
            );
            p.gpu_labels
                .insert("alibabacloud.com/compute-class".into(), "gpu".into());
            if let [model] = models.as_slice() {
                p.gpu_labels
                    .insert("alibabacloud.com/gpu-model-series".into(), (*model).into());
            }
        }
        Platform::Generic | Platform::Eks => {}
    }
}

/// `k8s.aliyun.com/eci-use-specs` for a GPU template on ECI: the single-GPU instance types of
/// the queue's GPU models that hold the template's CPU and memory requests. `None` when none
/// does (more than one GPU, or more than the table's sizes): ECI then sizes the pod itself.
pub fn eci_specs(models: &[String], gpus: u64, milli_cpu: u64, mib: u64) -> Option<String> {
    if gpus != 1 {
        return None;
    }
    let specs: Vec<&str> = models
        .iter()
        .flat_map(|m| super::instance::eci_gpu_specs(m, milli_cpu, mib))
        .take(5)
        .collect();
    (!specs.is_empty()).then(|| specs.join(","))
}
