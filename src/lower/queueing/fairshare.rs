//! Batch fair share → Kueue admission fair sharing.
//!
//! Batch gives a share identifier compute in inverse proportion to its `weightFactor` (0.125
//! gets 8 times what 1.0 gets); Kueue gives a LocalQueue admission in proportion to its
//! `fairSharing.weight`. So `weight = 1 / weightFactor`, written in milli-units (Kueue weights
//! are quantities) and at least `1m`: the ratios between identifiers, and so their order, stay
//! the same.

/// The Kueue weight of a Batch `weightFactor` (a decimal string; 1.0 when absent or unreadable).
pub fn kueue_weight(weight_factor: Option<&str>) -> String {
    let factor = weight_factor
        .and_then(|w| w.trim().parse::<f64>().ok())
        .filter(|f| f.is_finite() && *f > 0.0)
        .unwrap_or(1.0);
    let milli = ((1000.0 / factor).round() as u64).max(1);
    if milli.is_multiple_of(1000) {
        (milli / 1000).to_string()
    } else {
        format!("{milli}m")
    }
}

/// The weight factor that applies to a share identifier: its exact entry, else the longest
/// matching prefix entry (`team*`), else Batch's default 1.0.
pub fn factor_for<'a>(id: &str, distribution: &'a [(String, Option<String>)]) -> Option<&'a str> {
    if let Some((_, w)) = distribution.iter().find(|(s, _)| s == id) {
        return w.as_deref();
    }
    distribution
        .iter()
        .filter_map(|(s, w)| {
            let prefix = s.strip_suffix('*')?;
            id.starts_with(prefix).then_some((prefix.len(), w))
        })
        .max_by_key(|(len, _)| *len)
        .and_then(|(_, w)| w.as_deref())
}

/// A Kueue weight as a number, for comparisons.
pub fn weight_value(weight: &str) -> f64 {
    match weight.strip_suffix('m') {
        Some(m) => m.parse::<f64>().unwrap_or(0.0) / 1000.0,
        None => weight.parse::<f64>().unwrap_or(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_inverted() {
        assert_eq!(kueue_weight(Some("0.125")), "8");
        assert_eq!(kueue_weight(Some("1")), "1");
        assert_eq!(kueue_weight(None), "1");
        assert_eq!(kueue_weight(Some("3")), "333m");
        assert_eq!(kueue_weight(Some("999.9999")), "1m");
        assert_eq!(kueue_weight(Some("0.0001")), "10000");
        assert_eq!(kueue_weight(Some("nonsense")), "1");
    }

    /// Three share identifiers: the one Batch gives most compute (lowest factor) gets the
    /// highest Kueue weight, and the shares keep their ratios.
    #[test]
    fn inverted_weights_keep_the_batch_order() {
        let shares = [("etl", "0.25"), ("reports", "1"), ("adhoc", "4")];
        let batch_share = |f: f64| 1.0 / f;
        let mut by_batch: Vec<(&str, f64)> = shares
            .iter()
            .map(|(id, f)| (*id, batch_share(f.parse().unwrap_or(1.0))))
            .collect();
        let mut by_kueue: Vec<(&str, f64)> = shares
            .iter()
            .map(|(id, f)| (*id, weight_value(&kueue_weight(Some(f)))))
            .collect();
        by_batch.sort_by(|a, b| b.1.total_cmp(&a.1));
        by_kueue.sort_by(|a, b| b.1.total_cmp(&a.1));
        let order = |v: &[(&str, f64)]| v.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>();
        assert_eq!(order(&by_batch), order(&by_kueue));
        assert_eq!(order(&by_kueue), ["etl", "reports", "adhoc"]);
        // Ratios too: etl gets 16 times adhoc on both.
        assert!((by_kueue[0].1 / by_kueue[2].1 - by_batch[0].1 / by_batch[2].1).abs() < 1e-9);
    }

    #[test]
    fn prefixes_match_the_longest() {
        let d = vec![
            ("team*".to_string(), Some("2".to_string())),
            ("teamA*".to_string(), Some("0.5".to_string())),
            ("ops".to_string(), None),
        ];
        assert_eq!(factor_for("teamA1", &d), Some("0.5"));
        assert_eq!(factor_for("teamB", &d), Some("2"));
        assert_eq!(factor_for("ops", &d), None);
        assert_eq!(factor_for("other", &d), None);
    }
}
