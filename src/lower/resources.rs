//! VCPU / MEMORY / GPU → container requests and limits.
//!
//! MEMORY is MiB and a hard limit on Batch (the container is killed above it), so it is both the
//! request and the limit, in `Mi` (never `M`, which is 10^6 bytes). VCPU is CPU shares on EC2 (a
//! request, never a cap) and a cap on Fargate. GPU is a limit of `nvidia.com/gpu`, and GPU pods
//! tolerate the `nvidia.com/gpu` taint. The deprecated `vcpus`/`memory` count only where
//! `resourceRequirements` does not give the same resource.

use super::template::Build;
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::emit::model::{Resources, Toleration};
use crate::ir::{Container, JobSpec, ResourceType};

pub const GPU_RESOURCE: &str = "nvidia.com/gpu";

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let def = b.def;
    let JobSpec::Container(c) = &def.spec else {
        return;
    };
    let fargate = def.is_fargate();
    let mut res = Resources::default();
    let effective = effective_resources(c, diags);
    let memory_given = effective.iter().any(|(k, _, _)| *k == ResourceType::Memory);
    for (kind, amount, origin) in effective {
        match kind {
            ResourceType::Vcpu => {
                let Some(cpu) = cpu_quantity(&amount, fargate) else {
                    diags.report(
                        Code::InvalidResource,
                        &origin,
                        format!(
                            "VCPU `{amount}` is not a number of vCPUs{}",
                            if fargate {
                                ""
                            } else {
                                " (EC2 needs a whole number)"
                            }
                        ),
                    );
                    continue;
                };
                res.requests.insert("cpu".into(), cpu.clone());
                if fargate {
                    res.limits.insert("cpu".into(), cpu);
                    diags.report(
                        Code::FargateCpuLimit,
                        &origin,
                        "on Fargate the vCPU value is a cap, so it became the CPU limit as well as the request",
                    );
                }
            }
            ResourceType::Memory => match whole(&amount) {
                Some(mib) if mib < 4 => diags.report(
                    Code::MemoryTooSmall,
                    &origin,
                    format!(
                        "MEMORY {mib} MiB is below the 4 MiB AWS Batch accepts (MEMORY is MiB)"
                    ),
                ),
                Some(mib) => {
                    let q = format!("{mib}Mi");
                    res.requests.insert("memory".into(), q.clone());
                    res.limits.insert("memory".into(), q);
                }
                None => diags.report(
                    Code::InvalidResource,
                    &origin,
                    format!("MEMORY `{amount}` is not a whole number of MiB"),
                ),
            },
            ResourceType::Gpu => match whole(&amount) {
                Some(0) => {}
                Some(n) => {
                    res.limits.insert(GPU_RESOURCE.into(), n.to_string());
                    b.template.tolerations.push(Toleration {
                        key: GPU_RESOURCE.into(),
                        operator: "Exists".into(),
                        effect: "NoSchedule".into(),
                    });
                }
                None => diags.report(
                    Code::InvalidResource,
                    &origin,
                    format!("GPU `{amount}` is not a whole number of GPUs"),
                ),
            },
        }
    }
    // A BatchCompute task is sized from its instance type, or says so (B2A409, B2A411).
    if !memory_given && def.runtime.is_aws() {
        let origin = c
            .image
            .as_ref()
            .map(|i| i.origin.clone())
            .unwrap_or_else(|| def.origin.clone());
        diags.report(
            Code::NoMemory,
            &origin,
            format!("job definition `{}` has no MEMORY requirement; the pod gets no memory request or limit", def.name.value),
        );
    }
    if let Some(gib) = &c.ephemeral_storage_gib {
        let q = format!("{}Gi", gib.value);
        res.requests.insert("ephemeral-storage".into(), q.clone());
        res.limits.insert("ephemeral-storage".into(), q);
        diags.report(
            Code::EphemeralStorage,
            &gib.origin,
            format!(
                "ephemeralStorage {} GiB became an ephemeral-storage request and limit",
                gib.value
            ),
        );
    }
    if !res.requests.is_empty() || !res.limits.is_empty() {
        b.container.resources = Some(res);
    }
}

/// The resources that apply, one per type: `resourceRequirements` first, then the deprecated
/// fields for types it does not give.
pub fn effective_resources(
    c: &Container,
    diags: &mut Diagnostics,
) -> Vec<(ResourceType, String, Origin)> {
    let mut out: Vec<(ResourceType, String, Origin)> = Vec::new();
    for r in &c.resources {
        // A later entry of the same type wins, as a map would.
        out.retain(|(k, _, _)| *k != r.kind);
        out.push((
            r.kind,
            r.value.value.trim().to_string(),
            r.value.origin.clone(),
        ));
    }
    for (kind, legacy) in [
        (ResourceType::Vcpu, &c.legacy_vcpus),
        (ResourceType::Memory, &c.legacy_memory),
    ] {
        let Some(legacy) = legacy else { continue };
        match out.iter().find(|(k, _, _)| *k == kind) {
            Some((_, value, _)) => {
                if whole(value) != Some(legacy.value) {
                    diags.report(
                        Code::LegacyResourceIgnored,
                        &legacy.origin,
                        format!(
                            "the deprecated `{}` ({}) is ignored because resourceRequirements gives {} {value}",
                            if kind == ResourceType::Vcpu { "vcpus" } else { "memory" },
                            legacy.value,
                            kind.as_str()
                        ),
                    );
                }
            }
            None => out.push((kind, legacy.value.to_string(), legacy.origin.clone())),
        }
    }
    out.sort_by_key(|(k, _, _)| *k);
    out
}

fn whole(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|v| *v >= 0)
}

/// A vCPU amount as a Kubernetes CPU quantity: whole numbers as they are, fractions in
/// millicores (`0.25` → `250m`). EC2 accepts only whole vCPUs.
pub fn cpu_quantity(text: &str, fractional_ok: bool) -> Option<String> {
    let text = text.trim();
    if let Some(n) = whole(text) {
        return Some(n.to_string());
    }
    if !fractional_ok {
        return None;
    }
    let (int, frac) = text.split_once('.')?;
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > 3 {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let milli = int.checked_mul(1000)? + format!("{frac:0<3}").parse::<i64>().ok()?;
    if milli % 1000 == 0 {
        Some((milli / 1000).to_string())
    } else {
        Some(format!("{milli}m"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_quantities() {
        assert_eq!(cpu_quantity("2", false).as_deref(), Some("2"));
        assert_eq!(cpu_quantity("0.25", true).as_deref(), Some("250m"));
        assert_eq!(cpu_quantity("1.0", true).as_deref(), Some("1"));
        assert_eq!(cpu_quantity(".5", true).as_deref(), Some("500m"));
        assert_eq!(cpu_quantity("0.5", false), None);
        assert_eq!(cpu_quantity("two", true), None);
        assert_eq!(cpu_quantity("0.0001", true), None);
    }
}
