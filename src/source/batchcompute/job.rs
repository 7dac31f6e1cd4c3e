//! A DAG job description → a job graph of its tasks, each with a job definition of its own.
//!
//! `Dependencies` is keyed by the task that runs first (`{"split": ["count"]}`: count waits for
//! split), the reverse of AWS's `dependsOn`; it is inverted here so the graph stage sees every
//! input alike. A task runs its command line through `sh -c` in `/batchcompute/workdir`, as
//! BatchCompute's Docker mode did, and `InstanceCount` instances of it run in parallel.

use std::collections::BTreeMap;

use super::storage::{self, Storage};
use super::{cluster, host_of, region_of_host};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin, Spanned};
use crate::ir::{
    BatchCompute, Container, Dependency, DependencyType, Job, JobDefinition, JobGraph, JobSpec,
    KeyValue, Project, RetryStrategy, RunSettings, Runtime, Status, Text,
};
use crate::source::read::{pointer_token, Obj};

/// The working directory of a BatchCompute container (its package is unpacked there).
pub const WORKDIR: &str = "/batchcompute/workdir";
/// The variables that choose an image from an OSS registry (the legacy Docker form).
const DOCKER_IMAGE: &str = "BATCH_COMPUTE_DOCKER_IMAGE";
const DOCKER_REGISTRY: &str = "BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH";

/// Runs `line` as BatchCompute did: through `sh -c`, in place of the image's ENTRYPOINT.
pub fn shell(container: &mut Container, line: Text) {
    let at = line.origin.clone();
    container.entrypoint = Some(Spanned::new(
        vec![
            Spanned::new("sh".to_string(), at.clone()),
            Spanned::new("-c".to_string(), at.clone()),
        ],
        at.clone(),
    ));
    container.command = Some(Spanned::new(vec![line], at));
}

/// A folder stdout or stderr went to: the run archives its logs instead (reported once).
pub fn log_redirect(o: &mut Obj<'_>, key: &str, run: &mut RunSettings, diags: &mut Diagnostics) {
    let Some(path) = o.string(key, diags).filter(|p| !p.value.is_empty()) else {
        return;
    };
    if run.archive_logs.is_none() {
        diags.report(
            Code::LogRedirect,
            &path.origin,
            format!("{key} `{}`: pod logs are archived in the Workflow's artifact repository (`archiveLogs: true`), not in that folder", path.value),
        );
        run.archive_logs = Some(path);
    }
}

/// Job-level fields shared by DAG and App jobs: they become the run's settings.
pub fn read_run(o: &mut Obj<'_>, diags: &mut Diagnostics) -> (Option<Text>, RunSettings) {
    let name = o.string("Name", diags);
    if name.is_none() {
        diags.push(
            Diagnostic::new(Code::MissingField, "the job has no `Name`")
                .at(&o.origin())
                .with_help(
                    "BatchCompute requires a job name ([a-zA-Z0-9_-], at most 100 characters)",
                ),
        );
    }
    let _ = o.string("Type", diags);
    let mut run = RunSettings {
        description: o.string("Description", diags),
        inline: true,
        ..RunSettings::default()
    };
    if let Some(p) = o.int("Priority", diags) {
        if !(0..=1000).contains(&p.value) {
            diags.report(
                Code::InvalidValue,
                &p.origin,
                format!("Priority {} is outside 0–1000", p.value),
            );
        }
        run.priority = Some(p);
    }
    if let Some(f) = o.bool("JobFailOnInstanceFail", diags) {
        if !f.value {
            diags.report(
                Code::ContinueOnFailure,
                &f.origin,
                "JobFailOnInstanceFail is false: each task's dependents wait for it to finish rather than to succeed; a failed task that nothing depends on still marks the Workflow failed",
            );
            run.continue_on_failure = Some(f.origin);
        }
    }
    if let Some(a) = o.bool("AutoRelease", diags) {
        if a.value {
            run.delete_on_success = Some(a.origin);
        }
    }
    if let Some((node, _)) = o.take("Notification") {
        let origin = o.ctx.origin(node, &format!("{}/Notification", o.ptr));
        diags.report(
            Code::Notification,
            &origin,
            "the job's MNS notification is not converted: add an exit handler (`hooks.exit`) that posts to the topic, or use Argo's workflow events",
        );
    }
    (name, run)
}

