//! What an EC2 instance type or family says about the nodes: architecture, category, GPU model.
//!
//! Batch's `instanceTypes` mixes exact types (`c5.large`), families (`c5`) and the keywords
//! `optimal`, `default_x86_64` and `default_arm64`; each becomes different node labels.

/// One entry of a compute environment's `instanceTypes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Instance {
    /// `c5.large`: one instance type.
    Exact { name: String, family: String },
    /// `c5`: every size of a family.
    Family(String),
    /// `optimal`, `default_x86_64`, `default_arm64`: C, M and R families of the newest
    /// generations Batch picks, of one architecture (`optimal` is x86_64).
    Optimal { arm: bool },
}

impl Instance {
    pub fn parse(text: &str) -> Instance {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            "optimal" | "default_x86_64" => Instance::Optimal { arm: false },
            "default_arm64" => Instance::Optimal { arm: true },
            _ => match text.split_once('.') {
                Some((family, _)) => Instance::Exact {
                    family: family.to_string(),
                    name: text.clone(),
                },
                None => Instance::Family(text),
            },
        }
    }

    pub fn family(&self) -> Option<&str> {
        match self {
            Instance::Exact { family, .. } | Instance::Family(family) => Some(family),
            Instance::Optimal { .. } => None,
        }
    }

    /// `arm64` or `amd64`, from the family's name (Graviton families end their generation with
    /// `g`: `m6g`, `c7gn`, `r8g`, `t4g`, `g5g`; `a1` is the first Graviton).
    pub fn arch(&self) -> &'static str {
        match self {
            Instance::Optimal { arm } => {
                if *arm {
                    "arm64"
                } else {
                    "amd64"
                }
            }
            Instance::Exact { family, .. } | Instance::Family(family) => {
                let (prefix, rest) = split_family(family);
                let suffix = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                if prefix == "a" || suffix.starts_with('g') {
                    "arm64"
                } else {
                    "amd64"
                }
            }
        }
    }

    /// The letters before the generation: `c`, `m`, `r`, `p`, `g`, `inf`…
    pub fn category(&self) -> Option<&str> {
        self.family().map(|f| split_family(f).0)
    }

    /// GiB of memory per vCPU of the family (`c` 2, `r` 8, `x` 16, else 4).
    pub fn memory_per_vcpu(&self) -> u64 {
        match self.category() {
            Some("c") => 2,
            Some("r") | Some("z") => 8,
            Some("x") | Some("u") => 16,
            _ => 4,
        }
    }

    /// The NVIDIA model of a GPU family, in the names Alibaba's ACS uses for
    /// `alibabacloud.com/gpu-model-series`.
    pub fn gpu_model(&self) -> Option<&'static str> {
        let family = self.family()?;
        Some(match family {
            "p2" => "K80",
            "p3" | "p3dn" => "V100",
            "p4d" | "p4de" => "A100",
            "p5" | "p5e" | "p5en" => "H100",
            "g3" | "g3s" => "M60",
            "g4dn" => "T4",
            "g5g" => "T4G",
            "g5" => "A10",
            "g6" | "gr6" => "L4",
            "g6e" => "L40S",
            _ => return None,
        })
    }
}

/// `("c", "7gn")` from `c7gn`.
fn split_family(family: &str) -> (&str, &str) {
    let at = family
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(family.len());
    family.split_at(at)
}

/// ECI's single-GPU ECS instance types by GPU model: `(type, vCPUs, GiB)`, smallest first.
const ECI_GPU_SPECS: &[(&str, &str, u64, u64)] = &[
    ("T4", "ecs.gn6i-c4g1.xlarge", 4, 15),
    ("T4", "ecs.gn6i-c8g1.2xlarge", 8, 31),
    ("T4", "ecs.gn6i-c16g1.4xlarge", 16, 62),
    ("V100", "ecs.gn6v-c8g1.2xlarge", 8, 32),
    ("A10", "ecs.gn7i-c8g1.2xlarge", 8, 30),
    ("A10", "ecs.gn7i-c16g1.4xlarge", 16, 60),
    ("A100", "ecs.gn7e-c16g1.4xlarge", 16, 125),
];

/// The ECI instance types of a GPU model with one GPU and at least `milli_cpu` and `mib`
/// (ECI sizes a GPU pod by these, not by its requests), smallest first.
pub fn eci_gpu_specs(model: &str, milli_cpu: u64, mib: u64) -> Vec<&'static str> {
    let model = if model == "T4G" { "T4" } else { model };
    ECI_GPU_SPECS
        .iter()
        .filter(|(m, _, cpu, gib)| *m == model && cpu * 1000 >= milli_cpu && gib * 1024 >= mib)
        .map(|(_, spec, _, _)| *spec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_architectures() {
        assert_eq!(
            Instance::parse("c5.large"),
            Instance::Exact {
                name: "c5.large".into(),
                family: "c5".into()
            }
        );
        assert_eq!(Instance::parse("c5"), Instance::Family("c5".into()));
        assert_eq!(Instance::parse("optimal"), Instance::Optimal { arm: false });
        for arm in [
            "m6g",
            "c7gn.large",
            "r8g",
            "t4g.micro",
            "a1",
            "g5g",
            "im4gn",
            "hpc7g",
        ] {
            assert_eq!(Instance::parse(arm).arch(), "arm64", "{arm}");
        }
        for x86 in [
            "m5",
            "c6a.large",
            "g4dn.xlarge",
            "p3",
            "m7i-flex.large",
            "inf2",
            "default_x86_64",
        ] {
            assert_eq!(Instance::parse(x86).arch(), "amd64", "{x86}");
        }
        assert_eq!(Instance::parse("default_arm64").arch(), "arm64");
    }

    #[test]
    fn categories_memory_and_gpus() {
        assert_eq!(Instance::parse("c5.large").category(), Some("c"));
        assert_eq!(Instance::parse("inf2").category(), Some("inf"));
        assert_eq!(Instance::parse("r6i").memory_per_vcpu(), 8);
        assert_eq!(Instance::parse("optimal").memory_per_vcpu(), 4);
        assert_eq!(Instance::parse("g4dn.xlarge").gpu_model(), Some("T4"));
        assert_eq!(Instance::parse("p3.2xlarge").gpu_model(), Some("V100"));
        assert_eq!(Instance::parse("m5").gpu_model(), None);
    }

    #[test]
    fn eci_gpu_specs_fit_the_request() {
        assert_eq!(
            eci_gpu_specs("T4", 4000, 15 * 1024),
            [
                "ecs.gn6i-c4g1.xlarge",
                "ecs.gn6i-c8g1.2xlarge",
                "ecs.gn6i-c16g1.4xlarge"
            ]
        );
        assert_eq!(
            eci_gpu_specs("T4", 6000, 1024),
            ["ecs.gn6i-c8g1.2xlarge", "ecs.gn6i-c16g1.4xlarge"]
        );
        assert!(eci_gpu_specs("T4", 64000, 1024).is_empty());
        assert!(eci_gpu_specs("K80", 1000, 1024).is_empty());
    }
}
