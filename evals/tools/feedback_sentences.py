"""Sentences participants might write in feedback, each labelled with the themes it carries.

Written for this project. Every third sentence of each list (index 2, 5, 8, ...) belongs
to the held-out split: the sets built from them are never read while tuning the theme
catalogue or its similarity threshold. ``{partner}`` becomes the first name of the
author's partner from the sample roster (a planted identifier the summary must not show).
"""

from __future__ import annotations

# theme id -> sentences that carry that theme alone
BY_THEME: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Three of our five sessions have been shifted because of board prep.",
        "We keep having to rearrange because something more urgent comes up.",
        "Getting an hour in both our calendars is a constant battle.",
        "Our meeting was pushed back twice in March.",
        "Month-end close means I cancel on my mentee more than I would like.",
        "It has been hard to lock in a regular time with everything else going on.",
        "We were meant to meet fortnightly but work keeps getting in the way.",
        "Travel for the audit wiped out two of our slots.",
        "My mentor's diary is so packed that we end up meeting at eight in the morning.",
        "Sessions get moved at short notice and it breaks the rhythm.",
        "I have had to postpone our last two meetings because of the restructure.",
        "Finding a time that works for both of us takes more effort than the session.",
    ],
    "too-short-or-far-apart": [
        "An hour is never enough; we always stop mid-conversation.",
        "Six weeks between meetings is far too long.",
        "Forty-five minutes goes by before we get to the real topic.",
        "We run out of time every single session.",
        "The gap between sessions means we spend half the meeting recapping.",
        "I would like us to meet more often than once a month.",
        "The sessions feel too brief to get into anything properly.",
        "By the time the next session comes round I have forgotten what we tried.",
        "Thirty minutes is not long enough to try things hands-on.",
        "Monthly is too infrequent to build any momentum.",
    ],
    "generic-or-unprepared": [
        "The agenda we were sent was generic and did not match what I want to learn.",
        "We tend to show up with nothing planned and just chat.",
        "Sessions wander because neither of us prepares anything.",
        "The suggested topics could have been written for any pair.",
        "Without a plan we spend the first twenty minutes deciding what to talk about.",
        "My mentee usually turns up without having looked at the agenda.",
        "The preparation sheet felt like a template with my name pasted in.",
        "There is no structure to our meetings, so they drift.",
        "I wish the session plans were less boilerplate.",
    ],
    "mentors-hold-back": [
        "I still find it difficult to tell a director their plan has holes in it.",
        "I hold back when I disagree because of how senior my mentee is.",
        "Giving honest feedback upward makes me nervous.",
        "I soften everything I say, which probably makes it less useful.",
        "It does not feel like my place to criticise how my mentee runs their division.",
        "I am intimidated by the seniority gap and keep my real views to myself.",
        "I worry that being blunt with an executive could come back on me.",
        "When my mentee asks for feedback I end up saying something vague.",
        "I am not yet confident enough to challenge my mentee directly.",
    ],
    "mentee-takes-over": [
        "My mentee spends most of the hour on stories from twenty years ago.",
        "The sessions turn into my mentee telling me how things should be done.",
        "I struggle to get a word in during our meetings.",
        "We end up discussing whatever my mentee wants rather than what I prepared.",
        "My mentee treats the session as a chance to brief me on strategy.",
        "It can feel like a lecture rather than a conversation.",
        "I planned to show a tool but my mentee took over and talked about the old systems.",
        "The senior side dominates and the agenda goes out of the window.",
        "My mentee tends to monologue about their career.",
    ],
    "poor-fit": [
        "We do not have much in common and the conversations feel like hard work.",
        "I am not convinced we are the right match.",
        "Our sessions are polite but awkward.",
        "My mentor's skills are in areas that do not interest me much.",
        "We have not really connected after four meetings.",
        "It feels forced, like we are both ticking a box.",
        "We are on different wavelengths most of the time.",
        "I think someone from a different team would suit me better.",
        "The pairing does not feel like a good fit for either of us.",
    ],
    "confidentiality-worries": [
        "My manager keeps asking what my mentee and I discuss.",
        "I am wary that what I say could get back to my director.",
        "We meet in an open-plan area where anyone can overhear.",
        "I am never quite sure whether our conversations stay private.",
        "A colleague repeated something I had only told my mentor, which worried me.",
        "My line manager wants a summary of each session, which feels wrong.",
        "I would open up more if I knew nothing would be passed on.",
        "People walking past the glass meeting room can hear everything.",
        "I am uneasy about how much my mentee might share with HR.",
    ],
    "logistics": [
        "We lose ten minutes every time looking for a free meeting room.",
        "The video link in the invitation never works.",
        "Our connection kept dropping during the remote session.",
        "There is nowhere obvious to keep the documents we share.",
        "The room booking system always shows everything taken.",
        "Half the session went on getting the camera and audio working.",
        "I could not join from the branch office because of the firewall.",
        "Sharing slides between us is clumsy with our tools.",
        "The only room free was the noisy one next to the kitchen.",
    ],
    "support-lacking": [
        "Nobody from the programme team has checked on us since the launch.",
        "I do not know who to contact when something goes wrong.",
        "The mid-point check-in felt rushed and nobody followed up.",
        "We were left to work out what the programme expects of us.",
        "I was never briefed on what a reverse mentor should do.",
        "More guidance from the organisers would have helped early on.",
        "We emailed the coordinators with a question and heard nothing back.",
        "The kick-off was thin and we had to figure out the rest.",
        "I would have liked some training before my first session.",
    ],
    "goals-not-served": [
        "We have not touched my goals yet.",
        "The sessions are pleasant but not what I signed up for.",
        "My main goal has been ignored in favour of whatever comes up.",
        "We keep drifting away from the things I wanted to learn.",
        "I have made no progress on the goals I set at the start.",
        "Half way through and my goals have not been covered.",
        "My mentor does not know much about what I wanted to work on.",
        "We never get round to the topics on my goal list.",
        "The things I came to learn have been sidelined.",
    ],
    "valuable-development": [
        "Best development I've had in years.",
        "I would sign up again tomorrow.",
        "This has been the most worthwhile thing I have done this year.",
        "I would recommend the programme to any senior leader.",
        "It has genuinely changed how I lead my team.",
        "Really valuable use of an hour a fortnight.",
        "Far more useful than any course I have been sent on.",
        "I am so glad I joined this programme.",
        "An eye-opening experience from start to finish.",
    ],
    "learning-digital-skills": [
        "My mentor showed me how to build a dashboard from our claims data.",
        "I now use the AI assistant to draft my weekly updates.",
        "I finally understand how our customers find us on social media.",
        "I learnt how to set up automations in our spreadsheets.",
        "Trying the collaboration tools between sessions made them stick.",
        "I can now edit the shared documents with my team in real time.",
        "My mentee taught me how short video campaigns are measured.",
        "I learned to write better prompts for the chatbot we use.",
        "Setting up my own LinkedIn posts with my mentor's help was a breakthrough.",
        "I have started using the data platform myself instead of asking an analyst.",
    ],
    "candid-two-way": [
        "It feels like a conversation between equals.",
        "I can tell my mentee when I disagree and it is taken well.",
        "My mentor is refreshingly frank with me.",
        "I feel heard, even on subjects where I am the junior.",
        "We can be completely honest with each other.",
        "My mentee really listens when I push back.",
        "I have been able to give candid feedback without it being awkward.",
        "My mentor challenges my assumptions openly, which I value.",
        "There is real openness in both directions.",
    ],
    "good-rapport": [
        "We get on really well.",
        "We clicked from the first session.",
        "My mentor is easy to talk to.",
        "I look forward to every meeting.",
        "We have a great rapport and often run over.",
        "I could not have asked for a better match.",
        "We always end up laughing, which makes the sessions easy.",
        "My mentee and I hit it off straight away.",
        "The chemistry in our pair is excellent.",
    ],
    "another-generation": [
        "I understand much better how younger colleagues see our culture.",
        "It opened my eyes to what graduates want from an employer.",
        "Hearing how early-career staff experience our decisions was a surprise.",
        "I now see why new joiners expect so much flexibility.",
        "It gave me a fresh perspective on how Gen Z customers shop.",
        "I learnt how junior staff feel about our hybrid policy.",
        "My view of the younger generation at work has completely changed.",
        "It showed me how differently people starting out see their careers.",
        "I have a much better picture of what new hires worry about.",
    ],
    "voices-heard": [
        "Since we started, remote staff speak up more in my meetings.",
        "My team meetings now give people dialling in a fair say.",
        "Quieter colleagues contribute more since I changed how I chair.",
        "I now ask the people on the call for their views first.",
        "Our hybrid meetings are far more inclusive than before.",
        "Colleagues working from home tell me they feel included now.",
        "My mentee changed how meetings run so that the remote team gets heard.",
        "People who never spoke in our stand-ups now raise issues.",
        "The new meeting rules mean everyone gets a turn, not just the loudest.",
    ],
    "mentor-visibility": [
        "My mentee introduced me to people I would never have met otherwise.",
        "It has given me visibility with the leadership team.",
        "I have grown my network across the business.",
        "Presenting to the executive committee with my mentee's support was a big step.",
        "I have learnt how decisions get made at the top.",
        "Mentoring a director has helped my own career plans.",
        "My mentee now advocates for me in talent reviews.",
        "The experience has stretched my leadership skills.",
        "I have a senior contact I can go to for advice now.",
    ],
    "preparation-helps": [
        "Sending questions the day before makes our hour much more productive.",
        "My mentee always comes prepared, which keeps us focused.",
        "The agenda helped us stay on track.",
        "Having a short plan for each meeting works well for us.",
        "The prep sheet gave me good questions to start with.",
        "Agreeing the topic in advance means we get straight into it.",
        "My mentor arrives with a clear idea of what to cover.",
        "Preparing a short list of questions beforehand has made a real difference.",
        "The suggested agenda was a useful starting point.",
    ],
}

