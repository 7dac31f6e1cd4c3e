//! The conversion matrix: one row per AWS Batch input field, saying what it becomes in Argo.
//!
//! The product rule is that every input field is either mapped or reported by a coded
//! diagnostic. The rule is easy to state and easy to break silently: a reader that takes a field
//! and a lowering that never looks at it again drop it without a word. This table makes the
//! decision for each field explicit and reviewable in one place. It is checked, not trusted:
//! `src/tests/coverage.rs` holds it to the field inventory (exactly one row per RegisterJobDefinition,
//! SubmitJob, CreateJobQueue, CreateComputeEnvironment and CreateSchedulingPolicy path), to the code
//! registry, and to the fixture snapshots (each code a row names
//! is seen firing on that field), and `docs/mapping.md` is generated from it.
//!
//! Each row records what the code does today, not what it should do: a lossy row without a code
//! is a gap in the code, listed by the tests, never hidden here.

use crate::diagnostics::Code;

/// The operation a field belongs to, and the part of the page it is listed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `RegisterJobDefinition.containerProperties…`
    Container,
    /// `RegisterJobDefinition.eksProperties…`
    Eks,
    /// `RegisterJobDefinition.retryStrategy…` and `timeout…`
    RetryTimeout,
    /// The other RegisterJobDefinition fields.
    Definition,
    /// SubmitJob (a job or a job of a job graph).
    SubmitJob,
    /// CreateJobQueue.
    JobQueue,
    /// CreateComputeEnvironment.
    ComputeEnvironment,
    /// CreateSchedulingPolicy.
    SchedulingPolicy,
}

impl Section {
    /// Every section, in page order.
    pub const ALL: &'static [Section] = &[
        Section::Container,
        Section::Eks,
        Section::RetryTimeout,
        Section::Definition,
        Section::SubmitJob,
        Section::JobQueue,
        Section::ComputeEnvironment,
        Section::SchedulingPolicy,
    ];

    /// The API operation whose request holds the field.
    pub fn operation(self) -> &'static str {
        match self {
            Section::SubmitJob => "SubmitJob",
            Section::JobQueue => "CreateJobQueue",
            Section::ComputeEnvironment => "CreateComputeEnvironment",
            Section::SchedulingPolicy => "CreateSchedulingPolicy",
            Section::Container | Section::Eks | Section::RetryTimeout | Section::Definition => {
                "RegisterJobDefinition"
            }
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Container => "Job definition: container (`containerProperties`)",
            Section::Eks => "Job definition: EKS pod (`eksProperties`)",
            Section::RetryTimeout => "Job definition: retry and timeout",
            Section::Definition => "Job definition: other fields",
            Section::SubmitJob => "SubmitJob (jobs and job graphs)",
            Section::JobQueue => "Job queue (`CreateJobQueue`)",
            Section::ComputeEnvironment => "Compute environment (`CreateComputeEnvironment`)",
            Section::SchedulingPolicy => "Scheduling policy (`CreateSchedulingPolicy`)",
        }
    }
}

