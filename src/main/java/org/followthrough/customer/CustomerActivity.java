package org.followthrough.customer;

import java.util.List;

/**
 * What the cases module tells the customer pages about a customer's history. Declared here and
 * implemented there, so customers do not depend on cases.
 */
public interface CustomerActivity {

    List<CustomerCaseLine> casesOf(CustomerId customer, int limit);

    List<CustomerCaseLine> casesOfOrganization(OrganizationId organization, int limit);
}
