//! What each `--platform` and `--queueing` does with each job queue, compute environment and
//! scheduling policy field: the table `docs/platforms.md` is generated from. `src/tests/docs.rs`
//! keeps the page in step, and checks each cell against the snapshots of `fixtures/queues`: a
//! label or annotation a cell names must appear in that mode's output, a code must fire there.

/// One field and what each mode makes of it. `—` means nothing.
pub struct Row {
    /// `CreateJobQueue.priority`, `CreateComputeEnvironment.computeResources.type`…
    pub field: &'static str,
    /// generic, eks, ack-eci, ack-acs.
    pub platforms: [&'static str; 4],
    /// none, kueue, volcano, semaphore.
    pub queueing: [&'static str; 4],
}

pub const ROWS: &[Row] = &[
    Row {
        field: "CreateJobQueue.jobQueueName",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "`AWS_BATCH_JQ_NAME` only",
            "ClusterQueue and LocalQueue names; `kueue.x-k8s.io/queue-name` on every template",
            "Volcano Queue name; `scheduling.volcano.sh/queue-name` on every template",
            "key of ConfigMap `batch2argo-queue-limits`; `synchronization.semaphores` on every template",
        ],
    },
    Row {
        field: "CreateJobQueue.priority",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "Workflow `spec.priority` (B2A301, B2A309)",
            "Workflow `spec.priority` (B2A301); not the order of a cohort",
            "Workflow `spec.priority` and the Queue's `priority`",
            "Workflow `spec.priority` (B2A301)",
        ],
    },
    Row {
        field: "CreateJobQueue.state",
        platforms: ["B2A307 when a job uses a DISABLED queue"; 4],
        queueing: ["B2A307"; 4],
    },
    Row {
        field: "CreateJobQueue.computeEnvironmentOrder",
        platforms: [
            "required node affinity, one term per environment, preferred in order (B2A312)",
            "required node affinity, one term per environment, preferred in order (B2A312)",
            "Spot first then On-Demand → `k8s.aliyun.com/eci-spot-fallback`",
            "the first environment decides `alibabacloud.com/compute-qos` (B2A302 without fallback)",
        ],
        queueing: [
            "—",
            "ClusterQueue flavors in the same order; environments shared by queues → Cohort holding their quota",
            "capability summed over the environments",
            "limit summed over the environments",
        ],
    },
    Row {
        field: "CreateJobQueue.schedulingPolicyArn",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "B2A303",
            "ClusterQueue `admissionScope` UsageBasedAdmissionFairSharing (B2A319)",
            "B2A303",
            "B2A303",
        ],
    },
    Row {
        field: "CreateJobQueue.jobStateTimeLimitActions",
        platforms: ["B2A316"; 4],
        queueing: ["B2A316"; 4],
    },
    Row {
        field: "CreateComputeEnvironment.computeResources.type",
        platforms: [
            "SPOT has no standard label (B2A302)",
            "`karpenter.sh/capacity-type` spot / on-demand; FARGATE as nodes (B2A326)",
            "SPOT → `k8s.aliyun.com/eci-spot-strategy` SpotAsPriceGo",
            "SPOT → `alibabacloud.com/compute-qos` best-effort",
        ],
        queueing: [
            "—",
            "ResourceFlavor `nodeLabels` (the platform's labels)",
            "—",
            "—",
        ],
    },
    Row {
        field: "CreateComputeEnvironment.computeResources.instanceTypes",
        platforms: [
            "`kubernetes.io/arch`; `node.kubernetes.io/instance-type` for exact types; families (B2A302)",
            "`node.kubernetes.io/instance-type`, `karpenter.k8s.aws/instance-family`, `karpenter.k8s.aws/instance-category` for optimal, `kubernetes.io/arch`",
            "GPU models → `k8s.aliyun.com/eci-use-specs`; others sized by requests (B2A302)",
            "`alibabacloud.com/compute-class` (gpu, performance for C families), `alibabacloud.com/gpu-model-series`",
        ],
        queueing: [
            "B2A322 when the architecture contradicts runtimePlatform",
            "ResourceFlavor `nodeLabels`; memory quota per vCPU of the family (B2A320)",
            "memory capability per vCPU of the family",
            "—",
        ],
    },
    Row {
        field: "CreateComputeEnvironment.computeResources.maxvCpus",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "—",
            "cpu `nominalQuota`; memory and GPU assumed or from the config file (B2A320)",
            "Queue `capability` cpu",
            "limit = maxvCpus / largest job vCPUs (B2A321)",
        ],
    },
    Row {
        field: "CreateComputeEnvironment.computeResources.bidPercentage",
        platforms: ["B2A314"; 4],
        queueing: ["—", "—", "—", "—"],
    },
    Row {
        field: "CreateComputeEnvironment.state",
        platforms: ["DISABLED environments are skipped (B2A308)"; 4],
        queueing: ["DISABLED environments get no flavor or quota (B2A308)"; 4],
    },
    Row {
        field: "CreateComputeEnvironment.eksConfiguration.kubernetesNamespace",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "—",
            "namespace of the LocalQueues unless the config file names one",
            "—",
            "namespace of the ConfigMap unless the config file names one",
        ],
    },
    Row {
        field: "CreateSchedulingPolicy.fairsharePolicy.shareDistribution",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "B2A303",
            "a LocalQueue per share identifier, `fairSharing.weight` = 1 / weightFactor (B2A319)",
            "B2A303",
            "B2A303",
        ],
    },
    Row {
        field: "CreateSchedulingPolicy.fairsharePolicy.shareDecaySeconds",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "B2A303",
            "Kueue configuration `admissionFairSharing.usageHalfLifeTime`, set by hand (B2A319)",
            "B2A303",
            "B2A303",
        ],
    },
    Row {
        field: "CreateSchedulingPolicy.fairsharePolicy.computeReservation",
        platforms: ["—", "—", "—", "—"],
        queueing: ["B2A303", "no equivalent (B2A319)", "B2A303", "B2A303"],
    },
    Row {
        field: "SubmitJob.shareIdentifier",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "annotation `batch2argo.io/job-scheduling`",
            "the share's LocalQueue in `kueue.x-k8s.io/queue-name`",
            "annotation `batch2argo.io/job-scheduling`",
            "annotation `batch2argo.io/job-scheduling`",
        ],
    },
    Row {
        field: "RegisterJobDefinition.schedulingPriority, SubmitJob.schedulingPriorityOverride",
        platforms: ["—", "—", "—", "—"],
        queueing: [
            "annotation",
            "WorkloadPriorityClass in `kueue.x-k8s.io/priority-class` (B2A324)",
            "annotation",
            "annotation",
        ],
    },
    Row {
        field: "RegisterJobDefinition.containerProperties.jobRoleArn",
        platforms: [
            "`serviceAccountName`",
            "`serviceAccountName` and a ServiceAccount with `eks.amazonaws.com/role-arn` (B2A323)",
            "`serviceAccountName`",
            "`serviceAccountName`",
        ],
        queueing: ["—", "—", "—", "—"],
    },
    Row {
        field: "RegisterJobDefinition.containerProperties.volumes[].efsVolumeConfiguration",
        platforms: [
            "claim named in B2A147",
            "PersistentVolume on `efs.csi.aws.com` and its claim (B2A323)",
            "claim named in B2A147",
            "claim named in B2A147",
        ],
        queueing: ["—", "—", "—", "—"],
    },
    Row {
        field: "RegisterJobDefinition.containerProperties.ephemeralStorage",
        platforms: [
            "ephemeral-storage request",
            "ephemeral-storage request",
            "and `k8s.aliyun.com/eci-extra-ephemeral-storage` above the free 30 GiB",
            "and `alibabacloud.com/extra-ephemeral-storage` above the free 30 GiB",
        ],
        queueing: ["—", "—", "—", "—"],
    },
];

