//! A submission's overrides merged onto its job definition, with Batch's merge rules: the
//! command is replaced, environment variables merge by name, resources by type (a deprecated
//! `vcpus`/`memory` override never beats a `resourceRequirements` value), retry strategy and
//! timeout are replaced whole, parameters merge by key.

use crate::diagnostics::{Code, Diagnostics};
use crate::ir::{ContainerOverrides, EksOverrides, Job, JobDefinition, JobSpec, KeyValue};

/// Whether the job changes its definition in ways a template call cannot pass as arguments.
pub fn needs_own_template(job: &Job) -> bool {
    job.container_overrides.is_some()
        || job.eks_overrides.is_some()
        || job.retry.is_some()
        || job.timeout.is_some()
}

/// The definition as this job runs it.
pub fn effective(def: &JobDefinition, job: &Job, diags: &mut Diagnostics) -> JobDefinition {
    let mut out = def.clone();
    out.parameters = merge_by_key(&def.parameters, &job.parameters);
    if let Some(r) = &job.retry {
        out.retry = Some(r.clone());
    }
    if let Some(t) = &job.timeout {
        out.timeout = Some(t.clone());
    }
    match &mut out.spec {
        JobSpec::Container(c) => {
            if let Some(o) = &job.container_overrides {
                apply_container(c, o, diags);
            }
            if let Some(o) = &job.eks_overrides {
                diags.report(
                    Code::InvalidValue,
                    &job.origin,
                    "eksPropertiesOverride is ignored: the job definition is not an EKS definition",
                );
                let _ = o;
            }
        }
        JobSpec::Eks(pod) => {
            if let Some(o) = &job.eks_overrides {
                apply_eks(pod, o, diags);
            }
            if job.container_overrides.is_some() {
                diags.report(Code::InvalidValue, &job.origin, "containerOverrides is ignored: the job definition is an EKS definition (use eksPropertiesOverride)");
            }
        }
    }
    out
}

/// `base` with `over` merged in: same key replaces in place, new keys are appended.
pub fn merge_by_key(base: &[KeyValue], over: &[KeyValue]) -> Vec<KeyValue> {
    let mut out = base.to_vec();
    for kv in over {
        match out.iter_mut().find(|x| x.key.value == kv.key.value) {
            Some(existing) => existing.value = kv.value.clone(),
            None => out.push(kv.clone()),
        }
    }
    out
}

fn apply_container(c: &mut crate::ir::Container, o: &ContainerOverrides, diags: &mut Diagnostics) {
    if let Some(cmd) = &o.command {
        c.command = Some(cmd.clone());
    }
    c.environment = merge_by_key(&c.environment, &o.environment);
    for r in &o.resources {
        c.resources.retain(|x| x.kind != r.kind);
        c.resources.push(r.clone());
    }
    for (kind, legacy, target) in [
        (
            crate::ir::ResourceType::Vcpu,
            &o.legacy_vcpus,
            &mut c.legacy_vcpus,
        ),
        (
            crate::ir::ResourceType::Memory,
            &o.legacy_memory,
            &mut c.legacy_memory,
        ),
    ] {
        let Some(v) = legacy else { continue };
        if c.resources.iter().any(|r| r.kind == kind) {
            diags.report(
                Code::LegacyResourceIgnored,
                &v.origin,
                format!("this deprecated override does not change {} because the job definition gives it in resourceRequirements", kind.as_str()),
            );
        } else {
            *target = Some(v.clone());
        }
    }
    if let Some(t) = &o.instance_type {
        c.instance_type = Some(t.clone());
    }
}

fn apply_eks(pod: &mut crate::ir::EksPod, o: &EksOverrides, diags: &mut Diagnostics) {
    for (containers, overrides) in [
        (&mut pod.containers, &o.containers),
        (&mut pod.init_containers, &o.init_containers),
    ] {
        for ov in overrides {
            // Batch names an unnamed EKS container `Default`.
            let target = match &ov.name {
                Some(n) => containers
                    .iter_mut()
                    .find(|c| c.name.as_ref().map_or("Default", |x| x.value.as_str()) == n.value),
                None if containers.len() == 1 => containers.first_mut(),
                None => None,
            };
            let Some(c) = target else {
                let origin = ov.origin.clone().unwrap_or_else(|| {
                    pod.origin.clone().unwrap_or_else(|| {
                        crate::diagnostics::Origin::new(
                            crate::diagnostics::FileId(0),
                            Default::default(),
                            "",
                        )
                    })
                });
                diags.report(
                    Code::InvalidValue,
                    &origin,
                    format!(
                        "the override names container `{}`, which the job definition does not have",
                        ov.name.as_ref().map(|n| n.value.as_str()).unwrap_or("")
                    ),
                );
                continue;
            };
            if let Some(i) = &ov.image {
                c.image = Some(i.clone());
            }
            if let Some(cmd) = &ov.command {
                c.command = Some(cmd.clone());
            }
            if let Some(args) = &ov.args {
                c.args = Some(args.clone());
            }
            c.env = merge_by_key(&c.env, &ov.env);
            if let Some(l) = &ov.limits {
                c.limits = l.clone();
            }
            if let Some(r) = &ov.requests {
                c.requests = r.clone();
            }
        }
    }
    pod.labels = merge_by_key(&pod.labels, &o.labels);
    pod.annotations = merge_by_key(&pod.annotations, &o.annotations);
    if let Some(ns) = &o.namespace {
        pod.namespace = Some(ns.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::merge_by_key;
    use crate::diagnostics::{FileId, Origin, Span, Spanned};
    use crate::ir::KeyValue;

    fn kv(k: &str, v: &str) -> KeyValue {
        let o = Origin::new(FileId(0), Span::default(), "");
        KeyValue {
            key: Spanned::new(k.into(), o.clone()),
            value: Spanned::new(v.into(), o),
        }
    }

    #[test]
    fn overrides_merge_by_name_in_place() {
        let merged = merge_by_key(&[kv("A", "1"), kv("B", "2")], &[kv("B", "3"), kv("C", "4")]);
        let pairs: Vec<(String, String)> = merged
            .into_iter()
            .map(|k| (k.key.value, k.value.value))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "3".into()),
                ("C".into(), "4".into())
            ]
        );
    }
}
