package org.followthrough.customer;

import java.util.List;
import org.followthrough.identity.SignedInAgent;

/**
 * What the cases module tells the customer pages about a customer's history. Declared here and
 * implemented there, so customers do not depend on cases.
 */
public interface CustomerActivity {

    /** The customer's cases this agent may see, latest activity first. */
    List<CustomerCaseLine> casesOf(CustomerId customer, SignedInAgent viewer, int limit);

    List<CustomerCaseLine> casesOfOrganization(OrganizationId organization, SignedInAgent viewer, int limit);
}
