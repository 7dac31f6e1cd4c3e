//! Job definitions and their container specifications, in Batch terms.
//!
//! Every field that the input may carry has a place here (or is reported by the source stage),
//! and keeps its [`Origin`], so lowering can name the user's line when a field maps only
//! approximately. Nothing in this module knows about Argo.

use crate::diagnostics::{Origin, Spanned};

pub type Text = Spanned<String>;

/// A name/value pair: a parameter, tag, environment variable or map entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Text,
    pub value: Text,
}

/// `ACTIVE` or `INACTIVE` (deregistered), from `describe-job-definitions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Active,
    Inactive,
}

/// One revision of a job definition.
#[derive(Clone, Debug, PartialEq)]
pub struct JobDefinition {
    pub name: Text,
    pub revision: Option<Spanned<u32>>,
    pub status: Status,
    pub spec: JobSpec,
    pub parameters: Vec<KeyValue>,
    pub retry: Option<RetryStrategy>,
    pub timeout: Option<Spanned<i64>>,
    pub tags: Vec<KeyValue>,
    pub propagate_tags: Option<Spanned<bool>>,
    pub platform_capabilities: Vec<Text>,
    pub scheduling_priority: Option<Spanned<i64>>,
    /// `consumableResourceProperties`, which is not enforced (reported when lowering).
    pub consumable_resources: Option<Origin>,
    /// The batch system the definition comes from: what its containers are told at run time.
    pub runtime: Runtime,
    /// The whole object.
    pub origin: Origin,
}

/// The batch system a definition ran on. It decides the variables injected into the container,
/// how placeholders in the command are written, and which of the system's own limits apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Runtime {
    /// `AWS_BATCH_*` variables, `Ref::name` placeholders, AWS's ranges for retries and timeouts.
    #[default]
    AwsBatch,
    /// `BATCH_COMPUTE_*` variables and `${name}` placeholders (App command lines).
    BatchCompute(BatchCompute),
}

/// What a BatchCompute task's containers are told: `BATCH_COMPUTE_DAG_TASK_ID` and, when the
/// region is known, `BATCH_COMPUTE_REGION` and `BATCH_COMPUTE_OSS_HOST`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchCompute {
    /// The task's name in its job.
    pub task: String,
    /// The region: read from an Alibaba Cloud host in the job (image registry, NAS mount
    /// target), replaced by the configured one when lowering.
    pub region: Option<String>,
    /// The image came from an OSS registry (`BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH`), which
    /// only BatchCompute VMs could pull from.
    pub oss_registry: Option<Origin>,
    /// Set for an App: what its jobs may pass and override.
    pub app: Option<Box<App>>,
}

/// What an App declares for the jobs that run it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct App {
    /// Inputs substituted into the command line as values (`${name}`).
    pub values: Vec<String>,
    /// Inputs and outputs that are OSS locations copied to or from a local path: a job passes
    /// them as `<name>-bucket` and `<name>-key`.
    pub locations: Vec<String>,
    /// `Config` keys a job may override.
    pub overwritable: Vec<String>,
    /// `Config` keys a job may not override.
    pub fixed: Vec<String>,
    /// The compute environment made from the App's `Config` defaults.
    pub environment: Option<String>,
    /// `Config.InstanceCount`'s default: how many instances a job runs unless it says.
    pub instance_count: Option<Spanned<i64>>,
    /// `Config.ClusterId`'s default: the cluster a job runs on unless it says.
    pub cluster: Option<Text>,
}

impl Runtime {
    pub fn is_aws(&self) -> bool {
        matches!(self, Runtime::AwsBatch)
    }
}

impl JobDefinition {
    /// `name:revision`, or the name alone when the input gave no revision.
    pub fn display_name(&self) -> String {
        match &self.revision {
            Some(r) => format!("{}:{}", self.name.value, r.value),
            None => self.name.value.clone(),
        }
    }

    pub fn is_fargate(&self) -> bool {
        self.platform_capabilities
            .iter()
            .any(|p| p.value.eq_ignore_ascii_case("FARGATE"))
    }
}

/// What runs: one ECS-style container or an EKS pod. Unsupported kinds never reach the IR.
#[derive(Clone, Debug, PartialEq)]
pub enum JobSpec {
    Container(Box<Container>),
    Eks(Box<EksPod>),
}

