//! The reform's career rule: staff on public-institution quotas (事业编制)
//! with long township service may now head the township's comprehensive
//! enforcement team or its service centre, posts that before were open to
//! civil servants (行政编制) only.
//!
//! How long is long enough is not in the story, so the number of years is
//! a parameter. [`eligible_heads`] counts, per township, the staff the rule
//! newly makes eligible.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::establishment::QuotaKind;

/// One staff member, as the career rule sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StaffMember {
    /// The township (its code) where they serve.
    pub township: String,
    /// The quota they are on.
    pub quota: QuotaKind,
    /// Whole years of service in townships.
    pub township_years: u32,
}

/// Counts, per township, the public-institution staff with at least
/// `min_years` of township service: those who may head the enforcement
/// team or the service centre. Every township in `staff` appears, with 0
/// where nobody qualifies.
///
/// # Example
/// ```
/// use jiceng_staffing::{eligible_heads, QuotaKind, StaffMember};
/// let s = |t: &str, q, y| StaffMember { township: t.into(), quota: q, township_years: y };
/// let staff = [
///     s("A", QuotaKind::PublicInstitution, 8),
///     s("A", QuotaKind::PublicInstitution, 4),
///     s("A", QuotaKind::Administrative, 20), // already eligible as a civil servant
///     s("B", QuotaKind::PublicInstitution, 5),
/// ];
/// let n = eligible_heads(&staff, 5);
/// assert_eq!(n["A"], 1);
/// assert_eq!(n["B"], 1);
/// ```
pub fn eligible_heads(staff: &[StaffMember], min_years: u32) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for s in staff {
        let n = out.entry(s.township.clone()).or_insert(0u32);
        if s.quota == QuotaKind::PublicInstitution && s.township_years >= min_years {
            *n = n.saturating_add(1);
        }
    }
    out
}
