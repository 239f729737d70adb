//! Runs the fuzz check over files: `replay PATH...` (directories are walked).
//! Exits non-zero, naming the file, at the first input that panics.

use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    let mut bytes = 0;
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        bytes += data.len();
        if std::panic::catch_unwind(|| claimtrack_fuzz::check(&data)).is_err() {
            eprintln!("replay: {} makes extract fail", file.display());
            std::process::exit(1);
        }
    }
    println!("replay: {} inputs ({bytes} bytes), no failure", files.len());
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            collect(&entry, out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}
