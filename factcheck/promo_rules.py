"""Rules HC201–HC207 (promotional language, sentence level) and HC301–HC312 (whole article).

The detection lives in :mod:`factcheck.promotion` (phrases in
``lexicons/promotion.yaml``) and :mod:`factcheck.article_checks`; this module is their
catalogue entry. Examples are run through the whole checker by the test suite.
"""

from __future__ import annotations

from .rules import Rule

HNR = "HealthNewsReview"
FTC = "FTC Health Products Compliance Guidance"
FDA_BALANCE = "FDA 21 CFR 202.1(e)(5)(ii): fair balance"
FDA_MISLEADING = "FDA 21 CFR 202.1(e)(6)(i): not safer or more effective than demonstrated"
FTC_FORMAT = "FTC Enforcement Policy Statement on Deceptively Formatted Advertisements"

PROMO_RULES = (
    Rule(
        code="HC201", name="hype", kind="hype", severity="warning",
        message="Hype: sensational language sells the treatment instead of describing the evidence",
        why=("Words such as \"breakthrough\", \"game-changer\", \"miracle\" or \"a beacon of hope\" tell readers a "
             "question is settled and a treatment is a leap forward. Used without a named study nearby they promise "
             "more than trials of ketamine (small, short, in treatment-resistant depression) have shown."),
        standards=(f"{HNR}: does it avoid unjustifiable, sensational language?",
                   f"{HNR}: does it establish the true novelty of the approach?", "DISCERN item 6: is it balanced and unbiased?"),
        fire=("Ketamine therapy is a groundbreaking game-changer for depression.",),
        quiet=("The discovery of the glutamate system was a breakthrough in our understanding of depression.",),
    ),
    Rule(
        code="HC202", name="absolute-certainty", kind="absolute_certainty", severity="warning",
        message="Absolute certainty: the wording promises an outcome no evidence can guarantee",
        why=("\"Proven\", \"guaranteed\", \"permanent\", \"always\" or an unsourced \"94% success rate\" claim a "
             "certainty and a response rate that trials do not report; many patients do not respond, and the "
             "benefit of ketamine usually fades within weeks."),
        standards=(f"{HNR}: does it grasp the quality of the evidence?", FDA_MISLEADING,
                   f"{FTC}: competent and reliable scientific evidence"),
        fire=("Ketamine is proven to treat depression, and results are guaranteed.",),
        quiet=("Ketamine has not been proven to prevent suicide.",),
    ),
    Rule(
        code="HC203", name="vague-authority", kind="vague_authority", severity="warning",
        message="Vague authority: an appeal to unnamed studies or experts with no specific citation nearby",
        why=("\"Studies show\" or \"experts agree\" asks readers to trust evidence they cannot check. A claim is only "
             "as good as the specific study behind it; name the trial, journal and year."),
        standards=(f"{FTC}: competent and reliable scientific evidence", "DISCERN item 4: is it clear what sources were used?"),
        fire=("Studies have shown that ketamine can provide rapid relief from depression.",),
        quiet=("Studies show that a single dose can reduce suicidal thoughts quickly: a meta-analysis by Wilkinson and "
               "colleagues (American Journal of Psychiatry, 2018) found reductions within hours.",),
    ),
    Rule(
        code="HC204", name="testimonial-as-evidence", kind="testimonial", severity="warning",
        message="Testimonial: patient stories or anonymous reports offered as evidence that the treatment works",
        why=("Individual stories and \"many patients report\" are anecdotes: they cannot show how often a treatment "
             "works, or whether it did more than placebo. The FTC holds that testimonials do not substitute for "
             "competent and reliable scientific evidence."),
        standards=(f"{FTC}: testimonials do not substantiate a claim",),
        fire=("Many report feelings of clarity, relief, and euphoria following ketamine sessions.",),
        quiet=("Patients often report dissociation and nausea during the ketamine infusion.",),
    ),
    Rule(
        code="HC205", name="risk-minimization", kind="risk_minimization", severity="warning",
        message="Risk minimisation: side effects are denied or played down",
        why=("Ketamine causes dissociation, raised blood pressure, nausea and dizziness, and repeated or heavy use "
             "is linked to bladder damage, memory problems and dependence. \"No side effects\" or \"transient and "
             "manageable\" hides harms readers need to weigh."),
        standards=(FDA_BALANCE, FDA_MISLEADING, f"{HNR}: does it adequately explain the harms?"),
        fire=("Ketamine has no side effects and a low side-effect profile.",),
        quiet=("Ketamine is not risk-free even at clinical doses.",),
    ),
    Rule(
        code="HC206", name="call-to-action", kind="call_to_action", severity="info",
        message="Call to action: the text asks readers to book, call or visit a provider",
        why=("A booking prompt, phone number or web address shows that the page sells a service. Its health claims "
             "should be read, and edited, as advertising."),
        standards=(f"{FTC_FORMAT}: promotion must be identifiable as advertising",),
        fire=("Book your free consultation today! Call (480) 555-0193.",),
        quiet=("If you are in crisis, call 988 or your local emergency number.",),
    ),
    Rule(
        code="HC207", name="local-seo", kind="local_seo", severity="info",
        message="Local SEO: a treatment or provider tied to a place name, as search keywords",
        why=("\"Ketamine therapy in San Diego\" is written for search engines and to sell a local clinic; it marks "
             "the article as advertising, however editorial it looks."),
        standards=(f"{FTC_FORMAT}: promotion must be identifiable as advertising",),
        fire=("Clinics offering ketamine therapy in San Diego provide specialised care.",),
        quiet=("Ketamine therapy in adults with treatment-resistant depression has been studied in small trials.",),
    ),
)

