//! Catalogue limits against Art. 82 and a promise against a statute in
//! other units, and what a village offers: the catalogue cases a review
//! worked by hand.

use jiceng_approvals::{Catalogue, CatalogueRule, check_catalogue};

use crate::catalogue::{cat, check, shangcun, template};
use crate::{cal, day};

/// Art. 82: the statutory limit and the extension are periods the law
/// sets for the agency, in working days. An entry that writes one in
/// calendar days is an error at its line (every case of the item would be
/// refused); the same limits in working days are not. Template at line 3
/// (9 lines), 尚村镇's entry at line 12.
#[test]
fn a_limit_in_calendar_days_is_found_at_its_line() {
    let t = template("A", "");
    for (extra, found) in [
        ("statutory = \"20d\"\n", true),
        ("statutory = \"1m\"\n", true),
        ("statutory = \"20wd\"\n", false),
        ("extension = \"15d\"\n", true),
        ("extension = \"10wd\"\n", false),
        ("statutory = \"20d\"\nextension = \"15d\"\n", true),
    ] {
        let s = shangcun("A", "HB-XK-003", extra);
        let expected: &[(CatalogueRule, Option<usize>)] = if found {
            &[(CatalogueRule::LimitNotWorkingDays, Some(12))]
        } else {
            &[]
        };
        check(&[&t, &s], false, expected);
    }
    // Both limits wrong: one finding that names both, and the article.
    let s = shangcun(
        "A",
        "HB-XK-003",
        "statutory = \"20d\"\nextension = \"15d\"\n",
    );
    let f = check_catalogue(&cat(&[&t, &s]), None);
    assert_eq!(
        f[0].message,
        "item A: statutory limit 20d and extension 15d must be in working days (行政许可法第八十二条、第四十二条), e.g. 20wd"
    );
    let s = shangcun("A", "HB-XK-003", "extension = \"15d\"\n");
    let f = check_catalogue(&cat(&[&t, &s]), None);
    assert_eq!(
        f[0].message,
        "item A: extension 15d must be in working days (行政许可法第八十二条、第四十二条), e.g. 10wd"
    );
    assert_eq!(
        CatalogueRule::LimitNotWorkingDays.zh(),
        "期限未以工作日计算（行政许可法第八十二条）"
    );
}

/// A promise in calendar days or months against a statute in working
/// days is compared on the calendar, as each case compares its two due
/// dates. Worked by hand from 国办发明电〔2022〕16号 (2023: 1–2 Jan off;
/// 春节 21–27 Jan off, Saturday 28 and Sunday 29 Jan worked), entries in
/// force from Sunday 1 January 2023:
///
/// * 2m: a case accepted on 1 Jan is promised 1 March, the statute's 20
///   working days end 2 February (3–6 Jan (4), 9–13 (9), 16–20 (14), 28,
///   29 (16), 30 Jan–2 Feb (20)): found on the first day.
/// * 28d: on 1 Jan, 29 Jan (a Sunday worked, not moved) against 2 Feb.
///   The first acceptance day it is longer is Thursday 26 January (a
///   holiday): 28 days → Thursday 23 Feb; 20 working days → 28, 29 Jan
///   (2), 30 Jan–3 Feb (7), 6–10 (12), 13–17 (17), 20–22 Feb (20): 22 Feb.
///   Every earlier day was checked by a separate count over the notice.
/// * 30d: first longer on Tuesday 24 January: 23 Feb against 22 Feb (the
///   same 20 working days: none of 24–27 Jan is worked).
/// * 20d: never longer than 20 working days (20 working days take at
///   least 20 calendar days and end on a working day), on any day.
#[test]
fn a_promise_in_other_units_is_compared_on_the_calendar() {
    // The template at line 3 (9 lines), 尚村镇's entry at line 12.
    let t = template("A", "");
    let entry = |promised: &str, until: &str| {
        format!(
            "[[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"2023-01-01\"\n{until}promised = \"{promised}\"\ndeciding_body = \"130926103-gov\"\n"
        )
    };
    for (promised, until, found) in [
        ("2m", "", Some("2023-01-01")),
        ("28d", "", Some("2023-01-26")),
        ("30d", "", Some("2023-01-24")),
        ("20d", "", None),
        ("21d", "until = \"2023-01-24\"\n", None),
        // In force up to the day before the first longer day: not found;
        // one day more: found.
        ("28d", "until = \"2023-01-26\"\n", None),
        ("28d", "until = \"2023-01-27\"\n", Some("2023-01-26")),
        ("30d", "until = \"2023-01-24\"\n", None),
        ("30d", "until = \"2023-01-25\"\n", Some("2023-01-24")),
    ] {
        let c = cat(&[&t, &entry(promised, until)]);
        let f: Vec<_> = jiceng_approvals::check_catalogue_on(&c, None, &cal())
            .into_iter()
            .filter(|f| f.rule == CatalogueRule::PromiseLongerThanStatute)
            .collect();
        assert_eq!(
            f.first().map(|f| f.date),
            found.map(day),
            "{promised} {until}: {f:?}"
        );
        if let Some(f) = f.first() {
            assert_eq!(f.line, Some(12));
        }
    }
    let c = cat(&[&t, &entry("28d", "")]);
    let f = jiceng_approvals::check_catalogue_on(&c, None, &cal());
    assert_eq!(
        f[0].message,
        "item A: promised 28d is longer than statutory 20wd for a case accepted on 2023-01-26: due 2023-02-23 against 2023-02-22"
    );
}

