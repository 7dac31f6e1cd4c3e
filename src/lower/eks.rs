//! `eksProperties.podProperties` → the template's pod: nearly one-to-one.
//!
//! EKS containers already have Kubernetes `command`/`args`, so they map as they are (only `{{`
//! is escaped for Argo). One container becomes a container template, several a containerSet.
//! Pod-level fields without a template field (`hostNetwork`, `dnsPolicy`,
//! `shareProcessNamespace`) go into a static `podSpecPatch`; Batch's default for an unset
//! `hostNetwork` is `true`, which is kept explicit.

use std::collections::BTreeMap;

use super::command::substitute;
use super::environment::user_env;
use super::resources::GPU_RESOURCE;
use super::template::{Build, ANNOTATION};
use super::text::Dollars;
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::{
    Capabilities, Container, ContainerSet, EmptyDir, HostPath, PodSecurityContext, PvcSource,
    Resources, SeccompProfile, SecretVolume, SecurityContext, Toleration, Volume, VolumeMount,
};
use crate::ir::{self, EksVolumeSource, JobSpec};

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let def = b.def;
    let JobSpec::Eks(pod) = &def.spec else {
        return;
    };
    let mut used = std::collections::BTreeSet::new();
    let mut containers: Vec<Container> = Vec::new();
    for c in &pod.containers {
        containers.push(container(b, c, &mut used, diags));
    }
    for (name, origin) in def
        .parameters
        .iter()
        .map(|p| (p.key.value.clone(), p.key.origin.clone()))
    {
        if !used.contains(&name) {
            diags.report(
                Code::UnusedParameter,
                &origin,
                format!("parameter `{name}` is not used by any `Ref::` in the containers' command or args"),
            );
        }
        b.input_for(&name, diags);
    }
    if containers.iter().any(|c| {
        c.resources.as_ref().is_some_and(|r| {
            r.limits.contains_key(GPU_RESOURCE) || r.requests.contains_key(GPU_RESOURCE)
        })
    }) {
        b.template.tolerations.push(Toleration {
            key: GPU_RESOURCE.into(),
            operator: "Exists".into(),
            effect: "NoSchedule".into(),
        });
    }
    if containers.len() == 1 {
        let mut main = containers.remove(0);
        main.name = None;
        b.template.container = Some(main);
    } else {
        b.template.container_set = Some(ContainerSet { containers });
    }
    for c in &pod.init_containers {
        let mut init = container(b, c, &mut used, diags);
        if init.name.is_none() {
            init.name = Some(format!("init-{}", b.template.init_containers.len()));
        }
        b.template.init_containers.push(init);
    }

    b.template.service_account_name = pod.service_account_name.as_ref().map(|s| s.value.clone());
    for s in &pod.image_pull_secrets {
        b.image_pull_secrets.insert(s.value.clone());
    }
    for v in &pod.volumes {
        b.template.volumes.push(volume(v));
    }
    for kv in &pod.labels {
        b.labels
            .insert(kv.key.value.clone(), kv.value.value.clone());
    }
    for kv in &pod.annotations {
        b.annotations
            .insert(kv.key.value.clone(), kv.value.value.clone());
    }
    if let Some(ns) = &pod.namespace {
        diags.report(
            Code::EksNamespace,
            &ns.origin,
            format!(
                "namespace `{}` was dropped: a workflow's pods run in the workflow's namespace",
                ns.value
            ),
        );
        b.annotations
            .insert(format!("{ANNOTATION}/eks-namespace"), ns.value.clone());
    }
    if let Some(sc) = &pod.security_context {
        b.template.security_context = Some(PodSecurityContext {
            run_as_user: sc.run_as_user.as_ref().map(|v| v.value),
            run_as_group: sc.run_as_group.as_ref().map(|v| v.value),
            run_as_non_root: sc.run_as_non_root.as_ref().map(|v| v.value),
            fs_group: sc.fs_group.as_ref().map(|v| v.value),
            seccomp_profile: sc.seccomp_profile.as_ref().map(seccomp),
        });
    }
    let mut patch: BTreeMap<&str, serde_json::Value> = BTreeMap::new();
    match &pod.host_network {
        Some(h) => {
            if h.value {
                patch.insert("hostNetwork", true.into());
            }
        }
        None => {
            let origin = pod.origin.clone().unwrap_or_else(|| def.origin.clone());
            diags.report(
                Code::EksHostNetwork,
                &origin,
                "Batch runs EKS pods with hostNetwork: true when the definition does not say; the template keeps that (set hostNetwork: false if the job does not need the node's network)",
            );
            patch.insert("hostNetwork", true.into());
            if pod.dns_policy.is_none() {
                patch.insert("dnsPolicy", "ClusterFirstWithHostNet".into());
            }
        }
    }
    if let Some(d) = &pod.dns_policy {
        patch.insert("dnsPolicy", d.value.clone().into());
    }
    if let Some(s) = &pod.share_process_namespace {
        patch.insert("shareProcessNamespace", s.value.into());
    }
    if !patch.is_empty() {
        b.template.pod_spec_patch = serde_json::to_string(&patch).ok();
    }
}

