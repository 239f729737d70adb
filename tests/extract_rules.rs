//! One test per kind of mistake fixed on real news copy (issue 11): each feeds a sentence of
//! the kind (our own wording, never an article's) and checks the claim, its speaker, its flag
//! and the rule `extract --explain` names for it. The last test runs the real binary.

use assert_cmd::Command;
use claimtrack::extract::{ExtractedClaim, explain, extract};

/// The claims of a one-paragraph article under a heading.
fn claims(body: &str) -> Vec<ExtractedClaim> {
    extract(&format!("Heading\n{body}\n")).claims
}

fn speakers(body: &str) -> Vec<String> {
    claims(body)
        .into_iter()
        .map(|c| c.speaker.unwrap_or_default())
        .collect()
}

/// The rules behind the first taken sentence: (decision rule, speaker rule, flag rule).
fn rules(body: &str) -> (String, Option<String>, Option<String>) {
    let d = explain(&format!("Heading\n{body}\n"))
        .into_iter()
        .find(|d| d.taken)
        .expect("a claim");
    let t = d.trace.unwrap_or_default();
    (d.rule, t.speaker, t.flag)
}

/// What the real binary prints for `args`, with `stdin` as its input.
fn run_binary(args: &[&str], stdin: &str) -> String {
    let out = Command::cargo_bin("claimtrack")
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The rows of the real binary's JSON output for `args`.
fn binary_json(args: &[&str], stdin: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&run_binary(args, stdin)).unwrap()
}

#[test]
fn two_sources_in_one_sentence_are_two_claims() {
    let s = "The army said it had retaken the town, whereas the rebels said they still held it.";
    let c = claims(s);
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(c[0].text, c[1].text);
    assert_eq!(speakers(s), ["The army", "the rebels"]);
    let s = "Police said two people died, but the organisers said nobody was hurt.";
    assert_eq!(speakers(s), ["Police", "the organisers"]);
    // A pronoun in the second clause is the same source: one claim.
    assert_eq!(
        claims("The ministry said the road was open, but it added that delays were likely.").len(),
        1
    );
}

#[test]
fn a_claim_denied_by_a_party_is_that_partys_claim_too() {
    let s = "Officials accused the firm of hiding losses – a claim denied by the company.";
    assert_eq!(speakers(s), ["Officials", "the company"]);
    let s = "Both armies have exchanged prisoners, announced by both governments on Friday.";
    assert_eq!(speakers(s), ["both governments on Friday"]);
}

#[test]
fn new_cues_are_claims() {
    for (s, who) in [
        (
            "Early reports spoke of heavy shelling near the port.",
            "Early reports",
        ),
        ("Monitors viewed the vote as broadly fair.", "Monitors"),
        (
            "The agency attributed the outage to a cyberattack.",
            "The agency",
        ),
        (
            "The group posted a statement saying its fighters had withdrawn.",
            "The group",
        ),
        (
            "Ministers were forced to deny that the plan had been dropped.",
            "Ministers",
        ),
        (
            "The two parties have each claimed, at times, to lead the count.",
            "The two parties",
        ),
    ] {
        assert_eq!(speakers(s), [who], "{s}");
    }
    let quote = "“We will hold the line,” the officer continues as the crowd cheers.";
    assert_eq!(speakers(quote), ["the officer"]);
    let heard = "“Nobody leaves,” a guard is heard saying in the recording.";
    assert_eq!(speakers(heard), ["a guard"]);
    let read = "“Stay indoors,” read a post from the city council.";
    assert_eq!(speakers(read), ["a post from the city council"]);
}

#[test]
fn a_pronoun_refers_to_the_person_who_spoke_last() {
    let body = "Spokeswoman Anna Berg said the port was shut. Dr Lena Ruiz, a surgeon, said 14 people were hurt. She said most had burns.";
    let c = claims(body);
    assert_eq!(c[2].speaker.as_deref(), Some("She"));
    assert_eq!(c[2].speaker_resolved.as_deref(), Some("Lena Ruiz"));
}

