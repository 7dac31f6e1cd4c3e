//! App descriptions → reusable job definitions (WorkflowTemplates), and App jobs → a run of one.
//!
//! An App's inputs with a `LocalPath` are OSS files or folders copied to that path (outputs:
//! from it), and `${name}` in its command line means that path; other inputs are values
//! substituted into the command line. A location travels as two parameters, `<name>-bucket` and
//! `<name>-key`, which the artifact's location names, so each job can point the same App at its
//! own data. An App's `Config` gives defaults a job may override only where `Overwritable`.

use super::cluster;
use super::job::{log_redirect, read_run, shell, WORKDIR};
use super::storage::split_oss;
use super::{host_of, region_of_host};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Spanned};
use crate::ir::{
    App, Artifact, ArtifactRole, BatchCompute, ComputeEnvironment, Container, Direction, Job,
    JobDefinition, JobGraph, JobSpec, KeyValue, Project, RetryStrategy, Runtime, Status, Text,
};
use crate::source::read::{pointer_token, read_string, Obj};

/// An App name without its public-App prefix (`:name`, `Public:name`).
pub fn app_name(reference: &str) -> &str {
    reference
        .strip_prefix("Public:")
        .or_else(|| reference.strip_prefix(':'))
        .unwrap_or(reference)
}

/// The entries of a map field as `(key, object)`.
fn entries<'a>(o: &mut Obj<'a>, key: &str, diags: &mut Diagnostics) -> Vec<(Text, Obj<'a>)> {
    let Some(map) = o.obj(key, diags) else {
        return Vec::new();
    };
    let ctx = map.ctx;
    let mut out = Vec::new();
    for e in map.node.as_map().unwrap_or(&[]) {
        let ptr = format!("{}/{}", map.ptr, pointer_token(&e.key));
        let k = Spanned::new(
            e.key.clone(),
            crate::diagnostics::Origin::new(ctx.file, e.key_span, ptr.clone()),
        );
        if let Some(v) = Obj::new(ctx, &e.value, ptr, diags) {
            out.push((k, v));
        }
    }
    out
}

/// A scalar read as text, whatever its type (App values are typed String or Number).
fn text(o: &mut Obj<'_>, key: &str) -> Option<Text> {
    let (node, ptr) = o.take(key)?;
    let s = node.as_scalar()?;
    Some(Spanned::new(s.text.clone(), o.ctx.origin(node, &ptr)))
}

