//! Where and as whom the job runs: `runtimePlatform`, `jobRoleArn`, and the ECS/Fargate
//! infrastructure fields that have no meaning for a pod.

use super::names::dns_label;
use super::template::Build;
use crate::diagnostics::{Code, Diagnostics};
use crate::ir::JobSpec;

/// The service account a job role maps to: the role's name.
pub fn service_account_for_role(arn: &str) -> String {
    let name = arn.rsplit('/').next().unwrap_or(arn);
    dns_label(name, 253)
}

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let JobSpec::Container(c) = &b.def.spec else {
        return;
    };
    if let Some(arch) = &c.cpu_architecture {
        match arch.value.to_ascii_uppercase().as_str() {
            "ARM64" => {
                b.template
                    .node_selector
                    .insert("kubernetes.io/arch".into(), "arm64".into());
            }
            "X86_64" => {
                b.template
                    .node_selector
                    .insert("kubernetes.io/arch".into(), "amd64".into());
            }
            other => diags.report(
                Code::InvalidValue,
                &arch.origin,
                format!("cpuArchitecture `{other}` is not X86_64 or ARM64"),
            ),
        }
    }
    if let Some(os) = &c.os_family {
        let upper = os.value.to_ascii_uppercase();
        if upper.starts_with("WINDOWS") {
            b.template
                .node_selector
                .insert("kubernetes.io/os".into(), "windows".into());
            diags.report(
                Code::WindowsPlatform,
                &os.origin,
                format!("operatingSystemFamily `{}` needs Windows nodes; the pod selects kubernetes.io/os=windows", os.value),
            );
        } else if upper == "LINUX" {
            b.template
                .node_selector
                .insert("kubernetes.io/os".into(), "linux".into());
        } else {
            diags.report(
                Code::InvalidValue,
                &os.origin,
                format!(
                    "operatingSystemFamily `{}` is not LINUX or a WINDOWS_SERVER_* family",
                    os.value
                ),
            );
        }
    }
    if let Some(role) = &c.job_role_arn {
        let sa = service_account_for_role(&role.value);
        diags.report(
            Code::JobRole,
            &role.origin,
            format!("the job role became serviceAccountName `{sa}`, which must be bound to {} (IRSA or EKS Pod Identity): `--platform eks` writes the ServiceAccount with the IRSA annotation, other platforms need it created", role.value),
        );
        b.template.service_account_name = Some(sa);
    }
    let dropped = [
        (
            "executionRoleArn",
            c.execution_role_arn.as_ref().map(|r| &r.origin),
        ),
        ("networkConfiguration", c.network_configuration.as_ref()),
        (
            "fargatePlatformConfiguration",
            c.fargate_platform_configuration.as_ref(),
        ),
        (
            "enableExecuteCommand",
            c.enable_execute_command.as_ref().map(|r| &r.origin),
        ),
        ("instanceType", c.instance_type.as_ref().map(|r| &r.origin)),
    ];
    for (field, origin) in dropped {
        if let Some(origin) = origin {
            diags.report(
                Code::EcsOnly,
                origin,
                format!("`{field}` configures ECS/Fargate infrastructure and has no meaning for a pod; it was dropped"),
            );
        }
    }
}
