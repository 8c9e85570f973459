/**
 * Promises made to customers: recorded, owned, due, and kept, renegotiated or released before they
 * break; broken ones are marked and announced, never lost.
 */
package org.followthrough.promise;
