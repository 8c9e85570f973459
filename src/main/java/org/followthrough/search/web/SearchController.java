package org.followthrough.search.web;

import org.followthrough.cases.CaseSearch;
import org.followthrough.customer.Customers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SearchController {

    private final CaseSearch cases;
    private final Customers customers;

    SearchController(CaseSearch cases, Customers customers) {
        this.cases = cases;
        this.customers = customers;
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("cases", cases.search(q, 30));
        model.addAttribute("customers", customers.search(q, 10));
        return "search/results";
    }
}
