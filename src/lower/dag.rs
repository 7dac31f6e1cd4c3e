//! Planning the Argo DAG of a job graph: which jobs become one task, and what waits for what.
//!
//! - A plain dependency is a task dependency; on an array it waits for every child.
//! - Jobs linked by `N_TO_N` form an *aligned group*: one loop over the indices, each iteration
//!   a small DAG in which child *i* of a job waits only for child *i* of its `N_TO_N`
//!   dependencies.
//! - A `SEQUENTIAL` array runs its children one at a time, in index order, stopping at the first
//!   failure.
//!
//! Argo cannot depend on part of a loop, so a group whose members also have plain dependencies
//! to or from outside waits as a whole. Orderings are only ever added, never dropped, and each
//! addition is reported (B2A214). Where a group cannot be formed without a cycle, or a plain
//! dependency joins two of its members, its `N_TO_N` dependencies are treated as plain ones.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::DiGraph;

use crate::diagnostics::{Code, Diagnostics};
use crate::ir::graph::{array_size, JobDag};
use crate::ir::{DependencyType, JobGraph};

/// One task of the top-level DAG.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unit {
    /// One job (an array job loops over its children).
    Job(usize),
    /// An array job whose children run one at a time.
    Sequential(usize),
    /// Jobs linked by `N_TO_N`, in dependency order, looped together over their indices.
    Aligned {
        members: Vec<usize>,
        size: i64,
        sequential: bool,
    },
}

impl Unit {
    pub fn jobs(&self) -> Vec<usize> {
        match self {
            Unit::Job(j) | Unit::Sequential(j) => vec![*j],
            Unit::Aligned { members, .. } => members.clone(),
        }
    }
}

/// The units, their dependencies, and a topological order of the units.
#[derive(Debug)]
pub struct Plan {
    pub units: Vec<Unit>,
    /// For each unit, the units it waits for (sorted).
    pub deps: Vec<Vec<usize>>,
    /// Units in a topological order.
    pub order: Vec<usize>,
    /// Within aligned groups: job → the member jobs it waits for index by index.
    pub aligned_deps: BTreeMap<usize, Vec<usize>>,
}

pub fn plan(graph: &JobGraph, dag: &JobDag, diags: &mut Diagnostics) -> Plan {
    let n = graph.jobs.len();
    let mut dissolved: BTreeSet<usize> = BTreeSet::new(); // group roots that were dissolved
    loop {
        // Groups from N_TO_N edges whose group was not dissolved.
        let mut uf = UnionFind::new(n);
        for j in 0..n {
            for (d, kind) in dag.dependencies(j) {
                if kind == DependencyType::NToN {
                    uf.union(d, j);
                }
            }
        }
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &j in &dag.order {
            members.entry(uf.find(j)).or_default().push(j);
        }
        let mut unit_of = vec![0usize; n];
        let mut units: Vec<Unit> = Vec::new();
        let mut group_unit: BTreeMap<usize, usize> = BTreeMap::new();
        for &j in &dag.order {
            let root = uf.find(j);
            let group = &members[&root];
            if group.len() > 1 && !dissolved.contains(&root) {
                let u = *group_unit.entry(root).or_insert_with(|| {
                    units.push(Unit::Aligned {
                        members: group.clone(),
                        size: array_size(graph, group[0]).unwrap_or(0),
                        sequential: group.iter().any(|m| dag.sequential[*m]),
                    });
                    units.len() - 1
                });
                unit_of[j] = u;
            } else {
                units.push(if dag.sequential[j] {
                    Unit::Sequential(j)
                } else {
                    Unit::Job(j)
                });
                unit_of[j] = units.len() - 1;
            }
        }
        // Unit dependencies; plain edges inside a group make it impossible.
        let mut deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); units.len()];
        let mut aligned_deps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut broken: BTreeSet<usize> = BTreeSet::new();
        for j in 0..n {
            for (d, kind) in dag.dependencies(j) {
                let (uj, ud) = (unit_of[j], unit_of[d]);
                if uj == ud {
                    if kind == DependencyType::NToN {
                        aligned_deps.entry(j).or_default().push(d);
                    } else {
                        broken.insert(uf.find(j));
                    }
                } else {
                    deps[uj].insert(ud);
                }
            }
        }
        // A cycle among units can only come from groups: dissolve the groups on it.
        let mut g = DiGraph::<usize, ()>::new();
        let nodes: Vec<_> = (0..units.len()).map(|u| g.add_node(u)).collect();
        for (u, ds) in deps.iter().enumerate() {
            for &d in ds {
                g.add_edge(nodes[d], nodes[u], ());
            }
        }
        for scc in petgraph::algo::kosaraju_scc(&g) {
            if scc.len() > 1 {
                for node in scc {
                    let u = g[node];
                    if let Unit::Aligned { members, .. } = &units[u] {
                        broken.insert(uf.find(members[0]));
                    }
                }
            }
        }
        if !broken.is_empty() {
            for root in broken {
                let names = job_names(graph, &members[&root]);
                let origin = &graph.jobs[members[&root][0]].name.origin;
                diags.report(
                    Code::OrderingAdded,
                    origin,
                    format!("the N_TO_N dependencies among {names} cannot run as one loop here (other dependencies join these jobs); each job waits for all children of its N_TO_N dependencies instead"),
                );
                dissolved.insert(root);
            }
            continue;
        }
        let order = match petgraph::algo::toposort(&g, None) {
            Ok(o) => o.into_iter().map(|n| g[n]).collect(),
            Err(_) => (0..units.len()).collect(),
        };
        let order = stable_order(&deps, order);
        report_group_waits(graph, dag, &units, &unit_of, diags);
        return Plan {
            units,
            deps: deps.into_iter().map(|d| d.into_iter().collect()).collect(),
            order,
            aligned_deps,
        };
    }
}

