//! `jiceng org …`: divisions, bodies and codes.

use std::io::Write;

use clap::{Args, Subcommand};
use jiceng::org::CreditCode;

use super::{Failure, Lang};

#[derive(Debug, Args)]
pub(crate) struct OrgArgs {
    #[command(subcommand)]
    command: OrgCommand,
}

#[derive(Debug, Subcommand)]
enum OrgCommand {
    /// Check a unified social credit code (GB 32100-2015): print `valid`, or
    /// `invalid: REASON` with exit status 1.
    Uscc {
        /// The 18-character code.
        code: String,
    },
}

pub(crate) fn run(args: OrgArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    match args.command {
        OrgCommand::Uscc { code } => match code.parse::<CreditCode>() {
            Ok(_) => {
                writeln!(out, "{}", lang.pick("valid", "有效"))?;
                Ok(())
            }
            Err(e) => {
                let reason = match e {
                    jiceng::org::Error::InvalidCreditCode { reason, .. } => reason,
                    other => other.to_string(),
                };
                writeln!(out, "{}: {reason}", lang.pick("invalid", "无效"))?;
                out.flush()?;
                Err(Failure {
                    code: 1,
                    message: format!(
                        "{code:?} {}",
                        lang.pick(
                            "is not a valid unified social credit code",
                            "不是有效的统一社会信用代码"
                        )
                    ),
                })
            }
        },
    }
}
