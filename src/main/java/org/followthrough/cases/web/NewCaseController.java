package org.followthrough.cases.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Priority;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.customer.Phone;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Opening a case on behalf of a customer who called, wrote or walked in. */
@Controller
class NewCaseController {

    private static final List<Channel> CHANNELS =
            List.of(Channel.PHONE, Channel.EMAIL, Channel.CHAT, Channel.IN_PERSON, Channel.PORTAL);

    private final CaseDesk desk;
    private final CustomerQueries customers;
    private final CustomerDesk customerDesk;
    private final AgentQueries agents;
    private final TransactionTemplate transaction;

    NewCaseController(
            CaseDesk desk,
            CustomerQueries customers,
            CustomerDesk customerDesk,
            AgentQueries agents,
            TransactionTemplate transaction) {
        this.desk = desk;
        this.customers = customers;
        this.customerDesk = customerDesk;
        this.agents = agents;
        this.transaction = transaction;
    }

    /** What the form holds, so that a refused form comes back as it was typed. */
    record NewCaseForm(
            String customerId,
            String name,
            String email,
            String phone,
            String subject,
            @Text.MultiLine String body,
            String channel,
            String priority,
            String teamId,
            String ownerId,
            String tags) {}

    @GetMapping("/cases/new")
    String form(
            @RequestParam(required = false) UUID customerId, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var team = agents.teamsOf(me.id()).stream()
                .findFirst()
                .map(t -> t.id().toString())
                .orElse("");
        var form = new NewCaseForm(
                null, "", "", "", "", "", "PHONE", "NORMAL", team, me.id().toString(), "");
        return show(form, customerId == null ? null : customers.get(new CustomerId(customerId)), null, model);
    }

    @PostMapping("/cases")
    String open(@ModelAttribute NewCaseForm form, @AuthenticationPrincipal SignedInAgent me, Model model) {
        try {
            Text.check(form);
            var opened = transaction.execute(status -> {
                var customer = customerFor(form, me);
                return desk.open(
                        new CaseDesk.OpenCase(
                                customer.id(),
                                form.subject(),
                                form.body(),
                                Channel.valueOf(form.channel()),
                                Priority.valueOf(form.priority()),
                                blank(form.teamId()) ? null : new TeamId(UUID.fromString(form.teamId())),
                                blank(form.ownerId()) ? null : new AgentId(UUID.fromString(form.ownerId())),
                                blank(form.tags())
                                        ? null
                                        : new LinkedHashSet<>(
                                                Arrays.asList(form.tags().split("[,\\s]+")))),
                        me.actor());
            });
            return "redirect:/cases/" + opened.number();
        } catch (InvalidInputException | ConflictException | IllegalArgumentException e) {
            var customer = blank(form.customerId())
                    ? null
                    : customers
                            .find(new CustomerId(UUID.fromString(form.customerId())))
                            .orElse(null);
            return show(form, customer, e.getMessage(), model);
        }
    }

    private CustomerView customerFor(NewCaseForm form, SignedInAgent me) {
        if (!blank(form.customerId())) {
            return customers.get(new CustomerId(UUID.fromString(form.customerId())));
        }
        if (!blank(form.email()) && blank(form.phone())) {
            // The same lock the API and email intake use: two agents typing in one new address make one customer.
            return customerDesk.findOrCreate(form.name(), form.email(), me.actor());
        }
        if (!blank(form.email())) {
            return customers.findByEmail(form.email()).orElseGet(() -> customerDesk.create(details(form), me.actor()));
        }
        if (blank(form.name())) {
            throw new InvalidInputException("customer", "choose a customer, or give a new customer's name");
        }
        return customerDesk.create(details(form), me.actor());
    }

    private static CustomerDetails details(NewCaseForm form) {
        return CustomerDetails.contact(
                form.name(),
                blank(form.email()) ? List.of() : List.of(form.email()),
                blank(form.phone()) ? List.of() : List.of(new Phone(form.phone(), "")));
    }

    private String show(NewCaseForm form, CustomerView customer, String error, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("customer", customer);
        model.addAttribute("error", error);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("teams", agents.teams());
        model.addAttribute("agents", agents.active());
        return "cases/new";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
