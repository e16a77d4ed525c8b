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
        "Our calendars never line up, so weeks go by without a session.",
        "I had to drop out of the last meeting at the last minute for a client call.",
        "Both of us are stretched and the sessions are the first thing to go.",
        "We have only managed two meetings since January because of workload.",
        "The budget round ate every free hour I had, so our sessions lapsed.",
        "Every time we book something, a leadership meeting lands on top of it.",
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
        "We have only just got going when the hour ends.",
        "With a month between meetings the thread gets lost.",
        "I would rather have ninety minutes than the hour we are given.",
        "Half an hour is too little to cover anything in depth.",
        "Long gaps between sessions mean we start from scratch each time.",
        "The time slot is always over just as it gets interesting.",
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
        "The topics we were given felt like they came from a standard list.",
        "We rarely know beforehand what the session is going to be about.",
        "Neither of us does any homework between meetings.",
        "The conversation starters were bland and could apply to anyone.",
        "We make it up as we go along, which wastes time.",
        "The materials we received did not reflect my actual goals.",
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
        "I bite my tongue when I think my mentee is wrong.",
        "Telling someone three grades above me that their idea will not work feels risky.",
        "I tend to agree with my mentee even when I do not.",
        "I am too polite to point out where my mentee's approach falls short.",
        "I find it hard to be critical of someone who could affect my career.",
        "I say what I think my mentee wants to hear.",
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
        "My mentee does nearly all of the talking.",
        "Each session becomes my mentee's update on their own projects.",
        "I rarely get through what I planned because my mentee steers elsewhere.",
        "My mentee interrupts before I can finish explaining anything.",
        "It is more of a one-way broadcast from my mentee than an exchange.",
        "My mentee sets the agenda on the day and mine gets dropped.",
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
        "We have little to talk about and the silences are long.",
        "I do not think our pairing works.",
        "Honestly, we just do not gel.",
        "Our interests hardly overlap, so it is hard to find common ground.",
        "I would ask to be matched with someone else if I could.",
        "The match seemed random; we have nothing obvious in common.",
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
        "I am not sure my mentor keeps what I say to themselves.",
        "I worry our notes can be read by people outside the pair.",
        "My boss asked me to report back on what my mentee told me.",
        "It is hard to be open when you think it might reach your manager.",
        "I hesitate to raise sensitive things in case they spread.",
        "Our sessions happen in a shared space where others listen in.",
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
        "The meeting software crashed halfway through our call.",
        "We could never get a room, so we ended up in the corridor.",
        "My laptop would not connect to the screen in the meeting room.",
        "The headset kept cutting out and we gave up on video.",
        "Booking a room across two sites is a nightmare.",
        "We had trouble accessing the shared folder from my account.",
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
        "After the launch event we never heard from the organisers again.",
        "There is no one to ask when the pairing is not working.",
        "The programme team seems to have forgotten about us.",
        "I did not get any guidance on how to run a session.",
        "Our questions to the programme inbox went unanswered.",
        "A bit more hand-holding at the start would have helped us.",
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
        "None of what I hoped to learn has come up so far.",
        "We talk about all sorts, just not the goals I wrote down.",
        "I am not getting what I came for out of the sessions.",
        "The goals I listed at the start have been forgotten.",
        "We have drifted far from the reason I joined.",
        "My objectives for the programme are still untouched.",
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
        "One of the best things I have done for my own growth.",
        "I get more out of this than most leadership training.",
        "Every session leaves me with something I can use the next day.",
        "Worth every minute of the time it takes.",
        "It has made me a better manager, no question.",
        "I would tell any colleague to take part.",
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
        "I can now pull my own reports from the analytics tool.",
        "My mentor walked me through using the new collaboration app.",
        "I have started posting on our internal social network.",
        "I learned shortcuts in the spreadsheet that save me an hour a week.",
        "Seeing how generative AI tools work in practice demystified them for me.",
        "I set up my first online poll for the team after our session.",
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
        "We are straight with each other, even on hard topics.",
        "My mentee takes criticism well, so I can say what I think.",
        "Nothing feels off limits in our conversations.",
        "My mentor tells me plainly when I am out of touch.",
        "We disagree openly and it never gets personal.",
        "I trust that my mentee wants the honest answer, not the polite one.",
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
        "We have a really good relationship.",
        "Our sessions are relaxed and friendly.",
        "My mentee is warm and welcoming.",
        "I enjoy our time together every time.",
        "We got on from the start and it has only got better.",
        "It is a pleasure to spend an hour with my mentor.",
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
        "I now realise how differently younger staff use technology at work.",
        "Hearing a graduate's view of our values was humbling.",
        "My mentor explained what people in their twenties look for in a manager.",
        "It helped me see our policies through the eyes of new starters.",
        "I understand far better why junior colleagues leave after two years.",
        "Learning how my mentor's peers view the brand was an eye-opener.",
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
        "I now make a point of hearing from everyone on the video call.",
        "Colleagues who join remotely say they finally get a word in.",
        "I changed how I run meetings so the quiet ones are heard.",
        "Remote team members are no longer talked over in my meetings.",
        "My meetings now start with the people online.",
        "People tell me our meetings feel fairer to those working from home.",
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
        "Senior people now know who I am.",
        "My mentee put me forward for a project with the board.",
        "I have met directors I would never have had access to.",
        "Being in the programme has raised my profile at work.",
        "My mentee has become a sponsor for my career.",
        "I was invited to present at a leadership offsite thanks to my mentee.",
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
        "Writing down what we want to cover before each meeting keeps us focused.",
        "The prep notes make the hour far more useful.",
        "We agree the agenda by email beforehand, which works well.",
        "Coming with questions ready means no time is wasted.",
        "The planning template helped me think about what to ask.",
        "Having the agenda in advance helps me prepare examples.",
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
    (
        "We get on well, but an hour a month is not enough.",
        ["good-rapport", "too-short-or-far-apart"],
    ),
    (
        "The programme team never checked in and our goals drifted.",
        ["support-lacking", "goals-not-served"],
    ),
    (
        "My mentee listens well, though I still hold back my criticism.",
        ["candid-two-way", "mentors-hold-back"],
    ),
    (
        "Great to learn the dashboards; the meeting room was never free though.",
        ["learning-digital-skills", "logistics"],
    ),
    (
        "Preparing questions helps a lot, and my network has grown too.",
        ["preparation-helps", "mentor-visibility"],
    ),
    ("We do not click and my mentee talks over me.", ["poor-fit", "mentee-takes-over"]),
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
    "We meet on the fourth floor.",
    "Sessions are on Thursdays at two.",
    "Nothing more to say.",
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


# Written after the catalogue was tuned on BY_THEME, to choose THEME_SIMILARITY (the bar
# for a theme by meaning alone): tuning material only, never part of a set
# (``python -m evals.tools.calibrate_themes``).
CALIBRATION: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Our slot keeps getting eaten by other meetings.",
        "We have struggled to meet at all this quarter.",
    ],
    "too-short-or-far-apart": [
        "We need more than an hour to get anywhere.",
        "The spacing between meetings is too wide.",
    ],
    "generic-or-unprepared": [
        "The session outline was the same one everyone got.",
        "We walk in cold every time.",
    ],
    "mentors-hold-back": [
        "I keep quiet when I think my mentee has it wrong.",
        "Speaking my mind to someone so senior still feels uncomfortable.",
    ],
    "mentee-takes-over": [
        "My mentee talks more than listens.",
        "I barely get to share anything before my mentee moves on.",
    ],
    "poor-fit": [
        "We are not a natural pair.",
        "I feel we were mismatched from the start.",
    ],
    "confidentiality-worries": [
        "I am careful what I say in case it travels.",
        "I do not trust that our conversations are private.",
    ],
    "logistics": [
        "The call quality is so bad we lose half the session.",
        "There is never a quiet room free when we need one.",
    ],
    "support-lacking": [
        "We have been left without any help from the organisers.",
        "No one told us what good looks like.",
    ],
    "goals-not-served": [
        "We have not worked on what I came to learn.",
        "My development goals have fallen by the wayside.",
    ],
    "valuable-development": [
        "This programme has been a real boost to my development.",
        "I have learnt more here than on any course.",
    ],
    "learning-digital-skills": [
        "I now build my own charts instead of asking the analysts.",
        "My mentor taught me how to use the new chat tool properly.",
    ],
    "candid-two-way": [
        "We give each other honest feedback both ways.",
        "I can say what I really think and it is welcomed.",
    ],
    "good-rapport": [
        "We really enjoy working together.",
        "It is easy and friendly between us.",
    ],
    "another-generation": [
        "I see how younger employees think about work very differently now.",
        "My mentor gave me a window into how graduates see us.",
    ],
    "voices-heard": [
        "I now make sure remote colleagues speak first.",
        "Quieter team members have more of a voice in my meetings now.",
    ],
    "mentor-visibility": [
        "I have been noticed by senior leaders thanks to my mentee.",
        "My mentee opened doors for me across the business.",
    ],
    "preparation-helps": [
        "Agreeing our topics beforehand makes the sessions flow.",
        "Bringing a few questions each time keeps us on track.",
    ],
}


# Written on 2026-12-06 before the catalogue grew from CALIBRATION's misses, and measured
# once afterwards (``python -m evals.tools.calibrate_themes --fresh``): how much of that
# growth carries to wording nobody tuned on. Never used to choose anything.
FRESH_CHECK: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Every time we book a date something urgent lands on my desk.",
        "Between travel and quarter end we managed one meeting in two months.",
        "Finding an hour that suits both of us is a battle.",
    ],
    "too-short-or-far-apart": [
        "Forty-five minutes is gone before we have really started.",
        "With six weeks between sessions we lose the thread.",
        "The gaps are so long I forget what we agreed.",
    ],
    "generic-or-unprepared": [
        "The suggested agenda could have been written for any pair.",
        "Neither of us had thought about what to talk about beforehand.",
        "The prompts were bland and did not fit our situation.",
    ],
    "mentors-hold-back": [
        "I tone down my comments because of who she is.",
        "It is hard to tell a director that their idea will not work.",
        "I hold my tongue more than I should.",
    ],
    "mentee-takes-over": [
        "He sets the direction every time and my points get lost.",
        "Our meetings turn into him briefing me.",
        "My mentee dominates the conversation.",
    ],
    "poor-fit": [
        "My mentor works in an area that has nothing to do with what I need.",
        "Our interests barely overlap.",
        "I would have been better matched with someone from another team.",
    ],
    "confidentiality-worries": [
        "I worry that what I share will reach my line manager.",
        "I am not sure who reads the notes from our sessions.",
        "I hold back because I do not know where this goes.",
    ],
    "logistics": [
        "The video link dropped three times in one session.",
        "We spent ten minutes finding a meeting room.",
        "The booking system would not let me invite my mentee.",
    ],
    "support-lacking": [
        "I had no idea who to ask when my mentor stopped replying.",
        "The programme team never checked in on us.",
        "A bit more guidance at the start would have helped.",
    ],
    "goals-not-served": [
        "We keep drifting away from the things I signed up to learn.",
        "None of my goals has come up so far.",
        "The sessions are pleasant but not about my objectives.",
    ],
    "valuable-development": [
        "Honestly one of the most useful things I have done this year.",
        "I have grown a lot through these conversations.",
        "It has been worth every minute.",
    ],
    "learning-digital-skills": [
        "I can finally set up a shared workspace for my team without help.",
        "My mentee now writes her own prompts for the AI assistant.",
        "I learnt how to read our analytics dashboard myself.",
    ],
    "candid-two-way": [
        "We can disagree openly and nobody takes offence.",
        "She asks me straight what I think of her decisions.",
        "There is real honesty in both directions.",
    ],
    "good-rapport": [
        "Clicked from the very first meeting.",
        "I look forward to our chats every month.",
        "We get on really well.",
    ],
    "another-generation": [
        "I understand much better why new joiners expect flexibility.",
        "It opened my eyes to how people starting their careers see the company.",
        "My mentor helped me see our policies through a younger person's eyes.",
    ],
    "voices-heard": [
        "I now ask the people on the call for their view before the room speaks.",
        "Junior staff get more space to contribute in my team meetings.",
        "I have started inviting the quieter ones to lead parts of our meetings.",
    ],
    "mentor-visibility": [
        "I got to present to the leadership team because of this programme.",
        "People in senior roles now know my name.",
        "My confidence with executives has grown a lot.",
    ],
    "preparation-helps": [
        "Sending a short list of topics the day before makes a real difference.",
        "When we both prepare, the hour flies by productively.",
        "Having the agenda in advance keeps us focused.",
    ],
}


