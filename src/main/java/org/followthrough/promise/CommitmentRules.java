package org.followthrough.promise;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether one sentence commits the agent's side to doing something, and which of its due
 * phrases belongs to that commitment. Works on the lower-cased {@link CommitmentSentence#analysed()}
 * text.
 *
 * <p>A sentence commits when one of its clauses carries a cue — "I'll", "we will", "I'm going to",
 * "let me … and get back to you", "you will receive", "expect … by", "I've arranged for … by",
 * "your refund will be processed within …" — that is not negated, not asked, not offered ("if
 * you'd like"), not generic policy ("usually") and not reported ("you said you will"). Cues that
 * only commit with a time ("the courier will collect it", "we're sending") need a due phrase in
 * their clause. The rules are listed in {@code docs/promise-detector.md}.
 */
final class CommitmentRules {

    /** Who the sentence says will act: it sets how sure the detector is. */
    enum Voice {
        /** "I'll", "we will", "let me", "I've arranged". */
        AGENT,
        /** "you will receive", "expect a call". */
        CUSTOMER_RECEIVES,
        /** "the courier will collect", "your refund will be processed". */
        THIRD_PARTY
    }

    /** What a cue needs besides itself before it counts as a commitment. */
    private enum Needs {
        NOTHING,
        DUE_PHRASE,
        TIMED_DUE,
        FOLLOW_UP_OR_TIMED_DUE
    }

    /** A commitment read from one sentence. */
    record Reading(Voice voice, DuePhrase due, boolean hedged, boolean conditional, boolean tagQuestion) {}

    /**
     * A pattern and what it commits to; it can only match a sentence holding one of {@code words}.
     * When {@code subject} is set, the pattern starts at the verb ("will", "is scheduled to") and
     * the subject must end right before it: looking back from the rare verb is much cheaper than
     * trying a noun phrase at every word.
     */
    private record Cue(Pattern pattern, Pattern subject, Voice voice, Needs needs, boolean hedged, String... words) {

        Cue(Pattern pattern, Voice voice, Needs needs, boolean hedged, String... words) {
            this(pattern, null, voice, needs, hedged, words);
        }

        boolean mayMatch(String sentence) {
            for (var word : words) {
                if (sentence.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Found(Cue cue, int start, int end) {}

    private record Candidate(Found found, DuePhrase due, boolean conditional, boolean hedged) {}

    private static final String ADVERBS = "(?:\\s+(?:also|definitely|certainly|personally|then|now|still|just"
            + "|gladly|happily|absolutely|surely|immediately|promptly|of course|first|hopefully|probably|likely"
            + "|quickly|aim to|try to|try and|endeavou?r to|do (?:my|our) best to|make sure to|be sure to))*+";

    /** After "I'll" / "we will", words that state a mood, a presence or a need rather than a promise. */
    private static final String NOT_A_PROMISE =
            "(?!\\s+(?:not|never|n't)(?![a-z]))(?!\\s+(?:be\\s+(?:happy|glad|pleased"
                    + "|delighted|honest|frank|brief|quick|here|around|available|closed|open|shut|away|off|out|on\\s+(?:leave"
                    + "|holiday|vacation)|unable|not|the\\s+one|in\\s+the\\s+office|back\\s+in\\s+the\\s+office|back\\s+at\\s+work)"
                    + "|need|look\\s+forward|miss|admit|say|let\\s+you\\s+go|leave\\s+it\\s+there|leave\\s+you|have\\s+to\\s+(?:ask|wait)"
                    + "|see(?!\\s+to\\s+it)|bet|get\\s+there|put\\s+you\\s+(?:on\\s+hold|through)|be\\s+right\\s+(?:back|with\\s+you)"
                    + "|wait\\s+and\\s+see)(?![a-z]))";

    private static final String INTERJECTION = "(?:(?:ok(?:ay)?|sure|yes|yep|great|thanks|no problem|noted|understood"
            + "|right|perfect|of course|absolutely)[,!.]?\\s+)?";

    private static final String THIRD_SUBJECT =
            "(?<![a-z'])(?:(?:your|the|our|my|this|that|a|an)\\s+[a-z-]+(?:\\s+[a-z-]+){0,2}"
                    + "(?:\\s+(?:of|for)\\s+[£$€]?[a-z0-9][a-z0-9.,-]*)?"
                    + "|it|this|that|they|he|she|someone|somebody|one\\s+of\\s+(?:our|the)\\s+[a-z-]+"
                    + "|[a-z]+\\s+from\\s+(?:our|the)\\s+[a-z-]+(?:\\s+[a-z-]+)?)";

    private static final String THIRD_VERB =
            "(?:be\\s+(?:with\\s+you|back(?!\\s+in\\s+the\\s+office)|delivered|redelivered"
                    + "|re-delivered|dispatched|shipped|sent|posted|processed|credited|refunded|reimbursed|issued|reissued"
                    + "|re-issued|replaced|repaired|fixed|resolved|restored|reconnected|activated|installed|collected"
                    + "|picked\\s+up|completed|done|ready|approved|paid|released|returned|in\\s+touch|cancell?ed|updated"
                    + "|applied|reversed|waived|corrected|emailed|mailed|rebooked|confirmed|arranged|scheduled|contacting"
                    + "|calling|sending|visiting|there|available\\s+to\\s+you|on\\s+(?:its|their|his|her)\\s+way"
                    + "|up\\s+and\\s+running)|arrive|deliver|collect|send|call|ring|contact|visit|reach\\s+out"
                    + "|get\\s+in\\s+touch|get\\s+back|email|review|process|reply|respond|follow\\s+up|update|confirm"
                    + "|investigate|look\\s+(?:at|into)|take(?!\\s+effect)|appear|show|reflect|land|reach|clear|post|ship"
                    + "|dispatch|refund|credit|fix|repair|install|replace|pick\\s+up|come|attend|phone|text|message|issue"
                    + "|reissue|re-issue|resend|re-send|redeliver|re-deliver|reconnect|restore|reverse|rebook|arrange"
                    + "|attempt|try\\s+again"
                    + "|complete|go\\s+out|check|assess|inspect|sort)(?![a-z])";

    private static final List<Cue> CUES = List.of(
            new Cue(
                    Pattern.compile("(?<![a-z'])(?:i|we)\\s*(?:'ll|'l|\\swill|\\sshall|\\swil)(?![a-z])" + ADVERBS
                            + NOT_A_PROMISE + "\\s+[a-z]"),
                    Voice.AGENT,
                    Needs.NOTHING,
                    false,
                    "'l",
                    "wil",
                    "shall"),
            new Cue(
                    Pattern.compile("^\\s*" + INTERJECTION + "(?:will|'ll)" + ADVERBS + NOT_A_PROMISE
                            + "\\s+(?!(?:you|we|i|they|it|he|she|that|this|there|your|the)(?![a-z]))[a-z]"),
                    Voice.AGENT,
                    Needs.NOTHING,
                    false,
                    "wil",
                    "'l"),
            new Cue(
                    Pattern.compile("(?<![a-z'])ill\\s+(?=(?:call|ring|send|email|get|be|check|look|update|chase|sort"
                            + "|follow|let|make|have|do|pass|come|contact|confirm|arrange|see|try|keep|phone|text"
                            + "|message|speak|talk|find|raise|escalate)(?![a-z]))"),
                    Voice.AGENT,
                    Needs.NOTHING,
                    false,
                    "ill "),
            new Cue(
                    Pattern.compile("(?<![a-z'])(?:(?:i|we)\\s*(?:'m|'re|\\sam|\\sare)|^\\s*" + INTERJECTION + ")"
                            + "(?:\\s+(?:also|now|just|definitely))*+\\s*(?:going\\s+to|gonna|about\\s+to|planning\\s+to"
                            + "|planning\\s+on)(?!\\s+(?:be\\s+(?:honest|frank|difficult|hard|tricky)|need|require|have\\s+to)(?![a-z]))"
                            + "\\s+[a-z]"),
                    Voice.AGENT,
                    Needs.NOTHING,
                    false,
                    "going",
                    "gonna",
                    "about to",
                    "planning"),
            new Cue(
                    Pattern.compile("(?<![a-z'])(?:i|we)\\s*(?:'m|'re|\\sam|\\sare)(?:\\s+(?:also|now|just))*+"
                            + "\\s+(?:hoping|aiming|trying)\\s+to\\s+[a-z]"),
                    Voice.AGENT,
                    Needs.TIMED_DUE,
                    true,
                    "hoping",
                    "aiming",
                    "trying"),
            new Cue(
                    Pattern.compile("(?<![a-z'])(?:i|we)\\s+(?:(?:also|fully|really|will)\\s+)?(?:plan|intend|promise"
                            + "|undertake|commit|want)\\s+to\\s+[a-z]"),
                    Voice.AGENT,
                    Needs.NOTHING,
                    false,
                    "plan",
                    "intend",
                    "promise",
                    "undertake",
                    "commit",
                    "want"),
            new Cue(
                    Pattern.compile("(?<![a-z'])(?:i|we)\\s+(?:(?:also|really)\\s+)?(?:aim|hope|expect)\\s+to"
                            + "\\s+(?!(?:hear|see)\\s+(?:from\\s+)?you(?![a-z]))[a-z]"),
                    Voice.AGENT,
                    Needs.TIMED_DUE,
                    true,
                    "aim",
                    "hope",
                    "expect"),
            new Cue(
                    Pattern.compile("(?<![a-z'])let\\s+(?:me|us)\\s+(?!know(?![a-z]))[a-z]"),
                    Voice.AGENT,
                    Needs.FOLLOW_UP_OR_TIMED_DUE,
                    false,
                    "let "),
            new Cue(
                    Pattern.compile("(?<![a-z'])(?:i|we)\\s+should\\s+(?:be\\s+able\\s+to|have|be|get|know|hear)"
                            + "(?![a-z])(?!\\s+(?:been|had|received|sent|done|known|heard|got|gotten|called|[a-z]+ed)"
                            + "(?![a-z]))"),
                    Voice.AGENT,
                    Needs.DUE_PHRASE,
                    true,
                    "should"),
            new Cue(
                    Pattern.compile(
                            "(?<![a-z'])(?:i|we)(?:\\s*'ve|\\s+have)?(?:\\s+(?:now|just|already|also))*+"
                                    + "\\s+(?:arranged|asked|booked|scheduled|requested|instructed|organised|organized"
                                    + "|set\\s+up|lined\\s+up|put\\s+in\\s+a\\s+request|raised\\s+a\\s+request|reserved)(?![a-z])"),
                    Voice.AGENT,
                    Needs.DUE_PHRASE,
                    false,
                    "arranged",
                    "asked",
                    "booked",
                    "scheduled",
                    "requested",
                    "instructed",
                    "organi",
                    "set up",
                    "lined up",
                    "request",
                    "reserved"),
            new Cue(
                    Pattern.compile("(?<![a-z'])(?:i|we)\\s*(?:'m|'re|\\sam|\\sare)(?:\\s+(?:also|now|just))*+"
                            + "\\s+(?:sending|calling|ringing|emailing|shipping|dispatching|posting|processing|issuing"
                            + "|arranging|booking|refunding|crediting|couriering|delivering|replacing|escalating"
                            + "|collecting|chasing|following|reissuing|re-issuing|resending|re-sending|visiting"
                            + "|confirming|updating|transferring|paying|releasing|installing|fixing|restoring|getting"
                            + "|bringing|returning|contacting)(?![a-z])(?!\\s+to(?![a-z]))"),
                    Voice.AGENT,
                    Needs.DUE_PHRASE,
                    false,
                    "'m",
                    "'re",
                    " am ",
                    " are "),
            new Cue(
                    Pattern.compile("(?<![a-z'])you\\s*(?:'ll|\\swill|\\sshall)(?:\\s+(?:also|definitely|then|soon"
                            + "|shortly|now|automatically|certainly))*+\\s+(?:receive|get(?!\\s+charged)|hear"
                            + "|be\\s+(?:contacted|called|refunded|credited|reimbursed|notified|emailed|sent|updated"
                            + "|compensated|rebooked|issued|given|offered|receiving|getting|hearing)"
                            + "|have(?=\\s+(?!to(?![a-z]))[a-z]))(?![a-z])"),
                    Voice.CUSTOMER_RECEIVES,
                    Needs.NOTHING,
                    false,
                    "'ll",
                    "will",
                    "shall"),
            new Cue(
                    Pattern.compile("(?<![a-z'])you\\s*(?:'ll|\\swill)\\s+(?:see|be\\s+able\\s+to|notice)(?![a-z])"),
                    Voice.CUSTOMER_RECEIVES,
                    Needs.DUE_PHRASE,
                    false,
                    "'ll",
                    "will"),
            new Cue(
                    Pattern.compile("(?<![a-z'])you\\s+should\\s+(?:receive|get|hear|see|have|be\\s+(?:contacted"
                            + "|called|refunded|credited|able\\s+to))(?![a-z])(?!\\s+(?:been|received|got|gotten"
                            + "|heard|seen|had)(?![a-z]))"),
                    Voice.CUSTOMER_RECEIVES,
                    Needs.DUE_PHRASE,
                    true,
                    "should"),
            new Cue(
                    Pattern.compile("(?:^\\s*|(?<![a-z'])(?:you\\s+can|you\\s+may|please|so\\s+you\\s+can|you\\s+should"
                            + "|you\\s+could)\\s+)expect\\s+(?!(?:that|me|us\\s+to|delays?)(?![a-z]))[a-z]"),
                    Voice.CUSTOMER_RECEIVES,
                    Needs.NOTHING,
                    false,
                    "expect"),
            new Cue(
                    Pattern.compile("(?:'ll|(?<![a-z'])(?:will|shall|is\\s+going\\s+to|are\\s+going\\s+to)|'s\\s+going"
                            + "\\s+to)(?:\\s+(?:also|then|now|definitely|automatically|only|be\\s+able\\s+to))*+\\s+"
                            + THIRD_VERB),
                    Pattern.compile(THIRD_SUBJECT + "\\s*$"),
                    Voice.THIRD_PARTY,
                    Needs.DUE_PHRASE,
                    false,
                    "wil",
                    "'l",
                    "shall",
                    "going"),
            new Cue(
                    Pattern.compile(
                            "(?<![a-z'])and\\s+(?:will|'ll)(?:\\s+(?:also|then|now|definitely))*+\\s+" + THIRD_VERB),
                    Voice.THIRD_PARTY,
                    Needs.DUE_PHRASE,
                    false,
                    "and "),
            new Cue(
                    Pattern.compile("(?<![a-z'])should(?:\\s+(?:also|then|now))*+\\s+" + THIRD_VERB
                            + "(?!\\s+(?:been|arrived|received|had)(?![a-z]))"),
                    Pattern.compile(THIRD_SUBJECT + "\\s+$"),
                    Voice.THIRD_PARTY,
                    Needs.DUE_PHRASE,
                    true,
                    "should"),
            new Cue(
                    Pattern.compile(
                            "(?<![a-z])(?:(?:scheduled|booked|planned|arranged|set|confirmed)(?:\\s+in)?\\s+(?:to|for)"
                                    + "|due\\s+to\\s+(?:arrive|be|reach|land|ship|go))(?![a-z])"),
                    Pattern.compile("(?<![a-z'])(?:your|the|our|my|a|an)\\s+[a-z-]+(?:\\s+[a-z-]+){0,2}(?:\\s+(?:is|are"
                            + "|has\\s+been|have\\s+been)|'s)\\s+(?:now\\s+)?$"),
                    Voice.THIRD_PARTY,
                    Needs.DUE_PHRASE,
                    false,
                    "scheduled",
                    "booked",
                    "planned",
                    "arranged",
                    "set ",
                    "confirmed",
                    "due to"));

    /** How far before its verb a subject may start: "your new debit card for order 55812". */
    private static final int SUBJECT_REACH = 80;

    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            ";|,?\\s++(?:(?:but|however,?|although|whereas|though,?)\\s++|-++\\s)|,\\s++so\\s++(?!that(?![a-z]))");

    private static final Pattern POLICY = Pattern.compile("(?<![a-z])(?:usually|normally|typically|generally|always"
            + "|in\\s+most\\s+cases|as\\s+a\\s+rule|on\\s+average|tends?\\s+to|can\\s+take|may\\s+take|could\\s+take"
            + "|our\\s+policy|per\\s+(?:our\\s+)?policy)(?![a-z])");

    private static final Pattern OFFER = Pattern.compile("(?<![a-z])(?:if\\s+you(?:'d|\\s+would)?\\s+(?:like|prefer"
            + "|want|wish)|if\\s+you\\s+need|should\\s+you\\s+(?:wish|want|prefer|need)|if\\s+(?:that|it)\\s+helps"
            + "|if\\s+(?:that's|that\\s+is)\\s+easier|whichever\\s+you\\s+prefer|if\\s+that\\s+suits)(?![a-z])");

    private static final Pattern DOUBT_BEFORE = Pattern.compile("(?<![a-z])(?:(?:don't|do\\s+not|doesn't|does\\s+not"
            + "|didn't|did\\s+not)\\s+(?:think|believe|expect|know\\s+(?:if|whether|when))|not\\s+sure|unsure"
            + "|i\\s+doubt|unlikely|no\\s+guarantee|can't\\s+(?:guarantee|promise)|cannot\\s+(?:guarantee|promise)"
            + "|not\\s+certain)(?![a-z])");

    private static final Pattern NEGATION =
            Pattern.compile("(?<![a-z])(?:not|never|no|n't|won't|wont|can't|cannot|unable)(?![a-z])");

    private static final Pattern REPORTED_BEFORE = Pattern.compile(
            "(?<![a-z])(?:said|told\\s+[a-z]+|mentioned" + "|claimed|wrote|thought|hoped)\\s+(?:that\\s+)?$");

    private static final Pattern LEADING_CONDITION = Pattern.compile("^\\s*(?:(?:and|so|then|also|ok|okay),?\\s+)?"
            + "(?:if|once|when|whenever|as\\s+soon\\s+as|after|unless|in\\s+case|should|provided(?:\\s+that)?"
            + "|providing|assuming|until)(?![a-z])");

    private static final Pattern TRAILING_CONDITION = Pattern.compile(
            "\\s(?<word>if|unless|in\\s+case|provided" + "|providing|assuming|once|as\\s+soon\\s+as|when)\\s");

    private static final Pattern FOLLOW_UP = Pattern.compile("(?<![a-z])(?:get\\s+back|come\\s+back|revert"
            + "|follow\\s+up|update\\s+you|let\\s+you\\s+know|call\\s+you|ring\\s+you|email\\s+you|message\\s+you"
            + "|be\\s+in\\s+touch|report\\s+back|confirm)(?![a-z])");

    private static final Pattern HEDGE = Pattern.compile("(?<![a-z])(?:try|trying|tries|do\\s+(?:my|our)\\s+best"
            + "|aim|aiming|hope|hoping|hopefully|endeavou?r|attempt|should|probably|ideally|if\\s+possible"
            + "|where\\s+possible)(?![a-z])");

    private static final Pattern INTERROGATIVE_OPENING = Pattern.compile("^\\s*(?:(?:ok|okay|so|and|also|hi|hello"
            + "|sure)[,\\s]+)?(?:shall|should|would|could|can|may|will|do|does|did|is|are|have|has|was|were|what"
            + "|when|which|where|who|how|why)(?![a-z])");

    private static final Pattern QUESTION_WITHOUT_MARK = Pattern.compile("^\\s*(?:shall|should|would|could|can|may"
            + "|will|do|does|did)\\s+(?:i|we|you|it|they|he|she|that|this|there|the|your|our)(?![a-z])[^,]*$");

    private static final Pattern TAG_QUESTION = Pattern.compile("^\\s*(?:is\\s+that|does\\s+that|would\\s+that"
            + "|will\\s+that|ok|okay|alright|all\\s+right|right|if\\s+that|hope\\s+that|sound\\s+good|works|is\\s+this"
            + "|does\\s+this|can\\s+you\\s+confirm|let\\s+me\\s+know)(?![a-z])");

    /** The commitment in {@code sentence} (analysed text), if any; {@code phrases} are its due phrases. */
    Optional<Reading> read(String sentence, List<DuePhrase> phrases) {
        int end = trimmedEnd(sentence);
        boolean tagQuestion = false;
        if (end > 0 && sentence.charAt(end - 1) == '?') {
            int comma = Math.max(sentence.lastIndexOf(',', end), sentence.lastIndexOf(" - ", end));
            if (comma < 0
                    || INTERROGATIVE_OPENING.matcher(sentence).lookingAt()
                    || !TAG_QUESTION.matcher(sentence).region(comma + 1, end).lookingAt()) {
                return Optional.empty();
            }
            end = comma;
            tagQuestion = true;
        } else if (QUESTION_WITHOUT_MARK.matcher(sentence).region(0, end).matches()) {
            return Optional.empty();
        }

        var possible = new ArrayList<Cue>(CUES.size());
        for (var cue : CUES) {
            if (cue.mayMatch(sentence)) {
                possible.add(cue);
            }
        }
        if (possible.isEmpty()) {
            return Optional.empty();
        }
        var clauses = clauses(sentence, end);
        var candidates = new ArrayList<Candidate>(2);
        for (int c = 0; c < clauses.size(); c += 2) {
            int from = clauses.get(c);
            int to = clauses.get(c + 1);
            var candidate = candidate(sentence, from, to, phrases, clauses, c, possible);
            if (candidate != null) {
                candidates.add(candidate);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        var chosen = candidates.stream()
                .filter(k -> k.due() != null && !k.due().vague())
                .findFirst()
                .or(() -> candidates.stream().filter(k -> k.due() != null).findFirst())
                .orElse(candidates.getFirst());
        return Optional.of(new Reading(
                chosen.found().cue().voice(), chosen.due(), chosen.hedged(), chosen.conditional(), tagQuestion));
    }

    /** The clause boundaries as start, end pairs. */
    private static List<Integer> clauses(String sentence, int end) {
        var bounds = new ArrayList<Integer>(4);
        var breaks = CLAUSE_BREAK.matcher(sentence).region(0, end);
        int start = 0;
        while (breaks.find()) {
            bounds.add(start);
            bounds.add(breaks.start());
            start = breaks.end();
        }
        bounds.add(start);
        bounds.add(end);
        return bounds;
    }

    private static Candidate candidate(
            String sentence,
            int from,
            int to,
            List<DuePhrase> phrases,
            List<Integer> clauses,
            int clauseIndex,
            List<Cue> possible) {
        if (from >= to
                || POLICY.matcher(sentence).region(from, to).find()
                || OFFER.matcher(sentence).region(from, to).find()) {
            return null;
        }
        var found = cue(sentence, from, to, possible);
        if (found == null) {
            return null;
        }
        int mainStart = from;
        boolean conditional = false;
        if (LEADING_CONDITION.matcher(sentence).region(from, to).lookingAt()) {
            int comma = sentence.indexOf(',', from);
            if (comma >= 0 && comma < found.start()) {
                mainStart = comma + 1;
            }
            conditional = true;
        }
        int mainEnd = to;
        var trailing = TRAILING_CONDITION.matcher(sentence).region(found.end(), to);
        if (trailing.find()) {
            mainEnd = trailing.start();
            var word = trailing.group("word");
            conditional |= !word.equals("once") && !word.equals("when") && !word.startsWith("as");
        }

        var due = firstAfter(phrases, found.start(), mainEnd);
        if (due == null) {
            due = lastBefore(phrases, mainStart, found.start());
        }
        if (due == null) {
            due = firstAfter(phrases, found.start(), to);
        }
        if (due == null) {
            due = borrowed(sentence, phrases, clauses, clauseIndex, possible);
        }

        var cue = found.cue();
        boolean timed = due != null && !due.vague();
        boolean satisfied = switch (cue.needs()) {
            case NOTHING -> true;
            case DUE_PHRASE -> due != null;
            case TIMED_DUE -> timed;
            case FOLLOW_UP_OR_TIMED_DUE ->
                timed || FOLLOW_UP.matcher(sentence).region(found.end(), to).find();
        };
        if (!satisfied) {
            return null;
        }
        boolean hedged = cue.hedged()
                || HEDGE.matcher(sentence).region(mainStart, mainEnd).find();
        return new Candidate(found, due, conditional, hedged);
    }

    /** The first cue in the clause that is not doubted ("I don't think we'll") or reported. */
    private static Found cue(String sentence, int from, int to, List<Cue> possible) {
        Found first = null;
        for (var cue : possible) {
            var matcher = cue.pattern().matcher(sentence).region(from, to);
            while (matcher.find()) {
                int start = matcher.start();
                if (cue.subject() != null) {
                    var subject = cue.subject()
                            .matcher(sentence)
                            .useTransparentBounds(true)
                            .region(Math.max(from, start - SUBJECT_REACH), start);
                    if (!subject.find()) {
                        continue;
                    }
                    start = subject.start();
                }
                if (first != null && start >= first.start()) {
                    break;
                }
                if (DOUBT_BEFORE.matcher(sentence).region(from, start).find()
                        || REPORTED_BEFORE.matcher(sentence).region(from, start).find()) {
                    continue;
                }
                first = new Found(cue, start, matcher.end());
                break;
            }
        }
        return first;
    }

    private static DuePhrase firstAfter(List<DuePhrase> phrases, int from, int to) {
        DuePhrase vague = null;
        for (var phrase : phrases) {
            if (phrase.start() >= from && phrase.end() <= to) {
                if (!phrase.vague()) {
                    return phrase;
                }
                if (vague == null) {
                    vague = phrase;
                }
            }
        }
        return vague;
    }

    private static DuePhrase lastBefore(List<DuePhrase> phrases, int from, int to) {
        DuePhrase found = null;
        for (var phrase : phrases) {
            if (phrase.start() >= from && phrase.end() <= to && (found == null || !phrase.vague())) {
                found = phrase;
            }
        }
        return found;
    }

    /**
     * A clause that follows without a cue of its own and only adds a time ("I'll update you by
     * email — probably Thursday") lends its due phrase to the clause before it.
     */
    private static DuePhrase borrowed(
            String sentence, List<DuePhrase> phrases, List<Integer> clauses, int index, List<Cue> possible) {
        for (int c = index + 2; c < clauses.size(); c += 2) {
            int from = clauses.get(c);
            int to = clauses.get(c + 1);
            if (cue(sentence, from, to, possible) != null
                    || NEGATION.matcher(sentence).region(from, to).find()) {
                return null;
            }
            var due = firstAfter(phrases, from, to);
            if (due != null) {
                return due;
            }
        }
        return null;
    }

    private static int trimmedEnd(String sentence) {
        int end = sentence.length();
        while (end > 0 && (Character.isWhitespace(sentence.charAt(end - 1)) || sentence.charAt(end - 1) == '"')) {
            end--;
        }
        return end;
    }
}
