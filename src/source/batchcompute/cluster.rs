//! A task's `AutoCluster`, and cluster descriptions (`CreateCluster`, `bcs c --show_json`) →
//! compute environments the tasks name directly.
//!
//! What a cluster says about capacity (instance type, Spot strategy and price limit, disk size)
//! is kept; what configures its VMs only (VM image, user data, networks, bootstrap, VM counts) is
//! reported, since a pod has none of it. A cluster's environment variables and mounts apply to
//! every task that runs on it, so they are kept too, and added to those tasks when lowering.

use super::storage::Storage;
use crate::diagnostics::{Code, Diagnostics, Spanned};
use crate::ir::{ComputeEnvironment, Container, Text};
use crate::source::read::Obj;

/// A data disk: its mount point and size (GiB).
pub type DataDisk = (Text, Option<Spanned<i64>>);

/// What a task's `AutoCluster` gives it.
pub struct AutoCluster<'a> {
    pub environment: ComputeEnvironment,
    /// `Configs.Mounts`, read as the task's own mounts.
    pub mounts: Option<Obj<'a>>,
    pub data_disk: Option<DataDisk>,
}

/// `ReserveOnFail: true` kept failed VMs for debugging; `false` is what pods do anyway.
fn reserve_on_fail(o: &mut Obj<'_>, owner: &str, diags: &mut Diagnostics) {
    if let Some(r) = o.bool("ReserveOnFail", diags).filter(|r| r.value) {
        diags.report(
            Code::VmOnlySetting,
            &r.origin,
            format!("`ReserveOnFail` of {owner} kept failed VMs for debugging; failed pods are kept by Argo's pod GC settings instead"),
        );
    }
}

/// Reports a VM-only setting when present.
fn vm_only(o: &mut Obj<'_>, key: &str, owner: &str, diags: &mut Diagnostics) {
    if let Some(origin) = o.origin_of(key) {
        let _ = o.take(key);
        diags.report(
            Code::VmOnlySetting,
            &origin,
            format!("`{key}` of {owner} configures BatchCompute's VMs and has no meaning for a pod; it is not converted"),
        );
    }
}

/// The system disk BatchCompute gave by default, which held the VM's OS; a pod needs none of it.
pub const STANDARD_SYSTEM_DISK_GIB: i64 = 40;

/// `Configs.Disks`: the disk a pod needs beyond the free ephemeral storage (GiB) and the data
/// disk's mount point with its size.
fn disks(
    configs: &mut Obj<'_>,
    owner: &str,
    diags: &mut Diagnostics,
) -> (Option<Spanned<i64>>, Option<DataDisk>) {
    let Some(mut d) = configs.obj("Disks", diags) else {
        return (None, None);
    };
    let mut total: Option<Spanned<i64>> = None;
    let mut data = None;
    for key in ["SystemDisk", "DataDisk"] {
        let Some(mut disk) = d.obj(key, diags) else {
            continue;
        };
        let performance = ["", "cloud", "cloud_efficiency"];
        if let Some(t) = disk
            .string("Type", diags)
            .filter(|t| !performance.contains(&t.value.as_str()))
        {
            diags.report(
                Code::VmOnlySetting,
                &t.origin,
                format!("the {key} type `{}` of {owner} is a VM disk's performance class; pods get the platform's ephemeral storage", t.value),
            );
        }
        let size = disk.int("Size", diags).filter(|s| s.value > 0);
        let beyond = size.as_ref().map(|s| match key {
            "SystemDisk" => s.as_ref().map(|v| v - STANDARD_SYSTEM_DISK_GIB),
            _ => s.clone(),
        });
        if let Some(s) = beyond.filter(|s| s.value > 0) {
            total = Some(match total {
                Some(t) => Spanned::new(t.value.saturating_add(s.value), t.origin),
                None => s.clone(),
            });
        }
        if key == "DataDisk" {
            if let Some(point) = disk
                .string("MountPoint", diags)
                .filter(|m| !m.value.is_empty())
            {
                data = Some((point, size.clone()));
            }
        }
        disk.finish(diags);
    }
    d.finish(diags);
    (total, data)
}

