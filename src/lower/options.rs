//! The choices that change the output, shared by the command-line flags and the config file.
//!
//! `convert --platform eks --queueing kueue` and a `convert:` section in `.batch2argo.yaml` fill
//! the same [`Options`]; flags win over the file.

use std::collections::BTreeMap;

/// Where the pods run: decides how a compute environment becomes node placement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Platform {
    /// Any Kubernetes cluster: only the well-known node labels.
    #[default]
    Generic,
    /// Amazon EKS with Karpenter: capacity type, instance types and families, IRSA, EFS.
    Eks,
    /// Alibaba ACK One with Elastic Container Instances: ECI pod annotations.
    AckEci,
    /// Alibaba ACK One on Container Compute Service: ACS pod labels.
    AckAcs,
}

impl Platform {
    pub const ALL: [Platform; 4] = [
        Platform::Generic,
        Platform::Eks,
        Platform::AckEci,
        Platform::AckAcs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Generic => "generic",
            Platform::Eks => "eks",
            Platform::AckEci => "ack-eci",
            Platform::AckAcs => "ack-acs",
        }
    }

    pub fn parse(text: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == text)
    }

    /// Alibaba's serverless pods: no nodes to select, placement is annotations or labels.
    pub fn is_ack(self) -> bool {
        matches!(self, Platform::AckEci | Platform::AckAcs)
    }
}

/// What orders and limits the jobs of a queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Queueing {
    /// Argo alone: the queue's priority becomes the Workflow's `spec.priority`.
    #[default]
    None,
    /// Kueue's plain-pod integration: flavors, cluster queues, local queues, priority classes.
    Kueue,
    /// Volcano: one Queue per job queue, pods scheduled by Volcano.
    Volcano,
    /// Argo semaphores: a per-queue concurrency limit in a ConfigMap.
    Semaphore,
}

impl Queueing {
    pub const ALL: [Queueing; 4] = [
        Queueing::None,
        Queueing::Kueue,
        Queueing::Volcano,
        Queueing::Semaphore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Queueing::None => "none",
            Queueing::Kueue => "kueue",
            Queueing::Volcano => "volcano",
            Queueing::Semaphore => "semaphore",
        }
    }

    pub fn parse(text: &str) -> Option<Queueing> {
        Queueing::ALL.into_iter().find(|q| q.as_str() == text)
    }
}

/// Per-queue settings from the config file's `queues:` table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueOverride {
    /// The namespace the queue's Workflows run in (LocalQueue, ConfigMap, ServiceAccounts).
    pub namespace: Option<String>,
    /// The LocalQueue name instead of the job queue's own.
    pub local_queue: Option<String>,
    /// Extra node labels of the ResourceFlavors of the queue's compute environments.
    pub flavor_labels: BTreeMap<String, String>,
}

/// Per-compute-environment quotas from the config file's `compute-environments:` table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvironmentOverride {
    /// Memory quota (a Kubernetes quantity) instead of the one derived from `maxvCpus`.
    pub memory: Option<String>,
    /// `nvidia.com/gpu` quota instead of the one derived from `maxvCpus`.
    pub gpu: Option<u32>,
}

/// Choices that change the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Inline every template into the Workflows instead of referring to WorkflowTemplates.
    pub self_contained: bool,
    pub platform: Platform,
    pub queueing: Queueing,
    /// The namespace namespaced supporting objects go to (LocalQueues, ConfigMaps,
    /// ServiceAccounts, PersistentVolumeClaims): where the Workflows will run.
    pub namespace: String,
    /// A GPU job tolerates the `nvidia.com/gpu` taint GPU node pools usually carry.
    pub gpu_toleration: bool,
    /// Keyed by job queue name.
    pub queues: BTreeMap<String, QueueOverride>,
    /// Keyed by compute environment name.
    pub environments: BTreeMap<String, EnvironmentOverride>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            self_contained: false,
            platform: Platform::Generic,
            queueing: Queueing::None,
            namespace: "default".into(),
            gpu_toleration: true,
            queues: BTreeMap::new(),
            environments: BTreeMap::new(),
        }
    }
}

impl Options {
    /// Whether the jobs' queues must resolve: placement or queueing objects come from them.
    pub fn needs_queues(&self) -> bool {
        self.platform != Platform::Generic || self.queueing != Queueing::None
    }

    /// The namespace of a queue's Workflows.
    pub fn namespace_of(&self, queue: &str) -> &str {
        self.queues
            .get(queue)
            .and_then(|q| q.namespace.as_deref())
            .unwrap_or(&self.namespace)
    }
}