_BENEFITS = "Ketamine therapy relieves depression within hours. Ketamine infusions help people with anxiety and PTSD."

ARTICLE_RULES = (
    Rule(
        code="HC301", name="missing-risks", kind="missing_risks", severity="warning",
        message="Missing risks: no side effect or risk of the intervention is named, nor how often harms occurred",
        why=("An article that lists benefits and names no harm leaves readers unable to weigh the treatment. A denial "
             "(\"no side effects\") does not count as disclosure."),
        standards=(f"{HNR}: does it adequately explain the harms?", FDA_BALANCE, "DISCERN item 11: does it describe the risks?"),
        fire=(_BENEFITS,),
        quiet=(_BENEFITS + " Side effects include dissociation, nausea and raised blood pressure.",),
    ),
    Rule(
        code="HC302", name="missing-regulatory-status", kind="missing_regulatory_status", severity="warning",
        message="Missing availability: nothing says whether the intervention is approved or cleared, or at what stage of testing it is",
        why=("Readers should know which use regulators have reviewed (approved, cleared, off-label), how far a new "
             "intervention is from the clinic (an animal study, a phase 2 trial) and when and where it can be had."),
        standards=(FDA_MISLEADING, f"{HNR}: does it establish the availability of the treatment?"),
        fire=(_BENEFITS,),
        quiet=(_BENEFITS + " IV ketamine for depression is off-label; only esketamine nasal spray is FDA-approved for it.",
               "Researchers tested a new pill for migraine in 300 adults. The pill is not yet approved; a phase 3 trial "
               "starts next year."),
    ),
    Rule(
        code="HC303", name="missing-cost", kind="missing_cost", severity="info",
        message="Missing cost: nothing on what the intervention costs or whether insurance covers it",
        why=("What a course of treatment or a test costs, and whether insurers pay for it, is part of any decision "
             "about it; the cost of a disease to society is not the cost of the intervention."),
        standards=(f"{HNR}: does it discuss the costs?",),
        fire=(_BENEFITS,),
        quiet=(_BENEFITS + " A course of six infusions costs about $3,000 and insurance rarely covers it.",),
    ),
    Rule(
        code="HC304", name="no-sources", kind="no_sources", severity="warning",
        message="No sources: the article appeals to research but cites no specific study",
        why=("An article that says \"research shows\" without naming any study, journal or year gives readers and "
             "editors nothing to check."),
        standards=("DISCERN item 4: is it clear what sources were used?", f"{FTC}: competent and reliable scientific evidence"),
        fire=("Studies show ketamine relieves depression within hours.",),
        quiet=("A 2013 trial in the American Journal of Psychiatry found that ketamine relieved depression within a day.",),
    ),
    Rule(
        code="HC305", name="imbalance", kind="imbalance", severity="warning",
        message="Imbalance: benefit statements far outnumber risk statements, in count and prominence",
        why=("Fair balance means harms get comparable weight to benefits. Benefits in headings and the opening "
             "paragraphs weigh more than a caveat at the end."),
        standards=(FDA_BALANCE, "DISCERN item 6: is it balanced and unbiased?"),
        fire=("Rapid Relief From Depression\n\nKetamine relieves depression within hours. Ketamine helps with anxiety. "
              "Ketamine treats PTSD effectively. Ketamine gives lasting relief from depression.\n",),
        quiet=("Ketamine can relieve depression within hours. Side effects include dissociation and nausea. "
               "The benefit fades within a week or two, and long-term safety is not yet known. "
               "Ketamine may cause raised blood pressure and dizziness.\n",),
    ),
)