# A second fresh batch, written on 2026-12-06 before the fourth round of changes to the
# theme finder and scored once before any of them (``calibrate_themes --fresh2``); the
# NEUTRAL_CHECK sentences carry no theme, so a theme found there costs precision.
FRESH_CHECK_2: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Our diaries never line up, so sessions keep sliding into next month.",
        "He has cancelled twice because of board meetings.",
        "I struggle to protect the time with everything else going on.",
    ],
    "too-short-or-far-apart": [
        "An hour every two months is not enough to build anything.",
        "By the time we get going the slot is over.",
        "I would like us to meet more often than the programme suggests.",
    ],
    "generic-or-unprepared": [
        "The conversation starters felt like they came from a template.",
        "We often turn up without a plan and just chat.",
        "The agenda did not reflect anything we had discussed before.",
    ],
    "mentors-hold-back": [
        "I soften everything I say because she is three levels above me.",
        "Pointing out his blind spots still feels risky for my career.",
        "I nod along even when I disagree with him.",
    ],
    "mentee-takes-over": [
        "Most sessions become a lecture about how things were done in his day.",
        "She talks for most of the hour and I rarely get a word in.",
        "He decides what we cover and my topics never make it.",
    ],
    "poor-fit": [
        "We have very little in common professionally.",
        "My mentor's skills are in marketing and my questions are about data.",
        "The match does not make much sense to either of us.",
    ],
    "confidentiality-worries": [
        "I am wary of saying anything that could end up in my appraisal.",
        "It is not clear to me whether HR can read what we write.",
        "I keep things vague in case it gets back to my team.",
    ],
    "logistics": [
        "The calendar invites kept disappearing from my diary.",
        "Half the session went on getting the sound to work.",
        "The room we were given had no screen to share slides.",
    ],
    "support-lacking": [
        "When things stalled there was nobody to turn to.",
        "The coordinators seem too busy to help.",
        "We were left to work it all out ourselves after the launch.",
    ],
    "goals-not-served": [
        "What I wanted to learn has been pushed aside.",
        "We talk about lots of things except my development plan.",
        "My main objective has not been touched yet.",
    ],
    "valuable-development": [
        "This has made a real difference to how I lead.",
        "I would recommend the scheme to any of my peers.",
        "Easily the best learning experience I have had here.",
    ],
    "learning-digital-skills": [
        "I built my first automated report with her help.",
        "He showed me how to use the collaboration tools properly.",
        "I now understand how our customers use the mobile app.",
    ],
    "candid-two-way": [
        "We give each other straight feedback without it getting awkward.",
        "He is happy for me to challenge him and does the same back.",
        "We can be blunt with each other and it works.",
    ],
    "good-rapport": [
        "We have a good laugh and the time passes quickly.",
        "There is real warmth between us.",
        "She is easy to talk to and genuinely kind.",
    ],
    "another-generation": [
        "I see why younger colleagues value purpose over status.",
        "Hearing how graduates think about career moves was eye-opening.",
        "It helped me understand what people in their twenties want from work.",
    ],
    "voices-heard": [
        "I now make a point of asking the remote people first.",
        "Our newest staff speak up in meetings more than they used to.",
        "I have changed how I run calls so everyone gets a turn.",
    ],
    "mentor-visibility": [
        "Senior people now ask for my opinion on digital projects.",
        "I was invited to an executive workshop because of the pairing.",
        "The programme has raised my profile across the business.",
    ],
    "preparation-helps": [
        "Agreeing the topics by email beforehand saves us a lot of time.",
        "Our best sessions were the ones we had both prepared for.",
        "A shared document of questions keeps us on track.",
    ],
}
NEUTRAL_CHECK: list[str] = [
    "We met four times so far.",
    "I filled in the survey on my phone.",
    "Our last session was in the small room on the second floor.",
    "My mentee works in the finance division.",
    "We mostly meet on Tuesday mornings.",
    "I joined the programme in the spring intake.",
    "No particular comments this time.",
    "The pairing started in January.",
    "I am answering this at the mid-point.",
]


# Written on 2026-12-06 (fifth session) before the catalogue's examples grew, and scored
# once before any change for it (``calibrate_themes --fresh3``).
FRESH_CHECK_3: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Our sessions are always the first thing to go when the week gets busy.",
        "It took us six weeks to agree a date for the second meeting.",
        "I have had to postpone three times because of client deadlines.",
        "My diary is so packed that mentoring ends up squeezed into lunch breaks.",
    ],
    "too-short-or-far-apart": [
        "Thirty minutes barely gets us past catching up.",
        "With a month between meetings we lose the thread each time.",
        "We need more frequent check-ins to keep any momentum.",
        "By the time we get going the slot is over.",
    ],
    "generic-or-unprepared": [
        "The suggested topics could apply to any pair in any company.",
        "We turned up with no plan and drifted from one thing to another.",
        "The conversation guide felt like a generic checklist.",
        "Nobody had read the notes from last time before we started.",
    ],
    "mentors-hold-back": [
        "I am careful not to criticise her too directly given her position.",
        "I still feel I cannot tell him when his ideas are out of touch.",
        "I soften everything I say because he could affect my promotion.",
        "It is hard to be frank with someone three levels above me.",
    ],
    "mentee-takes-over": [
        "Most sessions turn into him telling me about his week.",
        "She brings her own agenda and mine never gets a look in.",
        "I end up listening to advice I did not ask for.",
        "He treats the sessions as a chance to coach me rather than learn.",
    ],
    "poor-fit": [
        "We have very little in common professionally.",
        "My mentor's experience does not match the areas I wanted help with.",
        "I think I would learn more from someone in a different department.",
        "Our styles clash and it makes the sessions hard work.",
    ],
    "confidentiality-worries": [
        "I worry that what I say might end up with my line manager.",
        "Nobody has explained who can see the session records.",
        "I avoid naming colleagues in case the notes are read by others.",
        "I would be more open if I knew the conversations stayed private.",
    ],
    "logistics": [
        "The meeting link expired and we wasted fifteen minutes.",
        "There are never any quiet rooms free at the time we meet.",
        "The sound on the video calls drops out constantly.",
        "I could not open the shared notes because of access permissions.",
    ],
    "support-lacking": [
        "I emailed the programme team twice and heard nothing back.",
        "There was no guidance on what to do when my mentee stopped replying.",
        "After the launch event we were left completely on our own.",
        "It would help to have someone checking in on how pairs are doing.",
    ],
    "goals-not-served": [
        "The goals I set at the start have not come up once.",
        "We have not made any progress on what I actually wanted to learn.",
        "Our sessions wander away from the objectives we agreed.",
        "I signed up to understand social media but we never discuss it.",
    ],
    "valuable-development": [
        "This has been one of the most worthwhile things I have done at work.",
        "I have learnt more in these sessions than on any training course.",
        "It has genuinely changed how I approach my job.",
        "Really glad I took part, it has been a great experience.",
    ],
    "learning-digital-skills": [
        "I now use the collaboration app confidently with my team.",
        "She taught me how to build a simple automation for my reports.",
        "I finally understand how our customers use the mobile app.",
        "I picked up several shortcuts that save me time with spreadsheets.",
    ],
    "candid-two-way": [
        "He genuinely wants to hear when I disagree with him.",
        "We both say what we think, even when it is uncomfortable.",
        "She takes criticism well and gives honest views in return.",
        "I can be completely open with him about how decisions land with junior staff.",
    ],
    "good-rapport": [
        "We clicked from the very first meeting.",
        "I really enjoy our chats and always leave in a good mood.",
        "He is warm and approachable, which makes it easy.",
        "We get along really well.",
    ],
    "another-generation": [
        "I now understand why younger staff expect flexibility as standard.",
        "It opened my eyes to how new starters see our culture.",
        "I have a better sense of what matters to people early in their careers.",
        "Hearing a younger perspective on leadership was really valuable.",
    ],
    "voices-heard": [
        "I make sure people working from home get to speak first in our meetings.",
        "Junior colleagues now feel able to challenge ideas in team discussions.",
        "I use the chat more so quieter people can contribute.",
        "Our remote team members tell me they feel more included.",
    ],
    "mentor-visibility": [
        "The directors now know who I am.",
        "I have been asked to present to the senior leadership team.",
        "Being part of this has opened doors for my career.",
        "My work is noticed by people I would never normally meet.",
    ],
    "preparation-helps": [
        "Sending questions the day before makes the session much more useful.",
        "Having a clear agenda means we cover what matters.",
        "The prep notes help us start straight away.",
        "Reviewing our last actions first keeps things moving.",
    ],
}
NEUTRAL_CHECK_3: list[str] = [
    "We have met three times since the start.",
    "I work in the customer service team.",
    "The survey took about five minutes.",
    "Our next meeting is booked for March.",
    "My mentor is based in the Manchester office.",
    "Nothing further to report.",
    "We usually meet over video.",
    "I am in my second year at the company.",
    "This is my first time on a programme like this.",
    "We meet after the Monday team briefing.",
    "My mentee leads the operations function.",
    "No comments.",
]


# A second held-out batch, written on 2026-12-06 (fifth session) after that session's
# experiments and before anything was measured on it: sets 81-100 of the summaries eval
# are built from it alone and are held out like sets 41-60. Never read while tuning.
HELD_OUT_2: dict[str, list[str]] = {
    "hard-to-find-time": [
        "The budget cycle meant we skipped two sessions in a row.",
        "We both keep getting pulled into urgent work on our meeting days.",
        "Honestly the hardest part is just getting us both in a room.",
    ],
    "too-short-or-far-apart": [
        "An hour a month does not give us enough to build on.",
        "We always run over and still leave things unfinished.",
        "The sessions are spaced so far apart that we repeat ourselves.",
    ],
    "generic-or-unprepared": [
        "The conversation starters were so general they did not help us.",
        "We often arrive without any idea of what we want from the hour.",
        "It feels like we are following a template rather than talking about real issues.",
    ],
    "mentors-hold-back": [
        "I find it difficult to disagree with someone who sits on the executive board.",
        "I leave out the harder feedback because I am worried how it will land.",
        "I have not been as honest as I should be about what staff think of his decisions.",
    ],
    "mentee-takes-over": [
        "My mentee spends most of our time talking about his own challenges.",
        "I struggle to steer the conversation because she always has a list of her own.",
        "Our sessions feel one-sided, with him doing the talking.",
    ],
    "poor-fit": [
        "My mentor and I have almost nothing in common at work.",
        "What she can teach me is not what I was hoping to learn.",
        "I am not convinced we were the right match.",
    ],
    "confidentiality-worries": [
        "I am not sure whether what I say here will reach my boss.",
        "It is unclear who can see the notes we save after each session.",
        "I would speak more freely if I was sure the details stayed private.",
    ],
    "logistics": [
        "The room we booked was taken by another meeting twice.",
        "Our video calls keep freezing and we lose the thread.",
        "I could not get into the shared notes from my work laptop.",
    ],
    "support-lacking": [
        "We have had no contact from the programme organisers since the start.",
        "I did not know who to speak to when our sessions stopped happening.",
        "Some guidance from the programme team on how to run sessions would have helped.",
    ],
    "goals-not-served": [
        "The things I wanted to work on have hardly been mentioned.",
        "We are not making progress on the goals I wrote down at the beginning.",
        "Our chats are pleasant but do not connect to my development plan.",
    ],
    "valuable-development": [
        "This programme has been a real boost to my development.",
        "I have taken a lot from these sessions and would do it again.",
        "One of the best learning experiences I have had at this company.",
    ],
    "learning-digital-skills": [
        "I can now use the online whiteboard in my own team meetings.",
        "My mentor taught me how to build a basic report in the analytics tool.",
        "I have a much better understanding of how our apps are used by customers.",
    ],
    "candid-two-way": [
        "We can talk openly and disagree without any tension.",
        "She listens when I challenge her and gives me honest answers back.",
        "He is genuinely open to hearing what he could do better.",
    ],
    "good-rapport": [
        "We get along brilliantly.",
        "It is always a pleasure to meet with her.",
        "We have a warm and easy relationship.",
    ],
    "another-generation": [
        "I have learnt a lot about how younger people want to be managed.",
        "It showed me how graduates see things like hybrid working and career paths.",
        "Talking to someone much earlier in their career changed some of my assumptions.",
    ],
    "voices-heard": [
        "I make a point now of asking colleagues on the call before those in the room.",
        "Quieter team members are speaking up more since I changed how I chair meetings.",
        "My remote staff say they feel more part of discussions.",
    ],
    "mentor-visibility": [
        "Senior managers now know my name and my work.",
        "I was asked to join a leadership meeting to share my views.",
        "The programme has raised my profile with people I would never normally meet.",
    ],
    "preparation-helps": [
        "We agree a couple of topics beforehand and it keeps us focused.",
        "When I prepare questions the session is much more useful.",
        "The short prep note at the start gets us going quickly.",
    ],
}
HELD_OUT_2_MIXED: list[tuple[str, list[str]]] = [
    (
        "We get on really well, but half our sessions have been cancelled.",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "The prep notes help, although an hour is never long enough.",
        ["preparation-helps", "too-short-or-far-apart"],
    ),
    (
        "I still hold back with him, and I am not sure who reads our notes.",
        ["mentors-hold-back", "confidentiality-worries"],
    ),
    (
        "I have learnt how to use the new dashboards, but my main goal has not come up.",
        ["learning-digital-skills", "goals-not-served"],
    ),
    (
        "It has been really valuable, even though the video link often fails.",
        ["valuable-development", "logistics"],
    ),
    (
        "She is open to challenge; however, she tends to take over the session.",
        ["candid-two-way", "mentee-takes-over"],
    ),
]
HELD_OUT_2_NEUTRAL: list[str] = [
    "We have had five sessions since the spring.",
    "I work in the payments team.",
    "Our meetings are on Thursday afternoons.",
    "I am completing this at the end of the programme.",
    "My mentee joined the company twelve years ago.",
    "Nothing more to say at this point.",
    "We meet in the library on the third floor.",
    "This is the first time I have taken part in mentoring.",
]


