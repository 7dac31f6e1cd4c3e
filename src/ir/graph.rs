//! The job DAG of one job graph (petgraph), with the checks Batch applies to `dependsOn`.
//!
//! Edges point from a dependency to its dependent. Cycles are reported with the path through the
//! graph; all algorithms used are iterative, so a 10,000-job chain is no risk to the stack.

use std::collections::HashMap;

use petgraph::algo::{kosaraju_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::submit::{DependencyType, JobGraph};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Most dependencies a job may have on Batch.
pub const MAX_DEPENDENCIES: usize = 20;
/// Array sizes Batch accepts.
pub const ARRAY_SIZES: std::ops::RangeInclusive<i64> = 2..=10_000;

/// A checked job DAG: node weights are indices into [`JobGraph::jobs`].
#[derive(Debug)]
pub struct JobDag {
    pub graph: DiGraph<usize, DependencyType>,
    /// Node of each job, by job index.
    pub nodes: Vec<NodeIndex>,
    /// Jobs in a topological order (dependencies first; ties in input order).
    pub order: Vec<usize>,
    /// Jobs whose children run one at a time (`SEQUENTIAL`).
    pub sequential: Vec<bool>,
}

impl JobDag {
    /// Job indices this job depends on, with the dependency type, in input order.
    pub fn dependencies(&self, job: usize) -> Vec<(usize, DependencyType)> {
        let mut deps: Vec<(usize, DependencyType)> = self
            .graph
            .edges_directed(self.nodes[job], petgraph::Direction::Incoming)
            .map(|e| (self.graph[e.source()], *e.weight()))
            .collect();
        deps.sort_by_key(|d| d.0);
        deps.dedup();
        deps
    }
}

/// The array size of a job, if it is an array job with a valid size.
pub fn array_size(graph: &JobGraph, job: usize) -> Option<i64> {
    graph.jobs[job]
        .array_size
        .as_ref()
        .map(|s| s.value)
        .filter(|s| ARRAY_SIZES.contains(s))
}

/// Builds and checks the DAG. Returns `None` when an error makes the graph unusable.
pub fn build(graph: &JobGraph, diags: &mut Diagnostics) -> Option<JobDag> {
    let mut ok = true;
    let mut dag = DiGraph::<usize, DependencyType>::new();
    let nodes: Vec<NodeIndex> = (0..graph.jobs.len()).map(|i| dag.add_node(i)).collect();

    // Name (or id) → job index; duplicates are errors.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, job) in graph.jobs.iter().enumerate() {
        let key = if graph.by_id {
            job.id.as_ref().map(|id| id.value.as_str())
        } else {
            Some(job.name.value.as_str())
        };
        let Some(key) = key else { continue };
        if let Some(&first) = index.get(key) {
            let first = &graph.jobs[first];
            diags.push(
                Diagnostic::new(
                    Code::DuplicateJob,
                    format!(
                        "a second job is named `{key}` in this graph, so dependencies on it are ambiguous"
                    ),
                )
                .at(&job.name.origin)
                .with_help(format!("the first one is at {}", first.name.origin.pointer)),
            );
            ok = false;
        } else {
            index.insert(key, i);
        }
    }

    for job in &graph.jobs {
        if let Some(size) = &job.array_size {
            if !ARRAY_SIZES.contains(&size.value) {
                diags.report(
                    Code::ArraySize,
                    &size.origin,
                    format!(
                        "array size {} is outside 2–10,000 (AWS rejects it)",
                        size.value
                    ),
                );
                ok = false;
            } else if size.value > 1_000 {
                diags.report(
                    Code::LargeArray,
                    &size.origin,
                    format!(
                        "{} children become {} nodes in the workflow status; enable node status offloading or compression in the Argo controller",
                        size.value, size.value
                    ),
                );
            }
        }
        if job.depends_on.len() > MAX_DEPENDENCIES {
            let origin = &job.depends_on[MAX_DEPENDENCIES].origin;
            diags.report(
                Code::TooManyDependencies,
                origin,
                format!(
                    "job `{}` has {} dependencies; AWS Batch allows at most {MAX_DEPENDENCIES}",
                    job.name.value,
                    job.depends_on.len()
                ),
            );
            ok = false;
        }
    }

    let mut sequential = vec![false; graph.jobs.len()];
    for (i, job) in graph.jobs.iter().enumerate() {
        for dep in &job.depends_on {
            if dep.kind == DependencyType::Sequential {
                if dep.job_id.is_some() {
                    diags.report(
                        Code::Sequential,
                        &dep.origin,
                        "a SEQUENTIAL dependency must not name a job: it orders the children of this array",
                    );
                    ok = false;
                } else if array_size(graph, i).is_none() {
                    diags.report(
                        Code::Sequential,
                        &dep.origin,
                        format!(
                            "job `{}` is not an array job, so a SEQUENTIAL dependency has no children to order",
                            job.name.value
                        ),
                    );
                    ok = false;
                } else {
                    sequential[i] = true;
                }
                continue;
            }
            let Some(target) = &dep.job_id else {
                diags.report(
                    Code::MissingField,
                    &dep.origin,
                    "this dependency has no `jobId`",
                );
                ok = false;
                continue;
            };
            let Some(&j) = index.get(target.value.as_str()) else {
                let what = if graph.by_id { "job id" } else { "job name" };
                diags.push(
                    Diagnostic::new(
                        Code::UnknownJob,
                        format!(
                            "no job with the {what} `{}` in this graph (dependency of `{}`)",
                            target.value, job.name.value
                        ),
                    )
                    .at(&target.origin)
                    .with_help(
                        "in a job graph file, `dependsOn[].jobId` names another job of the same file by its `jobName`",
                    ),
                );
                ok = false;
                continue;
            };
            if j == i {
                diags.report(
                    Code::SelfDependency,
                    &target.origin,
                    format!("job `{}` depends on itself", job.name.value),
                );
                ok = false;
                continue;
            }
            if dep.kind == DependencyType::NToN {
                let (mine, theirs) = (array_size(graph, i), array_size(graph, j));
                match (mine, theirs) {
                    (Some(a), Some(b)) if a == b => {}
                    (Some(a), Some(b)) => {
                        diags.report(
                            Code::NToN,
                            &dep.origin,
                            format!(
                                "N_TO_N between arrays of different sizes: `{}` has {a} children, `{}` has {b}",
                                job.name.value, graph.jobs[j].name.value
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    _ => {
                        let not_array = if mine.is_none() {
                            &job.name.value
                        } else {
                            &graph.jobs[j].name.value
                        };
                        diags.report(
                            Code::NToN,
                            &dep.origin,
                            format!(
                                "N_TO_N needs two array jobs, but `{not_array}` is not an array job"
                            ),
                        );
                        ok = false;
                        continue;
                    }
                }
            }
            dag.add_edge(nodes[j], nodes[i], dep.kind);
        }
    }

    let order = match toposort(&dag, None) {
        Ok(order) => order.into_iter().map(|n| dag[n]).collect::<Vec<_>>(),
        Err(_) => {
            report_cycles(graph, &dag, diags);
            return None;
        }
    };
    if !ok {
        return None;
    }
    // Stable order: Kahn's algorithm with a min-heap on job index, so output follows the input.
    let order = stable_topological_order(&dag, &nodes).unwrap_or(order);
    Some(JobDag {
        graph: dag,
        nodes,
        order,
        sequential,
    })
}

fn stable_topological_order(
    dag: &DiGraph<usize, DependencyType>,
    nodes: &[NodeIndex],
) -> Option<Vec<usize>> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut indegree: Vec<usize> = nodes
        .iter()
        .map(|&n| {
            dag.neighbors_directed(n, petgraph::Direction::Incoming)
                .count()
        })
        .collect();
    let mut ready: BinaryHeap<Reverse<usize>> = indegree
        .iter()
        .enumerate()
        .filter(|(_, d)| **d == 0)
        .map(|(i, _)| Reverse(i))
        .collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(Reverse(i)) = ready.pop() {
        order.push(i);
        for next in dag.neighbors_directed(nodes[i], petgraph::Direction::Outgoing) {
            let j = dag[next];
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.push(Reverse(j));
            }
        }
    }
    (order.len() == nodes.len()).then_some(order)
}

/// One diagnostic per cycle (strongly connected component), naming the path.
fn report_cycles(graph: &JobGraph, dag: &DiGraph<usize, DependencyType>, diags: &mut Diagnostics) {
    let mut components: Vec<Vec<NodeIndex>> = kosaraju_scc(dag)
        .into_iter()
        .filter(|c| c.len() > 1)
        .collect();
    for c in &mut components {
        c.sort_by_key(|n| dag[*n]);
    }
    components.sort_by_key(|c| dag[c[0]]);
    for component in components {
        let path = cycle_path(dag, &component);
        let names: Vec<&str> = path
            .iter()
            .map(|n| graph.jobs[dag[*n]].name.value.as_str())
            .collect();
        let first = &graph.jobs[dag[component[0]]];
        let shown = if names.len() > 12 {
            format!(
                "{} → … ({} jobs) … → {}",
                names[..6].join(" → "),
                names.len() - 1,
                names[names.len() - 6..].join(" → ")
            )
        } else {
            names.join(" → ")
        };
        diags.push(
            Diagnostic::new(
                Code::Cycle,
                format!("the dependencies form a cycle: {shown}"),
            )
            .at(&first.name.origin)
            .with_help("each arrow reads \"is needed by\"; remove one dependency of the cycle"),
        );
    }
}

/// A closed path through a strongly connected component, starting and ending at its first node.
fn cycle_path(dag: &DiGraph<usize, DependencyType>, component: &[NodeIndex]) -> Vec<NodeIndex> {
    use std::collections::{HashSet, VecDeque};
    let members: HashSet<NodeIndex> = component.iter().copied().collect();
    let start = component[0];
    // Breadth-first search from start back to start, inside the component.
    let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut seen = HashSet::from([start]);
    while let Some(n) = queue.pop_front() {
        let mut next: Vec<NodeIndex> = dag
            .neighbors_directed(n, petgraph::Direction::Outgoing)
            .filter(|m| members.contains(m))
            .collect();
        next.sort_by_key(|m| dag[*m]);
        for m in next {
            if m == start {
                let mut path = vec![start];
                let mut cur = n;
                while cur != start {
                    path.push(cur);
                    cur = parent[&cur];
                }
                path.push(start);
                let last = path.len() - 1;
                path[1..last].reverse();
                return path;
            }
            if seen.insert(m) {
                parent.insert(m, n);
                queue.push_back(m);
            }
        }
    }
    vec![start, start]
}