/// `containerProperties` (and the effective container of a submission).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Container {
    pub image: Option<Text>,
    pub command: Option<Spanned<Vec<Text>>>,
    pub environment: Vec<KeyValue>,
    pub resources: Vec<ResourceRequirement>,
    pub legacy_vcpus: Option<Spanned<i64>>,
    pub legacy_memory: Option<Spanned<i64>>,
    pub job_role_arn: Option<Text>,
    pub execution_role_arn: Option<Text>,
    pub volumes: Vec<Volume>,
    pub mount_points: Vec<MountPoint>,
    pub readonly_root_filesystem: Option<Spanned<bool>>,
    pub privileged: Option<Spanned<bool>>,
    pub ulimits: Vec<Ulimit>,
    pub user: Option<Text>,
    pub instance_type: Option<Text>,
    pub linux: LinuxParameters,
    pub log_configuration: Option<LogConfiguration>,
    pub secrets: Vec<Secret>,
    pub network_configuration: Option<Origin>,
    pub fargate_platform_configuration: Option<Origin>,
    pub enable_execute_command: Option<Spanned<bool>>,
    pub ephemeral_storage_gib: Option<Spanned<i64>>,
    pub os_family: Option<Text>,
    pub cpu_architecture: Option<Text>,
    pub repository_credentials: Option<Text>,
    /// Replaces the image's ENTRYPOINT (Kubernetes `command`); `command` then holds its
    /// arguments. BatchCompute runs its command line through `sh -c` this way.
    pub entrypoint: Option<Spanned<Vec<Text>>>,
    pub working_dir: Option<Text>,
    /// Files fetched from object storage before the command runs and stored after it ends.
    pub artifacts: Vec<Artifact>,
}

/// A file or folder copied between object storage and the container.
#[derive(Clone, Debug, PartialEq)]
pub struct Artifact {
    /// The name the source gives it (an App parameter); otherwise derived from role and path.
    pub name: Option<String>,
    pub direction: Direction,
    pub role: ArtifactRole,
    /// Path in the container.
    pub path: Text,
    /// The object storage URL (`oss://bucket/key`), as written.
    pub url: Text,
    /// `None`: the Workflow's artifact repository (a package uploaded there by hand).
    pub bucket: Option<String>,
    /// The object key, or a prefix ending in `/` for a folder.
    pub key: String,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Input,
    Output,
}

/// Why an artifact exists: it decides its name and how it is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArtifactRole {
    /// A tarball unpacked into the working directory (BatchCompute `PackagePath`).
    Package,
    /// Data read before the run (`InputMapping` as an artifact).
    Input,
    /// A folder stored after the run (`OutputMapping`).
    Output,
    /// A log file stored after the run (`LogMapping`).
    Log,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ResourceType {
    Vcpu,
    Memory,
    Gpu,
}

