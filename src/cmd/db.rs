//! `db copy`: move a whole store to another database, either backend.

use anyhow::Result;

use super::Ctx;
use crate::cli::DbCmd;
use crate::error::code;
use crate::output;
use crate::service::copy;
use crate::store::{Create, Store};

pub fn run(ctx: &Ctx, cmd: DbCmd) -> Result<u8> {
    match cmd {
        DbCmd::Copy { to } => {
            let from = ctx.open()?;
            let mut target = Store::open_for("--to", &to, Create::Now)?;
            let copied = copy::copy(&from, &mut target)?;
            let (from, to) = (from.describe(), target.describe());
            if ctx.out.json {
                ctx.out.json(&output::copied_doc(&from, &to, &copied))?;
            } else {
                let mut t = output::table(&["Copied", "Rows"]);
                for (k, n) in copied.rows() {
                    output::add_row(&mut t, [k.to_owned(), n.to_string()]);
                }
                ctx.out.table(t)?;
                let done = format!("copied {from} to {to}; counts checked");
                if ctx.out.format == crate::output::Format::Table {
                    ctx.out.text(&done)?;
                } else {
                    // Off the tab-separated rows.
                    ctx.out.note(&done);
                }
            }
            Ok(code::SUCCESS)
        }
    }
}
