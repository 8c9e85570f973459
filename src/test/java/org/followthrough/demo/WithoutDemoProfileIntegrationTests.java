package org.followthrough.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.followthrough.customer.CustomerQueries;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A production start knows nothing of the demo: no demo beans, no demo people. */
@IntegrationTest
class WithoutDemoProfileIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    CustomerQueries customers;

    @Test
    void productionStartHasNoDemoDataNorDemoClock() {
        assertThat(context.getBeanNamesForType(DemoData.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DemoPeople.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DemoClock.class)).isEmpty();
        assertThat(customers.findByEmail(DemoPeople.ESCROW_CUSTOMER)).isEmpty();
    }
}