impl ResourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceType::Vcpu => "VCPU",
            ResourceType::Memory => "MEMORY",
            ResourceType::Gpu => "GPU",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceRequirement {
    pub kind: ResourceType,
    /// The amount as written (a string on the API).
    pub value: Text,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    pub name: Text,
    pub source: VolumeSource,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub enum VolumeSource {
    /// `host.sourcePath`; `None` is a Docker-managed scratch volume.
    Host(Option<Text>),
    Efs(Box<EfsVolume>),
    S3Files(Origin),
    /// A volume with no source at all (also a Docker scratch volume).
    Empty,
    /// An OSS bucket folder mounted through ossfs (Alibaba's CSI driver).
    Oss(Box<OssVolume>),
    /// A NAS (NFS) file system folder.
    Nas(Box<NasVolume>),
    /// Scratch disk for the pod's lifetime (a BatchCompute data disk), of at most this many GiB.
    Scratch(Option<Spanned<i64>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct OssVolume {
    /// The URL as written (`oss://bucket/path/`).
    pub url: Text,
    pub bucket: String,
    /// The folder inside the bucket, `/` for the whole bucket.
    pub path: String,
    /// Mounted for an `InputMapping`, which `input-mapping: artifact` downloads instead.
    pub input_mapping: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NasVolume {
    /// The URL as written (`nas://<mount target>/path/`).
    pub url: Text,
    /// The mount target's host name.
    pub server: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EfsVolume {
    pub file_system_id: Text,
    pub root_directory: Option<Text>,
    pub transit_encryption: Option<Text>,
    pub transit_encryption_port: Option<Spanned<i64>>,
    pub access_point_id: Option<Text>,
    pub iam: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MountPoint {
    pub container_path: Option<Text>,
    pub read_only: Option<Spanned<bool>>,
    pub source_volume: Option<Text>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ulimit {
    pub name: Text,
    pub soft_limit: Spanned<i64>,
    pub hard_limit: Spanned<i64>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct LinuxParameters {
    pub devices: Vec<Device>,
    pub init_process_enabled: Option<Spanned<bool>>,
    pub shared_memory_size: Option<Spanned<i64>>,
    pub tmpfs: Vec<Tmpfs>,
    pub max_swap: Option<Spanned<i64>>,
    pub swappiness: Option<Spanned<i64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub host_path: Text,
    pub container_path: Option<Text>,
    pub permissions: Vec<Text>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tmpfs {
    pub container_path: Text,
    pub size_mib: Spanned<i64>,
    pub mount_options: Vec<Text>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogConfiguration {
    pub driver: Text,
    pub options: Vec<KeyValue>,
    pub secret_options: Vec<Secret>,
    pub origin: Origin,
}

/// `{name, valueFrom}`: an environment variable filled from Secrets Manager or SSM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secret {
    pub name: Text,
    pub value_from: Text,
    pub origin: Origin,
}

/// `eksProperties.podProperties`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EksPod {
    pub service_account_name: Option<Text>,
    pub host_network: Option<Spanned<bool>>,
    pub dns_policy: Option<Text>,
    pub image_pull_secrets: Vec<Text>,
    pub containers: Vec<EksContainer>,
    pub init_containers: Vec<EksContainer>,
    pub volumes: Vec<EksVolume>,
    pub labels: Vec<KeyValue>,
    pub annotations: Vec<KeyValue>,
    pub namespace: Option<Text>,
    pub share_process_namespace: Option<Spanned<bool>>,
    pub security_context: Option<EksPodSecurityContext>,
    pub origin: Option<Origin>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct EksContainer {
    pub name: Option<Text>,
    pub image: Option<Text>,
    pub image_pull_policy: Option<Text>,
    pub command: Option<Vec<Text>>,
    pub args: Option<Vec<Text>>,
    pub env: Vec<KeyValue>,
    pub limits: Vec<KeyValue>,
    pub requests: Vec<KeyValue>,
    pub volume_mounts: Vec<EksVolumeMount>,
    pub security_context: Option<EksSecurityContext>,
    pub origin: Option<Origin>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EksVolumeMount {
    pub name: Option<Text>,
    pub mount_path: Option<Text>,
    pub sub_path: Option<Text>,
    pub read_only: Option<Spanned<bool>>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct EksSecurityContext {
    pub run_as_user: Option<Spanned<i64>>,
    pub run_as_group: Option<Spanned<i64>>,
    pub privileged: Option<Spanned<bool>>,
    pub allow_privilege_escalation: Option<Spanned<bool>>,
    pub read_only_root_filesystem: Option<Spanned<bool>>,
    pub run_as_non_root: Option<Spanned<bool>>,
    pub capabilities_add: Vec<Text>,
    pub capabilities_drop: Vec<Text>,
    pub seccomp_profile: Option<SeccompProfile>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SeccompProfile {
    pub kind: Text,
    pub localhost_profile: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct EksPodSecurityContext {
    pub run_as_user: Option<Spanned<i64>>,
    pub run_as_group: Option<Spanned<i64>>,
    pub run_as_non_root: Option<Spanned<bool>>,
    pub fs_group: Option<Spanned<i64>>,
    pub seccomp_profile: Option<SeccompProfile>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EksVolume {
    pub name: Text,
    pub source: EksVolumeSource,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EksVolumeSource {
    HostPath(Option<Text>),
    EmptyDir {
        medium: Option<Text>,
        size_limit: Option<Text>,
    },
    Secret {
        secret_name: Text,
        optional: Option<Spanned<bool>>,
    },
    PersistentVolumeClaim {
        claim_name: Text,
        read_only: Option<Spanned<bool>>,
    },
    None,
}

/// `retryStrategy`.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryStrategy {
    pub attempts: Option<Spanned<i64>>,
    pub evaluate_on_exit: Vec<EvaluateOnExit>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EvaluateOnExit {
    pub on_status_reason: Option<Text>,
    pub on_reason: Option<Text>,
    pub on_exit_code: Option<Text>,
    pub action: Spanned<RetryAction>,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAction {
    Retry,
    Exit,
}
