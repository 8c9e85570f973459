package org.followthrough.calendar;

import java.util.Map;
import java.util.function.Function;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;

/**
 * A part of a team's working-time page that another module owns: its fields sit in the same form
 * as the calendar's and are saved with them (promise: how early its agents are reminded). Calendar
 * sits below those modules, so it asks them through this interface instead of calling them.
 */
public interface WorkingTimePart {

    /** The template holding this part's {@code fields} fragment, e.g. {@code promise/working-time}. */
    String template();

    /** What the fragment shows for this team, by model attribute name. */
    Map<String, Object> show(TeamId team);

    /**
     * Checks the submitted form, reading fields by name, before anything on the page is saved;
     * throws {@code InvalidInputException} naming the field otherwise.
     */
    void check(Function<String, String> form);

    /** Saves this part for the team, after every part of the page was checked. */
    void save(TeamId team, Function<String, String> form, Actor by);
}
