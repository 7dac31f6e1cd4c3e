//! Job queues, compute environments and scheduling policies under each `--platform` and
//! `--queueing`: every case of `fixtures/queues/` converted under every combination that
//! applies, snapshotted (`snapshots/queues/<case>@<platform>+<queueing>.snap`).

use std::path::PathBuf;

use serde_json::Value;

use super::fixtures::{case_name, cases};
use super::{render_case, root, settings};
use crate::emit::Format;
use crate::lower::{Options, Platform, Queueing};

/// Placement on every platform without queueing, and every queueing system on the platforms
/// where it is used (Kueue flavors differ by platform; Volcano and semaphores do not).
const COMBINATIONS: &[(Platform, Queueing)] = &[
    (Platform::Generic, Queueing::None),
    (Platform::Eks, Queueing::None),
    (Platform::AckEci, Queueing::None),
    (Platform::AckAcs, Queueing::None),
    (Platform::Generic, Queueing::Kueue),
    (Platform::Eks, Queueing::Kueue),
    (Platform::AckAcs, Queueing::Kueue),
    (Platform::Generic, Queueing::Volcano),
    (Platform::Generic, Queueing::Semaphore),
];

fn options(platform: Platform, queueing: Queueing) -> Options {
    Options {
        platform,
        queueing,
        namespace: "batch".into(),
        ..Options::default()
    }
}

fn snapshot_name(case: &str, platform: Platform, queueing: Queueing) -> String {
    format!("{case}@{}+{}", platform.as_str(), queueing.as_str())
}

#[test]
fn queue_cases() {
    let cases = cases("queues");
    assert!(cases.len() >= 7, "fixtures/queues lost cases");
    let s = settings("queues");
    for case in cases {
        let name = case_name(&case);
        for &(platform, queueing) in COMBINATIONS {
            let (text, _) = render_case(&[super::relative(&case)], &options(platform, queueing));
            let mut s = s.clone();
            s.set_input_file(&case);
            s.bind(|| insta::assert_snapshot!(snapshot_name(&name, platform, queueing), text));
        }
    }
}

#[test]
fn no_orphan_queue_snapshots() {
    let mut expected: Vec<String> = Vec::new();
    for case in cases("queues") {
        for &(p, q) in COMBINATIONS {
            expected.push(format!("{}.snap", snapshot_name(&case_name(&case), p, q)));
        }
    }
    let dir = root().join("snapshots").join("queues");
    let orphans: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| !expected.contains(f))
        .collect();
    assert!(orphans.is_empty(), "snapshots without a case: {orphans:?}");
}

/// The objects of one conversion, as JSON.
fn objects(case: &str, platform: Platform, queueing: Queueing) -> Vec<Value> {
    let path = PathBuf::from("fixtures/queues").join(case);
    let result =
        crate::convert(&[path], &options(platform, queueing), Format::Json).expect("readable");
    assert!(!result.has_errors(), "{case}: {:?}", result.diagnostics);
    result
        .documents
        .iter()
        .map(|d| serde_json::from_str(&d.text).expect("JSON"))
        .collect()
}

/// Batch gives the share with the lowest weight factor the most compute; Kueue gives the
/// LocalQueue with the highest weight the most admissions. The emitted weights order the three
/// share identifiers of the fixture as Batch does: etl (0.25), reports (1), adhoc-alice (4).
#[test]
fn fair_share_weights_keep_the_batch_order() {
    let objects = objects("fair-share", Platform::Generic, Queueing::Kueue);
    let mut weights: Vec<(String, f64)> = objects
        .iter()
        .filter(|o| o["kind"] == "LocalQueue")
        .filter_map(|o| {
            let w = o.pointer("/spec/fairSharing/weight")?.as_str()?;
            Some((
                o["metadata"]["name"].as_str()?.to_string(),
                crate::lower::queueing::fairshare::weight_value(w),
            ))
        })
        .collect();
    weights.sort_by(|a, b| b.1.total_cmp(&a.1));
    let names: Vec<&str> = weights.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["research-etl", "research-reports", "research-adhoc-alice"]
    );
    // The pods of each job name their share's LocalQueue.
    let wf = objects
        .iter()
        .find(|o| o["kind"] == "Workflow")
        .expect("a Workflow");
    let text = wf.to_string();
    for lq in names {
        assert!(text.contains(lq), "no template is labelled for {lq}");
    }
}

