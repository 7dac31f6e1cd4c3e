//! RegisterJobDefinition requests and `describe-job-definitions` entries → [`ir::JobDefinition`].

use super::container::read_container;
use super::eks::read_eks_properties;
use crate::diagnostics::{Code, Diagnostics, Spanned};
use crate::ir::{EvaluateOnExit, JobDefinition, JobSpec, RetryAction, RetryStrategy, Status};
use crate::source::read::Obj;

/// Output-only fields of a `describe-job-definitions` entry.
const DESCRIBE_FIELDS: &[&str] = &["jobDefinitionArn", "containerOrchestrationType"];

/// Reads one job definition. Unsupported kinds (multinode, ecsProperties) are reported and
/// yield `None`.
pub fn read_job_definition(mut o: Obj<'_>, diags: &mut Diagnostics) -> Option<JobDefinition> {
    let origin = o.origin();
    let name = o.required_string("jobDefinitionName", "a job definition", diags);
    let kind = o.string("type", diags);
    if kind.is_none() && o.origin_of("type").is_none() {
        diags.report(
            Code::MissingField,
            &origin,
            "a job definition has no `type` (container or multinode)",
        );
    }
    if let Some(n) = &name {
        super::check_name(n, "job definition name", diags);
    }
    let revision = o.int("revision", diags).and_then(|r| {
        let origin = r.origin.clone();
        match u32::try_from(r.value) {
            Ok(v) if v > 0 => Some(Spanned::new(v, origin)),
            _ => {
                diags.report(
                    Code::InvalidValue,
                    &origin,
                    format!("revision {} is not a positive number", r.value),
                );
                None
            }
        }
    });
    let status = match o.string("status", diags) {
        Some(s) if s.value.eq_ignore_ascii_case("INACTIVE") => Status::Inactive,
        Some(s) if !s.value.eq_ignore_ascii_case("ACTIVE") => {
            diags.report(
                Code::InvalidValue,
                &s.origin,
                format!("status `{}` is not ACTIVE or INACTIVE", s.value),
            );
            Status::Active
        }
        _ => Status::Active,
    };
    let parameters = o.string_map("parameters", diags);
    let retry = o.obj("retryStrategy", diags).map(|r| read_retry(r, diags));
    let timeout = read_timeout(&mut o, diags);
    let tags = o.string_map("tags", diags);
    let propagate_tags = o.bool("propagateTags", diags);
    let platform_capabilities = o
        .strings("platformCapabilities", diags)
        .map(|p| p.value)
        .unwrap_or_default();
    for p in &platform_capabilities {
        match p.value.to_ascii_uppercase().as_str() {
            "EC2" | "FARGATE" => {}
            "MANAGED_INSTANCES" => diags.report(
                Code::InvalidValue,
                &p.origin,
                "MANAGED_INSTANCES requires ecsProperties; AWS rejects it with containerProperties or eksProperties",
            ),
            other => diags.report(
                Code::InvalidValue,
                &p.origin,
                format!("platform capability `{other}` is not EC2, FARGATE or MANAGED_INSTANCES"),
            ),
        }
    }
    let scheduling_priority = o.int("schedulingPriority", diags);
    let consumable_resources = o.origin_of("consumableResourceProperties");
    let _ = o.take("consumableResourceProperties");
    o.ignore(DESCRIBE_FIELDS);

    let name_text = name.as_ref().map(|n| n.value.clone()).unwrap_or_default();
    let multinode = kind
        .as_ref()
        .is_some_and(|k| k.value.eq_ignore_ascii_case("multinode"));
    if let Some(k) = &kind {
        if !multinode && !k.value.eq_ignore_ascii_case("container") {
            diags.report(
                Code::InvalidValue,
                &k.origin,
                format!(
                    "job definition type `{}` is not `container` or `multinode`",
                    k.value
                ),
            );
        }
    }
    let node_properties = o.origin_of("nodeProperties");
    let ecs = o.origin_of("ecsProperties");
    let _ = o.take("nodeProperties");
    let _ = o.take("ecsProperties");
    if !multinode && node_properties.is_some() {
        if let Some(at) = &node_properties {
            diags.report(
                Code::ContainerSpecCount,
                at,
                format!("job definition `{name_text}` has nodeProperties, which need `type: multinode`; they are ignored"),
            );
        }
    }
    if multinode {
        let at = kind
            .as_ref()
            .map(|k| k.origin.clone())
            .or(node_properties)
            .unwrap_or_else(|| origin.clone());
        diags.push(
            crate::diagnostics::Diagnostic::new(
                Code::MultinodeUnsupported,
                format!("job definition `{name_text}` is a multi-node parallel job, which batch2argo does not convert yet; nothing is generated for it"),
            )
            .at(&at)
            .with_help("convert the main node's container as a `type: container` definition, or run the job as a JobSet/MPIJob by hand"),
        );
        o.finish(diags);
        return None;
    }
    // Count the specifications given, whatever their type: a malformed one is reported by
    // its reader, not as a missing one.
    let container_given = o.origin_of("containerProperties").is_some();
    let eks_given = o.origin_of("eksProperties").is_some();
    let container = o.obj("containerProperties", diags);
    let eks = o.obj("eksProperties", diags);
    let count = usize::from(container_given) + usize::from(eks_given) + usize::from(ecs.is_some());
    if count > 1 {
        diags.report(
            Code::ContainerSpecCount,
            &origin,
            format!("job definition `{name_text}` sets more than one of containerProperties, eksProperties and ecsProperties"),
        );
        o.finish(diags);
        return None;
    }
    if let Some(ecs) = ecs {
        diags.push(
            crate::diagnostics::Diagnostic::new(
                Code::EcsPropertiesUnsupported,
                format!("job definition `{name_text}` uses ecsProperties (a multi-container ECS task), which batch2argo does not convert yet; nothing is generated for it"),
            )
            .at(&ecs)
            .with_help("rewrite it with containerProperties (one container) or eksProperties (a pod with sidecars)"),
        );
        o.finish(diags);
        return None;
    }
    let spec = if let Some(c) = container {
        let c = read_container(c, diags);
        if c.image.is_none() {
            diags.report(
                Code::MissingField,
                &origin,
                format!("job definition `{name_text}` has no `containerProperties.image`"),
            );
            None
        } else {
            Some(JobSpec::Container(Box::new(c)))
        }
    } else if let Some(e) = eks {
        let e_origin = e.origin();
        match read_eks_properties(e, diags) {
            Some(pod) if !pod.containers.is_empty() => Some(JobSpec::Eks(Box::new(pod))),
            _ => {
                diags.report(
                    Code::MissingField,
                    &e_origin,
                    format!("job definition `{name_text}` has no `eksProperties.podProperties.containers`"),
                );
                None
            }
        }
    } else {
        if !container_given && !eks_given {
            diags.report(
                Code::ContainerSpecCount,
                &origin,
                format!("job definition `{name_text}` has no containerProperties or eksProperties"),
            );
        }
        None
    };
    o.finish(diags);
    Some(JobDefinition {
        name: name?,
        revision,
        status,
        spec: spec?,
        parameters,
        retry,
        timeout,
        tags,
        propagate_tags,
        platform_capabilities,
        scheduling_priority,
        consumable_resources,
        runtime: crate::ir::Runtime::AwsBatch,
        origin,
    })
}

