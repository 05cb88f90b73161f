//! The service item catalogue: its checks (each with its line), limits as
//! of the receipt date, the Suning story, and the law that naming an item
//! is the same as writing its limits inline.
//!
//! Expected values come from the files as written here or in
//! `data/suning-catalogue.toml` (counted by hand), and from the ledger's
//! instruments (肃政字〔2022〕20号: 4 items to every Suning township;
//! 〔2022〕21号: 8 more to 尚村镇; 〔2023〕30号: HB-XK-002 taken back from
//! 付家佐乡 on 2024-01-01).

use jiceng_approvals::{
    Case, Catalogue, CatalogueRule, Channel, Error, Handling, Inline, Options, check_catalogue,
    evaluate,
};
use jiceng_authority::{Ledger, PowerCategory};
use proptest::prelude::*;

use crate::{cal, day, wd};

/// The two header lines every test file starts with; entries begin on
/// line 3.
const HEAD: &str = "format = 1\nname = \"t\"\n";

/// A catalogue from entries (each a block of lines starting `[[entry]]`).
pub(super) fn cat(entries: &[&str]) -> Catalogue {
    let text = format!("{HEAD}{}", entries.concat());
    Catalogue::from_str_auto(&text, "t.toml").unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// A township entry of 尚村镇 with the given extra lines: 6 lines in all
/// plus the extras.
pub(super) fn shangcun(code: &str, power: &str, extra: &str) -> String {
    format!(
        "[[entry]]\ndivision = \"130926103000\"\ncode = \"{code}\"\nfrom = \"2022-07-01\"\npower_item = \"{power}\"\ndeciding_body = \"130926103-gov\"\n{extra}"
    )
}

/// A complete template entry (9 lines) at the province.
pub(super) fn template(code: &str, extra: &str) -> String {
    format!(
        "[[entry]]\ndivision = \"130000000000\"\ncode = \"{code}\"\nfrom = \"2022-01-01\"\nname = \"{code}\"\nstatutory = \"20wd\"\nhandling = \"promised\"\nchannels = [\"counter\"]\nproxy = false\n{extra}"
    )
}

/// The (rule, line) of every finding, without a ledger or with the
/// bundled one.
pub(super) fn check(entries: &[&str], ledger: bool, expected: &[(CatalogueRule, Option<usize>)]) {
    let c = cat(entries);
    let l = ledger.then(Ledger::hebei_sample);
    let got: Vec<_> = check_catalogue(&c, l.as_ref())
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(got, expected, "{entries:?}");
}

#[test]
fn a_promise_longer_than_the_statute_is_found_at_its_line() {
    // Template at line 3 (9 lines + 1 extra = 10), Shangcun at line 13.
    let t = template("A", "promised = \"10wd\"\n");
    let s = shangcun("A", "HB-XK-003", "statutory = \"5wd\"\n");
    check(
        &[&t, &s],
        false,
        &[(CatalogueRule::PromiseLongerThanStatute, Some(13))],
    );
}

#[test]
fn an_on_the_spot_item_with_a_promise_is_found() {
    let t = template("A", "");
    // Line 3 + 9 = 12.
    let s = shangcun(
        "A",
        "HB-XK-003",
        "handling = \"on_the_spot\"\npromised = \"3wd\"\n",
    );
    check(
        &[&t, &s],
        false,
        &[(CatalogueRule::OnTheSpotWithPromise, Some(12))],
    );
    // A 即办件 promised 0 working days is lawful.
    let s = shangcun(
        "A",
        "HB-XK-003",
        "handling = \"on_the_spot\"\npromised = \"0wd\"\n",
    );
    check(&[&t, &s], false, &[]);
}

#[test]
fn proxy_with_a_material_needing_presence_is_found() {
    let t = template(
        "A",
        "materials = [{ name = \"身份证\", form = \"original\", in_person = true }]\n",
    );
    // Template 10 lines from line 3; Shangcun from line 13.
    let s = shangcun("A", "HB-XK-003", "proxy = true\n");
    check(
        &[&t, &s],
        false,
        &[(CatalogueRule::ProxyNeedsPresence, Some(13))],
    );
}

#[test]
fn the_same_item_twice_in_one_place_is_found_at_the_second() {
    let t = template("A", "");
    let s = shangcun("A", "HB-XK-003", "");
    // Template lines 3–11; the first Shangcun entry 12–17, the second 18.
    check(
        &[&t, &s, &s],
        false,
        &[(CatalogueRule::DuplicateItem, Some(18))],
    );
    // One after the other is no duplicate.
    let a = shangcun("A", "HB-XK-003", "until = \"2023-01-01\"\n");
    let b = shangcun("A", "HB-XK-003", "").replace("2022-07-01", "2023-01-01");
    check(&[&t, &a, &b], false, &[]);
}

#[test]
fn a_service_without_power_is_found_against_the_ledger() {
    // 窝北镇 holds none of the developed town's items: the construction
    // planning permit stays with 肃宁县住房和城乡建设局.
    let t = template("A", "");
    let s = shangcun("A", "HB-XK-003", "")
        .replace("130926103000", "130926102000")
        .replace("130926103-gov", "130926102-gov");
    let c = cat(&[&t, &s]);
    let f = check_catalogue(&c, Some(&Ledger::hebei_sample()));
    let power: Vec<_> = f
        .iter()
        .filter(|f| f.rule == CatalogueRule::ServiceWithoutPower)
        .collect();
    assert_eq!(power.len(), 1, "{f:?}");
    assert_eq!(power[0].line, Some(12));
    assert!(
        power[0].message.contains("130926-zjj"),
        "{}",
        power[0].message
    );
}

#[test]
fn a_service_kept_after_the_power_was_taken_back_is_found_on_that_day() {
    // 肃政字〔2023〕30号 takes HB-XK-002 back from 付家佐乡 on 2024-01-01.
    let t = template("A", "");
    let s = "[[entry]]\ndivision = \"130926201000\"\ncode = \"A\"\nfrom = \"2022-07-01\"\npower_item = \"HB-XK-002\"\ndeciding_body = \"130926201-gov\"\n";
    let c = cat(&[&t, s]);
    let f: Vec<_> = check_catalogue(&c, Some(&Ledger::hebei_sample()))
        .into_iter()
        .filter(|f| f.rule == CatalogueRule::ServiceWithoutPower)
        .collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].line, f[0].date), (Some(12), day("2024-01-01")));
}

