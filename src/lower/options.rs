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

/// How a BatchCompute `InputMapping` (an OSS folder the task reads) reaches the pod.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputMapping {
    /// A read-only OSS volume, as BatchCompute mounted it: files are read on demand.
    #[default]
    Volume,
    /// An input artifact: the folder is downloaded before the command runs.
    Artifact,
}

/// Settings for Alibaba BatchCompute inputs (the config file's `batchcompute:` section).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchComputeOptions {
    /// The region (`cn-hangzhou`): OSS endpoints and `BATCH_COMPUTE_REGION`.
    pub region: Option<String>,
    /// The image of tasks that ran on a VM image rather than in a container.
    pub default_image: Option<String>,
    /// The Secret holding OSS access keys (`akId`, `akSecret`).
    pub oss_secret: String,
    pub input_mapping: InputMapping,
    /// Images of OSS registries (`localhost:5000/…`) → where the cluster pulls them from.
    pub images: BTreeMap<String, String>,
}

impl Default for BatchComputeOptions {
    fn default() -> BatchComputeOptions {
        BatchComputeOptions {
            region: None,
            default_image: None,
            oss_secret: "oss-secret".into(),
            input_mapping: InputMapping::Volume,
            images: BTreeMap::new(),
        }
    }
}

/// Choices that change the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Inline every template into the Workflows instead of referring to WorkflowTemplates.
    pub self_contained: bool,
    pub platform: Platform,
    /// `platform` was chosen by a flag or the config file; otherwise BatchCompute inputs run on
    /// `ack-eci`, where Alibaba moved its BatchCompute users.
    pub platform_chosen: bool,
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
    pub batchcompute: BatchComputeOptions,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            self_contained: false,
            platform: Platform::Generic,
            platform_chosen: false,
            queueing: Queueing::None,
            namespace: "default".into(),
            gpu_toleration: true,
            queues: BTreeMap::new(),
            environments: BTreeMap::new(),
            batchcompute: BatchComputeOptions::default(),
        }
    }
}

impl Options {
    /// The options a project is converted with: BatchCompute inputs run on `ack-eci` unless a
    /// platform was chosen.
    pub fn effective(&self, project: &crate::ir::Project) -> Options {
        let mut o = self.clone();
        let batch_compute = project.job_definitions.iter().any(|d| !d.runtime.is_aws());
        if batch_compute && !o.platform_chosen {
            o.platform = Platform::AckEci;
        }
        o
    }

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

    /// The names the options give to Kubernetes objects and labels are valid, so the output's
    /// gate never has to reject what a user typed.
    pub fn validate(&self) -> Result<(), String> {
        let mut errors = Vec::new();
        let label = |what: String, v: &str, errors: &mut Vec<String>| {
            if !is_dns_label(v) {
                errors.push(format!(
                    "{what} `{v}` is not a lowercase DNS label (a-z, 0-9, `-`, at most 63)"
                ));
            }
        };
        label("namespace".into(), &self.namespace, &mut errors);
        let bc = &self.batchcompute;
        if let Some(r) = &bc.region {
            if !is_dns_label(r) {
                errors.push(format!(
                    "batchcompute.region `{r}` is not a region id such as cn-hangzhou"
                ));
            }
        }
        if !is_dns_subdomain(&bc.oss_secret) {
            errors.push(format!(
                "batchcompute.oss-secret `{}` is not a valid Secret name",
                bc.oss_secret
            ));
        }
        for (queue, o) in &self.queues {
            if let Some(ns) = &o.namespace {
                label(format!("queues.{queue}.namespace"), ns, &mut errors);
            }
            if let Some(lq) = &o.local_queue {
                label(format!("queues.{queue}.local-queue"), lq, &mut errors);
            }
            for (k, v) in &o.flavor_labels {
                if !is_label_key(k) || !is_label_value(v) {
                    errors.push(format!(
                        "queues.{queue}.flavor-labels `{k}: {v}` is not a valid Kubernetes label"
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }
}

/// A Kubernetes object name: lowercase DNS labels joined by `.`, at most 253.
fn is_dns_subdomain(v: &str) -> bool {
    v.len() <= 253 && v.split('.').all(is_dns_label)
}

fn is_dns_label(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 63
        && v.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && !v.ends_with('-')
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A label value: empty, or at most 63 alphanumerics, `-`, `_`, `.`, alphanumeric at both ends.
fn is_label_value(v: &str) -> bool {
    v.is_empty()
        || (v.len() <= 63
            && v.starts_with(|c: char| c.is_ascii_alphanumeric())
            && v.ends_with(|c: char| c.is_ascii_alphanumeric())
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
}

/// A label key: an optional DNS-subdomain prefix and `/`, then a name like a label value.
fn is_label_key(k: &str) -> bool {
    let (prefix, name) = match k.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    let prefix_ok =
        prefix.is_none_or(|p| !p.is_empty() && p.len() <= 253 && p.split('.').all(is_dns_label));
    prefix_ok && !name.is_empty() && is_label_value(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_user_are_checked() {
        assert!(Options::default().validate().is_ok());
        let mut o = Options {
            namespace: "Batch_NS".into(),
            ..Options::default()
        };
        o.queues.insert(
            "q".into(),
            QueueOverride {
                local_queue: Some("ok-name".into()),
                flavor_labels: BTreeMap::from([
                    ("example.com/pool".to_string(), "gpu_nodes".to_string()),
                    ("bad key!".to_string(), "x".to_string()),
                ]),
                ..QueueOverride::default()
            },
        );
        let e = o.validate().expect_err("invalid");
        assert!(e.contains("namespace `Batch_NS`"), "{e}");
        assert!(e.contains("`bad key!: x`"), "{e}");
        assert!(!e.contains("example.com/pool"), "{e}");
    }
}
