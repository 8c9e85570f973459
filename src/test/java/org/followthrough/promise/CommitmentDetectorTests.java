package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.followthrough.calendar.BusinessCalendar;
import org.junit.jupiter.api.Test;

class CommitmentDetectorTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    // Monday 23 November 2026, mid-morning: the default moment a reply is written.
    private static final String MONDAY_MORNING = "2026-11-23T10:15";

    private final CommitmentDetector detector = new CommitmentDetector();
    private final BusinessCalendar office = BusinessCalendar.standard(LONDON);

    // ---- due phrases ----------------------------------------------------------------------------

    @Test
    void todayMeansTodaysCloseOfBusiness() {
        assertThat(due("I'll send it today.", MONDAY_MORNING)).isEqualTo("2026-11-23T17:00");
    }

    @Test
    void todayWrittenAfterCloseMeansTwoHoursAfterWriting() {
        assertThat(due("I'll sort the refund today.", "2026-11-25T17:30")).isEqualTo("2026-11-25T19:30");
        assertThat(due("I'll sort the refund today.", "2026-11-28T11:00")).isEqualTo("2026-11-28T13:00");
    }

    @Test
    void tonightMeansEightInTheEveningOrTwoHoursAfterWritingOnceItIsLater() {
        assertThat(due("I'll call you tonight.", MONDAY_MORNING)).isEqualTo("2026-11-23T20:00");
        assertThat(due("I'll call you tonight.", "2026-11-23T21:30")).isEqualTo("2026-11-23T23:30");
    }

    @Test
    void tomorrowMeansTomorrowsCloseAndRollsOverTheWeekend() {
        assertThat(due("I'll call you back tomorrow.", MONDAY_MORNING)).isEqualTo("2026-11-24T17:00");
        assertThat(due("I'll call you back tomorrow.", "2026-11-27T16:20")).isEqualTo("2026-11-30T17:00");
    }

    @Test
    void partsOfTomorrowAreLiteralTimesEvenOnAWeekend() {
        assertThat(due("I'll call you tomorrow morning.", MONDAY_MORNING)).isEqualTo("2026-11-24T12:00");
        assertThat(due("I'll call you tomorrow afternoon.", MONDAY_MORNING)).isEqualTo("2026-11-24T17:00");
        assertThat(due("I'll call you tomorrow evening.", MONDAY_MORNING)).isEqualTo("2026-11-24T20:00");
        assertThat(due("I'll email you tomorrow morning.", "2026-11-27T18:45")).isEqualTo("2026-11-28T12:00");
    }

    @Test
    void hoursAndMinutesCountFromWhenTheReplyWasWritten() {
        assertThat(due("I'll call you back in 2 hours.", MONDAY_MORNING)).isEqualTo("2026-11-23T12:15");
        assertThat(due("We'll refund you within 30 minutes.", MONDAY_MORNING)).isEqualTo("2026-11-23T10:45");
        assertThat(due("I'll ring you back in half an hour.", MONDAY_MORNING)).isEqualTo("2026-11-23T10:45");
        assertThat(due("I'll send it within the hour.", MONDAY_MORNING)).isEqualTo("2026-11-23T11:15");
        assertThat(due("You'll get an email within 24hrs.", MONDAY_MORNING)).isEqualTo("2026-11-24T10:15");
    }

    @Test
    void businessDaysEndAtTheCloseOfTheNthBusinessDayAfterToday() {
        assertThat(due("You will receive the refund within 5 business days.", MONDAY_MORNING))
                .isEqualTo("2026-11-30T17:00");
        assertThat(due("We'll process it in 3-5 working days.", MONDAY_MORNING)).isEqualTo("2026-11-30T17:00");
        assertThat(due("You will receive it within 1 business day.", "2026-11-27T16:20"))
                .isEqualTo("2026-11-30T17:00");
    }

    @Test
    void businessDaysSkipTheCalendarsHolidays() {
        var christmas = new BusinessCalendar(LONDON, office.week(), Set.of(date("2026-12-25"), date("2026-12-28")));
        assertThat(due("We'll refund you within 2 business days.", "2026-12-23T10:00", LONDON, christmas))
                .isEqualTo("2026-12-29T17:00");
        assertThat(due("I'll send it by Friday.", "2026-12-23T10:00", LONDON, christmas))
                .isEqualTo("2026-12-29T17:00");
    }

    @Test
    void businessHoursCountOnlyOpeningHours() {
        assertThat(due("I'll restore your data within 4 business hours.", "2026-11-27T16:20"))
                .isEqualTo("2026-11-30T12:20");
    }

    @Test
    void calendarDaysEndAtTheCloseOfThatDayRolledToABusinessDay() {
        assertThat(due("We'll refund the fee in 3 days.", MONDAY_MORNING)).isEqualTo("2026-11-26T17:00");
        assertThat(due("We'll send a replacement in 5 days.", MONDAY_MORNING)).isEqualTo("2026-11-30T17:00");
        assertThat(due("Your credit will be issued within 2 weeks.", MONDAY_MORNING))
                .isEqualTo("2026-12-07T17:00");
    }

    @Test
    void aWeekdayMeansItsNextCloseOfBusiness() {
        assertThat(due("I'll get back to you by Friday.", MONDAY_MORNING)).isEqualTo("2026-11-27T17:00");
        assertThat(due("I'll call you on Wednesday.", MONDAY_MORNING)).isEqualTo("2026-11-25T17:00");
        assertThat(due("We'll ship it Tuesday.", "2026-11-28T11:00")).isEqualTo("2026-12-01T17:00");
    }

    @Test
    void aWeekdayNamedOnThatDayMeansTodayUntilCloseAndNextWeekAfter() {
        assertThat(due("I'll call you back on Thursday.", "2026-11-26T12:00")).isEqualTo("2026-11-26T17:00");
        assertThat(due("I'll call you back on Thursday.", "2026-11-26T17:30")).isEqualTo("2026-12-03T17:00");
        assertThat(due("I'll call you Friday at 3pm.", "2026-11-27T16:20")).isEqualTo("2026-12-04T15:00");
    }

    @Test
    void nextWeekdayMeansThatDayInNextWeek() {
        assertThat(due("We'll send it next Thursday.", "2026-11-26T12:00")).isEqualTo("2026-12-03T17:00");
        assertThat(due("I'll call you next Friday.", MONDAY_MORNING)).isEqualTo("2026-12-04T17:00");
        assertThat(due("I'll call you on Wednesday next week.", MONDAY_MORNING)).isEqualTo("2026-12-02T17:00");
    }

    @Test
    void endOfBusinessPhrasesMeanTheCloseAndRollPastCloseToTheNextBusinessDay() {
        assertThat(due("I'll email it by end of business Friday.", MONDAY_MORNING))
                .isEqualTo("2026-11-27T17:00");
        assertThat(due("I'll revert by EOD.", MONDAY_MORNING)).isEqualTo("2026-11-23T17:00");
        assertThat(due("We'll confirm by close of business.", "2026-11-25T17:30"))
                .isEqualTo("2026-11-26T17:00");
        assertThat(due("I'll let you know by end of day tomorrow.", MONDAY_MORNING))
                .isEqualTo("2026-11-24T17:00");
    }

    @Test
    void explicitTimesAreLocalTimesOnTheNamedDay() {
        assertThat(due("I'll call you by Friday 3pm.", MONDAY_MORNING)).isEqualTo("2026-11-27T15:00");
        assertThat(due("I'll call you at 3 pm tomorrow.", MONDAY_MORNING)).isEqualTo("2026-11-24T15:00");
        assertThat(due("I'll send the PDF by 3 p.m. tomorrow.", MONDAY_MORNING)).isEqualTo("2026-11-24T15:00");
        assertThat(due("I'll call you on Thursday 3 December at 2pm.", MONDAY_MORNING))
                .isEqualTo("2026-12-03T14:00");
    }

    @Test
    void aTimeWithoutADayIsTodayIfStillAheadOtherwiseTomorrow() {
        assertThat(due("We'll get that sorted by 10:30.", MONDAY_MORNING)).isEqualTo("2026-11-23T10:30");
        assertThat(due("I'll call you by 9am.", MONDAY_MORNING)).isEqualTo("2026-11-24T09:00");
    }

    @Test
    void aSmallHourWithoutAmOrPmIsReadAsAfternoon() {
        assertThat(due("I'll email the itinerary by 2:30.", MONDAY_MORNING)).isEqualTo("2026-11-23T14:30");
        assertThat(due("I'll call you at 3.", MONDAY_MORNING)).isEqualTo("2026-11-23T15:00");
    }

    @Test
    void aTimeWindowIsPromisedByItsEnd() {
        assertThat(due("The engineer will be with you on Thursday between 8am and 1pm.", MONDAY_MORNING))
                .isEqualTo("2026-11-26T13:00");
        assertThat(due("Our driver will arrive between 6 and 7pm.", MONDAY_MORNING))
                .isEqualTo("2026-11-23T19:00");
    }

    @Test
    void weeksMeanTheCloseOfTheirLastOrNamedBusinessDay() {
        assertThat(due("I'll have the fix deployed by the end of the week.", MONDAY_MORNING))
                .isEqualTo("2026-11-27T17:00");
        assertThat(due("I will update you next week.", MONDAY_MORNING)).isEqualTo("2026-12-04T17:00");
        assertThat(due("I'll send the paperwork early next week.", MONDAY_MORNING))
                .isEqualTo("2026-12-01T17:00");
        assertThat(due("I'll update you mid next week.", MONDAY_MORNING)).isEqualTo("2026-12-02T17:00");
    }

    @Test
    void theEndOfTheWeekWrittenAfterItsLastCloseMeansNextWeeksEnd() {
        assertThat(due("We'll have an answer by the end of the week.", "2026-11-27T18:45"))
                .isEqualTo("2026-12-04T17:00");
        assertThat(due("We'll have an answer by the end of the week.", "2026-11-28T11:00"))
                .isEqualTo("2026-12-04T17:00");
    }

    @Test
    void datesMeanTheirCloseOfBusinessAndNextYearOnceTheyHavePassed() {
        assertThat(due("I'll call you on 10 December.", MONDAY_MORNING)).isEqualTo("2026-12-10T17:00");
        assertThat(due("You'll get your money back by Dec 12.", MONDAY_MORNING)).isEqualTo("2026-12-14T17:00");
        assertThat(due("We'll refund you by December 12th.", MONDAY_MORNING)).isEqualTo("2026-12-14T17:00");
        assertThat(due("The upgrade will be completed on 2027-01-08.", MONDAY_MORNING))
                .isEqualTo("2027-01-08T17:00");
        assertThat(due("I will send the statement by 12 January.", "2026-12-20T12:00"))
                .isEqualTo("2027-01-12T17:00");
        assertThat(due("I'll confirm the date by the 15th.", "2026-12-02T09:05"))
                .isEqualTo("2026-12-15T17:00");
    }

    @Test
    void numericDatesAreReadOnlyWhenDayAndMonthCannotBeConfused() {
        assertThat(due("We'll send the documents by 15/12.", MONDAY_MORNING)).isEqualTo("2026-12-15T17:00");
        assertThat(due("We'll send the documents by 12/15.", MONDAY_MORNING)).isEqualTo("2026-12-15T17:00");
        var ambiguous = detectAt("We'll send the documents by 3/4.", MONDAY_MORNING);
        assertThat(ambiguous).singleElement().extracting(Commitment::dueAt).isNull();
    }

    @Test
    void firstThingIsAnHourAfterOpening() {
        assertThat(due("I will follow up first thing tomorrow.", MONDAY_MORNING))
                .isEqualTo("2026-11-24T10:00");
        assertThat(due("I'll follow up first thing Monday.", "2026-11-27T16:20"))
                .isEqualTo("2026-11-30T10:00");
        assertThat(due("I'll call you first thing.", "2026-11-24T08:10")).isEqualTo("2026-11-24T10:00");
        assertThat(due("I'll call you first thing tomorrow.", "2026-11-27T18:45"))
                .isEqualTo("2026-11-30T10:00");
    }

    @Test
    void beforeADayMeansTheCloseOfTheBusinessDayBeforeIt() {
        assertThat(due("I'll make sure someone calls you before Friday.", MONDAY_MORNING))
                .isEqualTo("2026-11-26T17:00");
        assertThat(due("I'll call you back before 5pm today.", MONDAY_MORNING)).isEqualTo("2026-11-23T17:00");
    }

    @Test
    void vagueWordsCommitWithoutATimeButKeepTheirWords() {
        for (var text : List.of(
                "I'll send it shortly.",
                "I will get the refund processed as soon as possible.",
                "I'll be in touch soon.",
                "I'll do it right away.",
                "I will get back to u asap")) {
            assertThat(detectAt(text, MONDAY_MORNING)).as(text).singleElement().satisfies(c -> {
                assertThat(c.dueAt()).isNull();
                assertThat(c.duePhrase()).isNotNull();
            });
        }
    }

    @Test
    void hoursAcrossADaylightSavingChangeAreRealHours() {
        // Clocks go back in London on Sunday 25 October 2026: 72 hours from Thursday 09:30 BST is Sunday 08:30 GMT.
        assertThat(due("We'll have your broadband back within 72 hours.", "2026-10-22T09:30"))
                .isEqualTo("2026-10-25T08:30");
    }

    @Test
    void timesOfDayAreTheCustomersAndBusinessDaysTheCalendars() {
        // The team works in London; the customer lives in New York and reads "3pm" as their own.
        assertThat(due("I'll call you at 3pm tomorrow.", MONDAY_MORNING, NEW_YORK, office))
                .isEqualTo("2026-11-24T15:00");
        // London's close on Tuesday (17:00 GMT) is noon in New York.
        assertThat(due("I'll call you tomorrow.", MONDAY_MORNING, NEW_YORK, office))
                .isEqualTo("2026-11-24T12:00");
    }

    @Test
    void aDuePhraseInALeadingConditionIsNotTheCommitmentsDueTime() {
        assertThat(due(
                        "If I don't hear from the warehouse by Wednesday, I will call you Thursday morning.",
                        MONDAY_MORNING))
                .isEqualTo("2026-11-26T12:00");
        assertThat(detectAt("If you reply by Friday, we'll hold the price for you.", MONDAY_MORNING))
                .singleElement()
                .extracting(Commitment::dueAt)
                .isNull();
    }

    // ---- what commits ---------------------------------------------------------------------------

    @Test
    void firstPersonFutureAndIntentionCommit() {
        assertCommits(
                "I'll call you back tomorrow.",
                "I will check with the warehouse and get back to you by Friday.",
                "We'll send a replacement today.",
                "I'm going to raise this with our payments team.",
                "Let me check with the kitchen and get back to you.",
                "I'll make sure the payment goes out today.",
                "You will receive the refund within 5 business days.",
                "Expect a call from our billing team by end of day.",
                "You'll have the new SIM card by Thursday.",
                "I've arranged for the courier to collect the parcel by Wednesday.",
                "We're dispatching a replacement today.",
                "Will call you tomorrow afternoon.",
                "I shall write to you by Friday.",
                "Ill call you back tmrw.");
    }

    @Test
    void negationsDoNotCommit() {
        assertDoesNotCommit(
                "I won't be able to call tomorrow.",
                "We can't send a replacement until the original is returned.",
                "I will not be able to refund the delivery charge.",
                "We'll not be able to reconnect the line today.",
                "I don't think we'll be able to get the part by Friday.",
                "The engineer won't be able to attend on Thursday.",
                "We wont be charging you for the callout.");
    }

    @Test
    void aNegatedClauseDoesNotHideTheCommitmentThatFollowsIt() {
        assertThat(due("I won't be able to call tomorrow, but I will call you on Friday.", MONDAY_MORNING))
                .isEqualTo("2026-11-27T17:00");
        assertThat(due("I can't refund the delivery fee, however I'll send you a voucher by tonight.", MONDAY_MORNING))
                .isEqualTo("2026-11-23T20:00");
    }

    @Test
    void questionsDoNotCommit() {
        assertDoesNotCommit(
                "Shall I call you tomorrow?",
                "Would you like us to send a replacement?",
                "Can I call you back in 10 minutes?",
                "Is it ok if I call you back on Friday?",
                "shall we send a new card to your home address",
                "Why don't I call you tomorrow?");
    }

    @Test
    void aCommitmentFollowedByATagQuestionCommitsWithLowerConfidence() {
        var tagged = detectAt("We will send the replacement tomorrow, is that ok?", MONDAY_MORNING);
        var plain = detectAt("We will send the replacement tomorrow.", MONDAY_MORNING);
        assertThat(tagged).singleElement().extracting(Commitment::confidence).isEqualTo(0.7);
        assertThat(plain).singleElement().extracting(Commitment::confidence).isEqualTo(0.9);
    }

    @Test
    void offersAndConditionsTheAgentDidNotCommitToDoNotCommit() {
        assertDoesNotCommit(
                "If you'd like, I can call you tomorrow.",
                "We could send a replacement if the item is faulty.",
                "We might be able to get it to you by Friday.",
                "I may have an update later today.",
                "If you want, I'll call you tomorrow.",
                "I'd be happy to call you tomorrow if that's easier.",
                "Let me know if you'd like me to call you tomorrow.",
                "I'll be happy to help if you have any other questions.");
    }

    @Test
    void hypotheticalsAndPastTenseDoNotCommit() {
        assertDoesNotCommit(
                "If we had the part, we would send it today.",
                "Ideally we'd ship it tomorrow, but the warehouse is closed.",
                "I called you yesterday but there was no answer.",
                "We sent it on Friday.",
                "I said I would call you back, and I'm sorry I didn't.",
                "We were going to ship it Friday, but the courier cancelled.",
                "Last week I promised to call you on Friday.");
    }

    @Test
    void whatTheCustomerWillDoDoesNotCommit() {
        assertDoesNotCommit(
                "You mentioned you will send the receipt by Friday.",
                "Please send us the receipt by Friday.",
                "You'll need to return the item within 30 days.",
                "You will have to re-enter your card details.",
                "Please allow 3-5 working days for the refund to reach your account.",
                "As you said, you'll call the bank tomorrow to confirm.");
    }

    @Test
    void quotedCustomerTextIsIgnored() {
        assertDoesNotCommit(
                "> I will send the receipt by Friday.",
                "Thanks for getting back to me.\n\nOn Mon, 23 Nov 2026, Ana wrote:\n> I'll call the bank tomorrow.",
                "Noted.\n-----Original Message-----\nFrom: Ana Costa\nSent: Monday\nI will upload it tomorrow.",
                "You wrote \"we will deliver it tomorrow\" but nobody came.",
                "The customer wrote \u201cI\u2019ll pay the balance by Friday\u201d in the portal.");
    }

    @Test
    void genericPolicyGreetingsAndNoticesDoNotCommit() {
        assertDoesNotCommit(
                "Refunds usually take 5 business days.",
                "Orders placed before 2pm will be dispatched the same day.",
                "All refunds will be processed within 10 days of receiving the item.",
                "We always aim to resolve complaints within 8 weeks.",
                "Have a nice day!",
                "Kind regards,\nTom",
                "I'll be here if you need anything else.",
                "We'll be closed on Monday for the bank holiday.",
                "This will take effect from your next statement.",
                "We'll see.",
                "I'll leave you to it.",
                "We're going to need a photo of the damage.");
    }

    @Test
    void thirdPartiesCommitOnlyWhenATimeIsNamed() {
        assertCommits(
                "Your refund will be processed within 3 business days.",
                "The courier will pick up the return on Monday.",
                "Someone from our fraud team will contact you within 24 hours.");
        assertDoesNotCommit("Our courier partner will handle the delivery.", "The courier will collect it.");
    }

    @Test
    void conditionalCommitmentsCountWithLowerConfidence() {
        var conditional = detectAt("If I don't hear back, I'll call you on Friday.", MONDAY_MORNING);
        assertThat(conditional).singleElement().satisfies(c -> {
            assertThat(c.confidence()).isEqualTo(0.75);
            assertThat(c.duePhrase()).isEqualTo("on Friday");
        });
        assertThat(due("Once the part arrives, we will install it within 2 business days.", MONDAY_MORNING))
                .isEqualTo("2026-11-25T17:00");
    }

    @Test
    void hedgedAndUntimedCommitmentsGetLowerConfidence() {
        assertThat(confidence("I'll call you on Friday.")).isEqualTo(0.9);
        assertThat(confidence("We'll try to get the replacement out tomorrow.")).isEqualTo(0.65);
        assertThat(confidence("I'll look into it and get back to you.")).isEqualTo(0.7);
        assertThat(confidence("You should receive your refund in 3-5 business days."))
                .isEqualTo(0.6);
        assertThat(confidence("Your refund will be processed within 3 business days."))
                .isEqualTo(0.8);
    }

    // ---- sentences ------------------------------------------------------------------------------

    @Test
    void abbreviationsTimesAndOrderNumbersDoNotEndASentence() {
        var found = detectAt(
                "Dear Mr. Okafor, approx. 3 customers saw this. Order no. 55812 was delayed. "
                        + "I'll send the PDF to Dr. Alvarez by 3 p.m. tomorrow, i.e. before the call.",
                MONDAY_MORNING);
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.sentence())
                    .isEqualTo("I'll send the PDF to Dr. Alvarez by 3 p.m. tomorrow, i.e. before the call.");
            assertThat(c.duePhrase()).isEqualTo("by 3 p.m. tomorrow");
        });
    }

    @Test
    void bulletPointsAreSentencesOfTheirOwn() {
        var found = detectAt(
                "Thanks for the photos.\n- We will send a replacement today\n"
                        + "- You will receive a returns label within 24 hours\n- No need to return the damaged item",
                MONDAY_MORNING);
        assertThat(found)
                .extracting(Commitment::sentence)
                .containsExactly(
                        "We will send a replacement today", "You will receive a returns label within 24 hours");
    }

    @Test
    void aLineWrappedMidSentenceStaysOneSentence() {
        var found = detectAt("Hi Ana,\nI will call you back\ntomorrow morning to confirm.\nBest,\nTom", MONDAY_MORNING);
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.sentence()).isEqualTo("I will call you back\ntomorrow morning to confirm.");
            assertThat(c.dueAt()).isEqualTo(at("2026-11-24T12:00", LONDON));
        });
    }

    @Test
    void sentencesAndDuePhrasesAreReturnedAsWrittenInTheOrderWritten() {
        var found = detectAt(
                "I\u2019ll call you TOMORROW.  We'll refund the fee by End of Business Friday.", MONDAY_MORNING);
        assertThat(found)
                .extracting(Commitment::sentence, Commitment::duePhrase)
                .containsExactly(
                        tuple("I\u2019ll call you TOMORROW.", "TOMORROW"),
                        tuple("We'll refund the fee by End of Business Friday.", "by End of Business Friday"));
    }

    @Test
    void blankTextHasNoCommitments() {
        assertThat(detectAt("", MONDAY_MORNING)).isEmpty();
        assertThat(detectAt("  \n ", MONDAY_MORNING)).isEmpty();
    }

    // ---- determinism ----------------------------------------------------------------------------

    @Test
    void theSameInputAlwaysGivesTheSameOutputAcrossInstancesAndThreads() throws Exception {
        var corpus = CommitmentCorpus.load(CommitmentCorpus.CORPUS).lines();
        var first = corpus.stream().map(this::detect).toList();
        var again = corpus.stream().map(this::detect).toList();
        var other = new CommitmentDetector();
        var fresh = corpus.stream()
                .map(l -> other.detect(
                        l.text(), l.zone(), l.writtenAt().atZone(l.zone()).toInstant(), l.calendar()))
                .toList();
        List<List<Commitment>> parallel;
        try (var pool = Executors.newFixedThreadPool(4)) {
            var futures = new ArrayList<Future<List<Commitment>>>();
            for (var line : corpus) {
                futures.add(pool.submit(() -> detect(line)));
            }
            parallel = new ArrayList<>();
            for (var future : futures) {
                parallel.add(future.get());
            }
        }
        assertThat(again).isEqualTo(first);
        assertThat(fresh).isEqualTo(first);
        assertThat(parallel).isEqualTo(first);
        assertThat(first.stream().filter(l -> !l.isEmpty())).hasSizeGreaterThan(200);
    }

    // ---- corpus ---------------------------------------------------------------------------------

    /** Just under what the detector reaches (see docs/promise-detector.md); raise them, never lower them quietly. */
    private record Floors(double precision, double recall, double dueAccuracy) {}

    @Test
    void corpusPrecisionRecallAndDueAccuracyStayAboveTheirFloors() {
        score(CommitmentCorpus.CORPUS, new Floors(0.99, 0.99, 0.99));
    }

    @Test
    void holdoutPrecisionRecallAndDueAccuracyStayAboveTheirFloors() {
        score(CommitmentCorpus.HOLDOUT, new Floors(0.98, 0.97, 0.97));
    }

    private void score(String resource, Floors floors) {
        var corpus = CommitmentCorpus.load(resource);
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0, dueRight = 0;
        var misses = new ArrayList<String>();
        var perCategory = new TreeMap<String, int[]>();
        for (var line : corpus.lines()) {
            var found = detect(line);
            var tally = perCategory.computeIfAbsent(line.category(), k -> new int[2]);
            tally[0]++;
            if (line.commitment() && !found.isEmpty()) {
                truePositives++;
                var due = found.getFirst().dueAt() == null
                        ? null
                        : LocalDateTime.ofInstant(found.getFirst().dueAt(), line.zone())
                                .truncatedTo(ChronoUnit.MINUTES);
                if (Objects.equals(due, line.expectedDue())) {
                    dueRight++;
                    tally[1]++;
                } else {
                    misses.add("DUE  line %d: expected %s, got %s (%s) | %s"
                            .formatted(
                                    line.number(),
                                    line.expectedDue() == null ? "-" : line.expectedDue(),
                                    due == null ? "-" : due,
                                    found.getFirst().duePhrase(),
                                    line.text().replace("\n", "\\n")));
                }
            } else if (line.commitment()) {
                falseNegatives++;
                misses.add("MISS line %d [%s]: %s"
                        .formatted(line.number(), line.category(), line.text().replace("\n", "\\n")));
            } else if (!found.isEmpty()) {
                falsePositives++;
                misses.add("FP   line %d [%s]: %s -> %s"
                        .formatted(line.number(), line.category(), line.text().replace("\n", "\\n"), found.getFirst()));
            } else {
                trueNegatives++;
                tally[1]++;
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        double dueAccuracy = dueRight / (double) truePositives;
        System.out.printf(
                Locale.ROOT,
                "%s: %d lines%n"
                        + "                 detected  not detected%n"
                        + "  commitment     %8d  %12d%n"
                        + "  none           %8d  %12d%n"
                        + "precision %.3f  recall %.3f  due accuracy %.3f (%d of %d true positives)%n",
                resource,
                corpus.lines().size(),
                truePositives,
                falseNegatives,
                falsePositives,
                trueNegatives,
                precision,
                recall,
                dueAccuracy,
                dueRight,
                truePositives);
        for (Map.Entry<String, int[]> e : perCategory.entrySet()) {
            System.out.printf(
                    Locale.ROOT, "  %-18s %3d lines, %3d right%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        misses.forEach(System.out::println);

        assertThat(precision).as("precision").isGreaterThanOrEqualTo(floors.precision());
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(floors.recall());
        assertThat(dueAccuracy).as("due accuracy").isGreaterThanOrEqualTo(floors.dueAccuracy());
    }

    private List<Commitment> detect(CommitmentCorpus.Line line) {
        var zone = line.zone();
        return detector.detect(line.text(), zone, line.writtenAt().atZone(zone).toInstant(), line.calendar());
    }

    private List<Commitment> detectAt(String text, String writtenAt) {
        return detector.detect(text, LONDON, at(writtenAt, LONDON), office);
    }

    /** The first commitment's due time as a local date-time in {@code zone}, or null. */
    private String due(String text, String writtenAt, ZoneId zone, BusinessCalendar calendar) {
        var found = detector.detect(text, zone, at(writtenAt, zone), calendar);
        assertThat(found).as("commitments in: " + text).isNotEmpty();
        var dueAt = found.getFirst().dueAt();
        return dueAt == null ? null : LocalDateTime.ofInstant(dueAt, zone).toString();
    }

    private String due(String text, String writtenAt) {
        return due(text, writtenAt, LONDON, office);
    }

    private double confidence(String text) {
        var found = detectAt(text, MONDAY_MORNING);
        assertThat(found).as(text).hasSize(1);
        return found.getFirst().confidence();
    }

    private void assertCommits(String... texts) {
        for (var text : texts) {
            assertThat(detectAt(text, MONDAY_MORNING)).as(text).hasSize(1);
        }
    }

    private void assertDoesNotCommit(String... texts) {
        for (var text : texts) {
            assertThat(detectAt(text, MONDAY_MORNING)).as(text).isEmpty();
        }
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