#[test]
fn an_unknown_power_item_is_found() {
    let t = template("A", "");
    let s = shangcun("A", "HB-XX-999", "");
    // And so none of the 12 items devolved to 尚村镇 is offered.
    let mut expected = vec![(CatalogueRule::UnknownPowerItem, Some(12))];
    expected.extend([(CatalogueRule::DevolvedNotOffered, None); 12]);
    check(&[&t, &s], true, &expected);
}

#[test]
fn a_devolved_item_not_offered_is_found_per_item() {
    // 尚村镇 offers only the construction planning permit: of the 12 items
    // devolved to it on 2022-07-01, 11 are not offered. No other township
    // is covered (no entry of theirs or of the county).
    let t = template("A", "");
    let s = shangcun("A", "HB-XK-003", "");
    let c = cat(&[&t, &s]);
    let f = check_catalogue(&c, Some(&Ledger::hebei_sample()));
    assert_eq!(f.len(), 11, "{f:?}");
    assert!(f.iter().all(|f| f.rule == CatalogueRule::DevolvedNotOffered
        && f.line.is_none()
        && f.date == day("2022-07-01")
        && f.division.to_string() == "130926103000"));
    assert!(!f.iter().any(|f| f.item == "HB-XK-003"));
}

#[test]
fn an_entry_without_a_deciding_body_is_incomplete() {
    let t = template("A", "");
    let s = "[[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"2022-07-01\"\n";
    let f = check_catalogue(&cat(&[&t, s]), None);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule, CatalogueRule::Incomplete);
    assert!(f[0].message.contains("deciding_body"), "{}", f[0].message);
}

#[test]
fn a_bad_file_names_its_line() {
    // Line 4: a division code that is not 12 digits.
    let e = Catalogue::from_str_auto(
        "format = 1\nname = \"t\"\n[[entry]]\ndivision = \"1\"\ncode = \"A\"\nfrom = \"2022-01-01\"\n",
        "t.toml",
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("t.toml:4:"), "{e}");
    let e = Catalogue::from_str_auto("format = 2\nname = \"t\"\n", "t.toml").unwrap_err();
    assert!(e.to_string().contains("format 2"), "{e}");
    // JSON: serde_json's line.
    let e = Catalogue::from_str_auto("{\"format\": 1,\n\"name\": 3}", "t.json").unwrap_err();
    assert!(e.to_string().starts_with("t.json:2:"), "{e}");
}

// --- The bundled Suning catalogue -------------------------------------

