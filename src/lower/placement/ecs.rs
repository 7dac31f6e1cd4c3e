//! Alibaba Cloud instance types (`ecs.*`, `bcs.*`): their vCPUs, memory and GPUs.
//!
//! BatchCompute gave every task instance a whole VM of its `InstanceType`; ECI and ACS size a pod
//! instead, so the compiler needs what the type name says. Known types come from a table taken
//! from Alibaba's documentation. Other ECS names are read from their parts,
//! `ecs.<family>[-<variant>].<size>`: the size word gives the vCPUs, the family its memory per
//! vCPU and its GPU model, and a GPU variant such as `-c8g1` (8 vCPUs to 1 GPU) or `-2x` the
//! GPU count.

/// What an instance type name says about one instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub vcpus: u32,
    pub memory_mib: u64,
    pub gpus: u32,
    /// The GPU model series as ACS's `alibabacloud.com/gpu-model-series` label names it (e.g. "T4", "A10", "V100", "P100", "P4", "A100").
    pub gpu_model: Option<&'static str>,
    /// Read from the table of known types, rather than derived from the name's size word.
    pub exact: bool,
}

/// `ecs.<family>.<size>` or BatchCompute's own `bcs.*` types; `None` for anything else (including AWS names).
pub fn size(instance_type: &str) -> Option<Size> {
    let lower = instance_type.trim().to_ascii_lowercase();
    if let Some(&(_, vcpus, memory_mib)) = BCS.iter().find(|row| row.0 == lower) {
        return Some(Size {
            vcpus,
            memory_mib,
            gpus: 0,
            gpu_model: None,
            exact: true,
        });
    }
    let name = Name::parse(&lower)?;
    let family = family(name.base);
    let gpu_model = family.and_then(|f| f.gpu);
    if let Some(&(_, vcpus, memory_mib, gpus)) = ECS.iter().find(|row| row.0 == lower) {
        return Some(Size {
            vcpus,
            memory_mib,
            gpus,
            gpu_model,
            exact: true,
        });
    }
    derive(&name, family)
}

/// Whether the type is an Alibaba ECS type (`ecs.` prefix, case-insensitive), which ECI accepts by name in `eci-use-specs`.
///
/// ECI no longer offers the retired families (`sn1`, `n4`, …); [`eci_spec`] sizes those by vCPUs
/// and memory instead.
pub fn is_ecs(instance_type: &str) -> bool {
    instance_type
        .trim()
        .get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("ecs."))
}

/// The `eci-use-specs` entry for the type: ECS types by name, `bcs.*` types as `"<vcpus>-<memory>Gi"`; `None` when unknown.
///
/// ECS types of families ECI no longer offers are sized as `"<vcpus>-<memory>Gi"` too, or `None`
/// when they have GPUs; old `vgn6i` types become the `vgn6i-vws` type of the same size, which
/// replaced them.
pub fn eci_spec(instance_type: &str) -> Option<String> {
    let lower = instance_type.trim().to_ascii_lowercase();
    if let Some(&(_, vcpus, memory_mib)) = BCS.iter().find(|row| row.0 == lower) {
        return Some(vcpus_memory(vcpus, memory_mib));
    }
    let name = Name::parse(&lower)?;
    let size = size(&lower)?;
    if family(name.base).is_none_or(|f| f.on_eci) {
        if name.base == "vgn6i" && !name.parts().any(|part| part == "vws") {
            return Some(format!("ecs.vgn6i{}-vws.{}", name.variant, name.size));
        }
        return Some(lower);
    }
    (size.gpus == 0).then(|| vcpus_memory(size.vcpus, size.memory_mib))
}

/// Whether ACS should run it with `compute-class: performance` (compute-optimised families: c*, hfc*, ic*); GPU types never.
///
/// `sn1` and `sn1ne`, the compute-optimised families before `c5`, count too.
pub fn compute_optimised(instance_type: &str) -> bool {
    let lower = instance_type.trim().to_ascii_lowercase();
    let (Some(name), Some(size)) = (Name::parse(&lower), size(&lower)) else {
        return false;
    };
    let base = name.base;
    size.gpus == 0
        && (base.starts_with('c')
            || base.starts_with("hfc")
            || base.starts_with("ic")
            || base == "sn1"
            || base == "sn1ne")
}

/// `"<vcpus>-<memory>Gi"`, memory rounded up to whole GiB (ECI rounds a spec up to one it offers).
fn vcpus_memory(vcpus: u32, memory_mib: u64) -> String {
    format!("{vcpus}-{}Gi", memory_mib.div_ceil(G))
}

/// An ECS type name taken apart: `ecs.gn6i-c4g1.xlarge` is base `gn6i`, variant `-c4g1`, size
/// `xlarge`.
struct Name<'a> {
    base: &'a str,
    /// Everything between the base and the size, with its leading `-` (or empty).
    variant: &'a str,
    size: &'a str,
}

impl<'a> Name<'a> {
    /// From a lowercased, trimmed name.
    fn parse(lower: &'a str) -> Option<Name<'a>> {
        let (family, size) = lower.strip_prefix("ecs.")?.split_once('.')?;
        let at = family.find('-').unwrap_or(family.len());
        let (base, variant) = family.split_at(at);
        let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
        let valid = base.starts_with(|c: char| c.is_ascii_lowercase())
            && word(base)
            && variant.split('-').skip(1).all(word)
            && word(size);
        valid.then_some(Name {
            base,
            variant,
            size,
        })
    }

    /// The `-`-separated parts of the variant.
    fn parts(&self) -> impl Iterator<Item = &'a str> {
        self.variant.split('-').skip(1)
    }
}

/// How a family's size words count vCPUs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sizes {
    /// `small` 1, `medium` 2, `large` 2, `xlarge` 4, `<n>xlarge` 4n: every family since `sn1ne`.
    Current,
    /// `small` 1, `medium` 2, `large` 4, `xlarge` 8, `<n>xlarge` 4(n+1): `sn1`, `sn2`, `n1`, `n2`,
    /// `e3` (`ecs.sn2.13xlarge` has 56 vCPUs).
    Old,
    /// No pattern (generation I): only the table's types are known.
    Listed,
}

/// What is known of a family beyond its table rows.
#[derive(Clone, Copy, Debug)]
struct Family {
    name: &'static str,
    sizes: Sizes,
    /// Memory per vCPU, for sizes not in the table (the family's ratio, or its smallest GPU
    /// type's).
    mib_per_vcpu: u64,
    gpu: Option<&'static str>,
    /// ECI still creates it by name (<https://help.aliyun.com/document_detail/607899.htm> lists the
    /// CPU families; the GPU families are those of the ECI GPU page in [`ECS`]'s sources).
    on_eci: bool,
}

const fn cpu(name: &'static str, sizes: Sizes, mib_per_vcpu: u64, on_eci: bool) -> Family {
    Family {
        name,
        sizes,
        mib_per_vcpu,
        gpu: None,
        on_eci,
    }
}

const fn gpu(name: &'static str, mib_per_vcpu: u64, model: &'static str, on_eci: bool) -> Family {
    Family {
        name,
        sizes: Sizes::Current,
        mib_per_vcpu,
        gpu: Some(model),
        on_eci,
    }
}