/// The bounds that spare the calendar scan are exact, not guesses: each
/// promise below is longer on its first day, so a bound that said "never"
/// would hide it.
///
/// * 2m from Wednesday 1 March 2023 ends 1 May, in the 劳动节 holiday
///   (29 April–3 May), moved to 4 May; 40 working days end 26 April: 2–3
///   Mar (2), 6–10 (7), 13–17 (12), 20–24 (17), 27–31 (22), 3–4 Apr (24),
///   6–7 (26, 清明 5 Apr off), 10–14 (31), 17–21 (36), Sunday 23 Apr
///   worked (37), 24–26 (40).
/// * 2y from 1 January 2023 ends 1 January 2025, New Year's Day, moved to
///   2 January 2025; 200 or 400 working days end within 2023 and 2024,
///   each of which has more than 200 working days (261 or 262 weekdays,
///   at most 11 of them holidays).
#[test]
fn promises_in_months_and_years_are_compared_past_the_bounds() {
    let t = template("A", "");
    for (from, statutory, promised) in [
        ("2023-03-01", "40wd", "2m"),
        ("2023-01-01", "200wd", "2y"),
        ("2023-01-01", "400wd", "2y"),
    ] {
        let s = format!(
            "[[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"{from}\"\nstatutory = \"{statutory}\"\npromised = \"{promised}\"\ndeciding_body = \"130926103-gov\"\n"
        );
        let f: Vec<_> = jiceng_approvals::check_catalogue_on(&cat(&[&t, &s]), None, &cal())
            .into_iter()
            .filter(|f| f.rule == CatalogueRule::PromiseLongerThanStatute)
            .map(|f| (f.line, f.date))
            .collect();
        assert_eq!(f, [(Some(12), day(from))], "{promised} against {statutory}");
    }
}

/// A village offers what its township offers (its applications are the
/// township's): 尚村镇's village 130926103201 lists the town's 12 items.
#[test]
fn a_village_offers_its_townships_items() {
    let cat = Catalogue::suning_sample();
    let on = day("2024-03-01");
    let town = cat.offered("130926103000".parse().unwrap(), on, None, None);
    let village = cat.offered("130926103201".parse().unwrap(), on, None, None);
    assert_eq!(town.len(), 12);
    assert_eq!(village, town);
}

