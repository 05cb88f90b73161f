//! The calendar options every command that counts days takes: `--calendar`,
//! `--overlay` and `--provisional`.

use std::path::PathBuf;

use clap::Args;
use jiceng::calendar::{Calendar, CoveragePolicy};

use super::{Failure, Lang};

/// Where the working-day calendar comes from.
#[derive(Debug, Args)]
pub(crate) struct CalendarSource {
    /// Replace the bundled calendar with this calendar file (TOML).
    #[arg(long, global = true, value_name = "FILE")]
    calendar: Option<PathBuf>,
    /// Apply a regional overlay file (TOML); repeatable.
    #[arg(long, global = true, value_name = "FILE")]
    overlay: Vec<PathBuf>,
    /// Answer outside the calendar's coverage with the weekly rule, flagged
    /// as provisional, instead of failing.
    #[arg(long, global = true)]
    pub provisional: bool,
}

impl CalendarSource {
    /// Builds the calendar: the bundled notices or `--calendar`, then each
    /// overlay, then the coverage policy. Errors are in English.
    pub fn load(&self) -> Result<Calendar, Failure> {
        self.load_in(Lang::En)
    }

    /// As [`CalendarSource::load`], with errors (a file that cannot be
    /// read, a malformed calendar or overlay) in `lang`.
    pub fn load_in(&self, lang: Lang) -> Result<Calendar, Failure> {
        let read = |p: &PathBuf| {
            std::fs::read_to_string(p).map_err(|e| {
                Failure::input(match lang {
                    Lang::En => format!("cannot read {}: {e}", p.display()),
                    Lang::Zh => format!("无法读取 {}：{}", p.display(), io_zh(&e)),
                })
            })
        };
        let data = |e: jiceng::calendar::Error| match lang {
            Lang::En => Failure::from(e),
            Lang::Zh => Failure::input(e.zh()),
        };
        let mut cal = match &self.calendar {
            Some(p) => {
                Calendar::from_toml_str(&read(p)?, &p.display().to_string()).map_err(data)?
            }
            None => Calendar::china_mainland(),
        };
        for p in &self.overlay {
            cal = cal
                .with_overlay_toml(&read(p)?, &p.display().to_string())
                .map_err(data)?;
        }
        if self.provisional {
            cal = cal.with_policy(CoveragePolicy::Provisional);
        }
        Ok(cal)
    }
}

/// Why a file could not be read or written, in Chinese: the common causes
/// in Chinese words, any other with the system's own words after them.
pub(crate) fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let known = match e.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::IsADirectory => "这是一个目录，不是文件",
        ErrorKind::NotADirectory => "路径中有一项不是目录",
        ErrorKind::AlreadyExists => "已经存在",
        ErrorKind::InvalidData => "内容不是 UTF-8 文本",
        ErrorKind::StorageFull => "存储空间已满",
        ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        _ => return format!("系统报错（{e}）"),
    };
    known.to_owned()
}
