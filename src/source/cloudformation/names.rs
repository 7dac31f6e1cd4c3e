//! Names CloudFormation would give: the stack name, generated physical names and ARNs.
//!
//! A Batch resource without its name property gets a name CloudFormation generates at deploy
//! time, `<stack>-<LogicalId>-<SUFFIX>` with a random suffix. batch2argo cannot know the random
//! part, so it derives one deterministically: the 64-bit FNV-1a hash of `<stack>/<LogicalId>`,
//! written as 13 upper-case base-36 digits (CloudFormation's suffixes are 12–13 such
//! characters). The stack part is cut to 64 characters and the logical id to 48, so the name
//! stays within the 128 characters AWS Batch allows. The same template and stack name always
//! give the same name.

/// 64-bit FNV-1a.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// `value` as exactly 13 upper-case base-36 digits (64 bits need at most 13).
fn base36(mut value: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = [b'0'; 13];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(value % 36) as usize];
        value /= 36;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// The name CloudFormation would generate for `logical_id` in `stack` (see the module docs).
pub fn generated_name(stack: &str, logical_id: &str) -> String {
    let suffix = base36(fnv1a64(format!("{stack}/{logical_id}").as_bytes()));
    let stack: String = stack.chars().take(64).collect();
    let id: String = clean(logical_id).chars().take(48).collect();
    format!("{stack}-{id}-{suffix}")
}

/// Letters, digits and `-` only (what stack names and Batch names share), other characters as
/// `-`.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A stack name made from a file stem: CloudFormation stack names are letters, digits and `-`,
/// starting with a letter, at most 128 characters.
pub fn stack_from_stem(stem: &str) -> String {
    let mut name = clean(stem);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "stack-");
    }
    name.chars().take(128).collect()
}

/// The partition of a region (`aws`, `aws-cn`, `aws-us-gov`, …).
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-iso-") {
        "aws-iso"
    } else if region.starts_with("us-isob-") {
        "aws-iso-b"
    } else {
        "aws"
    }
}

/// The domain suffix of a partition's endpoints.
pub fn url_suffix_of(partition: &str) -> &'static str {
    match partition {
        "aws-cn" => "amazonaws.com.cn",
        "aws-iso" => "c2s.ic.gov",
        "aws-iso-b" => "sc2s.sgov.gov",
        _ => "amazonaws.com",
    }
}

/// The ARN of a Batch resource: `arn:<partition>:batch:<region>:<account>:<kind>/<name>`.
pub fn arn(partition: &str, region: &str, account: &str, kind: &str, name: &str) -> String {
    format!("arn:{partition}:batch:{region}:{account}:{kind}/{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_are_stable_and_valid_batch_names() {
        let a = generated_name("etl", "ProcessJob");
        assert_eq!(a, generated_name("etl", "ProcessJob"));
        assert_ne!(a, generated_name("etl2", "ProcessJob"));
        assert!(a.starts_with("etl-ProcessJob-"));
        assert_eq!(a.len(), "etl-ProcessJob-".len() + 13);
        let long = generated_name(&"s".repeat(200), &"L".repeat(200));
        assert!(long.len() <= 128, "{}", long.len());
        assert!(long.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }

    #[test]
    fn stack_names_come_from_stems() {
        assert_eq!(stack_from_stem("batch.stack"), "batch-stack");
        assert_eq!(stack_from_stem("1st"), "stack-1st");
        assert_eq!(partition_of("cn-north-1"), "aws-cn");
        assert_eq!(url_suffix_of(partition_of("eu-west-1")), "amazonaws.com");
    }
}