def split_of(index: int) -> str:
    """Every third sentence of a list is held out."""
    return "held_out" if index % 3 == 2 else "tune"


# A third held-out batch, written on 2026-12-07 (sixth session) before that session
# changed or measured anything: sets 101-120 of the summaries eval are built from it
# alone. Scored once, at the end of the session's work; never read while tuning.
HELD_OUT_3: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Getting thirty minutes in both our calendars has been a battle every single month.",
        "Our slot keeps getting bumped by quarter-end reviews.",
        "Three reschedules in a row, mostly on her side, and then I went on leave.",
        "Honestly the hardest part is just finding an hour when neither of us is firefighting.",
    ],
    "too-short-or-far-apart": [
        "By the time we have caught up on news the half hour is gone.",
        "Six weeks between meetings is too long to keep any thread going.",
        "We never get past the warm-up because the sessions are so brief.",
        "Meeting once a quarter means every session starts from scratch.",
    ],
    "generic-or-unprepared": [
        "The suggested agenda could have been written for any pair in the company.",
        "We both turned up without having looked at anything, and it showed.",
        "The prompts felt like a generic HR checklist rather than anything about us.",
        "Nobody had thought about what we would talk about before we sat down.",
    ],
    "mentors-hold-back": [
        "I still soften everything I tell him because he signs off my promotion panel.",
        "When she asks what I really think, I give the polite version.",
        "It is hard to tell a director their slide deck is confusing, so I don't.",
        "I keep my real opinions to myself in case it comes back to me.",
    ],
    "mentee-takes-over": [
        "Most sessions turn into him telling war stories from his early career.",
        "She runs the hour like one of her own team meetings and I mostly take notes.",
        "I get maybe five minutes to speak before he steers it back to his priorities.",
        "It has become a lecture rather than a conversation, and it is always him talking.",
    ],
    "poor-fit": [
        "We have almost nothing in common work-wise, so the conversations feel forced.",
        "I was hoping for someone in product, but I got paired with a finance lead "
        "who has no interest in it.",
        "Our styles just clash and neither of us is getting much from it.",
        "I think a different pairing would have suited both of us better.",
    ],
    "confidentiality-worries": [
        "I am not sure whether what I say in the session ends up with my line manager.",
        "I held back on a few things because I didn't know who reads these notes.",
        "It would help to know that our conversations are not reported to HR.",
        "I worry that my comments about the team could get back to them.",
    ],
    "logistics": [
        "The video call dropped twice and we gave up halfway through.",
        "We could never book a meeting room, so we ended up in a noisy canteen.",
        "The calendar invites kept arriving with the wrong time zone.",
        "Half of the session went on getting screen sharing to work.",
    ],
    "support-lacking": [
        "We were left to get on with it after the kick-off and heard nothing from the organisers.",
        "When I emailed the programme inbox with a question, nobody replied for weeks.",
        "Some guidance from the coordinators on what a good session looks like would have helped.",
        "There was no one to turn to when our pairing started to stall.",
    ],
    "goals-not-served": [
        "We have not touched the things I said I wanted to work on at the start.",
        "My goal was to understand social media better and we have barely mentioned it.",
        "The sessions are pleasant but they are not moving me towards anything I set out to do.",
        "Halfway through and my development plan has not come up once.",
    ],
    "valuable-development": [
        "Probably the most worthwhile hour in my month.",
        "I have grown more through this than through any course I have been sent on.",
        "Really glad I signed up, it has been a genuine boost to my development.",
        "A great use of time and I would recommend it to anyone.",
    ],
    "learning-digital-skills": [
        "I finally understand how our customers use the app, because she walked me through it.",
        "He showed me how to build a simple dashboard myself instead of waiting for analysts.",
        "I now use shared documents and chat channels properly, which I had avoided for years.",
        "Learning to write a decent prompt for the AI assistant has saved me hours.",
    ],
    "candid-two-way": [
        "We can disagree openly and both walk away having learned something.",
        "She takes blunt feedback well, which makes it easy to be straight with her.",
        "He asks for my honest take and actually seems to want it.",
        "The conversations are frank in both directions, not just me listening.",
    ],
    "good-rapport": [
        "We clicked straight away and the time flies.",
        "I genuinely look forward to our catch-ups.",
        "There is real warmth between us now, which I didn't expect given the age gap.",
        "We get along brilliantly and laugh a lot.",
    ],
    "another-generation": [
        "It has changed how I see the expectations of people just starting their careers.",
        "Hearing why younger staff care so much about flexibility was an eye-opener.",
        "I understand now why my graduate hires leave after two years.",
        "She helped me see how people in their twenties think about loyalty to an employer.",
    ],
    "voices-heard": [
        "People who never used to say anything in meetings are contributing now.",
        "Colleagues working from home feel less like an afterthought on calls.",
        "He now makes a point of asking the quietest person on the team for their view.",
        "Our remote staff finally get a fair share of the airtime.",
    ],
    "mentor-visibility": [
        "Senior people now know who I am, which has already opened a couple of doors.",
        "I was invited to present at the leadership offsite because of this.",
        "Being paired with a director has given my career a real lift.",
        "My confidence in front of executives has grown massively.",
    ],
    "preparation-helps": [
        "Sending each other two or three points the day before makes the hour much sharper.",
        "Having the agenda in advance means we get straight to the point.",
        "When we both come prepared, the session stays on track.",
        "Jotting down questions beforehand has made our meetings far more productive.",
    ],
}

# Sentences that carry two themes, each with its pair.
HELD_OUT_3_MIXED: list[tuple[str, list[str]]] = [
    (
        "We really get on, but we only manage to meet every couple of months.",
        ["good-rapport", "too-short-or-far-apart"],
    ),
    (
        "The link never works first time and the agenda is the same bland list every session.",
        ["logistics", "generic-or-unprepared"],
    ),
    (
        "He dominates the conversation, so I rarely say what I actually think.",
        ["mentee-takes-over", "mentors-hold-back"],
    ),
    (
        "I have learned a lot about our digital tools, though my actual goals have been sidelined.",
        ["learning-digital-skills", "goals-not-served"],
    ),
    (
        "Preparing a short list beforehand helps, and we can be completely honest with each other.",
        ["preparation-helps", "candid-two-way"],
    ),
    (
        "It has raised my profile with the leadership team and taught me how a younger "
        "colleague sees the business.",
        ["mentor-visibility", "another-generation"],
    ),
    (
        "Our diaries never line up and the programme office has not been any help.",
        ["hard-to-find-time", "support-lacking"],
    ),
    (
        "I am not convinced our notes stay private, and we are a mismatched pair anyway.",
        ["confidentiality-worries", "poor-fit"],
    ),
]

# Sentences that carry no theme.
HELD_OUT_3_NEUTRAL: list[str] = [
    "We have met four times so far.",
    "My mentor works in the customer insights team.",
    "Sessions are usually on Thursday afternoons.",
    "I joined the programme after my manager suggested it.",
    "We alternate between her office and a call.",
    "Nothing further to add.",
    "This is the second cohort I have taken part in.",
    "Our next meeting is planned for early next month.",
    "I lead a team of about forty people.",
    "N/A",
]


# A fourth batch, written on 2026-12-07 (sixth session) after the third batch had been
# read once and before the next change: sets 121-140 are built from it alone. Written in
# looser styles (lower case, fragments, long asides). Held out until the seventh session,
# which read its misses after HELD_OUT_6 (now READ_6) had been written: it is a read batch now (sets
# 121-140 are tuning sets) and its sentences are catalogue examples.
READ_4: dict[str, list[str]] = {
    "hard-to-find-time": [
        "honestly our calendars are a nightmare, we've managed two meetings since spring",
        "Something always comes up on the day - a client call, a fire drill, a deadline.",
        "It's been hard to carve out the hour with everything else going on.",
    ],
    "too-short-or-far-apart": [
        "Would be better with longer sessions, 30 mins just isn't enough.",
        "the gaps between meetings are so long I forget what we said last time",
        "We rush through everything because we only have a short slot.",
    ],
    "generic-or-unprepared": [
        "Felt like we were making it up as we went along each time.",
        "the discussion guide is very one-size-fits-all",
        "Neither of us had an agenda so we just chatted about whatever.",
    ],
    "mentors-hold-back": [
        "tbh I filter what I say because she's so senior",
        "I'm wary of being too critical when he's the one who decides on bonuses.",
        "There are things about his leadership I'd love to say but I don't feel I can.",
    ],
    "mentee-takes-over": [
        "He tends to turn it into a monologue about strategy.",
        "my mentee sets the agenda every time and I just go along with it",
        "Our meetings are really his one-to-ones with an audience.",
    ],
    "poor-fit": [
        "Not sure the matching worked for us - our interests are miles apart.",
        "she doesn't really need what I can offer, wrong match I think",
        "We don't seem to be on the same wavelength at all.",
    ],
    "confidentiality-worries": [
        "Is anything from our sessions shared with leadership? I'd like to know before I open up.",
        "I'm nervous that what I say might end up in my appraisal.",
        "not clear who has access to the session notes, which makes me cautious",
    ],
    "logistics": [
        "The booking system wouldn't let me reserve a room for two people.",
        "Wi-fi in the east building kept cutting us off mid-sentence.",
        "we lost ten minutes every time trying to find a free desk to talk",
    ],
    "support-lacking": [
        "Apart from the welcome email there's been no contact from the programme team.",
        "I'd have liked a check-in from the organisers at some point.",
        "no idea who to ask when things aren't working",
    ],
    "goals-not-served": [
        "We haven't really touched my development objectives yet.",
        "the conversations are interesting but nothing to do with what I wanted out of this",
        "I came in wanting help with presenting to the board and we've never gone near it.",
    ],
    "valuable-development": [
        "Brilliant experience, I'd do it again tomorrow.",
        "so worthwhile, I've taken loads from it",
        "It has genuinely made me a better leader.",
    ],
    "learning-digital-skills": [
        "she taught me a few shortcuts in the spreadsheet tool that save me hours",
        "I've started using our collaboration platform properly thanks to him.",
        "Getting to grips with data visualisation tools has been a highlight.",
    ],
    "candid-two-way": [
        "We're really honest with each other, no sugar-coating either way.",
        "he lets me push back and pushes back himself",
        "It feels like a proper two-way street where we can both say what we think.",
    ],
    "good-rapport": [
        "great chemistry from day one",
        "We have a really easy relationship and the conversation just flows.",
        "I've found a real ally in my partner.",
    ],
    "another-generation": [
        "I get a much better sense now of what motivates people early in their careers.",
        "it's opened my eyes to how differently younger colleagues approach work",
        "Learning how graduates see our brand has been fascinating.",
    ],
    "voices-heard": [
        "our hybrid meetings are much more balanced now, people dialling in actually get a say",
        "The quieter members of my team have started to speak up since I changed how I run "
        "meetings.",
        "Since this started I go round everyone dialled in before I close a discussion.",
    ],
    "mentor-visibility": [
        "It's given me access to people I'd never normally get to talk to.",
        "my name is known by the exec team now",
        "I've been asked to join a cross-company project off the back of this.",
    ],
    "preparation-helps": [
        "We agree the topic a week ahead and it makes a huge difference.",
        "coming in with a couple of questions ready keeps us on track",
        "A bit of prep beforehand means we don't waste the first ten minutes.",
    ],
}