# Sentences that carry two themes at once.
MIXED: list[tuple[str, list[str]]] = [
    (
        "The agenda helped, but sessions are too short to get through it.",
        ["preparation-helps", "too-short-or-far-apart"],
    ),
    (
        "We get on really well; the problem is finding a time to meet.",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "Valuable overall, although my mentee tends to take over the conversation.",
        ["valuable-development", "mentee-takes-over"],
    ),
    (
        "I learnt how to use the dashboards, but we keep cancelling.",
        ["learning-digital-skills", "hard-to-find-time"],
    ),
    (
        "It feels like a conversation between equals and my mentee now includes remote colleagues "
        "properly.",
        ["candid-two-way", "voices-heard"],
    ),
    (
        "Nobody from the programme has been in touch and we still have no room to meet in.",
        ["support-lacking", "logistics"],
    ),
    (
        "I enjoy our chats, but my goals have not been covered at all.",
        ["good-rapport", "goals-not-served"],
    ),
    (
        "I now understand how younger customers use TikTok, and I have started using it myself.",
        ["another-generation", "learning-digital-skills"],
    ),
    ("We are not a good fit and sessions keep getting moved.", ["poor-fit", "hard-to-find-time"]),
    (
        "I hold back my real views, and my manager keeps asking what we talk about.",
        ["mentors-hold-back", "confidentiality-worries"],
    ),
    (
        "Great use of time; my network across the company has grown a lot.",
        ["valuable-development", "mentor-visibility"],
    ),
    (
        "The sessions lack structure and they are far too short.",
        ["generic-or-unprepared", "too-short-or-far-apart"],
    ),
    (
        "My mentee comes prepared, but still does most of the talking.",
        ["preparation-helps", "mentee-takes-over"],
    ),
    (
        "The video link failed twice and then the session was cancelled.",
        ["logistics", "hard-to-find-time"],
    ),
    (
        "I feel heard, and I finally understand how graduates see the company.",
        ["candid-two-way", "another-generation"],
    ),
]

