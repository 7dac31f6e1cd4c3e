//! Fargate's limits, which AWS enforces at registration: the vCPU/memory pairs it offers, no
//! GPUs, and the container settings it rejects.

use super::resources::effective_resources;
use super::template::Build;
use crate::diagnostics::{Code, Diagnostics};
use crate::ir::{JobSpec, ResourceType};

/// vCPU (in thousandths) → the MEMORY values (MiB) Fargate offers with it.
pub fn fargate_memory(milli_vcpu: u32) -> Option<Vec<u32>> {
    let steps =
        |from: u32, to: u32, step: u32| (from..=to).step_by(step as usize).collect::<Vec<_>>();
    Some(match milli_vcpu {
        250 => vec![512, 1024, 2048],
        500 => steps(1024, 4096, 1024),
        1_000 => steps(2048, 8192, 1024),
        2_000 => steps(4096, 16384, 1024),
        4_000 => steps(8192, 30720, 1024),
        8_000 => steps(16384, 61440, 4096),
        16_000 => steps(32768, 122880, 8192),
        32_000 => vec![61440, 122880, 249856],
        _ => return None,
    })
}

fn milli(text: &str) -> Option<u32> {
    let v: f64 = text.trim().parse().ok()?;
    (v.is_finite() && v > 0.0).then(|| (v * 1000.0).round() as u32)
}

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let def = b.def;
    if !def.is_fargate() {
        return;
    }
    let JobSpec::Container(c) = &def.spec else {
        return;
    };
    let resources = effective_resources(c, &mut Diagnostics::new());
    let find = |kind| resources.iter().find(|(k, _, _)| *k == kind);
    if let Some((_, gpu, origin)) = find(ResourceType::Gpu) {
        if gpu.trim() != "0" {
            diags.report(
                Code::GpuOnFargate,
                origin,
                format!("GPU {gpu} on a Fargate job definition: Fargate has no GPUs"),
            );
        }
    }
    if let (Some((_, vcpu, vcpu_origin)), Some((_, memory, memory_origin))) =
        (find(ResourceType::Vcpu), find(ResourceType::Memory))
    {
        match milli(vcpu).and_then(fargate_memory) {
            None => diags.report(
                Code::FargateSize,
                vcpu_origin,
                format!("VCPU {vcpu} is not a Fargate size (0.25, 0.5, 1, 2, 4, 8, 16 or 32)"),
            ),
            Some(allowed) => {
                let ok = memory
                    .trim()
                    .parse::<u32>()
                    .is_ok_and(|m| allowed.contains(&m));
                if !ok {
                    let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
                    diags.report(
                        Code::FargateSize,
                        memory_origin,
                        format!("MEMORY {memory} is not offered with {vcpu} vCPU on Fargate; use one of {}", list.join(", ")),
                    );
                }
            }
        }
    }
    let linux = &c.linux;
    let rejected = [
        (
            "linuxParameters.devices",
            linux.devices.first().map(|d| &d.origin),
        ),
        (
            "linuxParameters.sharedMemorySize",
            linux.shared_memory_size.as_ref().map(|v| &v.origin),
        ),
        (
            "linuxParameters.tmpfs",
            linux.tmpfs.first().map(|t| &t.origin),
        ),
        (
            "linuxParameters.maxSwap",
            linux.max_swap.as_ref().map(|v| &v.origin),
        ),
        (
            "linuxParameters.swappiness",
            linux.swappiness.as_ref().map(|v| &v.origin),
        ),
        (
            "privileged",
            c.privileged.as_ref().filter(|p| p.value).map(|p| &p.origin),
        ),
    ];
    for (field, origin) in rejected {
        if let Some(origin) = origin {
            diags.report(
                Code::FargateRejects,
                origin,
                format!("`{field}` is not allowed on Fargate; AWS rejects the definition"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fargate_table() {
        assert_eq!(fargate_memory(250), Some(vec![512, 1024, 2048]));
        assert!(fargate_memory(1_000).is_some_and(|m| m.contains(&8192) && !m.contains(&9216)));
        assert!(fargate_memory(8_000).is_some_and(|m| m.contains(&20480) && !m.contains(&17408)));
        assert_eq!(fargate_memory(3_000), None);
        assert_eq!(milli("0.25"), Some(250));
    }
}
