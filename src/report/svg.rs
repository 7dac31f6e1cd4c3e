//! The layout of a dependency graph for the HTML report's inline SVG.
//!
//! Top-down layers by dependency depth (the longest path from a root, so every arrow points
//! down), then a few barycenter sweeps to reduce crossings: a small Sugiyama layout, enough for
//! the graphs people draw by hand. Edges that skip layers are routed through narrow invisible
//! slots in the layers they cross, so they do not run through other jobs' boxes.
//!
//! Coordinates are integers, so the SVG text is the same on every platform. The template in
//! `templates/report.html.hbs` draws the boxes; nothing here writes markup.

use serde::Serialize;

use super::findings::visible;
use super::graph::DependencyGraph;

/// Most jobs drawn: past this a drawing stops being readable (and the SVG grows large). The
/// jobs drawn are the shallowest ones, so the top of the graph is shown as it is.
pub const MAX_NODES: usize = 300;
/// Most routing slots for edges that skip layers; past this, such edges are drawn straight.
const MAX_SLOTS: usize = 3_000;

const NODE_W: i64 = 176;
const NODE_H: i64 = 46;
const SLOT_W: i64 = 12;
const GAP_X: i64 = 28;
const GAP_Y: i64 = 64;
const MARGIN: i64 = 24;
/// How far each card of an array job's stack is offset up and to the right.
const STACK: i64 = 5;
/// Columns of the job name and of the detail line that fit in a box (a wide character, such
/// as a CJK ideograph, takes two).
const LABEL_COLUMNS: usize = 22;
const DETAIL_COLUMNS: usize = 27;

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Layout {
    pub width: i64,
    pub height: i64,
    /// One per job drawn, in input order.
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgePath>,
    /// Jobs in the graph, how many of them are drawn, and the most that would be.
    pub jobs: usize,
    pub drawn: usize,
    pub limit: usize,
    /// Some dependencies form a cycle (the arrows that close it are drawn upwards).
    pub cyclic: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NodeBox {
    /// The job's index in the graph.
    pub job: usize,
    pub name: String,
    /// The name as it fits in the box.
    pub label: String,
    /// The second line: the job definition (and SEQUENTIAL), shortened.
    pub detail: String,
    pub layer: usize,
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
    /// Where the two lines of text start.
    pub text_x: i64,
    pub label_y: i64,
    pub detail_y: i64,
    /// `×N` for an array job, on a pill over the top-right corner.
    pub badge: Option<Badge>,
    /// The cards drawn behind an array job, back to front.
    pub stack: Vec<Card>,
    pub sequential: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Badge {
    pub text: String,
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
    pub text_x: i64,
    pub text_y: i64,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub struct Card {
    pub x: i64,
    pub y: i64,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct EdgePath {
    pub from: String,
    pub to: String,
    /// SVG polyline points, `x,y x,y …`.
    pub points: String,
    pub n_to_n: bool,
    /// Where the N_TO_N label goes.
    pub label_x: i64,
    pub label_y: i64,
}

/// A box of a layer: a job, or a slot an edge passes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Job(usize),
    Slot,
}

/// Lays out `graph` (at most [`MAX_NODES`] jobs).
pub fn layout(graph: &DependencyGraph) -> Layout {
    let (layer_of, cyclic) = graph.layers();
    let n = graph.nodes.len();
    let mut drawn: Vec<usize> = (0..n).collect();
    drawn.sort_by_key(|&i| (layer_of[i], i));
    drawn.truncate(MAX_NODES);
    let mut is_drawn = vec![false; n];
    for &i in &drawn {
        is_drawn[i] = true;
    }
    let layer_count = drawn.iter().map(|&i| layer_of[i] + 1).max().unwrap_or(0);

    // Items: jobs first (by index), then the slots of long edges.
    let mut items: Vec<(Item, usize)> = Vec::new();
    let mut item_of_job = vec![usize::MAX; n];
    for i in 0..n {
        if is_drawn[i] {
            item_of_job[i] = items.len();
            items.push((Item::Job(i), layer_of[i]));
        }
    }
    // Each edge as the chain of items it passes through.
    let mut chains: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut slots = 0usize;
    for (e, edge) in graph.edges.iter().enumerate() {
        if !is_drawn[edge.from] || !is_drawn[edge.to] {
            continue;
        }
        let (a, b) = (layer_of[edge.from], layer_of[edge.to]);
        let mut chain = vec![item_of_job[edge.from]];
        let span = b.saturating_sub(a);
        if span > 1 && slots + span - 1 <= MAX_SLOTS {
            for l in a + 1..b {
                chain.push(items.len());
                items.push((Item::Slot, l));
                slots += 1;
            }
        }
        chain.push(item_of_job[edge.to]);
        chains.push((e, chain));
    }

    // Layers in initial order, and the neighbours of each item in the layers above and below.
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (id, &(_, l)) in items.iter().enumerate() {
        layers[l].push(id);
    }
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for (_, chain) in &chains {
        for pair in chain.windows(2) {
            let (u, v) = (pair[0], pair[1]);
            // Only neighbours in adjacent layers guide the ordering.
            if items[v].1 == items[u].1 + 1 {
                down[u].push(v);
                up[v].push(u);
            }
        }
    }
    let mut pos = vec![0usize; items.len()];
    let renumber = |layer: &[usize], pos: &mut [usize]| {
        for (p, &id) in layer.iter().enumerate() {
            pos[id] = p;
        }
    };
    for layer in &layers {
        renumber(layer, &mut pos);
    }
    for _ in 0..4 {
        for layer in layers.iter_mut().skip(1) {
            sort_by_barycenter(layer, &up, &pos);
            renumber(layer, &mut pos);
        }
        for layer in layers.iter_mut().rev().skip(1) {
            sort_by_barycenter(layer, &down, &pos);
            renumber(layer, &mut pos);
        }
    }

    // Coordinates: each layer centred under the widest one.
    let width_of = |id: usize| match items[id].0 {
        Item::Job(_) => NODE_W,
        Item::Slot => SLOT_W,
    };
    let layer_width = |layer: &Vec<usize>| -> i64 {
        let boxes: i64 = layer.iter().map(|&id| width_of(id)).sum();
        boxes + GAP_X * (layer.len().saturating_sub(1) as i64)
    };
    let widest = layers.iter().map(layer_width).max().unwrap_or(0);
    let mut x = vec![0i64; items.len()];
    let mut y = vec![0i64; items.len()];
    for (l, layer) in layers.iter().enumerate() {
        let mut cursor = MARGIN + (widest - layer_width(layer)) / 2;
        for &id in layer {
            x[id] = cursor;
            y[id] = MARGIN + l as i64 * (NODE_H + GAP_Y);
            cursor += width_of(id) + GAP_X;
        }
    }

    let nodes: Vec<NodeBox> = (0..n)
        .filter(|&i| is_drawn[i])
        .map(|i| {
            let id = item_of_job[i];
            let job = &graph.nodes[i];
            let detail = if job.sequential {
                format!("SEQUENTIAL · {}", job.definition)
            } else {
                job.definition.clone()
            };
            let stack = if job.array.is_some() {
                vec![
                    Card {
                        x: x[id] + 2 * STACK,
                        y: y[id] - 2 * STACK,
                    },
                    Card {
                        x: x[id] + STACK,
                        y: y[id] - STACK,
                    },
                ]
            } else {
                Vec::new()
            };
            NodeBox {
                job: i,
                name: job.name.clone(),
                label: shorten(&visible(&job.name), LABEL_COLUMNS),
                detail: shorten(&visible(&detail), DETAIL_COLUMNS),
                layer: layer_of[i],
                x: x[id],
                y: y[id],
                w: NODE_W,
                h: NODE_H,
                text_x: x[id] + 10,
                label_y: y[id] + 19,
                detail_y: y[id] + 36,
                badge: job
                    .array
                    .map(|size| badge(format!("×{size}"), x[id] + NODE_W, y[id])),
                stack,
                sequential: job.sequential,
            }
        })
        .collect();

    let edges: Vec<EdgePath> = chains
        .iter()
        .map(|(e, chain)| {
            let edge = graph.edges[*e];
            let last = chain.len() - 1;
            let (from, to) = (chain[0], chain[last]);
            let mut points: Vec<(i64, i64)> = Vec::new();
            if items[to].1 <= items[from].1 {
                // A back edge of a cycle: out of the right side of the job, up (or across) to
                // the right side of the one it feeds.
                let right = (x[from] + NODE_W).max(x[to] + NODE_W) + GAP_X / 2;
                let (out_y, in_y) = (y[from] + NODE_H / 2 + 6, y[to] + NODE_H / 2 - 6);
                points.extend([
                    (x[from] + NODE_W, out_y),
                    (right, out_y),
                    (right, in_y),
                    (x[to] + NODE_W, in_y),
                ]);
            } else {
                for (k, &id) in chain.iter().enumerate() {
                    let centre = x[id] + width_of(id) / 2;
                    if k == 0 {
                        points.push((centre, y[id] + NODE_H));
                    } else if k == last {
                        // Arrays are drawn with their stack above the box: stop above it.
                        let stacked =
                            matches!(items[id].0, Item::Job(j) if graph.nodes[j].array.is_some());
                        points.push((centre, y[id] - if stacked { 2 * STACK } else { 0 }));
                    } else {
                        points.push((centre, y[id]));
                        points.push((centre, y[id] + NODE_H));
                    }
                }
            }
            let (a, b) = (points[points.len() - 2], points[points.len() - 1]);
            EdgePath {
                from: graph.nodes[edge.from].name.clone(),
                to: graph.nodes[edge.to].name.clone(),
                points: points
                    .iter()
                    .map(|(px, py)| format!("{px},{py}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                n_to_n: edge.n_to_n,
                label_x: (a.0 + b.0) / 2,
                label_y: (a.1 + b.1) / 2,
            }
        })
        .collect();

    let height = if layer_count == 0 {
        0
    } else {
        2 * MARGIN + layer_count as i64 * NODE_H + (layer_count as i64 - 1) * GAP_Y
    };
    Layout {
        width: if widest == 0 { 0 } else { 2 * MARGIN + widest },
        height,
        nodes,
        edges,
        jobs: n,
        drawn: drawn.len(),
        limit: MAX_NODES,
        cyclic,
    }
}

/// A pill whose right end is `right` pixels in and whose middle is on `top`.
fn badge(text: String, right: i64, top: i64) -> Badge {
    let w = 12 + 7 * text.chars().count() as i64;
    let h = 18;
    Badge {
        x: right - w + 6,
        y: top - h / 2 - STACK,
        w,
        h,
        text_x: right - w / 2 + 6,
        text_y: top - STACK + 4,
        text,
    }
}

/// Orders a layer by the mean position of each item's neighbours in the layer just sorted;
/// items without neighbours keep their place. Ties keep the current order.
fn sort_by_barycenter(layer: &mut [usize], neighbours: &[Vec<usize>], pos: &[usize]) {
    let key = |id: usize| -> f64 {
        let ns = &neighbours[id];
        if ns.is_empty() {
            pos[id] as f64
        } else {
            ns.iter().map(|&m| pos[m] as f64).sum::<f64>() / ns.len() as f64
        }
    };
    let mut keyed: Vec<(f64, usize, usize)> =
        layer.iter().map(|&id| (key(id), pos[id], id)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (slot, (_, _, id)) in layer.iter_mut().zip(keyed) {
        *slot = id;
    }
}

/// `text` cut to `max` columns, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().map(columns).sum::<usize>() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in text.chars() {
        used += columns(c);
        if used > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// How many columns a character takes: two for the East Asian wide ranges (CJK, Hangul,
/// full-width forms, most emoji), one otherwise. Close enough to keep a label in its box.
fn columns(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115f
        | 0x2e80..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f300..=0x1faff
        | 0x20000..=0x3fffd => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{graph, Spec};
    use super::*;

    /// The fixture's shape: a diamond, an array job and an N_TO_N chain.
    fn sample() -> DependencyGraph {
        graph(&[
            ("prepare", None, &[]),
            ("left", None, &[("prepare", false)]),
            ("right", None, &[("prepare", false)]),
            ("shard", Some(4), &[("left", false), ("right", false)]),
            ("refine", Some(4), &[("shard", true)]),
            ("report", None, &[("refine", false), ("prepare", false)]),
        ])
    }

    #[test]
    fn one_box_per_job_on_the_layer_of_its_depth() {
        let l = layout(&sample());
        let layers: Vec<(&str, usize)> =
            l.nodes.iter().map(|n| (n.name.as_str(), n.layer)).collect();
        assert_eq!(
            layers,
            [
                ("prepare", 0),
                ("left", 1),
                ("right", 1),
                ("shard", 2),
                ("refine", 3),
                ("report", 4)
            ]
        );
        assert_eq!((l.jobs, l.drawn, l.cyclic), (6, 6, false));
        // Each layer is drawn below the one before it, and jobs of a layer do not overlap.
        for a in &l.nodes {
            for b in &l.nodes {
                if a.layer < b.layer {
                    assert!(a.y + a.h < b.y, "{} above {}", a.name, b.name);
                }
                if a.layer == b.layer && a.job < b.job {
                    assert!(
                        a.x + a.w <= b.x || b.x + b.w <= a.x,
                        "{} and {} overlap",
                        a.name,
                        b.name
                    );
                }
            }
        }
        // Arrays are stacks with their size; the N_TO_N edge is marked.
        let shard = &l.nodes[3];
        assert_eq!(
            (
                shard.badge.as_ref().map(|b| b.text.as_str()),
                shard.stack.len()
            ),
            (Some("×4"), 2)
        );
        assert_eq!(l.nodes[0].stack.len(), 0);
        let marked: Vec<(&str, &str)> = l
            .edges
            .iter()
            .filter(|e| e.n_to_n)
            .map(|e| (e.from.as_str(), e.to.as_str()))
            .collect();
        assert_eq!(marked, [("shard", "refine")]);
        assert_eq!(l.edges.len(), 7);
    }

    #[test]
    fn edges_that_skip_layers_bend_around_the_jobs_between() {
        let l = layout(&sample());
        let skip = l
            .edges
            .iter()
            .find(|e| (e.from.as_str(), e.to.as_str()) == ("prepare", "report"))
            .expect("the skip edge is drawn");
        // Start, two points per layer crossed (1, 2, 3), end.
        assert_eq!(skip.points.split(' ').count(), 2 + 2 * 3);
        let direct = l
            .edges
            .iter()
            .find(|e| (e.from.as_str(), e.to.as_str()) == ("prepare", "left"))
            .expect("drawn");
        assert_eq!(direct.points.split(' ').count(), 2);
    }

    #[test]
    fn large_graphs_are_cut_to_the_shallowest_jobs() {
        let names: Vec<String> = (0..MAX_NODES + 50).map(|i| format!("j{i}")).collect();
        let deps: Vec<[(&str, bool); 1]> = names.iter().map(|n| [(n.as_str(), false)]).collect();
        // A chain: each job depends on the previous one.
        let jobs: Vec<Spec<'_>> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let d: &[(&str, bool)] = if i == 0 { &[] } else { &deps[i - 1] };
                (n.as_str(), None, d)
            })
            .collect();
        let l = layout(&graph(&jobs));
        assert_eq!(
            (l.jobs, l.drawn, l.nodes.len()),
            (MAX_NODES + 50, MAX_NODES, MAX_NODES)
        );
        assert!(l.nodes.iter().all(|n| n.layer < MAX_NODES));
        assert_eq!(l.edges.len(), MAX_NODES - 1);
    }

    #[test]
    fn the_arrow_that_closes_a_cycle_goes_up_the_side() {
        let g = graph(&[
            ("a", None, &[("c", false)]),
            ("b", None, &[("a", false)]),
            ("c", None, &[("b", false)]),
        ]);
        let l = layout(&g);
        assert!(l.cyclic);
        assert_eq!(
            l.nodes.iter().map(|n| n.layer).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        let back = l
            .edges
            .iter()
            .find(|e| (e.from.as_str(), e.to.as_str()) == ("c", "a"))
            .expect("drawn");
        let ys: Vec<i64> = back
            .points
            .split(' ')
            .filter_map(|p| p.split_once(',').and_then(|(_, y)| y.parse().ok()))
            .collect();
        assert_eq!(ys.len(), 4);
        assert!(
            ys[0] > ys[3],
            "from the bottom job up to the top one: {ys:?}"
        );
    }

    #[test]
    fn an_empty_graph_has_no_drawing() {
        let l = layout(&DependencyGraph::default());
        assert_eq!((l.width, l.height, l.nodes.len()), (0, 0, 0));
    }

    #[test]
    fn long_names_are_shortened_by_columns() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "ab…");
        // Wide characters take two columns each.
        assert_eq!(shorten("名前名前名", 6), "名前…");
        assert_eq!(shorten("名前", 4), "名前");
    }
}
