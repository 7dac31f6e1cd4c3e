//! The neutral batch model every input dialect produces and every lowering reads.
//!
//! It speaks Batch, not Argo: job definitions, submissions, queues. Values keep their origin.

pub mod graph;
pub mod job;
pub mod queue;
pub mod submit;

pub use job::*;
pub use queue::*;
pub use submit::*;

/// Everything read from the inputs of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub job_definitions: Vec<JobDefinition>,
    pub graphs: Vec<JobGraph>,
    pub queues: Vec<JobQueue>,
    pub compute_environments: Vec<ComputeEnvironment>,
    pub scheduling_policies: Vec<SchedulingPolicy>,
}