# Sentences that carry two themes, each with its pair.
READ_4_MIXED: list[tuple[str, list[str]]] = [
    (
        "Love working with her but we barely ever find a time that works for both of us.",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "He talks over me most of the time, and the sessions are too short anyway.",
        ["mentee-takes-over", "too-short-or-far-apart"],
    ),
    (
        "I've picked up some great tech skills and my profile with senior people has really grown.",
        ["learning-digital-skills", "mentor-visibility"],
    ),
    (
        "We never prepare anything and I'm not sure the notes are kept private.",
        ["generic-or-unprepared", "confidentiality-worries"],
    ),
    (
        "We can be frank with each other, and I've learned a lot about how younger people see "
        "things.",
        ["candid-two-way", "another-generation"],
    ),
    (
        "Nobody from the programme has been in touch and our goals have gone nowhere.",
        ["support-lacking", "goals-not-served"],
    ),
]

# Sentences that carry no theme.
READ_4_NEUTRAL: list[str] = [
    "we usually meet on teams",
    "My partner is in the legal department.",
    "Met twice this quarter.",
    "I'm filling this in on my phone.",
    "Next session is after the holidays.",
    "no other comments",
    "We swapped phone numbers at the first meeting.",
    "I took over a new team in September.",
]


# A fifth batch, written on 2026-12-07 (sixth session) after the fourth batch's one
# reading and before casual-register examples were added to the catalogue: sets 141-160
# are built from it alone. Short, informal answers. Read, like READ_4, from the seventh
# session on.
READ_5: dict[str, list[str]] = {
    "hard-to-find-time": [
        "diaries just don't line up, we've cancelled more than we've met",
        "Tricky to get time together with month end and audits.",
        "every time we book something, something else lands on top",
    ],
    "too-short-or-far-apart": [
        "half an hour flies by, we need longer",
        "Too long between catch-ups, the momentum goes.",
        "sessions feel rushed",
    ],
    "generic-or-unprepared": [
        "the question sheet was a bit generic tbh",
        "We just winged it most weeks.",
        "Prompts didn't really fit our situation, felt copy-and-paste.",
    ],
    "mentors-hold-back": [
        "I bite my tongue a lot, he's very senior",
        "hard to be brutally honest with the boss's boss",
        "I tend to say what she wants to hear.",
    ],
    "mentee-takes-over": [
        "he hogs the conversation",
        "It's mostly her talking and me nodding.",
        "feels like his meeting, not ours",
    ],
    "poor-fit": [
        "we're just not a great match",
        "Mismatch of interests, I'd rather have been paired with someone in tech.",
        "nothing really clicked between us work-wise",
    ],
    "confidentiality-worries": [
        "a bit worried stuff gets passed on to HR",
        "Who sees the notes? Nobody told us.",
        "not comfortable being totally open in case it leaks",
    ],
    "logistics": [
        "teams link broken again",
        "Rooms always double-booked.",
        "the invite had the wrong dial-in so we lost 15 mins",
    ],
    "support-lacking": [
        "haven't heard a peep from the programme team",
        "Felt a bit abandoned after the launch.",
        "would've liked more guidance from the organisers",
    ],
    "goals-not-served": [
        "we've drifted off my goals completely",
        "Not much progress on what I signed up for.",
        "my objectives haven't really come up",
    ],
    "valuable-development": [
        "best thing I've done this year",
        "Massively worthwhile.",
        "really valuable, would 100% do it again",
    ],
    "learning-digital-skills": [
        "picked up loads of tech tips",
        "She got me using the AI tools properly.",
        "finally get how our online ordering works behind the scenes",
    ],
    "candid-two-way": [
        "we're straight with each other",
        "Open, honest chats both ways.",
        "he's happy to hear the hard truths and gives them back too",
    ],
    "good-rapport": [
        "we get on like a house on fire",
        "Really enjoy our chats.",
        "good vibe between us",
    ],
    "another-generation": [
        "eye-opening to hear how gen z see things",
        "Helped me understand what younger staff actually want from us.",
        "I get the younger team much better now",
    ],
    "voices-heard": [
        "remote folk get more of a say now",
        "Quiet ones in my team speak up more since I changed my meetings.",
        "I make space for the people on video now",
    ],
    "mentor-visibility": [
        "great exposure to the senior team",
        "My profile's gone up a lot.",
        "execs know my name now",
    ],
    "preparation-helps": [
        "having a plan beforehand makes a big difference",
        "Prepping a few points up front keeps us on track.",
        "we share notes the day before and it really helps",
    ],
}

# Sentences that carry two themes, each with its pair.
READ_5_MIXED: list[tuple[str, list[str]]] = [
    ("great rapport but never enough time", ["good-rapport", "too-short-or-far-apart"]),
    (
        "he does all the talking and I don't dare push back",
        ["mentee-takes-over", "mentors-hold-back"],
    ),
    (
        "Learned heaps about digital stuff and it's been worth every minute.",
        ["learning-digital-skills", "valuable-development"],
    ),
    ("link never works and no one from the programme helps", ["logistics", "support-lacking"]),
    (
        "We prep properly and we're honest with each other.",
        ["preparation-helps", "candid-two-way"],
    ),
    (
        "wrong match and we've barely touched my goals",
        ["poor-fit", "goals-not-served"],
    ),
]

# Sentences that carry no theme.
READ_5_NEUTRAL: list[str] = [
    "no further comments from me",
    "we meet fortnightly",
    "She's in procurement.",
    "nothing to add",
    "Second session booked for next week.",
    "met in person once, rest on video",
    "All good.",
    "I'm based in the Leeds office.",
]

# A sixth batch, written on 2026-12-07 before the change it judges and before the misses of
# batches 4 and 5 were read: a mix of the registers people use in a survey box (terse
# notes, long run-on answers, questions, lists), each sentence carrying its theme only.
# Held out until the seventh batch had been written (eighth session), when its misses were
# read and its sentences became catalogue examples.
READ_6: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Finding a slot that suits both of us is a mission.",
        "our calendars are a nightmare to line up",
        "She keeps getting pulled into exec meetings so our hour gets bumped every other week.",
        "Quarter end ate all our time, we missed three in a row.",
        "honestly the hardest part is just getting in the same room, we're both swamped",
    ],
    "too-short-or-far-apart": [
        "monthly isn't often enough to keep anything going",
        "By the time we get settled the 30 mins are up.",
        "Could we have longer slots? We always run out of time mid-conversation.",
        "the gaps between sessions are so long I forget what we agreed",
        "An hour once every six weeks is too thin to build on.",
    ],
    "generic-or-unprepared": [
        "The suggested agenda could have been for anyone.",
        "neither of us prepares so we just chat about whatever",
        "Topics from the pack felt like a generic HR handout.",
        "he turns up with nothing planned and we drift",
        "The conversation cards are so bland they don't start anything.",
    ],
    "mentors-hold-back": [
        "I bite my tongue a lot, it's hard to challenge someone three levels above me",
        "Not sure I can be totally honest with a director, if I'm being real.",
        "I tend to soften everything I say in case it comes back on me.",
        "I've got opinions on how her team runs but I keep them to myself",
        "Feels risky to tell a senior leader their idea won't work.",
    ],
    "mentee-takes-over": [
        "he treats it like his own briefing and I just listen",
        "My mentee sets the topics, runs the clock and does most of the talking.",
        "It's become a lecture from her about how things were done in her day.",
        "I barely get a word in",
        "Sessions drift into him giving me career advice instead of me teaching him.",
    ],
    "poor-fit": [
        "We've got nothing in common work-wise, I'm not sure why we were paired.",
        "mismatch tbh, I work in payroll and he wanted someone who knows social media",
        "It would make more sense to pair her with someone from the product side.",
        "our interests just don't overlap",
        "I don't think the matching worked for us at all.",
    ],
    "confidentiality-worries": [
        "how private are these sessions really? I worry my manager will find out what I say",
        "I'm nervous the notes end up with HR.",
        "Not comfortable writing anything honest in here if the coordinators can read it.",
        "Worried that what we discuss could leak back to my director.",
        "would like it confirmed in writing that our chats stay between us",
    ],
    "logistics": [
        "Teams keeps crashing halfway through our calls.",
        "couldn't get into the building on the day, no pass",
        "The meeting room we booked was double booked twice.",
        "wifi in the north office is useless for video",
        "The shared folder permissions never work so we email files back and forth.",
    ],
    "support-lacking": [
        "We were left to figure it all out ourselves after the launch.",
        "no one from the programme has been in touch since kick-off",
        "I emailed the coordinators twice with a question and heard nothing.",
        "Would be nice to have some guidance on what to actually do in the sessions.",
        "The programme team feels very hands-off, we could do with more help.",
    ],
    "goals-not-served": [
        "we haven't touched the goals I came in with",
        "The objectives we set at the start have been forgotten.",
        "My aim was to understand TikTok and we've not gone near it.",
        "We talk, but there's been zero progress on what I wanted out of this.",
        "we keep talking around the goals instead of working on them",
    ],
    "valuable-development": [
        "Really worthwhile, I'd sign up again tomorrow.",
        "one of the best things I've done for my development",
        "I'm a better leader for having done this.",
        "Hugely rewarding programme, thank you.",
        "well worth the time",
    ],
    "learning-digital-skills": [
        "I finally understand how our customers use the app.",
        "she showed me how to build a dashboard in Power BI, brilliant",
        "Now confident setting up a Teams channel and running polls.",
        "Picked up loads about AI tools I'd been avoiding.",
        "learned how to use LinkedIn properly, which I'd put off for years",
    ],
    "candid-two-way": [
        "We can say what we really think to each other.",
        "she takes criticism well and gives it back just as straight",
        "Very frank conversations, both ways.",
        "I can disagree with him openly and he thanks me for it.",
        "we're straight with each other which makes it useful",
    ],
    "good-rapport": [
        "Clicked from the very first meeting.",
        "really easy to talk to, we have a laugh",
        "Genuinely enjoy our catch-ups, we get on brilliantly.",
        "There's a lot of trust between us already.",
        "he's lovely, very approachable",
    ],
    "another-generation": [
        "Made me realise how differently younger staff see career progression.",
        "eye-opening to hear how graduates think about hybrid working",
        "I now get why the under-thirties don't answer the phone.",
        "It helped me understand what matters to people just starting out.",
        "learning how gen z sees the company was fascinating",
    ],
    "voices-heard": [
        "The remote team feels far more included in meetings now.",
        "quieter people on my team are speaking up since I changed how I run things",
        "He's started asking the newer staff for their view before deciding.",
        "people who never used to say anything in all-hands are contributing",
        "More voices get heard in our team meetings these days.",
    ],
    "mentor-visibility": [
        "My name is known by the leadership team now, which never would have happened before.",
        "got invited to present at the ops board off the back of this",
        "It's raised my profile a lot across the division.",
        "I've built a network at senior level I didn't have before.",
        "being seen by the exec team has been great for my career",
    ],
    "preparation-helps": [
        "Agreeing the agenda beforehand makes a big difference.",
        "we send each other a couple of questions in advance and it works",
        "Doing the prep sheet keeps us on topic.",
        "When we plan ahead the sessions are so much more productive.",
        "having a rough plan for each meeting stops us wandering",
    ],
}

# Sentences that carry two themes, each with its pair of themes.
READ_6_MIXED: list[tuple[str, list[str]]] = [
    (
        "we get on really well but the sessions keep getting cancelled",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "She learned how to use Slack properly and I got noticed by her peers.",
        ["learning-digital-skills", "mentor-visibility"],
    ),
    (
        "I hold back because I'm not sure what gets passed on to HR.",
        ["mentors-hold-back", "confidentiality-worries"],
    ),
    (
        "No one told us what to prepare and the agenda was useless anyway.",
        ["support-lacking", "generic-or-unprepared"],
    ),
    (
        "Planning each session in advance means we're very honest and focused.",
        ["preparation-helps", "candid-two-way"],
    ),
    (
        "20 minutes a month on a dodgy video link isn't enough",
        ["too-short-or-far-apart", "logistics"],
    ),
    (
        "I get a real sense of how younger colleagues think"
        " and my remote staff are speaking up more",
        ["another-generation", "voices-heard"],
    ),
]

# Sentences that carry no theme.
READ_6_NEUTRAL: list[str] = [
    "n/a",
    "We're meeting again on Thursday.",
    "I work in the finance team.",
    "nothing else to say",
    "Filled this in on my phone, sorry for typos.",
    "We've had four sessions so far.",
    "He's in the London office and I'm in Glasgow.",
    "no comment",
    "first time doing one of these surveys",
]

