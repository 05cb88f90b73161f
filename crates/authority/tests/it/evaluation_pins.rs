//! Art. 24 of the Administrative Penalty Law: the devolution of
//! enforcement powers is evaluated periodically. The check counts the days
//! from a devolution's latest evaluation published by the day asked (or
//! from its first day) and flags more than the interval. Worked by hand:
//! the devolution of CF-1 to 新马头镇 takes effect on 2022-03-01, an
//! evaluation is published on 2023-01-10, and 2023-01-10 + 365 days is
//! 2024-01-10 (2023 has no 29 February).

use jiceng_authority::{CheckOptions, FindingKind};

use crate::{CONCENTRATE, d, findings, instrument};

const T1: &str = "130430100000";

fn ledger_text(evaluations: &str) -> String {
    format!(
        "{CONCENTRATE}{}{}{evaluations}",
        instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
        ),
        // A licence devolved on the same day is not an enforcement item:
        // Art. 24's evaluation does not apply to it.
        instrument(
            "lic",
            "devolution",
            "\"c-scjg\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
        ),
    )
}

fn evaluation(id: &str, published: &str) -> String {
    format!(
        "\n[[instrument]]\nid = \"{id}\"\nkind = \"evaluation\"\nissuer = \"c-gov\"\ntitle = \"评估报告\"\npublished = \"{published}\"\neffective_from = \"{published}\"\nevaluates = [\"dev\"]\n"
    )
}

/// The messages of the overdue findings on `as_of`, with `interval` days.
fn overdue(text: &str, as_of: &str, interval: u32) -> Vec<String> {
    findings(
        text,
        &CheckOptions {
            as_of: Some(d(as_of)),
            evaluation_interval_days: interval,
        },
    )
    .into_iter()
    .filter(|f| f.kind == FindingKind::EvaluationOverdue)
    .map(|f| f.message)
    .collect()
}

fn message(since: &str, age: u32, as_of: &str, interval: u32) -> String {
    format!(
        "\"dev\" was last evaluated (or took effect) on {since}, {age} days before {as_of}; the interval is {interval} days (行政处罚法第二十四条: evaluate periodically)"
    )
}

/// An evaluation restarts the count: 365 days after it is not overdue,
/// 366 days is. The licence is never reported.
#[test]
fn an_evaluation_restarts_the_count() {
    let text = ledger_text(&evaluation("ev1", "2023-01-10"));
    assert_eq!(overdue(&text, "2024-01-10", 365), Vec::<String>::new());
    assert_eq!(
        overdue(&text, "2024-01-11", 365),
        [message("2023-01-10", 366, "2024-01-11", 365)]
    );
    // Before the evaluation was published the count runs from the
    // devolution's first day: 2022-03-01 + 365 = 2023-03-01, so on
    // 2023-01-09 (314 days) nothing is due.
    assert_eq!(overdue(&text, "2023-01-09", 365), Vec::<String>::new());
}

/// Of two evaluations the later counts, once published: on 2024-01-11 the
/// one of 2023-06-01 is 224 days old (to 2024-01-01: 30 + 31 + 31 + 30 +
/// 31 + 30 + 31 = 214 days, June to December, then 10 more). An
/// evaluation published after the day asked is not read: on 2024-01-11
/// one published on 2024-02-01 does not restart the count.
#[test]
fn the_latest_published_evaluation_counts() {
    let both = ledger_text(&format!(
        "{}{}",
        evaluation("ev1", "2023-01-10"),
        evaluation("ev2", "2023-06-01")
    ));
    assert_eq!(overdue(&both, "2024-01-11", 365), Vec::<String>::new());
    assert_eq!(
        overdue(&both, "2024-01-11", 223),
        [message("2023-06-01", 224, "2024-01-11", 223)]
    );
    assert_eq!(overdue(&both, "2024-01-11", 224), Vec::<String>::new());
    let later = ledger_text(&format!(
        "{}{}",
        evaluation("ev1", "2023-01-10"),
        evaluation("ev3", "2024-02-01")
    ));
    assert_eq!(
        overdue(&later, "2024-01-11", 365),
        [message("2023-01-10", 366, "2024-01-11", 365)]
    );
}

/// A devolution no longer in force is not due for evaluation, and the
/// interval is the caller's: 30 days from 2022-03-01 is 2022-03-31.
#[test]
fn only_devolutions_in_force_are_due_and_the_interval_is_the_callers() {
    let text = ledger_text("");
    assert_eq!(overdue(&text, "2022-03-31", 30), Vec::<String>::new());
    assert_eq!(
        overdue(&text, "2022-04-01", 30),
        [message("2022-03-01", 31, "2022-04-01", 30)]
    );
    // Before its first day it is not in force: nothing is due.
    assert_eq!(overdue(&text, "2022-02-28", 0), Vec::<String>::new());
    let ended = text.replace(
        "townships = [\"130430100000\"]\nitems = [\"CF-1\"]",
        "effective_until = \"2023-01-01\"\ntownships = [\"130430100000\"]\nitems = [\"CF-1\"]",
    );
    assert_ne!(ended, text);
    assert_eq!(
        overdue(&ended, "2022-12-31", 300),
        [message("2022-03-01", 305, "2022-12-31", 300)]
    );
    assert_eq!(overdue(&ended, "2023-01-01", 300), Vec::<String>::new());
}

