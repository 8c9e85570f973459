/** Customers, their organizations and segments: who the people we serve are and what matters to them. */
package org.followthrough.customer;
