//! Fitting into the shell: completion scripts, manual pages, and examples at the
//! end of every subcommand's `--help`. Through the real binary.

use crate::common::Env;

const SUBCOMMANDS: [&str; 17] = [
    "ingest",
    "extract",
    "list",
    "show",
    "mark",
    "note",
    "review",
    "history",
    "articles",
    "export",
    "check",
    "backup",
    "stats",
    "versions",
    "diff",
    "completions",
    "man",
];

fn every_subcommand_help_ends_with_examples(env: Env) {
    for command in SUBCOMMANDS {
        let help = env.run_ok(&[command, "--help"]);
        let (_, examples) = help
            .rsplit_once("Examples:\n")
            .unwrap_or_else(|| panic!("{command} --help has no examples:\n{help}"));
        let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!((2..=3).contains(&lines.len()), "{command}: {lines:?}");
        for line in lines {
            assert!(
                line.trim_start().starts_with("claimtrack ")
                    || line.trim_start().starts_with("pbpaste ")
                    || line.trim_start().starts_with("mkdir "),
                "{command}: {line}"
            );
        }
    }
}

#[test]
fn completions_are_printed_for_each_shell_without_touching_a_database() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = env.run_ok(&["completions", shell]);
        assert!(script.contains("claimtrack"), "{shell}");
        assert!(
            script.contains("review") && script.contains("search"),
            "{shell}"
        );
    }
    let bash = env.run_ok(&["completions", "bash"]);
    assert!(bash.contains("complete -F _claimtrack"), "{bash}");
    assert!(!env.db().exists(), "completions created a database");
    let (code, _) = env.run_err(&["completions", "tcsh"]);
    assert_eq!(code, 2);
}

#[test]
fn man_prints_the_page_or_writes_one_per_command() {
    let env = Env::new();
    let page = env.run_ok(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH claimtrack 1"),
        "{page}"
    );
    assert!(page.contains("review"));
    let dir = env.dir.path().join("man1");
    std::fs::create_dir(&dir).unwrap();
    env.run_ok(&["man", "--dir", dir.to_str().unwrap()]);
    for page in ["claimtrack.1", "claimtrack-list.1", "claimtrack-review.1"] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".TH"), "{page}");
    }
    let list = std::fs::read_to_string(dir.join("claimtrack-list.1")).unwrap();
    assert!(list.contains("fzf"), "the examples are in the page");
    assert!(!env.db().exists(), "man created a database");
    let (code, err) = env.run_err(&["man", "--dir", "/nonexistent/man1"]);
    assert_eq!(code, 1);
    assert!(err.contains("no such directory"), "{err}");
}

#[test]
fn readme_quick_start_ingests_the_seeds_as_two_versions_of_one_page() {
    let readme = crate::common::read("README.md");
    let start = readme.find("## Quick start").unwrap();
    let end = start
        + readme[start..]
            .find("\n## ")
            .unwrap_or(readme.len() - start);
    let ingests: Vec<Vec<&str>> = readme[start..end]
        .lines()
        .filter_map(|l| l.strip_prefix("claimtrack ingest "))
        .map(|rest| rest.split('#').next().unwrap().split_whitespace().collect())
        .collect();
    assert_eq!(ingests.len(), 2, "{ingests:?}");
    let env = Env::new();
    for args in &ingests {
        let mut all = vec!["ingest"];
        all.extend(args);
        env.run_ok(&all);
    }
    let articles = env.json(&["articles", "-f", "json"]);
    let articles = articles.as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert!(articles.iter().all(|a| a["source"] == "live-page"));
    assert_eq!(articles[1]["version"], 2);
}

on_both![every_subcommand_help_ends_with_examples,];
