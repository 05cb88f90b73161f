//! The statutory public holidays, computed for years no notice covers yet.
//!
//! The State Council's yearly notice only *arranges* holidays that a standing
//! regulation already grants: 全国年节及纪念日放假办法 (the Measures on
//! National Holidays and Memorial Days), Art. 2, lists the days on which all
//! citizens have a day off. The notice adds make-up working days (调休) and
//! bridges, which cannot be foreseen; the statutory days themselves can, since
//! they are fixed by the Gregorian calendar (New Year, Labour Day, National
//! Day), by the Chinese lunisolar calendar (Spring Festival, Dragon Boat,
//! Mid-Autumn) or by a solar term (Qingming, 清明节气当日).
//!
//! The Measures have been revised; each revision applies from 1 January of
//! the year after it:
//!
//! | years | Spring Festival | Labour Day | total |
//! | --- | --- | --- | --- |
//! | 2008–2013 (2007 revision) | eve, 1st and 2nd of the first month | 1 May | 11 days |
//! | 2014–2024 (2013 revision) | 1st to 3rd of the first month | 1 May | 11 days |
//! | 2025 on (2024 revision) | eve and 1st to 3rd | 1 and 2 May | 13 days |
//!
//! In every era: New Year's Day (1 January), Qingming, Dragon Boat (5th day
//! of the fifth month), Mid-Autumn (15th day of the eighth month), National
//! Day (1 to 3 October). The eve (除夕) is the last day of the twelfth month,
//! the day before the 1st of the first month.
//!
//! Lunisolar dates come from the `lunar-lite` crate. The day of Qingming is
//! the day (Beijing time, UTC+8) on which the Sun's apparent longitude
//! reaches 15°, computed here with the low-precision solar theory of Meeus,
//! *Astronomical Algorithms*, ch. 25 (about 0.01°, a quarter of an hour).
//!
//! Days before 2008 are not computed: the calendar refuses them.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

/// The first year whose statutory holidays this crate computes: the first
/// year of the 2007 revision of the Measures.
pub const FIRST_STATUTORY_YEAR: i32 = 2008;

/// One statutory day off, as the Measures grant it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StatutoryDay {
    /// The day.
    pub date: NaiveDate,
    /// The holiday's Chinese name, e.g. `春节`.
    pub name: &'static str,
    /// Its English name.
    pub en: &'static str,
}

/// The source of the computed days, as cited in explanations.
pub const STATUTORY_SOURCE: &str = "全国年节及纪念日放假办法";

/// The statutory days off of `year` under the Measures in force that year,
/// in date order; `None` before [`FIRST_STATUTORY_YEAR`] or when a
/// lunisolar date cannot be computed (past the year 9999).
///
/// # Example
///
/// ```
/// use jiceng_calendar::statutory_days;
///
/// // 2027: the Spring Festival (1st of the first month) falls on Saturday
/// // 6 February, so its eve is Friday 5 February.
/// let days = statutory_days(2027).unwrap();
/// let spring: Vec<String> = days.iter().filter(|d| d.name == "春节").map(|d| d.date.to_string()).collect();
/// assert_eq!(spring, ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"]);
/// assert_eq!(days.len(), 13);
/// ```
pub fn statutory_days(year: i32) -> Option<Vec<StatutoryDay>> {
    if year < FIRST_STATUTORY_YEAR {
        return None;
    }
    let solar = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let lunar = |m: u8, d: u8| lunar_day(year, m, d);
    let new_year = lunar(1, 1)?;
    let eve = new_year.pred_opt()?;
    let mut out = Vec::with_capacity(13);
    let mut push = |date: NaiveDate, name: &'static str, en: &'static str| {
        out.push(StatutoryDay { date, name, en });
    };
    push(solar(1, 1)?, "元旦", "New Year's Day");
    let spring: Vec<NaiveDate> = match year {
        ..=2013 => vec![eve, new_year, new_year.succ_opt()?],
        2014..=2024 => new_year.iter_days().take(3).collect(),
        _ => eve.iter_days().take(4).collect(),
    };
    for d in spring {
        push(d, "春节", "Spring Festival");
    }
    push(qingming(year)?, "清明节", "Qingming Festival");
    push(solar(5, 1)?, "劳动节", "Labour Day");
    if year >= 2025 {
        push(solar(5, 2)?, "劳动节", "Labour Day");
    }
    push(lunar(5, 5)?, "端午节", "Dragon Boat Festival");
    push(lunar(8, 15)?, "中秋节", "Mid-Autumn Festival");
    for d in 1..=3 {
        push(solar(10, d)?, "国庆节", "National Day");
    }
    out.sort_by_key(|d| d.date);
    Some(out)
}

