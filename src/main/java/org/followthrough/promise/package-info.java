/**
 * Promises made to customers: recorded, owned, due, and kept, renegotiated or released before they
 * break; broken ones are marked and announced, never lost.
 */
@Tables(
        owns = {"promise", "promise_due_change", "team_promise_policy", "promise_summary"},
        publishes = {"promise_summary"})
package org.followthrough.promise;

import org.followthrough.platform.Tables;
