//! Job queues: which queue, compute environments and scheduling policy a submission runs on,
//! and the Workflow priority that follows from the queue (`--queueing none`).
//!
//! A reference is a name or an ARN (`arn:aws:batch:…:job-queue/<name>`). When the inputs hold
//! no job queue at all, jobs keep working as before and nothing is resolved; when they hold
//! some, a reference that matches none is a warning, since it is most likely a typo.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostics};
use crate::ir::{ComputeEnvironment, JobGraph, JobQueue, Project, SchedulingPolicy, Text};

/// Whether `reference` (a name or an ARN of `kind`) names the object `name`/`arn`.
fn names(reference: &str, kind: &str, name: &str, arn: Option<&Text>) -> bool {
    reference == name
        || arn.is_some_and(|a| a.value == reference)
        || (reference.starts_with("arn:")
            && reference
                .rsplit_once(':')
                .and_then(|(_, tail)| tail.strip_prefix(kind))
                .and_then(|rest| rest.strip_prefix('/'))
                == Some(name))
}

fn queue<'a>(project: &'a Project, reference: &str) -> Option<&'a JobQueue> {
    project
        .queues
        .iter()
        .find(|q| names(reference, "job-queue", &q.name.value, q.arn.as_ref()))
}

pub fn compute_environment<'a>(
    project: &'a Project,
    reference: &str,
) -> Option<&'a ComputeEnvironment> {
    project.compute_environments.iter().find(|c| {
        names(
            reference,
            "compute-environment",
            &c.name.value,
            c.arn.as_ref(),
        )
    })
}

fn scheduling_policy<'a>(project: &'a Project, reference: &str) -> Option<&'a SchedulingPolicy> {
    project.scheduling_policies.iter().find(|p| {
        names(
            reference,
            "scheduling-policy",
            &p.name.value,
            p.arn.as_ref(),
        )
    })
}

/// A job queue with its compute environments (enabled ones, in the queue's order) and policy.
pub struct Resolved<'a> {
    pub queue: &'a JobQueue,
    pub environments: Vec<&'a ComputeEnvironment>,
    pub policy: Option<&'a SchedulingPolicy>,
}

/// The queue a job's `jobQueue` names, resolved.
pub fn resolve<'a>(project: &'a Project, reference: &str) -> Option<Resolved<'a>> {
    let queue = queue(project, reference)?;
    let mut order: Vec<&(crate::diagnostics::Spanned<i64>, Text)> =
        queue.compute_environment_order.iter().collect();
    order.sort_by_key(|(n, _)| n.value);
    let environments = order
        .into_iter()
        .filter_map(|(_, r)| compute_environment(project, &r.value))
        .filter(|c| !disabled(c.state.as_ref()))
        .collect();
    let policy = queue
        .scheduling_policy_arn
        .as_ref()
        .and_then(|a| scheduling_policy(project, &a.value));
    Some(Resolved {
        queue,
        environments,
        policy,
    })
}

fn disabled(state: Option<&Text>) -> bool {
    state.is_some_and(|s| s.value.eq_ignore_ascii_case("DISABLED"))
}