/// Reads an App description into a job definition (and the environment of its Config).
pub fn read_app(
    mut o: Obj<'_>,
    project: &mut Project,
    diags: &mut Diagnostics,
) -> Option<JobDefinition> {
    let origin = o.origin();
    let name = o.string("Name", diags)?;
    let mut info = App::default();
    let mut container = Container {
        working_dir: Some(Spanned::new(WORKDIR.to_string(), origin.clone())),
        ..Container::default()
    };
    let mut parameters = Vec::new();
    let mut tags = Vec::new();
    if let Some(d) = o.string("Description", diags) {
        tags.push(KeyValue {
            key: Spanned::new("Description".into(), d.origin.clone()),
            value: d,
        });
    }
    // `${name}` → the local path of a location parameter.
    let mut paths: Vec<(String, String)> = Vec::new();
    for (direction, key) in [
        (Direction::Input, "InputParameters"),
        (Direction::Output, "OutputParameters"),
    ] {
        for (p, mut spec) in entries(&mut o, key, diags) {
            let _ = spec.string("Description", diags);
            let _ = spec.string("Type", diags);
            let default = text(&mut spec, "Default");
            let local = spec
                .string("LocalPath", diags)
                .filter(|l| !l.value.is_empty());
            spec.finish(diags);
            match local {
                Some(local) => {
                    let bucket = format!("{}-bucket", p.value);
                    let object = format!("{}-key", p.value);
                    if let Some(d) = &default {
                        match split_oss(&d.value)
                            .map(|(b, k)| (b, k.trim_end_matches('/').to_string()))
                        {
                            Some((b, k)) => {
                                parameters.push(KeyValue {
                                    key: Spanned::new(bucket.clone(), p.origin.clone()),
                                    value: Spanned::new(b, d.origin.clone()),
                                });
                                parameters.push(KeyValue {
                                    key: Spanned::new(object.clone(), p.origin.clone()),
                                    value: Spanned::new(k, d.origin.clone()),
                                });
                            }
                            None => diags.report(
                                Code::InvalidValue,
                                &d.origin,
                                format!(
                                    "the default of `{}` is not an `oss://bucket/path` URL",
                                    p.value
                                ),
                            ),
                        }
                    }
                    paths.push((p.value.clone(), local.value.clone()));
                    container.artifacts.push(Artifact {
                        name: Some(p.value.clone()),
                        direction,
                        role: if direction == Direction::Input {
                            ArtifactRole::Input
                        } else {
                            ArtifactRole::Output
                        },
                        origin: local.origin.clone(),
                        path: local,
                        url: p.clone(),
                        bucket: Some(format!("{{{{inputs.parameters.{bucket}}}}}")),
                        key: format!("{{{{inputs.parameters.{object}}}}}"),
                    });
                    info.locations.push(p.value);
                }
                None if direction == Direction::Input => {
                    if let Some(d) = default {
                        parameters.push(KeyValue {
                            key: p.clone(),
                            value: d,
                        });
                    }
                    info.values.push(p.value);
                }
                None => diags.report(
                    Code::MissingField,
                    &p.origin,
                    format!(
                        "output `{}` has no `LocalPath`, so nothing says what to store",
                        p.value
                    ),
                ),
            }
        }
    }
    match o.string("CommandLine", diags) {
        Some(mut line) => {
            for (p, path) in &paths {
                line.value = line.value.replace(&format!("${{{p}}}"), path);
            }
            shell(&mut container, line);
        }
        None => diags.report(
            Code::MissingField,
            &origin,
            format!("App `{}` has no `CommandLine`", name.value),
        ),
    }
    for kv in o.string_map("EnvVars", diags) {
        if kv
            .key
            .value
            .starts_with(crate::lower::environment::BATCH_COMPUTE_PREFIX)
        {
            diags.report(
                Code::ReservedBatchComputeEnv,
                &kv.key.origin,
                format!("`{}` uses the prefix BATCH_COMPUTE_, which BatchCompute reserves; batch2argo sets the injected variables itself, so this one was left out", kv.key.value),
            );
            continue;
        }
        container.environment.push(kv);
    }
    let mut oss_registry = None;
    if let Some(mut d) = o.obj("Docker", diags) {
        container.image = d.string("Image", diags);
        if let Some(r) = d
            .string("RegistryOSSPath", diags)
            .filter(|r| !r.value.is_empty())
        {
            oss_registry = Some(r.origin);
        }
        d.finish(diags);
    }
    if let Some((node, ptr)) = o.take("VM") {
        diags.report(
            Code::VmOnlySetting,
            &o.ctx.origin(node, &ptr),
            format!("App `{}` runs on a VM image: it needs a container image (`batchcompute.default-image`)", name.value),
        );
    }
    if let Some(d) = o.bool("Daemonize", diags).filter(|d| d.value) {
        diags.report(
            Code::VmOnlySetting,
            &d.origin,
            "`Daemonize` runs the App as a daemon on its VM; it is not converted",
        );
    }
    let mut ce = cluster::environment(
        Spanned::new(format!("app.{}", name.value), origin.clone()),
        origin.clone(),
    );
    let mut retry = None;
    let mut timeout = None;
    for (key, mut c) in entries(&mut o, "Config", diags) {
        let default = text(&mut c, "Default");
        let overwritable = c.bool("Overwritable", diags).is_some_and(|w| w.value);
        let _ = c.string("Description", diags);
        c.finish(diags);
        if overwritable {
            info.overwritable.push(key.value.clone());
        } else {
            info.fixed.push(key.value.clone());
        }
        let Some(default) = default else { continue };
        config(&key, &default, &mut ce, diags);
        match key.value.as_str() {
            "MaxRetryCount" => retry = retry_of(&default, diags),
            "Timeout" => timeout = int(&default, diags).filter(|t| t.value > 0),
            "InstanceCount" | "InstanceCounts" => info.instance_count = int(&default, diags),
            "ClusterId" if !default.value.is_empty() => info.cluster = Some(default.clone()),
            _ => {}
        }
    }
    o.finish(diags);
    if ce.instance_types.is_empty() && ce.resource_type.is_none() && ce.disk_gib.is_none() {
        info.environment = None;
    } else {
        info.environment = Some(ce.name.value.clone());
        project.compute_environments.push(ce);
    }
    let region = container
        .image
        .as_ref()
        .and_then(|i| host_of(&i.value))
        .and_then(region_of_host);
    Some(JobDefinition {
        name: name.clone(),
        revision: None,
        status: Status::Active,
        spec: JobSpec::Container(Box::new(container)),
        parameters,
        retry,
        timeout,
        tags,
        propagate_tags: None,
        platform_capabilities: Vec::new(),
        scheduling_priority: None,
        consumable_resources: None,
        runtime: Runtime::BatchCompute(BatchCompute {
            task: name.value,
            region,
            oss_registry,
            app: Some(Box::new(info)),
        }),
        origin,
    })
}

