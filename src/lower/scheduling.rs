//! Job queues, compute environments and scheduling policies: read and checked; only a queue's
//! priority is mapped yet (`queues.rs`).
//! Each one gets an info saying what it does not influence, so nothing is dropped silently.

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

pub fn report(project: &Project, diags: &mut Diagnostics) {
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
        diags.report(
            Code::QueueNotMapped,
            &q.name.origin,
            format!(
                "job queue `{}`: its priority{} becomes the `spec.priority` of the Workflows submitted to it, which orders only workflows waiting for the Argo controller's parallelism (Batch orders jobs across queues that share compute environments, FIFO or fair share within one); its compute environment order and scheduling policy do not influence the output yet",
                q.name.value,
                q.priority.as_ref().map(|p| format!(" {}", p.value)).unwrap_or_default()
            ),
        );
    }
    for ce in &project.compute_environments {
        diags.report(
            Code::ComputeEnvironmentNotMapped,
            &ce.name.origin,
            format!(
                "compute environment `{}` was read but does not influence the output yet: {} capacity, instance types and architecture do not become node placement",
                ce.name.value,
                ce.resource_type.as_ref().map(|t| t.value.as_str()).unwrap_or("its")
            ),
        );
    }
    for p in &project.scheduling_policies {
        diags.report(
            Code::SchedulingPolicyNotMapped,
            &p.name.origin,
            format!(
                "scheduling policy `{}` was read but does not influence the output yet: share weights and compute reservation are not mapped",
                p.name.value
            ),
        );
    }
}
