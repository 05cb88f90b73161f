//! Exact values of the catalogue's smaller rules: inheritance, templates,
//! withdrawal, the extension an item allows, each overridden limit, and
//! the units a promise is compared in. Each expected value is read from
//! the entries written here.

use jiceng_approvals::{
    Case, Catalogue, CatalogueRule, Error, Handling, Inline, check_catalogue, period_zh,
};
use jiceng_calendar::Period;

use crate::{day, wd};

fn cat(body: &str) -> Catalogue {
    let text = format!("format = 1\nname = \"t\"\n{body}");
    Catalogue::from_str_auto(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"))
}

/// A province template for item A (statutory 20wd, promised 10wd), a
/// county template (promised 8wd), and 尚村镇's entry with `extra`.
fn chain(extra: &str) -> Catalogue {
    cat(&format!(
        "[[entry]]\ndivision = \"130000000000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\nname = \"甲\"\nstatutory = \"20wd\"\npromised = \"10wd\"\n\
         [[entry]]\ndivision = \"130926000000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\ntemplate = true\npromised = \"8wd\"\n\
         [[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\ndeciding_body = \"130926103-gov\"\n{extra}"
    ))
}

#[test]
fn the_nearest_layer_wins_field_by_field() {
    let c = chain("");
    let i = c.resolve("130926103000", "A", day("2024-01-01")).unwrap();
    // Name and statutory from the province, the promise from the county.
    assert_eq!(
        (i.name.as_str(), i.statutory, i.promised),
        ("甲", wd(20), Some(wd(8)))
    );
    // The defaults: promised handling, one extension of 10wd, counter only.
    assert_eq!(i.handling, Handling::Promised);
    assert!(i.extension_allowed);
    assert_eq!(i.limits().extension, wd(10));
    let c = chain("promised = \"3wd\"\n");
    let i = c.resolve("130926103000", "A", day("2024-01-01")).unwrap();
    assert_eq!(i.promised, Some(wd(3)));
}

#[test]
fn templates_are_offered_nowhere() {
    let c = chain("");
    // Not offered: the unknown-item error, not a malformed entry.
    for place in ["130926000000", "130000000000"] {
        assert!(
            matches!(
                c.resolve(place, "A", day("2024-01-01")),
                Err(Error::UnknownServiceItem { .. })
            ),
            "{place}"
        );
    }
    assert!(
        c.offered(
            "130926000000".parse().unwrap(),
            day("2024-01-01"),
            None,
            None
        )
        .is_empty()
    );
    // Another township of the county does not offer it either.
    assert!(c.resolve("130926102000", "A", day("2024-01-01")).is_err());
}

#[test]
fn a_withdrawn_entry_is_not_offered() {
    let c = chain("withdrawn = true\n");
    assert!(matches!(
        c.resolve("130926103000", "A", day("2024-01-01")),
        Err(Error::UnknownServiceItem { .. })
    ));
    assert!(
        c.offered(
            "130926103000".parse().unwrap(),
            day("2024-01-01"),
            None,
            None
        )
        .is_empty()
    );
}

#[test]
fn an_entry_is_in_force_from_its_first_day_to_the_day_before_until() {
    let c = chain("until = \"2024-01-01\"\n");
    assert!(c.resolve("130926103000", "A", day("2023-12-31")).is_ok());
    assert!(c.resolve("130926103000", "A", day("2024-01-01")).is_err());
    assert!(c.resolve("130926103000", "A", day("2021-12-31")).is_err());
}

#[test]
fn no_extension_allowed_is_an_extension_of_zero() {
    let c = chain("extension_allowed = false\n");
    let i = c.resolve("130926103000", "A", day("2024-01-01")).unwrap();
    assert_eq!(i.limits().extension, wd(0));
    let c = chain("joint = true\n");
    let i = c.resolve("130926103000", "A", day("2024-01-01")).unwrap();
    // Joint handling: 15 working days of extension (Art. 42).
    assert_eq!(i.limits().extension, wd(15));
}

#[test]
fn each_overridden_limit_is_named() {
    let c = chain("");
    let check = |inline: &str, expected: &[&str]| {
        let line = format!(
            r#"{{"id":"A","item":"A","division":"130926103000",{inline}"events":[{{"date":"2024-03-01","kind":"received"}}]}}"#
        );
        let mut case = Case::from_json(&line).unwrap();
        let a = c
            .apply(&mut case, &Inline::from_json(&line).unwrap())
            .unwrap();
        assert_eq!(a.overridden, expected, "{inline}");
    };
    check("", &[]);
    check(
        r#""statutory":"20wd","promised":"8wd","extension":"10wd","joint":false,"handling":"promised","#,
        &[],
    );
    check(r#""statutory":"15wd","#, &["statutory"]);
    check(r#""promised":"9wd","#, &["promised"]);
    check(r#""extension":"5wd","#, &["extension"]);
    check(r#""joint":true,"#, &["joint"]);
    check(r#""handling":"on_the_spot","#, &["handling"]);
    check(
        r#""statutory":"15wd","promised":"9wd","extension":"5wd","joint":true,"handling":"on_the_spot","#,
        &["statutory", "promised", "extension", "joint", "handling"],
    );
}

#[test]
fn a_case_without_a_division_or_events_is_an_error() {
    let c = chain("");
    let mut case = Case::from_json(
        r#"{"id":"A","item":"A","events":[{"date":"2024-03-01","kind":"received"}]}"#,
    )
    .unwrap();
    assert!(
        c.apply(&mut case, &Inline::default())
            .unwrap_err()
            .to_string()
            .contains("division")
    );
    let mut case =
        Case::from_json(r#"{"id":"A","item":"A","division":"130926103000","events":[]}"#).unwrap();
    assert!(
        c.apply(&mut case, &Inline::default())
            .unwrap_err()
            .to_string()
            .contains("receipt")
    );
}

#[test]
fn promises_are_compared_by_number_or_on_the_calendar() {
    // 25wd > 20wd is found; 20wd against 20wd is not longer. 30d against
    // 20wd is compared on the calendar (the 2022 notice: 1–3 Jan
    // 2022 off; 春节 31 Jan–6 Feb off, Saturday 29 and Sunday 30 Jan
    // worked): accepted on the first day, 1 January 2022, 30 days end on
    // Monday 31 January, a holiday, moved to 7 February; 20 working days
    // end on 4–7 (4), 10–14 (9), 17–21 (14), 24–28 (19), Saturday 29 Jan
    // (20). Found on that day.
    for (promised, found) in [
        ("25wd", true),
        ("30d", true),
        ("20wd", false),
        ("21wd", true),
    ] {
        let c = chain(&format!("promised = \"{promised}\"\n"));
        let f = check_catalogue(&c, None);
        assert_eq!(
            f.iter()
                .any(|f| f.rule == CatalogueRule::PromiseLongerThanStatute),
            found,
            "{promised}: {f:?}"
        );
    }
}

#[test]
fn periods_in_chinese() {
    for (p, zh) in [
        (Period::WorkingDays(20), "20个工作日"),
        (Period::Days(30), "30日"),
        (Period::Months(3), "3个月"),
        (Period::Years(1), "1年"),
    ] {
        assert_eq!(period_zh(p), zh);
    }
}

#[test]
fn rule_names_and_labels() {
    for (r, name, zh) in [
        (
            CatalogueRule::ServiceWithoutPower,
            "service_without_power",
            "无权实施（决定机关不持有该权力事项）",
        ),
        (
            CatalogueRule::PromiseLongerThanStatute,
            "promise_longer_than_statute",
            "承诺时限长于法定时限",
        ),
        (
            CatalogueRule::OnTheSpotWithPromise,
            "on_the_spot_with_promise",
            "即办件设有承诺时限",
        ),
        (
            CatalogueRule::ProxyNeedsPresence,
            "proxy_needs_presence",
            "须本人到场的事项允许代办",
        ),
        (
            CatalogueRule::DuplicateItem,
            "duplicate_item",
            "同一地区重复列入同一事项",
        ),
        (
            CatalogueRule::DevolvedNotOffered,
            "devolved_not_offered",
            "已下放事项未列入乡镇实施清单",
        ),
        (
            CatalogueRule::UnknownPowerItem,
            "unknown_power_item",
            "权力事项不在权责清单中",
        ),
        (CatalogueRule::Incomplete, "incomplete", "事项要素不全"),
    ] {
        assert_eq!((r.name(), r.zh()), (name, zh));
        assert_eq!(serde_json::to_value(r).unwrap(), name);
    }
}

#[test]
fn inline_limits_are_found_however_the_line_is_written() {
    // (line, statutory, promised): the key written plainly, escaped, or
    // only inside a value.
    for (line, statutory, promised) in [
        (r#"{"id":"A","events":[]}"#, false, false),
        (r#"{"id":"A","promised":"5wd","events":[]}"#, false, true),
        (r#"{"id":"A","statutory":"20wd","events":[]}"#, true, false),
        (
            r#"{"id":"A","\u0070romised":"5wd","events":[]}"#,
            false,
            true,
        ),
        (r#"{"id":"\"promised\"","events":[]}"#, false, false),
        (r#"{"id":"A","item":"\u7533","events":[]}"#, false, false),
    ] {
        let i = Inline::from_json(line).unwrap();
        assert_eq!((i.statutory, i.promised), (statutory, promised), "{line}");
    }
}

#[test]
fn a_diff_names_the_channels_in_chinese() {
    // 尚村镇 takes item A at the counter and by village proxy, 窝北镇 at
    // the counter only: the channels differ, named as a citizen reads them
    // (窗口办理, 村级代办), joined by 、.
    let c = cat(
        "[[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\nname = \"甲\"\nstatutory = \"20wd\"\ndeciding_body = \"b\"\nchannels = [\"counter\", \"village_proxy\"]\n\
         [[entry]]\ndivision = \"130926102000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\nname = \"甲\"\nstatutory = \"20wd\"\ndeciding_body = \"b\"\nchannels = [\"counter\"]\n",
    );
    let d = day("2024-01-01");
    let diff = c.diff(
        "130926103000".parse().unwrap(),
        d,
        "130926102000".parse().unwrap(),
        d,
    );
    let changes: Vec<(&str, &str, &str)> = diff
        .changed
        .iter()
        .map(|ch| (ch.field, ch.a.as_str(), ch.b.as_str()))
        .collect();
    assert_eq!(changes, [("channels", "窗口办理、村级代办", "窗口办理")]);
}

#[test]
fn a_guide_lists_the_departments_of_an_item_not_handled_jointly() {
    // Departments named without joint handling are still listed; an item
    // with neither lists none.
    let with = chain("departments = [\"县自然资源局\", \"县住建局\"]\n");
    let g = with.guide("130926103000", "A", day("2024-01-01")).unwrap();
    assert!(
        g.markdown()
            .contains("- 联合办理部门：县自然资源局、县住建局\n")
    );
    let without = chain("");
    let g = without
        .guide("130926103000", "A", day("2024-01-01"))
        .unwrap();
    assert!(!g.markdown().contains("联合办理部门"));
}

#[test]
fn a_county_entry_is_checked_against_the_ledger() {
    // An entry at 肃宁县 itself (a county: offered there, not a template)
    // must name the holder at the county: the construction planning
    // permit HB-XK-003 is held there by law by the county's housing and
    // construction bureau, 130926-zjj (only 尚村镇 had it devolved). The
    // county government is not that body: one finding, at the entry's
    // line (3, after the two header lines), on its first day.
    let entry = |body: &str| {
        cat(&format!(
            "[[entry]]\ndivision = \"130926000000\"\ncode = \"A\"\nfrom = \"2023-01-01\"\nname = \"甲\"\nstatutory = \"20wd\"\npower_item = \"HB-XK-003\"\ndeciding_body = \"{body}\"\n"
        ))
    };
    let ledger = jiceng_authority::Ledger::hebei_sample();
    let power = |c: &Catalogue| -> Vec<(Option<usize>, chrono::NaiveDate, String)> {
        check_catalogue(c, Some(&ledger))
            .into_iter()
            .filter(|f| f.rule == CatalogueRule::ServiceWithoutPower)
            .map(|f| (f.line, f.date, f.division.to_string()))
            .collect()
    };
    assert_eq!(
        power(&entry("130926-gov")),
        [(Some(3), day("2023-01-01"), "130926000000".to_owned())]
    );
    assert_eq!(power(&entry("130926-zjj")), []);
}

#[test]
fn a_catalogue_of_more_than_65534_kinds_resolves_through_the_wide_table() {
    // 256 townships × 256 items, each entry starting on its own day: 65,536
    // distinct forms, past the 65,534 a 2-byte cell can name, so the table
    // holds 4-byte cells. Township k's item i starts k × 256 + i days after
    // 1 Jan 2000 and promises 1 + i % 10 working days.
    let base = day("2000-01-01");
    let mut entry = Vec::new();
    for k in 0..256u64 {
        let division = 130_926_000_000 + (100 + k) * 1000;
        for i in 0..256u64 {
            let text = format!(
                "division = \"{division}\"\ncode = \"I{i}\"\nfrom = \"{}\"\nname = \"甲\"\nstatutory = \"20wd\"\npromised = \"{}wd\"\ndeciding_body = \"b\"\n",
                base + chrono::Days::new(k * 256 + i),
                1 + i % 10
            );
            entry.push(toml::from_str::<jiceng_approvals::Entry>(&text).unwrap());
        }
    }
    let c = Catalogue::from_file(jiceng_approvals::CatalogueFile {
        format: 1,
        name: "wide".to_owned(),
        illustrative: true,
        note: None,
        entry,
    })
    .unwrap();
    // Township 7 (130926107000), item I13: from 2000-01-01 + 1,805 days =
    // 2004-12-10; promised 1 + 3 = 4 working days.
    let line = r#"{"id":"A","item":"I13","division":"130926107000","events":[{"date":"2005-03-01","kind":"received"}]}"#;
    let mut case = Case::from_json(line).unwrap();
    let applied = c.apply(&mut case, &Inline::default()).unwrap();
    assert_eq!(applied.from, day("2004-12-10"));
    assert_eq!(case.limits.promised, Some(wd(4)));
    // The day before it starts, it is not offered.
    let line = line.replace("2005-03-01", "2004-12-09");
    let mut case = Case::from_json(&line).unwrap();
    assert!(c.apply(&mut case, &Inline::default()).is_err());
    // Every cell is offered on 2180-01-01, after the last start (township
    // 255's item 255, 255 × 256 + 255 = 65,535 days after 2000-01-01, in
    // mid-2179), with promised 1 + i % 10: whichever cell holds the kind
    // numbered 65,535 must not read as the unlisted marker of a 2-byte
    // table.
    let after = "2180-01-01";
    assert!(base + chrono::Days::new(65_535) < day(after));
    for k in 0..256u64 {
        let division = 130_926_000_000 + (100 + k) * 1000;
        for i in 0..256u64 {
            let line = format!(
                r#"{{"id":"W","item":"I{i}","division":"{division}","events":[{{"date":"{after}","kind":"received"}}]}}"#
            );
            let mut case = Case::from_json(&line).unwrap();
            let applied = c.apply(&mut case, &Inline::default());
            assert!(applied.is_ok(), "township {k}, item {i}: {applied:?}");
            assert_eq!(
                case.limits.promised,
                Some(wd(1 + (i % 10) as u32)),
                "{k}, {i}"
            );
        }
    }
}

#[test]
fn a_batch_is_answered_as_each_case_alone() {
    // Found, overridden, unknown, a village's (walked up to 尚村镇), and a
    // case without a division: each answer as `apply` gives it alone.
    let lines = [
        r#"{"id":"A","item":"HBFW-XK-003","division":"130926103000","events":[{"date":"2024-03-01","kind":"received"}]}"#,
        r#"{"id":"B","item":"HBFW-XK-003","division":"130926103000","promised":"5wd","events":[{"date":"2024-03-01","kind":"received"}]}"#,
        r#"{"id":"C","item":"NOPE","division":"130926103000","events":[{"date":"2024-03-01","kind":"received"}]}"#,
        r#"{"id":"D","item":"HBFW-XK-003","division":"130926103200","events":[{"date":"2024-03-01","kind":"received"}]}"#,
        r#"{"id":"E","item":"HBFW-XK-003","events":[{"date":"2024-03-01","kind":"received"}]}"#,
    ];
    let cat = Catalogue::suning_sample();
    let mut batch: Vec<(Case, Inline)> = lines
        .iter()
        .map(|l| (Case::from_json(l).unwrap(), Inline::from_json(l).unwrap()))
        .collect();
    let mut alone = batch.clone();
    let answers = cat.apply_batch(&mut batch);
    assert_eq!(answers.len(), 5);
    for ((a, (case, _)), (c, i)) in answers.iter().zip(&batch).zip(&mut alone) {
        let b = cat.apply(c, i);
        assert_eq!(a.as_ref().ok(), b.as_ref().ok());
        assert_eq!(a.is_err(), b.is_err());
        assert_eq!(case, c);
    }
    let ok: Vec<bool> = answers.iter().map(Result::is_ok).collect();
    assert_eq!(ok, [true, true, false, true, false]);
}