/// Reads a DAG job into a graph plus one job definition (and maybe a cluster) per task.
pub fn read_job(mut o: Obj<'_>, project: &mut Project, diags: &mut Diagnostics) {
    let origin = o.origin();
    let (name, mut run) = read_run(&mut o, diags);
    let job_name = name
        .as_ref()
        .map_or_else(|| "batchcompute-job".to_string(), |n| n.value.clone());
    let mut tasks: Vec<(Text, Obj<'_>)> = Vec::new();
    let mut dependencies = Vec::new();
    match o.obj("DAG", diags) {
        Some(mut dag) => {
            if let Some(t) = dag.obj("Tasks", diags) {
                let ctx = t.ctx;
                for e in t.node.as_map().unwrap_or(&[]) {
                    let ptr = format!("{}/{}", t.ptr, pointer_token(&e.key));
                    let key = Spanned::new(
                        e.key.clone(),
                        Origin::new(ctx.file, e.key_span, ptr.clone()),
                    );
                    if let Some(task) = Obj::new(ctx, &e.value, ptr, diags) {
                        tasks.push((key, task));
                    }
                }
            }
            if let Some(d) = dag.obj("Dependencies", diags) {
                let ctx = d.ctx;
                for e in d.node.as_map().unwrap_or(&[]) {
                    let ptr = format!("{}/{}", d.ptr, pointer_token(&e.key));
                    let up = Spanned::new(
                        e.key.clone(),
                        Origin::new(ctx.file, e.key_span, ptr.clone()),
                    );
                    let downs: Vec<Text> = match e.value.as_seq() {
                        Some(items) => items
                            .iter()
                            .enumerate()
                            .filter_map(|(i, n)| {
                                crate::source::read::read_string(
                                    ctx,
                                    n,
                                    &format!("{ptr}/{i}"),
                                    diags,
                                )
                            })
                            .collect(),
                        None => {
                            // A single downstream task written as a string.
                            crate::source::read::read_string(ctx, &e.value, &ptr, diags)
                                .into_iter()
                                .collect()
                        }
                    };
                    dependencies.push((up, downs));
                }
            }
            dag.finish(diags);
        }
        None => diags.report(
            Code::MissingField,
            &origin,
            format!("job `{job_name}` has no `DAG`"),
        ),
    }
    o.finish(diags);

    let names: Vec<String> = tasks.iter().map(|(k, _)| k.value.clone()).collect();
    // Downstream task → its upstream tasks, in input order.
    let mut upstream: BTreeMap<String, Vec<Text>> = BTreeMap::new();
    for (up, downs) in &dependencies {
        if !names.contains(&up.value) {
            unknown_task(&up.value, &up.origin, &job_name, diags);
            continue;
        }
        for down in downs {
            if !names.contains(&down.value) {
                unknown_task(&down.value, &down.origin, &job_name, diags);
                continue;
            }
            let ups = upstream.entry(down.value.clone()).or_default();
            if !ups.iter().any(|u| u.value == up.value) {
                ups.push(up.clone());
            }
        }
    }
    if tasks.is_empty() {
        diags.report(
            Code::MissingField,
            &origin,
            format!("job `{job_name}` has no tasks in `DAG.Tasks`"),
        );
    }
    let mut jobs = Vec::new();
    let mut packages = std::collections::BTreeSet::new();
    for (key, task) in tasks {
        let depends_on = upstream
            .remove(&key.value)
            .unwrap_or_default()
            .into_iter()
            .map(|up| Dependency {
                origin: up.origin.clone(),
                job_id: Some(up),
                kind: DependencyType::Plain,
            })
            .collect();
        if let Some(job) = read_task(
            &job_name,
            key,
            task,
            depends_on,
            &mut run,
            &mut packages,
            project,
            diags,
        ) {
            jobs.push(job);
        }
    }
    project.graphs.push(JobGraph {
        name: job_name,
        jobs,
        by_id: false,
        run,
        origin,
    });
}

fn unknown_task(name: &str, origin: &Origin, job: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::new(
            Code::UnknownJob,
            format!("`Dependencies` of job `{job}` names task `{name}`, which `DAG.Tasks` does not define"),
        )
        .at(origin)
        .with_help("correct the name, or add the task"),
    );
}

