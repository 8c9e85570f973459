/** Cases: one problem of one customer, its owner, its lifecycle and its append-only timeline. */
@Tables(
        owns = {"support_case", "case_entry", "case_summary", "saved_view", "case_draft"},
        publishes = {"case_summary"})
package org.followthrough.cases;

import org.followthrough.platform.Tables;
