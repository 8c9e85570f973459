package org.followthrough.demo;

import static org.followthrough.cases.CallDirection.INBOUND;
import static org.followthrough.cases.CallDirection.OUTBOUND;
import static org.followthrough.cases.CaseStatus.CLOSED;
import static org.followthrough.cases.CaseStatus.OPEN;
import static org.followthrough.cases.CaseStatus.RESOLVED;
import static org.followthrough.cases.CaseStatus.WAITING_ON_CUSTOMER;
import static org.followthrough.cases.CaseStatus.WAITING_ON_THIRD_PARTY;
import static org.followthrough.cases.Channel.CHAT;
import static org.followthrough.cases.Channel.EMAIL;
import static org.followthrough.cases.Channel.PORTAL;
import static org.followthrough.cases.Priority.HIGH;
import static org.followthrough.cases.Priority.LOW;
import static org.followthrough.cases.Priority.URGENT;

import java.time.Duration;
import java.util.Set;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.demo.DemoPeople.Cast;

/**
 * Six weeks of a support desk, told through the services: the product's five stories among the
 * ordinary work around them. Written the way the team would write it, promises and all; promises
 * are only text here until the promise module records them.
 */
final class DemoCases {

    private final Replay r;
    private final Cast c;

    DemoCases(Replay replay, Cast cast) {
        this.r = replay;
        this.c = cast;
    }

    void play() {
        escrowTaxBillPaidForSomeoneElse();
        phoneDeadOnArrival();
        coldAnniversaryDinner();
        vipWithPersonalOwner();
        niceButNotFixed();
        billingAndAccounts();
        devicesAndOrders();
        promisesInFlight();
    }

    /** Story 1: four contacts, four pleasant agents, four promises, and the tax still unpaid. */
    private void escrowTaxBillPaidForSomeoneElse() {
        var peggy = c.customer("donnelly");
        var first = r.newCase(peggy, "Property tax bill not paid from escrow")
                .team(c.billing())
                .tags("escrow", "property-tax")
                .arrives(r.daysAgo(40, "08:47"), EMAIL, """
                        Hello,

                        I received a delinquent notice from the Cook County Treasurer for the second installment \
                        of our 2024 property tax, $3,412.17, due last month. As far as I understand, this is paid \
                        from our escrow account — it always has been. Our loan number ends in 4471.

                        Could you please look into it? I don't want a penalty on the house.

                        Thank you,
                        Margaret Donnelly""");
        first.reply(r.daysAgo(40, "11:02"), c.priya(), """
                        Dear Mrs. Donnelly,

                        Thank you so much for letting us know, and I'm sorry for the worry a notice like that \
                        causes. You're right: the installment should be paid from your escrow account.

                        I've sent this to our escrow department and asked them to issue the payment to Cook County \
                        right away. You should see it cleared within 5 to 7 business days, and you don't need to do \
                        anything further.

                        Have a wonderful day!
                        Priya Raman, Billing & Accounts""", WAITING_ON_THIRD_PARTY)
                .note(
                        r.daysAgo(40, "11:06"),
                        c.priya(),
                        "Escrow ops request filed for loan …4471: pay Cook County 2nd installment ($3,412.17) plus"
                                + " any late penalty.")
                .note(
                        r.daysAgo(38, "16:20"),
                        c.priya(),
                        "Escrow ops acknowledged the request. Resolving; they'll handle the payment.")
                .status(r.daysAgo(38, "16:21"), c.priya(), RESOLVED);

        var second = r.newCase(peggy, "Second county notice: property tax still unpaid")
                .team(c.billing())
                .tags("escrow", "property-tax")
                .openedOnCall(r.daysAgo(29, "14:18"), c.marcus());
        second.call(r.daysAgo(29, "14:18"), c.marcus(), INBOUND, 14, """
                        Mrs. Donnelly called: the county has sent a second notice, now with a 1.5% penalty, and \
                        the installment still shows unpaid. Apologised for the trouble. Reassured her this is being \
                        taken care of: escrow will pay the bill and cover the penalty, expect it within a week. She \
                        was very gracious about it. Wished her a nice afternoon.""")
                .note(
                        r.daysAgo(29, "14:35"),
                        c.marcus(),
                        "Couldn't find an open case for this, so logged the call here. Forwarded the second notice"
                                + " to escrow ops by email.")
                .status(r.daysAgo(29, "14:36"), c.marcus(), RESOLVED);

        first.inbound(r.daysAgo(19, "09:31"), EMAIL, """
                        Hello again,

                        I'm sorry to write a third time. I checked the county website this morning and the \
                        installment is still unpaid, and the penalty has gone up. I spoke to a very nice young man \
                        on the phone two weeks ago who said it would be paid within a week.

                        Is there something I should be doing?

                        Margaret Donnelly""")
                .reply(r.daysAgo(19, "12:48"), c.noah(), """
                        Dear Mrs. Donnelly,

                        Thank you for your patience, and please don't apologise: you've done everything right. \
                        Priya is out this week, so I've picked this up.

                        I've escalated your case to the escrow supervisor and marked it urgent. You'll have \
                        confirmation within 48 hours that the payment has been sent.

                        Have a lovely rest of your week,
                        Noah Fischer, Billing & Accounts""", WAITING_ON_THIRD_PARTY)
                .note(
                        r.daysAgo(19, "12:52"),
                        c.noah(),
                        "Emailed the escrow supervisor with both county notices attached. Asked for confirmation by"
                                + " Thursday.");

        first.call(r.daysAgo(6, "15:05"), c.dana(), INBOUND, 26, """
                        Fourth contact. Mrs. Donnelly called, upset for the first time: a final notice arrived \
                        warning of a tax sale listing. While she was on the line I pulled the escrow disbursements: \
                        on the date the installment was due, escrow DID pay $3,412.17 to Cook County, but against \
                        PIN 17-09-214-031, not hers (17-09-214-013). We paid someone else's tax bill with her money.

                        I told her plainly what happened and apologised for the four conversations it took. No \
                        "have a nice day" this time. I own this case from now on. Today we pay her installment and \
                        every penalty from our own funds; the misapplied payment we recover from the county \
                        ourselves, that's not her problem. I will call her within three days, before 4 pm, with the \
                        county's receipt.""")
                .change(
                        r.daysAgo(6, "15:34"),
                        c.dana(),
                        new CaseChanges(
                                null,
                                WAITING_ON_THIRD_PARTY,
                                c.dana().id(),
                                URGENT,
                                Set.of("escrow", "property-tax", "misapplied-payment", "escalated"),
                                null))
                .note(r.daysAgo(6, "15:40"), c.dana(), """
                        For the team huddle: four contacts over five weeks, three agents each promised a date, \
                        each call ended pleasantly, and nobody checked that the payment went out. Case #%d was \
                        opened fresh by phone because the old one looked "resolved". Payment today from the \
                        corporate account; refund request to Cook County for the misapplied payment filed, \
                        reference CC-ESC-88123.""".formatted(second.number()))
                .call(r.daysAgo(3, "15:30"), c.dana(), OUTBOUND, 8, """
                        Called Mrs. Donnelly as promised. County confirms her installment and penalties are paid \
                        in full; receipt emailed to her. The other homeowner's account is being corrected by the \
                        county, we're waiting on the reversal. Told her the tax-sale notice is void and offered a \
                        letter for her records. She said it's the first time she has felt anyone was actually on \
                        it.""")
                .replyPromising(
                        r.daysAgo(3, "15:52"),
                        c.dana(),
                        """
                        Dear Mrs. Donnelly,

                        As promised on the phone: attached is Cook County's receipt showing the second \
                        installment and all penalties paid in full. The tax-sale notice no longer applies.

                        I'm keeping this case open until the county has reversed the payment we sent to the wrong \
                        parcel. That is between us and the county; nothing for you to do. I'll write to you when \
                        it's done, and in any case by the end of next week.

                        I'm sorry it took four conversations.
                        Dana Whitfield, Supervisor, Billing & Accounts""",
                        WAITING_ON_THIRD_PARTY,
                        "Write to Mrs. Donnelly once the county has reversed the misapplied payment",
                        r.endOfNextWeek());
    }

