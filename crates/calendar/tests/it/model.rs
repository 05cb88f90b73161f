//! A deliberately simple reference model of the calendar, held as test
//! code: every answer is found by walking day by day, with no tables.
//!
//! Covered days are read straight from the bundled file's notices (later
//! notices for a day winning, as `amends` says); provisional days follow the
//! computed statutory holidays and the weekly rule, from 2008-01-01 to the
//! horizon. Anything else is refused.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use jiceng_calendar::{CalendarFile, statutory_days};

use crate::d;

/// Why the model refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// After coverage, strict.
    After,
    /// Before coverage (strict), or before 2008 (provisional).
    Before,
    /// Past the horizon, provisional.
    Horizon,
}

pub struct Model {
    data: &'static Data,
    pub provisional: bool,
}

struct Data {
    listed: BTreeMap<NaiveDate, bool>,
    /// The statutory days of 2008..=2226, by year.
    statutory: HashMap<i32, HashSet<NaiveDate>>,
}

static DATA: OnceLock<Data> = OnceLock::new();

pub const FIRST: NaiveDate = match NaiveDate::from_ymd_opt(2010, 1, 1) {
    Some(x) => x,
    None => panic!(),
};
pub const LAST: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 31) {
    Some(x) => x,
    None => panic!(),
};

impl Model {
    pub fn new(provisional: bool) -> Model {
        let data = DATA.get_or_init(|| {
            let file = CalendarFile::bundled_china_mainland().unwrap();
            let mut listed = BTreeMap::new();
            for n in &file.notices {
                for h in &n.holidays {
                    for day in h.off.iter().flat_map(|s| s.days()) {
                        listed.insert(day, false);
                    }
                    for day in h.work.iter().flat_map(|s| s.days()) {
                        listed.insert(day, true);
                    }
                }
            }
            let statutory = (2008..=2226)
                .map(|y| {
                    let days = statutory_days(y)
                        .unwrap()
                        .into_iter()
                        .map(|s| s.date)
                        .collect();
                    (y, days)
                })
                .collect();
            Data { listed, statutory }
        });
        Model { data, provisional }
    }

    pub fn working(&self, day: NaiveDate) -> Result<bool, Refused> {
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if FIRST <= day && day <= LAST {
            return Ok(self.data.listed.get(&day).copied().unwrap_or(weekday));
        }
        if !self.provisional {
            return Err(if day < FIRST {
                Refused::Before
            } else {
                Refused::After
            });
        }
        if day < d(2008, 1, 1) {
            return Err(Refused::Before);
        }
        if day > d(2226, 12, 31) {
            return Err(Refused::Horizon);
        }
        Ok(weekday && !self.data.statutory[&day.year()].contains(&day))
    }

    /// The n-th working day after (before) `a`.
    pub fn add(&self, a: NaiveDate, n: i32) -> Result<NaiveDate, Refused> {
        let mut day = a;
        let mut left = n.unsigned_abs();
        while left > 0 {
            day = if n > 0 {
                day.succ_opt().unwrap()
            } else {
                day.pred_opt().unwrap()
            };
            if self.working(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// Working days in (a, b], negative when b < a.
    pub fn between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, Refused> {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0;
        let mut day = lo;
        while day < hi {
            day = day.succ_opt().unwrap();
            if self.working(day)? {
                n += 1;
            }
        }
        Ok(sign * n)
    }

    /// The end of a period of `n` working days (or calendar days, rolled
    /// past days off) from `start`, the clock stopped on the suspended days
    /// (inclusive intervals); under `reset`, a suspension restarts the count.
    pub fn period_end(
        &self,
        start: NaiveDate,
        n: u32,
        working: bool,
        sus: &[(NaiveDate, NaiveDate)],
        reset: bool,
    ) -> Result<NaiveDate, Refused> {
        let suspended = |day: NaiveDate| sus.iter().any(|&(a, b)| a <= day && day <= b);
        let mut day = start;
        let mut count = 0;
        while count < n {
            day = day.succ_opt().unwrap();
            if suspended(day) {
                if reset {
                    count = 0;
                }
                continue;
            }
            if !working || self.working(day)? {
                count += 1;
            }
        }
        if !working {
            while !self.working(day)? {
                day = day.succ_opt().unwrap();
            }
        }
        Ok(day)
    }
}
