//! Grids (网格): cells under villages and communities, and the workers
//! assigned to them.
//!
//! Grid management (网格化管理) divides a township into cells of a few
//! hundred households, each under a village or community. Full- or
//! part-time grid workers (网格员) patrol their cells and report what they
//! find; lane leaders (街巷长) are residents who watch a lane. Guchengying
//! town (古城营镇) has 57 grid workers and more than 100 lane leaders.
//!
//! The coverage figures a county asks for are the households per grid
//! worker and the cells without one.

use std::collections::{BTreeMap, BTreeSet};

use jiceng_org::{DivisionCode, Level};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// One cell of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The cell's id, unique in the grid (e.g. `GCY-01`).
    pub id: String,
    /// The village or community it lies in.
    pub division: DivisionCode,
    /// Households in the cell.
    pub households: u32,
    /// Residents in the cell.
    pub population: u32,
}

/// What a worker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A grid worker (网格员).
    GridWorker,
    /// A lane leader (街巷长), a resident who watches a lane.
    LaneLeader,
}

/// Full- or part-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    /// Full-time (专职).
    FullTime,
    /// Part-time (兼职).
    PartTime,
}

/// A worker and the cells assigned to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Worker {
    /// The worker's id, unique among the grid's actors.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Grid worker or lane leader.
    pub role: Role,
    /// Full- or part-time.
    pub tenure: Tenure,
    /// The cells assigned to them.
    pub cells: Vec<String>,
}

/// A member of the township's grid centre (网格化服务管理中心) who accepts,
/// dispatches, verifies and closes events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// The member's id, unique among the grid's actors.
    pub id: String,
    /// Their name.
    pub name: String,
}

/// A body events may be dispatched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Its code, as the authority ledger names it (e.g. `130430104-zfd`).
    pub code: String,
    /// Its name.
    pub name: String,
}

/// A township's grid: its cells, workers, centre staff and the bodies its
/// events go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// The township.
    pub township: DivisionCode,
    /// Its name.
    pub name: String,
    /// The cells.
    pub cells: Vec<Cell>,
    /// The workers.
    pub workers: Vec<Worker>,
    /// The grid centre's staff.
    pub staff: Vec<Staff>,
    /// The bodies events may be dispatched to.
    pub bodies: Vec<Body>,
}

/// A problem in a grid: the offending value, the key it is given under,
/// which occurrence, and the reason.
pub(crate) type Problem = (Option<String>, Option<&'static str>, usize, String);

/// The coverage figures of a grid.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Coverage {
    /// Number of cells.
    pub cells: usize,
    /// Households in all cells.
    pub households: u64,
    /// Residents in all cells.
    pub population: u64,
    /// Grid workers (full- and part-time).
    pub grid_workers: usize,
    /// Of which full-time.
    pub full_time: usize,
    /// Lane leaders.
    pub lane_leaders: usize,
    /// Households per grid worker (lane leaders are not counted), or none
    /// without a grid worker.
    pub households_per_worker: Option<f64>,
    /// Ids of the cells no grid worker is assigned to.
    pub cells_without_worker: Vec<String>,
}

/// The most cells, workers, staff or bodies a grid may hold: a bound on
/// what a hostile file may cost.
pub const MAX_MEMBERS: usize = 100_000;