    /**
     * Promises on the go today: one of Dana's falls due this afternoon, and one of Noah's broke
     * yesterday, so both show in "Needs you now" (Dana supervises Billing).
     */
    private void promisesInFlight() {
        var broken = r.daysAgo(1, "17:00");
        r.newCase(c.customer("jensen"), "Late fee charged although autopay was on")
                .team(c.billing())
                .tags("late-fee", "autopay")
                .arrives(r.daysAgo(3, "08:10"), EMAIL, """
                        There's a $35 late fee on my statement, but autopay was on and the payment went out on \
                        time. Please take it off.

                        Sam""")
                .replyPromising(
                        r.daysAgo(3, "09:30"),
                        c.noah(),
                        """
                        Hi Sam,

                        You're right, the payment arrived on time; the fee came from a posting delay on our side. \
                        I've asked for it to be reversed and will confirm by email once it's off your account, \
                        by tomorrow evening at the latest.

                        Noah""",
                        WAITING_ON_THIRD_PARTY,
                        "Confirm to Sam that the $35 late fee has been reversed",
                        broken);
        r.timersUpTo(broken.plusSeconds(60));

        r.newCase(c.customer("novak"), "Payoff figure for a new closing date")
                .team(c.billing())
                .priority(HIGH)
                .tags("payoff", "mortgage")
                .arrives(r.hoursAgo(5, 20), EMAIL, """
                        The closing moved to Friday. Could you send an updated payoff statement to me and the \
                        credit union today? They need it before 5.

                        Emma""")
                .replyPromising(
                        r.hoursAgo(4, 55),
                        c.dana(),
                        """
                        Hi Emma,

                        Of course. I'm having the figure recalculated for Friday now and will send the new \
                        statement to you and closing@northshorecu.example within the next few hours, well before 5.

                        Dana""",
                        WAITING_ON_THIRD_PARTY,
                        "Send Emma and the credit union the payoff statement good through Friday",
                        r.hoursAgo(0, 0).plus(Duration.ofHours(1)));
    }

    /** Story 2: a phone arrives dead; a replacement goes out at once, and someone checks a week later. */
    private void phoneDeadOnArrival() {
        r.newCase(c.customer("osei"), "Aster 12 arrived dead, won't turn on or charge")
                .team(c.devices())
                .priority(HIGH)
                .tags("dead-on-arrival", "aster-12", "replacement")
                .arrives(r.daysAgo(33, "06:40"), EMAIL, """
                        My Aster 12 arrived today (order 55-20418). It's dead. Won't power on, won't charge. \
                        Tried two cables and two chargers, held the power button for 30 seconds. No light, no \
                        vibration, nothing.

                        I need a working phone for work by the weekend.

                        Daniel""")
                .replyPromising(
                        r.daysAgo(33, "09:12"),
                        c.sofia(),
                        """
                        Hi Daniel,

                        I'm sorry, that's not how a new phone should arrive. We've seen a few from the same \
                        shipment do exactly this, so no troubleshooting homework for you.

                        I've sent a replacement by express today (order 55-20431). It will be with you the day \
                        after tomorrow, before noon. The courier swaps it at the door and takes the dead one back, so \
                        there's nothing to print or pack.

                        I'll check with you once it's arrived that it works, and again in a week.

                        Sofía, Devices & Orders""",
                        WAITING_ON_THIRD_PARTY,
                        "Check with Daniel that the replacement works once it has arrived",
                        r.daysAgo(31, "17:00"))
                .note(
                        r.daysAgo(33, "09:20"),
                        c.sofia(),
                        "Third dead-on-arrival Aster 12 this week, all batch G7. Sent the serial numbers to quality"
                                + " and asked the warehouse to hold the rest of G7.")
                .inbound(r.daysAgo(31, "13:55"), EMAIL, """
                        Replacement came this morning. Works fine, already set up.

                        Thanks for not making me jump through hoops.""")
                .keepPromise(r.daysAgo(31, "14:02"), c.sofia(), "Daniel wrote that the replacement works")
                .reply(r.daysAgo(31, "15:04"), c.sofia(), """
                        Great to hear, Daniel. Enjoy it. If anything seems off in the first weeks, just reply \
                        here and it comes straight back to me.

                        Sofía""", RESOLVED)
                .call(r.daysAgo(24, "10:30"), c.sofia(), OUTBOUND, 3, """
                        One-week check-in. Phone working fine, battery lasts his 12-hour shift. Happy, nothing \
                        else needed. Left it there, he was on his way to sleep.""")
                .status(r.daysAgo(24, "10:34"), c.sofia(), CLOSED);
    }

