"""Source of ``evals/data/activity_fit.jsonl``: goals labelled with the activity topics
that fit them, for calibrating and judging the per-goal retrieval of session prep.

Each goal is written the way a senior mentee writes one (capitals, gerunds, jargon, vague
ones, the topic's words absent), with every topic of ``knowledge/activities`` that a
person would accept for it; ``[]`` marks a goal no topic fits (negotiation, finance,
public speaking, topics that share words with the library but not its need). A third,
chosen by a hash of the goal text, is held out: ``evals.tools.calibrate_activity_fit``
never reads it and the suite reports it on its own.

    python -m evals.tools.activity_fit_cases     # rewrites the data file
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "activity_fit.jsonl"

# (goal, acceptable topics)
GOALS: list[tuple[str, list[str]]] = [
    # ai-policy-and-risk
    (
        "Understand generative AI tools well enough to set policy.",
        ["ai-policy-and-risk", "generative-ai-basics"],
    ),
    ("Decide what our staff may and may not paste into chatbots", ["ai-policy-and-risk"]),
    ("know the risks before we roll out AI in claims", ["ai-policy-and-risk"]),
    ("Write a responsible-use statement for AI in my division", ["ai-policy-and-risk"]),
    ("Judge which AI pilots in my area are worth the risk", ["ai-policy-and-risk"]),
    ("Govern AI use across the finance function", ["ai-policy-and-risk"]),
    # cloud-and-software-basics
    ("Understand what moving to the cloud means for my budget", ["cloud-and-software-basics"]),
    ("Follow what the developers mean when they talk about APIs", ["cloud-and-software-basics"]),
    ("learn how software actually gets built and released", ["cloud-and-software-basics"]),
    (
        "Ask better questions of our IT suppliers about SaaS contracts",
        ["cloud-and-software-basics"],
    ),
    (
        "Understand agile sprints well enough to stop asking for dates",
        ["cloud-and-software-basics"],
    ),
    ("Get a feel for how our systems talk to each other", ["cloud-and-software-basics"]),
    # collaboration-tools
    ("Collaborate on shared documents in real time", ["collaboration-tools"]),
    ("Stop emailing attachments and use Teams properly", ["collaboration-tools"]),
    ("Run my team's work in channels instead of long email chains", ["collaboration-tools"]),
    ("Find things in SharePoint without asking my assistant", ["collaboration-tools"]),
    ("co-author a board paper with three people at once", ["collaboration-tools"]),
    (
        "Use Slack without drowning in notifications",
        ["collaboration-tools", "digital-productivity"],
    ),
    # dashboards
    ("Build my own Power BI dashboard for the weekly numbers", ["dashboards"]),
    ("Read the sales dashboards without needing a briefing", ["dashboards", "data-literacy"]),
    ("Stop waiting for monthly packs and look at live reports myself", ["dashboards"]),
    ("Filter a Tableau view to my own region", ["dashboards"]),
    ("Know which charts to trust on the operations dashboard", ["dashboards", "data-literacy"]),
    # data-literacy
    ("Become more data-driven in my decisions", ["data-literacy"]),
    ("Read our claims data and spot what is unusual", ["data-literacy"]),
    ("Understand averages and trends well enough to challenge a report", ["data-literacy"]),
    ("Write a simple SQL query to answer my own question", ["data-literacy"]),
    ("Question the numbers analysts bring me", ["data-literacy", "dashboards"]),
    ("Make sense of a survey result without being misled", ["data-literacy"]),
    # data-science-literacy
    ("Understand what our data scientists actually do all day", ["data-science-literacy"]),
    ("Know what machine learning can and cannot predict for us", ["data-science-literacy"]),
    (
        "Judge whether a pricing model is fair to customers",
        ["data-science-literacy", "ai-policy-and-risk"],
    ),
    ("Read a Python notebook well enough to follow the argument", ["data-science-literacy"]),
    ("Commission an analytics project without wasting six months", ["data-science-literacy"]),
    # deepfakes-and-misinformation
    ("Spot deepfake videos and cloned voices", ["deepfakes-and-misinformation"]),
    ("Know what to do if a fake video of me circulates", ["deepfakes-and-misinformation"]),
    ("Tell real news from fake news on my feeds", ["deepfakes-and-misinformation"]),
    ("protect the company from misinformation campaigns", ["deepfakes-and-misinformation"]),
    (
        "Check whether a viral post about our brand is genuine",
        ["deepfakes-and-misinformation", "social-listening"],
    ),
    # digital-productivity
    ("Manage my calendar myself instead of through my PA", ["digital-productivity"]),
    ("Get my inbox under control", ["digital-productivity"]),
    ("Use a task app to track what I delegate", ["digital-productivity"]),
    ("Spend less time on email and more on people", ["digital-productivity"]),
    ("Plan my week with digital tools rather than paper", ["digital-productivity"]),
    ("Try Trello for the programme board's actions", ["digital-productivity"]),
    # early-career-experience
    ("Understand why our graduates leave within two years", ["early-career-experience"]),
    (
        "Learn what young employees want from their first employer",
        ["early-career-experience", "job-search-and-employer-brand"],
    ),
    ("Make the trainee scheme something people recommend", ["early-career-experience"]),
    ("Hear honestly what it is like to start here", ["early-career-experience"]),
    ("Keep our best interns coming back", ["early-career-experience"]),
    # generative-ai-basics
    ("Use ChatGPT to draft letters and summaries", ["generative-ai-basics", "prompting"]),
    ("Get started with Copilot in Word and Outlook", ["generative-ai-basics"]),
    ("Understanding what large language models are", ["generative-ai-basics"]),
    ("Try an AI assistant on a real piece of my work", ["generative-ai-basics", "prompting"]),
    (
        "Know where generative AI could save my team time",
        ["generative-ai-basics", "ai-policy-and-risk"],
    ),
    ("Summarise long reports with AI tools", ["generative-ai-basics", "prompting"]),
    # hybrid-meetings
    ("Run hybrid meetings where remote people get a fair say", ["hybrid-meetings"]),
    ("Chair a town hall that works for people on screen", ["hybrid-meetings"]),
    (
        "Make video calls less draining for my team",
        ["hybrid-meetings", "wellbeing-and-mental-health"],
    ),
    ("Include remote staff in our monthly meetings", ["hybrid-meetings"]),
    ("Get better at running online workshops", ["hybrid-meetings"]),
    # influencers-and-creators
    ("Understand how influencer marketing works", ["influencers-and-creators"]),
    (
        "Decide whether to work with content creators on our next campaign",
        ["influencers-and-creators"],
    ),
    ("Know what a brand partnership with a YouTuber involves", ["influencers-and-creators"]),
    (
        "Find out why creators matter more to young buyers than adverts",
        ["influencers-and-creators", "younger-customers"],
    ),
    # lgbtq-inclusion
    ("Be a visible ally to LGBTQ+ colleagues", ["lgbtq-inclusion"]),
    ("Understand what it is like to be gay at work here", ["lgbtq-inclusion"]),
    ("Support a colleague who is transitioning", ["lgbtq-inclusion"]),
    ("Learn how to use pronouns without making a fuss", ["lgbtq-inclusion"]),
    ("back the pride network in a way that is more than a logo", ["lgbtq-inclusion"]),
    # linkedin-presence
    ("Post on LinkedIn in my own voice", ["linkedin-presence"]),
    ("Build a professional profile that people actually read", ["linkedin-presence"]),
    ("Grow my network beyond the people I already know", ["linkedin-presence"]),
    ("Write thought-leadership posts without sounding like a press release", ["linkedin-presence"]),
    (
        "Use LinkedIn to find talent for my team",
        ["linkedin-presence", "job-search-and-employer-brand"],
    ),
    # mobile-apps-and-ux
    ("See our app the way a customer does", ["mobile-apps-and-ux"]),
    ("Understand why customers rate our app two stars", ["mobile-apps-and-ux", "social-listening"]),
    ("Learn what makes a good user experience", ["mobile-apps-and-ux"]),
    ("Compare our online journey with the fintech apps", ["mobile-apps-and-ux"]),
    ("Know what good looks like when the digital team shows me designs", ["mobile-apps-and-ux"]),
    # neurodiversity
    ("Support neurodivergent people in my team", ["neurodiversity"]),
    ("Understand ADHD at work better", ["neurodiversity"]),
    (
        "Make our hiring process fairer to autistic candidates",
        ["neurodiversity", "job-search-and-employer-brand"],
    ),
    (
        "Learn how dyslexic colleagues prefer to receive information",
        ["neurodiversity", "accessibility-and-disability"],
    ),
    ("Manage people who think differently from me", ["neurodiversity"]),
    # online-sales
    ("Understand how we could sell on Amazon", ["online-sales"]),
    ("Learn how online marketplaces rank products", ["online-sales"]),
    ("Grow our direct-to-consumer sales", ["online-sales"]),
    ("Set up a Shopify store for the spares business", ["online-sales"]),
    ("Read the web shop's conversion figures", ["online-sales", "dashboards"]),
    # passwords-and-accounts
    ("Set up a password manager", ["passwords-and-accounts"]),
    ("Protect my accounts with two-factor sign-in", ["passwords-and-accounts"]),
    ("Stop reusing the same password everywhere", ["passwords-and-accounts"]),
    (
        "Secure my personal email and social accounts",
        ["passwords-and-accounts", "online-privacy-and-personal-data"],
    ),
    ("Know what to do if my account is hacked", ["passwords-and-accounts"]),
    # phishing-and-scams
    (
        "Spot phishing and deepfake scams aimed at executives",
        ["phishing-and-scams", "deepfakes-and-misinformation"],
    ),
    ("Recognise a fake invoice or payment request", ["phishing-and-scams"]),
    ("Stop clicking on suspicious links", ["phishing-and-scams"]),
    ("Understand social engineering attacks on senior staff", ["phishing-and-scams"]),
    ("Know how to report a scam email", ["phishing-and-scams"]),
    ("protect my PA and me from CEO fraud", ["phishing-and-scams"]),
    # prompting
    ("Write prompts that get useful answers", ["prompting"]),
    ("Get better answers out of AI assistants", ["prompting", "generative-ai-basics"]),
    ("Learn prompt engineering", ["prompting"]),
    ("Check AI answers before I rely on them", ["prompting", "generative-ai-basics"]),
    # remote-team-rituals
    ("Lead a team spread over four countries", ["remote-team-rituals"]),
    ("Keep a remote-first team connected", ["remote-team-rituals"]),
    ("Work asynchronously without everything slowing down", ["remote-team-rituals"]),
    ("Build team spirit when we rarely meet in person", ["remote-team-rituals"]),
    (
        "Know how my team experiences working from home",
        ["remote-team-rituals", "wellbeing-and-mental-health"],
    ),
    # short-video-platforms
    ("Understand TikTok", ["short-video-platforms"]),
    ("Learn how Instagram reels are made", ["short-video-platforms"]),
    ("Make a short video about our volunteering day", ["short-video-platforms"]),
    (
        "See why young people get their news from short videos",
        ["short-video-platforms", "younger-customers"],
    ),
    ("know whether we should be on TikTok at all", ["short-video-platforms"]),
    # social-listening
    ("Hear what customers say about us online", ["social-listening"]),
    ("Respond to bad reviews without making it worse", ["social-listening"]),
    ("Track our brand reputation on social media", ["social-listening"]),
    ("Find complaints on Twitter before the press does", ["social-listening"]),
    # spreadsheets-and-automation
    ("Build pivot tables in Excel", ["spreadsheets-and-automation"]),
    ("Automate the weekly report that takes my team a day", ["spreadsheets-and-automation"]),
    ("Use Power Query to combine files", ["spreadsheets-and-automation"]),
    ("Stop retyping figures from one spreadsheet into another", ["spreadsheets-and-automation"]),
    ("Get comfortable with formulas", ["spreadsheets-and-automation"]),
    # younger-customers
    ("Understand how younger customers choose insurance", ["younger-customers"]),
    ("Know what Gen Z expects from a bank", ["younger-customers"]),
    ("Learn how students decide where to spend", ["younger-customers"]),
    ("Win customers under thirty", ["younger-customers"]),
    ("See our products through the eyes of a twenty-year-old", ["younger-customers"]),
    # generational-perspectives
    ("Understand how Gen Z colleagues like to communicate", ["generational-perspectives"]),
    ("Work better with younger colleagues", ["generational-perspectives"]),
    ("Bridge the generation gap in my leadership team", ["generational-perspectives"]),
    ("Stop my messages reading as cold to younger staff", ["generational-perspectives"]),
    (
        "Learn what millennials and Gen Z expect from a manager",
        ["generational-perspectives", "early-career-experience"],
    ),
    # race-and-ethnicity-inclusion
    ("Understand the experience of ethnic minority colleagues", ["race-and-ethnicity-inclusion"]),
    ("Tackle microaggressions in my division", ["race-and-ethnicity-inclusion"]),
    ("Become an actively anti-racist leader", ["race-and-ethnicity-inclusion"]),
    (
        "Close the gap in who gets promoted from Black and Asian backgrounds",
        ["race-and-ethnicity-inclusion"],
    ),
    ("Sponsor talented people who do not look like me", ["race-and-ethnicity-inclusion"]),
    # accessibility-and-disability
    ("Make our documents accessible", ["accessibility-and-disability"]),
    ("Understand how blind colleagues use screen readers", ["accessibility-and-disability"]),
    ("Support disabled people in my team", ["accessibility-and-disability"]),
    ("Speed up reasonable adjustments", ["accessibility-and-disability"]),
    (
        "Run meetings that deaf colleagues can follow",
        ["accessibility-and-disability", "hybrid-meetings"],
    ),
    # wellbeing-and-mental-health
    ("Spot burnout in my team early", ["wellbeing-and-mental-health"]),
    ("Talk about mental health without awkwardness", ["wellbeing-and-mental-health"]),
    ("Stop the always-on culture in my department", ["wellbeing-and-mental-health"]),
    ("Look after my team's wellbeing during the restructure", ["wellbeing-and-mental-health"]),
    (
        "Set better boundaries on evening emails",
        ["wellbeing-and-mental-health", "digital-productivity"],
    ),
    # sustainability-expectations
    ("Understand what younger staff expect from us on climate", ["sustainability-expectations"]),
    ("Talk credibly about net zero", ["sustainability-expectations"]),
    ("Avoid greenwashing in our marketing", ["sustainability-expectations"]),
    ("Learn what ESG means for my area", ["sustainability-expectations"]),
    ("Cut my division's carbon footprint", ["sustainability-expectations"]),
    # job-search-and-employer-brand
    ("Understand how young people look for jobs today", ["job-search-and-employer-brand"]),
    ("Make our job adverts appeal to graduates", ["job-search-and-employer-brand"]),
    ("See what people write about us on Glassdoor", ["job-search-and-employer-brand"]),
    ("Improve our employer brand", ["job-search-and-employer-brand"]),
    ("Know what candidates think of our online interviews", ["job-search-and-employer-brand"]),
    # online-privacy-and-personal-data
    ("Understand my own digital footprint", ["online-privacy-and-personal-data"]),
    ("Lock down the privacy settings on my phone", ["online-privacy-and-personal-data"]),
    (
        "Know what GDPR means for how my team shares spreadsheets",
        ["online-privacy-and-personal-data"],
    ),
    ("Find out what apps know about me", ["online-privacy-and-personal-data"]),
    ("Handle customer data safely", ["online-privacy-and-personal-data"]),
    # no topic fits: other needs, some sharing the library's words
    ("Negotiate better terms with our reinsurers", []),
    ("Improve my public speaking", []),
    ("Understand the pension scheme changes", []),
    ("Prepare for my first non-executive board role", []),
    ("Learn to delegate more", []),
    ("Read a balance sheet with confidence", []),
    ("Get better at coaching my direct reports", []),
    ("Speak basic Spanish for the Madrid office", []),
    ("Plan the merger integration", []),
    ("Handle difficult conversations about poor performance", []),
    ("Manage upwards with the new CEO", []),
    ("Understand the new solvency regulations", []),
    ("Run the annual budget round more smoothly", []),
    ("Write shorter board papers", []),
    ("Improve my chess", []),
    ("Understand our supply chain risks", []),
    ("Get fitter and run a half marathon", []),
    ("Lead change through a restructure", []),
    ("Build a stronger relationship with the unions", []),
    ("Understand commercial property leases", []),
    ("Improve my strategic thinking", []),
    ("Negotiate my team's headcount", []),
    ("Learn about wine for client dinners", []),
    ("Understand the history of our company", []),
    ("Give clearer performance reviews", []),
    ("Master project finance models", []),
    ("Improve our procurement process", []),
    ("Prepare for the regulator's visit", []),
    ("Understand how the actuaries set reserves", []),
    ("Manage my time between two sites", []),
]


# Written after the threshold and the list of needs outside the library were chosen, and
# after the first held-out figures were read once: all held out, reported with the rest.
LATER: list[tuple[str, list[str]]] = [
    ("Use Copilot to summarise my Teams meetings", ["generative-ai-basics", "collaboration-tools"]),
    ("Understand what our apprentices think of their managers", ["early-career-experience"]),
    ("Check that our website works for people with low vision", ["accessibility-and-disability"]),
    ("Know which AI tools are safe for confidential documents", ["ai-policy-and-risk"]),
    (
        "Stop my evening emails putting pressure on the team",
        ["wellbeing-and-mental-health", "digital-productivity"],
    ),
    ("Make our graduate adverts sound less corporate", ["job-search-and-employer-brand"]),
    (
        "Understand why younger customers leave reviews on TikTok",
        ["short-video-platforms", "social-listening", "younger-customers"],
    ),
    ("Learn to build a simple automated workflow", ["spreadsheets-and-automation"]),
    (
        "Recognise a voice-cloning call pretending to be our CFO",
        ["deepfakes-and-misinformation", "phishing-and-scams"],
    ),
    ("Understand the barriers Muslim colleagues face during Ramadan", []),
    ("Get comfortable presenting data in charts", ["dashboards", "data-literacy"]),
    ("Know how to turn on two-step verification on my phone", ["passwords-and-accounts"]),
    ("Support a team member with dyslexia", ["neurodiversity", "accessibility-and-disability"]),
    ("Learn what our brand looks like on Instagram", ["short-video-platforms", "social-listening"]),
    (
        "Understand what staff from ethnic minorities need from sponsors",
        ["race-and-ethnicity-inclusion"],
    ),
    ("Make our team's green claims stand up", ["sustainability-expectations"]),
    (
        "Work out which meetings could be a shared document instead",
        ["collaboration-tools", "remote-team-rituals", "digital-productivity"],
    ),
    (
        "Read an A/B test result from the digital team",
        ["data-literacy", "mobile-apps-and-ux", "data-science-literacy"],
    ),
    ("Know what a gender-neutral policy looks like", ["lgbtq-inclusion"]),
    ("Write LinkedIn posts about our volunteering", ["linkedin-presence"]),
    ("Sell our spare parts through an online marketplace", ["online-sales"]),
    ("Stop my phone tracking where I go", ["online-privacy-and-personal-data"]),
    ("Understand how developers estimate work", ["cloud-and-software-basics"]),
    ("Improve my Italian before the Milan posting", []),
    ("Prepare the annual report to shareholders", []),
    ("Get better at chairing the executive committee", []),
    ("Understand the tax rules for our new subsidiary", []),
    ("Plan my succession", []),
    ("Build my negotiation skills for the pay round", []),
    ("Learn to read a cash-flow forecast", []),
]


def split_of(goal: str) -> str:
    """A third held out by a hash of the goal text (nothing about results goes into it)."""
    digest = int(hashlib.sha256(goal.encode()).hexdigest(), 16)
    return "held_out" if digest % 3 == 0 else "tune"


def main() -> None:
    rows = [
        {"id": f"a{n:03d}", "goal": goal, "topics": topics, "split": split_of(goal)}
        for n, (goal, topics) in enumerate(GOALS, start=1)
    ] + [
        {"id": f"b{n:03d}", "goal": goal, "topics": topics, "split": "held_out"}
        for n, (goal, topics) in enumerate(LATER, start=1)
    ]
    OUT.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    held = sum(row["split"] == "held_out" for row in rows)
    none = sum(not row["topics"] for row in rows)
    print(f"{len(rows)} goals ({none} with no fitting topic), {held} held out -> {OUT}")


if __name__ == "__main__":
    main()