/// One task: its definition (pushed into the project) and its job in the graph.
#[allow(clippy::too_many_arguments)]
fn read_task(
    job_name: &str,
    key: Text,
    mut t: Obj<'_>,
    depends_on: Vec<Dependency>,
    run: &mut RunSettings,
    packages: &mut std::collections::BTreeSet<String>,
    project: &mut Project,
    diags: &mut Diagnostics,
) -> Option<Job> {
    let origin = t.origin();
    let task = key.value.clone();
    let instances = t.int("InstanceCount", diags);
    if let Some(n) = &instances {
        if n.value < 1 {
            diags.report(
                Code::InvalidValue,
                &n.origin,
                format!("InstanceCount {} is below 1", n.value),
            );
        }
    }
    let retries = t.int("MaxRetryCount", diags);
    if let Some(r) = &retries {
        if r.value < 0 {
            diags.report(
                Code::InvalidValue,
                &r.origin,
                format!("MaxRetryCount {} is negative", r.value),
            );
        }
    }
    let timeout = t.int("Timeout", diags);
    if let Some(s) = &timeout {
        if s.value < 1 {
            diags.report(
                Code::InvalidValue,
                &s.origin,
                format!("Timeout {} is not a positive number of seconds", s.value),
            );
        }
    }

    let mut container = Container {
        working_dir: Some(Spanned::new(WORKDIR.to_string(), origin.clone())),
        ..Container::default()
    };
    let mut hosts: Vec<String> = Vec::new();
    let mut oss_registry = None;
    let mut storage = Storage::default();
    if let Some(mut p) = t.obj("Parameters", diags) {
        if let Some(mut c) = p.obj("Command", diags) {
            match c.string("CommandLine", diags) {
                Some(line) => shell(&mut container, line),
                None => diags.report(
                    Code::MissingField,
                    &c.origin(),
                    format!("task `{task}` has no `Parameters.Command.CommandLine`"),
                ),
            }
            if let Some(package) = c
                .string("PackagePath", diags)
                .filter(|p| !p.value.is_empty())
            {
                storage.package(job_name, package, packages, diags);
            }
            let env = c.string_map("EnvVars", diags);
            let mut registry_image = None;
            let mut registry_path = None;
            for kv in env {
                match kv.key.value.as_str() {
                    DOCKER_IMAGE => registry_image = Some(kv.value),
                    DOCKER_REGISTRY => registry_path = Some(kv.value),
                    k if k.starts_with(crate::lower::environment::BATCH_COMPUTE_PREFIX) => {
                        diags.report(
                            Code::ReservedBatchComputeEnv,
                            &kv.key.origin,
                            format!("`{k}` uses the prefix BATCH_COMPUTE_, which BatchCompute reserves; batch2argo sets the injected variables itself, so this one was left out"),
                        );
                    }
                    _ => container.environment.push(kv),
                }
            }
            if let Some(mut d) = c.obj("Docker", diags) {
                container.image = d.string("Image", diags);
                d.finish(diags);
            }
            if container.image.is_none() {
                if let Some(image) = registry_image {
                    // `docker=registry…` in a job.cfg names an ordinary registry image.
                    if registry_path.is_some() || image.value.starts_with("localhost:5000/") {
                        oss_registry = Some(
                            registry_path
                                .as_ref()
                                .map_or(image.origin.clone(), |p| p.origin.clone()),
                        );
                    }
                    container.image = Some(image);
                }
            } else if let Some(image) = registry_image {
                diags.report(
                    Code::OssRegistryImage,
                    &image.origin,
                    "BATCH_COMPUTE_DOCKER_IMAGE is ignored: `Docker.Image` names the image",
                );
            }
            c.finish(diags);
        }
        for key in ["StdoutRedirectPath", "StderrRedirectPath"] {
            log_redirect(&mut p, key, run, diags);
        }
        if let Some(mut m) = p.obj("InputMappingConfig", diags) {
            for k in ["Locale", "Lock"] {
                if let Some((node, ptr)) = m.take(k) {
                    let value = node.as_scalar().map(|s| s.text.clone()).unwrap_or_default();
                    storage.option(k, value, m.ctx.origin(node, &ptr));
                }
            }
            m.finish(diags);
        }
        p.finish(diags);
    } else {
        diags.report(
            Code::MissingField,
            &origin,
            format!("task `{task}` has no `Parameters`"),
        );
    }
    let write_support = t.bool("WriteSupport", diags).is_some_and(|w| w.value);
    for (oss, local) in storage::pairs(&mut t, "InputMapping", diags) {
        storage.input_mapping(oss, local, write_support, diags);
    }
    for (local, oss) in storage::pairs(&mut t, "OutputMapping", diags) {
        storage.output(local, oss, diags);
    }
    for (local, oss) in storage::pairs(&mut t, "LogMapping", diags) {
        storage.log(local, oss, diags);
    }
    if let Some(m) = t.obj("Mounts", diags) {
        storage.mounts(m, diags);
    }

    let cluster_id = t.string("ClusterId", diags).filter(|c| !c.value.is_empty());
    let auto = t.obj("AutoCluster", diags);
    let environment = match (cluster_id, auto) {
        (Some(id), Some(a)) => {
            diags.report(
                Code::InvalidValue,
                &id.origin,
                format!("task `{task}` has both `ClusterId` and a non-empty `AutoCluster`; BatchCompute rejects that, and the cluster `{}` is used", id.value),
            );
            a.finish(&mut Diagnostics::new());
            Some(id)
        }
        (Some(id), None) => Some(id),
        (None, Some(a)) => {
            let name = Spanned::new(format!("{job_name}.{task}"), a.origin());
            let containerised = container.image.is_some();
            let auto = cluster::read_auto_cluster(name.clone(), a, containerised, diags);
            if let Some(m) = auto.mounts {
                storage.mounts(m, diags);
            }
            if let Some(d) = auto.data_disk {
                storage.scratch(d, diags);
            }
            project.compute_environments.push(auto.environment);
            Some(name)
        }
        (None, None) => {
            diags.report(
                Code::MissingField,
                &origin,
                format!("task `{task}` names neither a `ClusterId` nor an `AutoCluster`"),
            );
            None
        }
    };
    t.finish(diags);

    storage.finish(&mut container, &mut hosts, diags);
    if let Some(image) = &container.image {
        hosts.extend(host_of(&image.value).map(str::to_string));
    }
    let region = hosts.iter().find_map(|h| region_of_host(h));
    let retry = retries.filter(|r| r.value > 0).map(|r| RetryStrategy {
        origin: r.origin.clone(),
        attempts: Some(r.map(|n| n.saturating_add(1))),
        evaluate_on_exit: Vec::new(),
    });
    let def_name = Spanned::new(format!("{job_name}.{task}"), key.origin.clone());
    project.job_definitions.push(JobDefinition {
        name: def_name.clone(),
        revision: None,
        status: Status::Active,
        spec: JobSpec::Container(Box::new(container)),
        parameters: Vec::new(),
        retry,
        timeout: timeout.filter(|t| t.value > 0),
        tags: Vec::new(),
        propagate_tags: None,
        platform_capabilities: Vec::new(),
        scheduling_priority: None,
        consumable_resources: None,
        runtime: Runtime::BatchCompute(BatchCompute {
            task: task.clone(),
            region,
            oss_registry,
            app: None,
        }),
        origin: origin.clone(),
    });
    Some(Job {
        name: key,
        id: None,
        queue: None,
        job_definition: def_name,
        parameters: Vec::<KeyValue>::new(),
        array_size: instances.filter(|n| n.value > 1),
        depends_on,
        retry: None,
        timeout: None,
        container_overrides: None,
        eks_overrides: None,
        tags: Vec::new(),
        propagate_tags: None,
        share_identifier: None,
        scheduling_priority_override: None,
        effective_spec: None,
        compute_environment: environment,
        app_config: Vec::new(),
        origin,
    })
}
