//! CreateJobQueue, CreateComputeEnvironment and CreateSchedulingPolicy requests and their
//! `describe-*` entries → IR. They are checked now and mapped by a later stage; fields that only
//! configure AWS (subnets, launch templates, tags…) are noted in `capacity_fields`, so
//! `lower/capacity` reports each one rather than the reader dropping it.

use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::ir::{ComputeEnvironment, JobQueue, SchedulingPolicy};
use crate::source::read::Obj;

const QUEUE_DESCRIBE_FIELDS: &[&str] = &["status", "statusReason"];
const CE_DESCRIBE_FIELDS: &[&str] = &[
    "ecsClusterArn",
    "status",
    "statusReason",
    "containerOrchestrationType",
    "uuid",
];

/// Notes `prefix` + `key` as a capacity field when `o` sets it, so the lowering reports it
/// (B2A313) instead of dropping it. Unset and empty values (skeleton files) are not noted.
fn capacity(o: &Obj<'_>, key: &str, prefix: &str, out: &mut Vec<(String, Origin)>) {
    if !o.has(key) {
        return;
    }
    if let Some(origin) = o.origin_of(key) {
        out.push((format!("{prefix}{key}"), origin));
    }
}

fn check_enum(
    value: &Option<crate::ir::Text>,
    allowed: &[&str],
    what: &str,
    diags: &mut Diagnostics,
) {
    if let Some(v) = value {
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&v.value)) {
            diags.report(
                Code::InvalidValue,
                &v.origin,
                format!("{what} `{}` is not one of {}", v.value, allowed.join(", ")),
            );
        }
    }
}

pub fn read_queue(mut o: Obj<'_>, diags: &mut Diagnostics) -> Option<JobQueue> {
    let origin = o.origin();
    let o_node = o.node;
    let name = o.required_string("jobQueueName", "a job queue", diags);
    if let Some(n) = &name {
        super::check_name(n, "job queue name", diags);
    }
    let arn = o.string("jobQueueArn", diags);
    let state = o.string("state", diags);
    check_enum(&state, &["ENABLED", "DISABLED"], "state", diags);
    let priority = o.int("priority", diags);
    if priority.is_none() && !o.has("priority") {
        diags.report(Code::MissingField, &origin, "a job queue has no `priority`");
    }
    let scheduling_policy_arn = o.string("schedulingPolicyArn", diags);
    let mut order = Vec::new();
    for mut e in o.objects("computeEnvironmentOrder", diags) {
        let n = e.int("order", diags);
        let ce = e.required_string(
            "computeEnvironment",
            "a compute environment order entry",
            diags,
        );
        let e_origin = e.origin();
        e.finish(diags);
        if let Some(ce) = ce {
            order.push((
                n.unwrap_or_else(|| crate::diagnostics::Spanned::new(0, e_origin)),
                ce,
            ));
        }
    }
    if order.len() > 3 {
        diags.report(
            Code::InvalidValue,
            &origin,
            format!(
                "a job queue may list at most 3 compute environments; this one lists {}",
                order.len()
            ),
        );
    }
    let service_environment_order = if o.has("serviceEnvironmentOrder") {
        o.origin_of("serviceEnvironmentOrder")
    } else {
        None
    };
    for mut e in o.objects("serviceEnvironmentOrder", diags) {
        let _ = e.int("order", diags);
        let _ = e.string("serviceEnvironment", diags);
        e.finish(diags);
    }
    let job_queue_type = o.string("jobQueueType", diags);
    check_enum(
        &job_queue_type,
        &[
            "EKS",
            "ECS",
            "ECS_FARGATE",
            "SAGEMAKER_TRAINING",
            "ECS_MANAGED_INSTANCES",
        ],
        "jobQueueType",
        diags,
    );
    let mut capacity_fields = Vec::new();
    capacity(&o, "tags", "", &mut capacity_fields);
    let tags = o.string_map("tags", diags);
    let mut limits = Vec::new();
    for mut a in o.objects("jobStateTimeLimitActions", diags) {
        limits.push(a.origin());
        let _ = a.string("reason", diags);
        let _ = a.string("state", diags);
        if let Some(t) = a.int("maxTimeSeconds", diags) {
            if !(600..=86_400).contains(&t.value) {
                diags.report(
                    Code::InvalidValue,
                    &t.origin,
                    format!("maxTimeSeconds {} is outside 600–86,400", t.value),
                );
            }
        }
        let action = a.string("action", diags);
        check_enum(&action, &["CANCEL", "TERMINATE"], "action", diags);
        a.finish(diags);
    }
    o.ignore(QUEUE_DESCRIBE_FIELDS);
    o.finish(diags);
    Some(JobQueue {
        content: crate::source::syntax::canonical(o_node),
        name: name?,
        arn,
        state,
        priority,
        scheduling_policy_arn,
        compute_environment_order: order,
        job_queue_type,
        tags,
        job_state_time_limit_actions: limits,
        service_environment_order,
        capacity_fields,
        origin,
    })
}