    /** Story 3: the food was cold. The technical need failed; the recovery is what she'll remember. */
    private void coldAnniversaryDinner() {
        r.newCase(c.customer("castillo"), "Anniversary dinner arrived 50 minutes late and cold")
                .team(c.devices())
                .priority(HIGH)
                .tags("delivery", "cold-food", "lantern-street-kitchen", "recovery")
                .arrives(r.daysAgo(9, "21:48"), CHAT, """
                        Hi. Our dinner from Lantern Street Kitchen (order 88-7712) just arrived 50 minutes after \
                        the time we were given, and everything is cold. The risotto is a solid block. It's our \
                        anniversary and we planned the evening around this. Honestly, really disappointing.""")
                .reply(r.daysAgo(9, "21:55"), c.dana(), CHAT, """
                        Renee, I'm so sorry. On your anniversary of all nights. You waited 50 minutes past the \
                        time we gave you, and then the food wasn't fit to eat. That's on us.

                        I've refunded the whole order, $86.40, to your card just now; you'll see it in 2 to 3 \
                        days. I've also added a $40 credit to your account for another evening, on us. If you'd \
                        still like dinner tonight, Lantern Street can send the same order out hot, no charge, and \
                        I've asked for it to go with the next courier directly, no other stops.""", null)
                .inbound(
                        r.daysAgo(9, "22:01"),
                        CHAT,
                        "Thank you. Yes please, send it again. That's actually really kind of you.")
                .note(r.daysAgo(9, "22:09"), c.dana(), """
                        Courier batched her order with two others; the kitchen says it left hot at 18:58. \
                        Re-sent direct, ETA 22:35. Refund $86.40 and $40 credit are within my authority. Raised \
                        the batching with courier ops: not on orders flagged as occasions.""")
                .call(r.daysAgo(8, "12:10"), c.sofia(), OUTBOUND, 5, """
                        Follow-up call. The second delivery arrived hot at 22:31, they had a lovely late dinner. \
                        She'd seen the refund pending already. Said she was ready to delete the app last night and \
                        now she'll order again on Friday as usual. Asked her to rate us again after Friday.""")
                .status(r.daysAgo(8, "12:16"), c.sofia(), RESOLVED);
    }

