//! What a BatchCompute job says about its run as a whole: priority, going on after failed
//! instances, archived logs, deletion on success, its description; and the region its tasks are
//! told.
//!
//! `JobFailOnInstanceFail: false` lets the job go on when instances fail: dependents wait for
//! their upstream tasks to finish (succeeded, failed or errored) instead of to succeed. Argo
//! refuses `continueOn` in a DAG that uses `depends`; this is its way of saying the same.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostics, Spanned};
use crate::emit::model::{ObjectMeta, Template, TtlStrategy, WorkflowSpec};
use crate::ir::{
    Artifact, ArtifactRole, Direction, JobDefinition, JobSpec, Project, ResourceRequirement,
    ResourceType, RunSettings, Runtime, VolumeSource,
};

use super::options::{InputMapping, Options};
use super::placement::ecs;

/// Completes BatchCompute definitions with what only the whole project or the options know:
/// the region, their cluster's variables and mounts, a size from its instance type, the image
/// of tasks that had none, and how `InputMapping` reaches the pod.
pub fn prepare(
    defs: &mut [JobDefinition],
    project: &Project,
    options: &Options,
    diags: &mut Diagnostics,
) {
    if defs.iter().all(|d| d.runtime.is_aws()) {
        return;
    }
    set_regions(defs, options, diags);
    let index: BTreeMap<String, usize> = defs
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.runtime.is_aws())
        .map(|(i, d)| (d.name.value.clone(), i))
        .collect();
    let mut sized = std::collections::BTreeSet::new();
    for graph in &project.graphs {
        for job in &graph.jobs {
            let (Some(env), Some(&i)) = (
                &job.compute_environment,
                index.get(&job.job_definition.value),
            ) else {
                continue;
            };
            let Some(ce) = super::queues::compute_environment(project, &env.value) else {
                diags.report(
                    Code::UnresolvedCluster,
                    &env.origin,
                    format!("task `{}` runs on cluster `{}`, whose description is not among the inputs: its pods get no instance type, Spot setting or cluster mounts", job.name.value, env.value),
                );
                continue;
            };
            let JobSpec::Container(c) = &mut defs[i].spec else {
                continue;
            };
            if let Some(d) = &ce.task_defaults {
                let own: Vec<String> = c
                    .environment
                    .iter()
                    .map(|kv| kv.key.value.clone())
                    .collect();
                let mut env: Vec<_> = d
                    .environment
                    .iter()
                    .filter(|kv| !own.contains(&kv.key.value))
                    .cloned()
                    .collect();
                env.append(&mut c.environment);
                c.environment = env;
                for v in &d.volumes {
                    if !c.volumes.iter().any(|x| x.name.value == v.name.value) {
                        c.volumes.push(v.clone());
                    }
                }
                c.mount_points.extend(d.mount_points.iter().cloned());
            }
            if c.resources.is_empty() && sized.insert(i) {
                size(c, ce, diags);
            }
        }
    }
    for d in defs.iter_mut() {
        image(d, options, diags);
        if options.batchcompute.input_mapping == InputMapping::Artifact {
            input_artifacts(d);
        }
    }
}

/// A task's requests from its cluster's instance type: BatchCompute gave each instance the VM.
fn size(c: &mut crate::ir::Container, ce: &crate::ir::ComputeEnvironment, diags: &mut Diagnostics) {
    let Some(t) = ce.instance_types.first() else {
        return;
    };
    let Some(s) = ecs::size(&t.value) else { return };
    let origin = t.origin.clone();
    let mut add = |kind, value: String| {
        c.resources.push(ResourceRequirement {
            kind,
            value: Spanned::new(value, origin.clone()),
            origin: origin.clone(),
        });
    };
    add(ResourceType::Vcpu, s.vcpus.to_string());
    add(ResourceType::Memory, s.memory_mib.to_string());
    if s.gpus > 0 {
        add(ResourceType::Gpu, s.gpus.to_string());
    }
    diags.report(
        Code::InstanceSizing,
        &t.origin,
        format!(
            "instance type `{}`: the pod requests {} vCPU, {} MiB{}{}",
            t.value,
            s.vcpus,
            s.memory_mib,
            if s.gpus > 0 {
                format!(" and {} GPU", s.gpus)
            } else {
                String::new()
            },
            if s.exact {
                ""
            } else {
                " (derived from the type's name, not from the table)"
            }
        ),
    );
}

/// The image of an OSS-registry or VM-image task: the configured mapping or default.
fn image(d: &mut JobDefinition, options: &Options, diags: &mut Diagnostics) {
    let Runtime::BatchCompute(bc) = &d.runtime else {
        return;
    };
    let JobSpec::Container(c) = &mut d.spec else {
        return;
    };
    match &mut c.image {
        Some(image) => {
            if let Some(to) = options.batchcompute.images.get(&image.value) {
                image.value = to.clone();
            } else if let Some(origin) = &bc.oss_registry {
                diags.report(
                    Code::OssRegistryImage,
                    origin,
                    format!("task `{}` runs image `{}` from an OSS registry, which pods cannot pull from: push it to a registry and map it under `batchcompute.images`", bc.task, image.value),
                );
            }
        }
        None => match &options.batchcompute.default_image {
            Some(image) => c.image = Some(Spanned::new(image.clone(), d.origin.clone())),
            None => diags.report(
                Code::NoImage,
                &d.origin,
                format!("task `{}` runs on a VM image, not in a container: set `batchcompute.default-image` in .batch2argo.yaml, or give the task a `Docker.Image`", bc.task),
            ),
        },
    }
}