fn container(
    b: &mut Build<'_>,
    c: &ir::EksContainer,
    used: &mut std::collections::BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Container {
    let origin = c.origin.clone().unwrap_or_else(|| b.def.origin.clone());
    let mut sub = |b: &mut Build<'_>, items: &Option<Vec<ir::Text>>| {
        items.as_ref().map(|items| {
            items
                .iter()
                .map(|t| substitute(b, &t.value, &t.origin, Dollars::Keep, used, diags))
                .collect::<Vec<_>>()
        })
    };
    let command = sub(b, &c.command);
    let args = sub(b, &c.args);
    let env = user_env(&c.env, Dollars::Keep, &mut b.lbrace, diags);
    let mut resources = Resources::default();
    for kv in &c.requests {
        resources
            .requests
            .insert(kv.key.value.clone(), kv.value.value.clone());
    }
    for kv in &c.limits {
        resources
            .limits
            .insert(kv.key.value.clone(), kv.value.value.clone());
    }
    let _ = origin;
    Container {
        name: c
            .name
            .as_ref()
            .map(|n| super::names::dns_label(&n.value, 63)),
        image: c
            .image
            .as_ref()
            .map(|i| i.value.clone())
            .unwrap_or_default(),
        image_pull_policy: c.image_pull_policy.as_ref().map(|p| p.value.clone()),
        command,
        args,
        working_dir: None,
        env,
        resources: (!resources.requests.is_empty() || !resources.limits.is_empty())
            .then_some(resources),
        volume_mounts: c
            .volume_mounts
            .iter()
            .filter_map(|m| {
                Some(VolumeMount {
                    name: m.name.as_ref()?.value.clone(),
                    mount_path: m.mount_path.as_ref()?.value.clone(),
                    sub_path: m.sub_path.as_ref().map(|s| s.value.clone()),
                    read_only: m.read_only.as_ref().map(|r| r.value),
                })
            })
            .collect(),
        security_context: c.security_context.as_ref().map(security_context),
        dependencies: Vec::new(),
    }
}

fn security_context(s: &ir::EksSecurityContext) -> SecurityContext {
    let caps =
        (!s.capabilities_add.is_empty() || !s.capabilities_drop.is_empty()).then(|| Capabilities {
            add: s.capabilities_add.iter().map(|c| c.value.clone()).collect(),
            drop: s
                .capabilities_drop
                .iter()
                .map(|c| c.value.clone())
                .collect(),
        });
    SecurityContext {
        run_as_user: s.run_as_user.as_ref().map(|v| v.value),
        run_as_group: s.run_as_group.as_ref().map(|v| v.value),
        run_as_non_root: s.run_as_non_root.as_ref().map(|v| v.value),
        privileged: s.privileged.as_ref().map(|v| v.value),
        allow_privilege_escalation: s.allow_privilege_escalation.as_ref().map(|v| v.value),
        read_only_root_filesystem: s.read_only_root_filesystem.as_ref().map(|v| v.value),
        capabilities: caps,
        seccomp_profile: s.seccomp_profile.as_ref().map(seccomp),
    }
}

fn seccomp(p: &ir::SeccompProfile) -> SeccompProfile {
    SeccompProfile {
        kind: p.kind.value.clone(),
        localhost_profile: p.localhost_profile.as_ref().map(|l| l.value.clone()),
    }
}

fn volume(v: &ir::EksVolume) -> Volume {
    let mut out = Volume::named(v.name.value.clone());
    match &v.source {
        EksVolumeSource::HostPath(path) => {
            out.host_path = Some(HostPath {
                path: path.as_ref().map(|p| p.value.clone()).unwrap_or_default(),
                kind: None,
            });
        }
        EksVolumeSource::EmptyDir { medium, size_limit } => {
            out.empty_dir = Some(EmptyDir {
                medium: medium
                    .as_ref()
                    .map(|m| m.value.clone())
                    .filter(|m| !m.is_empty()),
                size_limit: size_limit.as_ref().map(|s| s.value.clone()),
            });
        }
        EksVolumeSource::Secret {
            secret_name,
            optional,
        } => {
            out.secret = Some(SecretVolume {
                secret_name: secret_name.value.clone(),
                optional: optional.as_ref().map(|o| o.value),
            });
        }
        EksVolumeSource::PersistentVolumeClaim {
            claim_name,
            read_only,
        } => {
            out.persistent_volume_claim = Some(PvcSource {
                claim_name: claim_name.value.clone(),
                read_only: read_only.as_ref().map(|o| o.value),
            });
        }
        EksVolumeSource::None => {
            out.empty_dir = Some(EmptyDir::default());
        }
    }
    out
}