impl Grid {
    /// Checks the grid: ids unique across actors, cells under the
    /// township at village level, workers assigned to known cells.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the first offending value.
    ///
    /// # Example
    ///
    /// ```
    /// let grid = jiceng_grid::Grid::guchengying();
    /// grid.validate()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        match self.problem() {
            None => Ok(()),
            Some((_, _, _, reason)) => Err(Error::Invalid {
                what: "grid",
                reason,
            }),
        }
    }

    /// The first problem [`Grid::validate`] finds: the offending value,
    /// the key it is given under where that tells it apart, which of its
    /// occurrences in a file is at fault (0 for the first), to locate it,
    /// and the reason.
    pub(crate) fn problem(&self) -> Option<Problem> {
        for (what, n) in [
            ("cells", self.cells.len()),
            ("workers", self.workers.len()),
            ("staff", self.staff.len()),
            ("bodies", self.bodies.len()),
        ] {
            if n > MAX_MEMBERS {
                return Some((
                    None,
                    None,
                    0,
                    format!("{n} {what}, more than {MAX_MEMBERS}"),
                ));
            }
        }
        let mut cells = BTreeSet::new();
        for c in &self.cells {
            if !cells.insert(c.id.as_str()) {
                return Some((
                    Some(c.id.clone()),
                    Some("id"),
                    1,
                    format!("cell {} appears twice", c.id),
                ));
            }
            if c.division.level() != Level::Village
                || c.division.at(Level::Township) != Some(self.township)
            {
                return Some((
                    Some(c.division.to_string()),
                    Some("division"),
                    0,
                    format!(
                        "cell {} lies in {}, not a village or community of {}",
                        c.id, c.division, self.township
                    ),
                ));
            }
        }
        let mut actors = BTreeSet::new();
        let ids = self
            .workers
            .iter()
            .map(|w| w.id.as_str())
            .chain(self.staff.iter().map(|s| s.id.as_str()))
            .chain(self.bodies.iter().map(|b| b.code.as_str()));
        for id in ids {
            if !actors.insert(id) {
                return Some((
                    Some(id.to_owned()),
                    None,
                    1,
                    format!("actor {id} appears twice"),
                ));
            }
        }
        for w in &self.workers {
            if let Some(c) = w.cells.iter().find(|c| !cells.contains(c.as_str())) {
                return Some((
                    Some(c.clone()),
                    None,
                    0,
                    format!("worker {} is assigned to unknown cell {c}", w.id),
                ));
            }
        }
        None
    }

    /// The cell with this id.
    pub fn cell(&self, id: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.id == id)
    }

    /// The worker with this id.
    pub fn worker(&self, id: &str) -> Option<&Worker> {
        self.workers.iter().find(|w| w.id == id)
    }

    /// Whether `id` is a member of the grid centre's staff.
    pub fn is_staff(&self, id: &str) -> bool {
        self.staff.iter().any(|s| s.id == id)
    }

    /// The body with this code.
    pub fn body(&self, code: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.code == code)
    }

    /// The coverage figures.
    ///
    /// # Example
    ///
    /// ```
    /// let c = jiceng_grid::Grid::guchengying().coverage();
    /// assert_eq!(c.grid_workers, 57);
    /// assert!(c.lane_leaders > 100);
    /// assert!(c.cells_without_worker.is_empty());
    /// ```
    pub fn coverage(&self) -> Coverage {
        let households: u64 = self.cells.iter().map(|c| u64::from(c.households)).sum();
        let population: u64 = self.cells.iter().map(|c| u64::from(c.population)).sum();
        let mut covered: BTreeMap<&str, usize> = BTreeMap::new();
        let (mut grid_workers, mut full_time, mut lane_leaders) = (0, 0, 0);
        for w in &self.workers {
            match w.role {
                Role::GridWorker => {
                    grid_workers += 1;
                    if w.tenure == Tenure::FullTime {
                        full_time += 1;
                    }
                    for c in &w.cells {
                        *covered.entry(c.as_str()).or_default() += 1;
                    }
                }
                Role::LaneLeader => lane_leaders += 1,
            }
        }
        let households_per_worker =
            (grid_workers > 0).then(|| households as f64 / grid_workers as f64);
        Coverage {
            cells: self.cells.len(),
            households,
            population,
            grid_workers,
            full_time,
            lane_leaders,
            households_per_worker,
            cells_without_worker: self
                .cells
                .iter()
                .filter(|c| !covered.contains_key(c.id.as_str()))
                .map(|c| c.id.clone())
                .collect(),
        }
    }

    /// Guchengying town (古城营镇, 邱县): 57 cells with one grid worker
    /// each, two lane leaders per cell (114), and the grid centre.
    ///
    /// The counts of grid workers and lane leaders are the story's; the
    /// cells, households, names and the split between the two villages of
    /// the bundled ledger are illustrative.
    pub fn guchengying() -> Grid {
        const VILLAGES: [u64; 2] = [130_430_104_200, 130_430_104_201];
        let mut cells = Vec::with_capacity(57);
        let mut workers = Vec::with_capacity(57 * 3);
        for i in 1..=57u32 {
            // Cells 1–29 in 西杜林疃村, 30–57 in the second village.
            let village = VILLAGES[usize::from(i > 29)];
            let id = format!("GCY-{i:02}");
            cells.push(Cell {
                id: id.clone(),
                // Both codes are well-formed village codes of 古城营镇.
                division: DivisionCode::new(village).expect("a valid village code"),
                households: 180 + (i * 7) % 60,
                population: 560 + (i * 23) % 200,
            });
            workers.push(Worker {
                id: format!("W{i:02}"),
                name: format!("网格员{i:02}"),
                role: Role::GridWorker,
                tenure: if i <= 40 {
                    Tenure::FullTime
                } else {
                    Tenure::PartTime
                },
                cells: vec![id.clone()],
            });
            for j in 1..=2 {
                workers.push(Worker {
                    id: format!("L{i:02}-{j}"),
                    name: format!("街巷长{i:02}-{j}"),
                    role: Role::LaneLeader,
                    tenure: Tenure::PartTime,
                    cells: vec![id.clone()],
                });
            }
        }
        Grid {
            // 古城营镇's code in the bundled ledger.
            township: DivisionCode::new(130_430_104_000).expect("a valid township code"),
            name: "古城营镇".to_owned(),
            cells,
            workers,
            staff: vec![
                Staff {
                    id: "C01".to_owned(),
                    name: "网格中心受理员".to_owned(),
                },
                Staff {
                    id: "C02".to_owned(),
                    name: "网格中心核查员".to_owned(),
                },
            ],
            bodies: [
                ("130430104-zfd", "古城营镇综合行政执法队"),
                ("130430104-gov", "古城营镇人民政府"),
                ("130430-zhzf", "邱县综合行政执法局"),
            ]
            .into_iter()
            .map(|(code, name)| Body {
                code: code.to_owned(),
                name: name.to_owned(),
            })
            .collect(),
        }
    }
}
