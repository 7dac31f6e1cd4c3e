//! SubmitJob requests, job graphs and `describe-jobs` dumps → [`ir::JobGraph`].

use super::container::read_resources;
use super::eks::read_eks_overrides;
use super::job_definition::{read_retry, read_timeout};
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::ir::{ContainerOverrides, Dependency, DependencyType, Job, JobGraph, JobSpec};
use crate::source::read::Obj;

/// Runtime fields of a `describe-jobs` entry: read and ignored (reported once per dump).
const RUNTIME_FIELDS: &[&str] = &[
    "jobArn",
    "status",
    "attempts",
    "statusReason",
    "createdAt",
    "startedAt",
    "stoppedAt",
    "nodeDetails",
    "eksAttempts",
    "isCancelled",
    "isTerminated",
    "schedulingPriority",
    "platformCapabilities",
    "consumableResourceProperties",
    "nodeProperties",
];

/// Which shape the job object has.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum JobShape {
    Submit,
    Describe,
}

pub fn read_job(mut o: Obj<'_>, shape: JobShape, diags: &mut Diagnostics) -> Option<Job> {
    let origin = o.origin();
    let name = o.required_string("jobName", "a job", diags);
    if let Some(n) = &name {
        super::check_name(n, "job name", diags);
    }
    let id = if shape == JobShape::Describe {
        o.string("jobId", diags)
    } else {
        None
    };
    let queue = o.string("jobQueue", diags);
    let job_definition = o.required_string("jobDefinition", "a job", diags);
    let parameters = o.string_map("parameters", diags);
    let mut array_size = None;
    if let Some(mut a) = o.obj("arrayProperties", diags) {
        array_size = a.int("size", diags);
        if shape == JobShape::Describe {
            a.ignore(&["statusSummary", "statusSummaryLastUpdatedAt", "index"]);
        }
        a.finish(diags);
    }
    let mut depends_on = Vec::new();
    for mut d in o.objects("dependsOn", diags) {
        let d_origin = d.origin();
        let job_id = d.string("jobId", diags);
        let kind = match d.string("type", diags) {
            None => DependencyType::Plain,
            Some(t) => match t.value.to_ascii_uppercase().as_str() {
                "N_TO_N" => DependencyType::NToN,
                "SEQUENTIAL" => DependencyType::Sequential,
                other => {
                    diags.report(
                        Code::InvalidValue,
                        &t.origin,
                        format!("dependency type `{other}` is not N_TO_N or SEQUENTIAL"),
                    );
                    DependencyType::Plain
                }
            },
        };
        d.finish(diags);
        depends_on.push(Dependency {
            job_id,
            kind,
            origin: d_origin,
        });
    }
    let retry = o.obj("retryStrategy", diags).map(|r| read_retry(r, diags));
    let timeout = read_timeout(&mut o, diags);
    // A describe-jobs entry carries the effective container or pod; a submission, overrides.
    let mut effective_spec = None;
    let mut container_overrides = None;
    let mut eks_overrides = None;
    if shape == JobShape::Describe {
        if let Some(c) = o.obj("container", diags) {
            let c = super::container::read_container(c, diags);
            effective_spec = Some(JobSpec::Container(Box::new(c)));
        }
        if let Some(e) = o.obj("eksProperties", diags) {
            if let Some(pod) = super::eks::read_eks_properties(e, diags) {
                effective_spec = Some(JobSpec::Eks(Box::new(pod)));
            }
        }
    } else {
        container_overrides = o
            .obj("containerOverrides", diags)
            .map(|c| read_container_overrides(c, diags));
        eks_overrides = o
            .obj("eksPropertiesOverride", diags)
            .map(|e| read_eks_overrides(e, diags));
    }
    for unsupported in [
        "ecsPropertiesOverride",
        "nodeOverrides",
        "consumableResourcePropertiesOverride",
        "ecsProperties",
    ] {
        if let Some(at) = o.origin_of(unsupported) {
            let _ = o.take(unsupported);
            let code = match unsupported {
                "nodeOverrides" => Code::MultinodeUnsupported,
                "consumableResourcePropertiesOverride" => Code::ConsumableResources,
                _ => Code::EcsPropertiesUnsupported,
            };
            let message = if code == Code::ConsumableResources {
                format!("`{unsupported}` is not enforced on Argo; the job does not wait for the resource")
            } else {
                format!("`{unsupported}` is not converted: it overrides a job definition kind batch2argo does not support yet")
            };
            diags.report(code, &at, message);
        }
    }
    let tags = o.string_map("tags", diags);
    let propagate_tags = o.bool("propagateTags", diags);
    let share_identifier = o.string("shareIdentifier", diags);
    let scheduling_priority_override = o.int("schedulingPriorityOverride", diags);
    if shape == JobShape::Describe {
        o.ignore(RUNTIME_FIELDS);
    }
    o.finish(diags);
    Some(Job {
        name: name?,
        id,
        queue,
        job_definition: job_definition?,
        parameters,
        array_size,
        depends_on,
        retry,
        timeout,
        container_overrides: container_overrides.filter(|c| !c.is_empty()),
        eks_overrides,
        tags,
        propagate_tags,
        share_identifier,
        scheduling_priority_override,
        effective_spec,
        compute_environment: None,
        app_config: Vec::new(),
        origin,
    })
}

