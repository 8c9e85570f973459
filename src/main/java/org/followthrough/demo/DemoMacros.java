package org.followthrough.demo;

import java.util.Set;
import org.followthrough.cases.CaseStatus;
import org.followthrough.demo.DemoPeople.Cast;
import org.followthrough.macros.Macro;
import org.followthrough.macros.MacroActions;
import org.followthrough.macros.MacroActions.MacroPromise;
import org.followthrough.macros.MacroDesk;
import org.followthrough.macros.MacroScope;
import org.followthrough.macros.PromiseDue;

/** The canned replies a desk like the demo's keeps: shared by Dana for each team, and one of Priya's own. */
final class DemoMacros {

    private final MacroDesk macros;
    private final Cast c;

    DemoMacros(MacroDesk macros, Cast cast) {
        this.macros = macros;
        this.c = cast;
    }

    void play() {
        macros.write(
                MacroScope.SHARED,
                new Macro.Content(
                        "Refund approved",
                        """
                        Dear {{customer.address_as}},

                        Good news: your refund for case #{{case.number}} is approved and on its way. It reaches \
                        your account within three business days; I'll check that it has arrived.

                        {{agent.name}}, {{team.name}}""",
                        new MacroActions(
                                CaseStatus.WAITING_ON_THIRD_PARTY,
                                Set.of("refund"),
                                null,
                                new MacroPromise(
                                        "Confirm the refund reached the account",
                                        PromiseDue.parse("BUSINESS_DAYS:3")))),
                c.billing().id(),
                c.dana().actor());
        macros.write(
                MacroScope.SHARED,
                new Macro.Content(
                        "Need more details",
                        """
                        Hello {{customer.first_name}},

                        Thank you for getting in touch. So I can fix this rather than guess, could you tell me:

                        - what you were doing when it happened,
                        - what you expected, and what you saw instead,
                        - and, if you can, a screenshot or the exact error message.

                        {{agent.first_name}}""",
                        new MacroActions(CaseStatus.WAITING_ON_CUSTOMER, Set.of(), null, null)),
                null,
                c.dana().actor());
        macros.write(
                MacroScope.SHARED,
                new Macro.Content(
                        "Replacement device shipped",
                        """
                        Hello {{customer.first_name}},

                        Your replacement is on its way; the tracking number follows by email today. Once it has \
                        arrived, reply here and I'll make sure everything works before we close case \
                        #{{case.number}}.

                        {{agent.first_name}}, {{team.name}}""",
                        new MacroActions(
                                CaseStatus.WAITING_ON_CUSTOMER,
                                Set.of("replacement"),
                                null,
                                new MacroPromise("Send the tracking number", PromiseDue.parse("END_OF_TODAY")))),
                c.devices().id(),
                c.dana().actor());
        macros.write(
                MacroScope.PERSONAL,
                new Macro.Content(
                        "Escrow team checking",
                        """
                        Dear {{customer.address_as}},

                        I've asked our escrow team to check the payment today and will call you with what they \
                        find by tomorrow afternoon.

                        Priya""",
                        new MacroActions(
                                null,
                                Set.of("escrow"),
                                null,
                                new MacroPromise(
                                        "Call with what escrow found", PromiseDue.parse("END_OF_NEXT_BUSINESS_DAY")))),
                null,
                c.priya().actor());
    }
}