/// Art. 42: "可以延长十日"; for unified, joint or concentrated handling
/// "可以延长十五日". An entry whose extension is longer than the law allows
/// is `extension_too_long` at its line: 15wd alone (law 10), 20wd joint
/// (law 15); 10wd alone and 15wd joint are the law's own lengths. Template
/// at line 3 (9 lines + the extras), 尚村镇's entry after it.
#[test]
fn catalogue_check_missed_an_extension_longer_than_art_42() {
    let t = template("A", "");
    for (extra, found) in [
        ("extension = \"15wd\"\n", true),
        ("extension = \"11wd\"\n", true),
        ("extension = \"10wd\"\n", false),
        (
            "joint = true\nstatutory = \"45wd\"\nextension = \"20wd\"\n",
            true,
        ),
        (
            "joint = true\nstatutory = \"45wd\"\nextension = \"16wd\"\n",
            true,
        ),
        (
            "joint = true\nstatutory = \"45wd\"\nextension = \"15wd\"\n",
            false,
        ),
        // An item that allows none has none, whatever it writes.
        ("extension_allowed = false\nextension = \"15wd\"\n", false),
    ] {
        let s = shangcun("A", "HB-XK-003", extra);
        let expected: &[(CatalogueRule, Option<usize>)] = if found {
            &[(CatalogueRule::ExtensionTooLong, Some(12))]
        } else {
            &[]
        };
        check(&[&t, &s], false, expected);
    }
    let s = shangcun("A", "HB-XK-003", "extension = \"15wd\"\n");
    let f = check_catalogue(&cat(&[&t, &s]), None);
    assert_eq!(
        f[0].message,
        "item A: extension 15wd is longer than the 10wd Art. 42 allows (行政许可法第四十二条)"
    );
    assert_eq!(
        f[0].message_zh,
        "事项 A：延长期限15个工作日超过行政许可法第四十二条允许的10个工作日"
    );
    assert_eq!(CatalogueRule::ExtensionTooLong.name(), "extension_too_long");
}

/// HBFW-XK-002 (个体工商户注册登记) is written `extension_allowed = false`:
/// its cases are evaluated with no extension, so the item shows 0wd, not
/// the 10wd of the law's default it used to inherit.
#[test]
fn an_item_without_extension_showed_10wd() {
    let c = Catalogue::suning_sample();
    let i = c
        .resolve("130926103000", "HBFW-XK-002", day("2024-03-01"))
        .unwrap();
    assert!(!i.extension_allowed);
    assert_eq!(i.extension, jiceng_calendar::Period::WorkingDays(0));
    assert_eq!(
        i.limits().extension,
        jiceng_calendar::Period::WorkingDays(0)
    );
    let json = serde_json::to_value(i).unwrap();
    assert_eq!(json["extension"], "0wd");
    // An item that allows one keeps it: the permit's 10wd default.
    let p = c
        .resolve("130926103000", "HBFW-XK-003", day("2024-03-01"))
        .unwrap();
    assert_eq!(p.extension, jiceng_calendar::Period::WorkingDays(10));
}

/// The Chinese messages of `catalogue check` (printed under `--lang zh`):
/// limits in calendar days named in words, and the field an entry and
/// its templates lack.
#[test]
fn catalogue_messages_in_chinese() {
    let t = template("A", "");
    let both = shangcun(
        "A",
        "HB-XK-003",
        "statutory = \"20d\"\nextension = \"15d\"\n",
    );
    let f = check_catalogue(&cat(&[&t, &both]), None);
    assert_eq!(
        f[0].message_zh,
        "事项 A：法定时限20日、延长期限15日应以工作日计算（行政许可法第八十二条、第四十二条），如20个工作日"
    );
    let ext = shangcun("A", "HB-XK-003", "extension = \"15d\"\n");
    let f = check_catalogue(&cat(&[&t, &ext]), None);
    assert_eq!(
        f[0].message_zh,
        "事项 A：延长期限15日应以工作日计算（行政许可法第八十二条、第四十二条），如10个工作日"
    );
    let s = "[[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"2022-07-01\"\n";
    let f = check_catalogue(&cat(&[&t, s]), None);
    assert_eq!(
        f[0].message_zh,
        "事项 A：其条目及所引模板均未写明 `deciding_body`"
    );
}
