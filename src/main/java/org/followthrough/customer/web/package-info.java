/** The customers part of the REST API under {@code /api/v1/customers}. */
package org.followthrough.customer.web;
