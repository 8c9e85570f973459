/** Shared kernel: the embedded database, time, ids, actors, paging and the API's error language. */
package org.followthrough.platform;
