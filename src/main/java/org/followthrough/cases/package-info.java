/** Cases: one problem of one customer, its owner, its lifecycle and its append-only timeline. */
package org.followthrough.cases;
