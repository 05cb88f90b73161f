//! Staffing plans: a pool of new quotas shared among units by a weighted
//! score, with before and after, residents per staff and equity measures.
//!
//! Each unit's score is a weighted sum of its share of every chosen column:
//! `score_i = Σ_c W_c · v_ic / Σ_j v_jc`, so that columns in different
//! units (residents, square kilometres, cases a year) can be combined. The
//! pool is apportioned in proportion to the scores; a unit's floor and
//! ceiling (`--min`, `--max`) bound its staff *after* the plan, and a plan
//! only adds, so a unit already above the ceiling gets nothing.
//!
//! Equity is measured on the need each staff member carries,
//! `score_i / staff_i`, over units with staff: its coefficient of variation
//! and Gini coefficient, before and after. When the score is population
//! alone this is residents per staff, and since both measures ignore scale
//! they are then exactly the measures of residents per staff.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::apportion::{Method, apportion, coefficient_of_variation, gini};
use crate::file::shown;

/// The most units a units file may hold.
pub const MAX_UNITS: usize = 1_000_000;

/// A unit that a plan may staff: its code, current staff and numeric
/// columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// The unit's code.
    pub code: String,
    /// Its staff (or quotas) now.
    pub current: u64,
    /// Its values, one per column of [`Units::columns`].
    pub values: Vec<f64>,
}

/// A table of units with named numeric columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Units {
    /// The names of the numeric columns.
    pub columns: Vec<String>,
    /// The units.
    pub units: Vec<Unit>,
}