    /** Story 4: a Luxury / VIP client, a named personal owner, and the small things that are remembered. */
    private void vipWithPersonalOwner() {
        var eleanor = c.customer("ashcombe");
        r.newCase(eleanor, "Meridian perpetual calendar: after-sale check-in")
                .team(c.devices())
                .tags("vip", "check-in", "meridian")
                .openedOnCall(r.daysAgo(38, "05:30"), c.claire())
                .call(r.daysAgo(38, "05:30"), c.claire(), OUTBOUND, 11, """
                        Check-in call a week after she collected the Meridian. She couldn't wait for the \
                        anniversary and gave it to Richard early; he wore it to dinner and hasn't taken it off. \
                        Engraving came out beautifully, she said. Bracelet may be a little loose "but he says it's \
                        fine". They're going to Lake Como in June for the anniversary itself.""")
                .note(r.daysAgo(38, "05:48"), c.claire(), """
                        Handwritten card posted today (cream stock): congratulations on forty years, and we hope \
                        Como is everything they wish. Remind me to ask about the bracelet before June.""")
                .status(r.daysAgo(38, "05:50"), c.claire(), RESOLVED)
                .status(r.daysAgo(30, "04:00"), c.claire(), CLOSED);

        r.newCase(eleanor, "Bracelet too loose: sizing before the Como trip")
                .team(c.devices())
                .priority(HIGH)
                .tags("vip", "meridian", "sizing")
                .arrives(r.daysAgo(4, "05:10"), EMAIL, """
                        Dear Claire,

                        I'm afraid you were right about the bracelet. It is a touch loose on Richard after all; he \
                        keeps pushing it up his wrist at dinner, and I worry it will slip off on the boat.

                        We leave for Como in nine days. Could anything be done before then? I would much rather he \
                        didn't know it had gone anywhere.

                        With warm wishes,
                        Eleanor Ashcombe""")
                .assign(r.daysAgo(4, "05:32"), c.claire(), c.claire())
                .call(r.daysAgo(4, "05:46"), c.claire(), OUTBOUND, 7, """
                        Called Mrs. Ashcombe at 11:46 her time. Plan: Mr. Hale, our watchmaker, comes to the \
                        house on Tuesday at 10:00 while Richard is at golf and removes one link on the spot. Twenty \
                        minutes, the watch never leaves the house. She was delighted and asked that he use the \
                        side gate.""")
                .reply(r.daysAgo(4, "06:05"), c.claire(), """
                        Dear Mrs. Ashcombe,

                        Thank you for your call. As we discussed, Mr. Hale will come on Tuesday at 10:00, by the \
                        side gate, and adjust the bracelet there and then. It takes about twenty minutes, and he'll \
                        bring the spare link back to us for safekeeping in case it is ever needed.

                        I'll telephone on Tuesday afternoon to make sure it sits just right.

                        With best wishes,
                        Claire Dubois""", null)
                .note(
                        r.daysAgo(4, "06:10"),
                        c.claire(),
                        "Mr. Hale booked Tuesday 10:00, Hampstead. He'll bring a small card with him: \"For Como, with"
                                + " our very best wishes for the next forty.\"");

        r.newCase(c.customer("tanaka"), "Chronograph clasp does not close firmly")
                .team(c.devices())
                .tags("vip", "meridian", "repair")
                .arrives(r.daysAgo(15, "19:20"), EMAIL, """
                        Dear Ms. Dubois,

                        The folding clasp on my Meridian chronograph (reference MC-2211, purchased 3 March last \
                        year) no longer closes with a firm click. It has not opened by itself, but I do not wish to \
                        wait until it does.

                        Please advise how you would like to proceed.

                        Kind regards,
                        Hiroshi Tanaka""")
                .reply(r.daysAgo(15, "20:02"), c.claire(), """
                        Dear Mr. Tanaka,

                        Thank you for writing before it became a problem; that is exactly right. The clasp spring \
                        is covered, and our workshop will replace it and inspect the bracelet.

                        We will collect the watch from you with Yamato Transport, insured. Which day and two-hour \
                        window next week suits you, and should the courier come to your office or your home?

                        Kind regards,
                        Claire Dubois""", WAITING_ON_CUSTOMER)
                .inbound(r.daysAgo(14, "18:40"), EMAIL, """
                        Dear Ms. Dubois,

                        Thursday, 14:00 to 16:00, at my office please (address as on file). Thank you.

                        Hiroshi Tanaka""")
                .reply(r.daysAgo(14, "19:15"), c.claire(), """
                        Dear Mr. Tanaka,

                        Confirmed: Yamato Transport on Thursday between 14:00 and 16:00 at your office, \
                        collection reference YT-5512-0938. The workshop will return the watch within 10 working \
                        days of receiving it; I will send you the return tracking number the day it ships.

                        Kind regards,
                        Claire Dubois""", WAITING_ON_THIRD_PARTY)
                .note(
                        r.daysAgo(3, "08:30"),
                        c.claire(),
                        "Workshop: clasp spring replaced, bracelet pins checked, light polish. Ships back tomorrow.")
                .reply(r.daysAgo(2, "19:05"), c.claire(), """
                        Dear Mr. Tanaka,

                        Your chronograph left our workshop this morning with a new clasp spring; the bracelet \
                        pins were also checked and the case lightly polished. Yamato tracking 4419-2207-6631, \
                        expected at your office on Tuesday.

                        Kind regards,
                        Claire Dubois""", WAITING_ON_THIRD_PARTY);

        r.newCase(c.customer("verrier"), "Six engraved desk clocks, hand delivery in Paris")
                .team(c.devices())
                .priority(HIGH)
                .tags("vip", "engraving", "hand-delivery")
                .openedOnCall(r.daysAgo(7, "03:15"), c.claire())
                .call(r.daysAgo(7, "03:15"), c.claire(), INBOUND, 12, """
                        M. Verrier called: six Meridian desk clocks for the family's clients, each engraved with \
                        the client's initials, delivered by hand in Paris before the 20th. Gift boxes, no invoice \
                        in the box. Sent him the engraving form.""")
                .reply(r.daysAgo(7, "03:40"), c.claire(), """
                        Cher Monsieur Verrier,

                        Thank you for your call this morning. As agreed, please send me the six sets of initials \
                        using the attached form; I'll return a proof for each before anything is engraved. \
                        Delivery by hand in Paris, in gift boxes, without invoices, before the 20th.

                        Bien à vous,
                        Claire Dubois""", WAITING_ON_CUSTOMER)
                .inbound(r.daysAgo(6, "09:02"), EMAIL, """
                        Chère Madame Dubois,

                        Please find the six sets of initials attached. For Mme Laurent, please use "H.L." without \
                        the middle initial.

                        Cordialement,
                        Antoine Verrier""")
                .note(
                        r.daysAgo(6, "09:30"),
                        c.claire(),
                        "Proofs approved by phone. Workshop confirms 8 working days; our own courier for the hand"
                                + " delivery, not the post.")
                .status(r.daysAgo(6, "09:31"), c.claire(), WAITING_ON_THIRD_PARTY);
    }

    /** Story 5: a warm conversation, a thank-you, a resolved case, and the refund never went out. */
    private void niceButNotFixed() {
        var gary = c.customer("whitman");
        var first = r.newCase(gary, "Charged twice for annual membership")
                .team(c.billing())
                .tags("double-charge", "membership", "refund")
                .arrives(r.daysAgo(26, "10:15"), EMAIL, """
                        Hi there,

                        My card statement shows the annual membership fee of $89.00 twice, both on the 3rd. I \
                        only have one membership as far as I know! Could you take a look?

                        Thanks a bunch,
                        Gary""");
        first.reply(r.daysAgo(26, "13:40"), c.marcus(), """
                        Hi Gary,

                        Thanks for catching that, and sorry about the hassle! You're absolutely right: the renewal \
                        ran twice on the 3rd. I've processed a refund of $89.00 for the duplicate, and you'll see \
                        it back on your card within 3 to 5 business days.

                        Anything else at all, just reply here. Have a fantastic week!
                        Marcus, Billing & Accounts""", WAITING_ON_CUSTOMER)
                .inbound(r.daysAgo(25, "08:02"), EMAIL, """
                        Marcus, you're a star. Quickest customer service I've had all year. Thank you!

                        Gary""")
                .reply(
                        r.daysAgo(25, "09:10"),
                        c.marcus(),
                        "That made my morning, Gary, thank you! Enjoy the rest of your week.\n\nMarcus",
                        RESOLVED);

        r.newCase(gary, "Refund never arrived, and charged twice again")
                .team(c.billing())
                .tags("double-charge", "membership")
                .arrives(r.hoursAgo(3, 25), EMAIL, """
                        Hi,

                        Last month Marcus told me a refund of $89.00 was on its way for a duplicate membership \
                        charge (case #%d). It never arrived. And this month's statement shows a second \
                        "membership renewal" again.

                        I don't want to be a pain, but I'm now out $178.

                        Gary Whitman""".formatted(first.number()));
    }