/// The families whose size pattern, memory ratio, GPU model or absence from ECI the general
/// rules of [`derive()`] would get wrong. Other `c`, `g`, `r`, `hfc`, `hfg` and `hfr`
/// families (`c7a`, `g8i`, …) have 2, 4 and 8 GiB per vCPU; `-c<a>m<b>` variants (`t5`, `t6`,
/// `s6`, `u1`, `e`) say their own ratio.
///
/// GPU models use the names of ACS's `alibabacloud.com/gpu-model-series` label, as
/// `instance.rs` does for EC2's GPUs, so a queue's GPU model is the same whichever dialect the
/// job came from. ACS itself offers only some of them (T4, A10, L20, …).
const FAMILIES: &[Family] = &[
    cpu("t1", Sizes::Listed, 0, false),
    cpu("s1", Sizes::Listed, 0, false),
    cpu("s2", Sizes::Listed, 0, false),
    cpu("s3", Sizes::Listed, 0, false),
    cpu("m1", Sizes::Listed, 0, false),
    cpu("m2", Sizes::Listed, 0, false),
    cpu("c1", Sizes::Listed, 0, false),
    cpu("c2", Sizes::Listed, 0, false),
    cpu("sn1", Sizes::Old, 2 * G, false),
    cpu("sn2", Sizes::Old, 4 * G, false),
    cpu("n1", Sizes::Old, 2 * G, false),
    cpu("n2", Sizes::Old, 4 * G, false),
    cpu("e3", Sizes::Old, 8 * G, false),
    cpu("sn1ne", Sizes::Current, 2 * G, true),
    cpu("sn2ne", Sizes::Current, 4 * G, true),
    cpu("se1ne", Sizes::Current, 8 * G, true),
    cpu("se1", Sizes::Current, 8 * G, true),
    cpu("xn4", Sizes::Current, G, false),
    cpu("n4", Sizes::Current, 2 * G, false),
    cpu("mn4", Sizes::Current, 4 * G, false),
    cpu("e4", Sizes::Current, 8 * G, false),
    cpu("c4", Sizes::Current, 2 * G, false),
    cpu("cm4", Sizes::Current, 4 * G, false),
    cpu("ce4", Sizes::Current, 8 * G, false),
    cpu("ic5", Sizes::Current, G, true),
    gpu("gn4", 30 * G / 4, "M40", false),
    gpu("gn5", 30 * G / 4, "P100", true),
    gpu("gn5i", 4 * G, "P4", true),
    gpu("gn6v", 4 * G, "V100", true),
    gpu("gn6e", 92 * G / 12, "V100", true),
    gpu("gn6i", 15 * G / 4, "T4", true),
    gpu("gn7", 94 * G / 12, "A100", true),
    gpu("gn7e", 125 * G / 16, "A100", true),
    gpu("gn7i", 30 * G / 8, "A10", true),
    gpu("gn7s", 60 * G / 8, "A30", true),
    gpu("gn8is", 8 * G, "L20", true),
    gpu("vgn5i", 3 * G, "P4", false),
    gpu("vgn6i", 23 * G / 4, "T4", true),
    gpu("vgn7i", 30 * G / 4, "A10", true),
    gpu("sgn7i", 31 * G / 8, "A10", true),
];

fn family(base: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.name == base)
}

/// A type not in the table, from its name: `None` unless its family's memory per vCPU is known.
fn derive(name: &Name<'_>, family: Option<&Family>) -> Option<Size> {
    let ratio = name.parts().find_map(|part| {
        // `c1m2`, `lc1m2` (burstable with a low baseline): vCPUs to GiB.
        let (a, b) = letters_numbers(part.strip_prefix('l').unwrap_or(part), 'c', 'm')?;
        Some(b.checked_mul(G)? / a)
    });
    let (sizes, mib_per_vcpu, gpu) = match (ratio, family) {
        (Some(ratio), _) => (Sizes::Current, ratio, None),
        (None, Some(f)) => (f.sizes, f.mib_per_vcpu, f.gpu),
        (None, None) => (Sizes::Current, ratio_by_letter(name.base)?, None),
    };
    let vcpus = vcpus(name.size, sizes)?;
    let gpus = match gpu {
        None => 0,
        Some(_) => gpus(name, vcpus)?,
    };
    Some(Size {
        vcpus,
        memory_mib: u64::from(vcpus).checked_mul(mib_per_vcpu)?,
        gpus,
        gpu_model: gpu,
        exact: false,
    })
}

/// Memory per vCPU of the plain compute (`c`), general-purpose (`g`) and memory (`r`) families,
/// with or without the high clock speed prefix `hf`: `c7`, `g8i`, `hfr7`, `c6a`, ….
fn ratio_by_letter(base: &str) -> Option<u64> {
    let rest = base.strip_prefix("hf").unwrap_or(base);
    let mut chars = rest.chars();
    let letter = chars.next()?;
    let tail = chars.as_str();
    let generation = tail.trim_end_matches(|c: char| c.is_ascii_lowercase());
    if generation.is_empty() || !generation.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match letter {
        'c' => Some(2 * G),
        'g' => Some(4 * G),
        'r' => Some(8 * G),
        _ => None,
    }
}

/// The vCPUs a size word stands for.
fn vcpus(word: &str, sizes: Sizes) -> Option<u32> {
    let old = match sizes {
        Sizes::Current => false,
        Sizes::Old => true,
        Sizes::Listed => return None,
    };
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (n, word) = word.split_at(digits);
    if n.is_empty() {
        return match word {
            "nano" | "micro" | "tiny" | "small" => Some(1),
            "medium" => Some(2),
            "large" => Some(if old { 4 } else { 2 }),
            "xlarge" => Some(if old { 8 } else { 4 }),
            _ => None,
        };
    }
    if word != "xlarge" || n.starts_with('0') {
        return None;
    }
    let n: u32 = n.parse().ok()?;
    n.checked_add(u32::from(old))?.checked_mul(4)
}

/// The GPUs of a GPU family's type: `-c<n>g<m>` is n vCPUs to m GPUs, `-<k>x` k GPUs, a vGPU
/// type one slice, anything else one GPU.
fn gpus(name: &Name<'_>, vcpus: u32) -> Option<u32> {
    if name.base.starts_with("vgn") || name.base.starts_with("sgn") {
        return Some(1);
    }
    for part in name.parts() {
        if let Some((n, m)) = letters_numbers(part, 'c', 'g') {
            let gpus = u64::from(vcpus).checked_mul(m)?.div_ceil(n);
            return u32::try_from(gpus.max(1)).ok();
        }
        if let Some(k) = part.strip_suffix('x') {
            if !k.starts_with('0') {
                if let Ok(k) = k.parse::<u32>() {
                    return Some(k);
                }
            }
        }
    }
    Some(1)
}