# A seventh batch, written on 2026-12-07 (eighth session) before the change it judges and
# before batch 6's misses were read: registers not yet tried in a batch of their own
# (formal answers from senior leaders, hedged and indirect wording, English as a second
# language, plain complaints without a keyword), each sentence carrying its theme only.
HELD_OUT_7: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Regrettably my diary has made it difficult to honour the sessions we scheduled.",
        "we moved it so many times that we stopped trying to book ahead",
        "It is not easy to find a free hour for both, my shifts and her travel never match.",
        "Every time we pencil something in, something urgent lands on one of us.",
        "between the restructure and year end we've hardly managed to meet",
    ],
    "too-short-or-far-apart": [
        "Forty-five minutes is barely enough to get past the small talk.",
        "we meet so rarely that each session feels like starting from scratch",
        "I would welcome a longer format, the current slot cuts discussions short.",
        "Once a quarter is not a rhythm, it's a reunion.",
        "the time is too short for the topics, always we stop in the middle",
    ],
    "generic-or-unprepared": [
        "The materials provided were rather superficial for the level of the participants.",
        "we show up and improvise, there's never a plan",
        "The starter questions would suit a school careers day more than this.",
        "Honestly we waste the first half deciding what to talk about.",
        "the guide is the same for everyone and says nothing about our situation",
    ],
    "mentors-hold-back": [
        "I am careful what I say because he could influence my promotion.",
        "there are things I'd like to tell her about how her decisions land but I don't dare",
        "Giving honest criticism to an executive still feels above my pay grade.",
        "I end up nodding along when I should push back.",
        "it's difficult for me to say no to a person so senior, in my culture especially",
    ],
    "mentee-takes-over": [
        "I should be the one teaching, yet I leave each session having been coached myself.",
        "she decides what we cover and I follow",
        "Most of our hour is him talking through his own projects.",
        "The roles seem to have reversed back to traditional mentoring.",
        "he answers his own questions before I can",
    ],
    "poor-fit": [
        "I suspect a different pairing would have served us both better.",
        "he needed help with data and I know nothing about data",
        "Our backgrounds are too far apart to be useful to each other.",
        "not the right person for what she wants to learn, I told her so",
        "There is little overlap between what I can offer and what he is after.",
    ],
    "confidentiality-worries": [
        "I would appreciate clarity on who has access to the session notes.",
        "afraid that what I share here will be used in my appraisal",
        "Can the coordinators see what we write about each other?",
        "I'm uneasy about writing anything critical in a form my boss might read.",
        "some of what we talk about is sensitive and I don't know where it ends up",
    ],
    "logistics": [
        "The invitation came through with the wrong time zone, so we missed each other.",
        "my laptop camera doesn't work with the video tool they gave us",
        "Parking at head office made me late both times.",
        "the booking system wouldn't let me reserve a room for two people",
        "Audio kept cutting out on the call and we gave up after twenty minutes.",
    ],
    "support-lacking": [
        "Beyond the launch event there has been little contact from the organisers.",
        "nobody checks in to see how we're doing",
        "It would help to know who to contact when something goes wrong.",
        "we were given a pair and then left on our own",
        "I asked for a session plan template and never got an answer.",
    ],
    "goals-not-served": [
        "The objectives I set out at the start have not been addressed in any meaningful way.",
        "I wanted to get better at data and we haven't done any of that",
        "Pleasant conversations, but I'm no closer to what I came for.",
        "my development goal is still on the shelf",
        "We drifted away from the goals after the first session and never came back.",
    ],
    "valuable-development": [
        "This has been a genuinely valuable investment of my time.",
        "I got more out of this than from any course this year",
        "A very positive experience which I would recommend to colleagues.",
        "so glad I signed up for this",
        "It has changed how I think about my own growth.",
    ],
    "learning-digital-skills": [
        "She walked me through how our customers book online, step by step.",
        "now I can build a simple automation without asking IT",
        "I have learned to use the collaboration tools I was avoiding.",
        "he taught me shortcuts in Excel that save me hours",
        "Understanding how generative AI works has been the highlight for me.",
    ],
    "candid-two-way": [
        "He is open to hearing difficult things and I feel I can say them.",
        "we tell each other the truth even when it's uncomfortable",
        "Feedback flows in both directions and neither of us takes offence.",
        "she doesn't sugar-coat and neither do I",
        "I appreciate that my mentor is direct with me about my blind spots.",
    ],
    "good-rapport": [
        "We have built a warm and respectful relationship.",
        "she's great company and the time flies",
        "Very comfortable with each other after only two meetings.",
        "we really get along",
        "I look forward to our sessions, he puts me at ease.",
    ],
    "another-generation": [
        "It has given me insight into the expectations of colleagues early in their careers.",
        "understanding why young people job-hop was an eye-opener for me",
        "I see now how differently people in their twenties want to be managed.",
        "the junior view on flexible work surprised me",
        "Hearing what motivates new joiners has shifted my assumptions.",
    ],
    "voices-heard": [
        "I now make a point of inviting contributions from the most junior people in the room.",
        "my team say they feel listened to more since the spring",
        "Staff on the night shift are finally being asked what they think.",
        "we changed how we run stand-ups so everyone gets a turn to talk",
        "Colleagues who rarely spoke are now sharing ideas in our reviews.",
    ],
    "mentor-visibility": [
        "Senior people across the business now know who I am.",
        "I was asked to join a steering group after my mentee mentioned me",
        "This gave me access to leaders I would never normally meet.",
        "my profile inside the company has gone up a lot",
        "Being in front of the board was a big step for someone at my level.",
    ],
    "preparation-helps": [
        "Circulating a short agenda the day before has made our sessions far more effective.",
        "we each bring one topic and that keeps it focused",
        "The prep questions really help me think before we meet.",
        "when she sends her questions ahead I can bring examples",
        "Writing down what we want from each session made a real difference.",
    ],
}

# Sentences that carry two themes, each with its pair of themes.
HELD_OUT_7_MIXED: list[tuple[str, list[str]]] = [
    (
        "She is lovely but our diaries simply do not allow regular meetings.",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "I learned a lot about social media and it made me question my assumptions"
        " about younger colleagues.",
        ["learning-digital-skills", "another-generation"],
    ),
    (
        "I don't feel I can be honest with him because I'm not sure the notes stay private.",
        ["mentors-hold-back", "confidentiality-worries"],
    ),
    (
        "The programme gave us no guidance and our goals have slipped as a result.",
        ["support-lacking", "goals-not-served"],
    ),
    (
        "he talks the whole time and we never get to the things I prepared",
        ["mentee-takes-over", "generic-or-unprepared"],
    ),
    (
        "Excellent programme, and it has put me in front of people I'd never otherwise meet.",
        ["valuable-development", "mentor-visibility"],
    ),
    (
        "The video link is poor and half an hour is too little anyway.",
        ["logistics", "too-short-or-far-apart"],
    ),
]

# Sentences that carry no theme.
HELD_OUT_7_NEUTRAL: list[str] = [
    "None at this time.",
    "see previous answer",
    "We meet on Tuesdays.",
    "I joined the company in March.",
    "Thank you for asking.",
    "We are three sessions in.",
    "She works in procurement.",
    "Nothing more from me for now.",
    "Nothing further to add at this stage.",
]

# An eighth batch, written on 2026-12-07 (eighth session) before the change it judges
# (counting a person in context) and before batch 7's misses were read: registers not yet
# tried in a batch of their own (suggestions for the programme, corporate jargon, strong
# feeling, comparisons and reports of what others said), each sentence carrying its theme
# only.
HELD_OUT_8: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Suggest the programme accepts that senior diaries are impossible and plans around it.",
        "zero bandwidth on either side this quarter, we keep pushing it out",
        "So frustrating that every single meeting we set up gets bulldozed by something else!",
        "Harder to get together than with my last mentor, our free hours never coincide.",
        "We are still waiting to hold the session we booked in October.",
    ],
    "too-short-or-far-apart": [
        "Recommend doubling the session length, an hour is nothing.",
        "the cadence is too low to drive any real outcomes",
        "I hate having to cut her off just as we're getting somewhere!",
        "Compared with the pilot, meeting every two months feels far too spread out.",
        "By the next catch-up whatever we discussed has gone cold.",
    ],
    "generic-or-unprepared": [
        "It would help if the suggested topics were tailored to each pair.",
        "the toolkit is very boilerplate, not much value-add",
        "Honestly embarrassing how little either of us had thought about what to discuss.",
        "My colleague in another pair said the same: the prompts are so general they're useless.",
        "We mostly make it up as we go along.",
    ],
    "mentors-hold-back": [
        "Perhaps mentors need permission, in writing, to be blunt with their mentees.",
        "I don't feel empowered to call out issues at that level",
        "It terrifies me to tell him when he's wrong!",
        "Other mentors I've talked to also water down what they really think.",
        "I say what I think she wants to hear.",
    ],
    "mentee-takes-over": [
        "Maybe remind the senior side that they are here to listen.",
        "he drives the whole agenda top-down and I just take the actions",
        "So annoying when I prepare a topic and she steers us back to her priorities!",
        "Feels more like my old line manager's one-to-ones than reverse mentoring.",
        "She ends up explaining her strategy to me every time.",
    ],
    "poor-fit": [
        "Please match on interests next time rather than on availability.",
        "zero alignment between my skill set and his development areas",
        "Really disappointed, we have absolutely nothing to work on together.",
        "Friends in other pairs have far more in common with their partners than we do.",
        "What she wants to learn is not something I know about.",
    ],
    "confidentiality-worries": [
        "Please spell out in the guidance exactly who sees our feedback forms.",
        "need assurance that nothing from these conversations gets cascaded to my line",
        "I'd be mortified if my manager read some of what I've said in there!",
        "A friend in the programme thinks the notes are reviewed by HR, which worries me.",
        "I'm not sure these answers are really anonymous.",
    ],
    "logistics": [
        "Could the invites include a working dial-in next time?",
        "the tooling is a blocker, we lose ten minutes every call to tech issues",
        "Absolute nightmare getting through security at the other site!",
        "Last time we met in person the room had no screen, which was worse than video.",
        "The calendar link sent us to a meeting that didn't exist.",
    ],
    "support-lacking": [
        "It would be good to have a named contact on the programme team.",
        "no touchpoints from the programme office since onboarding",
        "I feel completely abandoned by whoever runs this!",
        "Other schemes I've been on had far more follow-up from the organisers.",
        "When our pairing got stuck there was no one to turn to.",
    ],
    "goals-not-served": [
        "Suggest a goals check at each session so they don't get lost.",
        "none of my development objectives have moved the needle",
        "I'm gutted that the one thing I wanted to learn still hasn't come up!",
        "My mentee says the same: we've drifted far from what either of us signed up for.",
        "We have done nothing yet on the aim I wrote in my application.",
    ],
    "valuable-development": [
        "Please run this again next year, it's been excellent.",
        "massive value-add for my growth this year",
        "Absolutely loved it, can't recommend it enough!",
        "Better than any leadership course I've been sent on.",
        "I've come out of it a different manager.",
    ],
    "learning-digital-skills": [
        "More sessions on tools like this would be great, I learned so much about automation.",
        "upskilled me on the analytics stack",
        "I was thrilled to finally post on our intranet without help!",
        "My team says I'm much quicker with the new systems since we started.",
        "She taught me how to search our data properly.",
    ],
    "candid-two-way": [
        "Keep encouraging pairs to be this open with each other.",
        "very transparent dialogue in both directions",
        "Love that we can tell each other hard truths and still laugh!",
        "More honest than any conversation I've had with my own manager.",
        "We don't hide anything from each other in these sessions.",
    ],
    "good-rapport": [
        "Whoever matched us deserves thanks, we get on so well.",
        "great personal chemistry from the outset",
        "Such a kind and funny person, I really enjoy our time!",
        "Easier to talk to than most people at my own level.",
        "He always makes me feel welcome.",
    ],
    "another-generation": [
        "More programmes like this would help leaders understand what junior staff expect.",
        "great insight into early-career talent expectations",
        "Blown away by how differently my mentor's generation thinks about loyalty!",
        "I understand the graduates on my team far better than I did a year ago.",
        "It showed me what younger people value at work.",
    ],
    "voices-heard": [
        "Other leaders should try what I did and let juniors chair a meeting.",
        "we've flattened the hierarchy in discussions, everyone contributes now",
        "So pleased to see the apprentices finally putting ideas forward!",
        "My team tell me they have more say than before.",
        "The front-line staff now get asked before changes are made.",
    ],
    "mentor-visibility": [
        "Would encourage others to apply, it gets you noticed by senior people.",
        "great exposure to the exec layer",
        "I couldn't believe the COO knew my name!",
        "My manager says my name comes up in leadership meetings now.",
        "I now have contacts at director level.",
    ],
    "preparation-helps": [
        "Recommend every pair agrees an agenda in advance, it changed things for us.",
        "pre-reads before each session drive much better outcomes",
        "Loved how much smoother it went once we started planning!",
        "Far better sessions since we began sharing notes the day before.",
        "Having our questions written down beforehand keeps us on track.",
    ],
}

