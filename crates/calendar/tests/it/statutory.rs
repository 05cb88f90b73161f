//! The statutory holidays of 全国年节及纪念日放假办法, computed, against the
//! notices that arranged them.

use jiceng_calendar::{Calendar, statutory_days};

use crate::d;

/// Every statutory day the Measures grant in 2010..=2026 is a day off in the
/// bundled calendar, which holds the notices of those years: the notices
/// arrange the statutory days, they never take one away.
#[test]
fn every_computed_statutory_day_is_off_in_the_notice_of_its_year() {
    let cal = Calendar::china_mainland();
    let mut checked = 0;
    for year in 2010..=2026 {
        let days = statutory_days(year).unwrap();
        // 11 days a year until 2024, 13 from 2025 (Art. 2 as revised).
        assert_eq!(days.len(), if year >= 2025 { 13 } else { 11 }, "{year}");
        for day in days {
            assert!(
                !cal.is_working_day(day.date).unwrap(),
                "{} {} is a working day in the notice for {year}",
                day.date,
                day.name
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 15 * 11 + 2 * 13);
}

fn dates(year: i32, name: &str) -> Vec<chrono::NaiveDate> {
    statutory_days(year)
        .unwrap()
        .into_iter()
        .filter(|s| s.name == name)
        .map(|s| s.date)
        .collect()
}

/// The three eras of the Spring Festival rule, each at both of its ends.
#[test]
fn spring_festival_by_era() {
    // 2013 (last year of the 2007 rules): 1st of the first month was
    // Sunday 10 February; the eve, the 1st and the 2nd.
    assert_eq!(
        dates(2013, "春节"),
        [d(2013, 2, 9), d(2013, 2, 10), d(2013, 2, 11)]
    );
    // 2010 (first bundled year, same rules): 1st = 14 February.
    assert_eq!(
        dates(2010, "春节"),
        [d(2010, 2, 13), d(2010, 2, 14), d(2010, 2, 15)]
    );
    // 2014 (first year of the 2013 rules): 1st = 31 January; 1st to 3rd.
    assert_eq!(
        dates(2014, "春节"),
        [d(2014, 1, 31), d(2014, 2, 1), d(2014, 2, 2)]
    );
    // 2024 (last year of the 2013 rules): 1st = 10 February.
    assert_eq!(
        dates(2024, "春节"),
        [d(2024, 2, 10), d(2024, 2, 11), d(2024, 2, 12)]
    );
    // 2025 (first year of the 2024 rules): 1st = 29 January; eve + 1st–3rd.
    assert_eq!(
        dates(2025, "春节"),
        [
            d(2025, 1, 28),
            d(2025, 1, 29),
            d(2025, 1, 30),
            d(2025, 1, 31)
        ]
    );
}

/// Labour Day: one day until 2024, two (1–2 May) from 2025.
#[test]
fn labour_day_by_era() {
    assert_eq!(dates(2024, "劳动节"), [d(2024, 5, 1)]);
    assert_eq!(dates(2025, "劳动节"), [d(2025, 5, 1), d(2025, 5, 2)]);
    assert_eq!(dates(2008, "劳动节"), [d(2008, 5, 1)]);
}

/// 2027, a year no notice in the bundle covers: the dates of the published
/// almanac (农历 2027: 春节 6 February, 端午 9 June, 中秋 15 September;
/// 清明 5 April).
#[test]
fn year_2027_from_the_almanac() {
    assert_eq!(dates(2027, "元旦"), [d(2027, 1, 1)]);
    assert_eq!(
        dates(2027, "春节"),
        [d(2027, 2, 5), d(2027, 2, 6), d(2027, 2, 7), d(2027, 2, 8)]
    );
    assert_eq!(dates(2027, "清明节"), [d(2027, 4, 5)]);
    assert_eq!(dates(2027, "劳动节"), [d(2027, 5, 1), d(2027, 5, 2)]);
    assert_eq!(dates(2027, "端午节"), [d(2027, 6, 9)]);
    assert_eq!(dates(2027, "中秋节"), [d(2027, 9, 15)]);
    assert_eq!(
        dates(2027, "国庆节"),
        [d(2027, 10, 1), d(2027, 10, 2), d(2027, 10, 3)]
    );
}

/// Before the 2007 revision nothing is computed; the far future still is.
#[test]
fn years_before_2008_are_not_computed() {
    assert!(statutory_days(2007).is_none());
    assert!(statutory_days(2008).is_some());
    assert!(statutory_days(i32::MIN).is_none());
    assert!(statutory_days(i32::MAX).is_none());
    assert!(statutory_days(9999).is_some());
}
