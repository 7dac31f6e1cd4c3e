//! The BatchCompute conversion matrix: one row per field of a job description, cluster, App and
//! App job, and per `job.cfg` option, saying what it becomes.
//!
//! Like the AWS table (`coverage.rs`) it is checked, not trusted: `src/tests/coverage_batchcompute.rs`
//! holds every field the BatchCompute fixtures use to a row, every row to a fixture that uses it,
//! every code a row names to a fixture that fires it, and `docs/batchcompute.md` to this table.

use super::coverage::Mapping;
use crate::diagnostics::Code;

/// The document a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Document {
    /// A DAG job description (CreateJob, `Type: DAG`).
    Job,
    /// A cluster description (CreateCluster), and a task's `AutoCluster`.
    Cluster,
    /// An App description (CreateApp).
    App,
    /// An App job (CreateJob, `Type: App`).
    AppJob,
    /// A `job.cfg` option (`bcs sub --file`).
    JobCfg,
}

impl Document {
    pub const ALL: &'static [Document] = &[
        Document::Job,
        Document::Cluster,
        Document::App,
        Document::AppJob,
        Document::JobCfg,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Document::Job => "Job description (`Type: DAG`)",
            Document::Cluster => "Cluster description and `AutoCluster`",
            Document::App => "App description",
            Document::AppJob => "App job (`Type: App`)",
            Document::JobCfg => "`job.cfg` options",
        }
    }
}

/// One field and what it becomes.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub document: Document,
    /// The field's path: `*` for a key the user names (a task, a variable), `[]` for list items.
    pub path: &'static str,
    pub target: &'static str,
    pub mapping: Mapping,
}

macro_rules! fields {
    ($( $document:ident { $( $path:literal => $target:literal, $mapping:expr; )* } )*) => {
        &[ $( $( Field {
            document: Document::$document,
            path: $path,
            target: $target,
            mapping: $mapping,
        }, )* )* ]
    };
}

use Code as C;
use Mapping::{Approximate, Checked, Exact, Structural, Unsupported};

