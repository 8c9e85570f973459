/** "Needs you now": what is waiting on an agent across modules (promises due, offers to answer, alerts). */
package org.followthrough.attention;
