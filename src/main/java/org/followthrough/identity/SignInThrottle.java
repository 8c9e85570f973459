package org.followthrough.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Sql;
import org.followthrough.platform.TooManyAttemptsException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Backs off guessing: failed sign-ins are counted per account and per address, bad API tokens per
 * address, in PostgreSQL so every app node sees the same count. Past a threshold each further
 * failure doubles the wait, up to an hour; while it lasts, attempts are refused without looking at
 * the password, so even the right one does not get in. Every failure is in the audit log.
 */
@Service
public class SignInThrottle {

    /** How a kind of counter backs off. */
    enum Kind {
        // An account under attack waits after 5 wrong passwords in a day; an admin can lift it.
        ACCOUNT(5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24)),
        // One address may mistype more (an office behind one NAT), but not spray many accounts.
        ADDRESS(20, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1)),
        // Bad bearer tokens from one address.
        TOKEN(20, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1));

        final int threshold;
        final Duration firstWait;
        final Duration longestWait;
        final Duration forgetAfter;

        Kind(int threshold, Duration firstWait, Duration longestWait, Duration forgetAfter) {
            this.threshold = threshold;
            this.firstWait = firstWait;
            this.longestWait = longestWait;
            this.forgetAfter = forgetAfter;
        }

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The wait after the {@code failures}-th failure in a row, or null below the threshold. */
        Duration waitAfter(int failures) {
            if (failures < threshold) {
                return null;
            }
            int doublings = Math.min(failures - threshold, 20);
            var wait = firstWait.multipliedBy(1L << doublings);
            return wait.compareTo(longestWait) > 0 ? longestWait : wait;
        }
    }

    /** An account's failed sign-ins since its last success, and until when it is blocked, if it is. */
    public record Lockout(int failures, Instant blockedUntil) {

        public boolean blockedAt(Instant now) {
            return blockedUntil != null && blockedUntil.isAfter(now);
        }
    }

    private static final Duration KEEP = Duration.ofDays(2);

    private final JdbcClient db;
    private final Clock clock;
    private final AuditLog audit;

    SignInThrottle(JdbcClient db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** Refuses a sign-in (or a password check) for this account or from this address while backed off. */
    public void refuseIfBlocked(String email, String address) {
        var now = clock.instant();
        blockedUntil(now, Kind.ACCOUNT, account(email), Kind.ADDRESS, address(address))
                .ifPresent(until -> {
                    throw new TooManyAttemptsException(until, Duration.between(now, until));
                });
    }

    /** Refuses bearer tokens from this address while backed off. */
    public void refuseTokensIfBlocked(String address) {
        var now = clock.instant();
        blockedUntil(now, Kind.TOKEN, address(address), Kind.TOKEN, address(address))
                .ifPresent(until -> {
                    throw new TooManyAttemptsException(until, Duration.between(now, until));
                });
    }

    /**
     * Counts a wrong password for {@code email} (of {@code agent}, when such an agent exists) from
     * {@code address}, and answers until when further attempts are refused, if they now are.
     */
    @Transactional
    public Optional<Instant> failed(String email, AgentId agent, String address) {
        var now = clock.instant();
        forgetOld(now);
        var account = count(now, Kind.ACCOUNT, account(email));
        var fromAddress = count(now, Kind.ADDRESS, address(address));
        var until = later(account.until(), fromAddress.until());
        var details = new LinkedHashMap<String, Object>();
        details.put("email", account(email));
        details.put("address", address(address));
        details.put("failures", account.failures());
        details.put("failuresFromAddress", fromAddress.failures());
        if (until != null) {
            details.put("blockedUntil", until.toString());
        }
        audit.record(
                actor(address),
                agent == null ? "sign_in" : "agent",
                agent == null ? keyId("account", account(email)) : agent.value(),
                until == null ? "sign_in_failed" : "sign_in_failed_blocked",
                null,
                details);
        return Optional.ofNullable(until);
    }

    /** Counts a bad bearer token from {@code address}; answers until when tokens from there are refused. */
    @Transactional
    public Optional<Instant> tokenFailed(String address) {
        var now = clock.instant();
        forgetOld(now);
        var count = count(now, Kind.TOKEN, address(address));
        var details = new LinkedHashMap<String, Object>();
        details.put("address", address(address));
        details.put("failures", count.failures());
        if (count.until() != null) {
            details.put("blockedUntil", count.until().toString());
        }
        audit.record(
                actor(address),
                "sign_in",
                keyId("token", address(address)),
                count.until() == null ? "api_token_refused" : "api_token_refused_blocked",
                null,
                details);
        return Optional.ofNullable(count.until());
    }

    /** A right password: the account's count starts again (the address's does not). */
    public void succeeded(String email) {
        db.sql("delete from sign_in_throttle where kind = 'account' and key = ?")
                .param(account(email))
                .update();
    }

    public Lockout lockout(AgentView agent) {
        return db.sql("select failures, blocked_until from sign_in_throttle where kind = 'account' and key = ?")
                .param(account(agent.email()))
                .query((rs, n) -> new Lockout(rs.getInt("failures"), Sql.instant(rs, "blocked_until")))
                .optional()
                .orElse(new Lockout(0, null));
    }

    /** An admin lifts an account's back-off: its failed sign-ins are forgotten. */
    @Transactional
    public void lift(AgentView agent) {
        var before = lockout(agent);
        db.sql("delete from sign_in_throttle where kind = 'account' and key = ?")
                .param(account(agent.email()))
                .update();
        var was = new LinkedHashMap<String, Object>();
        was.put("failures", before.failures());
        if (before.blockedUntil() != null) {
            was.put("blockedUntil", before.blockedUntil().toString());
        }
        audit.record(CurrentActor.get(), "agent", agent.id().value(), "sign_in_unblocked", was, null);
    }

    private record Count(int failures, Instant until) {}

    private Count count(Instant now, Kind kind, String key) {
        int failures = db.sql("""
                insert into sign_in_throttle as t (kind, key, failures, last_failure_at)
                values (?, ?, 1, ?)
                on conflict (kind, key) do update set
                    failures = case when t.last_failure_at < ? then 1 else t.failures + 1 end,
                    blocked_until = case when t.last_failure_at < ? then null else t.blocked_until end,
                    last_failure_at = excluded.last_failure_at
                returning failures""")
                .params(
                        kind.column(),
                        key,
                        Sql.ts(now),
                        Sql.ts(now.minus(kind.forgetAfter)),
                        Sql.ts(now.minus(kind.forgetAfter)))
                .query(Integer.class)
                .single();
        var wait = kind.waitAfter(failures);
        if (wait == null) {
            return new Count(failures, null);
        }
        var until = now.plus(wait);
        db.sql("update sign_in_throttle set blocked_until = ? where kind = ? and key = ?")
                .params(Sql.ts(until), kind.column(), key)
                .update();
        return new Count(failures, until);
    }

    private Optional<Instant> blockedUntil(Instant now, Kind kind1, String key1, Kind kind2, String key2) {
        return db.sql("""
                select blocked_until from sign_in_throttle
                where ((kind = ? and key = ?) or (kind = ? and key = ?)) and blocked_until > ?
                order by blocked_until desc limit 1""")
                .params(kind1.column(), key1, kind2.column(), key2, Sql.ts(now))
                .query((rs, n) -> Sql.instant(rs, "blocked_until"))
                .optional();
    }

    private void forgetOld(Instant now) {
        db.sql(
                        "delete from sign_in_throttle where last_failure_at < ? and (blocked_until is null or blocked_until < ?)")
                .params(Sql.ts(now.minus(KEEP)), Sql.ts(now))
                .update();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String account(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String address(String address) {
        return address == null || address.isBlank() ? "unknown" : address;
    }

    private static Actor actor(String address) {
        return new Actor(Actor.Type.SYSTEM, null, "sign-in from " + address(address));
    }

    /** The audit log wants an entity id; an unknown email or an address gets a stable one. */
    private static UUID keyId(String kind, String key) {
        return UUID.nameUUIDFromBytes((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
