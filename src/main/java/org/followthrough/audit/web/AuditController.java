package org.followthrough.audit.web;

import org.followthrough.audit.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log for admins: every change, newest first, optionally of one kind of thing. */
@Controller
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(
            @RequestParam(required = false) String entity, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("entity", entity);
        model.addAttribute("slice", audit.recent(entity, cursor, 100));
        return "admin/audit";
    }
}