/// `(4, 1)` from `c4g1` with letters `c` and `g`; both numbers positive.
fn letters_numbers(part: &str, first: char, second: char) -> Option<(u64, u64)> {
    let (a, b) = part.strip_prefix(first)?.split_once(second)?;
    let number = |s: &str| -> Option<u64> {
        if s.is_empty() || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    Some((number(a)?, number(b)?))
}

/// MiB in a GiB.
const G: u64 = 1024;

/// BatchCompute's own types, which ECI has no name for (batchcompute.md §1.3, from the `bcs`
/// CLI's table): `(type, vCPUs, MiB)`.
const BCS: &[(&str, u32, u64)] = &[
    ("bcs.a2.large", 4, 8 * G),
    ("bcs.a2.xlarge", 8, 16 * G),
    ("bcs.a2.3xlarge", 16, 32 * G),
    ("bcs.a2.4xlarge", 20, 40 * G),
    ("bcs.b2.3xlarge", 16, 32 * G),
    ("bcs.b4.xlarge", 8, 32 * G),
    ("bcs.b4.3xlarge", 16, 64 * G),
    ("bcs.b4.4xlarge", 20, 80 * G),
    ("bcs.b4.5xlarge", 24, 96 * G),
];

/// The ECS types BatchCompute users ran, and their successors on ECI: `(type, vCPUs, MiB,
/// GPUs)`; the GPU model is the family's (see [`FAMILIES`]).
///
/// Sources (Alibaba Cloud ECS documentation):
/// 1. Instance families (general purpose, compute optimized, memory optimized, high clock
///    speed): <https://www.alibabacloud.com/help/en/elastic-compute-service/latest/instance-type-families>
///    and its family pages, as of 2021 in the documentation repository
///    <https://github.com/AlibabaCloudDocs/ecs> (`intl.en-US/Instance/Instance type families/`).
/// 2. Shared instance families:
///    <https://www.alibabacloud.com/help/en/elastic-compute-service/latest/shared-instance-families>
/// 3. Burstable instances: the same repository, `…/Burstable instance types/Overview.md`.
/// 4. Retired instance types (sn1, sn2, n1, n2, e3, gn4, generation I): the same
///    repository, `…/Retired instance types.md`.
/// 5. GPU-accelerated compute optimized instance types, as of 2021: the same repository,
///    `…/Compute optimized type family with GPU/GPU-accelerated compute optimized instance types.md`.
/// 6. GPU families today (sgn7i-vws, vgn7i-vws, vgn6i-vws, gn8is, gn7e, gn7i, gn7s, gn7, gn6i,
///    gn6e, gn6v): help.aliyun.com, ECS user guide, "GPU计算型实例规格族" (read in 2026; its
///    gn7 memory is 94/378/756 GiB where 2021's said 95/380/760, and gn6i's 15 GiB replaced
///    an early 16). ECI runs the families listed at
///    <https://help.aliyun.com/en/eci/user-guide/create-a-pod-by-specifying-the-gpu-specification>;
///    `c<n>g<m>` naming: <https://help.aliyun.com/en/egs/instance-naming-conventions>
const ECS: &[(&str, u32, u64, u32)] = &[
    // Generation I (t1, s1, s2, s3, m1, m2, c1, c2): retired, sizes follow no pattern [4].
    ("ecs.t1.small", 1, G, 0),
    ("ecs.s1.small", 1, 2 * G, 0),
    ("ecs.s1.medium", 1, 4 * G, 0),
    ("ecs.s1.large", 1, 8 * G, 0),
    ("ecs.s2.small", 2, 2 * G, 0),
    ("ecs.s2.large", 2, 4 * G, 0),
    ("ecs.s2.xlarge", 2, 8 * G, 0),
    ("ecs.s2.2xlarge", 2, 16 * G, 0),
    ("ecs.s3.medium", 4, 4 * G, 0),
    ("ecs.s3.large", 4, 8 * G, 0),
    ("ecs.m1.medium", 4, 16 * G, 0),
    ("ecs.m1.xlarge", 8, 32 * G, 0),
    ("ecs.m2.medium", 4, 32 * G, 0),
    ("ecs.c1.small", 8, 8 * G, 0),
    ("ecs.c1.large", 8, 16 * G, 0),
    ("ecs.c2.medium", 16, 16 * G, 0),
    ("ecs.c2.large", 16, 32 * G, 0),
    ("ecs.c2.xlarge", 16, 64 * G, 0),
    // sn1, sn2 and the shared n1, n2, e3: retired, with older size words (`large` = 4 vCPUs) [4].
    ("ecs.sn1.medium", 2, 4 * G, 0),
    ("ecs.sn1.large", 4, 8 * G, 0),
    ("ecs.sn1.xlarge", 8, 16 * G, 0),
    ("ecs.sn1.3xlarge", 16, 32 * G, 0),
    ("ecs.sn1.7xlarge", 32, 64 * G, 0),
    ("ecs.sn2.medium", 2, 8 * G, 0),
    ("ecs.sn2.large", 4, 16 * G, 0),
    ("ecs.sn2.xlarge", 8, 32 * G, 0),
    ("ecs.sn2.3xlarge", 16, 64 * G, 0),
    ("ecs.sn2.7xlarge", 32, 128 * G, 0),
    ("ecs.sn2.13xlarge", 56, 224 * G, 0),
    ("ecs.n1.tiny", 1, G, 0),
    ("ecs.n1.small", 1, 2 * G, 0),
    ("ecs.n1.medium", 2, 4 * G, 0),
    ("ecs.n1.large", 4, 8 * G, 0),
    ("ecs.n1.xlarge", 8, 16 * G, 0),
    ("ecs.n1.3xlarge", 16, 32 * G, 0),
    ("ecs.n1.7xlarge", 32, 64 * G, 0),
    ("ecs.n2.small", 1, 4 * G, 0),
    ("ecs.n2.medium", 2, 8 * G, 0),
    ("ecs.n2.large", 4, 16 * G, 0),
    ("ecs.n2.xlarge", 8, 32 * G, 0),
    ("ecs.n2.3xlarge", 16, 64 * G, 0),
    ("ecs.n2.7xlarge", 32, 128 * G, 0),
    ("ecs.e3.small", 1, 8 * G, 0),
    ("ecs.e3.medium", 2, 16 * G, 0),
    ("ecs.e3.large", 4, 32 * G, 0),
    ("ecs.e3.xlarge", 8, 64 * G, 0),
    ("ecs.e3.3xlarge", 16, 128 * G, 0),
    // Network-enhanced sn1ne, sn2ne, se1ne and se1 (1:2, 1:4, 1:8) [1].
    ("ecs.sn1ne.large", 2, 4 * G, 0),
    ("ecs.sn1ne.xlarge", 4, 8 * G, 0),
    ("ecs.sn1ne.2xlarge", 8, 16 * G, 0),
    ("ecs.sn1ne.3xlarge", 12, 24 * G, 0),
    ("ecs.sn1ne.4xlarge", 16, 32 * G, 0),
    ("ecs.sn1ne.6xlarge", 24, 48 * G, 0),
    ("ecs.sn1ne.8xlarge", 32, 64 * G, 0),
    ("ecs.sn2ne.large", 2, 8 * G, 0),
    ("ecs.sn2ne.xlarge", 4, 16 * G, 0),
    ("ecs.sn2ne.2xlarge", 8, 32 * G, 0),
    ("ecs.sn2ne.3xlarge", 12, 48 * G, 0),
    ("ecs.sn2ne.4xlarge", 16, 64 * G, 0),
    ("ecs.sn2ne.6xlarge", 24, 96 * G, 0),
    ("ecs.sn2ne.8xlarge", 32, 128 * G, 0),
    ("ecs.sn2ne.14xlarge", 56, 224 * G, 0),
    ("ecs.se1ne.large", 2, 16 * G, 0),
    ("ecs.se1ne.xlarge", 4, 32 * G, 0),
    ("ecs.se1ne.2xlarge", 8, 64 * G, 0),
    ("ecs.se1ne.3xlarge", 12, 96 * G, 0),
    ("ecs.se1ne.4xlarge", 16, 128 * G, 0),
    ("ecs.se1ne.6xlarge", 24, 192 * G, 0),
    ("ecs.se1ne.8xlarge", 32, 256 * G, 0),
    ("ecs.se1ne.14xlarge", 56, 480 * G, 0),
    ("ecs.se1.large", 2, 16 * G, 0),
    ("ecs.se1.xlarge", 4, 32 * G, 0),
    ("ecs.se1.2xlarge", 8, 64 * G, 0),
    ("ecs.se1.4xlarge", 16, 128 * G, 0),
    ("ecs.se1.8xlarge", 32, 256 * G, 0),
    ("ecs.se1.14xlarge", 56, 480 * G, 0),
    // Shared (entry-level) n4 generation [2].
    ("ecs.xn4.small", 1, G, 0),
    ("ecs.n4.small", 1, 2 * G, 0),
    ("ecs.n4.large", 2, 4 * G, 0),
    ("ecs.n4.xlarge", 4, 8 * G, 0),
    ("ecs.n4.2xlarge", 8, 16 * G, 0),
    ("ecs.n4.4xlarge", 16, 32 * G, 0),
    ("ecs.n4.8xlarge", 32, 64 * G, 0),
    ("ecs.mn4.small", 1, 4 * G, 0),
    ("ecs.mn4.large", 2, 8 * G, 0),
    ("ecs.mn4.xlarge", 4, 16 * G, 0),
    ("ecs.mn4.2xlarge", 8, 32 * G, 0),
    ("ecs.mn4.4xlarge", 16, 64 * G, 0),
    ("ecs.mn4.8xlarge", 32, 128 * G, 0),
    ("ecs.e4.small", 1, 8 * G, 0),
    ("ecs.e4.large", 2, 16 * G, 0),
    ("ecs.e4.xlarge", 4, 32 * G, 0),
    ("ecs.e4.2xlarge", 8, 64 * G, 0),
    ("ecs.e4.4xlarge", 16, 128 * G, 0),
    // Compute-intensive (1:1), compute (1:2), general-purpose (1:4), memory (1:8) [1].
    ("ecs.ic5.large", 2, 2 * G, 0),
    ("ecs.ic5.xlarge", 4, 4 * G, 0),
    ("ecs.ic5.2xlarge", 8, 8 * G, 0),
    ("ecs.ic5.3xlarge", 12, 12 * G, 0),
    ("ecs.ic5.4xlarge", 16, 16 * G, 0),
    ("ecs.c5.large", 2, 4 * G, 0),
    ("ecs.c5.xlarge", 4, 8 * G, 0),
    ("ecs.c5.2xlarge", 8, 16 * G, 0),
    ("ecs.c5.3xlarge", 12, 24 * G, 0),
    ("ecs.c5.4xlarge", 16, 32 * G, 0),
    ("ecs.c5.6xlarge", 24, 48 * G, 0),
    ("ecs.c5.8xlarge", 32, 64 * G, 0),
    ("ecs.c5.16xlarge", 64, 128 * G, 0),
    ("ecs.g5.large", 2, 8 * G, 0),
    ("ecs.g5.xlarge", 4, 16 * G, 0),
    ("ecs.g5.2xlarge", 8, 32 * G, 0),
    ("ecs.g5.3xlarge", 12, 48 * G, 0),
    ("ecs.g5.4xlarge", 16, 64 * G, 0),
    ("ecs.g5.6xlarge", 24, 96 * G, 0),
    ("ecs.g5.8xlarge", 32, 128 * G, 0),
    ("ecs.g5.16xlarge", 64, 256 * G, 0),
    ("ecs.r5.large", 2, 16 * G, 0),
    ("ecs.r5.xlarge", 4, 32 * G, 0),
    ("ecs.r5.2xlarge", 8, 64 * G, 0),
    ("ecs.r5.3xlarge", 12, 96 * G, 0),
    ("ecs.r5.4xlarge", 16, 128 * G, 0),
    ("ecs.r5.6xlarge", 24, 192 * G, 0),
    ("ecs.r5.8xlarge", 32, 256 * G, 0),
    ("ecs.r5.16xlarge", 64, 512 * G, 0),
    ("ecs.c6.large", 2, 4 * G, 0),
    ("ecs.c6.xlarge", 4, 8 * G, 0),
    ("ecs.c6.2xlarge", 8, 16 * G, 0),
    ("ecs.c6.3xlarge", 12, 24 * G, 0),
    ("ecs.c6.4xlarge", 16, 32 * G, 0),
    ("ecs.c6.6xlarge", 24, 48 * G, 0),
    ("ecs.c6.8xlarge", 32, 64 * G, 0),
    ("ecs.c6.13xlarge", 52, 96 * G, 0),
    ("ecs.c6.26xlarge", 104, 192 * G, 0),
    ("ecs.g6.large", 2, 8 * G, 0),
    ("ecs.g6.xlarge", 4, 16 * G, 0),
    ("ecs.g6.2xlarge", 8, 32 * G, 0),
    ("ecs.g6.3xlarge", 12, 48 * G, 0),
    ("ecs.g6.4xlarge", 16, 64 * G, 0),
    ("ecs.g6.6xlarge", 24, 96 * G, 0),
    ("ecs.g6.8xlarge", 32, 128 * G, 0),
    ("ecs.g6.13xlarge", 52, 192 * G, 0),
    ("ecs.g6.26xlarge", 104, 384 * G, 0),
    ("ecs.r6.large", 2, 16 * G, 0),
    ("ecs.r6.xlarge", 4, 32 * G, 0),
    ("ecs.r6.2xlarge", 8, 64 * G, 0),
    ("ecs.r6.3xlarge", 12, 96 * G, 0),
    ("ecs.r6.4xlarge", 16, 128 * G, 0),
    ("ecs.r6.6xlarge", 24, 192 * G, 0),
    ("ecs.r6.8xlarge", 32, 256 * G, 0),
    ("ecs.r6.13xlarge", 52, 384 * G, 0),
    ("ecs.r6.26xlarge", 104, 768 * G, 0),
    ("ecs.c7.large", 2, 4 * G, 0),
    ("ecs.c7.xlarge", 4, 8 * G, 0),
    ("ecs.c7.2xlarge", 8, 16 * G, 0),
    ("ecs.c7.3xlarge", 12, 24 * G, 0),
    ("ecs.c7.4xlarge", 16, 32 * G, 0),
    ("ecs.c7.6xlarge", 24, 48 * G, 0),
    ("ecs.c7.8xlarge", 32, 64 * G, 0),
    ("ecs.c7.16xlarge", 64, 128 * G, 0),
    ("ecs.c7.32xlarge", 128, 256 * G, 0),
    ("ecs.g7.large", 2, 8 * G, 0),
    ("ecs.g7.xlarge", 4, 16 * G, 0),
    ("ecs.g7.2xlarge", 8, 32 * G, 0),
    ("ecs.g7.3xlarge", 12, 48 * G, 0),
    ("ecs.g7.4xlarge", 16, 64 * G, 0),
    ("ecs.g7.6xlarge", 24, 96 * G, 0),
    ("ecs.g7.8xlarge", 32, 128 * G, 0),
    ("ecs.g7.16xlarge", 64, 256 * G, 0),
    ("ecs.g7.32xlarge", 128, 512 * G, 0),
    ("ecs.r7.large", 2, 16 * G, 0),
    ("ecs.r7.xlarge", 4, 32 * G, 0),
    ("ecs.r7.2xlarge", 8, 64 * G, 0),
    ("ecs.r7.3xlarge", 12, 96 * G, 0),
    ("ecs.r7.4xlarge", 16, 128 * G, 0),
    ("ecs.r7.6xlarge", 24, 192 * G, 0),
    ("ecs.r7.8xlarge", 32, 256 * G, 0),
    ("ecs.r7.16xlarge", 64, 512 * G, 0),
    ("ecs.r7.32xlarge", 128, 1024 * G, 0),
    // High clock speed [1].
    ("ecs.hfc5.large", 2, 4 * G, 0),
    ("ecs.hfc5.xlarge", 4, 8 * G, 0),
    ("ecs.hfc5.2xlarge", 8, 16 * G, 0),
    ("ecs.hfc5.3xlarge", 12, 24 * G, 0),
    ("ecs.hfc5.4xlarge", 16, 32 * G, 0),
    ("ecs.hfc5.6xlarge", 24, 48 * G, 0),
    ("ecs.hfc5.8xlarge", 32, 64 * G, 0),
    ("ecs.hfg5.large", 2, 8 * G, 0),
    ("ecs.hfg5.xlarge", 4, 16 * G, 0),
    ("ecs.hfg5.2xlarge", 8, 32 * G, 0),
    ("ecs.hfg5.3xlarge", 12, 48 * G, 0),
    ("ecs.hfg5.4xlarge", 16, 64 * G, 0),
    ("ecs.hfg5.6xlarge", 24, 96 * G, 0),
    ("ecs.hfg5.8xlarge", 32, 128 * G, 0),
    ("ecs.hfg5.14xlarge", 56, 160 * G, 0),
    ("ecs.hfc6.large", 2, 4 * G, 0),
    ("ecs.hfc6.xlarge", 4, 8 * G, 0),
    ("ecs.hfc6.2xlarge", 8, 16 * G, 0),
    ("ecs.hfc6.3xlarge", 12, 24 * G, 0),
    ("ecs.hfc6.4xlarge", 16, 32 * G, 0),
    ("ecs.hfc6.6xlarge", 24, 48 * G, 0),
    ("ecs.hfc6.8xlarge", 32, 64 * G, 0),
    ("ecs.hfc6.10xlarge", 40, 96 * G, 0),
    ("ecs.hfc6.16xlarge", 64, 128 * G, 0),
    ("ecs.hfc6.20xlarge", 80, 192 * G, 0),
    ("ecs.hfg6.large", 2, 8 * G, 0),
    ("ecs.hfg6.xlarge", 4, 16 * G, 0),
    ("ecs.hfg6.2xlarge", 8, 32 * G, 0),
    ("ecs.hfg6.3xlarge", 12, 48 * G, 0),
    ("ecs.hfg6.4xlarge", 16, 64 * G, 0),
    ("ecs.hfg6.6xlarge", 24, 96 * G, 0),
    ("ecs.hfg6.8xlarge", 32, 128 * G, 0),
    ("ecs.hfg6.10xlarge", 40, 192 * G, 0),
    ("ecs.hfg6.16xlarge", 64, 256 * G, 0),
    ("ecs.hfg6.20xlarge", 80, 384 * G, 0),
    ("ecs.hfr6.large", 2, 16 * G, 0),
    ("ecs.hfr6.xlarge", 4, 32 * G, 0),
    ("ecs.hfr6.2xlarge", 8, 64 * G, 0),
    ("ecs.hfr6.3xlarge", 12, 96 * G, 0),
    ("ecs.hfr6.4xlarge", 16, 128 * G, 0),
    ("ecs.hfr6.6xlarge", 24, 192 * G, 0),
    ("ecs.hfr6.8xlarge", 32, 256 * G, 0),
    ("ecs.hfr6.10xlarge", 40, 384 * G, 0),
    ("ecs.hfr6.16xlarge", 64, 512 * G, 0),
    ("ecs.hfr6.20xlarge", 80, 768 * G, 0),
    ("ecs.hfc7.large", 2, 4 * G, 0),
    ("ecs.hfc7.xlarge", 4, 8 * G, 0),
    ("ecs.hfc7.2xlarge", 8, 16 * G, 0),
    ("ecs.hfc7.3xlarge", 12, 24 * G, 0),
    ("ecs.hfc7.4xlarge", 16, 32 * G, 0),
    ("ecs.hfc7.6xlarge", 24, 48 * G, 0),
    ("ecs.hfc7.8xlarge", 32, 64 * G, 0),
    ("ecs.hfc7.12xlarge", 48, 96 * G, 0),
    ("ecs.hfc7.24xlarge", 96, 192 * G, 0),
    ("ecs.hfg7.large", 2, 8 * G, 0),
    ("ecs.hfg7.xlarge", 4, 16 * G, 0),
    ("ecs.hfg7.2xlarge", 8, 32 * G, 0),
    ("ecs.hfg7.3xlarge", 12, 48 * G, 0),
    ("ecs.hfg7.4xlarge", 16, 64 * G, 0),
    ("ecs.hfg7.6xlarge", 24, 96 * G, 0),
    ("ecs.hfg7.8xlarge", 32, 128 * G, 0),
    ("ecs.hfg7.12xlarge", 48, 192 * G, 0),
    ("ecs.hfg7.24xlarge", 96, 384 * G, 0),
    ("ecs.hfr7.large", 2, 16 * G, 0),
    ("ecs.hfr7.xlarge", 4, 32 * G, 0),
    ("ecs.hfr7.2xlarge", 8, 64 * G, 0),
    ("ecs.hfr7.3xlarge", 12, 96 * G, 0),
    ("ecs.hfr7.4xlarge", 16, 128 * G, 0),
    ("ecs.hfr7.6xlarge", 24, 192 * G, 0),
    ("ecs.hfr7.8xlarge", 32, 256 * G, 0),
    ("ecs.hfr7.12xlarge", 48, 384 * G, 0),
    ("ecs.hfr7.24xlarge", 96, 768 * G, 0),
    // Burstable: the `-c<a>m<b>` part is the vCPU-to-memory ratio [3].
    ("ecs.t5-lc2m1.nano", 1, G / 2, 0),
    ("ecs.t5-lc1m1.small", 1, G, 0),
    ("ecs.t5-lc1m2.small", 1, 2 * G, 0),
    ("ecs.t5-c1m1.large", 2, 2 * G, 0),
    ("ecs.t5-c1m2.large", 2, 4 * G, 0),
    ("ecs.t5-lc1m2.large", 2, 4 * G, 0),
    ("ecs.t5-c1m4.large", 2, 8 * G, 0),
    ("ecs.t5-lc1m4.large", 2, 8 * G, 0),
    ("ecs.t5-c1m1.xlarge", 4, 4 * G, 0),
    ("ecs.t5-c1m2.xlarge", 4, 8 * G, 0),
    ("ecs.t5-c1m4.xlarge", 4, 16 * G, 0),
    ("ecs.t5-c1m1.2xlarge", 8, 8 * G, 0),
    ("ecs.t5-c1m2.2xlarge", 8, 16 * G, 0),
    ("ecs.t5-c1m4.2xlarge", 8, 32 * G, 0),
    ("ecs.t5-c1m1.4xlarge", 16, 16 * G, 0),
    ("ecs.t5-c1m2.4xlarge", 16, 32 * G, 0),
    ("ecs.t6-c4m1.large", 2, G / 2, 0),
    ("ecs.t6-c2m1.large", 2, G, 0),
    ("ecs.t6-c1m1.large", 2, 2 * G, 0),
    ("ecs.t6-c1m2.large", 2, 4 * G, 0),
    ("ecs.t6-c1m4.large", 2, 8 * G, 0),
    ("ecs.t6-c1m4.xlarge", 4, 16 * G, 0),
    ("ecs.t6-c1m4.2xlarge", 8, 32 * G, 0),
    // GPU, whole cards: gn4 from [4]; gn5, gn5i and gn7i-c80g1 from [5]; the rest from [6].
    ("ecs.gn4-c4g1.xlarge", 4, 30 * G, 1),
    ("ecs.gn4-c8g1.2xlarge", 8, 30 * G, 1),
    ("ecs.gn4-c4g1.2xlarge", 8, 60 * G, 2),
    ("ecs.gn4-c8g1.4xlarge", 16, 60 * G, 2),
    ("ecs.gn4.8xlarge", 32, 48 * G, 1),
    ("ecs.gn4.14xlarge", 56, 96 * G, 2),
    ("ecs.gn5-c4g1.xlarge", 4, 30 * G, 1),
    ("ecs.gn5-c4g1.2xlarge", 8, 60 * G, 2),
    ("ecs.gn5-c8g1.2xlarge", 8, 60 * G, 1),
    ("ecs.gn5-c8g1.4xlarge", 16, 120 * G, 2),
    ("ecs.gn5-c28g1.7xlarge", 28, 112 * G, 1),
    ("ecs.gn5-c8g1.8xlarge", 32, 240 * G, 4),
    ("ecs.gn5-c8g1.14xlarge", 54, 480 * G, 8),
    ("ecs.gn5-c28g1.14xlarge", 56, 224 * G, 2),
    ("ecs.gn5i-c2g1.large", 2, 8 * G, 1),
    ("ecs.gn5i-c4g1.xlarge", 4, 16 * G, 1),
    ("ecs.gn5i-c8g1.2xlarge", 8, 32 * G, 1),
    ("ecs.gn5i-c16g1.4xlarge", 16, 64 * G, 1),
    ("ecs.gn5i-c16g1.8xlarge", 32, 128 * G, 2),
    ("ecs.gn5i-c28g1.14xlarge", 56, 224 * G, 2),
    ("ecs.gn6v-c8g1.2xlarge", 8, 32 * G, 1),
    ("ecs.gn6v-c8g1.4xlarge", 16, 64 * G, 2),
    ("ecs.gn6v-c8g1.8xlarge", 32, 128 * G, 4),
    ("ecs.gn6v-c8g1.16xlarge", 64, 256 * G, 8),
    ("ecs.gn6v-c10g1.20xlarge", 82, 336 * G, 8),
    ("ecs.gn6e-c12g1.3xlarge", 12, 92 * G, 1),
    ("ecs.gn6e-c12g1.6xlarge", 24, 184 * G, 2),
    ("ecs.gn6e-c12g1.12xlarge", 48, 368 * G, 4),
    ("ecs.gn6e-c12g1.24xlarge", 96, 736 * G, 8),
    ("ecs.gn6i-c4g1.xlarge", 4, 15 * G, 1),
    ("ecs.gn6i-c8g1.2xlarge", 8, 31 * G, 1),
    ("ecs.gn6i-c16g1.4xlarge", 16, 62 * G, 1),
    ("ecs.gn6i-c24g1.6xlarge", 24, 93 * G, 1),
    ("ecs.gn6i-c40g1.10xlarge", 40, 155 * G, 1),
    ("ecs.gn6i-c24g1.12xlarge", 48, 186 * G, 2),
    ("ecs.gn6i-c24g1.24xlarge", 96, 372 * G, 4),
    ("ecs.gn7-c12g1.3xlarge", 12, 94 * G, 1),
    ("ecs.gn7-c13g1.13xlarge", 52, 378 * G, 4),
    ("ecs.gn7-c13g1.26xlarge", 104, 756 * G, 8),
    ("ecs.gn7e-c16g1.4xlarge", 16, 125 * G, 1),
    ("ecs.gn7e-c16g1.8xlarge", 32, 250 * G, 2),
    ("ecs.gn7e-c16g1.16xlarge", 64, 500 * G, 4),
    ("ecs.gn7e-c16g1.32xlarge", 128, 1000 * G, 8),
    ("ecs.gn7i-c8g1.2xlarge", 8, 30 * G, 1),
    ("ecs.gn7i-c16g1.4xlarge", 16, 60 * G, 1),
    ("ecs.gn7i-2x.8xlarge", 32, 128 * G, 2),
    ("ecs.gn7i-4x.8xlarge", 32, 128 * G, 4),
    ("ecs.gn7i-c32g1.8xlarge", 32, 188 * G, 1),
    ("ecs.gn7i-c48g1.12xlarge", 48, 310 * G, 1),
    ("ecs.gn7i-c56g1.14xlarge", 56, 346 * G, 1),
    ("ecs.gn7i-4x.16xlarge", 64, 256 * G, 4),
    ("ecs.gn7i-8x.16xlarge", 64, 256 * G, 8),
    ("ecs.gn7i-c32g1.16xlarge", 64, 376 * G, 2),
    ("ecs.gn7i-c80g1.20xlarge", 80, 572 * G, 1),
    ("ecs.gn7i-8x.32xlarge", 128, 512 * G, 8),
    ("ecs.gn7i-c32g1.32xlarge", 128, 752 * G, 4),
    ("ecs.gn7s-c8g1.2xlarge", 8, 60 * G, 1),
    ("ecs.gn7s-c16g1.4xlarge", 16, 120 * G, 1),
    ("ecs.gn7s-c32g1.8xlarge", 32, 250 * G, 1),
    ("ecs.gn7s-c48g1.12xlarge", 48, 380 * G, 1),
    ("ecs.gn7s-c56g1.14xlarge", 56, 440 * G, 1),
    ("ecs.gn7s-c32g1.16xlarge", 64, 500 * G, 2),
    ("ecs.gn7s-c32g1.32xlarge", 128, 1000 * G, 4),
    ("ecs.gn8is.2xlarge", 8, 64 * G, 1),
    ("ecs.gn8is.4xlarge", 16, 128 * G, 1),
    ("ecs.gn8is-2x.8xlarge", 32, 256 * G, 2),
    ("ecs.gn8is-4x.16xlarge", 64, 512 * G, 4),
    ("ecs.gn8is-8x.32xlarge", 128, 1024 * G, 8),
    // vGPU, one slice of a card (`gpus` counts it as one): vgn5i, vgn6i from [5]; the rest from [6].
    ("ecs.vgn5i-m1.large", 2, 6 * G, 1),
    ("ecs.vgn5i-m2.xlarge", 4, 12 * G, 1),
    ("ecs.vgn5i-m4.2xlarge", 8, 24 * G, 1),
    ("ecs.vgn5i-m8.4xlarge", 16, 48 * G, 1),
    ("ecs.vgn6i-m4-vws.xlarge", 4, 23 * G, 1),
    ("ecs.vgn6i-m4.xlarge", 4, 23 * G, 1),
    ("ecs.vgn6i-m8-vws.2xlarge", 10, 46 * G, 1),
    ("ecs.vgn6i-m8.2xlarge", 10, 46 * G, 1),
    ("ecs.vgn6i-m16-vws.5xlarge", 20, 92 * G, 1),
    ("ecs.vgn7i-vws-m4.xlarge", 4, 30 * G, 1),
    ("ecs.vgn7i-vws-m8.2xlarge", 10, 62 * G, 1),
    ("ecs.vgn7i-vws-m12.3xlarge", 14, 93 * G, 1),
    ("ecs.vgn7i-vws-m24.7xlarge", 30, 186 * G, 1),
    ("ecs.sgn7i-vws-m2s.xlarge", 4, 8 * G, 1),
    ("ecs.sgn7i-vws-m2.xlarge", 4, 31 * G / 2, 1),
    ("ecs.sgn7i-vws-m4s.2xlarge", 8, 16 * G, 1),
    ("ecs.sgn7i-vws-m4.2xlarge", 8, 31 * G, 1),
    ("ecs.sgn7i-vws-m8s.4xlarge", 16, 32 * G, 1),
    ("ecs.sgn7i-vws-m8.4xlarge", 16, 62 * G, 1),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(vcpus: u32, gib: u64, gpus: u32, gpu_model: Option<&'static str>) -> Option<Size> {
        Some(Size {
            vcpus,
            memory_mib: gib * G,
            gpus,
            gpu_model,
            exact: true,
        })
    }

    fn derived(
        vcpus: u32,
        memory_mib: u64,
        gpus: u32,
        gpu_model: Option<&'static str>,
    ) -> Option<Size> {
        Some(Size {
            vcpus,
            memory_mib,
            gpus,
            gpu_model,
            exact: false,
        })
    }

    #[test]
    fn table_entries() {
        assert_eq!(size("ecs.gn6i-c4g1.xlarge"), exact(4, 15, 1, Some("T4")));
        assert_eq!(size("ECS.GN6I-C4G1.XLARGE "), exact(4, 15, 1, Some("T4")));
        assert_eq!(size("ecs.sn1.medium"), exact(2, 4, 0, None));
        assert_eq!(size("ecs.sn2.13xlarge"), exact(56, 224, 0, None));
        assert_eq!(size("ecs.sn1ne.2xlarge"), exact(8, 16, 0, None));
        assert_eq!(size("ecs.se1.14xlarge"), exact(56, 480, 0, None));
        assert_eq!(size("ecs.c6.13xlarge"), exact(52, 96, 0, None));
        assert_eq!(size("ecs.hfg5.14xlarge"), exact(56, 160, 0, None));
        assert_eq!(size("ecs.c1.small"), exact(8, 8, 0, None));
        assert_eq!(
            size("ecs.gn5-c8g1.14xlarge"),
            exact(54, 480, 8, Some("P100"))
        );
        assert_eq!(size("ecs.gn5i-c2g1.large"), exact(2, 8, 1, Some("P4")));
        assert_eq!(
            size("ecs.gn6v-c10g1.20xlarge"),
            exact(82, 336, 8, Some("V100"))
        );
        assert_eq!(
            size("ecs.gn6e-c12g1.3xlarge"),
            exact(12, 92, 1, Some("V100"))
        );
        assert_eq!(
            size("ecs.gn7-c13g1.26xlarge"),
            exact(104, 756, 8, Some("A100"))
        );
        assert_eq!(
            size("ecs.gn7e-c16g1.4xlarge"),
            exact(16, 125, 1, Some("A100"))
        );
        assert_eq!(size("ecs.gn7i-c8g1.2xlarge"), exact(8, 30, 1, Some("A10")));
        assert_eq!(size("ecs.gn7i-2x.8xlarge"), exact(32, 128, 2, Some("A10")));
        assert_eq!(size("ecs.vgn6i-m8.2xlarge"), exact(10, 46, 1, Some("T4")));
        assert_eq!(
            size("ecs.sgn7i-vws-m2.xlarge"),
            Some(Size {
                vcpus: 4,
                memory_mib: 15 * G + G / 2,
                gpus: 1,
                gpu_model: Some("A10"),
                exact: true,
            })
        );
        assert_eq!(
            size("ecs.t6-c4m1.large"),
            Some(Size {
                vcpus: 2,
                memory_mib: G / 2,
                gpus: 0,
                gpu_model: None,
                exact: true,
            })
        );
    }

    #[test]
    fn every_bcs_type() {
        for (name, vcpus, gib) in [
            ("bcs.a2.large", 4, 8),
            ("bcs.a2.xlarge", 8, 16),
            ("bcs.a2.3xlarge", 16, 32),
            ("bcs.a2.4xlarge", 20, 40),
            ("bcs.b2.3xlarge", 16, 32),
            ("bcs.b4.xlarge", 8, 32),
            ("bcs.b4.3xlarge", 16, 64),
            ("bcs.b4.4xlarge", 20, 80),
            ("bcs.b4.5xlarge", 24, 96),
        ] {
            assert_eq!(size(name), exact(vcpus, gib, 0, None), "{name}");
            assert_eq!(
                size(&name.to_uppercase()),
                exact(vcpus, gib, 0, None),
                "{name}"
            );
            assert_eq!(eci_spec(name), Some(format!("{vcpus}-{gib}Gi")), "{name}");
            assert!(!is_ecs(name) && !compute_optimised(name), "{name}");
        }
        assert_eq!(BCS.len(), 9);
    }

    #[test]
    fn sizes_not_in_the_table_are_derived() {
        // A known family, an unknown size.
        assert_eq!(size("ecs.g6.64xlarge"), derived(256, 1024 * G, 0, None));
        assert_eq!(size("ecs.sn1ne.16xlarge"), derived(64, 128 * G, 0, None));
        // The old families' size words are one step larger.
        assert_eq!(size("ecs.sn1.15xlarge"), derived(64, 128 * G, 0, None));
        assert_eq!(size("ecs.n2.small"), exact(1, 4, 0, None));
        // Families known only by their letter, and variants that state their ratio.
        assert_eq!(size("ecs.c7a.2xlarge"), derived(8, 16 * G, 0, None));
        assert_eq!(size("ecs.hfr7.16xlarge"), derived(64, 512 * G, 0, None));
        assert_eq!(size("ecs.g8i.medium"), derived(2, 8 * G, 0, None));
        assert_eq!(size("ecs.t5-c1m2.8xlarge"), derived(32, 64 * G, 0, None));
        assert_eq!(size("ecs.u1-c1m4.xlarge"), derived(4, 16 * G, 0, None));
        assert_eq!(size("ecs.t6-lc2m1.large"), derived(2, G, 0, None));
    }

    #[test]
    fn gpus_from_the_name() {
        // `-c8g1`: 8 vCPUs to a GPU, so 16 vCPUs have two.
        assert_eq!(
            size("ecs.gn6i-c8g1.4xlarge"),
            derived(16, 16 * (15 * G / 4), 2, Some("T4"))
        );
        assert_eq!(
            size("ecs.gn7i-c8g1.xlarge"),
            derived(4, 4 * (30 * G / 8), 1, Some("A10"))
        );
        assert_eq!(
            size("ecs.gn6v-c8g1.32xlarge"),
            derived(128, 128 * 4 * G, 16, Some("V100"))
        );
        assert_eq!(
            size("ecs.gn7i-2x.4xlarge"),
            derived(16, 16 * (30 * G / 8), 2, Some("A10"))
        );
        assert_eq!(
            size("ecs.gn8is.8xlarge"),
            derived(32, 32 * 8 * G, 1, Some("L20"))
        );
        assert_eq!(
            size("ecs.vgn7i-vws-m2.large"),
            derived(2, 2 * (30 * G / 4), 1, Some("A10"))
        );
    }

    #[test]
    fn other_names_are_not_alibaba_types() {
        for name in [
            "c5.large",
            "g4dn.xlarge",
            "optimal",
            "",
            "ecs.",
            "ecs.g6",
            "ecs.g6.",
            "ecs..large",
            "ecs.g6.huge",
            "ecs.g6.0xlarge",
            "ecs.g6.02xlarge",
            "ecs.g6.99999999999xlarge",
            "ecs.g6.4294967295xlarge",
            "ecs.g6.large.extra",
            "ecs.g6 .large",
            "ecs.-c4g1.xlarge",
            "ecs.gn6i-.xlarge",
            "ecs.6g.large",
            "ecs.g6.lärge",
            "ecs.zz9.large",
            "ecs.re4.20xlarge",
            "ecs.gn8ia-2x.8xlarge",
            "ecs.ebmgn7e.32xlarge",
            "ecs.c1.xlarge",
            "ecs.t5.large",
            "ecs.t5-c0m2.large",
            "bcs.a2.2xlarge",
            "bcs.",
            "ecs.sn1.medium\u{0}",
        ] {
            assert_eq!(size(name), None, "{name:?}");
            assert_eq!(eci_spec(name), None, "{name:?}");
            assert!(!compute_optimised(name), "{name:?}");
        }
    }

    #[test]
    fn is_ecs_by_prefix() {
        assert!(is_ecs("ecs.g6.large"));
        assert!(is_ecs("ECS.gn6i-c4g1.xlarge"));
        assert!(is_ecs(" ecs.anything"));
        for name in ["bcs.a2.large", "c5.large", "", "ecs", "ec€.g6.large"] {
            assert!(!is_ecs(name), "{name}");
        }
    }

    #[test]
    fn eci_specs() {
        assert_eq!(eci_spec("ECS.C6.XLARGE").as_deref(), Some("ecs.c6.xlarge"));
        assert_eq!(
            eci_spec("ecs.gn6i-c4g1.xlarge").as_deref(),
            Some("ecs.gn6i-c4g1.xlarge")
        );
        assert_eq!(
            eci_spec("ecs.c7a.2xlarge").as_deref(),
            Some("ecs.c7a.2xlarge")
        );
        assert_eq!(
            eci_spec("ecs.t5-lc1m2.small").as_deref(),
            Some("ecs.t5-lc1m2.small")
        );
        assert_eq!(eci_spec("bcs.b4.xlarge").as_deref(), Some("8-32Gi"));
        // Retired families ECI no longer offers: by vCPUs and memory.
        assert_eq!(eci_spec("ecs.sn1.medium").as_deref(), Some("2-4Gi"));
        assert_eq!(eci_spec("ecs.n4.xlarge").as_deref(), Some("4-8Gi"));
        assert_eq!(eci_spec("ecs.c1.small").as_deref(), Some("8-8Gi"));
        // vgn6i became vgn6i-vws; vgn5i and gn4 have no successor ECI runs.
        assert_eq!(
            eci_spec("ecs.vgn6i-m4.xlarge").as_deref(),
            Some("ecs.vgn6i-m4-vws.xlarge")
        );
        assert_eq!(
            eci_spec("ecs.vgn6i-m4-vws.xlarge").as_deref(),
            Some("ecs.vgn6i-m4-vws.xlarge")
        );
        assert_eq!(eci_spec("ecs.vgn5i-m1.large"), None);
        assert_eq!(eci_spec("ecs.gn4-c4g1.xlarge"), None);
        assert_eq!(vcpus_memory(4, 15 * G + G / 2), "4-16Gi");
    }

    #[test]
    fn compute_optimised_families() {
        for name in [
            "ecs.c5.large",
            "ecs.c6.2xlarge",
            "ecs.c7a.large",
            "ecs.hfc6.xlarge",
            "ecs.ic5.large",
            "ecs.sn1.medium",
            "ecs.sn1ne.xlarge",
            "ECS.C7.LARGE",
        ] {
            assert!(compute_optimised(name), "{name}");
        }
        for name in [
            "ecs.g6.large",
            "ecs.r6.large",
            "ecs.hfg6.large",
            "ecs.sn2ne.large",
            "ecs.n4.large",
            "ecs.t5-c1m2.large",
            "ecs.gn6i-c4g1.xlarge",
            "ecs.gn7i-c8g1.2xlarge",
            "ecs.sgn7i-vws-m2.xlarge",
            "c5.large",
        ] {
            assert!(!compute_optimised(name), "{name}");
        }
    }

    /// The table is what its names say, except where Alibaba's sizes break the pattern.
    #[test]
    fn the_table_agrees_with_its_names() {
        // Sizes that break their family's pattern.
        let vcpus_differ = [
            "ecs.gn5-c8g1.14xlarge",
            "ecs.gn6v-c10g1.20xlarge",
            "ecs.vgn6i-m8.2xlarge",
            "ecs.vgn6i-m8-vws.2xlarge",
            "ecs.vgn7i-vws-m8.2xlarge",
            "ecs.vgn7i-vws-m12.3xlarge",
            "ecs.vgn7i-vws-m24.7xlarge",
        ];
        let gpus_differ = ["ecs.gn4.14xlarge", "ecs.gn5-c8g1.14xlarge"];
        let memory_differs = ["ecs.n1.tiny", "ecs.hfg5.14xlarge"];
        let mut names: Vec<&str> = ECS.iter().map(|row| row.0).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ECS.len(), "duplicate rows");
        for &(name, vcpus, memory_mib, gpus) in ECS {
            assert_eq!(name, name.to_ascii_lowercase());
            assert!(vcpus > 0 && memory_mib > 0, "{name}");
            let parsed = Name::parse(name).expect(name);
            let family = family(parsed.base);
            assert_eq!(family.is_some_and(|f| f.gpu.is_some()), gpus > 0, "{name}");
            if family.is_some_and(|f| f.sizes == Sizes::Listed) {
                continue;
            }
            let guess = derive(&parsed, family).expect(name);
            if !vcpus_differ.contains(&name) {
                assert_eq!(guess.vcpus, vcpus, "{name}");
            }
            if !vcpus_differ.contains(&name) && !gpus_differ.contains(&name) {
                assert_eq!(guess.gpus, gpus, "{name}");
            }
            // GPU families' memory per vCPU varies with the variant; the others' within a quarter.
            if gpus == 0 && !memory_differs.contains(&name) {
                let (low, high) = (memory_mib * 3 / 4, memory_mib * 5 / 4);
                assert!((low..=high).contains(&guess.memory_mib), "{name}");
            }
        }
    }

    /// `instance.rs` picks ECI GPU types by model; they must be the same GPUs here.
    #[test]
    fn agrees_with_the_eci_gpu_specs() {
        for model in ["T4", "V100", "A10", "A100"] {
            let specs = super::super::instance::eci_gpu_specs(model, 0, 0);
            assert!(!specs.is_empty(), "{model}");
            for spec in specs {
                let s = size(spec).expect(spec);
                assert_eq!(
                    (s.gpus, s.gpu_model, s.exact),
                    (1, Some(model), true),
                    "{spec}"
                );
                let fits = super::super::instance::eci_gpu_specs(
                    model,
                    u64::from(s.vcpus) * 1000,
                    s.memory_mib,
                );
                assert!(fits.contains(&spec), "{spec}");
                let bigger = super::super::instance::eci_gpu_specs(
                    model,
                    u64::from(s.vcpus) * 1000 + 1,
                    s.memory_mib,
                );
                assert!(!bigger.contains(&spec), "{spec}");
            }
        }
    }
}