/// How a field reaches the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapping {
    /// Lowered with the same meaning. Validation of bad values may still report codes.
    Exact,
    /// Lowered, but lossy or needing a manual step; the codes say so when it happens.
    Approximate(&'static [Code]),
    /// Dropped, or the whole object refused; the codes report it.
    Unsupported(&'static [Code]),
    /// Not carried into the output: only validated, or used to decide something else.
    Checked(&'static [Code]),
    /// Kept only as an annotation (or in the IR) for a later stage.
    Kept(&'static [Code]),
    /// An object or list whose children carry the meaning.
    Structural,
}

impl Mapping {
    /// The codes the lowering emits for this field.
    pub fn codes(self) -> &'static [Code] {
        match self {
            Mapping::Approximate(c)
            | Mapping::Unsupported(c)
            | Mapping::Checked(c)
            | Mapping::Kept(c) => c,
            Mapping::Exact | Mapping::Structural => &[],
        }
    }

    /// A lossy mapping (approximate, unsupported, kept) must be reported by a code.
    pub fn is_lossy(self) -> bool {
        matches!(
            self,
            Mapping::Approximate(_) | Mapping::Unsupported(_) | Mapping::Kept(_)
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Mapping::Exact => "exact",
            Mapping::Approximate(_) => "approximate",
            Mapping::Unsupported(_) => "unsupported",
            Mapping::Checked(_) => "checked",
            Mapping::Kept(_) => "kept",
            Mapping::Structural => "structure",
        }
    }
}

/// One input field and what it becomes.
#[derive(Clone, Copy, Debug)]
pub struct FieldMapping {
    pub section: Section,
    /// The field's path in the inventory's syntax (`volumes[].host.sourcePath`).
    pub path: &'static str,
    /// The Argo field(s) it becomes, in words, or `—`.
    pub target: &'static str,
    pub mapping: Mapping,
}

macro_rules! fields {
    ($( $section:ident { $( $path:literal => $target:literal, $mapping:expr; )* } )*) => {
        &[ $( $( FieldMapping {
            section: Section::$section,
            path: $path,
            target: $target,
            mapping: $mapping,
        }, )* )* ]
    };
}

use Code as C;
use Mapping::{Approximate, Checked, Exact, Kept, Structural, Unsupported};

/// Every request field of the inventory (`reference/aws-batch-fields.md` §1–5), except the insides
/// of `ecsProperties` and `nodeProperties`, which are refused as a whole.
///
/// Targets: `template.` is the job definition's template (in its WorkflowTemplate, or the job's
/// own template in the Workflow when the job overrides it); `task.` is the job's DAG task;
/// `spec.` is the WorkflowTemplate and Workflow spec. Queue-side targets (Kueue, Volcano, the
/// semaphore, node affinity) are the placement and queueing objects of `--platform` and
/// `--queueing`; fields that only configure AWS capacity are B2A313.
pub const FIELDS: &[FieldMapping] = fields! {
    Container {
        "containerProperties" => "`template.container` (a container template)", Structural;
        "containerProperties.image" => "`template.container.image`", Exact;
        "containerProperties.vcpus" => "`template.container.resources.requests.cpu` unless `resourceRequirements` gives VCPU", Exact;
        "containerProperties.memory" => "`template.container.resources` memory request and limit (`Mi`) unless `resourceRequirements` gives MEMORY", Exact;
        "containerProperties.command" => "`template.container.args` (Batch keeps the image ENTRYPOINT); `$` and `{{` escaped", Exact;
        "containerProperties.jobRoleArn" => "`template.serviceAccountName`, named after the role (to create)", Approximate(&[C::JobRole]);
        "containerProperties.executionRoleArn" => "—", Unsupported(&[C::EcsOnly]);
        "containerProperties.volumes" => "`template.volumes[]`", Structural;
        "containerProperties.volumes[].host" => "`hostPath` volume; `emptyDir` without a `sourcePath`", Approximate(&[C::HostPath]);
        "containerProperties.volumes[].host.sourcePath" => "`template.volumes[].hostPath.path`", Approximate(&[C::HostPath]);
        "containerProperties.volumes[].name" => "`template.volumes[].name` (sanitised)", Exact;
        "containerProperties.volumes[].efsVolumeConfiguration" => "`persistentVolumeClaim` volume; PersistentVolume and claim are a manual step", Approximate(&[C::EfsVolume]);
        "containerProperties.volumes[].efsVolumeConfiguration.fileSystemId" => "`persistentVolumeClaim.claimName` (derived); volumeHandle in the message", Approximate(&[C::EfsVolume]);
        "containerProperties.volumes[].efsVolumeConfiguration.rootDirectory" => "volumeHandle path in the message", Approximate(&[C::EfsVolume]);
        "containerProperties.volumes[].efsVolumeConfiguration.transitEncryption" => "`tls` mount option in the message", Approximate(&[C::EfsVolume]);
        "containerProperties.volumes[].efsVolumeConfiguration.transitEncryptionPort" => "`tlsport` mount option in the message", Approximate(&[C::EfsVolume]);
        "containerProperties.volumes[].efsVolumeConfiguration.authorizationConfig" => "—", Structural;
        "containerProperties.volumes[].efsVolumeConfiguration.authorizationConfig.accessPointId" => "claim name and volumeHandle in the message", Approximate(&[C::EfsVolume]);
        "containerProperties.volumes[].efsVolumeConfiguration.authorizationConfig.iam" => "`iam` mount option in the message", Approximate(&[C::EfsVolume]);
        "containerProperties.volumes[].s3filesVolumeConfiguration" => "`emptyDir` placeholder without the data", Unsupported(&[C::S3FilesVolume]);
        "containerProperties.volumes[].s3filesVolumeConfiguration.fileSystemArn" => "—", Unsupported(&[C::S3FilesVolume]);
        "containerProperties.volumes[].s3filesVolumeConfiguration.rootDirectory" => "—", Unsupported(&[C::S3FilesVolume]);
        "containerProperties.volumes[].s3filesVolumeConfiguration.transitEncryptionPort" => "—", Unsupported(&[C::S3FilesVolume]);
        "containerProperties.volumes[].s3filesVolumeConfiguration.accessPointArn" => "—", Unsupported(&[C::S3FilesVolume]);
        "containerProperties.environment" => "`template.container.env[]`", Exact;
        "containerProperties.environment[].name" => "`env[].name`", Exact;
        "containerProperties.environment[].value" => "`env[].value`; `$` and `{{` escaped", Exact;
        "containerProperties.mountPoints" => "`template.container.volumeMounts[]`", Exact;
        "containerProperties.mountPoints[].containerPath" => "`volumeMounts[].mountPath`", Exact;
        "containerProperties.mountPoints[].readOnly" => "`volumeMounts[].readOnly`", Exact;
        "containerProperties.mountPoints[].sourceVolume" => "`volumeMounts[].name`", Exact;
        "containerProperties.readonlyRootFilesystem" => "`template.container.securityContext.readOnlyRootFilesystem`", Exact;
        "containerProperties.privileged" => "`template.container.securityContext.privileged`", Exact;
        "containerProperties.ulimits" => "annotation `batch2argo.io/ulimits` on `template.metadata`", Kept(&[C::Ulimits]);
        "containerProperties.ulimits[].hardLimit" => "annotation `batch2argo.io/ulimits`", Kept(&[C::Ulimits]);
        "containerProperties.ulimits[].name" => "annotation `batch2argo.io/ulimits`", Kept(&[C::Ulimits]);
        "containerProperties.ulimits[].softLimit" => "annotation `batch2argo.io/ulimits`", Kept(&[C::Ulimits]);
        "containerProperties.user" => "`securityContext.runAsUser` and `runAsGroup` when numeric", Approximate(&[C::UserName]);
        "containerProperties.instanceType" => "—", Unsupported(&[C::EcsOnly]);
        "containerProperties.resourceRequirements" => "`template.container.resources`", Structural;
        "containerProperties.resourceRequirements[].value" => "VCPU: cpu request (and limit on Fargate); MEMORY: memory request and limit in `Mi`; GPU: `nvidia.com/gpu` limit and a toleration", Exact;
        "containerProperties.resourceRequirements[].type" => "`cpu`, `memory` or `nvidia.com/gpu`", Exact;
        "containerProperties.linuxParameters" => "—", Structural;
        "containerProperties.linuxParameters.devices" => "`hostPath` volumes of type `CharDevice`, mounted", Approximate(&[C::Devices]);
        "containerProperties.linuxParameters.devices[].hostPath" => "`template.volumes[].hostPath.path`", Approximate(&[C::Devices]);
        "containerProperties.linuxParameters.devices[].containerPath" => "`volumeMounts[].mountPath`", Approximate(&[C::Devices]);
        "containerProperties.linuxParameters.devices[].permissions" => "—", Unsupported(&[C::Devices]);
        "containerProperties.linuxParameters.initProcessEnabled" => "—", Unsupported(&[C::InitProcess]);
        "containerProperties.linuxParameters.sharedMemorySize" => "memory `emptyDir` at `/dev/shm`, `sizeLimit` in `Mi`", Exact;
        "containerProperties.linuxParameters.tmpfs" => "memory `emptyDir` volumes, mounted", Exact;
        "containerProperties.linuxParameters.tmpfs[].containerPath" => "`volumeMounts[].mountPath`", Exact;
        "containerProperties.linuxParameters.tmpfs[].size" => "`emptyDir.sizeLimit` in `Mi`", Exact;
        "containerProperties.linuxParameters.tmpfs[].mountOptions" => "—", Unsupported(&[C::TmpfsMountOptions]);
        "containerProperties.linuxParameters.maxSwap" => "—", Unsupported(&[C::Swap]);
        "containerProperties.linuxParameters.swappiness" => "—", Unsupported(&[C::Swap]);
        "containerProperties.logConfiguration" => "annotation `batch2argo.io/log-configuration` on `template.metadata`", Kept(&[C::LogConfiguration]);
        "containerProperties.logConfiguration.logDriver" => "annotation `batch2argo.io/log-configuration`", Kept(&[C::LogConfiguration]);
        "containerProperties.logConfiguration.options" => "annotation `batch2argo.io/log-configuration`", Kept(&[C::LogConfiguration]);
        "containerProperties.logConfiguration.secretOptions" => "names in annotation `batch2argo.io/log-configuration`", Kept(&[C::LogConfiguration]);
        "containerProperties.logConfiguration.secretOptions[].name" => "annotation `batch2argo.io/log-configuration`", Kept(&[C::LogConfiguration]);
        "containerProperties.logConfiguration.secretOptions[].valueFrom" => "—", Unsupported(&[C::LogConfiguration]);
        "containerProperties.secrets" => "`env[].valueFrom.secretKeyRef` to a derived Secret (to create)", Approximate(&[C::Secret, C::SecretVersion]);
        "containerProperties.networkConfiguration" => "—", Unsupported(&[C::EcsOnly]);
        "containerProperties.networkConfiguration.assignPublicIp" => "—", Unsupported(&[C::EcsOnly]);
        "containerProperties.fargatePlatformConfiguration" => "—", Unsupported(&[C::EcsOnly]);
        "containerProperties.fargatePlatformConfiguration.platformVersion" => "—", Unsupported(&[C::EcsOnly]);
        "containerProperties.enableExecuteCommand" => "—", Unsupported(&[C::EcsOnly]);
        "containerProperties.ephemeralStorage" => "`ephemeral-storage` request and limit", Approximate(&[C::EphemeralStorage]);
        "containerProperties.ephemeralStorage.sizeInGiB" => "`ephemeral-storage` request and limit in `Gi`", Approximate(&[C::EphemeralStorage]);
        "containerProperties.runtimePlatform" => "`template.nodeSelector`", Structural;
        "containerProperties.runtimePlatform.operatingSystemFamily" => "`template.nodeSelector` `kubernetes.io/os`", Approximate(&[C::WindowsPlatform]);
        "containerProperties.runtimePlatform.cpuArchitecture" => "`template.nodeSelector` `kubernetes.io/arch`", Exact;
        "containerProperties.repositoryCredentials" => "`spec.imagePullSecrets[]`, a derived Secret (to create)", Approximate(&[C::RepositoryCredentials]);
        "containerProperties.repositoryCredentials.credentialsParameter" => "`spec.imagePullSecrets[].name` (derived)", Approximate(&[C::RepositoryCredentials]);
    }
    Eks {
        "eksProperties" => "`template` (the pod)", Structural;
        "eksProperties.podProperties" => "`template` (the pod)", Structural;
        "eksProperties.podProperties.serviceAccountName" => "`template.serviceAccountName`", Exact;
        "eksProperties.podProperties.hostNetwork" => "`template.podSpecPatch` `hostNetwork`; Batch's default `true` is written out (B2A160)", Exact;
        "eksProperties.podProperties.dnsPolicy" => "`template.podSpecPatch` `dnsPolicy`", Exact;
        "eksProperties.podProperties.imagePullSecrets" => "`spec.imagePullSecrets[]` (WorkflowTemplate and Workflow)", Exact;
        "eksProperties.podProperties.imagePullSecrets[].name" => "`spec.imagePullSecrets[].name`", Exact;
        "eksProperties.podProperties.containers" => "`template.container` (one) or `template.containerSet.containers[]` (several)", Exact;
        "eksProperties.podProperties.containers[].name" => "`containerSet.containers[].name` (sanitised; a single container is Argo's `main`)", Exact;
        "eksProperties.podProperties.containers[].image" => "`container.image`", Exact;
        "eksProperties.podProperties.containers[].imagePullPolicy" => "`container.imagePullPolicy`", Exact;
        "eksProperties.podProperties.containers[].command" => "`container.command`; `Ref::` substituted, `{{` escaped", Exact;
        "eksProperties.podProperties.containers[].args" => "`container.args`; `Ref::` substituted, `{{` escaped", Exact;
        "eksProperties.podProperties.containers[].env" => "`container.env[]`, after the injected `AWS_BATCH_*` variables", Exact;
        "eksProperties.podProperties.containers[].env[].name" => "`env[].name`", Exact;
        "eksProperties.podProperties.containers[].env[].value" => "`env[].value`", Exact;
        "eksProperties.podProperties.containers[].resources" => "`container.resources`", Exact;
        "eksProperties.podProperties.containers[].resources.limits" => "`container.resources.limits`", Exact;
        "eksProperties.podProperties.containers[].resources.requests" => "`container.resources.requests`", Exact;
        "eksProperties.podProperties.containers[].volumeMounts" => "`container.volumeMounts[]`", Exact;
        "eksProperties.podProperties.containers[].volumeMounts[].name" => "`volumeMounts[].name`", Exact;
        "eksProperties.podProperties.containers[].volumeMounts[].mountPath" => "`volumeMounts[].mountPath`", Exact;
        "eksProperties.podProperties.containers[].volumeMounts[].subPath" => "`volumeMounts[].subPath`", Exact;
        "eksProperties.podProperties.containers[].volumeMounts[].readOnly" => "`volumeMounts[].readOnly`", Exact;
        "eksProperties.podProperties.containers[].securityContext" => "`container.securityContext`", Exact;
        "eksProperties.podProperties.containers[].securityContext.runAsUser" => "`securityContext.runAsUser`", Exact;
        "eksProperties.podProperties.containers[].securityContext.runAsGroup" => "`securityContext.runAsGroup`", Exact;
        "eksProperties.podProperties.containers[].securityContext.privileged" => "`securityContext.privileged`", Exact;
        "eksProperties.podProperties.containers[].securityContext.allowPrivilegeEscalation" => "`securityContext.allowPrivilegeEscalation`", Exact;
        "eksProperties.podProperties.containers[].securityContext.readOnlyRootFilesystem" => "`securityContext.readOnlyRootFilesystem`", Exact;
        "eksProperties.podProperties.containers[].securityContext.runAsNonRoot" => "`securityContext.runAsNonRoot`", Exact;
        "eksProperties.podProperties.containers[].securityContext.capabilities" => "`securityContext.capabilities`", Exact;
        "eksProperties.podProperties.containers[].securityContext.capabilities.add" => "`securityContext.capabilities.add`", Exact;
        "eksProperties.podProperties.containers[].securityContext.capabilities.drop" => "`securityContext.capabilities.drop`", Exact;
        "eksProperties.podProperties.containers[].securityContext.seccompProfile" => "`securityContext.seccompProfile`", Exact;
        "eksProperties.podProperties.containers[].securityContext.seccompProfile.type" => "`seccompProfile.type`", Exact;
        "eksProperties.podProperties.containers[].securityContext.seccompProfile.localhostProfile" => "`seccompProfile.localhostProfile`", Exact;
        "eksProperties.podProperties.initContainers" => "`template.initContainers[]` (fields as for `containers[]`)", Exact;
        "eksProperties.podProperties.volumes" => "`template.volumes[]`", Exact;
        "eksProperties.podProperties.volumes[].name" => "`volumes[].name`", Exact;
        "eksProperties.podProperties.volumes[].hostPath" => "`volumes[].hostPath`", Exact;
        "eksProperties.podProperties.volumes[].hostPath.path" => "`volumes[].hostPath.path`", Exact;
        "eksProperties.podProperties.volumes[].emptyDir" => "`volumes[].emptyDir`", Exact;
        "eksProperties.podProperties.volumes[].emptyDir.medium" => "`emptyDir.medium`", Exact;
        "eksProperties.podProperties.volumes[].emptyDir.sizeLimit" => "`emptyDir.sizeLimit`", Exact;
        "eksProperties.podProperties.volumes[].secret" => "`volumes[].secret`", Exact;
        "eksProperties.podProperties.volumes[].secret.secretName" => "`secret.secretName`", Exact;
        "eksProperties.podProperties.volumes[].secret.optional" => "`secret.optional`", Exact;
        "eksProperties.podProperties.volumes[].persistentVolumeClaim" => "`volumes[].persistentVolumeClaim`", Exact;
        "eksProperties.podProperties.volumes[].persistentVolumeClaim.claimName" => "`persistentVolumeClaim.claimName`", Exact;
        "eksProperties.podProperties.volumes[].persistentVolumeClaim.readOnly" => "`persistentVolumeClaim.readOnly`", Exact;
        "eksProperties.podProperties.metadata" => "`template.metadata`", Structural;
        "eksProperties.podProperties.metadata.labels" => "`template.metadata.labels`", Exact;
        "eksProperties.podProperties.metadata.annotations" => "`template.metadata.annotations`", Exact;
        "eksProperties.podProperties.metadata.namespace" => "annotation `batch2argo.io/eks-namespace` only; pods run in the workflow's namespace", Unsupported(&[C::EksNamespace]);
        "eksProperties.podProperties.shareProcessNamespace" => "`template.podSpecPatch` `shareProcessNamespace`", Exact;
        "eksProperties.podProperties.securityContext" => "`template.securityContext`", Exact;
        "eksProperties.podProperties.securityContext.runAsUser" => "`securityContext.runAsUser`", Exact;
        "eksProperties.podProperties.securityContext.runAsGroup" => "`securityContext.runAsGroup`", Exact;
        "eksProperties.podProperties.securityContext.runAsNonRoot" => "`securityContext.runAsNonRoot`", Exact;
        "eksProperties.podProperties.securityContext.seccompProfile" => "`securityContext.seccompProfile`", Exact;
        "eksProperties.podProperties.securityContext.fsGroup" => "`securityContext.fsGroup`", Exact;
    }
    RetryTimeout {
        "retryStrategy" => "`template.retryStrategy`", Structural;
        "retryStrategy.attempts" => "`retryStrategy.limit` = attempts − 1, `retryPolicy: Always`", Exact;
        "retryStrategy.evaluateOnExit" => "`retryStrategy.expression`: first match wins, no match retries", Exact;
        "retryStrategy.evaluateOnExit[].onStatusReason" => "a `lastRetry.message` or `lastRetry.status` test in the expression", Approximate(&[C::RetryReasonApproximated]);
        "retryStrategy.evaluateOnExit[].onReason" => "a `lastRetry.message` or `lastRetry.status` test in the expression", Approximate(&[C::RetryReasonApproximated]);
        "retryStrategy.evaluateOnExit[].onExitCode" => "a `lastRetry.exitCode` test in the expression", Exact;
        "retryStrategy.evaluateOnExit[].action" => "the `true` (RETRY) or `false` (EXIT) branch of the expression", Exact;
        "timeout" => "—", Structural;
        "timeout.attemptDurationSeconds" => "`template.activeDeadlineSeconds` (per attempt); deadline kills are not retried", Exact;
    }
    Definition {
        "jobDefinitionName" => "WorkflowTemplate `metadata.name` (sanitised; original in annotation `batch2argo.io/job-definition`)", Exact;
        "type" => "— (`container` is converted; `multinode` is refused)", Checked(&[C::MultinodeUnsupported, C::InvalidValue]);
        "parameters" => "`template.inputs.parameters[]` defaults and WorkflowTemplate `spec.arguments`; `Ref::x` becomes `{{inputs.parameters.x}}`", Approximate(&[C::ParameterRenamed, C::EmbeddedRef]);
        "schedulingPriority" => "annotation `batch2argo.io/scheduling-priority` on `template.metadata`", Kept(&[C::KeptAsAnnotation]);
        "platformCapabilities" => "— (FARGATE makes the vCPU a CPU limit as well; values are checked)", Checked(&[C::FargateCpuLimit, C::InvalidValue]);
        "propagateTags" => "when true, `tags` are copied to annotation `batch2argo.io/tags` on `template.metadata`", Kept(&[C::KeptAsAnnotation]);
        "tags" => "annotation `batch2argo.io/tags` on the WorkflowTemplate", Exact;
        "consumableResourceProperties" => "—", Unsupported(&[C::ConsumableResources]);
        "consumableResourceProperties.consumableResourceList" => "—", Unsupported(&[C::ConsumableResources]);
        "consumableResourceProperties.consumableResourceList[].consumableResource" => "—", Unsupported(&[C::ConsumableResources]);
        "consumableResourceProperties.consumableResourceList[].quantity" => "—", Unsupported(&[C::ConsumableResources]);
        "nodeProperties" => "— (nothing is generated for the definition)", Unsupported(&[C::MultinodeUnsupported]);
        "ecsProperties" => "— (nothing is generated for the definition)", Unsupported(&[C::EcsPropertiesUnsupported]);
    }
    SubmitJob {
        "jobName" => "`task.name`; Workflow `metadata.generateName` for a single SubmitJob (sanitised)", Exact;
        "jobQueue" => "`task.arguments` `aws-batch-jq-name`, read as `AWS_BATCH_JQ_NAME`; the queue's `priority`, when its CreateJobQueue is among the inputs, becomes the Workflow's `spec.priority` (B2A301, B2A304, B2A307, B2A309)", Exact;
        "jobDefinition" => "`task.templateRef` to the definition's WorkflowTemplate", Exact;
        "parameters" => "`task.arguments.parameters[]`", Exact;
        "arrayProperties" => "—", Structural;
        "arrayProperties.size" => "`task.withSequence.count`; the array template sets `AWS_BATCH_JOB_ARRAY_INDEX` and `_SIZE`", Exact;
        "dependsOn" => "`task.depends`", Exact;
        "dependsOn[].jobId" => "`task.depends` on the named job's task (`.Succeeded`)", Exact;
        "dependsOn[].type" => "N_TO_N: a loop of per-index sub-DAGs; SEQUENTIAL: a DAG with `parallelism: 1` and `failFast`", Approximate(&[C::OrderingAdded]);
        "retryStrategy" => "the job's own `template.retryStrategy` (replaces the definition's)", Structural;
        "retryStrategy.attempts" => "`retryStrategy.limit` = attempts − 1, `retryPolicy: Always`", Exact;
        "retryStrategy.evaluateOnExit" => "`retryStrategy.expression`: first match wins, no match retries", Exact;
        "retryStrategy.evaluateOnExit[].onStatusReason" => "a `lastRetry.message` or `lastRetry.status` test in the expression", Approximate(&[C::RetryReasonApproximated]);
        "retryStrategy.evaluateOnExit[].onReason" => "a `lastRetry.message` or `lastRetry.status` test in the expression", Approximate(&[C::RetryReasonApproximated]);
        "retryStrategy.evaluateOnExit[].onExitCode" => "a `lastRetry.exitCode` test in the expression", Exact;
        "retryStrategy.evaluateOnExit[].action" => "the `true` (RETRY) or `false` (EXIT) branch of the expression", Exact;
        "timeout" => "—", Structural;
        "timeout.attemptDurationSeconds" => "the job's own `template.activeDeadlineSeconds`", Exact;
        "shareIdentifier" => "Workflow annotation `batch2argo.io/job-scheduling`", Kept(&[C::KeptAsAnnotation]);
        "schedulingPriorityOverride" => "Workflow annotation `batch2argo.io/job-scheduling`", Kept(&[C::KeptAsAnnotation]);
        "propagateTags" => "— (reported; pods carry no AWS tags)", Kept(&[C::KeptAsAnnotation]);
        "tags" => "Workflow annotation `batch2argo.io/job-tags`", Kept(&[C::KeptAsAnnotation]);
        "containerOverrides" => "the job's own template, built from the merged definition", Structural;
        "containerOverrides.vcpus" => "own template cpu request, unless the definition gives VCPU in `resourceRequirements`", Exact;
        "containerOverrides.memory" => "own template memory request and limit, unless the definition gives MEMORY in `resourceRequirements`", Exact;
        "containerOverrides.command" => "own template `container.args` (replaced whole)", Exact;
        "containerOverrides.instanceType" => "—", Unsupported(&[C::EcsOnly]);
        "containerOverrides.environment" => "own template `container.env[]`, merged by name", Exact;
        "containerOverrides.environment[].name" => "`env[].name`", Exact;
        "containerOverrides.environment[].value" => "`env[].value`", Exact;
        "containerOverrides.resourceRequirements" => "own template `container.resources`, merged by type", Exact;
        "containerOverrides.resourceRequirements[].value" => "as `containerProperties.resourceRequirements[].value`", Exact;
        "containerOverrides.resourceRequirements[].type" => "as `containerProperties.resourceRequirements[].type`", Exact;
        "ecsPropertiesOverride" => "—", Unsupported(&[C::EcsPropertiesUnsupported]);
        "ecsPropertiesOverride.taskProperties" => "—", Unsupported(&[C::EcsPropertiesUnsupported]);
        "ecsPropertiesOverride.taskProperties[].containers" => "—", Unsupported(&[C::EcsPropertiesUnsupported]);
        "ecsPropertiesOverride.taskProperties[].containers[].command" => "—", Unsupported(&[C::EcsPropertiesUnsupported]);
        "ecsPropertiesOverride.taskProperties[].containers[].environment" => "—", Unsupported(&[C::EcsPropertiesUnsupported]);
        "ecsPropertiesOverride.taskProperties[].containers[].name" => "—", Unsupported(&[C::EcsPropertiesUnsupported]);
        "ecsPropertiesOverride.taskProperties[].containers[].resourceRequirements" => "—", Unsupported(&[C::EcsPropertiesUnsupported]);
        "eksPropertiesOverride" => "the job's own template, built from the merged pod", Structural;
        "eksPropertiesOverride.podProperties" => "the job's own template, built from the merged pod", Structural;
        "eksPropertiesOverride.podProperties.containers" => "own template containers, merged by name", Exact;
        "eksPropertiesOverride.podProperties.containers[].name" => "— (selects the definition's container)", Checked(&[C::InvalidValue]);
        "eksPropertiesOverride.podProperties.containers[].image" => "`container.image`", Exact;
        "eksPropertiesOverride.podProperties.containers[].command" => "`container.command`", Exact;
        "eksPropertiesOverride.podProperties.containers[].args" => "`container.args`", Exact;
        "eksPropertiesOverride.podProperties.containers[].env" => "`container.env[]`, merged by name", Exact;
        "eksPropertiesOverride.podProperties.containers[].env[].name" => "`env[].name`", Exact;
        "eksPropertiesOverride.podProperties.containers[].env[].value" => "`env[].value`", Exact;
        "eksPropertiesOverride.podProperties.containers[].resources" => "`container.resources`", Exact;
        "eksPropertiesOverride.podProperties.containers[].resources.limits" => "`container.resources.limits` (replaced)", Exact;
        "eksPropertiesOverride.podProperties.containers[].resources.requests" => "`container.resources.requests` (replaced)", Exact;
        "eksPropertiesOverride.podProperties.initContainers" => "own template `initContainers[]`, merged by name", Exact;
        "eksPropertiesOverride.podProperties.metadata" => "own `template.metadata`", Structural;
        "eksPropertiesOverride.podProperties.metadata.labels" => "`template.metadata.labels`, merged", Exact;
        "eksPropertiesOverride.podProperties.metadata.annotations" => "`template.metadata.annotations`, merged", Exact;
        "eksPropertiesOverride.podProperties.metadata.namespace" => "annotation `batch2argo.io/eks-namespace` only", Unsupported(&[C::EksNamespace]);
        "consumableResourcePropertiesOverride" => "—", Unsupported(&[C::ConsumableResources]);
        "consumableResourcePropertiesOverride.consumableResourceList" => "—", Unsupported(&[C::ConsumableResources]);
        "consumableResourcePropertiesOverride.consumableResourceList[].consumableResource" => "—", Unsupported(&[C::ConsumableResources]);
        "consumableResourcePropertiesOverride.consumableResourceList[].quantity" => "—", Unsupported(&[C::ConsumableResources]);
        "nodeOverrides" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.numNodes" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.nodePropertyOverrides" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.nodePropertyOverrides[].targetNodes" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.nodePropertyOverrides[].containerOverrides" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.nodePropertyOverrides[].ecsPropertiesOverride" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.nodePropertyOverrides[].instanceTypes" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.nodePropertyOverrides[].eksPropertiesOverride" => "—", Unsupported(&[C::MultinodeUnsupported]);
        "nodeOverrides.nodePropertyOverrides[].consumableResourcePropertiesOverride" => "—", Unsupported(&[C::MultinodeUnsupported]);
    }
    JobQueue {
        "jobQueueName" => "the name of the Kueue ClusterQueue and LocalQueue, the Volcano Queue or the semaphore key", Exact;
        "state" => "— (a job submitted to a DISABLED queue is reported)", Checked(&[C::DisabledQueue]);
        "schedulingPolicyArn" => "Kueue admission fair sharing of the queue's LocalQueues (resolved by name or ARN)", Approximate(&[C::FairShareApproximated, C::SchedulingPolicyNotMapped, C::UnresolvedSchedulingPolicy, C::UnresolvedSchedulingPolicyNeeded]);
        "priority" => "Workflow `spec.priority`; Kueue: ClusterQueue order in a cohort is not by priority", Approximate(&[C::QueueNotMapped]);
        "computeEnvironmentOrder" => "node placement of the queue's pods: node affinity, Kueue ResourceFlavors", Approximate(&[C::PlacementFromQueue]);
        "computeEnvironmentOrder[].order" => "preferred node-affinity weights; Kueue flavor order", Approximate(&[C::PlacementFromQueue]);
        "computeEnvironmentOrder[].computeEnvironment" => "— (resolved by name or ARN)", Checked(&[C::UnresolvedComputeEnvironment, C::UnresolvedComputeEnvironmentNeeded, C::DisabledComputeEnvironment]);
        "serviceEnvironmentOrder" => "— (SageMaker training jobs are not converted)", Unsupported(&[C::ServiceEnvironmentQueue]);
        "serviceEnvironmentOrder[].order" => "—", Unsupported(&[C::ServiceEnvironmentQueue]);
        "serviceEnvironmentOrder[].serviceEnvironment" => "—", Unsupported(&[C::ServiceEnvironmentQueue]);
        "jobQueueType" => "— (values are checked; SAGEMAKER_TRAINING is reported)", Checked(&[C::ServiceEnvironmentQueue]);
        "tags" => "—", Unsupported(&[C::CapacityOnly]);
        "jobStateTimeLimitActions" => "— (a job stuck RUNNABLE waits instead of being cancelled)", Unsupported(&[C::QueueTimeLimitActions]);
        "jobStateTimeLimitActions[].reason" => "—", Unsupported(&[C::QueueTimeLimitActions]);
        "jobStateTimeLimitActions[].state" => "—", Unsupported(&[C::QueueTimeLimitActions]);
        "jobStateTimeLimitActions[].maxTimeSeconds" => "—", Unsupported(&[C::QueueTimeLimitActions]);
        "jobStateTimeLimitActions[].action" => "—", Unsupported(&[C::QueueTimeLimitActions]);
    }
    ComputeEnvironment {
        "computeEnvironmentName" => "the name of the Kueue ResourceFlavor it becomes", Exact;
        "type" => "— (MANAGED environments give placement; UNMANAGED is reported)", Checked(&[C::UnmanagedEnvironment]);
        "state" => "— (a queue that uses a DISABLED environment is reported)", Checked(&[C::DisabledComputeEnvironment]);
        "unmanagedvCpus" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources" => "node placement of the pods of the queues that use it", Structural;
        "computeResources.type" => "Karpenter capacity-type, ECI spot strategy, ACS compute-qos", Approximate(&[C::ComputeEnvironmentNotMapped, C::FargateAsNodes]);
        "computeResources.allocationStrategy" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.minvCpus" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.maxvCpus" => "Kueue cpu `nominalQuota`, Volcano Queue `capability`, semaphore limit", Approximate(&[C::QuotaAssumed, C::ConcurrencyLimit]);
        "computeResources.desiredvCpus" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.instanceTypes" => "instance-type or instance-family node affinity; `kubernetes.io/arch`", Approximate(&[C::ComputeEnvironmentNotMapped]);
        "computeResources.imageId" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.subnets" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.securityGroupIds" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.ec2KeyPair" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.instanceRole" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.tags" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.placementGroup" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.bidPercentage" => "— (Spot is bought at the market price)", Unsupported(&[C::SpotPriceCap]);
        "computeResources.spotIamFleetRole" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.launchTemplateId" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.launchTemplateName" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.version" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.overrides" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.overrides[].launchTemplateId" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.overrides[].launchTemplateName" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.overrides[].version" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.overrides[].targetInstanceTypes" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.overrides[].userdataType" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.launchTemplate.userdataType" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.ec2Configuration" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.ec2Configuration[].imageType" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.ec2Configuration[].imageIdOverride" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.ec2Configuration[].batchImageStatus" => "— (output only)", Checked(&[]);
        "computeResources.ec2Configuration[].imageKubernetesVersion" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.scalingPolicy" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.scalingPolicy.minScaleDownDelayMinutes" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.propagateTags" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.infrastructureRoleArn" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.ec2InstanceProfileArn" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.networkConfiguration" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.networkConfiguration.subnets" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.networkConfiguration.securityGroups" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.instanceRequirements" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.instanceRequirements.allowedInstanceTypes" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.capacityOptionType" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.storageConfiguration" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.storageConfiguration.storageSizeGiB" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.monitoring" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.fipsEnabled" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.capacityReservations" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.capacityReservations.reservationGroupArn" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.capacityReservations.reservationPreference" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.instanceMetadataTagsPropagation" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.localStorageConfiguration" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.instanceLaunchTemplate.localStorageConfiguration.useLocalStorage" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.infrastructureOptimization" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.managedInstancesProvider.infrastructureOptimization.scaleInAfter" => "—", Unsupported(&[C::CapacityOnly]);
        "computeResources.capacityTags" => "—", Unsupported(&[C::CapacityOnly]);
        "serviceRole" => "—", Unsupported(&[C::CapacityOnly]);
        "tags" => "—", Unsupported(&[C::CapacityOnly]);
        "eksConfiguration" => "—", Structural;
        "eksConfiguration.eksClusterArn" => "— (the output runs on the cluster it is applied to)", Unsupported(&[C::CapacityOnly]);
        "eksConfiguration.kubernetesNamespace" => "the default namespace of the queue's objects", Exact;
        "eksConfiguration.accessEntry" => "—", Unsupported(&[C::CapacityOnly]);
        "eksConfiguration.accessEntry.desiredState" => "—", Unsupported(&[C::CapacityOnly]);
        "eksConfiguration.accessEntry.status" => "— (output only)", Checked(&[]);
        "context" => "—", Unsupported(&[C::CapacityOnly]);
        "ecsSettings" => "—", Unsupported(&[C::CapacityOnly]);
        "ecsSettings.containerInsights" => "—", Unsupported(&[C::CapacityOnly]);
    }
    SchedulingPolicy {
        "name" => "the prefix of the Kueue LocalQueues of its shares", Exact;
        "quotaSharePolicy" => "— (no capacity is lent between queues)", Unsupported(&[C::QuotaSharePolicy]);
        "quotaSharePolicy.idleResourceAssignmentStrategy" => "—", Unsupported(&[C::QuotaSharePolicy]);
        "fairsharePolicy" => "Kueue admission fair sharing", Structural;
        "fairsharePolicy.shareDecaySeconds" => "Kueue's cluster-wide `admissionFairSharing.usageHalfLifeTime`, in the message", Approximate(&[C::FairShareApproximated, C::SchedulingPolicyNotMapped]);
        "fairsharePolicy.computeReservation" => "— (no equivalent; in the message)", Approximate(&[C::FairShareApproximated, C::SchedulingPolicyNotMapped]);
        "fairsharePolicy.shareDistribution" => "one Kueue LocalQueue per share identifier the jobs use", Approximate(&[C::FairShareApproximated, C::SchedulingPolicyNotMapped]);
        "fairsharePolicy.shareDistribution[].shareIdentifier" => "the LocalQueue name's suffix; a wildcard becomes one LocalQueue per identifier used", Approximate(&[C::FairShareApproximated, C::SchedulingPolicyNotMapped]);
        "fairsharePolicy.shareDistribution[].weightFactor" => "LocalQueue `fairSharing.weight` = 1 / weightFactor", Approximate(&[C::FairShareApproximated, C::SchedulingPolicyNotMapped]);
        "tags" => "—", Unsupported(&[C::CapacityOnly]);
    }
};

/// A code as a link to its entry in `docs/diagnostics.md`.
fn code_link(code: Code) -> String {
    format!(
        "[{}](diagnostics.md#{}-{}-{})",
        code.as_str(),
        code.as_str().to_ascii_lowercase(),
        code.slug(),
        code.severity()
    )
}

/// The page `docs/mapping.md`: the legend, then one table per [`Section`].
pub fn markdown() -> String {
    let mut out = String::from(
        "# AWS Batch → Argo Workflows field mapping\n\n\
         Generated from `src/lower/coverage.rs`; do not edit by hand.\n\n",
    );
    out.push_str(
        "Every field of a RegisterJobDefinition, SubmitJob, CreateJobQueue, \
         CreateComputeEnvironment and CreateSchedulingPolicy request is listed once, with the \
         Argo or Kubernetes field it becomes and how faithfully. **exact**: the Argo field has the Batch \
         meaning. **approximate**: the field is converted, but the result differs from Batch in \
         some cases or needs a manual step, and the listed codes report it when it happens. \
         **unsupported**: the field is dropped (or the whole object refused), reported by the \
         listed codes. **checked**: the field is not carried into the output; it is validated or \
         decides something else. **kept**: the field survives only as an annotation, for a later \
         stage. **structure**: an object or list whose fields carry the meaning. In the Argo \
         column, `template.` is the job definition's template (in its WorkflowTemplate, or the \
         job's own template in the Workflow when the job overrides it), `task.` is the job's DAG \
         task and `spec.` the WorkflowTemplate and Workflow spec; queue-side rows name the \
         placement and queueing objects of `--platform` and `--queueing` (node affinity, Kueue, \
         Volcano, the semaphore). A lossy row whose codes read \
         **none** is converted or dropped without any diagnostic, a gap that is to be closed. \
         The contents of `ecsProperties` and `nodeProperties` are not listed: both are refused \
         as a whole.\n",
    );
    for &section in Section::ALL {
        let rows: Vec<&FieldMapping> = FIELDS.iter().filter(|f| f.section == section).collect();
        out.push_str(&format!(
            "\n## {}\n\n| Batch field | Argo field | mapping | codes |\n|---|---|---|---|\n",
            section.title()
        ));
        for f in rows {
            out.push_str(&table_row(f.path, f.target, f.mapping));
        }
    }
    out
}

/// One row of a mapping table: field, target, mapping and its codes as links to
/// `docs/diagnostics.md` (a lossy row without codes reads **none**).
pub fn table_row(path: &str, target: &str, mapping: Mapping) -> String {
    let codes = mapping.codes();
    let codes = if !codes.is_empty() {
        codes
            .iter()
            .map(|c| code_link(*c))
            .collect::<Vec<_>>()
            .join(", ")
    } else if mapping.is_lossy() {
        "**none**".to_string()
    } else {
        "—".to_string()
    };
    format!(
        "| `{path}` | {} | {} | {codes} |\n",
        target.replace('|', "\\|"),
        mapping.label(),
    )
}
