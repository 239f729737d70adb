//! Piped, every listing command prints a header line then tab-separated cells,
//! control characters escaped, tabs in cells as spaces; `-f table` forces the table.

use crate::common::{Env, s};

const V1: &str = "Turkish Foreign Minister Mevlut Cavusoglu said the talks would resume in Istanbul next week.\n";
const V2: &str = "Turkish Foreign Minister Mevlut Cavusoglu said the talks would resume in Istanbul next week.

A spokesman said the \x1b[31mdelegation had left Ankara, Reuters reported. The report could not be independently verified.
";

/// One page ingested twice: the second version adds a flagged claim holding an
/// escape sequence; its speaker is then corrected to a name holding a tab.
fn two_versions(env: Env) -> Env {
    let v1 = env.file("v1.txt", V1.as_bytes());
    let v2 = env.file("v2.txt", V2.as_bytes());
    env.run_ok(&["ingest", s(&v1), "--source", "page"]);
    env.run_ok(&["ingest", s(&v2), "--source", "page"]);
    env.run_ok(&["edit", "2", "--speaker", "a\tspokesman", "-r", "ayse"]);
    env
}

fn diff_piped_is_a_header_line_and_escaped_tab_separated_cells(env: Env) {
    let env = two_versions(env);
    assert_eq!(
        env.run_ok(&["diff", "page"]),
        "change\tid\tstatus\tflag\tclaim\n\
         new\t2\tunverified\tcould not be independently verified\t\
         A spokesman said the \\x1b[31mdelegation had left Ankara, Reuters reported.\n"
    );
    let table = env.run_ok(&["diff", "page", "-f", "table"]);
    assert!(
        table.starts_with("page: version 1 (article 1) → version 2"),
        "{table}"
    );
    assert!(table.contains("| new    | 2  |"), "{table}");
}

fn versions_piped_is_a_header_line_and_tab_separated_cells(env: Env) {
    let env = two_versions(env);
    let json = env.json(&["versions", "page", "-f", "json"]);
    let at = |i: usize| json[i]["ingested_at"].as_str().unwrap().to_string();
    assert_eq!(
        env.run_ok(&["versions", "page"]),
        format!(
            "version\tarticle\tingested\tclaims\tflagged\tnew\tkept\treworded\tremoved\n\
             1\t1\t{}\t1\t0\t1\t0\t0\t0\n\
             2\t2\t{}\t2\t1\t1\t1\t0\t0\n",
            at(0),
            at(1)
        )
    );
    let table = env.run_ok(&["versions", "page", "-f", "table"]);
    assert!(
        table.starts_with("page: 2 versions\n| version |"),
        "{table}"
    );
}

fn stats_piped_is_one_figure_a_line_under_one_header(env: Env) {
    let env = two_versions(env);
    let mut expected = String::from(
        "table\tname\tmeasure\tvalue\n\
         total\tall\tclaims\t2\n\
         total\tall\tarticles\t1\n\
         total\tall\tflagged\t1\n\
         total\tall\twithout a speaker\t0\n\
         status\tunverified\tclaims\t2\n\
         status\tunverified\tflagged\t1\n\
         status\tunverified\tnot flagged\t1\n",
    );
    for status in [
        "in-progress",
        "verified",
        "false",
        "misleading",
        "inconclusive",
    ] {
        for measure in ["claims", "flagged", "not flagged"] {
            expected.push_str(&format!("status\t{status}\t{measure}\t0\n"));
        }
    }
    expected.push_str(
        "speaker\tTurkish Foreign Minister Mevlut Cavusoglu\tclaims\t1\n\
         speaker\ta spokesman\tclaims\t1\n\
         outlet\tReuters\tclaims\t1\n\
         article\t2\tunverified\t2\n\
         article\t2\tclaims\t2\n\
         assignee\t(nobody)\tclaims\t2\n",
    );
    assert_eq!(env.run_ok(&["stats"]), expected);
    let table = env.run_ok(&["stats", "-f", "table"]);
    assert!(table.starts_with("2 claims in 1 articles"), "{table}");
    assert!(table.contains("Claims by status\n| status"), "{table}");
}

fn history_and_articles_print_the_table_when_asked_in_a_pipe(env: Env) {
    let env = two_versions(env);
    let tsv = env.run_ok(&["history"]);
    assert!(
        tsv.starts_with("event\tclaim\twhen\treviewer\tchange\tnote\n"),
        "{tsv}"
    );
    assert!(
        tsv.contains("\tayse\tspeaker: Reuters → a spokesman\t\n"),
        "{tsv}"
    );
    let table = env.run_ok(&["history", "-f", "table"]);
    assert!(table.starts_with("| event "), "{table}");
    let tsv = env.run_ok(&["articles"]);
    assert!(
        tsv.starts_with("id\tsource\tversion\ttitle\tclaims\tflagged\t"),
        "{tsv}"
    );
    let table = env.run_ok(&["articles", "-f", "table"]);
    assert!(table.starts_with("| id | source "), "{table}");
}

on_both![
    diff_piped_is_a_header_line_and_escaped_tab_separated_cells,
    versions_piped_is_a_header_line_and_tab_separated_cells,
    stats_piped_is_one_figure_a_line_under_one_header,
    history_and_articles_print_the_table_when_asked_in_a_pipe,
];