/// The Gregorian date of day `d` of (non-leap) month `m` of lunar year `y`.
fn lunar_day(y: i32, m: u8, d: u8) -> Option<NaiveDate> {
    let s = lunar_lite::lunar_to_solar(lunar_lite::LunarDate {
        year: y,
        month: m,
        day: d,
        is_leap_month: false,
    })
    .ok()?;
    NaiveDate::from_ymd_opt(s.year, u32::from(s.month), u32::from(s.day))
}

/// The day (Beijing time) of the solar term Qingming in `year`: the Sun's
/// apparent longitude reaches 15°.
pub(crate) fn qingming(year: i32) -> Option<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(year, 4, 5)?;
    // Julian Day of 0h UT on 5 April: days from the common era plus the
    // Julian Day of 0001-01-01 (1721425.5).
    let mut jde = f64::from(start.num_days_from_ce()) + 1_721_424.5;
    for _ in 0..8 {
        let lambda = apparent_longitude(jde);
        // About 58 days per radian of longitude (Meeus eq. 27.1's step).
        let step = 58.0 * (15.0 - lambda).to_radians().sin();
        jde += step;
        if step.abs() < 1e-6 {
            break;
        }
    }
    let delta_t_days = delta_t_seconds(year) / 86_400.0;
    // Beijing time is UT + 8 h; the civil day starts at JD x.5.
    let local = jde - delta_t_days + 8.0 / 24.0 + 0.5;
    let days_from_ce = local.floor() - 1_721_425.0;
    if !days_from_ce.is_finite() || days_from_ce.abs() > f64::from(i32::MAX) {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(days_from_ce as i32)
}

/// The Sun's apparent ecliptic longitude in degrees, in `[0, 360)`, at the
/// Julian Ephemeris Day `jde` (Meeus ch. 25, low accuracy).
fn apparent_longitude(jde: f64) -> f64 {
    let t = (jde - 2_451_545.0) / 36_525.0;
    let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = (357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t).to_radians();
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_289 * (3.0 * m).sin();
    let omega = (125.04 - 1_934.136 * t).to_radians();
    let lambda = l0 + c - 0.005_69 - 0.004_78 * omega.sin();
    lambda.rem_euclid(360.0)
}

