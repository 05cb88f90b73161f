//! The grid and its coverage figures.

use jiceng_grid::{Error, Grid, Role, Tenure};

#[test]
fn guchengying_counts() {
    let g = Grid::guchengying();
    g.validate().unwrap();
    let c = g.coverage();
    // The story: 57 grid workers, more than 100 lane leaders.
    assert_eq!(c.grid_workers, 57);
    assert_eq!(c.lane_leaders, 114);
    assert_eq!(c.cells, 57);
    assert!(c.cells_without_worker.is_empty());
}

#[test]
fn coverage_by_hand() {
    let mut g = Grid::guchengying();
    g.cells.truncate(3);
    g.workers.retain(|w| {
        w.cells
            .iter()
            .all(|c| ["GCY-01", "GCY-02"].contains(&c.as_str()))
    });
    for (c, h) in g.cells.iter_mut().zip([100, 200, 300]) {
        c.households = h;
    }
    // W02 becomes part-time; lane leaders of GCY-01/02 stay (4).
    g.workers.iter_mut().find(|w| w.id == "W02").unwrap().tenure = Tenure::PartTime;
    let c = g.coverage();
    // 600 households over 2 grid workers = 300; GCY-03 has no worker.
    assert_eq!(c.households, 600);
    assert_eq!(c.grid_workers, 2);
    assert_eq!(c.full_time, 1);
    assert_eq!(c.lane_leaders, 4);
    assert_eq!(c.households_per_worker, Some(300.0));
    assert_eq!(c.cells_without_worker, vec!["GCY-03".to_owned()]);
    // A lane leader alone does not cover a cell.
    g.workers.retain(|w| w.role == Role::LaneLeader);
    let c = g.coverage();
    assert_eq!(c.households_per_worker, None);
    assert_eq!(c.cells_without_worker.len(), 3);
}

#[test]
fn validation_names_the_value() {
    let mut g = Grid::guchengying();
    g.workers[0].cells.push("GCY-99".to_owned());
    assert_eq!(
        g.validate(),
        Err(Error::Invalid {
            what: "grid",
            reason: "worker W01 is assigned to unknown cell GCY-99".to_owned()
        })
    );
    let mut g = Grid::guchengying();
    g.staff[0].id = "W01".to_owned();
    assert!(
        matches!(g.validate(), Err(Error::Invalid { reason, .. }) if reason == "actor W01 appears twice")
    );
    let mut g = Grid::guchengying();
    g.cells[1].id = "GCY-01".to_owned();
    assert!(
        matches!(g.validate(), Err(Error::Invalid { reason, .. }) if reason == "cell GCY-01 appears twice")
    );
    let mut g = Grid::guchengying();
    g.cells[0].division = "130430105200".parse().unwrap();
    assert!(
        matches!(g.validate(), Err(Error::Invalid { reason, .. }) if reason.starts_with("cell GCY-01 lies in 130430105200"))
    );
}
