//! Job queues, compute environments and scheduling policies.
//!
//! They decide node placement (`lower/placement`) and queueing objects (`lower/queueing`).

use super::job::{KeyValue, Text};
use crate::diagnostics::{Origin, Spanned};

#[derive(Clone, Debug, PartialEq)]
pub struct JobQueue {
    /// The object's content without positions, to tell a repeated definition from a
    /// conflicting one.
    pub content: String,
    pub name: Text,
    pub arn: Option<Text>,
    pub state: Option<Text>,
    pub priority: Option<Spanned<i64>>,
    pub scheduling_policy_arn: Option<Text>,
    /// `(order, compute environment name or ARN)`, as given.
    pub compute_environment_order: Vec<(Spanned<i64>, Text)>,
    pub job_queue_type: Option<Text>,
    pub tags: Vec<KeyValue>,
    pub job_state_time_limit_actions: Vec<Origin>,
    /// `serviceEnvironmentOrder`, when given.
    pub service_environment_order: Option<Origin>,
    /// Fields that configure AWS only (`tags`): `(inventory path, where)`, reported one by one.
    pub capacity_fields: Vec<(String, Origin)>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ComputeEnvironment {
    /// The object's content without positions, to tell a repeated definition from a
    /// conflicting one.
    pub content: String,
    pub name: Text,
    pub arn: Option<Text>,
    pub kind: Option<Text>,
    pub state: Option<Text>,
    pub resource_type: Option<Text>,
    pub min_vcpus: Option<Spanned<i64>>,
    pub max_vcpus: Option<Spanned<i64>>,
    pub instance_types: Vec<Text>,
    pub allocation_strategy: Option<Text>,
    /// Spot price cap as a percentage of On-Demand (`SPOT` only).
    pub bid_percentage: Option<Spanned<i64>>,
    /// `SpotAsPriceGo` or `SpotWithPriceLimit` (BatchCompute `SpotStrategy`).
    pub spot_strategy: Option<Text>,
    /// Spot price cap per instance-hour, as written (BatchCompute `SpotPriceLimit`).
    pub spot_price_limit: Option<Text>,
    /// Disk a pod needs on top of what serverless platforms give for free, in GiB: BatchCompute's
    /// data disk, plus a system disk larger than the standard 40 GiB.
    pub disk_gib: Option<Spanned<i64>>,
    pub eks_namespace: Option<Text>,
    /// Fields that configure AWS capacity and mean nothing for a pod: `(inventory path,
    /// where)`, reported one by one.
    pub capacity_fields: Vec<(String, Origin)>,
    pub tags: Vec<KeyValue>,
    /// What a BatchCompute cluster gives every task running on it: environment variables,
    /// volumes and their mounts.
    pub task_defaults: Option<Box<super::job::Container>>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SchedulingPolicy {
    /// The object's content without positions, to tell a repeated definition from a
    /// conflicting one.
    pub content: String,
    pub name: Text,
    pub arn: Option<Text>,
    pub share_decay_seconds: Option<Spanned<i64>>,
    pub compute_reservation: Option<Spanned<i64>>,
    /// `(share identifier, weight factor as written)`.
    pub share_distribution: Vec<(Text, Option<Text>)>,
    pub quota_share: bool,
    /// Where `quotaSharePolicy` is, when given: it is reported there.
    pub quota_share_policy: Option<Origin>,
    /// Fields that configure AWS only (`tags`): `(inventory path, where)`, reported one by one.
    pub capacity_fields: Vec<(String, Origin)>,
    pub tags: Vec<KeyValue>,
    pub origin: Origin,
}