/// An empty compute environment named `name`.
pub fn environment(name: Text, origin: crate::diagnostics::Origin) -> ComputeEnvironment {
    ComputeEnvironment {
        content: String::new(),
        name,
        arn: None,
        kind: None,
        state: None,
        resource_type: None,
        min_vcpus: None,
        max_vcpus: None,
        instance_types: Vec::new(),
        allocation_strategy: None,
        bid_percentage: None,
        spot_strategy: None,
        spot_price_limit: None,
        disk_gib: None,
        eks_namespace: None,
        capacity_fields: Vec::new(),
        tags: Vec::new(),
        task_defaults: None,
        origin,
    }
}

/// `InstanceType`, `ResourceType`, `SpotStrategy`, `SpotPriceLimit` of an AutoCluster or group.
fn capacity(o: &mut Obj<'_>, ce: &mut ComputeEnvironment, diags: &mut Diagnostics) {
    if let Some(t) = o
        .string("InstanceType", diags)
        .filter(|t| !t.value.is_empty())
    {
        if !ce.instance_types.iter().any(|x| x.value == t.value) {
            ce.instance_types.push(t);
        }
    }
    if let Some(r) = o.string("ResourceType", diags) {
        match r.value.as_str() {
            "OnDemand" | "Spot" => {
                if ce.resource_type.is_none() || r.value == "OnDemand" {
                    // A cluster with any On-Demand group is On-Demand capacity.
                    ce.resource_type = Some(r);
                }
            }
            other => diags.report(
                Code::InvalidValue,
                &r.origin,
                format!("ResourceType `{other}` is not OnDemand or Spot"),
            ),
        }
    }
    if let Some(s) = o
        .string("SpotStrategy", diags)
        .filter(|s| !s.value.is_empty())
    {
        match s.value.as_str() {
            "SpotWithPriceLimit" | "SpotAsPriceGo" => {
                ce.spot_strategy.get_or_insert(s);
            }
            other => diags.report(
                Code::InvalidValue,
                &s.origin,
                format!("SpotStrategy `{other}` is not SpotWithPriceLimit or SpotAsPriceGo"),
            ),
        }
    }
    if let Some((node, ptr)) = o.take("SpotPriceLimit") {
        let origin = o.ctx.origin(node, &ptr);
        match node.as_scalar().map(|s| s.text.trim().to_string()) {
            Some(text) if text.parse::<f64>().is_ok_and(|p| p >= 0.0 && p.is_finite()) => {
                if text.parse::<f64>().is_ok_and(|p| p > 0.0) {
                    ce.spot_price_limit
                        .get_or_insert(Spanned::new(text, origin));
                }
            }
            _ => diags.report(
                Code::InvalidValue,
                &origin,
                "SpotPriceLimit is not a price (a number of CNY per hour)",
            ),
        }
    }
}

/// `SpotWithPriceLimit` needs a positive limit; without one the instance followed the market
/// price, as `bcs` does for a limit of 0.
fn settle_spot(ce: &mut ComputeEnvironment, diags: &mut Diagnostics) {
    let Some(s) = &ce.spot_strategy else { return };
    if s.value == "SpotWithPriceLimit" && ce.spot_price_limit.is_none() {
        diags.report(
            Code::SpotPriceCap,
            &s.origin,
            format!("`{}` has SpotWithPriceLimit without a positive SpotPriceLimit: its pods follow the market price (SpotAsPriceGo)", ce.name.value),
        );
        ce.spot_strategy = Some(Spanned::new("SpotAsPriceGo".to_string(), s.origin.clone()));
    }
}

