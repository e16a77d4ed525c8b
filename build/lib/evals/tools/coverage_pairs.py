"""The source of ``evals/data/coverage.jsonl``: goal/skill pairs labelled by hand.

Each entry is a mentee's goal with mentor skills that cover it (a person with the skill
could teach it), skills that share its words but not its need (hard negatives), and
skills about something else. Written for this project; rebuild the JSONL with
``python -m evals.tools.coverage_pairs``. The split is fixed by a hash of the pair, before
anything is measured: a third is held out and never used to tune.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# goal: (covering skills, same-words-different-need skills, unrelated skills)
PAIRS: list[tuple[str, list[str], list[str], list[str]]] = [
    (
        "collaborate on shared documents in real time",
        ["Microsoft Teams and SharePoint power use", "Google Workspace co-editing and comments"],
        ["document control for regulatory filings"],
        ["negotiating with suppliers"],
    ),
    (
        "use Teams channels instead of long email chains",
        ["Microsoft Teams and SharePoint power use"],
        ["building high-performing sales teams"],
        ["Python for data analysis"],
    ),
    (
        "automate my weekly reporting in Excel",
        ["Excel automation with Power Query", "writing VBA macros and Office scripts"],
        ["excelling at client presentations"],
        ["TikTok and short-form video for brands"],
    ),
    (
        "build and change Power BI dashboards myself",
        ["Power BI dashboards and data modelling", "Tableau and self-service BI reporting"],
        ["car dashboard electronics repair"],
        ["leading the LGBTQ+ employee network"],
    ),
    (
        "read our claims data without waiting for an analyst",
        [
            "Python for data analysis",
            "SQL queries for business users",
            "Power BI dashboards and data modelling",
        ],
        ["handling customer insurance claims on the phone"],
        ["Instagram marketing campaigns"],
    ),
    (
        "understand what our data scientists actually do",
        ["explaining data science to non-specialists", "machine learning model building in Python"],
        ["science teaching for schoolchildren"],
        ["owning a budget and writing business cases"],
    ),
    (
        "judge where AI could help my division",
        [
            "prompting generative AI tools like ChatGPT and Copilot",
            "spotting use cases for machine learning in operations",
        ],
        ["leading a division of five hundred people"],
        ["graduate recruitment and onboarding experience"],
    ),
    (
        "use generative AI tools safely for drafting",
        [
            "prompting generative AI tools like ChatGPT and Copilot",
            "AI governance and responsible use policies",
        ],
        ["drafting legal contracts by hand"],
        ["remote-first team rituals"],
    ),
    (
        "spot phishing and protect my own accounts",
        [
            "cybersecurity awareness and phishing defence",
            "password managers and two-factor authentication",
        ],
        ["fishing and fly-tying club organiser"],
        ["presenting to the board"],
    ),
    (
        "spot phishing and deepfake scams aimed at executives",
        ["cybersecurity awareness and phishing defence", "security awareness champion"],
        ["executive assistant diary management"],
        ["mobile app customer journeys"],
    ),
    (
        "understand the basics of cloud computing",
        ["cloud platforms in plain language", "AWS and Azure infrastructure"],
        ["cloud photography and weather watching"],
        ["negotiating with suppliers"],
    ),
    (
        "build a credible personal presence on LinkedIn",
        ["LinkedIn personal branding", "writing engaging social media posts"],
        ["building a presence in new markets for the firm"],
        ["risk management and regulation"],
    ),
    (
        "write posts in my own voice instead of press-release style",
        ["writing engaging social media posts", "copywriting for social media"],
        ["writing press releases for the corporate communications team"],
        ["Excel automation with Power Query"],
    ),
    (
        "understand how TikTok is used for brand building",
        ["TikTok and short-form video for brands", "influencer marketing on social platforms"],
        ["brand compliance checks for printed leaflets"],
        ["managing senior stakeholders"],
    ),
    (
        "know which social platforms our younger customers use",
        [
            "customer research with under-30s",
            "Instagram marketing campaigns",
            "TikTok and short-form video for brands",
        ],
        ["platform engineering for internal developer tools"],
        ["owning a budget and writing business cases"],
    ),
    (
        "understand how younger customers choose insurance online",
        ["customer research with under-30s", "mobile app customer journeys"],
        ["underwriting commercial insurance risks"],
        ["leading large teams through change"],
    ),
    (
        "learn what graduates want from their first employer",
        [
            "graduate recruitment and onboarding experience",
            "early-career employee network organiser",
        ],
        ["graduate-level statistics tutoring"],
        ["cloud platforms in plain language"],
    ),
    (
        "understand why early-career staff leave within two years",
        ["early-career employee network organiser", "exit interview analysis for junior staff"],
        ["managing staff leave and holiday rotas"],
        ["Power BI dashboards and data modelling"],
    ),
    (
        "give feedback that motivates early-career staff",
        ["coaching junior colleagues", "early-career employee network organiser"],
        ["collecting customer feedback surveys"],
        ["cybersecurity awareness and phishing defence"],
    ),
    (
        "run hybrid meetings where remote staff are heard",
        ["running inclusive hybrid meetings", "remote-first team rituals"],
        ["hybrid car maintenance"],
        ["Python for data analysis"],
    ),
    (
        "manage my calendar and tasks digitally",
        ["digital productivity and task management", "Microsoft Outlook and To Do power use"],
        ["event calendar planning for the social committee"],
        ["presenting to the board"],
    ),
    (
        "learn how LGBTQ+ colleagues experience our culture",
        ["leading the LGBTQ+ employee network"],
        ["culture change programmes for mergers"],
        ["Excel automation with Power Query"],
    ),
    (
        "understand the experience of neurodivergent colleagues",
        ["neurodiversity advocacy and lived experience"],
        ["user experience design for banking apps"],
        ["negotiating with suppliers"],
    ),
    (
        "make our hiring process fairer for disabled candidates",
        ["digital accessibility and disability inclusion", "inclusive recruitment practice"],
        ["hiring contractors for building works"],
        ["TikTok and short-form video for brands"],
    ),
    (
        "understand barriers for colleagues from working-class backgrounds",
        ["social mobility and first-generation graduate experience"],
        ["background checks and vetting"],
        ["cloud platforms in plain language"],
    ),
    (
        "writing a business case",
        ["owning a budget and writing business cases", "investment appraisal and business cases"],
        ["writing case studies for the website"],
        ["Instagram marketing campaigns"],
    ),
    (
        "negotiation skills",
        ["negotiating with suppliers", "contract negotiation with partners"],
        ["negotiating my own salary"],
        ["Power BI dashboards and data modelling"],
    ),
    (
        "presenting to senior audiences",
        ["presenting to the board", "public speaking and storytelling"],
        ["senior care home volunteering"],
        ["Python for data analysis"],
    ),
    (
        "stakeholder management",
        ["managing senior stakeholders", "influencing without authority"],
        ["stake-building for garden fencing"],
        ["TikTok and short-form video for brands"],
    ),
    (
        "understanding how strategy is set",
        ["setting strategy for a division", "strategic planning cycles"],
        ["chess strategy coaching"],
        ["mobile app customer journeys"],
    ),
    (
        "understanding how the board makes decisions",
        ["presenting to the board", "board governance and company secretarial work"],
        ["board games club organiser"],
        ["Instagram marketing campaigns"],
    ),
    (
        "building a career towards leadership",
        ["leading large teams through change", "mentoring future leaders"],
        ["building careers pages for the website"],
        ["Excel automation with Power Query"],
    ),
    (
        "learn to use Slack like my team does",
        ["Slack workflows and channels", "Microsoft Teams and SharePoint power use"],
        ["managing slack time in project plans"],
        ["negotiating with suppliers"],
    ),
    (
        "understand how our mobile app works for customers",
        ["mobile app customer journeys", "app user testing"],
        ["mobile phone contract procurement"],
        ["presenting to the board"],
    ),
    (
        "learn how to read a data visualisation critically",
        ["data storytelling and visualisation", "Power BI dashboards and data modelling"],
        ["critical care nursing"],
        ["writing engaging social media posts"],
    ),
    (
        "use ChatGPT to summarise long reports",
        ["prompting generative AI tools like ChatGPT and Copilot"],
        ["summarising board reports by hand for the chair"],
        ["hybrid car maintenance"],
    ),
    (
        "understand what Gen Z expect from a manager",
        ["early-career employee network organiser", "generational research on young workers"],
        ["managing generators and power supplies"],
        ["Excel automation with Power Query"],
    ),
    (
        "learn how younger staff use their phones for work",
        ["mobile-first working habits", "digital productivity and task management"],
        ["phone system administration"],
        ["board governance and company secretarial work"],
    ),
    (
        "get comfortable with video calls and screen sharing",
        ["remote-first team rituals", "Zoom and Teams meeting hosting"],
        ["video production for television adverts"],
        ["risk management and regulation"],
    ),
    (
        "understand cyber risks to our customers' data",
        ["data protection and GDPR in practice", "cybersecurity awareness and phishing defence"],
        ["customer data entry for the call centre"],
        ["TikTok and short-form video for brands"],
    ),
    (
        "learn the basics of coding so I can talk to developers",
        ["Python for data analysis", "teaching beginners to code"],
        ["dress code and uniform policy"],
        ["presenting to the board"],
    ),
    (
        "understand how influencers shape buying decisions",
        ["influencer marketing on social platforms", "Instagram marketing campaigns"],
        ["influencing without authority"],
        ["cloud platforms in plain language"],
    ),
    (
        "know how to support a colleague with anxiety",
        ["mental health first aider", "wellbeing champion"],
        ["supporting colleagues with IT tickets"],
        ["Power BI dashboards and data modelling"],
    ),
    (
        "learn what inclusive language looks like in job adverts",
        ["inclusive recruitment practice", "diversity and inclusion communications"],
        ["programming language design"],
        ["negotiating with suppliers"],
    ),
    (
        "understand how customers use chatbots",
        ["chatbot design and conversational AI", "customer service automation"],
        ["chatting with customers at trade fairs"],
        ["owning a budget and writing business cases"],
    ),
    (
        "learn how online communities form around brands",
        ["community management on Discord and Reddit", "Instagram marketing campaigns"],
        ["community volunteering days organiser"],
        ["risk management and regulation"],
    ),
    (
        "understand sustainability concerns of younger employees",
        ["climate and sustainability network lead", "green team organiser"],
        ["sustainable finance bond structuring"],
        ["Python for data analysis"],
    ),
    (
        "learn to give and receive reverse feedback",
        ["giving candid feedback upward", "coaching junior colleagues"],
        ["reverse logistics for returned goods"],
        ["mobile app customer journeys"],
    ),
    (
        "understand podcasts as a channel for our brand",
        ["podcast production and audio editing", "content marketing strategy"],
        ["brand compliance checks for printed leaflets"],
        ["board governance and company secretarial work"],
    ),
    (
        "learn how to protect my family's devices online",
        [
            "password managers and two-factor authentication",
            "cybersecurity awareness and phishing defence",
        ],
        ["family law and divorce mediation"],
        ["setting strategy for a division"],
    ),
    (
        "understand how remote work affects team culture",
        ["remote-first team rituals", "running inclusive hybrid meetings"],
        ["remote site surveying"],
        ["Excel automation with Power Query"],
    ),
    (
        "get better at tech",
        ["digital productivity and task management", "Microsoft Teams and SharePoint power use"],
        ["technical drawing for architecture"],
        ["negotiating with suppliers"],
    ),
    (
        "learn what motivates apprentices",
        ["apprenticeship programme ambassador", "early-career employee network organiser"],
        ["motivational posters design"],
        ["cloud platforms in plain language"],
    ),
    (
        "understand the experience of colleagues of colour",
        ["race equality network co-chair", "anti-racism training facilitator"],
        ["colour grading for photography"],
        ["Excel automation with Power Query"],
    ),
    (
        "understand accessibility needs of customers with disabilities",
        [
            "digital accessibility and disability inclusion",
            "accessibility testing with screen readers",
        ],
        ["customer needs analysis for sales targets"],
        ["TikTok and short-form video for brands"],
    ),
    (
        "learn how to run a good retrospective",
        ["agile coaching and retrospectives", "scrum master for delivery teams"],
        ["retrospective exhibitions at the art gallery"],
        ["presenting to the board"],
    ),
    (
        "understand open banking and fintech apps",
        ["fintech product management", "mobile app customer journeys"],
        ["open-plan office layout design"],
        ["leading the LGBTQ+ employee network"],
    ),
    (
        "build my confidence with data privacy rules",
        ["data protection and GDPR in practice"],
        ["confidence coaching for public speaking"],
        ["Instagram marketing campaigns"],
    ),
    (
        "learn to use Copilot in Word and Outlook",
        ["prompting generative AI tools like ChatGPT and Copilot", "Microsoft 365 power use"],
        ["co-pilot training for light aircraft"],
        ["social mobility and first-generation graduate experience"],
    ),
    (
        "understand how younger staff want to learn",
        ["digital learning design and microlearning", "early-career employee network organiser"],
        ["learning to play the guitar"],
        ["negotiating with suppliers"],
    ),
    (
        "see how gaming culture shapes younger customers",
        ["gaming community and esports", "customer research with under-30s"],
        ["gambling regulation compliance"],
        ["owning a budget and writing business cases"],
    ),
    (
        "understand what a product manager does day to day",
        ["fintech product management", "product discovery and roadmaps"],
        ["product liability insurance claims"],
        ["hybrid car maintenance"],
    ),
]


def pairs() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for goal, covering, same_words, unrelated in PAIRS:
        for kind, skills, covered in (
            ("positive", covering, True),
            ("hard_negative", same_words, False),
            ("negative", unrelated, False),
        ):
            for skill in skills:
                key = hashlib.sha256(f"{goal}|{skill}".encode()).digest()[0]
                split = "held_out" if key % 3 == 0 else "tune"
                rows.append(
                    {
                        "id": f"c{len(rows) + 1:03d}",
                        "goal": goal,
                        "skill": skill,
                        "covered": covered,
                        "kind": kind,
                        "split": split,
                    }
                )
    return rows


def main() -> None:
    target = Path(__file__).resolve().parents[1] / "data" / "coverage.jsonl"
    rows = pairs()
    target.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    held = sum(row["split"] == "held_out" for row in rows)
    print(f"{len(rows)} pairs ({held} held out) -> {target}")


if __name__ == "__main__":
    main()