/// Every field batch2argo reads from BatchCompute inputs. `task.` is the job's DAG task,
/// `template.` its template (inlined into the Workflow; an App's is in its WorkflowTemplate),
/// `spec.` the Workflow spec; placement rows depend on `--platform` (ECI annotations by default).
pub const FIELDS: &[Field] = fields! {
    Job {
        "Name" => "`metadata.generateName` of the Workflow (sanitised, original kept as an annotation)", Exact;
        "Description" => "annotation `workflows.argoproj.io/description`", Exact;
        "Type" => "decides the shape (DAG job or App job)", Checked(&[]);
        "Priority" => "`spec.priority`", Exact;
        "JobFailOnInstanceFail" => "`false`: dependents wait with `depends: (a.Succeeded || a.Failed || a.Errored)`", Approximate(&[C::ContinueOnFailure]);
        "AutoRelease" => "`spec.ttlStrategy.secondsAfterSuccess: 0`", Exact;
        "Notification" => "—", Unsupported(&[C::Notification]);
        "Notification.Topic" => "—", Unsupported(&[C::Notification]);
        "Notification.Topic.Name" => "—", Unsupported(&[C::Notification]);
        "Notification.Topic.Endpoint" => "—", Unsupported(&[C::Notification]);
        "Notification.Topic.Events" => "—", Unsupported(&[C::Notification]);
        "DAG" => "the Workflow's `main` DAG template", Structural;
        "DAG.Tasks" => "`spec.templates[name=main].dag.tasks`", Structural;
        "DAG.Tasks.*" => "a DAG task named after the task, calling its own template", Exact;
        "DAG.Dependencies" => "inverted: the tasks listed get `depends` on the key", Exact;
        "DAG.Dependencies.*" => "`task.depends: <key>.Succeeded` on each listed task", Exact;
        "DAG.Tasks.*.InstanceCount" => "N > 1: `task.withSequence.count: N`, `BATCH_COMPUTE_DAG_INSTANCE_ID` = 0…N−1; 1: no loop, the variable is `0`", Exact;
        "DAG.Tasks.*.MaxRetryCount" => "`template.retryStrategy.limit` (retries, not attempts), `retryPolicy: Always`", Exact;
        "DAG.Tasks.*.Timeout" => "`template.activeDeadlineSeconds` (per instance)", Exact;
        "DAG.Tasks.*.ClusterId" => "the cluster's placement and requests (its description must be among the inputs)", Approximate(&[C::UnresolvedCluster]);
        "DAG.Tasks.*.AutoCluster" => "the task's placement: see the cluster rows", Structural;
        "DAG.Tasks.*.WriteSupport" => "`InputMapping` volumes mounted read-write instead of `readOnly`", Exact;
        "DAG.Tasks.*.Parameters" => "the task's container", Structural;
        "DAG.Tasks.*.Parameters.Command" => "the task's container", Structural;
        "DAG.Tasks.*.Parameters.Command.CommandLine" => "`container.command: [sh, -c]`, `args: [CommandLine]`; `$` and `{{` escaped", Exact;
        "DAG.Tasks.*.Parameters.Command.PackagePath" => "input artifact `package` unpacked into `/batchcompute/workdir` (a local folder: uploaded by hand)", Approximate(&[C::LocalPackage]);
        "DAG.Tasks.*.Parameters.Command.EnvVars" => "`container.env[]`, before the injected `BATCH_COMPUTE_*` variables", Structural;
        "DAG.Tasks.*.Parameters.Command.EnvVars.*" => "`container.env[]`; `BATCH_COMPUTE_*` names are reserved", Approximate(&[C::ReservedBatchComputeEnv]);
        "DAG.Tasks.*.Parameters.Command.EnvVars.BATCH_COMPUTE_DOCKER_IMAGE" => "`container.image` (an OSS-registry image, mapped by `batchcompute.images`)", Approximate(&[C::OssRegistryImage]);
        "DAG.Tasks.*.Parameters.Command.EnvVars.BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH" => "— (marks the image as an OSS-registry one)", Approximate(&[C::OssRegistryImage]);
        "DAG.Tasks.*.Parameters.Command.Docker" => "`container.image`; none: `batchcompute.default-image`", Approximate(&[C::NoImage]);
        "DAG.Tasks.*.Parameters.Command.Docker.Image" => "`container.image`", Exact;
        "DAG.Tasks.*.Parameters.StdoutRedirectPath" => "`spec.archiveLogs: true` (logs in the artifact repository, not that folder)", Approximate(&[C::LogRedirect]);
        "DAG.Tasks.*.Parameters.StderrRedirectPath" => "`spec.archiveLogs: true`", Approximate(&[C::LogRedirect]);
        "DAG.Tasks.*.Parameters.InputMappingConfig" => "ossfs options of the OSS volumes", Structural;
        "DAG.Tasks.*.Parameters.InputMappingConfig.Locale" => "— (ossfs reads UTF-8 names)", Unsupported(&[C::MountOption]);
        "DAG.Tasks.*.Parameters.InputMappingConfig.Lock" => "— (ossfs takes no lock)", Unsupported(&[C::MountOption]);
        "DAG.Tasks.*.InputMapping" => "OSS volumes mounted `readOnly` (or input artifacts with `input-mapping: artifact`)", Structural;
        "DAG.Tasks.*.InputMapping.*" => "a claim on an OSS PersistentVolume (`ossplugin.csi.alibabacloud.com`) at the local path", Exact;
        "DAG.Tasks.*.OutputMapping" => "output artifacts", Structural;
        "DAG.Tasks.*.OutputMapping.*" => "output artifact from the local folder to the OSS key, `archive: none`", Approximate(&[C::ArtifactRepository, C::OtherBucket]);
        "DAG.Tasks.*.LogMapping" => "output artifacts", Structural;
        "DAG.Tasks.*.LogMapping.*" => "output artifact of the file, stored at the end rather than streamed", Approximate(&[C::ArtifactRepository]);
        "DAG.Tasks.*.Mounts" => "volumes and mounts", Structural;
        "DAG.Tasks.*.Mounts.Entries" => "volumes and mounts", Structural;
        "DAG.Tasks.*.Mounts.Entries[].Source" => "`oss://`: OSS PersistentVolume; `nas://`: NAS PersistentVolume (`nasplugin.csi.alibabacloud.com`); others refused", Approximate(&[C::UnsupportedMount]);
        "DAG.Tasks.*.Mounts.Entries[].Destination" => "`volumeMounts[].mountPath`", Exact;
        "DAG.Tasks.*.Mounts.Entries[].WriteSupport" => "`volumeMounts[].readOnly` when false", Exact;
        "DAG.Tasks.*.Mounts.NAS" => "— (NAS mounts by mount target; the access group is a manual step)", Approximate(&[C::ManualStep]);
        "DAG.Tasks.*.Mounts.NAS.AccessGroup" => "named in the manual step", Approximate(&[C::ManualStep]);
        "DAG.Tasks.*.Mounts.NAS.FileSystem" => "—", Approximate(&[C::ManualStep]);
        "DAG.Tasks.*.Mounts.OSS" => "— (access keys are never copied: the OSS Secret is referenced)", Unsupported(&[C::InlineCredentials]);
        "DAG.Tasks.*.Mounts.CacheSupport" => "—", Unsupported(&[C::MountOption]);
    }
    Cluster {
        "Name" => "the compute environment a `ClusterId` resolves to", Exact;
        "Id" => "the `ClusterId` the tasks name", Exact;
        "Description" => "—", Checked(&[]);
        "ImageId" => "— (the VM that hosted the container; a task without a Docker image ran on it: B2A405)", Checked(&[C::VmOnlySetting]);
        "ECSImageId" => "— (as `ImageId`)", Checked(&[C::VmOnlySetting]);
        "InstanceType" => "ECI: `k8s.aliyun.com/eci-use-specs`; ACS: `compute-class`; requests from the type's vCPUs, memory, GPUs", Approximate(&[C::InstanceSizing]);
        "ResourceType" => "Spot: ECI `eci-spot-strategy`, ACS `compute-qos: best-effort`", Exact;
        "SpotStrategy" => "ECI `k8s.aliyun.com/eci-spot-strategy`", Exact;
        "SpotPriceLimit" => "ECI `k8s.aliyun.com/eci-spot-price-limit`; ACS has no cap", Approximate(&[C::SpotPriceCap]);
        "UserData" => "—", Unsupported(&[C::VmOnlySetting]);
        "ReserveOnFail" => "— (`true` is reported)", Unsupported(&[C::VmOnlySetting]);
        "Groups" => "merged into one environment", Structural;
        "Groups.*" => "merged: instance types listed, On-Demand if any group is", Structural;
        "Groups.*.InstanceType" => "as `InstanceType`", Approximate(&[C::InstanceSizing]);
        "Groups.*.ResourceType" => "as `ResourceType`", Exact;
        "Groups.*.DesiredVMCount" => "—", Unsupported(&[C::VmOnlySetting]);
        "Configs" => "disks, networks, mounts", Structural;
        "Configs.Disks" => "disks", Structural;
        "Configs.Disks.SystemDisk" => "beyond 40 GiB: extra ephemeral storage", Structural;
        "Configs.Disks.SystemDisk.Type" => "— (cloud_ssd and faster are reported)", Unsupported(&[C::VmOnlySetting]);
        "Configs.Disks.SystemDisk.Size" => "beyond 40 GiB: ECI `eci-extra-ephemeral-storage`, ACS `extra-ephemeral-storage`", Exact;
        "Configs.Disks.DataDisk" => "an `emptyDir` at its mount point", Structural;
        "Configs.Disks.DataDisk.Type" => "— (cloud_ssd and faster are reported)", Unsupported(&[C::VmOnlySetting]);
        "Configs.Disks.DataDisk.Size" => "`emptyDir.sizeLimit` and extra ephemeral storage", Exact;
        "Configs.Disks.DataDisk.MountPoint" => "`volumeMounts[].mountPath` of the `emptyDir`", Exact;
        "Configs.Networks" => "— (the workflow cluster's vSwitches)", Unsupported(&[C::VmOnlySetting]);
        "Configs.Mounts" => "added to every task on the cluster (as task `Mounts`)", Structural;
        "Configs.Mounts.Entries" => "as task `Mounts.Entries`", Structural;
        "Configs.Mounts.Entries[].Source" => "as task `Mounts.Entries[].Source`", Approximate(&[C::UnsupportedMount]);
        "Configs.Mounts.Entries[].Destination" => "as task `Mounts.Entries[].Destination`", Exact;
        "Configs.Mounts.Entries[].WriteSupport" => "as task `Mounts.Entries[].WriteSupport`", Exact;
        "EnvVars" => "added to every task's `container.env[]` (the task's own win)", Structural;
        "EnvVars.*" => "`container.env[]`", Exact;
    }
    App {
        "Name" => "the WorkflowTemplate's name", Exact;
        "Description" => "annotation `batch2argo.io/tags`", Exact;
        "InputParameters" => "input parameters and input artifacts", Structural;
        "InputParameters.*" => "a value: input parameter `<name>` substituted for `${name}`; with `LocalPath`: input artifact at that path, located by parameters `<name>-bucket` and `<name>-key`", Exact;
        "InputParameters.*.Description" => "—", Checked(&[]);
        "InputParameters.*.Type" => "— (values are strings in Argo)", Checked(&[]);
        "InputParameters.*.Default" => "the parameter's default (a location: the bucket and key defaults)", Exact;
        "InputParameters.*.LocalPath" => "the artifact's `path`; `${name}` becomes this path", Exact;
        "OutputParameters" => "output artifacts", Structural;
        "OutputParameters.*" => "output artifact at `LocalPath`, `archive: none`, located by `<name>-bucket` and `<name>-key`", Exact;
        "OutputParameters.*.Description" => "—", Checked(&[]);
        "OutputParameters.*.Type" => "—", Checked(&[]);
        "OutputParameters.*.LocalPath" => "the artifact's `path`", Exact;
        "Docker" => "the container image", Structural;
        "Docker.Image" => "`container.image`", Exact;
        "VM" => "— (an App on a VM image needs `batchcompute.default-image`)", Unsupported(&[C::VmOnlySetting]);
        "VM.ECSImageId" => "—", Unsupported(&[C::VmOnlySetting]);
        "CommandLine" => "`container.command: [sh, -c]`, `args`: `${name}` of a value input → `{{inputs.parameters.name}}`", Exact;
        "EnvVars" => "`container.env[]`", Structural;
        "EnvVars.*" => "`container.env[]`", Exact;
        "Daemonize" => "—", Unsupported(&[C::VmOnlySetting]);
        "Config" => "defaults a job may override where `Overwritable`", Structural;
        "Config.*.Default" => "the default: see the App job's `Config` rows", Exact;
        "Config.*.Overwritable" => "a job overriding a key that is not is refused", Checked(&[C::AppOverride]);
        "Config.*.Description" => "—", Checked(&[]);
        "Config.InstanceType" => "the App's placement and requests, as a cluster's `InstanceType`", Approximate(&[C::InstanceSizing]);
        "Config.ResourceType" => "as a cluster's `ResourceType`", Exact;
        "Config.InstanceCount" => "the job's loop size, unless the job sets one", Exact;
        "Config.ClusterId" => "the cluster the App's jobs run on, unless a job names another", Approximate(&[C::ClusterMounts]);
        "Config.MaxRetryCount" => "`template.retryStrategy.limit`", Exact;
        "Config.Timeout" => "`template.activeDeadlineSeconds`", Exact;
        "Config.MinDiskSize" => "beyond 40 GiB: extra ephemeral storage", Exact;
        "Config.DiskType" => "—", Unsupported(&[C::VmOnlySetting]);
    }
    AppJob {
        "Name" => "`metadata.generateName` of the Workflow", Exact;
        "Description" => "annotation `workflows.argoproj.io/description`", Exact;
        "Type" => "decides the shape", Checked(&[]);
        "Priority" => "`spec.priority`", Exact;
        "AutoRelease" => "`spec.ttlStrategy.secondsAfterSuccess: 0`", Exact;
        "JobFailOnInstanceFail" => "as for a DAG job", Approximate(&[C::ContinueOnFailure]);
        "App" => "one DAG task calling the App's WorkflowTemplate (`templateRef`)", Structural;
        "App.AppName" => "`task.templateRef.name` (public `:name` and `Public:name` need the App's description too)", Approximate(&[C::UnknownApp]);
        "App.Inputs" => "task arguments", Structural;
        "App.Inputs.*" => "a value: the parameter; a location: `<name>-bucket` and `<name>-key`; undeclared names are refused", Checked(&[C::AppOverride]);
        "App.Outputs" => "task arguments", Structural;
        "App.Outputs.*" => "`<name>-bucket` and `<name>-key` of the output artifact", Exact;
        "App.Logging" => "archived logs", Structural;
        "App.Logging.StdoutPath" => "`spec.archiveLogs: true`", Approximate(&[C::LogRedirect]);
        "App.Logging.StderrPath" => "`spec.archiveLogs: true`", Approximate(&[C::LogRedirect]);
        "App.Config" => "overrides of the App's `Config`, where `Overwritable`", Structural;
        "App.Config.ResourceType" => "the job's own template with that capacity", Exact;
        "App.Config.InstanceType" => "the job's own template with that placement", Approximate(&[C::InstanceSizing]);
        "App.Config.InstanceCount" => "`task.withSequence.count`", Exact;
        "App.Config.ClusterId" => "the job's own template with that cluster's size and variables (not its mounts)", Approximate(&[C::ClusterMounts]);
        "App.Config.Timeout" => "the job's own template with that deadline", Exact;
        "App.Config.MaxRetryCount" => "the job's own template with that retry limit", Exact;
    }
    JobCfg {
        "[DEFAULT]" => "job-level options, and defaults for every task section", Structural;
        "[<task>]" => "a task named after the section", Exact;
        "job_name" => "`Name`", Exact;
        "description" => "`Description`", Exact;
        "priority" => "`Priority`", Exact;
        "force" => "`JobFailOnInstanceFail: false`", Approximate(&[C::ContinueOnFailure]);
        "auto_release" => "`AutoRelease`", Exact;
        "deps" => "`DAG.Dependencies` (`a->b,c;b,c->d`, chains)", Checked(&[C::DepsSyntax, C::UnknownJob]);
        "cmd" => "`CommandLine`", Exact;
        "nodes" => "`InstanceCount`", Exact;
        "timeout" => "`Timeout`", Exact;
        "pack" => "`PackagePath` (a local folder: uploaded by hand)", Approximate(&[C::LocalPackage]);
        "cluster" => "`img=…:type=…`: `AutoCluster`; a `cls-` id: `ClusterId`", Exact;
        "image" => "`AutoCluster.ImageId` (the VM that hosted the container)", Checked(&[C::VmOnlySetting]);
        "type" => "`AutoCluster.InstanceType`", Approximate(&[C::InstanceSizing]);
        "resource_type" => "`AutoCluster.ResourceType`", Exact;
        "spot_price_limit" => "`AutoCluster.SpotPriceLimit`", Approximate(&[C::SpotPriceCap]);
        "disk" => "`AutoCluster.Configs.Disks`", Exact;
        "env" => "`EnvVars` (merged across sections)", Exact;
        "docker" => "`BATCH_COMPUTE_DOCKER_IMAGE` and `_REGISTRY_OSS_PATH`", Approximate(&[C::OssRegistryImage]);
        "read_mount" => "`Mounts.Entries`, writable when the source ends with `/` (as `bcs` did)", Exact;
        "write_mount" => "`OutputMapping`", Approximate(&[C::ArtifactRepository]);
        "mount" => "`Mounts.Entries`", Approximate(&[C::UnsupportedMount]);
        "log_mapping" => "`LogMapping`", Approximate(&[C::ArtifactRepository]);
        "user_data" => "`AutoCluster.UserData`", Unsupported(&[C::VmOnlySetting]);
        "reserve_on_fail" => "`AutoCluster.ReserveOnFail`", Unsupported(&[C::VmOnlySetting]);
        "vpc_cidr_block" => "`AutoCluster.Configs.Networks`", Unsupported(&[C::VmOnlySetting]);
        "vpc_id" => "`AutoCluster.Configs.Networks`", Unsupported(&[C::VmOnlySetting]);
        "lock" => "`InputMappingConfig.Lock`", Unsupported(&[C::MountOption]);
        "locale" => "`InputMappingConfig.Locale`", Unsupported(&[C::MountOption]);
        "no_cache_support" => "`Mounts.CacheSupport`", Unsupported(&[C::MountOption]);
        "nas_access_group" => "`Mounts.NAS.AccessGroup`", Approximate(&[C::ManualStep]);
        "nas_file_system" => "`Mounts.NAS.FileSystem`", Approximate(&[C::ManualStep]);
        "notification_endpoint" => "`Notification.Topic.Endpoint`", Unsupported(&[C::Notification]);
        "notification_topic" => "`Notification.Topic.Name`", Unsupported(&[C::Notification]);
        "notification_events" => "`Notification.Topic.Events`", Unsupported(&[C::Notification]);
        "$<variable>" => "substituted into every other value", Exact;
        "%(<option>)s" => "ConfigParser interpolation", Exact;
        "<unknown option>" => "ignored, as bcs did", Unsupported(&[C::UnknownOption]);
    }
};

/// The generated part of `docs/batchcompute.md`: one table per [`Document`].
pub fn markdown() -> String {
    let mut out = String::new();
    for &document in Document::ALL {
        out.push_str(&format!(
            "\n### {}\n\n| BatchCompute field | Argo field | mapping | codes |\n|---|---|---|---|\n",
            document.title()
        ));
        for f in FIELDS.iter().filter(|f| f.document == document) {
            out.push_str(&super::coverage::table_row(f.path, f.target, f.mapping));
        }
    }
    out
}
