/** Agents, teams, roles, sign-in and API tokens: who may do what. */
package org.followthrough.identity;
