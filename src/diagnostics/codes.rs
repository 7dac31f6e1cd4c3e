//! The registry: every diagnostic code, declared once, with its severity and explanation.
//!
//! Passes name a [`Code`]; the severity, summary and explanation come from here, so a call site
//! can never report the wrong severity. `batch2argo explain` and `docs/diagnostics.md` are
//! generated from this table, and a test fails when the docs are stale. Codes are grouped by
//! stage in hundreds (0xx input, 1xx job definitions, 2xx graph, 3xx queues, 9xx output) and are
//! never reused.

use super::Severity;

macro_rules! codes {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $code:literal, $severity:ident, $slug:literal, $summary:literal;
    )*) => {
        /// A diagnostic code of the registry.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, e.g. `B2A104`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// The severity every diagnostic of this code has.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// A short kebab-case name.
            pub fn slug(self) -> &'static str {
                match self { $(Code::$variant => $slug),* }
            }

            /// One line saying what the code reports.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }

            /// The long explanation (Markdown), from the doc comment of the entry.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc, "\n"),*)),* }
            }
        }
    };
}

impl Code {
    /// Looks a code up by its text (`B2A104`, case-insensitive).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

codes! {
    // ---------------------------------------------------------------- 0xx: input
    /// The file is not valid JSON or YAML, so nothing in it can be converted.
    ///
    /// **How to fix:** correct the syntax at the position shown (a missing bracket or comma, a
    /// bad indentation, a truncated file).
    Syntax = "B2A001", Error, "syntax-error", "the input is not valid JSON or YAML";
    /// A file given explicitly on the command line holds a document whose shape matches no
    /// input dialect batch2argo reads (RegisterJobDefinition, SubmitJob, a job graph, a
    /// `describe-*` dump, CreateJobQueue, CreateComputeEnvironment, CreateSchedulingPolicy).
    ///
    /// **Why it matters:** converting the rest would silently leave this document out.
    ///
    /// **How to fix:** check that the file is an AWS Batch request or `describe-*` output;
    /// remove it from the arguments if it is not meant to be converted.
    UnknownShape = "B2A002", Error, "unknown-shape", "the document matches no input dialect";
    /// A JSON or YAML file found while walking a directory matches no input dialect, so it was
    /// skipped. Files named explicitly get B2A002 (an error) instead.
    ///
    /// **How to fix:** nothing, if the file is not a Batch definition; otherwise check its shape.
    SkippedUnknownShape = "B2A003", Warning, "skipped-unknown-shape", "a file found while walking matches no input dialect and was skipped";
    /// A field holds a value of the wrong JSON type, for example a string where AWS expects an
    /// object or a list. The field is ignored.
    ///
    /// **How to fix:** give the field the type the AWS Batch API documents.
    WrongType = "B2A004", Error, "wrong-type", "a field has the wrong type";
    /// A scalar has another type than the AWS API requires, but its meaning is clear: a number
    /// or boolean where a string belongs (typical in YAML and CloudFormation: `value: 4`), or a
    /// numeric string where an integer belongs. The AWS CLI rejects this in request JSON;
    /// batch2argo uses the value as written.
    ///
    /// **How to fix:** write the type the API documents: `"4"` for strings, `4` for integers.
    ScalarAsString = "B2A005", Warning, "scalar-type", "a scalar of the wrong type was read as written";
    /// The field is not part of the AWS Batch API model for this object, so it has no meaning on
    /// Batch and nothing in the output depends on it. Often a typo (`attempt` for `attempts`).
    ///
    /// **How to fix:** correct the name, or delete the field.
    UnknownField = "B2A006", Warning, "unknown-field", "a field is not part of the AWS Batch API";
    /// A field the AWS Batch API requires is missing, so the object cannot be converted (AWS
    /// would reject it too).
    ///
    /// **How to fix:** add the field.
    MissingField = "B2A007", Error, "missing-field", "a required field is missing";
    /// A value is outside what AWS Batch accepts: an unknown enum value, a malformed name, a
    /// number out of range.
    ///
    /// **How to fix:** use one of the values the message lists.
    InvalidValue = "B2A008", Error, "invalid-value", "a value is not one AWS Batch accepts";
    /// The document nests deeper than batch2argo reads (128 levels) or is larger than the input
    /// limit. No AWS Batch object comes near either limit, so the input is almost certainly not
    /// a Batch definition.
    ///
    /// **How to fix:** split or repair the file.
    InputLimit = "B2A009", Error, "input-limit", "the input nests too deeply or is too large";
    /// The same key appears twice in one object. JSON readers disagree on which value wins, so
    /// the meaning of the input is ambiguous.
    ///
    /// **How to fix:** keep one of the two entries.
    DuplicateKey = "B2A010", Error, "duplicate-key", "a key appears twice in one object";
    /// The same job definition (name and revision) or the same queue, compute environment or
    /// scheduling policy is defined twice with different content. The first one, in path order,
    /// is used.
    ///
    /// **How to fix:** remove one of the two definitions or give them distinct revisions.
    DuplicateDefinition = "B2A011", Error, "duplicate-definition", "the same object is defined twice with different content";
    /// The path given on the command line does not exist or holds no JSON/YAML file.
    ///
    /// **How to fix:** check the path.
    NoInput = "B2A012", Error, "no-input", "a path holds no JSON or YAML input";

    // ---------------------------------------------------------------- 1xx: job definitions
    /// `type: multinode` (multi-node parallel) job definitions are not converted yet. A gang of
    /// pods with the node-index variables needs a JobSet, Volcano Job or MPIJob created by a
    /// resource template, which batch2argo does not generate yet.
    ///
    /// **How to fix:** convert the main node's container as a single-node definition, or run the
    /// job through a JobSet/MPIJob by hand. Nothing is generated for this definition.
    MultinodeUnsupported = "B2A101", Error, "multinode-unsupported", "multi-node parallel job definitions are not supported yet";
    /// `ecsProperties` (multi-container ECS task) job definitions are not converted yet: the
    /// container start ordering (`dependsOn` START/COMPLETE/SUCCESS/HEALTHY) and `essential` flags
    /// have no direct Argo form.
    ///
    /// **How to fix:** rewrite the definition with `containerProperties` (one container) or
    /// `eksProperties` (a pod with sidecars or init containers). Nothing is generated for it.
    EcsPropertiesUnsupported = "B2A102", Error, "ecs-properties-unsupported", "ecsProperties job definitions are not supported yet";
    /// A `type: container` job definition needs exactly one of `containerProperties`,
    /// `eksProperties` or `ecsProperties`; this one has none or several.
    ///
    /// **How to fix:** keep exactly one of them.
    ContainerSpecCount = "B2A103", Error, "container-spec-count", "a job definition needs exactly one container specification";
    /// A `Ref::name` placeholder stands inside a longer command element (`--in=Ref::x`). AWS does
    /// not document whether Batch substitutes such placeholders; batch2argo substitutes them, as
    /// the AWS emulators do.
    ///
    /// **Argo output:** `--in={{inputs.parameters.x}}`.
    ///
    /// **How to fix:** make the placeholder a whole command element to be sure of the Batch
    /// behaviour.
    EmbeddedRef = "B2A104", Warning, "embedded-ref", "a `Ref::` placeholder inside a longer string was substituted";
    /// A `Ref::name` placeholder has no default in the job definition and no value in the
    /// submission, so it stays as the literal text `Ref::name` (what the AWS emulators do).
    ///
    /// **How to fix:** add the parameter to the job definition's `parameters` or to the SubmitJob.
    UnresolvedRef = "B2A105", Warning, "unresolved-ref", "a `Ref::` placeholder has no value and stays literal";
    /// A parameter name contains characters Argo does not allow in parameter names
    /// (`[-a-zA-Z0-9_]`), so the input parameter got a sanitised name.
    ///
    /// **How to fix:** nothing; callers of the WorkflowTemplate must use the name in the message.
    ParameterRenamed = "B2A106", Warning, "parameter-renamed", "a parameter name was sanitised for Argo";
    /// A parameter is defined (in the job definition or the submission) but no command element
    /// refers to it. Batch substitutes parameters only in the command, so it has no effect; it
    /// is still declared as a template input.
    ///
    /// **How to fix:** delete the parameter, or use `Ref::name` in the command.
    UnusedParameter = "B2A107", Info, "unused-parameter", "a parameter is never referenced by `Ref::`";
    /// A resource value is not a number (`"two"`), or not a whole number where Batch requires
    /// one (MEMORY, GPU, vCPU on EC2).
    ///
    /// **How to fix:** give the amount as a decimal number in a string: `"2048"`.
    InvalidResource = "B2A110", Error, "invalid-resource", "a resource value is not a valid number";
    /// Both the deprecated `vcpus`/`memory` fields and `resourceRequirements` give the same
    /// resource with different values. `resourceRequirements` wins, as on Batch.
    ///
    /// **How to fix:** delete the deprecated field.
    LegacyResourceIgnored = "B2A111", Warning, "legacy-resource-ignored", "a deprecated `vcpus`/`memory` value is overridden by `resourceRequirements`";
    /// The job has no memory requirement. Batch refuses to run such a job on EC2; Kubernetes
    /// would run it with no memory request or limit at all.
    ///
    /// **How to fix:** add a MEMORY resource requirement.
    NoMemory = "B2A112", Warning, "no-memory", "the container has no memory requirement";
    /// On Fargate, the vCPU value is a hard cap as well as a reservation; on EC2 it is CPU
    /// shares (a request, never a cap). The template gets a CPU limit equal to the request only
    /// for Fargate definitions.
    ///
    /// **Argo output:** `resources.limits.cpu` = `resources.requests.cpu`.
    FargateCpuLimit = "B2A113", Info, "fargate-cpu-limit", "a Fargate vCPU value became a CPU limit as well as a request";
    /// `ephemeralStorage.sizeInGiB` (Fargate scratch disk) became an `ephemeral-storage` request
    /// and limit. On Fargate the size includes the image layers; on Kubernetes the limit counts
    /// only what the pod writes, so the job gets at least as much room as before.
    EphemeralStorage = "B2A114", Info, "ephemeral-storage", "the Fargate ephemeral storage size became an ephemeral-storage request";
    /// MEMORY is below 4 MiB, the least AWS Batch accepts for a job.
    ///
    /// **Example:** `{"type": "MEMORY", "value": "2"}` — AWS rejects the registration.
    ///
    /// **How to fix:** give the memory in MiB, at least `"4"` (MEMORY is MiB, not GiB).
    MemoryTooSmall = "B2A115", Error, "memory-too-small", "MEMORY is below the 4 MiB AWS accepts";
    /// A Fargate job definition asks for GPUs. GPUs are not available on Fargate resources, so
    /// AWS rejects the definition.
    ///
    /// **How to fix:** run the job on an EC2 compute environment (drop `FARGATE` from
    /// `platformCapabilities`), or remove the GPU requirement.
    GpuOnFargate = "B2A116", Error, "gpu-on-fargate", "GPUs are not available on Fargate";
    /// On Fargate, VCPU and MEMORY must form one of the pairs of the Fargate table (0.25 vCPU with
    /// 512, 1024 or 2048 MiB; 1 vCPU with 2048–8192 MiB in 1024 steps; … 32 vCPU with 61440,
    /// 122880 or 249856 MiB). AWS rejects other pairs.
    ///
    /// **How to fix:** pick a pair from the table the message lists for your vCPU value.
    FargateSize = "B2A117", Error, "fargate-size", "the Fargate vCPU/memory pair is not one AWS offers";
    /// A `retryStrategy.evaluateOnExit` rule matches on `onReason` or `onStatusReason`: strings
    /// that ECS and EC2 write (`Host EC2*`, `CannotPullContainerError*`). Kubernetes reports
    /// other messages. The rule is compiled against Argo's `lastRetry.message`, and rules that
    /// match host or capacity failures also match Argo's `Error` status, which is the closest
    /// Kubernetes equivalent. Review the expression.
    ///
    /// **Argo output:** part of `retryStrategy.expression`.
    RetryReasonApproximated = "B2A120", Warning, "retry-reason-approximated", "an `onReason`/`onStatusReason` retry rule is approximated";
    /// `retryStrategy.attempts` must be between 1 and 10.
    ///
    /// **How to fix:** use a value in range. batch2argo clamps to the range so the output stays
    /// usable, but the input is one AWS would reject.
    RetryAttemptsRange = "B2A121", Error, "retry-attempts-range", "`attempts` is outside 1–10";
    /// An `evaluateOnExit` pattern is malformed: `*` may only end a pattern, `onExitCode` may
    /// only hold digits, and a pattern is at most 512 characters.
    ///
    /// **How to fix:** rewrite the pattern as a prefix glob: `13*`.
    RetryPattern = "B2A122", Error, "retry-pattern", "an `evaluateOnExit` pattern is malformed";
    /// `evaluateOnExit` has more than 5 rules, or has rules but no `attempts`. AWS rejects both.
    ///
    /// **How to fix:** keep at most 5 rules, and set `attempts`.
    RetryRules = "B2A123", Error, "retry-rules", "`evaluateOnExit` has too many rules or no `attempts`";
    /// The last `evaluateOnExit` rule is not a catch-all, so an exit that no rule matches is
    /// retried (Batch's rule, which batch2argo reproduces). Most users expect the opposite.
    ///
    /// **How to fix:** end the list with `{"action": "EXIT", "onExitCode": "*"}` if unmatched
    /// failures should not be retried.
    RetryNoCatchAll = "B2A124", Info, "retry-no-catch-all", "exits that no `evaluateOnExit` rule matches are retried";
    /// `timeout.attemptDurationSeconds` must be at least 60. batch2argo keeps the value, but AWS
    /// rejects it.
    ///
    /// **How to fix:** use 60 or more.
    TimeoutTooShort = "B2A130", Error, "timeout-too-short", "`attemptDurationSeconds` is below 60";
    /// `logConfiguration` chooses a Docker log driver. Kubernetes has no per-pod log driver: logs
    /// go to the node's runtime and the cluster's log collector. The configuration is kept as an
    /// annotation on the template.
    ///
    /// **How to fix:** configure log shipping in the cluster (Fluent Bit, CloudWatch agent).
    LogConfiguration = "B2A140", Warning, "log-configuration", "the log driver configuration has no Kubernetes equivalent";
    /// `ulimits` set per-process limits through Docker. Kubernetes has no per-container ulimit;
    /// the node runtime's defaults apply. The limits are kept as an annotation.
    ///
    /// **How to fix:** set the limits in the image's entrypoint (`ulimit -n …`) or in the node's
    /// container runtime configuration.
    Ulimits = "B2A141", Warning, "ulimits", "`ulimits` have no Kubernetes equivalent";
    /// `linuxParameters.maxSwap` / `swappiness` control swap. Kubernetes swap is a node setting
    /// (NodeSwap feature), not a container field.
    Swap = "B2A142", Warning, "swap", "swap settings have no Kubernetes equivalent";
    /// `linuxParameters.initProcessEnabled` runs an init process (docker `--init`) as PID 1.
    /// Kubernetes has no such switch; zombie reaping and signal forwarding depend on the image.
    ///
    /// **How to fix:** add `tini` (or `dumb-init`) to the image's entrypoint.
    InitProcess = "B2A143", Warning, "init-process", "`initProcessEnabled` has no Kubernetes equivalent";
    /// `linuxParameters.devices` expose host devices. They become `hostPath` volumes of type
    /// `CharDevice` mounted at the container path; device cgroup permissions are not expressed,
    /// so the container usually also needs `privileged` or a device plugin.
    Devices = "B2A144", Warning, "devices", "host devices became hostPath volumes";
    /// tmpfs `mountOptions` (`noexec`, `nosuid`…) cannot be set on a Kubernetes memory-backed
    /// `emptyDir`; the mount uses Kubernetes defaults.
    TmpfsMountOptions = "B2A145", Warning, "tmpfs-mount-options", "tmpfs mount options were dropped";
    /// A host volume (`volumes[].host.sourcePath`) became a `hostPath` volume. On Kubernetes a
    /// hostPath ties the pod to whatever the node holds, and many clusters forbid it by policy.
    /// A host volume with no source path (a Docker-managed scratch volume) became an `emptyDir`.
    HostPath = "B2A146", Warning, "host-path", "a host volume became a hostPath volume";
    /// An EFS volume became a PersistentVolumeClaim reference. The claim must exist: create a
    /// PersistentVolume on the EFS CSI driver (`efs.csi.aws.com`, volumeHandle
    /// `fs-id[:path[:access-point]]`, e.g. `fs-1::fsap-2`) and a claim with the name in the
    /// message. Transit encryption, its port and IAM authorisation become mount options (`tls`,
    /// `tlsport=N`, `iam`) of that PersistentVolume.
    EfsVolume = "B2A147", Warning, "efs-volume", "an EFS volume needs a PersistentVolumeClaim created by hand";
    /// `user` names a user rather than a numeric uid. Kubernetes `runAsUser` takes numbers only,
    /// so the container runs as the image's default user.
    ///
    /// **How to fix:** use the numeric uid (`1000` or `1000:1000`).
    UserName = "B2A148", Warning, "user-name", "a user name cannot become `runAsUser`";
    /// A secret (`secrets[]`, from Secrets Manager or SSM Parameter Store) became a
    /// `secretKeyRef` to a Kubernetes Secret with a derived name and key. The Secret must be
    /// created (or synced with External Secrets) before the workflow runs. The value is never
    /// written to the output.
    Secret = "B2A149", Info, "secret", "a secret must exist as a Kubernetes Secret";
    /// A Secrets Manager reference pins a version stage or version id. A Kubernetes Secret has no
    /// versions; the synced value is whatever the Secret holds.
    SecretVersion = "B2A150", Warning, "secret-version", "a secret version pin was dropped";
    /// `repositoryCredentials` became an `imagePullSecrets` entry naming a derived Secret, which
    /// must be created as a `kubernetes.io/dockerconfigjson` Secret.
    RepositoryCredentials = "B2A151", Info, "repository-credentials", "registry credentials must exist as an image pull Secret";
    /// `jobRoleArn` (the IAM role of the job) became `serviceAccountName` of a derived service
    /// account. Create it and bind it to the role (IRSA or EKS Pod Identity on EKS).
    JobRole = "B2A152", Info, "job-role", "the job role became a service account to create";
    /// The field configures ECS or Fargate infrastructure (`executionRoleArn`,
    /// `networkConfiguration`, `fargatePlatformConfiguration`, `enableExecuteCommand`,
    /// `instanceType`) and has no meaning for a pod. It is dropped.
    EcsOnly = "B2A153", Info, "ecs-only", "an ECS/Fargate infrastructure field was dropped";
    /// `runtimePlatform.operatingSystemFamily` asks for Windows. The pod gets the
    /// `kubernetes.io/os: windows` node selector, but Windows containers need Windows nodes and
    /// the command semantics differ.
    WindowsPlatform = "B2A154", Warning, "windows-platform", "a Windows platform needs Windows nodes";
    /// An S3 Files volume has no Kubernetes CSI equivalent that batch2argo knows of; the volume
    /// became an `emptyDir` placeholder so the mount path exists, and its data is not there.
    ///
    /// **How to fix:** mount the data with a CSI driver (Mountpoint for S3) and edit the volume.
    S3FilesVolume = "B2A155", Warning, "s3files-volume", "an S3 Files volume could not be mapped";
    /// `consumableResourceProperties` (license or token counters) have no Argo equivalent in this
    /// version; the job runs without waiting for the resource.
    ///
    /// **How to fix:** guard the template with an Argo semaphore by hand.
    ConsumableResources = "B2A156", Warning, "consumable-resources", "consumable resources are not enforced";
    /// A `mountPoints[].sourceVolume` names no volume of the job definition; AWS rejects this.
    UnknownVolume = "B2A157", Error, "unknown-volume", "a mount point names an unknown volume";
    /// An environment variable name starts with the reserved `AWS_BATCH_` prefix, which AWS
    /// rejects in job definitions and overrides. batch2argo sets those variables itself.
    ReservedEnv = "B2A158", Error, "reserved-env", "an environment variable uses the reserved `AWS_BATCH_` prefix";
    /// The EKS pod sets `metadata.namespace`. A workflow's pods run in the workflow's namespace,
    /// so the value is dropped.
    EksNamespace = "B2A159", Warning, "eks-namespace", "an EKS pod namespace was dropped";
    /// Batch on EKS runs pods with `hostNetwork: true` unless the definition says otherwise; the
    /// template keeps that default explicitly. Set `hostNetwork: false` in the definition if the
    /// job does not need the node's network.
    EksHostNetwork = "B2A160", Info, "eks-host-network", "the EKS default `hostNetwork: true` was made explicit";
    /// A field is kept as an annotation only: a definition's `schedulingPriority` and
    /// `propagateTags` (on the pod template), a submission's `tags`, `propagateTags`,
    /// `shareIdentifier` and `schedulingPriorityOverride` (on the Workflow: `batch2argo.io/job-tags`,
    /// `batch2argo.io/job-scheduling`). Kubernetes has no AWS tags, and fair-share scheduling
    /// (Kueue, Volcano, priorities) is not generated yet.
    KeptAsAnnotation = "B2A161", Info, "kept-as-annotation", "a scheduling field is kept as an annotation only";
    /// A command element contains a literal `{{`. Argo would read it as a template tag, so
    /// batch2argo escapes it; the container still receives the text unchanged.
    TemplateBraces = "B2A162", Info, "template-braces", "literal `{{` in a string was escaped for Argo";

    /// A Secrets Manager ARN selects a JSON key (or a version) but leaves out the colons of the
    /// later optional parts. AWS needs all of them: `…:secret:name-AbCdEf:json-key:version-stage:version-id`,
    /// with empty parts as `::` — so a JSON key alone is written `…:secret:name-AbCdEf:username::`.
    ///
    /// **How to fix:** add the missing colons: `…:username::`.
    SecretArnColons = "B2A163", Error, "secret-arn-colons", "a Secrets Manager ARN with a JSON key misses colons";
    /// A Fargate job definition sets a `linuxParameters` field that Fargate rejects: `devices`,
    /// `sharedMemorySize`, `tmpfs`, `maxSwap` or `swappiness` (only `initProcessEnabled` is
    /// allowed), or asks for a privileged container.
    ///
    /// **How to fix:** remove the field, or run the job on EC2.
    FargateRejects = "B2A164", Error, "fargate-rejects", "a container setting is not allowed on Fargate";
    /// The image has no tag or uses `:latest`, so what runs changes when the registry changes —
    /// on Batch and on Kubernetes alike, and the two may pull different images during a
    /// migration.
    ///
    /// **Example:** `"image": "python"` or `"image": "python:latest"`.
    ///
    /// **How to fix:** pin a version tag or a digest: `python:3.12-slim` or `python@sha256:…`.
    ImageTag = "B2A165", Warning, "image-tag", "the image is not pinned to a tag or digest";
    /// The container runs privileged: root-like access to the host. It is mapped
    /// (`securityContext.privileged: true`), but many Kubernetes clusters refuse privileged pods
    /// by policy (Pod Security Standards `baseline` and `restricted`).
    ///
    /// **How to fix:** drop `privileged` if the job does not need it, or grant specific
    /// capabilities instead (an `eksProperties` definition can set them).
    Privileged = "B2A166", Warning, "privileged", "the container runs privileged";

    // ---------------------------------------------------------------- 2xx: jobs and graph
    /// `dependsOn[].jobId` names a job that is not in the same job graph (by `jobName`, or by
    /// `jobId` in a `describe-jobs` dump).
    UnknownJob = "B2A201", Error, "unknown-job", "a dependency names a job that is not in the graph";
    /// The dependencies form a cycle, so no job of the cycle could ever start. The message shows
    /// the path through the graph.
    Cycle = "B2A202", Error, "dependency-cycle", "the job dependencies form a cycle";
    /// Two jobs of one job graph have the same `jobName`, so a dependency on that name is
    /// ambiguous.
    DuplicateJob = "B2A203", Error, "duplicate-job", "two jobs of one graph have the same name";
    /// An `N_TO_N` dependency needs both jobs to be array jobs of the same size (child i waits
    /// for child i).
    NToN = "B2A204", Error, "n-to-n", "an `N_TO_N` dependency is not between arrays of equal size";
    /// A job has more than 20 dependencies; AWS rejects it.
    TooManyDependencies = "B2A205", Error, "too-many-dependencies", "a job has more than 20 dependencies";
    /// A `SEQUENTIAL` dependency must have no `jobId` and belongs to an array job (its children
    /// run one at a time, in index order).
    Sequential = "B2A206", Error, "sequential", "a `SEQUENTIAL` dependency is malformed";
    /// A submission's `jobDefinition` (`name`, `name:revision` or ARN) matches no job definition
    /// among the inputs, or only INACTIVE revisions when no revision is given.
    UnknownJobDefinition = "B2A207", Error, "unknown-job-definition", "a job definition reference does not resolve";
    /// `arrayProperties.size` must be between 2 and 10,000.
    ArraySize = "B2A208", Error, "array-size", "an array size is outside 2–10,000";
    /// The job graph has more jobs than one Argo DAG template can hold (200 tasks). It was split
    /// into nested DAG templates; every ordering of the input is kept. Where a dependency
    /// crosses groups, the dependent waits for the whole group, which can delay it: the message
    /// names the jobs affected.
    DagSplit = "B2A209", Warning, "dag-split", "a large job graph was split into nested DAGs";
    /// An array job has many children. Argo records one node per child in the workflow status;
    /// above a few thousand, enable node status offloading or compression in the controller.
    LargeArray = "B2A210", Info, "large-array", "a large array needs status offloading in Argo";
    /// A revision other than the latest ACTIVE one is referenced explicitly, so it got its own
    /// WorkflowTemplate. An INACTIVE (deregistered) revision is used as written. Revisions that
    /// are neither the latest ACTIVE one nor referenced get no template, and are listed once.
    OlderRevision = "B2A211", Info, "older-revision", "an explicitly referenced older revision got its own template";
    /// A `describe-jobs` dump carries runtime state (status, attempts, timestamps, array
    /// children). Only the submitted specification is converted; array children and MNP nodes
    /// listed individually are folded into their parent. When the job definition a job names is
    /// among the inputs, it is used as it is, and the effective container the dump recorded is
    /// not compared with it (said once per job).
    RuntimeState = "B2A212", Info, "runtime-state", "runtime fields of a `describe-jobs` dump were ignored";
    /// A job depends on itself by id. Only a `SEQUENTIAL` dependency without `jobId` may refer to
    /// the job itself.
    SelfDependency = "B2A213", Error, "self-dependency", "a job depends on itself";
    /// Argo cannot express this dependency structure exactly, so the workflow waits longer than
    /// Batch would: no ordering of the input is lost, but some jobs start later. This happens
    /// when jobs linked by `N_TO_N` (which run as one loop of per-index sub-DAGs) also have
    /// plain dependencies to or from other jobs, or when a `SEQUENTIAL` array is part of such a
    /// group. The message names the jobs that wait longer.
    ///
    /// **How to fix:** nothing is required; restructure the dependencies if the lost
    /// concurrency matters.
    OrderingAdded = "B2A214", Warning, "ordering-added", "the workflow waits longer than Batch would";

    /// A Workflow needs more than 200 templates (the Argo v4 limit per object): one per N_TO_N
    /// group, SEQUENTIAL array, overridden job and part of a split DAG. The extra templates
    /// went into companion WorkflowTemplates that the Workflow calls by `templateRef`; apply
    /// them before submitting it. With `--self-contained` this is impossible, and an error.
    TooManyTemplates = "B2A215", Warning, "too-many-templates", "a Workflow's templates spill into companion WorkflowTemplates";

    // ---------------------------------------------------------------- 3xx: queues and compute
    /// A job queue was read and checked, but queues do not influence the output yet: priority,
    /// compute environment order, scheduling policy and state-time-limit actions are not mapped.
    /// The queue name still reaches jobs as `AWS_BATCH_JQ_NAME`.
    QueueNotMapped = "B2A301", Info, "queue-not-mapped", "a job queue does not influence the output yet";
    /// A compute environment was read and checked, but it does not influence the output yet:
    /// instance types, Spot/On-Demand, Fargate and architecture do not become node placement.
    ComputeEnvironmentNotMapped = "B2A302", Info, "compute-environment-not-mapped", "a compute environment does not influence the output yet";
    /// A scheduling policy was read and checked, but fair-share weights and compute
    /// reservations do not influence the output yet.
    SchedulingPolicyNotMapped = "B2A303", Info, "scheduling-policy-not-mapped", "a scheduling policy does not influence the output yet";

    // ---------------------------------------------------------------- 9xx: output and internal
    /// A generated manifest does not pass the Argo Workflows JSON Schema (with unknown fields
    /// rejected). This is a bug in batch2argo: nothing was written. Please report it with the
    /// input.
    SchemaViolation = "B2A901", Error, "schema-violation", "a generated manifest fails the Argo JSON Schema (internal bug)";
    /// A generated manifest breaks an Argo rule that the schema does not check (a CRD limit, an
    /// undefined dependency, an unresolvable `{{…}}` tag, a name too long). This is a bug in
    /// batch2argo: nothing was written.
    ArgoRule = "B2A902", Error, "argo-rule", "a generated manifest breaks an Argo rule (internal bug)";
    /// A generated manifest does not read back identically through a YAML 1.1 reader. This is a
    /// bug in batch2argo: nothing was written.
    YamlRoundTrip = "B2A903", Error, "yaml-round-trip", "a generated manifest does not read back as written (internal bug)";
    /// Two generated objects would have the same kind and name, or the same output path. This is
    /// a bug in batch2argo: nothing was written.
    OutputCollision = "B2A904", Error, "output-collision", "two generated objects collide (internal bug)";
}
