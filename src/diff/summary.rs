//! The semantic summary of a diff, per Workflow and in words: jobs added and removed,
//! dependency edges added and removed, and for each job kept its image, retries, timeout and
//! resources when they changed. A job is a DAG task whose template runs a container, found in
//! the Workflow or, through `templateRef`, in a WorkflowTemplate of the same side.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::Side;

#[derive(Clone, Debug, Default, Serialize)]
pub struct WorkflowSummary {
    pub name: String,
    pub jobs_added: Vec<String>,
    pub jobs_removed: Vec<String>,
    /// `[old, new]`: a job that only changed its name.
    pub jobs_renamed: Vec<[String; 2]>,
    /// `[before, after]`: `after` waits for `before`.
    pub edges_added: Vec<[String; 2]>,
    pub edges_removed: Vec<[String; 2]>,
    /// Changes of kept jobs, in words.
    pub changes: Vec<String>,
}

/// What a job does, as far as the summary tells.
#[derive(Clone, Debug, Default, PartialEq)]
struct Job {
    depends: BTreeSet<String>,
    image: String,
    retries: String,
    timeout: String,
    resources: String,
}

/// Task names a `depends` expression names (`a.Succeeded && (b || c.AnySucceeded)`).
fn depends_on(expr: &str) -> BTreeSet<String> {
    expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| w.split('.').next().unwrap_or(w).to_string())
        .collect()
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The jobs of one Workflow of a side.
fn jobs(side: &Side, workflow: &Value) -> BTreeMap<String, Job> {
    let empty = Vec::new();
    let local = workflow["spec"]["templates"].as_array().unwrap_or(&empty);
    let template = |task: &Value| -> Option<Value> {
        if let Some(r) = task.get("templateRef") {
            let wft = side.objects.get(&(
                "WorkflowTemplate".to_string(),
                r["name"].as_str()?.to_string(),
            ))?;
            return wft["spec"]["templates"]
                .as_array()?
                .iter()
                .find(|t| t["name"] == r["template"])
                .cloned();
        }
        let name = task["template"].as_str()?;
        local.iter().find(|t| t["name"] == name).cloned()
    };
    let mut out = BTreeMap::new();
    for t in local {
        for task in t["dag"]["tasks"].as_array().unwrap_or(&empty) {
            let Some(target) = template(task) else {
                continue;
            };
            let container = &target["container"];
            if container.is_null() && target["containerSet"].is_null() {
                continue;
            }
            let name = task["name"].as_str().unwrap_or("").to_string();
            out.insert(
                name,
                Job {
                    depends: task["depends"].as_str().map(depends_on).unwrap_or_default(),
                    image: text(&container["image"]),
                    retries: text(&target["retryStrategy"]["limit"]),
                    timeout: text(&target["activeDeadlineSeconds"]),
                    resources: text(&container["resources"]),
                },
            );
        }
    }
    out
}

/// One summary per Workflow that changed, in name order.
pub fn summarise(base: &Side, head: &Side) -> Vec<WorkflowSummary> {
    let workflows = |s: &Side| -> BTreeMap<String, BTreeMap<String, Job>> {
        s.objects
            .iter()
            .filter(|((kind, _), _)| kind == "Workflow")
            .map(|((_, name), v)| (name.clone(), jobs(s, v)))
            .collect()
    };
    let (before, after) = (workflows(base), workflows(head));
    let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let empty = BTreeMap::new();
    let mut out = Vec::new();
    for name in names {
        let (b, a) = (
            before.get(name).unwrap_or(&empty),
            after.get(name).unwrap_or(&empty),
        );
        let mut s = WorkflowSummary {
            name: name.clone(),
            ..WorkflowSummary::default()
        };
        s.jobs_added = a.keys().filter(|k| !b.contains_key(*k)).cloned().collect();
        s.jobs_removed = b.keys().filter(|k| !a.contains_key(*k)).cloned().collect();
        // A removed job and an added one that do the same are one job renamed.
        let mut renamed: BTreeMap<String, String> = BTreeMap::new();
        for old in s.jobs_removed.clone() {
            let same = s
                .jobs_added
                .iter()
                .position(|new| b.get(&old) == a.get(new));
            if let Some(i) = same {
                let new = s.jobs_added.remove(i);
                s.jobs_removed.retain(|r| *r != old);
                s.jobs_renamed.push([old.clone(), new.clone()]);
                renamed.insert(old, new);
            }
        }
        let edges = |jobs: &BTreeMap<String, Job>, map: &BTreeMap<String, String>| {
            let name = |n: &String| map.get(n).cloned().unwrap_or_else(|| n.clone());
            jobs.iter()
                .flat_map(|(j, job)| job.depends.iter().map(move |d| [name(d), name(j)]))
                .collect::<BTreeSet<[String; 2]>>()
        };
        let (eb, ea) = (edges(b, &renamed), edges(a, &BTreeMap::new()));
        s.edges_added = ea.difference(&eb).cloned().collect();
        s.edges_removed = eb.difference(&ea).cloned().collect();
        for (j, new) in a {
            let Some(old) = b.get(j) else { continue };
            let mut say = |what: &str, o: &str, n: &str| {
                if o != n {
                    s.changes.push(format!("job `{j}`: {what} {o} → {n}"));
                }
            };
            say("image", &old.image, &new.image);
            say("retries (retryStrategy.limit)", &old.retries, &new.retries);
            say("timeout per attempt (s)", &old.timeout, &new.timeout);
            say("resources", &old.resources, &new.resources);
        }
        let changed = !(s.jobs_added.is_empty()
            && s.jobs_removed.is_empty()
            && s.jobs_renamed.is_empty()
            && s.edges_added.is_empty()
            && s.edges_removed.is_empty()
            && s.changes.is_empty());
        if changed {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depends_expressions_name_their_tasks() {
        let got: Vec<String> = depends_on("a.Succeeded && (b-2 || c_x.AnySucceeded)")
            .into_iter()
            .collect();
        assert_eq!(got, ["a", "b-2", "c_x"]);
    }
}
