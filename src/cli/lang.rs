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
