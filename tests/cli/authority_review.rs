//! `jiceng authority` on hand-made review ledgers (`data/ca8-*.toml`): the
//! defects they exposed, each a test named after it.
//!
//! The ledgers share one county, 邱县 (130430000000), with 甲镇
//! (130430100000, which has an enforcement team) and 乙镇 (130430101000,
//! which has none). C1 concentrates CF1 and CF2 in the bureau c-zhzf from
//! 2021-09-01; D1 devolves CF1 to 甲镇 from 2022-03-01; R1 revokes it from
//! 2022-09-01.

#![allow(clippy::unwrap_used)]

use super::*;

const L1: &str = "tests/cli/data/ca8-l1.toml";

mod regression {
    use super::*;

    /// On 2023-03-02 D1 was 366 days old (2022-03-01 to 2023-03-01 is 365
    /// days, no 29 February between) and never evaluated, but R1 took
    /// CF1 back from 甲镇 on 2022-09-01: D1 grants nothing, 甲镇 holds no
    /// power that day, and the county bureau holds CF1 again by C1.
    #[test]
    fn evaluation_overdue_warned_for_a_wholly_revoked_devolution() {
        let (_, out, _) = jiceng(&["authority", "check", L1, "--as-of", "2023-03-02"], "");
        assert!(!out.contains("evaluat"), "{out}");
        let (_, out, _) = jiceng(
            &["authority", "check", L1, "--as-of", "2023-03-02", "--json"],
            "",
        );
        assert!(!out.contains("evaluation_overdue"), "{out}");
        let (code, out, _) = jiceng(
            &[
                "authority",
                "holder",
                "--ledger",
                L1,
                "--item",
                "CF1",
                "--division",
                "130430100000",
                "--date",
                "2023-03-02",
            ],
            "",
        );
        assert_eq!((code, out.as_str()), (0, "c-zhzf 县综合执法局\n"));
    }
}