impl Units {
    /// Parses a units CSV: a header with `code`, `current` and any numeric
    /// columns (population, area …).
    ///
    /// # Errors
    /// [`Error::Parse`] naming the line and the column of a bad value, a
    /// missing `code` or `current` column, or a code given twice (with the
    /// line of its first row).
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::Units;
    /// let u = Units::parse_csv("code,current,population\nA,39,183000\n")?;
    /// assert_eq!(u.columns, vec!["population"]);
    /// assert_eq!(u.units[0].values, vec![183000.0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_csv(text: &str) -> Result<Units, Error> {
        let mut first = None;
        let units = Units::parse_csv_with(text, &mut |e| {
            first.get_or_insert(e);
        })?;
        match first {
            Some(e) => Err(e),
            None => Ok(units),
        }
    }

    /// Parses a units CSV as [`Units::parse_csv`] does, but reads on past a
    /// bad row: each bad row (a missing code, a code given twice, a bad
    /// `current` or value) is given to `problem` as an [`Error::Parse`]
    /// naming its line, and left out; the good rows are returned. Only what
    /// stops the reading is an error: a missing `code` or `current`
    /// column, a row the CSV reader cannot read, more than [`MAX_UNITS`]
    /// units. The caller bounds what it keeps of the problems.
    ///
    /// # Errors
    /// [`Error::Parse`] for what stops the reading, with its line.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::Units;
    /// let mut bad = Vec::new();
    /// let u = Units::parse_csv_with(
    ///     "code,current,area\nx,5,-10\ny,abc,30\nz,3,\n",
    ///     &mut |e| bad.push(e.to_string()),
    /// )?;
    /// assert_eq!(u.units.len(), 1); // z, with an area of 0
    /// assert_eq!(bad.len(), 2); // lines 2 and 3
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_csv_with(text: &str, problem: &mut dyn FnMut(Error)) -> Result<Units, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| Error::Parse {
                line: Some(1),
                message: e.to_string(),
            })?
            .clone();
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| Error::Parse {
                    line: Some(1),
                    message: format!("the header has no {name} column"),
                })
        };
        let code_col = find("code")?;
        let current_col = find("current")?;
        let value_cols: Vec<usize> = (0..headers.len())
            .filter(|&i| i != code_col && i != current_col)
            .collect();
        let mut units = Units {
            columns: value_cols.iter().map(|&i| headers[i].to_string()).collect(),
            units: Vec::new(),
        };
        // Each code's line, to refuse a code given twice: a plan row per
        // code, and a unit counted twice would get two shares.
        let mut seen: std::collections::HashMap<String, Option<usize>> =
            std::collections::HashMap::new();
        let mut rec = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    return Err(Error::Parse {
                        line: e.position().map(|p| p.line() as usize),
                        message: e.to_string(),
                    });
                }
            }
            let line = rec.position().map(|p| p.line() as usize);
            if units.units.len() >= MAX_UNITS {
                return Err(Error::Parse {
                    line,
                    message: format!("more than {MAX_UNITS} units"),
                });
            }
            let field = |i: usize| rec.get(i).unwrap_or("");
            let code = field(code_col);
            // Every wrong field of the row, in the header's order.
            let mut wrong = Vec::new();
            let mut twice = None;
            if code.is_empty() || code.len() > crate::ledger::MAX_NAME_BYTES {
                wrong.push(format!(
                    "column code must be 1 to {} bytes",
                    crate::ledger::MAX_NAME_BYTES
                ));
            } else if let Some(&first) = seen.get(code) {
                twice = Some(format!(
                    "unit {code:?} is given twice (first on line {})",
                    first.map_or_else(|| "?".to_string(), |l| l.to_string())
                ));
            }
            let current = field(current_col).parse::<u64>().ok();
            if current.is_none() {
                wrong.push(format!(
                    "column current: {:?} is not a whole number of staff",
                    shown(field(current_col))
                ));
            }
            let mut values = Vec::with_capacity(value_cols.len());
            for &c in &value_cols {
                let raw = field(c);
                let v = if raw.is_empty() {
                    Some(0.0)
                } else {
                    raw.parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite() && *v >= 0.0)
                };
                match v {
                    Some(v) => values.push(v),
                    None => wrong.push(format!(
                        "column {}: {:?} is not a number, zero or more",
                        &headers[c],
                        shown(raw)
                    )),
                }
            }
            if let Some(t) = twice {
                problem(Error::Parse { line, message: t });
                continue;
            }
            let Some(current) = current.filter(|_| wrong.is_empty()) else {
                problem(Error::Parse {
                    line,
                    message: wrong.join("; "),
                });
                continue;
            };
            seen.insert(code.to_string(), line);
            units.units.push(Unit {
                code: code.to_string(),
                current,
                values,
            });
        }
        Ok(units)
    }

    /// Writes the table as CSV (`code,current,` then the columns).
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::Units;
    /// let u = Units::parse_csv("code,current,population\nA,39,183000\n")?;
    /// assert_eq!(u.to_csv(), "code,current,population\nA,39,183000\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["code".to_string(), "current".to_string()];
        header.extend(self.columns.iter().cloned());
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&header);
        for u in &self.units {
            let mut row = vec![u.code.clone(), u.current.to_string()];
            row.extend(u.values.iter().map(|v| v.to_string()));
            let _ = w.write_record(&row);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// What a plan is asked to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanRequest {
    /// The quotas to share out.
    pub pool: u64,
    /// Column weights: `(column, weight)`.
    pub weights: Vec<(String, f64)>,
    /// The apportionment method.
    pub method: Method,
    /// The least staff any unit may have after the plan.
    pub min: Option<u64>,
    /// The most staff any unit may have after the plan.
    pub max: Option<u64>,
    /// The column holding residents, for residents per staff (`population`
    /// when present).
    pub population: Option<String>,
}

/// One unit's line in a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanUnit {
    /// The unit's code.
    pub code: String,
    /// Staff before.
    pub before: u64,
    /// Staff after.
    pub after: u64,
    /// Its weighted score (share of need; the scores add up to the sum of
    /// the weights).
    pub score: f64,
    /// Residents per staff before, when a population column is known and
    /// the unit has staff.
    pub residents_per_staff_before: Option<f64>,
    /// Residents per staff after.
    pub residents_per_staff_after: Option<f64>,
}

