//! What job queues, compute environments and scheduling policies configure that no generated
//! object can carry: fields that only configure AWS capacity (B2A313), UNMANAGED environments
//! (B2A315), `jobStateTimeLimitActions` (B2A316), SageMaker service-environment queues (B2A317)
//! and quota-share policies (B2A318).
//!
//! The reader accepts these fields and notes where they are; this pass reports each occurrence
//! at its field, so none is dropped silently. A field with children (`launchTemplate`,
//! `ec2Configuration`) is one finding, not one per item.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
use crate::ir::Project;

/// The verb of most capacity fields: they configure the instances.
const INSTANCES: &str = "configures AWS capacity";
/// The verb of most fields about AWS Batch's own resources rather than its instances.
const BATCH: &str = "configures AWS Batch itself";
/// What carries an instance setting on Kubernetes.
const NODE_POOLS: &str = "the cluster's node pools carry it";
/// What replaces most AWS Batch settings on Kubernetes.
const NOT_NEEDED: &str = "nothing on the cluster needs it";

/// `(inventory path, verb, what it configures, what takes its place on the cluster)`: the
/// wording of B2A313 for each field the reader notes, except `tags`.
const WORDING: &[(&str, &str, &str, &str)] = &[
    (
        "unmanagedvCpus",
        INSTANCES,
        "the vCPUs fair share assumes the UNMANAGED environment has",
        "the nodes that stand for it provide the capacity",
    ),
    (
        "serviceRole",
        BATCH,
        "the IAM role AWS Batch manages the environment with",
        NOT_NEEDED,
    ),
    ("context", BATCH, "a field AWS reserves", NOT_NEEDED),
    (
        "updatePolicy",
        BATCH,
        "what an infrastructure update does to running jobs",
        "the node pools' disruption settings decide it on the cluster",
    ),
    (
        "computeResources.allocationStrategy",
        INSTANCES,
        "how instance types are picked",
        NODE_POOLS,
    ),
    (
        "computeResources.minvCpus",
        INSTANCES,
        "the vCPUs kept running when idle",
        NODE_POOLS,
    ),
    (
        "computeResources.desiredvCpus",
        INSTANCES,
        "the vCPUs AWS Batch is scaling to",
        NODE_POOLS,
    ),
    (
        "computeResources.imageId",
        INSTANCES,
        "the AMI of the instances",
        NODE_POOLS,
    ),
    (
        "computeResources.ec2KeyPair",
        INSTANCES,
        "the SSH key pair of the instances",
        NODE_POOLS,
    ),
    (
        "computeResources.instanceRole",
        INSTANCES,
        "the instance profile of the instances",
        NODE_POOLS,
    ),
    (
        "computeResources.placementGroup",
        INSTANCES,
        "the EC2 placement group of the instances",
        NODE_POOLS,
    ),
    (
        "computeResources.spotIamFleetRole",
        INSTANCES,
        "the IAM role of the Spot Fleet",
        NODE_POOLS,
    ),
    (
        "computeResources.subnets",
        INSTANCES,
        "the VPC subnets instances launch in",
        NODE_POOLS,
    ),
    (
        "computeResources.securityGroupIds",
        INSTANCES,
        "the security groups of the instances",
        NODE_POOLS,
    ),
    (
        "computeResources.tags",
        INSTANCES,
        "tags on the instances it launches",
        NODE_POOLS,
    ),
    (
        "computeResources.capacityTags",
        INSTANCES,
        "tags on the ECS capacity provider and its instances",
        NODE_POOLS,
    ),
    (
        "computeResources.launchTemplate",
        INSTANCES,
        "the EC2 launch template instances start from",
        NODE_POOLS,
    ),
    (
        "computeResources.ec2Configuration",
        INSTANCES,
        "the AMI of each image type",
        NODE_POOLS,
    ),
    (
        "computeResources.scalingPolicy",
        INSTANCES,
        "how long idle instances are kept",
        NODE_POOLS,
    ),
    (
        "computeResources.managedInstancesProvider",
        INSTANCES,
        "the ECS Managed Instances capacity provider",
        NODE_POOLS,
    ),
    (
        "eksConfiguration.eksClusterArn",
        "names an AWS resource",
        "the EKS cluster AWS Batch ran pods in",
        "the output runs on whichever cluster it is applied to",
    ),
    (
        "eksConfiguration.accessEntry",
        BATCH,
        "AWS Batch's access entry to the EKS cluster",
        NOT_NEEDED,
    ),
    (
        "ecsSettings",
        "configures the ECS cluster",
        "Container Insights of the ECS cluster",
        "the cluster's own monitoring applies",
    ),
];

