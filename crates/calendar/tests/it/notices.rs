//! The bundled calendar against the notices themselves.
//!
//! Each notice below is the arrangement part of a State Council notice, in
//! its own words (dates written out in full where the notice leaves the
//! month implicit). A small reader turns the sentences into days off and
//! days worked, checking on the way the weekday each notice prints
//! (`（星期六）`) and the day count it states (`共7天`). Every day from 2010
//! to 2026 is then compared with the calendar: a listed day must be as the
//! notice says, every other day must follow the weekly rule.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use jiceng_calendar::{Calendar, DayKind};

/// (year, document, arrangement text). Later rows for the same year amend
/// earlier ones.
const NOTICES: &[(i32, &str, &str)] = &[
    (2010, "国办发明电〔2009〕27号", "
        一、元旦：1月1日至1月3日放假公休，共3天。
        二、春节：2月13日至2月19日放假调休，共7天。2月20日（星期六）、2月21日（星期日）上班。
        三、清明节：4月3日至4月5日放假公休，共3天。
        四、劳动节：5月1日至5月3日放假公休，共3天。
        五、端午节：6月14日至6月16日放假调休，共3天。6月12日（星期六）、6月13日（星期日）上班。
        六、中秋节：9月22日至9月24日放假调休，共3天。9月19日（星期日）、9月25日（星期六）上班。
        七、国庆节：10月1日至10月7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。"),
    (2011, "国办发明电〔2010〕40号", "
        一、元旦：1月1日至1月3日放假公休，共3天。
        二、春节：2月2日至2月8日放假调休，共7天。1月30日（星期日）、2月12日（星期六）上班。
        三、清明节：4月3日至4月5日放假调休，共3天。4月2日（星期六）上班。
        四、劳动节：4月30日至5月2日放假公休，共3天。
        五、端午节：6月4日至6月6日放假公休，共3天。
        六、中秋节：9月10日至9月12日放假公休，共3天。
        七、国庆节：10月1日至10月7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。"),
    (2012, "国办发明电〔2011〕45号", "
        一、元旦：2012年1月1日至1月3日放假调休，共3天。2011年12月31日（星期六）上班。
        二、春节：1月22日至1月28日放假调休，共7天。1月21日（星期六）、1月29日（星期日）上班。
        三、清明节：4月2日至4月4日放假调休，共3天。3月31日（星期六）、4月1日（星期日）上班。
        四、劳动节：4月29日至5月1日放假调休，共3天。4月28日（星期六）上班。
        五、端午节：6月22日至6月24日放假公休，共3天。
        六、中秋节、国庆节：9月30日至10月7日放假调休，共8天。9月29日（星期六）上班。"),
    (2013, "国办发明电〔2012〕33号", "
        一、元旦：1月1日至1月3日放假调休，共3天。1月5日（星期六）、1月6日（星期日）上班。
        二、春节：2月9日至2月15日放假调休，共7天。2月16日（星期六）、2月17日（星期日）上班。
        三、清明节：4月4日至4月6日放假调休，共3天。4月7日（星期日）上班。
        四、劳动节：4月29日至5月1日放假调休，共3天。4月27日（星期六）、4月28日（星期日）上班。
        五、端午节：6月10日至6月12日放假调休，共3天。6月8日（星期六）、6月9日（星期日）上班。
        六、中秋节：9月19日至9月21日放假调休，共3天。9月22日（星期日）上班。
        七、国庆节：10月1日至10月7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。"),
    (2014, "国办发明电〔2013〕28号", "
        一、元旦：1月1日放假1天。
        二、春节：1月31日至2月6日放假调休，共7天。1月26日（星期日）、2月8日（星期六）上班。
        三、清明节：4月5日放假，4月7日（星期一）补休。
        四、劳动节：5月1日至5月3日放假调休，共3天。5月4日（星期日）上班。
        五、端午节：6月2日放假，与周末连休。
        六、中秋节：9月8日放假，与周末连休。
        七、国庆节：10月1日至10月7日放假调休，共7天。9月28日（星期日）、10月11日（星期六）上班。"),
    (2015, "国办发明电〔2014〕28号", "
        一、元旦：1月1日至1月3日放假调休，共3天。1月4日（星期日）上班。
        二、春节：2月18日至2月24日放假调休，共7天。2月15日（星期日）、2月28日（星期六）上班。
        三、清明节：4月5日放假，4月6日（星期一）补休。
        四、劳动节：5月1日放假，与周末连休。
        五、端午节：6月20日放假，6月22日（星期一）补休。
        六、中秋节：9月27日放假。
        七、国庆节：10月1日至10月7日放假调休，共7天。10月10日（星期六）上班。"),
    (2015, "国发明电〔2015〕1号", "
        9月3日至9月5日调休放假，共3天。9月6日（星期日）上班。"),
    (2016, "国办发明电〔2015〕18号", "
        一、元旦：1月1日放假，与周末连休。
        二、春节：2月7日至2月13日放假调休，共7天。2月6日（星期六）、2月14日（星期日）上班。
        三、清明节：4月4日放假，与周末连休。
        四、劳动节：5月1日放假，5月2日（星期一）补休。
        五、端午节：6月9日至6月11日放假调休，共3天。6月12日（星期日）上班。
        六、中秋节：9月15日至9月17日放假调休，共3天。9月18日（星期日）上班。
        七、国庆节：10月1日至10月7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。"),
    (2017, "国办发明电〔2016〕17号", "
        一、元旦：1月1日放假，1月2日（星期一）补休。
        二、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。
        三、清明节：4月2日至4月4日放假调休，共3天。4月1日（星期六）上班。
        四、劳动节：5月1日放假，与周末连休。
        五、端午节：5月28日至5月30日放假调休，共3天。5月27日（星期六）上班。
        六、中秋节、国庆节：10月1日至10月8日放假调休，共8天。9月30日（星期六）上班。"),
    (2018, "国办发明电〔2017〕12号", "
        一、元旦：1月1日放假，与周末连休。
        二、春节：2月15日至2月21日放假调休，共7天。2月11日（星期日）、2月24日（星期六）上班。
        三、清明节：4月5日至4月7日放假调休，共3天。4月8日（星期日）上班。
        四、劳动节：4月29日至5月1日放假调休，共3天。4月28日（星期六）上班。
        五、端午节：6月18日放假，与周末连休。
        六、中秋节：9月24日放假，与周末连休。
        七、国庆节：10月1日至10月7日放假调休，共7天。9月29日（星期六）、9月30日（星期日）上班。"),
    (2019, "国办发明电〔2018〕15号", "
        一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
        二、春节：2月4日至2月10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
        三、清明节：4月5日放假，与周末连休。
        四、劳动节：5月1日放假。
        五、端午节：6月7日放假，与周末连休。
        六、中秋节：9月13日放假，与周末连休。
        七、国庆节：10月1日至10月7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。"),
    (2019, "国办发明电〔2019〕3号", "
        劳动节：5月1日至5月4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。"),
    (2020, "国办发明电〔2019〕16号", "
        一、元旦：1月1日放假，共1天。
        二、春节：1月24日至1月30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。
        三、清明节：4月4日至4月6日放假调休，共3天。
        四、劳动节：5月1日至5月5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。
        五、端午节：6月25日至6月27日放假调休，共3天。6月28日（星期日）上班。
        六、国庆节、中秋节：10月1日至10月8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。"),
    (2020, "国办发明电〔2020〕1号", "
        延长2020年春节假期至2月2日，1月31日至2月2日放假，共3天。"),
    (2021, "国办发明电〔2020〕27号", "
        一、元旦：1月1日至1月3日放假，共3天。
        二、春节：2月11日至2月17日放假调休，共7天。2月7日（星期日）、2月20日（星期六）上班。
        三、清明节：4月3日至4月5日放假调休，共3天。
        四、劳动节：5月1日至5月5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。
        五、端午节：6月12日至6月14日放假，共3天。
        六、中秋节：9月19日至9月21日放假调休，共3天。9月18日（星期六）上班。
        七、国庆节：10月1日至10月7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。"),
    (2022, "国办发明电〔2021〕11号", "
        一、元旦：1月1日至1月3日放假，共3天。
        二、春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。
        三、清明节：4月3日至4月5日放假调休，共3天。4月2日（星期六）上班。
        四、劳动节：4月30日至5月4日放假调休，共5天。4月24日（星期日）、5月7日（星期六）上班。
        五、端午节：6月3日至6月5日放假，共3天。
        六、中秋节：9月10日至9月12日放假，共3天。
        七、国庆节：10月1日至10月7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。"),
    (2023, "国办发明电〔2022〕16号", "
        一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
        二、春节：1月21日至1月27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
        三、清明节：4月5日放假，共1天。
        四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
        五、端午节：6月22日至6月24日放假调休，共3天。6月25日（星期日）上班。
        六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。"),
    (2024, "国办发明电〔2023〕7号", "
        一、元旦：1月1日放假，与周末连休。
        二、春节：2月10日至2月17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。
        三、清明节：4月4日至4月6日放假调休，共3天。4月7日（星期日）上班。
        四、劳动节：5月1日至5月5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
        五、端午节：6月10日放假，与周末连休。
        六、中秋节：9月15日至9月17日放假调休，共3天。9月14日（星期六）上班。
        七、国庆节：10月1日至10月7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。"),
    (2025, "国办发明电〔2024〕12号", "
        一、元旦：1月1日（周三）放假1天，不调休。
        二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
        三、清明节：4月4日（周五）至4月6日（周日）放假，共3天。
        四、劳动节：5月1日（周四）至5月5日（周一）放假调休，共5天。4月27日（周日）上班。
        五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
        六、国庆节、中秋节：10月1日（周三）至10月8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。"),
    (2026, "国办发明电〔2025〕7号", "
        一、元旦：1月1日（周四）至1月3日（周六）放假调休，共3天。1月4日（周日）上班。
        二、春节：2月15日（农历腊月二十八、周日）至2月23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
        三、清明节：4月4日（周六）至4月6日（周一）放假，共3天。
        四、劳动节：5月1日（周五）至5月5日（周二）放假调休，共5天。5月9日（周六）上班。
        五、端午节：6月19日（周五）至6月21日（周日）放假，共3天。
        六、中秋节：9月25日（周五）至9月27日（周日）放假，共3天。
        七、国庆节：10月1日（周四）至10月7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。"),
];

/// Days off and days worked that one notice's text lists.
#[derive(Debug, Default)]
struct Listed {
    off: Vec<NaiveDate>,
    work: Vec<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Date(NaiveDate),
    Through,
    Weekday(Weekday),
    Days(u32),
}

/// Reads one clause (up to a `。`) into tokens.
fn tokens(year: i32, clause: &str) -> Vec<Token> {
    let chars: Vec<char> = clause.chars().collect();
    let mut out = Vec::new();
    let mut month: Option<u32> = None;
    let mut explicit_year: Option<i32> = None;
    let mut i = 0;
    let number = |i: &mut usize| -> Option<u32> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        (start < *i).then(|| chars[start..*i].iter().collect::<String>().parse().unwrap())
    };
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let n = number(&mut i).unwrap();
            match chars.get(i) {
                Some('年') => explicit_year = Some(n as i32),
                Some('月') => month = Some(n),
                Some('日') => {
                    let m = month.expect("a day without a month");
                    // An undated December in a notice for the next year is the
                    // year before (no notice here relies on it, but say so).
                    let y = explicit_year.unwrap_or(if m == 12 { year - 1 } else { year });
                    out.push(Token::Date(
                        NaiveDate::from_ymd_opt(y, m, n).expect("a real day"),
                    ));
                }
                Some('天') => out.push(Token::Days(n)),
                _ => {}
            }
            i += 1;
            continue;
        }
        if chars[i] == '至' {
            out.push(Token::Through);
        }
        if chars[i] == '星' || chars[i] == '周' {
            let next = if chars[i] == '星' {
                chars.get(i + 2)
            } else {
                chars.get(i + 1)
            };
            let w = match next {
                Some('一') => Some(Weekday::Mon),
                Some('二') => Some(Weekday::Tue),
                Some('三') => Some(Weekday::Wed),
                Some('四') => Some(Weekday::Thu),
                Some('五') => Some(Weekday::Fri),
                Some('六') => Some(Weekday::Sat),
                Some('日') => Some(Weekday::Sun),
                _ => None,
            };
            if let Some(w) = w {
                out.push(Token::Weekday(w));
            }
        }
        i += 1;
    }
    out
}

fn read_notice(year: i32, text: &str) -> Listed {
    let mut listed = Listed::default();
    for clause in text.split('。') {
        let toks = tokens(year, clause);
        // Each printed weekday belongs to the date just before it.
        let mut last_date = None;
        for t in &toks {
            match t {
                Token::Date(d) => last_date = Some(*d),
                Token::Weekday(w) => {
                    let d = last_date.expect("a weekday after a date");
                    assert_eq!(d.weekday(), *w, "the notice prints {w:?} for {d}");
                }
                _ => {}
            }
        }
        let dates: Vec<NaiveDate> = toks
            .iter()
            .filter_map(|t| match t {
                Token::Date(d) => Some(*d),
                _ => None,
            })
            .collect();
        if clause.contains("上班") {
            listed.work.extend(&dates);
            continue;
        }
        if !(clause.contains("放假") || clause.contains("补休")) {
            continue;
        }
        // Days off: spans `A至B`, other dates single days. A date before
        // `延长…至` in the 2020 extension is the new end, not a span start,
        // so only the last span of a clause with two `至` is taken.
        let mut days = Vec::new();
        let mut k = 0;
        let plain: Vec<Token> = toks
            .iter()
            .copied()
            .filter(|t| !matches!(t, Token::Weekday(_)))
            .collect();
        let skip_extension = clause.contains("延长");
        while k < plain.len() {
            match (plain.get(k), plain.get(k + 1), plain.get(k + 2)) {
                (Some(Token::Date(a)), Some(Token::Through), Some(Token::Date(b))) => {
                    days.extend(a.iter_days().take_while(|d| d <= b));
                    k += 3;
                }
                (Some(Token::Through), Some(Token::Date(_)), _) if skip_extension => k += 2,
                (Some(Token::Date(a)), _, _) => {
                    days.push(*a);
                    k += 1;
                }
                _ => k += 1,
            }
        }
        if let Some(Token::Days(n)) = toks.iter().rev().find(|t| matches!(t, Token::Days(_))) {
            assert_eq!(
                days.len() as u32,
                *n,
                "the notice says 共{n}天 in {clause:?}"
            );
        }
        listed.off.extend(days);
    }
    listed
}

/// What the notices say about every listed day, later notices winning.
fn expected() -> BTreeMap<NaiveDate, (bool, &'static str)> {
    let mut days = BTreeMap::new();
    for (year, doc, text) in NOTICES {
        let listed = read_notice(*year, text);
        assert!(!listed.off.is_empty(), "{doc}: no days off read");
        for d in listed.off {
            days.insert(d, (false, *doc));
        }
        for d in listed.work {
            assert!(
                matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
                "{doc}: make-up day {d} is not a weekend day"
            );
            days.insert(d, (true, *doc));
        }
    }
    days
}

#[test]
fn every_day_from_2010_to_2026_is_as_the_notices_say() {
    let cal = Calendar::china_mainland();
    let expected = expected();
    let first = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let mut checked_listed = 0;
    for day in first.iter_days().take_while(|d| *d <= last) {
        let info = cal.day(day).unwrap();
        match expected.get(&day) {
            Some(&(working, doc)) => {
                checked_listed += 1;
                assert_eq!(info.working, working, "{day} per {doc}");
                let holiday = info
                    .holiday
                    .as_ref()
                    .unwrap_or_else(|| panic!("{day}: no notice named"));
                assert_eq!(holiday.document, doc, "{day}: wrong notice named");
                let kind = if working {
                    DayKind::MakeUpWorkday
                } else {
                    DayKind::Holiday
                };
                assert_eq!(info.kind, kind, "{day}");
            }
            None => {
                let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
                assert_eq!(info.working, weekday, "{day} is listed by no notice");
                assert!(
                    info.holiday.is_none(),
                    "{day}: the calendar lists a day no notice lists"
                );
            }
        }
        assert!(!info.provisional);
    }
    // 2011-12-31 and 2018-12-29..31 and 2022-12-31 are listed by the next
    // year's notice; all listed days are inside 2010..=2026.
    assert_eq!(checked_listed, expected.len());
}

/// The totals of each year's arrangement: days off (as the spans and single
/// days of the notices, amendments applied, the December days of the 2019
/// and 2023 arrangements counted with those years) and weekend days worked.
/// They are a tally from the notices themselves (the texts in `NOTICES`
/// above, each 共N天 added up and each 上班 day counted), made by hand
/// independently of this crate's data file: e.g. 2025 = 1 + 8 + 3 + 5 + 3 +
/// 8 = 28 days off and 26 January, 8 February, 27 April, 28 September,
/// 11 October = 5 days worked.
#[test]
fn yearly_totals_match_the_notices() {
    const TOTALS: &[(i32, usize, usize)] = &[
        (2010, 29, 8),
        (2011, 29, 5),
        (2012, 27, 7),
        (2013, 29, 12),
        (2014, 22, 5),
        (2015, 26, 5),
        (2016, 24, 6),
        (2017, 24, 5),
        (2018, 23, 6),
        (2019, 24, 7),
        (2020, 30, 6),
        (2021, 31, 7),
        (2022, 31, 7),
        (2023, 27, 7),
        (2024, 28, 8),
        (2025, 28, 5),
        (2026, 33, 6),
    ];
    let file = jiceng_calendar::CalendarFile::bundled_china_mainland().unwrap();
    for &(year, off, work) in TOTALS {
        let mut offs = BTreeMap::new();
        let mut works = BTreeMap::new();
        for n in file.notices.iter().filter(|n| n.year == year) {
            for h in &n.holidays {
                for d in h.off.iter().flat_map(|s| s.days()) {
                    works.remove(&d);
                    offs.insert(d, ());
                }
                for d in h.work.iter().flat_map(|s| s.days()) {
                    offs.remove(&d);
                    works.insert(d, ());
                }
            }
        }
        assert_eq!((offs.len(), works.len()), (off, work), "totals for {year}");
    }
}

#[test]
fn table_from_the_2025_notice() {
    // 国办发明电〔2024〕12号: Spring Festival 28 January – 4 February, with
    // Sunday 26 January and Saturday 8 February worked.
    let cal = Calendar::china_mainland();
    let check = |m: u32, d: u32, working: bool| {
        let day = NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        assert_eq!(cal.is_working_day(day).unwrap(), working, "{day}");
    };
    check(1, 26, true);
    check(1, 27, true);
    for d in 28..=31 {
        check(1, d, false);
    }
    for d in 1..=4 {
        check(2, d, false);
    }
    check(2, 5, true);
    check(2, 8, true);
    check(2, 9, false);
    // Labour Day 1–5 May, Sunday 27 April worked.
    check(4, 27, true);
    check(5, 5, false);
    check(5, 6, true);
    // National Day and Mid-Autumn 1–8 October, 28 September and 11 October worked.
    check(9, 28, true);
    check(10, 8, false);
    check(10, 11, true);
}

#[test]
fn one_off_and_amended_days() {
    let cal = Calendar::china_mainland();
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // 2015-09-03: Victory Day, a Thursday off; Sunday 6 September worked.
    assert!(!cal.is_working_day(d(2015, 9, 3)).unwrap());
    assert!(!cal.is_working_day(d(2015, 9, 4)).unwrap());
    assert!(cal.is_working_day(d(2015, 9, 6)).unwrap());
    // 2020: the Spring Festival extended to 2 February; Saturday 1 February
    // was a make-up day under the first notice and became a day off.
    assert!(!cal.is_working_day(d(2020, 1, 31)).unwrap());
    assert!(!cal.is_working_day(d(2020, 2, 1)).unwrap());
    assert!(cal.is_working_day(d(2020, 2, 3)).unwrap());
    assert!(cal.is_working_day(d(2020, 1, 19)).unwrap());
    // 2019: Labour Day changed to 1–4 May with two Sundays worked.
    assert!(!cal.is_working_day(d(2019, 5, 2)).unwrap());
    assert!(cal.is_working_day(d(2019, 4, 28)).unwrap());
    assert!(cal.is_working_day(d(2019, 5, 5)).unwrap());
    // 2012's notice made Saturday 31 December 2011 a working day.
    assert!(cal.is_working_day(d(2011, 12, 31)).unwrap());
    // 2019's notice made Monday 31 December 2018 a day off.
    assert!(!cal.is_working_day(d(2018, 12, 31)).unwrap());
}