#[test]
fn a_role_refers_back_only_to_a_person_given_no_other_role() {
    let body = "“We are ready,” said Gen. Mark Hale, chairman of the joint staff. The minister said the border was closed.";
    let c = claims(body);
    assert_eq!(c[1].speaker.as_deref(), Some("The minister"));
    assert_eq!(c[1].speaker_resolved, None);
    let c = claims("Ana Lee said the port was shut. The spokesperson said it would reopen.");
    assert_eq!(c[1].speaker_resolved.as_deref(), Some("Ana Lee"));
}

#[test]
fn each_speaker_choice_picks_the_source_of_its_kind() {
    let table: &[(&str, &[&str])] = &[
        // A claim noun heading the subject: "A report by X said".
        (
            "A report by the UN's human rights office said 300 civilians were killed.",
            &["A report by the UN's human rights office"],
        ),
        // A claim noun standing apart from the source.
        (
            "The bill passed, a measure Democrats say is unconstitutional.",
            &["Democrats"],
        ),
        // A short subject and an aside running to the cue speak before it ...
        (
            "The complaint, filed in federal court in Manhattan, says the firm hid losses.",
            &["The complaint"],
        ),
        // ... a clause before the comma has its source after the cue.
        (
            "The talks, held in Doha, ended without a deal, said a diplomat.",
            &["a diplomat"],
        ),
        // A role before a short name may be as long as a speaker.
        (
            "The head of the UN agency for Palestinian refugees, Philippe Lazzarini, said the camps were full.",
            &["The head of the UN agency for Palestinian refugees, Philippe Lazzarini"],
        ),
        // A source reporting beats a thing that suggests; a subordinator is no part of it.
        (
            "Although the rebels claimed to hold the airport, the shelling nearby suggested that the fight went on.",
            &["the rebels"],
        ),
        (
            "Police said the evidence showed that the fire was set on purpose.",
            &["Police"],
        ),
        // Alone, a finding verb keeps its subject.
        (
            "The audit found that the funds were missing.",
            &["The audit"],
        ),
        // A free relative saying what a thing is holds a second source's claim ...
        (
            "The minister condemned the strike on what the army has claimed is a rebel depot.",
            &["The minister", "the army"],
        ),
        (
            "Kyiv denied what Moscow says were drone launch sites.",
            &["Kyiv", "Moscow"],
        ),
        // ... not one that only names what was said, nor one whose source is a pronoun.
        (
            "He repeated what the minister said about the port.",
            &["the minister"],
        ),
        (
            "Officials described what they said was a drone attack.",
            &["Officials"],
        ),
    ];
    for (sentence, want) in table {
        assert_eq!(speakers(sentence), *want, "{sentence}");
    }
}

#[test]
fn a_thing_claimed_as_ones_own_is_no_claim() {
    let s = "The rebels hold the north, which they have claimed as the seat of a new government.";
    assert!(claims(s).is_empty(), "{:#?}", claims(s));
    let s = "The army claimed as many as 40 fighters were killed.";
    assert_eq!(speakers(s), ["The army"]);
}

#[test]
fn saying_little_or_nothing_asserts_nothing() {
    for s in [
        "Officials have said little about the cause of the blast.",
        "The ministry said nothing of the strike.",
    ] {
        assert!(claims(s).is_empty(), "{s}");
    }
    assert_eq!(
        speakers("The ministry said little had changed."),
        ["The ministry"]
    );
}

