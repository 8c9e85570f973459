/** The identity part of the REST API: who the agents and teams of this desk are. */
package org.followthrough.identity.web;