/// A staffing plan: every unit's before and after, and equity measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// The method used.
    pub method: Method,
    /// The pool shared out.
    pub pool: u64,
    /// The units, in input order.
    pub units: Vec<PlanUnit>,
    /// Staff after, all units.
    pub total: u64,
    /// Staff before, all units.
    pub total_before: u64,
    /// Coefficient of variation of need per staff, after.
    pub cv: f64,
    /// Gini coefficient of need per staff, after.
    pub gini: f64,
    /// Coefficient of variation of need per staff, before.
    pub cv_before: f64,
    /// Gini coefficient of need per staff, before.
    pub gini_before: f64,
}

/// Makes a plan: shares `request.pool` among `units` by weighted score.
///
/// # Errors
/// [`Error::NoUnits`] when there is no unit to share among;
/// [`Error::Parameter`] for an unknown column, a column weighted twice, a
/// negative weight, a column that sums to zero or a `min` above `max`; [`Error::Infeasible`] when the floors need
/// more than the pool or the ceilings allow less, by how much.
///
/// # Example
/// ```
/// use jiceng_staffing::{plan, Method, PlanRequest, Units};
/// let u = Units::parse_csv("code,current,population\nA,10,300\nB,10,100\n")?;
/// let req = PlanRequest {
///     pool: 8, weights: vec![("population".into(), 1.0)], method: Method::Hamilton,
///     min: None, max: None, population: None,
/// };
/// let p = plan(&u, &req)?;
/// // Shares 6 and 2 of the 8: after 16 and 12.
/// assert_eq!((p.units[0].after, p.units[1].after, p.total), (16, 12, 28));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn plan(units: &Units, request: &PlanRequest) -> Result<Plan, Error> {
    let n = units.units.len();
    if n == 0 {
        return Err(Error::NoUnits);
    }
    if let (Some(lo), Some(hi)) = (request.min, request.max) {
        if lo > hi {
            return Err(Error::Parameter {
                name: "min",
                value: format!("{lo} (max {hi})"),
                expected: "min at most max",
            });
        }
    }
    let mut score = vec![0.0f64; n];
    for (i, (column, weight)) in request.weights.iter().enumerate() {
        // A column weighted twice would count twice without saying so.
        if request.weights[..i].iter().any(|(c, _)| c == column) {
            return Err(Error::Parameter {
                name: "weights",
                value: format!("{} (given twice)", shown(column)),
                expected: "each column at most once",
            });
        }
        let c = units
            .columns
            .iter()
            .position(|x| x == column)
            .ok_or_else(|| Error::Parameter {
                name: "weights",
                value: shown(column),
                expected: "a numeric column of the units file",
            })?;
        if !weight.is_finite() || *weight < 0.0 {
            return Err(Error::Parameter {
                name: "weights",
                value: format!("{column}={weight}"),
                expected: "a finite weight, zero or more",
            });
        }
        let sum: f64 = units.units.iter().map(|u| u.values[c]).sum();
        if sum <= 0.0 || !sum.is_finite() {
            return Err(Error::Parameter {
                name: "weights",
                value: format!("{column} (sums to {sum})"),
                expected: "a column with a positive finite total",
            });
        }
        for (s, u) in score.iter_mut().zip(&units.units) {
            *s += weight * u.values[c] / sum;
        }
    }
    let floors: Vec<u64> = units
        .units
        .iter()
        .map(|u| request.min.map_or(0, |m| m.saturating_sub(u.current)))
        .collect();
    let ceilings: Vec<u64> = units
        .units
        .iter()
        // No unit may pass u64::MAX staff, whatever the ceiling.
        .map(|u| {
            request
                .max
                .map_or(u64::MAX, |m| m.saturating_sub(u.current))
                .min(u64::MAX - u.current)
        })
        .collect();
    let share = apportion(request.pool, &score, &floors, &ceilings, request.method)?;
    let pop_col = request
        .population
        .as_deref()
        .or(Some("population"))
        .and_then(|p| units.columns.iter().position(|x| x == p));
    let per = |u: &Unit, staff: u64| match pop_col {
        Some(c) if staff > 0 => Some(u.values[c] / staff as f64),
        _ => None,
    };
    let rows: Vec<PlanUnit> = units
        .units
        .iter()
        .zip(&share)
        .zip(&score)
        .map(|((u, &s), &sc)| PlanUnit {
            code: u.code.clone(),
            before: u.current,
            after: u.current.saturating_add(s),
            score: sc,
            residents_per_staff_before: per(u, u.current),
            residents_per_staff_after: per(u, u.current.saturating_add(s)),
        })
        .collect();
    let load = |staff: &dyn Fn(&PlanUnit) -> u64| -> Vec<f64> {
        rows.iter()
            .filter(|r| staff(r) > 0)
            .map(|r| r.score / staff(r) as f64)
            .collect()
    };
    let after = load(&|r| r.after);
    let before = load(&|r| r.before);
    Ok(Plan {
        method: request.method,
        pool: request.pool,
        total: rows.iter().map(|r| r.after).fold(0u64, u64::saturating_add),
        total_before: rows
            .iter()
            .map(|r| r.before)
            .fold(0u64, u64::saturating_add),
        cv: coefficient_of_variation(&after),
        gini: gini(&after),
        cv_before: coefficient_of_variation(&before),
        gini_before: gini(&before),
        units: rows,
    })
}