#[test]
fn a_hedge_on_a_collection_of_other_claims_hedges_nothing_said_here() {
    let s = "The video was the latest in a volley of unverified declarations by both sides.";
    assert!(claims(s).is_empty(), "{:#?}", claims(s));
    // With what the claims say, it is a hedged claim; after a hedge adjective "reports" is
    // a noun, not a cue.
    let c = claims("Officials pointed to a string of unverified reports that the dam had burst.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].speaker, None);
    assert_eq!(c[0].flag.as_deref(), Some("unverified"));
}

#[test]
fn a_document_states_and_an_inquiry_concludes() {
    let s = "The indictment states that the payments began in 2019.";
    assert_eq!(speakers(s), ["The indictment"]);
    let s = "The inquiry concluded that the warnings had been ignored.";
    assert_eq!(speakers(s), ["The inquiry"]);
    // "states" after anything but a document or a pronoun is the plural noun.
    for s in [
        "EU member states that want to join must apply first.",
        "The Gulf states that border Iran were put on alert.",
    ] {
        assert!(claims(s).is_empty(), "{s}");
    }
}

#[test]
fn speaker_choice_follows_the_clause_not_the_nearest_noun() {
    // A participle giving a reason is no source.
    let s = "Shares fell after the retailer cut its outlook, citing weak demand in Europe.";
    assert_eq!(speakers(s), ["the retailer"]);
    assert_eq!(rules(s).1.as_deref(), Some("citing-reason"));
    // "with X warning": X is the source.
    let s = "Fighting went on overnight, with aid workers warning of a collapse.";
    assert_eq!(speakers(s), ["aid workers"]);
    // A relative pronoun stands for the noun phrase before it.
    let s = "The update came from the health ministry in the capital, which warned of shortages.";
    assert_eq!(speakers(s), ["the health ministry in the capital"]);
    // An inverted source at the end wins over a list of commas before it.
    let s = "Costs for wages, rent, energy, and insurance will rise, said analyst Jane Roe.";
    assert_eq!(speakers(s), ["analyst Jane Roe"]);
    // A subject with its own relative clause.
    let s = "The militia said the road was safe, but those who have fled have reported attacks.";
    assert_eq!(speakers(s), ["The militia", "those who have fled"]);
    // A dateline and a list bullet are not part of the subject.
    assert_eq!(
        speakers("LAGOS, Nigeria (AP) – The runner-up rejected the results on Monday."),
        ["The runner-up"]
    );
    assert_eq!(
        speakers("• The mayor also praised the plan, alleging fraud by critics."),
        ["The mayor"]
    );
}

#[test]
fn real_copy_punctuation_keeps_sentences_whole() {
    // Initials inside a name, "--" for a dash, acute accents and modifier letters as apostrophes.
    let s = "Prices rose, said John Doe, an analyst at R. W. Smith & Co. in Chicago.";
    assert_eq!(
        speakers(s),
        ["John Doe, an analyst at R. W. Smith & Co. in Chicago"]
    );
    assert_eq!(
        speakers("The company -- which makes chips -- said sales fell."),
        ["The company"]
    );
    assert_eq!(
        speakers("Russia´s defence ministry said it had shot down drones."),
        ["Russia´s defence ministry"]
    );
    // "Shares" is no "Share" caption prefix.
    assert_eq!(claims("Shares fell 5%, the exchange said.").len(), 1);
    // A curly quote closed by a straight one does not swallow the next sentence.
    let c = claims(
        "The army said it was “carrying out a raid\" in the area. The mayor said all was calm.",
    );
    assert_eq!(c.len(), 2, "{c:#?}");
}

#[test]
fn no_comment_sentences_flag_the_claim_before() {
    let body = "The union said the mine had flooded twice.\nThe owner did not immediately respond to a request for comment.";
    let c = claims(body);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].flag.as_deref(), Some("did not immediately respond"));
    for silence in [
        "There was no immediate comment from the owner.",
        "The owner could not be reached for comment.",
        "The owner declined to comment.",
        "The owner has declined to say whether the mine will reopen.",
        "A spokesman for the owner did not return calls seeking comment.",
        "Requests for comment to the owner went unanswered.",
        "The owner was not immediately available for comment.",
        "A spokeswoman for the owner was unavailable for comment.",
    ] {
        let c = claims(&format!("The union said the mine had flooded.\n{silence}"));
        assert!(c[0].flag.is_some(), "{silence}");
    }
    // Silence inside the reported words is the speaker's claim, not a flag.
    let c = claims("The families said their calls had gone unanswered for weeks.");
    assert_eq!(c[0].flag, None);
    // The speaker keeping back more of their own story is no flag.
    let c =
        claims("The mayor said the talks were useful.\nHe declined to say when they would resume.");
    assert_eq!(c[0].flag, None);
}

