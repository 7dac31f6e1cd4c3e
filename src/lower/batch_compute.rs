//! What a BatchCompute job says about its run as a whole: priority, going on after failed
//! instances, archived logs, deletion on success, its description; and the region its tasks are
//! told.
//!
//! `JobFailOnInstanceFail: false` lets the job go on when instances fail: dependents wait for
//! their upstream tasks to finish (succeeded, failed or errored) instead of to succeed, and DAGs
//! do not fail fast, so a failed branch does not stop the others from starting. Argo refuses
//! `continueOn` in a DAG that uses `depends`; this is its way of saying the same.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostics, Spanned};
use crate::emit::model::{ObjectMeta, Template, TtlStrategy, WorkflowSpec};
use crate::ir::{
    Artifact, ArtifactRole, BatchCompute, Direction, JobDefinition, JobSpec, Project,
    ResourceRequirement, ResourceType, RunSettings, Runtime, VolumeSource,
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
    // An App is sized by its own Config, whichever clusters its jobs pick.
    for (i, d) in defs.iter_mut().enumerate() {
        let env = match &d.runtime {
            Runtime::BatchCompute(BatchCompute { app: Some(app), .. }) => app.environment.clone(),
            _ => None,
        };
        let (Some(env), JobSpec::Container(c)) = (env, &mut d.spec) else {
            continue;
        };
        if let Some(ce) = super::queues::compute_environment(project, &env) {
            if c.resources.is_empty() && sized.insert(i) {
                size(c, ce, diags);
            }
        }
    }
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
                    format!("task `{}` runs on cluster `{}`, and no cluster description among the inputs has that `Id` or `Name`: its pods get no instance type, Spot setting or cluster mounts", job.name.value, env.value),
                );
                continue;
            };
            // An App is shared by its jobs: only its own Config's environment sizes it; a job on
            // another cluster gets that cluster's settings as overrides (`app_jobs`).
            if let Runtime::BatchCompute(BatchCompute { app: Some(app), .. }) = &defs[i].runtime {
                if app.environment.as_deref() != Some(ce.name.value.as_str()) {
                    continue;
                }
            }
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
                // A task's own mount wins over the cluster's at the same path.
                let taken: Vec<String> = c
                    .mount_points
                    .iter()
                    .filter_map(|m| m.container_path.as_ref().map(|p| p.value.clone()))
                    .collect();
                c.mount_points.extend(
                    d.mount_points
                        .iter()
                        .filter(|m| {
                            m.container_path
                                .as_ref()
                                .is_none_or(|p| !taken.contains(&p.value))
                        })
                        .cloned(),
                );
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

/// App jobs whose cluster is not their App's own: copies of their graphs where each such job
/// carries the cluster's variables and size as container overrides, so it gets a template of its
/// own and the App's WorkflowTemplate stays as the App defines it. Keyed by graph index.
pub fn app_jobs(
    project: &Project,
    defs: &[JobDefinition],
    diags: &mut Diagnostics,
) -> BTreeMap<usize, crate::ir::JobGraph> {
    let mut out = BTreeMap::new();
    for (gi, graph) in project.graphs.iter().enumerate() {
        if !graph.run.app {
            continue;
        }
        let mut copy = graph.clone();
        let mut changed = false;
        for job in &mut copy.jobs {
            let Some(def) = defs
                .iter()
                .find(|d| d.name.value == job.job_definition.value)
            else {
                continue;
            };
            let Runtime::BatchCompute(BatchCompute { app: Some(app), .. }) = &def.runtime else {
                continue;
            };
            let Some(env) = &job.compute_environment else {
                continue;
            };
            if app.environment.as_deref() == Some(env.value.as_str()) {
                continue;
            }
            let Some(ce) = super::queues::compute_environment(project, &env.value) else {
                continue;
            };
            let mut sized = crate::ir::Container::default();
            size(&mut sized, ce, diags);
            let mut overrides = job.container_overrides.clone().unwrap_or_default();
            overrides.resources.extend(sized.resources);
            if let Some(d) = &ce.task_defaults {
                let own: Vec<&str> = match &def.spec {
                    JobSpec::Container(c) => c
                        .environment
                        .iter()
                        .map(|kv| kv.key.value.as_str())
                        .collect(),
                    JobSpec::Eks(_) => Vec::new(),
                };
                overrides.environment.extend(
                    d.environment
                        .iter()
                        .filter(|kv| !own.contains(&kv.key.value.as_str()))
                        .cloned(),
                );
                if let Some(m) = d.mount_points.first() {
                    diags.report(
                        Code::ClusterMounts,
                        &m.origin,
                        format!("the mounts of cluster `{}` are not added to App job `{}`, whose template is the App's: add them to the App", ce.name.value, graph.name),
                    );
                }
            }
            if !overrides.is_empty() {
                job.container_overrides = Some(overrides);
                changed = true;
            }
        }
        if changed {
            out.insert(gi, copy);
        }
    }
    out
}