/// Kahn's algorithm preferring the lowest unit index, so output follows the input order.
fn stable_order(deps: &[BTreeSet<usize>], fallback: Vec<usize>) -> Vec<usize> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let n = deps.len();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (u, ds) in deps.iter().enumerate() {
        indegree[u] = ds.len();
        for &d in ds {
            dependents[d].push(u);
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&u| indegree[u] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(u)) = ready.pop() {
        order.push(u);
        for &v in &dependents[u] {
            indegree[v] -= 1;
            if indegree[v] == 0 {
                ready.push(Reverse(v));
            }
        }
    }
    if order.len() == n {
        order
    } else {
        fallback
    }
}

/// A group waits as a whole for what any member waits for, and what waits for any member waits
/// for the whole group: report each job that now waits longer. Waiting is transitive along the
/// group's own N_TO_N dependencies (child i of `c` runs only after child i of `b`), so only
/// waits that no dependency implied are reported.
fn report_group_waits(
    graph: &JobGraph,
    dag: &JobDag,
    units: &[Unit],
    unit_of: &[usize],
    diags: &mut Diagnostics,
) {
    // For each group: the outside jobs that depend on it, with the members they depend on.
    let mut waits: BTreeMap<usize, Vec<(usize, BTreeSet<usize>)>> = BTreeMap::new();
    for j in 0..graph.jobs.len() {
        let mut per_unit: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (d, _) in dag.dependencies(j) {
            let ud = unit_of[d];
            if ud != unit_of[j] && matches!(units[ud], Unit::Aligned { .. }) {
                per_unit.entry(ud).or_default().insert(d);
            }
        }
        for (ud, members) in per_unit {
            waits.entry(ud).or_default().push((j, members));
        }
    }
    for (u, unit) in units.iter().enumerate() {
        let Unit::Aligned {
            members,
            sequential,
            ..
        } = unit
        else {
            continue;
        };
        let origin = &graph.jobs[members[0]].name.origin;
        let names = job_names(graph, members);
        // Ancestors of each member inside the group (itself included).
        let ancestors = |m: usize| -> BTreeSet<usize> {
            let mut seen = BTreeSet::new();
            let mut stack = vec![m];
            while let Some(x) = stack.pop() {
                if seen.insert(x) {
                    stack.extend(
                        dag.dependencies(x)
                            .into_iter()
                            .filter(|(d, _)| unit_of[*d] == u)
                            .map(|(d, _)| d),
                    );
                }
            }
            seen
        };
        // Members that now also wait for an outside job none of their ancestors waits for.
        let mut late_members = BTreeSet::new();
        let outside: BTreeSet<usize> = members
            .iter()
            .flat_map(|&m| dag.dependencies(m).into_iter().map(|(d, _)| d))
            .filter(|d| unit_of[*d] != u)
            .collect();
        for &m in members {
            let mine = ancestors(m);
            for &d in &outside {
                let implied = mine
                    .iter()
                    .any(|&a| dag.dependencies(a).iter().any(|(x, _)| *x == d));
                if !implied {
                    late_members.insert(m);
                }
            }
        }
        if !late_members.is_empty() {
            diags.report(
                Code::OrderingAdded,
                origin,
                format!(
                    "in the N_TO_N group {names}, {} also wait for the dependencies of other jobs of the group",
                    job_names(graph, &late_members.into_iter().collect::<Vec<_>>())
                ),
            );
        }
        // Outside jobs that wait for part of the group but now wait for all of it.
        let mut late_dependents = Vec::new();
        for (j, members_waited) in waits.get(&u).into_iter().flatten() {
            let waited: BTreeSet<usize> =
                members_waited.iter().flat_map(|&m| ancestors(m)).collect();
            if waited.len() < members.len() {
                late_dependents.push(*j);
            }
        }
        if !late_dependents.is_empty() {
            diags.report(
                Code::OrderingAdded,
                origin,
                format!(
                    "{} now wait for every job of the N_TO_N group {names}, not only the ones they depend on",
                    job_names(graph, &late_dependents)
                ),
            );
        }
        if *sequential {
            diags.report(
                Code::OrderingAdded,
                origin,
                format!("a SEQUENTIAL array is part of the N_TO_N group {names}, so the whole group runs one index at a time"),
            );
        }
    }
}

/// `` `a`, `b` and 3 more ``.
pub fn job_names(graph: &JobGraph, jobs: &[usize]) -> String {
    let mut names: Vec<String> = jobs
        .iter()
        .take(5)
        .map(|&j| format!("`{}`", graph.jobs[j].name.value))
        .collect();
    if jobs.len() > 5 {
        names.push(format!("{} more", jobs.len() - 5));
    }
    match names.len() {
        0 => String::new(),
        1 => names.remove(0),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} and {last}", names.join(", "))
        }
    }
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays the root, so roots do not depend on edge order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}