    /** The everyday work of the billing team around the stories. */
    private void billingAndAccounts() {
        r.newCase(c.customer("brennan"), "Change of mailing address")
                .team(c.billing())
                .priority(LOW)
                .tags("account-details")
                .openedOnCall(r.daysAgo(42, "10:05"), c.priya())
                .call(r.daysAgo(42, "10:05"), c.priya(), INBOUND, 9, """
                        Mr. Brennan moved to a condo: new mailing address 1450 N Lake Shore Dr, Apt 12B, Chicago \
                        60610. Verified identity with date of birth and last payment amount. Spoke slowly and read \
                        the address back twice. Told him I'd confirm in writing.""")
                .reply(r.daysAgo(42, "10:20"), c.priya(), """
                        Dear Mr. Brennan,

                        As promised on the phone, this confirms that your mailing address is now:

                        1450 N Lake Shore Dr, Apt 12B
                        Chicago, IL 60610

                        Statements from next month go there. If anything looks wrong, reply to this email.

                        Priya Raman""", RESOLVED)
                .status(r.daysAgo(35, "09:00"), c.priya(), CLOSED);

        r.newCase(c.customer("jensen"), "Autopay failed after card renewal")
                .team(c.billing())
                .tags("autopay", "payments")
                .arrives(r.daysAgo(36, "19:44"), EMAIL, """
                        Got an email saying my autopay failed. My bank sent me a new card last month (same \
                        number, new expiry). Do I have to set autopay up again? I don't want a late fee.

                        Sam""")
                .reply(r.daysAgo(35, "08:25"), c.noah(), """
                        Hi Sam,

                        Good news: no need to set it up from scratch. Under Account → Payment methods, edit the \
                        card and enter the new expiry date and security code; autopay picks it up from there.

                        I've waived the late fee for this month and re-run the payment for Friday, so nothing will \
                        be late. If the edit gives you any trouble, reply and I'll walk you through it.

                        Noah""", WAITING_ON_CUSTOMER)
                .inbound(r.daysAgo(35, "12:03"), EMAIL, "Done, that was easy. Thanks Noah.")
                .reply(
                        r.daysAgo(35, "13:30"),
                        c.noah(),
                        "Thanks Sam. I see the new card on file and Friday's payment is queued.",
                        RESOLVED)
                .status(r.daysAgo(28, "09:00"), c.noah(), CLOSED);

        r.newCase(c.customer("novak"), "Payoff statement for refinancing")
                .team(c.billing())
                .tags("payoff", "mortgage")
                .arrives(r.daysAgo(21, "14:12"), EMAIL, """
                        Hello,

                        We're refinancing with our credit union and they need a payoff statement good through the \
                        28th. Can you send one to me and to closing@northshorecu.example?

                        Thanks,
                        Emma Novak""")
                .note(
                        r.daysAgo(21, "14:30"),
                        c.priya(),
                        "Third-party authorisation for the credit union is on file (signed 2 weeks ago).")
                .reply(r.daysAgo(21, "15:05"), c.priya(), """
                        Hi Emma,

                        Congratulations on the refinance. The payoff statement, good through the 28th, is \
                        attached, and I've sent a copy to closing@northshorecu.example.

                        If the closing date moves, tell me and I'll issue a new one the same day: the figure \
                        changes with every day of interest.

                        Priya Raman""", RESOLVED)
                .inbound(r.daysAgo(20, "09:15"), EMAIL, "Received, and the credit union has it. Thank you!")
                .status(r.daysAgo(20, "09:40"), c.priya(), RESOLVED);

        r.newCase(c.customer("chen"), "Late fee charged although payment was on time")
                .team(c.billing())
                .priority(HIGH)
                .tags("late-fee", "payments")
                .openedOnCall(r.daysAgo(2, "11:20"), c.marcus())
                .call(r.daysAgo(2, "11:20"), c.marcus(), INBOUND, 17, """
                        Mr. Chen called about a $45 late fee. His bank shows the payment left on the 1st; our \
                        ledger posted it on the 17th. He's been a member nine years and has never been late, and \
                        he was clear he doesn't want to be passed around. Told him I'll keep it myself and call \
                        him back on Thursday with what happened to the payment.""")
                .note(
                        r.daysAgo(2, "11:45"),
                        c.marcus(),
                        "Payment trace requested from the lockbox team: sent 1st, posted 17th, where were the 16"
                                + " days? Fee reversal is pending their answer.")
                .inbound(r.daysAgo(1, "16:40"), EMAIL, """
                        Marcus, attaching the confirmation from my bank for the payment on the 1st, as you asked. \
                        Robert Chen""");

        r.newCase(c.customer("oconnor"), "Sign-in codes never arrive")
                .team(c.billing())
                .tags("online-account", "two-factor")
                .arrives(r.daysAgo(5, "21:10"), EMAIL, """
                        Every time I try to sign in, it says it sent a code to my phone. The code never comes. I \
                        tried five times tonight. I just need to download my statements.""")
                .reply(r.daysAgo(4, "08:50"), c.noah(), """
                        Hi Kevin,

                        Sorry about that: being locked out of your own statements is maddening. The codes go to \
                        the number ending 0104. Is that still your mobile? If it's changed, reply with the new \
                        number and I'll send a one-time link to this email address so you can update it.

                        Noah""", WAITING_ON_CUSTOMER);

        r.newCase(c.customer("holloway"), "Why is my mortgage payment going up?")
                .team(c.billing())
                .tags("escrow", "escrow-analysis")
                .openedOnCall(r.daysAgo(8, "08:40"), c.priya())
                .call(r.daysAgo(8, "08:40"), c.priya(), INBOUND, 11, """
                        Derek called from the road about the escrow analysis letter: payment going up by $212 a \
                        month. Explained: homeowners insurance premium rose by $1,100 and there's a shortage of \
                        $1,436 from last year. He can pay the shortage at once or spread it over 12 months. He'll \
                        decide with his wife this weekend; I'll email him both options in writing.""")
                .reply(r.daysAgo(8, "09:05"), c.priya(), """
                        Hi Derek,

                        Here are the two options we talked about:

                        1. Pay the $1,436 shortage in one go: your monthly payment rises by $92.
                        2. Spread it over 12 months: your monthly payment rises by $212, then drops back by $120 \
                        next year.

                        Just reply with 1 or 2 before the 25th and I'll set it up. If you do nothing, option 2 \
                        applies automatically.

                        Priya""", WAITING_ON_CUSTOMER);

        r.newCase(c.customer("martin"), "Paperless statements missing from the portal")
                .team(c.billing())
                .priority(LOW)
                .tags("online-account", "statements")
                .arrives(r.hoursAgo(5, 40), PORTAL, """
                        I switched to paperless in January but the Documents page only shows statements up to \
                        December. Where are the newer ones?""");

        r.newCase(c.customer("lane"), "Invoices must show the firm's legal name")
                .team(c.billing())
                .tags("invoices", "business-account")
                .arrives(r.daysAgo(17, "10:30"), EMAIL, """
                        Good morning,

                        Our invoices are addressed to "Okafor Lane". Our legal name is "Okafor & Lane LLP", and \
                        our bookkeeper cannot process invoices without it. Please reissue March and April and \
                        correct the account.

                        Grace Lane""")
                .reply(r.daysAgo(17, "11:15"), c.priya(), """
                        Dear Ms. Lane,

                        Thank you. I've corrected the account name to "Okafor & Lane LLP", effective from the \
                        next invoice, and reissued March and April with the correct name (attached). The invoice \
                        numbers stay the same, so nothing changes for your bookkeeper's records.

                        Priya Raman""", RESOLVED)
                .status(r.daysAgo(10, "09:00"), c.priya(), CLOSED);

        r.newCase(c.customer("lin"), "Receipt for last month's team lunches")
                .team(c.billing())
                .priority(LOW)
                .tags("invoices", "business-account")
                .arrives(r.daysAgo(12, "15:02"), CHAT, "Hi! Could I get one combined receipt for April's lunches?")
                .reply(
                        r.daysAgo(12, "15:06"),
                        c.noah(),
                        CHAT,
                        "Hi Mei, sure: the combined receipt for April (4 orders, $2,184.60) is on its way to your"
                                + " inbox now.",
                        RESOLVED)
                .status(r.daysAgo(5, "09:00"), c.noah(), CLOSED);
    }

