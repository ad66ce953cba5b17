//! Reading inputs named on the command line.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::Result;

use crate::error::UserError;

/// When standard input is a terminal, say that hookq waits on it (it
/// otherwise looks hung).
pub fn stdin_hint() {
    if std::io::stdin().is_terminal() {
        eprintln!("hookq: reading from standard input (Ctrl-D to end)");
    }
}

/// Read a whole input named on the command line (`-`: standard input) as
/// bytes; a missing or unreadable file is bad input.
pub fn read_bytes(flag: &str, path: &Path) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let res = if path.as_os_str() == "-" {
        stdin_hint();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .map(|_| ())
    };
    res.map_err(|e| {
        UserError::invalid(
            flag,
            "file",
            Some(&path.display().to_string()),
            format!("could not read it ({e})"),
        )
    })?;
    Ok(buf)
}

/// A secret from `--…-file` (its first line, without the line end) when
/// given, else the one given directly (flag or environment).
pub fn secret_or_file(
    file_flag: &str,
    file: Option<&Path>,
    given: Option<String>,
) -> Result<Option<String>> {
    match file {
        Some(f) => Ok(Some(
            read_text(file_flag, f)?
                .lines()
                .next()
                .unwrap_or("")
                .trim_end_matches('\r')
                .to_owned(),
        )),
        None => Ok(given),
    }
}

/// [`read_bytes`], which must be UTF-8 text.
pub fn read_text(flag: &str, path: &Path) -> Result<String> {
    let bytes = read_bytes(flag, path)?;
    String::from_utf8(bytes).map_err(|e| {
        UserError::invalid(
            flag,
            "file",
            Some(&path.display().to_string()),
            format!(
                "not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .into()
    })
}
