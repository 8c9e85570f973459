/** Each agent's choice of how their alerts reach them. */
package org.followthrough.notifications.web;
