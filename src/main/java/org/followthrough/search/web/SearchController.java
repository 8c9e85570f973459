package org.followthrough.search.web;

import java.util.regex.Pattern;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseSearch;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.SignedInAgent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SearchController {

    /** {@code #1042} or {@code 1042}: what an agent types to open a case they know the number of. */
    private static final Pattern CASE_NUMBER = Pattern.compile("#?(\\d{1,12})");

    private final CaseSearch cases;
    private final CaseQueries caseQueries;
    private final CaseAccess access;
    private final CustomerQueries customers;

    SearchController(CaseSearch cases, CaseQueries caseQueries, CaseAccess access, CustomerQueries customers) {
        this.cases = cases;
        this.caseQueries = caseQueries;
        this.access = access;
        this.customers = customers;
    }

    /**
     * A case number opens that case when the agent may read it; otherwise, and for everything else,
     * the results page (a number may also be in an order or a phone number).
     */
    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var scope = access.scopeOf(me);
        var number = CASE_NUMBER.matcher(q.strip());
        if (number.matches()) {
            var found = caseQueries.findByNumber(Long.parseLong(number.group(1)), scope);
            if (found.isPresent()) {
                return "redirect:/cases/" + found.get().number();
            }
        }
        model.addAttribute("q", q);
        model.addAttribute("cases", cases.search(q, scope, 30));
        model.addAttribute("customers", customers.search(q, 10));
        return "search/results";
    }
}