fn int(t: &Text, diags: &mut Diagnostics) -> Option<Spanned<i64>> {
    match t.value.trim().parse::<i64>() {
        Ok(n) => Some(Spanned::new(n, t.origin.clone())),
        Err(_) => {
            diags.report(
                Code::WrongType,
                &t.origin,
                format!("`{}` is not a whole number", t.value),
            );
            None
        }
    }
}

fn retry_of(t: &Text, diags: &mut Diagnostics) -> Option<RetryStrategy> {
    let n = int(t, diags)?;
    (n.value > 0).then(|| RetryStrategy {
        origin: n.origin.clone(),
        attempts: Some(n.map(|v| v.saturating_add(1))),
        evaluate_on_exit: Vec::new(),
    })
}

/// One `Config` value: capacity goes into the environment, VM settings are reported; retries,
/// timeout and instance count are the caller's.
fn config(key: &Text, value: &Text, ce: &mut ComputeEnvironment, diags: &mut Diagnostics) {
    match key.value.as_str() {
        "InstanceType" if !value.value.is_empty() => ce.instance_types = vec![value.clone()],
        "ResourceType" => ce.resource_type = Some(value.clone()),
        "MinDiskSize" | "MinDataDiskSize" => {
            // The system disk's standard size held the VM's OS, which a pod does not need.
            let standard = if key.value == "MinDiskSize" {
                cluster::STANDARD_SYSTEM_DISK_GIB
            } else {
                0
            };
            if let Some(n) = int(value, diags).filter(|n| n.value > standard) {
                let total = ce
                    .disk_gib
                    .as_ref()
                    .map_or(0, |d| d.value)
                    .saturating_add(n.value - standard);
                ce.disk_gib = Some(Spanned::new(total, n.origin));
            }
        }
        "DiskType" | "DataDiskType" | "DataDiskMountPoint" | "ClassicNetwork" | "ReserveOnFail" => {
            diags.report(
                Code::VmOnlySetting,
                &key.origin,
                format!("Config `{}` configures BatchCompute's VMs and has no meaning for a pod; it is not converted", key.value),
            );
        }
        "InstanceCount" | "InstanceCounts" | "MaxRetryCount" | "Timeout" | "ClusterId"
        | "InstanceType" => {}
        other => diags.report(
            Code::UnknownBatchComputeField,
            &key.origin,
            format!("`{other}` is not an App Config key; it was ignored"),
        ),
    }
}

