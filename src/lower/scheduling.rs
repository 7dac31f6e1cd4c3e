//! Job queues and scheduling policies: duplicates, and what a queue's priority and a policy
//! become (or do not) under the chosen `--queueing`, said once per object so nothing is
//! dropped silently. Placement is `placement/`, queueing objects `queueing/`.

use super::options::{Options, Queueing};
use crate::diagnostics::{Code, Diagnostics};
use crate::ir::Project;

/// Objects of one kind given twice under the same name with different content.
fn duplicates<'a>(
    items: impl Iterator<Item = (&'a crate::ir::Text, &'a str)>,
    what: &str,
    diags: &mut Diagnostics,
) {
    let mut seen: std::collections::BTreeMap<&str, &str> = std::collections::BTreeMap::new();
    for (name, content) in items {
        match seen.get(name.value.as_str()) {
            Some(first) if *first != content => diags.report(
                Code::DuplicateDefinition,
                &name.origin,
                format!(
                    "{what} `{}` is defined again with different content",
                    name.value
                ),
            ),
            Some(_) => {}
            None => {
                seen.insert(&name.value, content);
            }
        }
    }
}

pub fn report(project: &Project, options: &Options, diags: &mut Diagnostics) {
    duplicates(
        project.queues.iter().map(|q| (&q.name, q.content.as_str())),
        "job queue",
        diags,
    );
    duplicates(
        project
            .compute_environments
            .iter()
            .map(|c| (&c.name, c.content.as_str())),
        "compute environment",
        diags,
    );
    duplicates(
        project
            .scheduling_policies
            .iter()
            .map(|p| (&p.name, p.content.as_str())),
        "scheduling policy",
        diags,
    );
    for q in &project.queues {
        let priority = q
            .priority
            .as_ref()
            .map(|p| format!(" {}", p.value))
            .unwrap_or_default();
        let what = match options.queueing {
            Queueing::None | Queueing::Semaphore => "becomes the `spec.priority` of the Workflows submitted to it, which orders only workflows waiting for the Argo controller's parallelism",
            Queueing::Kueue => "becomes the `spec.priority` of its Workflows; Kueue orders the queue's pods by WorkloadPriorityClass and creation time, not by queue priority",
            Queueing::Volcano => "becomes the `spec.priority` of its Workflows and the Volcano Queue's `priority`",
        };
        diags.report(
            Code::QueueNotMapped,
            &q.name.origin,
            format!(
                "job queue `{}`: its priority{priority} {what} (Batch orders jobs across queues that share compute environments by it, FIFO or fair share within one)",
                q.name.value
            ),
        );
    }
    if matches!(options.queueing, Queueing::None | Queueing::Semaphore) {
        for p in &project.scheduling_policies {
            diags.report(
                Code::SchedulingPolicyNotMapped,
                &p.name.origin,
                format!(
                    "scheduling policy `{}` does not influence the output with --queueing {}: share weights and compute reservation need --queueing kueue",
                    p.name.value,
                    options.queueing.as_str()
                ),
            );
        }
    }
}
