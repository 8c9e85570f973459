package org.followthrough.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The email of a failed sign-in, kept in the session until the sign-in page shows it once again,
 * so a wrong password costs retyping the password only. Never put in the URL, where it would end
 * up in logs and the browser's history.
 */
public final class SignInAttempt {

    private static final String EMAIL = SignInAttempt.class.getName() + ".email";

    /** Longer than any email address may be: whatever else was typed is not worth keeping. */
    private static final int MAX_LENGTH = 320;

    private SignInAttempt() {}

    static void remember(HttpServletRequest request) {
        var email = request.getParameter("username");
        if (email != null && !email.isBlank() && email.length() <= MAX_LENGTH) {
            request.getSession().setAttribute(EMAIL, email.strip());
        }
    }

    /** The email of the last failed sign-in, once; {@code null} when there was none. */
    public static String takeEmail(HttpSession session) {
        if (session == null) {
            return null;
        }
        var email = session.getAttribute(EMAIL);
        session.removeAttribute(EMAIL);
        return email instanceof String s ? s : null;
    }
}