fn read_container_overrides(mut c: Obj<'_>, diags: &mut Diagnostics) -> ContainerOverrides {
    let out = ContainerOverrides {
        command: c.strings("command", diags),
        environment: c.name_values("environment", diags),
        resources: read_resources(&mut c, "resourceRequirements", diags),
        legacy_vcpus: c.int("vcpus", diags),
        legacy_memory: c.int("memory", diags),
        instance_type: c.string("instanceType", diags),
    };
    c.finish(diags);
    out
}

/// A job graph: a list of SubmitJob requests (`[...]` or `{"jobs": [...]}`).
pub fn read_graph(
    name: String,
    items: Vec<Obj<'_>>,
    shape: JobShape,
    origin: Origin,
    diags: &mut Diagnostics,
) -> JobGraph {
    let mut jobs: Vec<Job> = items
        .into_iter()
        .filter_map(|o| read_job(o, shape, diags))
        .collect();
    if shape == JobShape::Describe {
        fold_children(&mut jobs, &origin, diags);
    }
    JobGraph {
        name,
        jobs,
        by_id: shape == JobShape::Describe,
        run: crate::ir::RunSettings::default(),
        origin,
    }
}

/// In a `describe-jobs` dump, array children (`PARENT:INDEX`) and MNP nodes (`JOB#NODE`) listed
/// next to their parent are folded into it.
fn fold_children(jobs: &mut Vec<Job>, origin: &Origin, diags: &mut Diagnostics) {
    let ids: Vec<String> = jobs
        .iter()
        .filter_map(|j| j.id.as_ref().map(|i| i.value.clone()))
        .collect();
    let before = jobs.len();
    jobs.retain(|j| {
        let Some(id) = &j.id else { return true };
        let parent = id.value.split([':', '#']).next().unwrap_or("");
        !(parent != id.value && ids.iter().any(|i| i == parent))
    });
    let folded = before - jobs.len();
    diags.report(
        Code::RuntimeState,
        origin,
        if folded > 0 {
            format!("runtime fields (status, attempts, timestamps) were ignored, and {folded} array children or nodes were folded into their parent jobs")
        } else {
            "runtime fields (status, attempts, timestamps) were ignored; only the submitted specification is converted".to_string()
        },
    );
    // Ids of folded children may appear in dependsOn as `PARENT:INDEX`: depend on the parent.
    for job in jobs.iter_mut() {
        for dep in &mut job.depends_on {
            if let Some(id) = &mut dep.job_id {
                if let Some((parent, _)) = id.value.split_once(':') {
                    if ids.iter().any(|i| i == parent) {
                        id.value = parent.to_string();
                    }
                }
            }
        }
    }
}
