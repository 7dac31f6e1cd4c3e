//! The registry: every diagnostic code, declared once, with its severity and explanation.
//!
//! Passes name a [`Code`]; the severity, summary and explanation come from here, so a call site
//! can never report the wrong severity. `batch2argo explain` and `docs/diagnostics.md` are
//! generated from this table, and a test fails when the docs are stale. Codes are grouped by
//! stage in hundreds (0xx input, 1xx job definitions, 2xx graph, 3xx queues, 4xx Alibaba
//! BatchCompute, 5xx Argo manifests, 6xx CloudFormation and Terraform, 9xx output) and are never reused.

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
    /// The file is not valid JSON or YAML, so nothing in it can be converted, and `convert` writes
    /// nothing at all (as for every error).
    ///
    /// **Example:** a file that ends inside a list, `"command": ["echo", "hello"`
    /// (`invalid JSON: EOF while parsing a list`), or a YAML key indented deeper than its siblings
    /// (`mapping values are not allowed in this context`).
    ///
    /// **How to fix:** correct the syntax at the position shown (a missing bracket or comma, a bad
    /// indentation, a truncated file).
    Syntax = "B2A001", Error, "syntax-error", "the input is not valid JSON or YAML";
    /// A file given explicitly on the command line holds a document whose shape matches no input
    /// dialect batch2argo reads (RegisterJobDefinition, SubmitJob, a job graph, a `describe-*`
    /// dump, CreateJobQueue, CreateComputeEnvironment, CreateSchedulingPolicy).
    ///
    /// **Why it matters:** converting the rest would silently leave this document out.
    ///
    /// **Example:** `{"name": "x", "version": "1.0.0"}` passed as an argument: the message lists
    /// the document's keys (`name, version`).
    ///
    /// **How to fix:** check that the file is an AWS Batch request or `describe-*` output; remove
    /// it from the arguments if it is not meant to be converted.
    UnknownShape = "B2A002", Error, "unknown-shape", "the document matches no input dialect";
    /// A JSON or YAML file found while walking a directory matches no input dialect, so it was
    /// skipped. Files named explicitly get B2A002 (an error) instead.
    ///
    /// **Why it matters:** if the file was meant to be a Batch definition (a typo in a top-level
    /// key, say), its jobs are silently missing from the output.
    ///
    /// **Example:** a `package.json` (`{"name": …, "version": …, "scripts": …}`) next to the job
    /// definitions in the directory being converted.
    ///
    /// **How to fix:** nothing, if the file is not a Batch definition; otherwise check its shape.
    SkippedUnknownShape = "B2A003", Warning, "skipped-unknown-shape", "a file found while walking matches no input dialect and was skipped";
    /// A field holds a value of the wrong JSON type, for example a string where AWS expects an
    /// object or a list. The field is ignored.
    ///
    /// **Why it matters:** AWS rejects the request, and what the field says is lost in the output.
    ///
    /// **Example:** `"command": "echo hello"` (`command` must be a list of strings, found a
    /// string).
    ///
    /// **How to fix:** give the field the type the AWS Batch API documents:
    /// `"command": ["echo", "hello"]`.
    WrongType = "B2A004", Error, "wrong-type", "a field has the wrong type";
    /// A scalar has another type than the AWS API requires, but its meaning is clear: a number or
    /// boolean where a string belongs (typical in YAML and CloudFormation: `value: 4`), a numeric
    /// string where an integer belongs, or `"true"`/`"false"` where a boolean belongs. The AWS CLI
    /// rejects this in request JSON; batch2argo uses the value as written.
    ///
    /// **Example:** in YAML, `environment: [{name: WORKERS, value: 4}]` is read as the string
    /// `"4"`; `"attempts": "3"` is read as the integer 3.
    ///
    /// **How to fix:** write the type the API documents: `"4"` for strings, `4` for integers.
    ScalarAsString = "B2A005", Warning, "scalar-type", "a scalar of the wrong type was read as written";
    /// The field is not part of the AWS Batch API model for this object, so it has no meaning on
    /// Batch and nothing in the output depends on it. Often a typo (`attempt` for `attempts`).
    ///
    /// **Why it matters:** a misspelt field is silently ignored here: the setting you meant is
    /// not applied.
    ///
    /// **Example:** `"retryStrategy": {"attempt": 3}`: the job is not retried.
    ///
    /// **How to fix:** correct the name, or delete the field.
    UnknownField = "B2A006", Warning, "unknown-field", "a field is not part of the AWS Batch API";
    /// A field the AWS Batch API requires is missing, so the object cannot be converted (AWS would
    /// reject it too).
    ///
    /// **Example:** a job definition without `"type": "container"`, or an `evaluateOnExit` rule
    /// without `"action"`.
    ///
    /// **How to fix:** add the field.
    MissingField = "B2A007", Error, "missing-field", "a required field is missing";
    /// A value is outside what AWS Batch accepts: an unknown enum value, a malformed name, a number
    /// out of range, or a reference to something that does not exist (an override naming a
    /// container the job definition does not have).
    ///
    /// **Why it matters:** AWS rejects the request, so the input does not describe a job Batch
    /// runs.
    ///
    /// **Example:** `{"type": "CPU", "value": "1"}` in `resourceRequirements` (the types are VCPU,
    /// MEMORY and GPU), or `"jobDefinitionName": "nightly report!"`.
    ///
    /// **How to fix:** use one of the values the message lists.
    InvalidValue = "B2A008", Error, "invalid-value", "a value is not one AWS Batch accepts";
    /// The document nests deeper than batch2argo reads (128 levels), is larger than the input limit
    /// (128 MiB), or has more nodes than batch2argo reads (YAML aliases included). No AWS Batch
    /// object comes near these limits, so the input is almost certainly not a Batch definition.
    ///
    /// **Example:** a generated file with 200 nested lists, `[[[[…]]]]`, or a YAML "billion laughs"
    /// document whose aliases expand without bound.
    ///
    /// **How to fix:** split or repair the file.
    InputLimit = "B2A009", Error, "input-limit", "the input nests too deeply or is too large";
    /// The same key appears twice in one object. JSON readers disagree on which value wins, so the
    /// meaning of the input is ambiguous.
    ///
    /// **Example:** `{"image": "busybox:1.36", "command": ["echo"], "image": "busybox:1.37"}`: the
    /// message names the line of the first `image`.
    ///
    /// **How to fix:** keep one of the two entries.
    DuplicateKey = "B2A010", Error, "duplicate-key", "a key appears twice in one object";
    /// The same job definition (name and revision) or the same queue, compute environment or
    /// scheduling policy is defined twice with different content. For job definitions the first
    /// one, in path order, is used.
    ///
    /// **Why it matters:** which definition is meant is ambiguous, and the output may not be the
    /// one you expect.
    ///
    /// **Example:** `{"jobDefinitionName": "etl", "revision": 1, …}` twice in
    /// `describe-job-definitions` output with different containers, or two CreateJobQueue requests
    /// for `analytics` with priorities 1 and 10.
    ///
    /// **How to fix:** remove one of the two definitions or give them distinct revisions.
    DuplicateDefinition = "B2A011", Error, "duplicate-definition", "the same object is defined twice with different content";
    /// The path given on the command line does not exist or holds no JSON/YAML file.
    ///
    /// **Why it matters:** nothing would be converted from it, which is almost always a mistake in
    /// the arguments.
    ///
    /// **Example:** `batch2argo convert jobs/` where `jobs/` holds only `.txt` files, or a misspelt
    /// directory name.
    ///
    /// **How to fix:** check the path.
    NoInput = "B2A012", Error, "no-input", "a path holds no JSON or YAML input";

    // ---------------------------------------------------------------- 1xx: job definitions
    /// `type: multinode` (multi-node parallel) job definitions are not converted yet. A gang of
    /// pods with the node-index variables needs a JobSet, Volcano Job or MPIJob created by a
    /// resource template, which batch2argo does not generate yet. A SubmitJob's `nodeOverrides` is
    /// reported with this code too.
    ///
    /// **Why it matters:** nothing is generated for this definition, and the conversion fails.
    ///
    /// **Example:** `{"jobDefinitionName": "mpi-training", "type": "multinode", "nodeProperties":
    /// {"numNodes": 4, "mainNode": 0, …}}`.
    ///
    /// **How to fix:** convert the main node's container as a single-node definition, or run the
    /// job through a JobSet/MPIJob by hand.
    MultinodeUnsupported = "B2A101", Error, "multinode-unsupported", "multi-node parallel job definitions are not supported yet";
    /// `ecsProperties` (multi-container ECS task) job definitions are not converted yet: the
    /// container start ordering (`dependsOn` START/COMPLETE/SUCCESS/HEALTHY) and `essential` flags
    /// have no direct Argo form. A SubmitJob's `ecsPropertiesOverride` is reported with this code
    /// too.
    ///
    /// **Why it matters:** nothing is generated for this definition, and the conversion fails.
    ///
    /// **Example:** `{"jobDefinitionName": "ecs-task", "type": "container", "ecsProperties":
    /// {"taskProperties": [{"containers": [{"name": "app", …}, {"name": "sidecar", …}]}]}}`.
    ///
    /// **How to fix:** rewrite the definition with `containerProperties` (one container) or
    /// `eksProperties` (a pod with sidecars or init containers).
    EcsPropertiesUnsupported = "B2A102", Error, "ecs-properties-unsupported", "ecsProperties job definitions are not supported yet";
    /// A `type: container` job definition needs exactly one of `containerProperties`,
    /// `eksProperties` or `ecsProperties`; this one has none or several. `nodeProperties` without
    /// `type: multinode` is reported with this code too, and ignored.
    ///
    /// **Why it matters:** AWS rejects the definition, and batch2argo cannot tell which container
    /// to run.
    ///
    /// **Example:** `{"jobDefinitionName": "two-specs", "type": "container", "containerProperties":
    /// {…}, "eksProperties": {…}}`, or a definition with only `jobDefinitionName` and `type`.
    ///
    /// **How to fix:** keep exactly one of them.
    ContainerSpecCount = "B2A103", Error, "container-spec-count", "a job definition needs exactly one container specification";
    /// A `Ref::name` placeholder stands inside a longer command element (`--in=Ref::x`). AWS does
    /// not document whether Batch substitutes such placeholders; batch2argo substitutes them, as
    /// the AWS emulators do.
    ///
    /// **Why it matters:** if Batch does not substitute it, the job behaves differently on Batch
    /// and on Argo.
    ///
    /// **Example:** `"command": ["process", "--in=Ref::input"]` becomes the argument
    /// `--in={{inputs.parameters.input}}`.
    ///
    /// **How to fix:** make the placeholder a whole command element to be sure of the Batch
    /// behaviour: `["process", "--in", "Ref::input"]`.
    EmbeddedRef = "B2A104", Warning, "embedded-ref", "a `Ref::` placeholder inside a longer string was substituted";
    /// A `Ref::name` placeholder has no default in the job definition and no value in the
    /// submission, so it stays as the literal text `Ref::name` (what the AWS emulators do).
    ///
    /// **Why it matters:** the program receives `Ref::input` instead of a value, which is rarely
    /// what it expects.
    ///
    /// **Example:** `"command": ["process", "Ref::input"]` with no `"parameters": {"input": …}` in
    /// the definition or in the SubmitJob. The WorkflowTemplate's callers must pass the parameter.
    ///
    /// **How to fix:** add the parameter to the job definition's `parameters` or to the SubmitJob.
    UnresolvedRef = "B2A105", Warning, "unresolved-ref", "a `Ref::` placeholder has no value and stays literal";
    /// A parameter name contains characters Argo does not allow in parameter names
    /// (`[-a-zA-Z0-9_]`), so the input parameter got a sanitised name.
    ///
    /// **Why it matters:** whoever submits the WorkflowTemplate must pass the new name, not the
    /// Batch one.
    ///
    /// **Example:** `"parameters": {"input.file": "s3://example-bucket/in.csv"}` becomes the input
    /// parameter `input_file`, and `Ref::input.file` becomes `{{inputs.parameters.input_file}}`.
    ///
    /// **How to fix:** nothing; callers of the WorkflowTemplate must use the name in the message.
    /// Rename the Batch parameter if you want both names to match.
    ParameterRenamed = "B2A106", Warning, "parameter-renamed", "a parameter name was sanitised for Argo";
    /// A parameter is defined (in the job definition or the submission) but no command element
    /// refers to it. Batch substitutes parameters only in the command (for `eksProperties`, the
    /// containers' `command` and `args`), so it has no effect; it is still declared as a template
    /// input.
    ///
    /// **Example:** `"parameters": {"unused": "x"}` with `"command": ["echo", "hello"]`.
    ///
    /// **How to fix:** delete the parameter, or use `Ref::name` in the command.
    UnusedParameter = "B2A107", Info, "unused-parameter", "a parameter is never referenced by `Ref::`";
    /// A resource value is not a number (`"two"`), or not a whole number where Batch requires one
    /// (MEMORY, GPU, vCPU on EC2).
    ///
    /// **Why it matters:** AWS rejects the definition, and no Kubernetes quantity can be derived.
    ///
    /// **Example:** `{"type": "VCPU", "value": "two"}`, or `{"type": "MEMORY", "value": "1.5"}`.
    ///
    /// **How to fix:** give the amount as a decimal number in a string: `"2048"`.
    InvalidResource = "B2A110", Error, "invalid-resource", "a resource value is not a valid number";
    /// Both the deprecated `vcpus`/`memory` fields and `resourceRequirements` give the same
    /// resource with different values. `resourceRequirements` wins, as on Batch. A deprecated
    /// override in a SubmitJob that the definition's `resourceRequirements` shadows gets this code
    /// too.
    ///
    /// **Why it matters:** whoever edits the deprecated field expects it to change the job, and it
    /// does not.
    ///
    /// **Example:** `"memory": 2048` next to `"resourceRequirements": [{"type": "MEMORY", "value":
    /// "4096"}]`: the pod gets 4096Mi.
    ///
    /// **How to fix:** delete the deprecated field.
    LegacyResourceIgnored = "B2A111", Warning, "legacy-resource-ignored", "a deprecated `vcpus`/`memory` value is overridden by `resourceRequirements`";
    /// The job has no memory requirement. Batch refuses to run such a job on EC2; Kubernetes would
    /// run it with no memory request or limit at all.
    ///
    /// **Why it matters:** without a request the scheduler cannot place the pod sensibly, and
    /// without a limit it can take the node's memory.
    ///
    /// **Example:** `"resourceRequirements": [{"type": "VCPU", "value": "1"}]` with no MEMORY entry
    /// (and no deprecated `memory`).
    ///
    /// **How to fix:** add a MEMORY resource requirement: `{"type": "MEMORY", "value": "2048"}`
    /// (MiB; it becomes a memory request and limit of `2048Mi`).
    NoMemory = "B2A112", Warning, "no-memory", "the container has no memory requirement";
    /// On Fargate, the vCPU value is a hard cap as well as a reservation; on EC2 it is CPU shares
    /// (a request, never a cap). The template gets a CPU limit equal to the request only for
    /// Fargate definitions, so the job is throttled as it was on Fargate.
    ///
    /// **Example:** `"platformCapabilities": ["FARGATE"]` with `{"type": "VCPU", "value": "0.5"}`
    /// becomes `resources.requests.cpu: 500m` and `resources.limits.cpu: 500m`.
    ///
    /// **How to fix:** nothing. Drop the limit from the template by hand if the job may use more
    /// CPU on Kubernetes.
    FargateCpuLimit = "B2A113", Info, "fargate-cpu-limit", "a Fargate vCPU value became a CPU limit as well as a request";
    /// `ephemeralStorage.sizeInGiB` (Fargate scratch disk) became an `ephemeral-storage` request
    /// and limit. On Fargate the size includes the image layers; on Kubernetes the limit counts
    /// only what the pod writes, so the job gets at least as much room as before.
    ///
    /// **Why it matters:** a pod that writes more than the limit is evicted, and nodes need that
    /// much free disk to schedule it.
    ///
    /// **Example:** `"ephemeralStorage": {"sizeInGiB": 30}` becomes `ephemeral-storage: 30Gi` in
    /// both `resources.requests` and `resources.limits`.
    ///
    /// **How to fix:** nothing; check that the cluster's nodes have that much ephemeral storage.
    EphemeralStorage = "B2A114", Info, "ephemeral-storage", "the Fargate ephemeral storage size became an ephemeral-storage request";
    /// MEMORY is below 4 MiB, the least AWS Batch accepts for a job.
    ///
    /// **Why it matters:** AWS rejects the registration; usually the value was meant in GiB.
    ///
    /// **Example:** `{"type": "MEMORY", "value": "2"}`.
    ///
    /// **How to fix:** give the memory in MiB, at least `"4"` (MEMORY is MiB, not GiB): `"2048"`
    /// for 2 GiB.
    MemoryTooSmall = "B2A115", Error, "memory-too-small", "MEMORY is below the 4 MiB AWS accepts";
    /// A Fargate job definition asks for GPUs. GPUs are not available on Fargate resources, so AWS
    /// rejects the definition.
    ///
    /// **Example:** `"platformCapabilities": ["FARGATE"]` with `{"type": "GPU", "value": "1"}` in
    /// `resourceRequirements`.
    ///
    /// **How to fix:** run the job on an EC2 compute environment (drop `FARGATE` from
    /// `platformCapabilities`), or remove the GPU requirement.
    GpuOnFargate = "B2A116", Error, "gpu-on-fargate", "GPUs are not available on Fargate";
    /// On Fargate, VCPU and MEMORY must form one of the pairs of the Fargate table (0.25 vCPU with
    /// 512, 1024 or 2048 MiB; 1 vCPU with 2048–8192 MiB in 1024 steps; … 32 vCPU with 61440, 122880
    /// or 249856 MiB). AWS rejects other pairs, and other vCPU values.
    ///
    /// **Example:** `{"type": "VCPU", "value": "0.25"}` with `{"type": "MEMORY", "value": "4096"}`
    /// (0.25 vCPU offers 512, 1024 or 2048), or `{"type": "VCPU", "value": "3"}` (not a Fargate
    /// size: 0.25, 0.5, 1, 2, 4, 8, 16 or 32).
    ///
    /// **How to fix:** pick a pair from the table the message lists for your vCPU value.
    FargateSize = "B2A117", Error, "fargate-size", "the Fargate vCPU/memory pair is not one AWS offers";
    /// A `retryStrategy.evaluateOnExit` rule matches on `onReason` or `onStatusReason`: strings
    /// that ECS and EC2 write (`Host EC2*`, `CannotPullContainerError*`). Kubernetes reports other
    /// messages. The rule is compiled against Argo's `lastRetry.message`, and rules that match host
    /// or capacity failures also match Argo's `Error` status, which is the closest Kubernetes
    /// equivalent.
    ///
    /// **Why it matters:** the rule may retry, or stop, on other failures than it did on Batch.
    ///
    /// **Example:** `{"onStatusReason": "Host EC2*", "action": "RETRY"}` becomes
    /// `lastRetry.status == 'Error'` in the template's `retryStrategy.expression`; a reason
    /// batch2argo does not know, `{"onReason": "Timeout*", …}`, becomes
    /// `lastRetry.message startsWith 'Timeout'`.
    ///
    /// **How to fix:** review the expression the message shows; where the failure has a known exit
    /// code, match on `onExitCode` instead, which means the same on both.
    RetryReasonApproximated = "B2A120", Warning, "retry-reason-approximated", "an `onReason`/`onStatusReason` retry rule is approximated";
    /// `retryStrategy.attempts` must be between 1 and 10; AWS rejects other values. On Argo,
    /// `attempts` becomes the retry `limit` (attempts − 1).
    ///
    /// **Example:** `"retryStrategy": {"attempts": 11}`, or `"attempts": 0`.
    ///
    /// **How to fix:** use a value in range: `"attempts": 10` becomes `limit: "9"`.
    RetryAttemptsRange = "B2A121", Error, "retry-attempts-range", "`attempts` is outside 1–10";
    /// An `evaluateOnExit` pattern is malformed: `*` may only end a pattern, `onExitCode` may only
    /// hold digits, and a pattern is at most 512 characters.
    ///
    /// **Why it matters:** AWS rejects the definition, and the pattern has no meaning to compile.
    ///
    /// **Example:** `{"onExitCode": "*1", "action": "RETRY"}`, or `{"onExitCode": "err", …}`.
    ///
    /// **How to fix:** rewrite the pattern as a prefix glob: `13*`.
    RetryPattern = "B2A122", Error, "retry-pattern", "an `evaluateOnExit` pattern is malformed";
    /// `evaluateOnExit` has more than 5 rules, or has rules but no `attempts`. AWS rejects both.
    ///
    /// **Example:** `"retryStrategy": {"evaluateOnExit": [{"onExitCode": "137", "action":
    /// "RETRY"}]}` with no `attempts`, or a list of six rules.
    ///
    /// **How to fix:** keep at most 5 rules, and set `attempts`.
    RetryRules = "B2A123", Error, "retry-rules", "`evaluateOnExit` has too many rules or no `attempts`";
    /// The last `evaluateOnExit` rule is not a catch-all, so an exit that no rule matches is
    /// retried (Batch's rule, which batch2argo reproduces). Most users expect the opposite.
    ///
    /// **Why it matters:** a job that fails for an unrelated reason (a bug, bad input) is retried
    /// up to `attempts` times.
    ///
    /// **Example:** `"retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "137",
    /// "action": "RETRY"}]}` becomes `expression: "lastRetry.exitCode == '137' ? true : (true)"`:
    /// the final `true` retries every other exit.
    ///
    /// **How to fix:** end the list with `{"action": "EXIT", "onExitCode": "*"}` if unmatched
    /// failures should not be retried; nothing, if retrying them is intended.
    RetryNoCatchAll = "B2A124", Info, "retry-no-catch-all", "exits that no `evaluateOnExit` rule matches are retried";
    /// `timeout.attemptDurationSeconds` must be at least 60; AWS rejects shorter timeouts. On Argo
    /// the timeout becomes the template's `activeDeadlineSeconds`.
    ///
    /// **Example:** `"timeout": {"attemptDurationSeconds": 30}`.
    ///
    /// **How to fix:** use 60 or more.
    TimeoutTooShort = "B2A130", Error, "timeout-too-short", "`attemptDurationSeconds` is below 60";
    /// `logConfiguration` chooses a Docker log driver. Kubernetes has no per-pod log driver: logs
    /// go to the node's runtime and the cluster's log collector. The configuration is kept as an
    /// annotation on the template.
    ///
    /// **Why it matters:** the job's logs no longer reach the destination the driver named (a
    /// CloudWatch group, Splunk…) unless the cluster ships them there.
    ///
    /// **Example:** `"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group":
    /// "/aws/batch/custom"}}` becomes the annotation `batch2argo.io/log-configuration` holding that
    /// JSON.
    ///
    /// **How to fix:** configure log shipping in the cluster (Fluent Bit, CloudWatch agent).
    LogConfiguration = "B2A140", Warning, "log-configuration", "the log driver configuration has no Kubernetes equivalent";
    /// `ulimits` set per-process limits through Docker. Kubernetes has no per-container ulimit; the
    /// node runtime's defaults apply. The limits are kept as an annotation.
    ///
    /// **Why it matters:** a job that needs a higher limit (many open files, say) can fail under
    /// the runtime's defaults.
    ///
    /// **Example:** `"ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}]`
    /// becomes the annotation `batch2argo.io/ulimits: nofile=65536:65536`.
    ///
    /// **How to fix:** set the limits in the image's entrypoint (`ulimit -n …`) or in the node's
    /// container runtime configuration.
    Ulimits = "B2A141", Warning, "ulimits", "`ulimits` have no Kubernetes equivalent";
    /// `linuxParameters.maxSwap` / `swappiness` control swap. Kubernetes swap is a node setting
    /// (NodeSwap feature), not a container field, so the values are dropped.
    ///
    /// **Why it matters:** whether the container may swap now depends on the node; a job that
    /// relied on swap can be OOM-killed instead.
    ///
    /// **Example:** `"linuxParameters": {"maxSwap": 1024, "swappiness": 60}`.
    ///
    /// **How to fix:** raise the MEMORY requirement to cover what the job swapped, or configure
    /// swap on the nodes.
    Swap = "B2A142", Warning, "swap", "swap settings have no Kubernetes equivalent";
    /// `linuxParameters.initProcessEnabled` runs an init process (docker `--init`) as PID 1.
    /// Kubernetes has no such switch; zombie reaping and signal forwarding depend on the image.
    ///
    /// **Why it matters:** without an init, a job that spawns children can leave zombies, and may
    /// not stop cleanly when the pod is terminated.
    ///
    /// **Example:** `"linuxParameters": {"initProcessEnabled": true}`.
    ///
    /// **How to fix:** add `tini` (or `dumb-init`) to the image's entrypoint.
    InitProcess = "B2A143", Warning, "init-process", "`initProcessEnabled` has no Kubernetes equivalent";
    /// `linuxParameters.devices` expose host devices. They become `hostPath` volumes of type
    /// `CharDevice` mounted at the container path; device cgroup permissions are not expressed, so
    /// the container usually also needs `privileged` or a device plugin.
    ///
    /// **Why it matters:** without either, opening the device fails; and many clusters forbid
    /// hostPath volumes by policy.
    ///
    /// **Example:** `"devices": [{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse",
    /// "permissions": ["READ", "WRITE"]}]` becomes a volume `hostPath: {path: /dev/fuse, type:
    /// CharDevice}` mounted at `/dev/fuse`.
    ///
    /// **How to fix:** use a device plugin for the device if the cluster has one, or make the
    /// container privileged; check that the cluster allows hostPath volumes.
    Devices = "B2A144", Warning, "devices", "host devices became hostPath volumes";
    /// tmpfs `mountOptions` (`noexec`, `nosuid`…) cannot be set on a Kubernetes memory-backed
    /// `emptyDir`; the mount uses Kubernetes defaults.
    ///
    /// **Why it matters:** restrictions the options gave (no executables on the mount, say) no
    /// longer apply.
    ///
    /// **Example:** `"tmpfs": [{"containerPath": "/run/cache", "size": 128, "mountOptions":
    /// ["noexec", "nosuid"]}]` becomes `emptyDir: {medium: Memory, sizeLimit: 128Mi}`.
    ///
    /// **How to fix:** nothing in the input; if the options were a security control, enforce it in
    /// the cluster instead.
    TmpfsMountOptions = "B2A145", Warning, "tmpfs-mount-options", "tmpfs mount options were dropped";
    /// A host volume (`volumes[].host.sourcePath`) became a `hostPath` volume. On Kubernetes a
    /// hostPath ties the pod to whatever the node holds, and many clusters forbid it by policy. A
    /// host volume with no source path (a Docker-managed scratch volume) became an `emptyDir`.
    ///
    /// **Example:** `"volumes": [{"name": "data", "host": {"sourcePath": "/mnt/data"}}]` becomes
    /// `hostPath: {path: /mnt/data}`; `{"name": "scratch", "host": {}}` becomes `emptyDir: {}`.
    ///
    /// **How to fix:** make sure every node the pod may run on holds the path, or replace the
    /// volume with a PersistentVolumeClaim; nothing, for a scratch volume.
    HostPath = "B2A146", Warning, "host-path", "a host volume became a hostPath volume";
    /// An EFS volume became a PersistentVolumeClaim reference. The claim must exist: create a
    /// PersistentVolume on the EFS CSI driver (`efs.csi.aws.com`, volumeHandle
    /// `fs-id[:path[:access-point]]`, e.g. `fs-1::fsap-2`) and a claim with the name in the
    /// message. Transit encryption, its port and IAM authorisation become mount options (`tls`,
    /// `tlsport=N`, `iam`) of that PersistentVolume.
    ///
    /// **Why it matters:** until the claim exists and is bound, the pod stays Pending.
    ///
    /// **Example:** `{"name": "shared", "efsVolumeConfiguration": {"fileSystemId":
    /// "fs-0123456789abcdef0", "transitEncryption": "ENABLED", "authorizationConfig":
    /// {"accessPointId": "fsap-0fedcba9876543210", "iam": "ENABLED"}}}` needs the claim
    /// `efs-fs-0123456789abcdef0-fsap-0fedcba9876543210`, bound to a PersistentVolume with
    /// volumeHandle `fs-0123456789abcdef0::fsap-0fedcba9876543210` and mount options `tls`, `iam`.
    ///
    /// **How to fix:** create the PersistentVolume and the claim the message names.
    EfsVolume = "B2A147", Warning, "efs-volume", "an EFS volume needs a PersistentVolumeClaim created by hand";
    /// `user` names a user rather than a numeric uid. Kubernetes `runAsUser` takes numbers only, so
    /// the container runs as the image's default user.
    ///
    /// **Why it matters:** the image's default user may be root, or lack the permissions the job
    /// had.
    ///
    /// **Example:** `"user": "appuser"`: no `runAsUser` is set.
    ///
    /// **How to fix:** use the numeric uid (`1000` or `1000:1000`).
    UserName = "B2A148", Warning, "user-name", "a user name cannot become `runAsUser`";
    /// A secret (`secrets[]`, from Secrets Manager or SSM Parameter Store) became a `secretKeyRef`
    /// to a Kubernetes Secret with a derived name and key. The Secret must be created (or synced
    /// with External Secrets) before the workflow runs. The value is never written to the output.
    ///
    /// **Why it matters:** until the Secret exists, the pod cannot start.
    ///
    /// **Example:** `"secrets": [{"name": "DB_PASSWORD", "valueFrom":
    /// "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-password-AbCdEf"}]` becomes
    /// `secretKeyRef: {name: prod-db-password-abcdef-7af232b5, key: value}`.
    ///
    /// **How to fix:** create the Secret with the name and key the message gives, holding the value
    /// of the ARN it names (or sync it with External Secrets).
    Secret = "B2A149", Info, "secret", "a secret must exist as a Kubernetes Secret";
    /// A Secrets Manager reference pins a version stage or version id. A Kubernetes Secret has no
    /// versions; the synced value is whatever the Secret holds.
    ///
    /// **Why it matters:** the job may read another version (the current one) than it did on Batch.
    ///
    /// **Example:** `"valueFrom":
    /// "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token-XyZ789::AWSPREVIOUS:"`.
    ///
    /// **How to fix:** sync the pinned version into the Secret (External Secrets can select a
    /// version), or drop the pin if the current value is right.
    SecretVersion = "B2A150", Warning, "secret-version", "a secret version pin was dropped";
    /// `repositoryCredentials` became an `imagePullSecrets` entry naming a derived Secret, which
    /// must be created as a `kubernetes.io/dockerconfigjson` Secret.
    ///
    /// **Why it matters:** until the Secret exists, pulling a private image fails.
    ///
    /// **Example:** `"repositoryCredentials": {"credentialsParameter":
    /// "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-credentials-QwErTy"}`
    /// becomes `imagePullSecrets: [{name: dockerhub-credentials-qwerty-91a6451e}]` in the spec.
    ///
    /// **How to fix:** create the Secret the message names from those credentials (`kubectl create
    /// secret docker-registry NAME …`).
    RepositoryCredentials = "B2A151", Info, "repository-credentials", "registry credentials must exist as an image pull Secret";
    /// `jobRoleArn` (the IAM role of the job) became `serviceAccountName` of a derived service
    /// account. Create it and bind it to the role (IRSA or EKS Pod Identity on EKS).
    ///
    /// **Why it matters:** a pod naming a missing service account is not created, and without the
    /// binding the job's AWS calls lack the role's permissions.
    ///
    /// **Example:** `"jobRoleArn": "arn:aws:iam::123456789012:role/batch-job-s3-reader"` becomes
    /// `serviceAccountName: batch-job-s3-reader`.
    ///
    /// **How to fix:** create the service account the message names and bind it to the role: the
    /// annotation `eks.amazonaws.com/role-arn` for IRSA, or a Pod Identity association.
    JobRole = "B2A152", Info, "job-role", "the job role became a service account to create";
    /// The field configures ECS or Fargate infrastructure (`executionRoleArn`,
    /// `networkConfiguration`, `fargatePlatformConfiguration`, `enableExecuteCommand`,
    /// `instanceType`) and has no meaning for a pod. It is dropped.
    ///
    /// **Why it matters:** what it provided on Batch (pulling from ECR, a public IP, a platform
    /// version) must come from the cluster instead.
    ///
    /// **Example:** `"executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"`.
    ///
    /// **How to fix:** nothing in the input; check that the nodes can pull the image and reach what
    /// the job needs.
    EcsOnly = "B2A153", Info, "ecs-only", "an ECS/Fargate infrastructure field was dropped";
    /// `runtimePlatform.operatingSystemFamily` asks for Windows. The pod gets the
    /// `kubernetes.io/os: windows` node selector, but Windows containers need Windows nodes and the
    /// command semantics differ.
    ///
    /// **Why it matters:** without Windows nodes the pod stays Pending.
    ///
    /// **Example:** `"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}`
    /// becomes `nodeSelector: {kubernetes.io/os: windows}`.
    ///
    /// **How to fix:** add Windows nodes to the cluster, or build the job for Linux.
    WindowsPlatform = "B2A154", Warning, "windows-platform", "a Windows platform needs Windows nodes";
    /// An S3 Files volume has no Kubernetes CSI equivalent that batch2argo knows of; the volume
    /// became an `emptyDir` placeholder so the mount path exists, and its data is not there.
    ///
    /// **Why it matters:** the job sees an empty directory where it expects its data.
    ///
    /// **Example:** `{"name": "datasets", "s3filesVolumeConfiguration": {"fileSystemArn":
    /// "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0a1b2c3d4e5f60718"}}` becomes
    /// `emptyDir: {}`.
    ///
    /// **How to fix:** mount the data with a CSI driver (Mountpoint for S3) and edit the volume.
    S3FilesVolume = "B2A155", Warning, "s3files-volume", "an S3 Files volume could not be mapped";
    /// `consumableResourceProperties` (license or token counters) have no Argo equivalent in this
    /// version; the job runs without waiting for the resource. A SubmitJob's
    /// `consumableResourcePropertiesOverride` gets this code too.
    ///
    /// **Why it matters:** more jobs can run at once than there are licenses or tokens.
    ///
    /// **Example:** `"consumableResourceProperties": {"consumableResourceList":
    /// [{"consumableResource": "matlab-license", "quantity": 1}]}`.
    ///
    /// **How to fix:** guard the template with an Argo semaphore by hand.
    ConsumableResources = "B2A156", Warning, "consumable-resources", "consumable resources are not enforced";
    /// A `mountPoints[].sourceVolume` names no volume of the job definition; AWS rejects this.
    ///
    /// **Example:** `"mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]` with no
    /// `{"name": "data", …}` in `volumes`.
    ///
    /// **How to fix:** add the volume to `volumes`, or correct the name.
    UnknownVolume = "B2A157", Error, "unknown-volume", "a mount point names an unknown volume";
    /// An environment variable name starts with the reserved `AWS_BATCH_` prefix, which AWS rejects
    /// in job definitions and overrides. batch2argo sets those variables itself and leaves this one
    /// out.
    ///
    /// **Example:** `"environment": [{"name": "AWS_BATCH_RUN_MODE", "value": "test"}]`.
    ///
    /// **How to fix:** rename the variable: `BATCH_RUN_MODE`.
    ReservedEnv = "B2A158", Error, "reserved-env", "an environment variable uses the reserved `AWS_BATCH_` prefix";
    /// The EKS pod sets `metadata.namespace`. A workflow's pods run in the workflow's namespace, so
    /// the value is dropped and kept as the annotation `batch2argo.io/eks-namespace`.
    ///
    /// **Why it matters:** Secrets, service accounts and claims the pod uses must exist in the
    /// workflow's namespace.
    ///
    /// **Example:** `"podProperties": {"metadata": {"namespace": "batch-jobs"}, …}`.
    ///
    /// **How to fix:** submit the workflow in that namespace (`argo submit -n batch-jobs`), and
    /// delete the field.
    EksNamespace = "B2A159", Warning, "eks-namespace", "an EKS pod namespace was dropped";
    /// Batch on EKS runs pods with `hostNetwork: true` unless the definition says otherwise; the
    /// template keeps that default explicitly.
    ///
    /// **Why it matters:** a pod on the host network shares the node's ports and network identity,
    /// and many clusters forbid it by policy.
    ///
    /// **Example:** `"eksProperties": {"podProperties": {"containers": […]}}` with no `hostNetwork`
    /// becomes `podSpecPatch: '{"dnsPolicy":"ClusterFirstWithHostNet","hostNetwork":true}'` (the
    /// `dnsPolicy` only when the definition gives none).
    ///
    /// **How to fix:** set `"hostNetwork": false` in the definition if the job does not need the
    /// node's network.
    EksHostNetwork = "B2A160", Info, "eks-host-network", "the EKS default `hostNetwork: true` was made explicit";
    /// A field is kept as an annotation only: a definition's `schedulingPriority` and
    /// `propagateTags` (on the pod template), a submission's `tags`, `propagateTags`,
    /// `shareIdentifier` and `schedulingPriorityOverride` (on the Workflow:
    /// `batch2argo.io/job-tags`, `batch2argo.io/job-scheduling`). Kubernetes has no AWS tags, and
    /// fair-share scheduling (Kueue, Volcano, priorities) is not generated yet.
    ///
    /// **Why it matters:** priorities and shares no longer decide which job runs first, and the
    /// tags no longer reach AWS cost allocation.
    ///
    /// **Example:** `"schedulingPriority": 10` becomes the annotation
    /// `batch2argo.io/scheduling-priority: "10"`; `"propagateTags": true` copies the definition's
    /// `tags` into `batch2argo.io/tags`.
    ///
    /// **How to fix:** nothing; set up priorities in the cluster (PriorityClass, Kueue) by hand if
    /// the order matters.
    KeptAsAnnotation = "B2A161", Info, "kept-as-annotation", "a scheduling field is kept as an annotation only";
    /// A command element or environment value contains a literal `{{`. Argo would read it as a
    /// template tag, so batch2argo escapes it; the container still receives the text unchanged.
    ///
    /// **Example:** `"command": ["echo", "{{hello}}"]` becomes the argument
    /// `{$(BATCH2ARGO_LBRACE)hello}}` with the variable `BATCH2ARGO_LBRACE={`, which Kubernetes
    /// expands back to `{{hello}}`.
    ///
    /// **How to fix:** nothing.
    TemplateBraces = "B2A162", Info, "template-braces", "literal `{{` in a string was escaped for Argo";

    /// A Secrets Manager ARN selects a JSON key (or a version) but leaves out the colons of the
    /// later optional parts. AWS needs all of them:
    /// `…:secret:name-AbCdEf:json-key:version-stage:version-id`, with empty parts as `::` — so a
    /// JSON key alone is written `…:secret:name-AbCdEf:username::`.
    ///
    /// **Why it matters:** AWS cannot resolve the ARN, so the job fails to start on Batch.
    ///
    /// **Example:** `"valueFrom":
    /// "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:username"`.
    ///
    /// **How to fix:** add the missing colons: `…:username::`.
    SecretArnColons = "B2A163", Error, "secret-arn-colons", "a Secrets Manager ARN with a JSON key misses colons";
    /// A Fargate job definition sets a `linuxParameters` field that Fargate rejects: `devices`,
    /// `sharedMemorySize`, `tmpfs`, `maxSwap` or `swappiness` (only `initProcessEnabled` is
    /// allowed), or asks for a privileged container.
    ///
    /// **Why it matters:** AWS rejects the definition.
    ///
    /// **Example:** `"platformCapabilities": ["FARGATE"]` with `"linuxParameters":
    /// {"sharedMemorySize": 64}`.
    ///
    /// **How to fix:** remove the field, or run the job on EC2.
    FargateRejects = "B2A164", Error, "fargate-rejects", "a container setting is not allowed on Fargate";
    /// The image has no tag or uses `:latest`, so what runs changes when the registry changes — on
    /// Batch and on Kubernetes alike, and the two may pull different images during a migration.
    ///
    /// **Example:** `"image": "python"` or `"image": "python:latest"`.
    ///
    /// **How to fix:** pin a version tag or a digest: `python:3.12-slim` or `python@sha256:…`.
    ImageTag = "B2A165", Warning, "image-tag", "the image is not pinned to a tag or digest";
    /// The container runs privileged: root-like access to the host. It is mapped
    /// (`securityContext.privileged: true`), but many Kubernetes clusters refuse privileged pods by
    /// policy (Pod Security Standards `baseline` and `restricted`).
    ///
    /// **Example:** `"containerProperties": {"privileged": true, …}` becomes
    /// `securityContext: {privileged: true}` (on Fargate it is B2A164 instead).
    ///
    /// **How to fix:** drop `privileged` if the job does not need it, or grant specific
    /// capabilities instead (an `eksProperties` definition can set them).
    Privileged = "B2A166", Warning, "privileged", "the container runs privileged";

    // ---------------------------------------------------------------- 2xx: jobs and graph
    /// `dependsOn[].jobId` names a job that is not in the same job graph (by `jobName`, or by
    /// `jobId` in a `describe-jobs` dump).
    ///
    /// **Why it matters:** the dependency cannot be expressed, so the job's ordering is unknown.
    ///
    /// **Example:** `{"jobName": "load", "dependsOn": [{"jobId": "transform"}], …}` in a job graph
    /// with no job named `transform`.
    ///
    /// **How to fix:** correct the name, or add the missing job to the same file.
    UnknownJob = "B2A201", Error, "unknown-job", "a dependency names a job that is not in the graph";
    /// The dependencies form a cycle, so no job of the cycle could ever start. The message shows
    /// the path through the graph.
    ///
    /// **Example:** `a` depends on `c`, `b` on `a` and `c` on `b`: `a → b → c → a` (each arrow
    /// reads "is needed by").
    ///
    /// **How to fix:** remove one dependency of the cycle.
    Cycle = "B2A202", Error, "dependency-cycle", "the job dependencies form a cycle";
    /// Two jobs of one job graph have the same `jobName`, so a dependency on that name is
    /// ambiguous.
    ///
    /// **Example:** `[{"jobName": "extract", …}, {"jobName": "extract", …}]` in one file; the
    /// message points at the second and names where the first is.
    ///
    /// **How to fix:** rename one of the two jobs, and the dependencies that mean it.
    DuplicateJob = "B2A203", Error, "duplicate-job", "two jobs of one graph have the same name";
    /// An `N_TO_N` dependency needs both jobs to be array jobs of the same size (child i waits for
    /// child i). AWS rejects other combinations.
    ///
    /// **Example:** `{"jobName": "second", "arrayProperties": {"size": 4}, "dependsOn": [{"jobId":
    /// "first", "type": "N_TO_N"}]}` where `first` has `"size": 3`, or is not an array job.
    ///
    /// **How to fix:** give both arrays the same size, or use a plain dependency (the job then
    /// waits for every child).
    NToN = "B2A204", Error, "n-to-n", "an `N_TO_N` dependency is not between arrays of equal size";
    /// A job has more than 20 dependencies; AWS rejects it.
    ///
    /// **Example:** `{"jobName": "gather", "dependsOn": [{"jobId": "part-1"}, …, {"jobId":
    /// "part-21"}]}`.
    ///
    /// **How to fix:** depend on at most 20 jobs: make the parts one array job, or let an
    /// intermediate job wait for some of them.
    TooManyDependencies = "B2A205", Error, "too-many-dependencies", "a job has more than 20 dependencies";
    /// A `SEQUENTIAL` dependency must have no `jobId` and belongs to an array job (its children run
    /// one at a time, in index order). AWS rejects other forms.
    ///
    /// **Example:** `"dependsOn": [{"jobId": "extract", "type": "SEQUENTIAL"}]`, or
    /// `"dependsOn": [{"type": "SEQUENTIAL"}]` on a job without `arrayProperties`.
    ///
    /// **How to fix:** write `{"type": "SEQUENTIAL"}` on an array job only; use a plain dependency
    /// to wait for another job.
    Sequential = "B2A206", Error, "sequential", "a `SEQUENTIAL` dependency is malformed";
    /// A submission's `jobDefinition` (`name`, `name:revision` or ARN) matches no job definition
    /// among the inputs, or only INACTIVE revisions when no revision is given.
    ///
    /// **Why it matters:** without the definition there is nothing to run.
    ///
    /// **Example:** `"jobDefinition": "helo"` when the inputs define `hello`, or
    /// `"jobDefinition": "etl"` when every revision of `etl` is INACTIVE.
    ///
    /// **How to fix:** add the job definition's file (or its `describe-job-definitions` dump) to
    /// the inputs, correct the name, or name an INACTIVE revision explicitly (`etl:2`).
    UnknownJobDefinition = "B2A207", Error, "unknown-job-definition", "a job definition reference does not resolve";
    /// `arrayProperties.size` must be between 2 and 10,000; AWS rejects other sizes.
    ///
    /// **Example:** `"arrayProperties": {"size": 1}`, or `{"size": 10001}`.
    ///
    /// **How to fix:** use a size in range; drop `arrayProperties` for a single job.
    ArraySize = "B2A208", Error, "array-size", "an array size is outside 2–10,000";
    /// The job graph has more jobs than one Argo DAG template can hold (200 tasks). It was split
    /// into nested DAG templates; every ordering of the input is kept. Where a dependency crosses
    /// parts, the whole dependent part waits for the whole earlier part, so a job can wait for
    /// jobs it does not depend on, even when all its own dependencies are in its part: the
    /// message names every job that waits longer.
    ///
    /// **Example:** a job graph of 201 jobs becomes a DAG of two tasks, `part-1` and `part-2`, each
    /// running a nested DAG of the jobs it holds.
    ///
    /// **How to fix:** nothing is required; if the message names jobs that wait longer and that
    /// matters, split the graph into smaller ones.
    DagSplit = "B2A209", Warning, "dag-split", "a large job graph was split into nested DAGs";
    /// An array job has more than 1,000 children. Argo records one node per child in the workflow
    /// status; above a few thousand, the status can outgrow what the Kubernetes API stores in one
    /// object.
    ///
    /// **Example:** `"arrayProperties": {"size": 5000}` makes 5000 nodes in the workflow status.
    ///
    /// **How to fix:** enable node status offloading (`persistence.nodeStatusOffLoad`) or
    /// compression in the Argo controller.
    LargeArray = "B2A210", Info, "large-array", "a large array needs status offloading in Argo";
    /// A revision other than the latest ACTIVE one is referenced explicitly, so it got its own
    /// WorkflowTemplate. An INACTIVE (deregistered) revision is used as written. Revisions that are
    /// neither the latest ACTIVE one nor referenced get no template, and are listed once.
    ///
    /// **Example:** `"jobDefinition": "etl:1"` in a SubmitJob while `etl:2` is the latest ACTIVE
    /// revision: `etl:1` gets a WorkflowTemplate of its own.
    ///
    /// **How to fix:** nothing; reference the latest revision if the older one was not meant.
    OlderRevision = "B2A211", Info, "older-revision", "an explicitly referenced older revision got its own template";
    /// A `describe-jobs` dump carries runtime state (status, attempts, timestamps, array children).
    /// Only the submitted specification is converted; array children and MNP nodes listed
    /// individually are folded into their parent. When the job definition a job names is among
    /// the inputs, it is used as it is, and the effective container the dump recorded is not
    /// compared with it (said once per job).
    ///
    /// **Example:** a job with `"status": "SUCCEEDED"`, `"startedAt"` and `"attempts": […]` is
    /// converted as if it had just been submitted.
    ///
    /// **How to fix:** nothing; add the job definitions to the inputs to convert them as
    /// registered.
    RuntimeState = "B2A212", Info, "runtime-state", "runtime fields of a `describe-jobs` dump were ignored";
    /// A job depends on itself by id. Only a `SEQUENTIAL` dependency without `jobId` may refer to
    /// the job itself.
    ///
    /// **Why it matters:** the job could never start.
    ///
    /// **Example:** `{"jobName": "loop", "dependsOn": [{"jobId": "loop"}], …}`.
    ///
    /// **How to fix:** remove the dependency; write `{"type": "SEQUENTIAL"}` if the children of an
    /// array job should run one at a time.
    SelfDependency = "B2A213", Error, "self-dependency", "a job depends on itself";
    /// Argo cannot express this dependency structure exactly, so the workflow waits longer than
    /// Batch would: no ordering of the input is lost, but some jobs start later. This happens when
    /// jobs linked by `N_TO_N` (which run as one loop of per-index sub-DAGs) also have plain
    /// dependencies to or from other jobs, or when a `SEQUENTIAL` array is part of such a group.
    /// The message names the jobs that wait longer.
    ///
    /// **Example:** `transform` depends on `extract` by `N_TO_N` (arrays of 4), and `audit` depends
    /// on `extract` alone: `audit` now waits for every job of the group, `transform` included.
    ///
    /// **How to fix:** nothing is required; restructure the dependencies if the lost concurrency
    /// matters.
    OrderingAdded = "B2A214", Warning, "ordering-added", "the workflow waits longer than Batch would";

    /// A Workflow needs more than 200 templates (the Argo v4 limit per object): one per N_TO_N
    /// group, SEQUENTIAL array, overridden job and part of a split DAG. The extra templates went
    /// into companion WorkflowTemplates that the Workflow calls by `templateRef`; apply them before
    /// submitting it. With `--self-contained` this is impossible: see B2A217.
    ///
    /// **Example:** a job graph of 201 `SEQUENTIAL` arrays (`{"jobName": "shard-0",
    /// "arrayProperties": {"size": 2}, "dependsOn": [{"type": "SEQUENTIAL"}]}`, …) puts 203
    /// templates into `jobs-templates-1` and `jobs-templates-2`.
    ///
    /// **How to fix:** apply the companion WorkflowTemplates the message names before the Workflow,
    /// or split the job graph.
    TooManyTemplates = "B2A215", Warning, "too-many-templates", "a Workflow's templates spill into companion WorkflowTemplates";
    /// A Workflow will hold so many nodes in `status.nodes` (one per DAG task and per array
    /// child) that the object approaches the size Kubernetes accepts: about 1 MB by Argo's
    /// guidance, 1.5 MiB by etcd's default request limit. The estimate assumes ~600 bytes per node.
    ///
    /// **Why it matters:** once the status is too big, the controller can no longer update the
    /// Workflow and it fails or stalls mid-run.
    ///
    /// **Example:** a graph whose arrays sum to 5,000 children, or a graph of 2,000 jobs.
    ///
    /// **How to fix:** enable node status offloading (`persistence.nodeStatusOffLoad`, which needs
    /// an SQL database) and status compression in the Argo controller, or split the graph into
    /// several workflows (child workflows started by resource templates).
    LargeWorkflowStatus = "B2A216", Warning, "large-workflow-status", "a Workflow's node status approaches the object size limit";
    /// `--self-contained` was asked for, but a Workflow needs more than 200 templates (the Argo v4
    /// limit per object), so it cannot hold them all; nothing is written.
    ///
    /// **Why it matters:** the only ways to stay under the limit (companion WorkflowTemplates, see
    /// B2A215) are what `--self-contained` rules out.
    ///
    /// **Example:** `batch2argo convert --self-contained` on a graph of 201 `SEQUENTIAL` arrays.
    ///
    /// **How to fix:** convert without `--self-contained` and apply the companion
    /// WorkflowTemplates with the Workflow, or split the job graph.
    SelfContainedTooLarge = "B2A217", Error, "self-contained-too-large", "a self-contained Workflow would need more than 200 templates";

    // ---------------------------------------------------------------- 3xx: queues and compute
    /// A job queue was read and checked. Its `priority` becomes the `spec.priority` of the
    /// Workflows submitted to it; compute environment order, scheduling policy and
    /// state-time-limit actions do not influence the output yet. The queue name still reaches
    /// jobs as `AWS_BATCH_JQ_NAME`.
    ///
    /// **Why it matters:** the orders differ. Batch orders jobs across queues that share compute
    /// environments by queue priority, and FIFO or by fair share within a queue; Argo's
    /// `spec.priority` orders only workflows waiting for the controller's parallelism or a lock,
    /// and pods are then scheduled as Kubernetes chooses.
    ///
    /// **Example:** `{"jobQueueName": "analytics", "priority": 1, "computeEnvironmentOrder":
    /// [{"order": 1, "computeEnvironment": "analytics-ce"}]}`.
    ///
    /// **How to fix:** nothing; set pod priority classes or a queueing system in the cluster if
    /// the order of pods matters.
    QueueNotMapped = "B2A301", Info, "queue-not-mapped", "a job queue only sets Workflow priority";
    /// Part of a compute environment has no node label on the chosen `--platform`: Spot or
    /// On-Demand on `generic` (no standard label), instance families and `optimal` on `generic`
    /// (only exact instance types have a standard label), AWS instance types on `ack-eci` and
    /// `ack-acs` (pods are sized from their requests there).
    ///
    /// **Why it matters:** pods may land on capacity the environment did not allow, for example
    /// On-Demand nodes for a Spot environment.
    ///
    /// **Example:** `{"computeResources": {"type": "SPOT", "instanceTypes": ["c5"]}}` converted with
    /// `--platform generic`.
    ///
    /// **How to fix:** choose the platform the cluster runs on (`--platform eks` has Karpenter's
    /// labels), or add node selectors for the cluster's own labels by hand.
    ComputeEnvironmentNotMapped = "B2A302", Info, "compute-environment-not-mapped", "part of a compute environment has no node label on this platform";
    /// A scheduling policy (fair share) does not influence the output with the chosen
    /// `--queueing`: only `kueue` has fair sharing between share identifiers.
    ///
    /// **Why it matters:** jobs of different share identifiers are not balanced against each
    /// other; they run in the order Kubernetes schedules them.
    ///
    /// **Example:** `{"name": "analytics-fairshare", "fairsharePolicy": {"shareDecaySeconds": 3600,
    /// "shareDistribution": [{"shareIdentifier": "reports", "weightFactor": 0.5}]}}` with
    /// `--queueing none`.
    ///
    /// **How to fix:** convert with `--queueing kueue`, or set up fair sharing in the cluster by
    /// hand.
    SchedulingPolicyNotMapped = "B2A303", Info, "scheduling-policy-not-mapped", "a scheduling policy does not influence the output with this queueing";
    /// A job is submitted to a job queue that is not among the inputs, while other queues are.
    /// Without any queue in the inputs nothing is resolved and nothing is reported.
    ///
    /// **Why it matters:** the queue's priority, and later its placement and quotas, cannot apply;
    /// a misspelt queue name would also be refused by Batch.
    ///
    /// **Example:** `"jobQueue": "hihg-priority"` with `high-priority` defined.
    ///
    /// **How to fix:** correct the name or ARN, or add the queue's CreateJobQueue file.
    UnresolvedQueue = "B2A304", Warning, "unresolved-queue", "a job's queue is not among the inputs";
    /// A job queue names a compute environment that is not among the inputs, while other
    /// compute environments are.
    ///
    /// **Why it matters:** what the environment says about capacity cannot be used.
    ///
    /// **Example:** `{"order": 1, "computeEnvironment": "spot-c5"}` with only `spot-ce` defined.
    ///
    /// **How to fix:** correct the name or ARN, or add the environment's file.
    UnresolvedComputeEnvironment = "B2A305", Warning, "unresolved-compute-environment", "a queue's compute environment is not among the inputs";
    /// A job queue names a scheduling policy that is not among the inputs, while other policies
    /// are.
    ///
    /// **Why it matters:** the queue's fair-share settings cannot be used.
    ///
    /// **Example:** `"schedulingPolicyArn": "arn:aws:batch:us-east-1:123456789012:scheduling-policy/reserch"`.
    ///
    /// **How to fix:** correct the ARN, or add the policy's file.
    UnresolvedSchedulingPolicy = "B2A306", Warning, "unresolved-scheduling-policy", "a queue's scheduling policy is not among the inputs";
    /// A job is submitted to a job queue whose `state` is `DISABLED`.
    ///
    /// **Why it matters:** Batch refuses new submissions to a disabled queue, so the source does
    /// not run as it stands; the Workflow would.
    ///
    /// **Example:** `{"jobQueueName": "legacy", "state": "DISABLED", …}` and a job with
    /// `"jobQueue": "legacy"`.
    ///
    /// **How to fix:** submit to an enabled queue, or enable it if the jobs are meant to run.
    DisabledQueue = "B2A307", Warning, "disabled-queue", "a job is submitted to a DISABLED queue";
    /// A job queue uses a compute environment whose `state` is `DISABLED`.
    ///
    /// **Why it matters:** Batch starts no new instances in it, so the queue's jobs go to the next
    /// environment in order, or wait.
    ///
    /// **Example:** `{"computeEnvironmentName": "old-spot", "state": "DISABLED", …}` in a queue's
    /// `computeEnvironmentOrder`.
    ///
    /// **How to fix:** remove it from the queue, or enable it.
    DisabledComputeEnvironment = "B2A308", Warning, "disabled-compute-environment", "a queue uses a DISABLED compute environment";
    /// The jobs of one Workflow are on job queues of different priorities. Argo has one priority
    /// per Workflow (`spec.priority`), so the Workflow takes the highest.
    ///
    /// **Why it matters:** on Batch, the low-priority jobs would wait behind other queues' work;
    /// in Argo the whole Workflow goes first.
    ///
    /// **Example:** a job graph with `prepare` on `high` (priority 10) and `report` on `low`
    /// (priority 1).
    ///
    /// **How to fix:** nothing if the order between workflows does not matter; otherwise split the
    /// graph by queue.
    MixedQueuePriority = "B2A309", Warning, "mixed-queue-priority", "a Workflow's jobs are on queues of different priorities";
    /// A job is submitted to a job queue that is not among the inputs, and the chosen
    /// `--platform` or `--queueing` needs it: placement, quotas and queue objects come from it.
    ///
    /// **Why it matters:** the job's pods would run with no placement and outside any queue,
    /// which is not what the option asked for.
    ///
    /// **Example:** `"jobQueue": "gpu"` converted with `--queueing kueue` and no `gpu` queue file.
    ///
    /// **How to fix:** add the queue's CreateJobQueue file (or its `describe-job-queues` dump)
    /// to the inputs, or convert with `--platform generic --queueing none`.
    UnresolvedQueueNeeded = "B2A310", Error, "unresolved-queue-needed", "a job's queue is needed by --platform or --queueing and is not among the inputs";
    /// A job queue names a compute environment that is not among the inputs, and the chosen
    /// `--platform` or `--queueing` needs it.
    ///
    /// **Why it matters:** the environment decides node placement and quotas.
    ///
    /// **Example:** `{"order": 1, "computeEnvironment": "spot-c5"}` converted with
    /// `--platform eks` and no `spot-c5` file.
    ///
    /// **How to fix:** add the environment's CreateComputeEnvironment file or dump to the inputs.
    UnresolvedComputeEnvironmentNeeded = "B2A311", Error, "unresolved-compute-environment-needed", "a queue's compute environment is needed and is not among the inputs";
    /// A job queue's compute environments became node placement of the templates its jobs run.
    /// With several environments, the pod may run on any of them (one required node-affinity
    /// term each) and prefers them in the queue's order (preferred terms of falling weight).
    ///
    /// **Why it matters:** Batch tries the environments strictly in order; the Kubernetes
    /// scheduler only prefers the first, and may place a pod on a later one while the first
    /// still has room if its nodes score better.
    ///
    /// **Example:** a queue with `SPOT` (order 1) then `EC2` (order 2) on `--platform eks`.
    ///
    /// **How to fix:** nothing, usually; keep a single environment per queue if the order must be
    /// strict.
    PlacementFromQueue = "B2A312", Info, "placement-from-queue", "a queue's compute environments became node placement";
    /// A field of a compute environment or job queue configures AWS capacity (subnets, security
    /// groups, launch templates, AMIs, instance roles, scaling, tags) and has no meaning for a pod.
    /// On Kubernetes the node pools (Karpenter NodePools, managed node groups, ACK node pools)
    /// carry these settings.
    ///
    /// **Why it matters:** the cluster's node configuration must provide what the environment
    /// did (network, AMI, disk); batch2argo cannot create it.
    ///
    /// **Example:** `"computeResources": {"subnets": ["subnet-0a1b"], "launchTemplate": {…}}`.
    ///
    /// **How to fix:** configure the cluster's node pools to match.
    CapacityOnly = "B2A313", Info, "capacity-only", "a capacity field has no meaning for a pod";
    /// The compute environment caps the Spot price (`bidPercentage`), and the target has no such
    /// cap: Karpenter and ACS buy Spot at the market price (EC2 caps it at the On-Demand price).
    ///
    /// **Why it matters:** pods may run when Spot is dearer than the cap would have allowed.
    ///
    /// **Example:** `{"type": "SPOT", "bidPercentage": 60}`.
    ///
    /// **How to fix:** nothing, usually; on ACK ECI a price limit per pod is possible by hand
    /// (`k8s.aliyun.com/eci-spot-strategy: SpotWithPriceLimit`).
    SpotPriceCap = "B2A314", Warning, "spot-price-cap", "a Spot price cap has no equivalent";
    /// An `UNMANAGED` compute environment: its instances are whatever the account attached to
    /// its ECS cluster, so nothing about them is known.
    ///
    /// **Why it matters:** no placement can be derived; the pods run on any node.
    ///
    /// **Example:** `{"computeEnvironmentName": "on-prem", "type": "UNMANAGED"}`.
    ///
    /// **How to fix:** label the nodes that stand for it and add a node selector by hand.
    UnmanagedEnvironment = "B2A315", Warning, "unmanaged-environment", "an UNMANAGED compute environment gives no placement";
    /// A job queue's `jobStateTimeLimitActions` cancel a job stuck at the head of the queue; Argo
    /// has no equivalent (Kueue's `waitForPodsReady` is cluster-wide and evicts running pods).
    ///
    /// **Why it matters:** a job that cannot get capacity waits forever instead of being
    /// cancelled.
    ///
    /// **Example:** `{"reason": "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", "state": "RUNNABLE",
    /// "maxTimeSeconds": 600, "action": "CANCEL"}`.
    ///
    /// **How to fix:** set a Workflow `activeDeadlineSeconds` or a pod pending timeout in the
    /// cluster if stuck jobs must end.
    QueueTimeLimitActions = "B2A316", Warning, "queue-time-limit-actions", "jobStateTimeLimitActions have no equivalent";
    /// A job queue of SageMaker training jobs (`serviceEnvironmentOrder`, `jobQueueType:
    /// SAGEMAKER_TRAINING`): its jobs are SageMaker training jobs, not containers batch2argo can
    /// convert.
    ///
    /// **Why it matters:** jobs on it have no placement or quota from it.
    ///
    /// **Example:** `{"jobQueueType": "SAGEMAKER_TRAINING", "serviceEnvironmentOrder": […]}`.
    ///
    /// **How to fix:** migrate SageMaker training jobs separately.
    ServiceEnvironmentQueue = "B2A317", Warning, "service-environment-queue", "a SageMaker service-environment queue is not converted";
    /// A quota-share scheduling policy (`quotaSharePolicy`, idle capacity lent between
    /// SageMaker queues) has no equivalent.
    ///
    /// **Why it matters:** capacity is not lent between the queues.
    ///
    /// **Example:** `{"name": "lend", "quotaSharePolicy": {"idleResourceAssignmentStrategy": "FIFO"}}`.
    ///
    /// **How to fix:** with Kueue, put the queues in one cohort with borrowing limits by hand.
    QuotaSharePolicy = "B2A318", Warning, "quota-share-policy", "a quota-share policy has no equivalent";
    /// A fair-share policy became Kueue admission fair sharing, which differs in the details
    /// reported here: each share identifier became a LocalQueue with `fairSharing.weight =
    /// 1 / weightFactor` (Batch gives a *lower* factor a larger share, Kueue a *higher* weight);
    /// `shareDecaySeconds` is Kueue's cluster-wide `admissionFairSharing.usageHalfLifeTime`, set
    /// in the Kueue configuration, not per queue; `computeReservation` has no equivalent; a
    /// wildcard identifier (`team*`) became one LocalQueue per identifier the jobs use.
    ///
    /// **Why it matters:** shares are balanced by admission order, not by Batch's exact
    /// algorithm; a job with an identifier no LocalQueue has would not be admitted.
    ///
    /// **Example:** `"shareDistribution": [{"shareIdentifier": "a", "weightFactor": 0.5}]` →
    /// LocalQueue `…-a` with weight `2`.
    ///
    /// **How to fix:** set `admissionFairSharing` in Kueue's configuration as the message says.
    FairShareApproximated = "B2A319", Warning, "fair-share-approximated", "a fair-share policy became Kueue admission fair sharing, approximately";
    /// A Kueue quota was derived, not read: Batch bounds a compute environment by vCPUs only
    /// (`maxvCpus`), Kueue needs a quota for every resource the pods request. Memory is assumed
    /// at the GiB per vCPU of the environment's instance families (2 for `c`, 4 for `m` and
    /// unknown, 8 for `r`), GPUs at one per 8 vCPUs.
    ///
    /// **Why it matters:** too small a quota leaves jobs waiting that Batch would run; too large
    /// a one admits more than the nodes hold.
    ///
    /// **Example:** `"maxvCpus": 256` with no `compute-environments.<name>.memory` in the config.
    ///
    /// **How to fix:** set `compute-environments: {<name>: {memory: …, gpu: …}}` in
    /// `.batch2argo.yaml`.
    QuotaAssumed = "B2A320", Warning, "quota-assumed", "a Kueue quota was derived from maxvCpus";
    /// `--queueing semaphore` limits how many of a queue's jobs run at once; the limit is the
    /// queue's total `maxvCpus` divided by the most vCPUs any of its jobs requests (at least 1).
    ///
    /// **Why it matters:** Batch packs jobs by vCPUs; a count limit admits fewer small jobs, and
    /// never more vCPUs than `maxvCpus`.
    ///
    /// **Example:** `maxvCpus` 64 and jobs of 4 and 16 vCPUs → a limit of 4.
    ///
    /// **How to fix:** edit the ConfigMap's value if the mix of jobs allows more.
    ConcurrencyLimit = "B2A321", Warning, "concurrency-limit", "a queue's maxvCpus became a concurrency limit";
    /// The compute environment's instances are of another architecture than the job definition
    /// asks for (`runtimePlatform.cpuArchitecture`), so no node satisfies both.
    ///
    /// **Why it matters:** the pods never schedule.
    ///
    /// **Example:** `"instanceTypes": ["m6g.large"]` (arm64) with `"cpuArchitecture": "X86_64"`.
    ///
    /// **How to fix:** submit the job to a queue of the right architecture.
    ArchitectureConflict = "B2A322", Warning, "architecture-conflict", "the queue's instances do not match the job's architecture";
    /// An object written beside the Workflows needs something in the cluster first: Kueue
    /// installed with the plain-pod integration, Volcano installed, the IAM role's trust policy
    /// for the ServiceAccount, the EFS CSI driver.
    ///
    /// **Why it matters:** without it, pods stay pending or run without the role.
    ///
    /// **Example:** `--queueing kueue` writes ClusterQueues; Kueue must manage `pod` jobs.
    ///
    /// **How to fix:** do the step the message names before applying the objects.
    ManualStep = "B2A323", Info, "manual-step", "an emitted object needs cluster-side setup";
    /// A job's scheduling priority (`schedulingPriority`, `schedulingPriorityOverride`) became a
    /// Kueue WorkloadPriorityClass. On Batch it orders jobs only within a share identifier; in
    /// Kueue it orders all workloads of the ClusterQueue and allows preemption by priority.
    ///
    /// **Why it matters:** a high-priority job of one share can go before another share's jobs.
    ///
    /// **Example:** `"schedulingPriority": 80` → WorkloadPriorityClass `batch-priority-80`.
    ///
    /// **How to fix:** nothing, usually.
    SchedulingPriorityClass = "B2A324", Info, "scheduling-priority-class", "a scheduling priority became a WorkloadPriorityClass";
    /// A job has no `jobQueue`, while `--platform` or `--queueing` places and queues jobs by
    /// their queue.
    ///
    /// **Why it matters:** the job's pods get no placement and no queue label.
    ///
    /// **Example:** a job graph whose jobs name no `jobQueue`, converted with `--queueing kueue`.
    ///
    /// **How to fix:** give the jobs their queue.
    NoQueue = "B2A325", Info, "no-queue", "a job names no queue, so it gets no placement or queueing";
    /// A Fargate compute environment: Kubernetes has no Fargate capacity type, so it became
    /// On-Demand (`FARGATE`) or Spot (`FARGATE_SPOT`) nodes on EKS, and serverless pods on ACK.
    ///
    /// **Why it matters:** pods share nodes instead of getting a micro-VM each.
    ///
    /// **Example:** `{"computeResources": {"type": "FARGATE_SPOT", "maxvCpus": 64}}`.
    ///
    /// **How to fix:** nothing, usually; EKS Fargate profiles select pods by namespace and
    /// labels if Fargate itself is wanted.
    FargateAsNodes = "B2A326", Info, "fargate-as-nodes", "a Fargate environment became ordinary capacity";
    /// A job definition runs on queues with different placement, so its WorkflowTemplate holds one
    /// pair of templates per queue and each job calls the one of its queue.
    ///
    /// **Why it matters:** `argo submit --from workflowtemplate/<name>` runs the entrypoint, which
    /// has no queue placement.
    ///
    /// **Example:** `render` submitted to `spot` by one job and to `gpu` by another.
    ///
    /// **How to fix:** nothing.
    QueueVariants = "B2A327", Info, "queue-variants", "a job definition got one template per queue";
    /// A job queue names a scheduling policy that is not among the inputs, and `--queueing
    /// kueue` needs it: its share identifiers become LocalQueues with their weights.
    ///
    /// **Why it matters:** the queue's fair sharing would be silently lost, and its jobs' share
    /// identifiers would name LocalQueues nobody creates.
    ///
    /// **Example:** `"schedulingPolicyArn": "arn:aws:batch:us-east-1:123456789012:scheduling-policy/research"`
    /// converted with `--queueing kueue` and no `research` policy file.
    ///
    /// **How to fix:** add the policy's CreateSchedulingPolicy file (or its
    /// `describe-scheduling-policies` dump) to the inputs.
    UnresolvedSchedulingPolicyNeeded = "B2A328", Error, "unresolved-scheduling-policy-needed", "a queue's scheduling policy is needed by --queueing kueue and is not among the inputs";

    // ---------------------------------------------------------------- 4xx: Alibaba BatchCompute
    /// A `job.cfg` file (the `bcs sub --file` format) breaks Python ConfigParser's rules, so its
    /// job cannot be read.
    ///
    /// **Example:** an option before the first `[section]` header, a section header without its
    /// closing `]`, the same section or option twice in one file, or a `%(name)s` interpolation
    /// that names no option (`%(bucket)s` with no `bucket=` in the section or in `[DEFAULT]`).
    ///
    /// **How to fix:** correct the line shown; `python3 -c "import configparser;
    /// configparser.ConfigParser().read('job.cfg')"` reproduces the check.
    IniSyntax = "B2A401", Error, "ini-syntax", "a job.cfg file is not valid ConfigParser INI";
    /// The `deps` option of a `job.cfg` is malformed. It lists edges separated by `;`, each
    /// `upstream->downstream` with `,` between names on either side and chains allowed
    /// (`a->b,c;b,c->d`, `split->count->merge`).
    ///
    /// **Example:** `deps=split->`, `deps=->merge`, `deps=a=>b` or an empty name in `a,,b->c`.
    ///
    /// **How to fix:** write every edge as `names->names`; a task with no dependency needs no
    /// entry.
    DepsSyntax = "B2A402", Error, "deps-syntax", "a job.cfg `deps` value is malformed";
    /// A `job.cfg` option is not one `bcs sub` reads, so BatchCompute ignored it (or the file has
    /// a typo).
    ///
    /// **Example:** `comand=python count.py` in a task section, or `gpu=1`.
    ///
    /// **How to fix:** use the long `bcs sub` option names (`cmd`, `nodes`, `cluster`, `image`,
    /// `type`, `env`, `read_mount`, `write_mount`, `mount`, `log_mapping`, `pack`, `timeout`,
    /// `priority`, …), or remove the line.
    UnknownOption = "B2A403", Warning, "unknown-option", "a job.cfg option is not a `bcs sub` option";
    /// A BatchCompute field is not part of the job, task, cluster or App description API.
    ///
    /// **Example:** `"InstanceCnt": 3` in a task, or `"Dependency"` instead of `"Dependencies"`.
    ///
    /// **How to fix:** correct the spelling; fields BatchCompute does not know were ignored by it
    /// too.
    UnknownBatchComputeField = "B2A404", Warning, "unknown-batchcompute-field", "a field is not part of the BatchCompute API";
    /// A task runs no Docker image: BatchCompute ran its command directly on the VM image
    /// (`ImageId`). A pod needs a container image, and none can be derived from a VM image.
    ///
    /// **Example:** a task whose `Parameters.Command` has no `Docker` and no
    /// `BATCH_COMPUTE_DOCKER_IMAGE` variable.
    ///
    /// **How to fix:** build an image with what the VM image held and give it as
    /// `batchcompute.default-image` in `.batch2argo.yaml`, or add `Docker.Image` to the task.
    NoImage = "B2A405", Error, "no-image", "a task runs on a VM image, not a container image";
    /// The image lives in an OSS registry (`BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH`, images named
    /// `localhost:5000/…`): only BatchCompute VMs could pull it.
    ///
    /// **Example:** `"EnvVars": {"BATCH_COMPUTE_DOCKER_IMAGE": "localhost:5000/myubuntu",
    /// "BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH": "oss://bucket/dockers/"}`.
    ///
    /// **How to fix:** push the image to a registry the cluster can pull from (ACR) and map the
    /// name under `batchcompute.images` in `.batch2argo.yaml`.
    OssRegistryImage = "B2A406", Warning, "oss-registry-image", "the image is in an OSS registry pods cannot pull from";
    /// `StdoutRedirectPath`/`StderrRedirectPath` sent each instance's output to an OSS folder. Argo
    /// archives pod logs in the artifact repository instead (`archiveLogs: true`), under the
    /// workflow's key, not in the folder named.
    ///
    /// **Example:** `"StdoutRedirectPath": "oss://my-bucket/logs/"` becomes `spec.archiveLogs:
    /// true`.
    ///
    /// **How to fix:** nothing to convert; point readers of the old log folder at the artifact
    /// repository (or `argo logs`).
    LogRedirect = "B2A407", Info, "log-redirect", "stdout/stderr redirection becomes archived logs";
    /// The job's MNS notification (`Notification.Topic`) has no Argo equivalent that needs no code
    /// of yours; it is not converted.
    ///
    /// **Example:** `"Notification": {"Topic": {"Name": "events", "Events": ["OnJobFailed"]}}`.
    ///
    /// **How to fix:** add an exit handler (`hooks.exit`) that posts to your topic, or use Argo's
    /// workflow events.
    Notification = "B2A408", Warning, "notification", "a job notification is not converted";
    /// A task runs on a pre-created cluster (`ClusterId`) whose cluster description is not among
    /// the inputs, so its instance type, Spot settings and mounts are unknown.
    ///
    /// **Example:** `"ClusterId": "cls-0123"` with no cluster JSON named `cls-0123` (its `Id`, or
    /// `batchcompute.clusters` in `.batch2argo.yaml` mapping the id to a cluster's `Name`).
    ///
    /// **How to fix:** add the cluster's JSON (`bcs c cls-0123 --show_json`, or the
    /// `CreateCluster` body) to the inputs.
    UnresolvedCluster = "B2A409", Warning, "unresolved-cluster", "a ClusterId does not resolve to a cluster description";
    /// A cluster setting only configures BatchCompute's VMs and has no meaning for a pod: the VM
    /// image, user data, keeping VMs after a failure, networks, bootstrap scripts, VM counts.
    ///
    /// **Example:** `"ImageId": "img-ubuntu-vpc"`, `"UserData": {…}`, `"ReserveOnFail": true`,
    /// `"Networks": {"VPC": {…}}`, `"DesiredVMCount": 4`.
    ///
    /// **How to fix:** nothing to convert; networks are the workflow cluster's vSwitches, and
    /// what the VM image held belongs in the container image.
    VmOnlySetting = "B2A410", Warning, "vm-only-setting", "a cluster setting configures VMs only";
    /// A pod is sized from the task's instance type, since BatchCompute gave each instance a whole
    /// VM: its vCPUs, memory and GPUs become the container's requests (memory also its limit).
    /// Sizes come from a table of instance families; a type outside it is sized from its name.
    ///
    /// **Example:** `ecs.sn1.medium` → `cpu: 2`, `memory: 4096Mi`; `ecs.gn6i-c4g1.xlarge` → 4 vCPU,
    /// 15 GiB and `nvidia.com/gpu: 1`.
    ///
    /// **How to fix:** nothing to convert; lower the requests if the task needs less than the VM.
    InstanceSizing = "B2A411", Info, "instance-sizing", "a pod is sized from a BatchCompute instance type";
    /// The task's artifacts (its package, OutputMapping or LogMapping) are read from or written to
    /// an artifact repository the workflow cluster must have: batch2argo writes the ConfigMap
    /// `artifact-repositories`, and its credentials Secret must be created by hand.
    ///
    /// **Example:** `"OutputMapping": {"/data/out/": "oss://my-bucket/out/"}` needs the OSS
    /// repository of bucket `my-bucket` and the Secret `oss-secret` (`akId`, `akSecret`).
    ///
    /// **How to fix:** create the Secret in the workflow namespace:
    /// `kubectl create secret generic oss-secret --from-literal=akId=… --from-literal=akSecret=…`.
    ArtifactRepository = "B2A412", Info, "artifact-repository", "artifacts need an OSS artifact repository and its Secret";
    /// Access keys written into the job (`Mounts.OSS.AccessKeyId`/`AccessKeySecret`/
    /// `SecurityToken`) are never copied into manifests: the generated volumes reference the
    /// Secret `oss-secret` by name instead.
    ///
    /// **Example:** `"Mounts": {"OSS": {"AccessKeyId": "LTAI…", "AccessKeySecret": "…"}}`.
    ///
    /// **How to fix:** put the keys into the Secret (see B2A412) and remove them from the job
    /// description, which should not hold secrets at all.
    InlineCredentials = "B2A413", Warning, "inline-credentials", "access keys in the job are replaced by a Secret reference";
    /// An ossfs or NAS mount option has no counterpart in the generated volume and is left out:
    /// file-name encoding, locking, caching and refresh settings.
    ///
    /// **Example:** `"InputMappingConfig": {"Locale": "GBK", "Lock": true}`, `"Mounts":
    /// {"CacheSupport": true, "RefreshStrategy": "…"}`.
    ///
    /// **How to fix:** set the matching ossfs options (`otherOpts`) on the PersistentVolume by
    /// hand if the job relied on them.
    MountOption = "B2A414", Warning, "mount-option", "a mount option is not converted";
    /// A mount uses a protocol the workflow cluster has no CSI volume for (`smb://`,
    /// `lustre://`, `nasplus://`) or a source that is not an OSS or NAS URL.
    ///
    /// **Example:** `{"Source": "smb://fs.example/share/", "Destination": "/data/"}`.
    ///
    /// **How to fix:** move the data to OSS or NAS, or add a PersistentVolume for it by hand and
    /// mount it with an `eksProperties`-style pod.
    UnsupportedMount = "B2A415", Error, "unsupported-mount", "a mount's protocol has no volume on the target";
    /// `pack` in a job.cfg (or a `PackagePath` that is not an `oss://` URL) names a local folder
    /// that `bcs sub` packed and uploaded at submit time. The converted task downloads the package
    /// from the artifact repository, where it must be uploaded once by hand.
    ///
    /// **Example:** `pack=./src/` → an input artifact `oss: {key: <job>/worker.tar.gz}`.
    ///
    /// **How to fix:** `tar czf worker.tar.gz -C src .` and upload it to the key named in the
    /// message, or give `PackagePath` as an `oss://` URL.
    LocalPackage = "B2A416", Warning, "local-package", "a task's package is a local folder to upload";
    /// An App job names an App whose definition is not among the inputs, so what it runs is
    /// unknown. Public apps (`:name`, `Public:name`) need their definition too.
    ///
    /// **Example:** `"App": {"AppName": "bwa-mem"}` with no App definition named `bwa-mem`.
    ///
    /// **How to fix:** add the App's JSON (`bcs a bwa-mem --show_json`, or the `CreateApp` body).
    UnknownApp = "B2A417", Error, "unknown-app", "an App job names an App that is not among the inputs";
    /// An App job sets a `Config` value its App marks as not overwritable, or an input or output
    /// the App does not declare; BatchCompute rejected such jobs.
    ///
    /// **Example:** `"Config": {"InstanceType": "ecs.c5.large"}` where the App has
    /// `"InstanceType": {"Default": "ecs.sn1.medium", "Overwritable": false}`.
    ///
    /// **How to fix:** drop the value, or make it overwritable in the App.
    AppOverride = "B2A418", Error, "app-override", "an App job sets what its App does not allow";
    /// A user variable uses the `BATCH_COMPUTE_` prefix BatchCompute reserves; the variables it
    /// injects (`BATCH_COMPUTE_DAG_JOB_ID`, `_TASK_ID`, `_INSTANCE_ID`, `BATCH_COMPUTE_OSS_HOST`,
    /// `BATCH_COMPUTE_REGION`) are synthesised, and the Docker ones select the image.
    ///
    /// **Example:** `"EnvVars": {"BATCH_COMPUTE_DAG_INSTANCE_ID": "3"}`.
    ///
    /// **How to fix:** rename the variable.
    ReservedBatchComputeEnv = "B2A419", Warning, "reserved-batchcompute-env", "a variable uses the reserved BATCH_COMPUTE_ prefix";
    /// The region is unknown, so `BATCH_COMPUTE_REGION` and `BATCH_COMPUTE_OSS_HOST` cannot be
    /// synthesised. batch2argo reads it from `batchcompute.region` in `.batch2argo.yaml`, or from an
    /// Alibaba Cloud host name in the job (a `registry.<region>.aliyuncs.com` image or a NAS
    /// mount target).
    ///
    /// **Example:** a job whose image is `python:3.12` and which mounts nothing.
    ///
    /// **How to fix:** set `batchcompute: {region: cn-hangzhou}` in `.batch2argo.yaml`.
    UnknownRegion = "B2A420", Warning, "unknown-region", "the region for the injected variables is unknown";
    /// `JobFailOnInstanceFail: false` (`force=True` in a job.cfg) let a job go on when instances
    /// failed. Each task's dependents wait for it to finish rather than to succeed (`depends:
    /// "(a.Succeeded || a.Failed || a.Errored)"`), so the work goes on as the job did. Unlike
    /// BatchCompute, a failed task that nothing depends on still marks the Workflow failed.
    ///
    /// **Example:** `"JobFailOnInstanceFail": false`.
    ///
    /// **How to fix:** nothing to convert.
    ContinueOnFailure = "B2A421", Info, "continue-on-failure", "the workflow goes on when instances fail";
    /// An `OutputMapping` or `LogMapping` names an OSS bucket other than the artifact repository's,
    /// so its artifact carries the full location (bucket and endpoint) and the same Secret.
    ///
    /// **Example:** outputs to `oss://archive/` while other paths use `oss://work/`.
    ///
    /// **How to fix:** nothing to convert; the Secret must be allowed to write to every bucket.
    OtherBucket = "B2A422", Info, "other-bucket", "an artifact uses a bucket other than the repository's";
    /// An OSS volume or artifact needs the bucket's endpoint (`oss-<region>-internal.aliyuncs.com`)
    /// and the region is unknown, so nothing correct can be written for it.
    ///
    /// **Example:** `"OutputMapping": {"/data/out/": "oss://my-bucket/out/"}` in a job whose image
    /// is `python:3.12` and which names no Alibaba host, with no `batchcompute.region` configured.
    ///
    /// **How to fix:** set `batchcompute: {region: cn-hangzhou}` in `.batch2argo.yaml`.
    RegionRequired = "B2A423", Error, "region-required", "an OSS endpoint needs the region, which is unknown";
    /// An App job runs on a cluster other than its App's own, and that cluster mounts volumes.
    /// The job's template is the App's (with the cluster's size and variables as overrides), so
    /// the cluster's mounts are not added to its pods.
    ///
    /// **Example:** an App job with `"Config": {"ClusterId": "cls-pool"}` where cluster `cls-pool`
    /// has `Configs.Mounts.Entries` for `oss://data/ref/`.
    ///
    /// **How to fix:** add the mounts the App needs to the App itself (as inputs with a
    /// `LocalPath`), or run the job on the App's own settings.
    ClusterMounts = "B2A424", Warning, "cluster-mounts", "a cluster's mounts are not added to an App job";
    /// The region was read from a host name in the job (a NAS mount target, or an image
    /// registry), not configured: OSS endpoints and `BATCH_COMPUTE_REGION` use it.
    ///
    /// **Why it matters:** images are often pulled from another region than the data they read;
    /// a wrong region points volumes and artifacts at the wrong OSS endpoint.
    ///
    /// **Example:** `"Docker": {"Image": "registry.cn-shanghai.aliyuncs.com/acme/tool:1"}` with no
    /// `batchcompute.region` gives `cn-shanghai`.
    ///
    /// **How to fix:** set `batchcompute: {region: …}` in `.batch2argo.yaml`.
    RegionFromHost = "B2A425", Info, "region-from-host", "the region was read from a host name in the job";

    // ---------------------------------------------------------------- 5xx: Argo manifests (`validate`)
    /// `batch2argo validate` found no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or
    /// CronWorkflow in the paths given.
    ///
    /// **Why it matters:** a check that checked nothing must not pass; `argo lint` fails the same way.
    ///
    /// **Example:** `batch2argo validate k8s/` where the folder holds only Deployments.
    ///
    /// **How to fix:** point it at the Argo manifests.
    ArgoNoObject = "B2A500", Error, "no-argo-object", "no Argo object was found to validate";
    /// A document is not an Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate or
    /// CronWorkflow, so `validate` skipped it.
    ///
    /// **Why it matters:** it tells you the document was not checked.
    ///
    /// **Example:** a `ConfigMap` or `WorkflowEventBinding` in the same multi-document file.
    ///
    /// **How to fix:** nothing, if the document is not meant to be an Argo workflow.
    ArgoSkippedDocument = "B2A501", Info, "skipped-document", "a document is not an Argo object and was skipped";
    /// A field is not part of Argo's API at this place (`argo lint --strict`: `unknown field`).
    ///
    /// **Why it matters:** Kubernetes drops or rejects unknown fields, so the setting silently does
    /// nothing, or the object is refused under strict field validation.
    ///
    /// **Example:** `imagePullPolicyy: Always` in a container, `entrypoints:` in a spec, or the
    /// v3.5 `schedule:` in a CronWorkflow (Argo v4 has only `schedules`).
    ///
    /// **How to fix:** correct the spelling or move the field to where Argo expects it; the help
    /// names the replacement of fields removed in Argo v4.
    ArgoUnknownField = "B2A502", Error, "argo-unknown-field", "a field is not part of the Argo API";
    /// A value has the wrong type or a required field is missing, by Argo's JSON Schema.
    ///
    /// **Why it matters:** the API server or the controller refuses the object.
    ///
    /// **Example:** `parallelism: "2"` (a string where an integer belongs), or a parameter without
    /// `name`.
    ///
    /// **How to fix:** write the value with the type the message names.
    ArgoSchema = "B2A503", Error, "argo-schema", "a value has the wrong type or a required field is missing";
    /// A field added in Argo v4.1 (`podResources`, `resourceClaims`, `pendingTimeout`,
    /// `executorPlugins`, …) was accepted without a type check: batch2argo's embedded schema is
    /// generated from Argo v4.0.5 (see `schemas/SOURCE.md`).
    ///
    /// **Why it matters:** the field needs Argo v4.1 or later in the cluster, and its content was not
    /// checked.
    ///
    /// **Example:** `pendingTimeout: 5m` on a container template.
    ///
    /// **How to fix:** nothing if the cluster runs Argo v4.1 or later; otherwise remove the field.
    ArgoNewerField = "B2A504", Warning, "argo-v41-field", "a field newer than the embedded schema was not type-checked";
    /// A plain (unquoted) scalar means something else to a YAML 1.1 reader, which is what
    /// Kubernetes uses, than it seems to: `yes`, `on`, `y` are booleans and `0755` is the octal
    /// number 493.
    ///
    /// **Why it matters:** a parameter `value: yes` reaches the container as `true`, and a mode
    /// `0755` as 493.
    ///
    /// **Example:** `value: on` under `arguments.parameters`.
    ///
    /// **How to fix:** quote the value (`"on"`), or write booleans as `true`/`false`.
    Yaml11Scalar = "B2A505", Warning, "yaml11-scalar", "a plain scalar reads differently in YAML 1.1";
    /// The object's name is longer than Argo allows: 63 characters for a Workflow,
    /// WorkflowTemplate or ClusterWorkflowTemplate, 52 for a CronWorkflow.
    ///
    /// **Why it matters:** the name becomes a label value (at most 63 characters); a CronWorkflow's
    /// runs are named `<name>-<unix time>`. Argo refuses the object.
    ///
    /// **Example:** a CronWorkflow named `nightly-reconciliation-of-every-customer-ledger-entry`.
    ///
    /// **How to fix:** shorten the name.
    ObjectNameTooLong = "B2A506", Error, "object-name-too-long", "the object name is longer than Argo allows";
    /// `metadata.name` or `generateName` is not a valid Kubernetes object name (lowercase letters,
    /// digits, `-` and `.`, starting and ending with a letter or digit). `argo lint` does not check
    /// this; the API server does.
    ///
    /// **Why it matters:** `kubectl apply` and `argo submit` fail.
    ///
    /// **Example:** `name: Nightly_ETL`.
    ///
    /// **How to fix:** use lowercase letters, digits and `-`.
    ObjectNameInvalid = "B2A507", Error, "object-name-invalid", "the object name is not a valid Kubernetes name";
    /// A Workflow that runs a `workflowTemplateRef` also defines `templates`.
    ///
    /// **Why it matters:** Argo refuses it: the referenced WorkflowTemplate's templates are the ones
    /// that run.
    ///
    /// **Example:** `spec: {workflowTemplateRef: {name: etl}, templates: [...]}`.
    ///
    /// **How to fix:** remove `templates`, or drop the reference and inline the workflow.
    TemplatesWithWorkflowTemplateRef = "B2A508", Error, "templates-with-workflow-template-ref", "`templates` is set next to `workflowTemplateRef`";
    /// `spec.workflowTemplateRef` names a (Cluster)WorkflowTemplate that is not among the files
    /// given. References are resolved among the files, as `argo lint --offline` does.
    ///
    /// **Why it matters:** the workflow cannot start if the template does not exist in the cluster,
    /// and nothing that depends on it could be checked.
    ///
    /// **Example:** `workflowTemplateRef: {name: etl-template}` with no WorkflowTemplate `etl-template`
    /// in the files.
    ///
    /// **How to fix:** pass the file that defines it, or correct the name (and `clusterScope`).
    WorkflowTemplateNotFound = "B2A509", Error, "workflow-template-not-found", "a `workflowTemplateRef` does not resolve";
    /// A Workflow (or a CronWorkflow's `workflowSpec`) has no `entrypoint`.
    ///
    /// **Why it matters:** Argo does not know which template to start with and refuses the workflow.
    ///
    /// **Example:** a Workflow with `templates` but no `entrypoint`.
    ///
    /// **How to fix:** set `spec.entrypoint` to the name of the first template to run.
    EntrypointMissing = "B2A510", Error, "entrypoint-missing", "a Workflow has no `entrypoint`";
    /// The entrypoint, the exit handler, a hook, a step or a task names a template that the object
    /// does not define (`template name 'x' undefined`).
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** `entrypoint: mian` when the template is called `main`.
    ///
    /// **How to fix:** correct the name, or define the template.
    TemplateUndefined = "B2A511", Error, "template-undefined", "a template name is not defined";
    /// A lifecycle hook other than `exit` has no `expression`.
    ///
    /// **Why it matters:** Argo refuses it: only the exit hook runs without a condition.
    ///
    /// **Example:** `hooks: {running: {template: notify}}`.
    ///
    /// **How to fix:** add `expression:`, such as `workflow.status == "Running"`, or name the hook
    /// `exit`.
    HookExpression = "B2A512", Error, "hook-expression", "a hook other than `exit` has no `expression`";
    /// `podGC.strategy` is not one Argo knows.
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** `podGC: {strategy: OnSuccess}`.
    ///
    /// **How to fix:** use `OnPodCompletion`, `OnPodSuccess`, `OnWorkflowCompletion` or
    /// `OnWorkflowSuccess`.
    PodGcStrategy = "B2A513", Error, "pod-gc-strategy", "an unknown `podGC.strategy`";
    /// `podResources` names something other than cpu, memory or `hugepages-*`, sets `claims`, or
    /// sits on an HTTP or plugin template.
    ///
    /// **Why it matters:** Argo refuses it; pod-level resources are limited to these.
    ///
    /// **Example:** `podResources: {limits: {nvidia.com/gpu: 1}}`.
    ///
    /// **How to fix:** request GPUs and other resources per container.
    PodResources = "B2A514", Error, "pod-resources", "`podResources` holds what pods cannot share";
    /// A spec has more than 200 templates, the limit of Argo v4's full CRDs.
    ///
    /// **Why it matters:** the API server refuses the object.
    ///
    /// **Example:** a generated workflow with one template per job of a 300-job graph.
    ///
    /// **How to fix:** move templates into WorkflowTemplates and call them with `templateRef`.
    ArgoTooManyTemplates = "B2A515", Error, "argo-too-many-templates", "more than 200 templates in one spec";
    /// `parallelism` is below 1.
    ///
    /// **Why it matters:** the full CRD refuses it; 0 would never run anything.
    ///
    /// **Example:** `parallelism: 0`.
    ///
    /// **How to fix:** remove it (no limit) or set at least 1.
    Parallelism = "B2A516", Error, "parallelism", "`parallelism` is below 1";
    /// A CronWorkflow has no `schedules`.
    ///
    /// **Why it matters:** Argo refuses it; since v4 only the `schedules` list exists.
    ///
    /// **Example:** `schedules: []`.
    ///
    /// **How to fix:** add at least one cron expression.
    CronNoSchedule = "B2A520", Error, "cron-no-schedule", "a CronWorkflow has no schedule";
    /// A cron schedule is not a five-field expression (minute hour day-of-month month
    /// day-of-week) or a descriptor such as `@hourly` or `@every 5m`, or a field is out of range.
    ///
    /// **Why it matters:** Argo refuses the CronWorkflow.
    ///
    /// **Example:** `"0 25 * * *"` (hour 25) or `"*/5 * * *"` (four fields).
    ///
    /// **How to fix:** correct the expression.
    CronSchedule = "B2A521", Error, "cron-schedule", "a cron schedule is malformed";
    /// `timezone` is not an IANA time zone name.
    ///
    /// **Why it matters:** Argo refuses the CronWorkflow. batch2argo checks the shape and the area
    /// (`Europe/…`, `America/…`, `UTC`, …), not the full zone database.
    ///
    /// **Example:** `timezone: CEST` or `timezone: europe/berlin`.
    ///
    /// **How to fix:** use a name such as `Europe/Berlin`.
    CronTimezone = "B2A522", Error, "cron-timezone", "`timezone` is not an IANA zone";
    /// `concurrencyPolicy` is not `Allow`, `Forbid` or `Replace`.
    ///
    /// **Why it matters:** Argo refuses the CronWorkflow.
    ///
    /// **Example:** `concurrencyPolicy: Skip`.
    ///
    /// **How to fix:** use `Forbid` to skip a run while the previous one is still running.
    CronConcurrencyPolicy = "B2A523", Error, "cron-concurrency-policy", "an unknown `concurrencyPolicy`";
    /// `startingDeadlineSeconds` is negative.
    ///
    /// **Why it matters:** Argo refuses the CronWorkflow.
    ///
    /// **Example:** `startingDeadlineSeconds: -1`.
    ///
    /// **How to fix:** use 0 or more.
    CronStartingDeadline = "B2A524", Error, "cron-starting-deadline", "`startingDeadlineSeconds` is negative";
    /// A template, step or task name is missing, does not match `^[a-zA-Z0-9][-a-zA-Z0-9]*$`, or is
    /// longer than 128 characters.
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** a template named `build_image`, or a step without `name`.
    ///
    /// **How to fix:** use letters, digits and `-` (lowercase is safest, see B2A532).
    NameInvalid = "B2A530", Error, "name-invalid", "a template, step or task name is missing or invalid";
    /// Two templates of one spec, two steps of one steps template (across all groups), or two tasks
    /// of one DAG have the same name.
    ///
    /// **Why it matters:** Argo refuses the workflow; references would be ambiguous.
    ///
    /// **Example:** two templates named `main`.
    ///
    /// **How to fix:** rename one.
    NameNotUnique = "B2A531", Error, "name-not-unique", "a template, step or task name is not unique";
    /// A template that runs pods has uppercase letters in its name. `argo lint` accepts it, but pod
    /// names contain the template name and Kubernetes rejects pod names with uppercase letters
    /// (argo-workflows issue 9670).
    ///
    /// **Why it matters:** the workflow fails when it runs, long after it was accepted.
    ///
    /// **Example:** a container template named `RunJob`.
    ///
    /// **How to fix:** use lowercase (`run-job`).
    PodNameCase = "B2A532", Error, "pod-name-case", "a pod template name has uppercase letters";
    /// A template has no type, or more than one, among container, containerSet, steps, script,
    /// resource, dag, suspend, data, http and plugin.
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** a template with both `container` and `script`.
    ///
    /// **How to fix:** keep exactly one; split the template if it does two things.
    TemplateType = "B2A533", Error, "template-type", "a template has no type or several";
    /// A parameter or artifact (of inputs, outputs or arguments) has no name, a name that does not
    /// match `^[-a-zA-Z0-9_]+$`, or the same name as another in the same list.
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** an input parameter named `my.param`.
    ///
    /// **How to fix:** use letters, digits, `_` and `-`, and unique names.
    ParameterName = "B2A534", Error, "parameter-name", "a parameter or artifact name is missing, invalid or repeated";
    /// An input artifact is misplaced: a container or script template needs its `path` (without
    /// `..`), a steps or DAG template may not set one, and `from` is not valid in inputs.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `inputs: {artifacts: [{name: data}]}` on a container template.
    ///
    /// **How to fix:** add `path:` where the file should appear in the container.
    InputArtifactPath = "B2A535", Error, "input-artifact-path", "an input artifact's `path` or `from` is misplaced";
    /// An init container has no name.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `initContainers: [{image: busybox}]`.
    ///
    /// **How to fix:** name it.
    InitContainerName = "B2A536", Error, "init-container-name", "an init container has no name";
    /// A template is called without an input it needs: an input parameter with no `value`,
    /// `default` or `valueFrom`, or a non-optional input artifact without a location, that the
    /// caller does not pass (`inputs.parameters.x was not supplied`).
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** a step calling `print` without `arguments.parameters: [{name: message, …}]`.
    ///
    /// **How to fix:** pass the input in the step's or task's `arguments` (for the entrypoint, in
    /// `spec.arguments`), or give it a default.
    InputNotSupplied = "B2A537", Error, "input-not-supplied", "a called template's input is not supplied";
    /// `resourceClaims` is set on a template that does not create a pod (steps, dag, suspend, http,
    /// plugin).
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** `resourceClaims` on a steps template.
    ///
    /// **How to fix:** move it to the container templates that need the device.
    ResourceClaims = "B2A538", Error, "resource-claims", "`resourceClaims` on a template without a pod";
    /// `timeout` or `pendingTimeout` is on a steps or DAG template, or has no unit.
    ///
    /// **Why it matters:** Argo refuses a bare number such as `"30"` (it needs `"30s"`) and allows
    /// timeouts only on leaf templates.
    ///
    /// **Example:** `timeout: "3600"`.
    ///
    /// **How to fix:** write a duration with a unit (`3600s`, `1h`), on the leaf template.
    TimeoutField = "B2A539", Error, "timeout-field", "`timeout` is misplaced or has no unit";
    /// `retryStrategy.retryPolicy` is not one Argo knows.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `retryPolicy: OnFailed`.
    ///
    /// **How to fix:** use `Always`, `OnFailure`, `OnError` or `OnTransientError`.
    RetryPolicy = "B2A540", Error, "retry-policy", "an unknown `retryPolicy`";
    /// A Prometheus metric is malformed: a name or label key with characters other than letters,
    /// digits and `_`, no `help`, a gauge or counter without `value`, a realtime gauge over
    /// `resourcesDuration`, a gauge value over 256 characters, or more than 100 metrics.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `name: job-duration` (a `-` in a metric name).
    ///
    /// **How to fix:** follow the message; use `_` in metric names.
    Metrics = "B2A541", Error, "metrics", "a Prometheus metric is malformed";
    /// `activeDeadlineSeconds` is on a steps or DAG template, or is negative or not a number.
    ///
    /// **Why it matters:** Argo refuses it; the deadline applies to pods.
    ///
    /// **Example:** `activeDeadlineSeconds: 600` on a DAG template.
    ///
    /// **How to fix:** set it on the leaf templates, or use the workflow's
    /// `spec.activeDeadlineSeconds` for the whole run.
    ActiveDeadline = "B2A542", Error, "active-deadline", "`activeDeadlineSeconds` is misplaced or invalid";
    /// `parallelism` is set on a leaf template.
    ///
    /// **Why it matters:** Argo refuses it; parallelism limits the children of steps and DAGs.
    ///
    /// **Example:** `parallelism: 2` on a container template.
    ///
    /// **How to fix:** set it on the steps or DAG template that runs the leaf in a loop.
    ParallelismOnLeaf = "B2A543", Error, "parallelism-on-leaf", "`parallelism` on a leaf template";
    /// A step, task or hook sets both `template` and `templateRef`.
    ///
    /// **Why it matters:** Argo refuses it: which one would run?
    ///
    /// **Example:** `{name: a, template: main, templateRef: {name: lib, template: main}}`.
    ///
    /// **How to fix:** keep one.
    TemplateAndTemplateRef = "B2A544", Error, "template-and-template-ref", "both `template` and `templateRef` are set";
    /// A `templateRef` lacks `name` (the WorkflowTemplate) or `template` (the template in it).
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** `templateRef: {name: lib}`.
    ///
    /// **How to fix:** add the missing field.
    TemplateRefIncomplete = "B2A545", Error, "template-ref-incomplete", "a `templateRef` lacks `name` or `template`";
    /// A `templateRef` is filled in at run time (`{{…}}`), so it could not be checked.
    ///
    /// **Why it matters:** a wrong reference shows up only when the workflow runs.
    ///
    /// **Example:** `templateRef: {name: "{{inputs.parameters.lib}}", template: main}`.
    ///
    /// **How to fix:** nothing, if that is intended.
    ParameterisedTemplateRef = "B2A546", Warning, "parameterised-template-ref", "a `templateRef` is filled in at run time";
    /// A `templateRef` names a (Cluster)WorkflowTemplate that is not among the files given, or a
    /// template that it does not define.
    ///
    /// **Why it matters:** the step fails when it is reached. References are resolved among the
    /// files given, as `argo lint --offline` does.
    ///
    /// **Example:** `templateRef: {name: lib, template: mian}`.
    ///
    /// **How to fix:** pass the file that defines it, or correct the names (and `clusterScope`).
    TemplateRefNotFound = "B2A547", Error, "template-ref-not-found", "a `templateRef` does not resolve";
    /// A template declares more than 500 input parameters, the limit of Argo v4's full CRDs.
    ///
    /// **Why it matters:** the API server refuses the object.
    ///
    /// **Example:** a generated template with one parameter per job of a big graph.
    ///
    /// **How to fix:** pass one JSON parameter and read it with `fromJSON`.
    TooManyInputs = "B2A548", Error, "too-many-inputs", "more than 500 input parameters";
    /// An artifact location is malformed: two locations at once, a git artifact without `repo`, an
    /// HDFS artifact without `path`, or a `mode` outside 0–511.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `{name: src, git: {revision: main}}`.
    ///
    /// **How to fix:** give exactly one complete location.
    ArtifactLocation = "B2A549", Error, "artifact-location", "an artifact location is malformed";
    /// A `{{…}}` variable does not resolve where it is used: an undeclared input, a workflow
    /// parameter that is not in `spec.arguments`, a step that does not exist or has not run yet,
    /// `item` outside a loop. Unlike `argo lint`, variables inside expression tags `{{= …}}` are
    /// checked too.
    ///
    /// **Why it matters:** Argo refuses the workflow (`failed to resolve {{…}}`), or, inside an
    /// expression, the step fails when it runs.
    ///
    /// **Example:** `args: ["{{inputs.parameters.mesage}}"]` when the input is `message`.
    ///
    /// **How to fix:** correct the name or declare what it refers to; the help says where.
    UnresolvedVariable = "B2A550", Error, "unresolved-variable", "a `{{…}}` variable does not resolve";
    /// Two volume mounts of a container share a `mountPath`, or a mount shares its path with an
    /// input artifact.
    ///
    /// **Why it matters:** Argo refuses the template (Kubernetes would refuse the pod).
    ///
    /// **Example:** two `volumeMounts` at `/data`.
    ///
    /// **How to fix:** mount them at different paths.
    MountPathCollision = "B2A551", Error, "mount-path-collision", "two mounts share a path";
    /// A container or script has no image, and no `templateDefaults` gives one.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `container: {command: [echo]}`.
    ///
    /// **How to fix:** set `image`.
    EmptyImage = "B2A552", Error, "empty-image", "a container has no image";
    /// A containerSet is malformed: no containers, a container without a name or with a repeated
    /// one, a dependency that names no container, a dependency cycle, or no container named `main`
    /// when the template has input artifacts or outputs.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `dependencies: [build]` with no container `build`.
    ///
    /// **How to fix:** follow the message.
    ContainerSet = "B2A553", Error, "container-set", "a containerSet is malformed";
    /// A sidecar, init container or containerSet container uses a name Argo reserves for its own
    /// containers (`wait`, `init`, `supervisor`, and names starting with `artifact-plugin-`).
    ///
    /// **Why it matters:** Argo refuses the template; the pod would have two containers of that name.
    ///
    /// **Example:** a sidecar named `wait`.
    ///
    /// **How to fix:** rename it.
    ReservedContainerName = "B2A554", Error, "reserved-container-name", "a container uses a name Argo reserves";
    /// A resource template's `action` is not get, create, apply, delete, replace or patch.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `action: update`.
    ///
    /// **How to fix:** use `apply` or `replace`.
    ResourceAction = "B2A555", Error, "resource-action", "an unknown resource `action`";
    /// A resource template's manifest is missing, given twice (`manifest` and `manifestFrom`), not
    /// valid YAML, or `manifestFrom` names an artifact the template does not take.
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `resource: {action: create}` with no manifest.
    ///
    /// **How to fix:** give exactly one of `manifest` and `manifestFrom`.
    ResourceManifest = "B2A556", Error, "resource-manifest", "a resource template's manifest is missing or invalid";
    /// A resource request or limit is not a Kubernetes quantity. `argo lint` does not see this in
    /// every case; the pod is then rejected when it is created.
    ///
    /// **Why it matters:** the workflow fails at run time.
    ///
    /// **Example:** `memory: 2 GB` or `cpu: 1.5 cores`.
    ///
    /// **How to fix:** write `2G` or `2Gi`, `1500m` or `1.5`.
    Quantity = "B2A557", Error, "quantity", "a resource quantity does not parse";
    /// A value is not one of those Argo v4's full CRDs allow: resource `mergeStrategy`, gauge
    /// `operation`, `artifactGC.strategy`.
    ///
    /// **Why it matters:** the API server refuses the object.
    ///
    /// **Example:** `mergeStrategy: replace`.
    ///
    /// **How to fix:** use a value the message lists.
    CrdEnum = "B2A558", Error, "crd-enum", "a value is not one the CRD allows";
    /// A step or task uses `onExit`, deprecated in favour of `hooks`.
    ///
    /// **Why it matters:** it still works, but may be removed in a later Argo version.
    ///
    /// **Example:** `{name: a, template: main, onExit: cleanup}`.
    ///
    /// **How to fix:** write `hooks: {exit: {template: cleanup}}`.
    DeprecatedField = "B2A559", Warning, "deprecated-field", "a step or task uses deprecated `onExit`";
    /// A step or task sets more than one of `withItems`, `withParam` and `withSequence`.
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** `withItems: [1, 2]` and `withParam: "{{inputs.parameters.list}}"` together.
    ///
    /// **How to fix:** keep one loop.
    LoopKinds = "B2A560", Error, "loop-kinds", "more than one loop kind on a step or task";
    /// `withSequence` sets both `count` and `end`.
    ///
    /// **Why it matters:** Argo refuses it: the sequence would be ambiguous.
    ///
    /// **Example:** `withSequence: {count: "5", end: "10"}`.
    ///
    /// **How to fix:** keep `count` (from `start`, default 0) or `end` (inclusive).
    SequenceCountAndEnd = "B2A561", Error, "sequence-count-and-end", "`withSequence` sets both `count` and `end`";
    /// A `withItems` element is null.
    ///
    /// **Why it matters:** Argo refuses it; elements must be strings, numbers, booleans, lists or
    /// maps.
    ///
    /// **Example:** `withItems: [a, ~, c]`, or an empty `-` line.
    ///
    /// **How to fix:** remove the empty element or quote it.
    WithItemsElement = "B2A562", Error, "with-items-element", "a `withItems` element is null";
    /// A DAG template has no tasks.
    ///
    /// **Why it matters:** Argo refuses it (the CRD requires 1–200 tasks).
    ///
    /// **Example:** `dag: {tasks: []}`.
    ///
    /// **How to fix:** add tasks, or remove the template.
    DagNoTasks = "B2A570", Error, "dag-no-tasks", "a DAG has no tasks";
    /// A DAG template has more than 200 tasks, the limit of Argo v4's full CRDs.
    ///
    /// **Why it matters:** the API server refuses the object.
    ///
    /// **Example:** a DAG with one task per job of a 500-job graph.
    ///
    /// **How to fix:** split the DAG into nested DAG templates (batch2argo does this for the graphs
    /// it converts) or into child workflows.
    TooManyTasks = "B2A571", Error, "too-many-tasks", "more than 200 tasks in one DAG";
    /// A task's `depends` or `dependencies` names a task that is not in the DAG. Every word in
    /// `depends` counts as a task name, so `a and b` names a task `and`.
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** `depends: "extract and transform"`.
    ///
    /// **How to fix:** correct the name; combine dependencies with `&&`, `||`, `!` and parentheses.
    UndefinedDependency = "B2A572", Error, "undefined-dependency", "a dependency names no task";
    /// The tasks of a DAG depend on each other in a cycle.
    ///
    /// **Why it matters:** Argo refuses the workflow: no task of the cycle could start.
    ///
    /// **Example:** `a` depends on `b` and `b` on `a`.
    ///
    /// **How to fix:** remove one dependency of the cycle the message shows.
    DependencyCycle = "B2A573", Error, "dependency-cycle", "DAG tasks depend on each other in a cycle";
    /// A task name starts with a digit in a DAG that uses `depends` (or on a task with
    /// `dependencies`).
    ///
    /// **Why it matters:** Argo refuses it: the name cannot be told from a number in the expression.
    ///
    /// **Example:** a task `1st-step` in a DAG with `depends`.
    ///
    /// **How to fix:** start the name with a letter (`step-1`).
    DigitTaskName = "B2A574", Error, "digit-task-name", "a task name starts with a digit";
    /// One DAG template uses both `depends` and `dependencies`.
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** task `b` with `dependencies: [a]` and task `c` with `depends: "b"`.
    ///
    /// **How to fix:** use `depends` throughout (`dependencies: [a, b]` is `depends: "a && b"`).
    DependsAndDependencies = "B2A575", Error, "depends-and-dependencies", "a DAG uses both `depends` and `dependencies`";
    /// A task sets `continueOn` in a DAG that uses `depends`.
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** `continueOn: {failed: true}` on a task of a DAG with `depends`.
    ///
    /// **How to fix:** let the dependents say what they accept: `depends: "a.Succeeded || a.Failed"`.
    ContinueOnWithDepends = "B2A576", Error, "continue-on-with-depends", "`continueOn` in a DAG that uses `depends`";
    /// A `depends` expression tests a result Argo does not know.
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** `depends: "a.Success"`.
    ///
    /// **How to fix:** use Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded or
    /// AllFailed.
    DependsResult = "B2A577", Error, "depends-result", "an unknown task result in `depends`";
    /// `depends` tests `.AnySucceeded` or `.AllFailed` of a task that does not loop.
    ///
    /// **Why it matters:** Argo refuses it: these results are about loop items.
    ///
    /// **Example:** `depends: "a.AnySucceeded"` where `a` has no `withItems`.
    ///
    /// **How to fix:** use `.Succeeded` or `.Failed`.
    ItemsCondition = "B2A578", Error, "items-condition", "an items condition on a task that does not loop";
    /// A DAG's `target` names a task that is not in it.
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** `target: "deploy"` with no task `deploy`.
    ///
    /// **How to fix:** correct the name.
    UndefinedTarget = "B2A579", Error, "undefined-target", "a DAG `target` names no task";
    /// A task uses the outputs or status of another task (`{{tasks.x.…}}`) that it does not
    /// depend on, directly or through others.
    ///
    /// **Why it matters:** Argo refuses it: `x` may not have run yet.
    ///
    /// **Example:** task `report` with `args: ["{{tasks.count.outputs.result}}"]` but no
    /// `depends` on `count`.
    ///
    /// **How to fix:** add `x` to the task's `depends`.
    NotAnAncestor = "B2A580", Error, "not-an-ancestor", "a task uses a task it does not depend on";
    /// A step or task passes a parameter without `value` or `valueFrom` (and so does a
    /// CronWorkflow's `spec.arguments`, which is checked as if submitted).
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** `arguments: {parameters: [{name: message}]}` on a step.
    ///
    /// **How to fix:** give it a `value`.
    ArgumentValue = "B2A590", Error, "argument-value", "an argument parameter has no value";
    /// An argument parameter's `valueFrom` uses something only outputs may use (`path`,
    /// `jsonPath`, `jqFilter`, `parameter`, `expression`).
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** `valueFrom: {path: /tmp/x}` in a step's arguments.
    ///
    /// **How to fix:** use `configMapKeyRef`, `supplied` or `default`, or pass a value.
    ArgumentValueFrom = "B2A591", Error, "argument-value-from", "an argument's `valueFrom` is not allowed there";
    /// A parameter's `enum` is empty, or its `value` is not one of the `enum` values.
    ///
    /// **Why it matters:** Argo refuses the workflow.
    ///
    /// **Example:** `{name: env, value: prod, enum: [dev, staging]}`.
    ///
    /// **How to fix:** add the value to the enum, or pick one of its values.
    Enum = "B2A592", Error, "enum", "a parameter's enum is empty or excludes its value";
    /// An argument artifact has neither `from`, a location nor `key`, or has both `from` and
    /// `fromExpression`.
    ///
    /// **Why it matters:** Argo refuses it: nothing says where the artifact comes from.
    ///
    /// **Example:** `arguments: {artifacts: [{name: data}]}`.
    ///
    /// **How to fix:** add `from: "{{steps.x.outputs.artifacts.y}}"` or a location.
    ArgumentArtifact = "B2A593", Error, "argument-artifact", "an argument artifact has no source";
    /// An output artifact lacks its `path` in a container or script template, or sets one in a
    /// steps or DAG template (which take `from`).
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `outputs: {artifacts: [{name: report}]}` on a container template.
    ///
    /// **How to fix:** add `path:` of the file in the container.
    OutputArtifactPath = "B2A594", Error, "output-artifact-path", "an output artifact's `path` is missing or misplaced";
    /// An output parameter has both `value` and `valueFrom` or neither, several `valueFrom`
    /// sources, or a source that its template type cannot use (containers need `path`, resources
    /// `jqFilter` or `jsonPath`, steps and DAGs `parameter` or `expression`).
    ///
    /// **Why it matters:** Argo refuses the template.
    ///
    /// **Example:** `valueFrom: {parameter: "{{steps.a.outputs.result}}"}` on a container template.
    ///
    /// **How to fix:** use the source the message names.
    OutputParameter = "B2A595", Error, "output-parameter", "an output parameter's source is missing or wrong";
    /// A `globalName` does not match `^[-a-zA-Z0-9_]+$`.
    ///
    /// **Why it matters:** Argo refuses it.
    ///
    /// **Example:** `globalName: build.version`.
    ///
    /// **How to fix:** use letters, digits, `_` and `-`.
    GlobalName = "B2A596", Error, "global-name", "a `globalName` is invalid";

    // ---------------------------------------------------------------- 6xx: CloudFormation and Terraform
    // B2A601–B2A619: CloudFormation (src/source/cloudformation/).
    // B2A620–B2A639: Terraform (src/source/terraform/).
    /// A value in a CloudFormation template is only known once the stack is deployed, so
    /// batch2argo cannot compute it: a `Ref` to a resource that is not AWS Batch (its physical id),
    /// a `Fn::GetAtt` of such a resource's runtime attribute, `Fn::ImportValue` of another stack's
    /// export, a parameter with no `Default` and no `--param`, an SSM parameter type, or a `Ref`
    /// that names nothing in the template. The property holding it is left out; nothing is
    /// guessed.
    ///
    /// **Example:** `JobRoleArn: !GetAtt JobRole.Arn` where `JobRole` is an `AWS::IAM::Role`, or
    /// `Subnets: [!ImportValue shared-vpc-PrivateSubnet]`.
    ///
    /// **How to fix:** give the value on the command line: `--param JobRole.Arn=arn:aws:iam::…`
    /// for an attribute, `--param LogicalId=value` for a `Ref`, `--param import:ExportName=value`
    /// for an import, `--param Name=value` for a template parameter.
    CfnUnresolved = "B2A601", Error, "cfn-unresolved", "a CloudFormation value cannot be resolved statically";
    /// A pseudo parameter (`AWS::Region`, `AWS::AccountId`, `AWS::StackName`) was used, or a
    /// generated name or ARN needed it, and no value was given: batch2argo assumed `us-east-1`,
    /// `123456789012` and the file name (letters, digits and `-`) respectively. `AWS::Partition`
    /// and `AWS::URLSuffix` follow from the region.
    ///
    /// **Why it matters:** names and ARNs built from them may differ from the deployed stack's.
    ///
    /// **Example:** `ComputeEnvironment: !Ref SpotCE` becomes
    /// `arn:aws:batch:us-east-1:123456789012:compute-environment/…`.
    ///
    /// **How to fix:** pass `--param AWS::Region=eu-west-1 --param AWS::AccountId=…
    /// --param AWS::StackName=…`.
    CfnAssumedPseudoParameter = "B2A602", Warning, "cfn-assumed-pseudo-parameter", "a pseudo parameter's value was assumed";
    /// A Batch resource has no name property (`JobDefinitionName`, `JobQueueName`,
    /// `ComputeEnvironmentName`, `Name`), so CloudFormation generates one at deploy time,
    /// `<stack>-<LogicalId>-<random suffix>`. batch2argo uses a deterministic suffix: the 64-bit
    /// FNV-1a hash of `<stack>/<LogicalId>` in 13 base-36 digits.
    ///
    /// **Why it matters:** the deployed name differs in its suffix; jobs submitted by that name
    /// elsewhere will not match the generated WorkflowTemplate name.
    ///
    /// **Example:** a `ProcessJob` job definition without `JobDefinitionName` in stack `etl`
    /// becomes `etl-ProcessJob-1K3…`.
    ///
    /// **How to fix:** give the resource a name property, which also makes the deployed name
    /// predictable.
    CfnGeneratedName = "B2A603", Info, "cfn-generated-name", "a resource without a name gets the name CloudFormation would generate";
    /// The template holds resources that are not AWS Batch job definitions, job queues, compute
    /// environments or scheduling policies (IAM roles, VPCs, Lambda functions…). They are
    /// ignored; one note per template lists their types.
    ///
    /// **Example:** an `AWS::IAM::Role` and an `AWS::EC2::Subnet` next to the Batch resources.
    ///
    /// **How to fix:** nothing; values they provide to Batch resources are reported as B2A601
    /// where needed.
    CfnIgnoredResources = "B2A604", Info, "cfn-ignored-resources", "resources that are not AWS Batch were ignored";
    /// The template declares a `Transform` (a macro such as `AWS::Serverless-2016-10-31`,
    /// `AWS::Include` or `AWS::LanguageExtensions`). CloudFormation runs it before creating
    /// anything; batch2argo does not, so the Batch resources are read as written.
    ///
    /// **Why it matters:** a transform can add, change or remove resources and intrinsic
    /// functions; what batch2argo reads may not be what CloudFormation deploys.
    ///
    /// **Example:** `Transform: AWS::Serverless-2016-10-31` at the top of a SAM template.
    ///
    /// **How to fix:** convert the processed template instead: `aws cloudformation
    /// get-template --template-stage Processed`, or `sam build` output.
    CfnTransform = "B2A605", Warning, "cfn-transform", "the template's Transform is not expanded";
    /// An intrinsic function has arguments of the wrong shape, so CloudFormation rejects the
    /// template.
    ///
    /// **Example:** `!Join [",", a, b]` (the values must be one list), `!Select [x, [a, b]]`,
    /// `!Select [5, [a, b]]` (index out of range), or `!If [Missing, a, b]` naming no condition.
    ///
    /// **How to fix:** write the arguments as the CloudFormation intrinsic function reference
    /// documents them.
    CfnMalformedIntrinsic = "B2A606", Error, "cfn-malformed-intrinsic", "an intrinsic function has the wrong arguments";
    /// An intrinsic function (or YAML tag) that batch2argo does not evaluate: `Fn::GetAZs`,
    /// `Fn::Cidr`, `Fn::Transform`, the `AWS::LanguageExtensions` functions, or an unknown
    /// `Fn::` name or `!` tag.
    ///
    /// **Example:** `Subnets: !GetAZs ''`.
    ///
    /// **How to fix:** write the value out, or take it from a parameter given with `--param`.
    CfnUnsupportedIntrinsic = "B2A607", Error, "cfn-unsupported-intrinsic", "an intrinsic function batch2argo does not evaluate";
    /// Intrinsic functions nest deeper than batch2argo follows (64 levels), a value grows beyond
    /// 1 MiB, or conditions or names refer to themselves in a cycle.
    ///
    /// **Example:** `Conditions: {A: !Condition B, B: !Condition A}`.
    ///
    /// **How to fix:** break the cycle; no real template needs such nesting.
    CfnIntrinsicDepth = "B2A608", Error, "cfn-intrinsic-depth", "intrinsic functions nest too deep or refer to themselves";
    /// A part of the template is not shaped as CloudFormation requires: `Resources` not an object,
    /// a resource without a string `Type`, `Properties` that are not an object, or a malformed
    /// `Parameters`, `Mappings` or `Conditions` entry.
    ///
    /// **Example:** `Resources: {Job: {Properties: {…}}}` (no `Type`).
    ///
    /// **How to fix:** correct the template (`cfn-lint` reports the same problems).
    CfnTemplateStructure = "B2A609", Error, "cfn-template-structure", "a template section or resource is malformed";
    /// A number written without quotes stands where AWS wants a string, and its text is not how
    /// CloudFormation writes that number back: CloudFormation passes numbers on as their
    /// canonical text, so `3.10` arrives as `3.1`, `0755` as `755` or `493`, `1e3` as `1000`.
    /// batch2argo keeps the text as written. Ordinary numbers (`Value: 4`) are silently read as
    /// strings, as CloudFormation does.
    ///
    /// **Why it matters:** the deployed value may differ from what you wrote and from the output.
    ///
    /// **Example:** `Environment: [{Name: PYTHON_VERSION, Value: 3.10}]`.
    ///
    /// **How to fix:** quote the value: `Value: "3.10"`.
    CfnNumberText = "B2A610", Warning, "cfn-number-text", "a number where a string belongs may be rewritten by CloudFormation";
    /// A property that only tells CloudFormation how to update or delete the resource
    /// (`ResourceRetentionPolicy`, `ReplaceComputeEnvironment`, `UpdatePolicy`,
    /// `UpdateToLatestImageVersion`) has no AWS Batch API field and no effect on the output.
    ///
    /// **Example:** `ReplaceComputeEnvironment: false` on a compute environment.
    ///
    /// **How to fix:** nothing.
    CfnOnlyProperty = "B2A611", Info, "cfn-only-property", "a CloudFormation-only property has no effect on the conversion";
    /// A property is spelt as in the AWS Batch API (camelCase). CloudFormation property names are
    /// PascalCase and case-sensitive, so CloudFormation rejects the template
    /// (`Encountered unsupported property image`). batch2argo reads it as the API field.
    ///
    /// **Example:** `ContainerProperties: {image: busybox}`.
    ///
    /// **How to fix:** capitalise the first letter: `Image`.
    CfnCamelCaseProperty = "B2A612", Error, "cfn-camel-case-property", "a property is spelt in API camelCase";
    /// A resource has a `Condition` that is false with the parameter values used, so
    /// CloudFormation would not create it and batch2argo skips it.
    ///
    /// **Example:** `Condition: IsProduction` with `Env` defaulting to `dev`.
    ///
    /// **How to fix:** nothing, or pass the parameter that makes the condition true
    /// (`--param Env=prod`).
    CfnConditionFalse = "B2A613", Info, "cfn-condition-false", "a resource is skipped because its Condition is false";
    /// A template parameter's value (its `Default` or a `--param`) is not allowed by its
    /// declaration: not one of `AllowedValues`, not a number for `Type: Number`, or an unknown
    /// parameter type. CloudFormation refuses to create the stack.
    ///
    /// **Example:** `Env: {Type: String, AllowedValues: [dev, prod], Default: test}`.
    ///
    /// **How to fix:** pass an allowed value with `--param`, or correct the declaration.
    CfnParameterValue = "B2A614", Error, "cfn-parameter-value", "a parameter value is not allowed by its declaration";
    /// A Terraform `.tf` file (or a `.tfvars` file given with `--var-file`) is not valid HCL, so
    /// nothing in it can be read.
    ///
    /// **Example:** a block that is never closed, `resource "aws_batch_job_queue" "q" {` at the end
    /// of the file, or `name = ` with no value.
    ///
    /// **How to fix:** correct the syntax at the position shown; `terraform fmt` and
    /// `terraform validate` report the same mistake.
    TerraformSyntax = "B2A620", Error, "terraform-syntax", "a Terraform file is not valid HCL";
    /// A value is only known when Terraform runs: a data source, an attribute that a non-Batch
    /// resource computes (an IAM role's `arn`), a function batch2argo does not evaluate, `count` or
    /// `for_each` over such a value, a generated name (`name_prefix`). batch2argo never guesses
    /// it, so the resource that uses it is not converted.
    ///
    /// **Example:** `execution_role_arn = aws_iam_role.exec.arn` inside `container_properties`, or
    /// `name = "jobs-${data.aws_caller_identity.current.account_id}"`.
    ///
    /// **How to fix:** pass the value as a variable (`--var role_arn=arn:aws:iam::…`), write it
    /// literally, or convert the output of `terraform show -json` (state or plan), where Terraform
    /// has resolved every value.
    TerraformUnknownValue = "B2A621", Error, "terraform-unknown-value", "a Terraform value is only known at apply time";
    /// An expression names a variable, local value or resource that the configuration does not
    /// declare, or a variable that has no value (no default, no `--var`, no `--var-file`).
    ///
    /// **Example:** `priority = var.queue_priority` with no `variable "queue_priority"` block in the
    /// folder, or `variable "image" {}` without a default and no `--var image=…`.
    ///
    /// **How to fix:** declare the name, give the variable a default, or pass its value with
    /// `--var NAME=VALUE` or `--var-file FILE.tfvars`.
    TerraformUndefined = "B2A622", Error, "terraform-undefined", "a Terraform expression names something undeclared or without a value";
    /// Local values refer to each other in a cycle, or expressions nest deeper than batch2argo
    /// evaluates.
    ///
    /// **Example:** `locals { a = local.b, b = local.a }`.
    ///
    /// **How to fix:** break the cycle; Terraform refuses it too.
    TerraformCycle = "B2A623", Error, "terraform-cycle", "Terraform local values refer to each other in a cycle";
    /// `container_properties`, `ecs_properties` or `node_properties` is not a valid JSON document
    /// (the provider takes them as JSON strings). The position shown is inside the heredoc or
    /// string of the `.tf` file.
    ///
    /// **Example:** a heredoc with a trailing comma, `"command": ["ls", "-la"],` before `}`, or
    /// `container_properties = "image: busybox"`.
    ///
    /// **How to fix:** correct the JSON, or write the value as `jsonencode({ … })`, which cannot be
    /// malformed.
    TerraformJsonString = "B2A624", Error, "terraform-json-string", "a Terraform JSON-string argument is not valid JSON";
    /// The configuration uses an argument that the Terraform AWS provider deprecates. It is read
    /// as the provider reads it.
    ///
    /// **Example:** `compute_environments = [aws_batch_compute_environment.a.arn]` on an
    /// `aws_batch_job_queue` (replaced by `compute_environment_order` blocks), or `image_id` in
    /// `compute_resources` (replaced by `ec2_configuration { image_id_override = … }`).
    ///
    /// **How to fix:** move to the replacement the message names.
    TerraformDeprecated = "B2A625", Warning, "terraform-deprecated", "a Terraform argument is deprecated by the AWS provider";
    /// An argument or block is not part of the Terraform AWS provider's schema for this resource
    /// type, so it was not read.
    ///
    /// **Example:** `retry_strategy { attempts = 3, evaluate_on_exit_code = "1" }`, or
    /// `instance_types` (the provider spells it `instance_type`) in `compute_resources`.
    ///
    /// **How to fix:** correct the spelling; `terraform validate` reports the same argument.
    TerraformUnknownArgument = "B2A626", Warning, "terraform-unknown-argument", "an argument is not part of the provider's schema for this resource";
    /// `file()` or `templatefile()` names a file that cannot be read: it does not exist, is not
    /// UTF-8, or lies outside the folder of the `.tf` file (batch2argo reads nothing outside the
    /// input's folder tree). Also reported for a `--var-file` that cannot be read.
    ///
    /// **Example:** `container_properties = file("../shared/container.json")`.
    ///
    /// **How to fix:** keep the file inside the module's folder, or fix its path.
    TerraformFile = "B2A627", Error, "terraform-file", "a file named by file() or templatefile() cannot be read";
    /// A Terraform file was read for its variables and locals only: it declares no
    /// `aws_batch_job_definition`, `aws_batch_job_queue`, `aws_batch_compute_environment` or
    /// `aws_batch_scheduling_policy` resource.
    ///
    /// **Example:** `variables.tf`, or `network.tf` holding only VPC resources, in a module folder.
    ///
    /// **How to fix:** nothing; pass only the Batch files to silence it.
    TerraformNoBatch = "B2A628", Info, "terraform-no-batch", "a Terraform file declares no AWS Batch resource";

    // ---------------------------------------------------------------- 9xx: output and internal
    /// A generated manifest does not pass the Argo Workflows JSON Schema (with unknown fields
    /// rejected). This is a bug in batch2argo: nothing was written.
    ///
    /// **Example:** no valid input should cause it; the message names the manifest and the place in
    /// it that fails the schema, such as a field Argo does not know under `/spec/templates/0`.
    ///
    /// **How to fix:** report it with the input.
    SchemaViolation = "B2A901", Error, "schema-violation", "a generated manifest fails the Argo JSON Schema (internal bug)";
    /// A generated manifest breaks an Argo rule that the schema does not check (a CRD limit, an
    /// undefined dependency, an unresolvable `{{…}}` tag, a name too long). This is a bug in
    /// batch2argo: nothing was written.
    ///
    /// **Example:** no valid input should cause it; a template with an empty `image`, or a DAG task
    /// depending on a task that does not exist, would.
    ///
    /// **How to fix:** report it with the input.
    ArgoRule = "B2A902", Error, "argo-rule", "a generated manifest breaks an Argo rule (internal bug)";
    /// A generated manifest does not read back identically through a YAML 1.1 reader. This is a bug
    /// in batch2argo: nothing was written.
    ///
    /// **Example:** no valid input should cause it; a string such as `yes` or `0777` written
    /// without quotes, which a YAML 1.1 reader reads as a boolean or a number, would.
    ///
    /// **How to fix:** report it with the input.
    YamlRoundTrip = "B2A903", Error, "yaml-round-trip", "a generated manifest does not read back as written (internal bug)";
    /// Two generated objects would have the same kind and name, or the same output path. This is a
    /// bug in batch2argo: nothing was written.
    ///
    /// **Example:** no valid input should cause it; two WorkflowTemplates both written to
    /// `workflowtemplates/etl.yaml` would.
    ///
    /// **How to fix:** report it with the input.
    OutputCollision = "B2A904", Error, "output-collision", "two generated objects collide (internal bug)";
}