/// `input-mapping: artifact`: each `InputMapping` folder is downloaded instead of mounted.
fn input_artifacts(d: &mut JobDefinition) {
    let JobSpec::Container(c) = &mut d.spec else {
        return;
    };
    let mut moved = Vec::new();
    c.volumes.retain(|v| match &v.source {
        VolumeSource::Oss(o) if o.input_mapping => {
            moved.push((v.name.value.clone(), o.clone()));
            false
        }
        _ => true,
    });
    for (name, o) in moved {
        let mounts: Vec<_> = c
            .mount_points
            .iter()
            .filter(|m| m.source_volume.as_ref().is_some_and(|s| s.value == name))
            .cloned()
            .collect();
        c.mount_points
            .retain(|m| m.source_volume.as_ref().is_none_or(|s| s.value != name));
        for m in mounts {
            let Some(path) = m.container_path else {
                continue;
            };
            c.artifacts.push(Artifact {
                name: None,
                direction: Direction::Input,
                role: ArtifactRole::Input,
                origin: path.origin.clone(),
                path,
                url: o.url.clone(),
                bucket: Some(o.bucket.clone()),
                key: o.path.trim_start_matches('/').to_string(),
            });
        }
    }
}

/// Gives BatchCompute definitions the configured region (over the one read from the job) and
/// reports, once, the tasks whose region stays unknown.
fn set_regions(defs: &mut [JobDefinition], options: &Options, diags: &mut Diagnostics) {
    let mut unknown = Vec::new();
    for d in defs.iter_mut() {
        if let Runtime::BatchCompute(bc) = &mut d.runtime {
            if let Some(r) = &options.batchcompute.region {
                bc.region = Some(r.clone());
            }
            if bc.region.is_none() {
                unknown.push((bc.task.clone(), d.origin.clone()));
            }
        }
    }
    if let Some((_, origin)) = unknown.first() {
        diags.report(
            Code::UnknownRegion,
            origin,
            format!(
                "the region of {} is unknown, so BATCH_COMPUTE_REGION and BATCH_COMPUTE_OSS_HOST are not set: set `batchcompute.region` in .batch2argo.yaml",
                if unknown.len() == 1 {
                    format!("task `{}`", unknown[0].0)
                } else {
                    format!("{} tasks", unknown.len())
                }
            ),
        );
    }
}

/// The bucket of an `oss://bucket/…` URL.
pub fn bucket_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("oss://")?;
    let bucket = rest.split('/').next().unwrap_or_default();
    (!bucket.is_empty()).then(|| bucket.to_string())
}

/// Puts a job's run settings on its Workflow.
pub fn run_settings(run: &RunSettings, metadata: &mut ObjectMeta, spec: &mut WorkflowSpec) {
    if let Some(d) = &run.description {
        metadata
            .annotations
            .insert("workflows.argoproj.io/description".into(), d.value.clone());
    }
    if run.archive_logs.is_some() {
        spec.archive_logs = Some(true);
    }
    if run.delete_on_success.is_some() {
        spec.ttl_strategy = Some(TtlStrategy {
            seconds_after_success: 0,
        });
    }
    if run.continue_on_failure.is_some() {
        for t in &mut spec.templates {
            continue_on_failure(t);
        }
    }
}

/// Every task of a DAG template waits for its upstream tasks to finish, not to succeed.
fn continue_on_failure(t: &mut Template) {
    let Some(dag) = t.dag.as_mut() else { return };
    for task in &mut dag.tasks {
        if let Some(d) = &task.depends {
            task.depends = Some(completion(d));
        }
    }
}

/// `a.Succeeded && b.Succeeded` → each upstream finished in any way.
fn completion(depends: &str) -> String {
    depends
        .split(" && ")
        .map(|term| match term.strip_suffix(".Succeeded") {
            Some(task) => format!("({task}.Succeeded || {task}.Failed || {task}.Errored)"),
            None => term.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" && ")
}

/// Drops the templates no task calls (the unused single or array entry point of a task).
pub fn prune(templates: &mut Vec<Template>) {
    let mut called = std::collections::BTreeSet::new();
    called.insert("main".to_string());
    for t in templates.iter() {
        for task in t.dag.iter().flat_map(|d| d.tasks.iter()) {
            if let Some(name) = &task.template {
                called.insert(name.clone());
            }
        }
    }
    templates.retain(|t| called.contains(&t.name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependents_wait_for_completion() {
        assert_eq!(
            completion("a.Succeeded && b-2.Succeeded"),
            "(a.Succeeded || a.Failed || a.Errored) && (b-2.Succeeded || b-2.Failed || b-2.Errored)"
        );
    }

    #[test]
    fn buckets_come_from_oss_urls_only() {
        assert_eq!(
            bucket_of("oss://my-bucket/logs/").as_deref(),
            Some("my-bucket")
        );
        assert_eq!(bucket_of("oss:///logs/"), None);
        assert_eq!(bucket_of("s3://b/x"), None);
    }
}
