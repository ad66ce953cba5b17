//! Shell completions and man pages, generated from the clap definitions,
//! and the OpenAPI document of `serve`. The committed copies under
//! `completions/`, `man/` and `openapi.json` are checked by tests that
//! regenerate them.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Ctx;
use crate::cli::Cli;
use crate::error::code;

pub fn completions(ctx: &Ctx, shell: clap_complete::Shell) -> Result<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hookq", &mut buf);
    ctx.out.text(&String::from_utf8_lossy(&buf))?;
    Ok(code::SUCCESS)
}

/// The OpenAPI document of `serve`, as the committed `openapi.json`.
pub fn openapi(ctx: &Ctx) -> Result<u8> {
    let doc = crate::serve::openapi::document_json();
    ctx.out.text(doc.trim_end_matches('\n'))?;
    Ok(code::SUCCESS)
}

pub fn man(dir: &Path) -> Result<u8> {
    std::fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    clap_mangen::generate_to(Cli::command(), dir)
        .with_context(|| format!("could not write man pages to {}", dir.display()))?;
    Ok(code::SUCCESS)
}