_TRIAL = "Researchers tested a new pill for migraine in 300 adults."

REVIEW_RULES = (
    Rule(
        code="HC306", name="unquantified-benefits", kind="unquantified_benefits", severity="info",
        message="Benefits not quantified: no absolute numbers (n of N, percentage points), at most relative changes",
        why=("\"Cut the risk by half\" may mean 2 in 100 instead of 4 in 100, or 20 instead of 40: only absolute "
             "numbers tell readers how large a benefit is."),
        standards=(f"{HNR}: does it adequately quantify the benefits?",),
        fire=(_TRIAL + " The pill cut the number of migraine days by half, the researchers said.",),
        quiet=(_TRIAL + " Migraine days fell by half in 90 of 150 adults on the pill, compared with 45 of 150 on placebo.",),
    ),
    Rule(
        code="HC307", name="missing-evidence-quality", kind="missing_evidence_quality", severity="info",
        message="Evidence quality not explained: the study's design, size and limits are not put in context",
        why=("A small, short, observational or animal study cannot bear the weight of a firm claim; readers need to "
             "know what kind of study it was and what it cannot show."),
        standards=(f"{HNR}: does it grasp the quality of the evidence?",),
        fire=(_TRIAL + " The pill reduced migraine days.",),
        quiet=(_TRIAL + " The study was small and cannot prove that the pill caused the change. Larger trials are needed "
               "to confirm the result.",),
    ),
    Rule(
        code="HC308", name="disease-mongering", kind="disease_mongering", severity="warning",
        message="Disease-mongering: the condition's prevalence or seriousness is dramatised",
        why=("Inflated prevalence (\"an epidemic\", \"millions suffer in silence\") and alarm about ordinary states "
             "sell a condition before they sell a product."),
        standards=(f"{HNR}: does it commit disease-mongering?",),
        fire=("Migraine is a silent epidemic. Millions of adults suffer without knowing it. " + _TRIAL,),
        quiet=("Migraine affects about one adult in seven. " + _TRIAL,),
    ),
    Rule(
        code="HC309", name="missing-funding", kind="missing_funding", severity="info",
        message="Funding not disclosed: nothing says who paid for the work or who has an interest in it",
        why=("Who paid for a study, and whether its authors work for or hold shares in the maker, tells readers how "
             "independent the findings are."),
        standards=(f"{HNR}: does it identify funding sources and disclose conflicts of interest?",),
        fire=(_TRIAL,),
        quiet=(_TRIAL + " The trial was funded by the maker of the pill, and two authors are its consultants.",),
    ),
    Rule(
        code="HC310", name="missing-alternatives", kind="missing_alternatives", severity="info",
        message="No alternatives: the intervention is not compared with existing options",
        why=("A new option is only news against what patients already have, including doing nothing; without the "
             "comparison readers cannot tell whether it is better, worse or just different."),
        standards=(f"{HNR}: does it compare the new approach with existing alternatives?",),
        fire=(_TRIAL,),
        quiet=(_TRIAL + " It was compared with triptans, the standard treatment. Unlike existing drugs, it is taken "
               "once a month.",),
    ),
    Rule(
        code="HC311", name="unestablished-novelty", kind="unestablished_novelty", severity="info",
        message="Novelty not established: nothing says what is new about the approach or how it relates to earlier work",
        why=("A finding is news only against what was known before: an article should say what is new (the first "
             "trial in adults, a new mechanism) and set it among earlier work."),
        standards=(f"{HNR}: does it establish the true novelty of the approach?",),
        fire=(_TRIAL + " The pill reduced migraine days.",),
        quiet=(_TRIAL + " It is the first study in adults; it builds on earlier studies in teenagers.",),
    ),
    Rule(
        code="HC312", name="sensational-language", kind="sensational_language", severity="warning",
        message="Sensational language: hype, absolutes or emotive quotes across the article",
        why=("\"A dramatic breakthrough\", \"the holy grail\", \"a cure\": sensational words, in the text or in "
             "researchers' quotes, promise more than a study shows."),
        standards=(f"{HNR}: does it avoid unjustifiable, sensational language?", "DISCERN item 6: is it balanced and unbiased?"),
        fire=(_TRIAL + " The lead author called the result a dramatic breakthrough. \"This is the holy grail of "
              "migraine care,\" she said.",),
        quiet=(_TRIAL + " The pill reduced migraine days slightly.",),
    ),
)
