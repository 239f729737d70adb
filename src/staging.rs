//! Files written under a temporary name beside their target, then renamed into place.
//!
//! A run killed mid-write (`kill -9`, a power cut) leaves its temporary file behind,
//! possibly hundreds of megabytes of a backup. Each one is named after the process
//! that writes it (`.claimtrack-KIND-PID-RANDOM.tmp`), so the next run staging a
//! file in the same directory recognises those whose process is gone and removes them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const PREFIX: &str = ".claimtrack-";
const SUFFIX: &str = ".tmp";
/// Where processes cannot be looked up (no `/proc`), a temporary file this old
/// counts as abandoned: no backup or export runs for a day.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 3600);

/// A staged file and the abandoned ones removed from its directory on the way.
pub struct Staged {
    pub file: tempfile::NamedTempFile,
    pub removed_stale: Vec<PathBuf>,
}

/// Creates a temporary file in `dir` for `kind` ("export", "backup"), with the
/// mode `mode` less the umask, after removing the abandoned ones there.
pub fn stage_in(dir: &Path, kind: &str, mode: u32) -> std::io::Result<Staged> {
    let removed_stale = remove_abandoned(dir);
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{PREFIX}{kind}-{}-", std::process::id());
    builder.prefix(&prefix).suffix(SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let file = builder.tempfile_in(dir)?;
    Ok(Staged {
        file,
        removed_stale,
    })
}

/// Removes the staged files in `dir` whose writer is gone; returns their paths.
fn remove_abandoned(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return false;
            };
            writer_pid(name).is_some_and(|pid| is_abandoned(pid, &entry.path()))
        })
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| fs::remove_file(entry.path()).ok().map(|()| entry.path()))
        .collect()
}

/// The process id in a staged file's name, if the name is one of ours.
fn writer_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let mut parts = rest.split('-');
    let (_kind, pid, _random) = (parts.next()?, parts.next()?, parts.next()?);
    pid.parse().ok()
}

fn is_abandoned(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    if Path::new("/proc/self").exists() {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > ABANDONED_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_names_carry_the_writer() {
        assert_eq!(writer_pid(".claimtrack-backup-4242-AbC12.tmp"), Some(4242));
        assert_eq!(writer_pid(".claimtrack-backup-x-AbC12.tmp"), None);
        assert_eq!(writer_pid("claims.db"), None);
    }

    #[test]
    fn a_file_left_by_a_dead_process_is_removed_and_a_live_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids above the kernel's pid_max (4,194,304 at most) never run.
        let dead = dir.path().join(".claimtrack-export-4294967295-x.tmp");
        fs::write(&dead, "half an export").unwrap();
        let staged = stage_in(dir.path(), "export", 0o644).unwrap();
        assert_eq!(staged.removed_stale, vec![dead.clone()]);
        assert!(!dead.exists());
        let again = stage_in(dir.path(), "export", 0o644).unwrap();
        assert!(again.removed_stale.is_empty(), "our own file is kept");
        assert!(staged.file.path().exists());
    }
}
