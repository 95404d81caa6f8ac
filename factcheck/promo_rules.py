"""Rules HC201–HC207 (promotional language, sentence level) and HC301–HC305 (whole article).

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
        message="Missing risks: benefit claims, but no side effect or risk of the treatment is named",
        why=("An article that lists benefits and names no harm leaves readers unable to weigh the treatment. A denial "
             "(\"no side effects\") does not count as disclosure."),
        standards=(f"{HNR}: does it adequately explain the harms?", FDA_BALANCE, "DISCERN item 11: does it describe the risks?"),
        fire=(_BENEFITS,),
        quiet=(_BENEFITS + " Side effects include dissociation, nausea and raised blood pressure.",),
    ),
    Rule(
        code="HC302", name="missing-regulatory-status", kind="missing_regulatory_status", severity="warning",
        message="Missing regulatory status: psychiatric use of ketamine is promoted without saying what is FDA-approved",
        why=("Racemic ketamine is approved only as an anaesthetic; IV ketamine for depression is off-label, and only "
             "esketamine (Spravato) is approved for treatment-resistant depression, under a REMS programme. Readers "
             "should know which use regulators have reviewed."),
        standards=(FDA_MISLEADING, f"{HNR}: does it establish the availability and status of the treatment?"),
        fire=(_BENEFITS,),
        quiet=(_BENEFITS + " IV ketamine for depression is off-label; only esketamine nasal spray is FDA-approved for it.",),
    ),
    Rule(
        code="HC303", name="missing-cost", kind="missing_cost", severity="info",
        message="Missing cost: benefit claims, but nothing on price or insurance coverage",
        why=("Ketamine infusions commonly cost hundreds of dollars each and are rarely covered by insurance; cost is "
             "part of any decision about the treatment."),
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
