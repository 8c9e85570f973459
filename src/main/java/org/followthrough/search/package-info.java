/** One search box over cases, their timelines and customers. */
package org.followthrough.search;
