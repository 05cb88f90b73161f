//! Exact values for rules that a sampled mutation run found unguarded: a
//! township's list of powers on the days around a grant, the clerk's
//! timeline through a county's concentration, a grant that ends on the day
//! it starts, which lists may adopt a template, whom an assessment aims
//! at, the stated shape of the synthetic province and its duty lists, the
//! line of a bare date, the statistics of concentrations, the Chinese
//! labels of the severities, what a date written as a number is told, and
//! a township-level item's explanation.

use jiceng_authority::{CheckOptions, FindingKind, Severity};

use crate::{BASE, CONCENTRATE, d, instrument, ledger};

const T1: &str = "130430100000";

/// CF-1 devolved to 新马头镇 from 2021-08-01 and revoked from 2022-01-01
/// (Art. 24 of the Administrative Penalty Law: the province's list allows
/// it). A grant is in force from its first day up to the day before the
/// revocation takes effect: the town lists CF-1 on 2021-08-01 and on
/// 2021-12-31, not on 2021-07-31 (not yet granted) nor on 2022-01-01
/// (revoked). Likewise the items devolved to it.
#[test]
fn a_townships_powers_hold_a_grant_only_while_it_is_in_force() {
    let extra = format!(
        "{}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-sthj\"",
            "2021-07-20",
            "2021-08-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
        ),
        instrument(
            "rev",
            "revocation",
            "",
            "2021-12-20",
            "2022-01-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
        ),
    );
    let l = ledger(&extra);
    let held = |date: &str| -> Option<String> {
        l.powers(T1.parse().unwrap(), d(date))
            .unwrap()
            .into_iter()
            .find(|p| p.item == "CF-1")
            .map(|p| p.holder.code)
    };
    assert_eq!(held("2021-07-31"), None);
    assert_eq!(held("2021-08-01").as_deref(), Some("t1-gov"));
    assert_eq!(held("2021-12-31").as_deref(), Some("t1-gov"));
    assert_eq!(held("2022-01-01"), None);
    // The same days in the list of what was devolved to the town.
    let devolved = |date: &str| l.devolved_to(T1.parse().unwrap(), d(date)).unwrap().len();
    assert_eq!(
        [
            devolved("2021-07-31"),
            devolved("2021-08-01"),
            devolved("2021-12-31"),
            devolved("2022-01-01")
        ],
        [0, 1, 1, 0]
    );
}

/// The timeline of CF-1 in 新马头镇 passes through the county's layer:
/// the 生态环境 department holds it by law until the concentration of
/// 2021-06-01 moves it to the enforcement bureau, which devolves it to the
/// town from 2022-01-01 (exercised by the town's enforcement team).
#[test]
fn a_townships_timeline_shows_the_countys_concentration() {
    let extra = format!(
        "{CONCENTRATE}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2021-12-20",
            "2022-01-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
        ),
    );
    let l = ledger(&extra);
    let got: Vec<_> = l
        .timeline("CF-1", T1)
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.from,
                p.until,
                p.holder.code,
                p.exercised_by.map(|b| b.code),
                p.instrument.map(|i| i.id),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        got,
        vec![
            (None, Some(d("2021-06-01")), "c-sthj".into(), None, None),
            (
                Some(d("2021-06-01")),
                Some(d("2022-01-01")),
                "c-zhzf".into(),
                None,
                s("conc")
            ),
            (
                Some(d("2022-01-01")),
                None,
                "t1-gov".into(),
                s("t1-zfd"),
                s("dev")
            ),
        ]
    );
}

/// A devolution whose `effective_until` is its `effective_from` is in
/// force on no day: the check reports that it ends before it starts, and
/// it grants nothing, so it cannot overlap the town's open grant of the
/// same item.
#[test]
fn a_grant_that_ends_the_day_it_starts_overlaps_nothing() {
    let extra = format!(
        "{}{}",
        instrument(
            "open",
            "devolution",
            "\"c-sthj\"",
            "2021-07-20",
            "2021-08-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
        ),
        instrument(
            "empty",
            "devolution",
            "\"c-sthj\"",
            "2021-12-20",
            "2022-01-01",
            &format!(
                "effective_until = \"2022-01-01\"\ntownships = [\"{T1}\"]\nitems = [\"CF-1\"]"
            ),
        ),
    );
    let l = ledger(&extra);
    let kinds: Vec<FindingKind> = l
        .check(&CheckOptions::default())
        .into_iter()
        .map(|f| f.kind)
        .filter(|k| {
            matches!(
                k,
                FindingKind::EndsBeforeItStarts | FindingKind::OverlappingGrant
            )
        })
        .collect();
    assert_eq!(kinds, vec![FindingKind::EndsBeforeItStarts]);
    let h = l.holder("CF-1", T1, d("2022-01-01")).unwrap();
    assert_eq!(h.holder.code, "t1-gov");
    assert_eq!(
        h.explanation
            .last()
            .unwrap()
            .instrument
            .as_ref()
            .unwrap()
            .id,
        "open"
    );
}