/// Reads an App job: a run of one job calling the App, linked to it once every input is read.
pub fn read_app_job(mut o: Obj<'_>, project: &mut Project, diags: &mut Diagnostics) {
    let origin = o.origin();
    let (name, mut run) = read_run(&mut o, diags);
    run.inline = false;
    run.app = true;
    let Some(mut a) = o.obj("App", diags) else {
        diags.report(Code::MissingField, &origin, "the App job has no `App`");
        return;
    };
    let Some(app) = a.string("AppName", diags) else {
        diags.report(
            Code::MissingField,
            &a.origin(),
            "the App job names no `AppName`",
        );
        return;
    };
    let mut parameters = Vec::new();
    for key in ["Inputs", "Outputs"] {
        let Some(map) = a.obj(key, diags) else {
            continue;
        };
        let ctx = map.ctx;
        for e in map.node.as_map().unwrap_or(&[]) {
            let ptr = format!("{}/{}", map.ptr, pointer_token(&e.key));
            let k = Spanned::new(
                e.key.clone(),
                crate::diagnostics::Origin::new(ctx.file, e.key_span, ptr.clone()),
            );
            let value = match e.value.as_scalar() {
                Some(s) => Some(Spanned::new(s.text.clone(), ctx.origin(&e.value, &ptr))),
                None => read_string(ctx, &e.value, &ptr, diags),
            };
            if let Some(value) = value {
                parameters.push(KeyValue { key: k, value });
            }
        }
    }
    if let Some(mut l) = a.obj("Logging", diags) {
        for key in ["StdoutPath", "StderrPath"] {
            log_redirect(&mut l, key, &mut run, diags);
        }
        l.finish(diags);
    }
    let mut app_config = Vec::new();
    if let Some(c) = a.obj("Config", diags) {
        let ctx = c.ctx;
        for e in c.node.as_map().unwrap_or(&[]) {
            let ptr = format!("{}/{}", c.ptr, pointer_token(&e.key));
            let k = Spanned::new(
                e.key.clone(),
                crate::diagnostics::Origin::new(ctx.file, e.key_span, ptr.clone()),
            );
            if let Some(s) = e.value.as_scalar() {
                app_config.push(KeyValue {
                    key: k,
                    value: Spanned::new(s.text.clone(), ctx.origin(&e.value, &ptr)),
                });
            }
        }
    }
    a.finish(diags);
    o.finish(diags);
    let app_ref = Spanned::new(app_name(&app.value).to_string(), app.origin.clone());
    let job = Job {
        name: app_ref.clone(),
        id: None,
        queue: None,
        job_definition: app_ref,
        parameters,
        array_size: None,
        depends_on: Vec::new(),
        retry: None,
        timeout: None,
        container_overrides: None,
        eks_overrides: None,
        tags: Vec::new(),
        propagate_tags: None,
        share_identifier: None,
        scheduling_priority_override: None,
        effective_spec: None,
        compute_environment: None,
        app_config,
        origin: origin.clone(),
    };
    project.graphs.push(JobGraph {
        name: name.map_or_else(|| app.value.clone(), |n| n.value),
        jobs: vec![job],
        by_id: false,
        run,
        origin,
    });
}

