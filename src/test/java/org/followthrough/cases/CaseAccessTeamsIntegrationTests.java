package org.followthrough.cases;

import org.followthrough.testing.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

/** The access matrix where agents see their teams' cases, their own, unfiled ones and what is offered to them. */
@IntegrationTest
@TestPropertySource(properties = "followthrough.cases.agent-visibility=teams")
class CaseAccessTeamsIntegrationTests extends CaseAccessMatrix {

    @Override
    boolean teamsOnly() {
        return true;
    }
}