/// A task's `AutoCluster`: its environment, its `Configs.Mounts` (for the task) and its data
/// disk (scratch space at the mount point).
pub fn read_auto_cluster<'a>(
    name: Text,
    mut a: Obj<'a>,
    containerised: bool,
    diags: &mut Diagnostics,
) -> AutoCluster<'a> {
    let owner = format!("the AutoCluster of task `{}`", name.value);
    let mut ce = environment(name, a.origin());
    ce.content = crate::source::syntax::canonical(a.node);
    capacity(&mut a, &mut ce, diags);
    // The VM image only hosted the container; without one it was what ran (B2A405 decides).
    let images = ["ImageId", "ECSImageId"];
    if containerised {
        a.ignore(&images);
    }
    for key in images.into_iter().filter(|_| !containerised).chain([
        "UserData",
        "DependencyIsvService",
        "ClusterId",
    ]) {
        vm_only(&mut a, key, &owner, diags);
    }
    reserve_on_fail(&mut a, &owner, diags);
    let mut mounts = None;
    let mut data = None;
    if let Some(mut configs) = a.obj("Configs", diags) {
        let (total, d) = disks(&mut configs, &owner, diags);
        ce.disk_gib = total;
        data = d;
        vm_only(&mut configs, "Networks", &owner, diags);
        mounts = configs.obj("Mounts", diags);
        configs.finish(diags);
    }
    a.finish(diags);
    settle_spot(&mut ce, diags);
    AutoCluster {
        environment: ce,
        mounts,
        data_disk: data,
    }
}

/// A cluster description: one environment, its groups' capacity merged.
pub fn read_cluster(mut o: Obj<'_>, diags: &mut Diagnostics) -> Option<ComputeEnvironment> {
    let name = o.string("Name", diags)?;
    let owner = format!("cluster `{}`", name.value);
    let mut ce = environment(name, o.origin());
    ce.content = crate::source::syntax::canonical(o.node);
    ce.arn = o.string("Id", diags);
    let _ = o.string("Description", diags);
    capacity(&mut o, &mut ce, diags);
    if let Some(groups) = o.obj("Groups", diags) {
        let ctx = groups.ctx;
        for e in groups.node.as_map().unwrap_or(&[]) {
            let ptr = format!(
                "{}/{}",
                groups.ptr,
                crate::source::read::pointer_token(&e.key)
            );
            let Some(mut g) = Obj::new(ctx, &e.value, ptr, diags) else {
                continue;
            };
            capacity(&mut g, &mut ce, diags);
            let group = format!("group `{}` of {owner}", e.key);
            for key in ["DesiredVMCount", "HostnamePrefix", "ImageId", "Mode"] {
                vm_only(&mut g, key, &group, diags);
            }
            g.finish(diags);
        }
    }
    // The VM image hosted the tasks' containers (a task without one is B2A405).
    o.ignore(&["ImageId"]);
    reserve_on_fail(&mut o, &owner, diags);
    for key in [
        "UserData",
        "Bootstrap",
        "Notification",
        "ScheduleType",
        "PasswordInherit",
        "DependencyIsvService",
    ] {
        vm_only(&mut o, key, &owner, diags);
    }
    let mut defaults = Container {
        environment: o.string_map("EnvVars", diags),
        ..Container::default()
    };
    if let Some(mut configs) = o.obj("Configs", diags) {
        let (total, data) = disks(&mut configs, &owner, diags);
        ce.disk_gib = total;
        vm_only(&mut configs, "Networks", &owner, diags);
        let mut storage = Storage::default();
        if let Some(m) = configs.obj("Mounts", diags) {
            storage.mounts(m, diags);
        }
        if let Some(d) = data {
            storage.scratch(d, diags);
        }
        configs.finish(diags);
        storage.finish(&mut defaults, &mut Vec::new(), diags);
    }
    if defaults != Container::default() {
        ce.task_defaults = Some(Box::new(defaults));
    }
    settle_spot(&mut ce, diags);
    o.finish(diags);
    Some(ce)
}