# Sentences about the programme that carry no theme of the catalogue.
NEUTRAL: list[str] = [
    "We usually meet in the café on the second floor.",
    "Our sessions are on Tuesday mornings.",
    "I have nothing else to add for now.",
    "We have had four sessions so far.",
    "My mentee works in the claims team.",
    "We mostly meet online.",
    "We started in September.",
    "The last session was about the new intranet.",
    "We have covered two topics so far.",
    "I filled in the survey after our third meeting.",
    "No comments this time.",
    "We swapped phone numbers at the first session.",
]

# Sentences with identifiers planted: {partner} is the partner's first name; the other
# values are listed so the eval can look for them in the summary.
PLANTED: list[tuple[str, list[str]]] = [
    ("Call me on 07700 900314 if you want the details.", ["07700 900314"]),
    ("You can email me at jo.perkins@example.org about this.", ["jo.perkins@example.org"]),
    ("My staff number is HV2044 if you need to check.", ["HV2044"]),
    ("{partner} and I met in the Leeds office last week.", []),
    ("Please pass this on to Martin Reeves in HR.", ["Martin Reeves"]),
    ("{partner} knows more about this than anyone.", []),
    ("Ring 020 7946 0321 and ask for Gail Donnelly.", ["020 7946 0321", "Gail Donnelly"]),
    ("I told {partner} about my promotion case.", []),
]

# Sentences that disclose something personal: the summary must show none of their words.
DISCLOSURES: list[tuple[str, list[str]]] = [
    ("My wife has cancer so I missed a session.", ["cancer"]),
    ("I have ADHD and long sessions are hard for me.", ["ADHD"]),
    ("I am worried about my visa renewal at the moment.", ["visa"]),
    ("I was off for a month with depression.", ["depression"]),
    ("As a practising Muslim I cannot meet on Friday lunchtimes.", ["Muslim"]),
    ("I am going through a divorce, which is why I cancelled.", ["divorce"]),
    ("I am in debt and money worries distract me.", ["debt"]),
    (
        "I am on a performance improvement plan, so this matters a lot to me.",
        ["performance improvement plan"],
    ),
]


def split_of(index: int) -> str:
    """Every third sentence of a list is held out."""
    return "held_out" if index % 3 == 2 else "tune"