#[test]
fn the_bundled_catalogue_is_illustrative_and_checks_clean() {
    let c = Catalogue::suning_sample();
    assert!(c.is_illustrative());
    let f = check_catalogue(c, Some(&Ledger::hebei_sample()));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn the_bundled_catalogue_is_valid_against_its_schema() {
    // The schema lists the entry fields the file uses.
    let schema: serde_json::Value =
        serde_json::from_str(&jiceng_approvals::CatalogueFile::schema()).unwrap();
    let text = schema.to_string();
    for field in [
        "power_item",
        "handling",
        "statutory",
        "promised",
        "extension_allowed",
        "departments",
        "materials",
        "fees",
        "channels",
        "proxy",
        "deciding_body",
    ] {
        assert!(text.contains(field), "{field} missing from the schema");
    }
}

#[test]
fn shangcun_offers_twelve_items_and_the_other_towns_four() {
    // 4 to every township (〔2022〕20号), 8 more to 尚村镇 (〔2022〕21号);
    // 梁家村镇 also takes the entrusted disability subsidies from
    // 2023-01-01; 付家佐乡 loses HB-XK-002 on 2024-01-01.
    let c = Catalogue::suning_sample();
    let n = |t: &str, d: &str| c.offered(t.parse().unwrap(), day(d), None, None).len();
    for (town, date, expected) in [
        ("130926103000", "2024-03-01", 12),
        ("130926102000", "2024-03-01", 4),
        ("130926100000", "2024-03-01", 4),
        ("130926101000", "2022-12-31", 4),
        ("130926101000", "2023-01-01", 5),
        ("130926201000", "2023-12-31", 4),
        ("130926201000", "2024-01-01", 3),
        ("130926103000", "2022-06-30", 0),
    ] {
        assert_eq!(n(town, date), expected, "{town} on {date}");
    }
    // By category: 尚村镇's 12 are 9 licences, 2 payments and 1 other.
    let by = |cat| {
        c.offered(
            "130926103000".parse().unwrap(),
            day("2024-03-01"),
            Some(cat),
            None,
        )
        .len()
    };
    assert_eq!(
        (
            by(PowerCategory::Licensing),
            by(PowerCategory::Payment),
            by(PowerCategory::Other)
        ),
        (9, 2, 1)
    );
}

#[test]
fn the_elderly_subsidy_is_taken_by_proxy_at_village_stations() {
    let c = Catalogue::suning_sample();
    for town in ["130926100000", "130926103000", "130926202000"] {
        let proxy = c.offered(
            town.parse().unwrap(),
            day("2024-03-01"),
            None,
            Some(Channel::VillageProxy),
        );
        let names: Vec<_> = proxy.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["高龄津贴发放"], "{town}");
        assert!(proxy[0].proxy);
    }
}

#[test]
fn the_construction_planning_permit_is_twenty_statutory_seven_promised() {
    let c = Catalogue::suning_sample();
    let i = c
        .resolve("130926103000", "HBFW-XK-003", day("2024-03-01"))
        .unwrap();
    assert_eq!((i.statutory, i.promised), (wd(20), Some(wd(7))));
    assert_eq!(i.deciding_body, "130926103-gov");
    // A case from a village of 尚村镇 is handled by the town.
    let v = c
        .resolve("130926103200", "HBFW-XK-003", day("2024-03-01"))
        .unwrap();
    assert_eq!(v.division.to_string(), "130926103000");
    // 窝北镇 does not offer it, nor does the county above it.
    assert!(matches!(
        c.resolve("130926102000", "HBFW-XK-003", day("2024-03-01")),
        Err(Error::UnknownServiceItem { .. })
    ));
}

#[test]
fn limits_are_those_in_force_on_the_receipt_date() {
    // 尚村镇 promises 10wd (the template) until 2023-06-30 and 7wd from
    // 2023-07-01 (its adaptation).
    let c = Catalogue::suning_sample();
    for (received, promised) in [
        ("2023-06-30", 10),
        ("2023-07-01", 7),
        ("2022-07-01", 10),
        ("2025-01-02", 7),
    ] {
        let line = format!(
            r#"{{"id":"A","item":"HBFW-XK-003","division":"130926103000","events":[{{"date":"{received}","kind":"received"}},{{"date":"2025-12-01","kind":"accepted"}}]}}"#
        );
        let mut case = Case::from_json(&line).unwrap();
        let inline = Inline::from_json(&line).unwrap();
        let a = c.apply(&mut case, &inline).unwrap();
        assert_eq!(case.limits.promised, Some(wd(promised)), "{received}");
        assert_eq!(a.received, day(received));
        assert!(a.overridden.is_empty());
    }
}

#[test]
fn an_override_is_kept_and_named() {
    let c = Catalogue::suning_sample();
    let line = r#"{"id":"A","item":"HBFW-XK-003","division":"130926103000","promised":"5wd","statutory":"20wd","events":[{"date":"2024-03-01","kind":"received"}]}"#;
    let mut case = Case::from_json(line).unwrap();
    let inline = Inline::from_json(line).unwrap();
    let a = c.apply(&mut case, &inline).unwrap();
    // The promise differs (5 against 7); the statutory limit is the same.
    assert_eq!(a.overridden, ["promised"]);
    assert_eq!(case.limits.promised, Some(wd(5)));
}