/// Links App jobs to their Apps once every input is read: location parameters are split,
/// `Config` values checked and applied. A job whose App is missing is an error and is dropped.
pub fn link(project: &mut Project, diags: &mut Diagnostics) {
    let apps: Vec<(String, App, Option<ComputeEnvironment>)> = project
        .job_definitions
        .iter()
        .filter_map(|d| match &d.runtime {
            Runtime::BatchCompute(BatchCompute { app: Some(app), .. }) => {
                let ce = app.environment.as_ref().and_then(|e| {
                    project
                        .compute_environments
                        .iter()
                        .find(|c| &c.name.value == e)
                        .cloned()
                });
                Some((d.name.value.clone(), (**app).clone(), ce))
            }
            _ => None,
        })
        .collect();
    let mut extra_environments = Vec::new();
    project.graphs.retain_mut(|graph| {
        if !graph.run.app {
            return true;
        }
        let graph_name = graph.name.clone();
        let Some(job) = graph.jobs.first_mut() else {
            return false;
        };
        let Some((_, app, ce)) = apps.iter().find(|(n, _, _)| *n == job.job_definition.value) else {
            diags.push(
                Diagnostic::new(Code::UnknownApp, format!("App job `{graph_name}` runs App `{}`, whose description is not among the inputs", job.job_definition.value))
                    .at(&job.job_definition.origin)
                    .with_help("add the App's JSON (`bcs a <name> --show_json`, or the CreateApp body) to the inputs"),
            );
            return false;
        };
        let mut parameters = Vec::new();
        for kv in std::mem::take(&mut job.parameters) {
            if app.locations.contains(&kv.key.value) {
                // Argo reads a folder by its key without the slash (a key with one may name an
                // empty folder marker object).
                match split_oss(&kv.value.value).map(|(b, k)| (b, k.trim_end_matches('/').to_string())) {
                    Some((b, k)) => {
                        parameters.push(KeyValue { key: Spanned::new(format!("{}-bucket", kv.key.value), kv.key.origin.clone()), value: Spanned::new(b, kv.value.origin.clone()) });
                        parameters.push(KeyValue { key: Spanned::new(format!("{}-key", kv.key.value), kv.key.origin.clone()), value: Spanned::new(k, kv.value.origin.clone()) });
                    }
                    None => diags.report(Code::InvalidValue, &kv.value.origin, format!("`{}` is an OSS location of the App, and `{}` is not an `oss://bucket/path` URL", kv.key.value, kv.value.value)),
                }
            } else if app.values.contains(&kv.key.value) {
                parameters.push(kv);
            } else {
                diags.report(Code::AppOverride, &kv.key.origin, format!("App `{}` declares no input or output `{}`", job.job_definition.value, kv.key.value));
            }
        }
        job.parameters = parameters;
        let mut count_set = false;
        let mut own: Option<ComputeEnvironment> = None;
        for kv in std::mem::take(&mut job.app_config) {
            let key = kv.key.value.as_str();
            if app.fixed.iter().any(|f| f == key) || !app.overwritable.iter().any(|f| f == key) {
                diags.report(
                    Code::AppOverride,
                    &kv.key.origin,
                    format!("App `{}` does not let jobs override Config `{key}`", job.job_definition.value),
                );
                continue;
            }
            match key {
                "InstanceCount" | "InstanceCounts" => match kv.value.value.trim().parse::<i64>() {
                    Ok(n) if n > 1 => {
                        count_set = true;
                        job.array_size = Some(Spanned::new(n, kv.value.origin.clone()));
                    }
                    Ok(1) => count_set = true,
                    _ => diags.report(Code::InvalidValue, &kv.value.origin, format!("InstanceCount `{}` is not a count of 1 or more", kv.value.value)),
                },
                "MaxRetryCount" => {
                    job.retry = Some(retry_of(&kv.value, diags).unwrap_or(RetryStrategy {
                        origin: kv.value.origin.clone(),
                        attempts: Some(Spanned::new(1, kv.value.origin.clone())),
                        evaluate_on_exit: Vec::new(),
                    }));
                }
                "Timeout" => job.timeout = int(&kv.value, diags),
                "ClusterId" => job.compute_environment = Some(kv.value.clone()),
                _ => {
                    let env = own.get_or_insert_with(|| {
                        let mut e = ce.clone().unwrap_or_else(|| cluster::environment(kv.key.clone(), kv.key.origin.clone()));
                        e.name = Spanned::new(format!("{graph_name}.{}", job.job_definition.value), kv.key.origin.clone());
                        e
                    });
                    config(&kv.key, &kv.value, env, diags);
                }
            }
        }
        if job.compute_environment.is_none() {
            job.compute_environment = match own {
                Some(e) => {
                    let name = e.name.clone();
                    extra_environments.push(e);
                    Some(name)
                }
                None => ce.as_ref().map(|c| c.name.clone()).or(app.cluster.clone()),
            };
        }
        // The App's own instance count, unless the job set one.
        if !count_set {
            job.array_size = app.instance_count.clone().filter(|n| n.value > 1);
        }
        true
    });
    project.compute_environments.extend(extra_environments);
}