/// The labels a clerk reads in the Chinese report.
#[test]
fn severities_have_their_chinese_labels() {
    assert_eq!(Severity::Error.zh(), "错误");
    assert_eq!(Severity::Warning.zh(), "警告");
}

/// A template is a province's duty list, and only a county's adaptation
/// adopts one: Qiu County's list adopting the province template is
/// lawful, but a second county list adopting the first (a county's list,
/// not a template) and a township's list adopting the template are each
/// reported, naming the list and what it adopts.
#[test]
fn only_a_countys_list_adopts_and_only_a_province_template() {
    let list = |id: &str, scope: &str, rest: &str| {
        format!(
            "\n[[duty_list]]\nid = \"{id}\"\nissuer = \"c-gov\"\ndocument = \"邱办字〔2021〕{id}号\"\ntitle = \"职责清单 {id}\"\npublished = \"2021-07-01\"\neffective_from = \"2021-07-01\"\n{scope}\n{rest}\n"
        )
    };
    let duty = "\n[[duty]]\ncode = \"D-1\"\nname = \"生态环境执法\"\ndomain = \"生态文明\"\nkind = \"basic\"\npowers = [\"CF-1\"]\n";
    let text = format!(
        "{BASE}{duty}{}{}{}{}",
        list("tpl", "province = \"130000000000\"", "items = [\"D-1\"]"),
        list("qiu", "county = \"130430000000\"\ntemplate = \"tpl\"", ""),
        list("qiu2", "county = \"130430000000\"\ntemplate = \"qiu\"", ""),
        list(
            "t1",
            &format!("townships = [\"{T1}\"]\ntemplate = \"tpl\""),
            ""
        ),
    );
    let l = jiceng_authority::Ledger::from_text(&text, "mini.toml").unwrap();
    let got: Vec<String> = l
        .check_duties(d("2022-01-01"))
        .into_iter()
        .filter(|f| f.message.contains("not a province template"))
        .map(|f| f.message)
        .collect();
    let why = "which is not a province template (only a county's adaptation adopts one)";
    assert_eq!(
        got,
        [
            format!("duty list \"qiu2\" adopts \"qiu\", {why}"),
            format!("duty list \"t1\" adopts \"tpl\", {why}"),
        ]
    );
}

/// An assessment's `townships` aims it at townships only: a pledge (责任状)
/// naming 新马头镇 and one of its villages is counted for the town, once,
/// and outside its list (it names no duty); the village gets no report.
#[test]
fn an_assessment_aimed_at_a_town_and_a_village_reaches_the_town_only() {
    let pledge = format!(
        "\n[[assessment]]\nid = \"p\"\nkind = \"责任状\"\nissuer = \"c-gov\"\ntitle = \"p\"\neffective_from = \"2021-08-01\"\ntownships = [\"{T1}\", \"130430100200\"]\n"
    );
    let l = ledger(&pledge);
    let got: Vec<(String, usize, usize, Vec<String>)> = l
        .assessment_report(d("2022-01-01"))
        .into_iter()
        .map(|r| {
            (
                r.township.to_string(),
                r.assessments,
                r.pledges,
                r.pledges_outside,
            )
        })
        .collect();
    assert_eq!(got, [(T1.to_owned(), 0, 1, vec!["p".to_owned()])]);
}

