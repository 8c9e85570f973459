package org.followthrough.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of {@code /api/v1}: served at {@code /v3/api-docs}, browsable at {@code /api/docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI followthroughApi() {
        return new OpenAPI()
                .info(new Info().title("Followthrough API").version("v1").description("""
                                Cases, customers and their timelines for integrators.

                                * Authenticate every request with an API token: `Authorization: Bearer ft_...`. \
                                A token acts with the rights of the agent it belongs to.
                                * Errors are RFC 9457 problem documents; input errors name the offending field \
                                in `errors[].field`. A request either succeeds whole or changes nothing.
                                * Lists are keyset-paginated: pass the `nextCursor` of one page as `cursor` to \
                                get the next; `limit` is 25 by default and at most 100.
                                * Enumerated values are lower snake case (`waiting_on_customer`); \
                                any case is accepted.
                                * `PATCH` takes a JSON merge patch (RFC 7396): absent fields stay, \
                                `null` removes a value where that is allowed.

                                [Back to Followthrough](/admin/api)"""))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token issued to an agent by an admin.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