/// ΔT = TT − UT in seconds (Espenak and Meeus's polynomials: 2005–2050, then
/// the long-term parabola).
fn delta_t_seconds(year: i32) -> f64 {
    let y = f64::from(year) + 0.25;
    if (2005..=2050).contains(&year) {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t * t
    } else {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The common 21st-century rule of thumb for Qingming, an independent
    /// computation: day = ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋ of April, Y = year − 2000.
    fn rule_of_thumb(year: i32) -> NaiveDate {
        let y = year - 2000;
        let day = (f64::from(y) * 0.2422 + 4.81).floor() as i32 - y / 4;
        NaiveDate::from_ymd_opt(year, 4, day as u32).unwrap()
    }

    /// Meeus, *Astronomical Algorithms*, Example 25.a: on 1992 October 13.0
    /// TD (JDE 2448908.5) the Sun's apparent longitude is 199°.90895.
    #[test]
    fn apparent_longitude_of_meeus_example_25a() {
        let lambda = apparent_longitude(2_448_908.5);
        assert!((lambda - 199.908_95).abs() < 1e-4, "{lambda}");
    }

    /// At J2000.0 (JDE 2451545.0, T = 0), worked by hand: L0 = 280.46646°,
    /// M = 357.52911°, C = 1.914602·sin M + 0.019993·sin 2M + 0.000289·sin 3M
    /// = −0.08254 − 0.00172 − 0.00004 = −0.08430, Ω = 125.04°, so
    /// λ = 280.46646 − 0.08430 − 0.00569 − 0.00478·sin Ω (0.00392) =
    /// 280.3726°, as the almanac has it (280°22′).
    #[test]
    fn apparent_longitude_at_j2000() {
        let lambda = apparent_longitude(2_451_545.0);
        assert!((lambda - 280.3726).abs() < 1e-3, "{lambda}");
    }

    /// ΔT worked by hand. 2025 (mid-year point 2025.25, t = 25.25):
    /// 62.92 + 0.32217·25.25 + 0.005589·25.25² = 62.92 + 8.1348 + 3.5634 =
    /// 74.618 s. 2100 (u = 2.8025): −20 + 32·7.8540 = 231.33 s. 2050 is the
    /// last year of the polynomial (t = 50.25: 62.92 + 16.189 + 14.113 =
    /// 93.22 s), 2051 the first of the parabola (u = 2.3125: 151.125 s);
    /// 2005 the first of the polynomial (t = 5.25: 64.765 s), 2004 on the
    /// parabola (u = 1.8425: 88.634 s).
    #[test]
    fn delta_t_by_hand() {
        let cases = [
            (2025, 74.618),
            (2100, 231.33),
            (2050, 93.22),
            (2051, 151.125),
            (2005, 64.765),
            (2004, 88.634),
        ];
        for (year, expected) in cases {
            let got = delta_t_seconds(year);
            assert!((got - expected).abs() < 0.01, "{year}: {got}");
        }
    }

    /// Two centuries from J2000 (T = 2, JDE 2524595.0, the year 2200),
    /// where the T² terms count, worked by hand from Meeus eq. 25.2–25.4:
    /// L0 = 280.46646 + 36000.76983·2 + 0.0003032·4 = 72282.00733 →
    /// 282.00733°; M = 357.52911 + 35999.05029·2 − 0.0001537·4 = 72355.62908
    /// → 355.62908°; C = 1.904912·sin M (−0.076213) + 0.019791·sin 2M
    /// (−0.151983) + 0.000289·sin 3M (−0.226868) = −0.145178 − 0.003008 −
    /// 0.000066 = −0.148252; Ω = 125.04 − 1934.136·2 = −3743.232 →
    /// 216.768°, sin Ω = −0.598576; λ = 282.00733 − 0.14825 − 0.00569 +
    /// 0.00286 = 281.85625°.
    #[test]
    fn apparent_longitude_two_centuries_on() {
        let lambda = apparent_longitude(2_524_595.0);
        assert!((lambda - 281.856_25).abs() < 1e-4, "{lambda}");
    }

    /// ΔT is subtracted (UT = TT − ΔT), which moves the term by minutes at
    /// most up to the calendar's horizon but by 21 minutes in 2459 (ΔT =
    /// −20 + 32·6.3925² = 1287.6 s). Worked independently with the same
    /// model (Meeus ch. 25, the ΔT above), solving λ = 15° by bisection:
    /// JDE 2619285.1628 → 23:33 Beijing time on 4 April 2459, 27 minutes
    /// before midnight; with ΔT added instead it would be 00:16 on 5 April.
    #[test]
    fn qingming_subtracts_delta_t() {
        assert_eq!(qingming(2459), NaiveDate::from_ymd_opt(2459, 4, 4));
    }

    #[test]
    fn qingming_agrees_with_the_rule_of_thumb_this_century() {
        for year in 2001..=2099 {
            assert_eq!(qingming(year), Some(rule_of_thumb(year)), "{year}");
        }
    }
}