/// The synthetic duty lists as `with_duties` states them: the template's
/// items take the seven domains of Hebei's list in turn (D-001 and D-008
/// 党的建设, D-002 经济发展, …), and one township in ten, the 1st, 11th,
/// 21st, … in file order, gets a list numbered after it, and so is its
/// document.
#[test]
fn synthetic_duties_cycle_the_domains_and_number_the_town_lists() {
    use jiceng_authority::synth::{DutyParams, SynthParams, province, with_duties};
    use jiceng_org::Level;
    let params = SynthParams {
        townships: 60,
        villages: 200,
        items: 40,
        instruments: 120,
        ..SynthParams::default()
    };
    let file = with_duties(province(&params), &DutyParams::default());
    let domains = [
        "党的建设",
        "经济发展",
        "民生服务",
        "平安法治",
        "社会治理",
        "生态文明",
        "乡村振兴",
    ];
    assert_eq!(file.duties.len(), 90);
    for (k, duty) in file.duties.iter().enumerate() {
        assert_eq!(duty.code, format!("D-{:03}", k + 1));
        assert_eq!(duty.domain, domains[k % 7], "{}", duty.code);
    }
    let towns = file
        .divisions
        .iter()
        .filter(|d| d.code.level() == Level::Township)
        .count();
    let expected: Vec<String> = (0..towns)
        .step_by(10)
        .map(|k| format!("synth-duty-town-{}", k + 1))
        .collect();
    let got: Vec<&str> = file
        .duty_lists
        .iter()
        .map(|l| l.id.as_str())
        .filter(|id| id.starts_with("synth-duty-town-"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    // Their documents are numbered 10,000 and up by the same index, apart
    // from the template's 0 and the county adaptations' 1, 2, ….
    let documents: Vec<Option<String>> = file
        .duty_lists
        .iter()
        .filter(|l| l.id.starts_with("synth-duty-town-"))
        .map(|l| l.document.clone())
        .collect();
    let numbered: Vec<Option<String>> = (0..towns)
        .step_by(10)
        .map(|k| Some(format!("合成职责〔2021〕{}号", 10_000 + k)))
        .collect();
    assert_eq!(documents, numbered);
}

/// A finding about a date points at the line where the date is written,
/// also when it is a bare TOML date: not at an earlier line where the same
/// digits sit inside a longer word (here the title's 编号12021-08-01).
/// The devolution is in force from 2021-08-01 but published on 2021-09-01.
#[test]
fn a_bare_date_is_found_on_its_own_line_not_inside_a_longer_word() {
    let extra = format!(
        "\n[[instrument]]\nid = \"late\"\nkind = \"devolution\"\nissuer = \"c-gov\"\ndocument = \"邱政字〔2021〕9号\"\ntitle = \"编号12021-08-01的决定\"\npublished = 2021-09-01\neffective_from = 2021-08-01\nfrom = [\"c-sthj\"]\ntownships = [\"{T1}\"]\nitems = [\"CF-1\"]\n"
    );
    let text = format!("{BASE}{extra}");
    let at = text.find("effective_from = 2021-08-01").unwrap();
    let expected = text[..at].matches('\n').count() + 1;
    let l = jiceng_authority::Ledger::from_text(&text, "mini.toml").unwrap();
    let lines: Vec<Option<usize>> = l
        .check(&CheckOptions::default())
        .into_iter()
        .filter(|f| f.kind == FindingKind::EffectiveBeforePublished)
        .map(|f| f.location.line)
        .collect();
    assert_eq!(lines, [Some(expected)]);
}

/// The statistics count the items a county has concentrated in its bureau
/// on the day asked: none on 2021-05-31, the eve of the concentration of
/// CF-1 and CF-2 into Qiu County's bureau, and both from 2021-06-01.
#[test]
fn stats_count_a_concentration_from_its_first_day() {
    let l = ledger(CONCENTRATE);
    let concentrated = |date: &str| -> usize {
        l.stats(d(date))
            .counties
            .iter()
            .map(|c| c.concentrated)
            .sum()
    };
    assert_eq!(
        (concentrated("2021-05-31"), concentrated("2021-06-01")),
        (0, 2)
    );
}

/// The synthetic generator's parameters are checked against both ends of
/// LIMITS: no city (the least is 1) and 100,001 townships (the most is
/// 100,000) are refused, naming the parameter; the ends themselves pass.
#[test]
fn synthetic_parameters_are_checked_at_both_ends() {
    use jiceng_authority::synth::SynthParams;
    let refused = |p: SynthParams| p.validate().unwrap_err().to_string();
    let cities = refused(SynthParams {
        cities: 0,
        ..SynthParams::default()
    });
    assert!(cities.contains("cities"), "{cities}");
    let towns = refused(SynthParams {
        townships: 100_001,
        ..SynthParams::default()
    });
    assert!(towns.contains("townships"), "{towns}");
    let ends = SynthParams {
        cities: 1,
        townships: 100_000,
        ..SynthParams::default()
    };
    assert!(ends.validate().is_ok());
}

/// The synthetic province has as many townships as asked, filled 14 to a
/// county: 60 townships are 4 full counties and one of 4.
#[test]
fn a_synthetic_province_has_the_townships_asked_for() {
    use jiceng_authority::synth::{SynthParams, province};
    use jiceng_org::Level;
    let file = province(&SynthParams {
        townships: 60,
        villages: 200,
        items: 40,
        instruments: 120,
        ..SynthParams::default()
    });
    let count = |level: Level| {
        file.divisions
            .iter()
            .filter(|d| d.code.level() == level)
            .count()
    };
    assert_eq!((count(Level::County), count(Level::Township)), (5, 60));
}

/// The synthetic items come in tenths, enforcement first: of 40 items, the
/// first four tenths (items 1 to 16) are penalties, the fifth and sixth
/// (17 to 24) inspections and coercions, the seventh and eighth (25 to 32)
/// licences.
#[test]
fn synthetic_items_come_in_tenths_penalties_first() {
    use jiceng_authority::PowerCategory;
    use jiceng_authority::synth::{SynthParams, province};
    let file = province(&SynthParams {
        townships: 14,
        villages: 20,
        items: 40,
        instruments: 10,
        ..SynthParams::default()
    });
    let categories: Vec<PowerCategory> = file.items.iter().map(|i| i.category).collect();
    assert_eq!(categories.len(), 40);
    assert!(
        categories[..16]
            .iter()
            .all(|&c| c == PowerCategory::Penalty)
    );
    assert_eq!(categories[16..20], [PowerCategory::Inspection; 4]);
    assert_eq!(categories[20..24], [PowerCategory::Coercion; 4]);
    assert_eq!(categories[24..32], [PowerCategory::Licensing; 8]);
}

/// The synthetic instruments concentrate each county's enforcement items
/// once, early in the period: 60 townships are 5 counties, so 5 of the 120
/// instruments are concentrations.
#[test]
fn a_synthetic_province_concentrates_once_a_county() {
    use jiceng_authority::InstrumentKind;
    use jiceng_authority::synth::{SynthParams, province};
    let file = province(&SynthParams {
        townships: 60,
        villages: 200,
        items: 40,
        instruments: 120,
        ..SynthParams::default()
    });
    let concentrations = file
        .instruments
        .iter()
        .filter(|i| i.kind == InstrumentKind::Concentration)
        .count();
    assert_eq!(concentrations, 5);
}

/// Concentrations take at most the first quarter of the instruments:
/// with 140 townships (10 counties) and 8 instruments, the guidance list
/// is instrument 0, the first county's concentration instrument 1, and
/// the second county finds 2 instruments made, 8 / 4, so no more
/// concentrations come; the other 6 are devolutions, revocations and
/// evaluations.
#[test]
fn synthetic_concentrations_stop_at_a_quarter_of_the_instruments() {
    use jiceng_authority::InstrumentKind;
    use jiceng_authority::synth::{SynthParams, province};
    let file = province(&SynthParams {
        townships: 140,
        villages: 0,
        items: 40,
        instruments: 8,
        ..SynthParams::default()
    });
    let kinds: Vec<InstrumentKind> = file.instruments.iter().map(|i| i.kind).collect();
    assert_eq!(kinds.len(), 8);
    assert_eq!(
        kinds[..2],
        [InstrumentKind::GuidanceList, InstrumentKind::Concentration]
    );
    assert!(
        !kinds[2..].contains(&InstrumentKind::Concentration),
        "{kinds:?}"
    );
}

/// A date given as a TOML integer is neither a string nor a local date:
/// the reader says what it expected, a date written YYYY-MM-DD, and the
/// integer it found.
#[test]
fn a_date_written_as_a_number_says_a_date_was_expected() {
    let text = crate::BASE.replace("published = \"2021-01-01\"", "published = 20210101");
    let err = jiceng_authority::Ledger::from_text(&text, "mini.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("integer `20210101`"), "{err}");
    assert!(err.contains("expected a date YYYY-MM-DD"), "{err}");
}

/// An item the township holds by law (`level = "township"`), which the
/// county nonetheless concentrates in its bureau from 2021-06-01 and
/// entrusts to 新马头镇's team from 2022-01-01. The township's holding
/// is explained by the statute and the entrustment alone: the county's
/// chain of concentrations explains a county-level item's way down to
/// the township, and this item never held at the county.
#[test]
fn a_township_level_item_is_explained_without_the_countys_chain() {
    let extra = format!(
        "\n[[item]]\ncode = \"ZW-1\"\nname = \"乡镇法定事项\"\ncategory = \"处罚\"\nsector = \"市场监管\"\nlevel = \"township\"\n\
         \n[[instrument]]\nid = \"conc-t\"\nkind = \"concentration\"\nissuer = \"c-gov\"\ndocument = \"邱政字〔2021〕9号\"\ntitle = \"集中\"\npublished = \"2021-05-20\"\neffective_from = \"2021-06-01\"\ncounty = \"130430000000\"\nfrom = [\"c-scjg\"]\nto = \"c-zhzf\"\nitems = [\"ZW-1\"]\n{}",
        instrument(
            "ent",
            "entrustment",
            "\"t1-gov\"",
            "2021-12-20",
            "2022-01-01",
            &format!("to = \"t1-zfd\"\ntownships = [\"{T1}\"]\nitems = [\"ZW-1\"]"),
        ),
    );
    let l = ledger(&extra);
    let h = l.holder("ZW-1", T1, d("2022-03-01")).unwrap();
    let ids: Vec<Option<String>> = h
        .explanation
        .iter()
        .map(|s| s.instrument.as_ref().map(|i| i.id.clone()))
        .collect();
    assert_eq!(ids, [None, Some("ent".to_owned())], "{:#?}", h.explanation);
}

/// A province of no townships still has one county (at least one county
/// is made), whose government issues the guidance list's concentration;
/// with no township to devolve to or take back from, nothing else can be
/// issued, however many instruments are asked for: the guidance list and
/// the one concentration.
#[test]
fn a_synthetic_province_without_townships_has_only_its_lists() {
    use jiceng_authority::InstrumentKind;
    use jiceng_authority::synth::{SynthParams, province};
    let file = province(&SynthParams {
        townships: 0,
        villages: 0,
        items: 10,
        instruments: 40,
        ..SynthParams::default()
    });
    let kinds: Vec<InstrumentKind> = file.instruments.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [InstrumentKind::GuidanceList, InstrumentKind::Concentration]
    );
}

/// The mix of instruments after the concentrations, as the generator
/// draws them: of every 100 draws, 8 evaluate an earlier devolution, 12
/// take items back and 80 devolve, a draw that finds nothing lawful to
/// issue being skipped; a devolution names 1 to 6 items of the guidance
/// list. On 300 townships and 2,000 instruments, the
/// shares of what was issued stay near those of the draws: evaluations
/// between 4% and 15%, revocations between 5% and 25%, devolutions above
/// half. (The bands are wide because skipped draws shift the shares; a
/// draw rule that is off by a kind, such as evaluations on 1 draw in 100
/// or revocations on 79, falls far outside them.)
#[test]
fn a_synthetic_province_issues_the_documented_mix_of_instruments() {
    use jiceng_authority::InstrumentKind;
    use jiceng_authority::synth::{SynthParams, province};
    let file = province(&SynthParams {
        townships: 300,
        villages: 0,
        items: 60,
        instruments: 2000,
        ..SynthParams::default()
    });
    let count = |k: InstrumentKind| file.instruments.iter().filter(|i| i.kind == k).count();
    let drawn = file.instruments.len()
        - count(InstrumentKind::GuidanceList)
        - count(InstrumentKind::Concentration);
    let share = |k: InstrumentKind| count(k) as f64 / drawn as f64;
    let (e, r, d) = (
        share(InstrumentKind::Evaluation),
        share(InstrumentKind::Revocation),
        share(InstrumentKind::Devolution),
    );
    assert!((0.04..=0.15).contains(&e), "evaluations {e}");
    assert!((0.05..=0.25).contains(&r), "revocations {r}");
    assert!(d > 0.5, "devolutions {d}");
    // A devolution draws 1 to 6 items of the guidance list: among some
    // 1,500 devolutions, both ends occur.
    let sizes: Vec<usize> = file
        .instruments
        .iter()
        .filter(|i| i.kind == InstrumentKind::Devolution)
        .map(|i| i.items.len())
        .collect();
    assert_eq!(sizes.iter().min(), Some(&1));
    assert_eq!(sizes.iter().max(), Some(&6));
}
