package org.followthrough.cases;

import org.followthrough.testing.IntegrationTest;

/** The access matrix where agents see every case (the default): supervisors still reach only their teams. */
@IntegrationTest
class CaseAccessAllIntegrationTests extends CaseAccessMatrix {

    @Override
    boolean teamsOnly() {
        return false;
    }
}
