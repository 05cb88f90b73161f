//! Art. 60's 90 days for a penalty case when every day is a working day,
//! at both ends: decided on the 90th day after filing is on time, on the
//! 91st is late.

use jiceng_sim::run_replication;

use crate::common::model;

/// One township with 1,000 enforcement staff (nobody waits) and one
/// penalty item it holds, handled in exactly `minutes` (sigma 0), over 200
/// days when every day works one hour, 08:30–09:30.
fn penalties(minutes: u32) -> String {
    format!(
        "name = \"p\"\nseed = 4\n\n[period]\nfrom = \"2025-01-01\"\ndays = 200\n\n\
         [policy]\nworking_hours = \"08:30-09:30\"\ncalendar = \"every_day\"\n\n\
         [[territory.county]]\ncode = \"130430000000\"\nname = \"邱县\"\n\
         staff = {{ service = 1, enforcement = 1, grid = 1 }}\n\n\
         [[territory.county.township]]\ncode = \"130430100000\"\nname = \"新马头镇\"\n\
         population = 10000\nstaff = {{ service = 1, enforcement = 1000, grid = 1 }}\n\n\
         [[item]]\ncode = \"penalty.p\"\nkind = \"penalty\"\nrate = 2.0\nheld_by = \"township\"\n\
         handling.township = {{ median_minutes = {minutes}, sigma = 0.0 }}\n\
         handling.county = {{ median_minutes = {minutes}, sigma = 0.0 }}\n"
    )
}

#[test]
fn a_penalty_case_decided_90_days_after_filing_is_on_time_and_91_is_late() {
    // Every day works 60 minutes, so day k is minutes [60k, 60k + 60) of
    // the axis, and a case is filed on the day it is accepted: one that
    // arrives before 08:30 on day d is accepted at minute 60d, one during
    // the hour at 60d + r (0 < r < 60), one after 09:30 at 60(d + 1), the
    // next day. Art. 60 gives until day d + 90 for a case filed on day d.
    //
    // 90 days of handling, 5,400 minutes: from 60d + r (0 ≤ r < 60) the
    // decision comes at 60d + r + 5,400, whose last minute lies on day
    // d + 89 (r = 0) or d + 90: on time, every one.
    let m = model(&penalties(5400));
    let t = run_replication(&m, 4, 0);
    let town = &t.variants[0].towns[0];
    assert!(town.closed[1] > 100, "{:?}", town.closed);
    assert_eq!(town.statute, [town.closed[1], town.closed[1]]);
    // One minute more than 91 days, 5,461 minutes: from 60d + r the
    // decision's last minute, 60d + r + 5,460, lies on day d + 91 or
    // later: late, every one.
    let m = model(&penalties(5461));
    let t = run_replication(&m, 4, 0);
    let town = &t.variants[0].towns[0];
    assert!(town.closed[1] > 100, "{:?}", town.closed);
    assert_eq!(town.statute, [town.closed[1], 0]);
}