/// `timeout.attemptDurationSeconds`.
pub fn read_timeout(o: &mut Obj<'_>, diags: &mut Diagnostics) -> Option<Spanned<i64>> {
    let mut t = o.obj("timeout", diags)?;
    let seconds = t.int("attemptDurationSeconds", diags);
    t.finish(diags);
    seconds
}

/// `retryStrategy`, with the range and pattern checks AWS applies.
pub fn read_retry(mut r: Obj<'_>, diags: &mut Diagnostics) -> RetryStrategy {
    let origin = r.origin();
    let attempts = r.int("attempts", diags);
    let mut rules = Vec::new();
    for mut e in r.objects("evaluateOnExit", diags) {
        let rule_origin = e.origin();
        let on_status_reason = e.string("onStatusReason", diags);
        let on_reason = e.string("onReason", diags);
        let on_exit_code = e.string("onExitCode", diags);
        let action = e.required_string("action", "an evaluateOnExit rule", diags);
        e.finish(diags);
        let Some(action) = action else { continue };
        let parsed = match action.value.to_ascii_uppercase().as_str() {
            "RETRY" => RetryAction::Retry,
            "EXIT" => RetryAction::Exit,
            other => {
                diags.report(
                    Code::InvalidValue,
                    &action.origin,
                    format!("action `{other}` is not RETRY or EXIT"),
                );
                continue;
            }
        };
        rules.push(EvaluateOnExit {
            on_status_reason,
            on_reason,
            on_exit_code,
            action: Spanned::new(parsed, action.origin),
            origin: rule_origin,
        });
    }
    r.finish(diags);
    RetryStrategy {
        attempts,
        evaluate_on_exit: rules,
        origin,
    }
}