# Sentences that carry two themes, each with its pair of themes.
HELD_OUT_8_MIXED: list[tuple[str, list[str]]] = [
    (
        "Great chemistry, shame our diaries never line up!",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "He's taught me a lot about digital tools and I've been noticed by senior people.",
        ["learning-digital-skills", "mentor-visibility"],
    ),
    (
        "I water down my feedback because I'm not sure who reads the notes.",
        ["mentors-hold-back", "confidentiality-worries"],
    ),
    (
        "The programme office never checks in and the prompts are generic.",
        ["support-lacking", "generic-or-unprepared"],
    ),
    (
        "She runs every session her way and my goals never come up.",
        ["mentee-takes-over", "goals-not-served"],
    ),
    (
        "Brilliant experience and I now understand younger colleagues much better.",
        ["valuable-development", "another-generation"],
    ),
    (
        "Planning ahead keeps us focused and we can be completely honest.",
        ["preparation-helps", "candid-two-way"],
    ),
]

# Sentences that carry no theme.
HELD_OUT_8_NEUTRAL: list[str] = [
    "No further feedback.",
    "See my earlier comments.",
    "We meet on the second floor.",
    "I'm on the graduate scheme.",
    "He joined from another company last year.",
    "Our next session is after the holidays.",
    "Thanks.",
    "I answered this on behalf of both of us.",
    "Nothing I haven't already said.",
]

# A ninth batch, written on 2026-12-07 (ninth session) before any change that session made
# and before anything was measured: not a register of its own this time but the mix a real
# survey box gets (anecdotes, idioms, ratings, asides, short and long answers, mentors'
# and mentees' voices), in wording written fresh, each sentence carrying its theme only.
HELD_OUT_9: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Last Thursday was our fourth attempt at meeting and it still fell through.",
        "Diaries are the enemy here, honestly.",
        "Her PA moves our slot whenever something from the exec team lands.",
        "We've met twice in three months, and both times it took a dozen emails to set up.",
        "it's like herding cats trying to pin him down for an hour",
        "Peak season in the warehouse means I can't get away for our catch-ups.",
    ],
    "too-short-or-far-apart": [
        "Sixty minutes flies by and we never finish.",
        "Once a quarter is not a mentoring relationship, it's a check-in.",
        "by the time we've said hello and caught up the hour's basically gone",
        "I'd happily meet every fortnight instead of every six weeks.",
        "Each session ends just as he starts opening up about the real issue.",
        "The long breaks between our meetings kill any continuity.",
    ],
    "generic-or-unprepared": [
        "The conversation starters in the pack read like they came from a management textbook.",
        "Half our sessions are us asking each other what we should cover today.",
        "She hadn't read my notes from last time, so we went over the same ground.",
        "Agenda? What agenda - we just wing it.",
        "The topic list is one-size-fits-all and doesn't fit either of us.",
        "I turn up not knowing what he wants to get out of the hour.",
    ],
    "mentors-hold-back": [
        "I bite my tongue when he asks what the graduates think of his town halls.",
        "Telling a director her strategy slides confuse everyone is not something I'm brave "
        "enough to do yet.",
        "I soften everything I say to him, probably too much.",
        "There are things I'd like to say but I worry how it lands with someone that senior.",
        "My mentor admitted she's been polite rather than honest with me.",
        "I keep my real opinions about the restructure to myself in our sessions.",
    ],
    "mentee-takes-over": [
        "He ends up lecturing me on his career for most of the hour.",
        "She sets the agenda, runs the clock and answers her own questions.",
        "I came to teach him about social media and left with a list of tasks from him.",
        "Every time I start explaining something he jumps in with 'in my day'.",
        "honestly it's become his show and I'm the audience",
        "I've caught myself doing most of the talking when I'm supposed to be learning.",
    ],
    "poor-fit": [
        "We work in such different parts of the business that nothing I know is useful to her.",
        "He wanted help with analytics and I'm a customer service rep.",
        "We have nothing in common to work with, it's an odd pairing.",
        "I'm not sure why we were matched; our goals point in opposite directions.",
        "The pairing seems random - I can't help with what he actually needs.",
        "Personality-wise we just don't click.",
    ],
    "confidentiality-worries": [
        "I worry that what I tell him ends up in my performance review.",
        "Does any of what we say end up in a file somewhere? Nobody has said.",
        "My manager asked me what the CEO and I talk about, which made me uneasy.",
        "I'd like a guarantee that nothing from our chats gets passed on to HR.",
        "I'm nervous that things I shared in confidence will get around the office.",
        "Not convinced these conversations stay private.",
    ],
    "logistics": [
        "Twice we've turned up to find someone else in the room we reserved.",
        "Teams keeps freezing on her end so we lose half the conversation.",
        "I'm based in the depot and there's nowhere quiet to take a video call.",
        "We lost twenty minutes fiddling with the projector cable.",
        "The sound in the booth is terrible, we can barely hear each other.",
        "The VPN kicks me out every time we try to look at a shared document.",
    ],
    "support-lacking": [
        "Since the launch event we've heard nothing from whoever runs this.",
        "I emailed the programme inbox twice and never got a reply.",
        "Nobody explained what a good session is supposed to look like.",
        "It would be good to have someone to ask when things get awkward, at the moment "
        "there's no one.",
        "the HR team set it up and then vanished",
        "We were handed a pairing and left to get on with it.",
    ],
    "goals-not-served": [
        "My goal was to get to grips with how younger customers shop, and we haven't touched it.",
        "We keep talking about everything except what I signed up for.",
        "Three sessions in and I can't point to any progress on my objectives.",
        "The goals we wrote at the kick-off have been forgotten.",
        "I wanted to learn about hybrid working habits but we never get round to it.",
        "nice chats but nothing moving on what I actually wanted to work on",
    ],
    "valuable-development": [
        "Up there with the best development I've had in my career.",
        "If there's a second round, count me in.",
        "Best use of my time this year, by a distance.",
        "Worth every minute I've put into it.",
        "Ten out of ten, I've grown a lot through this.",
        "I've recommended the programme to three colleagues already.",
    ],
    "learning-digital-skills": [
        "I can now build a simple flow in Power Automate, which I couldn't in January.",
        "She walked me through how TikTok's algorithm decides what people see.",
        "Finally understand what people mean by prompt engineering.",
        "He's got me using shared notebooks instead of emailing spreadsheets around.",
        "I learned how to run a video call with breakout rooms.",
        "She taught me pivot tables, which I'd been too embarrassed to ask anyone about.",
    ],
    "candid-two-way": [
        "When we disagree we say so, and neither of us gets defensive.",
        "He asked me to be blunt about his emails, and I was.",
        "There's a real honesty in how we talk to each other.",
        "I get straight answers from her, and she gets them from me.",
        "We talk about the awkward stuff without tiptoeing around it.",
        "She told me plainly where my presentations lose the room, which I needed to hear.",
    ],
    "good-rapport": [
        "Clicked with her straight off, which I didn't expect.",
        "Our catch-ups are the highlight of my month.",
        "There's a lot of laughter when we meet.",
        "He's easy to talk to and really down to earth.",
        "We've become friends as much as a mentoring pair.",
        "She makes me feel at ease straight away.",
    ],
    "another-generation": [
        "I understand much better why new starters care so much about flexible hours.",
        "Hearing how someone in their twenties sees our brand was eye-opening.",
        "It's helped me see the company through the eyes of people just starting their careers.",
        "I've rethought some assumptions about what younger staff want from a manager.",
        "She explained why her friends judge employers by their values, not their salaries.",
        "Good window into how Gen Z thinks about work and loyalty.",
    ],
    "voices-heard": [
        "I've started asking the junior people on the call for their view first.",
        "Our remote team members are joining in much more since I changed the meeting format.",
        "People who used to stay silent in my staff meetings now speak up.",
        "I now make space on calls for the ones who don't shout loudest.",
        "The field staff say they feel listened to for the first time.",
        "My team's quieter analysts are contributing ideas in planning sessions.",
    ],
    "mentor-visibility": [
        "Because of this I got asked to brief the board on the staff app.",
        "My name is now known by people three levels above me.",
        "It's opened doors for me - I'm on a project I'd never have been considered for.",
        "She put me forward for the graduate council.",
        "The COO gave me a shout-out at the all-staff meeting, which would never have "
        "happened before.",
        "My line manager noticed I'm getting more exposure since joining.",
    ],
    "preparation-helps": [
        "Writing down three questions the night before makes a big difference.",
        "We share a short doc ahead of each session and it keeps us on point.",
        "Reading his notes beforehand means we get straight into it.",
        "The prep template is simple and it really does help us.",
        "When I plan the hour in advance, we cover twice as much.",
        "Agreeing the topic by message the day before saves a lot of faff.",
    ],
}

# Sentences that carry two themes, each with its pair of themes.
HELD_OUT_9_MIXED: list[tuple[str, list[str]]] = [
    (
        "We get on brilliantly, but finding a free hour is a nightmare.",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "I've picked up loads about data tools and I now see why younger staff work the way "
        "they do.",
        ["learning-digital-skills", "another-generation"],
    ),
    (
        "Nobody from the programme has checked on us and we're drifting without any plan.",
        ["support-lacking", "generic-or-unprepared"],
    ),
    (
        "I hold back my real views because I'm not sure it stays between us.",
        ["mentors-hold-back", "confidentiality-worries"],
    ),
    (
        "The sessions are too short and he spends most of them talking about himself.",
        ["too-short-or-far-apart", "mentee-takes-over"],
    ),
    (
        "Preparing together has made our talks really frank.",
        ["preparation-helps", "candid-two-way"],
    ),
    (
        "It's been great for my profile and I've learnt a huge amount overall.",
        ["mentor-visibility", "valuable-development"],
    ),
]

# Sentences that carry no theme.
HELD_OUT_9_NEUTRAL: list[str] = [
    "That's all from me.",
    "Our pair began in the autumn intake.",
    "I'm part of the procurement team.",
    "Happy to discuss in person.",
    "This is my second time filling this in.",
    "We switched to meeting at lunchtime last month.",
    "I've been with the company six years.",
    "Ask me again at the end.",
    "Will write more next time.",
]

