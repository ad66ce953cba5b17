//! Settings: stored in the database, with `HOOKQ_<KEY>` environment
//! overrides reported as such.

use anyhow::Result;

use crate::settings::{self, Def, Effective, normalize};
use crate::store::Store;

/// Every setting's effective value and where it comes from; a refused
/// value is listed as written, with why (`Effective::invalid`).
pub fn list(store: &Store) -> Result<Vec<Effective>> {
    Ok(settings::effective_lenient(&store.stored_settings()?))
}

/// One setting's effective value.
pub fn get(store: &Store, def: &'static Def) -> Result<Effective> {
    list(store)?
        .into_iter()
        .find(|e| e.def.key == def.key)
        .ok_or_else(|| anyhow::anyhow!("setting {} has no effective value", def.key))
}

/// Check `value` for `def` and return its canonical text (no store needed).
pub fn canonical(def: &'static Def, value: &str) -> Result<String> {
    Ok(normalize(def, &format!("value for {}", def.key), value)?)
}

/// Store a canonical value.
pub fn set(store: &mut Store, def: &'static Def, canonical: &str) -> Result<()> {
    store.write(|tx| tx.set_setting(def.key, canonical))
}

/// Store several canonical values in one transaction (all or none).
pub fn set_many(store: &mut Store, values: &[(&'static Def, String)]) -> Result<()> {
    store.write(|tx| {
        for (def, v) in values {
            tx.set_setting(def.key, v)?;
        }
        Ok(())
    })
}

/// Drop the stored value: the default applies again.
pub fn unset(store: &mut Store, def: &'static Def) -> Result<()> {
    store.write(|tx| tx.unset_setting(def.key).map(|_| ()))
}