mod regression {
    //! A devolution whose grants were all revoked grants nothing on the day
    //! asked, so Art. 24 has nothing to evaluate; one with a grant left
    //! still does. Worked by hand: from 2022-03-01 to 2023-03-01 is 365
    //! days (no 29 February between), so on 2023-03-02 a devolution that
    //! took effect on 2022-03-01 and was never evaluated is 366 days old,
    //! one day past the 365-day interval.

    use super::{message, overdue};
    use crate::{CONCENTRATE, instrument};

    const T1: &str = "130430100000";
    const T2: &str = "130430101000";

    /// `dev` devolves `items` to `towns` from 2022-03-01; `revocations`
    /// follow.
    fn text(towns: &str, items: &str, revocations: &str) -> String {
        format!(
            "{CONCENTRATE}{}{revocations}",
            instrument(
                "dev",
                "devolution",
                "\"c-zhzf\"",
                "2022-02-20",
                "2022-03-01",
                &format!("townships = [{towns}]\nitems = [{items}]"),
            )
        )
    }

    fn revocation(id: &str, effective: &str, towns: &str, items: &str) -> String {
        instrument(
            id,
            "revocation",
            "",
            "2022-08-20",
            effective,
            &format!("townships = [{towns}]\nitems = [{items}]"),
        )
    }

    fn late() -> Vec<String> {
        vec![message("2022-03-01", 366, "2023-03-02", 365)]
    }

    #[test]
    fn evaluation_overdue_fired_for_a_wholly_revoked_devolution() {
        let t1 = format!("\"{T1}\"");
        // Without the revocation it is overdue: the boundary is unchanged.
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\"", ""), "2023-03-02", 365),
            late()
        );
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\"", ""), "2023-03-01", 365),
            Vec::<String>::new()
        );
        // Revoked from 2022-09-01: on 2023-03-02 it grants nothing.
        let r = revocation("rev", "2022-09-01", &t1, "\"CF-1\"");
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\"", &r), "2023-03-02", 365),
            Vec::<String>::new()
        );
        // A revocation that takes effect on the day asked ends the grant
        // that day: 2023-03-02 is its first day no longer in force.
        let r = revocation("rev", "2023-03-02", &t1, "\"CF-1\"");
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\"", &r), "2023-03-02", 365),
            Vec::<String>::new()
        );
        // A revocation that takes effect after the day asked has not cut it
        // yet: 2023-03-03 is after 2023-03-02.
        let r = revocation("rev", "2023-03-03", &t1, "\"CF-1\"");
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\"", &r), "2023-03-02", 365),
            late()
        );
        // A revocation on the grant's own first day does not end it (a new
        // grant starting the day of a revocation is not revoked).
        let r = revocation("rev", "2022-03-01", &t1, "\"CF-1\"");
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\"", &r), "2023-03-02", 365),
            late()
        );
    }

    #[test]
    fn evaluation_overdue_stays_while_any_grant_stands() {
        // Two townships, revoked from one: the grant to 邱城镇 stands.
        let both = format!("\"{T1}\", \"{T2}\"");
        let r = revocation("rev", "2022-09-01", &format!("\"{T1}\""), "\"CF-1\"");
        assert_eq!(
            overdue(&text(&both, "\"CF-1\"", &r), "2023-03-02", 365),
            late()
        );
        // Revoked from the other as well, by a second instrument: nothing
        // stands.
        let r2 = format!(
            "{r}{}",
            revocation("rev2", "2022-10-01", &format!("\"{T2}\""), "\"CF-1\"")
        );
        assert_eq!(
            overdue(&text(&both, "\"CF-1\"", &r2), "2023-03-02", 365),
            Vec::<String>::new()
        );
        // Two items, one revoked: CF-2 stands.
        let t1 = format!("\"{T1}\"");
        let r = revocation("rev", "2022-09-01", &t1, "\"CF-1\"");
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\", \"CF-2\"", &r), "2023-03-02", 365),
            late()
        );
        // Only the licence left standing: Art. 24's evaluation is of the
        // enforcement powers, and none stands.
        let r = revocation("rev", "2022-09-01", &t1, "\"CF-1\"");
        assert_eq!(
            overdue(&text(&t1, "\"CF-1\", \"XK-1\"", &r), "2023-03-02", 365),
            Vec::<String>::new()
        );
    }
}