#[test]
fn new_hedges_flag_their_own_sentence() {
    for (s, hedge) in [
        (
            "The rebels said they downed a jet, a claim the army has yet to address.",
            "has yet to address",
        ),
        (
            "The two commanders are believed to be hiding in the hills.",
            "are believed to",
        ),
        (
            "A suspected drone strike hit the convoy, residents said.",
            "A suspected",
        ),
        (
            "The agency said ten soldiers died, without saying where it got the information.",
            "without saying where",
        ),
        (
            "There were also claims of missing ballots.",
            "There were also claims",
        ),
        (
            "It has been reported that the minister will resign.",
            "It has been reported",
        ),
    ] {
        let c = claims(s);
        assert_eq!(c.len(), 1, "{s}");
        assert_eq!(c[0].flag.as_deref(), Some(hedge), "{s}");
    }
    // "If confirmed" hedges the claim it follows.
    let c = claims("The group said its leader was killed. If confirmed, it would be a major blow.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].flag.as_deref(), Some("If confirmed"));
}

#[test]
fn a_quote_that_goes_on_after_its_attribution_is_one_claim() {
    let body = "“The bridge is closed,” the mayor said. “Nobody crosses until it is safe.”";
    let c = claims(body);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].text, body);
    assert_eq!(c[0].speaker.as_deref(), Some("the mayor"));
    let d = explain(&format!("Heading\n{body}\n"));
    assert_eq!(d.last().map(|d| d.rule.as_str()), Some("quote-continues"));
    // Two sources in the quoted sentence: both claims grow.
    let c = claims("“It is over,” the army said, while the rebels said they held it. “We won.”");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert!(c.iter().all(|c| c.text.ends_with("“We won.”")), "{c:#?}");
    // A hedge inside the quote is the speaker's own word: the quote still joins the claim.
    let c = claims("“We saw it,” the mayor said. “It was allegedly a drone.”");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].speaker.as_deref(), Some("the mayor"));
    // After indirect speech, or past a sentence of narration, a quote stays a claim of its own.
    assert_eq!(
        claims("The mayor said the bridge was closed. “Nobody crosses.”").len(),
        2
    );
    let c = claims("“It is closed,” the mayor said. It rained. “Nobody crosses.”");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(c[1].text, "“Nobody crosses.”");
}

#[test]
fn explain_names_the_rule_of_every_decision() {
    let text = "Heading\nThe ministry said the road was open. It rained all day.\nThe firm declined to comment.\n";
    let d = explain(text);
    let rules: Vec<&str> = d.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "heading-line",
            "reporting-verb",
            "narration-no-cue",
            "flag-sentence"
        ]
    );
    let trace = d[1].trace.as_ref().expect("a claim has a trace");
    assert_eq!(trace.cue.as_deref(), Some("reporting-verb"));
    assert_eq!(trace.speaker.as_deref(), Some("subject-before-cue"));
    assert_eq!(trace.flag.as_deref(), Some("no-comment"));
    assert!(d[1].reason.contains("[no-comment]"), "{}", d[1].reason);
}

#[test]
fn the_binary_explains_rules_in_table_and_json() {
    let text = "Heading\nPrices rose, according to the agency. The firm declined to comment.\n";
    let rows = binary_json(&["extract", "--explain", "--format", "json", "-"], text);
    let claim = rows.iter().find(|r| r["taken"] == true).expect("a claim");
    assert_eq!(claim["rule"], "according-to");
    assert_eq!(claim["trace"]["speaker"], "source-after-according-to");
    assert_eq!(claim["trace"]["flag"], "no-comment");
    let left: Vec<&str> = rows
        .iter()
        .filter(|r| r["taken"] == false)
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["heading-line", "flag-sentence"]);
    let table = run_binary(&["extract", "--explain", "-"], text);
    assert!(
        table.contains("[according-to]") && table.contains("[no-comment]"),
        "{table}"
    );
}

/// The coreference rule behind each claim's speaker, in article order.
fn coref_rules(text: &str) -> Vec<Option<String>> {
    explain(text)
        .into_iter()
        .filter(|d| d.taken)
        .map(|d| d.trace.unwrap_or_default().coref)
        .collect()
}