/// A task's requests from its cluster's instance type: BatchCompute gave each instance the VM.
fn size(c: &mut crate::ir::Container, ce: &crate::ir::ComputeEnvironment, diags: &mut Diagnostics) {
    let Some(t) = ce.instance_types.first() else {
        return;
    };
    let Some(s) = ecs::size(&t.value) else {
        diags.report(
            Code::ComputeEnvironmentNotMapped,
            &t.origin,
            format!("instance type `{}` is not one batch2argo knows, so the pod is not sized from it: give the task MEMORY and VCPU through its cluster's instance type, or expect the platform's default size", t.value),
        );
        return;
    };
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
    let folders: Vec<(String, crate::ir::OssVolume)> = c
        .volumes
        .iter()
        .filter_map(|v| match &v.source {
            VolumeSource::Oss(o) if o.input_mapping => Some((v.name.value.clone(), (**o).clone())),
            _ => None,
        })
        .collect();
    for (name, o) in folders {
        let of_volume =
            |m: &crate::ir::MountPoint| m.source_volume.as_ref().is_some_and(|s| s.value == name);
        // Only read-only mounts can be downloaded instead: what a task writes must reach OSS.
        let read_only = |m: &crate::ir::MountPoint| m.read_only.as_ref().is_some_and(|r| r.value);
        let moved: Vec<_> = c
            .mount_points
            .iter()
            .filter(|m| of_volume(m) && read_only(m))
            .cloned()
            .collect();
        c.mount_points.retain(|m| !(of_volume(m) && read_only(m)));
        if !c.mount_points.iter().any(of_volume) {
            c.volumes.retain(|v| v.name.value != name);
        }
        for m in moved {
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
    let mut guessed = None;
    for d in defs.iter_mut() {
        if let Runtime::BatchCompute(bc) = &mut d.runtime {
            match (&options.batchcompute.region, &bc.region) {
                (Some(r), _) => bc.region = Some(r.clone()),
                (None, Some(r)) => {
                    guessed.get_or_insert((r.clone(), bc.task.clone(), d.origin.clone()));
                }
                (None, None) => unknown.push((bc.task.clone(), d.origin.clone())),
            }
        }
    }
    if let Some((region, task, origin)) = guessed {
        diags.report(
            Code::RegionFromHost,
            &origin,
            format!("the region `{region}` (OSS endpoints, BATCH_COMPUTE_REGION) was read from a host name in task `{task}`; set `batchcompute.region` in .batch2argo.yaml if the buckets are elsewhere"),
        );
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

/// Every task of a DAG template waits for its upstream tasks to finish, not to succeed, and a
/// failed task does not stop the DAG from starting the others (`failFast: false`).
fn continue_on_failure(t: &mut Template) {
    let Some(dag) = t.dag.as_mut() else { return };
    dag.fail_fast = Some(false);
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
