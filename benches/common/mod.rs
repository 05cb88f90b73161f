//! What the benches share: a small deterministic input generator.

#![allow(dead_code)]

use chrono::NaiveDate;

/// A small deterministic PRNG (splitmix64), enough for spreading bench
/// inputs; the same seed gives the same inputs on every run.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is negligible here).
    pub fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).expect("a bench range fits in u64");
        let r = (u128::from(self.next_u64()) * u128::from(n)) >> 64;
        usize::try_from(r).expect("a value below a usize fits in usize")
    }

    /// Uniform in `lo..=hi`.
    pub fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        let span = usize::try_from(hi - lo + 1).expect("the range is not empty");
        lo + i64::try_from(self.below(span)).expect("a bench span fits in i64")
    }
}

/// A date from literal parts.
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("the bench uses valid literal dates")
}
