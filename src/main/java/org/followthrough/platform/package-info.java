/**
 * Shared kernel: the embedded database, time, ids, actors, paging and the web's error language.
 * Open to every module, and depends on none of them.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@Tables(owns = {"flyway_schema_history"})
package org.followthrough.platform;

import org.springframework.modulith.ApplicationModule;