#[test]
fn an_unknown_item_is_an_error_naming_it() {
    let c = Catalogue::suning_sample();
    let line = r#"{"id":"A","item":"NOPE","division":"130926103000","events":[{"date":"2024-03-01","kind":"received"}]}"#;
    let mut case = Case::from_json(line).unwrap();
    let e = c.apply(&mut case, &Inline::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "service item NOPE is not offered in 130926103000 on 2024-03-01"
    );
}

#[test]
fn the_two_dates_and_two_towns_differ_as_the_story_says() {
    let c = Catalogue::suning_sample();
    let s: jiceng_org::DivisionCode = "130926103000".parse().unwrap();
    let w: jiceng_org::DivisionCode = "130926102000".parse().unwrap();
    let d = c.diff(s, day("2024-03-01"), w, day("2024-03-01"));
    assert_eq!(d.only_a.len(), 8);
    assert!(d.only_b.is_empty() && d.changed.is_empty(), "{d:?}");
    let d = c.diff(s, day("2023-06-30"), s, day("2023-07-01"));
    assert!(d.only_a.is_empty() && d.only_b.is_empty());
    assert_eq!(d.changed.len(), 1, "{d:?}");
    let ch = &d.changed[0];
    assert_eq!(
        (ch.code.as_str(), ch.field, ch.a.as_str(), ch.b.as_str()),
        ("HBFW-XK-003", "promised", "10wd", "7wd")
    );
}

#[test]
fn the_guide_speaks_chinese() {
    let c = Catalogue::suning_sample();
    let mut g = c
        .guide("130926103000", "HBFW-XK-003", day("2024-03-01"))
        .unwrap();
    g.deciding_body_name = Some("尚村镇人民政府".to_owned());
    let md = g.markdown();
    for line in [
        "# 建设工程规划许可证核发办事指南",
        "- 办件类型：承诺件",
        "- 法定办结时限：20个工作日",
        "- 承诺办结时限：7个工作日",
        "- 决定机关：尚村镇人民政府（130926103-gov）",
        "- 收费标准：不收费",
        "| 申请人身份证明 | 原件和复印件 | 必需 | 否 |",
    ] {
        assert!(md.contains(line), "{line} not in\n{md}");
    }
    let g = c
        .guide("130926100000", "HBFW-XK-001", day("2024-03-01"))
        .unwrap();
    // The one fee of the sample, exact in yuan.
    assert!(
        g.markdown()
            .contains("- 收费标准：证书工本费（示例） 5.00元")
    );
    let json = serde_json::to_value(&g).unwrap();
    assert_eq!(json["item"]["fees"][0]["amount"], "5.00");
}

// --- The law: naming an item is writing its limits inline ---------------

proptest! {
    #[test]
    fn naming_an_item_evaluates_as_its_limits_inline(
        k in 0usize..12,
        offset in 0i64..1200,
        took in 0i64..60,
        decided in any::<bool>(),
    ) {
        let c = Catalogue::suning_sample();
        let codes: Vec<String> = c
            .offered("130926103000".parse().unwrap(), day("2024-03-01"), None, None)
            .iter()
            .map(|i| i.code.clone())
            .collect();
        let code = &codes[k];
        let received = day("2022-07-01") + chrono::Duration::days(offset);
        let end = received + chrono::Duration::days(took);
        let mut events = format!(
            r#"{{"date":"{received}","kind":"received"}},{{"date":"{received}","kind":"accepted"}}"#
        );
        if decided {
            events.push_str(&format!(r#",{{"date":"{end}","kind":"decided","outcome":"granted"}}"#));
        }
        let named = format!(
            r#"{{"id":"N","item":"{code}","division":"130926103000","events":[{events}]}}"#
        );
        let mut a = Case::from_json(&named).unwrap();
        let inline = Inline::from_json(&named).unwrap();
        c.apply(&mut a, &inline).unwrap();
        let item = c.resolve("130926103000", code, received).unwrap();
        let l = item.limits();
        let promised = l.promised.map(|p| format!(r#","promised":"{p}""#)).unwrap_or_default();
        let handling = if item.handling == Handling::OnTheSpot { "on_the_spot" } else { "promised" };
        let inline_line = format!(
            r#"{{"id":"N","item":"{code}","handling":"{handling}","statutory":"{}","extension":"{}","joint":{}{promised},"events":[{events}]}}"#,
            l.statutory, l.extension, l.joint
        );
        let b = Case::from_json(&inline_line).unwrap();
        let at = end + chrono::Duration::days(1);
        let ea = evaluate(&a, at, &cal(), &Options::default());
        let eb = evaluate(&b, at, &cal(), &Options::default());
        prop_assert_eq!(ea, eb);
        prop_assert_eq!((a.limits, a.handling), (b.limits, b.handling));
    }
}