# A tenth batch, written on 2026-12-07 (tenth session) before any change that session made
# and before anything was measured: the survey box as people type into it on a phone or
# between meetings (lower case, fragments, questions back to the organisers, a number or
# a name of a tool, British and American spellings), in wording written fresh, each
# sentence carrying its theme only.
HELD_OUT_10: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Our standing Tuesday slot has been bumped five weeks running.",
        "honestly the hardest part is just getting us both free at the same time",
        "Between quarter-end and my team's reorg, I've had no spare hour to give him.",
        "She's double-booked so often that I've stopped expecting our meetings to happen.",
        "We spent most of October trading calendar invites that never stuck.",
        "Shift patterns make it almost impossible for me to match his office hours.",
    ],
    "too-short-or-far-apart": [
        "By the time we've grabbed a coffee and settled in, our slot is nearly up.",
        "Meeting every eight weeks, we lose the thread each time.",
        "we're forever stopping mid-thought when the time's up",
        "The hour is over before we've touched the second item.",
        "Could we meet fortnightly? Monthly is too stretched out.",
        "Too much time passes between catch-ups for anything to stick.",
    ],
    "generic-or-unprepared": [
        "The session guide we got felt copy-and-pasted, nothing specific to us.",
        "We turn up, look at each other, and ask 'so what shall we talk about?'",
        "He never reads the pre-reading I send over.",
        "The discussion cards are so vague they could be about any job.",
        "no real structure, it's more of a coffee chat than a mentoring session",
        "Neither of us sets objectives for the hour, so it meanders.",
    ],
    "mentors-hold-back": [
        "I nod along with her even when I think she's got it wrong.",
        "Hard to be straight with someone who signs off on my team's budget.",
        "I water down my feedback so it doesn't sound like criticism.",
        "I'm still too wary to tell him when his emails come across badly.",
        "Part of me worries that speaking my mind will hurt my next promotion.",
        "I've had points I wanted to raise and just let them go.",
    ],
    "mentee-takes-over": [
        "He treats our sessions like a briefing where he does the talking.",
        "Most weeks I get maybe five minutes to speak.",
        "She sets the topics, runs the clock and decides what we skip.",
        "It's less reverse mentoring and more him mentoring me.",
        "I came to teach him about our tools and end up hearing war stories.",
        "My ideas get talked over before I finish the sentence.",
    ],
    "poor-fit": [
        "We work in such different worlds that neither of us can help the other much.",
        "I think I'd be a better match for someone in operations.",
        "Our personalities clash and the sessions feel forced.",
        "I don't see what the matching was based on.",
        "He wanted help with analytics, which is not my area at all.",
        "Nice enough person, wrong pairing.",
    ],
    "confidentiality-worries": [
        "I've heard that session notes get shared with line managers - is that true?",
        "I'm careful what I say because his office is next to my boss's.",
        "Not convinced the survey results won't be traced back to me.",
        "It worries me that our chat logs sit on a company server.",
        "If word got out about what I told her, it would be awkward for me.",
        "I'd open up more if I knew for sure it stays between the two of us.",
    ],
    "logistics": [
        "The room booking system never shows anything as free.",
        "Half our call went on trying to get screen sharing working.",
        "The audio on his laptop cuts in and out constantly.",
        "We met in the canteen because no rooms were free, and it was too noisy to think.",
        "The calendar invite had the wrong link, so we both sat in different calls.",
        "My work phone can't open the platform the programme uses.",
    ],
    "support-lacking": [
        "We've had no contact from the organisers since we were paired.",
        "Not sure who to go to if the pairing isn't working.",
        "The programme lead left and nobody replaced her.",
        "A mid-point check-in from the coordinators would have helped.",
        "We were given a welcome pack and then nothing.",
        "I asked for guidance on tricky conversations and didn't get an answer.",
    ],
    "goals-not-served": [
        "We set three goals at the start and haven't looked at them since.",
        "I wanted to understand social media marketing and we've barely mentioned it.",
        "Lovely chats, yet the skill I signed up to build hasn't moved.",
        "Our talks drift to general career chat rather than my objectives.",
        "The reason I joined - learning about hybrid teams - hasn't come up once.",
        "Progress on my development goal is basically zero.",
    ],
    "valuable-development": [
        "Hands down the best thing on my development plan.",
        "If there's a second round, put my name down.",
        "It's made me a more thoughtful leader.",
        "five stars, would recommend to any senior colleague",
        "I'm taking a lot away from this, more than I expected.",
        "The programme has had a real impact on how I work.",
    ],
    "learning-digital-skills": [
        "She showed me how to set up filters in our reporting dashboard.",
        "I now use the shared channel instead of forwarding emails around.",
        "Pivot tables no longer scare me, thanks to him.",
        "Learnt how to schedule posts on our company's Instagram.",
        "I finally get what people mean by the cloud and how we use it.",
        "With her help I've started using AI tools to draft my summaries.",
    ],
    "candid-two-way": [
        "Neither of us pulls punches, and neither of us takes offence.",
        "She told me my town halls sound scripted, and she was right.",
        "He gives as good as he gets when I push back.",
        "Nothing is off the table between us, in either direction.",
        "I've heard blunt truths about my leadership I wouldn't hear elsewhere.",
        "It goes both ways - I challenge him and he challenges me.",
    ],
    "good-rapport": [
        "Honestly a pleasure to spend an hour with him.",
        "He's great company and always up for a laugh.",
        "I come away from every session in a better mood.",
        "Really warm person, easy to be around.",
        "From the first coffee we just got on.",
        "There's a genuine friendship forming.",
    ],
    "another-generation": [
        "I finally get why graduates want feedback every week, not once a year.",
        "She opened my eyes to how people her age choose where to work.",
        "It's useful to hear how junior staff see our senior team.",
        "I understand now why my younger reports prefer messaging to calls.",
        "Learned what actually keeps people in their first job here, from someone living it.",
        "Talking to him showed me how differently new joiners see hierarchy.",
    ],
    "voices-heard": [
        "I've started asking the quieter people in my team for their view first.",
        "Our site-based staff now get a proper say in planning meetings.",
        "I changed our stand-up so people dialling in speak before those in the room.",
        "The introverts in my department contribute more since I changed how I run things.",
        "The people on my team who work from home say they're no longer an afterthought.",
        "I make a point of inviting input from people who rarely speak up.",
    ],
    "mentor-visibility": [
        "The director has introduced me to people I'd never have met otherwise.",
        "I got asked to present at the leadership offsite off the back of this.",
        "My name is known upstairs now.",
        "It's raised my profile more than anything else I've done here.",
        "I've been invited onto a cross-department working group because of her.",
        "Senior people now stop me in the corridor to ask my opinion.",
    ],
    "preparation-helps": [
        "Sending each other three bullet points beforehand makes a big difference.",
        "We prepare a question each, and the sessions are much sharper for it.",
        "The pre-session checklist keeps us from going off on tangents.",
        "Since I started doing a bit of prep, the hour feels productive.",
        "We review last time's actions before each meeting, which keeps us on track.",
        "Having a clear topic agreed upfront has made all the difference.",
    ],
}

# Sentences that carry two themes, each with its pair of themes.
HELD_OUT_10_MIXED: list[tuple[str, list[str]]] = [
    (
        "He's a great laugh, but he never lets me get a word in.",
        ["good-rapport", "mentee-takes-over"],
    ),
    (
        "Our sessions are really honest, though half an hour is never enough.",
        ["candid-two-way", "too-short-or-far-apart"],
    ),
    (
        "I've learned to use our new CRM, and senior people are starting to notice me.",
        ["learning-digital-skills", "mentor-visibility"],
    ),
    (
        "The wifi in the meeting pod is awful and nobody from the programme has sorted it.",
        ["logistics", "support-lacking"],
    ),
    (
        "We don't have much in common and my goals keep getting sidelined.",
        ["poor-fit", "goals-not-served"],
    ),
    (
        "My remote team speaks up more now, and I get what younger staff expect from us.",
        ["voices-heard", "another-generation"],
    ),
    (
        "Doing the prep has made the whole thing far more worthwhile for me.",
        ["preparation-helps", "valuable-development"],
    ),
]

# Sentences that carry no theme.
HELD_OUT_10_NEUTRAL: list[str] = [
    "I'm in the accounts payable team.",
    "I'm based at head office.",
    "No comments at this stage.",
    "He's the head of operations.",
    "I joined the programme in the second cohort.",
    "typing this on the train so excuse the brevity",
    "This was our fifth meeting.",
    "Same as what I put in the first survey.",
    "nope, all covered",
]

# An eleventh batch, written on 2026-12-07 (tenth session) after that session's changes and
# before the next one, to judge the next change: colleagues writing in English as a second
# language (plain grammar, literal turns of phrase) and a few in formal report language,
# in wording written fresh, each sentence carrying its theme only.
HELD_OUT_11: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Is very difficult to find a time when both of us are free.",
        "My mentee has always urgent meetings, so our session is moved many times.",
        "We agreed to meet every two weeks but until now we met only one time.",
        "Because of the project deadline I could not come to the last three sessions.",
        "Our agendas are too full, we postpone again and again.",
        "I regret to report that scheduling conflicts have prevented most of our meetings.",
    ],
    "too-short-or-far-apart": [
        "One hour is too little, we never arrive to the end of the topics.",
        "Between one session and the next one passes too much time.",
        "I would prefer sessions more long, maybe two hours.",
        "The interval between meetings is excessive and continuity suffers.",
        "When we start to go deep, the time is already finished.",
        "Please make the meetings more frequent, one per month is not sufficient.",
    ],
    "generic-or-unprepared": [
        "The questions in the guide are very general, not for our situation.",
        "We come to the meeting without preparation and talk about random things.",
        "The materials provided lacked relevance to my specific development needs.",
        "Nobody of us prepares the topic before.",
        "The template agenda is the same for everybody, it does not help us.",
        "Sessions lack any structure and tend to be improvised.",
    ],
    "mentors-hold-back": [
        "In my culture it is not polite to criticise a senior person, so I stay quiet.",
        "I am afraid to say my real opinion to a director.",
        "I do not feel comfortable to give negative feedback to my mentee.",
        "I tend to moderate my observations given the hierarchical distance.",
        "When he asks me what I think, I say only positive things.",
        "Is hard for me to tell him that his idea is not good.",
    ],
    "mentee-takes-over": [
        "In our sessions my mentee has the word ninety percent of the time.",
        "He decides everything in the session, I have no space for my topics.",
        "She uses the meeting for explain me her projects.",
        "The sessions are predominantly directed by my mentee's own agenda.",
        "I try to share something but he always returns to his stories.",
        "It feels like I am the one being mentored, not him.",
    ],
    "poor-fit": [
        "Our work areas are too different, I cannot help her with what she needs.",
        "I think the matching was not correct for us.",
        "We have not much in common and the conversation is difficult.",
        "There appears to be limited alignment between my expertise and my mentee's interests.",
        "He needs somebody who knows finance, and I am from IT.",
        "Maybe another partner would be better for me.",
    ],
    "confidentiality-worries": [
        "I am not sure if my manager can see what we discuss.",
        "Who has access to these answers? I prefer to know before I write more.",
        "I am worried that the notes will be used in my evaluation.",
        "Assurances regarding the confidentiality of our discussions would be appreciated.",
        "Some colleagues told me the coordinators read everything, is it true?",
        "For me it is not clear that our talks are kept secret.",
    ],
    "logistics": [
        "The internet connection from my site is very bad for video calls.",
        "We never find a free room, always the rooms are booked.",
        "The platform does not work on my computer.",
        "Technical difficulties with the conferencing software have disrupted several sessions.",
        "The microphone of my mentee don't work well, I hear only half.",
        "The invitation link was wrong and we lost the session.",
    ],
    "support-lacking": [
        "We did not receive any help from the program organisers.",
        "I don't know whom to contact if we have a problem.",
        "After the kick-off nobody asked us how it goes.",
        "Additional guidance from the programme office would be beneficial.",
        "My two messages to the program office are still without answer.",
        "We need more support, we feel alone in this.",
    ],
    "goals-not-served": [
        "My objective was to learn about data analysis, but we never talk about it.",
        "The objectives of my form from the beginning are forgotten.",
        "Until now I have no progress on my development objectives.",
        "The discussions have not addressed the objectives established at the outset.",
        "We talk about many things but not about what I need.",
        "My goal to improve presentation skills is still not touched.",
    ],
    "valuable-development": [
        "This program is very useful for me, I learn a lot.",
        "I am very grateful for this opportunity, it helped me to grow.",
        "The experience has been highly beneficial to my professional development.",
        "Really good experience, I recommend to all colleagues.",
        "I think this is the best training I had in this company.",
        "It changed my way of thinking about my work.",
    ],
    "learning-digital-skills": [
        "Now I know to use Power BI for my reports thanks to my mentor.",
        "She teached me how to use the new CRM system.",
        "I have acquired practical competence in several collaboration tools.",
        "He showed me how to make automatic tasks in Excel.",
        "I learn to use Teams better, for example the channels and the files.",
        "Thanks to him I understand now how to use AI for write emails.",
    ],
    "candid-two-way": [
        "We speak very openly, both of us say what we think.",
        "My mentee accepts my critics and he also gives me honest feedback.",
        "Our exchanges are characterised by mutual candour.",
        "She is direct with me and I can be direct with her.",
        "We can discuss difficult topics without problem.",
        "Is a relation where both can be sincere.",
    ],
    "good-rapport": [
        "We have a very good relation, I feel comfortable with him.",
        "She is very kind and friendly with me.",
        "We developed an excellent working relationship.",
        "I like very much our meetings, the atmosphere is nice.",
        "We understand each other very well.",
        "He is a very nice person, easy to talk.",
    ],
    "another-generation": [
        "I understand better now what the young employees expect from the company.",
        "He explained me how his generation thinks about career and work-life balance.",
        "The programme afforded valuable insight into the perspectives of early-career staff.",
        "Now I see why the young people prefer to work flexible.",
        "It was interesting to learn what the new generation values in an employer.",
        "Talking with her I understood the priorities of people in their twenties.",
    ],
    "voices-heard": [
        "Now in my meetings I ask first the opinion of the people who speak less.",
        "The colleagues working remotely participate more since I changed the format.",
        "I have implemented measures to ensure quieter team members are heard.",
        "My team say that now they can give their ideas more easily.",
        "I make sure that colleagues in other offices can also speak in the meetings.",
        "Junior people in my department talk more in meetings now.",
    ],
    "mentor-visibility": [
        "Because of this program, the directors know my name.",
        "I had the chance to present my work to the senior management.",
        "My visibility within the organisation has increased considerably.",
        "I was invited to a strategy meeting with the leadership team.",
        "Now I have contacts with important people in the company.",
        "People from the board now say hello to me in the corridors.",
    ],
    "preparation-helps": [
        "If we think about the questions before the meeting, we have a much better discussion.",
        "We send the topics by email one day before and this helps a lot.",
        "Advance preparation has markedly improved the quality of our sessions.",
        "I write a small list of points before each meeting, it keeps us focused.",
        "Preparing the agenda together makes the meetings more efficient.",
        "Since we plan the sessions, we use the time much better.",
    ],
}