pub fn read_compute_environment(
    mut o: Obj<'_>,
    diags: &mut Diagnostics,
) -> Option<ComputeEnvironment> {
    let o_node = o.node;
    let origin = o.origin();
    let name = o.required_string("computeEnvironmentName", "a compute environment", diags);
    if let Some(n) = &name {
        super::check_name(n, "compute environment name", diags);
    }
    let arn = o.string("computeEnvironmentArn", diags);
    let kind = o.string("type", diags);
    check_enum(&kind, &["MANAGED", "UNMANAGED"], "type", diags);
    let state = o.string("state", diags);
    check_enum(&state, &["ENABLED", "DISABLED"], "state", diags);
    let mut fields = Vec::new();
    for key in [
        "unmanagedvCpus",
        "serviceRole",
        "context",
        "tags",
        "updatePolicy",
    ] {
        capacity(&o, key, "", &mut fields);
    }
    let _ = o.int("unmanagedvCpus", diags);
    let _ = o.string("serviceRole", diags);
    let _ = o.string("context", diags);
    let tags = o.string_map("tags", diags);
    // `describe-compute-environments` only (set by UpdateComputeEnvironment).
    let _ = o.take("updatePolicy");
    let mut ce = ComputeEnvironment {
        content: crate::source::syntax::canonical(o_node),
        name: name?,
        arn,
        kind,
        state,
        resource_type: None,
        min_vcpus: None,
        max_vcpus: None,
        instance_types: Vec::new(),
        allocation_strategy: None,
        bid_percentage: None,
        spot_strategy: None,
        spot_price_limit: None,
        disk_gib: None,
        eks_namespace: None,
        capacity_fields: fields,
        tags,
        task_defaults: None,
        origin,
    };
    if let Some(mut r) = o.obj("computeResources", diags) {
        ce.resource_type = r.string("type", diags);
        check_enum(
            &ce.resource_type,
            &[
                "EC2",
                "SPOT",
                "FARGATE",
                "FARGATE_SPOT",
                "ECS_MANAGED_INSTANCES",
            ],
            "computeResources.type",
            diags,
        );
        // The fields below configure the instances, not the pods: each is noted for B2A313.
        const PREFIX: &str = "computeResources.";
        let fields = &mut ce.capacity_fields;
        for key in ["allocationStrategy", "minvCpus", "desiredvCpus"] {
            capacity(&r, key, PREFIX, fields);
        }
        ce.allocation_strategy = r.string("allocationStrategy", diags);
        ce.min_vcpus = r.int("minvCpus", diags);
        ce.max_vcpus = r.int("maxvCpus", diags);
        let _ = r.int("desiredvCpus", diags);
        ce.instance_types = r
            .strings("instanceTypes", diags)
            .map(|s| s.value)
            .unwrap_or_default();
        for key in [
            "imageId",
            "ec2KeyPair",
            "instanceRole",
            "placementGroup",
            "spotIamFleetRole",
        ] {
            capacity(&r, key, PREFIX, fields);
            let _ = r.string(key, diags);
        }
        ce.bid_percentage = r.int("bidPercentage", diags);
        for key in ["subnets", "securityGroupIds"] {
            capacity(&r, key, PREFIX, fields);
            let _ = r.strings(key, diags);
        }
        for key in ["tags", "capacityTags"] {
            capacity(&r, key, PREFIX, fields);
            let _ = r.string_map(key, diags);
        }
        for key in [
            "launchTemplate",
            "ec2Configuration",
            "scalingPolicy",
            "managedInstancesProvider",
        ] {
            // Nested capacity details: noted as a whole, since no part of them reaches a pod.
            capacity(&r, key, PREFIX, fields);
            let _ = r.take(key);
        }
        r.finish(diags);
    }
    if let Some(mut e) = o.obj("eksConfiguration", diags) {
        const PREFIX: &str = "eksConfiguration.";
        capacity(&e, "eksClusterArn", PREFIX, &mut ce.capacity_fields);
        let _ = e.string("eksClusterArn", diags);
        ce.eks_namespace = e.string("kubernetesNamespace", diags);
        capacity(&e, "accessEntry", PREFIX, &mut ce.capacity_fields);
        let _ = e.take("accessEntry");
        e.finish(diags);
    }
    capacity(&o, "ecsSettings", "", &mut ce.capacity_fields);
    if let Some(mut s) = o.obj("ecsSettings", diags) {
        let _ = s.string("containerInsights", diags);
        s.finish(diags);
    }
    o.ignore(CE_DESCRIBE_FIELDS);
    o.finish(diags);
    Some(ce)
}

pub fn read_scheduling_policy(mut o: Obj<'_>, diags: &mut Diagnostics) -> Option<SchedulingPolicy> {
    let origin = o.origin();
    let o_node = o.node;
    let name = o.required_string("name", "a scheduling policy", diags);
    let arn = o.string("arn", diags);
    let mut capacity_fields = Vec::new();
    capacity(&o, "tags", "", &mut capacity_fields);
    let tags = o.string_map("tags", diags);
    let mut policy = SchedulingPolicy {
        content: crate::source::syntax::canonical(o_node),
        name: name?,
        arn,
        share_decay_seconds: None,
        compute_reservation: None,
        share_distribution: Vec::new(),
        quota_share: false,
        quota_share_policy: None,
        capacity_fields,
        tags,
        origin,
    };
    if let Some(mut f) = o.obj("fairsharePolicy", diags) {
        policy.share_decay_seconds = f.int("shareDecaySeconds", diags);
        policy.compute_reservation = f.int("computeReservation", diags);
        for mut s in f.objects("shareDistribution", diags) {
            let id = s.required_string("shareIdentifier", "a share distribution entry", diags);
            let weight = s.take("weightFactor").and_then(|(node, ptr)| {
                crate::source::read::read_string(s.ctx, node, &ptr, &mut Diagnostics::new())
            });
            s.finish(diags);
            if let Some(id) = id {
                policy.share_distribution.push((id, weight));
            }
        }
        f.finish(diags);
    }
    let quota_share_origin = o.origin_of("quotaSharePolicy");
    if let Some(mut q) = o.obj("quotaSharePolicy", diags) {
        policy.quota_share = true;
        policy.quota_share_policy = quota_share_origin;
        let _ = q.string("idleResourceAssignmentStrategy", diags);
        q.finish(diags);
    }
    o.finish(diags);
    Some(policy)
}