/// Checks each queue's references to compute environments and its scheduling policy. With
/// `needed` (placement or queueing asked for), an unresolved environment is an error; with
/// `policy_needed` (Kueue fair sharing), so is an unresolved policy.
pub fn check_queues(project: &Project, needed: bool, policy_needed: bool, diags: &mut Diagnostics) {
    for q in &project.queues {
        for (_, ce_ref) in &q.compute_environment_order {
            match compute_environment(project, &ce_ref.value) {
                None if needed => diags.report(
                    Code::UnresolvedComputeEnvironmentNeeded,
                    &ce_ref.origin,
                    format!(
                        "job queue `{}` names compute environment `{}`, which is not among the inputs; its placement and quotas cannot be derived",
                        q.name.value, ce_ref.value
                    ),
                ),
                None if !project.compute_environments.is_empty() => diags.report(
                    Code::UnresolvedComputeEnvironment,
                    &ce_ref.origin,
                    format!(
                        "job queue `{}` names compute environment `{}`, which is not among the inputs",
                        q.name.value, ce_ref.value
                    ),
                ),
                Some(ce) if disabled(ce.state.as_ref()) => diags.report(
                    Code::DisabledComputeEnvironment,
                    &ce_ref.origin,
                    format!(
                        "job queue `{}` uses compute environment `{}`, which is DISABLED: Batch starts no new instances in it",
                        q.name.value, ce.name.value
                    ),
                ),
                _ => {}
            }
        }
        if let Some(arn) = &q.scheduling_policy_arn {
            if scheduling_policy(project, &arn.value).is_none() && policy_needed {
                diags.report(
                    Code::UnresolvedSchedulingPolicyNeeded,
                    &arn.origin,
                    format!(
                        "job queue `{}` names scheduling policy `{}`, which is not among the inputs; --queueing kueue needs it for fair sharing",
                        q.name.value, arn.value
                    ),
                );
            } else if scheduling_policy(project, &arn.value).is_none()
                && !project.scheduling_policies.is_empty()
            {
                diags.report(
                    Code::UnresolvedSchedulingPolicy,
                    &arn.origin,
                    format!(
                        "job queue `{}` names scheduling policy `{}`, which is not among the inputs",
                        q.name.value, arn.value
                    ),
                );
            }
        }
    }
}

/// Resolves the queues of a graph's jobs; returns the Workflow priority they give, if any.
pub fn graph_priority(
    project: &Project,
    graph: &JobGraph,
    needed: bool,
    diags: &mut Diagnostics,
) -> Option<i64> {
    if project.queues.is_empty() && !needed {
        return None;
    }
    // Each distinct queue reference once: by the first job that names it.
    let mut seen: BTreeMap<&str, Option<&JobQueue>> = BTreeMap::new();
    for job in &graph.jobs {
        let Some(reference) = &job.queue else {
            continue;
        };
        if seen.contains_key(reference.value.as_str()) {
            continue;
        }
        let found = queue(project, &reference.value);
        match found {
            None if needed => diags.report(
                Code::UnresolvedQueueNeeded,
                &reference.origin,
                format!(
                    "job `{}` is submitted to job queue `{}`, which is not among the inputs; --platform and --queueing need it for placement and queueing",
                    job.name.value, reference.value
                ),
            ),
            None => diags.report(
                Code::UnresolvedQueue,
                &reference.origin,
                format!(
                    "job `{}` is submitted to job queue `{}`, which is not among the inputs; its priority is not applied",
                    job.name.value, reference.value
                ),
            ),
            Some(q) if disabled(q.state.as_ref()) => diags.report(
                Code::DisabledQueue,
                &reference.origin,
                format!(
                    "job `{}` is submitted to job queue `{}`, which is DISABLED: Batch would refuse the submission",
                    job.name.value, q.name.value
                ),
            ),
            Some(_) => {}
        }
        seen.insert(&reference.value, found);
    }
    let priorities: BTreeMap<i64, &str> = seen
        .values()
        .flatten()
        .filter_map(|q| Some((q.priority.as_ref()?.value, q.name.value.as_str())))
        .collect();
    let (&highest, _) = priorities.iter().next_back()?;
    if priorities.len() > 1 {
        let list: Vec<String> = priorities
            .iter()
            .rev()
            .map(|(p, q)| format!("`{q}` {p}"))
            .collect();
        diags.report(
            Code::MixedQueuePriority,
            &graph.origin,
            format!(
                "the jobs of `{}` are on job queues of different priorities ({}); the Workflow takes the highest, {highest}, so every job of it goes first",
                graph.name,
                list.join(", ")
            ),
        );
    }
    Some(highest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Origin, Span, Spanned};

    fn text(s: &str) -> Text {
        Spanned::new(s.to_string(), Origin::new(FileId(0), Span::default(), ""))
    }

    #[test]
    fn names_and_arns() {
        let arn = text("arn:aws:batch:us-east-1:123456789012:job-queue/high");
        assert!(names("high", "job-queue", "high", None));
        assert!(names(&arn.value, "job-queue", "high", None));
        assert!(names(&arn.value, "job-queue", "other", Some(&arn)));
        assert!(!names(&arn.value, "compute-environment", "high", None));
        assert!(!names(
            "arn:aws:batch:us-east-1:1:job-queue/higher",
            "job-queue",
            "high",
            None
        ));
    }
}
