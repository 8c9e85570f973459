/** Customers, their organizations and segments: who the people we serve are and what matters to them. */
@Tables(
        owns = {"customer", "customer_email", "customer_phone", "organization", "segment", "customer_summary"},
        publishes = {"customer_summary"})
package org.followthrough.customer;

import org.followthrough.platform.Tables;