/// `docs/platforms.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Platforms and queueing\n\n\
         Generated from `src/lower/platforms.rs` (`UPDATE_DOCS=1 cargo test docs`); a test checks \
         each label and code named here against the output for `fixtures/queues/`.\n\n\
         `convert --platform generic|eks|ack-eci|ack-acs` decides how a job queue's compute \
         environments become node placement of the templates its jobs run; `--queueing \
         none|kueue|volcano|semaphore` decides what orders and limits the queue's jobs, and which \
         objects are written beside the Workflows (their own files under `-o`, listed in \
         `kustomization.yaml`). Both can be set in `.batch2argo.yaml` (`platform:`, `queueing:`, \
         `namespace:`, and the `queues:` and `compute-environments:` tables).\n\n\
         Defaults: `generic` and `none`. Without queue or compute environment files nothing \
         changes; a job whose queue is not among the inputs is an error (B2A310) when either \
         option is not the default, a warning (B2A304) otherwise. A job definition whose jobs run \
         on queues of different placement gets one template pair per queue in its \
         WorkflowTemplate (B2A327).\n\n\
         Kueue objects are `kueue.x-k8s.io/v1beta2`; Volcano's `scheduling.volcano.sh/v1beta1`. \
         Fair share: Batch gives a lower `weightFactor` a larger share, Kueue a higher weight, so \
         the LocalQueue weight is `1 / weightFactor` (in milli-units, at least `1m`).\n\n\
         ## Placement (`--platform`)\n\n\
         | field | generic | eks | ack-eci | ack-acs |\n|---|---|---|---|---|\n",
    );
    for r in ROWS {
        if r.platforms.iter().all(|c| *c == "—") {
            continue;
        }
        out.push_str(&format!(
            "| `{}` | {} |\n",
            r.field,
            r.platforms.join(" | ")
        ));
    }
    out.push_str(
        "\n## Queueing (`--queueing`)\n\n| field | none | kueue | volcano | semaphore |\n|---|---|---|---|---|\n",
    );
    for r in ROWS {
        if r.queueing.iter().all(|c| *c == "—") {
            continue;
        }
        out.push_str(&format!("| `{}` | {} |\n", r.field, r.queueing.join(" | ")));
    }
    out
}