/// Two queues sharing an environment draw from one pool: the cohort holds its quota and the
/// ClusterQueues hold none of it.
#[test]
fn shared_environments_share_one_quota() {
    let objects = objects("shared-environment", Platform::Eks, Queueing::Kueue);
    let cohorts: Vec<&Value> = objects.iter().filter(|o| o["kind"] == "Cohort").collect();
    assert_eq!(cohorts.len(), 1);
    let cqs: Vec<&Value> = objects
        .iter()
        .filter(|o| o["kind"] == "ClusterQueue")
        .collect();
    assert_eq!(cqs.len(), 2);
    for cq in cqs {
        assert_eq!(cq["spec"]["cohortName"], cohorts[0]["metadata"]["name"]);
        let shared = cq["spec"]["resourceGroups"][0]["flavors"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == "shared-ce"))
            .expect("the shared flavor");
        assert!(shared["resources"]
            .as_array()
            .is_some_and(|r| r.iter().all(|q| q["nominalQuota"] == "0")));
    }
}

/// Extreme and hostile values in queues, environments and policies: no panic, no bug in our own
/// output (B2A9xx), under every platform and queueing system.
#[test]
fn hostile_queue_values_convert_cleanly() {
    let dir = std::env::temp_dir().join(format!("b2a-hostile-queues-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files = [
        (
            "def.json",
            r#"{"jobDefinitionName": "Job_Def", "type": "container", "schedulingPriority": 9999,
                "containerProperties": {"image": "busybox", "command": ["true"],
                "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "512"},
                                         {"type": "GPU", "value": "3"}], "ephemeralStorage": {"sizeInGiB": 200}}}"#,
        ),
        (
            "ce.json",
            r#"{"computeEnvironments": [
                {"computeEnvironmentName": "Huge_CE", "type": "MANAGED", "computeResources": {"type": "SPOT",
                 "maxvCpus": 9223372036854775807, "bidPercentage": -5, "instanceTypes": ["p4d.24xlarge", "weird", "A.B.C"]}},
                {"computeEnvironmentName": "huge-ce", "type": "MANAGED", "computeResources": {"type": "FARGATE",
                 "maxvCpus": 9223372036854775807}},
                {"computeEnvironmentName": "none", "type": "UNMANAGED"}]}"#,
        ),
        (
            "policy.json",
            r#"{"name": "P", "fairsharePolicy": {"shareDecaySeconds": -1, "computeReservation": 500,
                "shareDistribution": [{"shareIdentifier": "*", "weightFactor": 1e400},
                                      {"shareIdentifier": "Ünïcode ✓", "weightFactor": 0}]}}"#,
        ),
        (
            "queue.json",
            r#"{"jobQueues": [{"jobQueueName": "Q_1", "priority": -2147483648, "schedulingPolicyArn": "P",
                "computeEnvironmentOrder": [{"order": 2, "computeEnvironment": "Huge_CE"},
                                            {"order": 1, "computeEnvironment": "huge-ce"},
                                            {"order": 3, "computeEnvironment": "none"}]}]}"#,
        ),
        (
            "jobs.json",
            r#"[{"jobName": "A", "jobQueue": "Q_1", "jobDefinition": "Job_Def", "shareIdentifier": "Ünïcode ✓",
                 "schedulingPriorityOverride": -7, "arrayProperties": {"size": 3}},
                {"jobName": "b", "jobQueue": "Q_1", "jobDefinition": "Job_Def", "shareIdentifier": "x/y",
                 "dependsOn": [{"jobId": "A"}]}]"#,
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    for platform in Platform::ALL {
        for queueing in Queueing::ALL {
            let result = crate::convert(
                std::slice::from_ref(&dir),
                &options(platform, queueing),
                Format::Yaml,
            )
            .expect("readable");
            assert!(
                !result.has_internal_errors(),
                "{} + {}: {:#?}",
                platform.as_str(),
                queueing.as_str(),
                result
                    .diagnostics
                    .iter()
                    .filter(|d| d.code.as_str().starts_with("B2A9"))
                    .collect::<Vec<_>>()
            );
            assert!(
                !result.documents.is_empty(),
                "{} + {}: nothing written: {:#?}",
                platform.as_str(),
                queueing.as_str(),
                result.diagnostics
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
