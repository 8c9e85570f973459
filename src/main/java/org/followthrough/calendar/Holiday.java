package org.followthrough.calendar;

import java.time.LocalDate;

/** A day a team does not work, as admins name it ("Christmas Day"). */
public record Holiday(LocalDate day, String name) {}
