//! `eksProperties.podProperties` → [`ir::EksPod`], and `eksPropertiesOverride` → [`ir::EksOverrides`].

use crate::diagnostics::Diagnostics;
use crate::ir::{
    EksContainer, EksContainerOverride, EksOverrides, EksPod, EksPodSecurityContext,
    EksSecurityContext, EksVolume, EksVolumeMount, EksVolumeSource, KeyValue, SeccompProfile, Text,
};
use crate::source::read::Obj;

/// Runtime-only fields of `describe-jobs` EKS objects, read and ignored.
const POD_RUNTIME_FIELDS: &[&str] = &["podName", "nodeName"];
const CONTAINER_RUNTIME_FIELDS: &[&str] = &["exitCode", "reason"];

/// Reads `eksProperties` (the wrapper object) into a pod.
pub fn read_eks_properties(mut o: Obj<'_>, diags: &mut Diagnostics) -> Option<EksPod> {
    let pod = o.obj("podProperties", diags).map(|p| read_pod(p, diags));
    o.finish(diags);
    pod
}

fn read_pod(mut p: Obj<'_>, diags: &mut Diagnostics) -> EksPod {
    let mut pod = EksPod {
        origin: Some(p.origin()),
        service_account_name: p.string("serviceAccountName", diags),
        host_network: p.bool("hostNetwork", diags),
        dns_policy: p.string("dnsPolicy", diags),
        share_process_namespace: p.bool("shareProcessNamespace", diags),
        ..EksPod::default()
    };
    for mut s in p.objects("imagePullSecrets", diags) {
        if let Some(name) = s.required_string("name", "an image pull secret", diags) {
            pod.image_pull_secrets.push(name);
        }
        s.finish(diags);
    }
    pod.containers = p
        .objects("containers", diags)
        .into_iter()
        .map(|c| read_container(c, diags))
        .collect();
    pod.init_containers = p
        .objects("initContainers", diags)
        .into_iter()
        .map(|c| read_container(c, diags))
        .collect();
    for mut v in p.objects("volumes", diags) {
        let origin = v.origin();
        let name = v.required_string("name", "a volume", diags);
        let mut source = EksVolumeSource::None;
        if let Some(mut h) = v.obj("hostPath", diags) {
            source =
                EksVolumeSource::HostPath(h.required_string("path", "a hostPath volume", diags));
            h.finish(diags);
        } else if let Some(at) = v.origin_of("hostPath") {
            let _ = v.take("hostPath");
            diags.report(
                crate::diagnostics::Code::MissingField,
                &at,
                "a hostPath volume has no `path`",
            );
        }
        if let Some(mut e) = v.obj("emptyDir", diags) {
            source = EksVolumeSource::EmptyDir {
                medium: e.string("medium", diags),
                size_limit: e.string("sizeLimit", diags),
            };
            e.finish(diags);
        } else if v.has("emptyDir") || v.origin_of("emptyDir").is_some() {
            let _ = v.take("emptyDir");
            source = EksVolumeSource::EmptyDir {
                medium: None,
                size_limit: None,
            };
        }
        if let Some(mut s) = v.obj("secret", diags) {
            let secret_name = s.required_string("secretName", "a secret volume", diags);
            let optional = s.bool("optional", diags);
            s.finish(diags);
            if let Some(secret_name) = secret_name {
                source = EksVolumeSource::Secret {
                    secret_name,
                    optional,
                };
            }
        } else if let Some(at) = v.origin_of("secret") {
            let _ = v.take("secret");
            diags.report(
                crate::diagnostics::Code::MissingField,
                &at,
                "a secret volume has no `secretName`",
            );
        }
        if let Some(mut c) = v.obj("persistentVolumeClaim", diags) {
            let claim_name =
                c.required_string("claimName", "a persistentVolumeClaim volume", diags);
            let read_only = c.bool("readOnly", diags);
            c.finish(diags);
            if let Some(claim_name) = claim_name {
                source = EksVolumeSource::PersistentVolumeClaim {
                    claim_name,
                    read_only,
                };
            }
        } else if let Some(at) = v.origin_of("persistentVolumeClaim") {
            let _ = v.take("persistentVolumeClaim");
            diags.report(
                crate::diagnostics::Code::MissingField,
                &at,
                "a persistentVolumeClaim volume has no `claimName`",
            );
        }
        v.finish(diags);
        if let Some(name) = name {
            pod.volumes.push(EksVolume {
                name,
                source,
                origin,
            });
        }
    }
    if let Some(mut m) = p.obj("metadata", diags) {
        pod.labels = m.string_map("labels", diags);
        pod.annotations = m.string_map("annotations", diags);
        pod.namespace = m.string("namespace", diags);
        m.finish(diags);
    }
    if let Some(mut s) = p.obj("securityContext", diags) {
        pod.security_context = Some(EksPodSecurityContext {
            run_as_user: s.int("runAsUser", diags),
            run_as_group: s.int("runAsGroup", diags),
            run_as_non_root: s.bool("runAsNonRoot", diags),
            fs_group: s.int("fsGroup", diags),
            seccomp_profile: read_seccomp(&mut s, diags),
        });
        s.finish(diags);
    }
    p.ignore(POD_RUNTIME_FIELDS);
    p.finish(diags);
    pod
}