# Sentences that carry two themes, each with its pair of themes.
HELD_OUT_11_MIXED: list[tuple[str, list[str]]] = [
    (
        "We have a good relation but is very difficult to find time for meet.",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "I am afraid to be honest with him, and he also speaks all the time.",
        ["mentors-hold-back", "mentee-takes-over"],
    ),
    (
        "The programme helped me a lot and now I use digital tools much better.",
        ["valuable-development", "learning-digital-skills"],
    ),
    (
        "Nobody from the organisers contacted us and the guide questions are too general.",
        ["support-lacking", "generic-or-unprepared"],
    ),
    (
        "I am not sure our talks are private, and the video link fails often.",
        ["confidentiality-worries", "logistics"],
    ),
    (
        "Now I understand young colleagues better and I let more people speak in my meetings.",
        ["another-generation", "voices-heard"],
    ),
    (
        "We prepare before each meeting and we can speak very openly.",
        ["preparation-helps", "candid-two-way"],
    ),
]

# Sentences that carry no theme.
HELD_OUT_11_NEUTRAL: list[str] = [
    "I work in the logistics department.",
    "My English is not perfect, sorry.",
    "Until today we had three meetings.",
    "I am in the company since 2019.",
    "The following appointment is in January.",
    "From my side it is everything.",
    "My mentee is head of sales.",
    "I answer this survey for the first time.",
    "Greetings to the team.",
]

# A twelfth batch, written on 2026-12-07 (thirteenth session) before any change of that
# session, to judge the next one: understatement and hedging ("not ideal", "I suppose"),
# and small anecdotes that show a theme without naming it, as a coordinator reads them in
# a survey box, in wording written fresh, each sentence carrying its theme only.
HELD_OUT_12: dict[str, list[str]] = {
    "hard-to-find-time": [
        "Last Tuesday she cancelled ten minutes before, and that was the fourth time.",
        "It hasn't been ideal that we've only managed the one meeting since September.",
        "By the time his calendar clears it's usually gone seven and we're both shattered.",
        "I suppose we'd see each other more if quarter end weren't every other week.",
        "The slot we booked in October has been bumped to December, then to January.",
        "Finding an hour where neither of us is in a client meeting has been a bit of a saga.",
    ],
    "too-short-or-far-apart": [
        "The slot is gone almost before the coffee has cooled.",
        "With two months between meetings we mostly spend the start catching up on what we "
        "said last time.",
        "I'd happily give it double the time if the programme allowed.",
        "Once a quarter is perhaps a little sparse to build any momentum.",
        "Just as we get somewhere interesting the next person is knocking on the meeting "
        "room door.",
        "A little more often would be nice, as things tend to go cold in between.",
    ],
    "generic-or-unprepared": [
        "Last time we sat down and neither of us had a clue what we were meant to cover.",
        "The suggested topics read a bit like they were written for any company anywhere.",
        "It has tended to be a pleasant chat rather than a session with any shape to it.",
        "The question cards felt rather beginner level for someone who has led a team for "
        "twenty years.",
        "We turned up, looked at each other and said so what shall we talk about today.",
        "I'm not convinced the starter questions fit a finance department.",
    ],
    "mentors-hold-back": [
        "When he presented his new intranet idea I nodded along, though I thought it would flop.",
        "I've had a couple of things I wanted to say about how he runs meetings but bottled it.",
        "Honestly telling a managing director that the town hall was dull is not something "
        "I'm brave enough for yet.",
        "I probably soften my points more than I should, given who she is.",
        "There is a voice in my head reminding me he signs off promotions.",
        "I keep the critical stuff to myself for now, maybe later on.",
    ],
    "mentee-takes-over": [
        "Last session I managed about two sentences before we were back to his reorganisation.",
        "She's lovely but does tend to turn every meeting into a briefing on her department.",
        "I had prepared three topics and we got through none of them because he had his own list.",
        "It can feel a bit like I'm an audience for his war stories.",
        "More often than not she's already decided what we discuss before I've sat down.",
        "I get the odd word in, to be fair.",
    ],
    "poor-fit": [
        "She wanted someone to talk through machine learning with and I'm in payroll.",
        "I'm not sure the two of us were ever the most natural combination.",
        "We get on fine personally but I have very little to offer on what he actually needs.",
        "When he asked me about recruiting graduates I had to admit I've never hired anyone.",
        "I do wonder whether someone from the digital team would serve her better.",
        "Our interests barely overlap, which makes it hard going.",
    ],
    "confidentiality-worries": [
        "My line manager mentioned one of our topics in my one-to-one, which rattled me a little.",
        "I'd be more forthcoming if I knew exactly where this survey ends up.",
        "Part of me wonders whether the notes app is visible to IT.",
        "I've been a touch careful since someone said the coordinators get a report on every pair.",
        "Not entirely sure what happens to what I write in the session log.",
        "It would put my mind at rest to hear that our conversations stay between the two of us.",
    ],
    "logistics": [
        "We spent the first twenty minutes of the last session trying to get his laptop onto "
        "the guest wifi.",
        "The meeting room we were given has a broken screen and no heating.",
        "My calendar invite came through with the wrong time zone, so I sat alone in the "
        "call for an hour.",
        "The coffee shop downstairs is too noisy, and there's nowhere else free.",
        "Her audio cuts out every few minutes on the Leeds connection.",
        "Booking a room through the new system is more trouble than it's worth.",
    ],
    "support-lacking": [
        "I emailed about changing our day back in October and I'm still waiting.",
        "Beyond the welcome pack we haven't heard a peep from the organisers.",
        "It would have been useful to have someone check in after the first couple of meetings.",
        "When things got awkward there was nobody obvious to ask.",
        "The programme team seem to have gone rather quiet since launch.",
        "A little more steer from the centre wouldn't go amiss.",
    ],
    "goals-not-served": [
        "I signed up to get better at running workshops and we haven't touched it.",
        "Looking back at what I wrote on my form in the spring, we've drifted off it completely.",
        "Pleasant enough, but I can't say I'm any nearer to what I came for.",
        "The career planning I wanted help with keeps getting pushed to next time.",
        "We seem to talk about everything except the two things I put down as my aims.",
        "Not much movement on my objectives so far, I'm afraid.",
    ],
    "valuable-development": [
        "I went in a little sceptical and have come out a convert.",
        "It's probably the most I've got out of any company scheme.",
        "Hard to put into words how much I've learnt from this.",
        "Quietly one of the better decisions I've made this year.",
        "I was told it would be worth the time and it has been.",
        "My partner at home says I've not stopped talking about it.",
    ],
    "learning-digital-skills": [
        "Last week he built me a little automation that saves my team a morning every month.",
        "I can now set up a shared planner board without phoning the helpdesk.",
        "She talked me through filters and pivot tables until they finally clicked.",
        "I finally understand what people mean by a prompt for a chatbot, and I've used one "
        "to draft meeting minutes.",
        "Turns out the collaboration app can do far more than I was using it for.",
        "He got me onto the analytics dashboard, which I had been avoiding for a year.",
    ],
    "candid-two-way": [
        "She told me straight that my slides were far too wordy, and I've returned the favour.",
        "Neither of us pulls punches, which I rather like.",
        "We disagreed about the office move and said so to each other's faces.",
        "When I got something wrong he pointed it out, and when he did I was able to say so.",
        "There's no tiptoeing in our meetings, in either direction.",
        "We're honest with each other, even when it stings a bit.",
    ],
    "good-rapport": [
        "We ended up chatting about football for twenty minutes before we remembered why we "
        "were there.",
        "He's easy company and we never run short of things to chat about.",
        "There was an easy chemistry between us straight away.",
        "It's a friendly relationship, with plenty of laughs.",
        "She remembered my daughter's exams and asked how they went, which was kind.",
        "I'd say we get along very well.",
    ],
    "another-generation": [
        "I had assumed graduates want a job for life, and she put me right on that.",
        "He explained why nobody his age answers an unexpected call, which made me laugh.",
        "I now realise how differently people starting out view loyalty to one employer.",
        "Hearing how his friends pick employers by their values was an eye-opener.",
        "It's shifted my picture of what people in their first job actually want.",
        "I think I get the younger cohort a bit more than I did.",
    ],
    "voices-heard": [
        "Since the summer I've started going round the room so the quieter ones speak before I do.",
        "People dialling in from the depots get first say in our Monday meeting now.",
        "Two of my more reserved analysts have started contributing, which is lovely to see.",
        "I've stopped letting the loudest person in the room set the direction.",
        "Our remote staff told me they no longer feel like an afterthought.",
        "More voices in our meetings than there used to be.",
    ],
    "mentor-visibility": [
        "The CFO stopped me in the lift last week and asked how my project was going.",
        "Being asked to sit in on the leadership offsite was not something I expected in my "
        "second year.",
        "I've been put forward for the stretch assignment, which I doubt would have happened "
        "otherwise.",
        "Senior people seem to have a clearer idea of what I actually do.",
        "My name came up in a talent review, so I'm told.",
        "It's opened a few doors I didn't know were there.",
    ],
    "preparation-helps": [
        "The week we each wrote down one question beforehand was our best session by far.",
        "Sending over a couple of bullet points the day before seems to make all the difference.",
        "When I've done my homework the hour flies by and we actually get through things.",
        "We agree the topic at the end of each meeting, so the next one has a head start.",
        "Having a short list in front of us stops us wandering off.",
        "A bit of thought upfront goes a long way.",
    ],
}

# Sentences that carry two themes, each with its pair of themes.
HELD_OUT_12_MIXED: list[tuple[str, list[str]]] = [
    (
        "We get on famously, but we've only managed to meet twice since the spring.",
        ["good-rapport", "hard-to-find-time"],
    ),
    (
        "He does most of the talking, and I haven't quite found the nerve to tell him his "
        "plan won't work.",
        ["mentee-takes-over", "mentors-hold-back"],
    ),
    (
        "It's been worth every minute, not least because I can now build my own reports.",
        ["valuable-development", "learning-digital-skills"],
    ),
    (
        "We had no idea what to cover, and nobody from the programme ever got back to us.",
        ["generic-or-unprepared", "support-lacking"],
    ),
    (
        "I'm a touch wary of who reads this, and the video link drops every session anyway.",
        ["confidentiality-worries", "logistics"],
    ),
    (
        "She opened my eyes to how her generation sees work, and I now let the juniors speak "
        "first in team meetings.",
        ["another-generation", "voices-heard"],
    ),
    (
        "We each bring a few notes along, and neither of us minces words.",
        ["preparation-helps", "candid-two-way"],
    ),
]

# Sentences that carry no theme.
HELD_OUT_12_NEUTRAL: list[str] = [
    "I'm in the procurement team on the third floor.",
    "We're due to meet again after the holidays.",
    "Nothing to add that I didn't say last time.",
    "My mentee runs the customer service division.",
    "I've been here about eighteen months.",
    "This is my second year on the scheme.",
    "Happy to talk about any of this in person.",
    "We usually meet on a Thursday afternoon.",
    "I'll leave it there.",
]


# The batches after the first lists, by the name the summaries eval gives their sets:
# (sentences by theme, sentences with two themes, sentences with none).
LATER_BATCHES: dict[str, tuple[dict[str, list[str]], list[tuple[str, list[str]]], list[str]]] = {
    "held_out_2": (HELD_OUT_2, HELD_OUT_2_MIXED, HELD_OUT_2_NEUTRAL),
    "held_out_3": (HELD_OUT_3, HELD_OUT_3_MIXED, HELD_OUT_3_NEUTRAL),
    "read_4": (READ_4, READ_4_MIXED, READ_4_NEUTRAL),
    "read_5": (READ_5, READ_5_MIXED, READ_5_NEUTRAL),
    "read_6": (READ_6, READ_6_MIXED, READ_6_NEUTRAL),
    "held_out_7": (HELD_OUT_7, HELD_OUT_7_MIXED, HELD_OUT_7_NEUTRAL),
    "held_out_8": (HELD_OUT_8, HELD_OUT_8_MIXED, HELD_OUT_8_NEUTRAL),
    "held_out_9": (HELD_OUT_9, HELD_OUT_9_MIXED, HELD_OUT_9_NEUTRAL),
    "held_out_10": (HELD_OUT_10, HELD_OUT_10_MIXED, HELD_OUT_10_NEUTRAL),
    "held_out_11": (HELD_OUT_11, HELD_OUT_11_MIXED, HELD_OUT_11_NEUTRAL),
    "held_out_12": (HELD_OUT_12, HELD_OUT_12_MIXED, HELD_OUT_12_NEUTRAL),
}
