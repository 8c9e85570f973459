package org.followthrough.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Admin › API: how integrations authenticate (the tokens this module issues) and where the OpenAPI
 * document and Swagger UI are, inside the console so there is a way back.
 */
@Controller
class ApiDocsController {

    @GetMapping("/admin/api")
    String api() {
        return "admin/api";
    }
}