    /** The everyday work of the devices and orders team around the stories. */
    private void devicesAndOrders() {
        r.newCase(c.customer("lowe"), "Two of six tablets missing from delivery")
                .team(c.devices())
                .priority(HIGH)
                .tags("delivery", "missing-items", "business-account")
                .arrives(r.daysAgo(11, "13:05"), EMAIL, """
                        Hi,

                        Our order 55-19877 for six tablets arrived this morning in two boxes. Box 1 had four \
                        tablets. Box 2 never came, though tracking says "delivered". We set up the new check-in \
                        desk on Monday and need all six.

                        Karen Lowe, Cedar Ridge Dental""")
                .reply(r.daysAgo(11, "14:10"), c.sofia(), """
                        Hi Karen,

                        I'm sorry, that's a box missing with the check-in desk four days away. I've opened a trace \
                        with the carrier for box 2 (reference TR-220931). They answer within 48 hours.

                        So that Monday doesn't depend on them: if the trace hasn't found the box by Friday noon, I \
                        send two replacement tablets by express on Friday to arrive Saturday. Either way you'll \
                        hear from me by Friday 2 pm your time.

                        Sofía""", WAITING_ON_THIRD_PARTY)
                .note(
                        r.daysAgo(10, "09:30"),
                        c.sofia(),
                        "Carrier: box 2 scanned as delivered to the building's mailroom, not the practice. Building"
                                + " manager is checking.");

        r.newCase(c.customer("rossi"), "Laptop screen flickers since the last update")
                .team(c.devices())
                .tags("laptop", "display", "software-update")
                .arrives(r.daysAgo(3, "03:40"), EMAIL, """
                        Hello,

                        Since the update last week, the screen of my Corvo 14 flickers whenever the brightness is \
                        below 50%. On the external monitor everything is fine. It's a studio machine and I work on \
                        colour all day, so this is a problem.

                        Giulia""")
                .reply(r.daysAgo(3, "04:30"), c.sofia(), """
                        Ciao Giulia,

                        Thank you for the detail; it's a known issue with display driver 31.2 on the Corvo 14 at \
                        low brightness. The fix (31.4) is due next week. Until then, rolling back the driver \
                        stops the flicker: Settings → Display → Driver → Roll back. It keeps your colour profile.

                        I'll write to you the day 31.4 is out.

                        Sofía""", OPEN)
                .inbound(
                        r.daysAgo(2, "05:10"),
                        EMAIL,
                        "Rolled back, the flicker is gone. I'll wait for your message about the fix. Grazie!");

        r.newCase(c.customer("bello"), "Wrong colour delivered")
                .team(c.devices())
                .tags("wrong-item", "exchange")
                .arrives(r.daysAgo(18, "12:30"), CHAT, """
                        Hi, I ordered the Aster 12 case in sage green and got a pink one. Can I swap it without \
                        paying postage? I'm a student and it's a birthday present for my sister on Saturday.""")
                .reply(r.daysAgo(18, "12:36"), c.claire(), CHAT, """
                        Hi Aisha, sorry, our mistake, so no postage for you. The sage green case goes out today by \
                        first class and should arrive Thursday, well before Saturday. Keep the pink one or give it \
                        away; there's no need to send it back.""", RESOLVED)
                .inbound(r.daysAgo(15, "17:20"), CHAT, "It arrived, she loves it. Thank you!!")
                .status(r.daysAgo(15, "17:25"), c.claire(), RESOLVED)
                .status(r.daysAgo(8, "09:00"), c.claire(), CLOSED);

        r.newCase(c.customer("kowalski"), "Order stuck in \"processing\" for nine days")
                .team(c.devices())
                .tags("order-delay")
                .arrives(r.daysAgo(27, "07:55"), EMAIL, """
                        Hello, my order 55-20112 (e-reader) has said "processing" for nine days. No email, no \
                        tracking. Is it coming at all?

                        Nadia""")
                .reply(r.daysAgo(27, "08:40"), c.sofia(), """
                        Dzień dobry Nadia,

                        I'm sorry you had to ask. Your order was held because the billing and delivery postcodes \
                        didn't match, and the email asking you to confirm never went out. That's our fault. I've \
                        released it; it shipped this morning with DPD, tracking 1501-8812-22. Delivery is \
                        expected Thursday.

                        Sofía""", RESOLVED)
                .status(r.daysAgo(20, "09:00"), c.sofia(), CLOSED);

        r.newCase(c.customer("moreau"), "Return label never arrived")
                .team(c.devices())
                .priority(LOW)
                .tags("returns")
                .arrives(r.daysAgo(30, "04:10"), EMAIL, """
                        Hello, I requested a return for the headphones (order 55-19950) a week ago and still have \
                        no label. The 30 days end on Friday.

                        Lucas Moreau""")
                .reply(r.daysAgo(30, "05:02"), c.sofia(), """
                        Bonjour Lucas,

                        The label is attached to this email. And don't worry about Friday: I've extended your \
                        return window by 14 days, since the delay was ours.

                        Sofía""", RESOLVED)
                .status(r.daysAgo(22, "09:00"), c.sofia(), CLOSED);

        r.newCase(c.customer("zhang"), "Trade-in offer lower than the quote")
                .team(c.devices())
                .tags("trade-in")
                .arrives(r.daysAgo(6, "17:25"), CHAT, """
                        I was quoted $240 for my old phone online. Now I got an email offering $95 because of \
                        "screen damage". There's no damage, it's been in a case since day one.""")
                .reply(r.daysAgo(6, "17:31"), c.dana(), CHAT, """
                        Hi Wei, I'm sorry, that's a big difference to be surprised by. The inspection photo shows \
                        marks at the top edge, which could be the screen protector rather than the screen. Could \
                        you send a photo of the phone with the protector removed? If the screen is clean, you get \
                        the full $240.""", WAITING_ON_CUSTOMER);

        r.newCase(c.customer("park"), "Left earbud does not charge")
                .team(c.devices())
                .tags("audio", "warranty")
                .arrives(r.hoursAgo(1, 20), EMAIL, """
                        Hello. My Tide earbuds (bought 4 months ago): the left one no longer charges in the case. \
                        The light doesn't come on. The right one is fine. I cleaned the contacts. What can I do?

                        Jin Park""");

        r.newCase(c.customer("ortega"), "Install 24 thermostats in Building C")
                .team(c.devices())
                .tags("installation", "bulk-order", "business-account")
                .openedOnCall(r.daysAgo(13, "09:10"), c.claire())
                .call(r.daysAgo(13, "09:10"), c.claire(), INBOUND, 10, """
                        Luis called from site: the 24 thermostats (order 55-19702) arrived, he needs Quickfit to \
                        install them in Building C, occupied units, so tenants need 48 hours' notice. He asked for \
                        two days in a row, mornings only.""")
                .note(
                        r.daysAgo(13, "09:25"),
                        c.claire(),
                        "Asked Quickfit for two consecutive mornings in the next two weeks. Luis needs the dates"
                                + " 3 working days ahead to notify tenants.")
                .status(r.daysAgo(13, "09:26"), c.claire(), WAITING_ON_THIRD_PARTY)
                .call(r.daysAgo(6, "14:00"), c.claire(), OUTBOUND, 4, """
                        Quickfit hasn't confirmed yet. Called Luis so he wasn't left wondering: chasing them daily, \
                        will call him the moment there's a date.""");

        r.newCase(c.customer("gomez"), "Parcel delivered to the wrong address")
                .team(c.devices())
                .priority(HIGH)
                .tags("delivery", "misdelivery")
                .openedOnCall(r.daysAgo(1, "16:05"), c.sofia())
                .call(r.daysAgo(1, "16:05"), c.sofia(), INBOUND, 6, """
                        Patricia called in a hurry: the blood-pressure monitor for her mother (order 55-20388) \
                        shows delivered, with a photo of a door that isn't hers. She needs it for her mother's \
                        appointment on Monday. Offered a call-back instead of a hold; she's expecting my call \
                        tomorrow morning.""")
                .note(r.daysAgo(1, "16:20"), c.sofia(), """
                        Carrier claim filed (photo proof shows house number 418, she is 481). Replacement \
                        reserved in the warehouse in case the carrier can't recover it by tomorrow 10:00.""");

        r.newCase(c.customer("ruiz"), "Pedido cancelado sin aviso")
                .team(c.devices())
                .tags("order-cancelled", "spanish")
                .arrives(r.daysAgo(16, "02:30"), EMAIL, """
                        Buenos días,

                        Mi pedido 55-20007 (una tableta para mi nieto) aparece como cancelado y nadie me ha \
                        avisado. Su cumpleaños es el sábado. ¿Qué ha pasado?

                        Carmen Ruiz""")
                .reply(r.daysAgo(16, "03:15"), c.sofia(), """
                        Buenos días, Sra. Ruiz:

                        Lo siento mucho. El pedido se canceló porque el banco rechazó el primer cobro, y el correo \
                        que debía avisarle no se envió. He creado un pedido nuevo (55-20016) al mismo precio, con \
                        envío urgente gratuito: llegará el jueves, antes del cumpleaños. Solo tiene que confirmar \
                        el pago con el enlace adjunto.

                        Un saludo cordial,
                        Sofía Herrera""", WAITING_ON_CUSTOMER)
                .inbound(r.daysAgo(16, "05:00"), EMAIL, "Pagado. Muchas gracias, Sofía. Muy amable.")
                .reply(
                        r.daysAgo(16, "05:20"),
                        c.sofia(),
                        "Gracias a usted. Ya está en camino; ¡feliz cumpleaños a su nieto!",
                        RESOLVED);

        r.newCase(c.customer("schmidt"), "Verlängerung der Garantie")
                .team(c.devices())
                .priority(LOW)
                .tags("warranty")
                .arrives(r.daysAgo(34, "03:05"), EMAIL, """
                        Sehr geehrte Damen und Herren,

                        kann ich die Garantie für meinen Drucker (Bestellung 55-18120) auf drei Jahre verlängern, \
                        und erhalte ich dafür eine Rechnung mit ausgewiesener Mehrwertsteuer?

                        Mit freundlichen Grüßen
                        Hannah Schmidt""")
                .reply(r.daysAgo(34, "04:00"), c.sofia(), """
                        Sehr geehrte Frau Schmidt,

                        yes, the extension to three years is possible until 60 days after purchase, so until the \
                        14th. It costs €39.00 including VAT; the invoice shows the VAT separately. You can add it \
                        with the attached link.

                        Mit freundlichen Grüßen
                        Sofía Herrera""", RESOLVED)
                .status(r.daysAgo(27, "09:00"), c.sofia(), CLOSED);

        r.newCase(c.customer("alsayed"), "Phone battery is swelling")
                .team(c.devices())
                .priority(URGENT)
                .tags("safety", "battery", "aster-12")
                .arrives(r.daysAgo(1, "05:50"), EMAIL, """
                        The back of my Aster 12 is lifting at the corner and the phone rocks on the table. I \
                        think the battery is swelling. It's 14 months old. What do I do?

                        Fatima Al-Sayed""")
                .reply(r.daysAgo(1, "06:20"), c.sofia(), """
                        Dear Dr. Al-Sayed,

                        Please stop using and charging the phone now and keep it away from anything flammable; a \
                        swelling battery can overheat. Don't try to press the back down.

                        A courier with a fire-safe bag will collect it tomorrow between 7 and 9 am, since I know \
                        mornings are when you can be reached, and bring a replacement phone at the same time. This \
                        is covered regardless of warranty.

                        Sofía Herrera""", OPEN)
                .note(
                        r.daysAgo(1, "06:30"),
                        c.dana(),
                        "Safety case: reported to product safety. Second swelling report on this model this month.");

        r.newCase(c.customer("adeyemi"), "Lunch for 32 on Thursday, labelled dietary meals")
                .team(c.devices())
                .tags("catering", "business-account")
                .arrives(r.daysAgo(2, "10:05"), EMAIL, """
                        Hi team,

                        Client workshop on Thursday: lunch for 32 at 12:30, from Lantern Street Kitchen. As usual, \
                        one gluten-free and two vegetarian, labelled with names please (list attached). Last time \
                        the labels were missing and it got awkward.

                        Ben""")
                .reply(r.daysAgo(2, "10:40"), c.claire(), """
                        Hi Ben,

                        Booked for Thursday, delivery at 12:15 so it's set up by 12:30. I've sent the kitchen your \
                        list and asked them to photograph the labelled meals before they leave; I'll forward you \
                        the photo as soon as I have it so there are no surprises.

                        Claire""", WAITING_ON_THIRD_PARTY);

        r.newCase(c.customer("shah"), "Quote for replacing the practice's phones")
                .team(c.devices())
                .tags("quote", "business-account")
                .arrives(r.daysAgo(9, "12:15"), EMAIL, """
                        Karen mentioned you could quote for replacing our five desk phones with something that \
                        works with our new scheduling system. Please send me a quote; I approve anything over \
                        $2,000.

                        Dr. Anita Shah""")
                .reply(r.daysAgo(9, "13:30"), c.claire(), """
                        Dear Dr. Shah,

                        The quote is attached: five Harbor desk phones with the scheduling integration, $2,340 \
                        including installation on a Friday, when the practice is closed. It's valid for 30 days. \
                        Reply "approved" and Karen and I will pick a Friday.

                        Claire Dubois""", WAITING_ON_CUSTOMER);

        r.newCase(c.customer("novak"), "Thank you to Sofía")
                .team(c.devices())
                .priority(LOW)
                .tags("compliment")
                .arrives(r.daysAgo(23, "16:45"), EMAIL, """
                        Just wanted to say: Sofía sorted out the oven thermometer mix-up for the bakery in one \
                        email, and then wrote a week later to check it was reading right. Nobody does that. Please \
                        tell her manager.

                        Emma""")
                .reply(r.daysAgo(23, "17:10"), c.dana(), """
                        Emma, thank you for taking the time. I'm Sofía's manager, and I've passed your note on to \
                        her and to the whole team; it's going on our wall.

                        Dana Whitfield""", RESOLVED)
                .status(r.daysAgo(16, "09:00"), c.dana(), CLOSED);
    }
}
