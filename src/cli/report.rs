//! How every command reports what was wrong with its input, within a
//! bound: the bad lines of a file read line by line, at most
//! `--max-errors` of them, then one line counting the rest.
//!
//! A file is hostile until read: 0.9 MB of `1` lines would otherwise make
//! some 45 MB of standard error.

use std::fmt::Display;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Lang;

/// The bad lines shown when `--max-errors` is not given.
pub(crate) const DEFAULT_MAX_ERRORS: u64 = 1_000;

/// The `--max-errors` of this run (0: no limit). The tool runs one command
/// a process, so the flag is set once, in `cli::run`, before any command
/// starts, rather than threaded through every command's arguments.
static MAX_ERRORS: AtomicU64 = AtomicU64::new(DEFAULT_MAX_ERRORS);

/// Sets the number of bad lines each reader shows (0: all of them).
pub(crate) fn set_max_errors(n: u64) {
    MAX_ERRORS.store(n, Ordering::Relaxed);
}

/// The bad lines of one input: each is written to standard error until
/// `--max-errors` have been, then only counted; [`BadLines::finish`]
/// writes how many more there were. The exit status is the command's,
/// unchanged.
#[derive(Debug)]
pub(crate) struct BadLines {
    limit: u64,
    count: u64,
    lang: Lang,
}

impl BadLines {
    /// A count of bad lines, with the limit of this run.
    pub fn new(lang: Lang) -> BadLines {
        BadLines {
            limit: MAX_ERRORS.load(Ordering::Relaxed),
            count: 0,
            lang,
        }
    }

    /// Counts one bad line and, within the limit, writes
    /// `jiceng: PLACE: MESSAGE`. Beyond the limit the message is not even
    /// formatted.
    pub fn report(
        &mut self,
        err: &mut dyn Write,
        place: impl Display,
        message: impl Display,
    ) -> io::Result<()> {
        self.count += 1;
        if self.limit != 0 && self.count > self.limit {
            return Ok(());
        }
        writeln!(err, "jiceng: {place}: {message}")
    }

    /// The bad lines counted but not written.
    pub fn hidden(&self) -> u64 {
        if self.limit == 0 {
            0
        } else {
            self.count.saturating_sub(self.limit)
        }
    }

    /// Writes one line saying how many bad lines were not shown, if any.
    pub fn finish(&self, err: &mut dyn Write) -> io::Result<()> {
        let hidden = self.hidden();
        if hidden == 0 {
            return Ok(());
        }
        let limit = self.limit;
        match self.lang {
            Lang::En => writeln!(
                err,
                "jiceng: … {hidden} more bad line{} not shown (--max-errors {limit}; 0 shows all)",
                if hidden == 1 { "" } else { "s" }
            ),
            Lang::Zh => writeln!(
                err,
                "jiceng: …另有 {hidden} 行有误，未显示（--max-errors {limit}；设为 0 显示全部）"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_beyond_the_limit_are_counted_not_written() {
        let mut lines = BadLines {
            limit: 2,
            count: 0,
            lang: Lang::En,
        };
        let mut err = Vec::new();
        for n in 1..=5 {
            lines.report(&mut err, format_args!("f:{n}"), "bad").unwrap();
        }
        lines.finish(&mut err).unwrap();
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "jiceng: f:1: bad\njiceng: f:2: bad\n\
             jiceng: … 3 more bad lines not shown (--max-errors 2; 0 shows all)\n"
        );
        assert_eq!((lines.count, lines.hidden()), (5, 3));
    }

    #[test]
    fn no_limit_shows_every_line_and_no_count() {
        let mut lines = BadLines {
            limit: 0,
            count: 0,
            lang: Lang::Zh,
        };
        let mut err = Vec::new();
        for n in 1..=3 {
            lines.report(&mut err, format_args!("第 {n} 行"), "x").unwrap();
        }
        lines.finish(&mut err).unwrap();
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "jiceng: 第 1 行: x\njiceng: 第 2 行: x\njiceng: 第 3 行: x\n"
        );
        assert_eq!(lines.hidden(), 0);
    }

    #[test]
    fn one_hidden_line_is_said_in_the_singular_and_in_chinese() {
        for (lang, expected) in [
            (
                Lang::En,
                "jiceng: … 1 more bad line not shown (--max-errors 1; 0 shows all)\n",
            ),
            (
                Lang::Zh,
                "jiceng: …另有 1 行有误，未显示（--max-errors 1；设为 0 显示全部）\n",
            ),
        ] {
            let mut lines = BadLines {
                limit: 1,
                count: 2,
                lang,
            };
            let mut err = Vec::new();
            lines.finish(&mut err).unwrap();
            assert_eq!(String::from_utf8(err).unwrap(), expected);
            lines.count = 1;
            let mut err = Vec::new();
            lines.finish(&mut err).unwrap();
            assert!(err.is_empty());
        }
    }
}
