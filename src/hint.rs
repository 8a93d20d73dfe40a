//! "Did you mean" hints for unknown field names.

/// `bizChannel` -> `biz_channel`, `brandid` -> `brand_id`, and typos within two edits.
pub fn did_you_mean<I>(key: &str, names: I) -> Option<&'static str>
where
    I: Iterator<Item = &'static str> + Clone,
{
    // Field names are short: a key far longer than any cannot be a typo of one, and the
    // edit distance below costs its length times theirs.
    if key.len() > 64 {
        return None;
    }
    let snake = to_snake(key.trim());
    let squash = |s: &str| s.replace(['_', ' '], "").to_ascii_lowercase();
    names
        .clone()
        .find(|n| *n == snake || squash(n) == squash(key))
        .or_else(|| {
            names
                .map(|n| (edit_distance(&snake, n), n))
                .filter(|(d, _)| *d <= 2)
                .min_by_key(|(d, _)| *d)
                .map(|(_, n)| n)
        })
}

fn to_snake(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(usize::from(ca != *cb));
            let del = prev
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_the_documented_name() {
        let names = ["biz_channel", "brand_id", "calc_money", "extra_memo"];
        assert_eq!(
            did_you_mean("bizChannel", names.into_iter()),
            Some("biz_channel")
        );
        assert_eq!(did_you_mean("brandid", names.into_iter()), Some("brand_id"));
        assert_eq!(
            did_you_mean("calc_mony", names.into_iter()),
            Some("calc_money")
        );
        assert_eq!(
            did_you_mean("extra_memo ", names.into_iter()),
            Some("extra_memo")
        );
        assert_eq!(did_you_mean("zzzzzz", names.into_iter()), None);
    }
}