/// The provincial figure: what a pool moved down implies for the average
/// unit, with every assumption a parameter (the story gives the pool and
/// the average after, not the number of units nor the staff before).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProvincialFigure {
    /// Townships and subdistricts (an assumption: the story does not say).
    pub units: u64,
    /// Quotas moved down (the story: "2.2万+", so at least 22,000).
    pub pool: u64,
    /// The average staff per unit after (the story: 65).
    pub average_after: f64,
    /// Staff before, all units, implied: `units × average_after − pool`.
    pub total_before: f64,
    /// The average before, implied.
    pub average_before: f64,
    /// The pool per unit.
    pub pool_per_unit: f64,
    /// The relative increase of the average.
    pub increase: f64,
}

/// Works out the provincial figure from its parameters.
///
/// # Errors
/// [`Error::Parameter`] for zero units, or an average after that the pool
/// alone exceeds (a negative staff before).
///
/// # Example
/// ```
/// // 2,300 units, 22,000 quotas, average 65 after:
/// // before 2,300 × 65 − 22,000 = 127,500 staff, 55.43 each; +9.57 a unit.
/// let f = jiceng_staffing::provincial_figure(2_300, 22_000, 65.0)?;
/// assert_eq!(f.total_before, 127_500.0);
/// assert!((f.average_before - 55.434_782_6).abs() < 1e-6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn provincial_figure(
    units: u64,
    pool: u64,
    average_after: f64,
) -> Result<ProvincialFigure, Error> {
    if units == 0 {
        return Err(Error::Parameter {
            name: "units",
            value: "0".into(),
            expected: "at least one unit",
        });
    }
    let u = units as f64;
    let total_before = u * average_after - pool as f64;
    if !total_before.is_finite() || total_before < 0.0 {
        return Err(Error::Parameter {
            name: "average_after",
            value: average_after.to_string(),
            expected: "an average whose total is at least the pool",
        });
    }
    let average_before = total_before / u;
    Ok(ProvincialFigure {
        units,
        pool,
        average_after,
        total_before,
        average_before,
        pool_per_unit: pool as f64 / u,
        increase: if average_before > 0.0 {
            average_after / average_before - 1.0
        } else {
            f64::INFINITY
        },
    })
}
