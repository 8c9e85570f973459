package org.followthrough.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The database objects a module owns, on its {@code package-info.java} (ADR 017). Only the owner
 * writes them and only the owner's SQL names its tables; other modules read what the owner
 * {@link #publishes() publishes}: views it keeps stable as its SQL interface. {@code
 * SqlBoundaryIntegrationTests} holds every module to this and every table in the database to an
 * owner.
 */
@Documented
@Target(ElementType.PACKAGE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Tables {

    /** Tables and views only this module's SQL names. */
    String[] owns() default {};

    /** Views of this module that other modules' SQL may read (never write). */
    String[] publishes() default {};
}
