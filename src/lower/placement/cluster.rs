//! A BatchCompute cluster (a task's `AutoCluster`, or the cluster its `ClusterId` names) → the
//! placement of the task's pods. There is no queue: the task names its capacity directly.
//!
//! On ECI the instance types are Alibaba's own, so they become `eci-use-specs` as they are
//! (`bcs.*` types as `<vCPU>-<memory>Gi`), and the Spot strategy and price limit become ECI's
//! annotations of the same vocabulary. ACS has no instance types: the class and QoS labels say
//! what kind of machine and capacity, and the pod's requests (from the instance type) its size.
//! Disk beyond what the VM's OS needed (data disks, a larger system disk) is requested as extra
//! ephemeral storage, on top of the 30 GiB ECI and ACS give every pod.

use super::{ecs, Placement};
use crate::diagnostics::{Code, Diagnostics};
use crate::ir::ComputeEnvironment;
use crate::lower::options::{Options, Platform};

fn is_spot(ce: &ComputeEnvironment) -> bool {
    ce.resource_type
        .as_ref()
        .is_some_and(|t| t.value.eq_ignore_ascii_case("spot"))
}

/// The placement of a task running on `ce`.
pub fn placement(ce: &ComputeEnvironment, options: &Options, diags: &mut Diagnostics) -> Placement {
    let mut p = Placement {
        queue: ce.name.value.clone(),
        namespace: options.namespace.clone(),
        ..Placement::default()
    };
    let spot = is_spot(ce);
    let types: Vec<&str> = ce.instance_types.iter().map(|t| t.value.as_str()).collect();
    let extra_disk = ce.disk_gib.as_ref().map(|d| d.value).filter(|gib| *gib > 0);
    match options.platform {
        Platform::AckEci => {
            let specs: Vec<String> = types
                .iter()
                .filter_map(|t| ecs::eci_spec(t))
                .take(5)
                .collect();
            if !specs.is_empty() {
                p.annotations
                    .insert("k8s.aliyun.com/eci-use-specs".into(), specs.join(","));
            }
            if spot {
                let strategy = ce
                    .spot_strategy
                    .as_ref()
                    .map_or("SpotAsPriceGo", |s| s.value.as_str());
                p.annotations
                    .insert("k8s.aliyun.com/eci-spot-strategy".into(), strategy.into());
                if strategy == "SpotWithPriceLimit" {
                    if let Some(limit) = &ce.spot_price_limit {
                        p.annotations.insert(
                            "k8s.aliyun.com/eci-spot-price-limit".into(),
                            limit.value.clone(),
                        );
                    }
                }
            }
            if let Some(gib) = extra_disk {
                p.annotations.insert(
                    "k8s.aliyun.com/eci-extra-ephemeral-storage".into(),
                    format!("{gib}Gi"),
                );
            }
        }
        Platform::AckAcs => {
            p.labels.insert(
                "alibabacloud.com/compute-qos".into(),
                if spot { "best-effort" } else { "default" }.into(),
            );
            if spot {
                if let Some(limit) = &ce.spot_price_limit {
                    diags.report(
                        Code::SpotPriceCap,
                        &limit.origin,
                        format!("cluster `{}` caps Spot at {} per hour; ACS best-effort pods have no price cap", ce.name.value, limit.value),
                    );
                }
            }
            let sizes: Vec<ecs::Size> = types.iter().filter_map(|t| ecs::size(t)).collect();
            let models: Vec<&str> = sizes.iter().filter_map(|s| s.gpu_model).collect();
            if !sizes.is_empty() && sizes.iter().all(|s| s.gpus > 0) {
                p.labels
                    .insert("alibabacloud.com/compute-class".into(), "gpu".into());
                if let Some(model) = models.first().filter(|m| models.iter().all(|x| x == *m)) {
                    p.labels
                        .insert("alibabacloud.com/gpu-model-series".into(), (*model).into());
                }
            } else {
                let performance =
                    !types.is_empty() && types.iter().all(|t| ecs::compute_optimised(t));
                p.labels.insert(
                    "alibabacloud.com/compute-class".into(),
                    if performance {
                        "performance"
                    } else {
                        "general-purpose"
                    }
                    .into(),
                );
            }
            if let Some(gib) = extra_disk {
                p.annotations.insert(
                    "alibabacloud.com/extra-ephemeral-storage".into(),
                    format!("{gib}Gi"),
                );
            }
        }
        Platform::Generic | Platform::Eks => {
            diags.report(
                Code::ComputeEnvironmentNotMapped,
                &ce.name.origin,
                format!(
                    "cluster `{}`: Alibaba instance types and disks mean nothing on --platform {}; its pods are sized by their requests only",
                    ce.name.value,
                    options.platform.as_str()
                ),
            );
        }
    }
    p
}
