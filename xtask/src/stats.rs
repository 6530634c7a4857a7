//! Latency recording in bounded memory: a log-linear histogram of
//! microseconds, exact below 512 µs and within 0.4 % above.

/// Values below this are counted exactly, one bucket each.
const LINEAR: u64 = 512;
/// Buckets per power of two above `LINEAR`.
const SUB: u64 = 256;
/// Larger values are clamped to this (about 35 minutes).
const MAX_MICROS: u64 = (1 << 31) - 1;

fn bucket_of(micros: u64) -> usize {
    let v = micros.min(MAX_MICROS);
    if v < LINEAR {
        return v as usize;
    }
    // v lies in [2^(bits-1), 2^bits); shifting keeps its top 9 bits, so the
    // mantissa lies in [SUB, 2 * SUB).
    let bits = u64::from(64 - v.leading_zeros());
    let shift = bits - 9;
    let mantissa = v >> shift;
    (LINEAR + (shift - 1) * SUB + (mantissa - SUB)) as usize
}

/// The smallest and largest value a bucket holds.
fn bucket_bounds(index: usize) -> (u64, u64) {
    let i = index as u64;
    if i < LINEAR {
        return (i, i);
    }
    let k = i - LINEAR;
    let shift = k / SUB + 1;
    let mantissa = k % SUB + SUB;
    (mantissa << shift, ((mantissa + 1) << shift) - 1)
}

/// Counts of latencies, mergeable across connections.
#[derive(Debug, Clone)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram { counts: vec![0; bucket_of(MAX_MICROS) + 1], total: 0 }
    }
}

impl Histogram {
    pub fn record(&mut self, micros: u64) {
        let bucket = bucket_of(micros);
        self.counts[bucket] = self.counts[bucket].saturating_add(1);
        self.total = self.total.saturating_add(1);
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine = mine.saturating_add(*theirs);
        }
        self.total = self.total.saturating_add(other.total);
    }

    #[cfg(test)]
    pub fn count(&self) -> u64 {
        self.total
    }

    /// The nearest-rank percentile (`p` in (0, 100]) in microseconds, as the
    /// middle of the bucket holding it; `None` when nothing was recorded.
    pub fn percentile(&self, p: f64) -> Option<u64> {
        if self.total == 0 {
            return None;
        }
        let rank = nearest_rank(p, self.total);
        let mut seen = 0u64;
        for (index, count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= rank {
                let (low, high) = bucket_bounds(index);
                return Some(low + (high - low) / 2);
            }
        }
        None
    }
}

/// The 1-based rank of the `p`-th percentile among `n` sorted values
/// (nearest-rank method), clamped to `1..=n`.
pub fn nearest_rank(p: f64, n: u64) -> u64 {
    let rank = (p.clamp(0.0, 100.0) / 100.0 * n as f64).ceil() as u64;
    rank.clamp(1, n.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_tight() {
        let mut previous = None;
        for v in (0..5000u64).chain([65_535, 65_536, 1_000_000, MAX_MICROS]) {
            let b = bucket_of(v);
            let (low, high) = bucket_bounds(b);
            assert!(low <= v && v <= high, "{v} not in bucket {b} = [{low}, {high}]");
            assert!((high - low) as f64 <= v as f64 / 256.0, "bucket of {v} too wide");
            if let Some((pv, pb)) = previous
                && pv + 1 == v
            {
                assert!(b == pb || b == pb + 1, "gap between {pv} and {v}");
            }
            previous = Some((v, b));
        }
        assert_eq!(bucket_of(u64::MAX), bucket_of(MAX_MICROS));
    }

    #[test]
    fn nearest_rank_percentiles() {
        assert_eq!(nearest_rank(50.0, 10), 5);
        assert_eq!(nearest_rank(99.0, 10), 10);
        assert_eq!(nearest_rank(99.0, 1000), 990);
        assert_eq!(nearest_rank(0.0, 7), 1);
        assert_eq!(nearest_rank(100.0, 7), 7);
    }

    #[test]
    fn percentiles_of_exact_values() {
        let mut h = Histogram::default();
        assert_eq!(h.percentile(50.0), None);
        for v in 1..=100 {
            h.record(v);
        }
        assert_eq!(h.count(), 100);
        assert_eq!(h.percentile(50.0), Some(50));
        assert_eq!(h.percentile(99.0), Some(99));
        assert_eq!(h.percentile(100.0), Some(100));
    }

    #[test]
    fn percentiles_of_large_values_are_close_and_merge() {
        let mut a = Histogram::default();
        let mut b = Histogram::default();
        for v in 0..1000u64 {
            // 10 ms .. 20 ms, split over two histograms.
            let micros = 10_000 + v * 10;
            if v % 2 == 0 { a.record(micros) } else { b.record(micros) }
        }
        a.merge(&b);
        assert_eq!(a.count(), 1000);
        let p50 = a.percentile(50.0).unwrap_or_default() as f64;
        let p99 = a.percentile(99.0).unwrap_or_default() as f64;
        assert!((p50 - 14_990.0).abs() / 14_990.0 < 0.005, "p50 = {p50}");
        assert!((p99 - 19_890.0).abs() / 19_890.0 < 0.005, "p99 = {p99}");
    }
}