/// The B2A313 finding for one field of the `kind` object `name`.
fn capacity_only(kind: &str, name: &str, path: &str, origin: &Origin) -> Diagnostic {
    let message = if path == "tags" {
        format!("{kind} `{name}`: `tags` are AWS tags of the {kind} itself; no generated object carries them")
    } else {
        let (verb, what, instead) = WORDING
            .iter()
            .find(|(p, ..)| *p == path)
            .map(|(_, verb, what, instead)| (*verb, *what, *instead))
            .unwrap_or((INSTANCES, "an AWS setting", NODE_POOLS));
        format!("{kind} `{name}`: `{path}` {verb} ({what}); {instead}")
    };
    Diagnostic::new(Code::CapacityOnly, message).at(origin)
}

/// Reports every queue-side field that has no equivalent in the output.
pub fn report(project: &Project, diags: &mut Diagnostics) {
    for q in &project.queues {
        let name = &q.name.value;
        for (path, origin) in &q.capacity_fields {
            diags.push(capacity_only("job queue", name, path, origin));
        }
        for origin in &q.job_state_time_limit_actions {
            diags.push(
                Diagnostic::new(
                    Code::QueueTimeLimitActions,
                    format!("job queue `{name}`: this `jobStateTimeLimitActions` rule (cancel a job stuck RUNNABLE at the head of the queue) has no equivalent; such a job waits for capacity instead of being cancelled"),
                )
                .at(origin)
                .with_help("set a Workflow `activeDeadlineSeconds`, or a pending-pod timeout in the cluster, if stuck jobs must end"),
            );
        }
        const SAGEMAKER_HELP: &str = "migrate SageMaker training jobs separately";
        if let Some(origin) = &q.service_environment_order {
            diags.push(
                Diagnostic::new(
                    Code::ServiceEnvironmentQueue,
                    format!("job queue `{name}` runs on SageMaker service environments (`serviceEnvironmentOrder`): its jobs are SageMaker training jobs, which are not converted, and get no placement or quota from it"),
                )
                .at(origin)
                .with_help(SAGEMAKER_HELP),
            );
        }
        if let Some(t) = q
            .job_queue_type
            .as_ref()
            .filter(|t| t.value.eq_ignore_ascii_case("SAGEMAKER_TRAINING"))
        {
            diags.push(
                Diagnostic::new(
                    Code::ServiceEnvironmentQueue,
                    format!("job queue `{name}` is of type {}: its jobs are SageMaker training jobs, which are not converted", t.value),
                )
                .at(&t.origin)
                .with_help(SAGEMAKER_HELP),
            );
        }
    }
    for ce in &project.compute_environments {
        let name = &ce.name.value;
        if let Some(t) = ce
            .kind
            .as_ref()
            .filter(|t| t.value.eq_ignore_ascii_case("UNMANAGED"))
        {
            diags.push(
                Diagnostic::new(
                    Code::UnmanagedEnvironment,
                    format!("compute environment `{name}` is UNMANAGED: its instances are whatever the account attached to its ECS cluster, so no placement comes from it and the pods of its queues may run on any node"),
                )
                .at(&t.origin)
                .with_help("label the nodes that stand for it and add a node selector by hand"),
            );
        }
        for (path, origin) in &ce.capacity_fields {
            diags.push(capacity_only("compute environment", name, path, origin));
        }
    }
    for p in &project.scheduling_policies {
        let name = &p.name.value;
        for (path, origin) in &p.capacity_fields {
            diags.push(capacity_only("scheduling policy", name, path, origin));
        }
        if let Some(origin) = &p.quota_share_policy {
            diags.push(
                Diagnostic::new(
                    Code::QuotaSharePolicy,
                    format!("scheduling policy `{name}`: `quotaSharePolicy` (idle capacity lent between SageMaker queues) has no equivalent; no capacity is lent between the queues that use it"),
                )
                .at(origin)
                .with_help("with Kueue, put the queues in one cohort with borrowing limits by hand"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Span};

    fn origin() -> Origin {
        Origin::new(FileId(0), Span::default(), "/computeResources/subnets")
    }

    #[test]
    fn messages_name_the_field_and_the_object() {
        let d = capacity_only(
            "compute environment",
            "x",
            "computeResources.subnets",
            &origin(),
        );
        assert_eq!(d.code, Code::CapacityOnly);
        assert_eq!(
            d.message,
            "compute environment `x`: `computeResources.subnets` configures AWS capacity (the VPC subnets instances launch in); the cluster's node pools carry it"
        );
        let d = capacity_only("job queue", "q", "tags", &origin());
        assert!(d.message.contains("AWS tags of the job queue itself"));
    }

    #[test]
    fn every_capacity_path_is_worded_once() {
        let mut paths: Vec<&str> = WORDING.iter().map(|(p, ..)| *p).collect();
        paths.sort_unstable();
        let before = paths.len();
        paths.dedup();
        assert_eq!(before, paths.len());
    }
}
