//! The career rule: public-institution staff (事业编制) with at least the
//! given years of township service may head the enforcement team or the
//! service centre. Counts worked by hand from each list.

use jiceng_staffing::{QuotaKind, StaffMember, eligible_heads};

fn s(township: &str, quota: QuotaKind, years: u32) -> StaffMember {
    StaffMember {
        township: township.into(),
        quota,
        township_years: years,
    }
}

/// Pinned by mutation testing. With 5 years required: in A, 8 years
/// counts, 4 does not, and a civil servant (行政编制) is not counted (the
/// rule opens the posts to public-institution staff; civil servants could
/// hold them before); B's 5 years are exactly enough; C has nobody who
/// qualifies and still appears, with 0.
#[test]
fn eligible_heads_per_township() {
    let staff = [
        s("A", QuotaKind::PublicInstitution, 8),
        s("A", QuotaKind::PublicInstitution, 4),
        s("A", QuotaKind::Administrative, 20),
        s("B", QuotaKind::PublicInstitution, 5),
        s("C", QuotaKind::PublicInstitution, 2),
    ];
    let n = eligible_heads(&staff, 5);
    let got: Vec<(&str, u32)> = n.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(got, [("A", 1), ("B", 1), ("C", 0)]);
    // With 4 years required, A's second member counts too.
    assert_eq!(eligible_heads(&staff, 4)["A"], 2);
    // Nobody, no township.
    assert!(eligible_heads(&[], 5).is_empty());
}