#[test]
fn explain_names_the_coreference_rule_of_every_speaker() {
    let text = "Heading\nGovernment spokeswoman Ana Ruiz said the bridge was closed. She said repairs \
                would take a week. Ruiz said the cost was unknown. The spokeswoman said more.\n\
                The port authority said ships were waiting. It said the queue was growing.\n";
    let rules = coref_rules(text);
    assert_eq!(
        rules.iter().map(|r| r.as_deref()).collect::<Vec<_>>(),
        [
            Some("new-source"),
            Some("pronoun-same-gender"),
            Some("surname"),
            Some("back-reference-mention"),
            Some("new-source"),
            Some("it-organisation"),
        ]
    );
    let d = explain(text);
    let she = d.iter().find(|d| d.reason.contains("'She'")).unwrap();
    assert!(
        she.reason
            .contains("refers to 'Ana Ruiz' [pronoun-same-gender]"),
        "{}",
        she.reason
    );
    // A pronoun with no one to refer to says so.
    let d = explain("Heading\nWe said the road was open.\n");
    let we = d.iter().find(|d| d.taken).expect("a claim");
    assert_eq!(
        we.trace.as_ref().unwrap().coref.as_deref(),
        Some("unresolved-pronoun")
    );
    assert!(we.reason.contains("[unresolved-pronoun]"), "{}", we.reason);
}

