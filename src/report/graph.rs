//! The dependency graph of one job graph, as the report draws it: Batch jobs and their
//! `dependsOn`, read from the IR rather than from the Argo DAG, so array loops, N_TO_N groups and
//! split sub-DAGs do not hide the jobs the user wrote.
//!
//! It is built from the raw IR even when the graph has errors (unknown jobs, cycles): the drawing
//! then shows what could be resolved, and the findings say what could not.

use std::collections::{BTreeSet, HashMap};

use crate::ir::graph::array_size;
use crate::ir::{DependencyType, JobGraph};

/// One Batch job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobNode {
    pub name: String,
    /// The job definition reference as written (`name`, `name:3` or an ARN).
    pub definition: String,
    /// The array size, when the job is an array job of a size Batch accepts.
    pub array: Option<i64>,
    /// The children run one at a time (`SEQUENTIAL`).
    pub sequential: bool,
}

/// `from` must finish before `to` starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct JobEdge {
    pub from: usize,
    pub to: usize,
    /// Child *i* of `to` waits only for child *i* of `from`.
    pub n_to_n: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DependencyGraph {
    /// In input order.
    pub nodes: Vec<JobNode>,
    /// Sorted, without duplicates; dependencies that name no job of the graph are left out.
    pub edges: Vec<JobEdge>,
}

impl DependencyGraph {
    pub fn from_ir(graph: &JobGraph) -> DependencyGraph {
        let nodes: Vec<JobNode> = graph
            .jobs
            .iter()
            .enumerate()
            .map(|(i, job)| JobNode {
                name: job.name.value.clone(),
                definition: job.job_definition.value.clone(),
                array: array_size(graph, i),
                sequential: job
                    .depends_on
                    .iter()
                    .any(|d| d.kind == DependencyType::Sequential && d.job_id.is_none()),
            })
            .collect();
        // The key dependencies use: the job name in a job graph, the job id in a dump. The
        // first job of a duplicated key wins, as the duplicate is an error anyway.
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, job) in graph.jobs.iter().enumerate() {
            let key = if graph.by_id {
                job.id.as_ref().map(|id| id.value.as_str())
            } else {
                Some(job.name.value.as_str())
            };
            if let Some(key) = key {
                index.entry(key).or_insert(i);
            }
        }
        let mut edges = BTreeSet::new();
        for (to, job) in graph.jobs.iter().enumerate() {
            for dep in &job.depends_on {
                if dep.kind == DependencyType::Sequential {
                    continue;
                }
                let Some(target) = &dep.job_id else { continue };
                let Some(&from) = index.get(target.value.as_str()) else {
                    continue;
                };
                if from != to {
                    edges.insert(JobEdge {
                        from,
                        to,
                        n_to_n: dep.kind == DependencyType::NToN,
                    });
                }
            }
        }
        DependencyGraph {
            nodes,
            edges: edges.into_iter().collect(),
        }
    }

    /// The layer of each job: 0 for jobs without dependencies, else one more than the deepest
    /// dependency (the longest path from a root). A cycle has no longest path: when every job
    /// left waits on another, the one with the fewest unfinished dependencies (then the first)
    /// is taken as if they were done, and its dependencies from the cycle become back edges,
    /// drawn upwards. The second value says whether that happened.
    pub fn layers(&self) -> (Vec<usize>, bool) {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        let n = self.nodes.len();
        let mut indegree = vec![0usize; n];
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
        for e in &self.edges {
            indegree[e.to] += 1;
            out[e.from].push(e.to);
        }
        let mut layer = vec![0usize; n];
        let mut done = vec![false; n];
        let mut finished = 0;
        let mut cyclic = false;
        // Kahn's algorithm; ties in input order, so the result does not depend on hashing.
        let mut ready: BinaryHeap<Reverse<usize>> =
            (0..n).filter(|&i| indegree[i] == 0).map(Reverse).collect();
        while finished < n {
            let i = match ready.pop() {
                Some(Reverse(i)) if !done[i] => i,
                Some(_) => continue,
                None => {
                    cyclic = true;
                    match (0..n)
                        .filter(|&i| !done[i])
                        .min_by_key(|&i| (indegree[i], i))
                    {
                        Some(i) => i,
                        None => break,
                    }
                }
            };
            done[i] = true;
            finished += 1;
            for &j in &out[i] {
                if done[j] {
                    continue; // a back edge
                }
                layer[j] = layer[j].max(layer[i] + 1);
                indegree[j] -= 1;
                if indegree[j] == 0 {
                    ready.push(Reverse(j));
                }
            }
        }
        (layer, cyclic)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A job: name, array size, and its dependencies with whether each is N_TO_N.
    pub(crate) type Spec<'a> = (&'a str, Option<i64>, &'a [(&'a str, bool)]);

    /// A graph from job specs.
    pub(crate) fn graph(jobs: &[Spec<'_>]) -> DependencyGraph {
        let nodes = jobs
            .iter()
            .map(|(name, array, _)| JobNode {
                name: name.to_string(),
                definition: "def".into(),
                array: *array,
                sequential: false,
            })
            .collect();
        let position = |name: &str| jobs.iter().position(|j| j.0 == name).expect("known job");
        let mut edges: Vec<JobEdge> = jobs
            .iter()
            .enumerate()
            .flat_map(|(to, (_, _, deps))| {
                deps.iter().map(move |(from, n_to_n)| (to, *from, *n_to_n))
            })
            .map(|(to, from, n_to_n)| JobEdge {
                from: position(from),
                to,
                n_to_n,
            })
            .collect();
        edges.sort();
        DependencyGraph { nodes, edges }
    }

    #[test]
    fn layers_are_the_longest_path_from_a_root() {
        // A → B → D, A → C → D, A → D: D is on layer 2, not 1.
        let g = graph(&[
            ("A", None, &[]),
            ("B", None, &[("A", false)]),
            ("C", None, &[("A", false)]),
            ("D", None, &[("B", false), ("C", false), ("A", false)]),
            ("E", None, &[]),
        ]);
        assert_eq!(g.layers(), (vec![0, 1, 1, 2, 0], false));
    }

    #[test]
    fn a_cycle_is_broken_at_its_first_job() {
        // B waits for A and C, C for B: B is taken first, and C → B becomes a back edge.
        let g = graph(&[
            ("A", None, &[]),
            ("B", None, &[("A", false), ("C", false)]),
            ("C", None, &[("B", false)]),
            ("D", None, &[("C", false)]),
        ]);
        assert_eq!(g.layers(), (vec![0, 1, 2, 3], true));
        // A cycle of every job.
        let g = graph(&[
            ("a", None, &[("c", false)]),
            ("b", None, &[("a", false)]),
            ("c", None, &[("b", false)]),
        ]);
        assert_eq!(g.layers(), (vec![0, 1, 2], true));
    }
}