fn read_container(mut c: Obj<'_>, diags: &mut Diagnostics) -> EksContainer {
    let mut out = EksContainer {
        origin: Some(c.origin()),
        name: c.string("name", diags),
        image: c.string("image", diags),
        image_pull_policy: c.string("imagePullPolicy", diags),
        command: c.strings("command", diags).map(|s| s.value),
        args: c.strings("args", diags).map(|s| s.value),
        env: read_env(&mut c, diags),
        ..EksContainer::default()
    };
    if out.image.is_none() {
        diags.report(
            crate::diagnostics::Code::MissingField,
            &c.origin(),
            "an EKS container has no `image`",
        );
    }
    if let Some(mut r) = c.obj("resources", diags) {
        out.limits = r.string_map("limits", diags);
        out.requests = r.string_map("requests", diags);
        r.finish(diags);
    }
    for mut m in c.objects("volumeMounts", diags) {
        out.volume_mounts.push(EksVolumeMount {
            origin: m.origin(),
            name: m.required_string("name", "a volume mount", diags),
            mount_path: m.required_string("mountPath", "a volume mount", diags),
            sub_path: m.string("subPath", diags),
            read_only: m.bool("readOnly", diags),
        });
        m.finish(diags);
    }
    if let Some(mut s) = c.obj("securityContext", diags) {
        let mut sc = EksSecurityContext {
            run_as_user: s.int("runAsUser", diags),
            run_as_group: s.int("runAsGroup", diags),
            privileged: s.bool("privileged", diags),
            allow_privilege_escalation: s.bool("allowPrivilegeEscalation", diags),
            read_only_root_filesystem: s.bool("readOnlyRootFilesystem", diags),
            run_as_non_root: s.bool("runAsNonRoot", diags),
            ..EksSecurityContext::default()
        };
        if let Some(mut caps) = s.obj("capabilities", diags) {
            sc.capabilities_add = caps
                .strings("add", diags)
                .map(|s| s.value)
                .unwrap_or_default();
            sc.capabilities_drop = caps
                .strings("drop", diags)
                .map(|s| s.value)
                .unwrap_or_default();
            caps.finish(diags);
        }
        sc.seccomp_profile = read_seccomp(&mut s, diags);
        s.finish(diags);
        out.security_context = Some(sc);
    }
    c.ignore(CONTAINER_RUNTIME_FIELDS);
    c.finish(diags);
    out
}

fn read_env(c: &mut Obj<'_>, diags: &mut Diagnostics) -> Vec<KeyValue> {
    c.name_values("env", diags)
}

fn read_seccomp(s: &mut Obj<'_>, diags: &mut Diagnostics) -> Option<SeccompProfile> {
    let mut p = s.obj("seccompProfile", diags)?;
    let kind: Option<Text> = p.required_string("type", "a seccomp profile", diags);
    let localhost_profile = p.string("localhostProfile", diags);
    p.finish(diags);
    Some(SeccompProfile {
        kind: kind?,
        localhost_profile,
    })
}

/// `eksPropertiesOverride`.
pub fn read_eks_overrides(mut o: Obj<'_>, diags: &mut Diagnostics) -> EksOverrides {
    let mut out = EksOverrides::default();
    if let Some(mut p) = o.obj("podProperties", diags) {
        out.containers = p
            .objects("containers", diags)
            .into_iter()
            .map(|c| read_container_override(c, diags))
            .collect();
        out.init_containers = p
            .objects("initContainers", diags)
            .into_iter()
            .map(|c| read_container_override(c, diags))
            .collect();
        if let Some(mut m) = p.obj("metadata", diags) {
            out.labels = m.string_map("labels", diags);
            out.annotations = m.string_map("annotations", diags);
            out.namespace = m.string("namespace", diags);
            m.finish(diags);
        }
        p.finish(diags);
    }
    o.finish(diags);
    out
}

fn read_container_override(mut c: Obj<'_>, diags: &mut Diagnostics) -> EksContainerOverride {
    let mut out = EksContainerOverride {
        origin: Some(c.origin()),
        name: c.string("name", diags),
        image: c.string("image", diags),
        command: c.strings("command", diags).map(|s| s.value),
        args: c.strings("args", diags).map(|s| s.value),
        env: read_env(&mut c, diags),
        ..EksContainerOverride::default()
    };
    if let Some(mut r) = c.obj("resources", diags) {
        // An empty map is an explicit replacement too: it clears that side.
        if r.origin_of("limits").is_some() {
            out.limits = Some(r.string_map("limits", diags));
        }
        if r.origin_of("requests").is_some() {
            out.requests = Some(r.string_map("requests", diags));
        }
        r.finish(diags);
    }
    c.finish(diags);
    out
}