#[test]
fn a_cue_without_a_speaker_names_the_rule_that_found_none() {
    let text = "Heading\nThere were no early reports of damage. Adding more guards would change \
                little. The mayor said the road was open.\n";
    let d = explain(text);
    let left: Vec<(&str, &str)> = d
        .iter()
        .filter(|d| !d.taken && d.rule != "heading-line")
        .map(|d| {
            let t = d
                .trace
                .as_ref()
                .expect("a trace names the cue and the rule");
            (d.rule.as_str(), t.cue.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        left,
        [
            ("subject-before-cue", "reporting-verb"),
            ("participle-without-subject", "participle")
        ]
    );
    assert!(
        d[1].reason
            .starts_with("no speaker: cue 'reports' [reporting-verb]"),
        "{}",
        d[1].reason
    );
    // Narration without any cue keeps its own rule.
    let d = explain("Heading\nIt rained all day.\n");
    assert_eq!(d[1].rule, "narration-no-cue");
}

#[test]
fn the_binary_explains_coreference_and_missing_speakers() {
    let text = "Heading\nThe port authority said ships were waiting. It said the queue was \
                growing. Adding more guards would change little.\n";
    let rows = binary_json(&["extract", "--explain", "--format", "json", "-"], text);
    let corefs: Vec<&str> = rows
        .iter()
        .filter(|r| r["taken"] == true)
        .map(|r| r["trace"]["coref"].as_str().unwrap())
        .collect();
    assert_eq!(corefs, ["new-source", "it-organisation"]);
    let left = rows.last().unwrap();
    assert_eq!(left["rule"], "participle-without-subject");
    assert_eq!(left["trace"]["cue"], "participle");
    let table = run_binary(&["extract", "--explain", "-"], text);
    assert!(
        table.contains("refers to 'The port authority' [it-organisation]")
            && table.contains("no speaker found [participle-without-subject]"),
        "{table}"
    );
}

#[test]
fn adverbs_that_open_clauses_elsewhere_do_not_hide_the_subject() {
    for s in [
        "The regional governor has since said that the dam is intact.",
        "The regional governor had so far claimed the dam was intact.",
        "The regional governor has to date insisted the dam is intact.",
    ] {
        assert_eq!(speakers(s), ["The regional governor"], "{s}");
        assert_eq!(rules(s).1.as_deref(), Some("subject-before-cue"), "{s}");
    }
    // Elsewhere "since" opens a clause, whose subject speaks.
    let s = "The road stayed shut since engineers said the bridge was unsafe.";
    assert_eq!(speakers(s), ["engineers"]);
}

#[test]
fn a_source_quoted_in_the_passive_speaks_and_the_agent_relays() {
    let s =
        "The deputy governor was quoted by the state news agency as saying the bridge was shut.";
    let c = claims(s);
    assert_eq!(speakers(s), ["The deputy governor"]);
    assert_eq!(c[0].outlet.as_deref(), Some("the state news agency"));
    assert_eq!(rules(s).0, "passive-cited-as");
    let s = "Local officials were cited as saying that the bridge was shut.";
    assert_eq!(speakers(s), ["Local officials"]);
    // Quoted, but not as saying anything: narration.
    assert!(claims("The deputy governor was quoted in the evening paper.").is_empty());
}

#[test]
fn a_description_with_another_head_noun_is_another_source() {
    let resolved = |body: &str| -> Vec<Option<String>> {
        claims(body)
            .into_iter()
            .map(|c| c.speaker_resolved)
            .collect()
    };
    let s = "The health ministry said 12 people had died. The army said the roads were open. \
             The governor said schools would reopen. The chief executive said sales had doubled.";
    assert_eq!(resolved(s), [None, None, None, None]);
    // A name, then a description of it: the description refers back.
    let s =
        "Rosaviatsia said the airport was closed. The agency said flights would resume on Friday.";
    assert_eq!(resolved(s), [None, Some("Rosaviatsia".to_string())]);
    let s = "Maria Lind said the bridge was shut. The spokeswoman said it would reopen in May.";
    assert_eq!(resolved(s), [None, Some("Maria Lind".to_string())]);
    // The head noun is a word of the earlier mention, not part of another ("minister's").
    let s = "A statement from the prime minister's office said talks were over. \
             The foreign minister said they would resume.";
    assert_eq!(resolved(s), [None, None]);
    // A place after a title word is no person's name; a company's name is no title and surname.
    let s =
        "The Health Ministry in Tyre said 40 people died. The ministry said the toll would rise.";
    assert_eq!(
        resolved(s),
        [None, Some("The Health Ministry in Tyre".to_string())]
    );
    let s =
        "The National Dairy Corporation denied the claims. National Dairy said it would appeal.";
    assert_eq!(resolved(s), [None, None]);
    let s = "The Pentagon said the troops had left. The western officials said they had not.";
    assert_eq!(
        resolved(s),
        [None, None],
        "people are not the organisation before them"
    );
}

#[test]
fn verifiable_with_a_negation_or_un_is_a_verification_hedge() {
    let flag =
        |body: &str| -> Vec<Option<String>> { claims(body).into_iter().map(|c| c.flag).collect() };
    assert_eq!(
        flag("The militia said it had downed a jet, which was not independently verifiable."),
        [Some("was not independently verifiable".to_string())]
    );
    assert_eq!(
        flag("The militia claimed to have downed a jet. The claim is unverifiable."),
        [Some("unverifiable".to_string())]
    );
    assert_eq!(
        flag("The militia said it had downed a jet. The wreck is easily verifiable."),
        [None]
    );
}

#[test]
fn the_binary_reads_a_hard_wrapped_text_as_paragraphs() {
    let text = "Drones downed overnight\n\nThe air force said on Tuesday that it had shot\ndown 30 of the 35 drones launched overnight by Russia, a\nclaim that could not be independently verified.\n\nThe mayor of the city, Ihor Terekhov, wrote on Telegram that\nthe city had been hit twice during the night.\n";
    let claims = binary_json(&["extract", "--format", "json", "-"], text);
    let speakers: Vec<&str> = claims
        .iter()
        .filter_map(|c| c["speaker"].as_str())
        .collect();
    assert_eq!(
        speakers,
        ["The air force", "The mayor of the city, Ihor Terekhov"]
    );
    assert_eq!(claims[0]["flag"], "could not be independently verified");
    assert!(
        claims[0]["text"]
            .as_str()
            .unwrap()
            .contains("shot\ndown 30")
    );
}

#[test]
fn a_media_office_is_a_source_not_an_outlet() {
    let outlets = |body: &str| -> Vec<Option<String>> {
        claims(body).into_iter().map(|c| c.outlet).collect()
    };
    assert_eq!(
        outlets("Gaza's Government Media Office said 40 people were killed."),
        [None]
    );
    assert_eq!(
        outlets("Iranian state media said the drone was downed."),
        [Some("Iranian state media".to_string())]
    );
}
