//! The language of human-readable output: `--lang en` (the default) or
//! `--lang zh` for clerks. JSON keys and values never change with it.

/// The language of text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (简体中文), in the statute's own words where it has some.
    Zh,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

thread_local! {
    /// The `--lang` of the command running on this thread: set once, in
    /// `cli::run`, for the few messages made far from any `lang` argument
    /// (an i/o error turned into a failure by `?`, a flag's date or file).
    /// Per thread, so that commands run side by side in one process (as
    /// the tests run them) each keep their own.
    static CURRENT: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// Sets the language of the command running on this thread.
pub(crate) fn set_current(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The language of the command running on this thread.
pub(crate) fn current() -> Lang {
    CURRENT.with(std::cell::Cell::get)
}

/// The reason of a file that cannot be read, in the language of the
/// command: the system's own words (which name the cause precisely) after
/// the kind of failure a clerk knows.
pub(crate) fn cannot_read(path: &std::path::Path, e: &std::io::Error) -> String {
    match current() {
        Lang::En => format!("cannot read {}: {e}", path.display()),
        Lang::Zh => format!("无法读取 {}：{}（{e}）", path.display(), io_zh(e.kind())),
    }
}

/// An i/o failure's kind in Chinese.
pub(crate) fn io_zh(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => "文件不存在",
        K::PermissionDenied => "没有权限",
        K::IsADirectory => "这是一个目录",
        K::AlreadyExists => "已经存在",
        K::StorageFull => "磁盘空间不足",
        K::InvalidData => "不是有效的 UTF-8 文本",
        K::UnexpectedEof => "内容意外结束",
        _ => "输入输出错误",
    }
}

/// A domain error with a Chinese text of its own.
pub(crate) trait Zh: std::fmt::Display {
    /// The text in Chinese.
    fn zh(&self) -> String;
}

impl Zh for jiceng::authority::Error {
    fn zh(&self) -> String {
        jiceng::authority::Error::zh(self)
    }
}

impl Zh for jiceng::org::Error {
    fn zh(&self) -> String {
        jiceng::org::Error::zh(self)
    }
}

/// An error in the language of the command, with serde's words in
/// Chinese where it quotes them.
pub(crate) fn said(e: &impl Zh) -> String {
    match current() {
        Lang::En => e.to_string(),
        Lang::Zh => super::report::serde_zh(&e.zh()),
    }
}

/// Bad input (exit status 2), said in the language of the command.
pub(crate) fn refused(e: impl Zh) -> super::Failure {
    super::Failure::input(said(&e))
}

/// A flag's date that is not one.
pub(crate) fn bad_date(field: &str, s: &str) -> super::Failure {
    super::Failure::input(match current() {
        Lang::En => format!("invalid {field} {s:?}: expected a date YYYY-MM-DD"),
        Lang::Zh => format!("{field} 的值 {s:?} 无效：应为 YYYY-MM-DD 格式的日期"),
    })
}

/// A flag's division code that is not one.
pub(crate) fn bad_division(field: &str, s: &str, e: &jiceng::org::Error) -> super::Failure {
    super::Failure::input(match current() {
        Lang::En => format!("invalid {field} {s:?}: {e}"),
        Lang::Zh => format!("{field} 的值 {s:?} 无效：{}", e.zh()),
    })
}
