//! Job submissions (SubmitJob requests, job graphs, `describe-jobs` dumps).

use super::job::{JobSpec, KeyValue, ResourceRequirement, RetryStrategy, Text};
use crate::diagnostics::{Origin, Spanned};

/// One file's worth of jobs: a single SubmitJob, a job graph, or a `describe-jobs` dump.
#[derive(Clone, Debug, PartialEq)]
pub struct JobGraph {
    /// A name for the workflow: the job name of a single submission, otherwise the file stem.
    pub name: String,
    pub jobs: Vec<Job>,
    /// In a `describe-jobs` dump, dependencies name job ids; in a job graph, job names.
    pub by_id: bool,
    /// Settings of the run as a whole (BatchCompute jobs carry them).
    pub run: RunSettings,
    pub origin: Origin,
}

/// What a BatchCompute job says about its run as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSettings {
    /// Higher runs first (`Priority`); AWS graphs take it from the queue instead.
    pub priority: Option<Spanned<i64>>,
    /// The run goes on when jobs fail (`JobFailOnInstanceFail: false`): dependents wait for
    /// completion, not success.
    pub continue_on_failure: Option<Origin>,
    /// Keep container logs with the run's artifacts: the folder they went to
    /// (`Stdout`/`StderrRedirectPath`).
    pub archive_logs: Option<Text>,
    /// Delete the finished run once it succeeded (`AutoRelease`).
    pub delete_on_success: Option<Origin>,
    pub description: Option<Text>,
    /// The jobs' definitions belong to this run alone: their templates go into its Workflow
    /// rather than into reusable WorkflowTemplates.
    pub inline: bool,
    /// The run is a BatchCompute App job: one job calling an App.
    pub app: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub name: Text,
    /// The job id of a `describe-jobs` entry.
    pub id: Option<Text>,
    pub queue: Option<Text>,
    pub job_definition: Text,
    pub parameters: Vec<KeyValue>,
    pub array_size: Option<Spanned<i64>>,
    pub depends_on: Vec<Dependency>,
    pub retry: Option<RetryStrategy>,
    pub timeout: Option<Spanned<i64>>,
    pub container_overrides: Option<ContainerOverrides>,
    pub eks_overrides: Option<EksOverrides>,
    pub tags: Vec<KeyValue>,
    pub propagate_tags: Option<Spanned<bool>>,
    pub share_identifier: Option<Text>,
    pub scheduling_priority_override: Option<Spanned<i64>>,
    /// The effective container or pod of a `describe-jobs` entry, used when the job definition
    /// it names is not among the inputs.
    pub effective_spec: Option<JobSpec>,
    /// A compute environment the job runs on directly, without a queue (a BatchCompute task's
    /// cluster).
    pub compute_environment: Option<Text>,
    /// A BatchCompute App job's `Config` values, checked against its App when the inputs are
    /// linked.
    pub app_config: Vec<KeyValue>,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DependencyType {
    /// No type: wait for the whole job (all children of an array).
    Plain,
    NToN,
    Sequential,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dependency {
    pub job_id: Option<Text>,
    pub kind: DependencyType,
    pub origin: Origin,
}

/// `containerOverrides`: replaced command, merged environment, per-type resources.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ContainerOverrides {
    pub command: Option<Spanned<Vec<Text>>>,
    pub environment: Vec<KeyValue>,
    pub resources: Vec<ResourceRequirement>,
    pub legacy_vcpus: Option<Spanned<i64>>,
    pub legacy_memory: Option<Spanned<i64>>,
    pub instance_type: Option<Text>,
}

impl ContainerOverrides {
    pub fn is_empty(&self) -> bool {
        self == &ContainerOverrides::default()
    }
}

/// `eksPropertiesOverride.podProperties`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EksOverrides {
    pub containers: Vec<EksContainerOverride>,
    pub init_containers: Vec<EksContainerOverride>,
    pub labels: Vec<KeyValue>,
    pub annotations: Vec<KeyValue>,
    pub namespace: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct EksContainerOverride {
    pub name: Option<Text>,
    pub image: Option<Text>,
    pub command: Option<Vec<Text>>,
    pub args: Option<Vec<Text>>,
    pub env: Vec<KeyValue>,
    pub limits: Option<Vec<KeyValue>>,
    pub requests: Option<Vec<KeyValue>>,
    pub origin: Option<Origin>,
}
