/** The cases part of the REST API: cases, their timelines, search and the lifecycle as data. */
package org.followthrough.cases.web;
